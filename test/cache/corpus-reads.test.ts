/** The dependency record of a cache entry: what a document's rules asked the corpus index, replayed against a new one. */
import { describe, expect, it } from 'vitest';
import { CorpusReadRecorder, replayCorpusReads, type CorpusRead } from '../../src/cache/corpus-reads.js';
import type { CorpusIndex, NearDuplicateMatch, NearDuplicateThresholds, PassageVariant } from '../../src/core/corpus-index.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { Linter } from '../../src/core/lint.js';
import { CorpusIndexBuilder } from '../../src/corpus/builder.js';
import { builtinRulesById } from '../../rules/index.js';
import { seedId, seedNames, seedText } from '../corpus/seed-corpus.js';

/** An index whose answers a test sets, counting the questions it is asked. */
class FakeIndex implements CorpusIndex {
  documentCount = 10;
  lines = new Map<string, number>();
  match: NearDuplicateMatch | undefined;
  variants: PassageVariant[] = [];
  asked = 0;
  lineDocumentCount(lineText: string): number {
    this.asked++;
    return this.lines.get(lineText) ?? 0;
  }
  siteLineDocumentCount(site: string, lineText: string): number {
    return this.lines.get(`${site}|${lineText}`) ?? 0;
  }
  siteDocumentCount(site: string): number {
    return site === 'example.com' ? 4 : 0;
  }
  nearDuplicateOf(_documentId: string, _thresholds: NearDuplicateThresholds): NearDuplicateMatch | undefined {
    return this.match;
  }
  passageVariants(text: string): PassageVariant[] {
    return text.includes('teh') ? this.variants : [];
  }
}

const TEXT = 'Home | News\nThe council met on Tuesday.\nHome | News\nSubscribe now\n';
const THRESHOLDS = { jaccard: 0.8, containment: 0.9, minShingles: 10 };

/** Asks what a chrome rule, a near-duplicate rule and a typo-variant rule would ask of TEXT. */
function askAll(index: CorpusIndex, text: string = TEXT): void {
  void index.documentCount;
  index.siteDocumentCount?.('example.com');
  for (const line of text.split('\n').filter(Boolean)) index.lineDocumentCount(line);
  index.siteLineDocumentCount?.('example.com', 'Subscribe now');
  index.nearDuplicateOf('a.txt', THRESHOLDS);
  index.passageVariants(text, 'a.txt', 2);
}

function record(index: CorpusIndex, text: string = TEXT, ask: (index: CorpusIndex, text: string) => void = askAll): CorpusRead[] | undefined {
  const recorder = new CorpusReadRecorder(index, DEFAULT_LIMITS);
  recorder.start(text);
  ask(recorder, text);
  // What a worker sends back and the cache stores.
  return JSON.parse(JSON.stringify(recorder.take() ?? null)) ?? undefined;
}

describe('CorpusReadRecorder', () => {
  it('answers as the index does and records every question, documentCount included', () => {
    const index = new FakeIndex();
    index.lines.set('Home | News', 7);
    const recorder = new CorpusReadRecorder(index, DEFAULT_LIMITS);
    recorder.start(TEXT);
    expect(recorder.documentCount).toBe(10);
    expect(recorder.lineDocumentCount('Home | News')).toBe(7);
    expect(recorder.siteDocumentCount?.('example.com')).toBe(4);
    expect(recorder.take()).toEqual([
      ['n', 10],
      ['l', 0, 7],
      ['s', 'example.com', 4],
    ]);
  });

  it('keeps a line of the document as its number, the whole text as a reference, anything else as written', () => {
    const reads = record(new FakeIndex(), TEXT, (index, text) => {
      index.lineDocumentCount('Subscribe now');
      index.lineDocumentCount('Home | News');
      index.lineDocumentCount('not a line of it');
      index.passageVariants(text, undefined);
    })!;
    expect(reads.map((read) => read[1])).toEqual([3, 0, 'not a line of it', -2]);
  });

  it('refers to the text content rules see when over-long lines are blanked in it', () => {
    const limits = { ...DEFAULT_LIMITS, maxLineLength: 20 };
    const text = `Short line\n${'x'.repeat(40)}\nAnother short line\n`;
    const content = `Short line\n${' '.repeat(40)}\nAnother short line\n`;
    const recorder = new CorpusReadRecorder(new FakeIndex(), limits);
    recorder.start(text);
    recorder.passageVariants(content, 'a.txt');
    recorder.lineDocumentCount('Another short line');
    const reads = recorder.take()!;
    expect(reads.map((read) => read[1])).toEqual([-1, 2]);
    expect(replayCorpusReads(new FakeIndex(), reads, text, limits)).toBe(true);
  });

  it('offers the optional queries only when the index does', () => {
    const bare: CorpusIndex = { documentCount: 1, lineDocumentCount: () => 0, nearDuplicateOf: () => undefined, passageVariants: () => [] };
    const recorder = new CorpusReadRecorder(bare, DEFAULT_LIMITS);
    expect(recorder.siteDocumentCount).toBeUndefined();
    expect(recorder.siteLineDocumentCount).toBeUndefined();
  });

  it('records nothing when nothing is asked, and starts afresh with each pass', () => {
    const recorder = new CorpusReadRecorder(new FakeIndex(), DEFAULT_LIMITS);
    recorder.start(TEXT);
    expect(recorder.take()).toBeUndefined();
    recorder.start('first pass\n');
    recorder.lineDocumentCount('first pass');
    recorder.start('second pass\n');
    recorder.lineDocumentCount('second pass');
    expect(recorder.take()).toEqual([['l', 0, 0]]);
  });
});

describe('replayCorpusReads', () => {
  it('holds while every answer is the same', () => {
    const index = new FakeIndex();
    const reads = record(index)!;
    expect(reads).toHaveLength(9);
    expect(replayCorpusReads(index, reads, TEXT, DEFAULT_LIMITS)).toBe(true);
  });

  const changes: Record<string, (index: FakeIndex) => void> = {
    'the document count': (index) => {
      index.documentCount = 11;
    },
    'a line count': (index) => {
      index.lines.set('Subscribe now', 3);
    },
    'a line count within the site': (index) => {
      index.lines.set('example.com|Subscribe now', 3);
    },
    'a near-duplicate match': (index) => {
      index.match = { partner: 'b.txt', keep: 'b.txt', measure: 'jaccard', similarity: 0.9, cluster: ['b.txt', 'a.txt'], clusterSize: 2 };
    },
  };
  for (const [what, change] of Object.entries(changes)) {
    it(`fails when ${what} changes`, () => {
      const index = new FakeIndex();
      const reads = record(index)!;
      change(index);
      expect(replayCorpusReads(index, reads, TEXT, DEFAULT_LIMITS)).toBe(false);
    });
  }

  it('fails when the passage variants of the text change, and compares them by their content', () => {
    const index = new FakeIndex();
    const text = 'We saw teh river.\n';
    index.variants = [{ start: 7, end: 10, own: ['teh'], ownStarts: [7], majority: ['the'], ownNorm: ['teh'], majorityNorm: ['the'], majorityDocuments: 3, ownDocuments: 0, anchorEnd: 6, anchorStart: 11 }];
    const reads = record(index, text)!;
    index.variants = [{ ...index.variants[0]! }];
    expect(replayCorpusReads(index, reads, text, DEFAULT_LIMITS)).toBe(true);
    index.variants = [{ ...index.variants[0]!, majorityDocuments: 4 }];
    expect(replayCorpusReads(index, reads, text, DEFAULT_LIMITS)).toBe(false);
  });

  it('stops at the first answer that differs', () => {
    const index = new FakeIndex();
    const reads = record(index)!;
    index.documentCount = 2;
    index.asked = 0;
    expect(replayCorpusReads(index, reads, TEXT, DEFAULT_LIMITS)).toBe(false);
    expect(index.asked).toBe(0);
  });

  it('fails on a record made of another text (a line it does not have)', () => {
    const index = new FakeIndex();
    const reads = record(index)!;
    expect(replayCorpusReads(index, reads, 'One line only\n', DEFAULT_LIMITS)).toBe(false);
  });

  it('on a built index: an unrelated edit keeps the other documents\' records, a new copy changes its cluster\'s', () => {
    const rules = ['no-near-duplicate-docs', 'no-typo-variant', 'no-site-chrome'].map((id) => ({ rule: builtinRulesById.get(id)! }));
    const linter = new Linter(rules);
    const texts = new Map(seedNames.map((name) => [seedId(name), seedText(name.slice(0, 3))]));
    const unrelated = 'An unrelated page about the weather.\nIt rained all day in the valley, and the river rose.\n';
    const build = (documents: Map<string, string>) => {
      const builder = new CorpusIndexBuilder();
      for (const [id, text] of documents) builder.add(id, text);
      return builder.build();
    };
    const before = build(new Map([...texts, ['other.txt', unrelated]]));
    const records = new Map<string, CorpusRead[]>();
    for (const [id, text] of texts) {
      const recorder = new CorpusReadRecorder(before, DEFAULT_LIMITS);
      recorder.start(text);
      linter.lint(text, { filePath: id, corpus: recorder });
      records.set(id, recorder.take()!);
    }
    expect([...records.values()].every((reads) => reads.some((read) => read[0] === 'd') && reads.some((read) => read[0] === 'p'))).toBe(true);
    const holds = (index: CorpusIndex) => [...texts].map(([id, text]) => replayCorpusReads(index, records.get(id)!, text, DEFAULT_LIMITS));

    const edited = build(new Map([...texts, ['other.txt', `${unrelated}A second paragraph, written later.\n`]]));
    expect(holds(edited)).toEqual(seedNames.map(() => true));

    // other.txt becomes a copy of the first seed: the seeds' near-duplicate clusters change.
    const first = texts.get(seedId(seedNames[0]!))!;
    const copied = build(new Map([...texts, ['other.txt', first]]));
    expect(holds(copied)).toContain(false);
  });
});
