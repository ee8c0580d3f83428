# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: docker_user_rules
author: Dockyard maintainers (@dockyard)
version_added: 0.6.0
short_description: An allow-list for published ports, as the DOCKER-USER chain for iptables-restore or an nftables table
description:
  - Turns allowed source networks into the C(DOCKER-USER) chain that dockerd sends every forwarded packet through
    before its own rules, as input for C(iptables-restore --noflush) and C(ip6tables-restore --noflush), which
    empty the chain and load the new rules in one commit.
  - A new connection into a container interface that did not come from a container interface is dropped unless
    its source is in the input (every published port) or in the O(ports) entry of the port it was addressed to.
    The port is the original destination port (conntrack's, before Docker's DNAT), so the published port.
  - The rules only return packets to Docker's own rules or drop them; they never accept, and never touch
    C(INPUT), so nothing addressed to the host itself (SSH included) changes.
  - Refuses the default route (C(0.0.0.0/0), C(::/0)), networks with host bits set, ports outside 1 to 65535,
    protocols other than tcp and udp, and interface names that are not names.
options:
  _input:
    description: Source networks that reach every published port.
    type: list
    elements: str
    required: true
  ports:
    description:
      - Further networks for single ports or port ranges.
      - Each entry has C(port) (a number or a C(N-M) range), C(protocol) (C(tcp), the default, or C(udp)) and
        C(allowed) (a non-empty list of networks).
    type: list
    elements: dict
    default: []
  container_interfaces:
    description:
      - Interfaces of the engine's networks; a trailing C(+) matches every interface whose name starts so.
      - Packets from them pass (containers reaching each other and the world); new connections into them from
        anywhere else are dropped unless allowed.
    type: list
    elements: str
    default: [docker0, br-+, docker_gwbridge]
"""

EXAMPLES = r"""
- name: Only the office and the load balancers reach published ports; monitoring reaches 9100 too
  ansible.builtin.copy:
    content: "{{ (['192.0.2.0/24', '2001:db8::/48'] | dockyard.docker_host.docker_user_rules(
                   ports=[{'port': 9100, 'allowed': ['198.51.100.7']}])).ipv4 }}"
    dest: /etc/dockyard/docker-user.ipv4.rules
    mode: "0640"
"""

RETURN = r"""
_value:
  description: The chain for each address family, as iptables-restore reads it.
  type: dict
  contains:
    ipv4:
      description: For C(iptables-restore --noflush).
      type: str
      sample: "*filter\n:DOCKER-USER - [0:0]\n-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN\n..."
    ipv6:
      description: For C(ip6tables-restore --noflush).
      type: str
    nftables:
      description:
        - The same rules for both families as the table C(inet dockyard_docker_firewall), for C(nft -f), which
          replaces the table in one transaction. For dockerd's nftables firewall backend (29.0 on), which has no
          C(DOCKER-USER); its forward chain runs just before Docker's (priority C(filter - 1)), where C(accept) hands
          a packet on to Docker's chains as C(RETURN) does.
      type: str
      sample: "table inet dockyard_docker_firewall\ndelete table inet dockyard_docker_firewall\ntable inet dockyard_docker_firewall {\n..."
"""

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.docker_user_rules import (
    CONTAINER_INTERFACES,
    docker_user_rules as chain_rules,
)
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("docker_user_rules")
def docker_user_rules(allowed, ports=(), container_interfaces=CONTAINER_INTERFACES):
    return chain_rules(allowed, ports, container_interfaces)


class FilterModule(object):
    def filters(self):
        return {"docker_user_rules": docker_user_rules}
