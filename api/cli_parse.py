"""`jihua parse` and `jihua eval`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from api.cli import app
from extractor.errors import JihuaError
from extractor.pipeline import parse_file


@app.command()
def parse(
    files: Annotated[list[Path], typer.Argument(help="plan files (.txt, .docx, .pdf …)")],
    as_json: Annotated[bool, typer.Option("--json", help="print the contract's JSON (JSON Lines for several files)")] = False,
) -> None:
    """Parse plan files and print their plans and outline."""
    failed = False
    for f in files:
        try:
            doc = parse_file(f)
        except JihuaError as e:
            print(str(e), file=sys.stderr)
            failed = True
            continue
        if as_json:
            print(json.dumps(doc.model_dump(mode="json"), ensure_ascii=False))
        else:
            print(doc.model_dump_json(indent=2))
    if failed:
        raise typer.Exit(2)
