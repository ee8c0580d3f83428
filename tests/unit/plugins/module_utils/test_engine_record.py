# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import stat
import subprocess
import time

from ansible_collections.dockyard.docker_host.plugins.module_utils import engine_record
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_api import EngineClient
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_lifecycle import check_record, file_bytes
from unit.plugins.modules.module_runner import engine_stand_in


def test_read_files_keeps_bytes_mode_and_absence_and_expands_patterns(tmp_path):
    (tmp_path / "a.conf").write_bytes(b"\x00binary")
    (tmp_path / "a.conf").chmod(0o600)
    (tmp_path / "b.conf").write_text("b")
    found = engine_record.read_files([str(tmp_path / "*.conf"), str(tmp_path / "absent.json"),
                                      str(tmp_path / "none-*.list")])
    assert sorted(found) == [str(tmp_path / "a.conf"), str(tmp_path / "absent.json"), str(tmp_path / "b.conf")]
    assert file_bytes(found[str(tmp_path / "a.conf")]) == b"\x00binary"
    assert found[str(tmp_path / "a.conf")]["mode"] == 0o600
    assert found[str(tmp_path / "absent.json")] is None


def test_installed_packages_names_every_package_asked_for():
    found = engine_record.installed_packages(["dockyard-no-such-package"])
    assert found == {"dockyard-no-such-package": {"version": "", "installed": False, "held": False}}


def test_take_reads_the_engine_and_write_keeps_it_private(tmp_path):
    answers = {"/version": {"Version": "28.5.2"}, "/info": {"Swarm": {"LocalNodeState": "inactive"}},
               "/containers/json": [{"Id": "a" * 64, "Names": ["/web"], "State": "running", "Labels": {}}]}
    (tmp_path / "daemon.json").write_text("{}")
    with engine_stand_in(tmp_path, answers) as socket:
        client = EngineClient(socket, timeout=10)
        record = engine_record.take(client, str(tmp_path / "daemon.json"), packages=["dockyard-extra"])
        client.close()
    assert record["engine_version"] == "28.5.2" and record["containers"] == [{"id": "a" * 64, "name": "web"}]
    assert "dockyard-extra" in record["packages"] and "docker.io" in record["packages"]
    path = tmp_path / "state" / "record.json"
    engine_record.write(str(path), record)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert check_record(json.loads(path.read_text()), str(path)) == record


def test_take_records_a_host_whose_engine_does_not_answer_as_stopped(tmp_path):
    client = EngineClient(str(tmp_path / "none.sock"), timeout=5)
    record = engine_record.take(client, str(tmp_path / "daemon.json"))
    assert record["engine_running"] is False and record["containers"] == [] and record["swarm_state"] == "inactive"
    assert record["files"] == {str(tmp_path / "daemon.json"): None}


def test_a_users_record_keeps_no_engine_package_so_its_put_back_never_moves_the_hosts():
    client = EngineClient("/nonexistent/docker.sock", timeout=5)
    record = engine_record.take(client, "/nonexistent/daemon.json", engine_packages=False)
    assert record["packages"] == {}
    assert engine_record.take(client, "/nonexistent/daemon.json", packages=["uidmap"],
                              engine_packages=False)["packages"].keys() == {"uidmap"}


def config(tmp_path):
    drop_ins = tmp_path / "docker.service.d"
    drop_ins.mkdir(exist_ok=True)
    daemon_json = tmp_path / "daemon.json"
    daemon_json.write_text('{"debug": false}')
    return str(daemon_json), str(drop_ins)


def test_the_digest_follows_daemon_json_and_the_drop_ins(tmp_path):
    daemon_json, drop_ins = config(tmp_path)
    first = engine_record.config_digest(daemon_json, drop_ins)
    assert engine_record.config_digest(daemon_json, drop_ins) == first
    (tmp_path / "docker.service.d" / "proxy.conf").write_text("[Service]\n")
    with_drop_in = engine_record.config_digest(daemon_json, drop_ins)
    (tmp_path / "daemon.json").write_text('{"debug": true}')
    assert len({first, with_drop_in, engine_record.config_digest(daemon_json, drop_ins)}) == 3


def test_a_change_written_after_the_noted_start_is_pending(tmp_path):
    daemon_json, drop_ins = config(tmp_path)
    applied = str(tmp_path / "state" / "applied.json")
    engine_record.write_applied(daemon_json, applied, drop_ins)
    assert stat.S_IMODE(os.stat(applied).st_mode) == 0o600
    assert not engine_record.pending_restart(daemon_json, os.getpid(), applied, drop_ins)
    (tmp_path / "daemon.json").write_text('{"debug": true}')
    assert engine_record.pending_restart(daemon_json, os.getpid(), applied, drop_ins)
    assert not engine_record.pending_restart(daemon_json, 0, applied, drop_ins)


def test_without_a_note_a_file_newer_than_the_process_is_pending(tmp_path):
    daemon_json, drop_ins = config(tmp_path)
    never = str(tmp_path / "never-applied.json")
    process = subprocess.Popen(["sleep", "30"])
    try:
        started = engine_record.process_start(process.pid)
        assert started is not None and abs(started - time.time()) < 60
        os.utime(daemon_json, (started - 100, started - 100))
        assert not engine_record.pending_restart(daemon_json, process.pid, never, drop_ins)
        os.utime(daemon_json, (started + 100, started + 100))
        assert engine_record.pending_restart(daemon_json, process.pid, never, drop_ins)
    finally:
        process.kill()
        process.wait()
    assert engine_record.process_start(999999999) is None
