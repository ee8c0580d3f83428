# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""fleet_pools is an action plugin; its module file documents it. The two must agree on every option."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import yaml

from ansible_collections.dockyard.docker_host.plugins.action.fleet_pools import ARGUMENTS
from ansible_collections.dockyard.docker_host.plugins.modules import fleet_pools


def test_the_documented_options_are_the_options_the_action_takes():
    documented = yaml.safe_load(fleet_pools.DOCUMENTATION)["options"]
    assert sorted(documented) == sorted(ARGUMENTS)
    for name, spec in ARGUMENTS.items():
        assert documented[name]["type"] == spec["type"], name
        assert documented[name].get("required", False) == spec.get("required", False), name
        assert documented[name].get("default") == spec.get("default"), name
