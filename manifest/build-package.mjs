#!/usr/bin/env node
// Builds the Teams app package manifest/dist/legalbot.zip (manifest.json, color.png and
// outline.png at the zip root) from manifest.json, with the deployment's values:
//   TEAMS_APP_ID  the Teams app id (a GUID of your choice, stable across versions)
//   BOT_ID        the bot's MicrosoftAppId (Entra app registration client id)
//   BOT_DOMAIN    the host name the bot is served from, e.g. legalbot.contoso.com
// The result is checked against the official manifest schema, icon sizes and the bot commands
// before anything is written.
//
// Usage: TEAMS_APP_ID=... BOT_ID=... BOT_DOMAIN=... node manifest/build-package.mjs [--out <zip>]
// Needs the npm packages of tests/js: run `npm ci` in tests/js once.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const jsToolsDir = path.join(here, '..', 'tests', 'js');
const REQUIRED = ['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN'];
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function fail(lines) {
  for (const line of [].concat(lines)) console.error(line);
  process.exit(1);
}

function parseArgs(argv) {
  let out = path.join(here, 'dist', 'legalbot.zip');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) out = path.resolve(argv[++i]);
    else fail([`unknown argument ${argv[i]}`, 'usage: node manifest/build-package.mjs [--out <zip>]']);
  }
  return { out };
}

function readValues() {
  const values = Object.fromEntries(REQUIRED.map((name) => [name, (process.env[name] ?? '').trim()]));
  const missing = REQUIRED.filter((name) => values[name] === '');
  if (missing.length > 0) {
    fail(`Missing environment variable${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. Set ${REQUIRED.join(', ')} before building the app package.`);
  }
  const problems = [];
  for (const name of ['TEAMS_APP_ID', 'BOT_ID']) {
    if (!GUID.test(values[name])) problems.push(`${name} must be a GUID, got "${values[name]}"`);
  }
  if (/[/\s]/.test(values.BOT_DOMAIN)) {
    problems.push(`BOT_DOMAIN must be a host name such as legalbot.contoso.com, without https:// or a path, got "${values.BOT_DOMAIN}"`);
  }
  if (problems.length > 0) fail(problems);
  return values;
}

// ---------- zip (stored with deflate, no extra fields) ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// Fixed timestamp (1980-01-01 00:00, the DOS epoch) keeps the package byte-for-byte reproducible.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const compressed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: names are UTF-8
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    locals.push(local, nameBytes, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header signature
    central.writeUInt16LE(20, 4); // version made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // extra length, comment length, disk number, internal and external attributes: all 0
    central.writeUInt32LE(offset, 42); // offset of the local header
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + compressed.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(entries.length, 8); // entries on this disk
  end.writeUInt16LE(entries.length, 10); // entries in total
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16); // where the central directory starts
  return Buffer.concat([...locals, centralDirectory, end]);
}

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const values = readValues();

  if (!existsSync(path.join(jsToolsDir, 'node_modules', '@microsoft', 'app-manifest'))) {
    fail('The manifest checks need the npm packages in tests/js: run `npm ci` there first.');
  }
  const checks = await import(pathToFileURL(path.join(jsToolsDir, 'manifest-checks.mjs')).href);

  const template = readFileSync(path.join(here, 'manifest.json'), 'utf8');
  const unknown = checks.placeholdersIn(template).filter((name) => !REQUIRED.includes(name));
  if (unknown.length > 0) fail(`manifest.json uses placeholders this command does not fill: ${unknown.join(', ')}`);
  const manifest = JSON.parse(checks.substitute(template, values));

  const errors = checks.manifestErrors(manifest, here);
  if (errors.length > 0) fail(['The app manifest is not valid:', ...errors.map((e) => `  - ${e}`)]);

  const entries = [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: manifest.icons.color, data: readFileSync(path.join(here, manifest.icons.color)) },
    { name: manifest.icons.outline, data: readFileSync(path.join(here, manifest.icons.outline)) },
  ];
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, zip(entries));
  console.log(`wrote ${path.relative(process.cwd(), out) || out}: ${entries.map((e) => e.name).join(', ')} (manifestVersion ${manifest.manifestVersion}, app ${values.TEAMS_APP_ID}, bot ${values.BOT_ID})`);
}

await main();
