# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import pwd

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils import rootless_engine

DAEMON = pwd.getpwnam("daemon")


def test_names_that_are_not_user_names_or_are_root_are_refused():
    for name in ("alice;reboot", "Alice", "", "-x", "a" * 33, 7):
        assert "is not a user name" in rootless_engine.name_problem(name)
    assert rootless_engine.name_problem("root") == "root runs the system engine, not a rootless one"
    assert rootless_engine.name_problem("alice_2-b") == ""


def test_account_reads_the_password_database():
    assert rootless_engine.account("daemon") == {"name": "daemon", "uid": DAEMON.pw_uid, "gid": DAEMON.pw_gid,
                                                 "home": DAEMON.pw_dir}
    with pytest.raises(rootless_engine.RootlessError, match="user dockyard-nobody-here does not exist on this host"):
        rootless_engine.account("dockyard-nobody-here")
    with pytest.raises(rootless_engine.RootlessError, match="not a user name"):
        rootless_engine.account("alice;reboot")


def test_paths_and_commands_of_a_users_engine():
    user = {"name": "alice", "uid": 1000, "gid": 1000, "home": "/home/alice"}
    assert rootless_engine.paths(user) == {
        "socket": "/run/user/1000/docker.sock", "pid_file": "/run/user/1000/docker.pid",
        "daemon_json": "/home/alice/.config/docker/daemon.json", "unit_dir": "/home/alice/.config/systemd/user",
        "drop_in_dir": "/home/alice/.config/systemd/user/docker.service.d",
        "record": "/var/lib/dockyard/users/alice/engine-record.json",
        "applied": "/var/lib/dockyard/users/alice/engine-applied.json"}
    assert rootless_engine.systemctl(user) == ["systemctl", "--user", "--machine", "alice@"]
    assert rootless_engine.journal(user, 12.5) == [
        "journalctl", "--since", "@12", "--no-pager", "--output", "cat", "_SYSTEMD_USER_UNIT=docker.service",
        "_UID=1000", "+", "USER_UNIT=docker.service", "_UID=1000"]


def test_only_paths_left_at_the_system_engines_move_to_the_users():
    user = {"name": "alice", "uid": 1000, "gid": 1000, "home": "/home/alice"}
    moved = rootless_engine.with_user_paths({"socket": "/var/run/docker.sock", "daemon_json": "/srv/daemon.json",
                                             "timeout": 5}, user)
    assert moved == {"socket": "/run/user/1000/docker.sock", "daemon_json": "/srv/daemon.json", "timeout": 5}


def test_proc_route_is_that_of_the_dockerd_the_pid_file_names(tmp_path, monkeypatch):
    user = {"name": "alice", "uid": 1000, "gid": 1000, "home": "/home/alice"}
    pid_file = tmp_path / "docker.pid"
    monkeypatch.setattr(rootless_engine, "runtime_dir", lambda _user: str(tmp_path))
    assert rootless_engine.proc_route(user) == ""
    pid_file.write_text("%d\n" % os.getpid())
    assert rootless_engine.proc_route(user) == "/proc/%d/net/route" % os.getpid()
    pid_file.write_text("garbage")
    assert rootless_engine.proc_route(user) == ""


def test_for_user_gives_the_account_and_moved_paths_or_leaves_the_system_engine_alone():
    params = {"user": "daemon", "socket": "/var/run/docker.sock", "daemon_json": "/srv/daemon.json"}
    user, moved = rootless_engine.for_user(params)
    assert user == rootless_engine.account("daemon")
    assert moved == dict(params, socket="/run/user/%d/docker.sock" % DAEMON.pw_uid)
    assert rootless_engine.for_user({"user": "", "socket": "/var/run/docker.sock"}) == (
        None, {"user": "", "socket": "/var/run/docker.sock"})
    with pytest.raises(rootless_engine.RootlessError, match="not a user name"):
        rootless_engine.for_user({"user": "alice\nreboot"})
