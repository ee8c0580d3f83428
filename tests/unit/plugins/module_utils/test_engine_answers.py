# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils import engine_answers
from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_api import EngineAPIError


def test_well_formed_answers_pass_through():
    assert engine_answers.version_of({"Version": "26.1.5"}) == "26.1.5"
    assert engine_answers.version_of({}) == ""
    assert engine_answers.info_pools({}) is None
    assert engine_answers.info_pools({"DefaultAddressPools": [{"Base": "10.0.0.0/8", "Size": 24}]}) == [
        {"Base": "10.0.0.0/8", "Size": 24}]
    networks = [{"Name": "n", "Id": "i", "IPAM": {"Config": [{"Subnet": "10.1.0.0/24"}]}, "Labels": None}]
    assert engine_answers.networks(networks) is networks
    assert engine_answers.containers([{"NetworkSettings": {"Networks": {"n": None}}}])


@pytest.mark.parametrize("check, answer, message", [
    (engine_answers.version_of, [], "GET /version is malformed: the answer is list"),
    (engine_answers.info_pools, {"DefaultAddressPools": [{"Base": 1, "Size": 24}]},
     "DefaultAddressPools item 0 field Base is number"),
    (engine_answers.info_pools, {"DefaultAddressPools": [{"Base": "10.0.0.0/8", "Size": True}]},
     "field Size is boolean"),
    (engine_answers.networks, [{"Name": "n", "Id": "i", "Ingress": "yes"}], "network 0 field Ingress is string"),
    (engine_answers.containers, [{"NetworkSettings": {"Networks": {"n": {"NetworkID": 5}}}}],
     "container 0 network n field NetworkID is number"),
    (lambda answer: engine_answers.network_detail(answer, "GET /networks/x"), {"Containers": []},
     "GET /networks/x is malformed: the answer field Containers is list"),
])
def test_a_malformed_answer_names_the_request_the_item_and_the_field(check, answer, message):
    with pytest.raises(EngineAPIError, match=message):
        check(answer)
