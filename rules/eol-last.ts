import { defineRule, NO_OPTIONS_SCHEMA } from '../src/core/rule.js';
import { prefersCrlf } from '../src/core/text/lines.js';

/**
 * A text file ends with a line terminator (POSIX's definition of a line).
 * Without one, `cat`-ing documents together glues the last line of one onto
 * the first line of the next, and line-oriented tools drop or merge it.
 */
export default defineRule({
  meta: {
    id: 'eol-last',
    description: 'Require a newline at the end of the file',
    version: 1,
    fixable: 'safe',
    messages: { missing: 'Missing newline at the end of the file; add one' },
    type: 'layout',
    recommended: 'warn',
    defaultOptions: {},
    optionsSchema: NO_OPTIONS_SCHEMA,
  },
  create() {
    return {
      check(context) {
        const { text } = context;
        if (text === '' || text.endsWith('\n')) return;
        context.report({
          messageId: 'missing',
          start: text.length,
          end: text.length,
          // A last line ending in a lone CR only lacks the LF of its CRLF.
          fix: { range: [text.length, text.length], text: prefersCrlf(text) && !text.endsWith('\r') ? '\r\n' : '\n' },
        });
      },
    };
  },
});
