#!/usr/bin/env node
/**
 * Writes rules/data/hunspell-en-forms.json: every word form nspell expands
 * from the installed dictionary-en and dictionary-en-gb, which
 * src/core/text/hunspell.ts reads instead of expanding them in every thread.
 * Run it after updating either dictionary or nspell (a test fails until then;
 * meanwhile runs build nspell as before, with the same answers, only slower).
 *
 *   npm run build && node scripts/make-hunspell-forms.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { hunspellForms } = await import(path.join(root, 'dist', 'src', 'core', 'text', 'hunspell.js'));
const file = path.join(root, 'rules', 'data', 'hunspell-en-forms.json');
fs.writeFileSync(file, `${JSON.stringify(hunspellForms(), null, 1)}\n`);
console.log(`wrote ${path.relative(root, file)} (${(fs.statSync(file).size / 1e6).toFixed(2)} MB)`);
