// igv.js, loaded only when a genome view opens (its own chunk: the page's main bundle stays small).
// igv reads the file through htsget: the ticket from this server with the token in an
// Authorization header (igv's per-host token, never in a URL), the blocks from their presigned
// URLs. The reference is only the contigs' names and lengths (no sequence on the server), handed
// to igv as an in-memory chrom.sizes file, so igv fetches nothing but the track's data.
import igv from 'igv';
import type { Contig, GenomeKind, Region } from './genome';
import { chromSizes } from './genome';
import { htsgetPath } from './header';

export interface IgvView {
  close(): void;
}

export async function openIgv(container: HTMLElement, options: {
  token: string;
  kind: GenomeKind;
  fileId: string;
  fileName: string;
  contigs: Contig[];
  region: Region;
}): Promise<IgvView> {
  const { token, kind, fileId, fileName, contigs, region } = options;
  const host = window.location.hostname;
  igv.setOauthToken(token, host);
  const sizes = new File([chromSizes(contigs, region)], `${fileName}.chrom.sizes`, { type: 'text/plain' });
  const config = {
    // No genome list from igv's own site, no ideogram or whole-genome view: nothing but this file.
    loadDefaultGenomes: false,
    showCytobandTrack: false,
    reference: {
      id: `${fileName} contigs`,
      name: `Contigs of ${fileName}, without sequence`,
      format: 'chromsizes',
      fastaURL: sizes,
      wholeGenomeView: false,
      showIdeogram: false,
    },
    locus: `${region.contig}:${region.start}-${region.end}`,
    tracks: [{
      type: kind.track,
      format: kind.format,
      sourceType: 'htsget',
      url: `${window.location.origin}${htsgetPath(kind, fileId)}`,
      name: fileName,
    }],
  };
  // igv's typings know its track configurations but not a chrom.sizes reference given as a File.
  const browser = await igv.createBrowser(container, config as unknown as Parameters<typeof igv.createBrowser>[1]);
  return {
    close() {
      igv.removeBrowser(browser);
      // The per-host token store is not in igv's typings.
      (igv as unknown as { oauth: { removeToken(host: string): void } }).oauth.removeToken(host);
    },
  };
}
