# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Docker engine versions as comparable tuples."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

# Engines from 27.0 allocate pool subnets lazily and sort pools by base.
LAZY_POOLS_SINCE = (27, 0)

_VERSION = re.compile(r"^(?:\d+:)?(\d+)\.(\d+)(?:\.(\d+))?")
_DOCKERD_OUTPUT = re.compile(r"version\s+([0-9][^\s,]*)")


def parse_engine_version(value):
    """Return ``(major, minor, patch)`` for a Docker version string, or None for None.

    Accepts server versions (``20.10.24``), Debian package versions
    (``26.1.5+dfsg1-9``) and Docker CE package versions with an epoch
    (``5:28.5.2-1~debian.12~bookworm``).
    """
    if value is None or value == "":
        return None
    match = _VERSION.match(str(value).strip())
    if not match:
        raise ValueError(
            "engine_version %r is not a Docker version such as 20.10.24 or 5:28.5.2-1~debian.12" % (value,)
        )
    return tuple(int(part or 0) for part in match.groups())


def from_dockerd_output(text):
    """The version in ``dockerd --version`` output (``Docker version 20.10.24+dfsg1, build 297e128``), or None."""
    match = _DOCKERD_OUTPUT.search(text or "")
    return match.group(1) if match else None


def allocates_lazily(version):
    """True when the engine computes pool subnets on demand (27.0 and later)."""
    return version is not None and version[:2] >= LAZY_POOLS_SINCE


def describe(version):
    if version is None:
        return "an engine of unknown version (assumed older than 27.0)"
    return "engine %d.%d.%d" % version
