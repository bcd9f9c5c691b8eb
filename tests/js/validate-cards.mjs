#!/usr/bin/env node
// Validates every *.json file in a folder as an Adaptive Card, twice:
//  1. with the official Adaptive Cards JavaScript SDK (parse at the card's own version, then
//     validateProperties); every parse event and every validation event is a failure;
//  2. against the official Adaptive Card JSON schema (default: schemas/adaptive-card-1.5.0.json).
//     Teams' card extension (`msteams` on the root card) and action `data` (free-form by
//     definition) are left out of the schema check; nothing else is.
//  Teams' chart elements (Chart.VerticalBar, Chart.Donut) are Teams extensions the SDK and the
//  schema do not know: each must have an element `fallback`, its own shape is checked against
//  Teams' documentation ("Charts in Adaptive Cards"), the SDK must fall back on it and report
//  nothing but the unknown chart type, and the schema checks the card as other hosts render it
//  (each chart replaced by its fallback).
//
// Usage: node validate-cards.mjs <dir> [--schema <schema.json>] [--max-version 1.5]
// Prints `OK <file>` or `FAIL <file>: <reasons>` per file, then one JSON summary line.
// Exit code: 0 when every file passed and at least one was checked; 1 otherwise; 2 on bad usage.

import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js');
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;
const draft06MetaSchema = require('ajv/dist/refs/json-schema-draft-06.json');

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultSchemaPath = path.join(here, 'schemas', 'adaptive-card-1.5.0.json');

function usage(message) {
  console.error(message);
  console.error('usage: node validate-cards.mjs <dir> [--schema <schema.json>] [--max-version 1.5]');
  process.exit(2);
}

function parseArgs(argv) {
  const options = { dir: undefined, schemaPath: defaultSchemaPath, maxVersion: '1.5' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--schema' || arg === '--max-version') {
      const value = argv[++i];
      if (value === undefined) usage(`${arg} needs a value`);
      if (arg === '--schema') options.schemaPath = path.resolve(value);
      else options.maxVersion = value;
    } else if (arg.startsWith('--')) {
      usage(`unknown option ${arg}`);
    } else if (options.dir === undefined) {
      options.dir = path.resolve(arg);
    } else {
      usage(`unexpected argument ${arg}`);
    }
  }
  if (options.dir === undefined) usage('missing <dir>');
  return options;
}

// ---------- 1. the official SDK ----------

function sdkProblems(card) {
  const problems = [];
  const version = AC.Version.parse(String(card.version ?? ''));
  if (!version || !version.isValid) {
    return [`sdk: card version ${JSON.stringify(card.version)} is not a valid version`];
  }
  const context = new AC.SerializationContext(version);
  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.parse(card, context);
  // No parse event is acceptable: each one means the SDK dropped or ignored something.
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`sdk parse: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of adaptiveCard.validateProperties().validationEvents) {
    problems.push(`sdk validate: ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return problems;
}

function versionProblems(card, maxVersion) {
  const version = AC.Version.parse(String(card.version ?? ''));
  const max = AC.Version.parse(maxVersion);
  if (version && version.isValid && max && max.isValid && version.compareTo(max) > 0) {
    return [`card version ${card.version} is above the supported maximum ${maxVersion}`];
  }
  return [];
}

// ---------- Teams' chart extensions ----------

// Colours Teams documents for a chart's data points and for `color`.
const CHART_COLORS = new Set([
  'good', 'warning', 'attention', 'neutral',
  'categoricalRed', 'categoricalPurple', 'categoricalLavender', 'categoricalBlue', 'categoricalLightBlue',
  'categoricalTeal', 'categoricalGreen', 'categoricalLime', 'categoricalMarigold',
  'sequential1', 'sequential2', 'sequential3', 'sequential4', 'sequential5', 'sequential6', 'sequential7', 'sequential8',
  'divergingBlue', 'divergingLightBlue', 'divergingCyan', 'divergingTeal', 'divergingYellow', 'divergingPeach',
  'divergingLightRed', 'divergingRed', 'divergingMaroon', 'divergingGray',
]);
const COLOR_SETS = new Set(['categorical', 'sequential', 'diverging']);
// Properties every chart element takes (Teams' tables for each chart).
const CHART_COMMON = ['type', 'id', 'title', 'colorSet', 'data', 'fallback', 'grid.area', 'height', 'horizontalAlignment',
  'isVisible', 'lang', 'requires', 'separator', 'spacing', 'targetWidth'];
const CHARTS = {
  'Chart.Donut': { props: [...CHART_COMMON], point: { legend: 'string', value: 'number', color: 'color' }, required: ['legend', 'value'] },
  'Chart.VerticalBar': {
    props: [...CHART_COMMON, 'xAxisTitle', 'yAxisTitle', 'color', 'showBarValues', 'yMin', 'yMax'],
    point: { x: 'label', y: 'number', color: 'color' },
    required: ['x', 'y'],
  },
};

function chartShapeProblems(node, where) {
  const spec = CHARTS[node.type];
  const problems = [];
  for (const key of Object.keys(node)) {
    if (!spec.props.includes(key)) problems.push(`teams: ${where} ${node.type}: unknown property "${key}"`);
  }
  if (node.colorSet !== undefined && !COLOR_SETS.has(node.colorSet)) problems.push(`teams: ${where} ${node.type}: colorSet "${node.colorSet}" is not a chart color set`);
  if (node.color !== undefined && !CHART_COLORS.has(node.color)) problems.push(`teams: ${where} ${node.type}: color "${node.color}" is not a chart color`);
  for (const key of ['title', 'xAxisTitle', 'yAxisTitle']) {
    if (node[key] !== undefined && typeof node[key] !== 'string') problems.push(`teams: ${where} ${node.type}: ${key} must be a string`);
  }
  if (node.showBarValues !== undefined && typeof node.showBarValues !== 'boolean') problems.push(`teams: ${where} ${node.type}: showBarValues must be a boolean`);
  if (!Array.isArray(node.data) || node.data.length === 0) {
    problems.push(`teams: ${where} ${node.type}: data must be a non-empty array`);
    return problems;
  }
  node.data.forEach((point, i) => {
    if (!isObject(point)) return problems.push(`teams: ${where}/data/${i}: must be an object`);
    for (const key of spec.required) if (point[key] === undefined) problems.push(`teams: ${where}/data/${i}: missing "${key}"`);
    for (const [key, value] of Object.entries(point)) {
      const kind = spec.point[key];
      const ok = kind === 'string' ? typeof value === 'string'
        : kind === 'number' ? typeof value === 'number' && Number.isFinite(value)
        : kind === 'label' ? typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
        : kind === 'color' ? CHART_COLORS.has(value)
        : false;
      if (!ok) problems.push(`teams: ${where}/data/${i}: "${key}" ${kind ? `is not a valid ${kind}` : 'is unknown'}`);
    }
  });
  return problems;
}

// The card as hosts without Teams' charts render it (each chart replaced by its fallback), and
// what is wrong with the charts themselves.
function withoutTeamsCharts(card) {
  const problems = [];
  const charts = [];
  const portable = structuredClone(card);
  (function walk(node, pointer, parent, key) {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${pointer}/${i}`, node, i));
    if (!isObject(node)) return;
    if (typeof node.type === 'string' && Object.hasOwn(CHARTS, node.type)) {
      charts.push(node.type);
      problems.push(...chartShapeProblems(node, pointer));
      if (!isObject(node.fallback) || typeof node.fallback.type !== 'string') {
        problems.push(`teams: ${pointer} ${node.type}: needs an element as its fallback for hosts without charts`);
        parent[key] = { type: 'TextBlock', text: '' };
      } else {
        parent[key] = node.fallback;
        walk(node.fallback, pointer, parent, key);
      }
      return;
    }
    for (const [childKey, value] of Object.entries(node)) walk(value, `${pointer}/${escapePointer(childKey)}`, node, childKey);
  })(portable, '', undefined, undefined);
  return { portable, charts, problems };
}

// The SDK on the card as Teams sends it: the only thing it may report is a chart type it does
// not know (whose fallback it then renders).
function sdkChartProblems(card, charts) {
  if (charts.length === 0) return [];
  const version = AC.Version.parse(String(card.version ?? ''));
  const context = new AC.SerializationContext(version);
  new AC.AdaptiveCard().parse(card, context);
  const problems = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    const isChart = AC.ValidationEvent[event.event] === 'UnknownElementType' && charts.some((type) => event.message.includes(type));
    if (!isChart) problems.push(`sdk parse (with charts): ${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return problems;
}

// ---------- 2. the official JSON schema ----------

function loadSchema(schemaPath) {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // The published schema names itself with draft-04 style `id`; ajv 8 only reads `$id`.
  if (schema.id !== undefined && schema.$id === undefined) {
    schema.$id = schema.id;
    delete schema.id;
  }
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictTuples: false, strictRequired: false });
  if (String(schema.$schema).includes('draft-06')) ajv.addMetaSchema(draft06MetaSchema);
  // Annotation keywords the schema uses on top of JSON Schema.
  ajv.addVocabulary(['version', 'features', 'example']);
  addFormats(ajv);
  ajv.addSchema(schema);
  const root = ajv.getSchema(schema.$id);
  const byType = new Map();
  const definitionValidator = (type) => {
    if (!Object.hasOwn(schema.definitions ?? {}, type)) return undefined;
    if (!byType.has(type)) byType.set(type, ajv.getSchema(`${schema.$id}#/definitions/${type}`));
    return byType.get(type);
  };
  return { root, definitionValidator };
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const isAction = (node) => typeof node.type === 'string' && node.type.startsWith('Action.');

// Copy of the card without what the schema cannot judge: root `msteams`, and action `data`.
function stripForSchema(card) {
  const copy = structuredClone(card);
  if (isObject(copy)) delete copy.msteams;
  (function walk(node) {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    if (isAction(node)) delete node.data;
    Object.values(node).forEach(walk);
  })(copy);
  return copy;
}

const escapePointer = (key) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

// Every object with a string `type`, keyed by its JSON pointer.
function typedNodes(card) {
  const nodes = new Map();
  (function walk(node, pointer) {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${pointer}/${i}`));
    if (!isObject(node)) return;
    if (typeof node.type === 'string') nodes.set(pointer, node);
    for (const [key, value] of Object.entries(node)) walk(value, `${pointer}/${escapePointer(key)}`);
  })(card, '');
  return nodes;
}

// The deepest typed node at or above an instance pointer.
function ownerOf(pointer, nodes) {
  let candidate = pointer;
  for (;;) {
    if (nodes.has(candidate)) return candidate;
    if (candidate === '') return undefined;
    candidate = candidate.slice(0, candidate.lastIndexOf('/'));
  }
}

function describeError(error) {
  const where = error.instancePath || '/';
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown property "${error.params.additionalProperty}"`;
    case 'enum':
      return `${where}: must be one of ${error.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${where}: ${error.message}`;
  }
}

// A value that fails an anyOf (for example an enum that also accepts a case-insensitive
// pattern, or null) yields one error per branch; when the branches include an enum, the enum
// alone says what is allowed.
function ownErrorsReadable(errors, pointer, nodes) {
  const own = errors.filter((e) => ownerOf(e.instancePath, nodes) === pointer);
  const anyOfPaths = new Set(own.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  const enumPaths = new Set(own.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
  return own.filter((e) => {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') return false;
    if (anyOfPaths.has(e.instancePath) && enumPaths.has(e.instancePath)) return e.keyword === 'enum';
    return true;
  });
}

function schemaProblems(card, validators) {
  const stripped = stripForSchema(card);
  const nodes = typedNodes(stripped);
  const known = new Map();
  const problems = new Set();

  // Each typed element against its own definition, so that errors name the element.
  for (const [pointer, node] of nodes) {
    const validate = validators.definitionValidator(node.type);
    if (!validate) continue;
    known.set(pointer, validate(node) ? [] : validate.errors.map((e) => ({ ...e, instancePath: pointer + e.instancePath })));
  }

  const unknownTypes = new Set();
  const misplaced = new Set();
  for (const [pointer, errors] of known) {
    for (const error of ownErrorsReadable(errors, pointer, nodes)) {
      problems.add(`schema: ${nodes.get(pointer).type} ${describeError(error)}`);
    }
    // Errors inside a typed child: its own validation already describes them, unless the
    // child's type is unknown, or the child is valid but its parent does not accept it there.
    for (const error of errors) {
      const owner = ownerOf(error.instancePath, nodes);
      if (owner === pointer) continue;
      if (!known.has(owner)) unknownTypes.add(owner);
      else if (known.get(owner).length === 0) misplaced.add(owner);
    }
  }
  for (const pointer of unknownTypes) problems.add(`schema: ${pointer}: unknown type "${nodes.get(pointer).type}"`);
  for (const pointer of misplaced) problems.add(`schema: ${pointer}: "${nodes.get(pointer).type}" is not allowed here`);

  // The whole card against the root, in case something is wrong outside any typed element.
  if (!validators.root(stripped) && problems.size === 0) {
    for (const error of validators.root.errors.slice(0, 5)) problems.add(`schema: ${describeError(error)}`);
  }
  return [...problems];
}

// ---------- driver ----------

function validateFile(file, validators, maxVersion) {
  let card;
  try {
    card = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return [`not readable JSON: ${error.message}`];
  }
  if (!isObject(card) || card.type !== 'AdaptiveCard') return ['root is not an object with "type": "AdaptiveCard"'];
  const problems = [...versionProblems(card, maxVersion)];
  const { portable, charts, problems: chartProblems } = withoutTeamsCharts(card);
  problems.push(...chartProblems);
  try {
    problems.push(...sdkChartProblems(card, charts));
    problems.push(...sdkProblems(portable));
  } catch (error) {
    problems.push(`sdk threw: ${error.message}`);
  }
  problems.push(...schemaProblems(portable, validators));
  return problems;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!statSync(options.dir, { throwIfNoEntry: false })?.isDirectory()) usage(`not a directory: ${options.dir}`);
  const validators = loadSchema(options.schemaPath);
  const files = readdirSync(options.dir).filter((name) => name.endsWith('.json')).sort();
  let passed = 0;
  const failed = [];
  for (const name of files) {
    const problems = validateFile(path.join(options.dir, name), validators, options.maxVersion);
    if (problems.length === 0) {
      passed++;
      console.log(`OK ${name}`);
    } else {
      failed.push(name);
      console.log(`FAIL ${name}: ${problems.join('; ')}`);
    }
  }
  console.log(JSON.stringify({ checked: files.length, passed, failed: failed.length, failedFiles: failed }));
  if (files.length === 0) console.error(`no *.json files in ${options.dir}`);
  process.exitCode = files.length > 0 && failed.length === 0 ? 0 : 1;
}

main();
