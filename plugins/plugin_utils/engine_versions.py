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


def package_plan(host_packages, packages, versioned, target, companion_offers=None, replaces=None):
    """What apt must do to put the engine at ``target``: ``{held, install, hold, unhold}``.

    ``held`` is ``versioned`` plus each companion package (``companion_offers``: its
    ``apt-cache madison`` lines) offered at ``target`` itself, such as docker-cli split out of
    docker.io from trixie on. ``install`` is empty when every package is installed and every
    held one is at ``target``; otherwise it names them all, held ones as ``name=target``.
    ``hold`` lists the held packages that dpkg does not hold yet. ``unhold`` lists the packages
    of ``replaces`` (the other engine's) that dpkg holds, when there is something to install: apt
    does not remove a held package, even with ``--allow-change-held-packages``.
    """
    if not isinstance(host_packages, dict):
        raise ValueError("host packages must be a mapping of package name to its state, not %r" % (host_packages,))
    replaces = [] if replaces is None else replaces
    for name, value in (("packages", packages), ("versioned", versioned), ("replaces", replaces)):
        if isinstance(value, str) or not isinstance(value, list):
            raise ValueError("%s must be a list of package names, not %r" % (name, value))
    if not isinstance(target, str) or not target:
        raise ValueError("target must be a version string, not %r" % (target,))
    companions = companion_offers or {}
    if not isinstance(companions, dict):
        raise ValueError("companion_offers must map a package to its apt-cache madison lines, not %r" % (companions,))
    held = list(versioned) + [name for name in sorted(companions)
                              if name not in versioned and target in offered_versions(companions[name])]
    wanted = list(held) + [name for name in packages if name not in held]

    def state(name):
        found = host_packages.get(name)
        return found if isinstance(found, dict) else {}

    in_place = all(state(name).get("installed") for name in wanted) and all(
        state(name).get("version") == target for name in held)
    install = [] if in_place else [name + "=" + target if name in held else name for name in wanted]
    hold = [name for name in held if not state(name).get("held")]
    unhold = [name for name in replaces if install and name not in wanted and state(name).get("held")]
    return {"held": held, "install": install, "hold": hold, "unhold": unhold}
