# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What kind of value a user gave, named as YAML and JSON name it, never by a Python class (ansible-core hands
plugins its own subclasses of list and dict, whose names mean nothing to a user)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def json_kind(value):
    """boolean, number, string, list, mapping or null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, (str, bytes)):
        return "string"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return "value of another kind"


def shown(value, limit=80):
    """A short, plain rendering of a value for a message."""
    try:
        text = repr(_plain(value))
    except Exception:  # pylint: disable=broad-except
        text = "<%s>" % json_kind(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _plain(value):
    if isinstance(value, dict):
        return dict((_plain(key), _plain(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value
