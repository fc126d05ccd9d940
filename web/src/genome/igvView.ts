// igv.js, loaded only when a genome view opens (its own chunk: the page's main bundle stays small).
// A BAM or VCF: igv reads the file through htsget: the ticket from this server with the token in an
// Authorization header (igv's per-host token, never in a URL), the blocks from their presigned
// URLs. The reference is only the contigs' names and lengths (no sequence on the server), handed
// to igv as an in-memory chrom.sizes file, so igv fetches nothing but the track's data.
// A CRAM: igv's htsget reader takes no CRAM, so igv reads the CRAM, its .crai and the chosen
// reference FASTA (.fai, .gzi) by Range from presigned URLs, and is given no token at all.
import igv from 'igv';
import type { Contig, GenomeKind, Region } from './genome';
import { chromSizes } from './genome';
import { htsgetPath } from './header';

export interface IgvView {
  close(): void;
}

/** Presigned URLs of a CRAM, its index and its reference (a bgzipped FASTA has a .gzi too). */
export interface CramSource {
  cram: string;
  crai: string;
  fasta: string;
  fai: string;
  gzi?: string;
  referenceName: string;
}

/** igv's reference and track for a CRAM: everything by URL, nothing through this server's API. */
function cramConfig(source: CramSource, fileName: string) {
  return {
    reference: {
      id: source.referenceName,
      name: source.referenceName,
      fastaURL: source.fasta,
      indexURL: source.fai,
      ...(source.gzi ? { compressedIndexURL: source.gzi } : {}),
      wholeGenomeView: false,
      showIdeogram: false,
    },
    track: { type: 'alignment', format: 'cram', url: source.cram, indexURL: source.crai, name: fileName },
  };
}

export async function openIgv(container: HTMLElement, options: {
  token: string;
  kind: GenomeKind;
  fileId: string;
  fileName: string;
  contigs: Contig[];
  region: Region;
  /** Given for a CRAM: igv reads it by URL and gets no token. */
  cram?: CramSource;
}): Promise<IgvView> {
  const { token, kind, fileId, fileName, contigs, region, cram } = options;
  const host = window.location.hostname;
  let source;
  if (cram) {
    source = cramConfig(cram, fileName);
  } else {
    igv.setOauthToken(token, host);
    const sizes = new File([chromSizes(contigs, region)], `${fileName}.chrom.sizes`, { type: 'text/plain' });
    source = {
      reference: {
        id: `${fileName} contigs`,
        name: `Contigs of ${fileName}, without sequence`,
        format: 'chromsizes',
        fastaURL: sizes,
        wholeGenomeView: false,
        showIdeogram: false,
      },
      track: {
        type: kind.track,
        format: kind.format,
        sourceType: 'htsget',
        url: `${window.location.origin}${htsgetPath(kind, fileId)}`,
        name: fileName,
      },
    };
  }
  const config = {
    // No genome list from igv's own site, no ideogram or whole-genome view: nothing but this file.
    loadDefaultGenomes: false,
    showCytobandTrack: false,
    reference: source.reference,
    locus: `${region.contig}:${region.start}-${region.end}`,
    tracks: [source.track],
  };
  // igv's typings know its track configurations but not a chrom.sizes reference given as a File.
  const browser = await igv.createBrowser(container, config as unknown as Parameters<typeof igv.createBrowser>[1]);
  return {
    close() {
      igv.removeBrowser(browser);
      // The per-host token store is not in igv's typings.
      if (!cram) (igv as unknown as { oauth: { removeToken(host: string): void } }).oauth.removeToken(host);
    },
  };
}
