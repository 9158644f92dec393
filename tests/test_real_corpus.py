"""The real corpus (tests/data/real, public web pages with hand-checked gold)
must not get worse. Issue 9's goals (month_tasks ≥ 0.85, sections ≥ 0.90 on
the frozen third) are not met yet; these floors are the figures measured
at the end of the session that built it, less a margin for a reading that moves one
document, so a change that costs real files more than that fails here.

Only totals are asserted (the frozen third's misses are never printed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.evaluate import Score, find_gold_pairs, is_frozen, load_gold, score_document
from extractor.pipeline import parse_file

REAL = Path(__file__).resolve().parent / "data" / "real"
MARGIN = 0.02

FLOORS = {
    "dev": {"plans_f1": 0.988, "sections_f1": 0.958, "month_tasks_f1": 0.897, "bodies_f1": 0.644, "unit_acc": 0.672, "year_acc": 0.920},
    "frozen": {"plans_f1": 0.917, "sections_f1": 0.799, "month_tasks_f1": 0.621, "bodies_f1": 0.602, "unit_acc": 0.649, "year_acc": 0.818},
}


@pytest.fixture(scope="module")
def totals() -> dict[str, Score]:
    out = {"dev": Score(), "frozen": Score()}
    pairs = find_gold_pairs([REAL])
    assert len(pairs) >= 150, "the real corpus is missing"
    for doc_path, gold_path in pairs:
        part = "frozen" if is_frozen(doc_path.name) else "dev"
        out[part] += score_document(load_gold(gold_path), parse_file(doc_path))
    return out


@pytest.mark.parametrize("part, metric", [(p, m) for p in FLOORS for m in FLOORS[p]])
def test_real_corpus_holds_its_floor(totals, part, metric):
    value = totals[part].values()[metric]
    assert value >= FLOORS[part][metric] - MARGIN, f"{part} {metric}={value:.3f}, floor {FLOORS[part][metric]:.3f}"
