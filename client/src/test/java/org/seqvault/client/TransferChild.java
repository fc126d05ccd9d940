package org.seqvault.client;

import java.nio.file.Path;

/**
 * A transfer in a JVM of its own, slowed down so a test can kill it half-way: prints
 * {@code bytes <n>} after every MiB and then sleeps a little.
 * <pre>
 * upload   URL TOKEN FILE FOLDER_ID PART_SIZE
 * download URL TOKEN WORKSPACE KEY DIRECTORY RANGE_SIZE
 * </pre>
 */
public final class TransferChild {
    private TransferChild() {
    }

    public static void main(String[] args) {
        ProgressListener slow = new ProgressListener() {
            private long total;
            private long reportedMib;

            @Override
            public void transferred(long bytes) {
                long mib;
                synchronized (this) {
                    total += bytes;
                    mib = total >> 20;
                    if (mib <= reportedMib) {
                        return;
                    }
                    reportedMib = mib;
                    System.out.println("bytes " + total);
                    System.out.flush();
                }
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (SeqVault sv = SeqVault.connect(args[1], args[2])) {
            if (args[0].equals("upload")) {
                sv.transfers().upload(Path.of(args[3]), args[4],
                        UploadOptions.defaults().partSize(Long.parseLong(args[5])).parallel(2).listener(slow));
            } else {
                sv.files().download(args[4], args[3], Path.of(args[5]),
                        DownloadOptions.defaults().chunkSize(Long.parseLong(args[6])).parallel(2).listener(slow));
            }
        }
        System.out.println("done");
    }
}
