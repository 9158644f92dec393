"""What a reader hands to the cleaner: the file's content in reading order.

A reader turns bytes into blocks and nothing more; every format-specific
trap (Word's automatic numbering, PDF geometry, encodings) is solved here so
that the later stages see one shape for every format.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Cell(BaseModel):
    """One table cell. A merged cell is read once: it carries its spans, and
    the grid positions it covers beyond the first hold `continued=True`."""

    text: str = ""
    row_span: int = 1
    col_span: int = 1
    continued: bool = False


class Block(BaseModel):
    kind: Literal["paragraph", "table"] = "paragraph"
    text: str = ""
    # Word's automatic numbering as the reader rendered it ("一、", "（二）", "3."),
    # kept apart from the text so the outline can treat it as a typed label.
    label: str = ""
    list_level: int | None = None  # w:ilvl of an automatically numbered paragraph
    heading_level: int | None = None  # from a "Heading N"/"标题 N" style: a hint only
    # True when the block boundary is a physical line end that may fall
    # inside a sentence (a .txt line); False when the format marks paragraphs.
    wrapped: bool = False
    rows: list[list[Cell]] = Field(default_factory=list)
    page: int | None = None

    @property
    def full_text(self) -> str:
        return f"{self.label}{self.text}" if self.label else self.text
