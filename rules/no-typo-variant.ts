import { defineRule } from '../src/core/rule.js';
import { documentWords } from '../src/core/text/document-words.js';
import { isDictionaryWord } from '../src/core/text/hunspell.js';
import typoVariantData from './data/typo-variant.json' with { type: 'json' };

interface Options {
  /** Other documents that must share the majority wording before a copy is reported. */
  minAgreeing: number;
  /** Agreeing documents from which the fix is safe. */
  safeAgreeing: number;
}

const FUNCTION_WORDS: ReadonlySet<string> = new Set(typoVariantData.functionWords);
const INFLECTION_SUFFIXES: readonly string[] = typoVariantData.inflectionSuffixes;
const SPELLING_VARIANTS: ReadonlyArray<[RegExp, string]> = typoVariantData.spellingVariants.map(([pattern, replacement]) => [
  new RegExp(pattern!),
  replacement!,
]);

type Edit =
  | { kind: 'substitute'; index: number; own: string; majority: string }
  | { kind: 'dropped'; index: number; word: string };

/**
 * Real-word errors ("rafts on UN sanctions") pass every spell checker; when
 * the same passage occurs in several documents, the copies outvote the odd
 * one. Only small slips are reported: a function word swapped for another,
 * another inflection of the same word, a similar word (one edit apart, or
 * only an apostrophe: its / it's), or a dropped content word. Rewording
 * (synonyms, added words, reordering) and spelling or punctuation conventions
 * are the outlet's choice, not an error.
 */
export default defineRule<Options>({
  meta: {
    id: 'no-typo-variant',
    description: 'Disallow words where one copy of a shared passage differs from what the other copies agree on',
    version: 2,
    fixable: 'sometimes',
    recommended: 'warn',
    usesCorpus: ['passages'],
    defaultOptions: { minAgreeing: 2, safeAgreeing: 3 },
    optionsSchema: {
      type: 'object',
      properties: {
        minAgreeing: { type: 'integer', minimum: 2 },
        safeAgreeing: { type: 'integer', minimum: 2 },
      },
      additionalProperties: false,
    },
  },
  create(options) {
    return {
      check(context) {
        const { corpus, text } = context;
        if (!corpus) return;
        for (const variant of corpus.passageVariants(text, context.filePath, options.minAgreeing, documentWords(context))) {
          // The copy must stand alone against the others, not be one side of an even split.
          if (variant.majorityDocuments < options.minAgreeing || variant.ownDocuments * 2 >= variant.majorityDocuments) continue;
          const edit = smallEdit(variant.ownNorm, variant.majorityNorm);
          if (!edit || !isSlip(edit, variant.own, variant.majority)) continue;
          const copies = `${variant.majorityDocuments} other ${variant.majorityDocuments === 1 ? 'copy' : 'copies'} of this passage`;
          const fixSafety = variant.majorityDocuments >= options.safeAgreeing ? 'safe' : 'unsafe';
          if (edit.kind === 'substitute') {
            const own = variant.own[edit.index]!;
            const replacement = matchCase(variant.majority[edit.index]!, own);
            const start = variant.ownStarts[edit.index]!;
            context.report({
              message: `Unexpected \`${own}\`: ${copies} say \`${replacement}\`; replace it`,
              start,
              end: start + own.length,
              fix: { range: [start, start + own.length], text: replacement },
              fixSafety,
              data: { agreeing: variant.majorityDocuments, expected: replacement },
            });
          } else {
            const word = variant.majority[edit.index]!;
            const separator = text.slice(variant.anchorEnd, variant.anchorStart);
            // The copies disagree on the punctuation around a dropped word, so a one-line gap
            // is rewritten as plain spaces; a gap across lines keeps its line break.
            const fix = separator.includes('\n')
              ? { range: [variant.anchorEnd, variant.anchorEnd] as [number, number], text: ` ${word}` }
              : { range: [variant.anchorEnd, variant.anchorStart] as [number, number], text: ` ${word} ` };
            const start = lastWordStart(text, variant.anchorEnd);
            const end = firstWordEnd(text, variant.anchorStart);
            context.report({
              message: `Missing \`${word}\`: ${copies} say \`${text.slice(start, variant.anchorEnd)} ${word} ${text.slice(variant.anchorStart, end)}\`; insert it`,
              start,
              end,
              fix,
              fixSafety,
              data: { agreeing: variant.majorityDocuments, expected: word },
            });
          }
        }
      },
    };
  },
});

/** The one-word edit that turns this copy's gap into the majority's, if there is exactly one. */
function smallEdit(own: readonly string[], majority: readonly string[]): Edit | undefined {
  if (own.length === majority.length) {
    const differing = own.flatMap((word, index) => (word === majority[index] ? [] : [index]));
    if (differing.length !== 1) return undefined;
    const index = differing[0]!;
    return { kind: 'substitute', index, own: own[index]!, majority: majority[index]! };
  }
  if (majority.length === own.length + 1) {
    for (let index = 0; index < majority.length; index++) {
      const without = [...majority.slice(0, index), ...majority.slice(index + 1)];
      if (without.every((word, i) => word === own[i])) return { kind: 'dropped', index, word: majority[index]! };
    }
  }
  // A copy with an extra word has been edited (an adjective added), not damaged.
  return undefined;
}

/** `ownWords` / `majorityWords`: the gap's words as written, for their case. */
function isSlip(edit: Edit, ownWords: readonly string[], majorityWords: readonly string[]): boolean {
  if (edit.kind === 'dropped') return isContentWord(edit.word);
  const { own, majority } = edit;
  if (/\d/.test(own) || /\d/.test(majority)) return false;
  const ownCanonical = canonicalSpelling(own);
  const majorityCanonical = canonicalSpelling(majority);
  if (ownCanonical === majorityCanonical) return false;
  if (FUNCTION_WORDS.has(own) && FUNCTION_WORDS.has(majority)) return true;
  if (sameStem(own, majority)) return true;
  // Similar-word slips (its / it's, form / from, lose / loose) between words as a writer types them;
  // capitalised ones are names, whose spelling varies by outlet (Zelensky / Zelenskiy).
  const lowerCase = (word: string | undefined) => word !== undefined && word === word.toLowerCase();
  if (!lowerCase(ownWords[edit.index]) || !lowerCase(majorityWords[edit.index])) return false;
  if (britishAndAmerican(own, majority)) return false;
  return ownCanonical.replace(APOSTROPHES, '') === majorityCanonical.replace(APOSTROPHES, '') || isOneDamerauEdit(ownCanonical, majorityCanonical);
}

const APOSTROPHES = /['\u2019]/g;

/** One letter added, dropped or replaced, or two neighbours swapped. */
function isOneDamerauEdit(a: string, b: string): boolean {
  if (a.length < b.length) return isOneDamerauEdit(b, a);
  if (a.length - b.length > 1 || a === b) return false;
  let index = 0;
  while (index < b.length && a[index] === b[index]) index++;
  if (a.length > b.length) return a.slice(index + 1) === b.slice(index);
  if (a.slice(index + 1) === b.slice(index + 1)) return true;
  return a[index] === b[index + 1] && a[index + 1] === b[index] && a.slice(index + 2) === b.slice(index + 2);
}

function isContentWord(word: string): boolean {
  return word.length >= 3 && /^\p{L}/u.test(word) && !FUNCTION_WORDS.has(word);
}

function sameStem(a: string, b: string): boolean {
  if (a.length < 3 || b.length < 3) return false;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (INFLECTION_SUFFIXES.some((suffix) => longer === shorter + suffix)) return true;
  const stemOf = (word: string) => {
    const suffix = INFLECTION_SUFFIXES.filter((s) => word.endsWith(s) && word.length - s.length >= 3).sort((x, y) => y.length - x.length)[0];
    return suffix ? word.slice(0, -suffix.length) : word;
  };
  const stemA = stemOf(a);
  const stemB = stemOf(b);
  return stemA.length >= 3 && (stemA === stemB || stemA === b || stemB === a);
}

/**
 * Spellings the rewrites miss ('ageing' / 'aging', 'mould' / 'mold', 'cosy' / 'cozy'): one word only the
 * British Hunspell dictionary knows, the other only the American one. Asked only for similar-word slips,
 * so a corpus without them never loads the dictionaries.
 */
function britishAndAmerican(a: string, b: string): boolean {
  const britishOnly = (word: string) => isDictionaryWord(word, 'en-GB') && !isDictionaryWord(word, 'en-US');
  const americanOnly = (word: string) => isDictionaryWord(word, 'en-US') && !isDictionaryWord(word, 'en-GB');
  return (britishOnly(a) && americanOnly(b)) || (americanOnly(a) && britishOnly(b));
}

/** One form for the spellings of a word that outlets choose between ("defence" / "defense", "towards" / "toward"). */
function canonicalSpelling(word: string): string {
  return SPELLING_VARIANTS.reduce((form, [pattern, replacement]) => form.replace(pattern, replacement), word);
}

function matchCase(word: string, like: string): string {
  if (like === like.toUpperCase() && like !== like.toLowerCase() && like.length > 1) return word.toUpperCase();
  if (/^\p{Lu}/u.test(like)) return word.charAt(0).toUpperCase() + word.slice(1);
  return /^\p{Lu}\p{Ll}/u.test(word) ? word.toLowerCase() : word;
}

function lastWordStart(text: string, end: number): number {
  let start = end;
  while (start > 0 && /[\p{L}\p{N}'\u2019.\-]/u.test(text.charAt(start - 1))) start--;
  return start;
}

function firstWordEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && /[\p{L}\p{N}'\u2019\-]/u.test(text.charAt(end))) end++;
  return end;
}
