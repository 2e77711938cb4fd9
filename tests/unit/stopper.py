"""A stand-in for the user in front of a progress window: it watches the progress and presses "Abbrechen"."""

from __future__ import annotations


class Stopper:
    """Records the progress and answers "cancelled" once ``after`` reports have arrived (never: ``None``)."""

    def __init__(self, after: int | None = None) -> None:
        self.after = after
        self.reports: list[tuple[int, int]] = []

    def progress(self, done: int, total: int) -> None:
        self.reports.append((done, total))

    def cancelled(self) -> bool:
        return self.after is not None and len(self.reports) >= self.after
