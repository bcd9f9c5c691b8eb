// Checks shared by validate-manifest.mjs and manifest/build-package.mjs: placeholder
// substitution, the official Teams manifest JSON schema (shipped in @microsoft/app-manifest),
// icon files and sizes, and the bot commands LegalBot documents.

import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const AjvDraft04 = require('ajv-draft-04').default;
const addFormats = require('ajv-formats').default;

export const REQUIRED_COMMANDS = ['help', 'new request', 'status', 'my requests'];

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

// The placeholder names used in a manifest text, e.g. TEAMS_APP_ID for ${{TEAMS_APP_ID}}.
export function placeholdersIn(text) {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

// Replaces ${{NAME}} with values[NAME]; values are JSON-escaped because they land inside strings.
export function substitute(text, values) {
  return text.replace(PLACEHOLDER, (whole, name) =>
    Object.hasOwn(values, name) ? JSON.stringify(String(values[name])).slice(1, -1) : whole,
  );
}

export const officialSchemaUrl = (version) =>
  `https://developer.microsoft.com/en-us/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;

export function teamsSchemaPath(manifestVersion) {
  const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  return path.join(packageDir, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

function describeAjvError(error) {
  const where = error.instancePath || '/';
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown property "${error.params.additionalProperty}"`;
    case 'enum':
      return `${where}: must be one of ${error.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return `${where}: ${JSON.stringify(error.data)} must match ${error.params.pattern}`;
    default:
      return `${where}: ${error.message}`;
  }
}

export function schemaErrors(manifest) {
  const version = manifest?.manifestVersion;
  if (typeof version !== 'string') return ['manifestVersion is missing'];
  const schemaFile = teamsSchemaPath(version);
  if (!existsSync(schemaFile)) return [`no official schema for manifestVersion ${version} in @microsoft/app-manifest`];
  const errors = [];
  if (manifest.$schema !== officialSchemaUrl(version)) {
    errors.push(`$schema should be ${officialSchemaUrl(version)}`);
  }
  // Same validator settings as AppManifestUtils.validateAgainstSchema in @microsoft/app-manifest.
  const ajv = new AjvDraft04({ allErrors: true, strictTypes: false, verbose: true });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  if (!validate(manifest)) errors.push(...validate.errors.map((e) => `schema v${version}: ${describeAjvError(e)}`));
  return errors;
}

// ---------- PNG ----------

// Reads the IHDR of a PNG file: { width, height, bitDepth, colorType, interlace, hasTrns }.
export function readPngInfo(file) {
  const data = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (data.length < 33 || !data.subarray(0, 8).equals(signature) || data.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  const info = {
    width: data.readUInt32BE(16),
    height: data.readUInt32BE(20),
    bitDepth: data[24],
    colorType: data[25],
    interlace: data[28],
    hasTrns: false,
    idat: [],
  };
  for (let offset = 8; offset + 8 <= data.length; ) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    if (type === 'tRNS') info.hasTrns = true;
    if (type === 'IDAT') info.idat.push(data.subarray(offset + 8, offset + 8 + length));
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  return info;
}

// Decodes 8-bit, non-interlaced RGBA (colour type 6) or grey+alpha (4) pixels into RGBA.
function decodeRgba(info) {
  const channels = { 6: 4, 4: 2 }[info.colorType];
  if (!channels || info.bitDepth !== 8 || info.interlace !== 0) return undefined;
  const raw = inflateSync(Buffer.concat(info.idat));
  const stride = info.width * channels;
  const pixels = Buffer.alloc(info.width * info.height * 4);
  let previous = Buffer.alloc(stride);
  for (let y = 0; y < info.height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0;
      const b = previous[i];
      const c = i >= channels ? previous[i - channels] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (line[i] + predictor) & 0xff;
    }
    for (let x = 0; x < info.width; x++) {
      const o = (y * info.width + x) * 4;
      if (channels === 4) line.copy(pixels, o, x * 4, x * 4 + 4);
      else {
        pixels[o] = pixels[o + 1] = pixels[o + 2] = line[x * 2];
        pixels[o + 3] = line[x * 2 + 1];
      }
    }
    previous = line;
  }
  return pixels;
}

export function iconErrors(manifest, manifestDir) {
  const errors = [];
  const expected = { color: [192, 192], outline: [32, 32] };
  for (const [kind, [width, height]] of Object.entries(expected)) {
    const relative = manifest?.icons?.[kind];
    if (typeof relative !== 'string') {
      errors.push(`icons.${kind} is missing`);
      continue;
    }
    const file = path.join(manifestDir, relative);
    if (!existsSync(file)) {
      errors.push(`icons.${kind}: file ${relative} not found next to the manifest`);
      continue;
    }
    let info;
    try {
      info = readPngInfo(file);
    } catch (error) {
      errors.push(`icons.${kind}: ${relative} is ${error.message}`);
      continue;
    }
    if (info.width !== width || info.height !== height) {
      errors.push(`icons.${kind}: ${relative} is ${info.width}x${info.height}, must be ${width}x${height}`);
    }
    if (kind === 'outline') errors.push(...outlineErrors(info, relative));
  }
  return errors;
}

// Teams: the outline icon is white on a transparent background.
function outlineErrors(info, relative) {
  const hasAlpha = info.colorType === 4 || info.colorType === 6 || info.hasTrns;
  if (!hasAlpha) return [`icons.outline: ${relative} has no transparency`];
  const pixels = decodeRgba(info);
  if (!pixels) return [`icons.outline: ${relative} must be an 8-bit non-interlaced RGBA PNG so its pixels can be checked`];
  let transparent = 0;
  let visible = 0;
  let notWhite = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i + 3] === 0) transparent++;
    else {
      visible++;
      if (pixels[i] !== 255 || pixels[i + 1] !== 255 || pixels[i + 2] !== 255) notWhite++;
    }
  }
  const errors = [];
  if (transparent === 0) errors.push(`icons.outline: ${relative} has no transparent background`);
  if (visible === 0) errors.push(`icons.outline: ${relative} is fully transparent`);
  if (notWhite > 0) errors.push(`icons.outline: ${relative} has ${notWhite} visible pixels that are not white`);
  return errors;
}

// ---------- LegalBot specifics ----------

export function commandErrors(manifest) {
  const bot = manifest?.bots?.[0];
  if (!bot) return ['bots[0] is missing'];
  const errors = [];
  const lists = bot.commandLists ?? [];
  for (const scope of bot.scopes ?? []) {
    const list = lists.find((l) => l.scopes?.includes(scope));
    if (!list) {
      errors.push(`bots[0]: no commandList for scope ${scope}`);
      continue;
    }
    const titles = (list.commands ?? []).map((c) => String(c.title).trim().toLowerCase());
    const missing = REQUIRED_COMMANDS.filter((c) => !titles.includes(c));
    if (missing.length > 0) errors.push(`bots[0]: commandList for ${scope} lacks ${missing.map((c) => `"${c}"`).join(', ')}`);
  }
  return errors;
}

// The message extension commands the bot answers (Bot/DialogInvokes.cs): the id, its type and where it is offered.
export const MESSAGE_EXTENSION_COMMANDS = [
  { id: 'sendToLegal', type: 'action', context: ['message'], fetchTask: true },
  { id: 'searchRequests', type: 'query', context: ['compose', 'commandBox'], fetchTask: false, parameters: ['query'] },
];

export function messageExtensionErrors(manifest) {
  const extensions = manifest?.composeExtensions ?? [];
  if (extensions.length !== 1) return ['composeExtensions: exactly one message extension, the bot, is expected'];
  const [extension] = extensions;
  const errors = [];
  const botId = manifest?.bots?.[0]?.botId;
  if (extension.botId !== botId) errors.push('composeExtensions[0].botId must be the bot\'s id, so the invokes reach the bot');
  const commands = extension.commands ?? [];
  for (const expected of MESSAGE_EXTENSION_COMMANDS) {
    const command = commands.find((c) => c.id === expected.id);
    if (!command) {
      errors.push(`composeExtensions[0]: no command "${expected.id}"`);
      continue;
    }
    if (command.type !== expected.type) errors.push(`composeExtensions[0] ${expected.id}: type must be ${expected.type}`);
    if (JSON.stringify([...(command.context ?? [])].sort()) !== JSON.stringify([...expected.context].sort())) {
      errors.push(`composeExtensions[0] ${expected.id}: context must be ${expected.context.join(', ')}`);
    }
    if (Boolean(command.fetchTask) !== expected.fetchTask) errors.push(`composeExtensions[0] ${expected.id}: fetchTask must be ${expected.fetchTask}`);
    const names = (command.parameters ?? []).map((p) => p.name);
    if (JSON.stringify(names) !== JSON.stringify(expected.parameters ?? names)) {
      errors.push(`composeExtensions[0] ${expected.id}: parameters must be ${expected.parameters.join(', ')}`);
    }
  }
  for (const command of commands) {
    if (!MESSAGE_EXTENSION_COMMANDS.some((e) => e.id === command.id)) errors.push(`composeExtensions[0]: the bot does not answer command "${command.id}"`);
  }
  return errors;
}

export function domainErrors(manifest) {
  return (manifest?.validDomains ?? [])
    .filter((d) => typeof d !== 'string' || d.includes('/'))
    .map((d) => `validDomains: ${JSON.stringify(d)} must be a host name without scheme or path`);
}

// Everything about a manifest whose placeholders are already substituted.
export function manifestErrors(manifest, manifestDir) {
  return [...schemaErrors(manifest), ...iconErrors(manifest, manifestDir), ...commandErrors(manifest), ...messageExtensionErrors(manifest), ...domainErrors(manifest)];
}
