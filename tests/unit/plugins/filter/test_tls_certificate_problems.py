# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The tls_certificate_problems filter is thin: it checks renew_days, passes the rest to the core and turns core errors
into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import tls_certificate_problems


def test_the_file_exports_its_filter():
    assert list(tls_certificate_problems.FilterModule().filters()) == ["tls_certificate_problems"]


def test_what_is_not_a_certificate_is_a_problem_not_an_error():
    assert tls_certificate_problems.tls_certificate_problems("text", renew_days=30) == [
        "'text' is not a PEM certificate"]


@pytest.mark.parametrize("days", [-1, "30", True, 1.5])
def test_renew_days_that_are_no_whole_number_are_refused(days):
    with pytest.raises(AnsibleFilterError, match=r"^tls_certificate_problems: renew_days .* is not a whole number"):
        tls_certificate_problems.tls_certificate_problems("text", renew_days=days)
