# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""galaxy.yml declares exactly the collections that the shipped roles, playbooks and plugins call."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
OWN = {"ansible.builtin", "ansible.legacy", "dockyard.docker_host"}
NAME = r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*"
# Where a collection's content is called: a task's module key, a role or playbook by name, a filter, test or
# lookup in Jinja (piped, or named in map/select/reject/...), a connection or strategy, a Python import.
USES = [
    re.compile(r"^\s*(?:- )?\s*(%s)\.[a-z0-9_]+:(?:\s|$)" % NAME, re.M),
    re.compile(r"\b(?:name|import_playbook|include_role|import_role|connection|strategy|role):\s*['\"]?(%s)\.[a-z0-9_]+" % NAME),
    re.compile(r"\|\s*(%s)\.[a-z0-9_]+" % NAME),
    re.compile(r"\b(?:map|select|reject|lookup|query|q)\(\s*(?:[^()'\"]*,\s*)?['\"](%s)\.[a-z0-9_]+" % NAME),
    # selectattr and rejectattr name an attribute first (a dotted path), then the test.
    re.compile(r"\b(?:selectattr|rejectattr)\(\s*['\"][^'\"]*['\"]\s*,\s*['\"](%s)\.[a-z0-9_]+" % NAME),
    re.compile(r"\bis\s+(?:not\s+)?(%s)\.[a-z0-9_]+" % NAME),
    re.compile(r"ansible_collections\.(%s)\b" % NAME),
]
SHIPPED = ["roles", "playbooks", "plugins"]


def collections_called(text):
    return {match for pattern in USES for match in pattern.findall(text)}


def shipped_files():
    for top in SHIPPED:
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and path.suffix in (".yml", ".yaml", ".j2", ".py"):
                yield path


def called():
    found = {}
    for path in shipped_files():
        for collection in collections_called(path.read_text()):
            found.setdefault(collection, []).append(str(path.relative_to(ROOT)))
    return found


def declared():
    return set((yaml.safe_load((ROOT / "galaxy.yml").read_text()).get("dependencies") or {}))


def test_every_collection_called_is_declared():
    missing = {name: files for name, files in called().items() if name not in OWN | declared()}
    assert missing == {}, "add these to galaxy.yml's dependencies, with the versions tested"


def test_every_declared_collection_is_called():
    assert sorted(declared() - set(called())) == []


def test_the_scan_sees_every_way_a_collection_is_called():
    text = """
- name: A module
  community.general.haproxy:
    state: drained
- ansible.posix.sysctl: {name: x, value: 1}
- ansible.builtin.include_role:
    name: community.docker.some_role
- ansible.builtin.import_playbook: other.ns.site
- ansible.builtin.debug:
    msg: "{{ x | ansible.utils.ipaddr('net') }} {{ y | map('ansible.netcommon.parse', 'a') }}
          {{ lookup('community.hashi_vault.vault', 'p') }} {{ z is community.crypto.valid }}"
  vars:
    ansible_connection: local
    facts: "{{ ansible_facts.default_ipv4.address }}"
"""
    assert collections_called(text) - OWN == {
        "community.general", "ansible.posix", "community.docker", "other.ns", "ansible.utils", "ansible.netcommon",
        "community.hashi_vault", "community.crypto"}
    assert collections_called("from ansible_collections.community.docker.plugins.module_utils import x") == {
        "community.docker"}
