# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each role README's variables table, generated from the role's meta/argument_specs.yml.

    python3 tests/tools/role_readme.py            rewrite the table between the markers of every roles/*/README.md
    python3 tests/tools/role_readme.py --check    exit 1, naming the README, when a table differs from its argument spec
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
BEGIN = "<!-- BEGIN VARIABLES: generated from meta/argument_specs.yml by tests/tools/role_readme.py -->"
END = "<!-- END VARIABLES -->"


def roles():
    return sorted(p.name for p in (ROOT / "roles").iterdir() if (p / "meta" / "argument_specs.yml").exists())


def entry_points(role):
    text = (ROOT / "roles" / role / "meta" / "argument_specs.yml").read_text()
    return yaml.safe_load(text)["argument_specs"]


# Ansible's documentation markup, as Markdown.
_MARKUP = [
    (re.compile(r"\b(?:C|V|O|RV|E|M)\(([^()]*)\)"), r"`\1`"),
    (re.compile(r"\bL\(([^(),]*),\s*([^()]*)\)"), r"[\1](\2)"),
    (re.compile(r"\bU\(([^()]*)\)"), r"\1"),
    (re.compile(r"\bI\(([^()]*)\)"), r"*\1*"),
    (re.compile(r"\bB\(([^()]*)\)"), r"**\1**"),
]


def markdown(text):
    """One table cell: Ansible markup as Markdown, one line, pipes escaped."""
    text = " ".join(str(text).split())
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return text.replace("|", "\\|")


def _default(option):
    if option.get("required"):
        return "(required)"
    if "default" not in option:
        return "`null`"
    shown = yaml.safe_dump(option["default"], default_flow_style=True, width=10 ** 6).strip()
    if shown.endswith("\n..."):
        shown = shown[:-4]
    shown = shown.replace("\n...", "").strip()
    return "`%s`" % shown.replace("|", "\\|")


def _type(option):
    kind = option.get("type", "str")
    if kind == "list" and option.get("elements"):
        kind = "list of %s" % option["elements"]
    if option.get("choices"):
        kind += ": " + ", ".join("`%s`" % choice for choice in option["choices"])
    return kind


def variables_table(role):
    """The Markdown table of every entry point's options, in the spec's order."""
    lines = []
    for name, entry in entry_points(role).items():
        if len(entry_points(role)) > 1:
            lines += ["", "Entry point `%s` (`tasks_from: %s`):" % (name, name) if name != "main" else
                      "Entry point `main`:", ""]
        lines += ["| Variable | Default | Type | Meaning |", "| --- | --- | --- | --- |"]
        for option, spec in (entry.get("options") or {}).items():
            description = spec.get("description", "")
            if isinstance(description, list):
                description = " ".join(description)
            lines.append("| `%s` | %s | %s | %s |" % (option, _default(spec), _type(spec), markdown(description)))
    return "\n".join(lines).strip("\n")


def rendered(role, text):
    """``text`` with the part between the markers replaced by the role's table."""
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n" + variables_table(role) + "\n" + text[end:]


def main(argv):
    check = "--check" in argv
    stale = []
    for role in roles():
        path = ROOT / "roles" / role / "README.md"
        text = path.read_text()
        if BEGIN not in text or END not in text:
            stale.append("%s has no variables markers" % path.relative_to(ROOT))
            continue
        new = rendered(role, text)
        if new != text:
            if check:
                stale.append("%s: the variables table differs from meta/argument_specs.yml; run python3 %s"
                             % (path.relative_to(ROOT), pathlib.Path(__file__).relative_to(ROOT)))
            else:
                path.write_text(new)
    for line in stale:
        print(line, file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
