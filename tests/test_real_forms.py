"""The forms real plans take on the web and in office files, family by family
(issue 9): each table holds several made-up variants of one form, none copied
from a real file, and asserts what a user reading the parse would check —
the plans found, their sections, each task's months, the unit."""

from __future__ import annotations

import re

import pytest

from extractor.pipeline import parse_bytes


def parse(text: str):
    return parse_bytes(text.encode("utf-8"), "plan.txt")


def month_of(doc, snippet: str) -> list[int]:
    """The months of the one task whose text holds `snippet`."""
    found = [t for p in doc.plans for t in p.tasks if snippet in t.text]
    assert found, f"no task holds {snippet!r}: {[t.text for p in doc.plans for t in p.tasks]}"
    return found[0].months


def top_sections(doc, n: int = 0) -> list[str]:
    return [s.title for s in doc.plans[n].sections]


# --- 1. tables flattened into text ---------------------------------------------------

FLAT_TABLES = [
    # pipes, the week and its dates in the first rows of a group only
    (
        "星海小学2025年春季学期行事历\n周次 | 日期 | 工作内容 | 负责部门 |\n"
        "第一周 | 2月17日-2月21日 | 开学典礼 | 德育处 |\n教师例会 | 校长室 | |\n"
        "第二周 | 2月24日-2月28日 | 学雷锋月启动 | 少先队 |\n"
        "第三周 | 3月3日-3月7日 | 三八节感恩活动 | 工会 |\n",
        {"教师例会": [2], "学雷锋月启动": [2], "三八节感恩活动": [3]},
    ),
    # tabs, as copied from a browser
    (
        "社区2024年活动安排\n月份\t活动内容\t牵头单位\t配合单位\n"
        "四月\t清明祭扫文明宣传\t社区党委\t志愿者协会\n五月\t青年读书会\t团支部\t社区图书室\n",
        {"清明祭扫文明宣传": [4], "青年读书会": [5]},
    ),
    # one cell per line under a header of column words
    (
        "城西幼儿园班级活动安排\n主题\n时间\n形式\n"
        "认识春天\n三月\n户外观察\n"
        "快乐劳动节\n五月\n手工制作\n",
        {"认识春天": [3], "快乐劳动节": [5]},
    ),
    # two columns, one cell per line: a month and its lines of work
    (
        "机关工会2023年工作安排\n月份\n主要工作\n二月份\n职工春节慰问。\n元宵灯谜会。\n三月份\n女职工健康讲座。\n",
        {"职工春节慰问": [2], "元宵灯谜会": [2], "女职工健康讲座": [3]},
    ),
    # the same, the next month's work numbered: the table is one month's lines
    (
        "幼儿园第二学期工作计划\n月份\n主要工作\n二月份\n开学准备。\n期初环境布置。\n各部门制定新学期计划。\n"
        "幼儿期初体检。\n三月份\n1、开展安全教育周活动。\n2、各班幼儿技能比赛。\n",
        {"期初环境布置": [2], "各部门制定新学期计划": [2], "幼儿期初体检": [2], "安全教育周": [3]},
    ),
    # a caption row dates a weekday table
    (
        "第六周园务安排\n第六周（3月20日—3月24日） | | |\n星期 | 工作安排 | 备注 |\n"
        "一 | 升旗仪式  教研组长会议 | |\n三 | 消防疏散演练 | |\n",
        {"升旗仪式": [3], "教研组长会议": [3], "消防疏散演练": [3]},
    ),
    # a cell a line behind bars, a lone bar closing each row; a month's
    # activities over rows of week themes, each dated by its own cells
    (
        "月份\n| 月活动\n| 周次\n| 起止日期\n| 周主题\n| 责任班级\n|\n"
        "九月份\n尊师月\n9.10 教师节\n| 1、开学第一课\n2、给老师写贺卡\n| 第一周\n| 9月1日—9月5日\n| 认识新校园\n| 一年级\n|\n"
        "第二周\n| 9月8日—9月12日\n| 我爱我的老师\n| 无\n|\n"
        "十月份\n爱国月\n| 3、红歌比赛\n| 第六周\n| 10月8日—10月10日\n| 国旗下成长\n| 五年级\n|\n",
        {"开学第一课": [9], "给老师写贺卡": [9], "认识新校园": [9], "我爱我的老师": [9], "红歌比赛": [10], "国旗下成长": [10]},
    ),
]


# one cell per line under a week and a date column: a cell that reads like half
# a sentence (…学期目标) keeps to its cell, the row number stays in its
# column, the empty 备注 of the last row shifts nothing; a theme written top to
# bottom in a merged cell (春/启/程) is one cell, and the activities, not the
# theme, are the tasks
ONE_CELL_A_LINE = [
    (
        "春季学期少先队活动安排表\n周次\n时间\n活动内容\n备注\n"
        "1\n3.2-3.8\n开展新学期主题班会,引导队员制定学期目标\n开学第一周\n"
        "第2周\n3.9-3.15\n组织植树护绿活动,各中队认领班级责任区\n3.12植树节\n"
        "3\n4.6-4.12\n开展清明祭英烈网上签名活动,缅怀革命先烈\n",
        {"开展新学期主题班会": [3], "组织植树护绿活动": [3], "开展清明祭英烈": [4]},
    ),
    (
        "德育活动安排表\n时间\n月主题\n活动内容\n"
        "3.2-3.8\n春\n启\n新\n程\n召开班主任工作会议,部署新学期德育重点\n"
        "3.9-3.15\n绿\n色\n月\n组织校园绿植养护行动,各班认领责任林\n",
        {"召开班主任工作会议": [3], "组织校园绿植养护行动": [3]},
    ),
    # a bar closing each cell, several activities in one cell parted by spaces
    (
        "2009年工会工作计划\n具体工作:\n时间 |\n活动内容 |\n参加范围 |\n"
        "一月 |\n春节送温暖工程 职代会第一次会议 |\n全院职工 职工代表 |\n"
        "三月 |\n女职工联欢及慰问 羽毛球比赛 |\n全院女职工 全院职工 |\n",
        {"春节送温暖工程": [1], "职代会第一次会议": [1], "女职工联欢及慰问": [3], "羽毛球比赛": [3]},
    ),
    # a month cell over several rows of activity and note, one cell a line,
    # under a numbered heading; a dash line is the subtitle of the cell above
    (
        "一、常规工作\n时间\n内容\n说明\n"
        "九月\n老师我想对你说\n——教师节系列活动\n各中队负责发出倡议。活动由辅导员自行组织、安排,过后及时上报活动材料\n"
        "各支部、中队进行改选\n改选工作请于9月20日前全部结束\n"
        "十月\n优秀少先队员评选\n注重过程性材料的收集\n团校学员申报\n申报名额根据评比结果分配\n",
        {"教师节系列活动": [9], "各支部、中队进行改选": [9], "优秀少先队员评选": [10], "团校学员申报": [10]},
    ),
    # a Markdown table a cell a line: spaced header words, a separator giving
    # the width, empty cells as bare bars; the weekday column is no content
    (
        "學校行事曆\n日 期 |\n星 期 |\n學 校 行 事 紀 要 |\n備 註 |\n---|---|---|---|\n"
        "9月11日 |\n三 |\n國家防災日防震演練 |\n8︰00 操場 |\n"
        "9月25日 |\n三 |\n教師節感恩活動 |\n|\n"
        "10月14日~10月21日 |\n一~一 |\n校內語文競賽 |\n|\n",
        {"國家防災日防震演練": [9], "教師節感恩活動": [9], "校內語文競賽": [10]},
    ),
]


@pytest.mark.parametrize("text, months", FLAT_TABLES + ONE_CELL_A_LINE)
def test_a_flattened_table_gives_each_activity_its_months(text, months):
    doc = parse(text)
    for snippet, want in months.items():
        assert month_of(doc, snippet) == want


def test_a_cell_saying_none_names_no_body():
    doc = parse(FLAT_TABLES[-1][0])
    names = {b.name for t in doc.plans[0].tasks for b in t.bodies}
    assert "一年级" in names and "无" not in names


def test_a_tables_lead_and_support_columns_give_roles():
    doc = parse(
        "区教育局2024年重点工作分工表\n序号 | 工作任务 | 完成时限 | 牵头单位 | 配合单位 |\n"
        "1 | 开展校园安全大排查 | 3月底前 | 安全科 | 各中小学 |\n"
    )
    task = next(t for t in doc.plans[0].tasks if "校园安全" in t.text)
    assert task.months == [3]
    assert ("安全科", "lead") in [(b.name, b.role) for b in task.bodies]


# --- 2. outline labels with variant punctuation --------------------------------------

LABEL_VARIANTS = [
    ("一,", "二,"),
    ("一．", "二．"),
    ("一 ", "二 "),
    ("(一)", "(二)"),
    ("一：", "二："),
    ("Ⅰ、", "Ⅱ、"),
]


@pytest.mark.parametrize("first, second", LABEL_VARIANTS)
def test_top_labels_in_any_punctuation_make_sections(first, second):
    doc = parse(
        f"阳光社区2024年工作计划\n{first}加强组织建设\n1．完善居民议事制度。\n"
        f"{second}丰富文化生活\n1．三月开展广场舞比赛。\n"
    )
    assert top_sections(doc) == ["加强组织建设", "丰富文化生活"]
    assert month_of(doc, "广场舞比赛") == [3]


def test_a_number_typed_twice_keeps_the_outline_a_restart_drops_it():
    typo = parse("工会活动方案\n一、活动目的\n1、增强健身意识。\n二、活动时间:4月16日\n二、活动地点:学校运动场\n三、参加人员:全体教职工\n")
    assert top_sections(typo) == ["活动目的", "活动时间", "活动地点", "参加人员"]
    # the top kind starts again at 一 with nothing above it: an excerpt that lost its parents
    cut = parse("工会活动方案\n一、活动目的\n二、活动时间:4月16日\n一、组织机构\n二、奖励办法\n")
    assert top_sections(cut) == []


@pytest.mark.parametrize("label", ["⑴", "⒈", "A、", "1，"])
def test_item_labels_in_rarer_forms_are_items(label):
    doc = parse(f"团委2024年工作要点\n一、思想引领\n{label}四月组织青年读书活动。\n")
    assert month_of(doc, "青年读书活动") == [4]


@pytest.mark.parametrize(
    "line",
    [
        "9月份：开学典礼。 10月份：国庆歌咏比赛。",
        "九月：开学典礼；  十月：国庆歌咏比赛。",
        "9月份:开学典礼, 10月份:国庆歌咏比赛。",
    ],
)
def test_two_month_labels_on_one_line_are_two_entries(line):
    doc = parse(f"学校2024年德育工作安排\n{line}\n")
    assert month_of(doc, "开学典礼") == [9]
    assert month_of(doc, "国庆歌咏比赛") == [10]


@pytest.mark.parametrize(
    "heads",
    [
        ("指导思想：以服务职工为宗旨。", "具体工作："),
        ("工作目标：", "主要措施："),
        ("指导思想:坚持党建带工建。", "全年主要工作安排:"),
    ],
)
def test_colon_headings_without_numbers_are_sections(heads):
    first, second = heads
    doc = parse(f"某公司工会2024年工作计划\n{first}\n{second}\n1、三月开展女职工健康讲座。\n")
    titles = top_sections(doc)
    assert [first.split("：")[0].split(":")[0], second.rstrip("：:")] == titles
    assert month_of(doc, "女职工健康讲座") == [3]


def test_a_plan_laid_out_as_a_form_has_each_field_as_a_section():
    doc = parse(
        "勤俭节约活动方案\n活动目的: 传承中华民族传统美德。\n活动时间: 4月21日至4月27日\n"
        "活动对象: 石岭小学全体师生\n组织人员:李向东 各班班主任\n活动内容:\n"
        "一、进行宣传活动。\n1、进行一次国旗下讲话。\n2、召开一次主题班会。\n"
        "二、举办节约金点子征集\n1.征集时间:2022年5月\n2.承办:学生会\n"
    )
    assert top_sections(doc) == ["活动目的", "活动时间", "活动对象", "组织人员", "活动内容"]
    assert not [t for t in doc.plans[0].tasks if "李向东" in t.text]  # who organises is no task
    assert month_of(doc, "国旗下讲话") == [4]


def test_a_second_numbering_in_another_style_after_a_whole_run_leaves_the_first_as_the_outline():
    doc = parse(
        "“安全伴我在校园”活动方案\n一 活动目的:\n加强安全教育。\n二 活动时间:\n4月7日——4月30日\n三 活动要点:\n1组织安全倡议签名活动。\n"
        "四 活动要求:\n1 各班开展教育活动。\n一、成立学校安全工作领导小组\n学校成立领导小组。\n二、加强检查\n每月检查一次。\n"
    )
    assert top_sections(doc) == ["活动目的", "活动时间", "活动要点", "活动要求"]
    # the same style starting again lost its parents (see the test above)
    cut = parse("工会活动方案\n一、活动目的\n二、活动时间:4月16日\n三、活动地点\n一、组织机构\n二、奖励办法\n")
    assert top_sections(cut) == []


# --- 3. time headings of any wording -----------------------------------------------------

TIME_HEADINGS = [
    ("第一季度工作要求：", "召开职代会", [1, 2, 3]),
    ("七、八月份：", "暑期送清凉", [7, 8]),
    ("七月、八月:", "室外场地设施维修", [7, 8]),
    ("3月和09月 活动", "新生入学教育", [3, 9]),
    ("宣传月活动（3月——5月）", "发放宣传册", [3, 4, 5]),
    ("第二季度重点工作", "劳动竞赛", [4, 5, 6]),
]


@pytest.mark.parametrize("heading, snippet, months", TIME_HEADINGS)
def test_a_heading_naming_a_time_bounds_the_items_under_it(heading, snippet, months):
    doc = parse(f"街道工会2024年工作计划\n{heading}\n1、{snippet}。\n2、做好会员信息统计。\n")
    assert month_of(doc, snippet) == months
    assert month_of(doc, "会员信息统计") == months


def test_a_time_headings_scope_ends_where_an_introduction_opens_another_part():
    doc = parse(
        "中学2023年德育计划\n附每月主题：\n12月份：感恩教育月。\n"
        "班团活动是德育的主要载体，具体安排如下：\n主题\n时间\n形式\n收心班会\n第1周\n班会\n"
    )
    assert month_of(doc, "感恩教育月") == [12]
    assert all(t.months != [12] for p in doc.plans for t in p.tasks if "收心班会" in t.text)


@pytest.mark.parametrize(
    "sentence, months",
    [
        ("5月31日前完成台账整理。", [5]),
        ("2021年7月底前完成验收。", [7]),
        ("4.7日组织卫生日宣传。", [4]),
        ("“3.15”当天开展消费维权咨询。", [3]),
    ],
)
def test_day_dates_inside_task_text_give_their_month(sentence, months):
    doc = parse(f"市场监管所2021年工作计划\n一、重点工作\n1、{sentence}\n")
    assert month_of(doc, sentence[2:8]) == months


# --- 4. titles by layout and position ---------------------------------------------------


def test_a_short_line_naming_a_plans_part_is_a_heading_not_a_new_plan():
    doc = parse(
        "实验小学工会2024年工作计划\n指导思想：以教代会为抓手。\n全年主要工作安排：\n三月份：\n1、庆三八健步走。\n"
    )
    assert len(doc.plans) == 1
    assert month_of(doc, "健步走") == [3]


def test_a_title_set_over_two_lines_is_one_title():
    doc = parse("青河区政府2024年重点工作\n任务分解和责任分工方案\n一、稳定经济增长\n1、一季度完成项目签约。\n")
    assert doc.plans[0].title == "青河区政府2024年重点工作任务分解和责任分工方案"
    assert doc.plans[0].year == 2024


@pytest.mark.parametrize("kind", ["校历", "行事历", "工作清单", "任务分解表", "目标责任书"])
def test_other_kinds_of_plan_are_plans(kind):
    doc = parse(f"青山中学2024年{kind}\n一、三月份开展文明礼仪月活动。\n")
    assert doc.plans[0].title == f"青山中学2024年{kind}"
    assert doc.plans[0].unit == "青山中学"


def test_a_covering_letter_is_no_plan_wherever_its_about_stands():
    doc = parse(
        "柳镇人民政府关于印发《柳镇2024年安全生产工作计划》的通知\n各村、各单位：\n现将计划印发给你们，请认真贯彻执行。\n"
        "柳镇人民政府\n2024年2月1日\n柳镇2024年安全生产工作计划\n一、三月开展消防安全大检查。\n"
    )
    assert [p.title for p in doc.plans] == ["柳镇2024年安全生产工作计划"]


def test_a_month_line_right_after_a_title_opens_the_body():
    doc = parse("幼儿园2024年第二学期工作计划\n4月份\n1、组织春游活动。\n5月份\n1、庆六一排练。\n")
    assert month_of(doc, "春游") == [4]


def test_an_opening_that_announces_the_activity_and_its_time_is_a_task():
    doc = parse(
        "机关工会活动方案\n为丰富职工文化生活，街道机关工会准备在中秋节前夕举办“双节同庆趣味比赛”。\n"
        "一、活动主题\n和谐、友谊、进步\n二、比赛项目\n1.双人跳绳\n"
    )
    assert month_of(doc, "双节同庆趣味比赛") == [9, 10]
    # an opening that only says why stays the plan's objective
    doc = parse("机关工会活动方案\n为丰富职工文化生活，增进友谊，特制定本方案。\n一、活动主题\n和谐\n二、比赛项目\n1.三月双人跳绳\n")
    assert [o.text for o in doc.plans[0].objectives][0].startswith("为丰富")


def test_bare_piece_markers_split_a_compilation():
    doc = parse(
        "开展机关工会活动方案\n篇一\n为展示机关干部风采，街道机关工会准备举办趣味比赛。\n"
        "活动主题:和谐、友谊、进步\n活动时间:9月下旬\n"
        "篇二\n为了活跃卫生局机关干部职工的文化\n一、十月举办乒乓球比赛。\n"
    )
    assert [p.title for p in doc.plans] == ["开展机关工会活动方案篇一", "篇二"]
    assert doc.plans[0].unit == "街道机关工会"  # 开展 is the plan's action; the opening names the union in full
    assert doc.plans[1].text.startswith("为了活跃")  # a cut first sentence is body, not a subtitle


def test_a_compilations_banner_over_its_compilers_words_is_no_plan():
    doc = parse(
        "社区文化活动计划（精选3篇）\n下面是小编整理的社区文化活动计划，供大家参考。\n"
        "社区文化活动计划篇一\n一、五月开展邻里节。\n社区文化活动计划篇二\n一、十月开展重阳敬老宴。\n"
    )
    assert [p.title for p in doc.plans] == ["社区文化活动计划篇一", "社区文化活动计划篇二"]


def test_the_plan_a_compilers_note_names_is_its_title_when_it_has_none():
    doc = parse(
        "五月，欢庆过劳动者的汗水。\n小编精心整理2021年幼儿园5月工作重点及计划，老师们可以参考。\n"
        "一、行政管理工作\n1、做好幼儿园文化建设规划。\n2、课题组开展特色课题研究工作。\n"
    )
    plan = doc.plans[0]
    assert (plan.title, plan.year) == ("2021年幼儿园5月工作重点及计划", 2021)
    assert month_of(doc, "特色课题研究") == [5]  # a month's plan dates its work


def test_a_year_and_month_alone_under_a_time_heading_is_kept():
    doc = parse("少先队建队活动方案\n一、活动时间\n2020年12月\n二、活动内容\n1.建立各年级少先队中队。\n")
    assert month_of(doc, "建立各年级少先队中队") == [12]
    assert doc.plans[0].year == 2020


def test_an_activitys_time_and_organiser_fields_date_the_activity():
    doc = parse(
        "关于举办春季系列活动的通知\n日期:2022-03-29    来源:\n一、活动具体安排\n"
        "1.“青春唱响百年”校园歌手大赛\n时间:2022年4月\n承办:大学生艺术文化中心、DM音乐社\n"
        "2.“舞动春天”原创舞蹈比赛\n时间:2022年5月上旬\n承办:大学生艺术文化中心\n"
    )
    assert month_of(doc, "校园歌手大赛") == [4]  # the page's dateline is gone, the item's 时间 stays
    assert month_of(doc, "原创舞蹈比赛") == [5]  # 春天 in a name is no season
    assert not [t for t in doc.plans[0].tasks if t.text.startswith("承办")]


# --- 5. several tasks in one item -------------------------------------------------------


@pytest.mark.parametrize(
    "entry",
    ["三月：植树节护绿活动；学雷锋志愿服务；三八节女工座谈。", "3月份:植树节护绿活动;学雷锋志愿服务;三八节女工座谈"],
)
def test_activities_after_a_time_label_split_at_semicolons(entry):
    doc = parse(f"团支部2024年工作计划\n{entry}\n")
    texts = [t.text for t in doc.plans[0].tasks if t.months == [3]]
    assert len(texts) == 3


def test_a_paragraph_a_month_opens_lists_that_months_work_a_task_a_sentence():
    doc = parse(
        "2026学年少先队工作计划\n一、深化思想引领\n"
        "9月聚焦爱国启蒙，开展主题教育周。组织“我和老师说句心里话”微视频录制活动。"
        "联合语文教研组开发红色诗词小课堂，例如朗诵《少年中国说》。年底评选优秀中队。\n"
    )
    assert month_of(doc, "主题教育周") == [9]
    assert month_of(doc, "微视频录制活动") == [9]
    assert month_of(doc, "红色诗词小课堂") == [9]  # its example stays with it
    assert month_of(doc, "评选优秀中队") == [12]  # a sentence with its own time keeps it


def test_clauses_naming_different_times_are_different_tasks():
    doc = parse("工会2024年工作计划\n一、文体活动\n1、上半年举办职工羽毛球赛，下半年组织秋季登山。\n")
    assert month_of(doc, "羽毛球赛") == [1, 2, 3, 4, 5, 6]
    assert month_of(doc, "秋季登山") == [7, 8, 9, 10, 11, 12]


# --- 6. the unit ----------------------------------------------------------------------------

UNITS = [
    ("2024年幼儿园工作计划\n一、三月开展家长开放日。", "幼儿园"),
    ("最新社区妇联工作计划\n为做好本年度工作，桃李社区妇联特制定本计划如下：\n一、三八节开展巾帼志愿服务。", "桃李社区妇联"),
    ("工作计划\n新的一年，青松路小学工会将围绕学校中心工作开展活动。\n一、三月举办教工运动会。", "青松路小学工会"),
    ("2024年工作要点\n一、四月开展安全月活动。\n牵头单位：区应急管理局\n", None),
    # the one whose opening does the work, whatever its verb
    ("在三八节到来之际,会同县妇联精心筹备了六大主题活动。\n一、三月开展义诊。", "会同县妇联"),
    # a title's bare kind, named in full further down as the one that acts
    ("妇联母亲节活动方案\n一、活动时间：母亲节期间\n二、活动主题：感恩母亲\n三、活动内容\n"
     "(一)开展倡议活动。区妇联将通过电视台发出倡议。", "区妇联"),
    # a signature whose date ran into the name
    ("校工会活动计划\n一、三月开展登山活动。\n20xx年XX月18日校工会\n", "校工会"),
    # a school named by its place and number, under a slogan line
    ("创新管理  共同发展\n——江城一中2009学年第二学期工作思路\n一、三月召开教代会。", "江城一中"),
    ("县二中2021年工作计划\n一、九月举行开学典礼。", "县二中"),
    ("江城一中校团委2020学年寒假社会实践活动方案\n一、寒假开展职业体验。", "江城一中校团委"),
    ("学习贯彻三中全会精神工作安排\n一、三月组织专题学习。", None),
    # the union body the plan names most, never the many a letter addresses
    ("妇女节活动方案\n各街道、局(工业功能区)工会,各直属工会女职工委员会:\n为庆祝“三八”节，现提出以下意见：\n"
     "一、区总工会女职委决定开展关爱行动。\n二、区总工会女职委将发放宣传册。", "区总工会女职委"),
]


@pytest.mark.parametrize("text, unit", UNITS)
def test_the_unit_is_the_issuer_never_an_adjective_or_a_field(text, unit):
    assert parse(text).plans[0].unit == unit


# --- 7. web debris ----------------------------------------------------------------------------


def test_a_sites_stamp_inside_a_line_is_dropped():
    doc = parse("社区2024年工作计划\n一、举办消夏晚会，时间：2024年7本文来源:月15日。\n")
    assert month_of(doc, "消夏晚会") == [7]
    assert "本文来源" not in doc.plans[0].text


def test_pinyin_glosses_are_read_past():
    doc = parse("社區(qū)2024年活動(dòng)計(jì)劃\n一、國(guó)慶節(jié)舉辦文藝演出。\n")
    assert len(doc.plans) == 1
    assert month_of(doc, "文藝演出") == [10]


def test_a_page_without_line_breaks_is_read_by_its_labels():
    doc = parse(
        "2024年社区庆祝三八节活动方案为庆祝三八节，特制定本方案。一、活动主题巾帼心向党二、活动内容"
        "(一)举办女性健康讲座时间:2024年3月6日地点:社区会议室(二)开展慰问活动1、慰问困难妇女。时间:2024年3月8日"
    )
    assert doc.plans[0].title == "2024年社区庆祝三八节活动方案"
    assert top_sections(doc) == ["活动主题巾帼心向党", "活动内容"]
    assert month_of(doc, "女性健康讲座") == [3]


def test_a_month_label_after_a_headings_colon_opens_its_part_in_a_page_without_breaks():
    doc = parse(
        "小学少先队工作计划 一、工作重点: 1、健全少先队组织。 二、每月主要工作: 二月份:(1—2周) "
        "1、组织眼操检查评比活动。 2、开展用好压岁钱主题队会。 三月份:(3—6周) 1、开展学雷锋活动。"
    )
    assert month_of(doc, "眼操检查评比") == [2]
    assert month_of(doc, "压岁钱主题队会") == [2]


def test_a_sites_disclaimer_over_a_shared_document_is_no_plan():
    doc = parse(
        "小学少先队工作计划\n申明敬告: 本站不保证该用户上传的文档完整性,不预览、不比对内容而直接下载产生的反悔问题本站不予受理。\n"
        "文档介绍\n小学少先队工作计划\n一、三月开展学雷锋活动。\n"
    )
    assert len(doc.plans) == 1 and "本站" not in doc.plans[0].text


def test_markup_left_in_a_pages_text_is_dropped():
    doc = parse("<h3>村委会2024年工作计划</h3><br/><p>一、三月开展植树造林。</p>")
    assert doc.plans[0].title == "村委会2024年工作计划"
    assert month_of(doc, "植树造林") == [3]


def test_related_articles_after_a_plan_are_no_part_of_it():
    doc = parse(
        "居委会2024年工作计划\n一、五月开展邻里节。\n相关推荐\n居委会2023年工作总结 2024-01-05\n社区工作计划范文 2023-12-30\n"
    )
    assert "工作总结" not in doc.plans[0].text


@pytest.mark.parametrize(
    "notice",
    [
        "合集下载\n1、下载文档前请自行甄别文档内容的完整性，平台不提供额外的编辑服务。\n2、“仅部分预览”的文档，不可在线预览部分如存在完整性等问题，可反馈申请退款。\n",
        "3、如文档侵犯您的权益，请联系客服反馈，我们会尽快为您处理（人工客服工作时间：9:00-18:30）。\n",
    ],
)
def test_a_document_sites_download_notices_are_no_plan(notice):
    doc = parse(notice + "中学工会春游活动方案\n一、活动内容\n1、三月组织教职工春游。\n")
    assert [p.title for p in doc.plans] == ["中学工会春游活动方案"]
    assert "文档" not in doc.plans[0].text
    assert month_of(doc, "教职工春游") == [3]


@pytest.mark.parametrize(
    "page",
    [
        # a library's viewer: upload details, page thumbnails, the blurb; the title echoed without its year
        "202X年区妇联妇女儿童工作计划\n上传人:tang****xu5 文档编号:136997927 上传时间:2020-07-04 格式:DOCX 页数:3\n"
        "返回 下载 相关 举报\n202X年区妇联妇女儿童工作计划_第1页\n第1页 / 共3页\n亲,该文档总共3页,全部预览完了,如果喜欢就下载吧!\n"
        "资源描述\n《202X年区妇联妇女儿童工作计划》由会员分享,可在线阅读,更多相关《202X年区妇联妇女儿童工作计划(3页珍藏版)》"
        "请在金锄头文库上搜索。\n1、区妇联妇女儿童工作计划XX年,区妇联将继续践行群众路线,三月开展巾帼建功活动。\n",
        # a blurb longer than any line of the plan, then the viewer's first page with the title run in
        "《乡镇妇女工作方案.docx》由会员分享,可在线阅读,更多相关《乡镇妇女工作方案.docx(2页珍藏版)》请在淘文阁网|工程机械CAD图纸|"
        "机械工程制图|CAD装配图下载|SolidWorks_CaTia_CAD_UG_PROE_设计图分享下载|建筑施工图纸下载|施工组织设计下载上搜索。\n"
        "1、XX镇妇联妇女工作方案为着力建设一支活力足的妇女干部队伍,结合实际,制定本方案。三月开展巾帼建功活动。\n",
    ],
)
def test_a_document_librarys_page_around_a_plan_is_no_part_of_it(page):
    doc = parse(page)
    assert len(doc.plans) == 1
    plan = doc.plans[0]
    assert plan.title.endswith(("妇女儿童工作计划", "妇女工作方案"))
    assert not re.search(r"上传人|由会员分享|全部预览|第1页", plan.text)
    assert not plan.text.startswith(("1、", "区妇联妇女儿童工作计划", "XX镇妇联妇女工作方案"))
    assert month_of(doc, "巾帼建功") == [3]


def test_an_annexs_title_under_a_running_head_names_the_plan():
    doc = parse(
        "清廉机关责任分工\n\n— 15 -\n\n附件2\n\n清廉机关建设任务分工\n\n考评项目\n\n具体内容\n\n责任科室\n\n"
        "强化组织领导\n\n3月底前专题研究部署清廉机关建设\n\n办公室\n"
    )
    assert [p.title for p in doc.plans] == ["清廉机关建设任务分工"]


@pytest.mark.parametrize("header", [["序号", "工作任务", "责任单位", "完成时限"], ["月份", "主要工作", "负责部门"]])
def test_a_tables_header_after_a_title_is_no_subtitle(header):
    cells = ["1", "开展安全生产大检查", "安监科", "6月底前"] if header[0] == "序号" else ["六月", "开展安全生产大检查", "安监科"]
    doc = parse("2024年安全生产工作任务分工\n" + "\n".join(header + cells) + "\n")
    plan = doc.plans[0]
    assert plan.title == "2024年安全生产工作任务分工"
    assert plan.text.startswith(header[0])
    months = month_of(doc, "安全生产大检查")
    assert months and set(months) <= {1, 2, 3, 4, 5, 6}


# --- 8. past text -------------------------------------------------------------------------------


def test_a_review_of_the_first_half_gives_no_months():
    doc = parse(
        "镇工会2024年上半年工作总结和下半年工作计划\n一、上半年主要工作\n1、春节期间慰问困难职工20户。\n"
        "二、下半年工作安排\n1、国庆前举办职工趣味运动会。\n"
    )
    assert all("慰问困难职工" not in t.text for t in doc.plans[0].tasks if t.months)
    assert month_of(doc, "趣味运动会") == [10]


def test_a_sentence_about_last_year_gives_no_months():
    doc = parse("妇联2024年工作计划\n一、巾帼建功\n1、去年3月，我们举办了女性创业大赛，效果良好。\n2、今年四月举办家庭教育讲座。\n")
    assert all(not t.months for t in doc.plans[0].tasks if "创业大赛" in t.text)
    assert month_of(doc, "家庭教育讲座") == [4]


@pytest.mark.parametrize(
    "done",
    ["我镇在3月份多次召开了党委会，部署春耕工作。", "4月已完成村两委换届。", "5月举办了职工运动会，效果良好。"],
)
def test_work_told_as_done_gives_no_months(done):
    doc = parse(f"镇2024年工作计划\n一、重点工作\n1、{done}\n2、六月开展防汛演练。\n")
    assert all(not t.months for t in doc.plans[0].tasks if done[:6] in t.text)
    assert month_of(doc, "防汛演练") == [6]
    # work to be done keeps its month, even where it says what was done before
    doc = parse("镇2024年工作计划\n一、重点工作\n1、在去年召开了动员会的基础上，3月将继续召开推进会。\n")
    assert month_of(doc, "推进会") == [3]


def test_an_annexed_table_with_its_own_title_is_a_plan_of_its_own():
    doc = parse(
        "各科室：\n经研究，现将2024年工作任务分解下达给你们，请认真组织落实。\n附件\n"
        "2024年重点工作任务分解表\n序号\n工作任务\n牵头单位\n完成时限\n1\n开展安全生产大检查\n安监科\n6月底前\n"
    )
    assert [p.title for p in doc.plans] == ["2024年重点工作任务分解表"]
    assert month_of(doc, "安全生产大检查") == [6]


@pytest.mark.parametrize(
    "text, year",
    [
        ("冬春火灾防控方案\n一、工作时间\n2017年11月下旬至2018年3月31日。\n二、任务\n2017年底前完成安装。\n", 2017),
        ("20XX年社区工作计划\n一、2023年3月开展义诊。\n", None),
        ("园务计划\n根据苏教函[2019]8号文件精神，组织学习。\n", 2019),
        ("安全教育行事历\n预备周 | 10年2月26日—2月28日 | 开学报到\n第一周 | 3月1日—3月7日 | 开学典礼\n", 2010),
        ("少先队活动安排\n一、九月\n1、09年9月1日举行开学典礼。\n", 2009),
    ],
)
def test_a_plan_whose_title_has_no_year_takes_the_year_its_text_names_most(text, year):
    assert parse(text).plans[0].year == year


@pytest.mark.parametrize("field", ["演练时间", "活动时间", "时间"])
def test_an_item_over_its_field_lines_is_one_activity_dated_by_its_time_field(field):
    doc = parse(
        f"乡2024年应急演练计划\n(一)消防疏散演练\n{field}:5月10日\n演练地点:中心小学\n实施单位:乡政府、中心小学\n"
        f"(二)防汛抢险演练\n{field}:6月20日\n演练地点:河堤\n"
    )
    assert month_of(doc, "消防疏散演练") == [5]
    assert month_of(doc, "防汛抢险演练") == [6]


def test_a_date_inside_a_documents_name_is_no_time_of_the_work():
    doc = parse("学院党委2023年工作安排\n一、根据市委组织部《2023年6月全市基层党组织活动有关要求》，组织党员学习。\n")
    assert all(not t.months for t in doc.plans[0].tasks)


@pytest.mark.parametrize(
    "text, unit",
    [
        ("京政办发〔2016〕26号《北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知》\n各区人民政府：\n现将要点印发给你们，请认真贯彻落实。\n一、三月开展政务公开培训。\n", "北京市人民政府办公厅"),
        ("方案\n随着五一节来临，我镇根据近期情况，特制定以下方案：\n一、四月底前完成排查。\n", "我镇"),
        ("六盘水市2023年工作要点\n市人民政府将围绕中心工作开展。\n一、一季度完成项目签约。\n", "六盘水市人民政府"),
        ("大竹縣殘聯機關黨支部工作安排\n新年伊始，大竹縣殘聯機關黨支部擬在今年開展活動。\n一、三月組織學習。\n", "大竹縣殘聯機關黨支部"),
    ],
)
def test_the_unit_from_a_letter_a_self_reference_a_place_or_traditional_writing(text, unit):
    assert parse(text).plans[0].unit == unit


# --- school calendars in traditional writing (行事曆) -------------------------------


def test_a_taiwan_school_calendar_reads_its_weeks_slash_dates_and_era_year():
    doc = parse(
        "光明國小 113學年度第2學期行事曆\n"
        "週別 起迄 校園大事\n"
        "第1週 02-09 ~ 02-15\n"
        "  1. 2/11(二)開學日\n"
        "  2. 2/14(五)家長座談會\n"
        "第8週 03-30 ~ 04-05\n"
        "  1. 4/3(四)兒童節慶祝活動\n"
        "  2. 5/\n"
    )
    plan = doc.plans[0]
    assert plan.year == 2025  # 民國113學年度 is 2024–25; its second term runs in 2025
    assert plan.unit == "光明國小"
    assert plan.sections == []  # bare weeks make a calendar, not an outline: they date the tasks
    assert month_of(doc, "開學日") == [2]
    assert month_of(doc, "兒童節慶祝活動") == [4]
    assert not any(t.text.strip() == "5/" for t in plan.tasks)  # a cut-off item is no task


def test_months_with_themes_are_sections_bare_months_are_a_calendar():
    themed = parse("少先队工作计划\n十月：深深爱国情\n1、国庆升旗仪式。\n十一月：拳拳感恩心\n1、感恩主题班会。\n")
    assert top_sections(themed) == ["深深爱国情", "拳拳感恩心"]
    bare = parse("幼儿园工作计划\n三月\n1、开学家长会。\n四月\n1、春游踏青。\n")
    assert top_sections(bare) == []
    assert month_of(bare, "春游踏青") == [4]


@pytest.mark.parametrize(
    "text, months",
    [
        ("3/16～3/20 體檢週", [3]),
        ("完成全年任務的1/3", []),
        ("4/30-5/8 勞動節連假", [4, 5]),
        ("2/28 和平紀念日放假1天", [2]),  # a date opening an entry, a space after it
        ("占比 1/3 以上", []),
    ],
)
def test_slash_dates_need_a_weekday_a_range_or_an_entrys_opening_to_be_dates(text, months):
    from extractor.timex import months_of

    assert list(months_of(text)[0]) == months


def test_a_notice_addressed_to_its_units_dates_its_work_by_its_subject():
    doc = parse(
        "各基层工会：\n现将9月份“金秋助学”有关工作安排如下：\n一、活动对象\n困难职工子女。\n"
        "二、活动内容\n1. 摸底登记困难职工子女入学情况。\n2. 发放助学金并建立台账。\n"
    )
    plan = doc.plans[0]
    assert [s.title for s in plan.sections] == ["活动对象", "活动内容"]  # the addressee is no heading
    assert month_of(doc, "摸底登记") == [9]
    assert month_of(doc, "发放助学金") == [9]


def test_a_quoted_headline_with_its_months_bounds_the_items_under_it():
    doc = parse(
        "团委工作计划\n一、主要活动\n“青春校园 文明同行”校园文化节(4月——5月)\n"
        "1、“书香满园”读书分享会\n2、“强国有我”演讲比赛\n"
        "参考资料:\n《共青团工作要点》\n"
    )
    assert len(doc.plans) == 1  # a document cited under a heading is no plan's title
    assert month_of(doc, "读书分享会") == [4, 5]
    assert month_of(doc, "演讲比赛") == [4, 5]


def test_a_verb_before_a_units_name_keeps_it_from_being_the_issuer():
    doc = parse("团委工作计划\n一、评比活动\n开展特色团支部评比，鼓励各个团支部在创出特色的同时开展活动。\n")
    assert doc.plans[0].unit != "鼓励各个团支部"


def test_items_numbered_afresh_under_each_month_belong_to_that_month():
    # the 一、 of each month outranks a bare month line elsewhere; here the
    # numbering starting over under every month says the months hold the items
    doc = parse(
        "红星中学工会2024年文体活动安排\n\n3月\n一、举办教职工趣味运动会。\n二、开展三八节健步走活动。\n\n"
        "5月\n一、举办教职工乒乓球团体赛。(5月14日—30日)\n\n"
        "9月\n一、举办教职工篮球联赛。(9月10日—25日)\n1、第一阶段为小组赛\n2、第二阶段为淘汰赛\n"
    )
    assert month_of(doc, "趣味运动会") == [3]
    assert month_of(doc, "健步走") == [3]
    assert month_of(doc, "乒乓球团体赛") == [5]
    # an item with its own dates at its end is an activity even where stages follow it
    assert month_of(doc, "篮球联赛") == [9]
    assert month_of(doc, "淘汰赛") == [9]


def test_a_stage_with_its_dates_is_a_heading_not_an_activity():
    doc = parse(
        "少先队大队特色中队创建方案\n一、活动准备阶段(三月下旬)\n1、各中队酝酿活动方案。\n"
        "二、活动实施阶段(四月上旬—六月上旬)\n1、各中队根据方案开展活动。\n"
    )
    texts = [t.text for t in doc.plans[0].tasks]
    assert not any(t.startswith("活动实施阶段") for t in texts), texts
    assert month_of(doc, "根据方案开展活动") == [4, 5, 6]


def test_a_calendar_crossing_into_the_next_year_writes_it_short():
    doc = parse(
        "城关小学上学期安全工作行事历\n十二月\n1.开展法制宣传日活动;\n2.期末安全工作专项检查。\n"
        "一一年一月\n1.安全工作总结评比;\n2.寒假学校安全管理。\n"
    )
    assert month_of(doc, "法制宣传日") == [12]
    assert month_of(doc, "总结评比") == [1]
    assert month_of(doc, "寒假学校安全管理") == [1]


@pytest.mark.parametrize(
    ("text", "months"),
    [("预备周 10年2月26日—2月28日 开学报到", [2]), ("〇九年三月", [3]), ("做好10年度考评", [])],
)
def test_a_two_digit_year_before_a_month_is_part_of_the_date(text, months):
    from extractor import timex

    assert timex.months_of(text)[0] == months


def test_a_full_year_and_month_under_a_time_heading_is_its_value():
    doc = parse(
        "少先队建队活动方案\n一、活动时间\n2020年12月\n二、活动内容\n"
        "在各年级开展少先队活动，建立相应的少先队中队，并投票选举中队长。\n"
    )
    assert month_of(doc, "建立相应的少先队中队") == [12]


def test_a_heading_that_names_the_work_is_read_with_its_paragraph():
    doc = parse(
        "关于做好春季学期开学第一课的通知\n一、活动时间\n2025年3月2日至3月8日\n二、活动内容\n"
        "(一)做好报到注册统计工作\n各二级学院应指定专门人员负责学生报到注册的统计工作。\n"
        "(二)活动主体\n各二级学院。\n"
    )
    task = next(t for t in doc.plans[0].tasks if "报到注册统计" in t.text)
    assert task.text.startswith("做好报到注册统计工作") and "指定专门人员" in task.text
    assert task.months == [3]
    # a field (活动主体) over a name is no work
    assert not any(t.text.startswith("活动主体") for t in doc.plans[0].tasks)


@pytest.mark.parametrize(
    "items",
    [
        "1、踏春赏花\n公园里樱花即将盛开，各色郁金香争奇斗艳。\n2、品氧清肺\n天然氧吧里静心调神。\n",
        "（1）亲子阅读\n家长与孩子共读一本书，写下读后感。\n（2）手工制作\n用废旧材料制作环保作品。\n",
        "①参观展览\n组织会员参观市博物馆的非遗展览。\n②座谈交流\n围绕传承非遗开展座谈。\n",
    ],
)
def test_an_items_short_title_over_its_paragraph_is_one_task(items):
    doc = parse("社区2024年五月活动方案\n一、活动内容\n" + items + "二、活动要求\n各小组按时参加。\n")
    lines = items.strip().split("\n")
    for title, paragraph in zip(lines[0::2], lines[1::2]):
        words = title.lstrip("1234567890、（）()①②")
        told = [t for t in doc.plans[0].tasks if words in t.text or paragraph[:6] in t.text]
        # the title and the paragraph that tells it read as one task, not two
        assert len(told) == 1 and words in told[0].text and paragraph[:6] in told[0].text
        assert told[0].months == [5]


@pytest.mark.parametrize(
    "line",
    [
        "校团委2021年1月26日",
        "江城中学工会 2024年3月1日",
        "附1：江城中学2021年寒假职业体验活动操作指导",
        "附件2：社会实践活动记录表",
        "附：2024年春季学期工作安排一览表",
        "教务处制",
    ],
)
def test_a_signature_or_an_annexs_title_inside_a_page_is_no_task(line):
    doc = parse(f"江城中学寒假社会实践活动方案\n一、活动内容\n1、寒假期间完成一次职业体验。\n{line}\n二、提交要求\n2月底前提交记录表。\n")
    texts = [t.text for t in doc.plans[0].tasks]
    assert not any(line.strip()[:6] in t for t in texts)
    assert month_of(doc, "职业体验") == [1, 2]


@pytest.mark.parametrize("frame", ["注意事项", "组织领导", "活动要求", "职责分工"])
def test_an_activity_time_dates_the_activity_not_how_it_is_run(frame):
    doc = parse(
        "教职工春游活动方案\n一、活动时间\n2024年4月13日（周六）\n二、活动内容\n1、组织教职工登山健身。\n"
        f"三、{frame}\n1、各工会小组长负责本组人员的安全。\n2、费用由校工会承担。\n"
    )
    assert month_of(doc, "登山健身") == [4]
    assert month_of(doc, "本组人员的安全") == []


@pytest.mark.parametrize(
    "roster",
    [
        "第二中队 中队长:黄俊翔 副中队长:董入萱",
        "组长：王某某（校长）",
        "副主任：李某",
        "大队辅导员：陈某",
        "成员：各班班主任",
        "领导小组名单：组长:林某",
        "组员:陈某某郑某某张某某",
        "安全工作联络员:陈某",
    ],
)
def test_who_holds_which_post_is_no_task(roster):
    doc = parse(f"少先队建队活动方案\n一、活动时间\n2020年12月\n二、活动内容\n1、建立各年级少先队中队。\n{roster}\n")
    assert month_of(doc, "建立各年级少先队中队") == [12]
    assert not any(roster[:5] in t.text for t in doc.plans[0].tasks)


@pytest.mark.parametrize("field", ["演练地点", "比赛地点", "集合时间", "参赛人员"])
def test_an_empty_field_of_an_event_stays_in_its_record(field):
    doc = parse(
        "乡应急演练计划\n一、演练安排\n(一)突发森林火灾\n演练时间:5月25日\n"
        f"{field}:\n实施单位:乡政府、林业站\n(二)地质灾害滑坡\n演练时间:6月20日\n"
    )
    assert month_of(doc, "突发森林火灾") == [5]
    assert month_of(doc, "地质灾害滑坡") == [6]


@pytest.mark.parametrize(
    "title, months",
    [("2021幼儿园爱国卫生月活动方案", [4]), ("镇2024年安全生产月活动方案", [6]), ("社区宪法宣传周活动方案", [12])],
)
def test_a_campaign_month_in_the_title_dates_the_plans_work(title, months):
    doc = parse(f"{title}\n一、活动内容\n1、做好宣传工作，利用宣传栏广泛宣传。\n2、组织一次专题讲座。\n")
    assert month_of(doc, "做好宣传工作") == months
    assert month_of(doc, "专题讲座") == months


def test_a_season_inside_a_campaign_month_is_that_month():
    doc = parse("幼儿园爱国卫生月活动方案\n一、活动内容\n1、开展春季种植工作。\n")
    assert month_of(doc, "春季种植") == [4]


def test_an_opening_that_announces_the_activity_takes_the_plans_activity_time():
    doc = parse(
        "为进一步开展少先队工作，经学校研究决定，在全校范围内开展少先队中队建队活动，具体方案如下：\n"
        "一、活动目的\n增强队员的组织意识。\n二、活动时间\n2020年12月\n三、参与人员\n学校全体少先队员\n"
        "四、活动内容\n1、投票选举各中队长。\n"
    )
    assert month_of(doc, "中队建队活动") == [12]
    assert month_of(doc, "投票选举") == [12]
    # who takes part is no task
    assert not any("全体少先队员" in t.text for t in doc.plans[0].tasks)


@pytest.mark.parametrize("head", ["工作策略", "活动原则", "基本原则"])
def test_a_plans_principles_are_no_tasks_even_under_its_time(head):
    doc = parse(
        f"社区减盐宣传活动方案\n一、活动时间\n2023年5月15日下午\n二、{head}\n1、多科室合作，全社会参与；\n"
        "2、突出重点，分类指导。\n三、活动内容\n1、发放控盐勺和宣传折页。\n"
    )
    assert not any("多科室合作" in t.text for t in doc.plans[0].tasks)
    assert month_of(doc, "控盐勺") == [5]


def test_a_heading_that_runs_into_a_paragraph_of_work_is_a_task_over_its_parts():
    doc = parse(
        "特色中队创建方案\n一、活动过程\n(一)宣传发动阶段(三月中旬)召开动员会。\n"
        "(二)制定方案阶段(三月下旬)结合班级自身特点,充分发挥学生的主体作用,酝酿活动方案。\n"
        "上报资料:\n1、“特色中队”名称、口号。\n2、“特色中队”创建方案。\n"
    )
    assert month_of(doc, "酝酿活动方案") == [3]
    # a short heading over its parts stays a heading
    doc = parse("工会工作计划\n一、三月重点工作\n(一)加强组织建设\n1、召开会员大会。\n2、选举委员。\n")
    assert not any(t.text.startswith("加强组织建设") for t in doc.plans[0].tasks)


def test_paragraphs_opened_by_yishi_erhsi_are_the_outline_of_a_plan_without_one():
    doc = parse(
        "为庆祝建党节，公司党委就开展庆“七一”系列活动作出安排。\n"
        "一是对创先争优活动进行一次讲评。各单位党组织要对今年以来的活动进行讲评;\n"
        "二是开展一次党组织的活动。由各单位党组织牵头举办一次活动;\n"
        "三是安排一堂集体党课。\n"
    )
    assert top_sections(doc) == ["对创先争优活动进行一次讲评", "开展一次党组织的活动", "安排一堂集体党课"]
    assert 7 in month_of(doc, "庆“七一”系列活动")


def test_yishi_under_a_numbered_heading_stays_its_enumeration():
    doc = parse(
        "某公司工会2024年工作计划\n一、加强民主管理\n一是开好职工代表大会。\n二是推进厂务公开。\n二、关爱职工\n组织职工体检。\n"
    )
    assert top_sections(doc) == ["加强民主管理", "关爱职工"]


def test_the_body_a_notice_addresses_is_no_section():
    doc = parse(
        "5月党建工作重点任务提示\n机关所属党支部:\n根据上级有关要求，现就做好5月党建工作提示如下:\n"
        "一、重点工作\n1.认真学习贯彻《条例》。\n二、有关要求\n各支部要按时报送材料。\n"
    )
    assert top_sections(doc) == ["重点工作", "有关要求"]


def test_a_body_heading_its_items_is_a_section():
    doc = parse("阳光中学2024年工作计划\n教务处:\n1、组织期中考试。\n2、开展教学比武。\n德育处:\n1、开展主题班会。\n")
    assert top_sections(doc) == ["教务处", "德育处"]


def test_a_file_name_closing_the_page_is_a_download_link_not_a_plan():
    doc = parse(
        "校工会2012年主要文体活动工作计划\n月份 | 内容 |\n3月 | 举办教职工趣味运动会 |\n5月 | 举办教职工乒乓球赛 |\n\n"
        "校工会2012年主要文体工作计划(表).doc\n"
    )
    assert len(doc.plans) == 1
    assert month_of(doc, "乒乓球赛") == [5]


@pytest.mark.parametrize(
    "byline",
    ["欄目: 實用文檔 / 發佈於: / 人氣:1.78W", "分类：工作计划  标签：少先队  点击：326", "推荐人: 来源: 阅读: 9.45K 次"],
)
def test_a_sites_byline_between_repeated_titles_makes_no_plan(byline):
    doc = parse(
        f"小学少先队建队日活动计划\n\n{byline}\n\n小学少先队建队日活动计划\n\n"
        "为进一步贯彻全国少工委的工作要求，决定开展建队日系列活动，具体方案如下：\n一、活动时间：2014年10月\n二、活动内容\n1、开展少先队知识学习活动。\n"
    )
    assert len(doc.plans) == 1


def test_a_time_alone_dates_work_but_is_no_task():
    doc = parse(
        "工会三八节活动方案\n一、活动目的：丰富女职工文化生活\n二、活动时间：2024年3月5日\n三、活动内容\n"
        "1、组织女职工健步走。\n2、开展插花比赛。\n\n县总工会\n二〇二四年二月二十三日\n"
    )
    texts = [t.text for t in doc.plans[0].tasks]
    assert not any(t.startswith(("活动时间", "二〇二四")) for t in texts), texts
    assert month_of(doc, "健步走") == [3]


def test_the_name_a_calendar_gives_a_month_is_no_task():
    doc = parse("中学少先队工作计划\n三月\n文明礼仪月\n1.开展学雷锋志愿服务。\n四月\n爱国主义教育月\n1.清明节祭扫烈士墓。\n")
    texts = [t.text for t in doc.plans[0].tasks]
    assert "文明礼仪月" not in texts and "爱国主义教育月" not in texts
    assert month_of(doc, "学雷锋") == [3]


def test_a_months_name_on_its_heading_line_over_its_work_is_no_task():
    doc = parse("中学少先队工作计划\n三月：文明礼仪月\n主题：传承雷锋精神\n3月5日学雷锋日：组织社区志愿服务。\n")
    assert "文明礼仪月" not in [t.text for t in doc.plans[0].tasks]
    assert month_of(doc, "社区志愿服务") == [3]


def test_a_fields_where_who_and_cost_are_no_tasks():
    doc = parse(
        "酒店工会母亲节活动方案\n一、活动时间：5月10日\n二、活动内容\n1、举办母亲节座谈会。\n地点：二楼会议厅\n"
        "活动经费：由工会承担。\n参加对象：全体女职工\n"
    )
    texts = [t.text for t in doc.plans[0].tasks]
    assert not any(t.startswith(("地点", "活动经费", "参加对象")) for t in texts), texts
    assert month_of(doc, "座谈会") == [5]


@pytest.mark.parametrize(
    "opening",
    [
        "经县妇联主席会议研究，在三八节期间开展系列纪念活动，现将有关事宜通知如下：",
        "在“七一”来临之际，组织开展庆祝建党系列活动，具体安排如下：",
    ],
)
def test_an_opening_that_names_its_time_and_activity_is_a_task(opening):
    doc = parse(f"县妇联2024年纪念活动方案\n{opening}\n一、活动主题\n巾帼心向党\n二、活动内容\n1、举办文艺汇演。\n")
    assert any(t.months for t in doc.plans[0].tasks if "系列" in t.text)


def test_a_top_label_written_with_a_dot_inside_a_line_starts_its_section():
    doc = parse(
        "医院感染管理年度工作计划\n一、医院感染监测:\n1.每月监测住院病人感染发生情况。\n三.传染病管理:\n"
        "1.认真做好疫情管理和报告检查工作四.医疗废物督促管理:定期督查医疗废物分类。\n"
    )
    assert top_sections(doc)[-1] == "医疗废物督促管理"


def test_a_festival_written_with_a_dot_is_no_label():
    doc = parse("女职工工作计划\n一、加强组织建设。\n二、开展素质提升工程,紧紧抓住三.八、五一节等重大节日开展专项活动。\n")
    assert len(top_sections(doc)) == 2


def test_a_season_naming_what_a_months_plan_prepares_is_that_months_work():
    doc = parse("2021年幼儿园5月工作计划\n一、行政管理工作\n1、秋季招生摸底工作。\n2、6月5日召开家长会。\n")
    assert month_of(doc, "秋季招生摸底") == [5]
    assert month_of(doc, "家长会") == [6]


def _days(a: int, b: int) -> str:
    return " ".join(str(d) for d in range(a, b + 1))


def test_a_school_calendars_day_grid_flattened_onto_one_line_dates_its_notes():
    text = (
        "國小學年度行事曆\n"
        f"九 月 {_days(1, 7)} 4∼ 6日阿里山之行 {_days(8, 21)} 18日開學 {_days(22, 30)} 28日教師節 "
        f"十 月 {_days(1, 14)} 10日國慶 {_days(15, 31)} 25日光復節 十 一 月 {_days(1, 10)} 5日幹部會議 {_days(11, 30)} "
        "學期共計18週"
    )
    doc = parse(text)
    assert month_of(doc, "阿里山之行") == [9]
    assert month_of(doc, "教師節") == [9]
    assert month_of(doc, "光復節") == [10]
    assert month_of(doc, "幹部會議") == [11]
    assert not any("學期共計" in t.text for t in doc.plans[0].tasks)


def test_a_school_calendars_day_grid_in_a_table_dates_each_weeks_note():
    # 月份 | 周次 | 一 … 日 | 备注, the month standing only in the week it starts
    rows = ["| 月份 | 周次 | 一 | 二 | 三 | 四 | 五 | 六 | 日 | 备注 |"]
    day, month, marked = 2, 9, False
    notes = {1: "开学典礼", 3: "中秋放假", 5: "国庆放假", 7: "期中检查"}
    for w in range(1, 9):
        label = "" if marked else f"{month}月"
        marked = True
        cells = []
        for _ in range(7):
            cells.append(str(day))
            day += 1
            if day > (30 if month == 9 else 31):
                day, month, marked = 1, month + 1, False
        rows.append(f"| {label} | {w} | " + " | ".join(cells) + f" | {notes.get(w, '')} |")
    doc = parse("某中学第一学期校历\n" + "\n".join(rows) + "\n")
    assert month_of(doc, "开学典礼") == [9]
    assert month_of(doc, "中秋放假") == [9]
    assert month_of(doc, "期中检查") == [10]


def test_a_two_level_header_flattened_one_cell_a_line_takes_its_sub_headers():
    doc = parse(
        "2025学年第二学期德育主题活动安排表\n周次\n时间\n活动及内容\n备注\n月主题\n周主题\n内容\n"
        "1\n3.2-3.8\n文明礼仪月\n策马扬鞭启新篇\n召开班主任工作会议;\n开展开学第一课主题教育\n上2天\n"
        "2\n4.6-4.12\n清明缅怀月\n缅怀先烈\n组织清明祭扫活动\n4.5清明节\n"
    )
    assert month_of(doc, "班主任工作会议") == [3]
    assert month_of(doc, "开学第一课") == [3]
    assert month_of(doc, "清明祭扫") == [4]


def test_items_numbered_with_a_closing_bracket_inside_a_line_are_items():
    doc = parse(
        "第4周园务计划(3月6日——3月10日)\n工作要求\n1.开展三八节庆祝活动。\n"
        "2.后勤保育:1)严格执行安全的接送制度。2)做好托幼机构卫生保健校验。3)做好伙食费收费工作。\n"
    )
    texts = [t.text for t in doc.plans[0].tasks]
    assert any(t.startswith("严格执行安全的接送制度") for t in texts), texts
    assert month_of(doc, "卫生保健校验") == [3]


def test_activities_parted_by_semicolons_in_a_month_led_paragraph_are_tasks_of_their_own():
    doc = parse(
        "2026年少先队工作计划\n一、深化思想引领\n"
        "10月突出“队旗飘扬”，举办主题系列活动。组织预备队员参与闯关游戏;二年级以上队员开展“我的入队故事”征文比赛,优秀作品展示。\n"
    )
    texts = [t.text for t in doc.plans[0].tasks]
    assert any(t.startswith("二年级以上队员") for t in texts), texts
    assert month_of(doc, "征文比赛") == [10]


def test_parts_named_by_a_word_and_its_number_are_sections():
    doc = parse(
        "某中学2021年寒假社会实践活动方案\n主题一·建党100周年纪念\n1.采访一名身边中共党员。\n2.参观红色教育基地。\n"
        "主题二·生涯规划职业体验\n1.走访一个工作岗位。\n活动一览表见附件。\n"
    )
    assert top_sections(doc) == ["建党100周年纪念", "生涯规划职业体验"]
