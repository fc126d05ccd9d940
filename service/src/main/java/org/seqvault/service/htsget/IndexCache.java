package org.seqvault.service.htsget;

import htsjdk.samtools.cram.CRAIEntry;
import htsjdk.samtools.util.BlockCompressedInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.htsget.TicketPlanner.StoredFile;
import org.seqvault.service.port.BlobStore;

/**
 * Parsed headers and indexes, most recently used kept, up to a total weight (about the index
 * files' bytes). Keyed by blob ids: stored bytes never change, so an index file replaced or
 * re-uploaded has a new blob and is parsed again, and nothing here is ever stale.
 */
public final class IndexCache {
    /** What {@code maxBytes} defaults to in the server. */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    private final BlobStore blobs;
    private final long maxBytes;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long weight;

    record ParsedBgzf(Records records, Records.Header header, BinIndex index, long dataEnd, Map<String, Integer> ids) {
    }

    record Cram(CramPlanner.Layout layout, List<CRAIEntry> entries, Map<String, Integer> ids) {
    }

    private record Entry(Object parsed, long weight) {
    }

    public IndexCache(BlobStore blobs, long maxBytes) {
        this.blobs = blobs;
        this.maxBytes = maxBytes;
    }

    ParsedBgzf bgzf(HtsFormat format, StoredFile data, StoredFile index, BlobInput in) throws IOException {
        String key = format + "/" + data.blobId() + "/" + (index == null ? "-" : index.blobId());
        Object cached = get(key);
        if (cached != null) {
            return (ParsedBgzf) cached;
        }
        // Checked once per file, when it is first parsed: cached files passed it.
        Bgzf.requireBgzf(in, format.name());
        byte[] indexBytes = index == null ? null : read(index);
        BinIndex parsedIndex = null;
        Records records;
        Records.Header header;
        if (format == HtsFormat.VCF) {
            // A VCF's references are numbered by its index, not its header.
            if (indexBytes != null) {
                parsedIndex = parse(() -> isCsi(index) ? new BinIndex.Csi(indexBytes, new Records.Header(0, List.of(), List.of()))
                        : new BinIndex.Tbi(indexBytes), index);
            }
            records = Records.of(format, BinIndex.ids(parsedIndex == null ? List.of() : parsedIndex.names()));
            header = records.header(new BlockCompressedInputStream(in));
        } else {
            records = Records.of(format, Map.of());
            header = records.header(new BlockCompressedInputStream(in));
            if (indexBytes != null) {
                Records.Header h = header;
                parsedIndex = parse(() -> isCsi(index) ? new BinIndex.Csi(indexBytes, h) : new BinIndex.Bai(indexBytes, h), index);
            }
        }
        ParsedBgzf parsed = new ParsedBgzf(records, header, parsedIndex, BgzfPlanner.dataEnd(in), header.ids());
        put(key, parsed, (indexBytes == null ? 0 : indexBytes.length) + 64L * header.names().size() + 1024);
        return parsed;
    }

    Cram cram(StoredFile data, StoredFile index, BlobInput in) throws IOException {
        String key = "CRAM/" + data.blobId() + "/" + (index == null ? "-" : index.blobId());
        Object cached = get(key);
        if (cached != null) {
            return (Cram) cached;
        }
        CramPlanner.Layout layout = CramPlanner.layout(in);
        List<CRAIEntry> entries = List.of();
        long indexWeight = 0;
        if (index != null) {
            byte[] bytes = read(index);
            entries = parse(() -> CramPlanner.entries(bytes), index);
            indexWeight = 64L * entries.size();
        }
        Cram parsed = new Cram(layout, entries, BinIndex.ids(layout.names()));
        put(key, parsed, indexWeight + 64L * layout.names().size() + 1024);
        return parsed;
    }

    private interface Parse<T> {
        T run() throws IOException;
    }

    private static <T> T parse(Parse<T> parse, StoredFile index) {
        try {
            return parse.run();
        } catch (IOException e) {
            throw new UserException(Problem.INVALID_REQUEST,
                    "the index '" + index.name() + "' could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            throw TicketPlanner.unreadable("index", index.name(), e);
        }
    }

    private static boolean isCsi(StoredFile index) {
        return index.name().toLowerCase(Locale.ROOT).endsWith(".csi");
    }

    private byte[] read(StoredFile index) throws IOException {
        if (index.size() > Integer.MAX_VALUE - 16) {
            throw new IOException("index '" + index.name() + "' is too large (" + index.size() + " bytes)");
        }
        try (BlobInput in = new BlobInput(blobs.open(index.blobId()), index.name())) {
            return in.bytesAt(0, (int) in.length());
        }
    }

    private synchronized Object get(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.parsed();
    }

    private synchronized void put(String key, Object parsed, long entryWeight) {
        if (entryWeight > maxBytes) {
            return; // used for this request only
        }
        Entry old = entries.put(key, new Entry(parsed, entryWeight));
        weight += entryWeight - (old == null ? 0 : old.weight());
        var it = entries.entrySet().iterator();
        while (weight > maxBytes && it.hasNext()) {
            var eldest = it.next();
            if (!eldest.getKey().equals(key)) {
                weight -= eldest.getValue().weight();
                it.remove();
            }
        }
    }
}
