import { defineRule, type RuleContext } from '../src/core/rule.js';
import { C4_DEFAULTS, C4_OPTIONS_SCHEMA, CURLY_BRACKET, judgeLines, LOREM_IPSUM, REASONS, sentencesOf, type C4LineOptions } from './c4-filter.js';
import { reportDocument, skippedForLanguage } from './quality/document-verdict.js';

const PAGE_REASONS: Record<number, string> = {
  [LOREM_IPSUM]: 'has "lorem ipsum"',
  [CURLY_BRACKET]: 'has a curly bracket "{"',
};

export default defineRule<C4LineOptions>({
  meta: {
    id: 'c4-document',
    description: 'Report documents C4\'s filter drops: "lorem ipsum", a curly bracket, fewer than 5 sentences in the lines it keeps',
    version: 1,
    fixable: 'none',
    recommended: 'off',
    defaultOptions: C4_DEFAULTS,
    optionsSchema: C4_OPTIONS_SCHEMA,
  },
  create(options) {
    return { check: (context) => check(context, options) };
  },
});

function check(context: RuleContext, options: C4LineOptions): void {
  const { text, lines } = context;
  if (skippedForLanguage(context, options.languages)) return;
  const verdicts = judgeLines(context, options);
  let sentences = 0;
  for (let index = 0; index < lines.length; index++) {
    const code = verdicts.codes[index]!;
    if (options.minNumSentences !== null && sentences < options.minNumSentences) sentences += sentencesOf(text, verdicts, index);
    const reason = PAGE_REASONS[code];
    if (reason === undefined) continue;
    // Dropped at the first kept line that says so: datatrove stops reading there.
    const line = lines[index]!;
    context.report({
      message: `Line ${line.number} ${reason} (C4); drop the document`,
      start: lines[0]!.start,
      end: lines[0]!.end,
      related: [{ message: 'Found here', offset: line.start, endOffset: line.end }],
      data: { reason: REASONS[code], line: line.number },
    });
    return;
  }
  if (options.minNumSentences !== null && sentences < options.minNumSentences) {
    reportDocument(context, {
      measure: 'Sentence count', value: sentences, relation: 'under', threshold: options.minNumSentences,
      filter: 'C4', detail: 'in the lines it keeps', reason: 'too_few_sentences',
    });
  }
}
