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
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)["dockyard.docker_host." + name]
    assert doc["doc"]["short_description"]
    assert doc["doc"]["description"]
    assert doc["examples"].strip()
    assert doc["return"]
