from ansible_collections.dockyard.docker_host.plugins.module_utils.headroom_report import fleet_report


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
    }, min_free=4)
    assert [r["host"] for r in report["rows"]] == ["ci-2", "db-1", "ci-1", "web-1"]
    assert report["rows"][0]["error"] == "no result: host unreachable or not run"
    assert report["rows"][1]["error"].startswith("Docker socket")
    assert report["summary"] == {"hosts": 4, "counted": 2, "failed": ["ci-2", "db-1"], "below_min_free": ["ci-1"],
                                 "min_free": 4, "free": 14, "total": 32, "stale": 1}


def test_table_lines_show_each_host_once_under_a_header():
    pools = [{"base": "10.%d.0.0/16" % i, "size": 24, "free": 1, "total": 1} for i in range(4)]
    lines = fleet_report({"ci-1": result(2, pools=pools), "db-1": {"msg": "boom", "failed": True}})["lines"]
    assert lines[0].split()[:3] == ["host", "engine", "pools"]
    assert "ERROR: boom" in lines[1]
    assert "10.0.0.0/16 size 24, 10.1.0.0/16 size 24 +2 more" in lines[2]
    assert "26.1.5 " in lines[2] and "+dfsg1" not in lines[2]
