/**
 * Content rules skip over-long lines and documents with one info message;
 * formatting rules still see everything.
 */
import { describe, expect, it } from 'vitest';
import noDuplicateLines from '../../rules/no-duplicate-lines.js';
import noTrailingSpaces from '../../rules/no-trailing-spaces.js';
import { resolveConfig } from '../../src/config/config.js';
import { Linter } from '../../src/core/lint.js';
import type { ContentLimits } from '../../src/core/limits.js';

const rules = [noTrailingSpaces, noDuplicateLines].map((rule) => ({ rule, severity: 'warn' as const, options: rule.meta.defaultOptions }));
const small: ContentLimits = { maxLineLength: 20, maxDocumentLength: 200 };
const caption = 'Photo: Reuters staff';

function report(text: string, limits: ContentLimits): string[] {
  return new Linter(rules, limits).lint(text).messages.map((m) => `${m.line === undefined ? 'file' : `${m.line}:${m.column}`} ${m.fatal === undefined ? 'info' : 'warn'} ${m.ruleId ?? '-'} ${m.reason}`);
}

describe('content limits', () => {
  const cases: Array<{ name: string; text: string; expected: string[] }> = [
    {
      name: 'lines within the limit are linted by every rule',
      text: `${caption}\n\n${caption}\n`,
      expected: ['3:1 warn no-duplicate-lines Caption repeated from line 1; remove the copy'],
    },
    {
      name: 'one over-long line: content rules skip it, formatting rules still check it',
      text: `${caption}\n\n${caption}x \n${caption}x \n`,
      expected: [
        '3:1 info - Content rules skipped 2 lines (the first is line 3, 22 characters), over limits.maxLineLength (20); only formatting rules checked it. Raise the limit in the config to lint it',
        '3:22 warn no-trailing-spaces Unexpected white space at the end of the line; remove it',
        '4:22 warn no-trailing-spaces Unexpected white space at the end of the line; remove it',
      ],
    },
    {
      name: 'a single over-long line is named with its length',
      text: `${'x'.repeat(25)}\n`,
      expected: ['1:1 info - Content rules skipped line 1 (25 characters), over limits.maxLineLength (20); only formatting rules checked it. Raise the limit in the config to lint it'],
    },
    {
      name: 'an over-long document: only formatting rules run',
      text: `${caption}\n`.repeat(10) + 'end ',
      expected: [
        'file info - Content rules skipped this document: 214 characters, over limits.maxDocumentLength (200); only formatting rules ran. Raise the limit in the config to lint it',
        '11:4 warn no-trailing-spaces Unexpected white space at the end of the line; remove it',
      ],
    },
  ];
  for (const { name, text, expected } of cases) {
    it(name, () => {
      expect(report(text, small)).toEqual(expected);
    });
  }

  it('reads the limits from the config, defaulting the ones not given', () => {
    expect(resolveConfig({ limits: { maxLineLength: 500 } }, 'x.json').limits).toEqual({ maxLineLength: 500, maxDocumentLength: 10_000_000 });
    expect(resolveConfig(undefined, undefined).limits).toEqual({ maxLineLength: 100_000, maxDocumentLength: 10_000_000 });
  });
});
