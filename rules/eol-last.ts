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
    fixable: true,
    fixSafety: 'safe',
    type: 'layout',
    recommended: 'warn',
    defaultOptions: {},
    optionsSchema: NO_OPTIONS_SCHEMA,
  },
  check(context) {
    const { text } = context;
    if (text === '' || text.endsWith('\n')) return;
    context.report({
      message: 'Missing newline at the end of the file; add one',
      start: text.length,
      end: text.length,
      // A last line ending in a lone CR only lacks the LF of its CRLF.
      fix: { range: [text.length, text.length], text: prefersCrlf(text) && !text.endsWith('\r') ? '\r\n' : '\n' },
    });
  },
});
