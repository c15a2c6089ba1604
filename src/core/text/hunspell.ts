/**
 * English Hunspell dictionaries through nspell: `dictionary-en` (en-US) and
 * `dictionary-en-gb` (en-GB), affix rules included. Shared by no-misspelling
 * (which words are known) and no-typo-variant (which spellings are one
 * word's British and American forms).
 */
import american from 'dictionary-en';
import british from 'dictionary-en-gb';
import nspell from 'nspell';

export type Language = 'en' | 'en-US' | 'en-GB';
export const LANGUAGES: readonly Language[] = ['en', 'en-US', 'en-GB'];

const hunspell = new Map<'en-US' | 'en-GB', nspell>();

/**
 * A dictionary's affix and word files, as its package exports them (the
 * packages read the two files when imported; parsing them is what costs).
 */
export function hunspellFiles(variant: 'en-US' | 'en-GB'): { aff: Uint8Array; dic: Uint8Array } {
  return variant === 'en-US' ? american : british;
}

/** A Hunspell dictionary, parsed once per process on first use (0.2–0.3 s each). */
function hunspellOf(variant: 'en-US' | 'en-GB'): nspell {
  let checker = hunspell.get(variant);
  if (!checker) {
    const { aff, dic } = hunspellFiles(variant);
    checker = nspell({ aff: Buffer.from(aff), dic: Buffer.from(dic) });
    hunspell.set(variant, checker);
  }
  return checker;
}

/** Does the language's dictionary know the word, in this case? `en` takes either spelling (the British one is asked only when the American one says no). */
export function isDictionaryWord(word: string, language: Language): boolean {
  if (language === 'en-GB') return hunspellOf('en-GB').correct(word);
  if (hunspellOf('en-US').correct(word)) return true;
  return language === 'en' && hunspellOf('en-GB').correct(word);
}
