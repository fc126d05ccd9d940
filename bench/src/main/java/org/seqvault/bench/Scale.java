package org.seqvault.bench;

/**
 * Sizes of one run: the full sizes, or a small version that finishes in minutes (--quick).
 * Uploads repeat fewer times than downloads: every repetition keeps 4 copies of the file on disk.
 * Each find kind is measured in {@code findRuns} runs of {@code findSamples} requests, the kinds
 * taking turns, so a kind's spread across runs shows whether its verdict would flip.
 */
record Scale(String name, long bigFile, int transferReps, int uploadReps, int findFiles, int findFolders, int findSamples,
             int findRuns, int findWarmup, int findServerWarmupSeconds, int findBudgetSeconds,
             int smallFiles, int memoryUploads, long memoryUploadSize, int wrkSeconds) {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;

    static Scale full() {
        return new Scale("full", 2 * GIB, 5, 3, 1_000_000, 1_000, 1_000, 3, 100, 20, 60, 10_000, 32, GIB, 10);
    }

    static Scale quick() {
        return new Scale("quick", 256 * MIB, 3, 3, 50_000, 100, 60, 2, 10, 3, 10, 1_000, 32, 64 * MIB, 5);
    }

    /**
     * The find suite's sizes for {@code bench/run --scale}: 100k, 1m or 10m files, always 1,000 files
     * per folder, so a larger project has more folders (and a longer key range, larger indexes and
     * value lists) while one folder's listing stays the same size.
     */
    static FindData findSize(String size) {
        return switch (size) {
            case "100k" -> new FindData(100_000, 100);
            case "1m" -> new FindData(1_000_000, 1_000);
            case "10m" -> new FindData(10_000_000, 10_000);
            default -> throw new IllegalArgumentException("--scale takes 100k, 1m or 10m, not " + size);
        };
    }

    /** The sizes a {@code --scale} run measures: every size of the ladder up to {@code largest}. */
    static java.util.List<String> findSizesUpTo(String largest) {
        java.util.List<String> ladder = java.util.List.of("100k", "1m", "10m");
        findSize(largest);
        return ladder.subList(0, ladder.indexOf(largest) + 1);
    }

    /** The same sizes under another name (the report's title says which run it was). */
    Scale named(String other) {
        return new Scale(other, bigFile, transferReps, uploadReps, findFiles, findFolders, findSamples, findRuns, findWarmup,
                findServerWarmupSeconds, findBudgetSeconds, smallFiles, memoryUploads, memoryUploadSize, wrkSeconds);
    }

    boolean isQuick() {
        return name.equals("quick");
    }
}
