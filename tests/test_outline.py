"""Outline: label kinds, levels from the order a document uses them, month
headings against month entries, run-in headings."""

from __future__ import annotations

import pytest

from extractor.clean import Line
from extractor.outline import build_tree, parse_label, to_sections


def sections_of(*lines: str | Line):
    return to_sections(build_tree([ln if isinstance(ln, Line) else Line(text=ln) for ln in lines]))


def flat(sections, depth: int = 0):
    """(level, label, title) for every section, depth first."""
    out = []
    for s in sections:
        out.append((s.level, s.label, s.title))
        out += flat(s.children, depth + 1)
    return out


@pytest.mark.parametrize(
    "text, kind, label",
    [
        ("第一部分 工作目标", "part", "第一部分"),
        ("第二章 组织建设", "part", "第二章"),
        ("一、加强学习", "cn", "一、"),
        ("十二、其他", "cn", "十二、"),
        ("（一）组织学习", "pcn", "（一）"),
        ("(二)开展活动", "pcn", "(二)"),
        ("1.学习文件", "num", "1."),
        ("2、开展讨论", "num", "2、"),
        ("3．组织宣讲", "num", "3．"),
        ("（1）走访慰问", "pnum", "（1）"),
        ("3月：组织植树", "month", "3月"),
        ("三月份：", "month", "三月份"),
    ],
)
def test_label_kinds(text, kind, label):
    lab = parse_label(text)
    assert lab is not None and lab.kind == kind and lab.text == label


def test_circled_number_is_a_label():
    lab = parse_label("①学习文件")
    assert lab is not None and lab.kind == "circ" and lab.value == 1 and lab.rest == "学习文件"


@pytest.mark.parametrize("text", ["五一、国庆期间组织职工旅游", "3.5%的增长", "95.5%以上", "2024年工作计划"])
def test_not_labels(text):
    lab = parse_label(text)
    assert lab is None or lab.kind not in ("cn", "num")


def test_parts_over_chinese_numbers_over_bracketed():
    got = flat(
        sections_of(
            "第一部分 总体要求", "一、指导思想", "坚持学习。",
            "第二部分 主要任务", "一、加强建设", "（一）组织学习", "1.学习文件。", "（二）开展活动", "组织竞赛。",
            "二、关爱职工", "走访慰问。",
            "第三部分 保障措施", "加强领导。",
        )
    )
    assert got == [
        (1, "第一部分", "总体要求"),
        (2, "一、", "指导思想"),
        (1, "第二部分", "主要任务"),
        (2, "一、", "加强建设"),
        (3, "（一）", "组织学习"),
        (3, "（二）", "开展活动"),
        (2, "二、", "关爱职工"),
        (1, "第三部分", "保障措施"),
    ]


def test_bracketed_numbers_are_the_top_level_when_the_plan_has_no_yi():
    got = flat(sections_of("（一）强化引领", "1.组织学习。", "2.开展宣讲。", "（二）服务中心", "1.开展竞赛。"))
    assert [(lvl, lab) for lvl, lab, _ in got] == [(1, "（一）"), (1, "（二）")]


def test_arabic_numbers_are_the_top_level_with_deeper_kinds_below():
    got = flat(sections_of("1.加强学习", "（1）组织学习", "①学习文件", "②开展讨论", "（2）开展宣讲", "宣讲。", "2.关爱职工", "（1）走访慰问", "慰问。"))
    assert [(lvl, lab) for lvl, lab, _ in got if lvl == 1] == [(1, "1."), (1, "2.")]
    assert (2, "（1）", "组织学习") in got


def test_heading_that_runs_into_its_paragraph_gets_the_title_before_the_first_stop():
    got = flat(sections_of("一、加强思想建设。一是组织学习；二是开展宣讲。", "二、关爱职工：走访慰问困难职工。", "三、其他"))
    assert [t for _, _, t in got] == ["加强思想建设", "关爱职工", "其他"]


def test_month_headings_over_lists_are_sections():
    got = flat(sections_of("十月：深深爱国情", "1.加强常规教育", "2.开展庆国庆活动", "十一月：拳拳感恩心", "1.召开队干部会议"))
    assert [(lvl, t) for lvl, _, t in got] == [(1, "深深爱国情"), (1, "拳拳感恩心")]


def test_month_entries_are_not_sections():
    assert sections_of("三月：组织植树活动；开展三八节庆祝活动。", "四月：召开职代会。", "五月：举办运动会。") == []


def test_month_entries_under_a_heading_are_not_its_subsections():
    got = flat(sections_of("一、活动安排", "三月：组织植树活动。", "四月：召开职代会。", "二、保障措施", "加强领导。"))
    assert got == [(1, "一、", "活动安排"), (1, "二、", "保障措施")]


def test_top_kind_that_restarts_gives_no_sections():
    # an excerpt whose 一、 headings were cut away: the 1. items restart and cannot be the top
    assert sections_of("1.学习文件。", "2.开展讨论。", "1.组织比赛。", "2.开展评比。") == []


def test_word_automatic_labels_take_part_like_typed_ones():
    got = flat(
        sections_of(
            Line(text="加强学习", label="一、", list_level=0),
            Line(text="组织学习。", label="1.", list_level=1),
            Line(text="关爱职工", label="二、", list_level=0),
            Line(text="走访慰问。", label="1.", list_level=1),
        )
    )
    assert got == [(1, "一、", "加强学习"), (1, "二、", "关爱职工")]


def test_quarter_headings_over_month_entries_are_sections():
    got = flat(sections_of("第一季度", "1月：举办联欢会。", "2月：猜灯谜。", "第二季度", "4月：运动会。", "5月：表彰活动。"))
    assert [t for _, _, t in got] == ["第一季度", "第二季度"]
