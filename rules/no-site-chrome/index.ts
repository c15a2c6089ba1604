/**
 * Website text that is not the article: menus, footers, comment forms,
 * donation and newsletter boxes, share buttons, cookie notices, outlet labels.
 *
 * Each non-blank line is scored by a model learned from labelled real pages
 * (line-model.ts, trained by scripts/train-chrome.mjs): shallow features of the
 * line and its neighbours, then a second stage over the neighbours' scores so
 * decisions come in blocks. The phrase library names what a block is and is one
 * of the model's features. Across a corpus, lines that recur in many documents
 * are template text. What `--fix` may delete is decided apart from what is
 * reported (decisions.ts).
 */
import { defineRule, type RuleContext } from '../../src/core/rule.js';
import chromeModel from '../data/chrome-model.json' with { type: 'json' };
import { decideLines, positionFromFeatures, type LineDecision } from './decisions.js';
import { documentFeatures, FEATURE_NAMES, type ContentLine } from './line-features.js';
import { chromeProbabilities, SEQUENCE_FEATURE_NAMES, type ChromeModel } from './line-model.js';

export interface ChromeOptions {
  /** With a corpus: a short line found in at least this share of documents is template text. */
  minTemplateShare: number;
}

const DEFAULT_OPTIONS: ChromeOptions = { minTemplateShare: 0.3 };

const model = chromeModel as ChromeModel;
if (model.features.join() !== FEATURE_NAMES.join() || model.sequenceFeatures.join() !== SEQUENCE_FEATURE_NAMES.join()) {
  throw new Error('rules/data/chrome-model.json was trained on other features; run `npm run train:chrome`');
}

const TEMPLATE_KIND = 'template text repeated across documents';

export default defineRule<ChromeOptions>({
  meta: {
    id: 'no-site-chrome',
    description: 'Disallow website chrome (menus, footers, comment forms, share and subscription prompts) among article text',
    // The code's revision (decisions, phrases) plus the model's content hash: either changing is a new cache key.
    version: 4 + model.version * 100,
    fixable: 'sometimes',
    recommended: 'error',
    // Site and corpus template lines only: no passages or near-duplicate signatures are built for it.
    usesCorpus: ['templateLines'],
    defaultOptions: DEFAULT_OPTIONS,
    optionsSchema: {
      type: 'object',
      properties: { minTemplateShare: { type: 'number', minimum: 0, maximum: 1 } },
      additionalProperties: false,
    },
  },
  create(given) {
    const options = { ...DEFAULT_OPTIONS, ...given };
    return {
      check(context) {
        const { lines, values } = documentFeatures(context.lines);
        if (lines.length === 0) return;
        const probabilities = chromeProbabilities(model, values);
        const isTemplate = templateCounter(context.corpus, context.site, options.minTemplateShare);
        const position = positionFromFeatures(values);
        const decisions = decideLines(
          lines,
          probabilities,
          model,
          position,
          // Inside the article's main run of prose a recurring short line is a shared sub-heading ('Analysis').
          (row) => (position.clusterSide(row) !== 0 && !lines[row]!.shape.prose && isTemplate(lines[row]!) ? TEMPLATE_KIND : undefined),
        );
        reportBlocks(context, lines, decisions);
      },
    };
  },
});

/** A template needs this many documents that share it, of a site or of the corpus. */
const MIN_TEMPLATE_DOCUMENTS = 3;

/**
 * Template text: a line in at least `share` of the documents (and in 3 or
 * more). Counted within the document's site when the corpus is grouped in a
 * folder per host and holds 3 or more of its documents (in a crawl of many
 * sites, one site's footer never reaches a corpus-wide share), else across
 * the corpus.
 */
function templateCounter(corpus: RuleContext['corpus'], site: string | undefined, share: number) {
  const siteDocuments = corpus && site !== undefined ? (corpus.siteDocumentCount?.(site) ?? 0) : 0;
  const bySite = siteDocuments >= MIN_TEMPLATE_DOCUMENTS;
  const documents = bySite ? siteDocuments : (corpus?.documentCount ?? 0);
  return (item: ContentLine): boolean => {
    if (!corpus || documents < MIN_TEMPLATE_DOCUMENTS) return false;
    const count = bySite ? corpus.siteLineDocumentCount!(site!, item.line.text) : corpus.lineDocumentCount(item.line.text);
    return count >= MIN_TEMPLATE_DOCUMENTS && count >= share * documents;
  };
}

/**
 * One message per run of chrome lines with the same fix safety (blank lines
 * between them join the run), deleting the run with the blank lines inside it.
 */
function reportBlocks(context: RuleContext, lines: readonly ContentLine[], decisions: readonly LineDecision[]): void {
  let row = 0;
  while (row < lines.length) {
    const decision = decisions[row]!;
    if (!decision.chrome) {
      row++;
      continue;
    }
    let last = row;
    while (last + 1 < lines.length && decisions[last + 1]!.chrome && decisions[last + 1]!.safe === decision.safe) last++;
    const first = lines[row]!.line;
    const end = lines[last]!.line;
    const kind = mainKind(decisions.slice(row, last + 1));
    // A fix --fix alone does not apply is worded as a question for the reader.
    const lead = decision.safe ? 'Site chrome' : 'Probably site chrome';
    const act = decision.safe ? 'remove' : 'check and remove';
    const message =
      first === end
        ? `${lead} (${kind}), not article text; ${act} the line`
        : `${lead} (${kind}) on lines ${first.number}–${end.number}; ${act} the block`;
    context.report({
      message,
      start: first.start,
      end: end.end,
      fix: { range: [first.start, end.next], text: '' },
      fixSafety: decision.safe ? 'safe' : 'unsafe',
    });
    row = last + 1;
  }
}

function mainKind(block: readonly LineDecision[]): string {
  const counts = new Map<string, number>();
  for (const { kind } of block) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  let best = block[0]!.kind;
  for (const [kind, count] of counts) if (count > counts.get(best)!) best = kind;
  return best;
}
