# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rootless_users, run as Ansible runs it, on accounts every Debian host has (daemon, bin) and id files of the test's
own. Linger needs systemd-logind: the rootless Molecule scenario turns it on for real."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import pwd

from unit.plugins.modules.module_runner import run_module


def files(tmp_path, subuid="", subgid=""):
    (tmp_path / "subuid").write_text(subuid)
    (tmp_path / "subgid").write_text(subgid)
    return {"subuid_path": str(tmp_path / "subuid"), "subgid_path": str(tmp_path / "subgid"), "linger": False}


def test_ranges_are_given_kept_and_shown_in_check_mode_and_diff(tmp_path):
    paths = files(tmp_path, subuid="bin:100000:65536\n")
    os.chmod(paths["subuid_path"], 0o640)
    users = [{"name": "daemon"}, {"name": "bin"}]
    checked = run_module("rootless_users", tmp_path, check_mode=True, users=users, _ansible_diff=True, **paths)
    assert checked["changed"] and checked["written"] == [paths["subuid_path"], paths["subgid_path"]]
    assert checked["diff"][0]["after"] == "bin:100000:65536\ndaemon:165536:65536\n"
    assert (tmp_path / "subuid").read_text() == "bin:100000:65536\n"
    done = run_module("rootless_users", tmp_path, users=users, **paths)
    assert done["subordinate_ids"] == {"daemon": {"subuid": [165536, 65536], "subgid": [100000, 65536]},
                                       "bin": {"subuid": [100000, 65536], "subgid": [165536, 65536]}}
    assert done["accounts"]["daemon"] == {"uid": pwd.getpwnam("daemon").pw_uid, "gid": pwd.getpwnam("daemon").pw_gid,
                                          "home": pwd.getpwnam("daemon").pw_dir}
    assert (tmp_path / "subgid").read_text() == "daemon:100000:65536\nbin:165536:65536\n"
    assert oct(os.stat(paths["subuid_path"]).st_mode & 0o777) == "0o640"
    again = run_module("rootless_users", tmp_path, users=users, **paths)
    assert not again["changed"] and again["written"] == [] and again["subordinate_ids"] == done["subordinate_ids"]


def test_bad_users_and_overlaps_are_refused_and_nothing_is_written(tmp_path):
    paths = files(tmp_path, subuid="bin:100000:65536\n", subgid="bin:100000:65536\n")
    cases = [
        ([{"name": "dockyard-nobody-here"}], "user dockyard-nobody-here does not exist on this host: create the account first"),
        ([{"name": "daemon;reboot"}], "'daemon;reboot' is not a user name"),
        ([{"name": "root"}], "root runs the system engine, not a rootless one"),
        ([{"name": "daemon"}, {"name": "daemon"}], "user daemon is named twice"),
        ([{"name": "daemon", "subordinate_start": 150000}],
         "user daemon: subordinate ids 150000-215535 overlap those of bin (100000-165535) in %s" % paths["subuid_path"]),
        ([{"name": "bin", "subordinate_start": 300000}], "user bin already has subordinate ids 100000-165535"),
    ]
    for users, message in cases:
        result = run_module("rootless_users", tmp_path, users=users, **paths)
        assert result["failed"] and message in result["msg"], (users, result["msg"])
        assert (tmp_path / "subuid").read_text() == "bin:100000:65536\n"
        assert (tmp_path / "subgid").read_text() == "bin:100000:65536\n"
    # Every bad user is named, not only the first, before anything is written.
    both = run_module("rootless_users", tmp_path, users=[{"name": "daemon;x"}, {"name": "dockyard-nobody-here"}],
                      **paths)
    assert "'daemon;x' is not a user name" in both["msg"] and "dockyard-nobody-here does not exist" in both["msg"]
    count = run_module("rootless_users", tmp_path, users=[{"name": "daemon"}], subordinate_count=0, **paths)
    assert count["failed"] and count["msg"] == "subordinate_count 0 is outside 1 to 1073741824"
