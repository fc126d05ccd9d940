#!/usr/bin/env bash
# Fuzzes every Jazzer fuzz test of this module in turn, each for the same time, and writes what
# each run did to target/reliability-results/fuzz-<Class>-<method>.txt (executions, crashes).
#   reliability/fuzz-all.sh [duration]        e.g. reliability/fuzz-all.sh 10m   (default 5m)
# Jazzer fuzzes one test per JVM, hence one Maven run per test. A finding fails that run and is
# saved under src/test/resources/.../<Class>Inputs/<method>/, where the test command replays it.
set -uo pipefail
duration=${1:-5m}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
results=$root/reliability/target/reliability-results
mkdir -p "$results"
tests=$(grep -l "@FuzzTest" "$root"/reliability/src/test/java/org/seqvault/reliability/fuzz/*.java | while read -r f; do
    class=$(basename "$f" .java)
    grep -A1 "@FuzzTest" "$f" | grep -o "void [a-zA-Z0-9]*" | sed "s/void /$class#/"
done)
status=0
for test in $tests; do
    log=$results/fuzz-${test/\#/-}.log
    printf 'fuzzing %s for %s ...\n' "$test" "$duration" >&2
    (cd "$root" && mvn -B -pl reliability verify -Preliability-fuzz -Dtest="$test" \
        -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration="$duration" >"$log" 2>&1)
    code=$?
    executions=$(grep -aE '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | sed -E 's/^#([0-9]+).*/\1/')
    if [[ -z $executions ]]; then
        # A run that stopped on a finding prints no DONE line; take the last progress line.
        executions=$(grep -aoE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    fi
    crashes=$(grep -ac '^== Java Exception' "$log")
    printf 'test = %s\nduration = %s\nexecutions = %s\ncrashes = %s\nmaven_exit = %s\n' \
        "$test" "$duration" "${executions:-0}" "$crashes" "$code" | tee "$results/fuzz-${test/\#/-}.txt" >&2
    [[ $code -eq 0 ]] || status=1
done
exit $status
