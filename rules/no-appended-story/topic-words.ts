/**
 * Topic words: the content words of a line as ids, lowercased, stop words
 * dropped, lightly stemmed; Chinese and Japanese as character pairs.
 */
import { CHANGES_CASE, characterKind, LETTER, lowerAscii, UNSPACED } from '../../src/core/text/characters.js';
import { FNV_OFFSET, FNV_PRIME, fnvHashLowerAscii } from '../../src/core/text/hash.js';
import { SpanTable } from '../../src/core/text/span-table.js';
import { wordOfId } from '../../src/core/text/word-ids.js';
import stopWordData from '../data/appended-stopwords.json' with { type: 'json' };

/** Words that carry no topic; sharing them proves nothing. */
const STOP_WORDS: ReadonlySet<string> = new Set(stopWordData.words);

/** Where a scan puts what it finds: the run's table of ids, and the document's list of them. */
export interface TopicWordSink {
  readonly table: TopicWordIds;
  readonly ids: number[];
}

/**
 * Topic words get ids shared by every document the process lints, so a word's
 * stop-word test and stem are worked out once per corpus, not once per use,
 * and a document counts its words in arrays instead of string maps. Each
 * document numbers its own words from 0 on top.
 *
 * Words as written are looked up by their characters in place (a
 * SpanTable), so reading a line makes no string per word.
 *
 * The tables are emptied between documents once they pass
 * `TOPIC_WORD_CACHE_LIMIT` entries, so a long run over many languages stays
 * within bounded memory.
 */
export class TopicWordIds {
  /** Each word as written (A–Z as a–z) → its topic id, or −1 for a word that carries no topic. */
  private readonly words = new SpanTable();
  private readonly topicIdOf = (word: string): number => (word.length < 3 || STOP_WORDS.has(word) ? -1 : this.formId(stem(word)));
  /** A topic form (stem or character pair) → its id. */
  private readonly idOfForm = new Map<string, number>();
  /** Per id: the current document's id for it, valid where `stampOf` holds the current stamp. */
  private documentIdOf = new Int32Array(1024);
  private stampOf = new Int32Array(1024);
  private stamp = 0;
  /** Distinct topic words seen in the current document. */
  documentSize = 0;

  /**
   * Per shared word id (src/core/text/word-ids.ts, numbering `sharedGeneration`): its topic id,
   * −1 for no topic, −2 not looked up yet.
   */
  private topicOfWordId = new Int32Array(1024).fill(-2);
  private sharedGeneration = 0;

  startDocument(): void {
    if (this.words.size + this.idOfForm.size > TOPIC_WORD_CACHE_LIMIT) {
      this.words.clear();
      this.idOfForm.clear();
      this.topicOfWordId.fill(-2);
    }
    if (this.stamp === 0x7fffffff) {
      this.stampOf.fill(0);
      this.stamp = 0;
    }
    this.stamp++;
    this.documentSize = 0;
  }

  /**
   * The document id of the word `text.slice(start, end)` (A–Z read as
   * lowercase) of a spaced script, or −1 for a stop word or one too short to
   * say anything. `hash`: its `fnvHashLowerAscii`.
   */
  ofWord(text: string, start: number, end: number, hash: number): number {
    const id = this.words.intern(text, start, end, hash, this.topicIdOf);
    return id < 0 ? id : this.documentId(id);
  }

  /** The shared word ids this document's words carry belong to numbering `generation`. */
  useIds(generation: number): void {
    if (generation === this.sharedGeneration) return;
    this.topicOfWordId.fill(-2);
    this.sharedGeneration = generation;
  }

  /**
   * `ofWord` for a word of three ASCII letters or more, by its shared id: the
   * run's words are looked up once each, by id, not by their characters.
   */
  ofWordId(wordId: number): number {
    if (wordId >= this.topicOfWordId.length) {
      const grown = new Int32Array(Math.max(wordId + 1, this.topicOfWordId.length * 2)).fill(-2);
      grown.set(this.topicOfWordId);
      this.topicOfWordId = grown;
    }
    let id = this.topicOfWordId[wordId]!;
    if (id === -2) {
      const word = wordOfId(wordId);
      id = this.topicOfWordId[wordId] = this.words.intern(word, 0, word.length, fnvHashLowerAscii(word), this.topicIdOf);
    }
    return id < 0 ? id : this.documentId(id);
  }

  /** The document id of a pair of Chinese or Japanese characters. */
  ofPair(pair: string): number {
    return this.documentId(this.formId(pair));
  }

  private formId(form: string): number {
    let id = this.idOfForm.get(form);
    if (id === undefined) {
      id = this.idOfForm.size;
      this.idOfForm.set(form, id);
      if (id >= this.stampOf.length) {
        const documentIdOf = new Int32Array(this.stampOf.length * 2);
        const stampOf = new Int32Array(this.stampOf.length * 2);
        documentIdOf.set(this.documentIdOf);
        stampOf.set(this.stampOf);
        this.documentIdOf = documentIdOf;
        this.stampOf = stampOf;
      }
    }
    return id;
  }

  private documentId(id: number): number {
    if (this.stampOf[id] !== this.stamp) {
      this.stampOf[id] = this.stamp;
      this.documentIdOf[id] = this.documentSize++;
    }
    return this.documentIdOf[id]!;
  }
}

/** Enough for the vocabulary of a large, varied corpus slice; a few MB. */
const TOPIC_WORD_CACHE_LIMIT = 200_000;

/**
 * Appends the ids of the content words in `text.slice(start, end)`:
 * lowercased, stop words dropped, lightly stemmed. Chinese and Japanese write
 * no spaces, so their runs count as overlapping character pairs, the usual
 * unit for comparing such text without a dictionary.
 *
 * Tokens are what `[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+|\p{L}+(?:['’]\p{L}+)*`
 * (flag u) matches in the lowercased line, read with one scan of character
 * codes: that regular expression, with a string per token, was most of the
 * rule's time. A token of letters that starts at or above U+2E80 and holds a
 * Chinese or Japanese character (Korean mixed with Hanja) counts in pairs too.
 *
 * `lowered` false: the text is read as it is, A–Z lowercased on the way,
 * which is what lowercasing the line gives as long as no other character
 * changes case; at the first one that does (É, Σ, any astral character) the
 * scan gives up and returns false, having appended only tokens that the
 * lowercased line starts with too. The caller then reads the lowercased line.
 */
export function collectTopicWords(text: string, start: number, end: number, lowered: boolean, into: TopicWordSink): boolean {
  let i = start;
  while (i < end) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      if (ASCII_LETTER_LOWER[unit] !== 0) {
        i = collectLetters(text, i, end, lowered, into);
        if (i < 0) return false;
      } else {
        i++;
      }
      continue;
    }
    const code = unit < 0xd800 ? unit : text.codePointAt(i)!;
    const kind = characterKind(code);
    if (!lowered && kind & CHANGES_CASE) return false;
    if (kind & UNSPACED || code === PROLONGED_SOUND_MARK) i = collectUnspacedRun(text, i, end, lowered, into);
    else if (kind & LETTER) i = collectLetters(text, i, end, lowered, into);
    else i += code > 0xffff ? 2 : 1;
    if (i < 0) return false;
  }
  return true;
}

/** A run of Chinese or Japanese characters (and ー) from `start`; returns where it ends, or −1 to give up (see `collectTopicWords`). */
function collectUnspacedRun(text: string, start: number, end: number, lowered: boolean, into: TopicWordSink): number {
  let j = start;
  let unspaced = false;
  while (j < end) {
    const next = text.codePointAt(j)!;
    const nextKind = characterKind(next);
    if (!(nextKind & UNSPACED) && next !== PROLONGED_SOUND_MARK) {
      if (!lowered && nextKind & CHANGES_CASE) return -1;
      break;
    }
    if (nextKind & UNSPACED) unspaced = true;
    j += next > 0xffff ? 2 : 1;
  }
  if (unspaced) collectPairs(text, start, j, into);
  else collectWord(text, start, j, fnvHashLowerAscii(text, start, j), into);
  return j;
}

/**
 * Letters from `start`, and further letters after an apostrophe; the word is
 * what comes before the first apostrophe. Returns where the token ends, or −1
 * to give up (see `collectTopicWords`).
 */
function collectLetters(text: string, start: number, end: number, lowered: boolean, into: TopicWordSink): number {
  let j = start;
  let hash = FNV_OFFSET;
  let wordEnd = -1;
  let unspaced = false;
  for (;;) {
    while (j < end) {
      const next = text.charCodeAt(j);
      if (next < 0x80) {
        const letter = ASCII_LETTER_LOWER[next]!;
        if (letter === 0) break;
        if (wordEnd === -1) hash = Math.imul(hash ^ letter, FNV_PRIME);
        j++;
        continue;
      }
      const point = next < 0xd800 ? next : text.codePointAt(j)!;
      const pointKind = characterKind(point);
      if (!lowered && pointKind & CHANGES_CASE) return -1;
      if (!(pointKind & LETTER)) break;
      if (pointKind & UNSPACED) unspaced = true;
      const size = point > 0xffff ? 2 : 1;
      if (wordEnd === -1) for (let k = j; k < j + size; k++) hash = Math.imul(hash ^ text.charCodeAt(k), FNV_PRIME);
      j += size;
    }
    if (j + 1 >= end) break;
    const mark = text.charCodeAt(j);
    if (mark !== APOSTROPHE && mark !== RIGHT_SINGLE_QUOTE) break;
    const afterKind = characterKind(text.codePointAt(j + 1)!);
    if (!lowered && afterKind & CHANGES_CASE) return -1;
    if (!(afterKind & LETTER)) break;
    if (wordEnd === -1) wordEnd = j;
    j++;
  }
  if (unspaced && text.charCodeAt(start) >= FIRST_UNSPACED_CODE) collectPairs(text, start, j, into);
  else collectWord(text, start, wordEnd === -1 ? j : wordEnd, hash, into);
  return j;
}

function collectWord(text: string, start: number, end: number, hash: number, into: TopicWordSink): void {
  // Shorter words say nothing about the topic; no need to look them up.
  if (end - start < 3) return;
  const id = into.table.ofWord(text, start, end, hash);
  if (id >= 0) into.ids.push(id);
}

function collectPairs(text: string, start: number, end: number, into: TopicWordSink): void {
  for (let i = start; i + 1 < end; i++) into.ids.push(into.table.ofPair(lowerAscii(text.slice(i, i + 2))));
}

/** Below U+2E80 (CJK radicals) no character belongs to the unspaced scripts. */
export const FIRST_UNSPACED_CODE = 0x2e80;
/** ー: Common script, but it belongs inside Japanese words. */
const PROLONGED_SOUND_MARK = 0x30fc;
const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;

const ASCII_LOWER = Uint8Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code).toLowerCase().charCodeAt(0));
/** A–Z and a–z → a–z; 0 for any other ASCII character. */
const ASCII_LETTER_LOWER = ASCII_LOWER.map((lower) => (lower >= 0x61 && lower <= 0x7a ? lower : 0));


/** Light suffix stripping: enough to match "sanctions" with "sanction", cheap and predictable. */
function stem(word: string): string {
  let stripped = word;
  if (word.endsWith('ies')) stripped = `${word.slice(0, -3)}y`;
  else if (word.endsWith('ing')) stripped = word.slice(0, -3);
  else if (word.endsWith('ed') || word.endsWith('es')) stripped = word.slice(0, -2);
  else if (word.endsWith('s')) stripped = word.slice(0, -1);
  return (stripped.length >= 3 ? stripped : word).slice(0, 8);
}

