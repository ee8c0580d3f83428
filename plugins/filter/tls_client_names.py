# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: tls_client_names
author: Dockyard maintainers (@dockyard)
version_added: 0.6.0
short_description: The names of Docker API clients, checked before a certificate is made for any
description:
  - Returns the names unchanged when each is 1 to 64 letters, digits, C(.), C(_), C(@) or C(-), starting with a letter
    or a digit, and none is given twice; refuses the list otherwise, naming the bad entry.
  - Each name becomes a client certificate's common name and a directory of its own on the controller.
options:
  _input:
    description: The client names.
    type: list
    elements: str
    required: true
"""

EXAMPLES = r"""
- name: Check the clients
  ansible.builtin.set_fact:
    clients: "{{ ['alice', 'ci-runner'] | dockyard.docker_host.tls_client_names }}"
"""

RETURN = r"""
_value:
  description: The names.
  type: list
  elements: str
"""

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.docker_tls import client_names
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("tls_client_names")
def tls_client_names(names):
    return client_names(names)


class FilterModule(object):
    def filters(self):
        return {"tls_client_names": tls_client_names}
