# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a module documents and what its code takes, for the tests that hold a fragment's options to one meaning."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import importlib
import os

import yaml

MODULES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "plugins", "modules")
NAMES = sorted(name[:-3] for name in os.listdir(MODULES) if name.endswith(".py"))


def module_source(name):
    with open(os.path.join(MODULES, name + ".py")) as handle:
        return handle.read()


def documentation(name):
    return yaml.safe_load(module_source(name).split('DOCUMENTATION = r"""', 1)[1].split('"""', 1)[0])


def argument(name, option):
    """The keyword arguments of ``option=dict(...)`` in the module's argument_spec, evaluated in the module."""
    module = importlib.import_module("ansible_collections.dockyard.docker_host.plugins.modules." + name)
    for node in ast.walk(ast.parse(module_source(name))):
        if isinstance(node, ast.keyword) and node.arg == option and isinstance(node.value, ast.Call):
            return dict((item.arg, eval(compile(ast.Expression(item.value), name, "eval"), vars(module)))
                        for item in node.value.keywords)
    return None
