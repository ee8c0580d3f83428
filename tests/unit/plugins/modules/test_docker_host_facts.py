# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docker_host_facts run as Ansible runs it, against an engine socket stand-in; a real engine and host are read
in the Molecule scenarios."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import pwd

from unit.plugins.modules.module_runner import engine_stand_in, run_module

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures")
ENGINE = {
    "/version": {"Version": "26.1.5+dfsg1", "ApiVersion": "1.45"},
    "/info": {"Swarm": {"LocalNodeState": "active", "NodeID": "n1", "ControlAvailable": True,
                        "RemoteManagers": [{"Addr": "10.0.0.1:2377"}]}},
    "/networks": [{"Name": "bridge", "Id": "b1", "IPAM": {"Config": [{"Subnet": "172.17.0.0/16"}]}}],
    "/containers/json": [{"Id": "a" * 64, "State": "running", "NetworkSettings": {"Networks": {"bridge": {
        "NetworkID": "b1"}}}}],
}


def test_the_engine_swarm_networks_daemon_json_and_keys_are_read(tmp_path):
    (tmp_path / "daemon.json").write_text('{"registry-mirrors": ["http://user:secret@mirror:5000"]}')
    key = os.path.join(FIXTURES, "rsa-test-key.asc")
    with engine_stand_in(tmp_path, ENGINE) as socket:
        result = run_module("docker_host_facts", tmp_path, socket=socket, daemon_json=str(tmp_path / "daemon.json"),
                            key_files=[key, str(tmp_path / "absent.asc")])
    host = result["docker_host"]
    assert host["engine"]["running"] and host["engine"]["version"] == "26.1.5+dfsg1"
    assert host["swarm"] == {"state": "active", "member": True, "manager": True, "node_id": "n1",
                             "managers": ["10.0.0.1:2377"]}
    assert host["networks"] == [{"name": "bridge", "id": "b1", "subnets": ["172.17.0.0/16"], "containers": 1}]
    assert host["running_containers"] == ["a" * 64]
    assert host["daemon_json"]["config"] == {"registry-mirrors": ["http://********@mirror:5000"]}
    assert len(host["key_files"][key]["fingerprints"]) == 1
    assert host["key_files"][str(tmp_path / "absent.asc")]["problem"].endswith("cannot be read")


def test_a_host_without_an_engine_is_read_without_failing(tmp_path):
    (tmp_path / "daemon.json").write_text("{not json")
    result = run_module("docker_host_facts", tmp_path, socket=str(tmp_path / "none.sock"),
                        daemon_json=str(tmp_path / "daemon.json"))
    host = result["docker_host"]
    assert not result.get("failed") and not host["engine"]["running"]
    assert "does not exist" in host["engine"]["error"]
    assert host["daemon_json"]["config"] is None and host["daemon_json"]["problem"]


def test_a_timeout_below_one_second_is_refused(tmp_path):
    result = run_module("docker_host_facts", tmp_path, timeout=0)
    assert result.get("failed") and "timeout 0 is below 1" in result["msg"], result


def test_only_the_sections_asked_for_are_read(tmp_path):
    with engine_stand_in(tmp_path, {"/version": ENGINE["/version"], "/info": ENGINE["/info"]}) as socket:
        result = run_module("docker_host_facts", tmp_path, socket=socket, sections=["swarm"])
    assert not result.get("failed"), result
    assert sorted(result["docker_host"]) == ["swarm"]
    assert result["docker_host"]["swarm"]["node_id"] == "n1"


def test_the_firewall_backend_comes_from_the_same_info_as_the_swarm(tmp_path):
    info = dict(ENGINE["/info"], FirewallBackend={"Driver": "nftables"})
    with engine_stand_in(tmp_path, {"/version": ENGINE["/version"], "/info": info}) as socket:
        result = run_module("docker_host_facts", tmp_path, socket=socket, sections=["firewall", "swarm"])
    assert not result.get("failed"), result
    assert result["docker_host"]["firewall"] == {"backend": "nftables"}
    assert result["docker_host"]["swarm"]["node_id"] == "n1"


def test_each_read_has_its_own_id(tmp_path):
    with engine_stand_in(tmp_path, {"/version": ENGINE["/version"], "/info": ENGINE["/info"]}) as socket:
        ids = [run_module("docker_host_facts", tmp_path, socket=socket, sections=["engine"])["read_id"]
               for _read in range(3)]
    assert len(set(ids)) == 3 and all(len(read_id) == 16 for read_id in ids), ids


def test_a_section_that_does_not_exist_is_refused(tmp_path):
    result = run_module("docker_host_facts", tmp_path, sections=["everything"])
    assert result.get("failed") and "sections" in result["msg"] and "everything" in result["msg"], result


def test_keep_record_writes_the_record_from_the_same_read_and_shows_no_content(tmp_path):
    (tmp_path / "daemon.json").write_text('{"registry-mirrors": ["http://user:secret@mirror:5000"]}')
    record = tmp_path / "state" / "record.json"
    with engine_stand_in(tmp_path, ENGINE) as socket:
        result = run_module("docker_host_facts", tmp_path, socket=socket, daemon_json=str(tmp_path / "daemon.json"),
                            sections=["engine"], keep_record=True, record=str(record))
        checked = run_module("docker_host_facts", tmp_path, check_mode=True, socket=socket,
                             sections=["engine"], keep_record=True, record=str(tmp_path / "checked.json"))
    assert not result.get("failed"), result
    assert json.loads(record.read_text())["containers"] == [{"id": "a" * 64, "name": ""}]
    assert result["record"]["files"] == [str(tmp_path / "daemon.json")] and "secret" not in json.dumps(result)
    assert checked["record"]["engine_running"] and not (tmp_path / "checked.json").exists()


def test_a_record_that_cannot_be_written_fails_clearly(tmp_path):
    (tmp_path / "file").write_text("")
    result = run_module("docker_host_facts", tmp_path, socket=str(tmp_path / "none.sock"), sections=["engine"],
                        keep_record=True, record=str(tmp_path / "file" / "record.json"))
    assert result.get("failed") and "cannot write the record %s" % (tmp_path / "file" / "record.json") in result["msg"]


def test_a_users_engine_is_read_at_the_users_paths_with_rootlesskits_network_reserved(tmp_path):
    daemon = pwd.getpwnam("daemon")
    result = run_module("docker_host_facts", tmp_path, user="daemon", sections=["engine", "daemon_json", "reserved_networks"])
    host = result["docker_host"]
    assert not result.get("failed"), result
    assert host["daemon_json"]["path"] == os.path.join(daemon.pw_dir, ".config/docker/daemon.json")
    assert "Docker socket /run/user/%d/docker.sock does not exist" % daemon.pw_uid in host["engine"]["error"]
    assert host["reserved_problem"] == "" and host["reserved_networks"][-1] == "10.0.2.0/24"
    refused = run_module("docker_host_facts", tmp_path, user="dockyard-nobody-here")
    assert refused["failed"] and "user dockyard-nobody-here does not exist on this host" in refused["msg"]
