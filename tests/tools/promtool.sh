#!/usr/bin/env bash
# Run promtool from Debian's prometheus package, unpacked into .cache (nothing installed, no service started).
#   promtool.sh ARGS...
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
dir=$here/.cache/promtool
if [ ! -x "$dir/usr/bin/promtool" ]; then
  mkdir -p "$dir"
  (cd "$dir" && apt-get download prometheus >/dev/null 2>&1 || { apt-get update -qq && apt-get download prometheus >/dev/null; })
  dpkg-deb -x "$dir"/prometheus_*.deb "$dir"
  rm -f "$dir"/prometheus_*.deb
fi
exec "$dir/usr/bin/promtool" "$@"
