import { defineRule } from '../src/core/rule.js';

interface Options {
  jaccard: number;
  containment: number;
  minShingles: number;
}

/**
 * The same wire story scraped from several outlets, or a page saved twice
 * (once cut short), trains a model on the same text again and again. The
 * corpus index finds the pairs (MinHash + LSH for Jaccard, sampled shingles
 * for containment); this rule reports every copy but the one to keep.
 */
export default defineRule<Options>({
  meta: {
    id: 'no-near-duplicate-docs',
    description: 'Disallow documents that are near-duplicates of another document of the corpus',
    // 2: the cluster listing is capped at 10 members (was 50).
    version: 2,
    fixable: 'none',
    recommended: 'error',
    usesCorpus: ['nearDuplicates'],
    // 0.8 Jaccard is the usual near-duplicate cut for web text (Broder 1997; the GPT-3 and
    // The Pile dedup passes used 0.8-0.9); containment uses the same cut so a truncated copy
    // needs the same evidence. 50 shingles is about a paragraph: shorter files share boilerplate.
    defaultOptions: { jaccard: 0.8, containment: 0.8, minShingles: 50 },
    optionsSchema: {
      type: 'object',
      properties: {
        jaccard: { type: 'number', minimum: 0.5, maximum: 1 },
        containment: { type: 'number', minimum: 0.5, maximum: 1 },
        minShingles: { type: 'integer', minimum: 1 },
      },
      additionalProperties: false,
    },
  },
  create(options) {
    return {
      check(context) {
        const { corpus, filePath } = context;
        if (!corpus || filePath === undefined) return;
        const match = corpus.nearDuplicateOf(filePath, options);
        if (!match) return;
        const percent = Math.round(match.similarity * 100);
        const evidence =
          match.measure === 'containment'
            ? `${percent}% of this file's 5-word shingles occur there`
            : `the two files share ${percent}% of their 5-word shingles (Jaccard)`;
        const keep = match.keep === match.partner ? 'keep that file' : `keep ${match.keep}`;
        const firstLine = context.lines.find((line) => line.text.trim() !== '') ?? context.lines[0];
        context.report({
          message: `Near-duplicate of ${match.partner}: ${evidence}; ${keep} and remove this one`,
          start: firstLine?.start ?? 0,
          end: firstLine?.end ?? 0,
          related: [{ message: match.keep === match.partner ? 'The copy to keep' : 'The closest copy', filePath: match.partner, line: 1, column: 1 }],
          data: {
            cluster: match.cluster,
            clusterSize: match.clusterSize,
            keep: match.keep,
            partner: match.partner,
            measure: match.measure,
            similarity: Math.round(match.similarity * 1000) / 1000,
          },
        });
      },
    };
  },
});
