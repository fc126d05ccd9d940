#!/usr/bin/env bash
# The CLI's upload and download throughput next to curl on the same kind of presigned URL, against
# one fresh `bin/seqvault serve` (SQLite + local files, default settings except rate limiting off, so
# repeated runs do not wait for a window). Prints one clean table of medians at the end.
#
#   bench/tools/cli-vs-curl.sh [SIZE_MIB] [RUNS]        (defaults: 2048 3)
#   BENCH_DIR=/mnt/fast bench/tools/cli-vs-curl.sh ...  where the file, the server's data and the
#                                                       downloads go (default: a fresh directory
#                                                       under ${TMPDIR:-/tmp}); needs ~4 x SIZE free
#   PARALLEL=8 bench/tools/cli-vs-curl.sh ...           the CLI's --parallel (default: its own, 4)
#
# Per run, in this order. Before each timed step, untimed: `sync` (so no step pays for the writeback
# of the one before) and, before uploads, one read of the source (so both start from a warm cache):
#   curl upload    POST /v1/files/upload-url, then `curl -T` to the presigned PUT URL, then
#                  POST /v1/files/upload-confirm (the timed part is the PUT plus the confirm)
#   cli upload     bin/seqvault upload --no-progress FILE (whole command: JVM start, parts, completion)
#   curl download  `curl -o` from the presigned URL of GET /v1/files/download (URL fetched untimed)
#   cli download   bin/seqvault download --no-progress (whole command, SHA-256 checked)
# Each run's files are deleted (remote and local) before the next. Times are wall clock.
set -euo pipefail
ROOT=$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SIZE_MIB=${1:-2048}
RUNS=${2:-3}
SIZE=$((SIZE_MIB << 20))
SEQVAULT=$ROOT/bin/seqvault
for tool in curl jq awk; do
    command -v "$tool" >/dev/null || { echo "cli-vs-curl: needs $tool" >&2; exit 2; }
done

WORK=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/cli-vs-curl.XXXXXX")
ADMIN_TOKEN=svt_bench-cli-vs-curl-admin-token-0123456789abcdef
SERVER_PID=
cleanup() {
    if [[ -n $SERVER_PID ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
log() { printf '%s\n' "$*" >&2; }
now() { date +%s.%N; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# Build both jars (if needed) before anything is timed.
"$SEQVAULT" --version >/dev/null

log "writing a $SIZE_MIB MiB random file under $WORK ..."
head -c "$SIZE" /dev/urandom >"$WORK/genome.bin"
SHA=$(sha256sum "$WORK/genome.bin" | cut -d' ' -f1)

SEQVAULT_BOOTSTRAP_TOKEN=$ADMIN_TOKEN "$SEQVAULT" serve --port 0 --data-dir "$WORK/data" --rate-limit 0 \
    >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
until grep -q 'SeqVault listening on' "$WORK/server.log"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.3
done
S=$(grep -o 'SeqVault listening on [^ ]*' "$WORK/server.log" | head -1 | awk '{print $4}')
ADMIN="Authorization: Bearer $ADMIN_TOKEN"
JSON='Content-Type: application/json'
curl -sf -H "$ADMIN" -H "$JSON" -d '{"username":"bench"}' "$S/admin/v1/users" >/dev/null
TOKEN=$(curl -sf -H "$ADMIN" -H "$JSON" -d '{"username":"bench","scopes":["files","projects"]}' \
    "$S/admin/v1/tokens" | jq -r .token)
AUTH="Authorization: Bearer $TOKEN"

export SEQVAULT_CONFIG_FILE=$WORK/cli-config.json
"$SEQVAULT" login --url "$S" --token "$TOKEN" 2>/dev/null
PROJECT=$("$SEQVAULT" projects create "Bench")
WS=$("$SEQVAULT" projects ls --json | jq -r --arg p "$PROJECT" '.[] | select(.id == $p) | .workspace_id')
CLI_PARALLEL=()
[[ -n ${PARALLEL:-} ]] && CLI_PARALLEL=(--parallel "$PARALLEL")
log "server $S, project $PROJECT ($WS); load average at start: $(load)"

settle() { # [FILE to read into the cache]
    [[ -z ${1:-} ]] || cat "$1" >/dev/null
    sync
}

check_sha() { # FILE WHAT
    local got
    got=$(sha256sum "$1" | cut -d' ' -f1)
    [[ $got == "$SHA" ]] || { log "cli-vs-curl: $2 came back different ($got)"; exit 1; }
}

# measure KEY COMMAND...: runs COMMAND (its output discarded, the error shown if it fails) and keeps
# its wall time, its CPU time (user + system, the command and its children) and the server's CPU time.
declare -A WALL CPU SERVER_CPU
TICK=$(getconf CLK_TCK)
server_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
measure() {
    local key=$1
    shift
    local s0 s1 wall user sys TIMEFORMAT='%R %U %S'
    s0=$(server_ticks)
    { time "$@" >/dev/null 2>"$WORK/err"; } 2>"$WORK/time" || { cat "$WORK/err" >&2; exit 1; }
    s1=$(server_ticks)
    read -r wall user sys <"$WORK/time"
    WALL[$key]+=" $wall"
    CPU[$key]+=" $(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')"
    SERVER_CPU[$key]+=" $(awk -v a="$s0" -v b="$s1" -v t="$TICK" 'BEGIN{printf "%.2f", (b - a) / t}')"
}
last() { local v=${WALL[$1]}; printf '%s' "${v##* }"; }

curl_upload() { # INFO: PUT the file to the presigned URL, then confirm
    curl -sf -T "$WORK/genome.bin" -H 'Expect:' "$(jq -r .uploadUrl <<<"$1")" -o /dev/null &&
        curl -sf -H "$AUTH" -H "$JSON" -d "{\"file_key\":\"$(jq -r .fileKey <<<"$1")\",\"workspace_id\":\"$WS\",\"filename\":\"genome.bin\",\"size\":$SIZE}" \
            "$S/v1/files/upload-confirm" -o /dev/null
}

LOADS=()
for run in $(seq 1 "$RUNS"); do
    rm -rf "$WORK/out-curl" "$WORK/out-cli"
    mkdir -p "$WORK/out-curl"

    # What every CLI command pays before its first byte: the launcher script and the JVM starting.
    measure jvm "$SEQVAULT" --version

    # curl: presigned PUT + confirm (the upload-url call is not timed)
    INFO=$(curl -sf -H "$AUTH" -H "$JSON" \
        -d "{\"filename\":\"genome.bin\",\"workspace_id\":\"$WS\",\"size\":$SIZE,\"path\":\"curl/\"}" \
        "$S/v1/files/upload-url")
    [[ $(jq -r .uploadUrl <<<"$INFO") != null ]] || { log "cli-vs-curl: no single PUT URL (raise --single-put-limit)"; exit 1; }
    settle "$WORK/genome.bin"
    measure curl_up curl_upload "$INFO"

    settle "$WORK/genome.bin"
    measure cli_up "$SEQVAULT" upload --no-progress "${CLI_PARALLEL[@]}" "$WORK/genome.bin" "$PROJECT/cli"

    # curl download of the presigned URL (fetched untimed)
    URL=$(curl -sf -H "$AUTH" "$S/v1/files/download?workspace_id=$WS&key=curl/genome.bin" | jq -r .url)
    settle
    measure curl_down curl -sf -o "$WORK/out-curl/genome.bin" "$URL"
    check_sha "$WORK/out-curl/genome.bin" "curl's download"
    rm -f "$WORK/out-curl/genome.bin"

    # CLI download (of the file the CLI uploaded: the same bytes)
    settle
    measure cli_down "$SEQVAULT" download --no-progress "${CLI_PARALLEL[@]}" "$PROJECT/cli/genome.bin" "$WORK/out-cli"
    check_sha "$WORK/out-cli/genome.bin" "the CLI's download"

    "$SEQVAULT" rm -r "$PROJECT/curl" "$PROJECT/cli"
    rm -rf "$WORK/out-curl" "$WORK/out-cli"
    LOADS+=("$(load)")
    log "run $run/$RUNS: curl up $(last curl_up) s, cli up $(last cli_up) s, curl down $(last curl_down) s, cli down $(last cli_down) s (load ${LOADS[-1]})"
done

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
row() { # LABEL KEY
    local m
    # shellcheck disable=SC2086 # the lists are space-separated on purpose
    m=$(median ${WALL[$2]})
    # shellcheck disable=SC2086
    printf '| %-52s | %6.2f | %6s | %6.2f | %6.2f | %s |\n' "$1" "$m" \
        "$([[ $2 == jvm ]] && echo - || awk -v s="$SIZE" -v t="$m" 'BEGIN{printf "%.0f", s / 1048576 / t}')" "$(median ${CPU[$2]})" \
        "$(median ${SERVER_CPU[$2]})" "${WALL[$2]# }"
}

printf '\n%s MiB random file, %s runs, medians; bin/seqvault serve from %s (SQLite + local files on %s)\n' \
    "$SIZE_MIB" "$RUNS" "$ROOT" "$(df --output=source "$WORK" | tail -1)"
printf 'CLI --parallel %s; %s cores; load average (1/5/15 min) after each run: %s\n' "${PARALLEL:-4 (default)}" \
    "$(nproc)" "$(IFS=';'; echo "${LOADS[*]}")"
printf 'wall: seconds, clock; client CPU: the command'"'"'s user + system seconds; server CPU: the server'"'"'s, meanwhile\n\n'
printf '| %-52s | %6s | %6s | %6s | %6s | %s |\n' "transfer" "wall" "MiB/s" "client" "server" "wall of each run"
printf '| %-52s | %6s | %6s | %6s | %6s | %s |\n' "" "s" "" "CPU s" "CPU s" ""
printf '|%s|--------|--------|--------|--------|------------------|\n' "$(printf -- '-%.0s' {1..54})"
row "curl -T to the upload-url PUT URL + upload-confirm" curl_up
row "seqvault upload (whole command)" cli_up
row "curl -o from the /v1/files/download URL" curl_down
row "seqvault download (whole command, SHA-256 checked)" cli_down
row "seqvault --version (JVM start, in both CLI rows)" jvm
