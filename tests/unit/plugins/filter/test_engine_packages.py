# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine_packages filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import engine_packages


def test_the_file_exports_its_filter():
    assert list(engine_packages.FilterModule().filters()) == ["engine_packages"]


def test_a_missing_engine_is_installed_at_the_target_and_held():
    host = {"docker.io": {"version": "", "installed": False, "held": False}}
    assert engine_packages.engine_packages(host, ["docker.io"], ["docker.io"], "20.10.24+dfsg1-1+deb12u1") == {
        "held": ["docker.io"], "install": ["docker.io=20.10.24+dfsg1-1+deb12u1"], "hold": ["docker.io"], "unhold": []}


def test_an_error_names_the_filter():
    with pytest.raises(AnsibleFilterError, match=r"^engine_packages: host packages must be a mapping"):
        engine_packages.engine_packages("x", [], [], "")
