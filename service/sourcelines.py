"""Which lines of a plan's text each task came from.

The parse gives tasks no offsets (their text is cut from the plan's lines,
a label or a clause at a time), so a task is found again in the text: both
are compared normalised (NFKC, without spaces, punctuation and list labels:
store.compare.normalise), searching forward from the previous task's place
because tasks come in reading order. A task not found whole is placed by
its beginning and its end, else by the line that shares most of its
character pairs; one found nowhere has no lines.
"""

from __future__ import annotations

from bisect import bisect_right

from store.compare import normalise

# a task's first and last characters that place it when its whole text is
# not found (a parser that joined or cut its sentences)
_ENDS = 12


class SourceText:
    def __init__(self, text: str):
        self.lines = (text or "").split("\n")
        starts: list[int] = []
        parts: list[str] = []
        pos = 0
        for line in self.lines:
            starts.append(pos)
            n = normalise(line)
            parts.append(n)
            pos += len(n)
        self.starts = starts
        self.joined = "".join(parts)
        self.cursor = 0

    def _line(self, offset: int) -> int:
        """The 0-based line holding normalised offset `offset`."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def _find(self, needle: str) -> int:
        at = self.joined.find(needle, self.cursor)
        return at if at >= 0 else self.joined.find(needle)

    def locate(self, task_text: str) -> tuple[int, int] | None:
        """(first, last) line numbers, 1-based, of a task; None if not found."""
        n = normalise(task_text)
        if not n:
            return None
        at = self._find(n)
        if at >= 0:
            end = at + len(n)
        else:
            head, tail = n[:_ENDS], n[-_ENDS:]
            at = self._find(head)
            if at < 0:
                return self._nearest_line(n)
            tail_at = self.joined.find(tail, at)
            end = tail_at + len(tail) if 0 <= tail_at <= at + 2 * len(n) else at + len(head)
        self.cursor = at
        return self._line(at) + 1, self._line(max(at, end - 1)) + 1


    def _nearest_line(self, n: str) -> tuple[int, int] | None:
        """The line sharing most of the task's character pairs (a task the
        parser put together from parts of a sentence: 分别 pairs), if it
        holds at least half of them."""
        grams = {n[i : i + 2] for i in range(len(n) - 1)}
        if not grams:
            return None
        best, best_i = 0, -1
        for i, start in enumerate(self.starts):
            end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.joined)
            line = self.joined[start:end]
            shared = sum(1 for g in grams if g in line)
            if shared > best:
                best, best_i = shared, i
        if best * 2 < len(grams):
            return None
        return best_i + 1, best_i + 1


def locate_tasks(text: str, tasks: list[str]) -> list[tuple[int, int] | None]:
    """For each task text (in reading order), its (first, last) line numbers."""
    source = SourceText(text)
    return [source.locate(t) for t in tasks]
