from ansible_collections.dockyard.docker_host.plugins.plugin_utils.headroom_report import fleet_report


def result(free, total=16, stale=(), version="26.1.5+dfsg1", pools=None):
    return {
        "total": total, "free": free, "free_ipv4": free, "percent_used": round(100.0 * (total - free) / total, 1),
        "engine_version": version, "pools_source": "daemon.json",
        "pools": pools or [{"base": "172.16.0.0/20", "size": 24, "free": free, "total": total}],
        "networks": [{"name": "bridge"}], "stale": [{"name": n} for n in stale], "pruned": [],
    }


def test_rows_put_unreachable_hosts_first_then_fewest_free():
    report = fleet_report({
        "web-1": result(12),
        "ci-1": result(2, stale=["pack.local-network-a"]),
        "ci-2": {},
        "db-1": {"failed": True, "msg": "Docker socket /var/run/docker.sock does not exist"},
    }, min_free_subnets=4)
    assert [r["host"] for r in report["rows"]] == ["ci-2", "db-1", "ci-1", "web-1"]
    assert report["rows"][0]["error"] == "no result: host unreachable or not run"
    assert report["rows"][1]["error"].startswith("Docker socket")
    assert report["summary"] == {"hosts": 4, "counted": 2, "failed": ["ci-2", "db-1"], "below_min_free": ["ci-1"],
                                 "min_free_subnets": 4, "free": 14, "total": 32, "stale": 1,
                                 "critical": ["ci-2", "db-1", "ci-1"], "warning": []}


def test_table_lines_show_each_host_once_under_a_header():
    pools = [{"base": "10.%d.0.0/16" % i, "size": 24, "free": 1, "total": 1} for i in range(4)]
    lines = fleet_report({"ci-1": result(2, pools=pools), "db-1": {"msg": "boom", "failed": True}})["lines"]
    assert lines[0].split()[:3] == ["host", "engine", "pools"]
    assert "ERROR: boom" in lines[1]
    assert "10.0.0.0/16 size 24, 10.1.0.0/16 size 24 +2 more" in lines[2]
    assert "26.1.5 " in lines[2] and "+dfsg1" not in lines[2]


def test_severity_orders_hosts_nearest_exhaustion_first():
    report = fleet_report({"calm": result(12), "tight": result(3), "short": result(1), "empty": result(0)}, min_free_subnets=2)
    assert [(r["host"], r["severity"]) for r in report["rows"]] == [
        ("empty", "critical"), ("short", "critical"), ("tight", "warning"), ("calm", "ok")]
    assert report["rows"][2]["percent_used_ipv4"] == 81.2


def test_ipv6_pools_do_not_hide_a_full_ipv4_pool():
    pools = [{"base": "10.0.0.0/24", "size": 28, "free": 1, "total": 16},
             {"base": "fd00::/48", "size": 64, "free": 65536, "total": 65536}]
    row = fleet_report({"h": dict(result(1, total=65552, pools=pools), percent_used=0.0)})["rows"][0]
    assert row["percent_used_ipv4"] == 93.8 and row["severity"] == "warning"


def test_creators_stale_ages_and_trend():
    counted = dict(result(4), networks=[{"creator": "compose:shop"}, {"creator": "compose:blog"}, {"creator": "pack"},
                                        {"creator": "docker"}],
                   stale=[{"name": "pack.local-network-a", "created": "2026-11-23T10:00:00.5Z"}])
    first = [{"host": "ci", "ok": True, "free_ipv4": 16}, {"host": "gone", "ok": True, "free_ipv4": 1}]
    earlier = [{"generated": 2, "rows": [{"host": "ci", "ok": True, "free_ipv4": 8}]},
               {"generated": 1, "rows": first},
               "not a report"]
    now = 1795428000.5 + 3 * 3600 + 120  # 2026-11-23T10:00:00.5Z + 3h 2m
    report = fleet_report({"ci": counted}, now=now, history=earlier)
    row = report["rows"][0]
    assert row["creators"] == [["compose", 2], ["docker", 1], ["pack", 1]]
    assert row["stale_detail"] == [{"name": "pack.local-network-a", "age_seconds": 10920, "age": "3h 2m"}]
    assert row["trend"] == [16, 8, 4]
    assert row["trend_points"] == "0.0,0.0 60.0,12.0 120.0,18.0"
    assert report["generated"] == now


def test_one_point_is_no_trend():
    assert fleet_report({"h": result(3)})["rows"][0]["trend_points"] == ""


def test_a_trend_entry_gives_a_later_report_the_same_trend_as_the_whole_report():
    first = fleet_report({"ci": result(9), "down": {}}, now=1.0)
    assert first["trend_entry"] == {"generated": 1.0, "rows": [{"host": "down", "ok": False, "free_ipv4": 0},
                                                               {"host": "ci", "ok": True, "free_ipv4": 9}]}
    later = fleet_report({"ci": result(5)}, now=2.0, history=[first["trend_entry"]])
    assert later["rows"] == fleet_report({"ci": result(5)}, now=2.0, history=[first])["rows"]
    assert later["rows"][0]["trend"] == [9, 5]


def test_each_users_engine_is_a_row_of_its_own():
    from ansible_collections.dockyard.docker_host.plugins.plugin_utils.headroom_report import with_user_engines
    users = {"h1": {"results": [dict(result(3), item="alice"), {"item": "bob", "skipped": True}]}, "h2": {}}
    rows = fleet_report(with_user_engines({"h1": result(10), "h2": result(12)}, users))["rows"]
    assert [(row["host"], row["free_ipv4"]) for row in rows] == [("h1/alice", 3), ("h1", 10), ("h2", 12)]
    for bad, message in (({"h1": {"results": "x"}}, "host h1: users result"),
                         ({"h1": {"results": [{"total": 1}]}}, "names no user")):
        try:
            with_user_engines({}, bad)
        except ValueError as error:
            assert message in str(error)
        else:
            raise AssertionError("accepted %r" % bad)
