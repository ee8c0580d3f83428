# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The daemon.json path option has one name and one meaning: every module that reads or writes daemon.json takes it
from this fragment, and its code takes it with the fragment's type and default."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import importlib
import os

import pytest
import yaml

from ansible_collections.dockyard.docker_host.plugins.doc_fragments.daemon_json import ModuleDocFragment

MODULES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "plugins", "modules")
FRAGMENT = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]["daemon_json"]


def module_source(name):
    with open(os.path.join(MODULES, name + ".py")) as handle:
        return handle.read()


def argument(name, option):
    """The keyword arguments of ``option=dict(...)`` in the module's argument_spec, evaluated in the module."""
    module = importlib.import_module("ansible_collections.dockyard.docker_host.plugins.modules." + name)
    for node in ast.walk(ast.parse(module_source(name))):
        if isinstance(node, ast.keyword) and node.arg == option and isinstance(node.value, ast.Call):
            return dict((item.arg, eval(compile(ast.Expression(item.value), name, "eval"), vars(module)))
                        for item in node.value.keywords)
    return None


def reads_daemon_json(name):
    return "daemon.json" in module_source(name) and name != "fleet_pools"


@pytest.mark.parametrize("name", sorted(name[:-3] for name in os.listdir(MODULES) if name.endswith(".py")))
def test_every_module_that_reads_daemon_json_takes_the_fragment(name):
    if not reads_daemon_json(name):
        pytest.skip("%s does not read daemon.json" % name)
    source = module_source(name)
    documentation = yaml.safe_load(source.split('DOCUMENTATION = r"""', 1)[1].split('"""', 1)[0])
    assert "dockyard.docker_host.daemon_json" in documentation["extends_documentation_fragment"]
    assert set(documentation["options"].get("daemon_json", {})) <= {"aliases"}
    spec = argument(name, "daemon_json")
    assert spec is not None, "%s has no daemon_json option" % name
    assert spec["type"] == FRAGMENT["type"] and spec["default"] == FRAGMENT["default"]
