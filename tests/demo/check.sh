#!/usr/bin/env bash
# The demo as a test: provision a small demo fleet with site.yml, run it again and
# require that nothing changed on any fleet host, check the report, then remove it.
#   check.sh [HOSTS]    default 2
set -euo pipefail
cd "$(dirname "$0")/../.."
hosts=${1:-2}
log=$(mktemp)
trap 'rm -f "$log"; make --no-print-directory demo-clean >/dev/null 2>&1 || true' EXIT
make --no-print-directory demo-clean >/dev/null
make --no-print-directory demo HOSTS="$hosts" >"$log" 2>&1 || { tail -40 "$log"; echo "demo: first run failed" >&2; exit 1; }
make --no-print-directory demo HOSTS="$hosts" >"$log" 2>&1 || { tail -40 "$log"; echo "demo: second run failed" >&2; exit 1; }
changed=$(grep -E '^dockyard-demo-[a-z0-9-]+ +: ' "$log" | grep -v ' changed=0 ' || true)
if [ -n "$changed" ]; then
  echo "demo: the second run changed something:" >&2
  echo "$changed" >&2
  exit 1
fi
# site.yml installs the engine without letting the packages start it: dockerd starts once, with its daemon.json.
for index in $(seq 1 "$hosts"); do
  starts=$(docker exec "dockyard-demo-docker-$index" journalctl --unit docker.service --output cat --no-pager \
    | grep -c 'Daemon has completed initialization' || true)
  [ "$starts" -eq 1 ] || { echo "demo: dockerd started $starts times on dockyard-demo-docker-$index, not once" >&2; exit 1; }
done
counted=$(grep -cE '^dockyard-demo-' "$log")
[ "$counted" -eq $((hosts + 1)) ] || { echo "demo: expected $((hosts + 1)) hosts in the recap, got $counted" >&2; exit 1; }
.venv/bin/python - "$hosts" "$log" <<'PY'
import json, re, sys
report = json.load(open(".cache/demo/headroom-report/headroom.json"))
hosts = int(sys.argv[1])
rows = report["rows"]
assert len(rows) == hosts and all(r["ok"] for r in rows), rows
# The CI-like host comes first, in warning, with its left-behind pack networks stale; the others are fine.
ci = rows[0]
assert ci["host"] == "dockyard-demo-docker-1" and ci["severity"] == "warning", [(r["host"], r["severity"]) for r in rows]
assert ci["free_ipv4"] < 32 and sum(1 for n in ci["stale_detail"] if n["name"].startswith("pack.local-network-demo")) >= 30, ci
assert dict(ci["creators"]).get("compose") == 4 and dict(ci["creators"]).get("pack", 0) >= 30, ci["creators"]
assert all(r["severity"] == "ok" and r["free_ipv4"] >= 32 for r in rows[1:]), [(r["host"], r["free_ipv4"]) for r in rows]
html = open(".cache/demo/headroom-report/headroom.html").read()
assert all(r["host"] in html for r in rows)
import ipaddress, yaml
record = yaml.safe_load(open(".cache/demo/fleet-pools.yml"))["hosts"]
blocks = [ipaddress.ip_network(row["pools"][0]["base"]) for row in record.values()]
assert len(blocks) >= hosts and all(b.subnet_of(ipaddress.ip_network("10.200.0.0/16")) for b in blocks), record
assert not [(a, b) for i, a in enumerate(blocks) for b in blocks[i + 1:] if a.overlaps(b)], record
log = open(sys.argv[2]).read()
previewed = len(re.findall(r"dockyard-demo-docker-\d+: pools as previewed", log))
assert previewed == hosts, "pools_plan's preview matched site.yml on %d of %d hosts" % (previewed, hosts)
assert re.search(r"dockyard_networks_pruned_total [1-9]", log), "the watchdog's pruning is not in the demo's output"
print("demo: %d hosts provisioned as pools_plan previewed, second run unchanged, %s in warning, the watchdog pruned "
      "its builds' networks" % (hosts, ci["host"]))
PY
