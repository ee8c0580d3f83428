# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The record options have one name and one meaning: every module that keeps or reads the record of a host takes
them from this fragment, and its code takes them with the fragment's types and defaults."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import importlib
import os

import pytest
import yaml

from ansible_collections.dockyard.docker_host.plugins.doc_fragments.engine_record import ModuleDocFragment

MODULES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "plugins", "modules")
FRAGMENT = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]


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


def keeps_records(name):
    return "engine_record" in module_source(name)


@pytest.mark.parametrize("name", sorted(name[:-3] for name in os.listdir(MODULES) if name.endswith(".py")))
def test_every_module_that_keeps_records_takes_the_fragment(name):
    if not keeps_records(name):
        pytest.skip("%s keeps no record" % name)
    source = module_source(name)
    documentation = yaml.safe_load(source.split('DOCUMENTATION = r"""', 1)[1].split('"""', 1)[0])
    assert "dockyard.docker_host.engine_record" in documentation["extends_documentation_fragment"]
    for option, fragment in FRAGMENT.items():
        assert option not in documentation["options"], "%s documents %s itself" % (name, option)
        spec = argument(name, option)
        assert spec is not None, "%s has no %s option" % (name, option)
        assert spec["type"] == fragment["type"] and spec["default"] == fragment["default"], (name, option)
        assert spec.get("elements") == fragment.get("elements"), (name, option)
