#!/usr/bin/env bash
# The fresh-machine check: `make unit sanity lint` (or TARGETS) from a clean clone of the
# committed HEAD, in a new Debian container that has only python3, python3-venv, make and
# git, on the local engine. Proves that the test command installs what it needs and that
# pytest needs no dockerd on the machine.
#   fresh_machine.sh [TARGET...]        default: unit sanity lint
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
image=${DOCKYARD_IMAGE_BOOKWORM:-dockyard/debian:bookworm}
targets=${*:-unit sanity lint}

if [ "${DOCKYARD_BUILD_IMAGES:-true}" = true ]; then
  "$repo/tests/tools/base_image.sh" bookworm "$image"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/dockyard-fresh.XXXXXX")
name="dockyard-fresh-$$"
cleanup() { docker rm -f "$name" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
git clone --quiet --no-local "$repo" "$work/repo"
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=normal)" ]; then
  echo "fresh machine: the work tree has uncommitted changes; they are not tested here (HEAD is)" >&2
fi

# Where the machine trusts an extra CA for the package index, the container must too.
mounts=()
env=()
if [ -s /etc/ssl/certs/ca-certificates.crt ]; then
  mounts+=(--volume /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro)
  env+=(--env PIP_CERT=/etc/ssl/certs/ca-certificates.crt --env REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt)
fi

echo "fresh machine: make $targets in $image, from a clean clone of $(git -C "$repo" rev-parse --short HEAD)"
docker run --name "$name" --rm "${mounts[@]}" "${env[@]}" --volume "$work/repo:/src:ro" \
  "$image" bash -euo pipefail -c "
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv make git >/dev/null
    cp -a /src /work && cd /work
    if command -v dockerd >/dev/null; then echo 'fresh machine: dockerd is installed' >&2; exit 1; fi
    make $targets
  "
echo "fresh machine: make $targets passed"
