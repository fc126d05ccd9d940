// Times one browser upload of every file in a folder through the page (Upload files → "Uploaded N
// files."), and counts the long tasks (main thread busy over 50 ms) meanwhile: does the page stay
// responsive with thousands of small files? A measurement, not part of the test run.
//   SEQVAULT_URL=… SEQVAULT_TOKEN=… node test/browser/measure-small-files.mjs /path/to/folder
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { api, settings, withBrowser } from './harness.mjs';

const { url, token, executablePath } = settings();
const dir = process.argv[2];
if (!dir) throw new Error('usage: node test/browser/measure-small-files.mjs FOLDER');
const files = readdirSync(dir).map((name) => join(dir, name));

await withBrowser(executablePath, async (browser) => {
  const page = await browser.newPage();
  const project = await api(url, token, 'POST', '/v2/projects', { name: `Small files ${Date.now().toString(36)}` });
  await page.goto(`${url}/`);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: project.name, exact: true }).click();
  await page.getByRole('table', { name: 'Folder contents' }).waitFor();
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); })
      .observe({ type: 'longtask' });
  });
  const started = process.hrtime.bigint();
  await page.getByLabel('Upload files').setInputFiles(files);
  await page.getByRole('status').filter({ hasText: `Uploaded ${files.length.toLocaleString('en-US')} files.` })
    .waitFor({ timeout: 3_600_000 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const long = await page.evaluate(() => window.longTasks);
  console.log(`${files.length} files in ${seconds.toFixed(1)} s (${(files.length / seconds).toFixed(1)} files/s); `
    + `long tasks: ${long.length}, the longest ${Math.round(Math.max(0, ...long))} ms, ${Math.round(long.reduce((a, b) => a + b, 0))} ms in all`);
});
