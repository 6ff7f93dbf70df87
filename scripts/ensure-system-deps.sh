#!/usr/bin/env bash
# Install the Debian packages wulian needs, if they are missing.
#   runtime: Pango and CJK fonts for PDFs (WeasyPrint)
#   test:    the above plus Debian's chromium for browser tests
set -euo pipefail
want=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk)
if [ "${1:-runtime}" = "test" ]; then
  want+=(chromium)
fi
missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
if ! command -v apt-get >/dev/null; then
  echo "apt-get not found: please install ${missing[*]} with your package manager" >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
