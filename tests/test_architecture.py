"""The layers hold: read every import of gera_desktop/ (also those inside functions) and check the arrows.

ui -> services -> (domain, persistence, excel) -> domain; Qt and gera_desktop.ui only in ui/ and __main__.
The ui reaches the database only through the services (no import of persistence), reads the column spec
from the domain (only the import and export dialogs import excel), and no modules import each other in a
circle. The command line runs without Qt, with one exception: ``gera-desktop bericht`` paints its PDF with
Qt, so ``__main__`` hands that command the ui's writer (``ui.report.command``); no command module imports
Qt or the ui itself.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "gera_desktop"
SOURCE_ROOT = Path(__file__).resolve().parents[1] / PACKAGE
QT_MODULES = ("PySide6", "shiboken6")
ALL_OF_OURS = "*"

# Which of our layers each layer may import (the layer is the first name below gera_desktop).
ALLOWED_LAYERS: dict[str, set[str]] = {
    "domain": {"domain"},
    "excel": {"domain", "excel"},
    "persistence": {"domain", "persistence", "config"},
    "services": {"domain", "persistence", "excel", "services", "config"},
}
NEVER_IMPORTED_BELOW_UI = {"ui", "cli", "cli_commands", "__main__"}
EXCEL_IN_THE_UI = {
    "ui/dialogs/import_dialog.py",
    "ui/dialogs/import_report_view.py",
    "ui/dialogs/import_report_models.py",
    "ui/dialogs/export_dialog.py",
    "ui/dialogs/export_form.py",
    "ui/views/timeline_export.py",
    "ui/report/writer.py",
    "ui/printing/overview_pages.py",
}
"""The ui modules that may import excel: the import and export dialogs and what they own (the import
report's problems), and the Zeitplan's PDF/PNG export and the Sachstandsbericht (an atomic file target)."""
UI_FROM_MAIN = {"gera_desktop.ui", "gera_desktop.ui.report.command"}
"""What ``__main__`` takes from the ui: the program window, and the PDF writer of ``bericht``."""


@dataclass(frozen=True)
class Import:
    """One imported module name and where the import statement stands."""

    module: str
    file: Path
    line: int

    def where(self, root: Path) -> str:
        return f"{self.file.relative_to(root.parent)}:{self.line} imports {self.module}"


def _module_name(file: Path, root: Path) -> str:
    parts = list(file.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_package(file: Path) -> bool:
    return file.name == "__init__.py"


def _resolve_relative(node: ast.ImportFrom, file: Path, root: Path) -> str:
    base = _module_name(file, root).split(".")
    keep = len(base) - node.level + (1 if _is_package(file) else 0)
    return ".".join([*base[:keep], *([node.module] if node.module else [])])


def _is_our_module(dotted: str, root: Path) -> bool:
    path = root.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _from_import_targets(node: ast.ImportFrom, file: Path, root: Path) -> list[str]:
    module = _resolve_relative(node, file, root) if node.level else node.module or ""
    submodules = [f"{module}.{alias.name}" for alias in node.names]
    return [name for name in submodules if _is_our_module(name, root)] or [module]


def imports_of(file: Path, root: Path) -> list[Import]:
    """Every module the file imports, wherever the import statement stands."""
    found: list[Import] = []
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), filename=str(file))):
        if isinstance(node, ast.Import):
            found += [Import(alias.name, file, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found += [Import(name, file, node.lineno) for name in _from_import_targets(node, file, root)]
    return found


def all_imports(root: Path) -> list[Import]:
    return [imp for file in sorted(root.rglob("*.py")) for imp in imports_of(file, root)]


def layer_of_file(file: Path, root: Path) -> str:
    parts = file.relative_to(root).with_suffix("").parts
    return parts[0]


def layer_of_module(module: str) -> str | None:
    """Our layer a dotted module name belongs to, or None for other packages."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    return parts[1] if len(parts) > 1 else ALL_OF_OURS


def qt_leaks(root: Path) -> list[str]:
    """Imports of Qt or of gera_desktop.ui outside gera_desktop/ui/ and gera_desktop/__main__.py."""
    leaks = []
    for imp in all_imports(root):
        if layer_of_file(imp.file, root) in ("ui", "__main__"):
            continue
        top = imp.module.split(".")[0]
        if top in QT_MODULES or layer_of_module(imp.module) == "ui":
            leaks.append(imp.where(root))
    return leaks


def layer_violations(root: Path) -> list[str]:
    """Imports against the arrows ui -> services -> (domain, persistence, excel) -> domain."""
    violations = []
    for imp in all_imports(root):
        layer = layer_of_file(imp.file, root)
        target = layer_of_module(imp.module)
        if target is None or target == ALL_OF_OURS or layer in ("ui", "__main__"):
            continue
        forbidden = target not in ALLOWED_LAYERS.get(layer, {target})
        if forbidden or (target in NEVER_IMPORTED_BELOW_UI and layer not in ("cli", "cli_commands")):
            violations.append(imp.where(root))
    return violations


def ui_imports_of(root: Path, layer: str) -> list[str]:
    """Imports of ``layer`` (persistence, excel) by modules of the ui, as ``file:line imports module``."""
    return [
        imp.where(root)
        for imp in all_imports(root)
        if layer_of_file(imp.file, root) == "ui" and layer_of_module(imp.module) == layer
    ]


def excel_in_the_ui(root: Path) -> list[str]:
    """Imports of excel by ui modules other than the import and export dialogs and their parts."""
    allowed = {f"{PACKAGE}/{path}" for path in EXCEL_IN_THE_UI}
    return [where for where in ui_imports_of(root, "excel") if where.split(":")[0] not in allowed]


def import_graph(root: Path) -> dict[str, set[str]]:
    """For each of our modules the modules of ours it imports (type-checking imports included)."""
    graph: dict[str, set[str]] = {}
    for file in sorted(root.rglob("*.py")):
        name = _module_name(file, root)
        targets = {imp.module for imp in imports_of(file, root) if layer_of_module(imp.module)}
        graph[name] = {t for t in targets if t != name and _is_our_module(t, root)}
    return graph


def import_circles(root: Path) -> list[list[str]]:
    """Groups of modules that import each other in a circle (strongly connected, Tarjan), sorted."""
    graph = import_graph(root)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(circles)


def test_qt_and_the_ui_are_imported_only_by_the_ui_and_main() -> None:
    leaks = qt_leaks(SOURCE_ROOT)
    assert not leaks, "Qt/ui imported outside gera_desktop/ui and __main__.py:\n" + "\n".join(leaks)


def test_imports_follow_the_layer_arrows() -> None:
    violations = layer_violations(SOURCE_ROOT)
    assert not violations, "imports against the layer arrows:\n" + "\n".join(violations)


def test_the_ui_imports_no_persistence() -> None:
    found = ui_imports_of(SOURCE_ROOT, "persistence")
    assert not found, "the ui imports persistence (use the services):\n" + "\n".join(found)


def test_only_the_import_and_export_dialogs_import_excel() -> None:
    found = excel_in_the_ui(SOURCE_ROOT)
    assert not found, "excel imported by the ui outside import and export:\n" + "\n".join(found)


def test_no_modules_import_each_other_in_a_circle() -> None:
    circles = import_circles(SOURCE_ROOT)
    assert not circles, "modules importing each other in a circle:\n" + "\n".join(map(" ↔ ".join, circles))


def test_main_hands_only_the_window_and_the_report_to_the_ui() -> None:
    main = SOURCE_ROOT / "__main__.py"
    taken = {imp.module for imp in imports_of(main, SOURCE_ROOT) if layer_of_module(imp.module) == "ui"}
    assert taken == UI_FROM_MAIN


def test_the_scan_sees_every_layer() -> None:
    layers = {layer_of_file(file, SOURCE_ROOT) for file in SOURCE_ROOT.rglob("*.py")}
    assert {"domain", "excel", "persistence", "__main__", "cli"} <= layers


# The checks themselves must catch what they are meant to catch.


def _write(root: Path, relative: str, source: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    for parent in path.relative_to(root).parents:
        (root / parent / "__init__.py").touch()
    path.write_text(source, encoding="utf-8")


@pytest.fixture
def fake_package(tmp_path: Path) -> Path:
    root = tmp_path / PACKAGE
    _write(root, "domain/models.py", "from gera_desktop.domain import enums\n")
    _write(root, "domain/enums.py", "")
    _write(root, "services/measures.py", "from ..domain import models\nfrom gera_desktop import config\n")
    _write(root, "config.py", "")
    _write(root, "ui/window.py", "from PySide6 import QtWidgets\nfrom gera_desktop.services import m\n")
    _write(root, "__main__.py", "def gui():\n    from gera_desktop import ui\n")
    return root


def test_a_clean_package_passes(fake_package: Path) -> None:
    assert qt_leaks(fake_package) == []
    assert layer_violations(fake_package) == []


def test_qt_inside_a_function_of_a_service_is_found(fake_package: Path) -> None:
    _write(fake_package, "services/export.py", "\n\ndef run():\n    import PySide6.QtCore\n")
    assert qt_leaks(fake_package) == ["gera_desktop/services/export.py:4 imports PySide6.QtCore"]


def test_a_relative_import_of_the_ui_is_found(fake_package: Path) -> None:
    _write(fake_package, "services/report.py", "from .. import ui\n")
    leaks = qt_leaks(fake_package)
    assert leaks == ["gera_desktop/services/report.py:1 imports gera_desktop.ui"]


def test_the_domain_importing_persistence_is_found(fake_package: Path) -> None:
    _write(fake_package, "persistence/database.py", "")
    _write(fake_package, "domain/rules.py", "import os\nfrom gera_desktop.persistence.database import X\n")
    assert layer_violations(fake_package) == [
        "gera_desktop/domain/rules.py:2 imports gera_desktop.persistence.database"
    ]


def test_excel_importing_config_is_found(fake_package: Path) -> None:
    _write(fake_package, "excel/writer.py", "from gera_desktop import config\n")
    assert layer_violations(fake_package) == ["gera_desktop/excel/writer.py:1 imports gera_desktop.config"]


def test_persistence_may_read_config_but_not_services(fake_package: Path) -> None:
    _write(fake_package, "persistence/opening.py", "from gera_desktop import config, services\n")
    assert layer_violations(fake_package) == [
        "gera_desktop/persistence/opening.py:1 imports gera_desktop.services"
    ]


def test_a_service_importing_the_command_line_is_found(fake_package: Path) -> None:
    _write(fake_package, "cli.py", "")
    _write(fake_package, "services/backup.py", "from gera_desktop.cli import main\n")
    assert layer_violations(fake_package) == ["gera_desktop/services/backup.py:1 imports gera_desktop.cli"]


def test_the_ui_importing_persistence_is_found(fake_package: Path) -> None:
    _write(fake_package, "persistence/database.py", "")
    _write(
        fake_package, "ui/dialog.py", "def open():\n    from gera_desktop.persistence.database import Db\n"
    )
    assert ui_imports_of(fake_package, "persistence") == [
        "gera_desktop/ui/dialog.py:2 imports gera_desktop.persistence.database"
    ]


def test_excel_is_allowed_in_the_import_dialog_only(fake_package: Path) -> None:
    _write(fake_package, "excel/columns.py", "")
    _write(fake_package, "ui/dialogs/import_dialog.py", "from gera_desktop.excel import columns\n")
    _write(fake_package, "ui/views/list.py", "from gera_desktop.excel.columns import Kind\n")
    assert excel_in_the_ui(fake_package) == [
        "gera_desktop/ui/views/list.py:1 imports gera_desktop.excel.columns"
    ]


def test_a_circle_through_a_type_checking_import_is_found(fake_package: Path) -> None:
    _write(
        fake_package,
        "ui/parts.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .main import W\n",
    )
    _write(fake_package, "ui/main.py", "from gera_desktop.ui import parts\n")
    assert import_circles(fake_package) == [["gera_desktop.ui.main", "gera_desktop.ui.parts"]]


def test_modules_importing_in_one_direction_make_no_circle(fake_package: Path) -> None:
    _write(fake_package, "ui/main.py", "from gera_desktop.ui import window\n")
    assert import_circles(fake_package) == []
