"""Values the list derives from a record again and again (folded search text, sort keys, effective
funding), remembered per record while the record lives and its inputs stay the same.

The list filters and sorts the same records on every key press and header click; computing these
values once keeps a filter or sort of 10,000 measures well below the 50 ms / 100 ms goals.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from gera_desktop.domain.records import MassnahmeData

T = TypeVar("T")
Slots = dict[str, tuple[tuple[Any, ...], Any]]


class RecordMemo:
    """Per record and slot: the inputs a value was made from, and the value."""

    def __init__(self) -> None:
        self._records: dict[int, tuple[weakref.ref[MassnahmeData], Slots]] = {}

    def get(self, record: MassnahmeData, slot: str, inputs: tuple[Any, ...], make: Callable[[], T]) -> T:
        """The remembered value of ``slot`` if ``inputs`` are unchanged, else ``make()`` (remembered)."""
        slots = self._slots(record)
        remembered = slots.get(slot)
        if remembered is not None and remembered[0] == inputs:
            return remembered[1]  # type: ignore[no-any-return]
        value = make()
        slots[slot] = (inputs, value)
        return value

    def _slots(self, record: MassnahmeData) -> Slots:
        key = id(record)
        entry = self._records.get(key)
        if entry is None or entry[0]() is not record:
            entry = (weakref.ref(record, lambda _gone: self._records.pop(key, None)), {})
            self._records[key] = entry
        return entry[1]

    def __len__(self) -> int:
        return len(self._records)
