/**
 * A unified / retext plugin as a corpuslint rule. The plugin's transformer
 * runs on the document's retext (NLCST) tree, which the engine parses only
 * when such a rule is on; each vfile message it leaves becomes a finding that
 * keeps the plugin's own `ruleId`, `source` and `url`, and an `expected`
 * replacement becomes a fix.
 */
import type { Root } from 'nlcst';
import { unified, type Plugin, type Processor } from 'unified';
import type { Point, Position } from 'unist';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { defineRule, type AnyRule, type Finding } from './rule.js';

export interface RetextRuleSource {
  /** The rule id it is configured as: the package name, or a file's base name. */
  name: string;
  attacher: Plugin<[unknown?], Root>;
  /** What `--list-rules`, SARIF and the cache see; a package's `description` and version. */
  description?: string;
  url?: string;
}

export function retextRule({ name, attacher, description, url }: RetextRuleSource): AnyRule {
  return defineRule<Record<string, unknown>>({
    meta: {
      id: name,
      description: description ?? `The retext plugin ${name}`,
      version: 1,
      // A plugin proposes `expected` without seeing the corpus (retext-repeated-words drops the first
      // word's capital, for one), so its replacements wait for --unsafe-fixes.
      fixable: 'unsafe',
      recommended: 'off',
      needsTree: true,
      defaultOptions: {},
      // The plugin's options are its own business; corpuslint cannot know their shape.
      optionsSchema: { type: 'object' },
      url,
    },
    // The plugin is attached once per Linter, with the run's options.
    create(options) {
      const processor = unified()
        .use(attacher, Object.keys(options).length === 0 ? undefined : options)
        .freeze() as unknown as Processor<Root, Root, Root>;
      return {
        check(context) {
          const file = new VFile({ value: context.text, path: context.filePath });
          processor.runSync(context.tree!, file);
          for (const message of file.messages) context.report(findingOf(message, context.text.length));
        },
      };
    },
  });
}

function findingOf(message: VFileMessage, length: number): Finding {
  const [start, end] = offsetsOf(message.place, length);
  const finding: Finding = {
    message: message.reason,
    start,
    end,
    origin: { ruleId: message.ruleId, source: message.source ?? undefined, url: message.url },
  };
  // Only a single replacement is a fix; several are a choice for the reader.
  const expected = message.expected;
  if (expected && expected.length === 1 && end > start) finding.fix = { range: [start, end], text: expected[0]! };
  return finding;
}

function offsetsOf(place: Point | Position | undefined, length: number): [number, number] {
  if (!place) return [0, 0];
  if ('start' in place) return [place.start.offset ?? 0, place.end.offset ?? place.start.offset ?? 0];
  const at = place.offset ?? 0;
  return [Math.min(at, length), Math.min(at, length)];
}
