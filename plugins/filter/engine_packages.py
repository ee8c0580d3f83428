# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: engine_packages
author: Dockyard maintainers (@dockyard)
version_added: 0.3.0
short_description: Say what apt must do to put the engine's packages at a version
description:
  - Compares the packages a host has (from M(dockyard.docker_host.docker_host_facts)) with the engine's packages at the
    O(target) version.
  - The packages held at O(target) are O(versioned) plus each of O(companion_offers) that the sources offer at O(target)
    itself (docker-cli, split out of docker.io from Debian trixie on).
  - Nothing is to install when every package is installed and every held one is at O(target).
positional: packages, versioned, target, companion_offers, replaces
options:
  _input:
    description: The host's packages, C(docker_host.packages) of M(dockyard.docker_host.docker_host_facts).
    type: dict
    required: true
  packages:
    description: Every package of the engine.
    type: list
    elements: str
    required: true
  versioned:
    description: The packages that carry the engine's version and are held at it.
    type: list
    elements: str
    required: true
  target:
    description: The version to hold them at.
    type: str
    required: true
  companion_offers:
    description: For packages held with the engine when the sources offer them at O(target), their C(apt-cache madison) lines.
    type: dict
    default: {}
  replaces:
    description:
      - The other engine's packages (docker.io when installing docker-ce, or the reverse); those the host holds are
        listed in C(unhold) when there is something to install, since apt does not remove a held package.
    type: list
    elements: str
    default: []
"""

EXAMPLES = r"""
- name: Install what is missing
  ansible.builtin.apt:
    name: "{{ plan.install }}"
  vars:
    plan: "{{ host.docker_host.packages | dockyard.docker_host.engine_packages(['docker.io'], ['docker.io'], '20.10.24+dfsg1-1+deb12u1') }}"
  when: plan.install | length > 0
"""

RETURN = r"""
_value:
  description: C(held) (the packages held at O(target)), C(install) (apt names, C(name=version) for held ones; empty when
    all is in place), C(hold) (held packages dpkg does not hold yet) and C(unhold) (held packages of O(replaces)).
  type: dict
  sample: {"held": ["docker.io"], "install": [], "hold": [], "unhold": []}
"""

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.engine_versions import package_plan
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("engine_packages")
def engine_packages(host_packages, packages, versioned, target, companion_offers=None, replaces=None):
    return package_plan(host_packages, packages, versioned, target, companion_offers, replaces)


class FilterModule(object):
    def filters(self):
        return {"engine_packages": engine_packages}
