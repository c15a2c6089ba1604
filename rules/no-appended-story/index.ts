import { defineRule, NO_OPTIONS_SCHEMA } from '../../src/core/rule.js';
import { isBlankText } from './line-text.js';
import { type Evidence, findStoryBoundary } from './story-boundary.js';
import { TopicWordIds } from './topic-words.js';

/**
 * Scrapers glue other stories after the article: a "related stories" block,
 * teasers, or a whole second article with its own headline. The rule looks
 * for the one break in the document where what follows starts something new
 * (a headline-like line, a change of layout, the page's header pattern
 * repeating) and shares almost no vocabulary with the article before it.
 *
 * Thresholds were chosen on the web-dev `appended` set as a whole (34 files,
 * half of them controls with sub-headings) plus the five seeds, never per file;
 * the figures are in no-appended-story.md under "Measured".
 */
export default defineRule({
  meta: {
    id: 'no-appended-story',
    description: 'Disallow an unrelated story appended after the article',
    version: 1,
    fixable: 'sometimes',
    recommended: 'error',
    defaultOptions: {},
    optionsSchema: NO_OPTIONS_SCHEMA,
  },
  create() {
    // Topic-word ids for the run: a word's stop-word test and stem are worked out once per run, not per use.
    const topicWords = new TopicWordIds();
    return {
      check(context) {
        const { lines } = context;
        const boundary = findStoryBoundary(context, topicWords);
        if (!boundary) return;
        const first = lines[boundary.lineIndex]!;
        const last = lines[lines.length - 1]!;
        let keptIndex = boundary.lineIndex - 1;
        while (keptIndex > 0 && isBlankText(lines[keptIndex]!.text)) keptIndex--;
        const kept = lines[keptIndex]!;
        const endsWithNewline = context.text.endsWith('\n');
        const terminator = endsWithNewline ? context.text.slice(kept.end, kept.next) : '';
        const span = first.number === last.number ? `line ${first.number}` : `lines ${first.number}–${last.number}`;
        context.report({
          message: `${MESSAGE_LEAD[boundary.evidence]} from here to the end (${span}): ${MESSAGE_REASON[boundary.evidence]}; remove it`,
          start: first.start,
          end: last.end,
          fix: { range: [kept.end, context.text.length], text: terminator },
          fixSafety: boundary.confident ? 'safe' : 'unsafe',
        });
      },
    };
  },
});

const MESSAGE_LEAD: Record<Evidence, string> = {
  topic: 'Unrelated story appended',
  teasers: 'Unrelated teasers appended',
  template: 'Second story appended',
};

const MESSAGE_REASON: Record<Evidence, string> = {
  topic: "its words barely overlap the article's",
  teasers: "they are about other subjects than the article",
  template: "it repeats the page's own headline-and-caption layout",
};
