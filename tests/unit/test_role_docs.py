"""Every role's argument spec, defaults and README table say the same thing."""
import pathlib
import re

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
ROLES = sorted(p.name for p in (ROOT / "roles").iterdir() if (p / "meta" / "argument_specs.yml").exists())
README = (ROOT / "README.md").read_text()


def spec(role):
    return yaml.safe_load((ROOT / "roles" / role / "meta" / "argument_specs.yml").read_text())["argument_specs"]["main"]["options"]


def defaults(role):
    path = ROOT / "roles" / role / "defaults" / "main.yml"
    return yaml.safe_load(path.read_text()) or {} if path.exists() else {}


def readme_rows():
    return dict(re.findall(r"^\| `(\w+)` \| `([^`]*)` \|", README, re.M))


@pytest.mark.parametrize("role", ROLES)
def test_every_role_has_an_argument_spec(role):
    assert spec(role), role


@pytest.mark.parametrize("role", ROLES)
def test_options_are_prefixed_with_the_role_name(role):
    assert [o for o in spec(role) if not o.startswith(role + "_")] == []


@pytest.mark.parametrize("role", ROLES)
def test_defaults_match_the_argument_spec(role):
    options, values = spec(role), defaults(role)
    assert sorted(values) == sorted(o for o, v in options.items() if not v.get("required"))
    for name, value in values.items():
        assert options[name].get("default") == value, name


@pytest.mark.parametrize("role", ROLES)
def test_readme_lists_every_option_with_its_default(role):
    rows = readme_rows()
    for name, option in spec(role).items():
        assert name in rows, "README has no row for " + name
        if "default" in option:
            shown = yaml.safe_load(rows[name]) if rows[name] else None
            assert shown == option["default"] or (shown == "null" and option["default"] is None), name
