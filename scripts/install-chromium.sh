#!/bin/sh
# Installs Debian's Chromium at /usr/bin/chromium for the dashboard end-to-end test
# (test/e2e/dashboard.test.ts drives it with playwright-core; no browser is ever downloaded).
# Idempotent: exits 0 at once when /usr/bin/chromium is already there.
set -eu

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: installing Debian's chromium package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  if [ -x /usr/bin/chromium ]; then
    echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium installed')" >&2
    exit 0
  fi
  echo "install-chromium: apt-get finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi

echo "install-chromium: /usr/bin/chromium is missing; install it with: sudo apt-get install -y chromium" >&2
exit 1
