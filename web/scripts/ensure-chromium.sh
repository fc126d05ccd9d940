#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the browser tests (playwright-core drives it; no browser
# download by a test tool). Installs the `chromium` package when missing and this runs as root.
set -euo pipefail
browser=${CHROMIUM:-/usr/bin/chromium}
[[ -x $browser ]] && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "seqvault web tests: installing Debian's chromium for the browser tests ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
        || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }
    [[ -x $browser ]] && exit 0
fi
echo "seqvault web tests: $browser is missing; install Debian's chromium package (apt-get install chromium) or set CHROMIUM" >&2
exit 1
