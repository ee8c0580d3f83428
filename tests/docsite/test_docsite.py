# -*- coding: utf-8 -*-
# Copyright (c) dockyard.docker_host contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The built docs site (make docs) in headless Chromium: every page renders, says nothing on the console,
loads every resource, and every link inside the site lands on a page and an anchor that exist."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import pathlib
from urllib.parse import unquote, urldefrag, urlparse

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
SITE = pathlib.Path(os.environ.get("DOCKYARD_DOCS_HTML", str(ROOT / ".cache" / "docs" / "html")))
CHROMIUM = os.environ.get("DOCKYARD_CHROMIUM", "/usr/bin/chromium")
COLLECTION = SITE / "collections" / "dockyard" / "docker_host"
PAGES = sorted(str(p.relative_to(SITE)) for p in SITE.rglob("*.html")) if SITE.is_dir() else []

# What Chromium is told, as the platform notes say: no network of its own, no first-run work.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

READ_PAGE = """() => ({
  title: document.title,
  heading: (document.querySelector('h1') || {}).textContent || '',
  text: (document.querySelector('[role=main]') || document.body).innerText,
  ids: Array.from(document.querySelectorAll('[id], a[name]')).map(e => e.id || e.getAttribute('name')),
  links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
  resources: Array.from(document.querySelectorAll('link[href], script[src], img[src]')).map(e => e.href || e.src),
})"""


@pytest.fixture(scope="session")
def site():
    """Every page, loaded once: what it shows, what it said on the console, what failed to load."""
    if not PAGES:
        pytest.fail("no docs site at %s: run make docs first" % SITE)
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    pages = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page()
        said = []
        tab.on("console", lambda message: said.append("console %s: %s" % (message.type, message.text)))
        tab.on("pageerror", lambda error: said.append("page error: %s" % error))
        tab.on("requestfailed", lambda request: said.append("failed to load %s (%s)" % (request.url, request.failure)))
        for name in PAGES:
            del said[:]
            # networkidle: what a page loads late (its icon) is attributed to that page, not the next.
            response = tab.goto((SITE / name).as_uri(), wait_until="networkidle")
            page = tab.evaluate(READ_PAGE)
            page["said"] = list(said)
            page["loaded"] = response is not None and response.ok
            pages[name] = page
        browser.close()
    return pages


def test_the_site_has_every_page_a_user_looks_for():
    names = set(PAGES)
    plugins = [("filter", p.stem) for p in (ROOT / "plugins" / "filter").glob("*.py")]
    plugins += [("module", p.stem) for p in (ROOT / "plugins" / "modules").glob("*.py")]
    plugins += [("role", p.name) for p in (ROOT / "roles").iterdir() if (p / "meta" / "argument_specs.yml").exists()]
    extra = yaml.safe_load((ROOT / "docs" / "docsite" / "extra-docs.yml").read_text())
    guides = [page for section in extra["sections"] for page in section["toctree"]]
    wanted = ["collections/dockyard/docker_host/%s_%s.html" % (name, kind) for kind, name in plugins]
    wanted += ["collections/dockyard/docker_host/docsite/%s.html" % page for page in guides]
    assert [page for page in wanted if page not in names] == []
    assert {"failure_pools_run_out", "playbook_site", "fleet_workflow", "running_at_scale"} <= set(guides)


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_quietly(site, name):
    page = site[name]
    assert page["loaded"], name
    assert page["said"] == [], name
    assert page["title"].strip(), name
    if name == "search.html":
        assert "search" in page["ids"] or "search-results" in page["ids"] or "searchbox" in page["ids"], page["ids"]
    else:
        assert page["heading"].strip() and len(page["text"].strip()) > 40, name


@pytest.mark.parametrize("name", PAGES)
def test_links_inside_the_site_land(site, name):
    broken = []
    for url in site[name]["links"] + site[name]["resources"]:
        parsed = urlparse(url)
        if parsed.scheme in ("http", "https") and not parsed.netloc:
            broken.append(url)
            continue
        if parsed.scheme in ("http", "https", "mailto"):
            continue
        if parsed.scheme != "file":
            broken.append(url)
            continue
        target, fragment = urldefrag(url)
        path = pathlib.Path(unquote(urlparse(target).path))
        if not path.exists():
            broken.append(url)
        elif fragment and path.suffix == ".html":
            ids = site[str(path.relative_to(SITE))]["ids"]
            if unquote(fragment) not in ids:
                broken.append(url)
    assert broken == [], name


@pytest.mark.parametrize("role", sorted(p.name for p in (ROOT / "roles").iterdir()
                                        if (p / "meta" / "argument_specs.yml").exists()))
def test_role_page_shows_every_variable_of_every_entry_point(site, role):
    specs = yaml.safe_load((ROOT / "roles" / role / "meta" / "argument_specs.yml").read_text())["argument_specs"]
    text = site["collections/dockyard/docker_host/%s_role.html" % role]["text"]
    for entry, spec in specs.items():
        assert "Entry point %s" % entry in text, (role, entry)
        assert [option for option in spec.get("options", {}) if option not in text] == [], (role, entry)
