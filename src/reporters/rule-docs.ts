/**
 * A rule's documentation as report formats carry it: SARIF's
 * `fullDescription` and `help` (GitHub's code scanning shows them beside
 * every alert, and rejects rules without them), read from the rule's page
 * `rules/<id>.md`, which ships with the package.
 */
import fs from 'node:fs';
import type { AnyRule } from '../core/rule.js';
import { docsUrl } from '../core/message.js';
import { PACKAGE_ROOT } from '../core/package-root.js';

export interface RuleDocs {
  /** The page's link in the project's repository. */
  url: string;
  /** The first paragraph of "What it finds", or the rule's one-line description when it has no page. */
  fullDescription: string;
  /** Plain text: what it finds, why, and how it fixes. */
  helpText: string;
  /** The whole page less its title. */
  helpMarkdown: string;
}

/** The sections a reader of one alert needs; the rest of the page (options, examples, figures) stays behind the link. */
const HELP_SECTIONS = ['What it finds', 'Why', 'Fix'];

const cache = new Map<string, RuleDocs>();

export function ruleDocs(rule: AnyRule): RuleDocs {
  const { id, description } = rule.meta;
  let docs = cache.get(id);
  if (docs) return docs;
  const url = docsUrl(id);
  const page = readPage(id);
  const sections = page === undefined ? new Map<string, string>() : splitSections(page);
  const finds = sections.get('What it finds');
  const help = HELP_SECTIONS.flatMap((name) => {
    const body = sections.get(name);
    return body ? [`${name}: ${body}`] : [];
  });
  docs = {
    url,
    fullDescription: finds ? firstParagraph(finds) : ensurePeriod(description),
    helpText: help.length > 0 ? `${help.join('\n\n')}\n\nMore: ${url}` : `${ensurePeriod(description)} More: ${url}`,
    helpMarkdown: page === undefined ? `${ensurePeriod(description)}\n\n[Documentation](${url})` : `${withoutTitle(page)}\n\n[Documentation](${url})`,
  };
  cache.set(id, docs);
  return docs;
}

function readPage(id: string): string | undefined {
  try {
    return fs.readFileSync(new URL(`rules/${id}.md`, PACKAGE_ROOT), 'utf8').replace(/\r\n/g, '\n');
  } catch {
    // A rule from elsewhere (a plugin) may have no page here.
    return undefined;
  }
}

/** `## Heading` → its body, trimmed, for each second-level section. */
function splitSections(page: string): Map<string, string> {
  const sections = new Map<string, string>();
  const parts = page.split(/^## +(.+)$/m);
  for (let index = 1; index + 1 < parts.length; index += 2) sections.set(parts[index]!.trim(), parts[index + 1]!.trim());
  return sections;
}

function firstParagraph(body: string): string {
  return body.split(/\n\s*\n/)[0]!.replace(/\s*\n\s*/g, ' ').trim();
}

function withoutTitle(page: string): string {
  return page.replace(/^# .*\n+/, '').trim();
}

function ensurePeriod(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
