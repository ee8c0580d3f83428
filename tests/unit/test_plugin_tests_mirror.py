# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tests/unit/plugins mirrors plugins/ one to one: plugins/KIND/NAME.py has tests/unit/plugins/KIND/test_NAME.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLUGINS = os.path.join(REPO, "plugins")
TESTS = os.path.join(REPO, "tests", "unit", "plugins")
# Tests of a property every file of a kind must have, beside each file's own tests.
ACROSS_FILES = {
    os.path.join("filter", "test_filters_any_input.py"): "every filter, fed arbitrary input, raises only AnsibleFilterError",
    os.path.join("module_utils", "test_properties.py"): "hypothesis properties across the address-pool core",
}


def python_files(root, prefix=""):
    found = set()
    for kind in sorted(os.listdir(root)):
        if not os.path.isdir(os.path.join(root, kind)) or kind.startswith((".", "__")):
            continue
        for name in os.listdir(os.path.join(root, kind)):
            if name.endswith(".py") and name.startswith(prefix) and name != "__init__.py":
                found.add(os.path.join(kind, name))
    return found


def test_every_plugin_file_has_its_test_file():
    expected = set(os.path.join(os.path.dirname(path), "test_" + os.path.basename(path))
                   for path in python_files(PLUGINS))
    missing = sorted(expected - python_files(TESTS, "test_"))
    assert missing == [], "plugin files without a test file of their own: %s" % missing


def test_every_test_file_names_a_plugin_file():
    plugins = python_files(PLUGINS)
    strays = sorted(path for path in python_files(TESTS, "test_") - set(ACROSS_FILES)
                    if os.path.join(os.path.dirname(path), os.path.basename(path)[len("test_"):]) not in plugins)
    assert strays == [], "test files named after no plugin file (moved or renamed?): %s" % strays


def test_the_check_sees_a_missing_test_file(tmp_path):
    (tmp_path / "filter").mkdir()
    (tmp_path / "filter" / "new_filter.py").write_text("")
    assert python_files(str(tmp_path)) == {os.path.join("filter", "new_filter.py")}
    assert python_files(str(tmp_path), "test_") == set()
