# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: engine_target
author: Dockyard maintainers (@dockyard)
version_added: 0.2.0
short_description: Choose the engine version to install from what apt offers
description:
  - Reads the versions in C(apt-cache madison) output, keeps those matching O(pattern) (apt style, C(*) matches any
    text, empty matches all) and chooses the target.
  - The O(installed) version stays when it matches and O(upgrade) is false; otherwise the newest matching version is
    the target. The target is empty when nothing matches, so the caller can say what the sources offer.
options:
  _input:
    description: Lines of C(apt-cache madison PACKAGE).
    type: list
    elements: str
    required: true
  pattern:
    description: Version pattern, such as V(5:28.5.*) or V(26.1.*); empty for any.
    type: str
    default: ""
  installed:
    description: The installed version, empty when none is.
    type: str
    default: ""
  upgrade:
    description: Move an installed engine to the newest matching version.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Choose the version
  ansible.builtin.set_fact:
    choice: "{{ madison.stdout_lines | dockyard.docker_host.engine_target(pattern='5:27.0.*', installed='') }}"
"""

RETURN = r"""
_value:
  description: C(offered) (every version, newest first), C(matching) (those matching the pattern) and C(target).
  type: dict
  sample: {"offered": ["5:27.1.0-1", "5:27.0.1-1"], "matching": ["5:27.0.1-1"], "target": "5:27.0.1-1"}
"""

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.engine_versions import target_version
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("engine_target")
def engine_target(madison_lines, pattern="", installed="", upgrade=False):
    return target_version(madison_lines, pattern=pattern, installed=installed or "", upgrade=upgrade)


class FilterModule(object):
    def filters(self):
        return {"engine_target": engine_target}
