# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: safe_address_pools
author: Dockyard maintainers (@dockyard)
version_added: 0.1.0
short_description: Compute Docker address pools that avoid a host's networks
description:
  - Returns the fewest aligned pools inside O(candidates) that overlap none of the input's reserved networks and
    together hold at least O(subnets) subnets of prefix length O(size).
  - Deterministic. The first candidate, in the order given, that has a free aligned block big enough for one pool wins,
    at its lowest such address. When no single block is big enough, the largest free blocks are combined.
  - With O(ipv6), an IPv6 pool is appended at the start of an RFC 4193 unique local /48 whose global ID is derived
    from O(seed), so each host gets its own, stable prefix. The pool is just large enough for O(subnets) subnets of
    O(ipv6_size) (at most the whole /48), which keeps engines before 27.0 clear of their subnet-count limit.
  - Fails with the number of subnets that could be found when the request cannot be met.
positional: subnets, size, candidates, ipv6, ipv6_size, seed
options:
  _input:
    description: Reserved networks to avoid, such as the output of P(dockyard.docker_host.reserved_networks#filter).
    type: list
    elements: str
    required: true
  subnets:
    description: How many subnets (networks) the pools must hold at least.
    type: int
    default: 256
  size:
    description: Prefix length of each IPv4 subnet; 24 gives 254 container addresses a network.
    type: int
    default: 24
  candidates:
    description:
      - IPv4 ranges to take pools from, most preferred first.
      - Defaults to 172.16.0.0/12, 10.0.0.0/8, 192.168.0.0/16, leaving the range most used by home and office LANs last.
    type: list
    elements: str
  ipv6:
    description: Append an IPv6 pool.
    type: bool
    default: false
  ipv6_size:
    description: Prefix length of each IPv6 subnet. Engines before 27.0 give only one network from a pool with size 64 or less.
    type: int
    default: 64
  seed:
    description: Text the IPv6 /48 is derived from, usually C(inventory_hostname). Without it all hosts share one prefix.
    type: str
"""

EXAMPLES = r"""
- name: Pools for 256 /24 networks that avoid this host's networks
  ansible.builtin.set_fact:
    docker_pools: "{{ ansible_facts | dockyard.docker_host.reserved_networks | dockyard.docker_host.safe_address_pools }}"

- name: Dual-stack pools, the IPv6 one stable per host
  ansible.builtin.set_fact:
    docker_pools: >-
      {{ ['10.0.0.0/8'] | dockyard.docker_host.safe_address_pools(
           subnets=512, size=24, ipv6=true, ipv6_size=80, seed=inventory_hostname) }}
"""

RETURN = r"""
_value:
  description: Pools in daemon.json form, IPv4 by ascending address, then the IPv6 pool.
  type: list
  elements: dict
  sample: [{"base": "172.16.0.0/16", "size": 24}, {"base": "fd3a:9c01:5e22::/56", "size": 64}]
"""


from ansible_collections.dockyard.docker_host.plugins.plugin_utils.pool_planning import safe_pools
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("safe_address_pools")
def safe_address_pools(reserved, subnets=256, size=24, candidates=None, ipv6=False, ipv6_size=64, seed=None):
    return safe_pools(reserved, subnets=subnets, size=size, candidates=candidates, ipv6=ipv6,
                      ipv6_size=ipv6_size, seed=seed)


class FilterModule(object):
    def filters(self):
        return {"safe_address_pools": safe_address_pools}
