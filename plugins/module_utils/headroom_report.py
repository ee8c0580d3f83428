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


def fleet_rows(results, min_free=0):
    """One row per host, fewest free IPv4 subnets first; hosts without a result first of all."""
    rows = []
    for host, result in sorted((results or {}).items()):
        result = result or {}
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
