#!/usr/bin/env bash
# Diagnostic used for bench/FIXES.md: durable writes of a file into new files (the earlier ones
# kept, as an upload service keeps them), buffered (dd conv=fsync) against O_DIRECT in several
# block sizes.   bench/tools/fresh-file-writes.sh [DIR] [SIZE_MIB]
set -euo pipefail
DIR=${1:-.}
SIZE_MIB=${2:-1024}
WORK=$(mktemp -d "$DIR/fresh-writes.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
head -c $((SIZE_MIB << 20)) /dev/urandom >"$WORK/src"
for i in 1 2 3; do
    cat "$WORK/src" >/dev/null; sync
    /usr/bin/time -f "buffered, new file $i: %e s (system %S s)" dd if="$WORK/src" of="$WORK/b$i" bs=1M conv=fsync status=none
    cat "$WORK/src" >/dev/null; sync
    /usr/bin/time -f "O_DIRECT 1 MiB, new file $i: %e s (system %S s)" dd if="$WORK/src" of="$WORK/d$i" bs=1M oflag=direct conv=fsync status=none
done
for bs in 256K 1M 4M 8M; do
    cat "$WORK/src" >/dev/null
    /usr/bin/time -f "O_DIRECT bs=$bs: %e s (system %S s)" dd if="$WORK/src" of="$WORK/bs-$bs" bs=$bs oflag=direct conv=fsync status=none
done
