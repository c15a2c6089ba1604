/**
 * The fix engine's contract, as unit tests of `applyFixes` / `fixText` and as
 * properties over every registered rule (whatever `rules/index.ts` holds when
 * the suite runs, with default options): fixing converges and is idempotent,
 * and no pass of it loses a line that none of the pass's messages points at.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../rules/index.js';
import eolLast from '../rules/eol-last.js';
import noControlCharacters from '../rules/no-control-characters.js';
import noTrailingSpaces from '../rules/no-trailing-spaces.js';
import type { VFileMessage } from 'vfile-message';
import { applyFixes, fixableBy, fixText, MAX_FIX_PASSES } from '../src/core/fix.js';
import { Linter } from '../src/core/lint.js';
import { defineRule, type AnyRule, type FixSafety } from '../src/core/rule.js';
import { splitLines } from '../src/core/text/lines.js';

const RUNS = { numRuns: 150 };

function linterOf(rules: readonly AnyRule[]): Linter {
  return new Linter(rules.map((rule) => ({ rule, severity: 'warn' as const, options: rule.meta.defaultOptions })));
}

/** A rule that replaces the first match of `pattern` per pass, so fixes come one pass at a time. */
function replaceFirst(id: string, pattern: RegExp, replacement: string, fixSafety: FixSafety = 'safe'): AnyRule {
  return defineRule({
    meta: { id, description: id, version: 1, fixable: fixSafety, recommended: 'warn', defaultOptions: {}, optionsSchema: {} },
    create() {
      return {
        check(context) {
          const match = pattern.exec(context.text);
          if (!match) return;
          const start = match.index;
          const end = start + match[0].length;
          context.report({ message: `Unexpected ${JSON.stringify(match[0])}`, start, end, fix: { range: [start, end], text: replacement } });
        },
      };
    },
  });
}

describe('Linter', () => {
  it('runs every configured rule and leaves the rule objects alone', () => {
    const idsBefore = builtinRules.map((rule) => rule.meta.id);
    const file = linterOf([noTrailingSpaces, eolLast]).lint('Caption \nEnd');
    expect(file.messages.map((m) => m.ruleId)).toEqual(['no-trailing-spaces', 'eol-last']);
    expect(builtinRules.map((rule) => rule.meta.id)).toEqual(idsBefore);
    expect(noTrailingSpaces.meta.id).toBe('no-trailing-spaces');
  });
});

describe('applyFixes', () => {
  it('applies fixes in order of their start, whatever order they come in', () => {
    const fixes = [
      { range: [8, 9] as [number, number], text: 'C' },
      { range: [0, 1] as [number, number], text: 'A' },
      { range: [4, 5] as [number, number], text: 'B' },
    ];
    expect(applyFixes('a...b...c', fixes)).toEqual({ text: 'A...B...C', applied: 3, taken: [fixes[1], fixes[2], fixes[0]] });
  });

  it('skips a fix that overlaps one already taken', () => {
    const fixes = [
      { range: [2, 6] as [number, number], text: 'X' },
      { range: [0, 4] as [number, number], text: 'Y' },
      { range: [6, 8] as [number, number], text: 'Z' },
    ];
    expect(applyFixes('0123456789', fixes)).toEqual({ text: 'Y45Z89', applied: 2, taken: [fixes[1], fixes[2]] });
  });

  it('applies insertions at the end of a removal and at the end of the text', () => {
    const fixes = [
      { range: [3, 3] as [number, number], text: '\n' },
      { range: [1, 3] as [number, number], text: '' },
    ];
    expect(applyFixes('a\r\r', fixes)).toEqual({ text: 'a\n', applied: 2, taken: [fixes[1], fixes[0]] });
  });

  it('skips ranges that are reversed or run past the text', () => {
    const fixes = [
      { range: [3, 1] as [number, number], text: 'x' },
      { range: [2, 9] as [number, number], text: 'y' },
    ];
    expect(applyFixes('abcd', fixes)).toEqual({ text: 'abcd', applied: 0, taken: [] });
  });
});

describe('fixText', () => {
  it('re-lints and fixes again until nothing changes', () => {
    const linter = linterOf([replaceFirst('one-space', / {2}/, ' ')]);
    const result = fixText(linter, 'a  b  c  d\n');
    expect(result).toMatchObject({ output: 'a b c d\n', applied: 3, passes: 3, loop: false });
  });

  it('stops and says so when fixes undo each other', () => {
    const linter = linterOf([replaceFirst('a-to-b', /a/, 'b'), replaceFirst('b-to-a', /b/, 'a')]);
    const result = fixText(linter, 'a\n');
    expect(result.loop).toBe(true);
    expect(result.passes).toBeLessThanOrEqual(MAX_FIX_PASSES);
  });

  it('returns the lint of the fixed text', () => {
    const linter = linterOf([noTrailingSpaces, noControlCharacters]);
    const result = fixText(linter, 'Caption \nCaf\uFFFD\n');
    expect(String(result.file.value)).toBe(result.output);
    expect(result.output).toBe('Caption\nCaf\uFFFD\n');
    expect(result.file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual(['2:4 no-control-characters']);
  });

  it('applies unsafe fixes only when asked', () => {
    const linter = linterOf([replaceFirst('no-x', /x/, '', 'unsafe')]);
    expect(fixText(linter, 'axb\n').output).toBe('axb\n');
    expect(fixText(linter, 'axb\n', { unsafe: true }).output).toBe('ab\n');
  });

  it('holds back fixes inside text that an unsafe fix would remove, until that is decided', () => {
    const removeTail = replaceFirst('no-tail', /\nTAIL[\s\S]*$/, '', 'unsafe');
    const linter = linterOf([removeTail, noTrailingSpaces]);
    const text = 'Article \nTAIL teaser \n';
    const safeOnly = fixText(linter, text);
    expect(safeOnly.output).toBe('Article\nTAIL teaser \n');
    expect(safeOnly.file.messages.map((m) => m.ruleId)).toEqual(['no-tail', 'no-trailing-spaces']);
    expect(fixText(linter, text, { unsafe: true }).output).toBe('Article');
  });

  it('combines fixes of several rules at the end of the text', () => {
    const linter = linterOf([eolLast, noControlCharacters]);
    expect(fixText(linter, 'a\r\nb\r').output).toBe('a\r\nb\r\n');
    expect(fixText(linter, 'a\nb\r').output).toBe('a\nb\n');
  });
});

// Texts built from what scraped pages are made of, so the rules have something to find.
const SENTENCES = [
  'North Korea fired warning shots at soldiers who crossed the border.',
  'Putin thanked Kim Jong Un for helping the war effort.',
  'Trump Call with Putin Expected Soon',
  'Photo: AFP / KCNA VIA KCNA WATCH',
  'TT',
  'Share this article',
  'Read more',
  '- US concern -',
  'Seoul said the soldiers withdrew.',
];
const CONTROL_CHARACTERS = ['\u0000', '\u0007', '\u000b', '\u000c', '\r', '\u001b[0m', '\u0092', '\u00e2\u0080\u0099', '\u200b', '\u200d', '\u202e', '\ufeff', '\ufffd'];

const sentence = fc.constantFrom(...SENTENCES);
const withControl = fc
  .tuple(sentence, fc.constantFrom(...CONTROL_CHARACTERS), fc.nat())
  .map(([text, control, at]) => {
    const index = at % (text.length + 1);
    return text.slice(0, index) + control + text.slice(index);
  });
const documentLine = fc.oneof(
  { weight: 5, arbitrary: sentence },
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\t', '  ', '\u00a0') },
  { weight: 2, arbitrary: fc.tuple(sentence, fc.constantFrom(' ', '   ', '\t')).map(([text, space]) => text + space) },
  { weight: 2, arbitrary: withControl },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
const scrapedText = fc
  .record({
    lines: fc.array(documentLine, { maxLength: 24 }),
    newline: fc.constantFrom('\n', '\r\n'),
    mixed: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map(({ lines, newline, mixed, finalNewline }) =>
    lines
      .map((line, index) => {
        const terminator = mixed && index % 3 === 1 ? (newline === '\n' ? '\r\n' : '\n') : newline;
        return index < lines.length - 1 || finalNewline ? line + terminator : line;
      })
      .join(''),
  );
const anyText = fc.oneof({ weight: 4, arbitrary: scrapedText }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) });

describe('fixing with every registered rule', () => {
  const linter = linterOf(builtinRules);

  it('converges, and fixing the output again changes nothing', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = fixText(linter, text);
        expect(once.loop).toBe(false);
        expect(once.passes).toBeLessThan(MAX_FIX_PASSES);
        const twice = fixText(linter, once.output);
        expect(twice.output).toBe(once.output);
        expect(twice.applied).toBe(0);
      }),
      RUNS,
    );
  });

  // Checked pass by pass: a fix can make another line a new finding of the next pass (removing a
  // control character can turn a line into a copy of another), and that line was not pointed at before.
  it('keeps, in each pass, every line that no message of the pass points at', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        let current = text;
        for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
          const messages = linter.lint(current).messages;
          const fixes = messages.flatMap((message) => fixableBy(message, false) ?? []);
          if (fixes.length === 0) return;
          const next = applyFixes(current, fixes).text;
          expectUntouchedLinesKept(current, messages, next);
          if (next === current) return;
          current = next;
        }
      }),
      RUNS,
    );
  });
});

function expectUntouchedLinesKept(text: string, messages: readonly VFileMessage[], output: string): void {
  const ranges = messages.map((message) => {
    const place = message.place;
    const start = place && 'start' in place ? place.start.offset : undefined;
    const end = place && 'end' in place ? place.end.offset : start;
    return [start ?? 0, end ?? text.length] as const;
  });
  const untouched = splitLines(text)
    .filter((line) => !ranges.some(([start, end]) => start <= line.end && end >= line.start))
    .map((line) => line.text);
  const outputLines = splitLines(output).map((line) => line.text);
  let cursor = 0;
  for (const line of untouched) {
    const found = outputLines.indexOf(line, cursor);
    expect(found, `line ${JSON.stringify(line)} kept`).toBeGreaterThanOrEqual(0);
    cursor = found + 1;
  }
}
