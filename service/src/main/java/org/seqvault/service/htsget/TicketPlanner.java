package org.seqvault.service.htsget;

import htsjdk.samtools.SAMException;
import htsjdk.samtools.cram.CRAIEntry;
import htsjdk.samtools.util.RuntimeIOException;
import htsjdk.tribble.TribbleException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.htsget.Block.Part;
import org.seqvault.service.port.BlobStore;

/**
 * Turns an htsget request on one stored file into the blocks of its ticket, reading only the file's
 * header and index (cached, see {@link IndexCache}) and the records near each region's two ends.
 */
public final class TicketPlanner {
    private final BlobStore blobs;
    private final IndexCache cache;

    /** A stored file: its name (which says its format), its blob and size. */
    public record StoredFile(String name, String blobId, long size) {
    }

    public TicketPlanner(BlobStore blobs, IndexCache cache) {
        this.blobs = blobs;
        this.cache = cache;
    }

    /**
     * The blocks answering {@code request} for {@code data} in {@code format}, with {@code indexes}
     * the index files beside it (most usual first); the body ends with the format's end-of-file marker.
     */
    public List<Block> plan(HtsFormat format, StoredFile data, List<StoredFile> indexes, TicketRequest request) {
        Optional<StoredFile> index = indexFor(format, data, indexes);
        if (!request.regions().isEmpty() && !request.headerOnly() && index.isEmpty()) {
            throw new UserException(Problem.GENOMIC_DATA_NOT_FOUND, "'" + data.name() + "' has no index, so its regions"
                    + " cannot be found: upload " + expectedIndexNames(format, data.name()) + " into the same folder"
                    + " (a request without referenceName needs no index)");
        }
        try (BlobInput in = new BlobInput(blobs.open(data.blobId()), data.name())) {
            return format.isBgzf() ? planBgzf(format, data, index, request, in) : planCram(data, index, request, in);
        } catch (Records.NotThisFormat e) {
            throw new UserException(Problem.UNSUPPORTED_FORMAT,
                    "'" + data.name() + "' is not a " + format + " file: " + e.getMessage());
        } catch (SAMException | TribbleException e) {
            // htsjdk's word for bytes it cannot read as the format (not BGZF, a truncated block): the file's fault.
            throw new UserException(Problem.UNSUPPORTED_FORMAT,
                    "'" + data.name() + "' could not be read as " + format + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Block> planBgzf(HtsFormat format, StoredFile data, Optional<StoredFile> indexFile,
                                 TicketRequest request, BlobInput in) throws IOException {
        IndexCache.ParsedBgzf parsed = cache.bgzf(format, data, indexFile.orElse(null), in);
        BgzfPlanner planner = new BgzfPlanner(in, parsed.records(), parsed.dataEnd());
        Pieces out = new Pieces(true);
        planner.header(out, parsed.header());
        if (!request.headerOnly()) {
            if (request.regions().isEmpty()) {
                planner.wholeBody(out, parsed.header());
            }
            for (Region r : request.regions()) {
                if (r.isUnplaced()) {
                    requireReads(format, r);
                    planner.unplaced(out, parsed.index(), parsed.header());
                } else {
                    int ref = reference(parsed.ids(), r, data);
                    planner.region(out, parsed.index(), ref, r.firstBase(), r.lastBase());
                }
            }
        }
        out.exact(request.headerOnly() ? Part.HEADER : Part.BODY, Bgzf.EOF);
        return out.finish();
    }

    private List<Block> planCram(StoredFile data, Optional<StoredFile> indexFile, TicketRequest request,
                                 BlobInput in) throws IOException {
        IndexCache.Cram parsed = cache.cram(data, indexFile.orElse(null), in);
        Pieces out = new Pieces(false);
        CramPlanner.header(out, parsed.layout());
        if (!request.headerOnly()) {
            if (request.regions().isEmpty()) {
                CramPlanner.wholeBody(out, parsed.layout());
            }
            for (Region r : request.regions()) {
                int ref = r.isUnplaced() ? -1 : reference(parsed.ids(), r, data);
                List<CRAIEntry> entries = parsed.entries();
                CramPlanner.region(out, in, parsed.layout(), entries, ref, r.firstBase(), r.lastBase());
            }
        }
        out.exact(request.headerOnly() ? Part.HEADER : Part.BODY, CramPlanner.eof(parsed.layout().version()));
        return out.finish();
    }

    private static void requireReads(HtsFormat format, Region r) {
        if (format.dataType() != HtsFormat.DataType.READS) {
            throw new UserException(Problem.GENOMIC_DATA_NOT_FOUND,
                    "variants have no unplaced records: referenceName '" + r.referenceName() + "' is not in the file");
        }
    }

    private static int reference(Map<String, Integer> ids, Region r, StoredFile data) {
        Integer id = ids.get(r.referenceName());
        if (id == null) {
            throw new UserException(Problem.GENOMIC_DATA_NOT_FOUND,
                    "reference '" + r.referenceName() + "' is not in '" + data.name() + "'");
        }
        return id;
    }

    /** The index to use: the first of the files beside the data whose kind fits the format. */
    static Optional<StoredFile> indexFor(HtsFormat format, StoredFile data, List<StoredFile> indexes) {
        for (StoredFile f : indexes) {
            String n = f.name().toLowerCase(Locale.ROOT);
            boolean fits = switch (format) {
                case BAM -> n.endsWith(".bai") || n.endsWith(".csi");
                case CRAM -> n.endsWith(".crai");
                case VCF -> n.endsWith(".tbi") || n.endsWith(".csi");
                case BCF -> n.endsWith(".csi");
            };
            if (fits) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static String expectedIndexNames(HtsFormat format, String name) {
        return switch (format) {
            case BAM -> "'" + name + ".bai' (or '" + name + ".csi')";
            case CRAM -> "'" + name + ".crai'";
            case VCF -> "'" + name + ".tbi' (or '" + name + ".csi')";
            case BCF -> "'" + name + ".csi'";
        };
    }

    /** htsjdk's own exceptions for a file it cannot parse, as a user's mistake naming the file. */
    static UserException unreadable(String what, String name, RuntimeException e) {
        if (e instanceof SAMException || e instanceof TribbleException || e instanceof RuntimeIOException
                || e instanceof IllegalArgumentException || e instanceof IndexOutOfBoundsException) {
            return new UserException(Problem.INVALID_REQUEST, "the " + what + " '" + name + "' could not be read: "
                    + e.getMessage());
        }
        throw e;
    }
}
