# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: pool_capacity
author: Dockyard maintainers (@dockyard)
version_added: 0.1.0
short_description: Count the subnets Docker address pools hold, use and have free
description:
  - For each pool and in total, counts the subnets it holds, those taken by O(used) networks, those blocked by
    O(reserved) networks, and those still free for C(docker network create).
  - A network blocks every pool subnet it touches, so a used /20 in a pool split into /24s blocks 16.
  - Counts are exact for IPv4 and IPv6 and cost the same for a /24 and a pool of 2^64 subnets.
  - The pools are not checked against policy; use P(dockyard.docker_host.validate_address_pools#filter) for that.
positional: used, reserved
options:
  _input:
    description: Pools in daemon.json form, a list of mappings with C(base) and C(size).
    type: list
    elements: dict
    required: true
  used:
    description: Networks that exist in Docker (each network's IPAM subnets), including the default bridge.
    type: list
    elements: str
    default: []
  reserved:
    description: Networks dockerd will not allocate over, such as host routes and nameservers.
    type: list
    elements: str
    default: []
"""

EXAMPLES = r"""
- name: Show how many networks the host can still create
  ansible.builtin.debug:
    msg: "{{ (pools | dockyard.docker_host.pool_capacity(used=['172.30.0.0/24'])).free }} subnets free"
  vars:
    pools:
      - base: 172.30.0.0/16
        size: 24
"""

RETURN = r"""
_value:
  description: Subnet counts overall, per address family and per pool.
  type: dict
  contains:
    total:
      description: Subnets the pools hold.
      type: int
      sample: 256
    used:
      description: Subnets touched by O(used) networks.
      type: int
      sample: 1
    blocked:
      description:
        - Subnets touched by O(reserved) networks (the host's routes, nameservers, networks it must reach) and by no
          O(used) network; the same meaning as C(blocked) in M(dockyard.docker_host.pool_headroom)'s result.
        - Named C(reserved) before version 0.4.0, when C(blocked) meant what C(taken) means now.
      type: int
      sample: 0
    taken:
      description: Subnets touched by O(used) or O(reserved) networks (C(used) + C(blocked)).
      type: int
      sample: 1
    free:
      description: Subnets left for new networks.
      type: int
      sample: 255
    ipv4:
      description: The same five counts for the IPv4 pools only.
      type: dict
      sample: {"total": 256, "used": 1, "blocked": 0, "taken": 1, "free": 255}
    ipv6:
      description: The same five counts for the IPv6 pools only.
      type: dict
      sample: {"total": 0, "used": 0, "blocked": 0, "taken": 0, "free": 0}
    pools:
      description: One entry per pool, in the order given, with C(base), C(size) and the five counts.
      type: list
      elements: dict
      sample: [{"base": "172.30.0.0/16", "size": 24, "total": 256, "used": 1, "blocked": 0, "taken": 1, "free": 255}]
"""


from ansible_collections.dockyard.docker_host.plugins.module_utils.address_pools import capacity
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("pool_capacity")
def pool_capacity(pools, used=None, reserved=None):
    return capacity(pools, used=used or [], reserved=reserved or [])


class FilterModule(object):
    def filters(self):
        return {"pool_capacity": pool_capacity}
