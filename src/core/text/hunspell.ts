/**
 * English Hunspell dictionaries: `dictionary-en` (en-US) and `dictionary-en-gb`
 * (en-GB), affix rules included. Shared by no-misspelling (which words are
 * known) and no-typo-variant (which spellings are one word's British and
 * American forms).
 *
 * nspell expands each dictionary's stems by its affix rules into every word
 * form, which costs about half a second a dictionary in every thread. The forms
 * do not change between runs, so scripts/make-hunspell-forms.mjs writes them
 * once into rules/data/hunspell-en-forms.json, keyed by the length and hash of
 * each dictionary's files and nspell's version. A run reads that file when the
 * installed packages match it and builds nspell, as before, when they do not
 * (a newer dictionary within the dependency range), so the answer is nspell's
 * either way.
 */
import american from 'dictionary-en';
import british from 'dictionary-en-gb';
import nspell from 'nspell';
import nspellPackage from 'nspell/package.json' with { type: 'json' };
import forms from '../../../rules/data/hunspell-en-forms.json' with { type: 'json' };
import { fnvHashBytes } from './hash.js';

export type Language = 'en' | 'en-US' | 'en-GB';
export const LANGUAGES: readonly Language[] = ['en', 'en-US', 'en-GB'];
type Variant = 'en-US' | 'en-GB';
const VARIANTS: readonly Variant[] = ['en-US', 'en-GB'];

/** Does the dictionary know the word, in this case? */
type Checker = (word: string) => boolean;
const checkers = new Map<Variant, Checker>();

/**
 * A dictionary's affix and word files, as its package exports them (the
 * packages read the two files when imported; parsing them is what costs).
 */
export function hunspellFiles(variant: Variant): { aff: Uint8Array; dic: Uint8Array } {
  return variant === 'en-US' ? american : british;
}

/** Does the language's dictionary know the word, in this case? `en` takes either spelling (the British one is asked only when the American one says no). */
export function isDictionaryWord(word: string, language: Language): boolean {
  if (language === 'en-GB') return checkerOf('en-GB')(word);
  if (checkerOf('en-US')(word)) return true;
  return language === 'en' && checkerOf('en-GB')(word);
}

function checkerOf(variant: Variant): Checker {
  let checker = checkers.get(variant);
  if (!checker) {
    const precompiled = sourceKey(variant) === forms.variants[variant].source ? formsChecker(variant) : undefined;
    checker = precompiled ?? nspellChecker(variant);
    checkers.set(variant, checker);
  }
  return checker;
}

/** A dictionary parsed by nspell (0.3–0.5 s each). */
function nspellOf(variant: Variant): nspell {
  const { aff, dic } = hunspellFiles(variant);
  return nspell({ aff: Buffer.from(aff), dic: Buffer.from(dic) });
}

function nspellChecker(variant: Variant): Checker {
  const speller = nspellOf(variant);
  return (word) => speller.correct(word);
}

/** What the precompiled forms were made from: the dictionary's two files and the nspell that expanded them. */
export function sourceKey(variant: Variant): string {
  const { aff, dic } = hunspellFiles(variant);
  // A length and a 32-bit hash a file tell an updated dictionary from this one; the core takes no node:crypto.
  return `aff ${aff.length} ${bytesHash(aff)} dic ${dic.length} ${bytesHash(dic)} nspell@${nspellPackage.version}`;
}

function bytesHash(bytes: Uint8Array): string {
  return (fnvHashBytes(bytes) >>> 0).toString(16);
}

// ------------------------------------------------------------ the precompiled forms
/** Which variants list a word form: bit 1 en-US, bit 2 en-GB. */
const VARIANT_BIT: Readonly<Record<Variant, number>> = { 'en-US': 1, 'en-GB': 2 };
let formVariants: Map<string, number> | undefined;

function formVariantsOf(): Map<string, number> {
  if (!formVariants) {
    formVariants = new Map();
    for (const [list, bits] of [
      [forms.words.both, 3],
      [forms.words['en-US'], 1],
      [forms.words['en-GB'], 2],
    ] as const) {
      for (const word of list) formVariants.set(word, bits);
    }
  }
  return formVariants;
}

/**
 * nspell's `correct` over the precompiled forms: the same steps (trim, input
 * conversion, the word as written, then in sentence case when it is all
 * capitals, then in lower case), each asking `exact`. The generator refuses
 * dictionaries with a word flagged KEEPCASE or FORBIDDENWORD, the two flags that change them.
 */
function formsChecker(variant: Variant): Checker {
  const bit = VARIANT_BIT[variant];
  const words = formVariantsOf();
  const { compoundMin, onlyInCompound } = forms.variants[variant];
  const compoundOnly = new Set(onlyInCompound);
  const compoundRules = forms.variants[variant].compoundRules.map((source) => new RegExp(source, 'i'));
  const conversion = forms.variants[variant].conversion.map(([source, replacement]) => [new RegExp(source!, 'g'), replacement!] as const);
  const exact = (value: string): boolean => {
    if (((words.get(value) ?? 0) & bit) !== 0) return true;
    if (compoundOnly.has(value) || value.length < compoundMin) return false;
    return compoundRules.some((rule) => rule.test(value));
  };
  return (word) => {
    let normal = word.trim();
    if (!normal) return false;
    for (const [pattern, replacement] of conversion) normal = normal.replace(pattern, replacement);
    if (exact(normal)) return true;
    if (normal.toUpperCase() === normal && exact(normal.charAt(0) + normal.slice(1).toLowerCase())) return true;
    const lower = normal.toLowerCase();
    return lower !== normal && exact(lower);
  };
}

/** The contents of rules/data/hunspell-en-forms.json for the installed packages (scripts/make-hunspell-forms.mjs writes it). */
export function hunspellForms(): typeof forms {
  const listed = new Map<string, number>();
  const variants = {} as Record<Variant, (typeof forms.variants)[Variant]>;
  for (const variant of VARIANTS) {
    const speller = nspellOf(variant) as nspell & NspellInternals;
    const hasFlag = (codes: readonly string[], flag: string) => flag in speller.flags && codes.includes(speller.flags[flag] as string);
    const onlyInCompound: string[] = [];
    for (const [word, codes] of Object.entries(speller.data)) {
      const unmodelled = ['KEEPCASE', 'FORBIDDENWORD'].find((flag) => hasFlag(codes, flag));
      if (unmodelled) throw new Error(`${variant} flags \`${word}\` ${unmodelled}, which the precompiled forms do not model`);
      const compoundOnly = hasFlag(codes, 'ONLYINCOMPOUND');
      if (compoundOnly) onlyInCompound.push(word);
      else listed.set(word, (listed.get(word) ?? 0) | VARIANT_BIT[variant]);
    }
    variants[variant] = {
      source: sourceKey(variant),
      compoundMin: Number(speller.flags.COMPOUNDMIN ?? 3),
      compoundRules: speller.compoundRules.map((rule) => rule.source),
      conversion: speller.conversion.in.map(([pattern, replacement]) => [pattern.source, replacement]),
      onlyInCompound: onlyInCompound.sort(),
    };
  }
  const sorted = [...listed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const wordsWith = (bits: number) => sorted.flatMap(([word, has]) => (has === bits ? [word] : []));
  return {
    about: 'Every word form nspell expands from dictionary-en (en-US) and dictionary-en-gb (en-GB); written by scripts/make-hunspell-forms.mjs, do not edit. `both`: forms of both dictionaries.',
    variants,
    words: { both: wordsWith(3), 'en-US': wordsWith(1), 'en-GB': wordsWith(2) },
  };
}

/** The parts of an nspell instance the generator reads (not in its type declarations). */
interface NspellInternals {
  data: Record<string, string[]>;
  flags: Record<string, unknown>;
  compoundRules: RegExp[];
  conversion: { in: Array<[RegExp, string]> };
}
