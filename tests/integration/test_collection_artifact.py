# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The built artifact installs and works on its own, through FQCNs only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import sys
import tarfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)

PLAYBOOK = """
- name: Use the installed collection
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Compute, check and count pools with the installed filters
      ansible.builtin.assert:
        that:
          - pools == expected
          - (pools | dockyard.docker_host.validate_address_pools(engine_version='20.10.24')) == pools
          - (pools | dockyard.docker_host.pool_capacity(used=['172.16.0.0/24'])).free == 15
      vars:
        pools: "{{ ['172.17.0.0/16'] | dockyard.docker_host.safe_address_pools(subnets=16, size=24) }}"
        expected: [{base: 172.16.0.0/20, size: 24}]

    - name: The installed module documents itself
      ansible.builtin.command: ansible-doc dockyard.docker_host.pool_headroom
      changed_when: false
"""


def run(argv, **kwargs):
    result = subprocess.run(argv, capture_output=True, text=True, timeout=1800, check=False, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_built_artifact_installs_and_runs_with_fqcns_only(tmp_path):
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", ROOT, "--output-path", str(tmp_path)])
    artifact = tmp_path / "dockyard-docker_host-0.1.0.tar.gz"
    with tarfile.open(str(artifact)) as tar:
        names = tar.getnames()
    assert "MANIFEST.json" in names and "plugins/modules/pool_headroom.py" in names
    assert not [n for n in names if n.startswith((".venv", ".cache", "tests/output"))]

    installed = tmp_path / "collections"
    run([os.path.join(BIN, "ansible-galaxy"), "collection", "install", "--force", "--no-deps", "-p", str(installed), str(artifact)])
    playbook = tmp_path / "use.yml"
    playbook.write_text(PLAYBOOK)
    # Only the installed artifact and the collections the ansible package bundles: not this checkout.
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(installed), ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="true",
               PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
    result = run([os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local",
                  "-e", "ansible_python_interpreter=" + sys.executable, str(playbook)], env=env, cwd=str(tmp_path))
    assert "failed=0" in result.stdout
    listing = run([os.path.join(BIN, "ansible-galaxy"), "collection", "list", "dockyard.docker_host"], env=env)
    assert str(installed) in listing.stdout
