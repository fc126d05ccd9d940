package org.seqvault.genomics;

import htsjdk.samtools.fastq.FastqReader;
import htsjdk.samtools.fastq.FastqRecord;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a FASTQ says of itself: the mate it holds ({@code paired_end}, 1 or 2) from its first read's
 * name ({@code /1}, or the Illumina comment {@code 1:N:0:…}) or else from its file name ({@code _R1},
 * {@code _1.fastq}); the chunk number of names like {@code S1_L001_R1_001.fastq.gz}
 * ({@code file_segment_number}); and the quality encoding of its first reads ({@code quality_scale}).
 */
final class FastqFacts {
    /** Reads looked at: enough to see the quality range, few enough to stay in the first window or two. */
    static final int READS = 1000;
    /** Stops sampling once this much of the blob was fetched, even before {@link #READS} reads (long reads). */
    private static final long SAMPLE_BYTES = 1 << 20;

    private static final Pattern MATE_IN_NAME = Pattern.compile("(?:^|[._-])R?([12])(?:[._-]\\d{3})?$");
    private static final Pattern SEGMENT_IN_NAME = Pattern.compile("[._-](\\d{3})$");
    private static final Pattern MATE_SUFFIX = Pattern.compile("/([12])$");
    private static final Pattern ILLUMINA_COMMENT = Pattern.compile("^([12]):[YN]:");

    private FastqFacts() {
    }

    static Map<String, String> of(String fileName, InputStream text, HeaderBytes fetched) {
        Map<String, String> m = new LinkedHashMap<>();
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        Optional<String> mateFromReads = Optional.empty();
        FastqReader reader = new FastqReader(null, new BufferedReader(new InputStreamReader(text, StandardCharsets.US_ASCII)));
        int reads = 0;
        while (reads < READS && fetched.bytesRead() < SAMPLE_BYTES && reader.hasNext()) {
            FastqRecord r = reader.next();
            if (reads == 0) {
                mateFromReads = mate(r.getReadName());
            }
            for (char c : r.getBaseQualityString().toCharArray()) {
                min = Math.min(min, c);
                max = Math.max(max, c);
            }
            reads++;
        }
        if (reads == 0) {
            throw new IllegalStateException("no reads");
        }
        String stem = stem(fileName);
        mateFromReads.or(() -> match(MATE_IN_NAME, stem)).ifPresent(v -> m.put(MetadataKeys.PAIRED_END, v));
        match(SEGMENT_IN_NAME, stem).map(n -> String.valueOf(Integer.parseInt(n)))
                .ifPresent(v -> m.put(MetadataKeys.FILE_SEGMENT_NUMBER, v));
        if (min <= max) {
            m.put(MetadataKeys.QUALITY_SCALE, qualityScale(min, max));
        }
        return m;
    }

    /**
     * The platform's name for the encoding: Phred+33 ({@code sanger}) when a quality below ';' shows,
     * or none above 'J'; else Phred+64 ({@code illumina15} when nothing is below 'B', {@code illumina13}
     * otherwise) or, with qualities between ';' and '?', Solexa's own scale ({@code solexa}).
     */
    static String qualityScale(int min, int max) {
        if (min < ';' || max <= 'J') {
            return "sanger";
        }
        if (min < '@') {
            return "solexa";
        }
        return min >= 'B' ? "illumina15" : "illumina13";
    }

    /** 1 or 2 from a read's name: {@code @r1/2}, or the comment of {@code @r1 2:N:0:ACGT}. */
    private static Optional<String> mate(String header) {
        String[] parts = header.strip().split("\\s+", 3);
        Optional<String> bySuffix = match(MATE_SUFFIX, parts[0]);
        if (bySuffix.isPresent() || parts.length < 2) {
            return bySuffix;
        }
        Matcher m = ILLUMINA_COMMENT.matcher(parts[1]);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The name without its FASTQ endings: {@code S1_L001_R1_001.fastq.gz} → {@code S1_L001_R1_001}. */
    static String stem(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        String stem = fileName;
        for (String ending : new String[] {".fastq.gz", ".fq.gz", ".fastq", ".fq"}) {
            if (lower.endsWith(ending)) {
                stem = fileName.substring(0, fileName.length() - ending.length());
                break;
            }
        }
        return stem;
    }

    private static Optional<String> match(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
