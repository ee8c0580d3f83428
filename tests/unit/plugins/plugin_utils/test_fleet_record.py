# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import ipaddress
import multiprocessing

import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils.record_files import (
    RecordChanged,
    read_record,
    replace_record,
)
from ansible_collections.dockyard.docker_host.plugins.plugin_utils.fleet_record import (
    ATTEMPTS,
    RecordError,
    allocate,
    dump_text,
    load_text,
    reconcile,
)

SUPERNET = "10.200.0.0/16"
DAY = datetime.date(2026, 11, 23)


def run(record, hosts, **kwargs):
    kwargs.setdefault("today", DAY)
    return reconcile(record, hosts, SUPERNET, 20, **kwargs)


def blocks(report):
    return dict((host, pools[0]["base"]) for host, pools in report["pools"].items())


def assert_disjoint(record):
    networks = [ipaddress.ip_network(p["base"]) for row in record["hosts"].values() for p in row["pools"]]
    for index, network in enumerate(networks):
        assert not any(network.overlaps(other) for other in networks[index + 1:])


def test_first_run_allocates_and_a_second_run_changes_nothing():
    record, report = run(None, ["h1", "h2"], observed={"h1": None, "h2": {}})
    assert blocks(report) == {"h1": "10.200.0.0/20", "h2": "10.200.16.0/20"}
    assert report["allocated"] == ["h1", "h2"] and report["changed"]
    text = dump_text(record)
    record, again = run(load_text(text, "r"), ["h1", "h2"], observed={"h1": {"default-address-pools": report["pools"]["h1"]}})
    assert blocks(again) == blocks(report) and not again["changed"] and dump_text(record) == text


def test_growing_keeps_existing_blocks_and_a_host_that_is_gone_keeps_its_block():
    record, _first = run(None, ["h1", "h2", "h3"])
    record, report = run(record, ["h1", "h3", "h4"])
    assert blocks(report) == {"h1": "10.200.0.0/20", "h3": "10.200.32.0/20", "h4": "10.200.48.0/20"}
    assert "h2" in record["hosts"]
    assert_disjoint(record)


def test_batches_as_serial_or_limit_give_the_same_disjoint_answer():
    record = None
    for batch in (["h1"], ["h2"], ["h3"]):
        record, _report = run(record, batch)
    _same, report = run(None, ["h1", "h2", "h3"])
    assert dict((h, r["pools"]) for h, r in record["hosts"].items()) == report["pools"]


def test_release_frees_a_block_for_the_next_new_host():
    record, _first = run(None, ["h1", "h2"])
    record, report = run(record, ["h1", "h3"], release=["h2", "nobody"])
    assert report["released"] == ["h2"] and report["unknown_releases"] == ["nobody"]
    assert blocks(report)["h3"] == "10.200.16.0/20"


def test_retention_frees_only_hosts_that_left_the_inventory_long_ago():
    record, _first = run(None, ["h1", "h2", "h3"], today=DAY - datetime.timedelta(days=40))
    record, report = run(record, ["h1"], retention_days=30, inventory=["h1", "h2"])
    assert report["released"] == ["h3"]
    assert sorted(record["hosts"]) == ["h1", "h2"]


def test_pools_in_daemon_json_that_disagree_with_the_record_are_reported_not_moved():
    record, _first = run(None, ["h1"])
    observed = {"h1": {"default-address-pools": [{"base": "10.200.64.0/20", "size": 24}]}}
    record, report = run(record, ["h1"], observed=observed)
    assert "h1 has pools 10.200.64.0/20 size 24 in daemon.json, but r gives it 10.200.0.0/20 size 24" in (
        report["disagreements"]["h1"].replace("the record", "r"))
    assert record["hosts"]["h1"]["pools"] == [{"base": "10.200.0.0/20", "size": 24}]


def test_pools_a_host_already_has_inside_the_supernet_are_imported_unless_they_overlap():
    record, _first = run(None, ["h1"])
    observed = {"h2": {"default-address-pools": [{"base": "10.200.32.0/20", "size": 24}]},
                "h3": {"default-address-pools": [{"base": "10.200.0.0/21", "size": 24}]},
                "h4": {"default-address-pools": [{"base": "172.17.0.0/16", "size": 24}]}}
    record, report = run(record, ["h1", "h2", "h3", "h4"], observed=observed)
    assert report["imported"] == ["h2"]
    assert "overlap the block the record gives h1" in report["disagreements"]["h3"]
    assert "h3" not in report["pools"]
    assert blocks(report)["h4"] == "10.200.16.0/20"
    assert_disjoint(record)


def test_changed_settings_are_refused_once_a_host_holds_a_block():
    record, _first = run(None, ["h1"])
    with pytest.raises(RecordError, match="host_prefix 22 \\(the record says 20\\).*new record file"):
        reconcile(record, ["h1"], SUPERNET, 22)


def test_a_full_supernet_names_the_hosts_left_without_a_block():
    with pytest.raises(RecordError, match="supernet 10.200.0.0/16 is full"):
        run(None, ["h%d" % n for n in range(17)])


@pytest.mark.parametrize("text, message", [
    ("[1, 2]", "r is not a mapping"),
    ("format: 9\nsupernet: x\nhost_prefix: 20\nsize: 24\nhosts: {}", "format 9"),
    ("supernet: 10.200.0.0/16\nhosts: {}", "lacks host_prefix, size"),
    ("supernet: 10.200.0.0/16\nhost_prefix: 20\nsize: 24\nhosts: [a]", "hosts must map host names"),
    ("supernet: 10.200.0.0/16\nhost_prefix: 20\nsize: 24\nhosts: {h1: {pools: [{base: nope, size: 24}]}}",
     "host h1: pool base 'nope'"),
    ("supernet: 10.200.0.0/16\nhost_prefix: 20\nsize: 24\nhosts: {h1: {pools: [], last_seen: yesterday}}",
     "last_seen 'yesterday' is not a date"),
    ("a: [", "r is not valid YAML"),
])
def test_a_broken_record_is_refused_naming_the_field(text, message):
    with pytest.raises(RecordError, match=message):
        load_text(text, "r")


@pytest.mark.parametrize("kwargs, message", [
    ({"hosts": "h1"}, "hosts must be a list of host names"),
    ({"release": [None]}, "release: host name None"),
    ({"observed": ["h1"]}, "observed must map host names"),
    ({"retention_days": "soon"}, "retention_days 'soon' is not a whole number"),
    ({"supernet": "10.200.0.1/16"}, "supernet '10.200.0.1/16' is not an IP network"),
])
def test_bad_requests_are_refused(kwargs, message):
    hosts = kwargs.pop("hosts", ["h1"])
    supernet = kwargs.pop("supernet", SUPERNET)
    with pytest.raises(RecordError, match=message):
        reconcile(None, hosts, supernet, 20, **kwargs)


def _replace(path, text, seen):
    try:
        return replace_record(path, text, seen)
    except RecordChanged:
        return False


def _allocate(path, hosts):
    allocate(lambda: read_record(path), lambda text, seen: _replace(path, text, seen), path,
             hosts=hosts, supernet=SUPERNET, host_prefix=24, today=DAY)


def test_two_controllers_at_once_never_share_a_block(tmp_path):
    path = str(tmp_path / "fleet-pools.yml")
    workers = [multiprocessing.Process(target=_allocate, args=(path, ["c%d-h%d" % (c, n) for n in range(50)]))
               for c in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    record = load_text(read_record(path)[0], path)
    assert len(record["hosts"]) == 200
    assert_disjoint(record)


def test_a_run_whose_write_finds_the_record_replaced_reads_it_again_and_keeps_the_other_runs_blocks():
    theirs = dump_text(reconcile(None, ["theirs"], SUPERNET, 24, today=DAY)[0])
    reads = iter([(None, ""), (theirs, "digest of theirs")])
    writes = []

    def replace(text, seen):
        writes.append(seen)
        return seen == "digest of theirs"

    before, after, report = allocate(lambda: next(reads), replace, "r", hosts=["mine"], supernet=SUPERNET,
                                     host_prefix=24, today=DAY)
    assert writes == ["", "digest of theirs"] and before == theirs
    assert report["allocated"] == ["mine"] and report["pools"]["mine"] != load_text(theirs, "r")["hosts"]["theirs"]["pools"]
    assert sorted(load_text(after, "r")["hosts"]) == ["mine", "theirs"]


def test_a_record_replaced_at_every_attempt_is_a_clear_error():
    reads = []

    def read():
        reads.append(1)
        return None, ""

    with pytest.raises(RecordError, match="r was replaced by other runs %d times while this run allocated; run again"
                       % ATTEMPTS):
        allocate(read, lambda text, seen: False, "r", hosts=["h1"], supernet=SUPERNET, host_prefix=24, today=DAY)
    assert len(reads) == ATTEMPTS


def test_check_mode_and_an_unchanged_record_write_nothing():
    text = dump_text(reconcile(None, ["h1"], SUPERNET, 24, today=DAY)[0])

    def replace(text, seen):
        raise AssertionError("nothing may be written")

    assert allocate(lambda: (None, ""), replace, "r", True, hosts=["h1"], supernet=SUPERNET, host_prefix=24,
                    today=DAY)[2]["allocated"] == ["h1"]
    assert allocate(lambda: (text, "d"), replace, "r", hosts=["h1"], supernet=SUPERNET, host_prefix=24,
                    today=DAY)[1] == text


def test_a_record_edited_into_block_yaml_is_still_read_and_written_back_one_host_a_line():
    text = ("supernet: 10.200.0.0/16\nhost_prefix: 20\nsize: 24\nhosts:\n  h1:\n    pools:\n"
            "      - base: 10.200.0.0/20\n        size: 24\n    allocated: 2026-11-01\n    last_seen: 2026-11-02\n")
    record = load_text(text, "r")
    record, report = run(record, ["h1"])
    assert report["pools"] == {"h1": [{"base": "10.200.0.0/20", "size": 24}]}
    assert '"h1": {"pools": [{"base": "10.200.0.0/20", "size": 24}], "allocated": "2026-11-01"' in dump_text(record)


def test_a_host_without_a_row_that_was_not_read_holds_back_every_new_block():
    observed = {"b": {"default-address-pools": [{"base": "172.30.0.0/16", "size": 24}]}}
    record, report = run(None, ["a", "b"], observed=observed)
    assert report["pools"] == {} and report["allocated"] == [] and not report["changed"]
    assert sorted(report["deferred"]) == ["a", "b"] and "a has no row in" in report["deferred"]["b"]
    observed["a"] = {"default-address-pools": [{"base": "10.200.0.0/20", "size": 24}]}
    record, report = run(record, ["a", "b"], observed=observed)
    assert report["imported"] == ["a"] and report["deferred"] == {} and blocks(report)["a"] == "10.200.0.0/20"
    assert blocks(report)["b"] != "10.200.0.0/20"
