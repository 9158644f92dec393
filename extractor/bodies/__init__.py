"""Responsible bodies: the organisations a plan names, with the role each
plays. One job per module, the words in extractor/data/bodies/:

- lexicon.py: the words (kinds of organisation, modifiers, stop words …);
- candidates.py: candidate spans by rule (spaCy Matcher patterns over one
  token per character, data/bodies/patterns.jsonl);
- model.py: the trained spaCy NER component that marks bodies (built by
  training.py with `make train`, shipped in extractor/bodies/model/);
- filters.py: what a span names that is no body of this plan's work;
- roles.py: the role from one ordered table of cues (data/bodies/roles.json);
- find.py: the above in order, over the reading view of a text;
- merge.py: one entry per body of a plan; cells.py: table columns.
"""

from extractor.bodies.cells import split_body_list, table_role
from extractor.bodies.find import Mention, find_mentions
from extractor.bodies.merge import merge_bodies

__all__ = ["Mention", "find_mentions", "merge_bodies", "split_body_list", "table_role"]
