# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fleet's headroom from per-host pool_headroom results: rows nearest exhaustion first, with severity,
who uses the subnets, stale networks with their age, and the trend over earlier reports."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dockyard.docker_host.plugins.module_utils.headroom import creator_counts, parse_created, percent

LINE = "%-30s %-8s %-44s %6s %6s %6s  %s"
SEVERITY_ORDER = {"critical": 0, "warning": 1, "ok": 2}
# Used share of the IPv4 pools from which a host is a warning.
WARNING_PERCENT = 80.0
TREND_WIDTH, TREND_HEIGHT = 120, 24


def _pools_text(pools, shown=2):
    text = ", ".join("%s size %s" % (p["base"], p["size"]) for p in pools[:shown]) or "-"
    return text + (" +%d more" % (len(pools) - shown) if len(pools) > shown else "")


_COUNTED_FIELDS = (("total", int, "a whole number"), ("free", int, "a whole number"),
                   ("free_ipv4", int, "a whole number"), ("percent_used", (int, float), "a number"),
                   ("pools", list, "a list"), ("networks", list, "a list"), ("stale", list, "a list"),
                   ("pruned", list, "a list"))


def _checked(host, result):
    """A pool_headroom result, its fields checked; ValueError names the host and the field."""
    if result is None:
        return {}
    if not isinstance(result, dict):
        raise ValueError("host %s: result %r is not a pool_headroom result (a mapping)" % (host, result))
    if "total" not in result:
        return result
    for field, kind, expected in _COUNTED_FIELDS:
        value = result.get(field, [] if kind is list else 0)
        if isinstance(value, bool) or not isinstance(value, kind):
            raise ValueError("host %s: pool_headroom result field %s is %r, expected %s" % (host, field, value, expected))
    for index, pool in enumerate(result.get("pools", [])):
        if not isinstance(pool, dict) or "base" not in pool or "size" not in pool:
            raise ValueError("host %s: pool %d of the result is %r, expected a mapping with base and size"
                             % (host, index, pool))
    for network in result.get("stale", []):
        if not isinstance(network, dict) or not isinstance(network.get("name"), str):
            raise ValueError("host %s: stale network %r has no name" % (host, network))
    return result


def _ipv4_totals(pools):
    """(subnets, free subnets) of the IPv4 pools."""
    ipv4 = [p for p in pools if ":" not in str(p.get("base", ""))]
    return sum(p.get("total", 0) for p in ipv4), sum(p.get("free", 0) for p in ipv4)


def _severity(counted, free_ipv4, percent_ipv4, min_free_subnets):
    if not counted or free_ipv4 == 0 or free_ipv4 < min_free_subnets:
        return "critical"
    if percent_ipv4 >= WARNING_PERCENT or (min_free_subnets and free_ipv4 < 2 * min_free_subnets):
        return "warning"
    return "ok"


def age_text(seconds):
    """90061 -> '1d 1h'; under a minute -> '45s'."""
    seconds = int(max(seconds, 0))
    for unit, size, smaller, smaller_size in (("d", 86400, "h", 3600), ("h", 3600, "m", 60), ("m", 60, "s", 1)):
        if seconds >= size:
            rest = (seconds % size) // smaller_size
            return "%d%s %d%s" % (seconds // size, unit, rest, smaller) if rest else "%d%s" % (seconds // size, unit)
    return "%ds" % seconds


def _stale_detail(stale, now):
    detail = []
    for network in stale:
        created = parse_created(network.get("created")) if now is not None else None
        age = now - created if created is not None else None
        detail.append({"name": network["name"], "age_seconds": None if age is None else int(age),
                       "age": "" if age is None else age_text(age)})
    return detail


def trend_points(values, ceiling):
    """SVG polyline points for free subnets over runs: left oldest, top = ceiling free, bottom = none."""
    if len(values) < 2 or not ceiling:
        return ""
    step = float(TREND_WIDTH) / (len(values) - 1)
    return " ".join("%.1f,%.1f" % (index * step, TREND_HEIGHT * (1 - min(max(value, 0), ceiling) / float(ceiling)))
                    for index, value in enumerate(values))


def _history_series(history):
    """{host: [free_ipv4 of each earlier report, oldest first]} from earlier reports (as fleet_report returns)."""
    series = {}
    reports = [r for r in (history or []) if isinstance(r, dict) and isinstance(r.get("rows"), list)]
    for report in sorted(reports, key=lambda r: r.get("generated") or 0):
        for row in report["rows"]:
            if isinstance(row, dict) and row.get("ok") and isinstance(row.get("free_ipv4"), int):
                series.setdefault(row.get("host"), []).append(row["free_ipv4"])
    return series


def fleet_rows(results, min_free_subnets=0, now=None, history=None):
    """One row per host, nearest exhaustion first: hosts without a result, then by severity and free IPv4 subnets."""
    earlier = _history_series(history)
    rows = []
    for host, result in sorted((results or {}).items(), key=lambda item: str(item[0])):
        result = _checked(host, result)
        counted = "total" in result
        pools = result.get("pools", [])
        free_ipv4 = result.get("free_ipv4", 0)
        ipv4_total, ipv4_free = _ipv4_totals(pools)
        percent_ipv4 = percent(ipv4_total - ipv4_free, ipv4_total) if counted else 100.0
        trend = earlier.get(host, []) + ([free_ipv4] if counted else [])
        rows.append({
            "host": host,
            "ok": counted,
            "error": "" if counted else (result.get("msg") or "no result: host unreachable or not run"),
            "engine_version": result.get("engine_version", ""),
            "pools_source": result.get("pools_source", ""),
            "pools": pools,
            "total": result.get("total", 0),
            "free": result.get("free", 0),
            "free_ipv4": free_ipv4,
            "total_ipv4": ipv4_total,
            "percent_used": result.get("percent_used", 100.0 if not counted else 0.0),
            "percent_used_ipv4": percent_ipv4,
            "severity": _severity(counted, free_ipv4, percent_ipv4, min_free_subnets),
            "networks": len(result.get("networks", [])),
            "creators": creator_counts(result.get("networks", [])),
            "stale": [n["name"] for n in result.get("stale", [])],
            "stale_detail": _stale_detail(result.get("stale", []), now),
            "pruned": result.get("pruned", []),
            "below_min_free": counted and free_ipv4 < min_free_subnets,
            "trend": trend,
            "trend_points": trend_points(trend, ipv4_total),
        })
    return sorted(rows, key=lambda r: (r["ok"], SEVERITY_ORDER[r["severity"]], r["free_ipv4"], r["host"]))


def table_lines(rows):
    lines = [LINE % ("host", "engine", "pools", "free", "total", "used%", "stale networks")]
    for row in rows:
        if not row["ok"]:
            lines.append(LINE % (row["host"], "-", "-", "-", "-", "-", "ERROR: " + row["error"]))
            continue
        lines.append(LINE % (
            row["host"], row["engine_version"].split("+")[0], _pools_text(row["pools"]), row["free"], row["total"],
            "%.1f" % row["percent_used"], len(row["stale"]),
        ))
    return lines


def summary(rows, min_free_subnets=0):
    counted = [r for r in rows if r["ok"]]
    return {
        "hosts": len(rows),
        "counted": len(counted),
        "failed": [r["host"] for r in rows if not r["ok"]],
        "below_min_free": [r["host"] for r in counted if r["below_min_free"]],
        "min_free_subnets": min_free_subnets,
        "free": sum(r["free"] for r in counted),
        "total": sum(r["total"] for r in counted),
        "stale": sum(len(r["stale"]) for r in counted),
        "critical": [r["host"] for r in rows if r["severity"] == "critical"],
        "warning": [r["host"] for r in rows if r["severity"] == "warning"],
    }


def with_user_engines(results, users):
    """``results`` with a row ``HOST/USER`` for each rootless engine counted: ``users`` maps a host to its registered
    loop of pool_headroom over users (``{results: [{item: USER, ...}]}``)."""
    rows = dict(results)
    for host, registered in sorted((users or {}).items(), key=lambda item: str(item[0])):
        loop = registered.get("results", []) if isinstance(registered, dict) else None
        if not isinstance(loop, list):
            raise ValueError("host %s: users result %r is not a registered loop of pool_headroom" % (host, registered))
        for result in loop:
            if not isinstance(result, dict) or not isinstance(result.get("item"), str):
                raise ValueError("host %s: users result %r names no user (item)" % (host, result))
            if not result.get("skipped"):
                rows["%s/%s" % (host, result["item"])] = result
    return rows


def fleet_report(results, min_free_subnets=0, now=None, history=None):
    """Rows, console lines and a summary; ``now`` (Unix time) dates the report and ages stale networks,
    ``history`` (earlier reports) gives each host's trend."""
    rows = fleet_rows(results, min_free_subnets, now, history)
    return {"rows": rows, "lines": table_lines(rows), "summary": summary(rows, min_free_subnets), "generated": now,
            "trend_entry": trend_entry(rows, now)}


def trend_entry(rows, now):
    """What a later report needs of this one for the trend: per host, whether it was counted and its free IPv4 subnets."""
    return {"generated": now, "rows": [{"host": row["host"], "ok": row["ok"], "free_ipv4": row["free_ipv4"]}
                                       for row in rows]}
