# shellcheck shell=bash
# Finds a JDK for SeqVault. Sourced by bin/seqvault and bin/test; safe under `set -euo pipefail`.
#
#   seqvault_find_jdk [MIN [WHY]] sets JAVA_HOME (exported) and JAVA to a JDK whose major version is
#                                >= MIN (default 21), or prints what to install (and WHY that
#                                version) and returns 1.
#   seqvault_maven_opts          adds to MAVEN_OPTS what the found JDK needs for a quiet Maven run.
#   seqvault_require_maven       checks that `mvn` is on PATH, else says how to install it.
#
# Candidates, in order: $JAVA_HOME, `java` on PATH, then the newest suitable JDK under /usr/lib/jvm.
# A candidate counts only if `bin/java -version` reports a version >= MIN and it has `bin/javac`.

SEQVAULT_MIN_JDK=21

# Major version of a java binary from `java -version` ("25.0.3" -> 25, "1.8.0_392" -> 8, "26-ea" -> 26).
seqvault_java_major() {
    local out version major
    out=$("$1" -version 2>&1) || return 1
    version=$(printf '%s\n' "$out" | sed -n 's/^[^"]* version "\([^"]*\)".*/\1/p' | head -n 1)
    [[ -n $version ]] || return 1
    if [[ $version == 1.* ]]; then
        version=${version#1.}
    fi
    major=${version%%[!0-9]*}
    [[ -n $major ]] || return 1
    printf '%s\n' "$major"
}

# The JDK home of a java binary (through alternatives symlinks): /usr/bin/java -> /usr/lib/jvm/x.
seqvault_java_home_of() {
    local bin
    bin=$(readlink -f "$1" 2>/dev/null || printf '%s' "$1")
    dirname "$(dirname "$bin")"
}

seqvault_find_jdk() {
    local min=${1:-$SEQVAULT_MIN_JDK} why=${2:-}
    local -a candidates=() rejected=()
    local home major best_home="" best_major=0 dir real seen=" " package

    if [[ -n ${JAVA_HOME:-} ]]; then
        candidates+=("$JAVA_HOME")
    fi
    if command -v java >/dev/null 2>&1; then
        candidates+=("$(seqvault_java_home_of "$(command -v java)")")
    fi
    for home in "${candidates[@]+"${candidates[@]}"}"; do
        seen+="$(readlink -f "$home" 2>/dev/null || printf '%s' "$home") "
        if [[ -x $home/bin/java ]] && major=$(seqvault_java_major "$home/bin/java"); then
            if ((major >= min)) && [[ -x $home/bin/javac ]]; then
                JAVA_HOME=$home
                JAVA=$home/bin/java
                export JAVA_HOME
                return 0
            fi
            rejected+=("$home (Java $major$([[ -x $home/bin/javac ]] || printf ', no javac'))")
        fi
    done

    # The newest suitable JDK installed in the usual Linux place.
    for dir in /usr/lib/jvm/*; do
        [[ -d $dir && -x $dir/bin/java ]] || continue
        real=$(readlink -f "$dir" 2>/dev/null || printf '%s' "$dir")
        [[ $seen == *" $real "* ]] && continue
        seen+="$real "
        major=$(seqvault_java_major "$dir/bin/java") || continue
        if ((major >= min)) && [[ -x $dir/bin/javac ]]; then
            if ((major > best_major)); then
                best_major=$major
                best_home=$dir
            fi
        else
            rejected+=("$dir (Java $major$([[ -x $dir/bin/javac ]] || printf ', no javac'))")
        fi
    done
    if [[ -n $best_home ]]; then
        JAVA_HOME=$best_home
        JAVA=$best_home/bin/java
        export JAVA_HOME
        return 0
    fi

    {
        printf 'seqvault: no JDK %s or newer found (looked at $JAVA_HOME, java on PATH, /usr/lib/jvm/*).\n' "$min"
        if [[ -n $why ]]; then
            printf 'seqvault: JDK %s is needed because %s.\n' "$min" "$why"
        fi
        if ((${#rejected[@]} > 0)); then
            printf 'seqvault: not suitable: %s\n' "${rejected[@]}"
        fi
        package=$((min <= 21 ? 21 : 25))
        printf 'seqvault: install a JDK %s or newer, e.g. the Debian/Ubuntu package openjdk-%s-jdk or Eclipse Temurin %s,\n' \
            "$min" "$package" "$package"
        printf 'seqvault: then run again (or point JAVA_HOME at it).\n'
    } >&2
    return 1
}

seqvault_maven_opts() {
    # Maven 3.8's bundled Guava calls sun.misc.Unsafe, which JDK 23+ warns about on every build.
    # The switch that silences it (JEP 471) exists only from JDK 23 on, so it is added per JDK here
    # rather than in .mvn/jvm.config, where it would stop Maven from starting on JDK 21 and 22.
    local major
    major=$(seqvault_java_major "$JAVA") || return 0
    if ((major >= 23)) && [[ ${MAVEN_OPTS:-} != *sun-misc-unsafe-memory-access* ]]; then
        export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
    fi
}

seqvault_require_maven() {
    if ! command -v mvn >/dev/null 2>&1; then
        printf 'seqvault: Maven (mvn) is needed to build SeqVault but is not on PATH; install it, e.g. apt-get install maven\n' >&2
        return 1
    fi
}
