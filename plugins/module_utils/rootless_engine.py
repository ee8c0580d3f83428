# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where a user's rootless engine keeps things, in one place. Standard library only.

A rootless dockerd runs as the user, under the user's systemd manager (a user unit ``docker.service``), with its
socket and pid file in the user's runtime directory, its daemon.json in the user's configuration directory, and
its networks inside rootlesskit's network namespace, which reaches the host through slirp4netns or pasta on
10.0.2.0/24. The modules of this collection that act on an engine take ``user`` and ask this file where.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import pwd
import re

# A user name as useradd takes it by default (Debian's NAME_REGEX), without the trailing '$' of machine accounts.
USER_NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}\Z")
# The network rootlesskit gives its namespace with slirp4netns and with pasta (dockerd-rootless.sh's default):
# a pool subnet inside it would hide the way out.
NAMESPACE_NETWORK = "10.0.2.0/24"
STATE_DIR = "/var/lib/dockyard/users"
UNIT = "docker.service"
# The system engine's paths: an option left at one of them is moved to the user's when a user is named.
SYSTEM_PATHS = {"socket": "/var/run/docker.sock", "daemon_json": "/etc/docker/daemon.json",
                "record": "/var/lib/dockyard/engine-record.json"}


class RootlessError(ValueError):
    """A user who cannot run a rootless engine; the message names the user and why."""


def name_problem(name):
    """Why ``name`` is not a user name this collection acts for, or ''."""
    if not isinstance(name, str) or not USER_NAME.match(name):
        return "%r is not a user name (a lower-case letter or '_', then up to 31 of a-z, 0-9, '_', '-')" % (name,)
    if name == "root":
        return "root runs the system engine, not a rootless one"
    return ""


def account(name):
    """``{name, uid, gid, home}`` of the user; RootlessError when the name is bad or no such user exists."""
    problem = name_problem(name)
    if problem:
        raise RootlessError(problem)
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        raise RootlessError("user %s does not exist on this host: create the account first" % name)
    if entry.pw_uid == 0:
        raise RootlessError("user %s has uid 0: a rootless engine runs as an unprivileged user" % name)
    return {"name": name, "uid": entry.pw_uid, "gid": entry.pw_gid, "home": entry.pw_dir}


def for_user(params):
    """``(user, params)``: the account of ``params["user"]`` and ``params`` with the paths left at the system
    engine's moved to the user's (:func:`with_user_paths`), or ``(None, params)`` when no user is named.
    RootlessError names a bad user."""
    if not params.get("user"):
        return None, params
    user = account(params["user"])
    return user, with_user_paths(params, user)


def runtime_dir(user):
    return "/run/user/%d" % user["uid"]


def paths(user):
    """The user's engine: socket, pid file, daemon.json, unit directory and drop-ins, the collection's record and
    applied-digest files for it."""
    config = os.path.join(user["home"], ".config")
    state = os.path.join(STATE_DIR, user["name"])
    return {
        "socket": os.path.join(runtime_dir(user), "docker.sock"),
        "pid_file": os.path.join(runtime_dir(user), "docker.pid"),
        "daemon_json": os.path.join(config, "docker", "daemon.json"),
        "unit_dir": os.path.join(config, "systemd", "user"),
        "drop_in_dir": os.path.join(config, "systemd", "user", UNIT + ".d"),
        "record": os.path.join(state, "engine-record.json"),
        "applied": os.path.join(state, "engine-applied.json"),
    }


def with_user_paths(params, user):
    """``params`` with each of socket, daemon_json and record that is left at the system engine's path moved to the
    user's; a path given on purpose is kept."""
    moved = dict(params)
    where = paths(user)
    for key, system_path in SYSTEM_PATHS.items():
        if key in moved and moved[key] == system_path:
            moved[key] = where[key]
    return moved


def systemctl(user):
    """systemctl talking to the user's manager (systemd 248 and later), from root."""
    return ["systemctl", "--user", "--machine", user["name"] + "@"]


def journal(user, since):
    """journalctl for the user's docker.service since ``since`` (Unix time): dockerd's lines and the manager's own."""
    uid = "_UID=%d" % user["uid"]
    return ["journalctl", "--since", "@%d" % int(since), "--no-pager", "--output", "cat",
            "_SYSTEMD_USER_UNIT=" + UNIT, uid, "+", "USER_UNIT=" + UNIT, uid]


def proc_route(user):
    """The routing table of the engine's network namespace (/proc/PID/net/route of the dockerd in it), or ''
    when the engine does not run."""
    try:
        with open(paths(user)["pid_file"]) as stream:
            pid = int(stream.read().strip())
    except (IOError, OSError, ValueError):
        return ""
    return "/proc/%d/net/route" % pid
