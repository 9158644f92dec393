"""Start-up: what a user waits for before one command does its work.

    python bench/bench_startup.py [--runs 7]

Each command runs as a fresh process, the commands interleaved run by run
(so a burst of other work on this shared machine hits them all alike), and
the median of the runs is kept. Prints the two ratios of issue 15:

- `jihua --help` against `python -c pass`: within 2× plus 0.2 s;
- `jihua parse small.txt` against `python -c "import spacy, jieba;
  jieba.initialize()"` (what a parse cost before it loaded neither): within 1.15×.

A first run of each writes the caches (jieba's, the word table) and is not counted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
SMALL = "学校工会2025年工作计划\n一、三月份组织开展女职工培训。\n二、五月份举办职工运动会。\n三、九月份开展教师节慰问活动。\n"


def seconds(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=300)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="jihua-startup-") as tmp:
        small = Path(tmp) / "small.txt"
        small.write_text(SMALL, encoding="utf-8")
        py = str(BIN / "python")
        cmds = {
            "python -c pass": [py, "-c", "pass"],
            "jihua --help": [str(BIN / "jihua"), "--help"],
            "jihua parse small.txt": [str(BIN / "jihua"), "parse", str(small)],
            "import spacy, jieba; jieba.initialize()": [py, "-c", "import spacy, jieba; jieba.initialize()"],
        }
        for cmd in cmds.values():
            seconds(cmd)  # writes the caches a user's first run writes
        times: dict[str, list[float]] = {k: [] for k in cmds}
        for _ in range(a.runs):
            for name, cmd in cmds.items():
                times[name].append(seconds(cmd))
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"## start-up (median of {a.runs} runs, each a fresh process)")
    for name, v in times.items():
        print(f"{name:42} {med[name]:>6.2f} s   (min {min(v):.2f}, max {max(v):.2f})")
    help_budget = 2 * med["python -c pass"] + 0.2
    ref = med["import spacy, jieba; jieba.initialize()"]
    print(f"jihua --help / (2 × python -c pass + 0.2 s) = {med['jihua --help']:.2f} / {help_budget:.2f} = "
          f"{med['jihua --help'] / help_budget:.2f}   (target ≤ 1)")
    print(f"jihua parse small.txt / import spacy, jieba; jieba.initialize() = "
          f"{med['jihua parse small.txt'] / ref:.2f}   (target ≤ 1.15)")


if __name__ == "__main__":
    main()
