// A small runner for the browser tests: one headless Chromium (Debian's, driven by playwright-core),
// named steps run in order, a failure stops the run with the step's name, screenshots under target/.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const SHOTS = new URL('../../target/screenshots/', import.meta.url).pathname;

export function settings() {
  const url = process.env.SEQVAULT_URL;
  const token = process.env.SEQVAULT_TOKEN;
  if (!url || !token) {
    throw new Error('set SEQVAULT_URL (a running server) and SEQVAULT_TOKEN (a token of a user on it)');
  }
  return { url: url.replace(/\/$/, ''), token, executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' };
}

/** The named environment variables (the test files a Java test made), all of them required. */
export function requiredEnv(names, whoSetsThem) {
  const missing = names.filter((name) => !process.env[name]);
  if (missing.length > 0) throw new Error(`set ${missing.join(', ')} (${whoSetsThem})`);
  return Object.fromEntries(names.map((name) => [name, process.env[name]]));
}

export async function withBrowser(executablePath, work) {
  const profile = mkdtempSync(join(tmpdir(), 'seqvault-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    return await work(browser);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Runs the steps in order; returns the number that failed (the first failure stops the rest). */
export async function runSteps(steps) {
  for (const [name, step] of steps) {
    const started = Date.now();
    try {
      await step();
      console.log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      console.log(`FAIL ${name}: ${error?.stack ?? error}`);
      return 1;
    }
  }
  return 0;
}

export { assert };

/** Waits until an element's attribute has the value (the page updates it after the server answers). */
export async function attributeBecomes(locator, name, value, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  let seen;
  while (Date.now() < until) {
    seen = await locator.getAttribute(name);
    if (seen === value) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name} stayed ${seen}, expected ${value}`);
}

/** Calls the server's v2 API directly (test set-up only; the page itself is what is tested). */
export async function api(url, token, method, path, body) {
  const response = await fetch(url + path, {
    method,
    headers: { 'X-SBG-Auth-Token': token, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Signs in with the token through the page, then makes a project there and waits until it is open. */
export async function signInWithNewProject(page, url, token, projectName) {
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Name').fill(projectName);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: projectName }).waitFor();
}

/**
 * The columns igv drew in the file's track: the last canvas of the data column (after the ruler's),
 * three times the view's width (igv draws a third beyond each side; the middle third is the region).
 * Returns the canvas width and the first and last column with a pixel neither transparent nor white.
 */
function trackColumns() {
  const root = document.querySelector('.igv-host')?.shadowRoot;
  const canvases = [...(root?.querySelectorAll('.igv-column .igv-viewport canvas') ?? [])]
    .filter((c) => !c.classList.contains('igv-ideogram-canvas') && c.width > 0 && c.height > 0);
  if (canvases.length < 2) return { width: 0, first: -1, last: -1, canvases: canvases.length };
  const canvas = canvases[canvases.length - 1];
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let first = -1;
  let last = -1;
  for (let i = 0; i < data.length; i += 4) {
    const white = data[i] > 240 && data[i + 1] > 240 && data[i + 2] > 240;
    if (data[i + 3] === 0 || white) continue;
    const x = (i / 4) % canvas.width;
    if (first < 0 || x < first) first = x;
    if (x > last) last = x;
  }
  return { width: canvas.width, first, last, canvases: canvases.length };
}

/** Waits until igv has drawn in the file's track; then checks the drawing spans bases [from, to] of a region of `span` bases from 1. */
export async function drawnBetween(page, from, to, span) {
  let drawn = { last: -1 };
  for (let i = 0; i < 200 && drawn.last < 0; i++) {
    drawn = await page.evaluate(trackColumns);
    if (drawn.last < 0) await page.waitForTimeout(50);
  }
  assert.ok(drawn.last >= 0, `igv drew nothing: ${JSON.stringify(drawn)}`);
  const third = drawn.width / 3;
  const column = (base) => third + ((base - 1) / span) * third;
  assert.ok(Math.abs(drawn.first - column(from)) <= 4, `drawing starts at ${drawn.first}, expected ~${column(from)}`);
  assert.ok(Math.abs(drawn.last - column(to)) <= 4, `drawing ends at ${drawn.last}, expected ~${column(to)}`);
}
