import rule from '../../rules/gopher-quality.js';
import { TOLKIEN } from '../fixtures/datatrove/filter-cases.js';
import { NEWS } from '../fixtures/quality/news.js';
import { testRule } from '../rule-tester.js';

const drop = (message: string) => [{ message: `${message} (Gopher quality); drop the document`, line: 1, column: 1, fix: 'none' as const }];

testRule(rule, {
  valid: [
    NEWS,
    { name: 'a short text with the word count check off', text: TOLKIEN, options: { minDocWords: null } },
    { name: 'a French page is not checked when French is listed', text: "Un magicien n'est jamais en retard, Frodon Sacquet. Pas plus qu'il est en avance. Il arrive précisément à l'heure prévue, et il le sait très bien.\n", options: { languages: ['en', 'fr'], minDocWords: null, minStopWords: null } },
  ],
  invalid: [
    { name: 'a menu', text: 'Home\nNews\nSport\nWeather\n', messages: drop('Word count 4 is under 50'), output: null },
    { name: 'a long document', text: NEWS, options: { maxDocWords: 60 }, messages: drop('Word count 67 is over 60'), output: null },
    { name: 'short words', text: 'I am a b c d e f g h.\n', options: { minDocWords: 5 }, messages: drop('Mean word length 1.1 is under 3'), output: null },
    { name: 'long words', text: `${'interconnection '.repeat(20)}\n`, options: { minDocWords: 5 }, messages: drop('Mean word length 15 is over 10'), output: null },
    { name: 'hashes', text: `${'#news #today '.repeat(10)}\n`, options: { minDocWords: 5 }, messages: drop('Hash-to-word ratio 0.5 is over 0.1'), output: null },
    {
      name: 'ellipses',
      text: 'Wait for it... And then... The end of the story, with the ending.\n',
      options: { minDocWords: 5 },
      messages: drop('Ellipsis-to-word ratio 0.118 is over 0.1'),
      output: null,
    },
    {
      name: 'bullet lines',
      text: '- the one two\n- the three four\n- the five six\n• the seven eight\n',
      options: { minDocWords: 5 },
      messages: drop('Share of lines starting with a bullet 1 is over 0.9'),
      output: null,
    },
    {
      name: 'lines ending in an ellipsis',
      text: 'The first story of the day …\nThe second story of the day …\nThe third story of the day, in full.\n',
      options: { minDocWords: 5, maxSymbolWordRatio: null },
      messages: drop('Share of lines ending with an ellipsis 0.667 is over 0.3'),
      output: null,
    },
    {
      name: 'numbers and symbols',
      text: 'The 2024 results: 1204 1406 1608 1810 2012 2214 = 10254 (+4%) and the rest.\n',
      options: { minDocWords: 5 },
      messages: drop('Share of words with a letter 0.263 is under 0.8'),
      output: null,
    },
    { name: 'no stop words', text: 'Apples bananas cherries dates figs grapes.\n', options: { minDocWords: 5 }, messages: drop('Stop-word count 0 is under 2'), output: null },
    {
      name: 'stop words are matched with their case, as in datatrove',
      text: 'The apples And bananas.\n',
      options: { minDocWords: 2 },
      messages: drop('Stop-word count 0 is under 2'),
      output: null,
    },
    {
      name: 'a value that would print as its threshold gets more digits',
      text: `${'word '.repeat(49)}wordy\n`,
      options: { minDocWords: null, maxAvgWordLength: 4, minStopWords: null },
      messages: drop('Mean word length 4.02 is over 4'),
      output: null,
    },
    { name: 'white space only', text: '  \n\t\n', messages: [{ message: 'Document has no words (Gopher quality); drop the document', line: 1, column: 1 }], output: null },
    {
      name: 'a page in another language: one info message, no verdict',
      text: 'Les députés ont adopté à une large majorité le projet de loi sur la fin de vie, qui doit maintenant être examiné par le Sénat.\n',
      messages: [{ message: 'Document-quality rules skipped this document: it reads as "fr", not "en"; add "fr" to their languages option to check it', line: 1, column: 1 }],
      output: null,
    },
  ],
});
