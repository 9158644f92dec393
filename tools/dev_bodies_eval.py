"""Dev only: score extractor.bodies against the gold files' `bodies`.

    .venv/bin/python tools/dev_bodies_eval.py [-v] [GOLD_JSON ...]

For each gold plan the plan's text is cut from the input (its `starts_with`
up to the next plan's), bodies are found (prose with find_mentions, schedule
tables with table_role + split_body_list, as the pipeline will) and merged
with the gold unit; per-plan set precision/recall and the micro F1 are
printed, with false positives (+) and misses (-). Scoring as gold/FORMAT.md.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.bodies import Mention, find_mentions, merge_bodies, split_body_list, table_role  # noqa: E402

SHARED = ROOT.parent / "shared"


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def blocks_of(path: Path) -> list[tuple[str, object]]:
    """("text", str) and ("table", rows) blocks in reading order."""
    if path.suffix == ".docx":
        import docx

        d = docx.Document(str(path))
        out: list[tuple[str, object]] = [("text", "\n".join(p.text for p in d.paragraphs))]
        for t in d.tables:
            out.append(("table", [[c.text.replace("\n", "／") for c in r.cells] for r in t.rows]))
        return out
    if path.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            raw = "\n".join(pg.extract_text() or "" for pg in pdf.pages)
        raw = re.sub(r"\n— \d+ —", "", raw)
        lines = raw.split("\n")  # drop the running page header (the first line, repeated)
        raw = "\n".join([lines[0]] + [ln for ln in lines[1:] if ln != lines[0]])
        return [("text", raw.replace("\n", ""))]
    data = path.read_bytes()
    for enc in ("utf-8", "gb18030"):
        try:
            raw = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    raw = raw.replace("\r", "")
    if path.parent.name == "fixtures":  # hard-wrapped: join the lines back
        raw = re.sub(r"\n\s*- \d+ -\s*\n", "\n", raw).replace("\n", "")
    out, table, prose = [], [], []
    for line in raw.split("\n"):
        if line.count("|") >= 2:
            if prose:
                out.append(("text", "\n".join(prose)))
                prose = []
            table.append([c.strip() for c in line.strip().strip("|").split("|")])
        else:
            if table:
                out.append(("table", table))
                table = []
            prose.append(line)
    if table:
        out.append(("table", table))
    if prose:
        out.append(("text", "\n".join(prose)))
    return out


def flat(blocks) -> str:  # noqa: ANN001
    parts = []
    for kind, b in blocks:
        parts.append(b if kind == "text" else "\n".join(" | ".join(r) for r in b))
    return "\n".join(parts)


def mentions_of(text: str) -> list[Mention]:
    """Find mentions in a plan's text, reading ' | ' schedule rows as a table."""
    out: list[Mention] = []
    header: list[str | None] | None = None
    prose: list[str] = []
    for line in text.split("\n"):
        if " | " not in line:
            header = None
            prose.append(line)
            continue
        cells = [c for c in (x.strip() for x in line.split(" | "))]
        if header is None:
            header = [table_role(c) for c in cells]
            if any(header):
                continue
        for j, cell in enumerate(cells):
            role = header[len(header) - len(cells) + j] if len(cells) <= len(header) else None
            if role:
                out += [Mention(n, role, 0, 0) for n in split_body_list(cell)]
            else:
                prose.append(cell)
    out += find_mentions("\n".join(prose))
    return out


def gold_plans(files: list[Path]):
    """(document, plan number, gold plan, the plan's text) for every gold plan:
    the text is cut at each plan's `starts_with` (positions found in the
    normalised text and mapped back)."""
    for gf in files:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        src = gf.with_name(gf.name[: -len(".gold.json")])
        text = flat(blocks_of(src))
        compact, where = [], []
        for i, ch in enumerate(text):
            for c in norm(ch):
                compact.append(c)
                where.append(i)
        compact_s = "".join(compact)
        starts: list[int] = []
        for p in gold["plans"]:
            k = compact_s.find(norm(p["starts_with"]), where.index(starts[-1]) if starts else 0)
            starts.append(where[k] if k >= 0 else len(text))
        for n, p in enumerate(gold["plans"]):
            end = starts[n + 1] if n + 1 < len(starts) else len(text)
            yield src, n, p, text[starts[n] : end]


def _shared_gold() -> list[Path]:
    return sorted((SHARED / "gold").glob("*.gold.json")) + sorted((SHARED / "fixtures").glob("*.gold.json"))


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    files = [Path(a) for a in argv if not a.startswith("-")] or _shared_gold()
    tp = fp = fn = 0
    total_entries = 0
    took = 0.0
    for src, n, p, plan_text in gold_plans(files):
        unit = p["unit"][0] if isinstance(p["unit"], list) else p["unit"]
        if "--no-unit" in argv:
            unit = None
        t0 = time.perf_counter()
        bodies = merge_bodies(mentions_of(plan_text), unit=unit)
        took += time.perf_counter() - t0
        got = {norm(b.name) for b in bodies}
        entries = [{norm(s) for s in e} for e in p["bodies"]]
        right = {g for g in got if any(g in e for e in entries)}
        found = [e for e in entries if e & got]
        tp_p, fp_p, fn_p = len(right), len(got - right), len(entries) - len(found)
        tp, fp, fn = tp + tp_p, fp + fp_p, fn + fn_p
        total_entries += len(entries)
        pr = tp_p / len(got) if got else 1.0
        rc = len(found) / len(entries) if entries else 1.0
        print(f"{src.name}#{n + 1} P={pr:.2f} R={rc:.2f}  +{sorted(got - right)}  -{[sorted(e)[0] for e in entries if not e & got]}")
        if verbose:
            for b in bodies:
                print("     ", b.name, b.roles, b.mentions)
    p_all = tp / (tp + fp) if tp + fp else 0.0
    print(f"\nnames right {tp}, wrong {fp}; entries missed {fn}")
    # micro recall over entries: found entries, not right names
    r_all = (total_entries - fn) / total_entries if total_entries else 0.0
    f1 = 2 * p_all * r_all / (p_all + r_all) if p_all + r_all else 0.0
    print(f"micro P={p_all:.3f} R={r_all:.3f} F1={f1:.3f}   extraction time {took:.2f}s")


def themes_main(argv: list[str]) -> None:
    """--themes: the same plan cutting, scoring extractor.themes.classify against gold `themes`."""
    from extractor.themes import classify

    tp = fp = fn = 0
    for src, n, p, plan_text in gold_plans(_shared_gold()):
        got, want = set(classify(plan_text)), set(p.get("themes") or [])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        print(f"{src.name}#{n + 1} +{sorted(got - want)} -{sorted(want - got)}")
    pr, rc = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"themes micro P={pr:.3f} R={rc:.3f} F1={2 * pr * rc / max(1e-9, pr + rc):.3f}")


if __name__ == "__main__":
    if "--themes" in sys.argv:
        themes_main(sys.argv[1:])
    else:
        main(sys.argv[1:])
