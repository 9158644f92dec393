"""Bodies F1 of each proposer — rules only, model only, both — on the real
corpus's frozen third (totals only: its misses are never read) and on the
development sets, as `make train` prints it after training."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.evaluate import Score, find_gold_pairs, load_gold, score_document, split_of  # noqa: E402

SETS = {
    "real (frozen third)": [ROOT / "tests" / "data" / "real"],
    "real (development)": [ROOT / "tests" / "data" / "real"],
    "shared gold + fixtures": [ROOT.parent / "shared" / "gold", ROOT.parent / "shared" / "gold" / "real", ROOT.parent / "shared" / "fixtures"],
    "probes": sorted((ROOT / "tests" / "data").glob("probes*")),
}


def bodies_f1(name: str, dirs: list[Path]) -> float:
    from extractor.pipeline import parse_file

    total = Score()
    for doc, gold in find_gold_pairs(dirs):
        split = split_of(doc)
        if (name.endswith("(frozen third)") and split != "frozen") or (name.endswith("(development)") and split != "dev"):
            continue
        total += score_document(load_gold(gold), parse_file(doc))
    return total.bodies.f1


def main() -> None:
    from extractor.bodies import find

    print(f"{'bodies F1':<26}" + "".join(f"{m:>8}" for m in ("rules", "model", "both")))
    for name, dirs in SETS.items():
        row = []
        for how in ("rules", "model", "both"):
            os.environ["JIHUA_BODIES"] = how
            row.append(bodies_f1(name, dirs) if find.mode() == how else float("nan"))
        print(f"{name:<26}" + "".join(f"{v:>8.3f}" for v in row))


if __name__ == "__main__":
    main()
