"""GET /tasks.csv and /tasks.xlsx, opened the way a user opens them."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from api.tabular import COLUMNS, XLSX_COLUMNS


def test_csv_has_bom_chinese_headers_and_the_filtered_rows(client, seeded):
    r = client.get("/tasks.csv", params={"month": "3"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0] == COLUMNS and rows[0][:5] == ["单位", "年份", "计划", "章节", "任务"]
    assert len(rows) == 1 + 3
    by_text = {row[4]: row for row in rows[1:]}
    row = by_text["组织开展“三八”妇女节女工健康讲座"]
    assert row[0] == "甲公司工会" and row[5] == "3" and row[7] == "女工委员会（牵头）" and row[8] == "女职工"


def test_csv_without_filters_has_every_task(client, seeded):
    rows = list(csv.reader(io.StringIO(client.get("/tasks.csv").content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 7


def test_xlsx_opens_with_the_same_rows(client, seeded):
    r = client.get("/tasks.xlsx", params={"theme": "女职工"})
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content), read_only=True)
    ws = wb["任务"]
    rows = [list(row) for row in ws.iter_rows(values_only=True)]
    assert rows[0] == XLSX_COLUMNS
    assert sorted(row[0] for row in rows[1:]) == ["乙学校工会", "甲公司工会"]
    assert all("女工健康讲座" in row[4] for row in rows[1:])
    assert rows[1][1] == 2025  # numbers stay numbers


def test_xlsx_reads_well_in_a_spreadsheet(client, seeded):
    """Bold headers frozen above an autofilter, widths by kind of column,
    the months as people write them and one ✓ column per month."""
    wb = load_workbook(io.BytesIO(client.get("/tasks.xlsx").content))
    ws = wb["任务"]
    header = [c.value for c in ws[1]]
    assert all(c.font.b for c in ws[1]) and ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}{ws.max_row}"
    col = {name: ws.cell(1, i + 1).column_letter for i, name in enumerate(header)}
    assert ws.column_dimensions[col["任务"]].width > 3 * ws.column_dimensions[col["3月"]].width
    party = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[4] == "举办职工春节联欢会")
    row = dict(zip(header, party))
    assert row["月份"] == "1、2月" and row["1月"] == row["2月"] == "✓" and row["3月"] in ("", None)


def test_exports_refuse_bad_filters_in_the_error_shape(client, seeded):
    r = client.get("/tasks.csv", params={"month": "0"})
    assert r.status_code == 422 and set(r.json()) == {"error"}
