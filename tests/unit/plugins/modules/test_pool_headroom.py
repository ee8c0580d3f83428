# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pool_headroom, run as Ansible runs it, against an engine socket that answers what no engine should.

The real engine's answers are covered by the Molecule scenario headroom; here a unix socket
server stands in for a broken or hostile engine, which a real dockerd cannot be made into.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from unit.plugins.modules.module_runner import engine_stand_in, run_module

GOOD = {
    "/version": {"Version": "26.1.5"},
    "/info": {},
    "/networks": [{"Name": "bridge", "Id": "b1", "Created": "2026-11-22T21:42:30.07Z",
                   "IPAM": {"Config": [{"Subnet": "172.17.0.0/16"}]}}],
    "/containers/json": [],
}


def run_headroom(tmp_path, socket_path, **extra):
    return run_module("pool_headroom", tmp_path, socket=socket_path, daemon_json=str(tmp_path / "none.json"), **extra)


MALFORMED = [
    ({"/version": b"not json"}, "GET /version: the engine's answer is not JSON"),
    ({"/version": []}, "GET /version is malformed: the answer is list"),
    ({"/version": {"Version": 26}}, "GET /version is malformed: the answer field Version is number"),
    ({"/info": "text"}, "GET /info is malformed: the answer is string"),
    ({"/info": {"DefaultAddressPools": {"Base": "10.0.0.0/8"}}}, "field DefaultAddressPools is mapping"),
    ({"/info": {"DefaultAddressPools": [{"Base": "10.0.0.0/8", "Size": "24"}]}},
     "DefaultAddressPools item 0 field Size is string"),
    ({"/info": {"DefaultAddressPools": [{"Base": "10.0.0.0/8", "Size": 99}]}}, "cannot count headroom: pool 10.0.0.0/8"),
    ({"/networks": {"Name": "x"}}, "GET /networks is malformed: the answer is mapping"),
    ({"/networks": [None]}, "GET /networks is malformed: network 0 is null"),
    ({"/networks": [{"Id": "x"}]}, "network 0 field Name is null"),
    ({"/networks": [{"Name": "n", "Id": "x", "Labels": {"a": 1}}]}, "network 0 field Labels entry a is number"),
    ({"/networks": [{"Name": "n", "Id": "x", "IPAM": {"Config": [{"Subnet": 7}]}}]},
     "network 0 IPAM.Config item 0 field Subnet is number"),
    ({"/networks": [{"Name": "n", "Id": "x", "IPAM": {"Config": [{"Subnet": "not-a-net"}]}}]},
     "cannot count headroom: used entry 'not-a-net' is not an IP network"),
    ({"/networks": [{"Name": "n", "Id": "x", "Created": 5}]}, "network 0 field Created is number"),
    ({"/containers/json": [{"NetworkSettings": {"Networks": {"n": "x"}}}]},
     "GET /containers/json is malformed: container 0 network n is string"),
    ({"/containers/json": [{"NetworkSettings": []}]}, "container 0 field NetworkSettings is list"),
]


@pytest.mark.parametrize("answers, message", MALFORMED, ids=[m for _a, m in MALFORMED])
def test_malformed_engine_answers_fail_clearly(tmp_path, answers, message):
    with engine_stand_in(tmp_path, dict(GOOD, **answers)) as path:
        result = run_headroom(tmp_path, path)
    assert result.get("failed"), result
    assert message in result["msg"], result["msg"]


def test_a_well_formed_answer_is_counted(tmp_path):
    with engine_stand_in(tmp_path, dict(GOOD, **{})) as path:
        result = run_headroom(tmp_path, path)
    assert not result.get("failed"), result
    assert result["pools_source"] == "engine defaults" and result["free"] == 30


@pytest.mark.parametrize("params, message", [
    ({"timeout": 0}, "timeout 0 is below 1"),
    ({"max_answer_bytes": 10}, "max_answer_bytes 10 is below 1024"),
    ({"min_free_subnets": -3}, "min_free_subnets -3 is below 0"),
    ({"min_free": -3}, "min_free_subnets -3 is below 0"),
])
def test_bounds_of_the_module_options(tmp_path, params, message):
    result = run_headroom(tmp_path, str(tmp_path / "absent.sock"), **params)
    assert result.get("failed") and message in result["msg"], result
