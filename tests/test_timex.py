"""Time expressions → months, as a reader of a work plan would map them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from extractor.timex import TimeExpr, find_times, months_of, parse_heading_time

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# (sentence as it stands in a plan, months, verbatim time_text)
CASES: list[tuple[str, list[int], str | None]] = [
    # months in any writing
    ("三月：开展庆“三八”系列活动", [3], "三月、“三八”"),
    ("3月启动竞赛，组织重点工程项目开展劳动竞赛", [3], "3月"),
    ("5月份将充分和驻街单位联系", [5], "5月份"),
    ("元月组织职工开展迎新春长跑", [1], "元月"),
    ("十一月：举办女职工工作干部培训班", [11], "十一月"),
    ("十二月：召开女职工工作总结表彰会", [12], "十二月"),
    ("二月：举行主题教育活动启动仪式", [2], "二月"),
    ("１２月组织职工书画展", [12], "１２月"),
    ("（时间：３月）组织女职工插花活动", [3], "３月"),
    ("少先队大队部将在四月份组织全校队员开展读书节活动", [4], "四月份"),
    ("组织教职工参加市教育工会举办的比赛。（时间：10月）", [10], "10月"),
    ("12月份召开年度总结会", [12], "12月份"),
    ("九月份组织新教师培训", [9], "九月份"),
    ("2025年1月进行机关工会换届选举", [1], "2025年1月"),
    ("二〇二五年三月召开职代会", [3], "二〇二五年三月"),
    ("2026 年 1 月 5 日", [1], "2026 年 1 月 5 日"),
    ("今年3月举办职工运动会", [3], "今年3月"),
    # lists and ranges
    ("安排3、4月开展安全生产大检查", [3, 4], "3、4月"),
    ("计划三、四月份组织春季健步走", [3, 4], "三、四月份"),
    ("七、八月份：", [7, 8], "七、八月份"),
    ("组织职工于7—8月开展送清凉活动", [7, 8], "7—8月"),
    ("7-8月组织职工疗休养", [7, 8], "7-8月"),
    ("7~8月开展防暑降温慰问", [7, 8], "7~8月"),
    ("计划7至8月举办暑期托管班", [7, 8], "7至8月"),
    ("9月至10月开展职工技能比武", [9, 10], "9月至10月"),
    ("4月至10月分批举办全区职工职业技能大赛", [4, 5, 6, 7, 8, 9, 10], "4月至10月"),
    ("3月至5月集中开展集体协商“要约行动”", [3, 4, 5], "3月至5月"),
    ("6月-7月上旬公布招生工作方案", [6, 7], "6月-7月上旬"),
    ("评选“师德标兵”（时间：6月—9月）", [6, 7, 8, 9], "6月—9月"),
    ("七至八月组织暑期读书活动", [7, 8], "七至八月"),
    ("11月至次年2月开展冬季送温暖", [1, 2, 11, 12], "11月至次年2月"),
    ("3月下旬至4月中旬开展春季运动会", [3, 4], "3月下旬至4月中旬"),
    ("8月13日至9月2日办理注册手续", [8, 9], "8月13日至9月2日"),
    ("5月和6月各组织一次安全培训", [5, 6], "5月和6月"),
    ("七八月份组织职工疗休养", [7, 8], "七八月份"),
    ("九十月份开展职工技能比武", [9, 10], "九十月份"),
    ("时间安排在每年六月份和十二月份的最后一个周末", [6, 12], "六月份和十二月份"),
    ("10-12月份开展年度考核", [10, 11, 12], "10-12月份"),
    # dates and parts of months
    ("3月24日世界结核病防治日宣传教育活动", [3], "3月24日世界结核病防治日"),
    ("8月13-15日到被录取民办学校办理注册手续", [8], "8月13-15日"),
    ("举办教职工趣味运动会。（时间：4月下旬）", [4], "4月下旬"),
    ("1月上旬召开新年联欢会", [1], "1月上旬"),
    ("3月中旬组织女职工健康讲座", [3], "3月中旬"),
    ("3月初召开工会委员会议", [3], "3月初"),
    ("开展“辞旧迎新”联欢会（时间：9月底）", [9], "9月底"),
    ("5月底发布招生工作方案", [5], "5月底"),
    ("4月左右组织一次春游活动", [4], "4月左右"),
    ("3月5日学雷锋纪念日", [3], "3月5日学雷锋纪念日"),
    ("三月五日开展学雷锋志愿服务", [3], "三月五日、学雷锋"),
    ("农历五月初五端午节", [5, 6], "农历五月初五端午节"),
    ("正月十五组织猜灯谜", [2, 3], "正月十五"),
    # deadlines
    ("于2月底前报区总工会办公室备案", [2], "2月底前"),
    ("3月底前完成基层工会换届", [3], "3月底前"),
    ("5月中旬前上报推荐材料", [5], "5月中旬前"),
    ("7月10日前网上报名和填报志愿", [7], "7月10日前"),
    ("8月5日前完成本区民办义务教育学校招生工作", [8], "8月5日前"),
    ("9 月底前完成协商签订", [9], "9 月底前"),
    ("年底前完成经费审查", [12], "年底前"),
    # quarters, halves, year edges
    ("第一季度：迎新与动员", [1, 2, 3], "第一季度"),
    ("一季度开展劳动竞赛动员", [1, 2, 3], "一季度"),
    ("1季度完成职工信息采集", [1, 2, 3], "1季度"),
    ("力争实现首季开门红", [1, 2, 3], "首季"),
    ("第二季度集中开展“入会服务季”活动", [4, 5, 6], "第二季度"),
    ("三季度组织职工疗休养", [7, 8, 9], "三季度"),
    ("第四季度：总结与展望", [10, 11, 12], "第四季度"),
    ("前三季度完成全年目标的80%", [1, 2, 3, 4, 5, 6, 7, 8, 9], "前三季度"),
    ("第一、二季度开展岗位练兵", [1, 2, 3, 4, 5, 6], "第一、二季度"),
    ("一季度末完成职工信息采集", [3], "一季度末"),
    ("Q3完成服务平台上线", [7, 8, 9], "Q3"),
    ("上半年在非公企业中举办专题宣讲20场以上", [1, 2, 3, 4, 5, 6], "上半年"),
    ("下半年组织女职工赴革命传统教育基地开展现场教学", [7, 8, 9, 10, 11, 12], "下半年"),
    ("年中对各基层女职工委员会工作开展情况进行督导检查", [6, 7], "年中"),
    ("年初召开女职工委员会全体委员会议研究部署全年重点工作", [1, 2], "年初"),
    ("年底对竞赛中涌现的优秀班组进行通报表彰", [12], "年底"),
    ("年末开展工会经费审计", [12], "年末"),
    ("作为年终评选“优秀工会小组”的依据", [12], "年终"),
    ("岁末开展困难职工慰问", [12], "岁末"),
    ("今年初已完成换届", [1, 2], "今年初"),
    # seasons
    ("春季组织职工健步走", [3, 4, 5], "春季"),
    ("夏季开展送清凉活动", [6, 7, 8], "夏季"),
    ("秋季举办职工运动会", [9, 10, 11], "秋季"),
    ("冬季开展送温暖活动", [1, 2, 12], "冬季"),
    ("举办职工子女暑期托管班", [7, 8], "暑期"),
    ("暑假期间组织教师培训", [7, 8], "暑假"),
    ("做好寒假值班安排", [1, 2], "寒假"),
    ("利用寒暑假组织教师培训", [1, 2, 7, 8], "寒暑假"),
    ("9月开展秋季职工运动会", [9], "9月"),  # the month inside the season is what is meant
    # festivals and days
    ("开展元旦春节“送温暖”走访慰问活动", [1, 2], "元旦春节"),
    ("庆元旦活动", [1], "元旦"),
    ("两节期间走访慰问困难职工", [1, 2], "两节"),
    ("五一前完成劳模推荐", [5], "五一"),
    ("开展春节前困难女职工走访慰问", [1, 2], "春节"),
    ("元宵节组织猜灯谜活动", [2, 3], "元宵节"),
    ("开展庆“三八”国际劳动妇女节系列活动", [3], "“三八”国际劳动妇女节"),
    ("举办庆“三八”女职工健康知识讲座", [3], "“三八”"),
    ("庆三八、促健康", [3], "三八"),
    ("庆祝三八妇女节，慰问女教工", [3], "三八妇女节"),
    ("3月12日植树节组织义务植树", [3], "3月12日植树节"),
    ("4月5日清明节组织祭扫烈士墓", [4], "4月5日清明节"),
    ("清明节前后开展革命传统教育", [4], "清明节"),
    ("庆祝“五一”劳动节和“端午节”慰问活动", [5, 6], "“五一”劳动节、端午节"),
    ("五一、五四组织公司员工外出春游", [5], "五一、五四"),
    ("纪念五四运动，开展青年座谈", [5], "五四运动"),
    ("5月第一个星期天母亲节", [5], "5月、母亲节"),
    ("在“三八”节和“母亲节”前后开展心理减压、亲子沟通等主题沙龙", [3, 5], "“三八”节、母亲节"),
    ("慶“六一”暨藝術節閉幕式", [6], "“六一”"),
    ("“六.一”节日到来之际，组织慰问", [6], "“六.一”"),
    ("六一儿童节组织青年员工给福利院儿童送学习用品", [6], "六一儿童节"),
    ("开展“安康杯”竞赛和安全生产月知识答题活动", [6], "安全生产月"),
    ("庆祝七一建党节，表彰优秀党员", [7], "七一建党节"),
    ("八一建军节慰问退役军人职工", [8], "八一建军节"),
    ("七夕节组织青年职工联谊", [7, 8], "七夕节"),
    ("庆祝第41个教师节，召开教师节庆祝表彰大会", [9], "教师节、教师节"),
    ("中秋节发放节日慰问品", [9, 10], "中秋节"),
    ("迎国庆活动", [10], "国庆"),
    ("“十一”期间组织职工登山", [10], "“十一”"),
    ("“五一”和国庆期间分别举办歌咏比赛", [5, 10], "“五一”、国庆"),
    ("迎国庆，组织合唱比赛。（时间：9月底）", [9, 10], "国庆、9月底"),
    ("重阳节老教师慰问活动", [10], "重阳节"),
    ("冬至包饺子活动", [12], "冬至"),
    ("腊八节送腊八粥", [1], "腊八节"),
    ("双十一期间开展消费维权宣传", [11], "双十一"),
    ("12月1日世界艾滋病日宣传教育活动", [12], "12月1日世界艾滋病日"),
    ("开展“3·15”消费者权益保护宣传", [3], "“3·15”"),
    # Traditional characters
    ("5月1日勞動節", [5], "5月1日勞動節"),
    ("6月1日國際兒童節", [6], "6月1日國際兒童節"),
    ("3月8日國際“三八”婦女節", [3], "3月8日國際“三八”婦女節"),
    ("組織全校隊員開展讀書節活動，在五月份開展藝術節活動", [5], "五月份"),
    ("迎國慶文藝匯演", [10], "國慶"),
    ("春節前走訪慰問困難職工", [1, 2], "春節"),
    ("重陽節慰問退休教師", [10], "重陽節"),
    ("3月3日全國愛耳日", [3], "3月3日全國愛耳日"),
    # recurring: no months, the phrase kept
    ("每月召开一次工会委员会议", [], "每月"),
    ("每季度通报一次经费使用情况", [], "每季度"),
    ("每年组织一次职工体检", [], "每年"),
    ("常年开展困难职工帮扶", [], "常年"),
    ("全年开展“职工读书月”活动", [], "全年"),
    ("通过每周例会和班组学习提高职工素质", [], "每周"),
    ("每学期至少开展一次读书交流会", [], "每学期"),
    ("定期公开工会经费收支情况", [], "定期"),
    ("过程跟踪，持续推进", [], "持续推进"),
    ("“月约谈”活动一月一次", [], "一月一次"),
    ("每两个月组织一次培训或讲座", [], "每两个月"),
    ("组织“一月一课”学习，坚持一月一主题", [], "一月一课、一月一主题"),
    ("一年一度的职工运动会", [], "一年一度"),
    ("一月一日举行元旦升旗仪式", [1], "一月一日、元旦"),
    ("每年3月开展女职工健康讲座", [3], "3月"),  # a month beside "每年" still says when
    # not times
    ("积极推荐优秀女职工参评省、市“三八红旗手”", [], None),
    ("争创“三八红旗集体”", [], None),
    ("实现“十连冠”，争创“五一”先进集体", [], None),
    ("做好五一劳动奖章推荐工作", [], None),
    ("认真做好“五一”劳动奖状、奖章和工人先锋号推荐评选工作", [], None),
    ("争创五四红旗团委", [], None),
    ("推荐五四青年奖章候选人", [], None),
    ("培训时间为3个月", [], None),
    ("利用三个月时间集中整治", [], None),
    ("实施职工技能提升三年行动", [], None),
    ("每人至少参加一次培训", [], None),
    ("2025年是“十四五”规划收官之年", [], None),
    ("实施“十五五”发展规划的开局之年", [], None),
    ("“十一五”期间累计培训职工", [], None),
    ("全面贯彻党的二十大和二十届三中全会精神", [], None),
    ("认真落实中国工会十八大精神", [], None),
    ("召开区总工会五届四次全委（扩大）会议", [], None),
    ("第二期黑板报", [], None),
    ("每周安排两节课外活动", [], "每周"),
    ("开学第一周进行安全教育", [], None),
    ("开展“七个一”活动", [], None),
    ("出台“三零”劳动竞赛的具体实施方案", [], None),
    ("一是加强组织建设，二是完善制度", [], None),
    ("连续13个月保持安全生产", [], None),
    ("九个月份累计完成产值", [], None),
    ("统一月度考核标准", [], None),
    ("每月月底前完成统计", [], "每月"),
    ("月底前上报本月考勤，下月初发放", [], None),
    ("去年5月公司工会获评先进", [], None),
    ("上年底已完成换届", [], None),
    ("3月份以来,大力开展了主题教育", [], None),
    ("今年5月至今共开展培训12场", [], None),
    ("庆祝建党98周年系列活动", [], None),
    ("节后，工会将出台实施方案", [], None),
    ("开学初组织新教师培训", [], None),
    ("期末各项评优评先", [], None),
    ("坚持风清气正、政治清明", [], None),
    ("组织开展“金秋助学”活动", [], None),
    ("全年重点工作按计划推进", [], None),
    # a festival and a date naming one day, either in brackets: the date says when
    ("截稿日期为2月26日（元宵节）24:00", [2], "2月26日"),
    ("于2月21日(大年初十)前提交访谈记录", [2], "2月21日"),
    ("元宵节（2月26日）举办猜灯谜活动", [2], "2月26日"),
]


@pytest.mark.parametrize(("sentence", "months", "time_text"), CASES, ids=[c[0][:24] for c in CASES])
def test_months_of_sentence(sentence: str, months: list[int], time_text: str | None) -> None:
    assert months_of(sentence) == (months, time_text)


def test_table_holds_enough_cases() -> None:
    assert len(CASES) >= 100


def test_past_year_is_a_review_not_a_plan_month() -> None:
    text = "2024年12月，学校工会被市教育工会评为“先进教工之家”。"
    assert months_of(text, year_context=2025) == ([], None)
    # Without the plan's year a past year cannot be told: the month stays.
    assert months_of(text) == ([12], "2024年12月")
    assert months_of("2025年1月8日", year_context=2025) == ([1], "2025年1月8日")
    assert months_of("2024年上半年完成试点", year_context=2025) == ([], None)
    assert months_of("截至2024年底会员达3000人", year_context=2025) == ([], None)


def test_find_times_gives_spans_kinds_and_order() -> None:
    text = "3月至5月开展要约行动，第二季度开展入会服务季，年底表彰；每月通报，8月底前完成。"
    found = find_times(text)
    assert [(e.text, e.kind) for e in found] == [
        ("3月至5月", "range"),
        ("第二季度", "quarter"),
        ("年底", "edge"),
        ("每月", "recurring"),
        ("8月底前", "deadline"),
    ]
    for e in found:
        assert text[e.start:e.end] == e.text
        assert isinstance(e, TimeExpr)
    assert found[-1].months == (8,)
    assert [e.kind for e in find_times("7月10日前报名，8月13-15日注册")] == ["deadline", "date"]
    assert found[3].months == ()


def test_find_times_longest_match_wins_without_overlap() -> None:
    found = find_times("十一月、十二月份、一月")
    assert [(e.text, e.months) for e in found] == [("十一月、十二月份、一月", (1, 11, 12))]
    found = find_times("12月份")
    assert [e.months for e in found] == [(12,)]


def test_item_label_is_not_a_month_in_a_list() -> None:
    # "七、" opening a line is an item label unless the line is only the time.
    assert months_of("七、八月份组织职工疗休养") == ([8], "八月份")
    assert months_of("1、3月份召开职代会") == ([3], "3月份")
    assert months_of("七、八月份：暑期疗休养") == ([7, 8], "七、八月份")
    assert months_of("计划七、八月份组织疗休养") == ([7, 8], "七、八月份")
    # Lines joined by cleaning: an item label after a clause end.
    assert months_of("1、巾帼志愿服务；2、3月底前完成换届") == ([3], "3月底前")
    assert months_of("要求：1、3月份召开职代会") == ([3], "3月份")
    assert months_of("完成培训，3、4月开展竞赛") == ([3, 4], "3、4月")


@pytest.mark.parametrize(
    ("heading", "months"),
    [
        ("一月份:", [1]),
        ("三月份", [3]),
        ("七、八月份:", [7, 8]),
        ("一月", [1]),
        ("十二月：", [12]),
        ("第一季度", [1, 2, 3]),
        ("第二季度：", [4, 5, 6]),
        ("6月-7月上旬", [6, 7]),
        ("8月底前", [8]),
        ("7月10日前", [7]),
        ("8月13-15日", [8]),
        ("5月底", [5]),
        ("上半年", [1, 2, 3, 4, 5, 6]),
        ("（时间：4月下旬）", [4]),
        ("時間：9月", [9]),
        ("六月份：", [6]),
        ("全年", []),
        ("持续推进", []),
        ("长期", []),
        ("每月", []),
    ],
)
def test_parse_heading_time_reads_a_pure_time(heading: str, months: list[int]) -> None:
    assert parse_heading_time(heading) == months


@pytest.mark.parametrize(
    "heading",
    [
        "十月:深深爱国情",
        "一月：欢天喜地迎新年",
        "坚持政治引领，筑牢思想基础",
        "主要工作",
        "三八红旗手评选",
        "",
        "做好民办学校招生计划核定工作",
    ],
)
def test_parse_heading_time_rejects_other_text(heading: str) -> None:
    assert parse_heading_time(heading) is None


def test_find_times_grows_linearly_with_the_text() -> None:
    """No pattern backtracks over a long text: four times the text costs
    about four times the time (a quadratic pattern would cost sixteen). A
    ratio of one run, not a wall-clock bound, so that a busy machine does
    not fail it; the seconds themselves are `make bench`'s."""
    chunk = (
        "3月至5月集中开展集体协商“要约行动”，新签和续签集体合同300份以上。"
        "七、八月份组织职工疗休养；每月召开一次委员会议，年底开展评选，"
        "统一月度考核标准，“十四五”规划，五一劳动奖章，2024年12月获评先进。"
        "1111111111222222222233333333334444444444、、、、、、—————————月月月月\n"
    )
    text = chunk * (200_000 // len(chunk) + 1)
    quarter = text[: len(text) // 4]

    def seconds(t: str) -> float:
        t0 = time.perf_counter()
        assert find_times(t)
        return time.perf_counter() - t0

    small = min(seconds(quarter) for _ in range(2))
    big = min(seconds(text) for _ in range(2))
    assert len(text) >= 200_000
    assert big < 8 * small + 0.5, f"find_times: {small:.2f}s on {len(quarter)} chars, {big:.2f}s on {len(text)}"


def test_word_rules_are_valid_data() -> None:
    import json
    import re

    data = json.loads((Path(__file__).resolve().parents[1] / "extractor" / "data" / "timex_words.json").read_text("utf-8"))
    for kind in ("festival", "season", "half", "edge", "festival_numeral"):
        for rule in data[kind]:
            assert rule["months"] and all(1 <= m <= 12 for m in rule["months"]), rule
            re.compile(rule.get("pattern") or rule["suffix"])
    for pat in data["recurring"] + data["block"]:
        re.compile(pat)


def _gold_texts() -> list[Path]:
    return sorted((SHARED / "gold").glob("p*.txt")) + sorted((SHARED / "seed").glob("*.txt"))


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared gold texts not present")
def test_month_headings_of_a_real_plan_map_to_their_month() -> None:
    text = (SHARED / "gold" / "p11.txt").read_text("utf-8")
    heads = [line.strip() for line in text.splitlines() if line.strip().endswith("份:")]
    assert [parse_heading_time(h) for h in heads] == [
        [1], [2], [3], [4], [5], [6], [7, 8], [9], [10], [11], [12]
    ]


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="shared gold texts not present")
def test_real_texts_yield_no_look_alike_times() -> None:
    # Words that only look like times in the real plans must not turn up.
    look_alikes = ("红旗手", "劳动奖", "十四五", "十五五", "五届", "个月", "月度")
    for path in _gold_texts():
        text = path.read_text("utf-8")
        for e in find_times(text):
            around = text[e.start:e.end + 3]
            assert not any(w in around for w in look_alikes), (path.name, e)
            assert all(1 <= m <= 12 for m in e.months)


@pytest.mark.parametrize(
    "text, months",
    [
        ("第1周（2.13—2.19）制定团委工作计划", [2]),
        ("第二十周（6.26—7.2）：整理档案", [6, 7]),
        ("身高1.5-1.8米", []),
        ("11月份开展冬季消防安全大检查", [11]),
        ("冬季开展送温暖活动", [1, 2, 12]),
    ],
)
def test_dotted_week_ranges_and_seasons_beside_a_month(text, months):
    assert months_of(text)[0] == months


@pytest.mark.parametrize(
    "text, months",
    [
        ("第四季度协助社区做好冬季防火安全宣传", [10, 11, 12]),
        ("暑假前召开安全教育专题班会", [6, 7]),
        ("通报上半年重点工作进展", []),
        ("年中对上半年工作进行回头看", [6, 7]),
    ],
)
def test_quarters_over_seasons_and_halves_as_objects(text, months):
    assert months_of(text)[0] == months


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("“七一”前后系列活动", [6, 7]),
        ("国庆前夕开展升旗仪式", [9, 10]),
        ("元旦前后走访慰问", [1, 12]),
        ("“七一”当天集中活动", [7]),
        ("三八节前后", [3]),  # not a first day: its eve is in March
    ],
)
def test_the_eve_of_a_festival_on_a_first_day_reaches_into_the_month_before(text, months):
    assert months_of(text)[0] == months


@pytest.mark.parametrize(
    ("text", "months"),
    [("4.7日召开职代会", [4]), ("定于5.20召开表彰大会", [5]), ("增长3.5万元", []), ("实现增长6.2%", []), ("3.12植树节", [3])],
)
def test_a_dotted_day_with_its_day_word_or_after_yu_is_a_date(text, months):
    assert months_of(text)[0] == months
