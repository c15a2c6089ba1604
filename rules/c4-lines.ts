import { defineRule, type RuleContext } from '../src/core/rule.js';
import { C4_DEFAULTS, C4_OPTIONS_SCHEMA, judgeLines, REASONS, removalMessage, type C4LineOptions } from './c4-filter.js';
import { skippedForLanguage } from './quality/document-verdict.js';

export default defineRule<C4LineOptions>({
  meta: {
    id: 'c4-lines',
    description: "Report lines C4's filter removes: no terminal punctuation, under 3 words, javascript, cookie and policy notices, words over 1,000 characters",
    version: 1,
    // C4 removes every heading, caption and list item, and any line about JavaScript: right for its corpus, not for every text.
    fixable: 'unsafe',
    recommended: 'off',
    defaultOptions: C4_DEFAULTS,
    optionsSchema: C4_OPTIONS_SCHEMA,
  },
  create(options) {
    return { check: (context) => check(context, options) };
  },
});

function check(context: RuleContext, options: C4LineOptions): void {
  const { lines } = context;
  if (lines.length === 0 || skippedForLanguage(context, options.languages)) return;
  const verdicts = judgeLines(context, options);
  for (let index = 0; index < lines.length; index++) {
    const code = verdicts.codes[index]!;
    const message = removalMessage(code, verdicts.values[index]!, options);
    if (message === undefined) continue;
    const line = lines[index]!;
    context.report({
      message: `${message}; remove the line`,
      start: line.start,
      end: line.end,
      fix: { range: [line.start, line.next], text: '' },
      data: { reason: REASONS[code] },
    });
  }
}
