// Self-test of the JavaScript checks: run with `npm test` in tests/js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.join(here, '..', '..');

function run(script, args, env = {}) {
  const clean = { ...process.env };
  for (const name of ['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN']) delete clean[name];
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', env: { ...clean, ...env } });
}

test('a valid card passes both the SDK and the schema', () => {
  const result = run(path.join(here, 'validate-cards.mjs'), [path.join(here, 'fixtures', 'cards', 'good')]);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /^OK request-intake\.json$/m);
  assert.match(result.stdout, /^OK teams-charts\.json$/m);
  assert.match(result.stdout, /"checked":2,"passed":2,"failed":0/);
});

test('invalid cards fail with readable reasons', () => {
  const result = run(path.join(here, 'validate-cards.mjs'), [path.join(here, 'fixtures', 'cards', 'bad')]);
  assert.equal(result.status, 1, result.stdout + result.stderr);
  const line = (name) => result.stdout.split('\n').find((l) => l.startsWith(`FAIL ${name}:`)) ?? '';
  const unknown = line('unknown-element-type.json');
  assert.match(unknown, /UnknownElementType: Unknown element type "Carousel"/);
  assert.match(unknown, /schema: \/body\/0\/items\/0: unknown type "Carousel"/);
  const property = line('wrong-type-and-1.6-property.json');
  assert.match(property, /Input\.Text \/body\/0\/isRequired: must be boolean/);
  assert.match(property, /Input\.Text \/body\/1: unknown property "labelPosition"/);
  assert.match(property, /UnsupportedProperty: Property "labelPosition" is supported in version 1\.6/);
  const charts = line('teams-chart-without-fallback.json');
  assert.match(charts, /teams: \/body\/0 Chart\.Donut: needs an element as its fallback/);
  assert.match(charts, /teams: \/body\/1 Chart\.VerticalBar: color "blue" is not a chart color/);
  assert.match(charts, /teams: \/body\/1\/data\/0: "y" is not a valid number/);
  assert.match(result.stdout, /"checked":3,"passed":0,"failed":3/);
});

test('an empty folder is a failure, not a pass', () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'cards-'));
  try {
    const result = run(path.join(here, 'validate-cards.mjs'), [empty]);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /"checked":0/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('the checked-in Teams manifest is valid', () => {
  const result = run(path.join(here, 'validate-manifest.mjs'), []);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /^OK manifest\.json/m);
});

test('the message extension: the official schema accepts the checked-in one, and the checks refuse a wrong one', async () => {
  const { messageExtensionErrors, schemaErrors } = await import('./manifest-checks.mjs');
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'manifest', 'manifest.json'), 'utf8'));
  assert.deepEqual(messageExtensionErrors(manifest), []);
  const wrong = structuredClone(manifest);
  wrong.composeExtensions[0].botId = 'another-bot';
  wrong.composeExtensions[0].commands[0].context = ['compose'];
  wrong.composeExtensions[0].commands.push({ id: 'searchEverything', type: 'query', title: 'Search', parameters: [{ name: 'q', title: 'Query' }] });
  wrong.composeExtensions[0].commands[1].parameters[0].name = 'q';
  assert.deepEqual(messageExtensionErrors(wrong), [
    "composeExtensions[0].botId must be the bot's id, so the invokes reach the bot",
    'composeExtensions[0] sendToLegal: context must be message',
    'composeExtensions[0] searchRequests: parameters must be query',
    'composeExtensions[0]: the bot does not answer command "searchEverything"',
  ]);
  const badContext = structuredClone(manifest);
  badContext.composeExtensions[0].commands[0].context = ['everywhere'];
  assert.ok(schemaErrors(badContext).some((e) => e.includes('/composeExtensions/0/commands/0/context/0')), schemaErrors(badContext).join('\n'));
});

test('the app package build names missing settings', () => {
  const result = run(path.join(repoRoot, 'manifest', 'build-package.mjs'), [], { BOT_ID: '22222222-2222-4222-8222-222222222222' });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /Missing environment variables: TEAMS_APP_ID, BOT_DOMAIN\./);
});

test('the app package holds the manifest and both icons at its root', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'package-'));
  const out = path.join(dir, 'legalbot.zip');
  try {
    const result = run(path.join(repoRoot, 'manifest', 'build-package.mjs'), ['--out', out], {
      TEAMS_APP_ID: '11111111-1111-4111-8111-111111111111',
      BOT_ID: '22222222-2222-4222-8222-222222222222',
      BOT_DOMAIN: 'legalbot.example.com',
    });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const zip = readFileSync(out);
    const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    assert.ok(end > 0, 'end of central directory record present');
    assert.equal(zip.readUInt16LE(end + 10), 3);
    const names = [];
    for (let offset = zip.readUInt32LE(end + 16), i = 0; i < 3; i++) {
      assert.equal(zip.readUInt32LE(offset), 0x02014b50);
      const nameLength = zip.readUInt16LE(offset + 28);
      names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
      offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    }
    assert.deepEqual(names, ['manifest.json', 'color.png', 'outline.png']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
