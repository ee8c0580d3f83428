# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The daemon.json path option has one name and one meaning: every module that reads or writes daemon.json takes it
from this fragment, and its code takes it with the fragment's type and default."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import yaml

from ansible_collections.dockyard.docker_host.plugins.doc_fragments.daemon_json import ModuleDocFragment
from unit.plugins.doc_fragments.module_options import NAMES, argument, documentation, module_source

FRAGMENT = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]["daemon_json"]


@pytest.mark.parametrize("name", NAMES)
def test_every_module_that_reads_daemon_json_takes_the_fragment(name):
    if "daemon.json" not in module_source(name) or name == "fleet_pools":
        pytest.skip("%s does not read daemon.json" % name)
    documented = documentation(name)
    assert "dockyard.docker_host.daemon_json" in documented["extends_documentation_fragment"]
    assert set(documented["options"].get("daemon_json", {})) <= {"aliases"}
    spec = argument(name, "daemon_json")
    assert spec is not None, "%s has no daemon_json option" % name
    assert spec["type"] == FRAGMENT["type"] and spec["default"] == FRAGMENT["default"]
