import { defineRule, NO_OPTIONS_SCHEMA } from '../src/core/rule.js';
import { isBlank } from '../src/core/text/lines.js';

/**
 * Pages scraped with their footer stripped often end in a tail of blank
 * lines where the footer's blocks were. They carry nothing, and they make
 * concatenated documents and per-line statistics uneven.
 */
export default defineRule({
  meta: {
    id: 'no-trailing-blank-lines',
    description: 'Disallow blank lines at the end of the file',
    version: 1,
    fixable: 'safe',
    messages: {
      one: 'Unexpected blank line at the end of the file; remove it',
      many: '{{count}} blank lines at the end of the file; remove them',
    },
    type: 'layout',
    recommended: 'warn',
    defaultOptions: {},
    optionsSchema: NO_OPTIONS_SCHEMA,
  },
  create() {
    return {
      check(context) {
        const { lines, text } = context;
        let first = lines.length;
        while (first > 0 && isBlank(lines[first - 1]!)) first--;
        const count = lines.length - first;
        if (count === 0) return;
        const lastContent = first > 0 ? lines[first - 1] : undefined;
        // The last line that stays keeps its terminator only if the file ended in one.
        const endsWithNewline = text.endsWith('\n');
        const fixStart = lastContent === undefined ? 0 : endsWithNewline ? lastContent.next : lastContent.end;
        context.report({
          messageId: count === 1 ? 'one' : 'many',
          data: { count },
          start: lines[first]!.start,
          end: lines[lines.length - 1]!.end,
          fix: { range: [fixStart, text.length], text: '' },
        });
      },
    };
  },
});
