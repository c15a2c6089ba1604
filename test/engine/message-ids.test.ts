/** Findings by `messageId`: the template of the rule's `meta.messages`, filled from `data`, as ESLint does. */
import { describe, expect, it } from 'vitest';
import { Linter } from '../../src/core/lint.js';
import { defineRule, type Finding } from '../../src/core/rule.js';

function ruleReporting(finding: Omit<Finding, 'start' | 'end'>) {
  return defineRule({
    meta: {
      id: 'say',
      description: 'reports one finding',
      version: 1,
      fixable: 'none',
      messages: { repeated: '{{ what }} repeated from line {{line}}; remove the copy', bare: 'No placeholders' },
      recommended: 'warn',
      defaultOptions: {},
      optionsSchema: {},
    },
    create: () => ({ check: (context) => context.report({ ...finding, start: 0, end: 1 }) }),
  });
}

describe('messageId', () => {
  it.each([
    [{ messageId: 'repeated', data: { what: 'Caption', line: 3 } }, 'Caption repeated from line 3; remove the copy', 'repeated'],
    [{ messageId: 'repeated', data: { what: 'Caption' } }, 'Caption repeated from line {{line}}; remove the copy', 'repeated'],
    [{ messageId: 'bare' }, 'No placeholders', 'bare'],
    [{ message: 'A literal message' }, 'A literal message', undefined],
  ])('%j gives %j', (finding, reason, messageId) => {
    const [message] = new Linter([{ rule: ruleReporting(finding) }]).lint('x\n').messages;
    expect(message?.reason).toBe(reason);
    expect(message?.messageId).toBe(messageId);
  });

  it('an id the rule does not declare is the rule\'s bug, reported as its crash', () => {
    const [message] = new Linter([{ rule: ruleReporting({ messageId: 'missing' }) }]).lint('x\n').messages;
    expect(message?.reason).toBe('Rule crashed on this text (say reported messageId "missing", which its meta.messages does not have); please report it with the file');
  });
});
