#!/bin/sh
# docker.service's ExecStartPre on the upgrade scenario's Docker hosts (put there by prepare.yml, never by a role).
# While /run/dockyard-test-refuse-new-engine exists, engine 26 does not start: it stands for a new engine that
# fails after an upgrade, a failure no role anticipates. Engine 20.10 always starts.
if [ -e /run/dockyard-test-refuse-new-engine ] && /usr/sbin/dockerd --version | grep -q ' 26\.'; then
  echo "dockyard test: $(/usr/sbin/dockerd --version) refused to start" >&2
  exit 1
fi
