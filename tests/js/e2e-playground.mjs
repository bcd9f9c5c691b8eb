#!/usr/bin/env node
// End-to-end check of LegalBot through the Microsoft 365 Agents Playground, in headless Chromium.
//
// The Playground must already be running and connected to the bot (see
// tests/LegalBot.Tests/EndToEnd/PlaygroundEndToEndTests.cs, which starts both). The Playground's UI
// always speaks as its configuration's current user, so each step below is played by one role, in
// a Playground started with that role's configuration (.m365agentsplayground.yml for the
// requester, tests/js/playground/legal-staff.yml, tests/js/playground/alsp-professional.yml) against the same bot:
//
//   --step file     (requester) sends "new request", picks NDA on the card, fills in the intake form,
//                   sends it for review, presses Submit, reads the request id (LR-<digits>) from the
//                   bot's answer and checks that "status LR-<digits>" shows it as Submitted.
//   --step assign   (legal staff) takes the request's triage card: the one the bot sends by itself
//                   once this person's chat is open, or else the answer to "status LR-<digits>".
//                   Presses Assign, picks the ALSP professional (--assignee) in the form it opens and
//                   presses Assign there; the card must change in place to Assigned, with them.
//   --step accept   (ALSP professional) takes the assignment card the same way and presses Accept;
//                   the card must change in place to In progress.
//   --step status   (anyone) sends "status LR-<digits>" and checks the card shows --state (and --with).
//   --step metrics  (legal staff) sends "metrics" and checks the legal-ops card for the last 30 days counts the
//                   request filed and one open, and lists the professional it is with.
//
// Usage: node tests/js/e2e-playground.mjs --ui http://127.0.0.1:<uiPort> [--step file|assign|accept|status]
//          [--request LR-<digits>] [--user "<current user's name>"] [--assignee "<name>"]
//          [--state "<state>"] [--with "<name>"] [--screenshots <dir>] [--timeout <ms per wait, default 20000>]
//          [--card-wait <ms to wait for a card the bot sends by itself, default 10000>]
// Prints `STEP ok: ...` per step and `E2E OK <step> LR-<digits>` at the end (exit 0). On failure prints
// the failed step, the chat as it is shown and, with --screenshots, saves a screenshot (exit 1).
// Exit code 2 on bad usage. CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).
// Screenshots are named <step>-<number>-<what it shows>.png.
//
// How the Playground renders Adaptive Cards (official renderer with Fluent UI controls):
//  - every card is `.ac-adaptiveCard`, and so is the form an Action.ShowCard opens inside it; input
//    ids are generated (`__ac-<uuid>`), so inputs are found through their `<label for=...>` (the
//    label text plus " *" when required);
//  - Input.ChoiceSet (compact) is a Fluent combobox: an <input role="combobox"> whose options
//    open in a portal as `[role="listbox"] [role="option"]`;
//  - Input.Toggle is an <input type="checkbox">;
//  - actions are `button[title="<action title>"]`; after the sixth action the rest move into a
//    "More options" menu (`[role="menuitem"]`); an Action.ShowCard button has aria-expanded;
//  - each chat message has a `[aria-label="Message header"]` whose parent holds the message.
// How it handles what the bot does:
//  - Action.Execute (Universal Actions) is sent as POST /_conversation/v1/invoke with an
//    adaptiveCard/action invoke, from the current user; the card the bot answers with replaces the
//    pressed card in place. Card `refresh` (user-specific views) is not supported: it only warns;
//  - the bot's UpdateActivity (PUT /v3/conversations/<id>/activities/<id>) updates a shown card in
//    place;
//  - chats live in memory: a restart, or a reload of the page, starts with an empty chat (and a new
//    installation, so the bot says hello again). Only the current user's chats are shown.

import { chromium } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const MESSAGE_BOX = '[data-lexical-editor="true"][role="textbox"]';
const SEND_BUTTON = 'button[aria-label="Send Message"]';
const UNSEEN_CARD = '.ac-adaptiveCard:not([data-e2e-seen])';
const REQUEST_ID = /\bLR-\d+\b/;
const STEPS = ['file', 'assign', 'accept', 'status', 'metrics'];
const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

let cardsFound = 0;

function usage(message) {
  console.error(message);
  console.error(
    'usage: node tests/js/e2e-playground.mjs --ui http://127.0.0.1:<uiPort> [--step file|assign|accept|status] [--request LR-<digits>]\n' +
      '         [--user <name>] [--assignee <name>] [--state <state>] [--with <name>] [--screenshots <dir>] [--timeout <ms>] [--card-wait <ms>]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const options = {
    ui: undefined,
    step: 'file',
    request: undefined,
    user: undefined,
    assignee: 'ALSP Professional (mock)',
    state: undefined,
    with: undefined,
    screenshots: undefined,
    timeout: 20000,
    cardWait: 10000,
  };
  const names = {
    '--ui': 'ui',
    '--step': 'step',
    '--request': 'request',
    '--user': 'user',
    '--assignee': 'assignee',
    '--state': 'state',
    '--with': 'with',
    '--screenshots': 'screenshots',
    '--timeout': 'timeout',
    '--card-wait': 'cardWait',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const key = names[arg];
    if (key === undefined) usage(`unexpected argument ${arg}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) usage(`${arg} needs a value`);
    i++;
    if (key === 'timeout' || key === 'cardWait') {
      const ms = Number(value);
      if (!Number.isInteger(ms) || ms < 1000) usage(`${arg} must be a whole number of milliseconds, at least 1000`);
      options[key] = ms;
    } else if (key === 'screenshots') {
      options.screenshots = path.resolve(value);
    } else {
      options[key] = value;
    }
  }
  if (options.ui === undefined) usage('missing --ui');
  try {
    new URL(options.ui);
  } catch {
    usage(`--ui is not a URL: ${options.ui}`);
  }
  if (!STEPS.includes(options.step)) usage(`--step must be one of ${STEPS.join(', ')}`);
  if (options.step === 'file' && options.request !== undefined) usage('--step file files a new request; it takes no --request');
  if (options.step !== 'file' && !/^LR-\d+$/.test(options.request ?? '')) usage(`--step ${options.step} needs --request LR-<digits>`);
  if (options.step === 'status' && options.state === undefined) usage('--step status needs --state');
  return options;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (text) => new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);

/** The chat as shown: one entry per message, with its author when the Playground shows one. */
async function chatMessages(page) {
  return page.evaluate(() => {
    const messages = [];
    for (const header of document.querySelectorAll('[aria-label="Message header"]')) {
      const container = header.parentElement;
      if (!container) continue;
      const author = header.querySelector('[aria-label="Message author"]')?.innerText.trim() ?? '';
      const text = [...container.children]
        .filter((child) => child !== header)
        .map((child) => child.innerText)
        .join('\n')
        .replace(/\n{2,}/g, '\n')
        .trim();
      messages.push({ author, text, seen: container.hasAttribute('data-e2e-seen'), card: !!container.querySelector('.ac-adaptiveCard') });
    }
    return messages;
  });
}

async function chatText(page) {
  try {
    const messages = await chatMessages(page);
    if (messages.length > 0) {
      return messages.map((m) => `[${m.author || 'me'}] ${m.text.replace(/\n/g, ' | ')}`).join('\n');
    }
    const body = await page.evaluate(() => document.body.innerText);
    return `(no chat messages found; page text follows)\n${body.slice(0, 4000)}`;
  } catch (error) {
    return `(could not read the page: ${error.message})`;
  }
}

/** Marks every card and message shown so far, so waits only match what the bot sends next. */
async function markSeen(page) {
  await page.evaluate(() => {
    for (const card of document.querySelectorAll('.ac-adaptiveCard')) card.setAttribute('data-e2e-seen', '');
    for (const header of document.querySelectorAll('[aria-label="Message header"]')) header.parentElement?.setAttribute('data-e2e-seen', '');
  });
}

/** Waits until no new message has appeared for a second (at most five seconds). */
async function settle(page) {
  let last = -1;
  let stableSince = Date.now();
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const count = (await chatMessages(page)).length;
    if (count !== last) {
      last = count;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 1000) {
      return;
    }
    await page.waitForTimeout(200);
  }
}

async function send(page, text) {
  const box = page.locator(MESSAGE_BOX);
  await box.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  const typed = (await box.innerText()).trim();
  if (typed !== text) throw new Error(`the message box holds ${JSON.stringify(typed)} instead of ${JSON.stringify(text)}`);
  await page.locator(SEND_BUTTON).click();
}

/** The newest card shown after the last markSeen that contains every text and (if given) matches `has`. */
async function waitForNewCard(page, { texts = [], has, description, timeout }) {
  let cards = page.locator(UNSEEN_CARD);
  for (const text of texts) cards = cards.filter({ hasText: text });
  if (has) cards = cards.filter({ has: page.locator(has) });
  const card = cards.last();
  try {
    await card.waitFor({ state: 'visible', timeout });
  } catch {
    throw new Error(`no new card ${description} appeared within ${timeout / 1000} s`);
  }
  // Pin the element: the locator above stops matching once the card is marked as seen.
  const tag = String(++cardsFound);
  await card.evaluate((element, value) => element.setAttribute('data-e2e-card', value), tag);
  return page.locator(`[data-e2e-card="${tag}"]`);
}

/** Presses a card action by its title, looking in the "More options" overflow menu as well. */
async function pressAction(page, card, title) {
  const button = card.locator(`button[title="${title.replace(/"/g, '\\"')}"]`);
  if ((await button.count()) > 0) {
    await button.first().click();
    return;
  }
  const more = card.locator('button[aria-label="More options"]');
  if ((await more.count()) > 0) {
    await more.last().click();
    const item = page.locator('[role="menu"] [role="menuitem"]').filter({ hasText: exactly(title) });
    if ((await item.count()) > 0) {
      await item.first().click();
      return;
    }
    await page.keyboard.press('Escape');
  }
  const titles = await card.locator('button[title]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('title')));
  throw new Error(`the card has no action "${title}" (actions: ${titles.join(', ') || 'none'})`);
}

/** The input a card labels with `label` (label text, ignoring the " *" of required inputs). */
async function input(card, label) {
  const id = await card.evaluate((root, wanted) => {
    const normalize = (s) => s.replace(/\s+/g, ' ').replace(/\s*\*\s*$/, '').trim().toLowerCase();
    for (const element of root.querySelectorAll('label[for]')) {
      if (normalize(element.textContent) === normalize(wanted)) return element.getAttribute('for');
    }
    return null;
  }, label);
  if (id) return card.locator(`[id="${id}"]`);
  const labelled = card.getByLabel(label);
  if ((await labelled.count()) > 0) return labelled.first();
  const labels = await card.locator('label').evaluateAll((ls) => ls.map((l) => l.textContent.trim()));
  throw new Error(`the card has no input labelled "${label}" (labels: ${labels.join(', ') || 'none'})`);
}

async function describeInput(locator) {
  return locator.evaluate((el) => ({ tag: el.tagName.toLowerCase(), type: el.getAttribute('type'), role: el.getAttribute('role') }));
}

async function fillText(card, label, value) {
  const field = await input(card, label);
  const kind = await describeInput(field);
  if (!(kind.tag === 'textarea' || (kind.tag === 'input' && kind.type === 'text' && kind.role !== 'combobox'))) {
    throw new Error(`"${label}" is not a text input (${JSON.stringify(kind)})`);
  }
  await field.fill(value);
  const actual = await field.inputValue();
  if (actual !== value) throw new Error(`"${label}" holds ${JSON.stringify(actual)} after typing ${JSON.stringify(value)}`);
}

/**
 * Picks `value` in a choice set; returns the choices it offered. With `startsWith`, a choice whose
 * title begins with `value` followed by " · " matches too ("Name · Firm · 0/5 open").
 */
async function choose(page, card, label, value, { startsWith = false } = {}) {
  const wanted = startsWith ? new RegExp(`^\\s*${escapeRegExp(value)}(\\s+·.*)?\\s*$`) : exactly(value);
  const field = await input(card, label);
  const kind = await describeInput(field);
  if (kind.tag === 'select') {
    const choices = (await field.locator('option').allInnerTexts()).map((c) => c.trim()).filter((c) => c.length > 0);
    const match = choices.find((c) => wanted.test(c));
    if (match === undefined) throw new Error(`"${label}" has no choice "${value}" (choices: ${choices.join(', ')})`);
    await field.selectOption({ label: match });
    return choices;
  }
  if (kind.role === 'combobox') {
    await field.click();
    const listbox = page.locator('[role="listbox"]:visible').last();
    await listbox.waitFor({ state: 'visible' });
    const choices = (await listbox.locator('[role="option"]').allInnerTexts()).map((c) => c.trim());
    const option = listbox.locator('[role="option"]').filter({ hasText: wanted });
    if ((await option.count()) === 0) {
      await page.keyboard.press('Escape');
      throw new Error(`"${label}" has no choice "${value}" (choices: ${choices.join(', ')})`);
    }
    await option.first().click();
    const shown = await field.inputValue();
    if (!wanted.test(shown)) throw new Error(`"${label}" shows ${JSON.stringify(shown)} after picking ${JSON.stringify(value)}`);
    return choices;
  }
  // Expanded choice set: a group of radio buttons.
  const radios = card.getByRole('radio');
  const radio = startsWith ? card.getByRole('radio', { name: wanted }) : card.getByRole('radio', { name: value, exact: true });
  if ((await radio.count()) === 0) throw new Error(`"${label}" is neither a list nor has a radio button "${value}" (${JSON.stringify(kind)})`);
  const choices = await radios.evaluateAll((rs) => rs.map((r) => r.labels?.[0]?.textContent.trim() ?? r.getAttribute('aria-label') ?? ''));
  await radio.check();
  return choices;
}

/** A card's text on one line, as read: "LR-1001 · Title Type NDA State Assigned With ...". */
async function cardLine(card) {
  return (await card.innerText()).replace(/\s+/g, ' ').trim();
}

/** Titles of the card's visible buttons, including those of a form it has opened. */
async function buttonTitles(card) {
  return card.locator('button[title]').evaluateAll((buttons) => buttons.filter((b) => b.checkVisibility()).map((b) => b.getAttribute('title')));
}

/** How many cards in the chat (not forms inside cards) mention the request. */
async function requestCardCount(page, requestId) {
  return page.evaluate(
    (id) => [...document.querySelectorAll('.ac-adaptiveCard')].filter((c) => !c.parentElement?.closest('.ac-adaptiveCard') && c.innerText.includes(id)).length,
    requestId,
  );
}

/**
 * Whether a request card shows what is expected: facts (one "Label: value" line each, such as
 * "State: Assigned"), buttons it must offer and buttons it must not.
 */
async function cardShows(card, { facts = [], buttons = [], noButtons = [] }) {
  const line = await cardLine(card);
  const titles = await buttonTitles(card);
  const problems = [];
  for (const [label, value] of facts) {
    if (!`${line} `.includes(` ${label}: ${value} `)) problems.push(`${label} is not ${value}`);
  }
  for (const title of buttons) if (!titles.includes(title)) problems.push(`no button "${title}"`);
  for (const title of noButtons) if (titles.includes(title)) problems.push(`a button "${title}"`);
  return { ok: problems.length === 0, problems, line, titles };
}

function describe(result) {
  return `${result.problems.join('; ')}. It shows: ${result.line.slice(0, 600)} [buttons: ${result.titles.join(', ') || 'none'}]`;
}

async function expectCard(card, expected, what) {
  const result = await cardShows(card, expected);
  if (!result.ok) throw new Error(`the card ${what}: ${describe(result)}`);
}

/**
 * Waits until the pinned request card shows what is expected. Should the Playground re-render the
 * message, the request's card is found again; it is still the same card when the chat holds no
 * more cards for the request than before (checked by the caller).
 */
async function waitUntilCardShows(page, card, requestId, expected, { description, timeout }) {
  const deadline = Date.now() + timeout;
  let last;
  let target = card;
  while (Date.now() < deadline) {
    if ((await target.count()) === 0) {
      const again = page.locator('.ac-adaptiveCard').filter({ hasText: requestId }).last();
      if ((await again.count()) > 0) {
        const tag = String(++cardsFound);
        await again.evaluate((element, value) => element.setAttribute('data-e2e-card', value), tag);
        target = page.locator(`[data-e2e-card="${tag}"]`);
      }
    }
    try {
      last = await cardShows(target, expected);
      if (last.ok) return target;
    } catch (error) {
      last = { problems: [error.message.split('\n')[0]], line: '', titles: [] };
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`the card did not change to ${description} within ${timeout / 1000} s: ${describe(last)}`);
}

/** Records the card actions the Playground sends to the bot as invokes (Universal Actions). */
function recordInvokes(page) {
  const invokes = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !new URL(request.url()).pathname.endsWith('/_conversation/v1/invoke')) return;
    let body;
    try {
      body = request.postDataJSON();
    } catch {
      body = undefined;
    }
    const action = body?.value?.action ?? {};
    invokes.push({ name: body?.name, type: action.type, verb: action.verb, from: body?.from?.id, response: request.response().catch(() => null) });
  });
  return invokes;
}

/**
 * Waits for the invoke a button press sent (from index `since` on) with `verb`, and for the bot's
 * answer, which must be a card; returns a line describing both.
 */
async function invokeAnswer(page, invokes, since, verb, timeout) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const hit = invokes.slice(since).find((i) => i.verb === verb);
    if (hit) {
      const response = await hit.response;
      if (!response) throw new Error(`the Playground's ${verb} invoke failed without an answer`);
      let body;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      const line = `${hit.name} (${hit.type}, verb ${verb}) from ${hit.from}: HTTP ${response.status()}, ${body?.type ?? 'no JSON body'}`;
      if (response.status() !== 200 || body?.type !== CARD_CONTENT_TYPE) {
        const said = typeof body?.value === 'string' ? `; the bot said: ${body.value}` : '';
        throw new Error(`the ${verb} invoke was not answered with a card: ${line}${said}`);
      }
      return line;
    }
    await page.waitForTimeout(100);
  }
  const seen = invokes.slice(since).map((i) => `${i.name}/${i.verb}`).join(', ') || 'none';
  throw new Error(`no adaptiveCard/action invoke with verb ${verb} within ${timeout / 1000} s (invokes sent: ${seen})`);
}

/**
 * Waits until the Playground's top bar names the expected current user (the role being played). It
 * shows a default user ("Me") until it has loaded its configuration.
 */
async function expectCurrentUser(page, name, timeout) {
  const shown = () =>
    page.evaluate((wanted) => {
      for (const element of document.querySelectorAll('body *')) {
        if (element.children.length === 0 && element.textContent.trim() === wanted && element.getBoundingClientRect().top < 80) return true;
      }
      return false;
    }, name);
  const deadline = Date.now() + timeout;
  while (!(await shown())) {
    if (Date.now() > deadline) {
      throw new Error(`the Playground's top bar does not show "${name}" as the current user; was it started with that person's configuration?`);
    }
    await page.waitForTimeout(250);
  }
}

/**
 * The request's card for this person: the one the bot sends by itself (a notification) once their
 * chat is open, or else its answer to "status LR-<digits>". Returns the card, pinned.
 */
async function requestCard(page, requestId, button, { cardWait, timeout }) {
  const has = `button[title="${button}"]`;
  const description = `for ${requestId} with a button "${button}"`;
  try {
    const card = await waitForNewCard(page, { texts: [requestId], has, description, timeout: cardWait });
    console.log(`the bot sent the card ${description} by itself`);
    return card;
  } catch {
    console.log(`NOTE: no card ${description} arrived by itself within ${cardWait / 1000} s; asking with "status ${requestId}"`);
  }
  await markSeen(page);
  await send(page, `status ${requestId}`);
  return waitForNewCard(page, { texts: [requestId], has, description, timeout });
}

/** Presses a button on the request card and checks the card changes in place as expected. */
async function pressAndExpectInPlace(page, invokes, { card, form, requestId, title, verb, expected, description, timeout }) {
  const before = await requestCardCount(page, requestId);
  const since = invokes.length;
  await markSeen(page);
  await pressAction(page, form ?? card, title);
  console.log(`invoke: ${await invokeAnswer(page, invokes, since, verb, timeout)}`);
  let shown = await waitUntilCardShows(page, card, requestId, expected, { description, timeout });
  // The bot also updates its earlier copies (UpdateActivity); whatever arrives, the card stays as expected.
  await settle(page);
  shown = await waitUntilCardShows(page, shown, requestId, expected, { description, timeout });
  const after = await requestCardCount(page, requestId);
  if (after !== before) throw new Error(`the chat shows ${after} cards for ${requestId} instead of ${before}: the change came as a new card, not in place`);
  return shown;
}

async function fileRequest({ page, step, screenshot, timeout }) {
  const title = `Playground NDA ${randomBytes(3).toString('hex')}`;

  const typesCard = await step('a) "new request" offers the request types', async () => {
    await markSeen(page);
    await send(page, 'new request');
    return waitForNewCard(page, {
      has: 'button[title="NDA"], button[aria-label="More options"]',
      description: 'offering request types (a button "NDA")',
      timeout,
    });
  });

  await step('b) NDA opens the intake form; filled in and sent for review', async () => {
    await markSeen(page);
    await pressAction(page, typesCard, 'NDA');
    const form = await waitForNewCard(page, {
      has: 'button[title="Review request"]',
      texts: ['Which way does information flow?'],
      description: 'with the NDA intake form (a "Review request" button)',
      timeout,
    });
    for (const label of ['Title', 'Description', 'Business unit', 'Counterparty', 'Priority', 'Requested due date', 'Which way does information flow?']) {
      await input(form, label);
    }
    const paper = await describeInput(await input(form, "Is it on the other side's paper?"));
    if (paper.type !== 'checkbox') throw new Error(`"Is it on the other side's paper?" is not a toggle (${JSON.stringify(paper)})`);

    await fillText(form, 'Title', title);
    await fillText(form, 'Description', 'Mutual NDA for a sales pilot with Contoso, filed from the Agents Playground.');
    await fillText(form, 'Counterparty', 'Contoso Ltd');
    const units = await choose(page, form, 'Business unit', 'Sales');
    if (units.length < 2) throw new Error(`"Business unit" offers only ${JSON.stringify(units)}`);
    const directions = await choose(page, form, 'Which way does information flow?', 'Mutual');
    const expected = ['Mutual', 'We disclose', 'They disclose'];
    if (JSON.stringify(directions) !== JSON.stringify(expected)) {
      throw new Error(`"Which way does information flow?" offers ${JSON.stringify(directions)}, expected ${JSON.stringify(expected)}`);
    }
    await screenshot('intake-form-filled');
    await markSeen(page);
    await pressAction(page, form, 'Review request');
  });

  await step('c) the confirmation card shows the request; Submit pressed', async () => {
    const card = await waitForNewCard(page, {
      texts: [/please check|check your request|review your request|confirm/i, title],
      has: 'button[title="Submit"]',
      description: `asking to check the request "${title}" (with a "Submit" button)`,
      timeout,
    });
    await markSeen(page);
    await pressAction(page, card, 'Submit');
  });

  const requestId = await step('d) the bot answers with the request id', async () => {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      const fresh = (await chatMessages(page)).filter((m) => !m.seen);
      const match = [...fresh.filter((m) => !m.card), ...fresh.filter((m) => m.card)]
        .map((m) => REQUEST_ID.exec(m.text))
        .find((m) => m);
      if (match) return match[0];
      await page.waitForTimeout(250);
    }
    throw new Error(`no new bot message with a request id (LR-<digits>) within ${timeout / 1000} s`);
  });
  console.log(`request id: ${requestId}`);
  console.log(`title: ${title}`);

  await step(`e) "status ${requestId}" shows the submitted request`, async () => {
    await markSeen(page);
    await send(page, `status ${requestId}`);
    const card = await waitForNewCard(page, {
      texts: [requestId, title],
      description: `with ${requestId} and "${title}"`,
      timeout,
    });
    await expectCard(card, { facts: [['State', 'Submitted']] }, `for ${requestId} is not the submitted request`);
    return card;
  });

  return requestId;
}

async function assignRequest({ page, step, screenshot, invokes, options, timeout }) {
  const requestId = options.request;
  const assignee = options.assignee;

  const card = await step(`f) legal staff: the triage card for ${requestId}, with Assign`, async () => {
    const found = await requestCard(page, requestId, 'Assign', { cardWait: options.cardWait, timeout });
    await expectCard(found, { facts: [['State', 'Submitted']], buttons: ['Assign'] }, `for ${requestId} is not a triage card`);
    return found;
  });

  const form = await step(`g) Assign opens the form; "${assignee}" picked`, async () => {
    await pressAction(page, card, 'Assign');
    const opened = card.locator('.ac-adaptiveCard').filter({ has: page.locator('label', { hasText: 'ALSP professional' }) }).last();
    try {
      await opened.waitFor({ state: 'visible', timeout });
    } catch {
      throw new Error(`pressing Assign opened no form with an "ALSP professional" list within ${timeout / 1000} s`);
    }
    const choices = await choose(page, opened, 'ALSP professional', assignee, { startsWith: true });
    console.log(`ALSP professionals offered: ${choices.join(' | ')}`);
    return opened;
  });

  await step(`h) Assign pressed: the card changes in place to Assigned, with ${assignee}`, async () =>
    pressAndExpectInPlace(page, invokes, {
      card,
      form,
      requestId,
      title: 'Assign',
      verb: 'request.assign',
      expected: { facts: [['State', 'Assigned'], ['With', assignee]], buttons: ['Reassign'], noButtons: ['Assign', 'Keep in-house'] },
      description: `Assigned, with ${assignee}, offering Reassign`,
      timeout,
    }),
  );

  return requestId;
}

async function acceptRequest({ page, step, invokes, options, timeout }) {
  const requestId = options.request;

  const card = await step(`i) ALSP professional: the assignment card for ${requestId}, with Accept`, async () => {
    const found = await requestCard(page, requestId, 'Accept', { cardWait: options.cardWait, timeout });
    await expectCard(found, { facts: [['State', 'Assigned']], buttons: ['Accept', 'Decline'] }, `for ${requestId} is not an assignment card`);
    return found;
  });

  await step('j) Accept pressed: the card changes in place to In progress', async () =>
    pressAndExpectInPlace(page, invokes, {
      card,
      requestId,
      title: 'Accept',
      verb: 'request.accept',
      expected: { facts: [['State', 'In progress']], buttons: ['Complete'], noButtons: ['Accept', 'Decline'] },
      description: 'In progress, offering Complete',
      timeout,
    }),
  );

  return requestId;
}

async function showStatus({ page, step, options, timeout }) {
  const requestId = options.request;
  const facts = [['State', options.state], ...(options.with ? [['With', options.with]] : [])];
  await step(`k) "status ${requestId}" shows ${facts.map(([label, value]) => `${label}: ${value}`).join(', ')}`, async () => {
    await markSeen(page);
    await send(page, `status ${requestId}`);
    const card = await waitForNewCard(page, { texts: [requestId], description: `for ${requestId}`, timeout });
    await expectCard(card, { facts }, `for ${requestId} is not as expected`);
    return card;
  });
  return requestId;
}

async function showMetrics({ page, step, options, timeout }) {
  await step('m) "metrics" shows the legal-ops card counting the request', async () => {
    await markSeen(page);
    await send(page, 'metrics');
    const card = await waitForNewCard(page, { texts: ['Legal operations: last 30 days'], description: 'with the metrics', timeout });
    const text = await card.innerText();
    for (const expected of [/Filed:\s*1 request\b/, /Backlog:\s*1 open/, new RegExp(escapeRegExp(options.with ?? ''))]) {
      if (!expected.test(text)) throw new Error(`the metrics card does not show ${expected}: ${text.replace(/\s+/g, ' ')}`);
    }
    return card;
  });
  return options.request;
}

const PLAY = { file: fileRequest, assign: assignRequest, accept: acceptRequest, status: showStatus, metrics: showMetrics };

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const timeout = options.timeout;
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (options.screenshots) mkdirSync(options.screenshots, { recursive: true });

  const userDataDir = mkdtempSync(path.join(tmpdir(), 'legalbot-e2e-chromium-'));
  const pageErrors = [];
  let context;
  let page;
  let current = 'start Chromium';
  let shot = 0;

  const screenshot = async (name) => {
    if (!options.screenshots || !page) return undefined;
    const file = path.join(options.screenshots, `${options.step}-${String(++shot).padStart(2, '0')}-${name}.png`);
    try {
      await page.screenshot({ path: file, fullPage: true, timeout: 10000 });
      return file;
    } catch (error) {
      console.log(`(screenshot failed: ${error.message})`);
      return undefined;
    }
  };

  const step = async (name, action) => {
    current = name;
    let timer;
    const overall = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`step took longer than ${(3 * timeout) / 1000} s`)), 3 * timeout);
    });
    try {
      const result = await Promise.race([action(), overall]);
      console.log(`STEP ok: ${name}`);
      // A step that ends on a card shows it whole, buttons included (the chat scrolls on its own).
      if (typeof result?.scrollIntoViewIfNeeded === 'function') {
        await result.evaluate((element) => element.scrollIntoView({ block: 'end' })).catch(() => {});
      }
      await screenshot(name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 80));
      return result;
    } finally {
      clearTimeout(timer);
    }
  };

  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 1200 },
      timeout: 60000,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(timeout);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const invokes = recordInvokes(page);

    await step(`open the Playground${options.user ? ` as ${options.user}` : ''}`, async () => {
      await page.goto(options.ui, { waitUntil: 'domcontentloaded', timeout: 30000 });
      await page.locator(MESSAGE_BOX).waitFor({ state: 'visible', timeout: 30000 });
      await page.locator(SEND_BUTTON).waitFor({ state: 'visible' });
      if (options.user) await expectCurrentUser(page, options.user, timeout);
      await settle(page);
    });

    const requestId = await PLAY[options.step]({ page, step, screenshot, invokes, options, timeout });
    console.log(`E2E OK ${options.step} ${requestId}`);
    return 0;
  } catch (error) {
    console.log(`STEP FAILED: ${current}: ${error.message.split('\n')[0]}`);
    if (page) {
      console.log('--- chat as shown ---');
      console.log(await chatText(page));
      console.log('--- end of chat ---');
      const file = await screenshot('failure');
      if (file) console.log(`screenshot: ${file}`);
    }
    if (pageErrors.length > 0) console.log(`page errors: ${pageErrors.join(' | ')}`);
    return 1;
  } finally {
    await context?.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
