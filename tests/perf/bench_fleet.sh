#!/usr/bin/env bash
# Benchmark: the demo fleet's converge and idempotent re-run times for 1, 5 and 10
# Docker hosts (plus the apt cache), so the cost per added host is visible.
# Rebuilds the demo fleet from scratch for each size. Prints figures; asserts nothing.
#   bench_fleet.sh [SIZES...]     default: 1 5 10
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("${@:-1 5 10}")
read -r -a sizes <<<"${sizes[*]}"
seconds() { local start=$SECONDS; "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; echo $((SECONDS - start)); }
printf '%-6s %12s %12s %16s\n' hosts converge_s rerun_s converge_s/host
for n in "${sizes[@]}"; do
  make --no-print-directory demo-clean >/dev/null 2>&1
  converge=$(seconds make --no-print-directory demo HOSTS="$n")
  rerun=$(seconds make --no-print-directory demo HOSTS="$n")
  printf '%-6s %12s %12s %16s\n' "$n" "$converge" "$rerun" "$(python3 -c "print(round($converge / $n, 1))")"
done
make --no-print-directory demo-clean >/dev/null 2>&1
