"""`jihua parse` and `jihua eval`."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from api.cli import app
from extractor.errors import JihuaError
from extractor.pipeline import parse_file

TaxonomyOpt = Annotated[
    Path | None, typer.Option("--taxonomy", help="a theme taxonomy JSON file replacing the default (same format)")
]


def _taxonomy(path: Path | None):  # noqa: ANN202
    from extractor.themes import load_taxonomy

    try:
        return load_taxonomy(path) if path else None
    except JihuaError as e:
        print(str(e), file=sys.stderr)
        raise typer.Exit(2) from e


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="plan files (.txt, .docx, .pdf, .doc …)")],
    as_json: Annotated[bool, typer.Option("--json", help="print the contract's JSON, one object per line (JSON Lines)")] = False,
    taxonomy: TaxonomyOpt = None,
) -> None:
    """Parse plan files and print their plans and outline (or the contract's JSON)."""
    from api.settings import Settings

    tax = _taxonomy(taxonomy)
    limits = Settings().limits()  # the API's limits: a file it refuses is refused here too
    failed = False
    for f in files:
        try:
            doc = parse_file(f, tax, limits)
        except JihuaError as e:
            print(str(e), file=sys.stderr)
            failed = True
            continue
        except Exception as e:  # noqa: BLE001 - a parser bug on one file must not hide the others
            logging.getLogger(__name__).exception("internal error parsing %s", f)
            print(f"{f}: internal error, please report it ({type(e).__name__}: {e})", file=sys.stderr)
            failed = True
            continue
        if as_json:
            print(json.dumps(doc.model_dump(mode="json"), ensure_ascii=False), flush=True)
        else:
            _print_tree(doc)
    if failed:
        raise typer.Exit(2)


def _print_tree(doc) -> None:  # noqa: ANN001 - models.Document
    """A readable outline: plans, their sections and the tasks with months."""
    from rich.console import Console
    from rich.markup import escape
    from rich.tree import Tree

    root = Tree(f"[bold]{escape(doc.file)}[/] ({doc.format}, {len(doc.plans)} plan(s))")
    for w in doc.warnings:
        root.add(f"[yellow]warning:[/] {escape(w)}")
    for plan in doc.plans:
        head = f"[bold cyan]{escape(plan.title or '(untitled)')}[/]  unit={escape(str(plan.unit))} year={plan.year}"
        node = root.add(head)
        _add_plan(node, plan, escape)
        if plan.bodies:
            node.add("bodies: " + escape("、".join(f"{b.name}({'/'.join(b.roles)})" for b in plan.bodies)))
    Console().print(root)


def _add_plan(node, plan, escape) -> None:  # noqa: ANN001 - a rich Tree, a models.Plan
    """A plan's sections as a tree, each task under the deepest section it sits in."""
    at: dict[tuple[str, ...], object] = {(): node}

    def add(section, parent, path: tuple[str, ...]) -> None:  # noqa: ANN001
        branch = parent.add(f"{escape(section.label)} {escape(section.title)}")
        at[path + (section.label,)] = branch
        for child in section.children:
            add(child, branch, path + (section.label,))

    for section in plan.sections:
        add(section, node, ())
    for t in plan.tasks:
        path = tuple(t.section_path)
        while path not in at:
            path = path[:-1]
        months = ",".join(map(str, t.months)) or "-"
        at[path].add(f"[green]{months}[/] {escape(t.text[:40])}")


def _parse_min(items: list[str]) -> dict[str, float]:
    from extractor.evaluate import Score

    known = set(Score().values())
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        # "frozen:month_tasks_f1=0.85" holds one split of a split corpus
        if not sep or key.rpartition(":")[2] not in known:
            raise typer.BadParameter(f"{item!r}: expected NAME=VALUE with NAME one of {', '.join(sorted(known))}")
        try:
            out[key] = float(value)
        except ValueError as e:
            raise typer.BadParameter(f"{item!r}: {value!r} is not a number") from e
    return out


def _line(name: str, v: dict[str, float]) -> str:
    return (
        f"{name:<32} plans_f1={v['plans_f1']:.3f} sections_f1={v['sections_f1']:.3f} "
        f"month_tasks_f1={v['month_tasks_f1']:.3f} (p={v['month_tasks_p']:.2f} r={v['month_tasks_r']:.2f}) "
        f"bodies_f1={v['bodies_f1']:.3f} (p={v['bodies_p']:.2f} r={v['bodies_r']:.2f}) "
        f"unit_acc={v['unit_acc']:.3f} year_acc={v['year_acc']:.3f}"
    )


@app.command("eval")
def evaluate(
    dirs: Annotated[list[Path], typer.Argument(help="folders holding NAME and NAME.gold.json pairs")],
    minimum: Annotated[
        list[str] | None, typer.Option("--min", help="fail (exit 1) when a TOTAL metric is below, e.g. --min sections_f1=0.9 (frozen:… or dev:… for one split of a split corpus)")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="list every miss and extra")] = False,
    taxonomy: TaxonomyOpt = None,
) -> None:
    """Score parses against gold files (../shared/gold/FORMAT.md) and print a line per file and a TOTAL."""
    from extractor.evaluate import Score, find_gold_pairs, load_gold, score_document, split_of

    limits = _parse_min(minimum or [])
    tax = _taxonomy(taxonomy)
    pairs = find_gold_pairs(dirs)
    if not pairs:
        print(f"no NAME.gold.json beside its NAME in {', '.join(map(str, dirs))}", file=sys.stderr)
        raise typer.Exit(2)
    total = Score()
    by_split: dict[str, Score] = {}
    for doc_path, gold_path in pairs:
        try:
            doc = parse_file(doc_path, tax)
        except JihuaError as e:
            print(str(e), file=sys.stderr)
            doc = None
        gold = load_gold(gold_path)
        from models import Document

        score = score_document(gold, doc or Document(file=doc_path.name, format="?", sha256=""))
        total += score
        split = split_of(doc_path)
        if split:
            by_split.setdefault(split, Score()).__iadd__(score)
        if split == "frozen":
            continue  # the frozen third shows its total only: its misses are never read
        print(_line(doc_path.name, score.values()))
        if verbose:
            for m in score.misses:
                print(m)
    for split in sorted(by_split):
        print(_line(f"TOTAL[{split}]", by_split[split].values()))
    values = total.values()
    print(_line("TOTAL", values))
    for split, score in by_split.items():
        values.update({f"{split}:{k}": v for k, v in score.values().items()})
    failed = [f"{k}={values.get(k, 0.0):.3f} < {v}" for k, v in limits.items() if values.get(k, 0.0) < v]
    if failed:
        print("below minimum: " + ", ".join(failed), file=sys.stderr)
        raise typer.Exit(1)
