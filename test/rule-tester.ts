/**
 * The table every rule's test uses: the public RuleTester (src/rule-tester.ts)
 * inside vitest's describe / it, so built-in rules are tested the way a
 * plugin author tests theirs.
 */
import { describe, it } from 'vitest';
import { Linter } from '../src/core/lint.js';
import type { Rule } from '../src/core/rule.js';
import { RuleTester, type RuleTable } from '../src/rule-tester.js';

export type { ExpectedMessage, InvalidCase, RuleTable, ValidCase } from '../src/rule-tester.js';

const tester = new RuleTester({ describe, it });

/** A Linter running only `rule`; unlike the tester's, the options skip the schema (tests of a rule's own checks pass bad ones). */
export function linterFor<Options>(rule: Rule<Options>, options: Partial<Options> = {}): Linter {
  return new Linter([{ rule, options }]);
}

export function testRule<Options>(rule: Rule<Options>, table: RuleTable<Options>): void {
  tester.run(rule, table);
}
