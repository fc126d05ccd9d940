package org.seqvault.reliability.auth;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.util.BlockCompressedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The smallest valid files htsget serves: a BAM and a bgzipped VCF with a header and no records. */
final class GenomicBytes {
    private GenomicBytes() {
    }

    static byte[] emptyBam() {
        SAMFileHeader header = new SAMFileHeader(new SAMSequenceDictionary(List.of(new SAMSequenceRecord("chr1", 1000))));
        header.setSortOrder(SAMFileHeader.SortOrder.coordinate);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SAMFileWriter w = new SAMFileWriterFactory().makeBAMWriter(header, true, out)) {
            // a header and the end-of-file block
        }
        return out.toByteArray();
    }

    static byte[] emptyVcfGz() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BlockCompressedOutputStream bgzf = new BlockCompressedOutputStream(out, (Path) null)) {
            bgzf.write(("##fileformat=VCFv4.2\n##contig=<ID=chr1,length=1000>\n"
                    + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
