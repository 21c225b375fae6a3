"""Progress messages: the one shape the service layer reports long work in, for the CLI and the app alike.

A progress callback takes a message. A message that counts says so with "done/total" after what is being
counted ("indexed 64/320", "eval: critiquing the drafts (2/5: d2)"); the words before the count stay the same
for every step of one piece of work, so a bar can follow it, and the count is of units finished. Any other
message is a stage or a notice ("Building the retrieval index (320 items)…") and is shown as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[str], None]

_COUNT = re.compile(r"\b(\d+)\s*/\s*(\d+)\b")


@dataclass(frozen=True)
class Step:
    label: str  # what is counted: the message up to its count
    done: int
    total: int

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total)


def step(message: str) -> Step | None:
    """The count in a progress message, or None when it has none (or counts out of nothing)."""
    counts = list(_COUNT.finditer(message))
    if not counts or int(counts[-1].group(2)) == 0:
        return None
    found = counts[-1]  # the last: the app has always read the count that ends a message
    label = message[: found.start()].rstrip(" (:").strip()
    return Step(label, int(found.group(1)), int(found.group(2)))


def fraction(message: str) -> float | None:
    """How far along a progress message says the work is ("indexed 64/320" is 0.2), or None."""
    counted = step(message)
    return None if counted is None else counted.fraction
