# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Which engine version to install, from what the apt sources offer. Controller only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re


def offered_versions(madison_lines):
    """Versions from ``apt-cache madison`` lines (``pkg | version | source``), newest first as apt lists them."""
    if isinstance(madison_lines, str) or not isinstance(madison_lines, list):
        raise ValueError("madison output must be a list of lines, not %r" % (madison_lines,))
    versions = []
    for line in madison_lines:
        parts = [part.strip() for part in str(line).split("|")]
        if len(parts) >= 3 and parts[1] and parts[1] not in versions:
            versions.append(parts[1])
    return versions


def pattern_regex(pattern):
    """An apt-style version pattern (``*`` any text) as an anchored regex; empty matches every version."""
    if pattern is None or pattern == "":
        return re.compile(r"^")
    if not isinstance(pattern, str):
        raise ValueError("version pattern %r must be a string such as 5:28.5.* or 26.1.*" % (pattern,))
    return re.compile("^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$")


def target_version(madison_lines, pattern="", installed="", upgrade=False):
    """``{offered, matching, target}``: the installed version when it matches and no upgrade is asked,
    else the newest matching offered version; target is '' when nothing matches."""
    offered = offered_versions(madison_lines)
    regex = pattern_regex(pattern)
    matching = [version for version in offered if regex.match(version)]
    keep = installed and not upgrade and (not pattern or regex.match(installed))
    target = installed if keep else (matching[0] if matching else "")
    return {"offered": offered, "matching": matching, "target": target}
