#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: docker_host_facts
author: Dockyard maintainers (@dockyard)
version_added: 0.2.0
short_description: Read what a Docker host has, in one call, changing nothing
description:
  - "Reads, in one call and with the standard library only: the engine (installed, running, version, API version),
    swarm membership and role, daemon.json (parsed, with its problem if it has one, mode and owner), docker.service's
    dockerd flags and drop-ins with the daemon.json keys those flags stand for, the apt sources that point at Docker's
    repository (file, format, URL, suites, signed-by key and its fingerprint), the engine's packages (version, held),
    networks with subnets and containers, running container IDs, and the routes and nameservers that block pool
    subnets."
  - Host and engine state is read here once; the roles of this collection use its result instead of probes.
  - Works on hosts this collection did not build, and on hosts with no engine yet (O(ignore:docker_host.engine.installed) false).
options:
  socket:
    description: Path of dockerd's unix socket.
    type: path
    default: /var/run/docker.sock
  user:
    description:
      - Read the rootless engine of this user instead of the system engine. O(socket), O(daemon_json) and
        O(record) left at their defaults point at the user's; the unit is the user's C(docker.service) (through the
        user's systemd manager), and the reserved networks include 10.0.2.0/24, the network rootlesskit's namespace
        reaches the host through (slirp4netns and pasta).
    type: str
    default: ''
  repository_urls:
    description: Repository URLs (mirrors of Docker's) whose apt sources count as Docker's, besides download.docker.com.
    type: list
    elements: str
    default: []
  key_files:
    description: Key files whose OpenPGP fingerprints to read (for example a key about to be trusted by apt).
    type: list
    elements: path
    default: []
  packages:
    description: More packages to report in RV(docker_host.packages), besides the engine's own.
    type: list
    elements: str
    default: []
  offered_packages:
    description: Packages whose versions the apt sources offer to list in the C(offers) of RV(docker_host.apt) (C(apt-cache madison)).
    type: list
    elements: str
    default: []
  offers_max_age:
    description:
      - Read the offers only from package lists refreshed at most this many seconds ago; older lists (or none) give no
        offers, since the caller refreshes them and asks again. V(0) reads them however old.
      - On a fresh host C(apt-cache madison) first builds apt's package cache, seconds that a refresh spends again.
    type: int
    default: 0
  timeout:
    description: Seconds each Engine API request and each command may take.
    type: int
    default: 30
  keep_record:
    description:
      - Also write the record of the host before an engine change to O(record), from this same call, for
        M(dockyard.docker_host.engine_lifecycle) to wait on or put back (not in check mode). The roles read each host
        once and record it in the same step.
    type: bool
    default: false
  sections:
    description:
      - What to read; RV(docker_host) holds only these. Empty reads everything.
      - V(engine) (RV(docker_host.engine)), V(swarm), V(firewall), V(daemon_json), V(unit), V(apt_sources),
        V(packages), V(networks) (RV(docker_host.networks) and RV(docker_host.running_containers)), V(routes)
        (RV(docker_host.routes), RV(docker_host.gateway_routes) and RV(docker_host.nameservers)), V(reserved_networks)
        (with RV(docker_host.reserved_problem)), V(os) (with RV(docker_host.architecture)), V(apt), V(nerdctl_version)
        and V(key_files).
      - A step that needs one part of the host again (the package lists after C(apt-get update)) reads that part only.
    type: list
    elements: str
    choices: [engine, swarm, firewall, daemon_json, unit, apt_sources, packages, networks, routes, reserved_networks, os,
              apt, nerdctl_version, key_files]
    default: []
extends_documentation_fragment:
  - dockyard.docker_host.daemon_json
  - dockyard.docker_host.engine_record
  - ansible.builtin.action_common_attributes
attributes:
  check_mode:
    description: It only reads, so check mode reads too.
    support: full
  diff_mode:
    support: none
  platform:
    platforms: posix
seealso:
  - module: dockyard.docker_host.pool_headroom
  - module: dockyard.docker_host.daemon_json
"""

EXAMPLES = r"""
- name: Read the host once
  dockyard.docker_host.docker_host_facts:
  register: host

- name: Say whether this host is a swarm member
  ansible.builtin.debug:
    msg: "{{ host.docker_host.swarm.member }}"

- name: Read the package lists again after apt-get update, and nothing else
  dockyard.docker_host.docker_host_facts:
    sections: [packages, apt]
    offered_packages: [docker.io]
  register: offers
"""

RETURN = r"""
record:
  description:
    - What the record written with O(keep_record) holds (no file content), as RV(dockyard.docker_host.engine_lifecycle#module:record).
    - When dockerd runs other files than those on disk (C(pending_restart)), the record an earlier run kept stays
      (RV(record_kept)), since it describes what dockerd runs, to put back if applying the change fails.
  returned: when O(keep_record=true)
  type: dict
record_kept:
  description: The record an earlier run kept was left in place, since a change it wrote was never applied.
  returned: when that happened
  type: bool
read_id:
  description:
    - Names this read, new at every call. A role handed a read of the host (the docker_daemon role's
      C(docker_daemon_host_read)) notes the names it took, so that a read it has acted on is never taken again.
  returned: success
  type: str
  sample: 5f0c3a9e1b7d2c44
docker_host:
  description: What the host has.
  returned: success
  type: dict
  contains:
    engine:
      description: C(installed), C(running), C(version), C(api_version), C(dockerd) (path) and C(error) (why it does not answer).
      type: dict
      sample: {"installed": true, "running": true, "version": "20.10.24+dfsg1", "api_version": "1.41",
               "dockerd": "/usr/sbin/dockerd", "error": ""}
    swarm:
      description: C(state) (inactive, pending, active, locked, error), C(member), C(manager), C(node_id), C(managers).
      type: dict
      sample: {"state": "inactive", "member": false, "manager": false, "node_id": "", "managers": []}
    firewall:
      description: C(backend), the firewall backend dockerd uses as C(GET /info) says it (C(iptables),
        C(iptables+firewalld) or C(nftables)); empty when the engine does not say (before 28.2) or does not answer.
      type: dict
      sample: {"backend": "iptables"}
    daemon_json:
      description: C(path), C(exists), C(config) (parsed, or null; the user:password of URLs replaced), C(problem),
        C(mode), C(owner), C(group).
      type: dict
      sample: {"path": "/etc/docker/daemon.json", "exists": true, "config": {"live-restore": true}, "problem": "",
               "mode": "0644", "owner": "root", "group": "root"}
    unit:
      description: docker.service's C(argv), C(flags) (daemon.json key to the flag that sets it), C(fragment), C(drop_ins)
        (as systemd loaded them), C(drop_in_files) (in /etc/systemd/system/docker.service.d now),
        C(containerd_drop_in_files) (in /etc/systemd/system/containerd.service.d now), C(load_state), C(active_state),
        C(enabled) (the unit file state) and C(pending_restart) (dockerd runs other files than daemon.json and the
        drop-ins on disk - a change written and never applied - by the digest M(dockyard.docker_host.engine_lifecycle)
        noted when it last started or reloaded dockerd, else by the files' times against dockerd's start).
      type: dict
      sample: {"argv": ["/usr/sbin/dockerd", "-H", "fd://"], "flags": {"hosts": "-H"}, "fragment": "/lib/systemd/system/docker.service",
               "drop_ins": [], "drop_in_files": [], "load_state": "loaded", "active_state": "active", "enabled": "enabled"}
    apt_sources:
      description: Sources pointing at Docker's repository, each with C(file), C(line), C(format), C(uris), C(suites),
        C(components), C(signed_by), C(fingerprints) of that key file, and C(shares_file) (the file lists other
        repositories too).
      type: list
      elements: dict
    packages:
      description: The engine's packages, each with C(version), C(installed) and C(held).
      type: dict
      sample: {"docker.io": {"version": "20.10.24+dfsg1-1+deb12u1", "installed": true, "held": true}}
    networks:
      description: Networks with C(name), C(id), C(subnets) and C(containers) (attached, running or stopped).
      type: list
      elements: dict
    running_containers:
      description: IDs of the running containers.
      type: list
      elements: str
    routes:
      description: IPv4 routes that make dockerd skip pool subnets (on-link; every non-default route before 20.10.15).
      type: list
      elements: str
    nameservers:
      description: Nameservers as host networks; dockerd skips subnets holding them.
      type: list
      elements: str
    reserved_networks:
      description: The networks address pools must stay clear of, collapsed, IPv4 then IPv6, from the interface addresses
        (not loopback, link-local or Docker's own interfaces), the IPv4 routes (C(ip -j route show)) and the nameservers.
      type: list
      elements: str
    reserved_problem:
      description: Why RV(docker_host.reserved_networks) could not be read (for example no C(ip) command), or empty.
      type: str
    os:
      description: C(id), C(version_id) and C(codename) from /etc/os-release.
      type: dict
      sample: {"id": "debian", "version_id": "12", "codename": "bookworm"}
    architecture:
      description: The package architecture (C(dpkg --print-architecture)), empty without dpkg.
      type: str
      sample: amd64
    apt:
      description: C(lists_age) (seconds since the package lists were refreshed, read as the apt module's
        C(cache_valid_time) reads it; -1 when never, or when a source file changed after, as a run that stopped
        between writing a source and refreshing leaves them), C(offers) (for each of O(offered_packages), its C(apt-cache madison) lines) and
        C(preferences) (the text of this collection's /etc/apt/preferences.d/dockyard-* files, by file name).
      type: dict
      sample: {"lists_age": 120, "offers": {"docker.io": ["docker.io | 20.10.24+dfsg1-1+deb12u1 | http://deb.debian.org/debian bookworm/main amd64 Packages"]},
               "preferences": {}}
    gateway_routes:
      description: Destinations of the IPv4 routes through a gateway, other than the default route.
      type: list
      elements: str
    nerdctl_version:
      description: The version nerdctl reports, or an empty string when it is not installed.
      type: str
    key_files:
      description:
        - For each of O(key_files), its C(fingerprints) and C(problem) (empty when it could be read).
        - Named C(keys) before version 0.4.0, a name Jinja cannot reach with dot notation.
      type: dict
      sample: {"/etc/apt/keyrings/docker.asc": {"fingerprints": ["9DC858229FC7DD38854AE2D88D81803C0EBFCD88"], "problem": ""}}
"""

import binascii
import glob
import grp
import json
import os
import pwd
import stat
import time

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.dockyard.docker_host.plugins.module_utils import engine_answers
from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import AddressPoolError
from ansible_collections.dockyard.docker_host.plugins.module_utils.daemon_config import DaemonConfigError, load
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_api import EngineAPIError, EngineClient
from ansible_collections.dockyard.docker_host.plugins.module_utils import engine_record
from ansible_collections.dockyard.docker_host.plugins.module_utils import rootless_engine
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_lifecycle import (
    ENGINE_PACKAGES,
    check_record,
    summary,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_version import from_dockerd_output
from ansible_collections.dockyard.docker_host.plugins.module_utils.headroom import (
    containers_per_network,
    gateway_routes,
    nameservers_from_resolv,
    network_subnets,
    routes_from_proc,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.host_networks import reserved_from_ip
from ansible_collections.dockyard.docker_host.plugins.module_utils.host_files import (
    CommandError,
    read_file,
    run_bounded,
)
from ansible_collections.dockyard.docker_host.plugins.module_utils.host_state import (
    StateError,
    firewall_of,
    flags_as_keys,
    key_fingerprints,
    parse_dpkg_status,
    parse_exec_start,
    lists_age,
    parse_sources,
    redact_credentials,
    sources_for,
    swarm_of,
)

SOURCE_FILES = ("/etc/apt/sources.list", "/etc/apt/sources.list.d/*.list", "/etc/apt/sources.list.d/*.sources")
PREFERENCES = "/etc/apt/preferences.d/dockyard-*"
DROP_IN_DIR = "/etc/systemd/system/docker.service.d"
CONTAINERD_DROP_IN_DIR = "/etc/systemd/system/containerd.service.d"
# What the apt module's cache_valid_time reads, in the same order.
APT_UPDATE_STAMPS = ("/var/lib/apt/periodic/update-success-stamp", "/var/lib/apt/lists")
APT_SOURCE_FILES = ("/etc/apt/sources.list", "/etc/apt/sources.list.d", "/etc/apt/sources.list.d/*.list",
                    "/etc/apt/sources.list.d/*.sources")


def run(module, argv, timeout):
    """Facts are read whatever happens: a command that fails or hangs reads as empty output."""
    try:
        return run_bounded(module.run_command, argv, timeout)
    except CommandError as error:
        return 1, "", str(error)


def which(module, name):
    return module.get_bin_path(name, opt_dirs=["/usr/sbin", "/usr/bin", "/sbin", "/bin"])


def engine_state(module, client, wanted):
    """The engine, and as much of its state as ``wanted`` needs: /info for the swarm, networks and containers."""
    params = module.params
    dockerd = which(module, "dockerd")
    engine = {"installed": bool(dockerd), "running": False, "version": "", "api_version": "",
              "dockerd": dockerd or "", "error": ""}
    info, networks, containers = {}, [], []
    if not wanted & {"engine", "swarm", "networks", "routes"}:
        return engine, info, networks, containers
    try:
        version = client.get("/version")
        engine["version"] = engine_answers.version_of(version)
        engine["api_version"] = str(version.get("ApiVersion") or "")
        if wanted & {"swarm", "firewall"}:
            info = client.get("/info")
            engine_answers.info_pools(info)
        if wanted & {"networks"}:
            networks = engine_answers.networks(client.get("/networks"))
            containers = engine_answers.containers(client.get("/containers/json", {"all": "1"}))
        engine["running"] = True
    except EngineAPIError as error:
        engine["error"] = str(error)
    if not engine["version"] and dockerd:
        rc, out, _err = run(module, [dockerd, "--version"], params["timeout"])
        engine["version"] = (from_dockerd_output(out) if rc == 0 else None) or ""
    return engine, info, networks, containers


def daemon_json_state(path):
    state = {"path": path, "exists": False, "config": None, "problem": "", "mode": "", "owner": "", "group": ""}
    try:
        status = os.stat(path)
    except OSError:
        return state
    state.update(exists=True, mode="%04o" % stat.S_IMODE(status.st_mode))
    try:
        state["owner"] = pwd.getpwuid(status.st_uid).pw_name
        state["group"] = grp.getgrgid(status.st_gid).gr_name
    except KeyError:
        state["owner"], state["group"] = str(status.st_uid), str(status.st_gid)
    text = read_file(path)
    if text is None:
        state["problem"] = "%s cannot be read as text" % path
        return state
    try:
        state["config"] = redact_credentials(load(text, path))
    except DaemonConfigError as error:
        state["problem"] = str(error)
    return state


def unit_state(module, timeout, user=None):
    systemctl = rootless_engine.systemctl(user) if user else ["systemctl"]
    where = rootless_engine.paths(user) if user else {"drop_in_dir": DROP_IN_DIR, "applied": engine_record.APPLIED_PATH}
    properties = ["ExecStart", "DropInPaths", "FragmentPath", "LoadState", "ActiveState", "UnitFileState", "MainPID"]
    rc, out, _err = run(module, systemctl + ["show", "docker.service"] + ["--property=" + name for name in properties],
                        timeout)
    values = {}
    for line in out.splitlines() if rc == 0 else []:
        key, _sep, value = line.partition("=")
        values[key] = value
    argv = parse_exec_start(values.get("ExecStart", ""))
    return {"argv": argv, "flags": flags_as_keys(argv), "fragment": values.get("FragmentPath", ""),
            "drop_ins": values.get("DropInPaths", "").split(), "load_state": values.get("LoadState", "not-found"),
            "active_state": values.get("ActiveState", ""), "enabled": values.get("UnitFileState", ""),
            "pending_restart": engine_record.pending_restart(
                module.params["daemon_json"], int(values["MainPID"]) if values.get("MainPID", "").isdigit() else 0,
                path=where["applied"], drop_in_dir=where["drop_in_dir"]),
            "drop_in_files": sorted(glob.glob(os.path.join(where["drop_in_dir"], "*.conf"))),
            "containerd_drop_in_files": [] if user else sorted(glob.glob(os.path.join(CONTAINERD_DROP_IN_DIR, "*.conf")))}


def os_release():
    values = {}
    for line in (read_file("/etc/os-release") or read_file("/usr/lib/os-release") or "").splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip()] = value.strip().strip("\"'")
    return {"id": values.get("ID", ""), "version_id": values.get("VERSION_ID", ""),
            "codename": values.get("VERSION_CODENAME", "")}


def apt_state(module, offered_packages, timeout, max_age=0):
    """Age of the package lists, apt-cache madison lines per package asked (from lists no older than ``max_age``
    seconds, when it is set), and this collection's pin files."""
    refreshed = next((os.stat(stamp).st_mtime for stamp in APT_UPDATE_STAMPS if os.path.exists(stamp)), None)
    # The directory's own time moves when a source file is added or removed.
    sources = [os.stat(path).st_mtime for pattern in APT_SOURCE_FILES for path in glob.glob(pattern)]
    age = lists_age(refreshed, max(sources) if sources else None, time.time())
    offers = dict((name, []) for name in offered_packages)
    apt_cache = which(module, "apt-cache")
    fresh = not max_age or 0 <= age < max_age
    if offered_packages and apt_cache and fresh:
        rc, out, _err = run(module, [apt_cache, "madison"] + list(offered_packages), timeout)
        for line in out.splitlines() if rc == 0 else []:
            name = line.split("|")[0].strip()
            if name in offers:
                offers[name].append(line)
    preferences = {}
    for path in sorted(glob.glob(PREFERENCES)):
        text = read_file(path)
        if text is not None:
            preferences[os.path.basename(path)] = text
    return {"lists_age": age, "offers": offers, "preferences": preferences}


def architecture(module, timeout):
    dpkg = which(module, "dpkg")
    rc, out, _err = run(module, [dpkg, "--print-architecture"], timeout) if dpkg else (1, "", "")
    return out.strip() if rc == 0 else ""


def reserved_networks(module, nameservers, timeout):
    """The networks pools must avoid (interface addresses, routes, nameservers), and why not when they cannot be read."""
    ip = which(module, "ip")
    if not ip:
        return [], "the ip command (iproute2) is not installed, so the host's networks cannot be read"
    answers = []
    for argv in ([ip, "-j", "address", "show"], [ip, "-j", "route", "show"]):
        rc, out, err = run(module, argv, timeout)
        try:
            answers.append(json.loads(out) if rc == 0 else None)
        except ValueError:
            answers.append(None)
        if not isinstance(answers[-1], list):
            return [], "'%s' gave no JSON list: %s" % (" ".join(argv), (err or out).strip()[:200])
    try:
        return reserved_from_ip(answers[0], answers[1], nameservers), ""
    except AddressPoolError as error:
        return [], str(error)


def apt_sources_state(repository_urls):
    files = {}
    for pattern in SOURCE_FILES:
        for path in glob.glob(pattern):
            text = read_file(path)
            if text is not None:
                files[path] = text
    every = parse_sources(files)
    entries = sources_for(every, repository_urls)
    for entry in entries:
        entry["shares_file"] = sum(1 for other in every if other["file"] == entry["file"]) > sum(
            1 for other in entries if other["file"] == entry["file"])
        entry["fingerprints"], entry["key_problem"] = [], ""
        if entry["signed_by"].startswith("/"):
            data = read_file(entry["signed_by"], binary=True)
            if data is None:
                entry["key_problem"] = "key file %s is missing" % entry["signed_by"]
                continue
            try:
                entry["fingerprints"] = key_fingerprints(data)
            except StateError as error:
                entry["key_problem"] = "%s: %s" % (entry["signed_by"], error)
    return entries


def nerdctl_version(module, timeout):
    nerdctl = which(module, "nerdctl")
    if not nerdctl:
        return ""
    rc, out, _err = run(module, [nerdctl, "--version"], timeout)
    words = out.split()
    return words[-1].lstrip("v") if rc == 0 and words else ""


def key_state(paths):
    keys = {}
    for path in paths:
        data = read_file(path, binary=True)
        if data is None:
            keys[path] = {"fingerprints": [], "problem": "%s cannot be read" % path}
            continue
        try:
            keys[path] = {"fingerprints": key_fingerprints(data), "problem": ""}
        except StateError as error:
            keys[path] = {"fingerprints": [], "problem": "%s: %s" % (path, error)}
    return keys


def write_record(module, record):
    try:
        engine_record.write(module.params["record"], record)
    except (IOError, OSError) as error:
        module.fail_json(msg="cannot write the record %s: %s" % (module.params["record"], error))


def read_kept_record(module):
    """The record an earlier run kept, when it is one this collection wrote."""
    try:
        return check_record(json.loads(read_file(module.params["record"]) or "null"), module.params["record"])
    except ValueError:
        return None


def _networks(module, engine, info, networks, containers, _unit):
    attached = containers_per_network(containers, networks)
    return {"networks": [{"name": n["Name"], "id": n["Id"], "subnets": network_subnets(n),
                          "containers": attached.get(n["Id"], 0)} for n in networks],
            "running_containers": [c.get("Id") for c in containers
                                   if c.get("State") == "running" and isinstance(c.get("Id"), str)]}


def _routes(module, engine, info, networks, containers, _unit):
    route_table = read_file("/proc/net/route") or ""
    return {"routes": routes_from_proc(route_table, engine["version"] or None),
            "gateway_routes": gateway_routes(route_table),
            "nameservers": nameservers_from_resolv(read_file("/etc/resolv.conf") or "")}


def _reserved(module, engine, info, networks, containers, _unit):
    nameservers = nameservers_from_resolv(read_file("/etc/resolv.conf") or "")
    reserved, problem = reserved_networks(module, nameservers, module.params["timeout"])
    if module.params["user"] and not problem:
        reserved = reserved + [rootless_engine.NAMESPACE_NETWORK]
    return {"reserved_networks": reserved, "reserved_problem": problem}


# Each section's reader, in the order they are read, given what main read once (engine, /info, networks, containers,
# the unit); each returns the keys of docker_host it fills.
READERS = {
    "engine": lambda module, engine, *_state: {"engine": engine},
    "swarm": lambda module, engine, info, *_state: {"swarm": swarm_of(info)},
    "firewall": lambda module, engine, info, *_state: {"firewall": firewall_of(info)},
    "daemon_json": lambda module, *_state: {"daemon_json": daemon_json_state(module.params["daemon_json"])},
    "unit": lambda module, engine, info, networks, containers, unit: {"unit": unit},
    "apt_sources": lambda module, *_state: {"apt_sources": apt_sources_state(module.params["repository_urls"])},
    "packages": lambda module, *_state: {"packages": parse_dpkg_status(
        read_file("/var/lib/dpkg/status") or "", ENGINE_PACKAGES + tuple(module.params["packages"]))},
    "networks": _networks,
    "routes": _routes,
    "reserved_networks": _reserved,
    "os": lambda module, *_state: {"os": os_release(), "architecture": architecture(module, module.params["timeout"])},
    "apt": lambda module, *_state: {"apt": apt_state(module, module.params["offered_packages"],
                                                     module.params["timeout"], module.params["offers_max_age"])},
    "nerdctl_version": lambda module, *_state: {"nerdctl_version": nerdctl_version(module, module.params["timeout"])},
    "key_files": lambda module, *_state: {"key_files": key_state(module.params["key_files"])},
}
SECTIONS = tuple(READERS)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            socket=dict(type="path", default="/var/run/docker.sock"),
            user=dict(type="str", default=""),
            daemon_json=dict(type="path", default="/etc/docker/daemon.json"),
            repository_urls=dict(type="list", elements="str", default=[]),
            key_files=dict(type="list", elements="path", default=[], no_log=False),
            packages=dict(type="list", elements="str", default=[]),
            offered_packages=dict(type="list", elements="str", default=[]),
            offers_max_age=dict(type="int", default=0),
            timeout=dict(type="int", default=30),
            sections=dict(type="list", elements="str", default=[], choices=list(SECTIONS)),
            keep_record=dict(type="bool", default=False),
            record=dict(type="path", default=engine_record.DEFAULT_PATH),
            record_files=dict(type="list", elements="path", default=[]),
            record_packages=dict(type="list", elements="str", default=[]),
        ),
        supports_check_mode=True,
    )
    params = module.params
    if params["timeout"] < 1:
        module.fail_json(msg="timeout %d is below 1: give 1 second or more" % params["timeout"])
    try:
        user, moved = rootless_engine.for_user(params)
    except rootless_engine.RootlessError as error:
        module.fail_json(msg=str(error))
    params.update(moved)
    wanted = set(params["sections"] or SECTIONS)
    client = EngineClient(params["socket"], timeout=params["timeout"])
    engine, info, networks, containers = engine_state(module, client, wanted)
    # Read once: the unit section shows it, and a record is kept differently when a restart is pending.
    unit = unit_state(module, params["timeout"], user) if params["keep_record"] or "unit" in wanted else None
    result = {"changed": False}
    if params["keep_record"]:
        record = engine_record.take(client, params["daemon_json"], params["record_files"], params["record_packages"],
                                    engine_packages=not user)
        # A change written and never applied (a run stopped between the two): the record that run kept is the host
        # dockerd runs, so it stays, to put back if applying the change now fails.
        kept = read_kept_record(module) if unit["pending_restart"] else None
        if kept is not None:
            # Its files and packages; the containers and the engine as they are now.
            record = dict(record, files=kept["files"], patterns=kept["patterns"], packages=kept["packages"])
            result["record_kept"] = True
        if not module.check_mode:
            write_record(module, record)
        result["record"] = summary(record)
    client.close()
    facts = {}
    for section in SECTIONS:
        if section in wanted:
            facts.update(READERS[section](module, engine, info, networks, containers, unit))
    module.exit_json(docker_host=facts, read_id=binascii.hexlify(os.urandom(8)).decode("ascii"), **result)


if __name__ == "__main__":
    main()
