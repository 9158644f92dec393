"""`make run` as a newcomer starts it: the samples are stored first, then
the home page opens in the browser with them listed."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time

import httpx2 as httpx

from tests.pages.conftest import REPO, VIEWPORT, free_port


def test_make_run_opens_on_the_home_page_with_the_samples(browser, tmp_path):
    samples = sorted(p.name for p in (REPO / "samples").iterdir() if p.is_file())
    assert samples
    port = free_port()
    log = open(tmp_path / "run.log", "wb")  # noqa: SIM115 - closed below
    env = {k: v for k, v in os.environ.items() if k not in ("JIHUA_TOKEN", "MAKEFLAGS", "MAKELEVEL")}
    # its own process group: make, the ingest and the server it starts stop together
    proc = subprocess.Popen(
        ["make", "run", f"DB={tmp_path / 'run.db'}", f"PORT={port}"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300  # the samples are parsed before the server starts
        while True:
            try:
                if httpx.get(base + "/", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("make run did not serve: " + (tmp_path / "run.log").read_text(errors="replace"))
            time.sleep(0.5)
        assert f"open {base}/" in (tmp_path / "run.log").read_text(errors="replace")
        context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.goto(base + "/")
        assert page.locator("h1").inner_text() == "上传工作计划"
        recent = page.locator("section[aria-labelledby=recent-h] table tbody")
        assert sorted(recent.locator("td:first-child a").all_inner_texts()) == samples
        counts = page.locator(".lead").inner_text()
        assert re.search(rf"已收集 {len(samples)} 个文件、\d+ 个计划", counts), counts
        page.get_by_role("link", name="计划", exact=True).click()
        assert page.get_by_role("link", name="青川区总工会2025年工作计划").count() == 1
        context.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
        log.close()
