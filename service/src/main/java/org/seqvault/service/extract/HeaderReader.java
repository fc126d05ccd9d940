package org.seqvault.service.extract;

import java.io.IOException;
import java.util.Map;
import org.seqvault.service.port.BlobStore.BlobReader;

/**
 * Reads the metadata a file's header holds (the genomics module, with htsjdk). It reads only the
 * header's bytes, through {@link BlobReader#transferTo} ranges, never the whole file.
 */
public interface HeaderReader {

    /**
     * The header of {@code blob}, a file named {@code fileName} in {@code format}.
     *
     * @throws IOException the store failed to deliver bytes (worth retrying); a file that is not
     *                     what its name says is an {@link Reading.Unreadable}, never an exception
     */
    Reading read(HeaderFormat format, String fileName, BlobReader blob) throws IOException;

    /** What a read found, and how many bytes of the blob it took. */
    sealed interface Reading {
        long bytesRead();

        /** The metadata keys and values the header gives (possibly none). */
        record Found(Map<String, String> metadata, long bytesRead) implements Reading {
            public Found {
                metadata = Map.copyOf(metadata);
            }
        }

        /**
         * The bytes are not a readable header; {@code status} says why, e.g.
         * {@code unreadable: truncated BGZF block} or {@code header_too_large}.
         */
        record Unreadable(String status, long bytesRead) implements Reading {
        }
    }
}
