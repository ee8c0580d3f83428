# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The changelog lints, and bumping galaxy.yml's version then running the release step writes the changelog."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import shutil
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
CHANGELOG = os.path.join(BIN, "antsibull-changelog")


def run(argv, **kwargs):
    result = subprocess.run(argv, capture_output=True, text=True, timeout=1800, check=False, **kwargs)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_changelog_lints():
    run([CHANGELOG, "lint"], cwd=ROOT)


def test_release_step_writes_the_changelog_for_the_bumped_version(tmp_path):
    collections = tmp_path / "collections"
    copy = collections / "ansible_collections" / "dockyard" / "docker_host"
    shutil.copytree(ROOT, str(copy), ignore=shutil.ignore_patterns(
        ".git", ".venv", ".cache", "molecule", "tests", ".pytest_cache", ".hypothesis", "CHANGELOG.rst"))
    galaxy = yaml.safe_load((copy / "galaxy.yml").read_text())
    major, minor = galaxy["version"].split(".")[:2]
    bumped = "%s.%d.0" % (major, int(minor) + 1)
    (copy / "galaxy.yml").write_text((copy / "galaxy.yml").read_text().replace(
        "version: %s\n" % galaxy["version"], "version: %s\n" % bumped))
    fragments = sorted(os.listdir(str(copy / "changelogs" / "fragments")))
    assert fragments

    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""), ANSIBLE_COLLECTIONS_PATH=str(collections))
    run([CHANGELOG, "release"], cwd=str(copy), env=env)

    text = (copy / "CHANGELOG.rst").read_text()
    assert "\nv%s\n" % bumped in text
    release = yaml.safe_load((copy / "changelogs" / "changelog.yaml").read_text())["releases"][bumped]
    assert sorted(release["fragments"]) == fragments
    assert release["changes"] and os.listdir(str(copy / "changelogs" / "fragments")) == []
