# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: tls_subject_alt_names
author: Dockyard maintainers (@dockyard)
version_added: 0.6.0
short_description: The names a Docker API server certificate holds, as subjectAltName entries
description:
  - Turns host names and IP addresses into C(DNS:name) and C(IP:address) entries for
    C(community.crypto.openssl_csr_pipe), each once, in the order given.
  - Refuses an input entry that is neither an IP address nor a host name (dot-separated labels of letters, digits and
    inner hyphens, up to 63 characters each); entries of O(derived) that are neither are left out.
options:
  _input:
    description: Names the operator asked for.
    type: list
    elements: str
    required: true
  derived:
    description: Names taken from the inventory and facts (inventory_hostname, ansible_host, the host's addresses).
    type: list
    elements: str
    default: []
"""

EXAMPLES = r"""
- name: Name the host as clients reach it
  ansible.builtin.set_fact:
    server_alt_names: "{{ ['docker.example.com'] | dockyard.docker_host.tls_subject_alt_names(
                          derived=[inventory_hostname, '192.0.2.10']) }}"
    # ['DNS:docker.example.com', 'DNS:web01', 'IP:192.0.2.10']
"""

RETURN = r"""
_value:
  description: The subjectAltName entries.
  type: list
  elements: str
  sample: ["DNS:docker.example.com", "IP:192.0.2.10"]
"""

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.docker_tls import subject_alt_names
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("tls_subject_alt_names")
def tls_subject_alt_names(names, derived=()):
    return subject_alt_names(names, derived)


class FilterModule(object):
    def filters(self):
        return {"tls_subject_alt_names": tls_subject_alt_names}
