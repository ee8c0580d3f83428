#!/usr/bin/env bash
# Run Debian's chromium headless, installing it first when missing (tests only).
#   chromium.sh ARGS...
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
fi
exec chromium --headless=new --no-sandbox --disable-gpu --no-first-run --disable-dev-shm-usage "$@"
