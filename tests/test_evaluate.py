"""The gold scorer on hand-made parses and gold dicts with known numbers
(../shared/gold/FORMAT.md, "Scoring")."""

from __future__ import annotations

import pytest

from extractor.evaluate import Score, find_gold_pairs, match_plans, norm, score_document
from models import Body, Document, Plan, Section, Task


def doc(*plans: Plan) -> Document:
    return Document(file="x.txt", format="txt", sha256="0", plans=list(plans))


def sec(*titles: str) -> list[Section]:
    return [Section(label=f"{i + 1}.", title=t, level=1) for i, t in enumerate(titles)]


def gold_plan(**kw) -> dict:
    base = {"title": None, "starts_with": "为做好", "unit": None, "year": None, "sections": [], "month_tasks": [], "bodies": []}
    return base | kw


def test_norm_is_nfkc_without_white_space():
    assert norm("２０２４年， 公司\u3000工会\n") == "2024年,公司工会"


def test_sections_two_of_three_found_and_one_extra_heading():
    plan = Plan(text="为做好工作", sections=sec("加强思想建设，筑牢根基", "关爱职工生活", "其他事项"))
    gold = {"plans": [gold_plan(sections=["加强思想建设", "关爱职工", "民主管理"])]}
    s = score_document(gold, doc(plan)).sections
    assert (s.gold_hit, s.gold_total, s.parsed_hit, s.parsed_total) == (2, 3, 2, 3)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 3) and s.f1 == pytest.approx(2 / 3)


def test_month_tasks_subset_rule_and_optional_entries():
    plan = Plan(
        text="为做好工作",
        tasks=[
            Task(text="组织植树活动", months=[3]),  # right
            Task(text="举办职工运动会", months=[5, 6]), # 6 is outside the gold months: wrong
            Task(text="春节慰问困难职工", months=[1]),  # optional entry: neither counts nor hurts
            Task(text="开展读书活动", months=[]),  # no months: not scored
        ],
    )
    gold = {
        "plans": [
            gold_plan(
                month_tasks=[
                    {"months": [3], "snippet": "植树"},
                    {"months": [5], "snippet": "运动会"},
                    {"months": [1, 2], "snippet": "春节慰问", "optional": True},
                ]
            )
        ]
    }
    score = score_document(gold, doc(plan))
    m = score.month_tasks
    assert (m.gold_hit, m.gold_total, m.parsed_hit, m.parsed_total) == (1, 2, 1, 2)
    assert m.f1 == pytest.approx(0.5)
    assert any("missed month task [5]" in x for x in score.misses)


def test_month_task_entry_is_matched_once():
    plan = Plan(text="为做好工作", tasks=[Task(text="组织植树活动", months=[3]), Task(text="再次组织植树", months=[3])])
    gold = {"plans": [gold_plan(month_tasks=[{"months": [3], "snippet": "植树"}])]}
    m = score_document(gold, doc(plan)).month_tasks
    assert (m.gold_hit, m.gold_total, m.parsed_hit, m.parsed_total) == (1, 1, 1, 2)


def test_unit_list_of_spellings_and_null_must_be_null():
    plans = [Plan(text="为做好甲", unit="公司工会"), Plan(text="为做好乙", unit="公司工会"), Plan(text="为做好丙", unit=None)]
    gold = {
        "plans": [
            gold_plan(starts_with="为做好甲", unit=["钢铁公司工会", "公司工会"]),
            gold_plan(starts_with="为做好乙", unit=None),  # parsed a unit where the text names none: wrong
            gold_plan(starts_with="为做好丙", unit=None),
        ]
    }
    u = score_document(gold, doc(*plans)).unit
    assert (u.right, u.total) == (2, 3)


def test_year_exact_and_null():
    plans = [Plan(text="为做好甲", year=2024), Plan(text="为做好乙", year=2024), Plan(text="为做好丙", year=None)]
    gold = {"plans": [gold_plan(starts_with="为做好甲", year=2024), gold_plan(starts_with="为做好乙", year=None), gold_plan(starts_with="为做好丙", year=None)]}
    y = score_document(gold, doc(*plans)).year
    assert (y.right, y.total) == (2, 3)


def test_bodies_set_precision_and_recall_over_spellings():
    plan = Plan(text="为做好工作", bodies=[Body(name="工会"), Body(name="办公室"), Body(name="公司工会")])
    gold = {"plans": [gold_plan(bodies=[["公司工会", "工会"], ["县总工会"]])]}
    b = score_document(gold, doc(plan)).bodies
    # both spellings of one body are right names; one gold body of two is found
    assert (b.gold_hit, b.gold_total, b.parsed_hit, b.parsed_total) == (1, 2, 2, 3)


def test_plans_matched_in_order_by_start_and_extra_plans_cost_precision():
    plans = [
        Plan(text="页面导语", sections=sec("多余"), bodies=[Body(name="网站")], tasks=[Task(text="x", months=[1])]),
        Plan(text="为了让职工的业余生活更加丰富", sections=sec("学习")),
        Plan(text="公司女工委员会将在县总工会的指导下"),
    ]
    gold = {
        "plans": [
            gold_plan(starts_with="为了让职工的业余生活", sections=["学习"]),
            gold_plan(starts_with="公司女工委员会将在县总工会"),
        ]
    }
    s = score_document(gold, doc(*plans))
    assert match_plans(gold["plans"], plans) == [1, 2]
    assert (s.plans.gold_hit, s.plans.gold_total, s.plans.parsed_total) == (2, 2, 3)
    assert s.plans.precision == pytest.approx(2 / 3) and s.plans.recall == 1.0
    # the unmatched plan's heading, body and month task count against precision
    assert s.sections.parsed_total == 2 and s.bodies.parsed_total == 1 and s.month_tasks.parsed_total == 1


def test_starts_with_must_fall_in_the_first_100_characters():
    plans = [Plan(text="前" * 100 + "为做好工作")]
    assert match_plans([gold_plan(starts_with="为做好工作")], plans) == [None]
    assert match_plans([gold_plan(starts_with="为做好，工作")], [Plan(text="为做好,工作")]) == [0]


def test_missing_plan_scores_zero_but_keeps_the_gold_totals():
    gold = {"plans": [gold_plan(starts_with="不存在", sections=["学习"], year=2024, month_tasks=[{"months": [3], "snippet": "植树"}])]}
    s = score_document(gold, doc(Plan(text="另一份计划")))
    assert (s.plans.gold_hit, s.sections.gold_total, s.month_tasks.gold_total, s.year.right, s.year.total) == (0, 1, 1, 0, 1)


def test_scores_add_up_micro_averaged():
    a = score_document({"plans": [gold_plan(sections=["甲", "乙"])]}, doc(Plan(text="为做好", sections=sec("甲", "乙"))))
    b = score_document({"plans": [gold_plan(sections=["丙", "丁"])]}, doc(Plan(text="为做好", sections=sec("丙"))))
    total = Score()
    total += a
    total += b
    assert (total.sections.gold_hit, total.sections.gold_total) == (3, 4)
    assert total.values()["sections_r"] == pytest.approx(0.75)


def test_find_gold_pairs_needs_the_document_beside_the_gold(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "b.docx.gold.json").write_text("{}", encoding="utf-8")  # no b.docx
    assert find_gold_pairs([tmp_path]) == [(tmp_path / "a.txt", tmp_path / "a.txt.gold.json")]
