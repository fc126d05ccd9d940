/**
 * How the SDK works inside: HTTP calls and retries, the transfer engines, state files. Not part
 * of the SDK's API (the CLI of this repository uses the JSON mapper and the part sizing), and may
 * change at any time.
 */
package org.seqvault.client.internal;
