# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The engine_rollback filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import engine_rollback


def test_the_file_exports_its_filter():
    assert list(engine_rollback.FilterModule().filters()) == ["engine_rollback"]


def test_the_plan_puts_the_recorded_version_back():
    before = {"docker.io": {"version": "20.10.24", "installed": True, "held": True}}
    now = {"docker.io": {"version": "26.1.5", "installed": True, "held": False}}
    assert engine_rollback.engine_rollback(before, now) == {
        "install": ["docker.io=20.10.24"], "remove": [], "hold": ["docker.io"], "unhold": []}


def test_an_error_names_the_filter():
    with pytest.raises(AnsibleFilterError, match=r"^engine_rollback: before must be a mapping"):
        engine_rollback.engine_rollback("x", {})
