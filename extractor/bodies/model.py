"""The trained component: a spaCy NER model (CNN tok2vec, one token per
character) that marks the bodies a plan names. It ships inside the package
(extractor/bodies/model/, built by `make train` from the hand-checked
mentions, see training.py) and loads with no download."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent / "model"


def available() -> bool:
    return (MODEL_DIR / "meta.json").is_file()


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    return spacy.load(MODEL_DIR)


def model_spans(s: str) -> list[tuple[int, int]]:
    """Character spans of the bodies the model finds in `s` (a reading view)."""
    if not s.strip() or not available():
        return []
    doc = _nlp()(s)
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "BODY"]
