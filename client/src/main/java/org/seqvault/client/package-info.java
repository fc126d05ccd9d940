/**
 * The SeqVault Java SDK: the public HTTP APIs of a SeqVault server, through {@code java.net.http}
 * and Jackson only.
 *
 * <p>Start with {@link org.seqvault.client.SeqVault#connect(String, String)}; from there
 * {@link org.seqvault.client.SeqVault#files() files()} has the seed's workspace calls one for one,
 * {@link org.seqvault.client.SeqVault#projects() projects()}, {@link org.seqvault.client.SeqVault#tree() tree()}
 * (folders, paths, queries, copy, move, metadata, tags) and
 * {@link org.seqvault.client.SeqVault#transfers() transfers()} (parallel, resumable, verified uploads
 * and downloads). Remote locations are written {@code owner/slug[/folder/…][/file]}, see
 * {@link org.seqvault.client.RemotePath}.
 */
package org.seqvault.client;
