#!/usr/bin/env bash
# System packages the tests need: Debian's Chromium and ChromeDriver for the browser tests, and strace for the
# zero-egress tests (tests/test_zero_egress.py; `make test-soak` fails without it).
# Idempotent; skips work when both are already there. Needs root (or sudo) and Debian's package registry.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v strace >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-system-deps: need root to apt-get install chromium and strace (or install them yourself)" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core strace >/dev/null
chromium --version
strace -V | head -n 1
