# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The systemd_environment filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import systemd_environment


def test_the_file_exports_its_filter():
    assert list(systemd_environment.FilterModule().filters()) == ["systemd_environment"]


def test_values_are_quoted_for_systemd_and_percent_signs_doubled():
    assert systemd_environment.systemd_environment({"HTTP_PROXY": "http://u:p%40ss@proxy:3128"}) == [
        'Environment="HTTP_PROXY=http://u:p%%40ss@proxy:3128"']


def test_a_control_character_is_refused_naming_the_filter():
    with pytest.raises(AnsibleFilterError, match=r"^systemd_environment: environment variable A holds a control"):
        systemd_environment.systemd_environment({"A": "\n"})
