#!/usr/bin/env bash
# The fresh-machine check: make targets from a clean clone of the committed HEAD, in a new Debian container
# that has only python3, python3-venv, make and git, on the local engine. Proves that the test command
# installs what it needs and that pytest needs no dockerd on the machine.
#   fresh_machine.sh [--suite SUITE] [--engine] [MAKE ARGS...]     default: bookworm, unit sanity lint
#   --suite trixie   Debian trixie (Python 3.13, so pip resolves the newest ansible-core) instead of bookworm
#   --engine         give the container the host's engine socket and the docker client (docker-cli, no
#                    dockerd), for Molecule scenarios whose test hosts then run beside the container
# Several MAKE ARGS groups run one after another when separated by ---.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
suite=bookworm
engine=false
while [ $# -gt 0 ]; do
  case "$1" in
    --suite) suite=${2:?--suite takes a Debian suite}; shift 2 ;;
    --engine) engine=true; shift ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || set -- unit sanity lint
case "$suite" in
  bookworm) image=${DOCKYARD_IMAGE_BOOKWORM:-dockyard/debian:bookworm} ;;
  trixie) image=${DOCKYARD_IMAGE_TRIXIE:-dockyard/debian:trixie} ;;
  *) echo "fresh machine: suite $suite is not bookworm or trixie" >&2; exit 2 ;;
esac

# The make commands, quoted for the container's shell, one a line so that errexit stops at the first that
# fails: "make A B", "make C D" for "A B --- C D".
commands="make"
for word in "$@"; do
  if [ "$word" = "---" ]; then commands+=$'\n'"    make"; else commands+=" $(printf '%q' "$word")"; fi
done

if [ "${DOCKYARD_BUILD_IMAGES:-true}" = true ]; then
  "$repo/tests/tools/base_image.sh" "$suite" "$image"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/dockyard-fresh.XXXXXX")
name="dockyard-fresh-$suite-$$"
cleanup() { docker rm -f "$name" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
git clone --quiet --no-local "$repo" "$work/repo"
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=normal)" ]; then
  echo "fresh machine: the work tree has uncommitted changes; they are not tested here (HEAD is)" >&2
fi

# Where the machine trusts an extra CA for the package index, the container must too.
mounts=()
env=(--env "DOCKYARD_BUILD_IMAGES=${DOCKYARD_BUILD_IMAGES:-true}")
if [ -s /etc/ssl/certs/ca-certificates.crt ]; then
  mounts+=(--volume /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro)
  env+=(--env PIP_CERT=/etc/ssl/certs/ca-certificates.crt --env REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt)
fi
packages="python3 python3-venv make git"
if $engine; then
  mounts+=(--volume /var/run/docker.sock:/var/run/docker.sock)
  packages+=" docker-cli"
  for variable in DOCKYARD_IMAGE_BOOKWORM DOCKYARD_IMAGE_TRIXIE; do
    if [ -n "${!variable:-}" ]; then env+=(--env "$variable=${!variable}"); fi
  done
fi

echo "fresh machine: ${commands//$'\n'    / then } in $image, from a clean clone of $(git -C "$repo" rev-parse --short HEAD)"
docker run --name "$name" --rm "${mounts[@]}" "${env[@]}" --volume "$work/repo:/src:ro" \
  "$image" bash -euo pipefail -c "
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
    cp -a /src /work && cd /work
    if command -v dockerd >/dev/null; then echo 'fresh machine: dockerd is installed' >&2; exit 1; fi
    python3 --version
    $commands
    .venv/bin/ansible --version | head -1
  "
echo "fresh machine ($suite): ${commands//$'\n'    / then } passed"
