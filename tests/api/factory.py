"""Hand-built Documents for tests of storage and queries (not of parsing)."""

from __future__ import annotations

import hashlib

from models import Body, BodyRef, Document, Objective, Plan, Section, Task


def task(text: str, months: list[int], themes=(), bodies=(), **kw) -> Task:
    return Task(
        text=text,
        months=months,
        time_text=f"{months[0]}月" if months else None,
        section_path=["一、"],
        themes=list(themes),
        bodies=[BodyRef(name=n, role=r) for n, r in bodies],
        **kw,
    )


def make_doc(name: str, unit: str | None, tasks: list[Task], *, year: int | None = 2025) -> Document:
    sha = hashlib.sha256((name + str(unit) + "".join(t.text for t in tasks)).encode()).hexdigest()
    return Document(
        file=name,
        format="txt",
        sha256=sha,
        warnings=["page 1: test warning"],
        plans=[
            Plan(
                title=f"{unit}{year}年工作计划",
                unit=unit,
                year=year,
                text="。".join(t.text for t in tasks),
                sections=[
                    Section(label="一、", title="加强思想建设", level=1, children=[Section(label="（一）", title="学习", level=2)]),
                    Section(label="二、", title="丰富文体生活", level=1),
                ],
                objectives=[Objective(text="全面提升职工素质", section_path=["一、"])],
                tasks=tasks,
                bodies=[Body(name=unit or "某工会", roles=["issuer"], mentions=3), Body(name="女工委员会", roles=["lead"], mentions=1)],
                themes=sorted({th for t in tasks for th in t.themes}),
            )
        ],
    )


def two_unit_docs() -> list[Document]:
    """Two units with one near-identical task (the 三八 lecture)."""
    from models import Target

    a = make_doc(
        "a.txt",
        "甲公司工会",
        [
            task("组织开展“三八”妇女节女工健康讲座", [3], ["女职工"], [("女工委员会", "lead")]),
            task("举办职工春节联欢会", [1, 2], ["文体活动"], [("甲公司工会", "lead"), ("行政办公室", "support")]),
            task("开展安全生产月活动", [6], ["安全健康"], targets=[Target(quantity=2, unit="次", text="至少两次")]),
            task("全年做好会员发展工作", [], ["组织建设"]),
        ],
    )
    b = make_doc(
        "b.txt",
        "乙学校工会",
        [
            task("组织开展三八妇女节女工健康讲座。", [3], ["女职工"], [("女教职工委员会", "lead")]),
            task("召开教职工代表大会", [3], ["民主管理"]),
            task("开展教师节表彰活动", [9], ["思想政治"]),
        ],
    )
    return [a, b]
