# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection: kill the controller anywhere in site.yml runs, then check that no host was left broken.

A small fleet (an apt cache and two Docker hosts, systemd containers reached over SSH as real fleets are: with
the docker connection a remote command outlives a killed controller and hides the failure) is converged once.
Then each point flips the Docker hosts' daemon.json settings (a label and a log option, so every run restarts
dockerd), runs site.yml and SIGKILLs every process of ansible-playbook at a task start, or some seconds into
that task (tests/chaos/callback_plugins/chaos_kill.py). After each kill, on every host: dockerd answers, dpkg has
nothing half-done and apt reads its sources, daemon.json parses (and the installed dockerd accepts it, where it
has --validate), every container that ran still runs, the engine's packages are held, and the fleet record
parses and holds no block twice. A normal run then converges the fleet: it must succeed, say what it found
half-done (a restart pending), and leave dockerd running what daemon.json says.

  chaos.py [--points N] [--seed S]     a seeded sample of N points spread over the run (default 30), and the
                                       boundary right after daemon.json is written
  chaos.py --all                       every task boundary of the run (the full sweep)
  chaos.py --at 61,64+2.5              only these task starts (+ seconds into the task), to reproduce a point
  chaos.py --keep                      leave the fleet running afterwards (--reuse starts from it)

Prints a line per point and a summary; exits 1 when any host was left broken.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import base64
import concurrent.futures
import ipaddress
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools"))
from systemd_host import docker_run_args  # noqa: E402  pylint: disable=wrong-import-position

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
STATE = os.path.join(REPO, ".cache", "chaos")
IMAGE = os.environ.get("DOCKYARD_IMAGE_BOOKWORM", "dockyard/debian:bookworm")
NETWORK, SUBNET = "dockyard-chaos", "10.251.0.0/24"
CACHE = ("dockyard-chaos-cache", "10.251.0.10")
DOCKER_HOSTS = (("dockyard-chaos-1", "10.251.0.11"), ("dockyard-chaos-2", "10.251.0.12"))
HELD = ("docker.io", "containerd")
# Two settings of the Docker hosts; each point applies the other one, so every run changes daemon.json and
# restarts dockerd (log-opts needs a restart).
VARIANTS = {
    "a": {"labels": ["dockyard-chaos=a"], "log-opts": {"max-size": "10m"}},
    "b": {"labels": ["dockyard-chaos=b"], "log-opts": {"max-size": "20m"}},
}
PENDING_SAID = re.compile(r"dockerd on (\S+) runs other settings than daemon.json")
SITE_SETTINGS = {
    "docker_engine_source": "distro",
    "site_pool_supernet": "10.200.0.0/16",
    "site_pool_host_prefix": 18,
    "site_min_free_subnets": 32,
    "headroom_watch_interval": 10,
}


def sh(argv, check=True, **kwargs):
    done = subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)
    if check and done.returncode != 0:
        raise SystemExit("chaos: %s failed (%d): %s" % (" ".join(argv), done.returncode,
                                                        (done.stdout + done.stderr)[-2000:]))
    return done


def on_host(host, script, check=False):
    return sh(["docker", "exec", host, "sh", "-c", script], check=check)


def remove_fleet():
    for name, _address in (CACHE,) + DOCKER_HOSTS:
        sh(["docker", "rm", "-f", name], check=False)
    sh(["docker", "network", "rm", NETWORK], check=False)


def start_fleet():
    """The hosts, with sshd and the controller's key; the Docker hosts with busybox for a container later."""
    sh([os.path.join(REPO, "tests", "tools", "base_image.sh"), "bookworm", IMAGE])
    remove_fleet()
    if os.path.isdir(STATE):
        shutil.rmtree(STATE)
    os.makedirs(STATE)
    key = os.path.join(STATE, "id_ed25519")
    sh(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key])
    with open(key + ".pub") as handle:
        public = handle.read().strip()
    sh(["docker", "network", "create", "--subnet", SUBNET, NETWORK])
    hosts = (CACHE,) + DOCKER_HOSTS
    for name, address in hosts:
        sh(docker_run_args(name, IMAGE, ["--network", NETWORK, "--ip", address]))
    setup = ("systemctl is-system-running --wait >/dev/null 2>&1; export DEBIAN_FRONTEND=noninteractive; "
             "apt-get update -qq && apt-get install -y -qq --no-install-recommends openssh-server %s >/dev/null "
             "&& mkdir -p -m 0700 /root/.ssh && echo '%s' > /root/.ssh/authorized_keys && systemctl start ssh")
    with concurrent.futures.ThreadPoolExecutor(len(hosts)) as pool:
        futures = [pool.submit(on_host, name, setup % ("busybox-static" if name != CACHE[0] else "", public), True)
                   for name, _address in hosts]
        for future in futures:
            future.result()
    write_inventory()


def write_inventory():
    key = os.path.join(STATE, "id_ed25519")
    inventory = {"all": {
        "vars": dict(SITE_SETTINGS, ansible_user="root", ansible_python_interpreter="/usr/bin/python3",
                     ansible_ssh_private_key_file=key, site_pool_record=os.path.join(STATE, "fleet-pools.yml"),
                     ansible_ssh_common_args="-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
                                             "-o ConnectTimeout=10"),
        "children": {"apt_cache": {"hosts": {CACHE[0]: {"ansible_host": CACHE[1]}}},
                     "docker_hosts": {"hosts": dict((name, {"ansible_host": address})
                                                    for name, address in DOCKER_HOSTS)}}}}
    with open(os.path.join(STATE, "inventory.yml"), "w") as handle:
        yaml.safe_dump(inventory, handle)


def run_site(variant, kill_at=0, delay=0.0, task_log="", stop_host=""):
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0", ANSIBLE_PIPELINING="1",
               ANSIBLE_HOST_KEY_CHECKING="0", ANSIBLE_CALLBACKS_ENABLED="chaos_kill",
               ANSIBLE_CALLBACK_PLUGINS=os.path.join(REPO, "tests", "chaos", "callback_plugins"),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, ".cache", "collections"),
               CHAOS_KILL_AT=str(kill_at), CHAOS_KILL_DELAY=str(delay), CHAOS_TASK_LOG=task_log,
               CHAOS_STOP_HOST=stop_host, ANSIBLE_SSH_CONTROL_PATH_DIR=os.path.join(STATE, "cp"))
    extra = json.dumps({"docker_daemon_config": VARIANTS[variant]})
    started = time.monotonic()
    done = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", os.path.join(STATE, "inventory.yml"),
                           "-e", extra, os.path.join(REPO, "playbooks", "site.yml")],
                          capture_output=True, text=True, check=False, env=env, start_new_session=True)
    return done, time.monotonic() - started


def start_container(host):
    script = ("set -e; root=$(mktemp -d); mkdir -p $root/bin $root/www; cp /bin/busybox $root/bin/busybox; "
              "echo chaos > $root/www/index.html; tar -C $root -c . | docker import - dockyard/busybox:chaos >/dev/null; "
              "docker run -d --name web --restart unless-stopped -p 8080:8080 dockyard/busybox:chaos "
              "/bin/busybox httpd -f -p 8080 -h /www >/dev/null")
    on_host(host, script, check=True)


def quiesce(host, seconds=180):
    """Wait until what the killed run started on the host is over (a module finishes even when its ssh dies)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        # A module runs as a bare /usr/bin/python3 reading its code from ssh (pipelining). The brackets keep the
        # pattern from matching the shell that runs pgrep.
        busy = on_host(host, "pgrep -f '^/usr/bin/python3$|[A]nsiballZ|[a]nsible-tmp|[a]pt-get|/usr/bin/[d]pkg' "
                             "|| true").stdout.strip()
        if not busy:
            return True
        time.sleep(1)
    return False


def host_state(host):
    """What the checks read on one Docker host, in one docker exec."""
    script = r"""
echo "answers=$(docker info --format '{{json .Labels}}' 2>/dev/null || echo down)"
echo "running=$(docker ps --quiet --no-trunc 2>/dev/null | sort | tr '\n' ' ')"
echo "audit=$(dpkg --audit 2>&1 | head -3 | tr '\n' ' ')"
apt-get check -qq >/dev/null 2>&1 && echo apt=ok || echo apt=broken
echo "held=$(apt-mark showhold | tr '\n' ' ')"
echo "daemon_json=$(base64 -w0 /etc/docker/daemon.json 2>/dev/null)"
if dockerd --help 2>&1 | grep -q -- --validate; then
  dockerd --validate --config-file /etc/docker/daemon.json >/dev/null 2>&1 && echo validate=ok || echo validate=refused
else echo validate=none; fi
"""
    state = {}
    for line in on_host(host, script).stdout.splitlines():
        key, _sep, value = line.partition("=")
        state[key] = value.strip()
    return state


def problems_of(state, before, strict, variant):
    """What is wrong on a host, as text; strict once a normal run has converged it."""
    found = []
    if state.get("answers", "down") == "down":
        found.append("dockerd does not answer")
    if state.get("audit"):
        found.append("dpkg --audit: %s" % state["audit"])
    if state.get("apt") != "ok":
        found.append("apt-get check fails")
    try:
        on_disk = json.loads(base64.b64decode(state.get("daemon_json", "")) or b"null")
    except ValueError:
        on_disk = "unparsable"
        found.append("daemon.json does not parse")
    if state.get("validate") == "refused":
        found.append("the installed dockerd refuses daemon.json")
    running = set(state.get("running", "").split())
    gone = sorted(set(before) - running)
    if gone:
        found.append("containers that ran no longer run: %s" % ", ".join(c[:12] for c in gone))
    held = set(state.get("held", "").split())
    if not set(HELD) <= held:
        found.append("not held: %s" % ", ".join(sorted(set(HELD) - held)))
    labels = json.loads(state["answers"]) if state.get("answers", "down") != "down" else None
    if strict:
        if not isinstance(on_disk, dict) or on_disk.get("labels") != VARIANTS[variant]["labels"]:
            found.append("daemon.json does not hold the settings of the run")
        if labels is not None and isinstance(on_disk, dict) and sorted(labels or []) != sorted(on_disk.get("labels", [])):
            found.append("dockerd runs labels %s, daemon.json says %s" % (labels, on_disk.get("labels")))
    pending = isinstance(on_disk, dict) and labels is not None and sorted(labels or []) != sorted(on_disk.get("labels", []))
    return found, pending


def record_problems():
    path = os.path.join(STATE, "fleet-pools.yml")
    if not os.path.exists(path):
        return []
    try:
        with open(path) as handle:
            rows = (yaml.safe_load(handle) or {}).get("hosts", {})
        blocks = [ipaddress.ip_network(pool["base"]) for row in rows.values() for pool in row["pools"]]
    except (ValueError, KeyError, TypeError, AttributeError, yaml.YAMLError) as error:
        return ["the fleet record does not parse: %s" % error]
    twice = [(str(a), str(b)) for i, a in enumerate(blocks) for b in blocks[i + 1:] if a.overlaps(b)]
    return ["the fleet record holds a block twice: %s" % twice] if twice else []


def check_fleet(before, strict, variant):
    names = [name for name, _address in DOCKER_HOSTS]
    with concurrent.futures.ThreadPoolExecutor(len(names)) as pool:
        states = dict(zip(names, pool.map(host_state, names)))
    problems, pending = {}, {}
    for name in names:
        found, pending[name] = problems_of(states[name], before.get(name, []), strict, variant)
        if found:
            problems[name] = found
    fleet = record_problems()
    if fleet:
        problems["fleet record"] = fleet
    return problems, pending, states


def task_map(path):
    with open(path) as handle:
        return [line.rstrip("\n").split("\t", 1)[1] for line in handle if "\t" in line]


def choose_points(total, count, seed, every):
    """Task starts to kill at, with a delay: every boundary, or a seeded sample spread over the run (one per
    equal stretch), a third of them a few seconds into the task."""
    if every:
        return [(start, 0.0) for start in range(1, total + 1)]
    rng = random.Random(seed)
    points = []
    for index in range(count):
        low = 1 + index * total // count
        high = max(low, (index + 1) * total // count)
        points.append((rng.randint(low, high), round(rng.uniform(0.5, 4.0), 1) if index % 3 == 2 else 0.0))
    return points


def host_goes_away(tasks, applied):
    """A Docker host lost mid-run (at docker_daemon's first task): the run says it is unreachable and the other
    finishes; started again (its containers are gone with its tmpfs data-root), the next run converges it."""
    name = DOCKER_HOSTS[1][0]
    at = next((index for index, task in enumerate(tasks, 1) if task.startswith("dockyard.docker_host.docker_daemon")), 1)
    variant = "a" if applied == "b" else "b"
    run, _seconds = run_site(variant, kill_at=at, stop_host=name)
    recap = dict(re.findall(r"^(\S+)\s+: (ok=.*)$", run.stdout, re.MULTILINE))
    found = []
    if "unreachable=1" not in recap.get(name, ""):
        found.append("the run did not report %s unreachable: %s" % (name, recap.get(name)))
    other = DOCKER_HOSTS[0][0]
    if not re.search(r"unreachable=0\s+failed=0", recap.get(other, "")):
        found.append("the other host did not finish: %s" % recap.get(other))
    sh(["docker", "start", name])
    on_host(name, "systemctl is-system-running --wait >/dev/null 2>&1; true")
    repair, _seconds = run_site(variant)
    if repair.returncode != 0:
        found.append("the next run did not converge it: %s" % (repair.stdout[-1500:] + repair.stderr[-500:]))
    problems, _pending, _states = check_fleet({}, strict=True, variant=variant)
    print("host away: %s lost at %s (task %d); the run: %s; after a normal run: %s"
          % (name, tasks[at - 1], at, found or "reported it unreachable, the other host finished",
             problems or "converged"), flush=True)
    return 1 if found or problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=30)
    parser.add_argument("--seed", type=int, default=28)
    parser.add_argument("--all", action="store_true", help="every task boundary (the full sweep)")
    parser.add_argument("--at", default="", help="only these task starts, e.g. 61,64+2.5 (+ a delay in seconds)")
    parser.add_argument("--keep", action="store_true", help="leave the fleet running")
    parser.add_argument("--reuse", action="store_true", help="use the fleet a --keep run left")
    args = parser.parse_args()
    if not shutil.which("ssh"):
        sh(["apt-get", "update", "-qq"])
        sh(["apt-get", "install", "-y", "-qq", "openssh-client"])
    began = time.monotonic()
    if args.reuse:
        write_inventory()
    else:
        start_fleet()
    failures = 0
    try:
        done, _seconds = run_site("a")
        if done.returncode != 0:
            raise SystemExit("chaos: the first converge failed:\n" + done.stdout[-3000:] + done.stderr[-2000:])
        if not args.reuse:
            for name, _address in DOCKER_HOSTS:
                start_container(name)
        task_log = os.path.join(STATE, "tasks.log")
        if os.path.exists(task_log):
            os.unlink(task_log)
        done, seconds = run_site("b", task_log=task_log)
        if done.returncode != 0:
            raise SystemExit("chaos: the change run failed:\n" + done.stdout[-3000:] + done.stderr[-2000:])
        tasks = task_map(task_log)
        print("chaos: fleet up in %.0f s; a run that changes daemon.json starts %d tasks and takes %.0f s"
              % (time.monotonic() - began, len(tasks), seconds), flush=True)
        applied = "b"
        points = choose_points(len(tasks), args.points, args.seed, args.all)
        # Always the boundary right after daemon.json is written (a change written and never applied), which a
        # sample can miss.
        written = [index for index, task in enumerate(tasks, 1) if task.endswith("docker_daemon : Write daemon.json")]
        if written and not args.all and (written[0] + 1, 0.0) not in points:
            points.append((written[0] + 1, 0.0))
        if args.at:
            points = [(int(at.partition("+")[0]), float(at.partition("+")[2] or 0)) for at in args.at.split(",")]
        for number, (kill_at, delay) in enumerate(points, 1):
            variant = "a" if applied == "b" else "b"
            before = dict((name, on_host(name, "docker ps --quiet --no-trunc").stdout.split())
                          for name, _address in DOCKER_HOSTS)
            killed, _seconds = run_site(variant, kill_at, delay)
            where = "%s (task %d%s)" % (tasks[kill_at - 1], kill_at, ", +%.1f s" % delay if delay else "")
            with concurrent.futures.ThreadPoolExecutor(3) as pool:
                list(pool.map(quiesce, [name for name, _address in (CACHE,) + DOCKER_HOSTS]))
            after_kill, pending, _states = check_fleet(before, strict=False, variant=variant)
            repair, _seconds = run_site(variant)
            applied = variant
            said_pending = set(PENDING_SAID.findall(repair.stdout))
            for kind, run in (("kill", killed), ("repair", repair)):
                with open(os.path.join(STATE, "point-%d-%s.log" % (number, kind)), "w") as handle:
                    handle.write(run.stdout + run.stderr)
            after_repair, _pending, _states = check_fleet(before, strict=True, variant=variant)
            if repair.returncode != 0:
                after_repair["run"] = ["the normal run after the kill failed: %s"
                                       % (repair.stdout[-1500:] + repair.stderr[-500:])]
            missed = [name for name, is_pending in sorted(pending.items()) if is_pending and name not in said_pending]
            if missed:
                after_repair["run "] = ["a restart was pending on %s and the run did not say so" % ", ".join(missed)]
            outcome = "killed" if killed.returncode in (-9, 137) else "ran to the end (rc %d)" % killed.returncode
            broken = bool(after_kill or after_repair)
            failures += broken
            print("point %2d/%d: %s at %s; after the kill: %s; pending restarts %d, said %d; after a normal run: %s"
                  % (number, len(points), outcome, where, after_kill or "nothing broken",
                     sum(pending.values()), len(said_pending), after_repair or "converged"), flush=True)
        failures += host_goes_away(tasks, applied)
    finally:
        if not args.keep:
            remove_fleet()
    print("chaos: %d points, %d left a host broken, in %.0f s" % (len(points), failures, time.monotonic() - began))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
