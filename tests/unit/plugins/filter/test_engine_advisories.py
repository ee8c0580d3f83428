# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine_advisories filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import engine_advisories

import os

import yaml

ADVISORIES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "roles", "docker_engine", "vars",
                          "advisories.yml")


def test_the_file_exports_its_filter():
    assert list(engine_advisories.FilterModule().filters()) == ["engine_advisories"]


def test_the_shipped_advisories_find_a_huge_pool_on_an_engine_before_27():
    with open(ADVISORIES) as handle:
        advisories = yaml.safe_load(handle)["__docker_engine_advisories"]
    huge = {"default-address-pools": [{"base": "fd00::/48", "size": 80}]}
    found = engine_advisories.engine_advisories(advisories, "20.10.24", host={"daemon_json": huge})
    assert [item["id"] for item in found if item["action"] == "fail"] == ["DY-0001"]
    assert engine_advisories.engine_advisories(advisories, "20.10.24", host={"daemon_json": {}}) == []


def test_an_error_names_the_filter():
    with pytest.raises(AnsibleFilterError, match=r"^engine_advisories: advisories must be a list"):
        engine_advisories.engine_advisories("x", "20.10.24")
