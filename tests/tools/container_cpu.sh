#!/usr/bin/env bash
# Prints "ID NAME CPU_SECONDS" for each running container: the CPU time its cgroup has used (cgroup v1 cpuacct, or v2
# cpu.stat under either cgroup driver). For CI's account of where the machine's CPU went.
set -uo pipefail
docker ps --no-trunc --format '{{.ID}} {{.Names}}' 2>/dev/null | while read -r id name; do
  for file in "/sys/fs/cgroup/cpuacct/docker/$id/cpuacct.usage" "/sys/fs/cgroup/system.slice/docker-$id.scope/cpu.stat" \
              "/sys/fs/cgroup/docker/$id/cpu.stat"; do
    [ -r "$file" ] || continue
    case $file in
      *.usage) awk -v id="${id:0:12}" -v name="$name" '{ printf "%s %s %d\n", id, name, $1 / 1e9 }' "$file" ;;
      *) awk -v id="${id:0:12}" -v name="$name" '$1 == "usage_usec" { printf "%s %s %d\n", id, name, $2 / 1e6 }' "$file" ;;
    esac
    break
  done
done
