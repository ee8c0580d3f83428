# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an engine change keeps, and when the host counts as back. Standard library only; pure functions.

A record is the host before a change: the engine's packages and holds, the files the change may write (their
bytes, mode and owner, or their absence), whether dockerd ran and which version, the swarm state, and the
containers the host must run again. The engine_lifecycle module writes, waits on and restores records; this file
decides what goes in one and what "back" means, once.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import re

RECORD_FORMAT = 1
# The engine's packages, whichever source they come from.
ENGINE_PACKAGES = ("docker-ce", "docker-ce-cli", "containerd.io", "docker-buildx-plugin", "docker-compose-plugin",
                   "docker-ce-rootless-extras", "docker.io", "docker-cli", "containerd", "runc")
SWARM_TASK_LABEL = "com.docker.swarm.task.id"
# What dockerd writes when it gives up starting (cmd/dockerd and logrus), in the journal of its last start.
_START_ERROR = re.compile(r"failed to start daemon|unable to configure|level=(fatal|error)", re.IGNORECASE)
_UNIT_START = re.compile(r"Starting (docker\.service|Docker Application)")
_SYSTEMD_LINE = re.compile(r"^(docker\.service: |Failed to start |Started |Stopped |Stopping )")
# A Debian package name (Debian Policy 5.6.1), optionally =version (5.6.12).
_PACKAGE_SPEC = re.compile(r"^[a-z0-9][a-z0-9+.-]+(=[0-9][A-Za-z0-9.+~:-]*)?\Z")
# apt reads a file of preferences.d only when its name is of these characters, with no extension or .pref.
PREFERENCES_DIR = "/etc/apt/preferences.d/"
_PREFERENCES_NAME = re.compile(r"^[A-Za-z0-9_-]+(\.pref)?\Z")


class RecordError(ValueError):
    """A record that cannot be read as one; the message names the file and what is wrong."""


def kept_containers(containers):
    """The running containers a change must bring back: ``[{id, name}]`` from GET /containers/json.

    A swarm task's container is the swarm's to replace (after a restart it starts a new task with a new ID), so it
    is left out; the node's own swarm state stands for it (see :func:`not_back`)."""
    kept = []
    for container in containers:
        labels = container.get("Labels") or {}
        if container.get("State") != "running" or SWARM_TASK_LABEL in labels:
            continue
        names = container.get("Names") or []
        kept.append({"id": container.get("Id", ""), "name": (names[0] if names else "").lstrip("/")})
    return kept


def container_problem(inspected):
    """Why an inspected container (GET /containers/ID/json) does not count as back, or '' when it does."""
    state = inspected.get("State") or {}
    if not state.get("Running"):
        return "not running (%s)" % (state.get("Status") or "unknown")
    health = state.get("Health")
    if isinstance(health, dict) and health.get("Status") != "healthy":
        return "running but %s" % (health.get("Status") or "without a health status")
    return ""


def not_back(record, swarm_state, problems):
    """Messages for what is not back: the node's swarm state when it was in a swarm, then each kept container.

    ``problems`` maps a container ID to :func:`container_problem`'s answer (a missing ID: the container is gone)."""
    found = []
    before = record.get("swarm_state", "inactive")
    if before in ("active", "locked") and swarm_state != before:
        found.append("the node's swarm state is %s, not %s as before" % (swarm_state or "unknown", before))
    for container in record.get("containers", []):
        problem = problems.get(container["id"], "gone")
        if problem:
            found.append("%s (%s): %s" % (container["name"] or container["id"][:12], container["id"][:12], problem))
    return found


def file_entry(data, mode, uid, gid):
    """A recorded file: its bytes (base64), mode and owner; None stands for a file that was absent."""
    return {"content": base64.b64encode(data).decode("ascii"), "mode": mode, "uid": uid, "gid": gid}


def file_bytes(entry):
    return base64.b64decode(entry["content"].encode("ascii"))


def files_to_restore(recorded, present):
    """``(write, remove)``: the recorded files whose bytes or mode differ from ``present`` (path to entry, as
    recorded), and the paths present now that were absent then."""
    write = sorted(path for path, entry in recorded.items() if entry is not None and (
        present.get(path) is None or present[path]["content"] != entry["content"]
        or present[path]["mode"] != entry["mode"]))
    remove = sorted(path for path, entry in present.items() if entry is not None and recorded.get(path) is None)
    return write, remove


def rollback_plan(before, now):
    """What apt must do to put the engine's packages back as ``before`` had them: ``{install, remove, hold, unhold}``.

    ``before`` and ``now`` map a package to ``{version, installed, held}`` (dpkg's status).
    ``install`` names, as ``name=version``, the packages installed before that are missing or at another version now;
    ``remove`` the packages installed now that were not before (docker-cli, split out of docker.io by the newer
    engine); apt does both in one transaction. ``hold`` and ``unhold`` put dpkg's holds back as they were.
    """
    for name, value in (("before", before), ("now", now)):
        if not isinstance(value, dict):
            raise ValueError("%s must be a mapping of package name to its state, not %r" % (name, value))

    def state(packages, name):
        found = packages.get(name)
        return found if isinstance(found, dict) else {}

    installed_before = sorted(name for name in before if state(before, name).get("installed"))
    for name in installed_before:
        version = state(before, name).get("version")
        if not version or not isinstance(version, str):
            raise ValueError("package %s was installed before but its version was not recorded (%r)" % (name, version))
    install = [name + "=" + state(before, name)["version"] for name in installed_before
               if not state(now, name).get("installed") or state(now, name).get("version") != state(before, name)["version"]]
    remove = sorted(name for name in now if state(now, name).get("installed") and name not in installed_before)
    hold = [name for name in installed_before if state(before, name).get("held")]
    unhold = sorted(name for name in now if state(now, name).get("held") and name in installed_before
                    and not state(before, name).get("held"))
    return {"install": install, "remove": remove, "hold": hold, "unhold": unhold}


def dockerd_moved(restored):
    """Whether what a put-back moved (``{files_written, files_removed, install, remove, ...}``) touches dockerd: a
    package, or a file outside /etc/apt."""
    files = restored["files_written"] + restored["files_removed"]
    return bool(restored["install"] or restored["remove"] or [path for path in files if not path.startswith("/etc/apt/")])


def package_spec_problem(spec, versioned=True):
    """Why ``spec`` is not a package name (or, when ``versioned``, name=version) apt can take, or ''."""
    match = _PACKAGE_SPEC.match(spec)
    if match and (versioned or not match.group(1)):
        return ""
    return "%r is not a Debian package name%s" % (spec, " or name=version" if versioned else "")


def pin_problem(pin):
    """Why ``pin`` (``{path, packages, comment}``) is not an apt preferences file this module writes, or ''."""
    path, comment = pin["path"], pin["comment"]
    if not path.startswith(PREFERENCES_DIR) or not _PREFERENCES_NAME.match(path[len(PREFERENCES_DIR):]):
        return ("pin path %r is not a file apt reads: a name of letters, digits, '_' and '-' (or ending in .pref) "
                "in %s" % (path, PREFERENCES_DIR))
    if not pin["packages"]:
        return "pin %s names no package" % path
    bad = [package_spec_problem(name, versioned=False) for name in pin["packages"]]
    if any(bad):
        return "pin %s: %s" % (path, "; ".join(problem for problem in bad if problem))
    if re.search(r"[\x00-\x09\x0b-\x1f\x7f]", comment):
        return "pin %s: its comment holds a control character (only line breaks are allowed): %r" % (path, comment)
    return ""


def pin_version(pin, packages):
    """The one version the pin's packages are installed at (``packages``: name to ``{installed, version}``), or
    ValueError naming those not installed or at another version."""
    versions = dict((name, packages.get(name, {}).get("version", "") if packages.get(name, {}).get("installed")
                     else "") for name in pin["packages"])
    missing = sorted(name for name, version in versions.items() if not version)
    if missing:
        raise ValueError("cannot pin %s at the installed version in %s: not installed" % (", ".join(missing), pin["path"]))
    found = sorted(set(versions.values()))
    if len(found) > 1:
        raise ValueError("cannot pin %s at one version in %s: they are installed at %s" % (
            ", ".join(pin["packages"]), pin["path"], ", ".join("%s %s" % item for item in sorted(versions.items()))))
    return found[0]


def pin_text(pin, version):
    """The apt preferences file holding ``pin``'s packages at ``version``, its comment lines first."""
    comment = "".join("# %s\n" % line for line in pin["comment"].splitlines())
    return "%sPackage: %s\nPin: version %s\nPin-Priority: 1001\n" % (comment, " ".join(pin["packages"]), version)


def upstream_version(version):
    """``26.1.5`` from a package or engine version such as ``5:26.1.5-1~debian.12`` or ``26.1.5+dfsg1-9+b11``."""
    match = re.search(r"(?:^|:)(\d+\.\d+\.\d+)", version or "")
    return match.group(1) if match else ""


def start_error(journal):
    """dockerd's own error from the journal of docker.service: the matching lines of its last start, at most 3.
    When dockerd logged no error (it never ran: an ExecStartPre or the binary failed), what the unit's programs
    said, else systemd's own lines about the unit."""
    lines = (journal or "").splitlines()
    starts = [index for index, line in enumerate(lines) if _UNIT_START.search(line)]
    last = [line.strip() for line in (lines[starts[-1] + 1:] if starts else lines) if line.strip()]
    said = [line for line in last if _START_ERROR.search(line)]
    return (said or [line for line in last if not _SYSTEMD_LINE.search(line)] or last)[-3:]


def check_record(record, path):
    """The record, when it has the shape this module writes; RecordError naming ``path`` otherwise."""
    shape = (("format", int), ("taken", (int, float)), ("engine_version", str), ("engine_running", bool),
             ("swarm_state", str), ("containers", list), ("packages", dict), ("files", dict), ("patterns", list))
    if not isinstance(record, dict):
        raise RecordError("%s does not hold a record (an object): remove it, then run again" % path)
    for key, kind in shape:
        if not isinstance(record.get(key), kind) or isinstance(record.get(key), bool) is not (kind is bool):
            raise RecordError("%s is not a record this collection wrote (field %s): remove it, then run again"
                              % (path, key))
    if record["format"] != RECORD_FORMAT:
        raise RecordError("%s is a record of format %r; this collection reads format %d"
                          % (path, record["format"], RECORD_FORMAT))
    for container in record["containers"]:
        if not isinstance(container, dict) or not isinstance(container.get("id"), str):
            raise RecordError("%s holds a container that is not {id, name}: remove it, then run again" % path)
    for file_path, entry in record["files"].items():
        if entry is not None and not (isinstance(entry, dict) and isinstance(entry.get("content"), str)
                                      and isinstance(entry.get("mode"), int)):
            raise RecordError("%s holds file %s in a shape this collection does not write" % (path, file_path))
    return record


def summary(record):
    """What a record holds, for a result: no file content."""
    return {"taken": record["taken"], "engine_version": record["engine_version"],
            "engine_running": record["engine_running"], "swarm_state": record["swarm_state"],
            "containers": [container["id"] for container in record["containers"]],
            "packages": record["packages"],
            "files": sorted(path for path, entry in record["files"].items() if entry is not None)}
