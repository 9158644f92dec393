"""Types shared by the extractor, the store and the API.

They are the JSON contract of `jihua parse FILE --json` (docs/CONTRACT.md):
a `Document` serialised with `model_dump(mode="json")` *is* that JSON.
"""

from models.blocks import Block, Cell
from models.contract import Body, BodyRef, Document, Objective, Plan, Section, Target, Task

__all__ = [
    "Block",
    "Body",
    "BodyRef",
    "Cell",
    "Document",
    "Objective",
    "Plan",
    "Section",
    "Target",
    "Task",
]
