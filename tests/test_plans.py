"""Plan splitting, titles, units and years, on short texts through the real
reader and cleaner."""

from __future__ import annotations

import pytest

from extractor.clean import Line, clean
from extractor.plans import is_title, split_plans, unit_from_title
from extractor.readers import read_bytes


def plans_of(text: str):
    return split_plans(clean(read_bytes(text.encode("utf-8"), "probe.txt").blocks))


def body_start(draft) -> str:
    return draft.lines[0].full_text if draft.lines else ""


COMPILATION = """\
工会工作计划范文(9篇)
工会工作计划篇一
为了让职工的业余生活更加丰富多彩，机关工会将组织开展各类活动，特制定本计划。
一、加强学习
组织职工学习党的二十大精神。
工会工作计划篇二
公司女工委员会将在县总工会的指导下，扎实开展各项工作。
一、组织活动
开展庆“三八”系列活动。
"""


def test_compilation_is_split_at_each_title_and_its_header_is_no_plan():
    plans = plans_of(COMPILATION)
    assert [p.title for p in plans] == ["工会工作计划篇一", "工会工作计划篇二"]
    assert body_start(plans[0]).startswith("为了让职工的业余生活")
    assert body_start(plans[1]).startswith("公司女工委员会将在县总工会")
    assert [p.unit for p in plans] == ["机关工会", "公司女工委员会"]


def test_repeated_title_and_dated_note_belong_to_the_header():
    text = "2024年学院团委工作计划\n2024年学院团委工作计划\n（2024年1月5日团委全委会通过）\n2024年，学院团委将团结带领广大青年建功立业。\n一、思想引领\n组织学习。"
    (plan,) = plans_of(text)
    assert plan.title == "2024年学院团委工作计划"
    assert body_start(plan).startswith("2024年，学院团委将")
    assert plan.year == 2024


def test_dash_subtitle_belongs_to_the_header():
    text = "2024年学院团委工作计划\n——以青春之我建功新时代\n2024年，学院团委将团结带领广大青年建功立业。\n一、思想引领\n组织学习。"
    (plan,) = plans_of(text)
    assert body_start(plan).startswith("2024年，学院团委将")


def test_body_that_echoes_the_title_starts_after_it():
    text = "工会年度活动计划表\n工会年度活动计划表】为丰富职工文化生活，增强团队凝聚力，特制定本年度工会活动计划。\n一、总体目标\n提升员工身心健康水平。"
    (plan,) = plans_of(text)
    assert body_start(plan).startswith("为丰富职工文化生活")


def test_text_without_a_title_is_one_plan_without_title():
    (plan,) = plans_of("为做好今年工作，结合实际，特制定如下安排。\n一、学习\n组织学习，提高素质，增强本领。")
    assert plan.title is None
    assert body_start(plan).startswith("为做好今年工作")


def test_recommended_titles_after_a_tail_are_no_plans():
    text = "2023年社区妇联工作计划\n2023年，和平社区妇联将紧紧围绕街道党工委的工作要求扎实做好各项工作。\n一、家庭文明\n评选最美家庭。\n相关推荐：\n2023年社区妇联工作计划\n社区妇女工作计划\n2023社区团支部工作计划范文\n"
    assert len(plans_of(text)) == 1


# --- unit ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, unit",
    [
        ("青川区总工会2025年工作计划", "青川区总工会"),
        ("2025年青川区总工会工作计划", "青川区总工会"),
        ("2019年XX公司女职工委员会工作计划", "XX公司女职工委员会"),
        ("共青团华源能源集团委员会2023年工作要点", "共青团华源能源集团委员会"),
        ("工会工作计划", None),  # a bare kind names no unit
        ("2024年工作计划", None),
    ],
)
def test_unit_from_title(title, unit):
    assert unit_from_title(title) == unit


def test_unit_from_title_keeps_a_department_named_after_the_year():
    assert unit_from_title("阳光中学2023—2024学年第一学期教务处工作计划") == "阳光中学教务处"


def test_unit_from_opening_subject():
    (plan,) = plans_of("2024年工作计划\n2024年，市文化馆将坚持以人民为中心，繁荣群众文化。\n一、活动\n举办广场文艺演出。")
    assert plan.unit == "市文化馆"


def test_unit_from_signature():
    text = "工作计划\n为做好今年工作，特制定本计划。\n一、学习\n组织学习，提高素质，增强本领，推动工作。\n二、活动\n开展活动，丰富生活，增进感情，凝聚力量。\n红星小学少先队大队部\n2023年9月1日"
    (plan,) = plans_of(text)
    assert plan.unit == "红星小学少先队大队部"


# --- year ---------------------------------------------------------------------


def test_year_from_title():
    (plan,) = plans_of("青川区总工会2025年工作计划\n区总工会将围绕中心服务大局，扎实推进各项工作。\n一、学习\n组织学习。")
    assert plan.year == 2025


def test_year_from_signature_date():
    text = "学校德育工作计划\n为加强学校德育工作，结合我校实际，制定本学期德育工作计划。\n一、工作目标\n培养学生良好的行为习惯。\n青山区实验小学德育处\n2024年2月20日"
    (plan,) = plans_of(text)
    assert plan.year == 2024


@pytest.mark.parametrize("masked", ["xx年", "20xx年", "20XX年"])
def test_masked_year_gives_none(masked):
    (plan,) = plans_of(f"{masked}公司工会工作计划\n{masked}，公司工会将围绕中心，服务大局。\n一、学习\n组织学习。")
    assert plan.year is None
    assert plan.unit == "公司工会"


@pytest.mark.parametrize("masked", ["20__年", "**年", "20××年"])
def test_other_masked_years_are_not_part_of_the_unit(masked):
    (plan,) = plans_of(f"{masked}学校工会工作计划\n{masked}，学校工会将继续做好服务工作。\n一、学习\n组织学习。")
    assert plan.year is None
    assert plan.unit == "学校工会"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024年公司工会工作计划", True),
        ("学校德育工作要点", True),
        ("2024年工作安排", True),
        ("现将全年工作计划安排如下：", False),
        ("一、工作计划", False),
        ("公司工会将认真落实年度工作计划，做好各项工作。", False),
    ],
)
def test_is_title(text, expected):
    assert is_title(Line(text=text)) is expected


@pytest.mark.parametrize("prefix", ["篇一：", "【篇一】", "第一篇：", "范文一："])
def test_numbered_plans_of_a_compilation_are_split(prefix):
    second = prefix.replace("一", "二")
    text = (
        "社区工作计划（通用2篇）\n"
        f"{prefix}2023年和平社区工作计划\n2023年，和平社区将围绕街道工作要求扎实做好各项工作。\n一、环境整治\n开展清洁行动。\n"
        f"{second}2023年阳光社区工作计划\n2023年，阳光社区将继续做好为民服务。\n一、为民服务\n走访慰问。\n"
    )
    plans = plans_of(text)
    assert [p.title for p in plans] == ["2023年和平社区工作计划", "2023年阳光社区工作计划"]
    assert [p.unit for p in plans] == ["和平社区", "阳光社区"]


def test_a_plan_that_is_one_table_keeps_its_title():
    text = "2023年市教育局招生工作安排表\n时间 | 工作事项 | 责任单位 |\n5月底 | 发布招生方案 | 市教育局 |\n"
    (plan,) = plans_of(text)
    assert plan.title == "2023年市教育局招生工作安排表"
    assert plan.unit == "市教育局" and plan.year == 2023
    assert plan.lines[0].is_table


def test_a_caption_inside_a_plan_is_no_new_plan():
    text = (
        "2023年市教育局工作计划\n2023年，市教育局将做好招生工作。\n一、招生\n具体安排如下：\n"
        "2023年招生工作安排表\n时间 | 工作事项 |\n5月底 | 发布招生方案 |\n"
    )
    assert len(plans_of(text)) == 1


def test_a_traditional_title_names_its_unit():
    (plan,) = plans_of("2019年公司工會工作計劃\n2019年，公司工會將圍繞生產經營開展工作。\n一、建功立業\n開展勞動競賽。")
    assert plan.unit == "公司工會" and plan.year == 2019


def test_a_masked_place_stays_in_the_unit_but_a_masked_year_does_not():
    assert unit_from_title("XX县人民医院护理部2023年工作计划") == "XX县人民医院护理部"
    assert unit_from_title("20XX年县人民医院护理部工作计划") == "县人民医院护理部"


def test_an_annex_line_above_a_table_plan_keeps_its_title():
    text = "附件\n区文化和旅游局2021年重点工作任务分解表\n为确保全年各项工作目标任务落到实处，现将任务分解如下。\n序号 | 工作任务 | 完成时限 |\n1 | 制定工作要点 | 2月底前 |\n"
    (plan,) = plans_of(text)
    assert plan.unit == "区文化和旅游局" and plan.year == 2021


def test_a_covering_letter_and_an_annex_make_no_plans_of_their_own():
    text = (
        "关于印发《东湖街道党工委2025年党建工作计划》的通知\n"
        "各社区党委：\n现将《东湖街道党工委2025年党建工作计划》印发给你们，请结合实际，认真抓好贯彻落实。\n"
        "东湖街道党工委2025年党建工作计划\n2025年，街道党工委将围绕中心工作抓好党建。\n一、理论学习\n开展集体学习。\n"
        "附件\n2025年党建重点工作季度安排\n第一季度：召开街道党建工作会议。\n"
    )
    (plan,) = plans_of(text)
    assert plan.title == "东湖街道党工委2025年党建工作计划"
    assert any(ln.text.startswith("第一季度") for ln in plan.lines)


def test_the_second_term_of_a_school_year_is_its_later_year():
    (plan,) = plans_of("南江大学校学生会2023—2024学年第二学期工作计划\n新学期伊始，校学生会将围绕学校中心工作开展活动。\n一、常规工作\n例会。")
    assert plan.year == 2024 and plan.unit == "南江大学校学生会"


@pytest.mark.parametrize(("term", "year"), [("2020学年寒假", 2021), ("2020学年第一学期", 2020)])
def test_a_school_years_winter_holiday_falls_in_its_later_year(term, year):
    (plan,) = plans_of(f"江城中学校团委{term}社会实践活动方案\n一、活动内容\n开展职业体验。")
    assert plan.year == year


def test_a_signature_in_chinese_numerals_or_brackets_gives_the_year():
    for sig in ["二〇二四年一月", "（青石岭村村民委员会 2024年1月）"]:
        (plan,) = plans_of(f"村工作计划\n为做好今年工作，结合本村实际，制定本计划。\n一、村务公开\n每季度公开一次。\n{sig}")
        assert plan.year == 2024, sig
        assert sig not in [ln.text for ln in plan.lines]


def test_an_office_named_after_the_term_belongs_to_the_school():
    assert unit_from_title("青山中学2023年秋季学期团委工作计划") == "青山中学团委"


@pytest.mark.parametrize(
    ("title", "unit"),
    [
        ("小学少先队建队日活动计划", "小学少先队"),  # 建|队: a verb and its object, no team
        ("城南小学2024年工作计划", "城南小学"),
        ("区教育局2024年工作要点", "区教育局"),
    ],
)
def test_a_verb_before_a_one_character_kind_ends_no_issuer(title, unit):
    from extractor.plans import unit_from_title

    assert unit_from_title(title) == unit


def test_a_subject_word_that_only_ends_like_a_kind_is_no_issuer():
    from extractor.orgs import org_at_end

    assert org_at_end("来源学科", longest_prefix=True) is None


def test_the_bodies_a_notice_addresses_are_not_its_issuer():
    from extractor.pipeline import parse_bytes

    text = "区总工会女职委三八节活动方案\n各街道工会，各直属工会女职工委员会：\n为庆祝三八节，现将活动方案通知如下。\n一、活动时间：3月8日\n"
    doc = parse_bytes(text.encode(), "plan.txt")
    assert doc.plans[0].unit != "各直属工会女职工委员会"


def test_a_plan_laid_out_as_one_table_takes_its_year_from_its_cells():
    from extractor.pipeline import parse_bytes

    text = "第十三周(5月8日--- 5月12日) | |\n工作要求 | 1.组织教师学习苏文办[2017]8号文件精神。 |\n星期 | 工作安排 |\n一 | 国旗下讲话 |\n二 | 教研活动 |\n"
    assert parse_bytes(text.encode(), "week.txt").plans[0].year == 2017


def test_the_subject_of_an_opening_that_names_this_years_plan_is_the_issuer():
    from extractor.pipeline import parse_bytes

    doc = parse_bytes("2024年工作计划\n城关镇妇联今年的工作计划如下：\n一、加强组织建设。\n".encode(), "plan.txt")
    assert doc.plans[0].unit == "城关镇妇联"


def test_a_sites_category_before_the_plans_title_is_no_part_of_it():
    (plan,) = plans_of("少先队工作范文之小学少先队工作计划二\n一、指导思想\n以爱国主义教育为主线。\n二、工作重点\n三月开展学雷锋活动。")
    assert plan.title == "小学少先队工作计划二"
    assert plan.unit == "小学少先队"
