#!/usr/bin/env bash
# Build dockerd and docker-proxy of a moby release from a local git clone of moby, offline (moby vendors its Go
# modules), with Debian trixie's Go in a throw-away container: for engines no Debian suite ships yet (29.x, whose
# nftables firewall backend has bridge rules of its own). Trixie's Go is 1.24.4, which builds moby up to
# docker-v29.1.5 (go.mod: go 1.24.3; 29.2 wants Go 1.25). Skipped when DIR holds both binaries of REF already.
#   dockerd_from_source.sh MOBY_CLONE REF DIR     e.g. dockerd_from_source.sh ~/src/moby docker-v29.1.5 .cache/dockerd-29
set -euo pipefail
clone=${1:?usage: $0 MOBY_CLONE REF DIR}
ref=${2:?usage: $0 MOBY_CLONE REF DIR}
dir=${3:?usage: $0 MOBY_CLONE REF DIR}
image=${DOCKYARD_IMAGE_TRIXIE:-dockyard/debian:trixie}
version=${ref#docker-v}

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
if [ -x "$dir/dockerd" ] && [ -x "$dir/docker-proxy" ] && [ "$(cat "$dir/ref" 2>/dev/null)" = "$ref" ]; then
  echo "dockerd from source: $dir holds $ref"
  exit 0
fi
git -C "$clone" cat-file -e "$ref^{commit}" 2>/dev/null || { echo "dockerd from source: $clone has no $ref" >&2; exit 2; }
"$(dirname "$0")/base_image.sh" trixie "$image" >/dev/null
git -C "$clone" archive --format=tar "$ref" >"$dir/source.tar"
trap 'rm -f "$dir/source.tar"' EXIT
echo "dockerd from source: building $ref with trixie's Go"
start=$(date +%s)
docker run --rm --volume "$dir:/out" --env "VERSION=$version" "$image" bash -euo pipefail -c '
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-1.24-go >/dev/null
  mkdir /src && tar -C /src -xf /out/source.tar && cd /src
  export PATH=/usr/lib/go-1.24/bin:$PATH GOFLAGS=-mod=vendor CGO_ENABLED=0 GOTOOLCHAIN=local
  for command in dockerd docker-proxy; do
    go build -trimpath -ldflags "-X github.com/moby/moby/v2/dockerversion.Version=$VERSION" -o "/out/$command" \
      "./cmd/$command"
  done'
echo "$ref" >"$dir/ref"
echo "dockerd from source: $("$dir/dockerd" --version) in $(( $(date +%s) - start )) s"
