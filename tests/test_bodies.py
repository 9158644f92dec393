"""Bodies: organisations a plan names, their roles, merging, schedule tables."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from extractor.bodies import Mention, find_mentions, merge_bodies, split_body_list, table_role

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def names(text: str) -> dict[str, str]:
    return {m.name: m.role for m in find_mentions(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 在…领导下 / 指导下: the leaders
        ("公司女工委员会将在县总工会和妇联组织以及公司党委的领导下开展工作。",
         {"公司女工委员会": "lead", "县总工会": "leader", "妇联": "leader", "公司党委": "leader"}),
        ("公司女职工委员会将在公司党委和公司工会的领导下，在市总工会女职工委员会的指导下，开展工作。",
         {"公司女职工委员会": "lead", "公司党委": "leader", "公司工会": "leader", "市总工会女职工委员会": "leader"}),
        ("在局党组的领导下不断增强局机关的凝聚力。", {"局党组": "leader"}),
        # 由…负责 / X牵头: the one who carries the task
        ("由教代会提案工作委员会负责认真办理教代会提案。", {"教代会提案工作委员会": "lead"}),
        ("由学校工会女教职工委员会组织女教职工开展读书沙龙。", {"学校工会女教职工委员会": "lead"}),
        # 会同/联合: partners; 配合/协助: the body helped carries the task
        ("会同区人力资源和社会保障局、区工商业联合会健全劳动关系三方协商机制。",
         {"区人力资源和社会保障局": "support", "区工商业联合会": "support"}),
        ("配合公司人力资源部做好专项集体合同续签工作。", {"公司人力资源部": "lead"}),
        ("协助学校行政做好教职工年度健康体检工作。", {"学校行政": "lead"}),
        ("在建安医院的协助下，聘请市里的医学教授开展讲座。", {"建安医院": "support"}),
        # prefixes: places, 各, brackets, 市、区 coordination, company names
        ("各街道（镇）总工会、各产业工会要结合实际制定计划。", {"各街道（镇）总工会": "lead", "各产业工会": "lead"}),
        ("加强与市、区慈善会和劳务工关爱基金等组织的联系。", {"市、区慈善会": "support", "劳务工关爱基金": "support"}),
        ("江岳重工机械股份有限公司女职工委员会2026年工作计划", {"江岳重工机械股份有限公司女职工委员会": "mention"}),
        ("2022年，益阳市统计局机关工会将以习近平新时代中国特色社会主义思想为指导。", {"益阳市统计局机关工会": "lead"}),
        ("定期向区总工会办公室报送工作进展情况。", {"区总工会办公室": "mention"}),
        # jieba glues a preposition to a one-character place (在院|党委): split off
        ("医院工会在院党委的领导下，积极配合医务科、护理部开展技能竞赛。",
         {"医院工会": "lead", "院党委": "leader", "医务科": "lead", "护理部": "lead"}),
        ("学校团委、少先队大队部联合社区居委会开展志愿服务。",
         {"学校团委": "lead", "少先队大队部": "lead", "社区居委会": "support"}),
        ("中国银行江城分行工会将组织职工参加技能比武。", {"中国银行江城分行工会": "lead"}),
        # traditional characters keep their spelling
        ("少先隊大隊部將在四月份組織全校隊員開展讀書節活動。", {"少先隊大隊部": "lead"}),
    ],
)
def test_find_mentions_names_and_roles(text: str, expected: dict[str, str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "认真落实中国工会十八大和市总工会十六届五次全委会议部署。",  # congresses and sessions
        "举办基层工会主席培训班2期，召开工会小组长联席会议。",  # people
        "组织教师学习《企业工会工作条例》，开展“职工之家”创建。",  # titles and quoted slogans
        "力争再创十家示范工会，年底开展“优秀工会小组”评选。",  # titles, counts of a kind
        "加强劳模和工匠人才创新工作室建设，落到实处。",  # rooms and idioms
        "加强基层工会经费审查委员会建设。",  # the object of building, not an actor
        "工会工作将和行政管理工作相互协作，围绕党政中心工作。",  # compound nouns
        "各单位要做好本部门的工作，企业和职工共同发展。",  # generic nouns alone
    ],
)
def test_find_mentions_ignores_what_is_no_body(text: str) -> None:
    assert find_mentions(text) == []


def test_weak_nouns_count_only_as_actors() -> None:
    # 学校/公司/行政 are bodies where the sentence makes them act, not elsewhere
    assert names("协助学校做好新学期开学工作。") == {"学校": "lead"}
    assert names("学校卫生工作直接关系到每一个学生的健康发展。") == {}
    assert names("确保总公司组织开展的安全劳动竞赛达标。") == {"总公司": "lead"}
    assert names("围绕固废公司全年中心工作开展活动。") == {}


def test_mention_offsets_point_into_the_text() -> None:
    text = "2025年，学校工会将在学校党总支和市教育工会的领导下开展工作。"
    for m in find_mentions(text):
        assert text[m.start : m.end] == m.name
    assert [m.name for m in find_mentions(text)] == ["学校工会", "学校党总支", "市教育工会"]


def test_merge_bodies_counts_roles_and_the_issuer() -> None:
    mentions = [
        Mention("区总工会", "mention", 0, 4),
        Mention("权益保障部", "lead", 10, 15),
        Mention("权益保障部", "mention", 20, 25),
        Mention("女职工委员会", "lead", 30, 36),
        Mention("市总工会女职工委员会", "leader", 40, 50),
        Mention("区人力资源和社会保障局", "support", 60, 71),
    ]
    bodies = {b.name: b for b in merge_bodies(mentions, unit="青川区总工会")}
    # the unit is the issuer; its short form (a suffix of it) is the unit itself
    assert bodies["青川区总工会"].roles == ["issuer"]
    assert bodies["青川区总工会"].mentions == 1
    assert "区总工会" not in bodies
    # "mention" is dropped when a real role exists
    assert bodies["权益保障部"].roles == ["lead"] and bodies["权益保障部"].mentions == 2
    # a short form that ends another body's name is not merged into it
    assert bodies["女职工委员会"].roles == ["lead"]
    assert bodies["市总工会女职工委员会"].roles == ["leader"]
    assert bodies["区人力资源和社会保障局"].roles == ["support"]


def test_merge_bodies_without_unit_and_normalised_names() -> None:
    bodies = merge_bodies([Mention("各区(县)教育局", "lead", 0, 8), Mention("各区（县）教育局", "support", 9, 17)])
    assert len(bodies) == 1
    assert bodies[0].roles == ["lead", "support"] and bodies[0].mentions == 2
    only_mentions = merge_bodies([Mention("团市委", "mention", 0, 3)])
    assert only_mentions[0].roles == ["mention"]


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("牵头单位", "lead"), ("责任单位", "lead"), ("责任部门", "lead"), ("负责部门", "lead"),
        ("责任主体", "lead"), ("承办单位", "lead"), ("配合单位", "support"), ("协办单位", "support"),
        ("参与单位", "support"), (" 配合 单位 ", "support"), ("时间", None), ("工作内容", None), ("责任人", None),
    ],
)
def test_table_role(header: str, role: str | None) -> None:
    assert table_role(header) == role


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("市教育局、各区(县)教育局", ["市教育局", "各区(县)教育局"]),
        ("权益保障部\n办公室", ["权益保障部", "办公室"]),
        ("区人力资源和社会保障局", ["区人力资源和社会保障局"]),
        ("各区(县)教育局、各相关学校等", ["各区(县)教育局", "各相关学校"]),
        ("  ", []),
    ],
)
def test_split_body_list(cell: str, expected: list[str]) -> None:
    assert split_body_list(cell) == expected


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def test_fixture_d3_bodies_match_gold() -> None:
    """The real fixture plan, lines joined as the cleaner does: every gold body found."""
    raw = (SHARED / "fixtures" / "d3.txt").read_bytes().decode("gb18030").replace("\r", "")
    text = re.sub(r"\n\s*- \d+ -\s*\n", "\n", raw).replace("\n", "")
    text = text[text.index("2025年，学校工会") :]
    gold = json.loads((SHARED / "fixtures" / "d3.txt.gold.json").read_text(encoding="utf-8"))["plans"][0]
    got = {_norm(b.name) for b in merge_bodies(find_mentions(text), unit="临江市第二实验中学工会")}
    entries = [{_norm(s) for s in e} for e in gold["bodies"]]
    assert all(e & got for e in entries), [sorted(e) for e in entries if not e & got]
    assert all(any(g in e for e in entries) for g in got), got


def test_a_quote_holding_exactly_a_named_body_names_it() -> None:
    # "“葵涌工会”博客": the blog is the union's own; a slogan or title is not a body
    assert names("进一步完善“葵涌工会”博客。") == {"葵涌工会": "mention"}
    assert names("开展“五小”创新和“优秀工会小组”评选。") == {}


def test_the_units_short_form_merges_into_the_unit() -> None:
    bodies = merge_bodies(find_mentions("办好“青川工会”微信公众号。"), unit="青川区总工会")
    assert [(b.name, b.mentions) for b in bodies] == [("青川区总工会", 1)]
