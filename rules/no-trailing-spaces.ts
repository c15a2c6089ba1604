import { defineRule } from '../src/core/rule.js';

/**
 * Spaces and tabs at the end of a line are invisible noise left by scrapers
 * (HTML indentation, `&nbsp;` runs); they break exact-match deduplication.
 */
export default defineRule({
  meta: {
    id: 'no-trailing-spaces',
    description: 'Disallow white space at the end of lines',
    version: 1,
    fixable: 'safe',
    messages: { trailing: 'Unexpected white space at the end of the line; remove it' },
    type: 'layout',
    recommended: 'warn',
    defaultOptions: { skipBlankLines: false },
    optionsSchema: {
      type: 'object',
      properties: { skipBlankLines: { type: 'boolean' } },
      additionalProperties: false,
    },
  },
  create(options) {
    return {
      check(context) {
        for (const line of context.lines) {
          const from = trailingSpaceStart(line.text);
          if (from === line.text.length) continue;
          if (options.skipBlankLines && from === 0) continue;
          const start = line.start + from;
          context.report({
            messageId: 'trailing',
            start,
            end: line.end,
            fix: { range: [start, line.end], text: '' },
          });
        }
      },
    };
  },
});

const SPACE_CODES = new Set([0x20, 0x09, 0xa0, 0x3000]);

/**
 * Where the line's trailing run of spaces begins (its length when there is
 * none). A scan back from the end rather than `/[ \t]+$/`, which retries
 * from every space of a long run that is not at the end: 200,000 spaces
 * took 84 s.
 */
function trailingSpaceStart(text: string): number {
  let index = text.length;
  while (index > 0 && SPACE_CODES.has(text.charCodeAt(index - 1))) index--;
  return index;
}
