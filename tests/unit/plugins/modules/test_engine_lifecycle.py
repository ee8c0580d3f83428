# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""engine_lifecycle's record, and its refusals, run as Ansible runs the module.

Restarts, waits and rollbacks on a real dockerd under systemd are covered by the Molecule scenarios
docker_daemon (a daemon.json dockerd refuses) and upgrade (a gate that refuses the new engine).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import stat

import pytest

from unit.plugins.modules.module_runner import engine_stand_in, run_module

SWARM_TASK = {"Id": "c" * 64, "Names": ["/svc.1.x"], "State": "running", "Labels": {"com.docker.swarm.task.id": "x"}}
ENGINE = {
    "/version": {"Version": "26.1.5+dfsg1"},
    "/info": {"Swarm": {"LocalNodeState": "active"}},
    "/containers/json": [{"Id": "a" * 64, "Names": ["/web"], "State": "running", "Labels": {}}, SWARM_TASK],
}


def record_files(tmp_path):
    daemon_json = tmp_path / "etc" / "daemon.json"
    daemon_json.parent.mkdir()
    daemon_json.write_text('{"live-restore": true, "registry-mirrors": ["http://user:secret@mirror"]}')
    daemon_json.chmod(0o640)
    (tmp_path / "etc" / "dockyard-proxy.conf").write_text("[Service]\nEnvironment=HTTPS_PROXY=http://u:secret@p\n")
    return daemon_json


def test_recorded_keeps_files_containers_and_swarm_state_in_a_private_file(tmp_path):
    daemon_json = record_files(tmp_path)
    record = tmp_path / "state" / "record.json"
    with engine_stand_in(tmp_path, ENGINE) as socket:
        patterns = [str(tmp_path / "etc" / "dockyard-*.conf"), str(tmp_path / "etc" / "absent.conf")]
        result = run_module("engine_lifecycle", tmp_path, state="recorded", socket=socket, record=str(record),
                            daemon_json=str(daemon_json), record_files=patterns)
    assert not result.get("failed") and not result["changed"], result
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    assert stat.S_IMODE(record.parent.stat().st_mode) == 0o700
    kept = json.loads(record.read_text())
    assert kept["containers"] == [{"id": "a" * 64, "name": "web"}]
    assert kept["swarm_state"] == "active" and kept["engine_version"] == "26.1.5+dfsg1"
    assert kept["files"][str(daemon_json)]["mode"] == 0o640
    assert kept["files"][str(tmp_path / "etc" / "absent.conf")] is None
    assert "secret" not in json.dumps(result)
    assert result["record"]["files"] == [str(daemon_json), str(tmp_path / "etc" / "dockyard-proxy.conf")]


def test_recorded_in_check_mode_writes_nothing(tmp_path):
    daemon_json = record_files(tmp_path)
    with engine_stand_in(tmp_path, ENGINE) as socket:
        result = run_module("engine_lifecycle", tmp_path, check_mode=True, state="recorded", socket=socket,
                            record=str(tmp_path / "record.json"), daemon_json=str(daemon_json))
    assert not result.get("failed") and result["record"]["containers"] == ["a" * 64], result
    assert not (tmp_path / "record.json").exists()


def test_a_host_whose_engine_does_not_answer_is_recorded_as_stopped(tmp_path):
    result = run_module("engine_lifecycle", tmp_path, state="recorded", socket=str(tmp_path / "none.sock"),
                        record=str(tmp_path / "record.json"), daemon_json=str(tmp_path / "daemon.json"))
    assert not result.get("failed"), result
    assert result["record"]["engine_running"] is False and result["record"]["containers"] == []


@pytest.mark.parametrize("record_text, message", [
    (None, "no record at {record}: nothing to put back"),
    ("{not json", "{record} is not JSON"),
    ('{"format": 1}', "{record} is not a record this collection wrote (field taken)"),
    ("[]", "{record} does not hold a record"),
])
def test_restored_refuses_a_missing_or_foreign_record_before_touching_anything(tmp_path, record_text, message):
    record = tmp_path / "record.json"
    if record_text is not None:
        record.write_text(record_text)
    result = run_module("engine_lifecycle", tmp_path, state="restored", record=str(record),
                        socket=str(tmp_path / "none.sock"))
    assert result.get("failed") and not result["changed"], result
    assert message.format(record=record) in result["msg"]


@pytest.mark.parametrize("params, message", [
    ({"state": "started", "timeout": -1}, "timeout -1 is outside 0 to 3600 seconds"),
    ({"state": "started", "containers_timeout": 3601}, "containers_timeout 3601 is outside 0 to 3600 seconds"),
    ({"state": "paused"}, "value of state must be one of"),
    ({"state": "installed", "packages": ["--reinstall"]}, "'--reinstall' is not a Debian package name or name=version"),
    ({"state": "installed", "packages": ["docker.io=26.1\nrm"]}, "is not a Debian package name or name=version"),
    ({"state": "installed", "hold": ["docker.io=26.1.5"]}, "'docker.io=26.1.5' is not a Debian package name"),
    ({"state": "installed", "pins": [{"path": "/etc/apt/preferences", "packages": ["docker.io"]}]},
     "pin path '/etc/apt/preferences' is not a file apt reads"),
    ({"state": "installed", "pins": [{"path": "/etc/apt/preferences.d/x", "packages": ["docker.io"], "comment": "a\x1bb"}]},
     "pin /etc/apt/preferences.d/x: its comment holds a control character"),
    ({"state": "installed", "pins": [{"path": "/etc/apt/preferences.d/x", "packages": ["docker.io=1"]}]},
     "pin /etc/apt/preferences.d/x: 'docker.io=1' is not a Debian package name"),
    ({"state": "installed", "pins": [{"path": "/etc/apt/preferences.d/x"}]}, "missing required arguments: packages"),
    ({"state": "installed", "user": "daemon"}, "state=installed installs the host's packages: it takes no user (daemon)"),
    ({"state": "started", "user": "dockyard-nobody-here"}, "user dockyard-nobody-here does not exist on this host"),
    ({"state": "restarted", "user": "alice;reboot"}, "'alice;reboot' is not a user name"),
    ({"state": "restarted", "user": "root"}, "root runs the system engine, not a rootless one"),
])
def test_bad_parameters_are_refused(tmp_path, params, message):
    result = run_module("engine_lifecycle", tmp_path, record=str(tmp_path / "record.json"), **params)
    assert result.get("failed") and message in result["msg"], result


def test_installed_in_check_mode_says_what_it_would_install_and_touches_nothing(tmp_path):
    result = run_module("engine_lifecycle", tmp_path, check_mode=True, state="installed", defer_start=True,
                        packages=["dockyard-no-such-package=1.0-1"], hold=["dockyard-no-such-package"])
    assert not result.get("failed") and result["changed"], result
    assert result["installed"] == ["dockyard-no-such-package"], result
    assert result["deferred"] is False, result
    assert result["packages"]["dockyard-no-such-package"] == {"version": "", "installed": False, "held": False}


def test_installed_in_check_mode_names_the_pins_it_would_write(tmp_path):
    pins = [{"path": "/etc/apt/preferences.d/dockyard-test-%s" % name, "packages": ["dockyard-no-such-%s" % name]}
            for name in ("versioned", "unversioned", "absent")]
    result = run_module("engine_lifecycle", tmp_path, check_mode=True, state="installed",
                        packages=["dockyard-no-such-versioned=1.0-1", "dockyard-no-such-unversioned"], pins=pins)
    assert not result.get("failed") and result["changed"], result
    # At the version given, at a version apt picks, over a package that stays absent (the real run fails there).
    assert result["pinned"] == sorted(pin["path"] for pin in pins), result
    assert not [pin for pin in pins if (tmp_path / pin["path"].lstrip("/")).exists()]
