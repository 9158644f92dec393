"""Cleaning: what a reader's blocks become before plans are split.

Inputs are short texts run through the real txt reader, so each case is a
file a user could hand in (hard-wrapped lines, web pages pasted into .txt).
"""

from __future__ import annotations

import pytest

from extractor.clean import clean, is_boilerplate, splits_word
from extractor.readers import read_bytes
from extractor.tables import grid as pipe_table
from models import Block


def lines_of(text: str) -> list[str]:
    return [ln.full_text for ln in clean(read_bytes(text.encode("utf-8"), "probe.txt").blocks)]


# --- line joins ---------------------------------------------------------------

HARD_WRAPPED = """\
2024年，公司工会将在公司党委和上级工会的领导下，坚持以职工为中心的工
作导向，紧紧围绕公司年度生产经营目标，团结动员广大职工立足岗位建功立业，
切实维护职工合法权益，努力把工会建设成为职工信赖的温暖之家。
一、围绕生产经营，深入开展劳动竞赛
1.启动“安全运输百日无事故”劳动竞赛，以车队为单位开展比拼，竞赛结果与
班组评优挂钩，对表现突出的车队和个人给予表彰奖励，并在公司内部宣传推
广先进经验。
2.联合公司人力资源部举办叉车、驾驶等岗位技能比武，对获奖职工按照公司有
关规定给予奖励。
二、维护职工权益，构建和谐劳动关系
1.召开公司第三届职工代表大会第二次会议，审议公司年度工作报告。
"""


def test_hard_wrapped_txt_rejoins_paragraphs_and_keeps_headings_apart():
    got = lines_of(HARD_WRAPPED)
    assert got[0].startswith("2024年，公司工会") and got[0].endswith("温暖之家。")
    assert "以职工为中心的工作导向" in got[0]  # 工|作 rejoined
    assert got[1] == "一、围绕生产经营，深入开展劳动竞赛"
    assert got[2].startswith("1.启动") and got[2].endswith("宣传推广先进经验。")
    assert got[3] == "2.联合公司人力资源部举办叉车、驾驶等岗位技能比武，对获奖职工按照公司有关规定给予奖励。"
    assert got[4] == "二、维护职工权益，构建和谐劳动关系"
    assert len(got) == 6


def test_word_broken_across_lines_is_rejoined():
    assert lines_of("一、加强学习\n组织广大职\n工参加技能培训\n二、关爱职工") == [
        "一、加强学习",
        "组织广大职工参加技能培训",
        "二、关爱职工",
    ]


def test_splits_word_sees_a_word_across_the_break_only():
    assert splits_word("组织广大职", "工参加培训")
    assert not splits_word("三、保障措施", "切实加强领导")
    assert not splits_word("四、工作要求", "各单位要高度重视")


def test_line_starting_with_a_full_stop_continues_the_sentence():
    assert lines_of("组织开展读书活动\n。二是开展竞赛活动。") == ["组织开展读书活动。二是开展竞赛活动。"]


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_line_opened_by_de_goes_on_the_sentence_before_it(gap):
    text = f"(1) 组织新青年志愿者的招募,注册工作,并统计所有加入{gap}的青年志愿者。\n(2) 开展志愿服务。"
    assert lines_of(text)[0] == "(1) 组织新青年志愿者的招募,注册工作,并统计所有加入的青年志愿者。"
    # a finished sentence stays apart
    assert len(lines_of("一、三月开展植树。\n\n的确要做好准备。")) == 2


def test_page_number_between_two_halves_of_a_sentence_is_dropped_and_the_halves_joined():
    text = "组织职工参加市总工会举办的职工技能大赛，做好选手的\n\n- 1 -\n\n推荐和集训工作。\n2.其他工作。"
    assert lines_of(text) == ["组织职工参加市总工会举办的职工技能大赛，做好选手的推荐和集训工作。", "2.其他工作。"]


def test_page_number_inside_a_numbered_item_joins_its_halves():
    text = "一、加强学习\n1.组织职工参加市总工会举办的职工技能大赛，做好选手的\n\n第1页 共3页\n\n推荐和集训工作。\n2.其他工作。"
    assert lines_of(text)[1] == "1.组织职工参加市总工会举办的职工技能大赛，做好选手的推荐和集训工作。"


def test_a_list_of_short_lines_is_not_taken_for_hard_wrapped_text():
    text = (
        "三月份：\n植树节组织义务植树\n开展学雷锋志愿服务\n四月份：\n清明节祭扫烈士墓\n组织春季运动会\n"
        "五月份：\n庆祝五一劳动节\n开展青年节活动\n六月份：\n庆祝六一儿童节\n"
    )
    assert lines_of(text) == [ln for ln in text.splitlines() if ln]


def test_short_heading_lines_stay_apart_from_their_paragraphs():
    text = (
        "第一部分 总体要求\n一、指导思想\n坚持学习。\n第二部分 主要任务\n一、加强建设\n"
        "（一）组织学习\n1.学习文件。\n（二）开展活动\n二、关爱职工\n第三部分 保障措施\n加强领导。"
    )
    assert "第三部分保障措施" in lines_of(text)


@pytest.mark.parametrize("mark", ["- 1 -", "— 2 —", "-3-", "第1页 共3页", "第2页", "3/5", "12"])
def test_page_numbers_are_boilerplate(mark):
    assert is_boilerplate(mark)


# --- boilerplate --------------------------------------------------------------

WEB_PAGE = """\
中国范文网 www.fanwen.com.cn
您的位置：首页 > 工作计划 > 工会工作计划
来源：网络 作者：佚名 更新时间：2024-01-05
2024年公司工会工作计划
2024年，公司工会将以习近平新时代中国特色社会主义思想为指导，围绕...
2024年，公司工会将以习近平新时代中国特色社会主义思想为指导，围绕中心，服务大局。
一、加强学习[bookmark: _Toc1]
组织职工学习党的二十大精神。
责任编辑：张三
扫一扫，分享到手机
相关推荐
本文来源：网络
"""


def test_web_page_boilerplate_is_removed():
    assert lines_of(WEB_PAGE) == [
        "2024年公司工会工作计划",
        "2024年，公司工会将以习近平新时代中国特色社会主义思想为指导，围绕中心，服务大局。",
        "一、加强学习",
        "组织职工学习党的二十大精神。",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "中国范文网 www.fanwen.com.cn",
        "您的位置：首页 > 工作计划 > 工会工作计划",
        "来源：网络 作者：佚名 更新时间：2024-01-05",
        "发布时间:2022-01-12 09:04 作者: 来源:市统计局 浏览次数: 字体:【大】 【中】 【小】",
        "责任编辑：张三",
        "扫一扫在手机打开当前页",
        "相关推荐",
        "本文来源：网络",
        "（供稿：市统计局机关工会 欧阳志奇）",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    ["2024年，公司工会将以习近平新时代中国特色社会主义思想为指导。", "一、加强学习", "3月：组织植树活动。"],
)
def test_plan_lines_are_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_a_signature_date_is_kept():
    assert not is_boilerplate("2024年1月12日")


def test_bookmark_markers_are_removed_from_docx_text():
    got = clean([Block(text="一、加强学习[bookmark: _Toc123]"), Block(text="组织学习。")])
    assert [ln.text for ln in got] == ["一、加强学习", "组织学习。"]


# --- inline labels --------------------------------------------------------------


def test_label_run_into_the_previous_sentence_starts_a_line():
    assert lines_of("加强民主管理，推进厂务公开等。 3、强民主，促和谐") == ["加强民主管理，推进厂务公开等。", "3、强民主，促和谐"]


def test_decimal_number_is_not_split_as_a_label():
    assert lines_of("入会率达到95.5%以上。") == ["入会率达到95.5%以上。"]


# --- pipe tables --------------------------------------------------------------


def test_pipe_table_becomes_one_table_line():
    got = clean(read_bytes("时间 | 内容 | 负责 |\n3月 | 植树 | 工会 |\n4月 | 运动会 | 团委 |\n".encode(), "t.txt").blocks)
    assert len(got) == 1 and got[0].is_table
    assert [[c.text for c in row] for row in got[0].rows] == [["时间", "内容", "负责"], ["3月", "植树", "工会"], ["4月", "运动会", "团委"]]


def test_pipe_table_row_missing_its_leading_cells_continues_the_cell_above():
    rows = pipe_table([["时间", "内容", "负责"], ["3月", "植树", "工会"], ["学雷锋", "团委"], ["4月", "运动会", "工会"]])
    assert rows[1][0].text == "3月" and rows[1][0].row_span == 2
    assert rows[2][0].continued and [c.text for c in rows[2][1:]] == ["学雷锋", "团委"]
    assert rows[3][0].text == "4月" and rows[3][0].row_span == 1


def test_markdown_rule_row_is_not_a_table_row():
    got = clean(read_bytes("| 时间 | 内容 |\n| --- | --- |\n| 3月 | 植树 |\n".encode(), "t.txt").blocks)
    assert [[c.text for c in row] for row in got[0].rows] == [["时间", "内容"], ["3月", "植树"]]


@pytest.mark.parametrize(
    "line",
    [
        "下面小编整理了团支部工作计划（精选3篇），欢迎大家借鉴与参考，希望对大家有所帮助。",
        "阅读┊ 收藏 ┊转载 ┊喜欢▼ ┊打印┊举报",
        "【关闭】 【打印】",
        "發佈時間:2019-01-08 來源:工會辦公室 瀏覽:",
    ],
)
def test_compilers_words_share_bars_and_traditional_bylines_are_boilerplate(line):
    assert is_boilerplate(line)


def test_comma_wrapped_cells_are_never_joined():
    text = ",3月,\n,1、植树活动。,\n,大队辅导员、各中队辅导员,\n,4月,\n,缅怀先烈·传承精神,\n"
    assert lines_of(text) == ["3月", "1、植树活动。", "大队辅导员、各中队辅导员", "4月", "缅怀先烈·传承精神"]


def test_centred_titles_and_right_aligned_signatures_stand_alone():
    text = (
        "                 XX县总工会2025年工作计划\n"
        "为做好2025年工作，结合实际，制定本计划，请各单位认真抓好贯彻落实，确保各项工作取得实效，\n"
        "推动工会工作高质量发展。\n"
        "                                        XX县总工会\n"
        "                                        2025年1月15日\n"
    )
    assert lines_of(text) == [
        "XX县总工会2025年工作计划",
        "为做好2025年工作，结合实际，制定本计划，请各单位认真抓好贯彻落实，确保各项工作取得实效，推动工会工作高质量发展。",
        "XX县总工会",
        "2025年1月15日",
    ]
