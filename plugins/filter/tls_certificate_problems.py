# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: tls_certificate_problems
author: Dockyard maintainers (@dockyard)
version_added: 0.6.0
short_description: Why a PEM certificate cannot be used with a key and a CA
description:
  - Says what makes the input certificate unusable, one sentence each, or nothing when it is usable.
  - The input is not a PEM certificate; O(private_key) is not the certificate's key (or O(passphrase) does not open
    it); the certificate was not issued and signed by O(ca_certificate); it ends within O(renew_days).
  - Runs on the controller, with the cryptography library ansible-core brings.
options:
  _input:
    description: A PEM certificate.
    type: str
    required: true
  private_key:
    description: Its PEM private key; empty checks no key.
    type: str
    default: ""
  passphrase:
    description: The passphrase of O(private_key), if it has one.
    type: str
    default: ""
  ca_certificate:
    description: The PEM certificate of the CA that must have signed the input; empty checks no CA.
    type: str
    default: ""
  renew_days:
    description: Say so when the certificate is valid for fewer than this many more days; 0 checks no date.
    type: int
    default: 0
"""

EXAMPLES = r"""
- name: Refuse a server certificate that the CA did not sign
  ansible.builtin.assert:
    that: problems | length == 0
    fail_msg: "{{ problems | join('; ') }}"
  vars:
    problems: "{{ server_pem | dockyard.docker_host.tls_certificate_problems(private_key=server_key_pem,
                  ca_certificate=ca_pem) }}"
"""

RETURN = r"""
_value:
  description: The problems, each a sentence; empty when the certificate is usable.
  type: list
  elements: str
"""

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.docker_tls import certificate_problems
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("tls_certificate_problems")
def tls_certificate_problems(certificate, private_key="", ca_certificate="", passphrase="", renew_days=0):
    if not isinstance(renew_days, int) or isinstance(renew_days, bool) or renew_days < 0:
        raise ValueError("renew_days %r is not a whole number of days" % (renew_days,))
    return certificate_problems(certificate, private_key, ca_certificate, passphrase, renew_days)


class FilterModule(object):
    def filters(self):
        return {"tls_certificate_problems": tls_certificate_problems}
