#!/usr/bin/env bash
# Ensure a Docker engine answers on the default socket, for the Molecule test bed.
#   engine.sh start   start Debian's docker.io when no engine answers (installing it if needed)
#   engine.sh stop    stop the dockerd this script started, and nothing else
#   engine.sh run CMD...  run CMD with an engine up; stop the engine afterwards only
#                         when this call started it
set -euo pipefail
state_dir=${DOCKYARD_STATE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/.cache/engine}
started="$state_dir/started.pid"

engine_answers() { docker info >/dev/null 2>&1; }

start() {
  if engine_answers; then
    echo "engine: a Docker engine already answers; using it"
    return
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "engine: installing Debian's docker.io"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
  fi
  mkdir -p "$state_dir"
  echo "engine: starting dockerd (log: $state_dir/dockerd.log)"
  setsid dockerd --pidfile /var/run/docker.pid >"$state_dir/dockerd.log" 2>&1 < /dev/null &
  echo $! >"$started"
  for _ in $(seq 1 60); do
    if engine_answers; then
      echo "engine: dockerd $(docker version --format '{{.Server.Version}}') is up"
      return
    fi
    if ! kill -0 "$(cat "$started")" 2>/dev/null; then
      tail -20 "$state_dir/dockerd.log" >&2
      echo "engine: dockerd exited during start" >&2
      rm -f "$started"
      exit 1
    fi
    sleep 1
  done
  echo "engine: dockerd did not answer within 60 s" >&2
  exit 1
}

stop() {
  if [ ! -f "$started" ]; then
    echo "engine: not started by this script; leaving it alone"
    return
  fi
  pid=$(cat "$started")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  rm -f "$started"
  echo "engine: stopped dockerd $pid"
}

run() {
  local started_here=false rc=0
  if ! engine_answers; then
    start
    started_here=true
  fi
  "$@" || rc=$?
  if $started_here; then stop; fi
  return "$rc"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  run) shift; run "$@" ;;
  *) echo "usage: $0 start|stop|run CMD..." >&2; exit 2 ;;
esac
