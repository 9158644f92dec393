"""The pages over HTTP, without a browser: what each answers, that errors
are pages for people and JSON for programs, and that nothing is loaded
from another host (tests/pages drives them in a real browser)."""

from __future__ import annotations

import re

import pytest

PAGES = ["/", "/ui/plans", "/ui/calendar", "/ui/compare", "/ui/search?q=女工", "/ui/units", "/docs"]
HTML = {"Accept": "text/html,application/xhtml+xml"}


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_chinese_html_with_no_file_from_elsewhere(client, seeded, path):
    r = client.get(path, headers=HTML)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert re.search(r"[\u4e00-\u9fff]", r.text)
    # src= and href= point at this server only: an office network without
    # internet shows the page whole
    for url in re.findall(r'(?:src|href)=["\']([^"\']+)', r.text):
        assert not re.match(r"(https?:)?//", url), url
    if path != "/docs":
        assert '<html lang="zh-CN">' in r.text


def test_the_docs_assets_are_served_by_the_app(client):
    page = client.get("/docs").text
    for asset in re.findall(r"/static/swagger/[\w.-]+", page):
        r = client.get(asset)
        assert r.status_code == 200 and len(r.content) > 1000, asset
    assert client.get("/redoc").status_code == 404  # ReDoc would need a CDN


def test_errors_are_pages_for_people_and_json_for_programs(client, seeded):
    page = client.get("/ui/plans/424242", headers=HTML)
    assert page.status_code == 404 and "找不到这个页面" in page.text and "找不到计划 424242" in page.text
    assert client.get("/ui/plans/424242").headers["content-type"].startswith("text/html")  # a page's path: always a page
    api = client.get("/plans/424242", headers=HTML)
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"  # the API stays JSON
    assert client.get("/no-such-page", headers=HTML).headers["content-type"].startswith("text/html")
    assert client.get("/no-such-page").json()["error"]["status"] == 404
    bad = client.get("/ui/plans?year=二〇二五", headers=HTML)
    assert bad.status_code == 422 and "请求有误" in bad.text and "Traceback" not in bad.text


def test_a_calendar_cell_lists_the_units_tasks_of_the_month(client, seeded):
    r = client.get("/ui/calendar", params={"year": 2025, "theme": "女职工"})
    cells = re.findall(r'<td data-month="(\d+)"[^>]*>(.*?)</td>', r.text, re.S)
    march = [html for month, html in cells if month == "3"]
    assert any("女工健康讲座" in html for html in march)
    assert not any("女工健康讲座" in html for month, html in cells if month != "3")


def test_search_marks_every_match(client, seeded):
    r = client.get("/ui/search", params={"q": "女工 讲座"})
    assert "<mark>女工</mark>" in r.text and "<mark>讲座</mark>" in r.text
    html = client.get("/ui/search", params={"q": "<b>x"}).text  # what a user types is text, never markup
    assert "<b>" not in html and "&lt;b&gt;x" in html


@pytest.mark.parametrize("path", [*PAGES, "/ui/calendar?year=", "/ui/compare?units=甲&units=乙"])
def test_every_page_reads_well_with_nothing_stored(client, path):
    r = client.get(path, headers=HTML)
    assert r.status_code == 200, r.text
    if path == "/":
        assert "还没有文件" in r.text
