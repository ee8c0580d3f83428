# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module and filter shows its documentation, examples and return values in ansible-doc."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLUGINS = [
    (kind, name[:-3])
    for kind, folder in (("module", "modules"), ("filter", "filter"))
    for name in sorted(os.listdir(os.path.join(ROOT, "plugins", folder)))
    if name.endswith(".py") and not name.startswith("__")
]


@pytest.mark.parametrize("kind, name", PLUGINS)
def test_ansible_doc_shows_the_plugin(kind, name):
    ansible_doc = os.path.join(os.path.dirname(sys.executable), "ansible-doc")
    result = subprocess.run([ansible_doc, "-t", kind, "--json", "dockyard.docker_host." + name],
                            capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)["dockyard.docker_host." + name]
    assert doc["doc"]["short_description"]
    assert doc["doc"]["description"]
    assert doc["examples"].strip()
    assert doc["return"]


ROLES = sorted(name for name in os.listdir(os.path.join(ROOT, "roles"))
               if os.path.exists(os.path.join(ROOT, "roles", name, "meta", "argument_specs.yml")))


def entry_points(role):
    import yaml
    with open(os.path.join(ROOT, "roles", role, "meta", "argument_specs.yml")) as specs:
        return yaml.safe_load(specs)["argument_specs"]


@pytest.mark.parametrize("role", ROLES)
def test_ansible_doc_shows_every_entry_point_of_the_role(role):
    ansible_doc = os.path.join(os.path.dirname(sys.executable), "ansible-doc")
    result = subprocess.run([ansible_doc, "-t", "role", "--json", "dockyard.docker_host." + role],
                            capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)["dockyard.docker_host." + role]["entry_points"]
    for name, spec in entry_points(role).items():
        assert shown[name]["short_description"] == spec["short_description"]
        assert sorted(shown[name]["options"]) == sorted(spec["options"]), (role, name)


def test_sanity_ignore_files_are_empty_or_say_why():
    folder = os.path.join(ROOT, "tests", "sanity")
    files = [name for name in os.listdir(folder) if name.startswith("ignore-")] if os.path.isdir(folder) else []
    unexplained = []
    for name in files:
        with open(os.path.join(folder, name)) as ignores:
            unexplained += ["%s: %s" % (name, line.strip()) for line in ignores
                            if line.strip() and not line.lstrip().startswith("#") and " # " not in line]
    assert unexplained == []
