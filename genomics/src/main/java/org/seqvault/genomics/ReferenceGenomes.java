package org.seqvault.genomics;

import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import java.util.Map;
import java.util.Optional;

/**
 * Names the reference a sequence dictionary (BAM/CRAM/SAM {@code @SQ} lines, VCF {@code ##contig}
 * lines) was made against, by the length of chromosome 1 (or 2, when 1 is absent): each assembly's
 * differs. {@code chr}-prefixed human names are the UCSC builds (hg38, hg19). Else the assembly
 * tag ({@code @SQ AS}, {@code ##contig assembly=}) when there is one.
 */
final class ReferenceGenomes {
    private record Build(String name, String ucscName) {
    }

    private static final Map<Long, Build> CHR1 = Map.of(
            248_956_422L, new Build("GRCh38", "hg38"),
            249_250_621L, new Build("GRCh37", "hg19"),
            248_387_328L, new Build("T2T-CHM13", "T2T-CHM13"),
            195_154_279L, new Build("GRCm39", "GRCm39"),
            195_471_971L, new Build("GRCm38", "GRCm38"));
    private static final Map<Long, Build> CHR2 = Map.of(
            242_193_529L, new Build("GRCh38", "hg38"),
            243_199_373L, new Build("GRCh37", "hg19"),
            242_696_752L, new Build("T2T-CHM13", "T2T-CHM13"),
            181_755_017L, new Build("GRCm39", "GRCm39"),
            182_113_224L, new Build("GRCm38", "GRCm38"));

    private ReferenceGenomes() {
    }

    static Optional<String> recognise(SAMSequenceDictionary dictionary) {
        if (dictionary == null || dictionary.isEmpty()) {
            return Optional.empty();
        }
        return byLength(dictionary, "1", CHR1)
                .or(() -> byLength(dictionary, "2", CHR2))
                .or(() -> assemblyTag(dictionary));
    }

    private static Optional<String> byLength(SAMSequenceDictionary dictionary, String chromosome, Map<Long, Build> builds) {
        for (String name : new String[] {"chr" + chromosome, chromosome}) {
            SAMSequenceRecord record = dictionary.getSequence(name);
            if (record != null && record.getSequenceLength() > 0) {
                Build build = builds.get((long) record.getSequenceLength());
                if (build != null) {
                    return Optional.of(name.startsWith("chr") ? build.ucscName() : build.name());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> assemblyTag(SAMSequenceDictionary dictionary) {
        return dictionary.getSequences().stream()
                .map(SAMSequenceRecord::getAssembly)
                .filter(a -> a != null && !a.isBlank())
                .findFirst()
                .map(String::strip);
    }
}
