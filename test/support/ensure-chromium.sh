#!/usr/bin/env bash
# The report's browser test drives Chromium from the operating system's packages (no browser is
# downloaded by npm). Run before the tests (npm's pretest) and by CI: where Chromium is missing
# and this runs as root on a Debian-like system, install it; otherwise say how, and let the
# browser test fail with its own message.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium from the OS packages for the report's browser test (apt-get install chromium)" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
else
  echo "Chromium is missing: the report's browser test will fail. Install it, e.g. 'sudo apt-get install -y chromium' on Debian or Ubuntu." >&2
fi
