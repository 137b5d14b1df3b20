#!/usr/bin/env bash
# CI only: the report's browser test drives Chromium from the operating system's packages (npm
# downloads no browser, and npm test installs nothing). Where Chromium is missing and this runs as
# root on a Debian-like system, install it with apt-get; otherwise stop CI, saying what to install.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium from the OS packages for the report's browser test (apt-get install chromium)" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
  exit 0
fi
echo "Chromium is missing and cannot be installed here (not root, or no apt-get): install it, e.g. 'sudo apt-get install -y chromium' on Debian or Ubuntu, or set CHROMIUM_PATH to the browser's executable." >&2
exit 1
