# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Values written into systemd unit files, quoted for systemd. Controller only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dockyard.docker_host.plugins.module_utils.control_chars import with_control
from ansible_collections.dockyard.docker_host.plugins.module_utils.value_kinds import json_kind

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _checked(variables):
    if not isinstance(variables, dict):
        raise ValueError("environment must be a mapping of variable names to values, not %r" % (variables,))
    for name in sorted(variables):
        value = variables[name]
        if not isinstance(name, str) or not _NAME.match(name):
            raise ValueError("environment variable name %r must be letters, digits and underscores" % (name,))
        if not isinstance(value, str):
            raise ValueError("environment variable %s must be a string, not %r" % (name, json_kind(value)))
        if any(with_control(value)):
            raise ValueError("environment variable %s holds a control character" % name)
        yield name, value


def environment_file_lines(variables):
    """``NAME="value"`` lines for a unit's ``EnvironmentFile=``, in name order.

    systemd reads ``\\``, ``"``, ``$`` and backquote after a backslash inside double quotes and expands no
    specifiers there, so only those four are escaped. Unlike ``Environment=``, the values do not show in
    ``systemctl show``, which any local user may run: the place for credentials.
    """
    lines = []
    for name, value in _checked(variables):
        quoted = "".join("\\" + char if char in '\\"$`' else char for char in value)
        lines.append('%s="%s"' % (name, quoted))
    return lines


def environment_lines(variables):
    """``Environment="NAME=value"`` lines for a unit's [Service] section, in name order.

    Inside the double quotes systemd reads ``\\`` and ``"`` as escapes and expands ``%`` specifiers
    (``%h``, ``%n``...), so those are escaped; a value keeps every other character as written.
    """
    lines = []
    for name, value in _checked(variables):
        quoted = value.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
        lines.append('Environment="%s=%s"' % (name, quoted))
    return lines
