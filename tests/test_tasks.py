"""Tasks and objectives from the outline: inline enumerations, month
entries, time fields, heading times inherited and narrowed, half-year
splits, schedule tables with merged cells."""

from __future__ import annotations

import pytest

from extractor.clean import Line, clean
from extractor.outline import build_tree
from extractor.readers import read_bytes
from extractor.schedule import table_tasks
from extractor.tasks import extract
from models import Cell


def extract_text(text: str, year: int | None = 2024):
    root = build_tree(clean(read_bytes(text.encode("utf-8"), "probe.txt").blocks))
    return extract(root, year)


def tasks_of(text: str, year: int | None = 2024):
    return extract_text(text, year)[1]


def by_snippet(tasks, snippet: str):
    found = [t for t in tasks if snippet in t.text]
    assert len(found) == 1, f"{snippet!r} in {[t.text for t in tasks]}"
    return found[0]


def test_inline_enumeration_gives_one_task_per_clause_with_its_own_time():
    tasks = tasks_of("一、加强学习\n组织学习。一是3月组织专题学习；二是五四期间开展青年宣讲；三是建立学习制度。\n二、关爱职工\n走访慰问。")
    assert by_snippet(tasks, "组织专题学习").months == [3]
    assert by_snippet(tasks, "青年宣讲").months == [5]
    assert by_snippet(tasks, "建立学习制度").months == []
    assert by_snippet(tasks, "一是3月").section_path == ["一、"]


def test_month_entry_is_split_at_semicolons_and_each_item_keeps_the_month():
    tasks = tasks_of("一、活动安排\n三月：组织植树活动；开展三八节庆祝活动。\n四月：召开职工代表大会。")
    assert by_snippet(tasks, "植树").months == [3]
    assert by_snippet(tasks, "三八节庆祝").months == [3]
    assert by_snippet(tasks, "职工代表大会").months == [4]
    assert by_snippet(tasks, "植树").section_path == ["一、", "三月"]


def test_time_field_gives_the_task_its_months():
    tasks = tasks_of("一、活动\n1.举办职工运动会（时间：5月）\n2.开展读书活动。时间：4月\n3.组织职工体检")
    assert by_snippet(tasks, "运动会").months == [5]
    assert by_snippet(tasks, "读书活动").months == [4]
    assert by_snippet(tasks, "体检").months == []


def test_heading_time_is_inherited_and_narrowed_by_the_task():
    tasks = tasks_of("一、第二季度工作\n1.组织植树活动。\n2.5月中旬举办运动会。\n二、其他\n1.开展读书活动。")
    assert by_snippet(tasks, "植树").months == [4, 5, 6]
    assert by_snippet(tasks, "运动会").months == [5]
    assert by_snippet(tasks, "读书").months == []


def test_month_heading_over_items_gives_each_item_the_month():
    tasks = tasks_of("九月份：\n1.开学典礼。\n2.教师节庆祝活动。\n十月份：\n1.国庆文艺汇演。")
    assert [(t.text.rstrip("。"), t.months) for t in tasks] == [("开学典礼", [9]), ("教师节庆祝活动", [9]), ("国庆文艺汇演", [10])]


def test_unlabeled_lines_under_a_month_heading_are_tasks_of_that_month():
    tasks = tasks_of("三、具体安排\n9月份：\n第1周：开学准备，发放教材。\n第2周：召开教研组长会议。\n10月份：\n第6周：教案检查。")
    assert by_snippet(tasks, "发放教材").months == [9]
    assert by_snippet(tasks, "教研组长会议").months == [9]
    assert by_snippet(tasks, "教案检查").months == [10]


def test_first_and_second_half_of_the_year_split_a_sentence():
    tasks = tasks_of("一、工作\n1.上半年在班组中试点，下半年推广至全公司。")
    assert by_snippet(tasks, "试点").months == [1, 2, 3, 4, 5, 6]
    assert by_snippet(tasks, "推广").months == [7, 8, 9, 10, 11, 12]


def test_recurring_phrases_give_no_months():
    tasks = tasks_of("一、工作\n1.每月组织一次安全检查。\n2.每季度召开一次工会委员会议。\n3.全年开展职工读书活动。")
    assert all(t.months == [] for t in tasks)


def test_goal_sections_give_objectives_not_tasks():
    objectives, tasks = extract_text("一、指导思想\n以习近平新时代中国特色社会主义思想为指导，服务大局。\n二、主要任务\n1.组织培训。")
    assert [o.text for o in objectives] == ["以习近平新时代中国特色社会主义思想为指导，服务大局。"]
    assert [t.text for t in tasks] == ["组织培训。"]


def test_numbered_goal_items_are_objectives():
    objectives, tasks = extract_text("一、工作目标\n1.入会率达到95%以上。\n2.建会率达到90%以上。\n二、主要任务\n1.组织培训。")
    assert [o.text.rstrip("。") for o in objectives] == ["入会率达到95%以上", "建会率达到90%以上"]


def test_item_number_followed_by_a_month_is_a_label():
    tasks = tasks_of("一、劳动竞赛\n1.3月份启动安全生产劳动竞赛。\n2.7—8月开展送清凉活动。\n3.10月组织职工体检。")
    assert [(t.section_path, t.months) for t in tasks] == [(["一、", "1."], [3]), (["一、", "2."], [7, 8]), (["一、", "3."], [10])]


# --- schedule tables ------------------------------------------------------------


def _table(*rows: list[Cell]) -> list[list[Cell]]:
    return [list(r) for r in rows]


def test_schedule_table_rows_with_merged_cells():
    rows = _table(
        [Cell(text=h) for h in ("时间", "工作内容", "牵头单位", "配合单位")],
        [Cell(text="3月", row_span=2), Cell(text="组织植树活动"), Cell(text="工会", row_span=2), Cell(text="团委")],
        [Cell(continued=True), Cell(text="开展学雷锋活动"), Cell(continued=True), Cell(text="妇委会")],
        [Cell(text="第三季度"), Cell(text="1.技能比武；2.安全知识竞赛"), Cell(text="生产部"), Cell(text="")],
    )
    tasks = table_tasks(rows, 2024)
    assert [(t.text, t.months) for t in tasks] == [
        ("组织植树活动", [3]),
        ("开展学雷锋活动", [3]),
        ("技能比武", [7, 8, 9]),
        ("安全知识竞赛", [7, 8, 9]),
    ]
    assert tasks[1].bodies == [("工会", "lead"), ("妇委会", "support")]
    assert tasks[2].bodies == [("生产部", "lead")]


def test_schedule_table_headings_by_other_names():
    rows = _table(
        [Cell(text=h) for h in ("序号", "主要任务", "完成时限", "责任单位", "协办单位")],
        [Cell(text="1"), Cell(text="完成集体合同续签"), Cell(text="6月底前"), Cell(text="权益保障部"), Cell(text="办公室")],
    )
    (task,) = table_tasks(rows, 2024)
    assert task.text == "完成集体合同续签"
    assert task.months and set(task.months) <= set(range(1, 7)) and 6 in task.months
    assert task.bodies == [("权益保障部", "lead"), ("办公室", "support")]


def test_table_inside_the_outline_keeps_the_section_path():
    root = build_tree(
        [
            Line(text="三、工作安排"),
            Line(rows=[[Cell(text="时间"), Cell(text="工作内容")], [Cell(text="4月"), Cell(text="举办运动会")]]),
        ]
    )
    _, tasks = extract(root, 2024)
    assert [(t.text, t.months, t.section_path) for t in tasks] == [("举办运动会", [4], ["三、"])]


def test_week_entries_take_the_dates_in_their_brackets():
    tasks = tasks_of("一、工作安排\n第五至六周（3.13—3.26）：团干部培训；各团支部黑板报评比。\n第二十周（6.26—7.2）：整理团委档案。")
    got = {t.text.rstrip("；。"): t.months for t in tasks}
    assert got["团干部培训"] == [3] and got["各团支部黑板报评比"] == [3]
    assert got["整理团委档案"] == [6, 7]


def test_weeks_nest_in_their_month():
    tasks = tasks_of("9月份：\n第1周：发放教材。\n第2周：召开教研组长会议。\n10月份：\n第6周：作业检查。")
    assert [t.months for t in tasks] == [[9], [9], [10]]


def test_sentences_with_their_own_times_are_tasks_of_their_own():
    tasks = tasks_of("春节前对困难群体进行走访慰问。同时做好春节期间烟花爆竹禁放宣传。")
    assert [t.months for t in tasks] == [[1, 2], [1, 2]]
    assert "走访慰问" in tasks[0].text and "禁放宣传" in tasks[1].text


def test_list_items_with_different_times_split_but_a_list_of_times_does_not():
    split = tasks_of("（2）组织护理人员参加“三八”健步走、“迎国庆”红歌比赛等活动。")
    assert [t.months for t in split] == [[3], [10]]
    whole = tasks_of("（2）在春节前夕和中秋、国庆期间走访慰问困难职工。")
    assert len(whole) == 1


def test_who_is_in_charge_and_closing_words_are_no_tasks():
    texts = [t.text for t in tasks_of("3月\n1、植树活动。\n大队辅导员、各中队辅导员\n（院工会办公室）\n以上为本学期工作安排，希望大家积极参与。")]
    assert texts == ["植树活动。"]


def test_a_frame_clause_leads_its_task():
    tasks = tasks_of("以纪念五四运动106周年为契机，4月下旬至5月上旬开展青年大学习主题团日活动。")
    assert len(tasks) == 1 and tasks[0].months == [4, 5]


def test_an_entry_that_mentions_goals_is_still_a_task():
    objectives, tasks = extract_text("一、重点工作\n第一季度：召开党建工作会议，签订党建工作目标责任书；完成分析研判。")
    assert [t.months for t in tasks] == [[1, 2, 3], [1, 2, 3]]
    assert not objectives


def test_work_that_ends_like_a_body_name_is_a_task():
    tasks = tasks_of("十月份：组织团员参观校史馆；开展重阳节敬老活动。")
    assert [t.text.rstrip("；。") for t in tasks] == ["组织团员参观校史馆", "开展重阳节敬老活动"]


def test_a_comma_run_under_a_month_heading_is_a_list_of_tasks():
    tasks = tasks_of("九月份\n做好新生入园接待工作，召开新学期全体家长会，开展“我爱幼儿园”主题活动，幼儿自理能力比赛（小班穿鞋、中班叠衣）。\n注：本计划如有调整，以通知为准。")
    assert [t.text for t in tasks] == ["做好新生入园接待工作", "召开新学期全体家长会", "开展“我爱幼儿园”主题活动", "幼儿自理能力比赛（小班穿鞋、中班叠衣）"]
    assert all(t.months == [9] for t in tasks)


def test_last_years_work_gives_no_months():
    tasks = tasks_of("2023年，区妇联荣获先进集体称号，春节期间慰问困难妇女320户。\n3月开展“三八”系列活动。", year=2024)
    assert [t.months for t in tasks if t.months] == [[3]]


def test_a_review_section_holds_no_tasks():
    objectives, tasks = extract_text("第一部分 2023年工作回顾\n7月开展送清凉活动。\n第二部分 2024年工作安排\n一、建功立业\n6月开展安康杯竞赛。", year=2024)
    assert [t.months for t in tasks] == [[6]]


def test_items_numbered_before_a_month_inside_an_entry():
    tasks = tasks_of("第二季度：1.召开表彰大会；2.开展健步走活动；3.6月份开展“安康杯”竞赛。")
    assert [t.months for t in tasks] == [[4, 5, 6], [4, 5, 6], [6]]


def test_an_item_numbered_before_a_dotted_day():
    tasks = tasks_of("第二季度\n1.开展护理质量检查。\n2.5·12国际护士节召开庆祝表彰大会。")
    assert [t.months for t in tasks] == [[4, 5, 6], [5]]


def test_a_shred_of_a_cut_line_is_no_task():
    texts = [t.text for t in tasks_of("五月\n五\n做\n第2\n1-2月\n植树\n开展消防演练。")]
    assert texts == ["植树", "开展消防演练。"]


@pytest.mark.parametrize(
    "cell",
    [
        "1.组织教师学习文件。 2.组织教工学习卫生通知。 3.做好见习活动。 4教学部门开展一教三研活动。 5卫生保健:加强晨检。",
        "（1）组织教师学习文件；（2）组织教工学习卫生通知；（3）做好见习活动；（4）教学部门开展一教三研活动；（5）卫生保健:加强晨检。",
        "①组织教师学习文件。②组织教工学习卫生通知。③做好见习活动。④教学部门开展一教三研活动。⑤卫生保健:加强晨检。",
    ],
)
def test_a_cells_numbered_items_are_read_by_the_pages_label_grammar(cell):
    from extractor.schedule import items

    got = [t.rstrip("。；;") for t in items(cell)]
    assert got == ["组织教师学习文件", "组织教工学习卫生通知", "做好见习活动", "教学部门开展一教三研活动", "卫生保健:加强晨检"]
    # a count inside an item is no label: "共3个班级"
    assert items("组织共3个班级参加。4名教师带队。") == ["组织共3个班级参加。4名教师带队。"]


@pytest.mark.parametrize("header", ["星期 工作安排 记载", "序号 工作任务 责任单位 完成时限", "活动主题 时间 地点"])
def test_a_tables_header_read_as_a_line_is_no_task(header):
    texts = [t.text for t in tasks_of(f"三月\n{header}\n开展消防演练。")]
    assert texts == ["开展消防演练。"]


def test_a_calendar_notes_events_of_different_days_are_tasks_of_their_own():
    from extractor.schedule import items

    note = "8月30日新录用教职工报到,9月2日其他教职工报到,3日老生报到;24日上午开学典礼,下午始业教育。"
    assert items(note) == ["8月30日新录用教职工报到", "9月2日其他教职工报到", "3日老生报到", "24日上午开学典礼,下午始业教育。"]
    # a clause that opens with no day stays with its sentence
    assert items("组织职工体检,共30人参加,5日前报名。") == ["组织职工体检,共30人参加,5日前报名。"]
