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
    extraction_per_plan(tax)
    docx_100_pages()


def extraction_per_plan(tax) -> None:
    """Extraction (build_plan) per plan of the shared gold plans: best of
    REPEAT per plan, process CPU time; issue 15's figures before: median
    9.5 ms, mean 12 ms."""
    import statistics

    shared = ROOT.parent / "shared"
    files = sorted((shared / "gold").glob("*.txt")) + sorted((shared / "gold" / "real").glob("*.txt"))
    per_plan: list[float] = []
    for f in files:
        for d in parse_step(f.read_bytes(), f.name):
            times = []
            for _ in range(REPEAT):
                t0 = time.process_time()
                build_plan(d, tax)
                times.append(time.process_time() - t0)
            per_plan.append(min(times))
    if not per_plan:
        return
    med, mean = statistics.median(per_plan) * 1e3, statistics.fmean(per_plan) * 1e3
    print(f"\nextraction per plan, {len(per_plan)} shared gold plans: median {med:.1f} ms, mean {mean:.1f} ms "
          f"(before: 9.5 / 12 ms; target ≤ 4.75 / 6 ms) = {med / 9.5:.2f} / {mean / 12:.2f} of before")


def docx_100_pages() -> None:
    """A 100-page .docx (the gold plans' lines, a table every ten pages, a
    page break every 30 paragraphs): the whole parse against python-docx's
    read of every paragraph's and every cell's text."""
    import docx
    from docx.enum.text import WD_BREAK

    from extractor.pipeline import parse_bytes

    shared = ROOT.parent / "shared"
    lines = [ln for f in sorted((shared / "gold").glob("*.txt"))
             for ln in decode(f.read_bytes()).splitlines() if ln.strip()] or ["一、三月份组织开展女职工培训。"]
    d = docx.Document()
    d.add_paragraph("某市总工会2025年工作计划")
    k = 0
    for page in range(100):
        for _ in range(30):
            d.add_paragraph(lines[k % len(lines)])
            k += 1
        if page % 10 == 5:
            t = d.add_table(rows=6, cols=3)
            for r, row in enumerate(t.rows):
                for c, cell in enumerate(row.cells):
                    cell.text = ["时间", "内容", "责任部门"][c] if r == 0 else [f"{r + 2}月", lines[(k + r) % len(lines)], "办公室"][c]
        d.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()

    def read_all() -> str:
        doc = docx.Document(io.BytesIO(data))
        parts = [p.text for p in doc.paragraphs]
        for t in doc.tables:
            parts += [cell.text for row in t.rows for cell in row.cells]
        return "\n".join(parts)

    reps = 3
    t_floor = min(best_of(read_all) for _ in range(reps))
    t_parse = min(best_of(lambda: parse_bytes(data, "100页.docx")) for _ in range(reps))
    print(f"100-page .docx ({len(data) / 1e3:.0f} kB, {k} paragraphs): parse {t_parse * 1e3:.0f} ms, python-docx "
          f"paragraphs and tables {t_floor * 1e3:.0f} ms = {t_parse / t_floor:.2f}× (target ≤ 3×)")


def best_of(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
