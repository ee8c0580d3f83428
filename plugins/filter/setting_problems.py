# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: setting_problems
author: Dockyard maintainers (@dockyard)
version_added: 0.2.0
short_description: Check role settings before they are written into files, scripts or units
description:
  - Takes a mapping of setting names to C([RULE, VALUE, ARG...]) and returns one message per problem, naming the
    setting, the value and the rule it breaks; an empty list when every value has the form its rule describes.
  - Every string in every value is refused when it holds a control character (a newline would add a line to an apt
    source, a pin, apt-cacher-ng's configuration or hosts.allow).
  - "Rules: V(host_names) (RFC 1123 names such as download.docker.com), V(cache_urls) (C(http://HOST:PORT), at least
    one), V(container_proxy_url) (the same, not loopback or unspecified however it is written: C(127.1),
    C(0.0.0.0), C(::ffff:127.0.0.1), C(localhost)), V(client_networks) (CIDRs whose union stays off the internet
    unless the ARG is V(true); a default route is always refused), V(networks), V(addresses), V(absolute_path),
    V(absolute_paths), V(apt_url), V(apt_url_or_empty), V(apt_word), V(apt_word_or_empty), V(package_names),
    V(apt_version), V(user_names), V(no_proxy), V(fingerprint) (40 or 64 hex digits, spaces allowed, or empty),
    V(whole_number) (ARGs: least, most; strings of digits count)."
  - The roles of this collection call it first in their C(validate.yml), so nothing changes on a host when a setting
    is refused.
options:
  _input:
    description: Setting name to C([RULE, VALUE, ARG...]).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Check the settings before anything changes
  ansible.builtin.assert:
    that: problems | length == 0
    fail_msg: "{{ problems | join('; ') }}"
    quiet: true
  vars:
    problems: >-
      {{ {'apt_proxy_https_hosts': ['host_names', apt_proxy_https_hosts],
          'apt_proxy_probe_timeout': ['whole_number', apt_proxy_probe_timeout, 1, 30]}
         | dockyard.docker_host.setting_problems }}
"""

RETURN = r"""
_value:
  description: One message per problem; empty when every setting is fine.
  type: list
  elements: str
  sample: ["apt_proxy_https_hosts entry '$(id)' is not a host name such as download.docker.com (RFC 1123: ...)"]
"""

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.settings import problems


@filter_errors("setting_problems")
def setting_problems(settings):
    return problems(settings)


class FilterModule(object):
    def filters(self):
        return {"setting_problems": setting_problems}
