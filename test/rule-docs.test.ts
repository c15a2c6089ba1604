/**
 * Runs the ok / not-ok examples of every rules/<id>.md, so a rule's docs
 * cannot drift from what it does (as remark-lint does with its readmes).
 *
 * An example is a fenced block ```text ok``` or ```text not-ok```; a not-ok
 * block is followed by ```messages``` (one `line:column  message` a line) and
 * optionally ```fixed``` (the text after `--fix`). Each block's text is taken
 * as a file ending in a newline, or without one when the block is marked
 * `no-eol`. A block marked `corpus` holds several documents, one a line as
 * `name: text`; they are indexed as one corpus and each is linted, and its
 * messages block reads `name line:column  message`. Blocks marked `no-run`
 * are shown, not run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../rules/index.js';
import { CorpusIndexBuilder } from '../src/corpus/builder.js';
import { fixText } from '../src/core/fix.js';
import type { Linter } from '../src/core/lint.js';
import { linterFor } from './rule-tester.js';

const rulesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'rules');

interface DocBlock {
  kind: string;
  flags: string[];
  text: string;
}

function blocksOf(markdown: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  for (const match of markdown.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm)) {
    const flags = (match[2] ?? '').trim().split(/\s+/).filter(Boolean);
    const text = match[3] ?? '';
    blocks.push({ kind: match[1] ?? '', flags, text: flags.includes('no-eol') ? text.replace(/\r?\n$/, '') : text });
  }
  return blocks;
}

for (const rule of builtinRules) {
  const docPath = path.join(rulesDir, `${rule.meta.id}.md`);
  describe(`rules/${rule.meta.id}.md`, () => {
    it('exists and opens with the rule id and its description', () => {
      const markdown = fs.readFileSync(docPath, 'utf8');
      expect(markdown.startsWith(`# ${rule.meta.id}\n\n${rule.meta.description}.`)).toBe(true);
    });
    if (!fs.existsSync(docPath)) return;
    const blocks = blocksOf(fs.readFileSync(docPath, 'utf8'));
    blocks.forEach((block, index) => {
      if (block.kind !== 'text' || block.flags.includes('no-run')) return;
      const linter = linterFor(rule);
      if (block.flags.includes('ok')) {
        it(`ok example #${index + 1} stays silent`, () => {
          expect(linter.lint(block.text).messages.map((m) => `${m.line}:${m.column}  ${m.reason}`)).toEqual([]);
        });
      } else if (block.flags.includes('not-ok') && block.flags.includes('corpus')) {
        const messages = blocks[index + 1]?.kind === 'messages' ? blocks[index + 1]! : undefined;
        it(`not-ok corpus example #${index + 1} gives the documented messages`, () => {
          expect(messages, 'a not-ok example is followed by a messages block').toBeDefined();
          expect(lintCorpusExample(linter, block.text)).toEqual(messages!.text.split('\n').filter(Boolean));
        });
      } else if (block.flags.includes('not-ok')) {
        const messages = blocks[index + 1]?.kind === 'messages' ? blocks[index + 1]! : undefined;
        const fixed = blocks[index + 2]?.kind === 'fixed' ? blocks[index + 2] : undefined;
        it(`not-ok example #${index + 1} gives the documented messages`, () => {
          expect(messages, 'a not-ok example is followed by a messages block').toBeDefined();
          const actual = linter.lint(block.text).messages.map((m) => `${m.line}:${m.column}  ${m.reason}`);
          expect(actual).toEqual(messages!.text.split('\n').filter(Boolean));
          if (fixed) expect(fixText(linter, block.text).output).toBe(fixed.text);
        });
      }
    });
    it('has at least one runnable ok and not-ok example', () => {
      const runnable = blocks.filter((b) => b.kind === 'text' && !b.flags.includes('no-run'));
      expect(runnable.some((b) => b.flags.includes('ok'))).toBe(true);
      expect(runnable.some((b) => b.flags.includes('not-ok'))).toBe(true);
    });
  });
}

/** Lints each `name: text` line of a corpus example as a document of one corpus. */
function lintCorpusExample(linter: Linter, example: string): string[] {
  const documents = example
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(': ');
      return { name: line.slice(0, colon), text: `${line.slice(colon + 2)}\n` };
    });
  const builder = new CorpusIndexBuilder();
  for (const document of documents) builder.add(document.name, document.text);
  const corpus = builder.build();
  return documents.flatMap((document) =>
    linter.lint(document.text, { filePath: document.name, corpus }).messages.map((m) => `${document.name} ${m.line}:${m.column}  ${m.reason}`),
  );
}
