/**
 * What a document's rules asked the corpus index, and what it answered: the
 * dependency record of a `--cache` entry, as a build system keeps one per
 * target (Bazel's action inputs, salsa's query dependencies, ccache's
 * manifests). A rule's messages are a function of the document's text, its
 * name, its options and the index's answers; so when the text is unchanged
 * and every recorded question, asked again of a new index, gets the same
 * answer, the rule asks the same questions in the same order and reports the
 * same messages. An edit to one file then re-lints only the files whose
 * answers it changes, not the whole corpus.
 *
 * The record is plain JSON (it travels back from worker threads with the
 * messages, and sits in the cache entry beside them). Numeric answers are
 * kept as they are; an object answer (a near-duplicate match, the passage
 * variants) as 64 bits of a hash of its JSON. A text the rule passes is kept
 * as a reference to the document when it is one of its lines or the whole
 * text the rule was given (most of them are: no-site-chrome asks about its
 * lines, no-typo-variant about the text), else as the string itself.
 */
import type { CorpusIndex, NearDuplicateThresholds, ScannedWords } from '../core/corpus-index.js';
import { contentView, type ContentLimits } from '../core/limits.js';
import { splitLines } from '../core/text/lines.js';
import { hashString } from '../core/text/tokens.js';

/**
 * A text argument: `k ≥ 0` the text of line k of what content rules see,
 * WHOLE_CONTENT that whole text, WHOLE_TEXT the document's text as given
 * (what layout rules see; it differs only past the content limits), a string
 * the text itself.
 */
export type TextReference = number | string;
const WHOLE_CONTENT = -1;
const WHOLE_TEXT = -2;

/**
 * One question and its answer (a number, or an answer's digest). `null`
 * stands for an argument left out. Tagged by one or two letters, as a
 * document's record holds one read per line it asks about: `n`
 * documentCount, `s` siteDocumentCount, `l` lineDocumentCount, `sl`
 * siteLineDocumentCount, `d` nearDuplicateOf, `p` passageVariants.
 */
export type CorpusRead =
  | ['n', number]
  | ['s', string, number]
  | ['l', TextReference, number]
  | ['sl', string, TextReference, number]
  | ['d', string, NearDuplicateThresholds, string]
  | ['p', TextReference, string | null, number | null, string];

/** 64 bits of a hash of the answer's JSON, as hex: an object answer's stand-in in the record. */
export function answerDigest(answer: unknown): string {
  const json = JSON.stringify(answer) ?? 'undefined';
  const { hi, lo } = hashString(json);
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** The document as rules see it: its text, and (made on first need) what content rules see of it. */
class DocumentView {
  private content: { text: string; lineTexts: string[] } | undefined;
  private lineNumbers: Map<string, number> | undefined;

  constructor(
    readonly text: string,
    private readonly limits: ContentLimits,
  ) {}

  /** What content rules see: over-long lines blanked (src/core/limits.ts), as Linter.lint makes it. */
  contentText(): string {
    return this.contentOf().text;
  }

  lineText(index: number): string | undefined {
    return this.contentOf().lineTexts[index];
  }

  /** A reference for `argument`: to a line or a whole text of this document when it is one. */
  referenceTo(argument: string): TextReference {
    if (argument === this.text) return WHOLE_TEXT;
    if (argument === this.contentText()) return WHOLE_CONTENT;
    if (!this.lineNumbers) {
      this.lineNumbers = new Map();
      const { lineTexts } = this.contentOf();
      // The first of equal lines: any of them gives the same text back.
      for (let index = lineTexts.length - 1; index >= 0; index--) this.lineNumbers.set(lineTexts[index]!, index);
    }
    return this.lineNumbers.get(argument) ?? argument;
  }

  /** The text a reference stands for; undefined when the document has no such line (the record is not this document's). */
  resolve(reference: TextReference): string | undefined {
    if (typeof reference === 'string') return reference;
    if (reference === WHOLE_CONTENT) return this.contentText();
    if (reference === WHOLE_TEXT) return this.text;
    return this.lineText(reference);
  }

  private contentOf(): { text: string; lineTexts: string[] } {
    if (!this.content) {
      const view = contentView(this.text, splitLines(this.text), this.limits);
      this.content = { text: view.text, lineTexts: view.lines.map((line) => line.text) };
    }
    return this.content;
  }
}

/**
 * A CorpusIndex that answers from another and writes down each question with
 * its answer. One per linting thread: `start` begins a document's record
 * (each lint pass of a fix starts afresh, so the record is that of the pass
 * whose messages are kept), `take` hands it over.
 */
export class CorpusReadRecorder implements CorpusIndex {
  private reads: CorpusRead[] = [];
  private view: DocumentView;
  readonly siteLineDocumentCount?: (site: string, lineText: string) => number;
  readonly siteDocumentCount?: (site: string) => number;

  constructor(
    private readonly index: CorpusIndex,
    private readonly limits: ContentLimits,
  ) {
    this.view = new DocumentView('', limits);
    // Optional queries are offered exactly when the index offers them: a rule may test for them.
    if (index.siteLineDocumentCount) {
      const ask = index.siteLineDocumentCount.bind(index);
      this.siteLineDocumentCount = (site, lineText) => {
        const answer = ask(site, lineText);
        this.reads.push(['sl', site, this.view.referenceTo(lineText), answer]);
        return answer;
      };
    }
    if (index.siteDocumentCount) {
      const ask = index.siteDocumentCount.bind(index);
      this.siteDocumentCount = (site) => {
        const answer = ask(site);
        this.reads.push(['s', site, answer]);
        return answer;
      };
    }
  }

  /** Begins the record of a lint of `text` (a document, or a fix's next pass over it). */
  start(text: string): void {
    this.reads = [];
    this.view = new DocumentView(text, this.limits);
  }

  /** The record since `start`; undefined when the rules asked nothing (the entry then needs no replay). */
  take(): CorpusRead[] | undefined {
    const reads = this.reads;
    this.reads = [];
    this.view = new DocumentView('', this.limits);
    return reads.length > 0 ? reads : undefined;
  }

  get documentCount(): number {
    const answer = this.index.documentCount;
    this.reads.push(['n', answer]);
    return answer;
  }

  lineDocumentCount(lineText: string): number {
    const answer = this.index.lineDocumentCount(lineText);
    this.reads.push(['l', this.view.referenceTo(lineText), answer]);
    return answer;
  }

  nearDuplicateOf(documentId: string, thresholds: NearDuplicateThresholds) {
    const answer = this.index.nearDuplicateOf(documentId, thresholds);
    // A copy, so the record keeps the thresholds as asked even if the caller changes its object later.
    this.reads.push(['d', documentId, JSON.parse(JSON.stringify(thresholds)) as NearDuplicateThresholds, answerDigest(answer)]);
    return answer;
  }

  passageVariants(text: string, documentId: string | undefined, minAgreeing?: number, words?: ScannedWords) {
    const answer = this.index.passageVariants(text, documentId, minAgreeing, words);
    this.reads.push(['p', this.view.referenceTo(text), documentId ?? null, minAgreeing ?? null, answerDigest(answer)]);
    return answer;
  }
}

/**
 * Whether `index` answers every question of `reads` as the record says,
 * `text` being the document the record was made on (its content hash
 * matched). Stops at the first answer that differs.
 */
export function replayCorpusReads(index: CorpusIndex, reads: readonly CorpusRead[], text: string, limits: ContentLimits): boolean {
  const view = new DocumentView(text, limits);
  for (const read of reads) {
    if (!answersAlike(index, read, view)) return false;
  }
  return true;
}

function answersAlike(index: CorpusIndex, read: CorpusRead, view: DocumentView): boolean {
  switch (read[0]) {
    case 'n':
      return index.documentCount === read[1];
    case 's':
      return index.siteDocumentCount !== undefined && index.siteDocumentCount(read[1]) === read[2];
    case 'l': {
      const lineText = view.resolve(read[1]);
      return lineText !== undefined && index.lineDocumentCount(lineText) === read[2];
    }
    case 'sl': {
      const lineText = view.resolve(read[2]);
      return lineText !== undefined && index.siteLineDocumentCount !== undefined && index.siteLineDocumentCount(read[1], lineText) === read[3];
    }
    case 'd':
      return answerDigest(index.nearDuplicateOf(read[1], read[2])) === read[3];
    case 'p': {
      const text = view.resolve(read[1]);
      return text !== undefined && answerDigest(index.passageVariants(text, read[2] ?? undefined, read[3] ?? undefined)) === read[4];
    }
    default:
      // A record of a later format (the cache's format number guards this too).
      return false;
  }
}
