"""The one place that knows the order of the stages.

bytes → blocks (readers) → clean lines (clean) → plans (plans) → outline
(outline) → objectives and tasks (tasks, schedule) with months (timex),
bodies (bodies), themes (themes) and targets (targets).
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from extractor import bodies as bodies_mod
from extractor import targets as targets_mod
from extractor import themes as themes_mod
from extractor.clean import Line, clean
from extractor.errors import ReadError, TooLarge
from extractor.outline import build_tree, to_sections
from extractor.plans import PlanDraft, split_plans, unit_from_mentions
from extractor.readers import read_bytes
from extractor.tasks import extract
from models import Block, BodyRef, Document, Plan, Task
from models.limits import DEFAULT, Limits
from models.messages import msg


def parse_bytes(
    data: bytes, name: str, taxonomy: themes_mod.Taxonomy | None = None, limits: Limits = DEFAULT
) -> Document:
    """Parse one file's bytes. The limits bound the cost before each costly
    step: the file's size and its inflated parts before reading, the text's
    length before cleaning, each plan's length before extraction (spaCy and
    the extraction stages grow faster than linearly in a plan's length)."""
    reading = read_bytes(data, name, limits)
    chars = _text_chars(reading.blocks)
    if chars > limits.max_text_chars:
        raise TooLarge(name, msg("text_too_long", n=f"{chars:,}", limit=f"{limits.max_text_chars:,}"))
    doc = Document(
        file=name,
        format=reading.format,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=list(reading.warnings),
    )
    lines = clean(reading.blocks)
    if not any(ln.is_table or ln.text.strip() for ln in lines):
        # Refused, not stored empty: an empty document would make every
        # later upload of the same bytes a "duplicate" of nothing.
        why = "; ".join(reading.warnings)
        raise ReadError(name, msg("no_text_found", why=f" ({why})" if why else ""))
    drafts = split_plans(lines)
    for i, d in enumerate(drafts, 1):
        n = len(plan_text(d.lines + d.signature))
        if n > limits.max_plan_chars:
            title = msg("paren", text=d.title[:30]) if d.title else ""
            raise TooLarge(name, msg("plan_too_long", i=i, title=title, n=f"{n:,}", limit=f"{limits.max_plan_chars:,}"))
    tax = taxonomy or themes_mod.load_taxonomy()
    doc.plans = [build_plan(d, tax) for d in drafts]
    return doc


def _text_chars(blocks: list[Block]) -> int:
    return sum(
        len(b.text or "") + sum(len(c.text or "") for row in (b.rows or []) for c in row) for b in blocks
    )


def plan_text(lines: list[Line]) -> str:
    return "\n".join(ln.full_text for ln in lines)


def build_plan(draft: PlanDraft, taxonomy: themes_mod.Taxonomy) -> Plan:
    text = plan_text(draft.lines + draft.signature)  # the signature is the plan's, though no task
    root = build_tree(draft.lines)
    objectives, drafts = extract(root, draft.year, draft.header)
    mentions = bodies_mod.find_mentions(text)
    unit = draft.unit or unit_from_mentions(mentions)
    tasks = []
    for d, found in zip(drafts, _task_mentions(text, drafts, mentions)):
        refs = [BodyRef(name=n, role=r) for n, r in d.bodies]
        for m in found:
            if all(ref.name != m.name for ref in refs):
                refs.append(BodyRef(name=m.name, role=m.role))
        tasks.append(
            Task(
                text=d.text,
                section_path=d.section_path,
                months=d.months,
                time_text=d.time_text,
                bodies=refs,
                themes=themes_mod.classify(d.text, taxonomy),
                targets=targets_mod.find_targets(d.text),
            )
        )
    table_mentions = [bodies_mod.Mention(name=n, role=r, start=-1, end=-1) for d in drafts for n, r in d.bodies]
    plan_bodies = bodies_mod.merge_bodies(mentions + table_mentions, unit=unit)
    seen = {t for task in tasks for t in task.themes}
    return Plan(
        title=draft.title,
        unit=unit,
        year=draft.year,
        text=text,
        sections=to_sections(root),
        objectives=objectives,
        tasks=tasks,
        bodies=plan_bodies,
        themes=[t for t in taxonomy.names if t in seen],
    )


def _task_mentions(text: str, drafts, mentions):  # noqa: ANN001
    """Each task's bodies, taken from the plan-wide pass where the task's text
    stands in the plan's text (the spaCy pass is the costly step: run it once),
    and found afresh only for the few tasks whose text was assembled."""
    cursor = 0
    for d in drafts:
        at = text.find(d.text, cursor)
        if at < 0:
            at = text.find(d.text)
        if at < 0:
            yield bodies_mod.find_mentions(d.text)
            continue
        end = at + len(d.text)
        cursor = at
        yield [m for m in mentions if at <= m.start and m.end <= end]


def read_file(path: str | Path, limits: Limits = DEFAULT) -> bytes:
    """A file's bytes, never more than the per-file limit: a large regular
    file is refused by its size before it is read, and a device or pipe
    (/dev/zero) is read only up to the limit."""
    from extractor.readers.package import mb

    p = Path(path)
    cap = limits.max_file_bytes
    too_large = msg("file_over_limit", limit=mb(cap))
    try:
        st = p.stat()
        if p.is_dir():
            raise ReadError(str(path), msg("is_directory"))
        if stat.S_ISREG(st.st_mode) and st.st_size > cap:
            raise TooLarge(str(path), msg("file_too_large", size=mb(st.st_size), limit=mb(cap)))
        with open(p, "rb") as fh:
            data = fh.read(cap + 1)
    except FileNotFoundError as e:
        raise ReadError(str(path), msg("no_such_file")) from e
    except IsADirectoryError as e:
        raise ReadError(str(path), msg("is_directory")) from e
    except PermissionError as e:
        raise ReadError(str(path), msg("permission_denied")) from e
    except OSError as e:
        raise ReadError(str(path), msg("cannot_read", reason=e.strerror or e)) from e
    if len(data) > cap:
        raise TooLarge(str(path), too_large)
    return data


def parse_file(
    path: str | Path, taxonomy: themes_mod.Taxonomy | None = None, limits: Limits = DEFAULT
) -> Document:
    return parse_bytes(read_file(path, limits), Path(path).name, taxonomy, limits)
