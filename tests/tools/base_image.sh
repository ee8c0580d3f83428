#!/usr/bin/env bash
# Build a Debian base image for systemd test hosts without a registry:
# debootstrap a minimal root, then `docker import` it. Skipped when the tag exists.
#   base_image.sh SUITE IMAGE[:TAG]     e.g. base_image.sh bookworm dockyard/debian:bookworm
set -euo pipefail
suite=${1:?usage: $0 SUITE IMAGE}
image=${2:?usage: $0 SUITE IMAGE}
mirror=${DOCKYARD_DEBIAN_MIRROR:-http://deb.debian.org/debian}

if docker image inspect "$image" >/dev/null 2>&1; then
  echo "base image: $image exists"
  exit 0
fi
if ! command -v debootstrap >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi
root=$(mktemp -d "${TMPDIR:-/tmp}/dockyard-rootfs-$suite.XXXXXX")
trap 'rm -rf "$root"' EXIT
echo "base image: debootstrap $suite from $mirror"
debootstrap --variant=minbase --include=python3,systemd,systemd-sysv,iproute2,ca-certificates,procps \
  "$suite" "$root" "$mirror" >"$root.log" 2>&1 || { tail -20 "$root.log" >&2; exit 1; }
rm -f "$root.log"
# Hosts in containers have no consoles or kernel modules to manage.
rm -f "$root"/etc/systemd/system/getty.target.wants/* 2>/dev/null || true
tar -C "$root" -c . | docker import \
  --change 'CMD ["/lib/systemd/systemd"]' --change 'ENV container=docker' \
  - "$image" >/dev/null
echo "base image: built $image"
