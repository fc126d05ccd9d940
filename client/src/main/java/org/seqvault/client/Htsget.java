package org.seqvault.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.seqvault.client.internal.Api;
import org.seqvault.client.internal.Call;
import org.seqvault.client.internal.ErrorDecoder;

/**
 * Regions of BAM, CRAM, VCF and BCF files through the server's GA4GH htsget API: only the blocks
 * that hold the region are fetched (from presigned URLs, without the token), and they stream in
 * order as one valid file (header, the region's records, end-of-file marker), as
 * {@code samtools view -b} or {@code bcftools view} of the region would write it.
 */
public final class Htsget {
    private static final String BASE = "/ga4gh/htsget/v1/";
    private final Api api;

    Htsget(Api api) {
        this.api = api;
    }

    /**
     * The records of {@code file} that overlap {@code region} (null: the whole file), as a stream of
     * the file's own format; close it when done. The file needs its index beside it for a region.
     *
     * @throws NotFoundException   when the file, the reference or the index is not there
     * @throws BadRequestException when the file is not BAM, CRAM, bgzipped VCF or BCF
     */
    public InputStream open(RemoteFile file, GenomicRegion region) {
        return open(file.id(), endpoint(file.name()), region);
    }

    /** Only the header of {@code file}, as a stream of a valid file without records. */
    public InputStream header(RemoteFile file) {
        return fetch(api.json(Call.get(BASE + endpoint(file.name()) + "/" + file.id()).query("class", "header")));
    }

    /**
     * As {@link #open(RemoteFile, GenomicRegion)} for a file known by id alone.
     *
     * @param endpoint {@code reads} (BAM, CRAM) or {@code variants} (VCF, BCF)
     */
    public InputStream open(String fileId, String endpoint, GenomicRegion region) {
        Call call = Call.get(BASE + endpoint + "/" + fileId);
        if (region != null) {
            call.query("referenceName", region.reference());
            if (region.start() != null) {
                call.query("start", region.start());
            }
            if (region.end() != null) {
                call.query("end", region.end());
            }
        }
        return fetch(api.json(call));
    }

    /** The htsget endpoint serving a file of this name: reads or variants. */
    static String endpoint(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".bam") || n.endsWith(".cram")) {
            return "reads";
        }
        if (n.endsWith(".vcf.gz") || n.endsWith(".vcf.bgz") || n.endsWith(".bcf")) {
            return "variants";
        }
        throw new IllegalArgumentException("'" + name + "' is not a BAM, CRAM, bgzipped VCF or BCF file");
    }

    /** The ticket's blocks, each opened only when the stream reaches it. */
    private InputStream fetch(JsonNode ticket) {
        JsonNode urls = ticket.path("htsget").path("urls");
        if (!urls.isArray()) {
            throw new SeqVaultException("the server's answer is not an htsget ticket", null);
        }
        List<JsonNode> blocks = new ArrayList<>();
        urls.forEach(blocks::add);
        Iterator<JsonNode> next = blocks.iterator();
        return new SequenceInputStream(new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return next.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return block(next.next());
            }
        });
    }

    private InputStream block(JsonNode block) {
        String url = block.path("url").asText();
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            if (!url.substring(0, comma).endsWith(";base64")) {
                throw new SeqVaultException("an htsget data block that is not base64", null);
            }
            return new ByteArrayInputStream(Base64.getDecoder().decode(url.substring(comma + 1)));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET()
                .timeout(api.options().requestTimeout())
                .header("User-Agent", api.options().userAgent());
        block.path("headers").fields().forEachRemaining(h -> request.header(h.getKey(), h.getValue().asText()));
        try {
            HttpResponse<InputStream> response = api.http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() >= 300) {
                byte[] body;
                try (InputStream in = response.body()) {
                    body = in.readNBytes(4096);
                }
                throw ErrorDecoder.decode(response.statusCode(), response.headers(), body);
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("fetching a block of the region failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeqVaultException("interrupted while fetching a block of the region", e);
        }
    }
}
