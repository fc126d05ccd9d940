#!/usr/bin/env bash
# Diagnostic used for bench/FIXES.md: uploads one file through a presigned PUT a few times into a
# fresh server and prints, per upload, the wall time and the server's user and system CPU.
#
#   bench/tools/upload-cpu.sh [JAR] [SIZE_MIB] [COUNT]      (defaults: server/target/seqvault-server.jar 1024 3)
#   STRACE=1 bench/tools/upload-cpu.sh ...   also counts the server's system calls during the last upload
#   PERF=1 bench/tools/upload-cpu.sh ...     also samples the whole machine (perf, cpu-clock) during the last
#                                            upload and prints where the CPU went: per process, per thread of
#                                            the server, and the top functions (JIT code named from the JVM's map)
set -euo pipefail
ROOT=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../../bin/lib/find-jdk.sh
source "$ROOT/bin/lib/find-jdk.sh"
seqvault_find_jdk "$SEQVAULT_MIN_JDK" || exit 1
JAR=${1:-$ROOT/server/target/seqvault-server.jar}
SIZE_MIB=${2:-1024}
COUNT=${3:-3}
WORK=$(mktemp -d)
TOKEN=svt_probe-admin-token-0123456789abcdefghijklmnop
SERVER_PID=
cleanup() {
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

head -c $((SIZE_MIB << 20)) /dev/urandom >"$WORK/file"
PERF_MAP=()
[[ ${PERF:-} == 1 ]] && PERF_MAP=(-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit)
SEQVAULT_BOOTSTRAP_TOKEN=$TOKEN "$JAVA" -Xmx1g "${PERF_MAP[@]}" --enable-native-access=ALL-UNNAMED -jar "$JAR" serve --port 0 \
    --data-dir "$WORK/data" --rate-limit 0 >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
until grep -q 'SeqVault listening on' "$WORK/server.log"; do
    kill -0 "$SERVER_PID" || { cat "$WORK/server.log"; exit 1; }
    sleep 0.3
done
S=$(grep -o 'SeqVault listening on [^ ]*' "$WORK/server.log" | head -1 | awk '{print $4}')
A="Authorization: Bearer $TOKEN"
WS=$(curl -s -H "$A" -H 'Content-Type: application/json' -d '{"name":"probe"}' "$S/v1/workspaces" | jq -r .workspace_id)
ticks() { awk '{print $14, $15}' "/proc/$SERVER_PID/stat"; }
for i in $(seq 1 "$COUNT"); do
    INFO=$(curl -s -H "$A" -H 'Content-Type: application/json' \
        -d "{\"filename\":\"f$i\",\"workspace_id\":\"$WS\",\"size\":$((SIZE_MIB << 20)),\"path\":\"p/\"}" "$S/v1/files/upload-url")
    cat "$WORK/file" >/dev/null
    sync
    if [[ ${STRACE:-} == 1 && $i == "$COUNT" ]]; then
        strace -c -f -p "$SERVER_PID" -o "$WORK/strace.txt" & STRACE_PID=$!
        sleep 1
    fi
    if [[ ${PERF:-} == 1 && $i == "$COUNT" ]]; then
        perf record -q -e cpu-clock -F 499 -a -g -o "$WORK/perf.data" 2>/dev/null & PERF_PID=$!
        sleep 1
    fi
    read -r u0 s0 < <(ticks)
    t0=$(date +%s.%N)
    curl -sf -T "$WORK/file" -H 'Expect:' "$(jq -r .uploadUrl <<<"$INFO")" -o /dev/null
    curl -sf -H "$A" -H 'Content-Type: application/json' -d "{\"file_key\":\"$(jq -r .fileKey <<<"$INFO")\",\"workspace_id\":\"$WS\",\"filename\":\"f$i\",\"size\":$((SIZE_MIB << 20))}" \
        "$S/v1/files/upload-confirm" -o /dev/null
    t1=$(date +%s.%N)
    read -r u1 s1 < <(ticks)
    printf 'upload %d of %d MiB: wall %.2f s, server user %.2f s, system %.2f s (load %s)\n' "$i" "$SIZE_MIB" \
        "$(echo "$t1 - $t0" | bc)" "$(echo "($u1 - $u0) / 100" | bc -l)" "$(echo "($s1 - $s0) / 100" | bc -l)" \
        "$(cut -d' ' -f1 /proc/loadavg)"
    if [[ -n ${PERF_PID:-} ]]; then
        kill -INT "$PERF_PID"; wait "$PERF_PID" 2>/dev/null || true
        # The JVM writes its map of JIT code (/tmp/perf-<pid>.map) as it exits.
        SERVER_WAS=$SERVER_PID
        kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
        echo "--- CPU by process (whole machine; 100% = all cores for the time sampled)"
        perf report -i "$WORK/perf.data" --stdio --no-children --sort comm -g none 2>/dev/null | grep -v '^#' \
            | grep -v '^$' | head -12
        echo "--- the server (pid $SERVER_WAS) by thread and function"
        perf report -i "$WORK/perf.data" --stdio --no-children --pid "$SERVER_WAS" --sort comm,sym -g none 2>/dev/null \
            | grep -v '^#' | grep -v '^$' | head -30
        echo "--- curl by function"
        perf report -i "$WORK/perf.data" --stdio --no-children --comm curl --sort sym -g none 2>/dev/null \
            | grep -v '^#' | grep -v '^$' | head -10
        rm -f "/tmp/perf-$SERVER_WAS.map"
    fi
    if [[ -n ${STRACE_PID:-} ]]; then
        kill -INT "$STRACE_PID"; wait "$STRACE_PID" 2>/dev/null || true
        head -12 "$WORK/strace.txt"
    fi
done
