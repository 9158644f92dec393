"""Parse cost against the cost of merely reading the text, per format.

Prints, for .txt, .docx and .pdf over the fixtures and the seed (../shared,
falling back to samples/):
- floor: reading the text the cheapest way (read+decode for .txt, python-docx
  paragraph text for .docx, pdfplumber extract_text for .pdf);
- parse: bytes → blocks → clean lines → plans → outline (issue 3's step);
- extract: objectives, tasks, months, bodies, themes, targets (issue 4's
  step), also per plan;
and the ratios parse/floor and (parse+extract)/floor. Everything is measured
in one run, best of N repetitions, after a warm-up that loads jieba and spaCy
once: machines here are noisy, so compare ratios, not seconds.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor import themes  # noqa: E402
from extractor.clean import clean  # noqa: E402
from extractor.outline import build_tree, to_sections  # noqa: E402
from extractor.pipeline import build_plan  # noqa: E402
from extractor.plans import split_plans  # noqa: E402
from extractor.readers import read_bytes  # noqa: E402
from extractor.readers.txt import decode  # noqa: E402

REPEAT = 7


def inputs() -> list[Path]:
    shared = ROOT.parent / "shared"
    files = sorted((shared / "fixtures").glob("d*.*")) + sorted((shared / "seed").glob("*.txt"))
    files = [f for f in files if not f.name.endswith(".json")]
    return files or sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".docx", ".pdf"))


def floor(path: Path, data: bytes) -> str:
    if path.suffix == ".docx":
        import docx

        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    if path.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    return decode(data)


def parse_step(data: bytes, name: str):
    drafts = split_plans(clean(read_bytes(data, name).blocks))
    for d in drafts:
        to_sections(build_tree(d.lines))
    return drafts


def best(fn, *args) -> float:
    times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    tax = themes.load_taxonomy()
    files = inputs()
    # warm-up: jieba's dictionary and the spaCy pipeline load once per process
    for f in files:
        for d in parse_step(f.read_bytes(), f.name):
            build_plan(d, tax)
    by_fmt: dict[str, list[float]] = {}
    print(f"{'file':<28}{'floor ms':>10}{'parse ms':>10}{'extract ms':>12}{'plans':>7}{'parse/floor':>13}{'all/floor':>11}")
    for f in files:
        data = f.read_bytes()
        t_floor = best(floor, f, data)
        t_parse = best(parse_step, data, f.name)
        drafts = parse_step(data, f.name)
        t_extract = best(lambda drafts=drafts: [build_plan(d, tax) for d in drafts])
        n = len(drafts)
        print(
            f"{f.name:<28}{t_floor * 1e3:>10.1f}{t_parse * 1e3:>10.1f}{t_extract * 1e3:>12.1f}{n:>7}"
            f"{t_parse / t_floor:>13.2f}{(t_parse + t_extract) / t_floor:>11.2f}"
        )
        acc = by_fmt.setdefault(f.suffix.lstrip("."), [0.0, 0.0, 0.0, 0])
        acc[0] += t_floor
        acc[1] += t_parse
        acc[2] += t_extract
        acc[3] += n
    print()
    print(f"{'format':<8}{'parse/floor':>13}{'target':>8}{'extract ms/plan':>17}{'extract/floor per plan':>24}")
    for fmt, (fl, pa, ex, n) in sorted(by_fmt.items()):
        target = "≤ 2.0" if fmt in ("docx", "pdf") else "-"
        print(f"{fmt:<8}{pa / fl:>13.2f}{target:>8}{ex / max(n, 1) * 1e3:>17.1f}{ex / max(n, 1) / fl:>24.2f}")


if __name__ == "__main__":
    main()
