import os

import pytest
import yaml

from ansible_collections.dockyard.docker_host.plugins.plugin_utils.engine_advisories import (
    AdvisoryError,
    matching,
)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
with open(os.path.join(ROOT, "roles", "docker_engine", "vars", "advisories.yml")) as handle:
    SHIPPED = yaml.safe_load(handle)["__docker_engine_advisories"]

HUGE_IPV6 = {"default-address-pools": [{"base": "172.30.0.0/16", "size": 24}, {"base": "fd0d:ce5::/48", "size": 80}]}


def ids(found):
    return [a["id"] for a in found]


def test_the_shipped_advisories_are_well_formed():
    matching(SHIPPED, "20.10.24")


def test_huge_pool_fails_before_27_only():
    found = matching(SHIPPED, "20.10.24+dfsg1", {"daemon_json": HUGE_IPV6})
    assert ids(found) == ["DY-0001"]
    assert found[0]["action"] == "fail"
    assert "fd0d:ce5::/48 size 80" in found[0]["message"]
    assert ids(matching(SHIPPED, "5:27.0.1-1~debian.12~bookworm", {"daemon_json": HUGE_IPV6})) == []


def test_ipv6_size_64_warns_before_27():
    daemon = {"default-address-pools": [{"base": "172.30.0.0/16", "size": 24}, {"base": "fd00:1::/48", "size": 64}]}
    assert ids(matching(SHIPPED, "26.1.5", {"daemon_json": daemon})) == ["DY-0002"]


def test_overlaps_warn_from_27():
    daemon = {"default-address-pools": [{"base": "172.30.0.0/16", "size": 24}, {"base": "172.30.128.0/17", "size": 24}]}
    assert ids(matching(SHIPPED, "28.5.2", {"daemon_json": daemon})) == ["DY-0003"]
    assert ids(matching(SHIPPED, "26.1.5", {"daemon_json": daemon})) == []


@pytest.mark.parametrize("nerdctl, warned", [("2.0.0", True), ("2.0.3", True), ("2.0.4", False), ("1.7.7", False), (None, False)])
def test_nerdctl_range(nerdctl, warned):
    assert ("DY-0004" in ids(matching(SHIPPED, "26.1.5", {"nerdctl_version": nerdctl}))) is warned


def test_gateway_routes_warn_before_20_10_15():
    host = {"gateway_routes": ["10.8.0.0/16"]}
    assert ids(matching(SHIPPED, "20.10.14", host)) == ["DY-0005"]
    assert ids(matching(SHIPPED, "20.10.15", host)) == []


def test_version_only_advisory():
    assert ids(matching(SHIPPED, "29.0.1")) == ["DY-0006"]


@pytest.mark.parametrize("advisory, message", [
    ({"title": "t", "action": "warn", "advice": "a"}, "has no id"),
    ({"id": "X", "title": "t", "action": "panic", "advice": "a"}, "action 'panic' is not one of fail, warn"),
    ({"id": "X", "title": "t", "action": "warn", "advice": "a", "when": "moon_phase"}, "condition 'moon_phase' is unknown"),
    ({"id": "X", "title": "t", "action": "warn", "advice": "a", "engine": {"min": "soon"}}, "engine.min 'soon' is not a version"),
])
def test_bad_advisories_are_named(advisory, message):
    with pytest.raises(AdvisoryError, match=message):
        matching([advisory], "26.1.5")


def test_a_malformed_pool_does_not_hide_a_huge_one():
    daemon = {"default-address-pools": [{"base": "not-a-network", "size": 24}] + HUGE_IPV6["default-address-pools"]}
    assert ids(matching(SHIPPED, "20.10.24", {"daemon_json": daemon})) == ["DY-0001"]


@pytest.mark.parametrize("version", ["", None])
def test_an_empty_target_version_is_refused_not_passed(version):
    with pytest.raises(AdvisoryError, match="is empty; the advisories need the version about to be installed"):
        matching(SHIPPED, version, {"daemon_json": HUGE_IPV6})


def test_an_inverted_range_is_refused():
    advisory = {"id": "X-1", "title": "t", "action": "fail", "advice": "a", "engine": {"min": "27.0", "below": "26.0"}}
    with pytest.raises(AdvisoryError, match="engine.min 27.0 is not below engine.below 26.0, so it would match no"):
        matching([advisory], "26.1.5")


@pytest.mark.parametrize("host, message", [
    ({"daemon_json": {"default-address-pools": "172.30.0.0/16"}}, "default-address-pools is a string, not a list"),
    ({"gateway_routes": "10.0.0.0/8"}, "gateway_routes '10.0.0.0/8' must be a list of networks"),
])
def test_a_string_where_a_list_belongs_is_refused_not_read_by_character(host, message):
    with pytest.raises(AdvisoryError, match=message):
        matching(SHIPPED, "26.1.5", host)


def test_an_advisory_that_is_not_a_mapping_is_refused():
    with pytest.raises(AdvisoryError, match="advisory 'x' is not a mapping"):
        matching(["x"], "26.1.5")
