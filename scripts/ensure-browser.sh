#!/usr/bin/env bash
# Makes sure Playwright has a Chromium: its own when installed, else Debian's `chromium` package,
# installed here when missing (this workplace cannot download Playwright's browsers).
set -euo pipefail
if node -e "const {chromium}=require('@playwright/test');process.exit(require('fs').existsSync(chromium.executablePath())?0:1)" 2>/dev/null; then
	exit 0
fi
for path in /usr/lib/chromium/chromium /usr/bin/chromium /usr/bin/chromium-browser; do
	[ -x "$path" ] && exit 0
done
echo "No Chromium found: installing Debian's chromium package…" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
