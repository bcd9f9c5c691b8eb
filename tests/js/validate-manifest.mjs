#!/usr/bin/env node
// Validates a Teams app manifest: the official JSON schema for its manifestVersion (from
// @microsoft/app-manifest), the icon files (192x192 colour, 32x32 white-on-transparent outline)
// and LegalBot's bot commands (help, new request, status, my requests).
// Placeholders such as ${{BOT_ID}} are replaced by fixed sample values first, so the checked-in
// template can be validated without a deployment's values.
//
// Usage: node validate-manifest.mjs [path/to/manifest.json]   (default: ../../manifest/manifest.json)
// Exit code: 0 when valid, 1 when not, 2 when the file cannot be read.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestErrors, placeholdersIn, substitute } from './manifest-checks.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export const SAMPLE_VALUES = {
  TEAMS_APP_ID: '11111111-1111-4111-8111-111111111111',
  BOT_ID: '22222222-2222-4222-8222-222222222222',
  BOT_DOMAIN: 'legalbot.example.com',
};

const file = path.resolve(process.argv[2] ?? path.join(here, '..', '..', 'manifest', 'manifest.json'));
let text;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  console.error(`cannot read ${file}: ${error.message}`);
  process.exit(2);
}

const unknown = placeholdersIn(text).filter((name) => !Object.hasOwn(SAMPLE_VALUES, name));
let manifest;
try {
  manifest = JSON.parse(substitute(text, SAMPLE_VALUES));
} catch (error) {
  console.error(`FAIL ${path.basename(file)}: not valid JSON: ${error.message}`);
  process.exit(1);
}

const errors = [
  ...unknown.map((name) => `unknown placeholder \${{${name}}} (known: ${Object.keys(SAMPLE_VALUES).join(', ')})`),
  ...manifestErrors(manifest, path.dirname(file)),
];
if (errors.length === 0) {
  console.log(`OK ${path.basename(file)} (manifestVersion ${manifest.manifestVersion}, schema, icons and commands)`);
} else {
  console.log(`FAIL ${path.basename(file)}:`);
  for (const error of errors) console.log(`  - ${error}`);
}
process.exitCode = errors.length === 0 ? 0 : 1;
