# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: fleet_address_pools
author: Dockyard maintainers (@dockyard)
version_added: 0.1.0
short_description: Give every host of a fleet its own Docker address pool
description:
  - Splits O(supernet) into blocks of prefix length O(host_prefix) and gives each host one block as its pool, split
    into subnets of O(size), so no two hosts hand out the same container subnet.
  - Hosts found in O(existing) keep their pools untouched. Hosts not in the input are dropped, which frees their blocks.
    New hosts, in the order given, get the lowest free blocks.
  - Fails when the supernet has no room left for every new host.
positional: supernet, host_prefix, size, existing
options:
  _input:
    description: Host names, usually C(groups['docker_hosts']).
    type: list
    elements: str
    required: true
  supernet:
    description: The range the fleet's pools come from, such as V(10.200.0.0/16).
    type: str
    required: true
  host_prefix:
    description: Prefix length of each host's block; 20 in a /16 gives 16 hosts 16 /24 subnets each.
    type: int
    required: true
  size:
    description: Prefix length of each subnet within a host's block.
    type: int
    default: 24
  existing:
    description: The allocation from an earlier run, host name to pools list, to keep stable.
    type: dict
    default: {}
"""

EXAMPLES = r"""
- name: Allocate per-host pools once, on the controller
  ansible.builtin.set_fact:
    fleet_pools: >-
      {{ groups['docker_hosts'] | dockyard.docker_host.fleet_address_pools(
           supernet='10.200.0.0/16', host_prefix=20, size=24,
           existing=lookup('ansible.builtin.file', 'fleet_pools.json', errors='ignore') | default('{}', true) | from_json) }}
  run_once: true
  delegate_to: localhost
"""

RETURN = r"""
_value:
  description: Host name to its pools list in daemon.json form, in the order of the input.
  type: dict
  sample: {"docker1": [{"base": "10.200.0.0/20", "size": 24}], "docker2": [{"base": "10.200.16.0/20", "size": 24}]}
"""


from ansible_collections.dockyard.docker_host.plugins.plugin_utils.pool_planning import fleet_pools
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("fleet_address_pools")
def fleet_address_pools(hosts, supernet, host_prefix, size=24, existing=None):
    return fleet_pools(hosts, supernet, host_prefix, size=size, existing=existing or {})


class FilterModule(object):
    def filters(self):
        return {"fleet_address_pools": fleet_address_pools}
