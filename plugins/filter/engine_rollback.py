# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: engine_rollback
author: Dockyard maintainers (@dockyard)
version_added: 0.3.0
short_description: Say what apt must do to put the engine's packages back at the versions recorded before an upgrade
description:
  - Compares the engine's packages read before an upgrade with the packages the host has now, both as
    C(docker_host.packages) of M(dockyard.docker_host.docker_host_facts).
  - The packages installed before come back at their recorded versions; packages the upgrade added are removed in the
    same apt transaction (docker-cli, split out of docker.io from Debian trixie on); dpkg's holds are put back as
    they were.
positional: now
options:
  _input:
    description: The packages before the upgrade.
    type: dict
    required: true
  now:
    description: The packages now.
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Put the recorded engine back in one apt transaction
  ansible.builtin.command:
    argv: "{{ ['apt-get', 'install', '--yes', '--allow-downgrades', '--allow-change-held-packages'] + plan.install
              + plan.remove | map('regex_replace', '$', '-') | list }}"
  vars:
    plan: "{{ before.docker_host.packages | dockyard.docker_host.engine_rollback(now.docker_host.packages) }}"
  when: plan.install or plan.remove
"""

RETURN = r"""
_value:
  description: C(install) (C(name=version) of the packages to put back), C(remove) (packages the upgrade added),
    C(hold) (packages held before) and C(unhold) (packages held now that were not held before).
  type: dict
  sample: {"install": ["containerd=1.6.20~ds1-1+b1", "docker.io=20.10.24+dfsg1-1+deb12u1"], "remove": ["docker-cli"],
           "hold": ["docker.io"], "unhold": ["containerd"]}
"""

from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_lifecycle import rollback_plan
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("engine_rollback")
def engine_rollback(before, now):
    return rollback_plan(before, now)


class FilterModule(object):
    def filters(self):
        return {"engine_rollback": engine_rollback}
