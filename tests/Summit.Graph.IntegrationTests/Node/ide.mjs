// Opens Banana Cake Pop in headless Chromium, runs a schedule query, and checks the result it shows.
// Usage: node ide.mjs http://127.0.0.1:PORT/graphql SCREENSHOT.png
// Exits 0 on success; prints what failed otherwise.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, screenshot] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'summit-graph-chromium-'));
const query = '{ event { name days { date slots { startsAt sessions { title } } } } }';
// Monaco renders only the lines in view: expect the first session of the schedule.
const expected = 'Welcome to the KubeVirt Summit';

const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  // The flags this machine's Chromium needs (see NOTES): no sandbox as root, no GPU, nothing phoning home.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  // The IDE's service worker re-renders the page once it has cached itself and wipes typed text.
  serviceWorkers: 'block',
  viewport: { width: 1400, height: 850 },
});
// Nothing leaves the browser but requests to the server under test, so a Content-Security-Policy report can only
// come from the product. The policy is checked before Playwright's routing sees a request: the IDE's telemetry
// (fetches to ChilliCream about 8 s after the schema loads, later on a loaded machine) would still be reported
// as a violation if it were only aborted here. So the page's own fetch, XMLHttpRequest and sendBeacon send
// foreign URLs to a local stand-in instead, which the route below answers; anything else foreign is aborted.
const standIn = '/__browser-test-offline__';
await browser.addInitScript(path => {
  const foreign = target => {
    try {
      return new URL(String(target?.url ?? target), location.href).origin !== location.origin;
    } catch {
      return false;
    }
  };
  const local = target => foreign(target) ? `${location.origin}${path}` : target;
  const fetch = window.fetch;
  window.fetch = (input, init) => fetch.call(window, foreign(input) ? local(input) : input, init);
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    return open.call(this, method, local(url), ...rest);
  };
  const sendBeacon = navigator.sendBeacon?.bind(navigator);
  if (sendBeacon) {
    navigator.sendBeacon = (url, data) => sendBeacon(local(url), data);
  }
}, standIn);
await browser.route(() => true, route => {
  const url = new URL(route.request().url());
  if (url.hostname !== '127.0.0.1') {
    return route.abort('blockedbyclient');
  }

  return url.pathname === standIn ? route.fulfill({ status: 204 }) : route.continue();
});
const violations = [];
try {
  const page = browser.pages()[0] ?? await browser.newPage();
  // Deadlines, not expectations of speed: on a loaded 2-core machine the IDE's first render took over 20 s.
  page.setDefaultTimeout(90_000);
  page.on('console', message => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      violations.push(message.text());
    }
  });
  await page.goto(url);
  await page.getByRole('button', { name: 'Create Document' }).click();
  // The document has loaded the schema by introspection from bcp-config.json's endpoint.
  await page.getByText('Schema available').waitFor();

  // The operation editor is the first Monaco editor of the document tab.
  const editor = page.locator('.monaco-editor').first();
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(query);
  // The IDE takes the text into its document a moment later; its "Run" code lens appears once it has.
  await page.locator('.codelens-decoration', { hasText: 'Run' }).first().waitFor();
  await page.getByRole('button', { name: /^Run/ }).first().click();

  const response = page.locator('.monaco-editor', { hasText: expected });
  await response.waitFor();
  await page.screenshot({ path: screenshot });
  if (violations.length > 0) {
    throw new Error(`The page broke its Content-Security-Policy: ${violations.join('\n')}`);
  }

  console.log(`The IDE ran the query and shows "${expected}".`);
} catch (error) {
  await browser.pages()[0]?.screenshot({ path: screenshot }).catch(() => {});
  console.error(`IDE test failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
