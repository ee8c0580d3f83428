# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine_target filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import engine_target


def test_the_file_exports_its_filter():
    assert list(engine_target.FilterModule().filters()) == ["engine_target"]


MADISON = [" docker.io | 20.10.24+dfsg1-1+deb12u1 | http://deb.debian.org/debian bookworm/main amd64 Packages"]


def test_the_newest_matching_offer_is_the_target():
    assert engine_target.engine_target(MADISON, pattern="20.10.*") == {
        "offered": ["20.10.24+dfsg1-1+deb12u1"], "matching": ["20.10.24+dfsg1-1+deb12u1"],
        "target": "20.10.24+dfsg1-1+deb12u1"}


def test_an_error_names_the_filter():
    with pytest.raises(AnsibleFilterError, match=r"^engine_target: madison output must be a list of lines"):
        engine_target.engine_target(5)
