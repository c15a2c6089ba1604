/**
 * corpuslint as another project gets it: `npm pack`, the tarball installed in
 * a fresh project (whose own version differs), imported from ESM,
 * type-checked against the shipped .d.ts, and run through `npx`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './run-cli.js';

const version = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');

let folder: string;
let project: string;

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ESM_CHECK = `
import { lintText, fixText, lintFiles, loadConfig, Linter, defineRule, RuleTester } from 'corpuslint';

const noShouting = defineRule({
  meta: {
    id: 'no-shouting', description: 'Lines in capitals', version: 1, fixable: 'none',
    recommended: 'off', defaultOptions: {}, optionsSchema: { type: 'object', additionalProperties: false },
  },
  create() {
    return {
      check(context) {
        for (const line of context.lines) {
          const text = context.text.slice(line.start, line.end);
          if (/^[A-Z ]{6,}$/.test(text)) context.report({ message: 'Shouting; write it in sentence case', start: line.start, end: line.end });
        }
      },
    };
  },
});
new RuleTester().run(noShouting, {
  valid: ['Quiet words.\\n'],
  invalid: [{ text: 'HELLO THERE\\n', messages: [{ message: 'Shouting; write it in sentence case', line: 1, column: 1 }], output: null }],
});

const article = "The council voted on Tuesday to extend the library's opening hours.  \\nResidents had asked for evening access for years.\\n";
const linted = await lintText(article, { config: {}, rules: { 'no-trailing-spaces': 'error' } });
const fixed = await fixText(article, { config: {} });
const reports = [];
for await (const report of lintFiles(['docs'], { config: {}, concurrency: 'off' })) reports.push([path.basename(report.filePath), report.messages.map((m) => m.ruleId)]);
const { config } = await loadConfig({ config: {} });
console.log(JSON.stringify({
  linted: linted.messages.map((m) => m.ruleId),
  errors: linted.errorCount,
  fixed: fixed.output,
  loaded: (await Linter.load({ config: { extends: [], rules: { 'eol-last': 'error' } } })).lint('x').messages.map((m) => m.ruleId),
  bare: new Linter().lint("The council voted on Tuesday to extend the library's opening hours.").messages.map((m) => m.ruleId),
  custom: new Linter([{ rule: noShouting }]).lint('STOP SHOUTING').messages.map((m) => m.reason),
  reports,
  rules: Object.keys(config.rules).length,
}));
`.replace("import {", "import path from 'node:path';\nimport {");

const TS_OK = `
import { defineRule, lintText, Linter, type Finding, type LintResult, type Rule, type RuleContext } from 'corpuslint';

interface Options { max: number }
const rule: Rule<Options> = defineRule<Options>({
  meta: {
    id: 'no-long-lines', description: 'Lines over max characters', version: 1, fixable: 'none',
    messages: { long: 'Line over {{max}} characters; wrap it' },
    recommended: 'off', defaultOptions: { max: 80 }, optionsSchema: { type: 'object', properties: { max: { type: 'integer' } } },
  },
  create(options: Options) {
    return {
      check(context: RuleContext) {
        for (const line of context.lines) {
          const finding: Finding = { messageId: 'long', data: { max: options.max }, start: line.start, end: line.end };
          if (line.end - line.start > options.max) context.report(finding);
        }
      },
    };
  },
});
const result: LintResult = await lintText('text', { rules: { 'no-misspelling': 'off' } });
const first: string | undefined = result.messages[0]?.ruleId;
const linter = new Linter([{ rule, options: { max: 10 } }]);
const fixedText: string = linter.fix('x').output;
export { first, fixedText };
`;

/** If the shipped types were `any`, this would compile. */
const TS_BAD = `
import { lintText } from 'corpuslint';
const count: number = (await lintText('text')).messages;
export { count };
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: ['node'],
    typeRoots: [path.join(projectRoot, 'node_modules', '@types')],
  },
};

describe('the packed package', () => {
  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'corpuslint-pack-'));
    // npm test has just built dist/; the prepare script would build it again.
    const packed = run('npm', ['pack', '--ignore-scripts', '--pack-destination', folder], projectRoot);
    expect(packed.stderr.includes('npm error') ? packed.stderr : '').toBe('');
    const tarball = path.join(folder, packed.stdout.trim().split('\n').at(-1)!);
    project = path.join(folder, 'host');
    fs.mkdirSync(path.join(project, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'host-project', version: '9.9.9', type: 'module', private: true }));
    fs.writeFileSync(path.join(project, 'docs', 'a.txt'), 'The council voted on Tuesday to extend the opening hours.  \nResidents had asked for it.\n');
    fs.writeFileSync(path.join(project, 'docs', 'b.txt'), 'The council voted on Tuesday to extend the opening hours.\nResidents had asked for it.\n');
    const installed = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], project);
    expect(installed.status, installed.stderr).toBe(0);
  }, 240_000);

  afterAll(() => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('ships only what it needs', () => {
    const shipped = path.join(project, 'node_modules', 'corpuslint');
    expect(['dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/workers/worker.js', 'rules/no-misspelling.md', 'docs/writing-a-rule.md'].filter((file) => !fs.existsSync(path.join(shipped, file)))).toEqual([]);
    expect(['src', 'test', 'seeds', 'dist/test', 'dist/src/index.js.map'].filter((file) => fs.existsSync(path.join(shipped, file)))).toEqual([]);
  });

  it('imports from ESM and lints as the CLI does', () => {
    fs.writeFileSync(path.join(project, 'check.mjs'), ESM_CHECK);
    const result = run(process.execPath, ['check.mjs'], project);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      linted: ['no-trailing-spaces'],
      errors: 1,
      fixed: "The council voted on Tuesday to extend the library's opening hours.\nResidents had asked for evening access for years.\n",
      loaded: ['eol-last'],
      bare: ['eol-last'],
      custom: ['Shouting; write it in sentence case'],
      reports: [
        ['a.txt', ['no-trailing-spaces']],
        ['b.txt', []],
      ],
      rules: 16,
    });
  });

  it('type-checks a TypeScript file against the shipped types, and rejects a wrong one', () => {
    fs.writeFileSync(path.join(project, 'ok.ts'), TS_OK);
    fs.writeFileSync(path.join(project, 'bad.ts'), TS_BAD);
    fs.writeFileSync(path.join(project, 'tsconfig.ok.json'), JSON.stringify({ ...TSCONFIG, files: ['ok.ts'] }));
    fs.writeFileSync(path.join(project, 'tsconfig.bad.json'), JSON.stringify({ ...TSCONFIG, files: ['bad.ts'] }));
    const ok = run(process.execPath, [tsc, '-p', 'tsconfig.ok.json'], project);
    expect(ok.stdout).toBe('');
    expect(ok.status).toBe(0);
    const bad = run(process.execPath, [tsc, '-p', 'tsconfig.bad.json'], project);
    expect(bad.stdout).toContain("bad.ts(3,7): error TS2322: Type 'VFileMessage[]' is not assignable to type 'number'.");
  });

  it('runs through npx and prints its own version, not the host project\'s', () => {
    const result = run('npx', ['--no-install', 'corpuslint', '--version'], project);
    expect(result.stdout).toBe(`${version}\n`);
    expect(result.status).toBe(0);
  });
});
