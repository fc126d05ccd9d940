package org.seqvault.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic project of measurement 3, generated the same way for the loader and for the
 * queries: files in equal folders, each with 10 metadata keys of realistic cardinality (a sample
 * has 4 files, a case 40; platform, strategy and genome have a handful of values) and 3 tags.
 */
record FindData(int files, int folders) {
    static final String[] PLATFORMS = {"ILLUMINA", "ILLUMINA", "ILLUMINA", "PACBIO", "ONT"};
    static final String[] STRATEGIES = {"WGS", "WES", "RNA-Seq", "ChIP-Seq"};

    int filesPerFolder() {
        return files / folders;
    }

    int folderOf(int file) {
        return file / filesPerFolder();
    }

    static String folderName(int folder) {
        return "run-" + pad(folder, 4);
    }

    /** Object ids as the server makes them: 24 hex digits. */
    static String folderId(int folder) {
        return "5eedf01d" + hex16(folder);
    }

    static String fileId(int file) {
        return "5eedf11e" + hex16(file);
    }

    static String fileName(int file) {
        return sampleId(file) + "_L" + ((file / 2) % 2 + 1) + "_R" + (file % 2 + 1) + ".fastq.gz";
    }

    String fileKey(int file) {
        return folderName(folderOf(file)) + "/" + fileName(file);
    }

    static String sampleId(int file) {
        return "S" + pad(file / 4, 7);
    }

    static String strategy(int file) {
        return STRATEGIES[(file / 4 / 7) % STRATEGIES.length];
    }

    static String platform(int file) {
        return PLATFORMS[(file / 4) % PLATFORMS.length];
    }

    Map<String, String> metadata(int file) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sample_id", sampleId(file));
        m.put("library_id", "LIB" + pad(file / 2, 7));
        m.put("case_id", "C" + pad(file / 40, 6));
        m.put("platform", platform(file));
        m.put("experimental_strategy", strategy(file));
        m.put("reference_genome", (file / 4) % 3 == 0 ? "GRCh37" : "GRCh38");
        m.put("sex", (file / 40) % 2 == 0 ? "male" : "female");
        m.put("paired_end", Integer.toString(file % 2 + 1));
        m.put("quality_scale", "sanger");
        m.put("batch", "B" + pad(folderOf(file) % 50, 3));
        return m;
    }

    /** Zero-padded decimal (String.format is too slow for millions of rows). */
    static String pad(int n, int width) {
        String digits = Integer.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    static String hex16(int n) {
        String digits = Integer.toHexString(n);
        return "0".repeat(16 - digits.length()) + digits;
    }

    List<String> tags(int file) {
        return List.of("batch-" + folderOf(file) % 20, file % 10 == 0 ? "qc-fail" : "qc-pass", "lane-" + file % 8);
    }
}
