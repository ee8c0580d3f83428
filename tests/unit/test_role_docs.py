"""Every role's argument spec, defaults and README say the same thing; the top README stays a front page."""
import pathlib
import re
import sys

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "tools"))
import role_readme  # noqa: E402  (a tool of the tests, not a package)

ROLES = role_readme.roles()
FRONT_PAGE_LIMIT = 15 * 1024


def spec(role):
    return role_readme.entry_points(role)["main"]["options"]


def defaults(role):
    path = ROOT / "roles" / role / "defaults" / "main.yml"
    return yaml.safe_load(path.read_text()) or {} if path.exists() else {}


def test_every_directory_under_roles_is_a_documented_role():
    assert sorted(p.name for p in (ROOT / "roles").iterdir() if p.is_dir()) == ROLES


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
def test_role_readme_says_what_it_does_shows_a_play_and_its_generated_variables(role):
    text = (ROOT / "roles" / role / "README.md").read_text()
    assert text.startswith("# Role `dockyard.docker_host.%s`\n" % role)
    play = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert play and "dockyard.docker_host.%s" % role in play.group(1), "no example play using the role"
    assert yaml.safe_load(play.group(1))
    assert role_readme.rendered(role, text) == text, "run tests/tools/role_readme.py: the table drifted"
    for option in spec(role):
        assert "| `%s` |" % option in text, option


def test_the_table_generator_notices_drift(tmp_path):
    text = (ROOT / "roles" / "apt_cache" / "README.md").read_text()
    drifted = text.replace("| `apt_cache_port` | `3142` |", "| `apt_cache_port` | `3143` |")
    assert drifted != text and role_readme.rendered("apt_cache", drifted) == text


def test_markup_becomes_markdown():
    assert role_readme.markdown("V(docker_ce) or O(x), see M(a.b.c) and L(the docs, https://x.y/z) |") == (
        "`docker_ce` or `x`, see `a.b.c` and [the docs](https://x.y/z) \\|")


def test_front_page_is_short_and_its_links_land():
    text = (ROOT / "README.md").read_text()
    assert len(text.encode("utf-8")) <= FRONT_PAGE_LIMIT
    targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text)
    assert targets
    assert [t for t in targets if not t.startswith("http") and not (ROOT / t).exists()] == []
    for role in ROLES:
        assert "roles/%s/README.md" % role in text, role
