#!/usr/bin/env node
// Renders every *.json file in a folder as an Adaptive Card with the official Adaptive Cards
// JavaScript SDK in headless Chromium, with a Markdown processor attached the way Teams attaches
// one (AdaptiveCard.onProcessMarkdown, here markdown-it with links recognised), and reports what
// a reader would see: the card's text, and how many elements of each kind Markdown could create.
//
// Usage: node render-cards.mjs <dir>
// Prints one line per file: `RENDERED {"file":…,"text":…,"tags":{"a":0,…}}`, then `DONE <count>`.
// Exit code: 0 when every file rendered; 1 otherwise; 2 on bad usage.
// CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).

import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const sdk = require.resolve('adaptivecards/dist/adaptivecards.js');
const markdownIt = path.join(path.dirname(require.resolve('markdown-it/package.json')), 'dist', 'browser', 'markdown-it.umd.min.js');

// Elements only Markdown (or HTML passed through it) can put in a card's text.
const TAGS = ['a', 'strong', 'em', 'b', 'i', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'code', 'img', 'at', 'del', 's', 'script'];

const dir = process.argv[2];
if (!dir || !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
  console.error('usage: node render-cards.mjs <dir>');
  process.exit(2);
}

const files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  timeout: 60000,
});
let failed = 0;
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><body><div id="host"></div></body></html>');
  await page.addScriptTag({ path: sdk });
  await page.addScriptTag({ path: markdownIt });
  for (const file of files) {
    const card = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    try {
      const result = await page.evaluate(({ card, tags }) => {
        const AC = window.AdaptiveCards;
        const md = window.markdownit({ linkify: true });
        AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
          result.outputHtml = md.render(text);
          result.didProcess = true;
        };
        const adaptiveCard = new AC.AdaptiveCard();
        adaptiveCard.parse(card, new AC.SerializationContext(AC.Version.parse(card.version)));
        const element = adaptiveCard.render();
        const host = document.getElementById('host');
        host.replaceChildren(element);
        // Only the card's own body: ShowCard forms and action buttons are not text people typed.
        const counts = Object.fromEntries(tags.map((tag) => [tag, element.querySelectorAll(tag).length]));
        return { text: element.innerText, tags: counts };
      }, { card, tags: TAGS });
      console.log(`RENDERED ${JSON.stringify({ file, ...result })}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${file}: ${error.message}`);
    }
  }
} finally {
  await browser.close();
}
console.log(`DONE ${files.length - failed}`);
process.exitCode = failed === 0 && files.length > 0 ? 0 : 1;
