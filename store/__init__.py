"""The store: the only code that touches SQLite (through sqlite-utils).

schema (open_db), write (store/replace/delete a parsed Document, one
transaction each), query (tasks, plans, documents, facets), search (trigram
FTS5 with a LIKE fallback), compare (units side by side), edits (users' corrections and unit aliases,
applied by store.corrections on every write of a document).
"""

from store.compare import compare
from store.edits import (
    canonical_unit,
    correct_plan,
    correct_task,
    delete_correction,
    list_corrections,
    list_units,
    merge_units,
    unmerge_unit,
)
from store.query import (
    PLAN_SORTS,
    TaskFilter,
    count_tasks,
    document_original,
    facets,
    get_document,
    get_plan,
    get_task,
    iter_tasks,
    list_documents,
    list_plans,
    parse_months,
    query_tasks,
    split_list,
    stats,
    task_page,
)
from store.schema import open_db, trigram_supported
from store.write import (
    Stored,
    delete_document,
    find_document,
    parser_version,
    replace_document,
    store_document,
    store_documents,
)

__all__ = [
    "PLAN_SORTS",
    "Stored",
    "canonical_unit",
    "correct_plan",
    "correct_task",
    "delete_correction",
    "list_corrections",
    "list_units",
    "merge_units",
    "unmerge_unit",
    "TaskFilter",
    "compare",
    "count_tasks",
    "delete_document",
    "document_original",
    "facets",
    "find_document",
    "get_document",
    "get_plan",
    "get_task",
    "iter_tasks",
    "list_documents",
    "list_plans",
    "open_db",
    "parse_months",
    "parser_version",
    "query_tasks",
    "replace_document",
    "split_list",
    "stats",
    "store_document",
    "store_documents",
    "task_page",
    "trigram_supported",
]
