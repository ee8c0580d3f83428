# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A fleet's headroom from per-host pool_headroom results: rows sorted by free subnets."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

LINE = "%-30s %-8s %-44s %6s %6s %6s  %s"


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


def fleet_rows(results, min_free=0):
    """One row per host, fewest free IPv4 subnets first; hosts without a result first of all."""
    rows = []
    for host, result in sorted((results or {}).items(), key=lambda item: str(item[0])):
        result = _checked(host, result)
        counted = "total" in result
        rows.append({
            "host": host,
            "ok": counted,
            "error": "" if counted else (result.get("msg") or "no result: host unreachable or not run"),
            "engine_version": result.get("engine_version", ""),
            "pools_source": result.get("pools_source", ""),
            "pools": result.get("pools", []),
            "total": result.get("total", 0),
            "free": result.get("free", 0),
            "free_ipv4": result.get("free_ipv4", 0),
            "percent_used": result.get("percent_used", 100.0 if not counted else 0.0),
            "networks": len(result.get("networks", [])),
            "stale": [n["name"] for n in result.get("stale", [])],
            "pruned": result.get("pruned", []),
            "below_min_free": counted and result.get("free_ipv4", 0) < min_free,
        })
    return sorted(rows, key=lambda r: (r["ok"], r["free_ipv4"], r["host"]))


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


def summary(rows, min_free=0):
    counted = [r for r in rows if r["ok"]]
    return {
        "hosts": len(rows),
        "counted": len(counted),
        "failed": [r["host"] for r in rows if not r["ok"]],
        "below_min_free": [r["host"] for r in counted if r["below_min_free"]],
        "min_free": min_free,
        "free": sum(r["free"] for r in counted),
        "total": sum(r["total"] for r in counted),
        "stale": sum(len(r["stale"]) for r in counted),
    }


def fleet_report(results, min_free=0):
    rows = fleet_rows(results, min_free)
    return {"rows": rows, "lines": table_lines(rows), "summary": summary(rows, min_free)}
