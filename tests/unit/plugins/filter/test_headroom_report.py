# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The headroom_report filter is thin: it passes its arguments to the core and turns core errors into AnsibleFilterError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.dockyard.docker_host.plugins.filter import headroom_report


def test_the_file_exports_its_filter():
    assert list(headroom_report.FilterModule().filters()) == ["headroom_report"]


def test_a_host_without_a_result_is_a_failed_row():
    report = headroom_report.headroom_report({"h1": {}}, min_free_subnets=1, now=0)
    assert report["summary"]["failed"] == ["h1"] and report["summary"]["min_free_subnets"] == 1
    assert report["rows"][0]["error"] == "no result: host unreachable or not run"


def test_an_error_names_the_filter():
    with pytest.raises(AnsibleFilterError, match=r"^headroom_report: input must map host names"):
        headroom_report.headroom_report("x")


def test_the_name_before_0_4_0_still_works():
    assert headroom_report.headroom_report({}, min_free=5, now=0)["summary"]["min_free_subnets"] == 5


def test_users_are_rows_and_a_bad_users_mapping_names_the_filter():
    report = headroom_report.headroom_report({"h1": {}}, now=0, users={"h1": {"results": [{"item": "alice"}]}})
    assert [row["host"] for row in report["rows"]] == ["h1", "h1/alice"]
    with pytest.raises(AnsibleFilterError, match=r"^headroom_report: users must map host names"):
        headroom_report.headroom_report({}, users=["alice"])
    with pytest.raises(AnsibleFilterError, match=r"^headroom_report: host h1: users result"):
        headroom_report.headroom_report({}, users={"h1": {"results": 1}})
