"""The issue's quality thresholds on the shared gold files and fixtures,
scored through the library exactly as `jihua eval` scores them."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.evaluate import Score, find_gold_pairs, load_gold, score_document
from extractor.pipeline import parse_file

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

THRESHOLDS = {
    "plans_f1": (1.0, "=="),
    "sections_f1": (0.90, ">="),
    "unit_acc": (0.9, ">="),
    "year_acc": (1.0, "=="),
    "month_tasks_f1": (0.90, ">="),
    "bodies_f1": (0.85, ">="),
}


def score_dirs(*dirs: Path) -> Score:
    pairs = find_gold_pairs(list(dirs))
    assert pairs, f"no gold files in {dirs}"
    total = Score()
    for doc_path, gold_path in pairs:
        total += score_document(load_gold(gold_path), parse_file(doc_path))
    return total


@pytest.fixture(scope="module")
def gold_score() -> Score:
    return score_dirs(SHARED / "gold", SHARED / "fixtures")


def meets(value: float, limit: float, op: str) -> bool:
    return value == pytest.approx(limit) if op == "==" else value >= limit - 1e-9


@pytest.mark.parametrize("metric", list(THRESHOLDS))
def test_gold_threshold(gold_score, metric):
    limit, op = THRESHOLDS[metric]
    value = gold_score.values()[metric]
    assert meets(value, limit, op), f"{metric}={value:.3f}, want {op} {limit}\n" + "\n".join(gold_score.misses)
