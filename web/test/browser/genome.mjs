// The genome view of the details panel, driven in headless Chromium by accessible names (roles and
// labels), against a real server process (SEQVAULT_URL, SEQVAULT_TOKEN): an indexed BAM (GENOME_BAM,
// GENOME_BAI: made by e2e's WebGenomeViewE2ETest with htsjdk, reads every 3 bases from chr1:1 to
// chr1:6,049) and a tabix-indexed VCF (GENOME_VCF, GENOME_TBI: variants at chr1:100, 200, … 1000)
// are uploaded through the page, and a region of each opens igv.js reading it through htsget.
// Then an indexed CRAM (GENOME_CRAM, GENOME_CRAI: 50 reads every 10 bases from ref1:1 to ref1:540)
// in a folder below its reference (GENOME_FASTA, ref1 of 2,000 bases, with its .fai beside it), and
// a FASTA whose ref1 is 1,500 bases (GENOME_OTHER_FASTA, .fai beside it) in a folder of its own;
// last, the reference bgzipped (`${GENOME_FASTA}.gz`, with its .fai and .gzi beside it).
import { basename } from 'node:path';
import { assert, drawnBetween, requiredEnv, runSteps, screenshot, settings, signInWithNewProject, withBrowser } from './harness.mjs';

const { url, token, executablePath } = settings();
const {
  GENOME_BAM: bam, GENOME_BAI: bai, GENOME_VCF: vcf, GENOME_TBI: tbi, GENOME_CRAM: cram, GENOME_CRAI: crai,
  GENOME_FASTA: fasta, GENOME_OTHER_FASTA: otherFasta,
} = requiredEnv(['GENOME_BAM', 'GENOME_BAI', 'GENOME_VCF', 'GENOME_TBI', 'GENOME_CRAM', 'GENOME_CRAI', 'GENOME_FASTA',
  'GENOME_OTHER_FASTA'], 'indexed files, see WebGenomeViewE2ETest');
const projectName = `Genome view ${Date.now().toString(36)}`;
/** The last base a read of the test BAM covers (2,000 reads of 50 bases, every 3 bases from 1). */
const LAST_READ_BASE = 1 + 1999 * 3 + 49;
/** The last base a read of the test CRAM covers (50 reads of 50 bases, every 10 bases from 1). */
const LAST_CRAM_BASE = 1 + 49 * 10 + 49;

const failed = await withBrowser(executablePath, async (browser) => {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), headers: r.headers() }));
  const table = () => page.getByRole('table', { name: 'Folder contents' });
  const details = () => page.getByRole('dialog', { name: 'NA12878.bam' });
  const genome = () => details().getByRole('region', { name: 'Genome view', exact: true });
  const cramView = () => page.getByRole('dialog', { name: 'NA12878.cram' }).getByRole('region', { name: 'Genome view', exact: true });
  /** Makes a folder in the open one through `New folder`, then opens it. */
  const newFolderOpened = async (name) => {
    await page.getByRole('button', { name: 'New folder' }).click();
    const dialog = page.getByRole('dialog', { name: 'New folder' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await table().getByRole('link', { name, exact: true }).click();
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name }).waitFor();
  };
  /** Waits until a form control shows the value (the page sets it after the server answers). */
  const attributeBecomesValue = async (locator, value) => {
    for (let i = 0; i < 200 && (await locator.inputValue()) !== value; i++) await page.waitForTimeout(50);
    assert.equal(await locator.inputValue(), value);
  };

  return runSteps([
    ['sign in, make a project and upload an indexed BAM through the page', async () => {
      await page.goto(`${url}/`);
      await signInWithNewProject(page, url, token, projectName);
      await page.getByLabel('Upload files').setInputFiles([bam, bai]);
      await page.getByRole('status').filter({ hasText: 'Uploaded 2 files.' }).waitFor();
      await table().getByRole('link', { name: 'NA12878.bam', exact: true }).click();
      await details().waitFor();
    }],
    ['a region the file does not have is refused in words, before igv is loaded', async () => {
      await genome().getByLabel('Region').fill('chrZ:1-100');
      await genome().getByRole('button', { name: 'Show region' }).click();
      await genome().getByRole('alert').filter({ hasText: 'The file has no contig "chrZ" (it has chr1, chr2)' }).waitFor();
      await genome().getByLabel('Region').fill('chr1:500-100');
      await genome().getByRole('button', { name: 'Show region' }).click();
      await genome().getByRole('alert').filter({ hasText: 'not after the end' }).waitFor();
      assert.equal(requests.filter((r) => /\/assets\/igvView-/.test(r.url)).length, 0, 'igv is loaded only for a view');
    }],
    ['Region + Show region opens igv on the region, which draws the region\'s reads where they are', async () => {
      await genome().getByLabel('Region').fill('chr1:1-20000');
      await genome().getByRole('button', { name: 'Show region' }).click();
      const view = genome().getByRole('region', { name: 'Genome view of NA12878.bam at chr1:1-20000' });
      await view.getByRole('status').filter({ hasText: 'Showing chr1:1-20000.' }).waitFor();
      await view.getByText('NA12878.bam', { exact: true }).waitFor(); // igv's track label
      // The reads cover chr1:1 to LAST_READ_BASE of the 20,000 bases shown.
      await drawnBetween(page, 1, LAST_READ_BASE, 20000);
      await view.scrollIntoViewIfNeeded();
      await screenshot(page, '10-genome-view');
    }],
    ['another region replaces the view', async () => {
      await genome().getByLabel('Region').fill('chr1:1-10,000');
      await genome().getByRole('button', { name: 'Show region' }).click();
      const view = genome().getByRole('region', { name: 'Genome view of NA12878.bam at chr1:1-10000' });
      await view.getByRole('status').filter({ hasText: 'Showing chr1:1-10000.' }).waitFor();
      assert.equal(await page.evaluate(() => document.querySelectorAll('.igv-host').length), 1);
      await drawnBetween(page, 1, LAST_READ_BASE, 10000);
    }],
    ['igv read through htsget with the token in a header only, never in a URL', async () => {
      const tickets = requests.filter((r) => r.url.includes('/ga4gh/htsget/v1/reads/'));
      assert.ok(tickets.some((r) => r.url.includes('referenceName=chr1')), 'a region ticket');
      for (const r of tickets) assert.ok(r.headers.authorization === `Bearer ${token}` || r.headers['x-sbg-auth-token'] === token, r.url);
      for (const r of requests) assert.ok(!r.url.includes(token), `token in ${r.url}`);
    }],
    ['Esc closes the details and the view with them', async () => {
      await page.keyboard.press('Escape');
      await details().waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => document.querySelectorAll('.igv-host').length), 0);
    }],
    ['a bgzipped VCF with its tabix index shows its variants where they are', async () => {
      await page.getByLabel('Upload files').setInputFiles([vcf, tbi]);
      await page.getByRole('status').filter({ hasText: 'Uploaded 2 files.' }).waitFor();
      await table().getByRole('link', { name: 'calls.vcf.gz', exact: true }).click();
      const panel = page.getByRole('dialog', { name: 'calls.vcf.gz' }).getByRole('region', { name: 'Genome view', exact: true });
      await panel.getByLabel('Region').fill('chr1:1-2000');
      await panel.getByRole('button', { name: 'Show region' }).click();
      const view = panel.getByRole('region', { name: 'Genome view of calls.vcf.gz at chr1:1-2000' });
      await view.getByRole('status').filter({ hasText: 'Showing chr1:1-2000.' }).waitFor();
      // Variants at chr1:100 to chr1:1000, each one base wide.
      await drawnBetween(page, 100, 1001, 2000);
      await view.scrollIntoViewIfNeeded();
      await screenshot(page, '11-genome-view-vcf');
      assert.ok(requests.some((r) => r.url.includes('/ga4gh/htsget/v1/variants/') && r.url.includes('referenceName=chr1')));
      await page.keyboard.press('Escape');
    }],
    ['a CRAM offers the FASTA with a .fai in a folder above it as its reference, preselected as it fits', async () => {
      await page.getByLabel('Upload files').setInputFiles([fasta, `${fasta}.fai`]);
      await page.getByRole('status').filter({ hasText: 'Uploaded 2 files.' }).waitFor();
      await newFolderOpened('crams');
      await page.getByLabel('Upload files').setInputFiles([cram, crai]);
      await page.getByRole('status').filter({ hasText: 'Uploaded 2 files.' }).waitFor();
      await newFolderOpened('refs');
      await page.getByLabel('Upload files').setInputFiles([otherFasta, `${otherFasta}.fai`]);
      await page.getByRole('status').filter({ hasText: 'Uploaded 2 files.' }).waitFor();
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'crams' }).click();
      await table().getByRole('link', { name: 'NA12878.cram', exact: true }).click();
      await cramView().getByRole('status')
        .filter({ hasText: '1 reference FASTA file found; ref.fa has the file\'s contigs, at the same lengths.' }).waitFor();
      assert.equal(await cramView().getByLabel('Reference', { exact: true }).inputValue(), 'ref.fa');
    }],
    ['a FASTA given by its path whose contig has another length is refused in words, and is remembered', async () => {
      await cramView().getByLabel('Reference path').fill(`crams/refs/${basename(otherFasta)}`);
      await cramView().getByRole('button', { name: 'Use reference' }).click();
      await attributeBecomesValue(cramView().getByLabel('Reference', { exact: true }), 'crams/refs/other.fa');
      await cramView().getByLabel('Region').fill('ref1:1-2000');
      await cramView().getByRole('button', { name: 'Show region' }).click();
      await cramView().getByRole('alert').filter({
        hasText: 'The reference crams/refs/other.fa does not fit NA12878.cram: its ref1 is 1,500 bases long, the file\'s is 2,000.',
      }).waitFor();
      assert.equal(await page.evaluate(() => document.querySelectorAll('.igv-host').length), 0, 'no view opened');
      // The choice outlives the panel for this tab's session.
      await page.keyboard.press('Escape');
      await table().getByRole('link', { name: 'NA12878.cram', exact: true }).click();
      await cramView().getByRole('status').filter({ hasText: '2 reference FASTA files found' }).waitFor();
      assert.equal(await cramView().getByLabel('Reference', { exact: true }).inputValue(), 'crams/refs/other.fa');
    }],
    ['with its reference, the CRAM\'s reads are drawn where they are', async () => {
      await cramView().getByLabel('Reference', { exact: true }).selectOption({ label: 'ref.fa' });
      await cramView().getByLabel('Region').fill('ref1:1-2000');
      await cramView().getByRole('button', { name: 'Show region' }).click();
      const view = cramView().getByRole('region', { name: 'Genome view of NA12878.cram at ref1:1-2000' });
      await view.getByRole('status').filter({ hasText: 'Showing ref1:1-2000.' }).waitFor();
      await view.getByText('NA12878.cram', { exact: true }).waitFor(); // igv's track label
      // At 2,000 bases a read is ~19 pixels wide, and igv draws its strand arrow's tip beyond its
      // end by a sixth of its width (the row height caps it at 7 pixels): 50 / 6 bases past the last base.
      await drawnBetween(page, 1, LAST_CRAM_BASE + 1 + 50 / 6, 2000);
      await view.scrollIntoViewIfNeeded();
      await screenshot(page, '14-genome-view-cram');
    }],
    ['igv read the CRAM by Range through a presigned URL, and no request carried the token to the store or in a URL', async () => {
      const blob = (name) => requests.filter((r) => r.url.includes('/_blob/') && new URL(r.url).pathname.endsWith(`/${name}`));
      assert.ok(blob('NA12878.cram').some((r) => /^bytes=\d+-\d+$/.test(r.headers.range ?? '')), 'a Range read of the CRAM');
      for (const name of ['NA12878.cram.crai', 'ref.fa', 'ref.fa.fai']) assert.ok(blob(name).length > 0, `${name} read`);
      assert.ok(!requests.some((r) => /\/ga4gh\/htsget\/v1\/reads\/[^?]*\?.*referenceName=ref1/.test(r.url)),
        'the CRAM\'s region is not asked of htsget (igv cannot read a CRAM through it)');
      // igv is given no token for a CRAM, so it sends none with what it reads (for a BAM it sends its
      // per-host token to every URL of this host name, the local store's too).
      for (const r of ['NA12878.cram', 'NA12878.cram.crai', 'ref.fa', 'ref.fa.fai', 'other.fa.fai'].flatMap(blob)) {
        assert.ok(!r.headers.authorization && !r.headers['x-sbg-auth-token'], `token sent with ${r.url}`);
      }
      for (const r of requests) assert.ok(!r.url.includes(token), `token in ${r.url}`);
      await page.keyboard.press('Escape');
    }],
    ['a bgzipped reference with its .fai and .gzi is offered too, and igv reads it by Range with its .gzi', async () => {
      await page.getByLabel('Upload files').setInputFiles([`${fasta}.gz`, `${fasta}.gz.fai`, `${fasta}.gz.gzi`]);
      await page.getByRole('status').filter({ hasText: 'Uploaded 3 files.' }).waitFor();
      await table().getByRole('link', { name: 'NA12878.cram', exact: true }).click();
      // Nearest first: the bgzipped one in the CRAM's folder fits too, but the choice made last is kept.
      await cramView().getByRole('status')
        .filter({ hasText: '2 reference FASTA files found; crams/ref.fa.gz has the file\'s contigs' }).waitFor();
      assert.equal(await cramView().getByLabel('Reference', { exact: true }).inputValue(), 'ref.fa', 'the choice remembered');
      await cramView().getByLabel('Reference', { exact: true }).selectOption({ label: 'crams/ref.fa.gz' });
      await cramView().getByLabel('Region').fill('ref1:1-2000');
      await cramView().getByRole('button', { name: 'Show region' }).click();
      const view = cramView().getByRole('region', { name: 'Genome view of NA12878.cram at ref1:1-2000' });
      await view.getByRole('status').filter({ hasText: 'Showing ref1:1-2000.' }).waitFor();
      await drawnBetween(page, 1, LAST_CRAM_BASE + 1 + 50 / 6, 2000);
      const blob = (name) => requests.filter((r) => r.url.includes('/_blob/') && new URL(r.url).pathname.endsWith(`/${name}`));
      assert.ok(blob('ref.fa.gz').some((r) => /^bytes=\d+-\d+$/.test(r.headers.range ?? '')), 'a Range read of ref.fa.gz');
      assert.ok(blob('ref.fa.gz.gzi').length > 0, 'its .gzi read');
      await page.keyboard.press('Escape');
    }],
    ['no errors in the console (a CSP violation would be one)', async () => {
      // igv says "No sequence for: chr:start-end" for each reads view when the reference has no
      // sequence, which is how this view is built (the server has no reference genome).
      assert.deepEqual(consoleErrors.filter((e) => !e.startsWith('No sequence for: ')), []);
    }],
  ]);
});
process.exit(failed);
