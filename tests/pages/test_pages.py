"""The pages as the people who collect plans use them, in Debian's chromium:
upload the fixtures and a zip, find plans and tasks, correct a unit, merge
two spellings, read the calendar, compare, search, export, download the
original; every page by keyboard, with labels, offline, at 1280×800.

The tests share one server and build on each other in file order (as a
user's session does): the uploads come first."""

from __future__ import annotations

import base64
import io
import json
import logging
import re
import unicodedata
import zipfile

import pdfplumber
import pytest
from openpyxl import load_workbook

from tests.api.conftest import FIXTURES
from tests.pages.conftest import SCREENSHOTS

ZIP_PLAN = (
    "青川总工会2025年女职工工作要点\n"
    "一、维权服务\n"
    "1.三月举办“三八”女职工法律知识竞赛。\n"
    "2.春节前走访慰问困难女职工家庭。\n"
).encode()

UNLABELLED = """() => Array.from(document.querySelectorAll('input, select, textarea, button')).filter(el => {
  if (el.type === 'hidden' || el.closest('template')) return false;
  const named = (el.labels && el.labels.length) || el.getAttribute('aria-label')
    || el.getAttribute('aria-labelledby') || (el.tagName === 'BUTTON' && el.textContent.trim());
  return !named;
}).map(el => el.outerHTML.slice(0, 160))"""

# An empty field's hint (placeholder) wider than the field shows cut off.
CUT_HINTS = """() => { const ctx = document.createElement('canvas').getContext('2d');
  return Array.from(document.querySelectorAll('input[placeholder]')).filter(el => {
    if (el.value || !el.offsetParent) return false;
    const st = getComputedStyle(el);
    ctx.font = st.font;
    // chromium keeps room at the right for the suggestions' arrow of a field with a list
    const room = el.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight) - (el.list ? 24 : 0);
    return ctx.measureText(el.placeholder).width > room + 1;
  }).map(el => el.id + ': ' + el.placeholder) }"""


def shot(page, name: str) -> None:
    """A 1280×800 screenshot, after checking the page reads without a
    horizontal scroll bar, every control has a name people hear and no
    field's hint is cut off."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name}: {overflow}px wider than the window"
    assert page.evaluate(UNLABELLED) == [], f"{name}: controls without a label"
    assert page.evaluate(CUT_HINTS) == [], f"{name}: hints cut off"
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '计划')"), "no CJK font (fonts-noto-cjk)"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def go(page, path: str):
    response = page.goto(page.base + path)
    assert response is not None
    return response


def wait_files(page, n: int) -> None:
    page.wait_for_function(f"document.querySelectorAll('.file.done, .file.failed, .file.partial').length >= {n}", timeout=120_000)


def drop_files(page, files: list[tuple[str, bytes]]) -> None:
    """Drag files onto the drop zone, as from a desktop."""
    payload = [{"name": n, "b64": base64.b64encode(data).decode()} for n, data in files]
    page.evaluate(
        """(files) => {
          const dt = new DataTransfer();
          for (const f of files) {
            const bytes = Uint8Array.from(atob(f.b64), c => c.charCodeAt(0));
            dt.items.add(new File([bytes], f.name));
          }
          const zone = document.getElementById('drop');
          zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
          zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
        }""",
        payload,
    )


def fixture_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("各单位/青川总工会要点.txt", ZIP_PLAN)
        z.writestr("各单位/说明.json", json.dumps({"note": "不是计划"}))
        z.writestr("各单位/坏掉的.pdf", b"%PDF-1.7 this is not really a pdf")
    return buf.getvalue()


def task_card(page, text: str):
    """The task whose own text is `text` (not one quoting it in its source lines)."""
    return page.locator("article.task", has=page.locator(".task-text", has_text=re.compile("^" + re.escape(text) + "$")))


def file_row(page, name: str):
    return page.locator(".file", has=page.locator(".file-name", has_text=name))


@pytest.fixture(scope="module")
def uploaded(browser, server):
    """The fixtures chosen with the file picker, then a zip dropped on the
    page: every file's result in words."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.base = server
    go(page, "/")
    page.set_input_files("#files", [str(FIXTURES / n) for n in ("d1.docx", "d2.pdf", "d3.txt")])
    wait_files(page, 3)
    for name in ("d1.docx", "d2.pdf", "d3.txt"):
        status = file_row(page, name).locator(".file-status").inner_text()
        assert "已保存" in status and "找到 1 个计划" in status, (name, status)
    assert "青川区总工会2025年工作计划" in file_row(page, "d1.docx").inner_text()
    drop_files(page, [("各单位计划.zip", fixture_zip())])
    wait_files(page, 4)
    row = file_row(page, "各单位计划.zip")
    text = row.inner_text()
    assert "3 个文件：1 个已保存" in text and "1 个不是计划，已忽略" in text and "1 个出错" in text, text
    assert "坏掉的.pdf" in text and "怎么办" in text  # the bad entry, with what to do
    assert page.locator("#batch-progress").get_attribute("value") == "100"
    assert "已完成 4 / 4 个文件" in page.locator("#batch-text").inner_text()
    row.scroll_into_view_if_needed()
    shot(page, "01-upload")
    context.close()
    return server


def test_an_upload_error_is_explained_not_a_stack_trace(page, uploaded):
    go(page, "/")
    page.set_input_files("#files", files=[{"name": "损坏的计划.docx", "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04 broken"}])
    wait_files(page, 1)
    row = file_row(page, "损坏的计划.docx")
    assert "failed" in row.get_attribute("class")
    text = row.inner_text()
    assert "没有保存：损坏的计划.docx" in text and "怎么办：" in text
    assert "Traceback" not in page.content() and "Error" not in text


def test_the_plans_are_listed_filtered_and_sorted(page, uploaded):
    go(page, "/ui/plans")
    table = page.locator("table.plans")
    for unit in ("青川区总工会", "江岳重工机械股份有限公司女职工委员会", "临江市第二实验中学工会", "青川总工会"):
        assert table.get_by_text(unit, exact=True).count() >= 1, unit
    assert "共 4 个计划" in page.locator(".count").inner_text()
    page.get_by_role("link", name=re.compile("^年份")).click()
    assert page.locator("th[aria-sort]").inner_text().startswith("年份")
    years = page.locator("table.plans tbody tr td:nth-child(2)").all_inner_texts()
    assert years == sorted(years)
    page.get_by_role("link", name=re.compile("^年份")).click()  # again: descending
    assert page.locator("th[aria-sort=descending]").count() == 1
    page.select_option("#f-theme", "民主管理")
    page.get_by_role("button", name="筛选").click()
    assert page.locator("table.plans tbody tr").count() < 4
    go(page, "/ui/plans")
    shot(page, "02-plans")


def test_a_plan_shows_a_task_with_its_month_lead_body_and_source(page, uploaded):
    go(page, "/ui/plans")
    page.get_by_role("link", name="青川区总工会2025年工作计划").click()
    shot(page, "03-plan")
    task = task_card(page, "举办庆“三八”女职工健康知识讲座")
    assert task.locator(".months").inner_text().startswith("3月")
    lead = task.locator(".body.role-lead")
    assert "女职工委员会" in lead.inner_text() and "牵头" in lead.inner_text()
    task.get_by_text(re.compile("^原文（第")).click()
    assert "三八" in task.locator(".lines li.hit").first.inner_text()
    assert page.locator(".outline").get_by_text("全年重点工作安排").count() == 1
    shot(page, "03-plan-task")


def test_the_original_file_downloads_as_uploaded(page, uploaded):
    go(page, "/ui/plans")
    page.get_by_role("link", name="江岳重工机械股份有限公司女职工委员会2026年工作计划").click()
    with page.expect_download() as dl:
        page.locator("#download-original").click()
    assert dl.value.suggested_filename == "d2.pdf"
    assert open(dl.value.path(), "rb").read() == (FIXTURES / "d2.pdf").read_bytes()


def test_a_corrected_unit_is_used_by_the_plan_list_and_the_calendar(page, uploaded):
    go(page, "/ui/plans")
    page.get_by_role("link", name="临江市第二实验中学工会2025年工作计划").click()
    page.wait_for_load_state()  # the page's script is what saves a correction
    page.get_by_text("更正单位或年份").click()
    page.fill("#p-unit", "临江二中工会")
    page.get_by_role("button", name="保存更正").first.click()
    page.wait_for_function("document.getElementById('plan-unit').textContent.includes('临江二中工会')")
    assert "已更正，解析为 临江市第二实验中学工会" in page.locator("#plan-unit").inner_text()
    go(page, "/ui/plans")
    units = page.locator("table.plans tbody tr td:first-child").all_inner_texts()
    assert any(u.startswith("临江二中工会") for u in units) and not any(u.startswith("临江市第二实验中学工会") for u in units)
    go(page, "/ui/calendar?year=2025")
    assert page.locator("table.calendar tbody th", has_text="临江二中工会").count() == 1
    assert page.locator("table.calendar tbody th", has_text="临江市第二实验中学工会").count() == 0


def test_a_task_is_corrected_with_the_keyboard_alone(page, uploaded):
    go(page, "/ui/plans")
    page.get_by_role("link", name="青川区总工会2025年工作计划").click()
    page.wait_for_load_state()  # as a user waits for the page: its script is what saves
    task = task_card(page, "开展高温季节“送清凉”慰问活动")
    assert task.get_by_role("button", name="保存更正", include_hidden=True).is_enabled()
    task.locator("details.edit summary").focus()
    page.keyboard.press("Enter")  # opens the form
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "months"
    page.keyboard.press("Control+A")
    page.keyboard.type("六月至八月")
    page.keyboard.press("Enter")  # submits
    page.wait_for_function(
        "() => [...document.querySelectorAll('article.task')].some(a =>"
        " a.querySelector('.task-text').textContent.includes('送清凉') && a.querySelector('.months').textContent.includes('6-8月'))"
    )
    task = task_card(page, "开展高温季节“送清凉”慰问活动")
    assert "已更正，解析为 " in task.locator(".months").inner_text()
    task.get_by_text("更正这项任务").click()
    shot(page, "04-plan-correct")


def test_without_its_script_a_correction_cannot_be_sent_to_nowhere(browser, uploaded):
    """Before the page's script runs (slow network, script blocked) the
    buttons that save through the API are disabled: a click or an Enter
    would otherwise reload the page with the form in its address and save
    nothing while looking as if it had."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(uploaded + "/ui/plans")
    page.get_by_role("link", name="青川区总工会2025年工作计划").click()
    page.wait_for_load_state()
    saves = page.get_by_role("button", name="保存更正", include_hidden=True)
    assert saves.count() > 1 and all(b.is_disabled() for b in saves.all())
    page.goto(uploaded + "/ui/units")
    assert page.get_by_role("button", name="合并勾选的单位").is_disabled()
    context.close()


def test_merged_spellings_are_one_row_in_compare(page, uploaded):
    def tasks_of(unit: str) -> int:
        return page.request.get(uploaded + "/tasks", params={"unit": unit, "limit": 1}).json()["total"]

    both = tasks_of("青川区总工会") + tasks_of("青川总工会")  # what the merged row must count
    go(page, "/ui/compare?units=青川区总工会&units=青川总工会")
    assert page.locator("svg.chart").first.locator("text", has_text="青川总工会").count() == 1  # two rows before
    go(page, "/ui/units")
    page.get_by_label("青川区总工会", exact=True).check()
    page.get_by_label("青川总工会", exact=True).check()
    page.fill("#merge-into", "青川区总工会")
    page.get_by_role("button", name="合并勾选的单位").click()
    page.wait_for_selector(".alias:has-text('青川总工会')")
    shot(page, "05-units")
    go(page, "/ui/compare?units=青川区总工会&units=青川总工会")
    heat = page.locator("svg.chart").first
    assert heat.locator("text", has_text="青川区总工会").count() == 1
    assert heat.locator("text", has_text="青川总工会").count() == 0
    assert f"青川区总工会：{both} 项任务" in page.locator(".count").inner_text()
    assert page.get_by_label("青川总工会", exact=True).count() == 0  # no longer offered as a unit


def test_the_calendar_shows_a_task_in_its_month(page, uploaded):
    go(page, "/ui/calendar")
    assert page.locator("#c-year").input_value() == "2025"  # the year most tasks are planned for
    row = page.locator("table.calendar tbody tr", has=page.locator("th", has_text="青川区总工会"))
    march = row.locator("td[data-month='3']")
    assert march.get_by_text("举办庆“三八”女职工健康知识讲座").count() == 1
    assert row.locator("td[data-month='5']").get_by_text("举办庆“三八”女职工健康知识讲座").count() == 0
    shot(page, "06-calendar")
    page.select_option("#c-role", "lead")
    page.fill("#c-body", "女职工委员会")
    page.get_by_role("button", name="筛选").click()
    cells = page.locator("table.calendar td a.cell-task").all_inner_texts()
    assert cells and all("送清凉" not in c for c in cells)
    page.locator("td[data-month='3'] a.cell-task", has_text="三八").first.click()
    page.wait_for_selector("article.task:target")
    assert page.url.split("#")[1].startswith("task-")
    page.emulate_media(media="print")
    go(page, "/ui/calendar?year=2025")
    assert page.locator("form.filters").is_hidden() and page.locator("header.top").is_hidden()
    # printed as the office prints it: A4 landscape, the tasks in their cells
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "06-calendar-print.pdf").write_bytes(pdf)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # chromium's CJK fonts lack a FontBBox: noise
    with pdfplumber.open(io.BytesIO(pdf)) as printed:
        first = printed.pages[0]
        assert (round(first.width), round(first.height)) == (842, 595)  # A4 landscape, in points
        text = unicodedata.normalize("NFKC", first.extract_text())  # CJK radicals (⽉) back to 月
        assert "各单位月度工作安排" in text and "筛选" not in text


def test_two_units_side_by_side(page, uploaded):
    go(page, "/ui/compare")
    page.get_by_label("青川区总工会", exact=True).check()
    page.get_by_label("江岳重工机械股份有限公司女职工委员会", exact=True).check()
    page.get_by_role("button", name="比较").click()
    heat = page.locator("svg.chart").first
    assert heat.locator("text", has_text="青川区总工会").count() == 1
    assert heat.locator("text", has_text="江岳重工机械股份有限公司").count() == 1
    assert heat.locator("text", has_text="女职工").count() >= 1
    assert page.locator(".side-by-side .column").count() == 2
    shot(page, "07-compare")
    with page.expect_download() as dl:
        page.locator(".exports a", has_text="Excel").click()
    assert dl.value.suggested_filename == "compare.xlsx"
    wb = load_workbook(io.BytesIO(open(dl.value.path(), "rb").read()))
    assert wb.sheetnames == ["主题×单位", "月份×单位", "任务"]
    header = [c.value for c in wb["主题×单位"][1]]
    assert header[0] == "主题" and set(header[1:]) == {"青川区总工会", "江岳重工机械股份有限公司女职工委员会"}


@pytest.mark.parametrize("word", ["春节", "女职工"])
def test_search_highlights_and_leads_to_the_task(page, uploaded, word):
    go(page, "/ui/search")
    page.fill("#s-q", word)
    page.keyboard.press("Enter")
    first = page.locator("ol.results li.result").first
    assert first.locator("mark").first.inner_text() == word
    text = first.locator(".result-text").inner_text()
    first.locator(".result-text").click()
    page.wait_for_selector("article.task:target")
    target = page.locator("article.task:target")
    assert target.count() == 1 and target.locator(".task-text").inner_text() == text
    if word == "春节":
        go(page, "/ui/search?q=" + word)
        shot(page, "08-search")


def test_exports_open_in_a_spreadsheet(page, uploaded):
    go(page, "/ui/calendar?year=2025")
    with page.expect_download() as dl:
        page.locator(".exports a", has_text="Excel").click()
    assert dl.value.suggested_filename == "tasks.xlsx"
    ws = load_workbook(io.BytesIO(open(dl.value.path(), "rb").read()))["任务"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["单位", "年份", "计划", "章节", "任务", "月份"] and header[6:18] == [f"{m}月" for m in range(1, 13)]
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    rows = [dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)]
    lecture = next(r for r in rows if r["任务"] == "举办庆“三八”女职工健康知识讲座")
    assert lecture["月份"] == "3月" and lecture["3月"] == "✓" and not lecture["4月"]
    go(page, "/ui/plans")
    with page.expect_download() as dl:
        page.locator(".exports a", has_text="CSV").click()
    data = open(dl.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf") and "青川区总工会2025年工作计划" in data.decode("utf-8-sig")


def test_a_missing_plan_answers_a_friendly_404(page, uploaded):
    response = go(page, "/ui/plans/99999")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "找不到这个页面" and "找不到计划 99999" in page.content()
    page.get_by_role("link", name="查看全部计划").click()
    assert page.url.endswith("/ui/plans")
    assert go(page, "/ui/plans/abc").status == 422 and "请求有误" in page.locator("h1").inner_text()
    go(page, "/ui/plans/99999")
    shot(page, "09-not-found")


def test_the_api_docs_work_offline(page, uploaded):
    go(page, "/docs")
    page.wait_for_selector(".swagger-ui .opblock-summary-path")  # every request stayed on this machine (fixture)
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("jihua")
    assert page.locator(".opblock-summary-path", has_text="/units/{name}").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "10-docs.png"))


def test_every_page_works_from_the_keyboard(page, uploaded):
    """The first Tab reaches the skip link, and the file picker is reached
    and opened by keys alone."""
    # Listening from the start: Playwright asks chromium to hand it file
    # pickers without waiting for the answer, so a listener set up just
    # before the key press lost the race once on a busy machine (the picker
    # then opened natively, unseen).
    choosers = []
    page.on("filechooser", lambda chooser: choosers.append(chooser))
    go(page, "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "files":
            break
    assert page.evaluate("document.activeElement.id") == "files"
    page.keyboard.press("Space")
    for _ in range(200):  # at most 20 s
        if choosers:
            break
        page.wait_for_timeout(100)
    assert len(choosers) == 1, "Space on the focused file button opened no file picker"
    choosers[0].set_files(str(FIXTURES / "d3.txt"))
    wait_files(page, 1)
    assert "以前上传过这个文件" in file_row(page, "d3.txt").inner_text()
    for path in ("/ui/plans", "/ui/calendar", "/ui/compare", "/ui/search", "/ui/units", "/ui/documents/1"):
        go(page, path)
        assert page.evaluate(UNLABELLED) == [], path
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # the skip link moves the focus into the page
        assert page.evaluate("location.hash") == "#main", path
    go(page, "/ui/documents/1")
    shot(page, "11-document")
