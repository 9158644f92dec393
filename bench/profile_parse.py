"""Where a parse spends its time: the top functions, to find the next hot spot.

    python bench/profile_parse.py [FILE ...] [--top 30] [--repeat 3] [--sort tottime|cumulative]

Parses the files (by default the shared gold plans, gold/real and the
fixtures) once to load what a process loads once (word tables, lexicons,
readers), then parses them `--repeat` times under cProfile and prints the
functions by their own time (tottime) and by their time with callees
(cumulative). `make profile` runs it; `make profile FILES="a.docx b.pdf"`
profiles those.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
SUFFIXES = {".txt", ".docx", ".pdf", ".doc"}


def default_files() -> list[Path]:
    files: list[Path] = []
    for d in (SHARED / "gold", SHARED / "gold" / "real", SHARED / "fixtures"):
        files += sorted(p for p in d.glob("*") if p.suffix in SUFFIXES and p.is_file())
    return files or sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in SUFFIXES)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sort", choices=["tottime", "cumulative"], help="one listing only")
    a = ap.parse_args()

    from extractor.pipeline import parse_bytes

    files = a.files or default_files()
    data = [(f.name, f.read_bytes()) for f in files]
    for name, b in data:  # what a process loads once is not the parse's cost
        parse_bytes(b, name)
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    for _ in range(a.repeat):
        for name, b in data:
            parse_bytes(b, name)
    prof.disable()
    secs = time.perf_counter() - t0
    print(f"## profile: {len(data)} files × {a.repeat}, {secs:.2f} s under the profiler "
          f"({secs / a.repeat / max(1, len(data)) * 1000:.1f} ms a file)")
    for key in [a.sort] if a.sort else ["tottime", "cumulative"]:
        out = io.StringIO()
        stats = pstats.Stats(prof, stream=out)
        stats.strip_dirs().sort_stats(key).print_stats(a.top)
        text = out.getvalue()
        print(f"\n### top {a.top} by {key}")
        print(text[text.index("   ncalls"):].rstrip() if "   ncalls" in text else text)


if __name__ == "__main__":
    main()
