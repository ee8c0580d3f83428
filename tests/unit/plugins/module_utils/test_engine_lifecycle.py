# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import re

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_lifecycle import (
    RECORD_FORMAT,
    RecordError,
    check_record,
    container_problem,
    dockerd_moved,
    file_bytes,
    file_entry,
    files_to_restore,
    kept_containers,
    package_spec_problem,
    not_back,
    pin_problem,
    pin_text,
    pin_version,
    rollback_plan,
    start_error,
    summary,
    upstream_version,
)


def test_kept_containers_leaves_out_stopped_containers_and_swarm_tasks():
    containers = [
        {"Id": "a" * 64, "Names": ["/web"], "State": "running", "Labels": {}},
        {"Id": "b" * 64, "Names": ["/old"], "State": "exited", "Labels": {}},
        {"Id": "c" * 64, "Names": ["/svc.1.x"], "State": "running", "Labels": {"com.docker.swarm.task.id": "x"}},
        {"Id": "d" * 64, "State": "running", "Labels": None},
    ]
    assert kept_containers(containers) == [{"id": "a" * 64, "name": "web"}, {"id": "d" * 64, "name": ""}]


@pytest.mark.parametrize("state, problem", [
    ({"Running": True}, ""),
    ({"Running": True, "Health": {"Status": "healthy"}}, ""),
    ({"Running": True, "Health": {"Status": "starting"}}, "running but starting"),
    ({"Running": True, "Health": {"Status": "unhealthy"}}, "running but unhealthy"),
    ({"Running": False, "Status": "exited"}, "not running (exited)"),
    ({}, "not running (unknown)"),
])
def test_container_problem_wants_running_and_healthy_where_there_is_a_health_check(state, problem):
    assert container_problem({"State": state}) == problem


RECORD = {"format": RECORD_FORMAT, "taken": 1, "engine_version": "20.10.24+dfsg1", "engine_running": True,
          "swarm_state": "active", "containers": [{"id": "a" * 64, "name": "web"}, {"id": "d" * 64, "name": ""}],
          "packages": {}, "files": {"/etc/docker/daemon.json": None}, "patterns": ["/etc/docker/daemon.json"]}


def test_not_back_names_the_swarm_state_and_each_container_not_back():
    assert not_back(RECORD, "active", {"a" * 64: "", "d" * 64: ""}) == []
    assert not_back(RECORD, "inactive", {"a" * 64: "running but starting"}) == [
        "the node's swarm state is inactive, not active as before",
        "web (aaaaaaaaaaaa): running but starting",
        "dddddddddddd (dddddddddddd): gone",
    ]


def test_not_back_ignores_the_swarm_when_the_node_was_in_none():
    record = dict(RECORD, swarm_state="inactive", containers=[])
    assert not_back(record, "", {}) == []


def test_files_to_restore_writes_what_changed_and_removes_what_is_new():
    old = file_entry(b"{}", 0o644, 0, 0)
    recorded = {"/a": old, "/b": None, "/c": file_entry(b"x", 0o600, 0, 0), "/d": old}
    present = {"/a": file_entry(b'{"debug": true}', 0o644, 0, 0), "/b": file_entry(b"new", 0o644, 0, 0),
               "/c": None, "/d": file_entry(b"{}", 0o600, 0, 0), "/e": file_entry(b"new", 0o644, 0, 0)}
    assert files_to_restore(recorded, present) == (["/a", "/c", "/d"], ["/b", "/e"])
    assert file_bytes(recorded["/c"]) == b"x"
    assert files_to_restore(recorded, dict(recorded)) == ([], [])


@pytest.mark.parametrize("version, upstream", [
    ("5:26.1.5-1~debian.12~bookworm", "26.1.5"), ("26.1.5+dfsg1-9+b11", "26.1.5"), ("20.10.24+dfsg1", "20.10.24"),
    ("", ""), ("garbage", ""),
])
def test_upstream_version(version, upstream):
    assert upstream_version(version) == upstream


def test_start_error_reads_the_last_start_only():
    journal = "\n".join([
        "Starting docker.service - Docker Application Container Engine...",
        'level=error msg="an old error"',
        "Starting docker.service - Docker Application Container Engine...",
        'level=info msg="Starting up"',
        "failed to start daemon: error initializing graphdriver: driver not supported: dockyard-no-such-driver",
        "docker.service: Main process exited, code=exited, status=1/FAILURE",
    ])
    assert start_error(journal) == [
        "failed to start daemon: error initializing graphdriver: driver not supported: dockyard-no-such-driver"]
    assert start_error("") == []
    assert start_error('level=fatal msg="no start line"') == ['level=fatal msg="no start line"']


def test_start_error_gives_the_units_last_lines_when_dockerd_never_ran():
    journal = "\n".join([
        "Starting docker.service - Docker Application Container Engine...",
        "refuse-engine: engine 26.1.5 refused",
        "docker.service: Control process exited, code=exited, status=1/FAILURE",
        "docker.service: Failed with result 'exit-code'.",
        "Failed to start docker.service - Docker Application Container Engine.",
        "",
    ])
    assert start_error(journal) == ["refuse-engine: engine 26.1.5 refused"]
    systemd_only = "\n".join(line for line in journal.splitlines() if "refuse-engine" not in line)
    assert start_error(systemd_only) == [
        "docker.service: Control process exited, code=exited, status=1/FAILURE",
        "docker.service: Failed with result 'exit-code'.",
        "Failed to start docker.service - Docker Application Container Engine."]


def test_check_record_accepts_what_the_module_writes_and_summary_shows_no_content():
    record = copy.deepcopy(RECORD)
    record["files"]["/etc/docker/daemon.json"] = file_entry(b'{"secret": "x"}', 0o600, 0, 0)
    assert check_record(json.loads(json.dumps(record)), "/r") == record
    shown = summary(record)
    assert shown["files"] == ["/etc/docker/daemon.json"]
    assert "secret" not in json.dumps(shown)


@pytest.mark.parametrize("change, message", [
    (lambda r: [], "does not hold a record"),
    (lambda r: dict(r, format=2), "format 2"),
    (lambda r: dict(r, engine_running="yes"), "field engine_running"),
    (lambda r: dict(r, taken=True), "field taken"),
    (lambda r: dict(r, containers=["abc"]), "container that is not"),
    (lambda r: dict(r, files={"/x": {"content": 1}}), "file /x in a shape"),
    (lambda r: {k: v for k, v in r.items() if k != "patterns"}, "field patterns"),
])
def test_check_record_refuses_what_it_did_not_write(change, message):
    with pytest.raises(RecordError, match=message):
        check_record(change(copy.deepcopy(RECORD)), "/r")


def pkg(version, held=False):
    return {"version": version, "installed": bool(version), "held": held}


BEFORE = {"docker.io": pkg("20.10.24+dfsg1-1+deb12u1", held=True), "containerd": pkg("1.6.20~ds1-1+b1", held=True),
          "docker-cli": pkg(""), "runc": pkg("1.1.5+ds1-1+deb12u1"), "docker-ce": pkg("")}


def test_rollback_plan_puts_back_versions_removes_what_the_upgrade_added_and_restores_holds():
    now = {"docker.io": pkg("26.1.5+dfsg1-9+b11", held=True), "containerd": pkg("1.7.24~ds1-6+b5", held=True),
           "docker-cli": pkg("26.1.5+dfsg1-9+b11", held=True), "runc": pkg("1.1.5+ds1-1+deb12u1"),
           "docker-ce": pkg("")}
    assert rollback_plan(BEFORE, now) == {
        "install": ["containerd=1.6.20~ds1-1+b1", "docker.io=20.10.24+dfsg1-1+deb12u1"],
        "remove": ["docker-cli"], "hold": ["containerd", "docker.io"], "unhold": []}


def test_rollback_plan_is_empty_when_nothing_moved():
    assert rollback_plan(BEFORE, dict(BEFORE)) == {"install": [], "remove": [], "hold": ["containerd", "docker.io"],
                                                   "unhold": []}


def test_rollback_plan_releases_a_hold_the_upgrade_added_and_reinstalls_a_removed_package():
    now = dict(BEFORE, runc=pkg("1.1.5+ds1-1+deb12u1", held=True), containerd=pkg(""))
    plan = rollback_plan(BEFORE, now)
    assert plan["unhold"] == ["runc"]
    assert plan["install"] == ["containerd=1.6.20~ds1-1+b1"]


@pytest.mark.parametrize("before, now, message", [
    ("docker.io", {}, "before must be a mapping"),
    ({}, ["docker.io"], "now must be a mapping"),
    ({"docker.io": {"installed": True, "version": ""}}, {}, "docker.io was installed before but its version"),
])
def test_rollback_plan_bad_input_is_a_clear_error(before, now, message):
    with pytest.raises(ValueError, match=message):
        rollback_plan(before, now)


@pytest.mark.parametrize("spec, versioned, problem", [
    ("docker.io", True, ""),
    ("docker.io=5:26.1.5-1~debian.12", True, ""),
    ("containerd.io=1.7.24-1", True, ""),
    ("docker.io=26.1.5", False, "'docker.io=26.1.5' is not a Debian package name"),
    ("-o", True, "'-o' is not a Debian package name or name=version"),
    ("Docker.io", True, "'Docker.io' is not a Debian package name or name=version"),
    ("docker.io=", True, "'docker.io=' is not a Debian package name or name=version"),
    ("docker.io\n", True, "'docker.io\\n' is not a Debian package name or name=version"),
])
def test_package_spec_problem_names_the_spec_and_the_rule(spec, versioned, problem):
    assert package_spec_problem(spec, versioned) == problem


@pytest.mark.parametrize("restored, moved", [
    ({"files_written": [], "files_removed": ["/etc/apt/sources.list.d/dockyard-engine-trixie.list"]}, False),
    ({"files_written": ["/etc/apt/preferences.d/dockyard-engine-version"], "files_removed": [], "hold": ["docker.io"]},
     False),
    ({"files_written": ["/etc/docker/daemon.json"], "files_removed": []}, True),
    ({"files_written": [], "files_removed": [], "install": ["docker.io=20.10.24+dfsg1-1+deb12u1"]}, True),
    ({"files_written": [], "files_removed": [], "remove": ["docker-cli"]}, True),
])
def test_dockerd_moved_only_by_packages_and_files_outside_apt(restored, moved):
    full = dict({"install": [], "remove": [], "hold": [], "unhold": []}, **restored)
    assert dockerd_moved(full) is moved


ENGINE_PIN = {"path": "/etc/apt/preferences.d/dockyard-engine-version", "packages": ["docker-ce", "docker-ce-cli"],
              "comment": "Managed by the role.\nIt stays."}


@pytest.mark.parametrize("change, problem", [
    ({}, ""),
    ({"path": "/etc/apt/preferences.d/engine.pref"}, ""),
    ({"path": "/etc/apt/preferences.d/engine.conf"},
     "pin path '/etc/apt/preferences.d/engine.conf' is not a file apt reads: a name of letters, digits"),
    ({"path": "/etc/apt/preferences.d/../sources.list"}, "is not a file apt reads"),
    ({"path": "/tmp/engine"}, "is not a file apt reads"),
    ({"packages": []}, "pin /etc/apt/preferences.d/dockyard-engine-version names no package"),
    ({"packages": ["docker-ce", "-o"]},
     "pin /etc/apt/preferences.d/dockyard-engine-version: '-o' is not a Debian package name"),
    ({"comment": "one\rtwo"}, "its comment holds a control character (only line breaks are allowed): 'one\\rtwo'"),
])
def test_pin_problem_names_the_value_and_the_rule(change, problem):
    found = pin_problem(dict(ENGINE_PIN, **change))
    assert problem in found and bool(found) == bool(problem), found


def test_pin_version_is_the_one_version_the_packages_are_installed_at():
    installed = {"docker-ce": {"installed": True, "version": "5:26.1.5-1~debian.12~bookworm"},
                 "docker-ce-cli": {"installed": True, "version": "5:26.1.5-1~debian.12~bookworm"}}
    assert pin_version(ENGINE_PIN, installed) == "5:26.1.5-1~debian.12~bookworm"


@pytest.mark.parametrize("packages, message", [
    ({"docker-ce": {"installed": True, "version": "5:26.1.5-1"}},
     "cannot pin docker-ce-cli at the installed version in /etc/apt/preferences.d/dockyard-engine-version: not installed"),
    ({"docker-ce": {"installed": True, "version": "5:26.1.5-1"}, "docker-ce-cli": {"installed": False, "version": "5:26.1.5-1"}},
     "docker-ce-cli at the installed version"),
    ({"docker-ce": {"installed": True, "version": "5:26.1.5-1"}, "docker-ce-cli": {"installed": True, "version": "5:27.0.1-1"}},
     "cannot pin docker-ce, docker-ce-cli at one version in /etc/apt/preferences.d/dockyard-engine-version: they are "
     "installed at docker-ce 5:26.1.5-1, docker-ce-cli 5:27.0.1-1"),
])
def test_pin_version_refuses_packages_not_at_one_version(packages, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        pin_version(ENGINE_PIN, packages)


def test_pin_text_is_the_comment_then_one_stanza():
    assert pin_text(ENGINE_PIN, "5:26.1.5-1") == (
        "# Managed by the role.\n# It stays.\nPackage: docker-ce docker-ce-cli\nPin: version 5:26.1.5-1\n"
        "Pin-Priority: 1001\n")
    assert pin_text(dict(ENGINE_PIN, comment=""), "1") == "Package: docker-ce docker-ce-cli\nPin: version 1\nPin-Priority: 1001\n"
