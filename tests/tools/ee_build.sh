#!/usr/bin/env bash
# Build the execution environment of meta/execution-environment.yml with ansible-builder on the local engine:
# this checkout's collection as a tarball in the build context, on the project's Debian image unless a base image
# is given. Usage: ee_build.sh ANSIBLE_GALAXY ANSIBLE_BUILDER IMAGE [BASE_IMAGE]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
galaxy=$1 builder=$2 image=$3 base=${4:-}
context=$repo/.cache/ee
rm -rf "$context/context-files" "$context/build"
mkdir -p "$context/context-files"
"$galaxy" collection build --force --output-path "$context" "$repo" >/dev/null
mv "$context"/dockyard-docker_host-*.tar.gz "$context/context-files/dockyard-docker_host.tar.gz"
# Where this machine trusts an extra CA for the package index, the build must too.
if [ -s /etc/ssl/certs/ca-certificates.crt ]; then
  cp /etc/ssl/certs/ca-certificates.crt "$context/context-files/ca-certificates.crt"
fi
args=()
if [ -n "$base" ]; then
  args+=(--build-arg "EE_BASE_IMAGE=$base")
else
  "$repo/tests/tools/base_image.sh" trixie dockyard/debian:trixie
fi
"$builder" build --file "$repo/meta/execution-environment.yml" --context "$context/build" \
  --container-runtime docker --tag "$image" "${args[@]}" --verbosity 1
echo "ee: built $image"
