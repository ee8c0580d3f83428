#!/bin/sh
# Save or restore the apt files docker_engine writes (sources, pins, Docker's key), so an engine
# rollback installs from the sources and under the pins the host had before its upgrade.
#   engine_apt_files.sh save      copy them to the store (0700), replacing an earlier copy
#   engine_apt_files.sh restore   remove the ones there are now and put the stored ones back
set -eu
store=/var/lib/dockyard/engine-apt-before
patterns="/etc/apt/sources.list.d/dockyard-engine-*.list /etc/apt/sources.list.d/dockyard-docker.list
/etc/apt/preferences.d/dockyard-engine-* /etc/apt/preferences.d/dockyard-containerd-version
/etc/apt/keyrings/dockyard-docker.asc"

case "${1:-}" in
  save)
    rm -rf "$store"
    mkdir -p -m 0700 "$store"
    for file in $patterns; do
      if [ -f "$file" ]; then
        mkdir -p "$store$(dirname "$file")"
        cp -p "$file" "$store$file"
      fi
    done
    ;;
  restore)
    if [ ! -d "$store" ]; then
      echo "no saved apt files at $store: nothing to restore from" >&2
      exit 1
    fi
    for file in $patterns; do
      if [ -f "$file" ]; then
        rm -f "$file"
      fi
    done
    (cd "$store" && find . -type f) | while read -r file; do
      cp -p "$store/${file#./}" "/${file#./}"
    done
    ;;
  *)
    echo "usage: $0 save|restore" >&2
    exit 2
    ;;
esac
