"""Response models the contract (models/) does not have: rows that carry
their plan and unit, pages, facets, comparisons, jobs, errors. Where a
contract type fits (Task, Section, Body, Objective) it is reused."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from models import Body, Objective, Section, Task

T = TypeVar("T")


class ErrorDetail(BaseModel):
    status: int = Field(examples=[422])
    code: str = Field(description="stable, for programs", examples=["corrupt_zip"])
    message: str = Field(
        description="for people: Chinese (English when the server runs with JIHUA_LANG=en)",
        examples=["bad.docx: zip 容器已损坏（File is not a zip file）"],
    )


class ErrorBody(BaseModel):
    """Every error answer has this shape, whatever the status."""

    error: ErrorDetail


class Page(BaseModel, Generic[T]):
    total: int = Field(description="rows matching the filters, over all pages")
    limit: int
    offset: int
    items: list[T]


class PlanSummary(BaseModel):
    id: int
    document_id: int
    seq: int = Field(description="position of the plan in its document")
    unit: str | None = Field(None, examples=["青川区总工会"], description="the unit queries use: the parse, a correction, merged into its canonical name")
    parsed_unit: str | None = Field(None, description="the unit as the parser read it")
    year: int | None = Field(None, examples=[2025])
    title: str | None = None
    themes: list[str] = []
    task_count: int = 0


class TaskRow(Task):
    """A task with where it comes from: its plan, unit and year."""

    id: int
    plan_id: int
    document_id: int
    unit: str | None = None
    year: int | None = None
    plan_title: str | None = None
    seq: int = 0

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": 17,
                    "plan_id": 3,
                    "document_id": 2,
                    "unit": "临江市第二实验中学工会",
                    "year": 2025,
                    "plan_title": "临江市第二实验中学工会2025年工作计划",
                    "seq": 4,
                    "text": "开展“书香女教师”读书沙龙活动",
                    "section_path": ["四、", "2."],
                    "months": [3],
                    "time_text": "3月",
                    "bodies": [{"name": "女教职工委员会", "role": "lead"}],
                    "themes": ["女职工", "职工素质"],
                    "targets": [],
                }
            ]
        }
    }


class PlanTask(TaskRow):
    lines: list[int] | None = Field(
        None, description="[first, last] line (1-based) of the plan's text the task was read from; null when not found"
    )


class Correction(BaseModel):
    """A user's fix, kept beside the parse and applied again after every
    parse of its document (jihua reparse)."""

    id: int
    document_id: int
    plan_id: int | None = Field(None, description="the plan it applies to now")
    task_id: int | None = Field(None, description="the task it applies to now (task fields); null when orphaned")
    task_text: str | None = None
    field: Literal["unit", "year", "months", "bodies"]
    value: Any = Field(description="the user's value")
    parsed: Any = Field(None, description="the parser's value, from the last parse")
    status: Literal["applied", "orphaned"] = Field(description="orphaned: the last parse has no such task; kept in case it comes back")
    created_at: str
    updated_at: str


class PlanDetail(PlanSummary):
    text: str = ""
    sections: list[Section] = []
    objectives: list[Objective] = []
    tasks: list[PlanTask] = []
    bodies: list[Body] = []
    corrections: list[Correction] = Field([], description="the users' fixes of this plan and its tasks")


class PlanPatch(BaseModel):
    """Fields left out stay as they are; null takes a correction back (the
    parser's value returns)."""

    unit: str | None = Field(None, max_length=200, examples=["青川区总工会"])
    year: int | None = Field(None, examples=[2025])

    model_config = {"extra": "forbid", "json_schema_extra": {"examples": [{"unit": "青川区总工会", "year": 2025}]}}


class BodyPatch(BaseModel):
    name: str = Field(max_length=200, examples=["区总工会女职工委员会"])
    role: str = Field(examples=["lead", "牵头"], description="lead, support, leader, issuer, mention, or 牵头, 配合, 领导, 发文, 提及")


class TaskPatch(BaseModel):
    """Fields left out stay as they are; null takes a correction back."""

    months: list[int] | str | None = Field(
        None, max_length=100, examples=[[3, 4], "3-5", "三月"], description="months 1-12: a list, or as people write them"
    )
    bodies: list[BodyPatch] | None = Field(None, max_length=50, description="the task's bodies, all of them, in order")

    model_config = {
        "extra": "forbid",
        "json_schema_extra": {"examples": [{"months": [3], "bodies": [{"name": "区总工会女职工委员会", "role": "牵头"}]}]},
    }


class Unit(BaseModel):
    name: str = Field(description="the canonical name queries use")
    plans: int
    tasks: int
    aliases: list[str] = Field(description="spellings merged into this unit")
    parsed_as: list[str] = Field(description="other names its plans were parsed with (merged or corrected)")


class UnitMerge(BaseModel):
    aliases: list[str] = Field(min_length=1, max_length=100, examples=[["青川总工会"]], description="spellings that are this unit")

    model_config = {"extra": "forbid"}


class DocumentOut(BaseModel):
    id: int
    sha256: str
    name: str
    format: str | None = None
    size: int | None = None
    source: str | None = None
    ingested_at: str | None = None
    warnings: list[str] = []
    parser_version: str | None = None
    plans: list[PlanSummary] = []
    duplicate: bool = Field(False, description="true when the same bytes were stored before; this is that document")


class DocumentSummary(BaseModel):
    """A stored document in the list of GET /documents."""

    id: int
    sha256: str
    name: str
    format: str | None = None
    size: int | None = None
    source: str | None = None
    ingested_at: str | None = None
    warnings: list[str] = []
    parser_version: str | None = Field(None, description="the parser that read it (a hash of extractor/'s files)")
    plan_count: int = 0
    task_count: int = 0


class UploadResponse(BaseModel):
    documents: list[DocumentOut]


class FacetCount(BaseModel):
    value: str | int
    count: int


class Facets(BaseModel):
    tasks: int = Field(description="tasks matching the filters")
    unit: list[FacetCount]
    year: list[FacetCount]
    month: list[FacetCount]
    theme: list[FacetCount]
    body: list[FacetCount]


class TaskBrief(BaseModel):
    id: int
    plan_id: int
    unit: str
    text: str
    months: list[int] = []


class GridCell(BaseModel):
    theme: str | None = Field(description="null: all tasks of the month, whatever their theme")
    month: int
    units: dict[str, int] = Field(description="unit → number of its tasks in this theme and month")


class SharedTask(BaseModel):
    text: str = Field(description="the shortest wording of the group")
    units: list[str]
    tasks: list[TaskBrief]


class Comparison(BaseModel):
    units: list[str]
    task_counts: dict[str, int]
    grid: list[GridCell]
    theme_counts: dict[str, dict[str, int]] = Field(
        {}, description="theme → unit → number of the unit's tasks with the theme (each task once): a heatmap"
    )
    shared: list[SharedTask] = Field(description="near-identical tasks planned by several units")
    unique: dict[str, list[TaskBrief]] = Field(description="per unit, tasks no other compared unit plans")
    bodies: dict[str, list[Body]] = Field(description="per unit, the bodies its plans name, most mentioned first")


class JobFile(BaseModel):
    source: str
    status: Literal["stored", "duplicate", "skipped", "ignored", "error"] = Field(
        description="stored; duplicate (same bytes twice in this job); skipped (stored before); "
        "ignored (no plan: a data, hidden or lock file, or bytes of no plan format); error"
    )
    document_id: int | None = None
    plans: int = 0
    tasks: int = 0
    error: str | None = None
    note: str | None = Field(None, description="why a file was skipped or ignored")


class Job(BaseModel):
    id: str
    name: str
    status: Literal["queued", "running", "done", "failed", "interrupted"]
    total: int = 0
    done: int = 0
    stored: int = 0
    duplicate: int = 0
    skipped: int = 0
    ignored: int = 0
    failed: int = 0
    created_at: str
    finished_at: str | None = None
    error: str | None = Field(None, description="why the whole job failed, if it did")
    results: list[JobFile] = []
