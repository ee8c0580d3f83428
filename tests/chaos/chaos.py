# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fault injection: kill the controller anywhere in site.yml or upgrade.yml runs, then check that no host was left broken.

A small fleet (an apt cache and two Docker hosts, systemd containers reached over SSH as real fleets are: with
the docker connection a remote command outlives a killed controller and hides the failure) is converged once.
Then each point runs the playbook and SIGKILLs every process of ansible-playbook at a task start, or some seconds
into that task (tests/chaos/callback_plugins/chaos_kill.py). After each kill, on every host: dockerd answers,
dpkg has nothing half-done and apt reads its sources, daemon.json parses (and the installed dockerd accepts it,
where it has --validate), every container that ran still runs, the engine's packages are held, and the fleet
record parses and holds no block twice. A normal run then converges the fleet: it must succeed, say what it
found half-done (a restart pending), and leave the hosts as the playbook promises.

  site.yml     each point flips the Docker hosts' daemon.json settings (a label and a log option, so every run
               restarts dockerd); the normal run must leave dockerd running what daemon.json says. Then a host is
               lost mid-run: the run says it is unreachable, the other finishes, the next run converges it.
  upgrade.yml  each point upgrades bookworm's docker.io 20.10 to trixie's 26.1 (one host at a time); the normal
               run must leave every host on 26.1. Besides the sample: kills inside the apt install and inside the
               health gate, and dockerd itself killed during the gate. Between points the engine of before is put
               back from a record taken at the start (engine_lifecycle state=restored), and checked.

  chaos.py [--playbook site|upgrade] [--points N] [--seed S]
                                       a seeded sample of N points spread over the run (default 22), and the
                                       fixed points of that playbook
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

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "tests", "tools"))
sys.path.insert(0, os.path.join(REPO, ".cache", "collections"))
from ssh_fleet import SshFleet, on_host, sh  # noqa: E402  pylint: disable=wrong-import-position
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_lifecycle import (  # noqa: E402
    upstream_version,
)

BIN = os.path.dirname(sys.executable)
HELD = ("docker.io", "containerd")
# Two settings of the Docker hosts; each site.yml point applies the other one, so every run changes daemon.json
# and restarts dockerd (log-opts needs a restart).
VARIANTS = {
    "a": {"labels": ["dockyard-chaos=a"], "log-opts": {"max-size": "10m"}},
    "b": {"labels": ["dockyard-chaos=b"], "log-opts": {"max-size": "20m"}},
}
PENDING_SAID = re.compile(r"dockerd on (\S+) runs other settings than daemon.json")
ENGINE_PENDING_SAID = re.compile(r"dockerd on (\S+) runs \S+ while docker.io \S+ is installed")
SITE_SETTINGS = {
    "docker_engine_source": "distro",
    "site_pool_supernet": "10.200.0.0/16",
    "site_pool_host_prefix": 18,
    "site_min_free_subnets": 32,
    "headroom_watch_interval": 10,
}
UPGRADE_SETTINGS = {"docker_engine_distro_suite": "trixie"}
UPGRADED = "26."
# The record the upgrade points are reset from.
BASE_RECORD = "/var/lib/dockyard/chaos-base-record.json"


class Fleet(SshFleet):
    """The test hosts of one playbook's drill, and how the drill runs playbooks on them."""

    def __init__(self, playbook):
        if playbook == "site":
            super(Fleet, self).__init__("chaos", 251, SITE_SETTINGS)
        else:
            super(Fleet, self).__init__("chaos-upgrade", 252, SITE_SETTINGS)

    def env(self, **chaos):
        env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0", ANSIBLE_PIPELINING="1",
                   ANSIBLE_HOST_KEY_CHECKING="0", ANSIBLE_CALLBACKS_ENABLED="chaos_kill",
                   ANSIBLE_CALLBACK_PLUGINS=os.path.join(REPO, "tests", "chaos", "callback_plugins"),
                   ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, ".cache", "collections"),
                   ANSIBLE_SSH_CONTROL_PATH_DIR=os.path.join(self.state, "cp"))
        env.update(("CHAOS_" + key.upper(), str(value)) for key, value in chaos.items())
        return env

    def run(self, playbook, settings, kill_at=0, delay=0.0, task_log="", host="", host_event=""):
        """ansible-playbook with the chaos callback: killed at task start ``kill_at`` (+ ``delay`` s), or, with
        ``host``, that host lost (or its dockerd killed, ``host_event``) there instead."""
        env = self.env(kill_at=kill_at, kill_delay=delay, task_log=task_log, host=host, host_event=host_event,
                       event_log=os.path.join(self.state, "events.log"))
        return subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", os.path.join(self.state, "inventory.yml"),
                               "-e", json.dumps(settings), os.path.join(REPO, "playbooks", playbook + ".yml")],
                              capture_output=True, text=True, check=False, env=env, start_new_session=True)

    def adhoc(self, module, args):
        return sh([os.path.join(BIN, "ansible"), "-i", os.path.join(self.state, "inventory.yml"), "docker_hosts",
                   "-m", module, "-a", json.dumps(args)], check=False, env=self.env())

    def start_container(self, host):
        """A web container with a restart policy, unless the host has one."""
        script = ("docker inspect web >/dev/null 2>&1 && exit 0; set -e; root=$(mktemp -d); "
                  "mkdir -p $root/bin $root/www; cp /bin/busybox $root/bin/busybox; echo chaos > $root/www/index.html; "
                  "tar -C $root -c . | docker import - dockyard/busybox:chaos >/dev/null; "
                  "docker run -d --name web --restart unless-stopped -p 8080:8080 dockyard/busybox:chaos "
                  "/bin/busybox httpd -f -p 8080 -h /www >/dev/null")
        on_host(host, script, check=True)

    def quiesce(self, seconds=180):
        """Wait until what a killed run started on the hosts is over (a module finishes even when its ssh dies)."""
        def one(host):
            deadline = time.time() + seconds
            while time.time() < deadline:
                # A module runs as a bare /usr/bin/python3 reading its code from ssh (pipelining). The brackets
                # keep the pattern from matching the shell that runs pgrep.
                busy = on_host(host, "pgrep -f '^/usr/bin/python3$|[A]nsiballZ|[a]nsible-tmp|[a]pt-get|/usr/bin/[d]pkg' "
                                     "|| true").stdout.strip()
                if not busy:
                    return
                time.sleep(1)
        with concurrent.futures.ThreadPoolExecutor(3) as pool:
            list(pool.map(one, [name for name, _address in (self.cache,) + self.docker_hosts]))

    def events(self):
        """The host events of the runs so far (what chaos_kill did to hosts), and forget them."""
        path = os.path.join(self.state, "events.log")
        if not os.path.exists(path):
            return []
        with open(path) as handle:
            lines = handle.read().splitlines()
        os.unlink(path)
        return lines

    def running(self):
        return dict((name, on_host(name, "docker ps --quiet --no-trunc").stdout.split()) for name in self.names)

    def check(self, before, expect=None):
        """{host: [problems]} and {host: state read}; ``expect(state)`` adds what the playbook promises, once a
        normal run has converged the fleet."""
        with concurrent.futures.ThreadPoolExecutor(len(self.names)) as pool:
            states = dict(zip(self.names, pool.map(host_state, self.names)))
        problems = {}
        for name in self.names:
            found = problems_of(states[name], before.get(name, []))
            found += expect(states[name]) if expect else []
            if found:
                problems[name] = found
        fleet = record_problems(os.path.join(self.state, "fleet-pools.yml"))
        if fleet:
            problems["fleet record"] = fleet
        return problems, states


def host_state(host):
    """What the checks read on one Docker host, in one docker exec."""
    script = r"""
echo "answers=$(docker info --format '{{json .Labels}}' 2>/dev/null || echo down)"
echo "version=$(docker version --format '{{.Server.Version}}' 2>/dev/null)"
echo "installed=$(dpkg-query --show --showformat '${Version}' docker.io 2>/dev/null)"
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
    try:
        state["on_disk"] = json.loads(base64.b64decode(state.get("daemon_json", "")) or b"null")
    except ValueError:
        state["on_disk"] = "unparsable"
    state["labels"] = json.loads(state["answers"]) if state.get("answers", "down") != "down" else None
    return state


def problems_of(state, before):
    """What is wrong on a host after a kill, as text."""
    found = []
    if state.get("answers", "down") == "down":
        found.append("dockerd does not answer")
    if state.get("audit"):
        found.append("dpkg --audit: %s" % state["audit"])
    if state.get("apt") != "ok":
        found.append("apt-get check fails")
    on_disk = state["on_disk"]
    if on_disk == "unparsable":
        found.append("daemon.json does not parse")
    if state.get("validate") == "refused":
        found.append("the installed dockerd refuses daemon.json")
    gone = sorted(set(before) - set(state.get("running", "").split()))
    if gone:
        found.append("containers that ran no longer run: %s" % ", ".join(c[:12] for c in gone))
    held = set(state.get("held", "").split())
    if not set(HELD) <= held:
        found.append("not held: %s" % ", ".join(sorted(set(HELD) - held)))
    return found


def restart_pending(state):
    """dockerd runs other labels than daemon.json says (written, never applied)."""
    on_disk = state["on_disk"]
    return (isinstance(on_disk, dict) and state["labels"] is not None
            and sorted(state["labels"] or []) != sorted(on_disk.get("labels", [])))


def engine_pending(state):
    """dockerd runs another version than the one installed (installed, never restarted)."""
    return bool(state.get("version")) and (
        upstream_version(state["version"]) != upstream_version(state.get("installed", "")))


def runs_variant(variant):
    def expect(state):
        on_disk, found = state["on_disk"], []
        if not isinstance(on_disk, dict) or on_disk.get("labels") != VARIANTS[variant]["labels"]:
            found.append("daemon.json does not hold the settings of the run")
        elif restart_pending(state):
            found.append("dockerd runs labels %s, daemon.json says %s" % (state["labels"], on_disk.get("labels")))
        return found
    return expect


def runs_version(prefix):
    def expect(state):
        return [] if state.get("version", "").startswith(prefix) else [
            "dockerd answers as %r, not %s*" % (state.get("version") or "nothing", prefix)]
    return expect


def record_problems(path):
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


def starts_of(tasks, suffix):
    """The task starts (1-based) of the tasks whose name ends with ``suffix``, in run order."""
    return [index for index, task in enumerate(tasks, 1) if task.endswith(suffix)]


def log_runs(fleet, number, runs):
    for kind, run in runs:
        with open(os.path.join(fleet.state, "point-%d-%s.log" % (number, kind)), "w") as handle:
            handle.write(run.stdout + run.stderr)


def said_pending(states, is_pending, said_pattern, repair, after_repair):
    """How many hosts were left half-done, and whether the normal run said so of each (a problem when not)."""
    pending = [name for name, state in sorted(states.items()) if is_pending(state)]
    said = set(said_pattern.findall(repair.stdout))
    problems = failure_of(repair, "the normal run after the kill")
    missed = [name for name in pending if name not in said]
    if missed:
        problems.append("%s left half-done and the run did not say so" % ", ".join(missed))
    if problems:
        after_repair["run"] = problems
    return len(pending), "said %d" % len(said)


def failure_of(run, what):
    return ["%s failed: %s" % (what, run.stdout[-1500:] + run.stderr[-500:])] if run.returncode != 0 else []


def engine_apt_files():
    """The apt files docker_engine records before a change (its vars), for the record the upgrade points are reset
    from."""
    with open(os.path.join(REPO, "roles", "docker_engine", "vars", "main.yml")) as handle:
        return yaml.safe_load(handle)["__docker_engine_apt_files"]


def must_pass(run, what):
    if run.returncode != 0:
        raise SystemExit("chaos: %s failed:\n%s%s" % (what, run.stdout[-3000:], run.stderr[-2000:]))
    return run


class SiteDrill:
    """site.yml: every point changes daemon.json; then a host lost mid-run."""

    def __init__(self, fleet):
        self.fleet = fleet
        self.applied = "b"

    def settings(self, variant):
        return {"docker_daemon_config": VARIANTS[variant]}

    def prepare(self, task_log):
        """The first converge, the containers, then the run that is mapped."""
        must_pass(self.fleet.run("site", self.settings("a")), "the first converge")
        for name in self.fleet.names:
            self.fleet.start_container(name)
        return self.fleet.run("site", self.settings("b"), task_log=task_log)

    def fixed_points(self, tasks):
        """The boundary right after daemon.json is written (a change written and never applied)."""
        return [(index + 1, 0.0, "", "") for index in starts_of(tasks, "docker_daemon : Write daemon.json")[:1]]

    def point(self, kill_at, delay, host, host_event):
        variant = "a" if self.applied == "b" else "b"
        before = self.fleet.running()
        killed = self.fleet.run("site", self.settings(variant), kill_at, delay, host=host, host_event=host_event)
        self.fleet.quiesce()
        after_kill, states = self.fleet.check(before)
        repair = self.fleet.run("site", self.settings(variant))
        self.applied = variant
        after_repair, _states = self.fleet.check(before, runs_variant(variant))
        pending, note = said_pending(states, restart_pending, PENDING_SAID, repair, after_repair)
        return killed, repair, after_kill, after_repair, "pending restarts %d, %s" % (pending, note)

    def after(self, tasks):
        """A Docker host lost mid-run (at docker_daemon's first task): the run says it is unreachable and the
        other finishes; started again (its containers are gone with its tmpfs data-root), the next run converges
        it."""
        fleet = self.fleet
        name, other = fleet.names[1], fleet.names[0]
        at = (starts_of(tasks, "Safe daemon.json changes with computed address pools and rollback") or [1])[0]
        variant = "a" if self.applied == "b" else "b"
        run = fleet.run("site", self.settings(variant), kill_at=at, host=name, host_event="lost")
        recap = dict(re.findall(r"^(\S+)\s+: (ok=.*)$", run.stdout, re.MULTILINE))
        found = []
        if "unreachable=1" not in recap.get(name, ""):
            found.append("the run did not report %s unreachable: %s" % (name, recap.get(name)))
        if not re.search(r"unreachable=0\s+failed=0", recap.get(other, "")):
            found.append("the other host did not finish: %s" % recap.get(other))
        sh(["docker", "start", name])
        on_host(name, "systemctl is-system-running --wait >/dev/null 2>&1; true")
        # Booted is not yet answering over SSH on a busy machine: the next run is for a host that is back.
        deadline = time.time() + 180
        while fleet.adhoc("ping", {}).returncode != 0 and time.time() < deadline:
            time.sleep(2)
        found += failure_of(fleet.run("site", self.settings(variant)), "the next run, to converge it,")
        problems, _states = fleet.check({}, runs_variant(variant))
        print("host away: %s lost at %s (task %d); the run: %s; after a normal run: %s"
              % (name, tasks[at - 1], at, found or "reported it unreachable, the other host finished",
                 problems or "converged"), flush=True)
        return 1 if found or problems else 0


class UpgradeDrill:
    """upgrade.yml from bookworm's 20.10 to trixie's 26.1, host by host; the engine of before put back between
    points from a record taken at the start."""

    def __init__(self, fleet):
        self.fleet = fleet
        self.base = {}

    def prepare(self, task_log):
        """The first converge, the containers, the record of the engine of before, the run that is mapped, then
        the engine of before put back."""
        fleet = self.fleet
        must_pass(fleet.run("site", {}), "the first converge")
        for name in fleet.names:
            fleet.start_container(name)
        must_pass(fleet.adhoc("dockyard.docker_host.engine_lifecycle",
                              {"state": "recorded", "record": BASE_RECORD, "record_files": engine_apt_files()}),
                  "recording the engine of before")
        self.base = fleet.running()
        mapped = fleet.run("upgrade", UPGRADE_SETTINGS, task_log=task_log)
        problems = self.reset()
        if problems:
            raise SystemExit("chaos: putting the engine of before back failed: %s" % problems)
        return mapped

    def reset(self):
        """Put back the engine recorded at the start, and check that it is back; the problems, if any."""
        put_back = self.fleet.adhoc("dockyard.docker_host.engine_lifecycle",
                                    {"state": "restored", "record": BASE_RECORD, "timeout": 120,
                                     "containers_timeout": 120})
        problems, _states = self.fleet.check(self.base, runs_version("20.10."))
        if put_back.returncode != 0:
            problems["reset"] = ["engine_lifecycle state=restored failed: %s" % put_back.stdout[-1500:]]
        return problems

    def fixed_points(self, tasks):
        """Inside the apt install and inside the gates, on the first host; dockerd killed inside both gates."""
        install = starts_of(tasks, "docker_engine : Install the engine, hold and pin its packages and start it at boot")
        started = starts_of(tasks, "docker_engine : Run the installed engine and wait for what ran before")
        gate = starts_of(tasks, "Wait for the engine, and for the containers that ran before to run with the same "
                                "IDs, healthy")
        points = [(install[0], 3.0, "", ""), (started[0], 1.0, "", ""), (gate[0], 0.5, "", "")] if install else []
        # dockerd killed while docker_engine waits for the new engine on the first host, and while the playbook's
        # own gate waits on the second.
        for index, at in enumerate((started[:1] + gate[1:2])):
            points.append((at, 1.0 if index == 0 else 0.2, self.fleet.names[index], "dockerd-killed"))
        return points

    def point(self, kill_at, delay, host, host_event):
        fleet = self.fleet
        before = fleet.running()
        fleet.events()
        killed = fleet.run("upgrade", UPGRADE_SETTINGS, kill_at, delay, host=host, host_event=host_event)
        fleet.quiesce()
        after_kill, states = fleet.check(before)
        happened = fleet.events()
        if host and not happened:
            after_kill["test"] = ["%s did not happen on %s (no dockerd to kill within 20 s)" % (host_event, host)]
        repair = fleet.run("upgrade", UPGRADE_SETTINGS)
        after_repair, _states = fleet.check(before, runs_version(UPGRADED))
        pending, note = said_pending(states, engine_pending, ENGINE_PENDING_SAID, repair, after_repair)
        reset = self.reset()
        if reset:
            after_repair["reset to 20.10"] = ["; ".join("%s: %s" % item for item in sorted(reset.items()))]
        note = "engines installed and not running %d, %s" % (pending, note)
        return killed, repair, after_kill, after_repair, "; ".join(happened + [note])

    def after(self, tasks):
        return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--playbook", choices=["site", "upgrade"], default="site")
    parser.add_argument("--points", type=int, default=22)
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
    fleet = Fleet(args.playbook)
    drill = (SiteDrill if args.playbook == "site" else UpgradeDrill)(fleet)
    if args.reuse:
        fleet.write_inventory()
    else:
        fleet.start()
    failures, points = 0, []
    try:
        task_log = os.path.join(fleet.state, "tasks.log")
        if os.path.exists(task_log):
            os.unlink(task_log)
        must_pass(drill.prepare(task_log), "the mapped %s.yml run" % args.playbook)
        tasks = task_map(task_log)
        print("chaos: fleet up and %s.yml mapped in %.0f s (a full run starts %d tasks); seed %d"
              % (args.playbook, time.monotonic() - began, len(tasks), args.seed), flush=True)
        points = [(at, delay, "", "") for at, delay in choose_points(len(tasks), args.points, args.seed, args.all)]
        if not args.all:
            points += [point for point in drill.fixed_points(tasks) if point not in points]
        if args.at:
            points = [(int(at.partition("+")[0]), float(at.partition("+")[2] or 0), "", "") for at in args.at.split(",")]
        for number, (kill_at, delay, host, host_event) in enumerate(points, 1):
            killed, repair, after_kill, after_repair, note = drill.point(kill_at, delay, host, host_event)
            log_runs(fleet, number, (("kill", killed), ("repair", repair)))
            where = "%s (task %d%s)" % (tasks[kill_at - 1], kill_at, ", +%.1f s" % delay if delay else "")
            if host:
                outcome = "%s on %s, the run %s" % (host_event, host, "went on to the end (rc %d)" % killed.returncode)
            else:
                outcome = "killed" if killed.returncode in (-9, 137) else "ran to the end (rc %d)" % killed.returncode
            failures += bool(after_kill or after_repair)
            print("point %2d/%d: %s at %s; after it: %s; %s; after a normal run: %s"
                  % (number, len(points), outcome, where, after_kill or "nothing broken", note,
                     after_repair or "converged"), flush=True)
        failures += drill.after(tasks)
    finally:
        if not args.keep:
            fleet.remove()
    print("chaos: %s.yml, %d points (seed %d), %d left a host broken, in %.0f s"
          % (args.playbook, len(points), args.seed, failures, time.monotonic() - began))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
