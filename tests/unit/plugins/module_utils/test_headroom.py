import pytest

from ansible_collections.dockyard.docker_host.plugins.module_utils import headroom as h

# /proc/net/route as a host with a LAN, a gateway route to a VPN, docker0 and a default route shows it.
PROC_ROUTE = """Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
eth0\t00000000\t0100A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
eth0\t0000A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
eth0\t0000080A\t0100A8C0\t0003\t0\t0\t0\t0000FFFF\t0\t0\t0
docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0
br-1a2b3c\t000012AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0
"""


def network(name, subnets=(), created="2026-01-01T00:00:00.123456789Z", labels=None, net_id=None, **extra):
    entry = {
        "Name": name,
        "Id": net_id or name + "-id",
        "Created": created,
        "Labels": labels or {},
        "IPAM": {"Config": [{"Subnet": s} for s in subnets]},
    }
    entry.update(extra)
    return entry


@pytest.mark.parametrize("value, seconds", [(90, 90), ("90", 90), ("90s", 90), ("30m", 1800), ("6h", 21600),
                                            ("2d", 172800), ("1w", 604800), (" 0 ", 0)])
def test_durations(value, seconds):
    assert h.parse_duration(value) == seconds


@pytest.mark.parametrize("value", ["6 hours", "-1h", "h", "1.5h", ""])
def test_bad_durations_name_the_value_and_the_rule(value):
    with pytest.raises(h.HeadroomError, match=r"stale_after .* is not a duration: give seconds or a number with"):
        h.parse_duration(value)


def test_created_timestamps_with_nanoseconds_and_offsets():
    assert h.parse_created("1970-01-01T00:01:00Z") == 60
    assert h.parse_created("1970-01-01T00:01:00.5Z") == 60.5
    assert h.parse_created("1970-01-01T01:01:00.000000001+01:00") == pytest.approx(60)
    assert h.parse_created("1970-01-01T00:00:00-00:30") == 1800
    assert h.parse_created("yesterday") is None


def test_pools_come_from_the_parameter_first():
    pools, source = h.pools_in_effect([{"base": "10.10.0.0/16", "size": 24}],
                                      {"default-address-pools": [{"base": "10.20.0.0/16", "size": 24}]}, None)
    assert (pools, source) == ([{"base": "10.10.0.0/16", "size": 24}], "parameter")


def test_pools_come_from_daemon_json_then_the_engine_then_its_defaults():
    daemon = {"default-address-pools": [{"base": "10.20.0.0/16", "size": 24}]}
    info = [{"Base": "10.30.0.0/16", "Size": 24}]
    assert h.pools_in_effect(None, daemon, info) == ([{"base": "10.20.0.0/16", "size": 24}], "daemon.json")
    assert h.pools_in_effect(None, {"debug": True}, info) == ([{"base": "10.30.0.0/16", "size": 24}], "engine")
    pools, source = h.pools_in_effect(None, {}, None)
    assert source == "engine defaults"
    assert sum(1 << (p["size"] - int(p["base"].split("/")[1])) for p in pools) == 31


def test_bad_pools_in_daemon_json_are_reported():
    with pytest.raises(ValueError, match="host bits"):
        h.pools_in_effect(None, {"default-address-pools": [{"base": "10.20.0.1/16", "size": 24}]}, None)


def test_routes_block_on_link_only_and_skip_docker_bridges():
    assert h.routes_from_proc(PROC_ROUTE, "26.1.5") == ["192.168.0.0/24"]


def test_routes_before_20_10_15_include_gateway_routes():
    assert h.routes_from_proc(PROC_ROUTE, "20.10.14") == ["10.8.0.0/16", "192.168.0.0/24"]
    assert h.routes_from_proc(PROC_ROUTE, "20.10.24+dfsg1") == ["192.168.0.0/24"]


def test_nameservers_become_host_networks():
    text = "# generated\nsearch example.org\nnameserver 10.0.0.2\nnameserver fe80::1%eth0\nnameserver bogus\n"
    assert h.nameservers_from_resolv(text) == ["10.0.0.2/32", "fe80::1/128"]


@pytest.mark.parametrize("entry, who", [
    (network("bridge"), "docker"),
    (network("shop_default", labels={"com.docker.compose.project": "shop"}), "compose:shop"),
    (network("tc-net", labels={"org.testcontainers": "true"}), "testcontainers"),
    (network("pack.local-network-x1y2z3"), "pack"),
    (network("runner-abc123-project-42-concurrent-0-job-77-network"), "gitlab-runner"),
    (network("earthly-buildkitd"), "earthly"),
    (network("backend"), "user"),
])
def test_creators(entry, who):
    assert h.creator(entry) == who


def test_bad_patterns_name_the_pattern():
    with pytest.raises(h.HeadroomError, match=r"stale pattern '\(' is not a regular expression"):
        h.compile_patterns(["("])
    with pytest.raises(h.HeadroomError, match=r"stale pattern 'label:' names no label"):
        h.compile_patterns(["label:"])


def test_stale_needs_no_containers_age_and_a_match():
    now = h.parse_created("2026-01-02T00:00:00Z")
    compiled = h.compile_patterns(list(h.DEFAULT_STALE_PATTERNS) + ["label:team=ci"])
    networks = [
        network("pack.local-network-old"),
        network("pack.local-network-young", created="2026-01-01T23:00:00Z"),
        network("pack.local-network-busy"),
        network("backend"),
        network("ci-cache", labels={"team": "ci"}),
        network("ci-other", labels={"team": "web"}),
        network("bridge"),
        network("pack.local-network-ingress", Ingress=True),
    ]
    stale = h.stale_networks(networks, {"pack.local-network-busy-id": 1}, now, h.parse_duration("6h"), compiled)
    assert [n["Name"] for n in stale] == ["pack.local-network-old", "ci-cache"]


def test_report_counts_used_blocked_free_and_names_users():
    pools = [{"base": "172.16.0.0/20", "size": 24}, {"base": "10.10.0.0/16", "size": 16}]
    networks = [network("bridge", ["172.16.0.0/24"]), network("big", ["172.16.4.0/22"]),
                network("elsewhere", ["192.168.5.0/24"]), network("none")]
    result = h.report(pools, networks, ["172.16.15.0/24", "172.16.0.0/24"], {"bridge-id": 2})
    first, second = result["pools"]
    assert (first["total"], first["used"], first["blocked"], first["free"]) == (16, 5, 1, 10)
    assert first["used_by"] == ["big", "bridge"]
    assert first["percent_used"] == 37.5
    assert (second["total"], second["free"], second["used_by"]) == (1, 1, [])
    assert (result["total"], result["used"], result["blocked"], result["free"], result["free_ipv4"]) == (17, 5, 1, 11, 11)
    assert [(n["name"], n["containers"]) for n in result["networks"]] == [
        ("big", 0), ("bridge", 2), ("elsewhere", 0), ("none", 0)]


def test_a_bip_outside_every_pool_takes_nothing():
    pools = [{"base": "172.16.0.0/20", "size": 24}]
    result = h.report(pools, [network("bridge", ["10.99.0.0/24"])], [], {})
    assert result["free"] == 16


def test_a_bip_straddling_pool_subnets_blocks_each_it_touches():
    pools = [{"base": "172.16.0.0/20", "size": 24}]
    result = h.report(pools, [network("bridge", ["172.16.0.128/23"])], [], {})
    assert result["used"] == 2 and result["free"] == 14


def test_containers_per_network_counts_stopped_ones_too():
    containers = [
        {"State": "running", "NetworkSettings": {"Networks": {"a": {"NetworkID": "n1"}, "b": {"NetworkID": "n2"}}}},
        {"State": "exited", "NetworkSettings": {"Networks": {"a": {"NetworkID": "n1"}}}},
        {"State": "created", "NetworkSettings": None},
        {"State": "created", "NetworkSettings": {"Networks": {"c": {"NetworkID": ""}, "gone": {"NetworkID": ""}}}},
    ]
    networks = [network("a", net_id="n1"), network("c", net_id="n3")]
    assert h.containers_per_network(containers, networks) == {"n1": 2, "n2": 1, "n3": 1}


def test_gateway_routes_are_the_non_default_routes_through_a_gateway():
    from ansible_collections.dockyard.docker_host.plugins.module_utils.headroom import gateway_routes
    table = ("Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n"
             "eth0\t00000000\t010011AC\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
             "eth0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n"
             "eth0\t0000000A\t010011AC\t0003\t0\t0\t0\t000000FF\t0\t0\t0\n"
             "eth0\tzz\t010011AC\t0003\t0\t0\t0\t000000FF\t0\t0\t0\n")
    assert gateway_routes(table) == ["10.0.0.0/8"]
