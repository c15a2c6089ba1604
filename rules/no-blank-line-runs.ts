import { defineRule } from '../src/core/rule.js';
import { isBlank } from '../src/core/text/lines.js';

/**
 * Scrapers turn every empty `<div>`, `<br>` and removed widget into another
 * blank line; one blank line separates paragraphs, more only show where page
 * furniture used to be. Blank lines at the end of the file are left to
 * `no-trailing-blank-lines`, so one run is never reported twice.
 */
export default defineRule({
  meta: {
    id: 'no-blank-line-runs',
    description: 'Disallow runs of blank lines',
    version: 1,
    fixable: 'safe',
    type: 'layout',
    recommended: 'warn',
    defaultOptions: { max: 1 },
    optionsSchema: {
      type: 'object',
      properties: { max: { type: 'integer', minimum: 0 } },
      additionalProperties: false,
    },
  },
  create(options) {
    return {
      check(context) {
        const { lines } = context;
        const { max } = options;
        let index = 0;
        while (index < lines.length) {
          if (!isBlank(lines[index]!)) {
            index++;
            continue;
          }
          const first = index;
          while (index < lines.length && isBlank(lines[index]!)) index++;
          // `index` is now the first non-blank line after the run, or past the end.
          if (index === lines.length) return;
          const count = index - first;
          if (count <= max) continue;
          const firstLine = lines[first]!;
          const lastLine = lines[index - 1]!;
          context.report({
            message: describeRun(count, max),
            start: firstLine.start,
            end: lastLine.end,
            // Whole extra lines go, terminators included, so the lines kept keep theirs.
            fix: { range: [lines[first + max]!.start, lastLine.next], text: '' },
          });
        }
      },
    };
  },
});

function describeRun(count: number, max: number): string {
  if (max === 0) return count === 1 ? 'Unexpected blank line; remove it' : `${count} blank lines in a row; remove them`;
  return `${count} blank lines in a row; keep at most ${max}`;
}
