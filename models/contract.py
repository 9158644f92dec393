"""The parse result, field for field as docs/CONTRACT.md describes it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Role = Literal["issuer", "lead", "support", "leader", "mention"]


class Target(BaseModel):
    """A quantified commitment such as 至少组织一次 or 入会率达到95%以上."""

    quantity: float | int
    unit: str
    text: str


class BodyRef(BaseModel):
    """A body named by one task, with the role it plays there."""

    name: str
    role: Role


class Body(BaseModel):
    """One organisation of a plan, its mentions merged."""

    name: str
    roles: list[Role] = Field(default_factory=list)
    mentions: int = 0


class Objective(BaseModel):
    text: str
    section_path: list[str] = Field(default_factory=list)


class Task(BaseModel):
    text: str
    section_path: list[str] = Field(default_factory=list)
    months: list[int] = Field(default_factory=list, description="months 1-12 the time expression admits")
    time_text: str | None = Field(default=None, description="the time expression, verbatim")
    bodies: list[BodyRef] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)


class Section(BaseModel):
    label: str
    title: str
    level: int
    children: list[Section] = Field(default_factory=list)


class Plan(BaseModel):
    title: str | None = None
    unit: str | None = None
    year: int | None = None
    text: str = ""
    sections: list[Section] = Field(default_factory=list)
    objectives: list[Objective] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    bodies: list[Body] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)


class Document(BaseModel):
    file: str
    format: str
    sha256: str
    plans: list[Plan] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
