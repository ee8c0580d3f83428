# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: apt_pins
author: Dockyard maintainers (@dockyard)
version_added: 0.5.0
short_description: Say what the apt pin files of the engine hold once written
description:
  - The content M(dockyard.docker_host.engine_lifecycle) writes for each of its O(dockyard.docker_host.engine_lifecycle#module:pins),
    at the versions the host has its packages installed, to compare with what the host's files hold now.
  - A pin whose packages are not all installed at one version maps to an empty string.
  - With O(present), only the pins whose file holds something else are kept.
positional: packages
options:
  _input:
    description: The pins, as O(dockyard.docker_host.engine_lifecycle#module:pins) takes them (C(path), C(packages), C(comment)).
    type: list
    elements: dict
    required: true
  packages:
    description: The host's packages, C(docker_host.packages) of M(dockyard.docker_host.docker_host_facts).
    type: dict
    required: true
  present:
    description: What the host's pin files hold now, by file name (C(docker_host.apt.preferences)).
    type: dict
"""

EXAMPLES = r"""
- name: Pin the engine when its file holds something else
  dockyard.docker_host.engine_lifecycle:
    state: installed
    pins: "{{ pins }}"
  vars:
    pins: [{path: /etc/apt/preferences.d/dockyard-engine-version, packages: [docker.io], comment: Kept by the role.}]
    stale: "{{ pins | dockyard.docker_host.apt_pins(host.docker_host.packages, present=host.docker_host.apt.preferences) }}"
  when: stale | length > 0
"""

RETURN = r"""
_value:
  description: Each pin's path mapped to the file's content, or to an empty string.
  type: dict
  sample:
    /etc/apt/preferences.d/dockyard-engine-version: "# Kept by the role.\nPackage: docker.io\nPin: version 20.10.24+dfsg1-1+deb12u1\n\
      Pin-Priority: 1001\n"
"""

import posixpath

from ansible_collections.dockyard.docker_host.plugins.module_utils.engine_lifecycle import pin_problem, pin_text, pin_version
from ansible_collections.dockyard.docker_host.plugins.module_utils.value_kinds import shown
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.filter_errors import filter_errors


@filter_errors("apt_pins")
def apt_pins(pins, packages, present=None):
    if not isinstance(pins, list) or not isinstance(packages, dict) or not isinstance(present or {}, dict):
        raise ValueError("the input must be a list of pins, packages a mapping of package states and present a "
                         "mapping of file names to contents")
    texts = {}
    for given in pins:
        pin = {"path": given["path"], "packages": given["packages"], "comment": given.get("comment", "")}
        if not (isinstance(pin["path"], str) and isinstance(pin["packages"], list) and isinstance(pin["comment"], str)
                and all(isinstance(name, str) for name in pin["packages"])):
            raise ValueError("pin %s is not {path, packages, comment}: a path, a list of package names and a text"
                             % shown(given))
        problem = pin_problem(pin)
        if problem:
            raise ValueError(problem)
        try:
            texts[pin["path"]] = pin_text(pin, pin_version(pin, packages))
        except ValueError:
            texts[pin["path"]] = ""
    if present is None:
        return texts
    return dict((path, text) for path, text in texts.items() if present.get(posixpath.basename(path), "") != text)


class FilterModule(object):
    def filters(self):
        return {"apt_pins": apt_pins}
