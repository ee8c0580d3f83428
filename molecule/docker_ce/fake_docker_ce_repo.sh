#!/usr/bin/env bash
# Build and serve a signed apt repository laid out like Docker's, with packages
# named like Docker's at two versions, so the docker_ce path runs for real:
# key by URL, signed-by source, version pattern, pin, hold and upgrade.
# With --engine-from-docker-io it also offers docker-ce at the version of Debian's
# docker.io, holding that package's real engine, so a switch between the two runs for real, and
# docker-ce-rootless-extras at that version, holding docker.io's dockerd-rootless.sh where Docker's
# package has it (/usr/bin) and depending on Debian's rootlesskit, so a rootless engine runs on it.
# With --https NAME it is served as Docker's is: HTTPS on 443 with a certificate for NAME from
# a local CA (installed in this host's trust store; ca.crt beside the repository for clients),
# and plain HTTP on 80 redirected to HTTPS; otherwise plain HTTP on 127.0.0.1:PORT.
#   fake_docker_ce_repo.sh PORT [--engine-from-docker-io] [--https NAME]
set -euo pipefail
port=${1:-8099}
shift || true
engine_from_docker_io=""
https_name=""
while [ $# -gt 0 ]; do
  case $1 in
    --engine-from-docker-io) engine_from_docker_io=$1 ;;
    --https) https_name=${2:?--https needs the name clients use}; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
root=/srv/dockyard-fake-docker-ce
arch=$(dpkg --print-architecture)
codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
rm -rf "$root" && mkdir -p "$root/debian/pool" "$root/build"
export GNUPGHOME="$root/gnupg"
mkdir -m 700 -p "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'Dockyard test repository <test@dockyard.invalid>' ed25519 sign never
gpg --armor --export > "$root/debian/gpg"

# stand_in PACKAGE UPSTREAM [empty]: a package named like Docker's; docker-ce's "engine" answers the Engine API
# requests the collection makes with its version (stand_in_engine.py) and docker-ce-cli prints it, unless empty.
stand_in() {
  local package=$1 upstream=$2 empty=${3:-}
  local version="5:$upstream-1~debian.12~$codename" dir="$root/build/$1-$2" depends=""
  mkdir -p "$dir/DEBIAN"
  case $package-$empty in
    docker-ce-)
      depends="Depends: docker-ce-cli, containerd.io"
      mkdir -p "$dir/lib/systemd/system" "$dir/usr/lib/dockyard-stand-in"
      cp /usr/local/lib/dockyard-test/stand_in_engine.py "$dir/usr/lib/dockyard-stand-in/engine.py"
      printf '[Unit]\nDescription=Stand-in engine %s\n[Service]\nExecStart=/usr/bin/python3 /usr/lib/dockyard-stand-in/engine.py %s\n[Install]\nWantedBy=multi-user.target\n' \
        "$upstream" "$upstream" > "$dir/lib/systemd/system/docker.service"
      ;;
    docker-ce-cli-)
      mkdir -p "$dir/usr/bin"
      printf '#!/bin/sh\necho %s\n' "$upstream" > "$dir/usr/bin/docker"
      chmod 0755 "$dir/usr/bin/docker"
      ;;
  esac
  {
    echo "Package: $package"
    echo "Version: $version"
    echo "Architecture: $arch"
    echo "Maintainer: Dockyard tests <test@dockyard.invalid>"
    [ -n "$depends" ] && echo "$depends"
    echo "Description: stand-in for Docker's $package, for repository tests"
  } > "$dir/DEBIAN/control"
  dpkg-deb --root-owner-group --build "$dir" "$root/debian/pool/" >/dev/null
}

for upstream in 27.0.1 27.1.0; do
  for package in docker-ce docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin; do
    stand_in "$package" "$upstream"
  done
done

if [ -n "$engine_from_docker_io" ]; then
  # docker-ce made of docker.io's own package (engine and CLI); it conflicts with docker.io and
  # replaces its files, as Docker's package does. Its companions are empty at the same version.
  (cd "$root/build" && apt-get download docker.io >/dev/null)
  deb=$(ls "$root"/build/docker.io_*.deb)
  upstream=$(dpkg-deb --field "$deb" Version | sed 's/[+~-].*//')
  dpkg-deb --raw-extract "$deb" "$root/build/engine"
  # Docker's docker-ce has no contrib directory: its rootless script comes with docker-ce-rootless-extras.
  extras="$root/build/docker-ce-rootless-extras"
  mkdir -p "$extras/DEBIAN" "$extras/usr/bin"
  mv "$root/build/engine/usr/share/docker.io/contrib/dockerd-rootless.sh" "$extras/usr/bin/dockerd-rootless.sh"
  rm -rf "$root/build/engine/usr/share/docker.io/contrib"
  printf 'Package: docker-ce-rootless-extras\nVersion: 5:%s-1~debian.12~%s\nArchitecture: %s\nMaintainer: Dockyard tests <test@dockyard.invalid>\nDepends: docker-ce, rootlesskit\nDescription: stand-in for Docker'"'"'s docker-ce-rootless-extras, for rootless tests\n' \
    "$upstream" "$codename" "$arch" > "$extras/DEBIAN/control"
  dpkg-deb --root-owner-group --build "$extras" "$root/debian/pool/" >/dev/null
  sed -i -e "s/^Package: docker.io$/Package: docker-ce/" -e "s/^Version: .*/Version: 5:$upstream-1~debian.12~$codename/" \
    -e '/^Source:/d' -e '/^Built-Using:/d' -e '/^Recommends:/d' -e '/^Suggests:/d' \
    -e 's/^Conflicts: .*/Conflicts: docker.io\nReplaces: docker.io/' "$root/build/engine/DEBIAN/control"
  # gzip -1: xz (the default) takes minutes on a busy machine for the engine, and apt reads either.
  dpkg-deb --root-owner-group -Zgzip -z1 --build "$root/build/engine" "$root/debian/pool/" >/dev/null
  for package in docker-ce-cli containerd.io docker-buildx-plugin docker-compose-plugin; do
    stand_in "$package" "$upstream" empty
  done
fi

cd "$root/debian"
mkdir -p "dists/$codename/stable/binary-$arch"
apt-ftparchive packages pool > "dists/$codename/stable/binary-$arch/Packages"
gzip -kf "dists/$codename/stable/binary-$arch/Packages"
apt-ftparchive \
  -o APT::FTPArchive::Release::Origin=Docker -o APT::FTPArchive::Release::Suite="$codename" \
  -o APT::FTPArchive::Release::Codename="$codename" -o APT::FTPArchive::Release::Components=stable \
  -o APT::FTPArchive::Release::Architectures="$arch" release "dists/$codename" > "dists/$codename/Release"
gpg --batch --yes --clearsign -o "dists/$codename/InRelease" "dists/$codename/Release"

systemctl stop dockyard-fake-docker-ce 2>/dev/null || true
serve=(python3 /usr/local/lib/dockyard-test/serve_repository.py "$root")
probe=http://127.0.0.1:$port/debian/gpg
if [ -n "$https_name" ]; then
  ca="$root/ca"
  mkdir -p "$ca"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3 -subj "/CN=Dockyard test CA" \
    -keyout "$ca/ca.key" -out "$root/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$https_name" -keyout "$ca/server.key" -out "$ca/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:%s\n' "$https_name" > "$ca/san"
  openssl x509 -req -in "$ca/server.csr" -CA "$root/ca.crt" -CAkey "$ca/ca.key" -CAcreateserial -days 3 \
    -extfile "$ca/san" -out "$ca/server.crt" 2>/dev/null
  cp "$root/ca.crt" /usr/local/share/ca-certificates/dockyard-test-ca.crt
  update-ca-certificates >/dev/null 2>&1
  serve+=(--tls "$ca/server.crt" "$ca/server.key" --name "$https_name")
  probe=https://$https_name/debian/gpg
else
  serve+=(--listen "127.0.0.1:$port")
fi
systemd-run --unit dockyard-fake-docker-ce "${serve[@]}" >/dev/null
for _ in $(seq 1 20); do
  python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1])" "$probe" 2>/dev/null && exit 0
  sleep 0.5
done
echo "repository server did not start" >&2
exit 1
