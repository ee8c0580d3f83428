# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: normalized_networks
author: Dockyard maintainers (@dockyard)
version_added: 0.4.0
short_description: Write addresses and networks as networks, in the form a configuration file wants
description:
  - Turns each address or network into the network it belongs to, once each, in input order.
  - Accepts host bits (C(10.1.2.3/24) is C(10.1.2.0/24)), netmasks (C(10.1.2.3/255.255.255.0)), bare addresses
    (a C(/32) or C(/128)), and an interface's address as facts give it (C(ansible_facts.default_ipv4), a mapping
    with C(address) and C(netmask)).
  - Refuses anything that is not an IPv4 or IPv6 address or network, naming the value.
options:
  _input:
    description: Addresses or networks, as strings or as mappings with C(address) and C(netmask).
    type: list
    elements: raw
    required: true
  form:
    description:
      - C(cidr) writes C(network/prefix).
      - C(tcp_wrappers) writes what apt-cacher-ng's C(AllowedClients) reads, C(network/netmask) for IPv4 (a lone
        address for a C(/32)) and C([network]/prefix) for IPv6.
    type: str
    choices: [cidr, tcp_wrappers]
    default: cidr
"""

EXAMPLES = r"""
- name: The networks the hosts' default addresses are in
  ansible.builtin.debug:
    msg: "{{ ['10.1.2.3/255.255.255.0', '10.1.2.9/24', 'fd00::5/64'] | dockyard.docker_host.normalized_networks }}"
  # ['10.1.2.0/24', 'fd00::/64']

- name: The network each Docker host's default address is in
  ansible.builtin.debug:
    msg: "{{ groups['docker_hosts'] | map('extract', hostvars, ['ansible_facts', 'default_ipv4'])
             | dockyard.docker_host.normalized_networks }}"

- name: The same for tcp wrappers
  ansible.builtin.debug:
    msg: "{{ ['10.1.2.0/24', '10.9.9.9', 'fd00::/64'] | dockyard.docker_host.normalized_networks(form='tcp_wrappers') }}"
  # ['10.1.2.0/255.255.255.0', '10.9.9.9', '[fd00::]/64']
"""

RETURN = r"""
_value:
  description: The networks, each once, in input order.
  type: list
  elements: str
  sample: ['10.1.2.0/24', 'fd00::/64']
"""

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.network_forms import normalized_networks as _core


@filter_errors("normalized_networks")
def normalized_networks(values, form="cidr"):
    return _core(values, form)


class FilterModule(object):
    def filters(self):
        return {"normalized_networks": normalized_networks}
