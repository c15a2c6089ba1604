/** Every built-in rule, in the order reports list them when places tie. */
import type { AnyRule } from '../src/rule.js';
import noTrailingSpaces from './no-trailing-spaces.js';

export const builtinRules: readonly AnyRule[] = [noTrailingSpaces];

export const builtinRulesById: ReadonlyMap<string, AnyRule> = new Map(builtinRules.map((rule) => [rule.meta.id, rule]));
