/**
 * A document's language, guessed from stop words: the language whose
 * stopwords-iso list covers most of its running words. Counting running
 * words, not distinct ones, lets the few function words that make up a third
 * of any text decide, not the length of a list. no-site-chrome reads stop-word
 * density through this table, and the document-quality rules (gopher-*, c4-*,
 * fineweb-*) decide from it whether a document is in a language they apply to.
 */
import stopwordsByLanguage from 'stopwords-iso/stopwords-iso.json' with { type: 'json' };

/** stopwords-iso's languages (ISO 639-1 codes), in the order of its file; bit `i` of an entry is `LANGUAGES[i]`. */
export const LANGUAGES: readonly string[] = Object.keys(stopwordsByLanguage);

/** Guessing reads a document's running words up to this many. */
export const LANGUAGE_SAMPLE_WORDS = 3000;

/** Lower-cased stop word → its entry: an index into `languageBits`, two 32-bit words an entry (58 languages). */
const stopwordEntries = new Map<string, number>();
const languageBits: number[] = [];
LANGUAGES.forEach((language, index) => {
  for (const word of (stopwordsByLanguage as Record<string, string[]>)[language]!) {
    const key = word.toLowerCase();
    let entry = stopwordEntries.get(key);
    if (entry === undefined) {
      stopwordEntries.set(key, (entry = languageBits.length / 2));
      languageBits.push(0, 0);
    }
    languageBits[entry * 2 + (index >> 5)]! |= 1 << (index & 31);
  }
});

/** The stop-word entry of a lower-cased word, or -1 when no language lists it. */
export function stopwordEntry(lowerCaseWord: string): number {
  return stopwordEntries.get(lowerCaseWord) ?? -1;
}

/** Lower case of each BMP code unit, filled on first sight (0: not seen yet). */
const lowerUnit = new Uint16Array(0x10000);
for (let code = 0; code < 0x80; code++) lowerUnit[code] = code >= 0x41 && code <= 0x5a ? code + 0x20 : code;

/**
 * FNV-1a of the word's code units, each lower-cased on its own, cut to 30
 * bits (a small integer for the Map). Per unit, not per string, so the text
 * is neither sliced nor copied; it differs from `toLowerCase` only where case
 * depends on context (a word-final Greek sigma).
 */
function foldedHash(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let at = start; at < end; at++) {
    const code = text.charCodeAt(at);
    let lower = lowerUnit[code]!;
    if (lower === 0 && code !== 0) lowerUnit[code] = lower = String.fromCharCode(code).toLowerCase().charCodeAt(0);
    hash = Math.imul(hash ^ lower, 0x01000193);
  }
  return hash & 0x3fffffff;
}

/**
 * Folded hash → entry, for `stopwordEntryAt`, as open addressing over typed
 * arrays (a look-up a running word). Two stop words of one hash keep the
 * first; a word of the text that shares a stop word's hash (about one in
 * 100,000) counts as that stop word, which a guess from hundreds of words
 * does not notice.
 */
let hashSlots = 1;
while (hashSlots < stopwordEntries.size * 4) hashSlots *= 2;
const slotHashes = new Int32Array(hashSlots).fill(-1);
const slotEntries = new Int32Array(hashSlots);
for (const [word, entry] of stopwordEntries) {
  const hash = foldedHash(word, 0, word.length);
  let slot = Math.imul(hash, 0x9e3779b1) & (hashSlots - 1);
  while (slotHashes[slot] !== -1 && slotHashes[slot] !== hash) slot = (slot + 1) & (hashSlots - 1);
  if (slotHashes[slot] === -1) [slotHashes[slot], slotEntries[slot]] = [hash, entry];
}

/** The stop-word entry of the word at `text[start, end)`, any case, or -1; without slicing the text. */
export function stopwordEntryAt(text: string, start: number, end: number): number {
  const hash = foldedHash(text, start, end);
  for (let slot = Math.imul(hash, 0x9e3779b1) & (hashSlots - 1); ; slot = (slot + 1) & (hashSlots - 1)) {
    const found = slotHashes[slot]!;
    if (found === hash) return slotEntries[slot]!;
    if (found === -1) return -1;
  }
}

/** Whether the language at `language` (an index into LANGUAGES) lists the word of `entry`. */
export function isStopwordOf(entry: number, language: number): boolean {
  return entry >= 0 && (languageBits[entry * 2 + (language >> 5)]! & (1 << (language & 31))) !== 0;
}

/** How many entries there are: entries are 0 to STOPWORD_ENTRIES - 1. */
export const STOPWORD_ENTRIES = stopwordEntries.size;

/** The languages of each entry as one flat list: those of entry `e` are `entryLanguages[entryStarts[e] … entryStarts[e + 1])`. */
const entryStarts = new Int32Array(STOPWORD_ENTRIES + 1);
const entryLanguages: number[] = [];
for (let entry = 0; entry < STOPWORD_ENTRIES; entry++) {
  entryStarts[entry] = entryLanguages.length;
  for (let language = 0; language < LANGUAGES.length; language++) if (isStopwordOf(entry, language)) entryLanguages.push(language);
}
entryStarts[STOPWORD_ENTRIES] = entryLanguages.length;
const flatLanguages = Uint8Array.from(entryLanguages);

/**
 * Counts of a tally's stop words not yet spread over their languages: a word
 * is counted once here and its languages (up to 30 for "a") are credited once
 * per distinct word, when the tally is read. One tally holds them at a time;
 * another tally adding settles the first's.
 */
const pendingCounts = new Uint32Array(STOPWORD_ENTRIES);
const pendingEntries: number[] = [];
let pendingOwner: LanguageTally | undefined;

/** Running stop-word counts per language. */
export class LanguageTally {
  private readonly counts = new Uint32Array(LANGUAGES.length);
  /** Words added, stop words or not. */
  words = 0;
  /** Distinct stop words added. */
  distinct = 0;

  /** Counts one running word, by its entry (-1 for a word no list holds). */
  add(entry: number): void {
    this.words++;
    if (entry < 0) return;
    if (pendingOwner !== this) {
      pendingOwner?.settle();
      pendingOwner = this;
    }
    if (pendingCounts[entry]!++ === 0) {
      pendingEntries.push(entry);
      this.distinct++;
    }
  }

  /** Stop-word hits per language, indexed as LANGUAGES. */
  get hits(): Uint32Array {
    if (pendingOwner === this) this.settle();
    return this.counts;
  }

  private settle(): void {
    for (const entry of pendingEntries) {
      const count = pendingCounts[entry]!;
      for (let at = entryStarts[entry]!, end = entryStarts[entry + 1]!; at < end; at++) this.counts[flatLanguages[at]!]! += count;
      pendingCounts[entry] = 0;
    }
    pendingEntries.length = 0;
    pendingOwner = undefined;
  }

  /** The index of the language with most hits, the first on ties; -1 when no word was a stop word. */
  best(): number {
    const hits = this.hits;
    let best = 0;
    for (let language = 1; language < hits.length; language++) if (hits[language]! > hits[best]!) best = language;
    return hits[best] === 0 ? -1 : best;
  }
}
