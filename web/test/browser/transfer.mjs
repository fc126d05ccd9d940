// The web file browser's uploads, metadata manifests and look-inside preview, driven in headless
// Chromium by accessible names only, against a real server process (SEQVAULT_URL, SEQVAULT_TOKEN).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { api, assert, runSteps, screenshot, settings, withBrowser } from './harness.mjs';

const { url, token, executablePath } = settings();
const stamp = Date.now().toString(36);
const work = mkdtempSync(join(tmpdir(), 'seqvault-web-transfer-'));
const MiB = 1024 * 1024;

/** A file of `size` bytes that differ from part to part, so a part sent twice or out of place shows. */
function patterned(name, size) {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) bytes.writeUInt32LE((i * 2654435761) >>> 0, i);
  const path = join(work, name);
  writeFileSync(path, bytes);
  return { path, md5: createHash('md5').update(bytes).digest('hex') };
}

/** BGZF as bgzip writes it: gzip members with the BC extra field, each at most 64 KiB of input. */
function bgzf(text) {
  const input = Buffer.from(text);
  const blocks = [];
  for (let at = 0; at < input.length; at += 60000) {
    const data = input.subarray(at, at + 60000);
    const deflated = deflateRawSync(data);
    const head = Buffer.from([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 66, 67, 2, 0, 0, 0]);
    head.writeUInt16LE(18 + deflated.length + 8 - 1, 16);
    const tail = Buffer.alloc(8);
    tail.writeUInt32LE(crc32(data), 0);
    tail.writeUInt32LE(data.length, 4);
    blocks.push(head, deflated, tail);
  }
  return Buffer.concat(blocks);
}

const fastq = Array.from({ length: 20000 }, (_, i) =>
  `@read${i}/1\n${'ACGT'.repeat(25)}\n+\n${String.fromCharCode(33 + (i % 40)).repeat(100)}\n`).join('');
const vcfHeader = '##fileformat=VCFv4.2\n##contig=<ID=chr1,length=248956422>\n'
  + '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n';
const vcf = vcfHeader + Array.from({ length: 30000 }, (_, i) => `chr1\t${1000 + i * 7}\t.\tA\tG\t50\tPASS\tDP=${i % 90}`).join('\n') + '\n';

const failed = await withBrowser(executablePath, async (browser) => {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  const table = () => page.getByRole('table', { name: 'Folder contents' });
  const uploads = () => page.getByRole('region', { name: 'Uploads' });
  let project;
  let folderUrl;

  const partPuts = [];
  let holdPartsAfter = Infinity;
  const held = [];
  await page.route('**/_blob/**', async (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    partPuts.push(route.request().url());
    if (partPuts.length > holdPartsAfter) held.push(route); // never answered: the page is reloaded meanwhile
    else await route.continue();
  });

  return runSteps([
    ['sign in and open a new project', async () => {
      project = await api(url, token, 'POST', '/v2/projects', { name: `Transfer ${stamp}` });
      await page.goto(`${url}/`);
      await page.getByLabel('Token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: project.name, exact: true }).click();
      await table().waitFor();
      folderUrl = page.url();
    }],
    ['an upload shows a progress bar named after the file, survives a reload, and sends only the missing parts', async () => {
      const big = patterned('resumable.bin', 48 * MiB); // 6 parts of 8 MiB
      holdPartsAfter = 2;
      await page.getByLabel('Upload files').setInputFiles(big.path);
      const bar = uploads().getByRole('progressbar', { name: 'resumable.bin' });
      await bar.waitFor();
      await page.waitForFunction(() => {
        const p = document.querySelector('progress[aria-label="resumable.bin"]');
        return p && Number(p.value) >= 33; // two of six parts are on the server
      });
      await uploads().getByText(/MiB\/s/).waitFor(); // the speed (and time left) are shown
      await screenshot(page, '20-upload-progress');
      // The page warns before it is left while an upload runs.
      assert.equal(await page.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      }), true);

      page.once('dialog', (d) => d.accept());
      await page.reload();
      await page.getByRole('status').filter({ hasText: 'Uploads interrupted by a reload' }).waitFor();
      await page.getByText('resumable.bin (48 MiB)').waitFor();
      await screenshot(page, '21-upload-interrupted');
      for (const route of held.splice(0)) await route.abort().catch(() => {});

      const before = partPuts.length;
      holdPartsAfter = Infinity;
      await page.getByLabel('Upload files').setInputFiles(big.path);
      await page.getByRole('status').filter({ hasText: 'Uploaded 1 file.' }).waitFor({ timeout: 120_000 });
      assert.equal(partPuts.length - before, 4, 'only the four parts the server lacked were sent again');
      await table().getByRole('link', { name: 'resumable.bin', exact: true }).waitFor();
      const listed = await api(url, token, 'GET', `/v2/files?project=${encodeURIComponent(project.id)}&name=resumable.bin`);
      assert.equal(listed.items.length, 1);
      const { url: download } = await api(url, token, 'GET', `/v2/files/${listed.items[0].id}/download_info`);
      const bytes = Buffer.from(await (await fetch(download)).arrayBuffer());
      assert.equal(createHash('md5').update(bytes).digest('hex'), big.md5, 'the resumed file is the file');
      const open = await api(url, token, 'GET', '/v2/upload/multipart?limit=100');
      assert.deepEqual(open.items.filter((u) => u.project === project.id), [], 'no upload of this project is left open');
    }],
    ['Upload a folder keeps the folder structure', async () => {
      const files = ['run1/lane1/a.fastq', 'run1/lane2/b.fastq', 'run1/c.txt'].map((path) => ({
        name: path.split('/').pop(), mimeType: 'text/plain', buffer: Buffer.from(`@${path}\nACGT\n+\nIIII\n`),
      }));
      // A folder pick hands the page files with webkitRelativePath; Playwright sets it from a directory.
      const dir = join(work, 'picked');
      for (const [i, f] of files.entries()) {
        const path = join(dir, ['run1/lane1', 'run1/lane2', 'run1'][i]);
        (await import('node:fs')).mkdirSync(path, { recursive: true });
        writeFileSync(join(path, f.name), f.buffer);
      }
      await page.getByLabel('Upload a folder').setInputFiles(join(dir, 'run1'));
      await page.getByRole('status').filter({ hasText: 'Uploaded 3 files.' }).waitFor();
      await table().getByRole('link', { name: 'run1', exact: true }).click();
      await table().getByRole('link', { name: 'lane1', exact: true }).waitFor();
      await table().getByRole('link', { name: 'c.txt', exact: true }).waitFor();
      await table().getByRole('link', { name: 'lane2', exact: true }).click();
      await table().getByRole('link', { name: 'b.fastq', exact: true }).waitFor();
      await page.goto(folderUrl);
      await table().getByRole('link', { name: 'run1', exact: true }).waitFor();
    }],
    ['files dropped on the row of a folder go into that folder', async () => {
      const target = table().getByRole('row').filter({ has: page.getByRole('link', { name: 'run1', exact: true }) });
      const dropped = await page.evaluateHandle(() => {
        const data = new DataTransfer();
        data.items.add(new File(['dropped one\n'], 'dropped-1.txt', { type: 'text/plain' }));
        data.items.add(new File(['dropped two\n'], 'dropped-2.txt', { type: 'text/plain' }));
        return data;
      });
      await target.dispatchEvent('dragover', { dataTransfer: dropped });
      await target.dispatchEvent('drop', { dataTransfer: dropped });
      await page.getByRole('status').filter({ hasText: 'Uploaded 2 files.' }).waitFor();
      const [run1] = (await api(url, token, 'GET', `/v2/files?project=${encodeURIComponent(project.id)}&name=run1`)).items;
      const inside = await api(url, token, 'GET', `/v2/files?parent=${run1.id}&name=dropped-1.txt&name=dropped-2.txt`);
      assert.deepEqual(inside.items.map((f) => f.name).sort(), ['dropped-1.txt', 'dropped-2.txt']);
    }],
    ['Export metadata downloads a CSV manifest of every file below the folder', async () => {
      const listed = await api(url, token, 'GET', `/v2/files?project=${encodeURIComponent(project.id)}&name=resumable.bin`);
      await api(url, token, 'PATCH', `/v2/files/${listed.items[0].id}/metadata`, { sample_id: 'S1', note: 'has, a "comma"' });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export metadata' }).click()]);
      const csv = readFileSync(await download.path(), 'utf8');
      // Columns: path, then every key in order (the server may add keys read from FASTQ headers).
      const header = csv.split('\r\n')[0].split(',');
      assert.equal(header[0], 'path');
      assert.deepEqual([...header.slice(1)].sort(), header.slice(1));
      assert.ok(header.includes('note') && header.includes('sample_id'), csv);
      const cell = { path: 'resumable.bin', note: '"has, a ""comma"""', sample_id: 'S1' };
      assert.ok(csv.includes(header.map((k) => cell[k] ?? '').join(',') + '\r\n'), csv);
      for (const path of ['run1/lane1/a.fastq', 'run1/lane2/b.fastq', 'run1/c.txt', 'run1/dropped-1.txt']) {
        assert.ok(csv.includes(`\r\n${path},`), `${path} in\n${csv}`);
      }
    }],
    ['Import metadata applies a manifest by path, leaves empty cells alone and reports unknown paths', async () => {
      const manifest = join(work, 'manifest.csv');
      writeFileSync(manifest, [
        'path,sample_id,note,platform',
        'resumable.bin,S1-renamed,,ILLUMINA',
        'run1/lane1/a.fastq,S2,"two\nlines",',
        'run1/missing.fastq,S3,,',
        '',
      ].join('\r\n'));
      await page.getByLabel('Import metadata').setInputFiles(manifest);
      const dialog = page.getByRole('dialog', { name: 'Metadata imported' });
      await dialog.getByText('2 files updated').waitFor();
      await dialog.getByRole('region', { name: 'Paths that match no file' }).getByText('run1/missing.fastq').waitFor();
      await screenshot(page, '22-manifest-imported');
      await dialog.getByRole('button', { name: 'Close' }).click();
      const [resumable] = (await api(url, token, 'GET', `/v2/files?project=${encodeURIComponent(project.id)}&name=resumable.bin`)).items;
      assert.deepEqual(resumable.metadata, { sample_id: 'S1-renamed', note: 'has, a "comma"', platform: 'ILLUMINA' });
      const lane1 = (await api(url, token, 'GET', `/v2/files?project=${encodeURIComponent(project.id)}&name=run1`)).items[0];
      const [a] = (await api(url, token, 'GET', `/v2/files?parent=${lane1.id}&name=lane1`)).items;
      const [fastqA] = (await api(url, token, 'GET', `/v2/files?parent=${a.id}&name=a.fastq`)).items;
      assert.equal(fastqA.metadata.sample_id, 'S2');
      assert.equal(fastqA.metadata.note, 'two\nlines');
      assert.equal(fastqA.metadata.platform, undefined, 'an empty cell sets nothing');
    }],
    ['the details of a gzipped FASTQ show its first records without downloading it', async () => {
      const gz = gzipSync(Buffer.from(fastq));
      assert.ok(gz.length > 64 * 1024, 'bigger than the preview reads, so the preview reads a prefix');
      writeFileSync(join(work, 'reads.fastq.gz'), gz);
      await page.getByLabel('Upload files').setInputFiles(join(work, 'reads.fastq.gz'));
      await table().getByRole('link', { name: 'reads.fastq.gz', exact: true }).click();
      const details = page.getByRole('dialog', { name: 'reads.fastq.gz' });
      const lines = details.getByRole('region', { name: 'First lines of reads.fastq.gz' });
      await lines.waitFor();
      const shown = (await lines.textContent()).split('\n');
      assert.equal(shown[0], '@read0/1');
      assert.equal(shown[1], 'ACGT'.repeat(25));
      assert.equal(shown.length, 40);
      await details.getByText('Only the start of the file is shown.').waitFor();
      await screenshot(page, '23-preview-fastq');
      await page.keyboard.press('Escape');
    }],
    ['the details of a VCF, plain and bgzipped, show its header and first records', async () => {
      writeFileSync(join(work, 'calls.vcf'), vcf);
      writeFileSync(join(work, 'calls.vcf.gz'), bgzf(vcf));
      await page.getByLabel('Upload files').setInputFiles([join(work, 'calls.vcf'), join(work, 'calls.vcf.gz')]);
      await page.getByRole('status').filter({ hasText: 'Uploaded 2 files.' }).waitFor();
      for (const name of ['calls.vcf', 'calls.vcf.gz']) {
        await table().getByRole('link', { name, exact: true }).click();
        const lines = page.getByRole('dialog', { name }).getByRole('region', { name: `First lines of ${name}` });
        await lines.waitFor();
        const shown = (await lines.textContent()).split('\n');
        assert.deepEqual(shown.slice(0, 4), vcfHeader.trim().split('\n'));
        assert.equal(shown[4], 'chr1\t1000\t.\tA\tG\t50\tPASS\tDP=0');
        assert.equal(shown.length, 4 + 30);
        if (name === 'calls.vcf.gz') await screenshot(page, '24-preview-vcf');
        await page.keyboard.press('Escape');
      }
    }],
    ['no errors in the console (a CSP violation would be one)', async () => {
      const unexpected = consoleErrors.filter((e) => !e.includes('net::ERR_FAILED'));
      assert.deepEqual(unexpected, []);
    }],
  ]);
});
rmSync(work, { recursive: true, force: true });
process.exit(failed);
