"""How long work (an export, a backup) reports how far it is and notices that the user asked to stop.

The GUI passes ``progress(done, total)`` and ``cancelled()``; the worker calls ``check()`` where stopping
is safe and ``advance()`` after each piece. ``Checkpoints()`` without callbacks does nothing, which is
what the CLI and the tests that do not care use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from gera_desktop.domain.errors import GeraError

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
T = TypeVar("T")
STEP = 500
"""Items (rows, measures) handled between two progress reports and cancellation checks."""


class WorkCancelled(GeraError):  # noqa: N818 - it is not a failure but the user's wish
    """The user stopped the work; ``message`` says what stayed as it was."""


class Checkpoints:
    """Progress on a scale the work chooses (``plan``), and the cancellation check between pieces."""

    def __init__(
        self,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        *,
        message: str = "Abgebrochen. Es wurde nichts verändert.",
    ) -> None:
        self._progress = progress
        self._cancelled = cancelled
        self._message = message
        self._done = 0
        self._total = 0

    def plan(self, total: int) -> None:
        """The work has ``total`` pieces; progress starts again from none."""
        self._total = max(total, 0)
        self._done = 0
        self._report()

    def advance(self, pieces: int = 1) -> None:
        """``pieces`` more are done; raises ``WorkCancelled`` first when the user asked to stop."""
        self.check()
        self._done = min(self._done + pieces, self._total)
        self._report()

    def advance_to(self, done: int) -> None:
        """``done`` pieces are done in all; raises ``WorkCancelled`` first when the user asked to stop."""
        self.advance(done - self._done)

    @property
    def total(self) -> int:
        """The pieces planned."""
        return self._total

    def each(self, items: Sequence[T], step: int = STEP) -> Iterator[T]:
        """The items one by one, advancing by ``step`` (and checking) after every ``step`` of them."""
        for start in range(0, len(items), step):
            chunk = items[start : start + step]
            yield from chunk
            self.advance(len(chunk))

    def finish(self) -> None:
        """All pieces are done (after a last cancellation check)."""
        self.advance(self._total - self._done)

    def check(self) -> None:
        """Raise ``WorkCancelled`` when the user asked to stop."""
        if self._cancelled is not None and self._cancelled():
            raise WorkCancelled(self._message)

    def _report(self) -> None:
        if self._progress is not None and self._total > 0:
            self._progress(self._done, self._total)
