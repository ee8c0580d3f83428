# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The example plays in the role READMEs are playbooks ansible-playbook accepts, with roles it resolves."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROLES = sorted(name for name in os.listdir(os.path.join(ROOT, "roles"))
               if os.path.exists(os.path.join(ROOT, "roles", name, "README.md")))
INVENTORY = """
all:
  children:
    apt_cache: {hosts: {cache1: {}}}
    docker_hosts: {hosts: {build01: {}}}
    legacy_hosts: {hosts: {old01: {}}}
    cache_hosts: {hosts: {mirror1: {}}}
"""


def plays(role):
    with open(os.path.join(ROOT, "roles", role, "README.md")) as readme:
        return re.findall(r"```yaml\n(.*?)```", readme.read(), re.S)


@pytest.mark.parametrize("role", ROLES)
def test_example_plays_pass_the_syntax_check(role, tmp_path):
    found = [text for text in plays(role) if re.search(r"^- (name|hosts):", text, re.M)]
    assert found, "%s's README has no example play" % role
    (tmp_path / "inventory.yml").write_text(INVENTORY)
    for number, text in enumerate(found):
        playbook = tmp_path / ("example%d.yml" % number)
        playbook.write_text(text)
        result = subprocess.run(
            [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "--syntax-check",
             "-i", str(tmp_path / "inventory.yml"), str(playbook)],
            capture_output=True, text=True, timeout=900, check=False)
        assert result.returncode == 0, "%s example %d:\n%s%s" % (role, number, result.stdout, result.stderr)
