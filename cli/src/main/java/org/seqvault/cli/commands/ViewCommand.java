package org.seqvault.cli.commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.CommandFailure;
import org.seqvault.cli.Main;
import org.seqvault.client.GenomicRegion;
import org.seqvault.client.RemoteFile;
import org.seqvault.client.RemotePath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** seqvault view REMOTE [REGION] [-o FILE] [--header-only] */
@Command(name = "view", description = {"Write a region of a BAM, CRAM, VCF.gz or BCF file, in its own format.",
        "Like 'samtools view -b FILE REGION' or 'bcftools view FILE REGION' on a local copy, but only the blocks "
        + "holding the region are fetched (GA4GH htsget). The file needs its index beside it (x.bam.bai, "
        + "x.cram.crai, x.vcf.gz.tbi, x.bcf.csi, …) for a region; without REGION the whole file is written."})
public final class ViewCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "REMOTE", description = "owner/project/path of a BAM, CRAM, VCF.gz or BCF file")
    RemotePath file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REGION",
            description = "chr1, chr1:1000 or chr1:1000-2000 (1-based, inclusive), or * for the unplaced unmapped reads")
    String region;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write to FILE (replaced only once complete) instead of standard output.")
    Path output;

    @Option(names = {"-H", "--header-only"}, description = "Write only the header (a valid file without records).")
    boolean headerOnly;

    ViewCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        if (headerOnly && region != null) {
            throw new IllegalArgumentException("--header-only takes no REGION");
        }
        RemoteFile found = sv().tree().find(file).orElseThrow(() -> new CommandFailure(file + ": no such file"));
        if (found.isFolder()) {
            throw new CommandFailure(file + ": is a folder");
        }
        GenomicRegion asked = region == null ? null : GenomicRegion.parse(region);
        try (InputStream in = headerOnly ? sv().htsget().header(found) : sv().htsget().open(found, asked)) {
            if (output == null) {
                in.transferTo(ctx.out());
                ctx.out().flush();
            } else {
                write(in, output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Main.OK;
    }

    /** Writes beside the target first, so a failed transfer never leaves a truncated FILE. */
    private static void write(InputStream in, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(partial)) {
                in.transferTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
