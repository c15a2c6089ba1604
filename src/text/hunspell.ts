/**
 * English Hunspell dictionaries through nspell: `dictionary-en` (en-US) and
 * `dictionary-en-gb` (en-GB), affix rules included. Shared by no-misspelling
 * (which words are known) and no-typo-variant (which spellings are one
 * word's British and American forms).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import nspell from 'nspell';

export type Language = 'en' | 'en-US' | 'en-GB';
export const LANGUAGES: readonly Language[] = ['en', 'en-US', 'en-GB'];

const require = createRequire(import.meta.url);
const hunspell = new Map<'en-US' | 'en-GB', nspell>();

/** The folder holding a dictionary's `index.aff` and `index.dic`. */
export function hunspellFolder(variant: 'en-US' | 'en-GB'): string {
  return path.dirname(require.resolve(variant === 'en-US' ? 'dictionary-en' : 'dictionary-en-gb'));
}

/** A Hunspell dictionary, built once per process on first use (0.2–0.3 s each). */
function hunspellOf(variant: 'en-US' | 'en-GB'): nspell {
  let checker = hunspell.get(variant);
  if (!checker) {
    const folder = hunspellFolder(variant);
    checker = nspell({ aff: fs.readFileSync(path.join(folder, 'index.aff')), dic: fs.readFileSync(path.join(folder, 'index.dic')) });
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
