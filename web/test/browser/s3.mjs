// The page on the S3 backend, in headless Chromium against a real server process whose blobs are
// in S3 (S3Proxy, see e2e's WebS3BrowserE2ETest): uploads PUT their parts straight to the object
// store, the preview reads a range from it, and the genome view's igv reads its blocks from it,
// all allowed by the page's connect-src and the store's CORS, and the token never sent there; a
// CRAM's view reads the CRAM and its reference FASTA by Range from the store.
// SEQVAULT_URL, SEQVAULT_TOKEN, S3_ORIGIN (the object store's origin), GENOME_BAM, GENOME_BAI,
// GENOME_CRAM, GENOME_CRAI and GENOME_FASTA (its .fai beside it).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { assert, drawnBetween, requiredEnv, runSteps, screenshot, settings, signInWithNewProject, withBrowser } from './harness.mjs';

const { url, token, executablePath } = settings();
const {
  S3_ORIGIN: s3Origin, GENOME_BAM: bam, GENOME_BAI: bai, GENOME_CRAM: cram, GENOME_CRAI: crai, GENOME_FASTA: fasta,
} = requiredEnv(['S3_ORIGIN', 'GENOME_BAM', 'GENOME_BAI', 'GENOME_CRAM', 'GENOME_CRAI', 'GENOME_FASTA'],
  'see WebS3BrowserE2ETest');
const projectName = `On S3 ${Date.now().toString(36)}`;
const vcf = '##fileformat=VCFv4.2\n##contig=<ID=chr1,length=248956422>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n'
  + Array.from({ length: 50 }, (_, i) => `chr1\t${1000 + i}\tv${i}\tA\tG\t50\tPASS\t.`).join('\n') + '\n';

const failed = await withBrowser(executablePath, async (browser) => {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  const toStore = [];
  page.on('request', (r) => { if (r.url().startsWith(`${s3Origin}/`)) toStore.push(r); });
  const answered = [];
  page.on('response', (r) => { if (r.url().startsWith(`${s3Origin}/`)) answered.push(`${r.request().method()} ${r.status()}`); });
  const table = () => page.getByRole('table', { name: 'Folder contents' });

  return runSteps([
    ['the page allows requests to the object store', async () => {
      const answer = await page.goto(`${url}/`);
      assert.match(answer.headers()['content-security-policy'], new RegExp(`connect-src 'self' ${s3Origin}$`));
      await signInWithNewProject(page, url, token, projectName);
    }],
    ['Upload files sends the parts straight to the object store', async () => {
      await page.getByLabel('Upload files').setInputFiles([
        { name: 'calls.vcf', mimeType: 'text/plain', buffer: Buffer.from(vcf) },
        ...[bam, bai].map((path) => ({ name: basename(path), mimeType: 'application/octet-stream', buffer: readFileSync(path) }))]);
      await page.getByRole('status').filter({ hasText: 'Uploaded 3 files.' }).waitFor();
      for (const name of ['calls.vcf', 'NA12878.bam', 'NA12878.bam.bai']) {
        await table().getByRole('link', { name, exact: true }).waitFor();
      }
      assert.equal(toStore.filter((r) => r.method() === 'PUT').length, 3, 'one part PUT per file, to the store');
      assert.equal(answered.filter((a) => a === 'PUT 200').length, 3, answered.join(', '));
    }],
    ['the preview reads the first lines from the object store', async () => {
      await table().getByRole('link', { name: 'calls.vcf', exact: true }).click();
      const details = page.getByRole('dialog', { name: 'calls.vcf' });
      const lines = details.getByRole('region', { name: 'First lines of calls.vcf' });
      await lines.getByText('chr1\t1029\tv29\tA\tG\t50\tPASS\t.').waitFor(); // the preview's 30th record
      assert.ok(answered.includes('GET 206'), `a ranged GET answered by the store: ${answered.join(', ')}`);
      await screenshot(page, '12-s3-preview');
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'detached' });
    }],
    ['the genome view reads its blocks from the object store', async () => {
      await table().getByRole('link', { name: 'NA12878.bam', exact: true }).click();
      const details = page.getByRole('dialog', { name: 'NA12878.bam' });
      const before = answered.length;
      await details.getByLabel('Region').fill('chr1:1-20000');
      await details.getByRole('button', { name: 'Show region' }).click();
      const view = details.getByRole('region', { name: 'Genome view of NA12878.bam at chr1:1-20000' });
      await view.getByRole('status').filter({ hasText: 'Showing chr1:1-20000.' }).waitFor();
      await view.getByText('NA12878.bam', { exact: true }).waitFor();
      let blockGets = 0;
      for (let i = 0; i < 200 && blockGets < 2; i++) {
        blockGets = answered.slice(before).filter((a) => a === 'GET 206').length;
        if (blockGets < 2) await page.waitForTimeout(50);
      }
      assert.ok(blockGets >= 2, `the header's and the region's blocks came from the store (${blockGets})`);
      await view.scrollIntoViewIfNeeded();
      await screenshot(page, '13-s3-genome-view');
    }],
    ['a CRAM\'s view reads the CRAM and its reference by Range from the object store', async () => {
      await page.keyboard.press('Escape');
      await page.getByLabel('Upload files').setInputFiles([cram, crai, fasta, `${fasta}.fai`]);
      await page.getByRole('status').filter({ hasText: 'Uploaded 4 files.' }).waitFor();
      await table().getByRole('link', { name: 'NA12878.cram', exact: true }).click();
      const genome = page.getByRole('dialog', { name: 'NA12878.cram' }).getByRole('region', { name: 'Genome view', exact: true });
      await genome.getByRole('status').filter({ hasText: 'ref.fa has the file\'s contigs' }).waitFor();
      const before = toStore.length;
      await genome.getByLabel('Region').fill('ref1:1-2000');
      await genome.getByRole('button', { name: 'Show region' }).click();
      const view = genome.getByRole('region', { name: 'Genome view of NA12878.cram at ref1:1-2000' });
      await view.getByRole('status').filter({ hasText: 'Showing ref1:1-2000.' }).waitFor();
      await drawnBetween(page, 1, 1 + 49 * 10 + 49 + 1 + 50 / 6, 2000); // as in genome.mjs
      const ranged = await Promise.all(toStore.slice(before).map((r) => r.allHeaders().then((h) => h.range)));
      assert.ok(ranged.filter((range) => /^bytes=\d+-\d+$/.test(range ?? '')).length >= 2,
        `the CRAM's and the FASTA's ranges came from the store: ${ranged.join(', ')}`);
      await page.keyboard.press('Escape');
    }],
    ['the object store never saw the token', async () => {
      assert.ok(toStore.length >= 6);
      for (const r of toStore) {
        const headers = await r.allHeaders();
        assert.equal(headers.authorization, undefined, r.url());
        assert.equal(headers['x-sbg-auth-token'], undefined, r.url());
      }
    }],
    ['no errors in the console (a CSP or CORS refusal would be one)', async () => {
      // igv says "No sequence for: …" for each reads view without a reference sequence (see genome.mjs).
      assert.deepEqual(consoleErrors.filter((e) => !e.startsWith('No sequence for: ')), []);
    }],
  ]);
});
process.exit(failed);
