# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every condition in the repository's YAML is a string: an unquoted ': ' inside one makes a mapping,
which Ansible refuses only when the task runs ("Conditional expressions must be strings")."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import os

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONDITION_KEYS = ("that", "when", "failed_when", "changed_when", "until")


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!unsafe", lambda loader, node: loader.construct_scalar(node))


def _conditions(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in CONDITION_KEYS:
                for item in value if isinstance(value, list) else [value]:
                    if not isinstance(item, (str, bool)):
                        found.append(item)
            else:
                _conditions(value, found)
    elif isinstance(node, list):
        for item in node:
            _conditions(item, found)


def test_every_condition_is_a_string():
    offenders = []
    for pattern in ("roles/**/*.yml", "playbooks/**/*.yml", "molecule/**/*.yml", "tests/**/*.yml"):
        for path in glob.glob(os.path.join(REPO, pattern), recursive=True):
            with open(path) as handle:
                found = []
                _conditions(yaml.load(handle, Loader=_Loader), found)
            offenders.extend("%s: %r" % (os.path.relpath(path, REPO), item) for item in found)
    assert offenders == []
