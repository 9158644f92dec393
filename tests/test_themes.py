"""Themes: the default taxonomy, a user's taxonomy file, and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.errors import JihuaError
from extractor.themes import TaxonomyError, classify, load_taxonomy

FORMAT_THEMES = ["思想政治", "建功立业", "职工素质", "权益维护", "民主管理", "帮扶救助", "女职工", "文体活动", "组织建设", "安全健康", "宣传文化"]


def test_default_taxonomy_has_the_eleven_themes_in_order() -> None:
    tax = load_taxonomy()
    assert tax.names == FORMAT_THEMES
    assert all(t.keywords and t.covers for t in tax.themes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("庆祝“三八”妇女节，组织女职工开展“两癌”筛查。", ["女职工", "安全健康"]),
        ("开展“巾帼志愿服务”活动", ["女职工"]),
        ("元旦春节期间走访慰问困难职工", ["帮扶救助", "文体活动"]),
        ("新签和续签集体合同300份以上，做好劳动争议调解和职工法律援助工作", ["权益维护"]),
        ("筹备召开第六届教职工代表大会，落实校务公开制度", ["民主管理"]),
        ("组织职工职业技能大赛和劳动竞赛，评选劳模", ["建功立业"]),
        ("举办基层工会主席培训班2期", ["职工素质"]),
        ("做好工会会员的入会、转会工作，规范工会经费的使用", ["组织建设"]),
        ("办好微信公众号，宣传先进典型", ["宣传文化"]),
        ("深入学习贯彻党的二十大精神", ["思想政治"]),
        ("舉辦女職工趣味運動會", ["女职工", "文体活动"]),  # traditional characters
        ("今天天气很好", []),
        ("", []),
    ],
)
def test_classify_with_default_taxonomy(text: str, expected: list[str]) -> None:
    assert classify(text) == expected


def test_a_long_plan_needs_two_hits_for_a_theme() -> None:
    # one passing 安全 in a long text about something else is no theme
    text = "组织职工开展读书分享活动，建设书香校园。" * 30 + "注意安全。"
    assert "安全健康" not in classify(text)
    assert "职工素质" in classify(text)


def test_classify_with_a_custom_taxonomy_file(tmp_path: Path) -> None:
    path = tmp_path / "my.json"
    path.write_text(
        json.dumps(
            [
                {"theme": "招生", "covers": "admissions", "keywords": ["招生", "录取"]},
                {"theme": "安全", "covers": "safety", "keywords": ["安全", "防溺水"]},
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    tax = load_taxonomy(path)
    assert tax.names == ["招生", "安全"]
    assert classify("公布录取结果，开展防溺水教育", tax) == ["招生", "安全"]
    # the user's file replaces the default: no default theme comes back
    assert classify("庆祝三八妇女节", tax) == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("not json", "not valid JSON"),
        ("{}", "non-empty JSON list"),
        ("[]", "non-empty JSON list"),
        ('[{"covers": "x", "keywords": ["a"]}]', 'no "theme"'),
        ('[{"theme": "A", "keywords": []}]', '"keywords" must be a non-empty list'),
        ('[{"theme": "A", "keywords": ["a", 3]}]', "every keyword"),
        ('[{"theme": "A", "keywords": ["a"]}, {"theme": "A", "keywords": ["b"]}]', "repeats"),
        ('["A"]', "entry 1 is not an object"),
    ],
)
def test_bad_taxonomy_file_names_file_and_fault(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TaxonomyError) as err:
        load_taxonomy(path)
    assert isinstance(err.value, JihuaError)
    assert str(err.value).startswith(f"{path}: ")
    assert reason in str(err.value)


def test_missing_taxonomy_file(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="no such taxonomy file"):
        load_taxonomy(tmp_path / "nope.json")
