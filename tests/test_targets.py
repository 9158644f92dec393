"""Targets: quantified commitments, and the numbers that are none."""

from __future__ import annotations

import pytest

from extractor.targets import find_targets


@pytest.mark.parametrize(
    ("text", "quantity", "unit", "phrase"),
    [
        ("年度内，各单位工会至少要组织一次文化体育活动", 1, "次", "至少要组织一次"),
        ("至少组织一次", 1, "次", "至少组织一次"),
        ("全年培训200人次", 200, "人次", "培训200人次"),
        ("入会率达到95%以上", 95, "%", "入会率达到95%以上"),
        ("新发展会员500名", 500, "名", "新发展会员500名"),
        ("集中学习不少于12次", 12, "次", "集中学习不少于12次"),
        ("组织各类培训不少于 6 期", 6, "期", "组织各类培训不少于 6 期"),
        ("参训女职工达到 800 人次以上", 800, "人次", "参训女职工达到 800 人次以上"),
        ("设置电工、焊工、养老护理员、网约配送员等10个以上赛项", 10, "个", "10个以上"),
        ("力争参赛职工突破2万人次", 20000, "人次", "力争参赛职工突破2万人次"),
        ("新签和续签集体合同300份以上", 300, "份", "新签和续签集体合同300份以上"),
        ("命名区级模范职工之家10家", 10, "家", "命名区级模范职工之家10家"),
        ("举办基层工会主席培训班2期", 2, "期", "举办基层工会主席培训班2期"),
        ("举办两期培训", 2, "期", "举办两期"),
        ("组织劳模工匠进企业宣讲15场次", 15, "场次", "组织劳模工匠进企业宣讲15场次"),
        ("签订率保持 100%", 100, "%", "签订率保持 100%"),
        ("力争再创十家示范工会", 10, "家", "力争再创十家"),
        ("组织1—2期工会干部业务培训", 1, "期", "组织1—2期"),
        ("上半年举办“最美女职工”事迹分享会 1 场", 1, "场", "举办“最美女职工”事迹分享会 1 场"),
        ("4月左右组织一次春游活动", 1, "次", "组织一次"),
        ("每学期至少开展一次读书交流会", 1, "次", "至少开展一次"),
        ("新建户外劳动者服务站点10个", 10, "个", "新建户外劳动者服务站点10个"),
    ],
)
def test_find_targets(text: str, quantity: int, unit: str, phrase: str) -> None:
    targets = find_targets(text)
    assert [(t.quantity, t.unit, t.text) for t in targets] == [(quantity, unit, phrase)]


def test_a_list_of_targets_under_one_verb() -> None:
    targets = find_targets("创建市级以上“巾帼文明岗”1 个、公司级“巾帼建功标兵”10 名，女职工组织规范化建设达标率 100%。")
    assert [(t.quantity, t.unit) for t in targets] == [(1, "个"), (10, "名"), (100, "%")]
    assert targets[2].text == "达标率 100%"


@pytest.mark.parametrize(
    "text",
    [
        "2025年是“十四五”规划收官之年",  # a year, a quoted plan name
        "3月24日世界结核病防治日宣传教育活动",  # a date
        "第二期黑板报",  # an ordinal
        "筹备召开学校第六届教职工代表大会第三次会议",  # ordinals
        "召开区总工会五届四次全委（扩大）会议",  # a session number
        "庆祝第41个教师节，慰问从教满30年的教师",  # ordinal, a length of service
        "慰问70周岁以上退休老教师",  # an age
        "开展“十个五”活动",  # a quoted slogan
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”",  # quoted slogans
        "注重提高各级工会干部的三个能力：即学习创新能力",  # a count introducing a list
        "参与职工意外伤害保障和住院津贴综合互助保障等四个保障计划",  # a count summing up a list
        "公司已将5个新发癌症职工作为重点关心对象",  # a fact, no commitment
        "表彰一批先进集体",  # vague
        "建党98周年系列活动",  # an anniversary
        "2024年12月，学校工会被市教育工会评为先进",  # dates
    ],
)
def test_not_targets(text: str) -> None:
    assert find_targets(text) == []
