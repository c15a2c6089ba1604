/**
 * Random scraped documents for the property and fuzz suites: real sentences
 * (the seed corpus in test/fixtures), chrome lines, repeated lines, blank
 * runs, trailing spaces, zero-width and control characters, long lines, CRLF
 * and a byte-order mark. `npm test` runs each property for a few seconds;
 * `npm run fuzz` for as long as CORPUSLINT_FUZZ_SECONDS says, printing the
 * seed of each property (CORPUSLINT_FUZZ_SEED replays one).
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { seedsDir } from '../corpus/seed-corpus.js';

const fuzzSeconds = Number(process.env.CORPUSLINT_FUZZ_SECONDS ?? 0);
export const FUZZING = fuzzSeconds > 0;

/** Settings for one property: a few seconds in `npm test`, the fuzz budget otherwise; the seed is printed when fuzzing. */
export function fuzzParameters(name: string, quickRuns: number): fc.Parameters<unknown> {
  const seed = process.env.CORPUSLINT_FUZZ_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.CORPUSLINT_FUZZ_SEED);
  if (!FUZZING) return { seed, numRuns: quickRuns, interruptAfterTimeLimit: 4000 };
  process.stdout.write(`fuzz: ${name}: seed ${seed} (CORPUSLINT_FUZZ_SEED=${seed} replays it)\n`);
  return {
    seed,
    numRuns: Number.MAX_SAFE_INTEGER,
    interruptAfterTimeLimit: fuzzSeconds * 1000,
    markInterruptAsFailure: false,
    // The figures the README's reliability section quotes; a failure still fails with fast-check's own report.
    reporter: (details) => {
      process.stdout.write(`fuzz: ${name}: ${details.numRuns} inputs in ${fuzzSeconds} s, ${details.failed ? 'FAILED' : 'all passed'} (seed ${seed})\n`);
      if (details.failed) throw new Error(fc.defaultReportMessage(details));
    },
  };
}

/** vitest's per-test limit for a property: its budget plus room for the slowest single input. */
export const PROPERTY_TIMEOUT_MS = (FUZZING ? fuzzSeconds : 4) * 1000 + 60_000;

const realLines = fs
  .readdirSync(seedsDir)
  .filter((name) => name.endsWith('.txt'))
  .flatMap((name) => fs.readFileSync(path.join(seedsDir, name), 'utf8').split('\n'))
  .map((line) => line.trim())
  .filter((line) => line.length > 0);
const sentences = [...new Set(realLines.flatMap((line) => line.split(/(?<=[.!?])\s+/)))].filter((sentence) => sentence.split(' ').length >= 3);

const CHROME_LINES = ['Read more', 'Share this article', 'Leave a Comment', 'Donate now', 'Subscribe to our newsletter', 'Advertisement', 'TT', 'Related Articles'];
const INVISIBLE = ['\u200b', '\u0007', '\u0000', '\u001b[31m', '\ufeff', '\ufffd', '\u0085', '\u00a0', '\u202e'];

const sentence = fc.constantFrom(...sentences);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));
const withInvisible = fc
  .tuple(paragraph, fc.constantFrom(...INVISIBLE), fc.nat())
  .map(([text, character, at]) => text.slice(0, at % (text.length + 1)) + character + text.slice(at % (text.length + 1)));
const longLine = fc.tuple(paragraph, fc.integer({ min: 50, max: 400 })).map(([text, times]) => Array.from({ length: times }, () => text).join(' '));
const line = fc.oneof(
  { weight: 8, arbitrary: paragraph },
  { weight: 2, arbitrary: fc.constantFrom(...CHROME_LINES) },
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fc.tuple(paragraph, fc.constantFrom(' ', '  ', '\t', '\u00a0')).map(([text, space]) => text + space) },
  { weight: 2, arbitrary: withInvisible },
  { weight: 1, arbitrary: longLine },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }).map((text) => text.replace(/[\r\n]/g, '')) },
);

export interface GeneratedDocument {
  text: string;
  newline: '\n' | '\r\n';
  bom: boolean;
}

/** Lines with some repeated nearby (captions printed twice), one line ending throughout. */
export const scrapedDocument: fc.Arbitrary<GeneratedDocument> = fc
  .record({
    lines: fc.array(line, { maxLength: 30 }),
    repeats: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
    newline: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
    finalNewline: fc.boolean(),
    bom: fc.boolean(),
  })
  .map(({ lines, repeats, newline, finalNewline, bom }) => {
    const all = [...lines];
    for (const [from, to] of repeats) if (all.length > 0) all.splice(to % (all.length + 1), 0, all[from % all.length]!);
    const text = all.join(newline) + (finalNewline && all.length > 0 ? newline : '');
    return { text, newline, bom };
  });
