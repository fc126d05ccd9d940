package org.seqvault.bench;

/**
 * Sizes of one run: the full sizes, or a small version that finishes in minutes (--quick).
 * Uploads repeat fewer times than downloads: every repetition keeps 4 copies of the file on disk.
 */
record Scale(String name, long bigFile, int transferReps, int uploadReps, int findFiles, int findFolders, int findSamples,
             int findWarmup, int findServerWarmupSeconds, int findBudgetSeconds,
             int smallFiles, int memoryUploads, long memoryUploadSize, int wrkSeconds) {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;

    static Scale full() {
        return new Scale("full", 2 * GIB, 5, 3, 1_000_000, 1_000, 1_000, 100, 20, 60, 10_000, 32, GIB, 10);
    }

    static Scale quick() {
        return new Scale("quick", 256 * MIB, 3, 3, 50_000, 100, 60, 10, 3, 10, 1_000, 32, 64 * MIB, 5);
    }

    boolean isQuick() {
        return name.equals("quick");
    }
}
