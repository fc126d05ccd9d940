package org.seqvault.service.htsget;

import java.util.List;
import java.util.Optional;
import org.seqvault.domain.Node;

/**
 * Where a file is served by htsget, for the views that list a file's ways in (the DRS object's
 * {@code htsget} access method): BAM, CRAM, bgzipped VCF and BCF files with their index beside them.
 */
public final class HtsgetLinks {
    public static final String BASE_PATH = "/ga4gh/htsget/v1";

    private HtsgetLinks() {
    }

    /**
     * The htsget URL of {@code file} ({@code {base}/ga4gh/htsget/v1/reads/{id}} or {@code .../variants/{id}})
     * when it has an index among {@code indexes}; empty otherwise.
     *
     * @param publicBaseUrl the server's public base URL, without a trailing slash
     */
    public static Optional<String> urlOf(Node file, List<Node> indexes, String publicBaseUrl) {
        if (file.isFolder()) {
            return Optional.empty();
        }
        return HtsFormat.ofFileName(file.name())
                .filter(format -> TicketPlanner.indexFor(format, stored(file),
                        indexes.stream().map(HtsgetLinks::stored).toList()).isPresent())
                .map(format -> publicBaseUrl + BASE_PATH + "/" + format.dataType().wireName() + "/" + file.id());
    }

    private static TicketPlanner.StoredFile stored(Node n) {
        return new TicketPlanner.StoredFile(n.name(), n.blobId(), n.size());
    }
}
