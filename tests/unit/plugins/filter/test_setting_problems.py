# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The setting_problems filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import setting_problems


def test_the_file_exports_its_filter():
    assert list(setting_problems.FilterModule().filters()) == ["setting_problems"]


def test_each_bad_setting_is_named_with_its_rule():
    assert setting_problems.setting_problems({"x": ["whole_number", 0, 1, 30], "y": ["whole_number", 3, 1, 30]}) == [
        "x 0 must be a whole number from 1 to 30"]


def test_an_error_names_the_filter():
    with pytest.raises(AnsibleFilterError, match=r"^setting_problems: settings must map setting names"):
        setting_problems.setting_problems([])
