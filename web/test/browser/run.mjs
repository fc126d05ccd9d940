// The web file browser, driven in headless Chromium by accessible names only (roles and labels),
// against a real server process: SEQVAULT_URL and SEQVAULT_TOKEN (see docs/web.md).
import { api, assert, attributeBecomes, runSteps, screenshot, settings, withBrowser } from './harness.mjs';

const { url, token, executablePath } = settings();
const stamp = Date.now().toString(36);
const projectName = `Web test ${stamp}`;

const failed = await withBrowser(executablePath, async (browser) => {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  const table = () => page.getByRole('table', { name: 'Folder contents' });
  const row = (name) => table().getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  const status = () => page.getByRole('status');
  let projectId;

  return runSteps([
    ['a wrong token is refused in words, and the page stays on sign-in', async () => {
      await page.goto(`${url}/`);
      await page.getByLabel('Token').fill('svt_not-a-real-token-0000000000000000000000000');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: /./ }).waitFor();
      await page.getByLabel('Token').waitFor();
    }],
    ['sign in with the Token field; the token is in sessionStorage only, not the URL, cookies or localStorage', async () => {
      await page.getByLabel('Token').fill(token);
      await screenshot(page, '01-sign-in');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      assert.ok(!page.url().includes(token));
      assert.deepEqual(await browser.cookies(), []);
      assert.equal(await page.evaluate(() => localStorage.length), 0);
      assert.equal(await page.evaluate(() => sessionStorage.getItem('seqvault.token')), token);
    }],
    ['New project opens a dialog with Name and Create, and opens the new project', async () => {
      await page.getByRole('button', { name: 'New project' }).click();
      const dialog = page.getByRole('dialog', { name: 'New project' });
      await dialog.getByLabel('Name').fill(projectName);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: projectName }).waitFor();
      projectId = decodeURIComponent(new URL(page.url()).hash.split('/').slice(2, 4).join('/'));
      assert.match(projectId, /\//);
    }],
    ['New folder creates a folder whose name is a link that opens it, with breadcrumbs', async () => {
      await page.getByRole('button', { name: 'New folder' }).click();
      const dialog = page.getByRole('dialog', { name: 'New folder' });
      await dialog.getByLabel('Name').fill('raw');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await table().getByRole('link', { name: 'raw', exact: true }).click();
      const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
      await crumbs.getByRole('link', { name: 'raw' }).waitFor();
      assert.equal(await crumbs.getByRole('link', { name: 'raw' }).getAttribute('aria-current'), 'page');
    }],
    ['Upload files puts files into the open folder', async () => {
      const files = ['Sample_A.bam', 'Sample_A.bam.bai', 'sample_b.vcf', 'notes.txt'].map((name, i) => ({
        name, mimeType: 'application/octet-stream', buffer: Buffer.from(`content of ${name} ${'x'.repeat(i * 10)}`),
      }));
      await page.getByLabel('Upload files').setInputFiles(files);
      await status().filter({ hasText: 'Uploaded 4 files.' }).waitFor();
      for (const f of files) await table().getByRole('link', { name: f.name, exact: true }).waitFor();
      await attributeBecomes(table(), 'aria-rowcount', '5');
      await table().getByRole('link', { name: 'Sample_A.bam.bai (index of Sample_A.bam)', exact: true }).waitFor();
      await screenshot(page, '02-folder');
    }],
    ['the Size and Modified column headers sort the listing on the server, and Name sorts it back', async () => {
      const shown = async () => (await table().getByRole('link').allInnerTexts()).filter((t) => !t.startsWith('.'));
      const becomes = async (expected) => {
        const until = Date.now() + 30_000;
        let seen;
        while (Date.now() < until) {
          seen = await shown();
          if (JSON.stringify(seen) === JSON.stringify(expected)) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        assert.deepEqual(seen, expected);
      };
      const header = (name) => table().getByRole('columnheader', { name });
      const bySize = ['Sample_A.bam', 'Sample_A.bam.bai', 'sample_b.vcf', 'notes.txt'];
      await header('Size').getByRole('button', { name: 'Size', exact: true }).click();
      await attributeBecomes(header('Size'), 'aria-sort', 'ascending');
      await becomes(bySize);
      await header('Size').getByRole('button', { name: 'Size', exact: true }).click();
      await attributeBecomes(header('Size'), 'aria-sort', 'descending');
      await becomes([...bySize].reverse());
      await header('Modified').getByRole('button', { name: 'Modified', exact: true }).click();
      await attributeBecomes(header('Modified'), 'aria-sort', 'ascending');
      assert.equal(await header('Size').getAttribute('aria-sort'), null);
      const folder = new URL(page.url()).hash.split('/')[5];
      const byTime = await api(url, token, 'GET', `/v2/files/${folder}/list?order_by=modified_on&direction=asc&limit=100`);
      await becomes(byTime.items.map((f) => f.name));
      await header('Name').getByRole('button', { name: 'Name', exact: true }).click();
      await attributeBecomes(header('Name'), 'aria-sort', 'ascending');
      await becomes(['Sample_A.bam', 'Sample_A.bam.bai', 'notes.txt', 'sample_b.vcf']);
    }],
    ['a folder URL survives a reload, and back/forward walk the folders', async () => {
      const here = page.url();
      await page.reload();
      await table().getByRole('link', { name: 'notes.txt', exact: true }).waitFor();
      assert.equal(page.url(), here);
      await page.goBack();
      await table().getByRole('link', { name: 'raw', exact: true }).waitFor();
      await page.goForward();
      await table().getByRole('link', { name: 'notes.txt', exact: true }).waitFor();
    }],
    ['Filter matches names containing the text, whatever the case, and shows the count', async () => {
      await page.getByLabel('Filter', { exact: true }).fill('SAMPLE');
      await page.getByText('3 matches', { exact: true }).waitFor();
      await table().getByRole('link', { name: 'notes.txt', exact: true }).waitFor({ state: 'detached' });
      await screenshot(page, '03-filter');
      await page.getByLabel('Filter', { exact: true }).fill('');
      await page.getByText('4 items', { exact: true }).waitFor();
    }],
    ['a file name opens its details: Size, MD5, SHA-256, DRS URI, and its index file', async () => {
      await table().getByRole('link', { name: 'Sample_A.bam', exact: true }).click();
      const details = page.getByRole('dialog', { name: 'Sample_A.bam' });
      await details.waitFor();
      for (const term of ['Size', 'MD5', 'SHA-256', 'DRS URI']) {
        await details.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) }).waitFor();
      }
      await details.getByText(/^[0-9a-f]{64}$/).waitFor();
      await details.getByText(/^drs:\/\/\S+$/).waitFor();
      await details.getByRole('button', { name: 'Copy DRS URI' }).waitFor();
      await details.getByRole('link', { name: 'Sample_A.bam.bai' }).waitFor();
      const here = page.url();
      await page.reload();
      await page.getByRole('dialog', { name: 'Sample_A.bam' }).waitFor();
      assert.equal(page.url(), here);
    }],
    ['metadata read from a VCF header is marked as read from the file', async () => {
      await page.keyboard.press('Escape');
      const vcf = '##fileformat=VCFv4.2\n##reference=file:///refs/GRCh38.fa.gz\n'
        + '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNA12878\n1\t100\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n';
      await page.getByLabel('Upload files').setInputFiles([{ name: 'calls.vcf', mimeType: 'text/plain', buffer: Buffer.from(vcf) }]);
      await status().filter({ hasText: 'Uploaded 1 file.' }).waitFor();
      await table().getByRole('link', { name: 'calls.vcf', exact: true }).click();
      const details = page.getByRole('dialog', { name: 'calls.vcf' });
      await details.getByRole('row').filter({ hasText: 'NA12878' }).filter({ hasText: "read from the file's header" }).waitFor();
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'detached' });
      await table().getByRole('link', { name: 'Sample_A.bam', exact: true }).click();
      await page.getByRole('dialog', { name: 'Sample_A.bam' }).waitFor();
    }],
    ['Edit metadata (Key, Value, Save) and Add tag (Tag) change the file', async () => {
      const details = page.getByRole('dialog', { name: 'Sample_A.bam' });
      await details.getByRole('button', { name: 'Edit metadata' }).click();
      await details.getByLabel('Key', { exact: true }).fill('sample_id');
      await details.getByLabel('Value', { exact: true }).fill('S-0001');
      await details.getByRole('button', { name: 'Save' }).click();
      await details.getByRole('cell', { name: 'S-0001' }).waitFor();
      await details.getByRole('button', { name: 'Add tag' }).click();
      await details.getByLabel('Tag', { exact: true }).fill('tumor');
      await details.getByRole('button', { name: 'Add', exact: true }).click();
      await details.getByRole('listitem').filter({ hasText: 'tumor' }).waitFor();
      await screenshot(page, '04-details');
      const file = await api(url, token, 'GET', `/v2/files/${new URL(page.url()).hash.split('/').pop()}`);
      assert.equal(file.metadata.sample_id, 'S-0001');
      assert.deepEqual(file.tags, ['tumor']);
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'detached' });
    }],
    ['the metadata and tag filters find the edited file', async () => {
      await page.getByLabel('Metadata key').fill('sample_id');
      await page.getByLabel('Metadata value').fill('S-0001');
      await page.getByText('1 match', { exact: true }).waitFor();
      await page.getByLabel('Metadata key').fill('');
      await page.getByLabel('Metadata value').fill('');
      await page.getByLabel('Tag filter').fill('tumor');
      await page.getByText('1 match', { exact: true }).waitFor();
      await page.getByLabel('Tag filter').fill('');
      await page.getByText('5 items', { exact: true }).waitFor();
    }],
    ['Select <name> checkboxes, Shift-click selects the range between', async () => {
      await page.getByRole('checkbox', { name: 'Select Sample_A.bam', exact: true }).click();
      await page.getByRole('checkbox', { name: 'Select notes.txt', exact: true }).click({ modifiers: ['Shift'] });
      await page.getByText('4 selected', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Clear selection' }).click();
    }],
    ['Edit selection: a table of the selected files, one column per key, saved in one bulk call', async () => {
      await page.getByRole('checkbox', { name: 'Select Sample_A.bam', exact: true }).check();
      await page.getByRole('checkbox', { name: 'Select notes.txt', exact: true }).check();
      await page.getByRole('button', { name: 'Edit selection' }).click();
      const editor = page.getByRole('dialog', { name: 'Edit 2 files' });
      await editor.getByLabel('New key').fill('batch');
      await editor.getByRole('button', { name: 'Add key' }).click();
      await editor.getByLabel('sample_id of notes.txt').fill('S-0002');
      await editor.getByLabel('batch of notes.txt').fill('B1');
      await editor.getByLabel('batch of Sample_A.bam').fill('B1');
      await editor.getByLabel('sample_id of Sample_A.bam').fill('');
      await editor.getByLabel('Tags of notes.txt').fill('text, draft');
      await screenshot(page, '05-edit-selection');
      await editor.getByRole('button', { name: 'Save all' }).click();
      await status().filter({ hasText: 'Saved 2 files.' }).waitFor();
      const folder = new URL(page.url()).hash.split('/')[5];
      const listed = await api(url, token, 'GET', `/v2/files/${folder}/list?limit=100`);
      const byName = Object.fromEntries(listed.items.map((f) => [f.name, f]));
      assert.deepEqual(byName['notes.txt'].metadata, { sample_id: 'S-0002', batch: 'B1' });
      assert.deepEqual(byName['notes.txt'].tags, ['text', 'draft']);
      assert.deepEqual(byName['Sample_A.bam'].metadata, { batch: 'B1' });
      await page.getByRole('button', { name: 'Clear selection' }).click();
    }],
    ['Download starts the browser download of the selected file', async () => {
      await page.getByRole('checkbox', { name: 'Select notes.txt', exact: true }).check();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download' }).click();
      assert.equal((await download).suggestedFilename(), 'notes.txt');
    }],
    ['Copy puts a copy into another folder by path', async () => {
      await page.getByRole('button', { name: 'Copy' }).click();
      const dialog = page.getByRole('dialog', { name: 'Copy 1 item' });
      await dialog.getByLabel('Destination folder').fill('/');
      await dialog.getByRole('button', { name: 'Copy' }).click();
      await status().filter({ hasText: 'Copy: 1 of 1 done.' }).waitFor();
    }],
    ['Copy into another project chosen in the dialog', async () => {
      const other = await api(url, token, 'POST', '/v2/projects', { name: `Web other ${stamp}` });
      await page.getByRole('checkbox', { name: 'Select notes.txt', exact: true }).check();
      await page.getByRole('button', { name: 'Copy' }).click();
      const dialog = page.getByRole('dialog', { name: 'Copy 1 item' });
      await dialog.getByLabel('Destination project').selectOption({ label: `Web other ${stamp}` });
      await dialog.getByLabel('Destination folder').fill('');
      await screenshot(page, '15-copy-to-project');
      await dialog.getByRole('button', { name: 'Copy' }).click();
      await dialog.waitFor({ state: 'detached' });
      await status().filter({ hasText: 'Copy: 1 of 1 done.' }).waitFor();
      const copied = await api(url, token, 'GET', `/v2/files?project=${encodeURIComponent(other.id)}&limit=100`);
      assert.deepEqual(copied.items.map((f) => f.name), ['notes.txt']);
    }],
    ['Move and Rename', async () => {
      await page.getByRole('checkbox', { name: 'Select sample_b.vcf', exact: true }).check();
      await page.getByRole('button', { name: 'Rename' }).click();
      const rename = page.getByRole('dialog', { name: 'Rename sample_b.vcf' });
      await rename.getByLabel('Name').fill('sample_b.renamed.vcf');
      await rename.getByRole('button', { name: 'Rename' }).click();
      await table().getByRole('link', { name: 'sample_b.renamed.vcf', exact: true }).waitFor();
      await page.getByRole('checkbox', { name: 'Select sample_b.renamed.vcf', exact: true }).check();
      await page.getByRole('button', { name: 'Move' }).click();
      const move = page.getByRole('dialog', { name: 'Move 1 item' });
      await move.getByLabel('Destination folder').fill('');
      await move.getByRole('button', { name: 'Move' }).click();
      await status().filter({ hasText: 'Move: 1 of 1 done.' }).waitFor();
      await table().getByRole('link', { name: 'sample_b.renamed.vcf', exact: true }).waitFor({ state: 'detached' });
    }],
    ['Delete asks in a dialog whose button is Delete, then the files are gone', async () => {
      await page.getByRole('checkbox', { name: 'Select Sample_A.bam.bai', exact: true }).check();
      await page.getByRole('checkbox', { name: 'Select notes.txt', exact: true }).check();
      await page.getByRole('button', { name: 'Delete' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete 2 items?' });
      await screenshot(page, '06-delete-confirm');
      await confirm.getByRole('button', { name: 'Delete' }).click();
      await status().filter({ hasText: 'Delete: 2 of 2 done.' }).waitFor();
      await table().getByRole('link', { name: 'notes.txt', exact: true }).waitFor({ state: 'detached' });
      await attributeBecomes(table(), 'aria-rowcount', '3');
    }],
    ['keyboard: Tab reaches a file link, Enter opens it, Esc closes the details', async () => {
      const link = table().getByRole('link', { name: 'Sample_A.bam', exact: true });
      await link.focus();
      await page.keyboard.press('Enter');
      const details = page.getByRole('dialog', { name: 'Sample_A.bam' });
      await details.waitFor();
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'detached' });
      await page.getByRole('checkbox', { name: 'Select Sample_A.bam', exact: true }).focus();
      await page.keyboard.press('Space');
      await page.getByText('1 selected', { exact: true }).waitFor();
    }],
    ['members of the project, for its admin', async () => {
      await page.getByRole('link', { name: 'Members' }).click();
      await page.getByRole('heading', { name: `Members of ${projectName}` }).waitFor();
      await page.getByLabel('Username').waitFor();
      await screenshot(page, '07-members');
    }],
    ['a narrow window still shows the folder and its actions', async () => {
      await page.goBack();
      await page.setViewportSize({ width: 420, height: 800 });
      await table().getByRole('link', { name: 'Sample_A.bam', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Delete' }).waitFor();
      await screenshot(page, '08-narrow');
      await page.setViewportSize({ width: 1280, height: 800 });
    }],
    ['Sign out forgets the token', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Token').waitFor();
      assert.equal(await page.evaluate(() => sessionStorage.getItem('seqvault.token')), null);
    }],
    ['a sign-in link (what seqvault web opens) signs in once, leaves no secret in the address or history', async () => {
      const link = await api(url, token, 'POST', '/v1/tokens',
        { scopes: ['files', 'projects', 'tokens'], expires_in: 60, description: 'web sign-in link (test)' });
      const tab = await browser.newPage();
      await tab.goto(`${url}/`);
      await tab.goto(`${url}/#/signin/${link.id}/${link.token}`);
      await tab.getByRole('button', { name: 'Sign out' }).waitFor();
      assert.ok(!tab.url().includes(link.token), tab.url());
      const session = await tab.evaluate(() => sessionStorage.getItem('seqvault.token'));
      assert.ok(session && session !== link.token);
      const linkAnswer = await fetch(`${url}/v2/user`, { headers: { 'X-SBG-Auth-Token': link.token } });
      assert.equal(linkAnswer.status, 401, 'the link works once: its token is revoked');
      await tab.getByRole('button', { name: 'Sign out' }).click();
      await tab.getByLabel('Token').waitFor();
      let sessionAnswer = 0;
      for (let i = 0; i < 50 && sessionAnswer !== 401; i++) {
        sessionAnswer = (await fetch(`${url}/v2/user`, { headers: { 'X-SBG-Auth-Token': session } })).status;
        if (sessionAnswer !== 401) await tab.waitForTimeout(100);
      }
      assert.equal(sessionAnswer, 401, 'Sign out revokes the session token the link made');
      await tab.goto(`${url}/#/signin/${link.id}/${link.token}`);
      await tab.getByRole('alert').filter({ hasText: 'expired or was already used' }).waitFor();
      await tab.close();
    }],
    ['no errors in the console (a CSP violation would be one)', async () => {
      assert.deepEqual(consoleErrors.filter((e) => !e.includes('401')), []);
    }],
  ]);
});
process.exit(failed);
