"""Bodies: organisations a plan names, their roles, merging, schedule tables.

The sentence tables run the rules alone (find_mentions(…, how="rules")), so
that they hold whether or not a trained model is shipped; the model has tests
of its own below. Every kind of organisation and every role cue in the data
files is tested by the tables generated from them: adding a line to
data/bodies/*.json adds its test."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from extractor.bodies import Mention, find_mentions, merge_bodies, split_body_list, table_role

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def names(text: str) -> dict[str, str]:
    return {m.name: m.role for m in find_mentions(text, how="rules")}


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
        "本部门的工作，企业和职工共同发展。",  # generic nouns alone
    ],
)
def test_find_mentions_ignores_what_is_no_body(text: str) -> None:
    assert find_mentions(text, how="rules") == []


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


# Where a name starts and ends: each row is a rule of extractor/bodies.py with
# a case it must keep and, where it guards against one, a case it must drop.
@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        # an outline label before a name is never part of it, full- or half-width
        ("label", "（三）教务处每周检查教案。", {"教务处"}),
        ("label", "(2)团委组织团员学习。", {"团委"}),
        ("label", "1．工会委员会负责组织。", {"工会委员会"}),
        # 和/与/及 cut a coordination unless the whole is one standard name
        ("coordination", "把党和政府的关怀送到困难职工家中。", set()),
        ("coordination", "会同区住房和城乡建设局开展检查。", {"区住房和城乡建设局"}),
        ("coordination", "加强与县委和县政府的沟通。", {"县委", "县政府"}),
        ("coordination", "由区教育局与区卫生健康委员会联合检查。", {"区教育局", "区卫生健康委员会"}),
        # ... but X与Y before a committee share its head: one name
        ("joint committee", "每季度召开一次教学与科研委员会会议。", {"教学与科研委员会"}),
        # growth stops at a verb; a verb inside a name names what a bare office does
        ("verb", "为退休职工增加体检项目，组织职工子女参观集团展厅。", set()),
        ("verb", "由消费者权益保护科负责。", {"消费者权益保护科"}),
        # where people are sent is a place, not a body doing the work
        ("destination", "选派医生到市人民医院进修。", set()),
        ("destination", "组织党员走进山区小学开展支教活动。", set()),
        ("destination", "将任务分解落实到各基层工会。", {"各基层工会"}),
        ("destination", "到年底，区总工会要完成换届。", {"区总工会"}),
        # the source of a meeting's spirit is no doer; the same body leading is
        ("source", "认真学习贯彻市总工会、上级工会有关会议精神。", set()),
        ("source", "在市总工会的领导下开展工作。", {"市总工会"}),
        # a thing being built is no body yet, unless it is charged with work
        ("built", "建立职工法律援助服务站，及时调处纠纷。", set()),
        # teams and groups only where the plan hands them work
        ("team", "以班组为单位开展技能比武。", {"班组"}),
        ("team", "各备课组要制定教学计划。", {"各备课组"}),
        ("team", "各年级组、备课组要按照统一安排集体备课。", {"各年级组", "备课组"}),
        ("team", "召开教研组长会议。", set()),
        # offices named by trade (…所, …站); sites and public places are none
        ("office", "联合镇司法所、财政所开展普法宣传。", {"镇司法所", "财政所"}),
        ("office", "联合社区卫生服务站开展义诊。", {"社区卫生服务站"}),
        ("office", "新建户外劳动者服务站点10个。", set()),
        # a lone 所 after a noun ends an office, unless it is the particle of 为…所V
        ("office", "县卫生监督所负责公共场所卫生监督检查。", {"县卫生监督所"}),
        ("office", "镇农经所、水管所要做好汛期值守。", {"镇农经所", "水管所"}),
        ("office", "加强公共场所和网站管理。", set()),
        # 团组织/党组织 when qualified (上级, 基层, 各…), not bare or being built
        ("league", "在上级党组织的领导下开展工作。", {"上级党组织"}),
        ("league", "各基层团组织要每月开展学习。", {"各基层团组织"}),
        ("league", "发挥党组织战斗堡垒作用。", set()),
        ("league", "提升基层团组织建设水平。", set()),
        # a bare kind listed after a named body shares its place name
        ("shared prefix", "在街道党工委、办事处的领导下开展工作。", {"街道党工委", "办事处"}),
        # a word that names no body ends the anchor (活动室, 场所), but an
        # office named by what it does is one (管理|科, not 管|理科)
        ("not an office", "在职工活动室和公共场所张贴海报。", set()),
        ("not an office", "由安全管理科负责隐患排查。", {"安全管理科"}),
        ("not an office", "推动护理学科和重点学科建设。", set()),
        # a table cell holding only a name is that name whole
    ],
)
def test_span_rules(rule: str, text: str, expected: set[str]) -> None:
    assert set(names(text)) == expected, rule


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("以教研组为单位开展集体备课。", "lead"),
        ("在上级团组织的指导下开展工作。", "leader"),
        ("联合社区新时代文明实践站举办托管班。", "support"),
        ("局办公室负责统筹，镇农经所配合。", "support"),
    ],
)
def test_new_kinds_take_their_roles(text: str, role: str) -> None:
    assert list(names(text).values())[-1] == role


def test_a_place_unit_is_issued_by_its_governing_body() -> None:
    # a plan signed by 红星村 is the village committee's, named in full in the text
    bodies = merge_bodies([Mention("红星村村委会", "lead", 0, 6), Mention("村委会", "mention", 9, 12)], unit="红星村")
    assert [(b.name, b.roles, b.mentions) for b in bodies] == [("红星村村委会", ["issuer", "lead"], 2)]
    # other bodies of the place stay apart
    bodies = merge_bodies([Mention("红星社区党支部", "lead", 0, 7)], unit="红星社区")
    assert [b.name for b in bodies] == ["红星社区", "红星社区党支部"]


# Generalisation from the blind probes (probes2, probes3): each row is a rule
# with sentences of our own, a case to keep and, where it guards, one to drop.
@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        # a verb or conjunction jieba glues to a place it knows (会同县, 和县):
        # in running text the verb reading wins; a short title line keeps the place
        # a preposition or verb glued to a one-character kind (经局, 报局)
        ("glued kind", "经局党委研究同意后实施。", {"局党委"}),
        ("glued kind", "相关材料报局人事科备案。", {"局人事科"}),
        # A和B before a department's kind is one standard name; coordinations of
        # bodies or of other things are still cut
        ("department 和", "由宣传和统战部负责组织。", {"宣传和统战部"}),
        ("department 和", "把党和政府的温暖送到群众心中。", set()),
        # places listed inside a bracket; 纪委监委 is one body
        ("bracket list", "各县（市、区）团委要认真落实。", {"各县（市、区）团委"}),
        ("joint office", "配合市纪委监委开展专项监督。", {"市纪委监委"}),
        # a lone 站/办/院 after a noun ends an office; 站 and 办 as verbs do not
        ("office", "联合城关应急救援站开展演练。", {"城关应急救援站"}),
        ("office", "由县社会事务办负责接待。", {"县社会事务办"}),
        ("office", "邀请区妇女儿童保健院专家开展讲座。", {"区妇女儿童保健院"}),
        ("office", "联合财务部、资产管理部等部门开展清查。", {"财务部", "资产管理部"}),
        # verbs jieba tags as nouns (整理, 荣获, 深化) never start a name
        ("verb", "年底整理党支部台账。", {"党支部"}),
        ("verb", "持续深化妇联组织改革。", set()),
        # a person, a level, a grade or a quality of the body is no body
        ("not a body", "配齐配强妇联执委。", set()),
        ("not a body", "资助困难职工家庭大学新生。", set()),
        ("not a body", "争创集团级示范岗。", set()),
        ("not a body", "医院通过三级甲等医院评审。", set()),
        ("not a body", "增强基层党组织的凝聚力。", set()),
        ("not a body", "做好实习生入科教育，开展跨部门联合检查。", set()),
        ("not a body", "心理咨询室每天开放。", set()),
        # a table cell holding a department whose name starts like a verb
        # whose units (市直各单位, 局属各单位) and places named with 里/庄
        ("owner", "市直各单位要按时报送。", {"市直各单位"}),
        ("owner", "现将任务分解如下，请局属各单位认真抓好落实。", {"局属各单位"}),
        # a generic member first in the list (各科室、) leaves 请 governing the rest
        ("owner", "联合光明里小学开展读书活动。", {"光明里小学"}),
        ("owner", "邀请市总工会领导出席。", set()),
        # a destination after a relative clause; a team being set up
        ("team", "组织“巾帼志愿服务队”深入社区开展宣传。", {"巾帼志愿服务队"}),
        ("team", "协助学生会开展文明礼仪检查。", {"学生会"}),
        # a weak name listed beside a named body is one of the same kind
        ("list", "联合东城幼儿园、小学开展安全演练。", {"东城幼儿园", "小学"}),
        # 科室 qualified by its field is a body; bare or only 各 it is every office
        ("offices", "各临床科室要落实带教责任。", {"各临床科室"}),
        # a look back at a past year or an award names no body of the plan's
        # work; last year's leaders still lead, an aim is no award
        ("review", "2024年，区文明办组织开展了评选。2025年，街道团工委将联合区团委开展志愿服务。", {"街道团工委", "区团委"}),
        ("review", "2024年，在街道党工委的领导下，社区完成换届。2025年，社区党支部将继续做好工作。", {"街道党工委", "社区党支部"}),
        ("review", "去年9月，区档案局指导完成了归档。", set()),
        ("review", "县总工会荣获市总工会授予的先进集体称号。", set()),
        ("review", "力争被市总工会评为模范职工之家。", {"市总工会"}),
    ],
)
def test_probe_generalisation_rules(rule: str, text: str, expected: set[str]) -> None:
    assert set(names(text)) == expected, rule


def test_a_table_cell_keeps_a_bracket_of_places_whole() -> None:
    assert split_body_list("各县(市、区)妇联、团市委") == ["各县(市、区)妇联", "团市委"]


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        # a cooperative is an organisation; a bare 合作社 names no one
        ("cooperative", "鼓励农户加入合作社。", set()),
        # X两委: the two committees of a village or community, one body
        ("two committees", "社区两委要定期召开联席会议。", {"社区两委"}),
        # 由 glued to 村 (由村) splits like 由市, so the name starts at 村
        ("由村", "由村党支部负责组织实施。", {"村党支部"}),
        # a verb jieba glues to 局 (协调局) before a body: the bureau's committee
        # four-character 办 phrases with an adjective or adverb before 办 are idioms
        ("idiom 办", "提倡喜事新办，反对铺张浪费、大操大办。", set()),
        ("idiom 办", "由县扶贫办负责审核。", {"县扶贫办"}),
        # a room or a station is a facility unless it acts
        ("room", "学校医务室每月开展一次健康检查。", {"学校医务室"}),
        ("room", "由镇综合文化站负责组织演出。", {"镇综合文化站"}),
        ("room", "局办公室要做好会务保障。", {"局办公室"}),
        # a quoted name before a kind belongs to the name, whatever its words' classes
        ("quoted name", "组织辖区妇女及“两新组织”妇联学习法律知识。", {"“两新组织”妇联"}),
        ("quote closes on the name", "每月召开一次村“两委”联席会议，由村“两委”负责落实。", {"村“两委”"}),
        # a one-character kind cut by jieba from a compound it does not know
        ("compound", "牢牢抓住科创城建设，推动高质量发展。", set()),
        # a weak kind ends a name before spaces as before punctuation
        ("before spaces", "责任单位:各街道,各相关单位  7.其他工作", {"各街道", "各相关单位"}),
        # a title before the kind names an award
        ("award", "评比表彰一批劳动竞赛先进单位。", set()),
        # 围绕…中心: the focus of the work
        ("focus", "紧紧围绕通信发展中心，开展各种形式的劳动竞赛。", set()),
        # 所 opening a clause (所面临的) after a name is no institute; an institute acts
        ("suo clause", "组织全体员工认清中国电信所面临的新形势。", set()),
        ("institute", "由县卫生监督所负责开展检查，派出所配合。", {"县卫生监督所", "派出所"}),
        # 省总, 市总: the federation of trade unions as its people call it
        ("union federation", "在省总、市总的指导下，完成省总三年培训任务。", {"省总", "市总"}),
        ("no federation", "全县总人口达到十万，市总体规划已经完成。", set()),
        # a field's label run into the value before it: the body follows the label
        ("field label", "时间:3月1日至8日地点:县委大门口责任单位:县妇联、县团委", {"县妇联", "县团委"}),
        # 能办, 可办: a modal before 办 (to handle), no office
        ("modal", "同时对政策规定不能办的事，耐心做好解疑工作。", set()),
        # …中心工作, …中心任务: the central work, whoever's
        ("central work", "把每一项工作与公司党政中心工作的部署结合起来。", set()),
        ("central work", "服务县委县政府中心任务，由县科技服务中心负责落实。", {"县科技服务中心"}),
        # kinds the lexicon gained from real plans: a school's level, a corps, the League's centre
        ("kinds", "与麓山国际初中备课组开展交流，由市消防救援总队和团中央指导。", {"麓山国际初中备课组", "市消防救援总队", "团中央"}),
        # characters jieba leaves as morphemes (濠) or measure words (潘|家) inside a place's name
        ("morpheme", "由刘家濠社区负责组织春节联欢。", {"刘家濠社区"}),
        ("family name", "由潘家社区负责组织春节联欢。", {"潘家社区"}),
        # a verb with its preposition (致力于) never opens a name
        ("verb and preposition", "积极履行工会职能，致力于工会组织建设。", set()),
        # words of names jieba reads as times (青年/t), an office's function, titles, new kinds
        ("name words", "由青年志愿服务队承担服务工作。", {"青年志愿服务队"}),
        ("built", "组建青年志愿者协会。", set()),
        ("function", "明确办公室职能，理顺工作关系。", set()),
        ("title", "评选特色团支部。", set()),
        ("kinds", "驻局纪检组全程监督，辖区商户配合做好门前卫生。", {"驻局纪检组", "辖区商户"}),
        ("verb", "助力医院高质量发展。", set()),
        # a word ending in a kind is a name's whatever jieba's class (活动中心/l), a verb in 办 is not
        ("kind word", "由青少年活动中心承办，县文联举办书画展。", {"青少年活动中心", "县文联"}),
        # abbreviated bureaus the segmenter splits (区|发|改|局)
        ("bureaus", "由区发改局、市住建局和县行政审批局负责。", {"区发改局", "市住建局", "县行政审批局"}),
        # a time before a name is no part of it (本学期/n), nor is 纪念 or an edition's 版
        ("time", "本学期各系部所有课程成绩按时上报，对于本学期青年志愿者中队工作进行总结。", {"各系部", "青年志愿者中队"}),
        ("verb", "纪念少先队建队75周年，公布2016年版市政府部门权力清单。", {"少先队", "市政府"}),
        # 进社区: where the work goes
        ("destination", "开展消防安全宣传进社区、进企业活动。", set()),
    ],
)
def test_general_body_fixes(rule: str, text: str, expected: set[str]) -> None:
    assert set(names(text)) == expected, rule


def test_good_after_a_verb_never_opens_a_name() -> None:
    # 做好, 建好, 办好: 好 completes the verb (六好工会 is a title, not a name)
    found = names("以创建六好工会为主线，办好校园广播站，各中队制定好中队计划。")
    assert found and not any(name.startswith("好") or "好工会" in name for name in found)


def test_a_quoted_slogan_before_a_kind_is_no_part_of_its_name() -> None:
    found = names("开展“工会送岗位、乐业在江淮”工会就业援助行动，由县总工会负责。")
    assert "县总工会" in found
    assert not any("江淮" in name or "岗位" in name for name in found)


# ---------------------------------------------------------------- from the data files

LEXICON = json.loads((Path(__file__).resolve().parents[1] / "extractor" / "data" / "bodies" / "lexicon.json").read_text("utf-8"))
CUES = json.loads((Path(__file__).resolve().parents[1] / "extractor" / "data" / "bodies" / "roles.json").read_text("utf-8"))
STRONG = [k for k in LEXICON["kinds"]["strong"] if len(k) > 1 and k not in LEXICON["needs_prefix"] and k not in LEXICON["rooms"]]


@pytest.mark.parametrize("kind", STRONG)
def test_every_kind_of_organisation_in_the_lexicon_ends_a_body(kind: str) -> None:
    found = names(f"由青川区{kind}负责组织开展读书活动。")
    assert any(name.endswith(kind) and role == "lead" for name, role in found.items()), found


@pytest.mark.parametrize("name", ["县文化馆", "市机械厂", "镇综治办", "县扶贫办", "区财政局", "县人民医院", "市交警支队", "区卫生健康局", "校团委"])
def test_an_office_named_by_a_one_character_kind_is_a_body(name: str) -> None:
    assert names(f"由{name}负责组织开展读书活动。") == {name: "lead"}


@pytest.mark.parametrize("word", ["住院", "大操大办", "干部", "全部", "局面"])
def test_a_word_that_only_ends_like_a_kind_names_no_body(word: str) -> None:
    assert names(f"职工{word}情况要及时掌握。") == {}


def _cue_sentences():
    for cue in CUES:
        for w in cue.get("before", []):
            yield pytest.param(f"{w}青川区教育局开展读书活动。", cue["role"], id=f"{cue['role']}-before-{w}")
        for w in cue.get("after", []):
            yield pytest.param(f"青川区教育局{w}开展读书活动。", cue["role"], id=f"{cue['role']}-after-{w}")


@pytest.mark.parametrize(("text", "role"), list(_cue_sentences()))
def test_every_cue_word_of_the_role_table_gives_its_role(text: str, role: str) -> None:
    assert names(text) == {"青川区教育局": role}


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("在县总工会的正确领导下开展工作。", "leader"),
        ("在县妇联的指导下开展工作。", "leader"),
        ("在县人民医院的大力支持下开展义诊。", "support"),
        ("以年级组为单位开展集体备课。", "lead"),
    ],
)
def test_the_patterns_around_a_name_give_its_role(text: str, role: str) -> None:
    assert list(names(text).values()) == [role]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("由区教育局、区卫健局负责。", {"区教育局": "lead", "区卫健局": "lead"}),
        ("会同区民政局和区残联开展慰问。", {"区民政局": "support", "区残联": "support"}),
        ("各街道、各社区要认真落实。", {"各街道": "lead", "各社区": "lead"}),
    ],
)
def test_the_words_around_a_list_give_each_name_its_role(text: str, expected: dict[str, str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("请局属各单位、区直各部门于月底前报送。", {"局属各单位", "区直各部门"}),
        ("各相关单位要高度重视。", {"各相关单位"}),
        ("全区经济运行各专班要加强调度。", {"全区经济运行各专班"}),
    ],
)
def test_collectives_are_bodies(text: str, expected: set[str]) -> None:
    assert set(names(text)) == expected


def test_a_past_years_doers_are_not_this_plans() -> None:
    text = "2023年，区妇联荣获省级表彰。2024年，在区委的领导下，区妇联将开展巾帼建功活动。"
    found = [(m.name, m.role) for m in find_mentions(text, how="rules")]
    assert ("区委", "leader") in found and ("区妇联", "lead") in found
    assert all(m.start > text.index("。") for m in find_mentions(text, how="rules"))


# ---------------------------------------------------------------- the trained model

from extractor.bodies import find, model  # noqa: E402


@pytest.mark.skipif(not model.available(), reason="no trained model shipped")
def test_the_shipped_model_loads_and_marks_a_body() -> None:
    text = "由青川区教育局负责组织开展读书活动。"
    assert [text[a:b] for a, b in model.model_spans(text)] == ["青川区教育局"]


@pytest.mark.skipif(not model.available(), reason="no trained model shipped")
def test_both_proposers_together_keep_the_rules_names_the_model_misses() -> None:
    text = "会同区人力资源和社会保障局、区工商业联合会健全劳动关系三方协商机制。"
    both = {m.name for m in find_mentions(text, how="both")}
    assert {"区人力资源和社会保障局", "区工商业联合会"} <= both


def test_without_a_model_the_rules_run() -> None:
    assert find.mode() in ("rules", "model", "both")
    assert find_mentions("由区教育局负责。", how="rules")[0].name == "区教育局"


def test_a_field_label_gives_its_bodies_their_role_and_stays_out_of_their_names() -> None:
    assert names("牵头单位：区发改局  责任单位：各街道、区直各部门") == {"区发改局": "lead", "各街道": "lead", "区直各部门": "lead"}
    assert names("配合单位:县卫健局") == {"县卫健局": "support"}


def test_the_training_datas_names_do_not_depend_on_where_the_repository_is_checked_out() -> None:
    # the held-out split hashes these names: a clone elsewhere must train the same model
    from extractor.bodies.training import ROOT, _source_name

    assert _source_name(ROOT / "tests" / "data" / "real" / "ra01.txt") == "jihua/tests/data/real/ra01.txt"
    assert _source_name(ROOT.parent / "shared" / "gold" / "g01.txt") == "shared/gold/g01.txt"
