"""The bodies model's training data, rebuilt from the hand-checked mentions.

Sources (each a `*.mentions.json`: every organisation named in a document,
in order, with its role and a unique context, see
tests/data/real/ANNOTATION.md):

- tests/data/real/: real plans from the web, the development two thirds only
  (the frozen third is never trained on);
- tests/data/mentions/<group>/: the shared gold, its real excerpts, the
  fixtures and the probes, whose documents live in ../shared and tests/data.

Every mention with a role other than `none` is a BODY span; `none` names
(objects, awards, topics) stay unmarked, so the model learns to pass them.
Spans are placed in the reading view of the document's text (simplified, no
pinyin glosses), the view the model reads at run time.

    python -m extractor.bodies.training build   # → extractor/bodies/training/*.jsonl
    python -m extractor.bodies.training docbin OUT  # → OUT/train.spacy, OUT/dev.spacy
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from extractor.evaluate import is_frozen
from extractor.hanzi import reading_view

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "training"
SHARED = ROOT.parent / "shared"
# where the documents of each group of tests/data/mentions live
GROUPS = {
    "gold": SHARED / "gold",
    "gold-real": SHARED / "gold" / "real",
    "fixtures": SHARED / "fixtures",
    **{f"probes{n}": ROOT / "tests" / "data" / f"probes{n}" for n in ("", "2", "3", "4", "5")},
}


def document_text(path: Path) -> str:
    """The text a document's mentions were written against: a .txt as it is
    (decoded as the reader decodes it), an office file as its cleaned lines."""
    from extractor.clean import clean
    from extractor.readers import read_bytes

    reading = read_bytes(path.read_bytes(), path.name)
    if path.suffix == ".txt":
        return "\n".join(b.text for b in reading.blocks)
    return "\n".join(line.full_text for line in clean(reading.blocks))


def _sources() -> list[tuple[Path, Path]]:
    """(mentions file, document) pairs, the frozen third left out."""
    pairs = []
    real = ROOT / "tests" / "data" / "real"
    for m in sorted(real.glob("*.mentions.json")):
        doc = real / m.name.removesuffix(".mentions.json")
        if doc.is_file() and not is_frozen(doc.name):
            pairs.append((m, doc))
    for group, folder in GROUPS.items():
        for m in sorted((ROOT / "tests" / "data" / "mentions" / group).glob("*.mentions.json")):
            name = m.name.removesuffix(".mentions.json")
            doc = folder / name
            if not doc.is_file():  # an office file's mentions were written on its text: d1.docx.txt
                doc = folder / name.removesuffix(".txt")
            if doc.is_file():
                pairs.append((m, doc))
    return pairs


def _locate(squeezed: str, where: list[int], context: str, name: str, cursor: int) -> int | None:
    """Offset of `name` inside the first occurrence of `context` at or after
    `cursor` (mentions are in order), white space inside the text ignored
    (`squeezed` is the text without it, `where` maps back)."""
    ctx = re.sub(r"\s+", "", context)
    at = squeezed.find(ctx, _squeezed_index(where, cursor))
    if at < 0:
        at = squeezed.find(ctx)
    inner = ctx.find(re.sub(r"\s+", "", name))
    if at < 0 or inner < 0:
        return None
    return where[at + inner]


def _squeeze(text: str) -> tuple[str, list[int]]:
    where = [i for i, c in enumerate(text) if not c.isspace()]
    return "".join(text[i] for i in where), where


def _squeezed_index(where: list[int], offset: int) -> int:
    return next((k for k, i in enumerate(where) if i >= offset), len(where))


def example(mentions_file: Path, doc: Path) -> tuple[dict, int, int]:
    """One training example, and how many mentions were placed / missed."""
    text = document_text(doc)
    view, where = reading_view(text)
    inverse = {orig: k for k, orig in enumerate(where)}
    spans, placed, missed, cursor = [], 0, 0, 0
    squeezed, positions = _squeeze(text)
    for m in json.loads(mentions_file.read_text(encoding="utf-8"))["mentions"]:
        at = _locate(squeezed, positions, m["context"], m["text"], cursor)
        if at is None:
            missed += 1
            continue
        end = _end_of(text, at, m["text"])
        cursor = at
        placed += 1
        if m["role"] != "none" and at in inverse and end - 1 in inverse:
            spans.append([inverse[at], inverse[end - 1] + 1, "BODY", m["role"]])
    return {"source": _source_name(doc), "text": view, "spans": _disjoint(spans)}, placed, missed


def _source_name(doc: Path) -> str:
    """A document's name in the training data, the same wherever the
    repository is checked out (the held-out split hashes it)."""
    if doc.is_relative_to(ROOT):
        return "jihua/" + doc.relative_to(ROOT).as_posix()
    return doc.relative_to(ROOT.parent).as_posix() if doc.is_relative_to(ROOT.parent) else doc.name


def _end_of(text: str, at: int, name: str) -> int:
    """Where `name` ends in `text` from `at`, white space inside it skipped."""
    want = len(re.sub(r"\s+", "", name))
    k = at
    while want and k < len(text):
        want -= not text[k].isspace()
        k += 1
    return k


def _disjoint(spans: list[list]) -> list[list]:
    out: list[list] = []
    for s in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not out or s[0] >= out[-1][1]:
            out.append(s)
    return out


def is_dev(source: str) -> bool:
    """About one document in seven is held out of training to pick the best
    model (by a hash of its name, so the split never moves)."""
    return int(hashlib.sha256(source.encode()).hexdigest(), 16) % 7 == 0


def _gold_only() -> list[tuple[Path, Path]]:
    """(gold file, document) for documents with gold but no mentions file yet."""
    have = {doc for _m, doc in _sources()}
    pairs = []
    for folder in GROUPS.values():
        for g in sorted(folder.glob("*.gold.json")):
            doc = folder / g.name.removesuffix(".gold.json")
            if doc.is_file() and doc not in have:
                pairs.append((g, doc))
    return pairs


def silver_example(gold_file: Path, doc: Path) -> dict:
    """Spans where the gold's accepted spellings of the plan's bodies stand in
    the text, longest first: weaker than hand-placed mentions (a name's every
    occurrence counts, whatever its sense), used only where none exist."""
    text = document_text(doc)
    view, where = reading_view(text)
    inverse = {orig: k for k, orig in enumerate(where)}
    names = sorted({n for p in json.loads(gold_file.read_text(encoding="utf-8"))["plans"] for e in p.get("bodies", []) for n in e}, key=len, reverse=True)
    taken: list[list] = []
    for name in names:
        for m in re.finditer(re.escape(name), text):
            a, b = m.start(), m.end()
            if a in inverse and b - 1 in inverse and not any(x < inverse[b - 1] + 1 and inverse[a] < y for x, y, *_ in taken):
                taken.append([inverse[a], inverse[b - 1] + 1, "BODY", "silver"])
    return {"source": _source_name(doc), "text": view, "spans": _disjoint(taken), "silver": True}


def build(silver: bool = True) -> None:
    OUT.mkdir(exist_ok=True)
    train, dev, placed, missed = [], [], 0, 0
    for mentions_file, doc in _sources():
        ex, p, m = example(mentions_file, doc)
        placed, missed = placed + p, missed + m
        (dev if is_dev(ex["source"]) else train).append(ex)
    for gold_file, doc in _gold_only() if silver else []:
        ex = silver_example(gold_file, doc)
        (dev if is_dev(ex["source"]) else train).append(ex)
    for name, rows in (("train", train), ("dev", dev)):
        with (OUT / f"{name}.jsonl").open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    hand = sum(len(r["spans"]) for r in train + dev if not r.get("silver"))
    silver_spans = sum(len(r["spans"]) for r in train + dev if r.get("silver"))
    print(f"{len(train)} training and {len(dev)} held-out documents; {hand} hand-placed body spans "
          f"({placed} mentions placed, {missed} not found in their document), {silver_spans} silver spans from gold lists")


def docbin(out_dir: Path) -> None:
    """The JSONL examples as spaCy DocBin files for `spacy train`."""
    from spacy.tokens import DocBin

    from extractor.bodies.candidates import char_pipeline

    nlp = char_pipeline()
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in ("train", "dev"):
        db = DocBin()
        for line in (OUT / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            doc = nlp.make_doc(row["text"])
            ents = [doc.char_span(a, b, label=label, alignment_mode="contract") for a, b, label, _role in row["spans"]]
            doc.ents = [e for e in ents if e is not None]
            db.add(doc)
        db.to_disk(out_dir / f"{name}.spacy")


if __name__ == "__main__":
    if sys.argv[1:2] == ["build"]:
        build()
    elif sys.argv[1:2] == ["docbin"] and len(sys.argv) == 3:
        docbin(Path(sys.argv[2]))
    else:
        sys.exit("usage: python -m extractor.bodies.training build | docbin OUT")
