"""Start probe: a process that measures itself from its start to a painted window, then ends.

``python start_probe.py leer T0`` paints an empty ``QMainWindow`` (the floor); ``python start_probe.py
programm T0`` starts the real program (``gera_desktop.__main__.main``, the database named by
``GERA_DESKTOP_DB``). ``T0`` is the parent's ``time.monotonic()`` just before it started this process
(the clock is system-wide), so interpreter start and every import count.

The probe watches the paint events through event filters (``start_watch.py``) and never sleeps. It
prints one line and ends the process at once:

    START fenster=<s> liste=<s> rss=<MB>

``fenster``: the main window painted for the first time. ``liste``: a table showing rows and a status-bar
label showing sums (``€``) have both been painted (for the floor: the same as ``fenster``). The clock
stops once that paint round is over: in an event posted at the highest priority from those paint events.
Loading the list in the background later on will not fool it: it waits for rows and sums, however late
they come.

The program runs as it starts for a user: the probe loads no Qt before it. It starts watching right after
the program itself has imported ``PySide6.QtWidgets`` (``AfterImport``), before any window can exist.
(PySide's import hook reads the source of every module imported after PySide, about 0.2 ms each, so
the order in which a program imports matters; a probe importing Qt first would change it.) The floor
creates its ``QApplication`` and window itself, watched the same way.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType

TYPE_CHECKING = False  # not imported from ``typing``, which would import for 6 ms before the program
if TYPE_CHECKING:
    from typing import Any

    from benchmarks.start_watch import Probe

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QT_WIDGETS = "PySide6.QtWidgets"
if not __package__:  # run as a script: its package importable as from the repository
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def peak_rss_mb() -> float:
    """The peak resident memory of this process so far, in MB (0 where it cannot be read).

    Linux: ``VmHWM`` of ``/proc/self/status``, which belongs to this program image. ``getrusage``'s
    ``ru_maxrss`` would do elsewhere, but on Linux it survives ``execve`` and so starts at the size of
    the parent that started this process."""
    try:
        with open("/proc/self/status", encoding="ascii") as file:
            status = file.read()
    except OSError:
        return _maxrss_mb()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def _maxrss_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kilobytes / 1024 / (1024 if sys.platform == "darwin" else 1)


class AfterImport:
    """Calls ``then()`` right after the module ``name`` has been imported, by whoever imports it first
    (an import finder of ``sys.meta_path``; without ``importlib.abc``, which alone imports for 16 ms)."""

    def __init__(self, name: str, then: Callable[[], None]) -> None:
        self.name, self.then = name, then

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = PathFinder.find_spec(fullname, path)  # as Python finds it
        assert spec is not None
        assert spec.loader is not None
        spec.loader = _Then(spec.loader, self.then)  # type: ignore[assignment]  # a loader by its methods
        return spec


class _Then:
    """The module's own loader, then ``then()``."""

    def __init__(self, loader: Any, then: Callable[[], None]) -> None:
        self._loader, self._then = loader, then

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        self._then()


def main() -> None:
    """Run the floor or the program under the probe."""
    mode, started = sys.argv[1], float(sys.argv[2])
    if mode == "leer":
        _floor(started)
        return
    sys.meta_path.insert(0, AfterImport(QT_WIDGETS, lambda: _watch(started, wants_list=True)))
    from gera_desktop.__main__ import main as program

    code = program([])
    print(f"FEHLER: das Programm endete (Exit-Code {code}), bevor es gezeichnet war", flush=True)
    os._exit(1)


def _watch(started: float, wants_list: bool) -> None:
    from benchmarks.start_watch import Probe

    global _probe
    _probe = Probe(started, wants_list, peak_rss_mb)
    _probe.watch_main_windows()


def _floor(started: float) -> None:
    """An empty ``QMainWindow``, painted."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    _watch(started, wants_list=False)
    window = QMainWindow()
    window.show()
    app.exec()


_probe: Probe | None = None
"""The probe of this process (kept alive here)."""


if __name__ == "__main__":
    main()
