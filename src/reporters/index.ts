// PLACEHOLDER written by the lead so the CLI builds while the reporters are being written.
// The reporters helper owns this file: replace it entirely.
import type { Reporter } from './reporter.js';

const json: Reporter = (reports) =>
  JSON.stringify(
    reports.map((report) => ({
      filePath: report.filePath,
      messages: report.messages.map((m) => ({
        ruleId: m.ruleId ?? null,
        severity: m.fatal ? 2 : 1,
        message: m.reason,
        line: m.line ?? 0,
        column: m.column ?? 0,
        endLine: m.place && 'end' in m.place ? m.place.end.line : undefined,
        endColumn: m.place && 'end' in m.place ? m.place.end.column : undefined,
        fix: m.fix,
      })),
    })),
  );

export const reporters: Record<'stylish' | 'json', Reporter> = { stylish: json, json };
