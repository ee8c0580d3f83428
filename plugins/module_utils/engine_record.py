# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Taking a record of the host before an engine change, and keeping it; noting what dockerd was started on.
Standard library only.

What goes in a record and what "back" means are decided in engine_lifecycle; this file reads the host into one
(files, packages, the engine's answers) and writes it, for docker_host_facts (which records what it reads, in the
same call) and engine_lifecycle (state=recorded). engine_lifecycle also notes the digest of daemon.json and the
unit's drop-ins each time it starts, restarts or reloads dockerd, so a later read can tell a change written but
never applied (a run stopped between the two) from one dockerd runs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import hashlib
import json
import os
import time

from ansible_collections.dockyard.docker_host.plugins.module_utils import engine_lifecycle as lifecycle
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_api import EngineAPIError
from ansible_collections.dockyard.docker_host.plugins.module_utils.host_files import read_file, replace_file
from ansible_collections.dockyard.docker_host.plugins.module_utils.host_state import parse_dpkg_status

DEFAULT_PATH = "/var/lib/dockyard/engine-record.json"


def read_files(patterns):
    """``{path: entry or None}`` for each path, and each file a shell pattern matches now."""
    found = {}
    for pattern in patterns:
        for path in sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]:
            data = read_file(path, binary=True)
            if data is None:
                found.setdefault(path, None)
                continue
            status = os.stat(path)
            found[path] = lifecycle.file_entry(data, status.st_mode & 0o7777, status.st_uid, status.st_gid)
    return found


def installed_packages(names):
    """dpkg's state of every package named, those dpkg does not know as not installed (a rollback removes them)."""
    found = parse_dpkg_status(read_file("/var/lib/dpkg/status") or "", names)
    return dict((name, found.get(name, {"version": "", "installed": False, "held": False})) for name in names)


def _answer(client, path):
    try:
        return client.get(path)
    except EngineAPIError:
        client.close()
        return None


def take(client, daemon_json, files=(), packages=(), engine_packages=True):
    """The record of the host now: daemon.json and ``files``, the engine's packages (unless ``engine_packages`` is
    false: a user's rootless engine, whose put-back must never move the host's packages) and ``packages``, dockerd."""
    patterns = [daemon_json] + list(files)
    version = _answer(client, "/version")
    version = version.get("Version", "") if isinstance(version, dict) else ""
    containers, swarm_state = [], "inactive"
    if version:
        answer = _answer(client, "/containers/json")
        containers = [item for item in answer if isinstance(item, dict)] if isinstance(answer, list) else []
        info = _answer(client, "/info")
        swarm = info.get("Swarm") if isinstance(info, dict) else None
        swarm_state = swarm.get("LocalNodeState", "") if isinstance(swarm, dict) else ""
    return {
        "format": lifecycle.RECORD_FORMAT, "taken": int(time.time()), "engine_version": version or "",
        "engine_running": bool(version), "swarm_state": swarm_state, "containers": lifecycle.kept_containers(containers),
        "packages": installed_packages(sorted(set(lifecycle.ENGINE_PACKAGES if engine_packages else ()) | set(packages))),
        "files": read_files(patterns), "patterns": patterns,
    }


def write(path, record):
    """Replace the record at ``path`` whole (0600, in a 0700 directory)."""
    directory = os.path.dirname(path)
    if not os.path.isdir(directory):
        os.makedirs(directory, 0o700)
    replace_file(path, json.dumps(record, sort_keys=True), 0o600, prefix=".record.")


# What dockerd was last started or reloaded on, by engine_lifecycle: a digest of daemon.json and the unit's drop-ins.
APPLIED_PATH = "/var/lib/dockyard/engine-applied.json"
DROP_IN_DIR = "/etc/systemd/system/docker.service.d"


def _config_files(daemon_json, drop_in_dir):
    return [daemon_json] + sorted(glob.glob(os.path.join(drop_in_dir, "*.conf")))


def config_digest(daemon_json, drop_in_dir=DROP_IN_DIR):
    """sha256 of daemon.json and docker.service's drop-ins in /etc, each with its path (an absent file counts)."""
    digest = hashlib.sha256()
    for path in _config_files(daemon_json, drop_in_dir):
        data = read_file(path, binary=True)
        digest.update(path.encode("utf-8") + b"\0" + (b"absent" if data is None else b"file\0" + data) + b"\0")
    return digest.hexdigest()


def write_applied(daemon_json, path=APPLIED_PATH, drop_in_dir=DROP_IN_DIR):
    """Note that the running dockerd was started or reloaded on the files as they are now."""
    directory = os.path.dirname(path)
    if not os.path.isdir(directory):
        os.makedirs(directory, 0o700)
    replace_file(path, json.dumps({"digest": config_digest(daemon_json, drop_in_dir), "at": int(time.time())}),
                 0o600, prefix=".applied.")


def process_start(pid):
    """Unix time the process started, from /proc, or None."""
    stat_text = read_file("/proc/%d/stat" % pid) if pid else None
    boot = [line for line in (read_file("/proc/stat") or "").splitlines() if line.startswith("btime ")]
    if not stat_text or not boot:
        return None
    fields = stat_text.rsplit(")", 1)[-1].split()
    try:
        return int(boot[0].split()[1]) + int(fields[19]) / float(os.sysconf("SC_CLK_TCK"))
    except (IndexError, ValueError):
        return None


def pending_restart(daemon_json, main_pid, path=APPLIED_PATH, drop_in_dir=DROP_IN_DIR):
    """Whether the running dockerd (``main_pid``) runs other files than those on disk. Not when dockerd started
    after every file was last written; else by the digest engine_lifecycle noted when it last started, restarted or
    reloaded dockerd (a reload applies a change without a new start); else, on a host it never did, pending."""
    if not main_pid:
        return False
    started = process_start(main_pid)
    mtimes = [os.stat(name).st_mtime for name in _config_files(daemon_json, drop_in_dir) if os.path.exists(name)]
    if not mtimes or (started is not None and max(mtimes) <= started + 1):
        return False
    try:
        applied = json.loads(read_file(path) or "null")
    except ValueError:
        applied = None
    if isinstance(applied, dict) and isinstance(applied.get("digest"), str):
        return applied["digest"] != config_digest(daemon_json, drop_in_dir)
    return started is not None
