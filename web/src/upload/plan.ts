// Cutting a file into the parts of a v2 multipart upload. The server may answer another part size
// than the one asked for (docs/api-v2.md, "Upload"); the parts are always planned from its answer.

export const MiB = 1024 * 1024;
/** What the page asks for: big enough that a 2 GiB file is 256 parts, small enough to retry cheaply. */
export const PREFERRED_PART_SIZE = 8 * MiB;
/** The protocol's part count limit (spec §7). */
export const MAX_PARTS = 10_000;

export interface PartPlan {
  /** 1-based, as the protocol numbers parts. */
  number: number;
  start: number;
  /** Exclusive. */
  end: number;
}

/**
 * The part size to ask for: the preferred size, grown so that no file needs more than MAX_PARTS
 * parts; a file smaller than that goes in one part of its own size (S3 accepts a lone small part).
 */
export function requestedPartSize(fileSize: number): number {
  if (fileSize <= PREFERRED_PART_SIZE) return Math.max(1, fileSize);
  return Math.max(PREFERRED_PART_SIZE, Math.ceil(fileSize / MAX_PARTS));
}

/** Parts 1..N covering [0, size); an empty file is one empty part, as the protocol wants. */
export function planParts(fileSize: number, partSize: number): PartPlan[] {
  if (!Number.isSafeInteger(fileSize) || fileSize < 0) throw new Error(`not a file size: ${fileSize}`);
  if (!Number.isSafeInteger(partSize) || partSize < 1) throw new Error(`not a part size: ${partSize}`);
  const count = Math.max(1, Math.ceil(fileSize / partSize));
  const parts: PartPlan[] = [];
  for (let n = 1; n <= count; n++) {
    const start = (n - 1) * partSize;
    parts.push({ number: n, start, end: Math.min(fileSize, start + partSize) });
  }
  return parts;
}

/**
 * Which planned parts still have to be sent, given what the server says it holds (GET
 * /v2/upload/multipart/{id}?list_parts=true). A listed part counts only with the planned length:
 * a shorter one (a PUT cut off by a reload) is sent again, and the re-sent part replaces it.
 */
export function partsStillToSend(plan: PartPlan[], held: { part_number: number; size: number }[]): PartPlan[] {
  const sizes = new Map(held.map((p) => [p.part_number, p.size]));
  return plan.filter((p) => sizes.get(p.number) !== p.end - p.start);
}
