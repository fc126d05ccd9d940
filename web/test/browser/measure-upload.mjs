// Times one browser upload of a given file through the page (Upload files → "Uploaded 1 file."),
// for comparing with the CLI (docs/web.md says how). Not part of the test run: a measurement.
//   SEQVAULT_URL=… SEQVAULT_TOKEN=… node test/browser/measure-upload.mjs /path/to/file
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { api, settings, withBrowser } from './harness.mjs';

const { url, token, executablePath } = settings();
const file = process.argv[2];
if (!file) throw new Error('usage: node test/browser/measure-upload.mjs FILE');
const size = statSync(file).size;

await withBrowser(executablePath, async (browser) => {
  const page = await browser.newPage();
  const project = await api(url, token, 'POST', '/v2/projects', { name: `Upload timing ${Date.now().toString(36)}` });
  await page.goto(`${url}/`);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: project.name, exact: true }).click();
  await page.getByRole('table', { name: 'Folder contents' }).waitFor();
  const started = process.hrtime.bigint();
  await page.getByLabel('Upload files').setInputFiles(file);
  await page.getByRole('status').filter({ hasText: 'Uploaded 1 file.' }).waitFor({ timeout: 3_600_000 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const listed = await api(url, token, 'GET', `/v2/files?project=${encodeURIComponent(project.id)}&name=${encodeURIComponent(basename(file))}`);
  if (listed.items[0]?.size !== size) throw new Error('the uploaded file does not have the size of the original');
  console.log(`browser upload of ${basename(file)}: ${size} bytes in ${seconds.toFixed(1)} s = ${(size / seconds / 2 ** 20).toFixed(1)} MiB/s (project ${project.id})`);
});
