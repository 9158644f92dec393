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
from models.messages import months_text, msg, role_word

TaxonomyOpt = Annotated[
    Path | None, typer.Option("--taxonomy", help="替换默认主题分类的 JSON 文件（格式相同）")
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
    files: Annotated[list[Path], typer.Argument(help="计划文件（.txt、.docx、.pdf、.doc …，格式按内容识别）")],
    as_json: Annotated[bool, typer.Option("--json", help="输出约定的 JSON：每个文件一个对象，每行一个（JSON Lines）")] = False,
    taxonomy: TaxonomyOpt = None,
) -> None:
    """解析计划文件，输出其中的计划和大纲（或约定的 JSON）。

    树形输出列出每个计划的标题、单位、年份、章节，章节下的任务带月份，
    以及责任主体和它们的角色（牵头、配合……）。坏文件在标准错误输出一行原因，
    其余文件继续，退出码为 2。

    示例：jihua parse 计划.docx 要点.pdf；jihua parse 计划.docx --json > 计划.json
    """
    from api.settings import Settings
    from extractor.pipeline import parse_file  # imported by the commands that parse: --help stays quick

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
            print(f"{f}: {msg('cli_internal_error', reason=f'{type(e).__name__}: {e}')}", file=sys.stderr)
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

    root = Tree(f"[bold]{escape(msg('cli_doc_head', file=doc.file, fmt=doc.format, n=len(doc.plans)))}[/]")
    for w in doc.warnings:
        root.add(f"[yellow]{escape(msg('cli_warning'))}[/]{escape(w)}")
    for plan in doc.plans:
        where = msg("cli_plan_head", unit=plan.unit or "-", year=plan.year or "-")
        head = f"[bold cyan]{escape(plan.title or msg('cli_untitled'))}[/]  {escape(where)}"
        node = root.add(head)
        _add_plan(node, plan, escape)
        if plan.bodies:
            names = "、".join(f"{b.name}（{'/'.join(role_word(r) for r in b.roles)}）" for b in plan.bodies)
            node.add(escape(msg("cli_bodies") + names))
    Console().print(root)


def _add_plan(node, plan, escape) -> None:  # noqa: ANN001 - a rich Tree, a models.Plan
    """A plan's sections as a tree, each task under the deepest section it sits in."""
    at: dict[tuple[str, ...], object] = {(): node}

    def add(section, parent, path: tuple[str, ...]) -> None:  # noqa: ANN001
        # a time heading with nothing after it is its own title ("第3周 03-01 ~ 03-07")
        head = section.title if section.title == section.label else f"{section.label} {section.title}"
        branch = parent.add(escape(head))
        at[path + (section.label,)] = branch
        for child in section.children:
            add(child, branch, path + (section.label,))

    for section in plan.sections:
        add(section, node, ())
    for t in plan.tasks:
        path = tuple(t.section_path)
        while path not in at:
            path = path[:-1]
        at[path].add(f"[green]{escape(months_text(t.months))}[/] {escape(t.text[:40])}")


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
    dirs: Annotated[list[Path], typer.Argument(help="放着 NAME 和 NAME.gold.json 的文件夹")],
    minimum: Annotated[
        list[str] | None, typer.Option("--min", help="TOTAL 的某项指标低于它时失败（退出码 1），如 --min sections_f1=0.9（frozen:… 或 dev:… 指分开的语料的一部分）")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="列出每个遗漏和多出的项")] = False,
    taxonomy: TaxonomyOpt = None,
) -> None:
    """用标准答案（../shared/gold/FORMAT.md）给解析结果打分：每个文件一行，最后一行 TOTAL。

    示例：jihua eval ../shared/gold ../shared/fixtures --min sections_f1=0.9
    """
    from extractor.evaluate import Score, find_gold_pairs, load_gold, score_document, split_of
    from extractor.pipeline import parse_file

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
