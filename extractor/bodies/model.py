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


def model_spans(s: str, where: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Character spans of the bodies the model finds in `s` (a reading view),
    read in the stretches `where` only (around the kinds of organisation the
    lexicon knows: most of a plan names no body, and reading it all would
    cost several times as much), or in all of `s`."""
    if not s.strip() or not available():
        return []
    where = where if where is not None else [(0, len(s))]
    out = []
    for (a, _b), doc in zip(where, _nlp().pipe(s[a:b] for a, b in where)):
        out += [(a + e.start_char, a + e.end_char) for e in doc.ents if e.label_ == "BODY"]
    return out
