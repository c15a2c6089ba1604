import american from 'dictionary-en';
import british from 'dictionary-en-gb';
import nspell from 'nspell';
import { describe, expect, it } from 'vitest';
import forms from '../../rules/data/hunspell-en-forms.json' with { type: 'json' };
import { hunspellForms, isDictionaryWord, sourceKey } from '../../src/core/text/hunspell.js';

describe('the precompiled Hunspell forms (rules/data/hunspell-en-forms.json)', () => {
  it('are what the installed dictionaries and nspell expand (else run scripts/make-hunspell-forms.mjs)', () => {
    expect(hunspellForms()).toEqual(forms);
    // So the tests below check the precompiled forms, not nspell against itself.
    for (const variant of ['en-US', 'en-GB'] as const) expect(sourceKey(variant)).toBe(forms.variants[variant].source);
  });

  const spellers = {
    'en-US': nspell({ aff: Buffer.from(american.aff), dic: Buffer.from(american.dic) }),
    'en-GB': nspell({ aff: Buffer.from(british.aff), dic: Buffer.from(british.dic) }),
  } as const;
  const asked = [
    // Case: nspell tries sentence case for capitals, then lower case; never the other way.
    'colour', 'Colour', 'COLOUR', 'color', 'Paris', 'paris', 'PARIS', 'pARIS', 'NASA', 'Nasa', 'nasa', 'iPhone', 'McDonald',
    // Ordinals through the compound rules, and the forms only allowed inside them.
    '1st', '11th', '21st', '22nd', '123rd', '1th', '2th', '11TH', '112th', 'x11th', '0', '7',
    // The input conversion (curly apostrophe), white space, contractions, nothing.
    'don’t', "don't", ' house ', '', ' ', "'s", 'aren’t', 'cafe', 'café', 'naïve', 'thta', 'recieve', 'hourlong', '__proto__', 'constructor',
  ];

  it.each(['en-US', 'en-GB'] as const)('answer as nspell does in %s, for hand-picked words', (variant) => {
    for (const word of asked) expect(isDictionaryWord(word, variant), word).toBe(spellers[variant].correct(word));
  });

  it.each(['en-US', 'en-GB'] as const)('answer as nspell does in %s, for every form in lower, upper and sentence case', (variant) => {
    const speller = spellers[variant];
    const mismatches: string[] = [];
    for (const form of [...forms.words.both, ...forms.words['en-US'], ...forms.words['en-GB']]) {
      const sentence = form.charAt(0).toUpperCase() + form.slice(1).toLowerCase();
      for (const word of new Set([form, form.toLowerCase(), form.toUpperCase(), sentence])) {
        if (isDictionaryWord(word, variant) !== speller.correct(word)) mismatches.push(word);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
