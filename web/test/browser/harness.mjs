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
