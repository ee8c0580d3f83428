# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The record options have one name and one meaning: every module that keeps or reads the record of a host takes
them from this fragment, and its code takes them with the fragment's types and defaults."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import yaml

from ansible_collections.dockyard.docker_host.plugins.doc_fragments.engine_record import ModuleDocFragment
from unit.plugins.doc_fragments.module_options import NAMES, argument, documentation, module_source

FRAGMENT = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]


@pytest.mark.parametrize("name", NAMES)
def test_every_module_that_keeps_records_takes_the_fragment(name):
    if "engine_record" not in module_source(name):
        pytest.skip("%s keeps no record" % name)
    documented = documentation(name)
    assert "dockyard.docker_host.engine_record" in documented["extends_documentation_fragment"]
    for option, fragment in FRAGMENT.items():
        assert option not in documented["options"], "%s documents %s itself" % (name, option)
        spec = argument(name, option)
        assert spec is not None, "%s has no %s option" % (name, option)
        assert spec["type"] == fragment["type"] and spec["default"] == fragment["default"], (name, option)
        assert spec.get("elements") == fragment.get("elements"), (name, option)
