#!/usr/bin/env bash
# Unpack Debian's dockerd of one suite into a directory, installing nothing and leaving the system's apt
# configuration alone: a private apt setup (its own source list, lists, cache) downloads docker.io, and
# dpkg-deb -x unpacks it. Prints the path of the dockerd binary.
#   dockerd_binary.sh SUITE DIR      e.g. dockerd_binary.sh trixie .cache/dockerd   (bookworm, trixie, forky)
set -euo pipefail
suite=${1:?usage: $0 SUITE DIR}
dir=${2:?usage: $0 SUITE DIR}
mirror=${DOCKYARD_DEBIAN_MIRROR:-http://deb.debian.org/debian}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
case "$suite" in bookworm|trixie|forky|sid) ;; *) echo "dockerd binary: unknown suite $suite" >&2; exit 2 ;; esac

root="$dir/$suite"
if [ -x "$root/usr/sbin/dockerd" ]; then
  echo "$root/usr/sbin/dockerd"
  exit 0
fi
apt_dir="$dir/.apt-$suite"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/cache"
echo "deb [signed-by=$keyring] $mirror $suite main" >"$apt_dir/sources.list"
apt_private=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache"
  -o "Dir::Cache::Archives=$apt_dir/archives" -o Debug::NoLocking=true -o APT::Sandbox::User=root)
apt-get "${apt_private[@]}" -qq update >&2
(cd "$apt_dir/archives" && apt-get "${apt_private[@]}" -qq download docker.io >&2)
rm -rf "$root.partial" && mkdir -p "$root.partial"
dpkg-deb -x "$apt_dir"/archives/docker.io_*.deb "$root.partial"
mv "$root.partial" "$root"
echo "$root/usr/sbin/dockerd"
