# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Control characters in settings and file content: no value needs one, and a newline adds a line to the file a
value is written into. Standard library only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def with_control(value, where=""):
    """``(where, text)`` for every key or string in ``value`` (at any depth) that holds a control character;
    ``where`` grows with the mapping keys on the way down."""
    if isinstance(value, str):
        if CONTROL.search(value):
            yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from with_control(key, where)
            yield from with_control(item, "%s key %s" % (where, key) if where else "key %s" % key)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from with_control(item, where)
