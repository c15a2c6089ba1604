import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideLines, positionFromFeatures } from '../../rules/no-site-chrome/decisions.js';
import rule from '../../rules/no-site-chrome/index.js';
import { documentFeatures } from '../../rules/no-site-chrome/line-features.js';
import type { CorpusIndex } from '../../src/core/corpus-index.js';
import { fixText } from '../../src/core/fix.js';
import { splitLines } from '../../src/core/text/lines.js';
import { linterFor, testRule } from '../rule-tester.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'chrome');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');

const para = (sentence: string) => `${sentence} ${sentence.toLowerCase()} And the officials said more talks would follow this week.`;
const article = [
  para('Russian President Vladimir Putin hailed North Korea on Tuesday for firmly supporting the war.'),
  para('The United States and its allies have accused North Korea of supplying Russia with arms.'),
  'US concern',
  para('The North has described allegations of supplying weapons to Russia as absurd, officials said.'),
  '“We know where this is going,” he said.',
  para('MADRID — The two Koreas have remained technically at war since their 1950-53 conflict ended.'),
].join('\n');

/** Short articles in other languages, for the phrase library's non-English entries. */
const russianArticle = [
  'Президент России Владимир Путин во вторник поблагодарил Северную Корею за твёрдую поддержку, сообщили официальные лица.',
  'Соединённые Штаты и их союзники обвиняют Северную Корею в поставках оружия России, и переговоры продолжатся на этой неделе.',
  'Пхеньян называет эти обвинения абсурдными, а две Кореи формально остаются в состоянии войны с 1953 года.',
].join('\n');
const chineseArticle = [
  '俄罗斯总统普京周二感谢朝鲜坚定支持其在乌克兰的战争，这是他二十四年来首次访问朝鲜。',
  '美国及其盟友指责朝鲜向俄罗斯提供武器，官员们表示本周将继续就此举行会谈。',
  '朝鲜称这些指控荒谬，朝韩两国自一九五三年冲突结束以来在技术上仍处于战争状态。',
].join('\n');
const germanArticle = [
  'Der russische Präsident Wladimir Putin hat Nordkorea am Dienstag für die feste Unterstützung seines Krieges gedankt.',
  'Die Vereinigten Staaten und ihre Verbündeten werfen Nordkorea vor, Russland mit Waffen zu beliefern, sagten Beamte.',
  'Pjöngjang nennt die Vorwürfe absurd; die beiden Koreas befinden sich seit 1953 formal noch im Kriegszustand.',
].join('\n');
const japaneseArticle = [
  'ロシアのプーチン大統領は火曜日、ウクライナでの戦争を支持する北朝鮮に感謝の意を表した。',
  '米国とその同盟国は北朝鮮がロシアに武器を供与していると非難しており、協議は今週も続く見通しだ。',
  '北朝鮮はこれらの疑惑をばかげていると否定し、南北は一九五三年の休戦以来、技術的には戦争状態にある。',
].join('\n');

/** A corpus in which every line of the template footer recurs in 40 of 50 documents. */
const corpusWithTemplate = (template: string[]): CorpusIndex => ({
  documentCount: 50,
  lineDocumentCount: (line) => (template.includes(line.trim()) ? 40 : 1),
  nearDuplicateOf: () => undefined,
  passageVariants: () => [],
});

testRule(rule, {
  valid: [
    { name: 'an article with a sub-heading, a quotation and a dateline', text: `${article}\n` },
    { name: 'a title set off by a blank line', text: `Putin Hails North Korea's Support for Ukraine War\n\n${article}\n` },
    { name: "a quoted sub-heading between paragraphs ('Lonely bromance')", text: `${article}\n\n‘Lonely bromance’\n\n${article}\n` },
    { name: 'a clean article ending in a list it introduces', text: fixture('clean-article-tour-dates.txt') },
    { name: 'a poem, short lines and all', text: 'The woods are lovely, dark and deep,\nBut I have promises to keep,\nAnd miles to go before I sleep,\nAnd miles to go before I sleep.\n' },
    { name: 'a chapter title above its text', text: 'Chapter One\n\nIt was a dark night.\n' },
    {
      name: "a footer's phrase inside the article ('powered by') and a line of dialogue ('Yes.')",
      text: `${article}\nThe new tracker, powered by a small solar panel, reports its position every ten minutes to the park rangers.\n“Yes.”\n${article}\n`,
    },
    {
      name: 'a recurring short line inside the article is a shared sub-heading, not template text',
      text: `${article}\nAnalysis\n${article}\n`,
      corpus: corpusWithTemplate(['Analysis']),
    },
  ],
  invalid: [
    {
      name: 'comment form after the article',
      text: `${article}\n\nSource link\n\nLeave a Comment\n\nYour email address will not be published. Required fields are marked *\n`,
      messages: [{ message: 'Site chrome (comment form) on lines 8–12; remove the block', line: 8, column: 1, endLine: 12 }],
      output: `${article}\n\n`,
    },
    {
      name: 'outlet label between the headline and the article',
      text: `Putin praises North Korea for supporting war in Ukraine en route to rare visit\nCBC\n${article}\n`,
      messages: [{ message: 'Site chrome (outlet or logo label), not article text; remove the line', line: 2, column: 1 }],
      output: `Putin praises North Korea for supporting war in Ukraine en route to rare visit\n${article}\n`,
    },
    {
      name: 'video teaser inside the article',
      text: `${article}\nWATCH l U.S. defence secretary scoffs at Putin ceasefire demands:\n${article}\n`,
      messages: [{ message: 'Site chrome (video teaser), not article text; remove the line', line: 7, column: 1 }],
      output: `${article}\n${article}\n`,
    },
    {
      name: 'navigation menu above the article',
      text: `Home\nWorld\nPolitics\nBusiness\nSport\n${article}\n`,
      messages: [{ message: 'Site chrome (navigation menu) on lines 1–5; remove the block', line: 1, column: 1, endLine: 5 }],
      output: `${article}\n`,
    },
    {
      name: 'read-more and share links in Spanish, French and German',
      text: `${article}\nLeer más\nPartager\nWeiterlesen\n`,
      messages: [{ message: 'Site chrome (read-more link) on lines 7–9; remove the block', line: 7, column: 1, endLine: 9 }],
      output: `${article}\n`,
    },
    {
      name: 'a Russian share button after a Russian article',
      text: `${russianArticle}\n\nПоделиться\n`,
      messages: [{ message: 'Site chrome (share buttons), not article text; remove the line', line: 5, column: 1 }],
      output: `${russianArticle}\n\n`,
    },
    {
      name: 'a Chinese read-more link, with no space between the words of the phrase',
      text: `${chineseArticle}\n阅读全文 >>\n`,
      messages: [{ message: 'Site chrome (read-more link), not article text; remove the line', line: 4, column: 1 }],
      output: `${chineseArticle}\n`,
    },
    {
      name: 'CJK phrases match inside unspaced text: a cookie banner, and a previous-story link the scraper ran together',
      text: `本网站使用Cookie来改善您的浏览体验，继续浏览即表示您同意我们使用Cookie。\n\n${chineseArticle}\n上一篇美国宣布对朝鲜实施新制裁\n`,
      messages: [
        { message: 'Site chrome (cookie notice), not article text; remove the line', line: 1, column: 1 },
        { message: 'Site chrome (read-more link), not article text; remove the line', line: 6, column: 1 },
      ],
      output: `\n${chineseArticle}\n`,
    },
    {
      name: 'a German cookie notice before the article',
      text: `Wir nutzen Cookies, um Ihnen ein optimales Nutzungserlebnis zu bieten. Mit dem Besuch der Website stimmen Sie dem zu.\n\n${germanArticle}\n`,
      messages: [{ message: 'Site chrome (cookie notice), not article text; remove the line', line: 1, column: 1 }],
      output: `\n${germanArticle}\n`,
    },
    {
      name: 'a Japanese comment heading after the article, and the comments under it go too',
      text: `${japaneseArticle}\n\nコメント\nとても分かりやすい記事でした。\n次の記事も楽しみにしています。\n`,
      messages: [{ message: 'Site chrome (comment form) on lines 5–7; remove the block', line: 5, column: 1, endLine: 7 }],
      output: `${japaneseArticle}\n\n`,
    },
    {
      name: 'cookie notice before the article, even though it is a sentence',
      text: `We use cookies to improve your experience. By using this site, you agree to our cookie policy.\n\n${article}\n`,
      messages: [{ message: 'Site chrome (cookie notice), not article text; remove the line', line: 1, column: 1 }],
      output: `\n${article}\n`,
    },
    {
      name: 'a whole-line phrase in capitals with a curly apostrophe and a no-break space',
      text: `${article}\n\nEDITOR’S\u00a0PICKS\n`,
      messages: [{ message: 'Site chrome (related-content list), not article text; remove the line', line: 8, column: 1 }],
      output: `${article}\n\n`,
    },
    {
      name: 'reader comments after a comment heading: reported, and the long comment left for a person to confirm',
      text: `${article}\n\n2 thoughts on “Putin in Pyongyang”\nJane Smith\nJune 19, 2024 at 9:03 am\nI think the summit shows how isolated both countries have become, and it worries me a great deal, because neither of them listens to anyone else any more.\nBob\nJune 19, 2024 at 10:15 am\nTime to face facts.\n`,
      messages: [
        { message: 'Site chrome (comment form) on lines 8–10; remove the block', line: 8, column: 1, endLine: 10 },
        { message: 'Probably site chrome (comment form), not article text; check and remove the line', line: 11, column: 1 },
        { message: 'Site chrome (comment form) on lines 12–14; remove the block', line: 12, column: 1, endLine: 14 },
      ],
      output: `${article}\n\nI think the summit shows how isolated both countries have become, and it worries me a great deal, because neither of them listens to anyone else any more.\n`,
    },
    {
      name: 'shop buttons and a feedback prompt, in English and German',
      text: `In den Warenkorb\n${article}\n\nWas this article helpful?\nAdd to basket\n`,
      messages: [
        { message: 'Site chrome (shop button), not article text; remove the line', line: 1, column: 1 },
        { message: 'Site chrome (feedback prompt) on lines 9–10; remove the block', line: 9, column: 1, endLine: 10 },
      ],
      output: `${article}\n\n`,
    },
    {
      name: 'a counted comment heading opens the thread even when the comments outweigh the article',
      text: `${article}\n\n3 responses to “Putin in Pyongyang”\n${[
        ['thelastfan says:', 'June 19, 2024 at 6:34 am', 'It is a good thing nobody is listening any more, because this summit is a dumpster fire and everyone in the region can see it burning from miles away.'],
        ['joetoronto says:', 'June 19, 2024 at 6:44 am', 'It is time for both governments to come to grips with reality; the sanctions have not worked and the talks will not work either, whatever the officials say this week.'],
        ['theprocess12 says:', 'June 19, 2024 at 6:58 am', 'As usual too many promises and no follow-through. Neither side has kept a single commitment since the last meeting, and I do not see why this one would be different.'],
      ].flat().join('\n')}\n`,
      messages: [
        { message: 'Site chrome (comment form) on lines 8–10; remove the block', line: 8, column: 1, endLine: 10 },
        { message: 'Probably site chrome (comment form), not article text; check and remove the line', line: 11, column: 1 },
        { message: 'Site chrome (comment form) on lines 12–13; remove the block', line: 12, column: 1, endLine: 13 },
        { message: 'Probably site chrome (comment form), not article text; check and remove the line', line: 14, column: 1 },
        { message: 'Site chrome (comment form) on lines 15–16; remove the block', line: 15, column: 1, endLine: 16 },
        { message: 'Probably site chrome (comment form), not article text; check and remove the line', line: 17, column: 1 },
      ],
      output: `${article}\n\nIt is a good thing nobody is listening any more, because this summit is a dumpster fire and everyone in the region can see it burning from miles away.\nIt is time for both governments to come to grips with reality; the sanctions have not worked and the talks will not work either, whatever the officials say this week.\nAs usual too many promises and no follow-through. Neither side has kept a single commitment since the last meeting, and I do not see why this one would be different.\n`,
    },
    {
      name: 'a related-stories heading ends the article, and the teasers under it go too',
      text: `${article}\nMore Great Wired Stories\nThe strange life and mysterious death of a virtuoso coder\nHow the platform gets the First Amendment backward\nWant the best tools to get healthy? Check out our team's picks for the best fitness trackers and running gear.\n`,
      messages: [{ message: 'Site chrome (related-content list) on lines 7–10; remove the block', line: 7, column: 1, endLine: 10 }],
      output: `${article}\n`,
    },
    {
      name: 'with a corpus, a short line repeated across many documents is template text',
      text: `${article}\n\nThe Daily Courier\n`,
      corpus: corpusWithTemplate(['The Daily Courier']),
      messages: [{ message: 'Site chrome (template text repeated across documents), not article text; remove the line', line: 8, column: 1 }],
      output: `${article}\n\n`,
    },
    {
      name: 'a document of nothing but menu lines keeps the lines no phrase names',
      text: 'Home\nNews\nSport\nLog in\nSubscribe\n',
      messages: [
        { message: 'Site chrome (read-more link), not article text; remove the line', line: 1, column: 1 },
        { message: 'Site chrome (account and login) on lines 4–5; remove the block', line: 4, column: 1, endLine: 5 },
      ],
      output: 'News\nSport\n',
    },
    {
      name: 'a document that safe fixes would empty is reported with unsafe fixes only',
      text: 'Log in\nSubscribe\n',
      messages: [{ message: 'Probably site chrome (account and login) on lines 1–2; check and remove the block', line: 1, column: 1, endLine: 2 }],
      output: null,
    },
  ],
});

describe('no-site-chrome on scraped copies of a news story', () => {
  const linter = linterFor(rule);
  const flaggedLines = (text: string) =>
    linter.lint(text).messages.flatMap((message) => {
      const end = message.place && 'end' in message.place ? message.place.end.line : message.line!;
      return Array.from({ length: end - message.line! + 1 }, (_, offset) => message.line! + offset);
    });
  const contentLines = (text: string, lines: number[]) => lines.filter((n) => text.split('\n')[n - 1]!.trim() !== '');

  it('finds the source link and comment form, and nothing in the article', () => {
    const text = fixture('001_8cf9da5644d1772f.txt');
    expect(contentLines(text, flaggedLines(text))).toEqual([65, 67, 69]);
  });

  it('finds the outlet label and the video teaser, and keeps the headline', () => {
    const text = fixture('002_307ba3ecc93f57b6.txt');
    expect(contentLines(text, flaggedLines(text))).toEqual([2, 7]);
  });

  it('finds both donation banners, keeps "U.S. concern" and "\'Lonely bromance\'"', () => {
    const text = fixture('004_e093002d25a5443a.txt');
    expect(contentLines(text, flaggedLines(text))).toEqual([1, 2, 3, 4, 5, 69, 71, 73, 75, 76, 77, 79]);
  });

  it('leaves no safe fix after fixing, and the unsure appeal reported for a person', () => {
    const text = fixture('004_e093002d25a5443a.txt');
    const fixed = fixText(linter, text).output;
    expect(linter.lint(fixed).messages.map((message) => message.reason)).toEqual([
      'Probably site chrome (donation appeal) on lines 66–70; check and remove the block',
    ]);
    expect(fixed).toContain('U.S. concern\n');
    expect(fixed).not.toContain('Support us');
  });
});

describe('no-site-chrome --fix on documents made of real scraped lines', () => {
  const linter = linterFor(rule);
  const pool = ['001_8cf9da5644d1772f.txt', '002_307ba3ecc93f57b6.txt', '004_e093002d25a5443a.txt', 'clean-article-tour-dates.txt']
    .flatMap((name) => fixture(name).split('\n'))
    .filter((line) => line.trim() !== '');
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  const proseWords = (text: string) =>
    text.split('\n').filter((line) => words(line) >= 18 || (words(line) >= 10 && /[.!?]["”’)]*$/.test(line.trim()))).reduce((sum, line) => sum + words(line), 0);

  it('never empties a document and never takes more than half its prose with safe fixes', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 40 }), fc.boolean(), (lines, blankBetween) => {
        const text = `${lines.join(blankBetween ? '\n\n' : '\n')}\n`;
        const fixed = fixText(linter, text).output;
        expect(fixed.trim()).not.toBe('');
        expect(proseWords(fixed) * 2).toBeGreaterThanOrEqual(proseWords(text));
      }),
      { numRuns: 60 },
    );
  });
});

describe('no-site-chrome decisions on a long prose line the model scores as chrome', () => {
  const smallPrint =
    'By signing up, you agree to receive updates and special offers for The Daily Courier’s products and services. You may opt out at any time, and you can read our privacy policy to learn how we handle your data.';
  /** Whether the small print's removal is a safe fix, at `probability`, with the other lines scored as article. */
  const safeAt = (text: string, probability: number) => {
    const { lines, values } = documentFeatures(splitLines(text));
    const row = lines.findIndex((item) => item.line.text === smallPrint);
    const probabilities = lines.map((_, at) => (at === row ? probability : 0.05));
    return decideLines(lines, probabilities, { reportAt: 0.5, safeAt: 0.6 }, positionFromFeatures(values))[row]!;
  };
  it.each([
    { where: 'below the article', text: `${article}\n\n${smallPrint}\n`, probability: 0.9, chrome: true, safe: true },
    { where: 'below the article, the model less sure', text: `${article}\n\n${smallPrint}\n`, probability: 0.7, chrome: true, safe: false },
    { where: 'between article paragraphs', text: `${article}\n${smallPrint}\n${article}\n`, probability: 0.9, chrome: true, safe: false },
  ])('$where at $probability: chrome $chrome, safe $safe', ({ text, probability, chrome, safe }) => {
    expect(safeAt(text, probability)).toMatchObject({ chrome, safe });
  });
});
