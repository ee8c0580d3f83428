# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: validate_address_pools
author: Dockyard maintainers (@dockyard)
version_added: 0.1.0
short_description: Check Docker default-address-pools before they reach a host
description:
  - Checks a C(default-address-pools) list against every rule dockerd itself does not enforce, and returns it normalized.
  - Fails with one message naming every bad value, the rule it breaks and the fix.
  - "Rules: each pool's C(base) is a network without host bits; its C(size) is at least the base prefix and at most
    the address length (30 for IPv4, so a container has an address beside the gateway); pools do not overlap each other
    or O(reserved); at least one IPv4 pool is given (dockerd needs one for the default bridge); pools lie in private
    ranges unless O(allow_public); the IPv4 pools hold more than the default bridge's one subnet and leave at least
    O(min_free_subnets) free after O(used); engines before 27.0 (and engines of unknown version) refuse pools of more
    than 2^20 subnets, since they precompute every subnet at start-up."
  - Warns, without failing, for pools above 2^16 subnets on engines before 27.0, and for IPv6 pools with size 64 or less
    there, which such engines turn into a single network.
  - Runs on the controller; nothing on the host is read or changed.
positional: engine_version, reserved, used, min_free_subnets, allow_public, default_bridge
options:
  _input:
    description: Pools in daemon.json form, a list of mappings with C(base) (CIDR) and C(size) (prefix length of each subnet).
    type: list
    elements: dict
    required: true
  engine_version:
    description:
      - The Docker engine version the pools are for, such as V(20.10.24), V(26.1.5+dfsg1-9) or V(5:28.5.2-1~debian.12).
      - When omitted, the stricter limits of engines before 27.0 apply.
    type: str
  reserved:
    description: Networks the host must keep reaching (routes, LANs, VPNs); no pool may overlap one.
    type: list
    elements: str
    default: []
  used:
    description: Networks that already exist in Docker; they take the subnets they touch.
    type: list
    elements: str
    default: []
  min_free_subnets:
    description: The fewest IPv4 subnets that must stay free after O(used) and the default bridge.
    type: int
    default: 0
  allow_public:
    description: Accept pools outside the private ranges 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 and fc00::/7.
    type: bool
    default: false
  default_bridge:
    description:
      - Count one IPv4 subnet for the default bridge, which dockerd takes from the pools when C(bip) is not set.
      - Set to V(false) when C(bip) is set, or when O(used) already lists the bridge's subnet.
    type: bool
    default: true
"""

EXAMPLES = r"""
- name: Refuse pools an old engine cannot hold
  ansible.builtin.set_fact:
    pools: "{{ wanted_pools | dockyard.docker_host.validate_address_pools(engine_version='20.10.24') }}"
  vars:
    wanted_pools:
      - base: 172.30.0.0/16
        size: 24

- name: Require headroom on a host with existing networks and a VPN route
  ansible.builtin.set_fact:
    pools: >-
      {{ wanted_pools | dockyard.docker_host.validate_address_pools(
           engine_version=ansible_local.docker.version | default(omit),
           reserved=['10.8.0.0/16'], used=['172.30.0.0/24', '172.30.1.0/24'],
           min_free_subnets=32) }}
  vars:
    wanted_pools:
      - base: 172.30.0.0/16
        size: 24
"""

RETURN = r"""
_value:
  description: The pools in the order given, each with C(base) in canonical form and C(size) as an integer.
  type: list
  elements: dict
  sample: [{"base": "172.30.0.0/16", "size": 24}]
"""

from ansible.utils.display import Display

from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import validate
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors

display = Display()


@filter_errors("validate_address_pools")
def validate_address_pools(pools, engine_version=None, reserved=None, used=None, min_free_subnets=0,
                           allow_public=False, default_bridge=True):
    normalized, warnings = validate(
        pools, engine_version=engine_version, reserved=reserved or [], used=used or [],
        min_free_subnets=min_free_subnets, allow_public=allow_public, default_bridge=default_bridge,
    )
    for warning in warnings:
        display.warning("validate_address_pools: %s" % warning)
    return normalized


class FilterModule(object):
    def filters(self):
        return {"validate_address_pools": validate_address_pools}
