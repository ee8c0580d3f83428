#!/usr/bin/env bash
# make test: every check CI runs, the independent legs beside each other, on one Docker engine. Each leg's log is
# printed whole when it ends; at the end, each failed leg's verdict lines and last lines again (CI keeps only the tail
# of long output) and a summary.
#   oldest      make unit sanity lint from a clean clone on a fresh bookworm container (ansible-core 2.19, Python 3.11)
#   newest      the same on a fresh trixie container (ansible-core 2.21, Python 3.13), then the docker_daemon
#               Molecule scenario under it
#   publish     changelog, alert rules, daemon_json beside the real dockerd 20.10, 26.1 and 28.5, the Galaxy
#               import, the docs site and its check in Chromium; the execution environment built and site.yml,
#               headroom.yml and site.yml again run through it with ansible-navigator (make ee-test)
#   molecule    the fleet and upgrade Molecule scenarios (ansible-core 2.19)
#   chaos       the controller killed at a sample of points of site.yml runs over SSH (the seed from the commit), each
#               host checked after each kill and after the next normal run; then a host lost mid-run (make chaos);
#               then the headroom Molecule scenario
#   chaos-upgrade  the same for upgrade.yml runs, with dockerd killed during the gates (make chaos-upgrade); then the
#               firewall Molecule scenario
#   demo        the demo fleet twice (the second run must change nothing), started when publish has passed; then
#               the docker_ce and rootless Molecule scenarios (the leg ends first otherwise)
# The machine's CPU use is sampled every 10 s into $logs/cpu.log and summed up at the end (busy share by 10 minutes).
# The machine is busy near 100 % from the start to the last legs: a further leg only stretches the others (and their
# hang guards), so a new check joins the leg that ends first rather than starting a leg of its own.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
logs="$repo/.cache/ci"
rm -rf "$logs" && mkdir -p "$logs"
make=${MAKE:-make}
newest_scenario=docker_daemon
molecule_scenarios="fleet upgrade"
demo_scenarios="docker_ce rootless"
chaos_scenario=headroom
chaos_upgrade_scenario=firewall
# Scenarios that need what CI cannot reach, each run by its own documented make target instead.
outside_ci="firewall_nftables"  # make firewall-nftables: dockerd 29, built from a moby clone
scenario_args() { printf -- '-s %s ' "$@"; }
# Every scenario runs in exactly one leg or outside CI: one added to molecule/ and to neither stops CI here.
legged=$(echo $newest_scenario $molecule_scenarios $demo_scenarios $chaos_scenario $chaos_upgrade_scenario $outside_ci | tr ' ' '\n' | sort)
present=$(for config in molecule/*/molecule.yml; do basename "$(dirname "$config")"; done | sort)
if [ "$legged" != "$present" ]; then
  echo "ci: the Molecule scenarios in molecule/ ($(echo $present)) are not those of the legs ($(echo $legged))" >&2
  exit 1
fi

summary=()
failed=0
run_leg() {  # name command...: in the background, its output in $logs/name.log
  local name=$1; shift
  ( start=$(date +%s); "$@" >"$logs/$name.log" 2>&1; rc=$?
    times >"$logs/$name.cpu"  # its own, then its children's user and system time
    echo "$rc $(( $(date +%s) - start ))" >"$logs/$name.result" ) &
  echo "ci: $name started: $*"
}
collect() {  # name...: wait for each, print its log and result
  local name rc seconds
  for name in "$@"; do
    while [ ! -f "$logs/$name.result" ]; do sleep 5; done
    read -r rc seconds <"$logs/$name.result"
    echo "================ $name (exit $rc, ${seconds} s) ================"
    cat "$logs/$name.log"
    summary+=("$(printf '%-13s %-6s %5d s' "$name" "$([ "$rc" = 0 ] && echo passed || echo FAILED)" "$seconds")")
    [ "$rc" = 0 ] || failed=1
  done
}

start=$(date +%s)
( while :; do
    echo "$(date +%s) $(head -n 1 /proc/stat)" >>"$logs/cpu.log"
    tests/tools/container_cpu.sh >>"$logs/containers.log"
    sleep 10
  done ) &
sampler=$!
trap 'kill "$sampler" 2>/dev/null' EXIT
# Shared by every leg: the toolchain, the collection link and both base images, made once before they start.
$make venv collection >/dev/null || exit 1
for suite in bookworm trixie; do
  variable=DOCKYARD_IMAGE_${suite^^}
  if [ "${DOCKYARD_BUILD_IMAGES:-true}" = true ]; then
    tests/tools/base_image.sh "$suite" "${!variable:-dockyard/debian:$suite}" || exit 1
  fi
done
export DOCKYARD_BUILD_IMAGES=false

run_leg oldest tests/tools/fresh_machine.sh --suite bookworm unit sanity lint
run_leg newest tests/tools/fresh_machine.sh --suite trixie --engine unit sanity lint --- molecule "SCENARIOS=-s $newest_scenario"
run_leg publish $make changelog rules differential galaxy-import docs-test ee-test
run_leg molecule $make molecule "SCENARIOS=$(scenario_args $molecule_scenarios)"
run_leg chaos $make -k chaos molecule "SCENARIOS=-s $chaos_scenario"
run_leg chaos-upgrade $make -k chaos-upgrade molecule "SCENARIOS=-s $chaos_upgrade_scenario"
collect publish
legs=(oldest newest molecule chaos chaos-upgrade)
if [ "$failed" = 0 ]; then
  run_leg demo $make -k demo-test molecule "SCENARIOS=$(scenario_args $demo_scenarios)"
  legs+=(demo)
fi
collect "${legs[@]}"

for result in "$logs"/*.result; do
  read -r rc seconds <"$result"
  name=$(basename "$result" .result)
  if [ "$rc" != 0 ]; then
    # A leg runs several checks and the last may pass: first the lines that say what failed, wherever they are.
    echo "================ $name failed; its verdict lines ================"
    sed 's/\x1b\[[0-9;]*m//g' "$logs/$name.log" | awk -f tests/tools/failed_tasks.awk | head -n 120
    grep -aE '^(point |chaos: |host away: )|failed=[1-9]|\*\*\* \[' "$logs/$name.log" | tail -n 30
    echo "================ $name: its last lines ================"
    tail -n 40 "$logs/$name.log"
  fi
done
if [ "$failed" != 0 ]; then  # what the machine had left, and whether the kernel killed a process for memory
  free -m | sed 's/^/ci: /'; df -h / /tmp | sed 's/^/ci: /'
  dmesg 2>/dev/null | grep -iE 'out of memory|oom-kill|killed process' | tail -n 5 | sed 's/^/ci: /'
fi
echo "================ summary ================"
printf '%s\n' "${summary[@]}"
# The busy share of the machine's CPUs, by 10 minutes of the run (from /proc/stat's cpu line: user nice system idle
# iowait irq softirq steal), so that a slow run says whether it lacked CPU or waited.
awk '{ idle = $6 + $7; busy = $3 + $4 + $5 + $8 + $9 + $10
       if (NR > 1) { window = int(($1 - first) / 600); b[window] += busy - lastbusy; t[window] += busy + idle - lastbusy - lastidle }
       else first = $1
       lastbusy = busy; lastidle = idle }
     END { line = "ci: CPU busy by 10 min:"; for (w = 0; w in t; w++) line = line sprintf(" %d%%", t[w] ? 100 * b[w] / t[w] : 0)
           print line }' "$logs/cpu.log"
# Where the CPU went: each leg's own processes (the Ansible controllers; from bash's times), then each kind of test
# container (its cgroup's CPU time, the last sample of each container, names without their numbers).
for cpu in "$logs"/*.cpu; do
  printf '%s %s\n' "$(basename "$cpu" .cpu)" "$(sed -n 2p "$cpu")"
done | awk '{ s = 0; for (i = 2; i <= 3; i++) { split($i, t, /[ms]/); s += 60 * t[1] + t[2] }; line = line sprintf(" %s %d", $1, s) }
            END { print "ci: controller CPU s by leg:" line }'
awk '{ last[$1] = $3; name[$1] = $2 }
     END { for (id in last) { n = name[id]; gsub(/-?[0-9]+/, "", n); sum[n] += last[id] }
           for (n in sum) printf "%d %s\n", sum[n], n }' "$logs/containers.log" | sort -rn | head -n 15 |
  awk '{ line = line sprintf(" %s %d", $2, $1) } END { print "ci: container CPU s by name:" line }'
echo "ci: $(( $(date +%s) - start )) s in all"
exit "$failed"
