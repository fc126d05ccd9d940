package org.seqvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMRecordIterator;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.samtools.ValidationStringency;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * htsget on a large BAM: {@code make FILE.bam GIB} writes a coordinate-sorted BAM of random 100 bp
 * reads over two contigs (and {@code FILE.bam.bai}); {@code measure URL TOKEN FILE_ID LOCAL.bam
 * CONTIG START END [RUNS]} asks the server for the region's ticket RUNS times (the first with a cold
 * index cache), reports ticket latency, the bytes the ticket hands out against the file's size and
 * against the region's records written alone as a BAM (what {@code samtools view -b} of the region
 * writes, here with htsjdk at samtools' default compression level), and checks that the ticket's
 * blocks decode to exactly the local file's records of the region.
 */
public final class HtsgetBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HtsgetBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "make" -> make(Path.of(args[1]), Double.parseDouble(args[2]));
            case "measure" -> measure(args[1], args[2], args[3], Path.of(args[4]), args[5], Long.parseLong(args[6]),
                    Long.parseLong(args[7]), args.length > 8 ? Integer.parseInt(args[8]) : 5);
            default -> throw new IllegalArgumentException("make FILE GIB | measure URL TOKEN FILE_ID LOCAL CONTIG START END [RUNS]");
        }
    }

    static void make(Path bam, double gib) throws Exception {
        SAMFileHeader header = new SAMFileHeader(new SAMSequenceDictionary(List.of(
                new SAMSequenceRecord("chr1", 248_956_422), new SAMSequenceRecord("chr2", 242_193_529))));
        header.setSortOrder(SAMFileHeader.SortOrder.coordinate);
        long target = (long) (gib * (1L << 30));
        // About 118 bytes per read once compressed (random bases and qualities).
        long reads = target / 118;
        Random random = new Random(42);
        long genome = 248_956_422L + 242_193_529L;
        double step = (double) genome / reads;
        byte[] bases = new byte[100];
        byte[] quals = new byte[100];
        long t0 = System.nanoTime();
        try (SAMFileWriter w = new SAMFileWriterFactory().setCreateIndex(true).makeBAMWriter(header, true, bam)) {
            double pos = 0;
            for (long i = 0; i < reads; i++) {
                pos += step * 2 * random.nextDouble();
                long at = Math.min((long) pos, genome - 200);
                int ref = at < 248_956_422L ? 0 : 1;
                int start = (int) (ref == 0 ? at : at - 248_956_422L) + 1;
                SAMRecord r = new SAMRecord(header);
                r.setReadName("read" + i);
                r.setReferenceIndex(ref);
                r.setAlignmentStart(Math.max(1, Math.min(start, header.getSequence(ref).getSequenceLength() - 150)));
                r.setCigarString("100M");
                r.setMappingQuality(60);
                for (int j = 0; j < 100; j++) {
                    bases[j] = (byte) "ACGT".charAt(random.nextInt(4));
                    quals[j] = (byte) (20 + random.nextInt(21));
                }
                r.setReadBases(bases.clone());
                r.setBaseQualities(quals.clone());
                w.addAlignment(r);
            }
        }
        Files.move(bam.resolveSibling(bam.getFileName().toString().replaceFirst("\\.bam$", ".bai")),
                bam.resolveSibling(bam.getFileName() + ".bai"));
        System.out.printf("wrote %s: %,d reads, %,d bytes in %.0f s%n", bam, reads, Files.size(bam),
                (System.nanoTime() - t0) / 1e9);
    }

    static void measure(String url, String token, String fileId, Path local, String contig, long start, long end,
                        int runs) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        URI ticketUri = URI.create(url + "/ga4gh/htsget/v1/reads/" + fileId + "?referenceName=" + contig
                + "&start=" + start + "&end=" + end);
        List<Double> millis = new ArrayList<>();
        JsonNode ticket = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(ticketUri).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            millis.add((System.nanoTime() - t0) / 1e6);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("ticket answered " + r.statusCode() + ": " + new String(r.body()));
            }
            ticket = JSON.readTree(r.body());
        }
        long ranged = 0;
        long inline = 0;
        int urls = 0;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (JsonNode u : ticket.at("/htsget/urls")) {
            urls++;
            String block = u.get("url").asText();
            if (block.startsWith("data:")) {
                byte[] bytes = Base64.getDecoder().decode(block.substring(block.indexOf(',') + 1));
                inline += bytes.length;
                all.writeBytes(bytes);
                continue;
            }
            String range = u.path("headers").path("Range").asText();
            String[] bounds = range.substring("bytes=".length()).split("-");
            ranged += Long.parseLong(bounds[1]) - Long.parseLong(bounds[0]) + 1;
            HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(block));
            u.path("headers").fields().forEachRemaining(h -> get.header(h.getKey(), h.getValue().asText()));
            all.writeBytes(http.send(get.build(), HttpResponse.BodyHandlers.ofByteArray()).body());
        }
        Path fetched = Files.createTempFile("htsget-bench-", ".bam");
        Path alone = Files.createTempFile("htsget-bench-region-", ".bam");
        try {
            Files.write(fetched, all.toByteArray());
            List<String> expected = new ArrayList<>();
            try (SamReader reader = open(local);
                 SAMFileWriter w = new SAMFileWriterFactory().setCompressionLevel(6)
                         .makeBAMWriter(reader.getFileHeader(), true, alone)) {
                try (SAMRecordIterator it = reader.queryOverlapping(contig, (int) start + 1, (int) end)) {
                    it.forEachRemaining(rec -> {
                        expected.add(rec.getSAMString());
                        w.addAlignment(rec);
                    });
                }
            }
            List<String> got = new ArrayList<>();
            try (SamReader reader = open(fetched)) {
                reader.forEach(rec -> got.add(rec.getSAMString()));
            }
            long fileSize = Files.size(local);
            long handedOut = ranged + inline;
            System.out.printf("region %s:%d-%d (htsget start=%d end=%d): %,d reads; ticket %s%n", contig, start + 1, end,
                    start, end, got.size(), got.equals(expected) ? "decodes to exactly the local query's reads"
                            : "DIFFERS from the local query (" + expected.size() + " reads expected)");
            System.out.printf("ticket: %d urls; bytes handed out %,d (ranges %,d + inline %,d) of a %,d-byte file (%.4f%%)%n",
                    urls, handedOut, ranged, inline, fileSize, 100.0 * handedOut / fileSize);
            System.out.printf("the region alone as a BAM (htsjdk, level 6): %,d bytes; handed out / that = %.2f%n",
                    Files.size(alone), (double) handedOut / Files.size(alone));
            System.out.printf("ticket latency: first (cold index cache) %.1f ms; then %s ms%n", millis.getFirst(),
                    millis.subList(1, millis.size()).stream().map(m -> String.format("%.1f", m)).toList());
        } finally {
            Files.deleteIfExists(fetched);
            Files.deleteIfExists(alone);
        }
    }

    private static SamReader open(Path path) {
        return SamReaderFactory.makeDefault().validationStringency(ValidationStringency.SILENT).open(path);
    }
}
