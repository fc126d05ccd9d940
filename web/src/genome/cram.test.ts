import { describe, expect, it } from 'vitest';
// Real CRAMs written by samtools 1.16 (web/test/fixtures/cram/README.md): 3.0 stores its SAM header
// in a gzip block, 2.1 in a raw one, padded to 10 KiB, without CRCs.
import cram30 from '../../test/fixtures/cram/samtools-3.0.cram?inline';
import cram21 from '../../test/fixtures/cram/samtools-2.1.cram?inline';
import { BadCram, cramHeaderText, samContigs } from './cram';
import { decodeDataUrl } from './header';

const CONTIGS = [{ name: 'chrA', length: 700 }, { name: 'chrB', length: 1300 }];

describe('cramHeaderText', () => {
  it('reads the SAM header of a CRAM 3.0 (gzip block) and 2.1 (raw block) written by samtools', async () => {
    for (const file of [cram30, cram21]) {
      const text = await cramHeaderText(decodeDataUrl(file));
      expect(text).toMatch(/^@HD\tVN:1.6\tSO:coordinate\n@SQ\tSN:chrA\tLN:700\tM5:e7d0cc3a7275be849f4f65499ae5d693/);
      expect(text).toContain('@RG\tID:rg1\tSM:NA12878\n');
      expect(samContigs(text)).toEqual(CONTIGS);
    }
  });

  it('refuses what is not a CRAM, a cut-off header and a damaged gzip block, in words', async () => {
    const bytes = decodeDataUrl(cram30);
    await expect(cramHeaderText(new TextEncoder().encode('BAM\u0001 and more bytes than a CRAM definition'))).rejects
      .toThrow('this is not a CRAM file');
    await expect(cramHeaderText(bytes.subarray(0, 60))).rejects.toThrow('cut short');
    const damaged = bytes.slice();
    damaged.fill(0, 0x40, 0x60); // inside the gzip stream of the header block
    await expect(cramHeaderText(damaged)).rejects.toThrow(BadCram);
    const cram1 = bytes.slice();
    cram1[4] = 1;
    await expect(cramHeaderText(cram1)).rejects.toThrow('CRAM 1.0 is not read here');
  });

  it('refuses a header block compressed with a method the page has no decoder for', async () => {
    const bytes = decodeDataUrl(cram21).slice();
    // The 2.1 file's header container: 4-byte length, six 1-byte numbers, block count, one landmark,
    // then the block, whose first byte is its compression method (0, raw).
    const method = 26 + 4 + 6 + 1 + 2;
    expect(bytes[method]).toBe(0);
    bytes[method] = 4; // rANS
    await expect(cramHeaderText(bytes)).rejects.toThrow('method 4');
  });
});

describe('samContigs', () => {
  it('reads SN and LN of the @SQ lines in any order of their fields, and leaves out lines without a length', () => {
    const text = '@HD\tVN:1.6\n@SQ\tLN:16569\tSN:chrM\r\n@SQ\tSN:nolength\n@CO\t@SQ\tSN:x\tLN:5\n@SQ\tSN:chr1\tAS:hg38\tLN:248956422\n';
    expect(samContigs(text)).toEqual([{ name: 'chrM', length: 16569 }, { name: 'chr1', length: 248956422 }]);
  });
});
