import path from 'node:path';
import { defineRule, type FixSafety } from '../../src/core/rule.js';
import { lineIndexAt } from '../../src/core/text/lines.js';
import channel from '../data/misspelling-channel.json' with { type: 'json' };
import foreignPhrases from '../data/misspelling-foreign-phrases.json' with { type: 'json' };
import { isDictionaryWord, type Language, LANGUAGES } from '../../src/core/text/hunspell.js';
import { type Correction, correctionsOf } from './corrector.js';
import { DOUBTFUL, DocumentWords, type IdVerdict, MAX_VOCABULARY_ENTRIES, MIN_WORD_LENGTH, QUIET, UNSORTED, Vocabulary, type WordEntry } from './vocabulary.js';
import { acceptedWords, readWordsFile } from './word-lists.js';
import { isWholeWord, WordScan } from './words.js';
import { fnvHashLowerAscii } from '../../src/core/text/hash.js';
import { documentWords } from '../../src/core/text/document-words.js';
import { ASCII_ALNUM, HAS_CAPITAL, NO_ID, wordIds, wordOfId, wordShapes } from '../../src/core/text/word-ids.js';

export interface NoMisspellingOptions {
  /** `en` (American or British spellings), `en-US` or `en-GB`. */
  language: Language;
  /** Extra accepted words (case-insensitive). */
  words: string[];
  /** A file of extra accepted words, one a line (`#` starts a comment); relative to the config file that names it. */
  wordsFile: string | null;
  /** Also report unknown words no correction explains. */
  reportWithoutSuggestion: boolean;
}

/**
 * Scraped text is full of words no dictionary lists: names, brands, loanwords,
 * slang, new compounds. So an unknown word is reported only when a noisy
 * channel explains it as a slip: some dictionary word w within two edits has
 * P(w) x P(typed | w) above a threshold (see corrector.ts and
 * data/misspelling-channel.json). A rare word far from any common one
 * ('villanelle', 'hourlong') stays silent; 'thta' (a common word, one swap
 * away) does not.
 */
const DECISION = channel.decision;

/**
 * Longer tokens are not words (base64, DNA, minified code, run-together
 * URLs) and are skipped, which also keeps each judgement bounded; the
 * longest English words in use have about 30 letters.
 */
const MAX_WORD_LENGTH = 40;
/** A hyphenated compound longer than this is a code, an identifier or a URL slug, not prose. */
const MAX_JOINED_LENGTH = 3 * MAX_WORD_LENGTH;
/** A line where fewer than half of the words are English is another language (or a transliteration). */
const MIN_ENGLISH_SHARE = 0.5;
const MIN_WORDS_FOR_LANGUAGE_CHECK = 3;
/** Lines on either side that decide the language of a line too short to tell by itself. */
const LANGUAGE_CONTEXT_LINES = 2;
/** A chunk without white space longer than twice this is an encoded blob or code, not prose (and the test stays bounded). */
const MAX_CHUNK_REACH = 200;
/** Opening quotes and brackets skipped when looking for a sentence start. */
const MAX_OPENERS = 16;

/** Chunks between spaces that are addresses, handles, tags, paths or code, not prose. */
const NOT_PROSE = /^[#@]|[@/\\=_<>{}|~^]|:\/\/|^www\.|\p{L}\.\p{L}{2,}/iu;
const SENTENCE_END = /[.!?:;\u2026]/;
const OPENERS = /[\s"'\u2018\u201c([{*\u2022\u2013\u2014-]/;

// ------------------------------------------------------------ derived forms and foreign phrases
const PREFIXES: readonly string[] = channel.derivation.prefixes;
const PREFIX_SET: ReadonlySet<string> = new Set(PREFIXES);
const SUFFIXES: readonly string[] = [...channel.derivation.suffixes].sort((a, b) => b.length - a.length);
const MIN_STEM_LENGTH = 4;

/** Is `typed` the word `stem` with one of the productive affixes added? */
function isAffixOf(typed: string, stem: string): boolean {
  if (typed.startsWith(stem)) return SUFFIXES.includes(typed.slice(stem.length));
  return typed.endsWith(stem) && PREFIX_SET.has(typed.slice(0, -stem.length));
}

/** A known word of four letters or more plus one productive affix ('uncited', 'teenaged'): evidence against a slip, never proof. */
function isDerivedForm(word: string, known: (word: string) => boolean): boolean {
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length < MIN_STEM_LENGTH || !word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    if (known(stem)) return true;
    // The spelling rules of suffixation: a silent e dropped before a vowel ('influencer'), y turned i ('happiness').
    if (/^[aeiou]/.test(suffix) && !stem.endsWith('e') && known(`${stem}e`)) return true;
    if (stem.endsWith('i') && known(`${stem.slice(0, -1)}y`)) return true;
  }
  for (const prefix of PREFIXES) {
    if (word.length - prefix.length >= MIN_STEM_LENGTH && word.startsWith(prefix) && known(word.slice(prefix.length))) return true;
  }
  return false;
}

/** For each word of a foreign set phrase, the phrases it occurs in, split into words. */
const PHRASES_OF_WORD = new Map<string, string[][]>();
for (const phrase of foreignPhrases.phrases) {
  const words = phrase.split(/[\s-]+/);
  for (const word of new Set(words)) PHRASES_OF_WORD.set(word, [...(PHRASES_OF_WORD.get(word) ?? []), words]);
}

/** Does the word at `start..end` stand inside one of the foreign set phrases ('honoris causa')? */
function inForeignPhrase(text: string, start: number, end: number, word: string): boolean {
  const phrases = PHRASES_OF_WORD.get(word);
  if (!phrases) return false;
  return phrases.some((words) => {
    const at = words.indexOf(word);
    const before = wordsAround(text, start, -1, at);
    const after = wordsAround(text, end, 1, words.length - at - 1);
    return before.join(' ') === words.slice(0, at).reverse().join(' ') && after.join(' ') === words.slice(at + 1).join(' ');
  });
}

const PHRASE_WORD = /[a-z'\u2019]/i;

/** Up to `count` lower-case words before (`direction` -1, nearest first) or after (1) an offset, across spaces and hyphens. */
function wordsAround(text: string, from: number, direction: -1 | 1, count: number): string[] {
  const words: string[] = [];
  let cursor = direction < 0 ? from - 1 : from;
  while (words.length < count) {
    let gap = 0;
    while (gap < 3 && cursor >= 0 && cursor < text.length && /[\s-]/.test(text[cursor]!)) (cursor += direction), gap++;
    if (gap === 0) break;
    let word = '';
    while (word.length < 30 && cursor >= 0 && cursor < text.length && PHRASE_WORD.test(text[cursor]!)) {
      word = direction < 0 ? text[cursor]! + word : word + text[cursor]!;
      cursor += direction;
    }
    if (!word) break;
    words.push(word.toLowerCase().replace(/\u2019/g, "'"));
  }
  return words;
}

// ------------------------------------------------------------ the decision
interface Verdict {
  suggestions: string[];
  fix?: { word: string; safety: FixSafety };
  /** How many times likelier the best correction is than the runner-up (undefined: no runner-up). */
  margin?: number;
}

/**
 * log10 of how likely a slip must be before it is reported: unknown short
 * words, capitalised words, derived forms and words the page repeats are
 * more often real words the dictionary lacks than slips.
 */
function thresholdFor(entry: WordEntry, capitalised: boolean, derived: boolean): number {
  let threshold = DECISION.report;
  if (entry.word.length === 3) threshold += DECISION.threeLetters;
  else if (entry.word.length === 4) threshold += DECISION.fourLetters;
  if (capitalised) threshold += DECISION.capitalised;
  if (entry.count >= 2) threshold += DECISION.repeatedInDocument;
  if (derived) threshold += DECISION.derivedForm;
  return threshold;
}

/**
 * The corrections with the document's say: a word the page itself uses is likelier meant (a cache
 * model), unless the typed word is that word plus an affix ('financials' on a page saying
 * 'financial'), where the page's use speaks for the derived form instead.
 */
function rankInDocument(typed: string, corrections: readonly Correction[], document: DocumentWords): Correction[] {
  const boosted = (word: string) => document.uses(word) && !isAffixOf(typed, word);
  return corrections
    .map((correction) => (boosted(correction.word) ? { ...correction, score: correction.score + DECISION.documentBoost } : correction))
    .sort((a, b) => b.score - a.score || (a.word < b.word ? -1 : 1));
}

/**
 * 'sooo', 'nooo', 'yesss', 'hmmm': a letter held three times or more at the
 * end of a word, or four times anywhere, is a writer drawing a word out, not
 * a slip (a slip doubles a letter: 'beeen', 'weeekend' stay judged).
 */
function isExpressiveLengthening(word: string): boolean {
  return /(.)\1\1$/.test(word) || /(.)\1\1\1/.test(word);
}

/** Two neighbouring letters swapped. */
function isSwapOf(typed: string, word: string): boolean {
  if (typed.length !== word.length) return false;
  let index = 0;
  while (index < typed.length && typed[index] === word[index]) index++;
  return index + 1 < typed.length && typed[index] === word[index + 1] && typed[index + 1] === word[index] && typed.slice(index + 2) === word.slice(index + 2);
}

/**
 * The corrections that can explain the word as a slip, whatever the document: the
 * same for every use of the word in the run, so worked out once (see `WordEntry.candidates`).
 */
function candidatesOf(word: string, language: Language): readonly Correction[] {
  const { corrections: all, asWritten } = correctionsOf(word, language);
  // The channel's other hypothesis: the word was meant as typed, as often as the frequency list has it;
  // not for the other variety's spellings, which en-US and en-GB ask to be reported.
  const otherVariety = language !== 'en' && isDictionaryWord(word, language === 'en-US' ? 'en-GB' : 'en-US');
  let corrections = otherVariety ? all : all.filter((correction) => correction.score > asWritten);
  if (word.length === 3) corrections = corrections.filter((correction) => isSwapOf(word, correction.word));
  return corrections;
}

/**
 * Whether any document could report the word: its best correction, boosted, against the lowest
 * threshold a word of its length has (the adjustments that can only raise it left out). Most
 * doubtful words are names and loanwords far from any common word, and this spares ranking their
 * corrections again in every document that uses them.
 */
function canEverPass(word: string, corrections: readonly Correction[]): boolean {
  if (corrections.length === 0) return false;
  let best = -Infinity;
  for (const correction of corrections) best = Math.max(best, correction.score);
  let lowest = DECISION.report;
  if (word.length === 3) lowest += DECISION.threeLetters;
  else if (word.length === 4) lowest += DECISION.fourLetters;
  lowest += Math.min(0, DECISION.capitalised) + Math.min(0, DECISION.repeatedInDocument) + Math.min(0, DECISION.derivedForm);
  return best + Math.max(0, DECISION.documentBoost) >= lowest;
}

function judge(entry: WordEntry, capitalised: boolean, vocabulary: Vocabulary, document: DocumentWords, reportWithoutSuggestion: boolean): Verdict | undefined {
  if (isExpressiveLengthening(entry.word)) return undefined;
  const corrections = (entry.candidates ??= candidatesOf(entry.word, vocabulary.language));
  // What the test below answers when no correction can pass.
  if (!(entry.reachable ??= canEverPass(entry.word, corrections))) return reportWithoutSuggestion && !capitalised ? { suggestions: [] } : undefined;
  const ranked = rankInDocument(entry.word, corrections, document);
  const best = ranked[0];
  // The derived-form test costs dozens of dictionary look-ups: made only when it can change the answer.
  const passes = (derived: boolean) => best !== undefined && best.score >= thresholdFor(entry, capitalised, derived);
  if (!passes(false) || (passes(false) !== passes(true) && (entry.derived ??= isDerivedForm(entry.word, vocabulary.known)))) {
    return reportWithoutSuggestion && !capitalised ? { suggestions: [] } : undefined;
  }
  if (!best) return undefined;
  const second = ranked[1];
  const suggestions = ranked.filter((correction) => best.score - correction.score <= DECISION.tie).slice(0, 3).map((correction) => correction.word);
  const margin = second ? Math.pow(10, best.score - second.score) : undefined;
  if (suggestions.length > 1) return { suggestions, margin };
  const safe = !second || best.score - second.score >= DECISION.safeMargin;
  return { suggestions, fix: { word: best.word, safety: safe ? 'safe' : 'unsafe' }, margin };
}

/** A capital and lower-case letters; other mixes of case are acronyms and CamelCase. */
const CAPITALISED = /^[A-Z][a-z]+$/;
const CURLY_APOSTROPHE = /\u2019/g;

/** The hyphens that join the parts of a compound (words.ts joiners). */
function isHyphenCode(code: number): boolean {
  return code === 0x2d || code === 0x2010 || code === 0x2011;
}

function hasCurlyApostrophe(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if (text.charCodeAt(at) === 0x2019) return true;
  return false;
}

const SPACE = /\s/;

/**
 * Whether the white-space-delimited chunk holding an offset is an address,
 * handle, tag, path or code rather than prose. Asked in increasing offset
 * order, it remembers the last chunk, so each character is scanned about
 * once however many words a chunk holds; a chunk longer than
 * 2 × MAX_CHUNK_REACH is not prose.
 */
class ChunkTest {
  private start = 0;
  private end = 0;
  private notProse = false;

  constructor(private readonly text: string) {}

  isNotProse(index: number): boolean {
    if (index >= this.start && index < this.end) return this.notProse;
    const text = this.text;
    let start = index;
    while (start > this.end && !SPACE.test(text[start - 1]!)) start--;
    let end = index;
    while (end < text.length && !SPACE.test(text[end]!)) end++;
    this.start = start;
    this.end = end;
    this.notProse = end - start > 2 * MAX_CHUNK_REACH || NOT_PROSE.test(text.slice(start, end));
    return this.notProse;
  }
}

/** `CAPITALISED` of a span of ASCII letters: a capital, then lower-case letters only. */
function isCapitalisedAt(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  if (first < 0x41 || first > 0x5a || end - start < 2) return false;
  for (let at = start + 1; at < end; at++) if (text.charCodeAt(at) < 0x61) return false;
  return true;
}

function isSentenceStart(text: string, index: number): boolean {
  let cursor = index - 1;
  while (cursor >= 0 && index - cursor <= MAX_OPENERS && text[cursor] !== '\n' && OPENERS.test(text[cursor]!)) cursor--;
  return cursor < 0 || text[cursor] === '\n' || SENTENCE_END.test(text[cursor]!);
}

/** "Sri Lanka", "Bigg Boss", "Pos. Piloto": a capital followed by another capital is a name or a label, even at a sentence start. */
function startsNameRun(text: string, end: number): boolean {
  return /^\.?[^\S\r\n]+\p{Lu}/u.test(text.slice(end, end + 5));
}

function matchCase(suggestion: string, typed: string): string {
  return /^[A-Z]/.test(typed) ? suggestion[0]!.toUpperCase() + suggestion.slice(1) : suggestion;
}

function messageFor(typed: string, suggestions: readonly string[]): string {
  if (suggestions.length === 0) return `Unknown word \`${typed}\`; check the spelling or add it to the word list`;
  const quoted = suggestions.map((suggestion) => `\`${matchCase(suggestion, typed)}\``);
  return `Unknown word \`${typed}\`; did you mean ${quoted.join(' or ')}?`;
}

/** Margins are ratios of probabilities; two significant figures are all that a reader can use. */
function roundMargin(margin: number | undefined): number | null {
  if (margin === undefined) return null;
  return Number(margin.toPrecision(2));
}

export default defineRule<NoMisspellingOptions>({
  meta: {
    id: 'no-misspelling',
    description: 'Disallow misspelt words',
    version: 2,
    fixable: 'sometimes',
    recommended: 'warn',
    defaultOptions: { language: 'en', words: [], wordsFile: null, reportWithoutSuggestion: false },
    optionsSchema: {
      type: 'object',
      properties: {
        language: { enum: LANGUAGES },
        words: { type: 'array', items: { type: 'string' } },
        wordsFile: { type: ['string', 'null'] },
        reportWithoutSuggestion: { type: 'boolean' },
      },
      additionalProperties: false,
    },
    resolveOptions(options, base) {
      if (!options.wordsFile) return options;
      const wordsFile = path.resolve(base, options.wordsFile);
      // The file's words join `words`, so the options (and with them the cache key) change when the file does.
      const words = [...new Set([...options.words, ...readWordsFile(wordsFile)])];
      return { ...options, wordsFile, words };
    },
  },
  create(options) {
    // What the run learns about words, kept on the instance: one per Linter, shared by its documents.
    const vocabulary = new Vocabulary(acceptedWords(options), options.language);
    /** Capitalised words as written → in the dictionary so: the answer does not depend on the document. */
    const capitalisedVerdicts = new Map<string, boolean>();
    const isCapitalisedDictionaryWord = (part: string): boolean => {
      let known = capitalisedVerdicts.get(part);
      if (known === undefined) {
        if (capitalisedVerdicts.size > MAX_VOCABULARY_ENTRIES) capitalisedVerdicts.clear();
        known = isDictionaryWord(part, options.language);
        capitalisedVerdicts.set(part, known);
      }
      return known;
    };
    /** Sorts the word of a shared id, once a numbering: a word no document can make doubtful is quiet. */
    const sortId = (id: number): IdVerdict => {
      const word = wordOfId(id);
      if (word.length < MIN_WORD_LENGTH) {
        vocabulary.setIdVerdict(id, QUIET, undefined);
        return QUIET;
      }
      const entry = vocabulary.entry(word);
      // considerLetters' tests that do not depend on where the word stands.
      const quiet = word.length > MAX_WORD_LENGTH || PREFIX_SET.has(word) || vocabulary.isKnown(entry);
      vocabulary.setIdVerdict(id, quiet ? QUIET : DOUBTFUL, entry);
      return quiet ? QUIET : DOUBTFUL;
    };
    return {
      check(context) {
        const text = context.text;
        if (vocabulary.size > MAX_VOCABULARY_ENTRIES) vocabulary.clear();
        const document = new DocumentWords(vocabulary);
        const englishShares = new Map<number, number>();
        const looksEnglish = (offset: number): boolean => {
          const { lines } = context;
          const index = lineIndexAt(lines, offset);
          const line = lines[index];
          if (!line) return true;
          let share = englishShares.get(line.number);
          if (share === undefined) {
            // A line too short to tell (a caption credit, "Foto: EFE") is read with its neighbours.
            share = shareOfKnownWords(new WordScan(text, line.start, line.end), vocabulary);
            if (Number.isNaN(share)) {
              const from = lines[Math.max(0, index - LANGUAGE_CONTEXT_LINES)]!.start;
              const to = lines[Math.min(lines.length - 1, index + LANGUAGE_CONTEXT_LINES)]!.end;
              share = shareOfKnownWords(new WordScan(text, from, to), vocabulary);
            }
            if (Number.isNaN(share)) share = 1;
            englishShares.set(line.number, share);
          }
          return share >= MIN_ENGLISH_SHARE;
        };

        // First every word is counted (the document's own words inform the ranking), and the few that
        // no cheap test settles are set aside; only those are judged.
        const doubtful: Array<{ entry: WordEntry; part: string; begin: number; capitalised: boolean }> = [];
        const consider = (entry: WordEntry, begin: number, end: number, partIndex: number): void => {
          document.add(entry);
          const lower = entry.word;
          if (entry.known === true || lower.length < MIN_WORD_LENGTH || lower.length > MAX_WORD_LENGTH || lower.includes("'")) return;
          const part = text.slice(begin, end).replace(CURLY_APOSTROPHE, "'");
          const capitalised = part !== lower;
          if (capitalised && !CAPITALISED.test(part)) return;
          if (capitalised && (partIndex > 0 || !isSentenceStart(text, begin) || startsNameRun(text, end))) return;
          // A prefix written apart ('pre sense', 'neo-Nazi', 'intra-Afghan') is the writer's choice, not a slip.
          if (PREFIX_SET.has(lower)) return;
          if (vocabulary.isKnown(entry)) return;
          doubtful.push({ entry, part, begin, capitalised });
        };
        /** `consider` for a word of ASCII letters read off the shared analysis: the same tests, without making its string. */
        const considerLetters = (entry: WordEntry, start: number, end: number, capital: boolean): void => {
          document.add(entry);
          const lower = entry.word;
          if (entry.known === true || lower.length > MAX_WORD_LENGTH) return;
          if (capital && (!isCapitalisedAt(text, start, end) || !isSentenceStart(text, start) || startsNameRun(text, end))) return;
          if (PREFIX_SET.has(lower)) return;
          if (vocabulary.isKnown(entry)) return;
          doubtful.push({ entry, part: capital ? text.slice(start, end) : lower, begin: start, capitalised: capital });
        };
        // The words the shared analysis settles: ASCII letters only, where this rule's own scan would cut the
        // same word (words.ts: the boundary test). Between them, the rule's scan reads the rest as it always did.
        const shared = documentWords(context);
        const { ids, generation } = wordIds(context);
        const shapes = wordShapes(context);
        vocabulary.useIdsOf(generation);
        const scanned = (from: number, to: number): void => {
          const word = new WordScan(text, from, to);
          while (word.next()) scannedWord(word);
        };
        const scannedWord = (word: WordScan): void => {
          const { start, end: index, plain, joined, hash } = word;
          if (!plain || index - start > MAX_JOINED_LENGTH) return;
          if (!joined) {
            if (index - start < MIN_WORD_LENGTH) {
              document.addShort(text, start, index);
              return;
            }
            consider(vocabulary.entryAt(text, start, index, hash), start, index, 0);
            return;
          }
          // The parts between hyphens, read where they stand; only a part with a curly apostrophe is made a string (with a straight one).
          let begin = start;
          let partIndex = 0;
          for (let at = start; at <= index; at++) {
            if (at < index && !isHyphenCode(text.charCodeAt(at))) continue;
            if (at - begin < MIN_WORD_LENGTH) document.addShort(text, begin, at);
            else if (hasCurlyApostrophe(text, begin, at)) consider(vocabulary.entry(text.slice(begin, at).replace(CURLY_APOSTROPHE, "'").toLowerCase()), begin, at, partIndex);
            else consider(vocabulary.entryAt(text, begin, at, fnvHashLowerAscii(text, begin, at)), begin, at, partIndex);
            begin = at + 1;
            partIndex++;
          }
        };
        let settledEnd = 0;
        for (let index = 0; index < shared.count; ) {
          const start = shared.starts[index]!;
          const end = shared.ends[index]!;
          if (!(shapes[index]! & ASCII_ALNUM) || !isWholeWord(text, start, end)) {
            // Read from the last settled word to the next one with the rule's own scan.
            let next = index + 1;
            while (next < shared.count && !(shapes[next]! & ASCII_ALNUM && isWholeWord(text, shared.starts[next]!, shared.ends[next]!))) next++;
            const to = next < shared.count ? shared.starts[next]! : text.length;
            scanned(settledEnd, to);
            settledEnd = to;
            index = next;
            continue;
          }
          settledEnd = end;
          const id = ids[index]!;
          index++;
          // Digits make a word one this rule does not read.
          if (id === NO_ID || end - start > MAX_JOINED_LENGTH) continue;
          // A word that is never judged needs counting once per document: its use is what the ranking reads, never its count.
          if (document.hasQuiet(id)) continue;
          let verdict = vocabulary.idVerdict(id);
          if (verdict === UNSORTED) verdict = sortId(id);
          if (verdict === QUIET) {
            document.addQuiet(id);
            if (end - start < MIN_WORD_LENGTH) document.addShort(text, start, end);
            continue;
          }
          considerLetters(vocabulary.entryOfIdAt(id)!, start, end, (shapes[index - 1]! & HAS_CAPITAL) !== 0);
        }
        // Every count is in before the first judgement, so a word's verdict holds for the whole document.
        const verdicts = [new Map<WordEntry, Verdict | undefined>(), new Map<WordEntry, Verdict | undefined>()] as const;
        const chunks = new ChunkTest(text);
        for (const { entry, part, begin, capitalised } of doubtful) {
          if (capitalised && isCapitalisedDictionaryWord(part)) continue;
          const end = begin + part.length;
          const known = verdicts[capitalised ? 1 : 0];
          let verdict = known.get(entry);
          if (!known.has(entry)) {
            verdict = judge(entry, capitalised, vocabulary, document, options.reportWithoutSuggestion);
            known.set(entry, verdict);
          }
          if (!verdict || inForeignPhrase(text, begin, end, entry.word) || chunks.isNotProse(begin) || !looksEnglish(begin)) continue;
          context.report({
            message: messageFor(part, verdict.suggestions),
            start: begin,
            end,
            ...(verdict.fix && {
              fix: { range: [begin, end], text: matchCase(verdict.fix.word, part) },
              fixSafety: verdict.fix.safety,
            }),
            data: { expected: verdict.suggestions.map((suggestion) => matchCase(suggestion, part)), margin: roundMargin(verdict.margin) },
          });
        }
      },
    };
  },
});


/** Share of known words among the words of three ASCII letters or more; NaN when there are too few to tell. */
function shareOfKnownWords(scan: WordScan, vocabulary: Vocabulary): number {
  let words = 0;
  let knownWords = 0;
  while (scan.next()) {
    // Capitalised words count too: a line of another language is often short and starts with one ("Por sua causa").
    if (!scan.plain || scan.joined || scan.end - scan.start < 3 || hasApostrophe(scan)) continue;
    words++;
    // Found by the scan's hash where the word stands (vocabulary.ts), without its string.
    if (vocabulary.isKnown(vocabulary.entryAt(scan.text, scan.start, scan.end, scan.hash))) knownWords++;
  }
  return words < MIN_WORDS_FOR_LANGUAGE_CHECK ? Number.NaN : knownWords / words;
}

function hasApostrophe(scan: WordScan): boolean {
  for (let at = scan.start; at < scan.end; at++) if (scan.text.charCodeAt(at) === 39) return true;
  return false;
}
