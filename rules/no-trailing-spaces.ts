import { defineRule } from '../src/rule.js';

/**
 * Spaces and tabs at the end of a line are invisible noise left by scrapers
 * (HTML indentation, `&nbsp;` runs); they break exact-match deduplication.
 */
export default defineRule({
  meta: {
    id: 'no-trailing-spaces',
    description: 'Disallow white space at the end of lines',
    version: 1,
    fixable: true,
    fixSafety: 'safe',
    recommended: 'warn',
    defaultOptions: { skipBlankLines: false },
    optionsSchema: {
      type: 'object',
      properties: { skipBlankLines: { type: 'boolean' } },
      additionalProperties: false,
    },
  },
  check(context) {
    for (const line of context.lines) {
      const trailing = /[ \t\u00a0\u3000]+$/.exec(line.text);
      if (!trailing) continue;
      if (context.options.skipBlankLines && trailing.index === 0) continue;
      const start = line.start + trailing.index;
      context.report({
        message: 'Unexpected white space at the end of the line; remove it',
        start,
        end: line.end,
        fix: { range: [start, line.end], text: '' },
      });
    }
  },
});
