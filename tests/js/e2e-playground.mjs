#!/usr/bin/env node
// End-to-end check of LegalBot through the Microsoft 365 Agents Playground, in headless Chromium.
//
// The Playground must already be running and connected to the bot (see
// tests/LegalBot.Tests/EndToEnd/PlaygroundEndToEndTests.cs, which starts both). As the
// Playground's current user (the requester) this script:
//   a) sends "new request" and waits for the card offering request types (a button "NDA");
//   b) picks NDA, waits for the intake form, fills it in and presses "Review request";
//   c) waits for the confirmation card (with the title) and presses "Submit";
//   d) waits for the bot's answer carrying the request id (LR-<digits>);
//   e) sends "status LR-<digits>" and waits for a card with the id, the title and "Submitted".
//
// Usage: node tests/js/e2e-playground.mjs --ui http://127.0.0.1:<uiPort> [--screenshots <dir>]
//                                         [--timeout <ms per step, default 20000>]
// Prints `STEP ok: ...` per step and `E2E OK LR-<digits>` at the end (exit 0). On failure prints
// the failed step, the chat as it is shown and, with --screenshots, saves a screenshot (exit 1).
// Exit code 2 on bad usage. CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).
//
// How the Playground renders Adaptive Cards (official renderer with Fluent UI controls):
//  - every card is `.ac-adaptiveCard`; input ids are generated (`__ac-<uuid>`), so inputs are
//    found through their `<label for=...>` (the label text plus " *" when required);
//  - Input.ChoiceSet (compact) is a Fluent combobox: an <input role="combobox"> whose options
//    open in a portal as `[role="listbox"] [role="option"]`;
//  - Input.Toggle is an <input type="checkbox">;
//  - actions are `button[title="<action title>"]`; after the sixth action the rest move into a
//    "More options" menu (`[role="menuitem"]`);
//  - each chat message has a `[aria-label="Message header"]` whose parent holds the message.

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
const CARD = '.ac-adaptiveCard';
const UNSEEN_CARD = '.ac-adaptiveCard:not([data-e2e-seen])';
const REQUEST_ID = /\bLR-\d+\b/;

let cardsFound = 0;

function usage(message) {
  console.error(message);
  console.error('usage: node tests/js/e2e-playground.mjs --ui http://127.0.0.1:<uiPort> [--screenshots <dir>] [--timeout <ms>]');
  process.exit(2);
}

function parseArgs(argv) {
  const options = { ui: undefined, screenshots: undefined, timeout: 20000 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--ui' || arg === '--screenshots' || arg === '--timeout') {
      if (value === undefined || value.startsWith('--')) usage(`${arg} needs a value`);
      i++;
      if (arg === '--ui') options.ui = value;
      else if (arg === '--screenshots') options.screenshots = path.resolve(value);
      else {
        options.timeout = Number(value);
        if (!Number.isInteger(options.timeout) || options.timeout < 1000) usage('--timeout must be a whole number of milliseconds, at least 1000');
      }
    } else {
      usage(`unexpected argument ${arg}`);
    }
  }
  if (options.ui === undefined) usage('missing --ui');
  try {
    new URL(options.ui);
  } catch {
    usage(`--ui is not a URL: ${options.ui}`);
  }
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

/** Picks `value` in a choice set; returns the choices it offered. */
async function choose(page, card, label, value) {
  const field = await input(card, label);
  const kind = await describeInput(field);
  if (kind.tag === 'select') {
    const choices = await field.locator('option').allInnerTexts();
    await field.selectOption({ label: value });
    return choices.map((c) => c.trim()).filter((c) => c.length > 0);
  }
  if (kind.role === 'combobox') {
    await field.click();
    const listbox = page.locator('[role="listbox"]:visible').last();
    await listbox.waitFor({ state: 'visible' });
    const choices = (await listbox.locator('[role="option"]').allInnerTexts()).map((c) => c.trim());
    const option = listbox.locator('[role="option"]').filter({ hasText: exactly(value) });
    if ((await option.count()) === 0) {
      await page.keyboard.press('Escape');
      throw new Error(`"${label}" has no choice "${value}" (choices: ${choices.join(', ')})`);
    }
    await option.first().click();
    const shown = await field.inputValue();
    if (shown !== value) throw new Error(`"${label}" shows ${JSON.stringify(shown)} after picking ${JSON.stringify(value)}`);
    return choices;
  }
  // Expanded choice set: a group of radio buttons.
  const radios = card.getByRole('radio');
  const radio = card.getByRole('radio', { name: value, exact: true });
  if ((await radio.count()) === 0) throw new Error(`"${label}" is neither a list nor has a radio button "${value}" (${JSON.stringify(kind)})`);
  const choices = await radios.evaluateAll((rs) => rs.map((r) => r.labels?.[0]?.textContent.trim() ?? r.getAttribute('aria-label') ?? ''));
  await radio.check();
  return choices;
}

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
    const file = path.join(options.screenshots, `${String(++shot).padStart(2, '0')}-${name}.png`);
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
      await screenshot(name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase());
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
      viewport: { width: 1400, height: 1000 },
      timeout: 60000,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(timeout);
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await step('open the Playground', async () => {
      await page.goto(options.ui, { waitUntil: 'domcontentloaded', timeout: 30000 });
      await page.locator(MESSAGE_BOX).waitFor({ state: 'visible', timeout: 30000 });
      await page.locator(SEND_BUTTON).waitFor({ state: 'visible' });
      await settle(page);
    });

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

    await step(`e) "status ${requestId}" shows the submitted request`, async () => {
      await markSeen(page);
      await send(page, `status ${requestId}`);
      await waitForNewCard(page, {
        texts: [requestId, title, 'Submitted'],
        description: `with ${requestId}, "${title}" and "Submitted"`,
        timeout,
      });
    });

    console.log(`E2E OK ${requestId}`);
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
