package org.seqvault.service.file;

import java.util.Locale;
import java.util.Map;

/** A content type for a file name when the client did not send one; genomics formats first. */
public final class ContentTypes {
    public static final String DEFAULT = "application/octet-stream";
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("vcf", "text/x-vcf"),
            Map.entry("bcf", "application/octet-stream"),
            Map.entry("sam", "text/x-sam"),
            Map.entry("bam", "application/octet-stream"),
            Map.entry("cram", "application/octet-stream"),
            Map.entry("fastq", "text/x-fastq"),
            Map.entry("fq", "text/x-fastq"),
            Map.entry("fasta", "text/x-fasta"),
            Map.entry("fa", "text/x-fasta"),
            Map.entry("bed", "text/x-bed"),
            Map.entry("gz", "application/gzip"),
            Map.entry("bgz", "application/gzip"),
            Map.entry("txt", "text/plain"),
            Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("csv", "text/csv"),
            Map.entry("json", "application/json"));

    private ContentTypes() {
    }

    /**
     * The given type when it says something, else a guess from the name's extension. Clients
     * (curl -F among them) label every file application/octet-stream, so that counts as unsaid.
     */
    public static String choose(String given, String fileName) {
        if (given != null && !given.isBlank() && given.length() <= 255 && given.indexOf('/') > 0
                && !given.strip().equalsIgnoreCase(DEFAULT)
                && given.chars().noneMatch(c -> c < 0x20 || c == 0x7f)) {
            return given.strip();
        }
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return BY_EXTENSION.getOrDefault(ext, DEFAULT);
    }
}
