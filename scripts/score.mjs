#!/usr/bin/env node
// Scores the built CLI on the labelled material in ../shared (not part of `npm test`:
// a user's clone has no ../shared). Runs the seeds scorer, then the web-dev scorer in
// detection and --fix modes, and prints their summary lines.
//
//   npm run build && npm run score            # everything
//   npm run score -- --set chrome             # one web-dev set
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tools = path.resolve(root, '..', 'shared', 'tools');
if (!fs.existsSync(tools)) {
  console.error(`score: ${tools} not found; the scorers live in the shared material beside the project`);
  process.exit(2);
}
const setIndex = process.argv.indexOf('--set');
const set = setIndex >= 0 ? process.argv[setIndex + 1] : 'all';
const cmd = `node ${path.join(root, 'bin', 'corpuslint.js')}`;

function run(args) {
  console.log(`\n$ node ${args.join(' ')}`);
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.status;
}

let failed = 0;
if (set === 'all') failed |= run([path.join(tools, 'score-seeds.mjs'), '--cmd', cmd]);
failed |= run([path.join(tools, 'score-web.mjs'), '--cmd', cmd, '--set', set]);
failed |= run([path.join(tools, 'score-web.mjs'), '--cmd', cmd, '--set', set, '--fix']);
process.exit(failed ? 1 : 0);
