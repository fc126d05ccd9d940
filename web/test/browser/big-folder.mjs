// Time to first rows of a 100,000-entry folder in the browser, and a scroll to its last entry.
// SEQVAULT_URL, SEQVAULT_TOKEN as for run.mjs; ENTRIES (default 100000) folders are created in a new
// project through the v2 API first (16 requests at a time), then the folder's URL is opened signed in.
import { api, assert, runSteps, screenshot, settings, withBrowser } from './harness.mjs';

const { url, token, executablePath } = settings();
const entries = Number(process.env.ENTRIES ?? 100_000);
const project = await api(url, token, 'POST', '/v2/projects', { name: `Big folder ${Date.now().toString(36)}` });
const big = await api(url, token, 'POST', '/v2/files', { name: 'big', type: 'folder', parent: project.root_folder });

const seedStarted = Date.now();
let next = 0;
async function worker() {
  while (next < entries) {
    const n = next++;
    await api(url, token, 'POST', '/v2/files', { name: `entry_${String(n).padStart(6, '0')}`, type: 'folder', parent: big.id });
  }
}
await Promise.all(Array.from({ length: 16 }, worker));
console.log(`seeded ${entries} entries in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

const failed = await withBrowser(executablePath, async (browser) => {
  const page = await browser.newPage();
  const table = () => page.getByRole('table', { name: 'Folder contents' });
  const [owner, slug] = project.id.split('/');
  const folderUrl = `${url}/#/p/${owner}/${slug}/f/${big.id}`;
  return runSteps([
    ['sign in', async () => {
      await page.goto(`${url}/`);
      await page.getByLabel('Token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
    }],
    [`time to first rows of a ${entries}-entry folder (page load included)`, async () => {
      const times = [];
      for (let run = 0; run < 5; run++) {
        const started = Date.now();
        await page.goto(folderUrl);
        await page.reload();
        await table().getByRole('link', { name: 'entry_000000', exact: true }).waitFor();
        times.push(Date.now() - started);
      }
      times.sort((a, b) => a - b);
      console.log(`time to first rows (5 loads, ms): ${times.join(', ')}; median ${times[2]}`);
      assert.equal(await table().getAttribute('aria-rowcount'), String(entries + 1));
    }],
    ['scroll to the last entry; only the visible rows are in the DOM', async () => {
      const last = `entry_${String(entries - 1).padStart(6, '0')}`;
      const started = Date.now();
      await table().evaluate((t) => { const v = t.querySelector('.viewport'); v.scrollTop = v.scrollHeight; });
      await table().getByRole('link', { name: last, exact: true }).waitFor();
      console.log(`scroll to the last entry: ${Date.now() - started} ms`);
      const rows = await table().getByRole('row').count();
      assert.ok(rows < 100, `${rows} rows in the DOM`);
      assert.equal(await table().getByRole('row').last().getAttribute('aria-rowindex'), String(entries + 1));
      await screenshot(page, '09-big-folder-end');
    }],
    ['the Filter box on the big folder', async () => {
      const started = Date.now();
      await page.getByLabel('Filter', { exact: true }).fill('ENTRY_09999');
      await page.getByText('10 matches', { exact: true }).waitFor();
      console.log(`filter "ENTRY_09999" to its 10 matches (250 ms typing pause included): ${Date.now() - started} ms`);
    }],
  ]);
});
process.exit(failed);
