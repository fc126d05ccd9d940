package org.seqvault.reliability.crash;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one worker knows about the files it made: confirmed files, uploads whose outcome a
 * kill hid, keys that must never become visible, and anything the live server did that it should
 * not have (an unexpected status). Only its own worker writes it, and only between cycles is it read.
 */
final class WorkerLedger {
    final int worker;
    final List<TrackedFile> files = new ArrayList<>();
    final List<AmbiguousUpload> ambiguousUploads = new ArrayList<>();
    /** Keys of uploads that were refused, abandoned before confirmation, or cut before their completing request. */
    final List<String> unconfirmedKeys = new ArrayList<>();
    final List<String> anomalies = new ArrayList<>();
    int uploadsConfirmed;
    int renames;
    int moves;
    int deletes;
    /**
     * Uploads whose request a kill cut: their staged bytes may wait out the collector's grace period
     * (a form upload streams before its session exists; on S3 any upload's multipart upload is
     * created just before its session row commits).
     */
    int uploadsCut;
    long sequence;

    WorkerLedger(int worker) {
        this.worker = worker;
    }

    List<TrackedFile> settledFiles() {
        return files.stream().filter(TrackedFile::settled).toList();
    }
}
