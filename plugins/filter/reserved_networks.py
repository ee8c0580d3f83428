# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: reserved_networks
author: Dockyard maintainers (@dockyard)
version_added: 0.1.0
short_description: List the networks a host uses, from its gathered facts
description:
  - Collects the networks of every interface address (primary and secondary IPv4, global and unique local IPv6) and of
    the default routes, adds O(routes) and O(extra), and returns them collapsed and sorted.
  - Leaves out loopback, IPv6 link-local, and the networks of interfaces Docker creates itself (C(docker0),
    C(docker_gwbridge), C(br-*), C(veth*)), since those move with the address pools.
  - Accepts C(ansible_facts) or a host's C(hostvars) (keys with the C(ansible_) prefix).
positional: routes, extra
options:
  _input:
    description: The host's facts, gathered with at least the C(network) subset.
    type: dict
    required: true
  routes:
    description:
      - More routes the facts do not show, such as VPN routes. Either CIDR strings or the entries of
        C(ip -j route show) (their C(dst); routes on Docker's interfaces and default routes are left out).
    type: list
    elements: raw
    default: []
  extra:
    description: Site ranges to keep free of Docker, such as office LANs reached through a router.
    type: list
    elements: str
    default: []
"""

EXAMPLES = r"""
- name: Read the routing table, which facts do not include
  ansible.builtin.command: ip -j route show
  register: host_routes
  changed_when: false

- name: Networks Docker pools must stay clear of
  ansible.builtin.set_fact:
    reserved: >-
      {{ ansible_facts | dockyard.docker_host.reserved_networks(
           routes=host_routes.stdout | from_json, extra=['10.50.0.0/16']) }}
"""

RETURN = r"""
_value:
  description: Networks as CIDR strings, IPv4 then IPv6, collapsed and in ascending order.
  type: list
  elements: str
  sample: ["10.50.0.0/16", "192.168.10.0/24", "fd12:3456:789a:1::/64"]
"""


from ansible_collections.dockyard.docker_host.plugins.module_utils.host_networks import reserved_from_facts
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("reserved_networks")
def reserved_networks(facts, routes=None, extra=None):
    return reserved_from_facts(facts, routes=routes or [], extra=extra or [])


class FilterModule(object):
    def filters(self):
        return {"reserved_networks": reserved_networks}
