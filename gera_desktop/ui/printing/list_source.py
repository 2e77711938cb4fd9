"""What the printed Liste takes from the list on screen: the shown columns in their order and relative
widths, the filter in words, and the rows' texts as the model gives them (German formats)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from gera_desktop.domain.formatting import format_count
from gera_desktop.services.listing import ListFilter
from gera_desktop.ui.models.massnahmen import COLUMN_KEYS, COLUMNS
from gera_desktop.ui.printing.list_pages import ListPrintout, RowTexts, measures_text
from gera_desktop.ui.views.list_view import MassnahmenListView

TITLE = "Maßnahmenliste"
NO_FILTER = "alle Maßnahmen, ohne Filter"


def list_printout(view: MassnahmenListView, stand: date) -> ListPrintout:
    """The list as shown: filtered, sorted, grouped, its visible columns."""
    header = view.table.horizontalHeader()
    columns = [COLUMN_KEYS.index(key) for key in view.visible_columns()]
    model = view.model
    count = (
        f"{measures_text(view.visible_count(), view.record_count())} · {filter_text(view.current_filter())}"
    )
    return ListPrintout(
        title=TITLE,
        subtitle=count,
        stand=stand,
        headers=[COLUMNS[c].header for c in columns],
        widths=[float(header.sectionSize(c)) for c in columns],
        right=[
            _is_right(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole))
            for c in columns
        ],
        count=model.rowCount(),
        row=_row_texts(view, columns),
    )


def _is_right(alignment: object) -> bool:
    return bool(int(alignment or 0) & int(Qt.AlignmentFlag.AlignRight))  # type: ignore[call-overload]


def _row_texts(view: MassnahmenListView, columns: list[int]) -> RowTexts:
    model = view.model
    groups = set(model.header_rows())

    def texts(row: int) -> tuple[list[str], bool]:
        if row in groups:
            return [str(model.data(model.index(row, 0)) or "")], True
        return [str(model.data(model.index(row, c)) or "") for c in columns], False

    return texts


def filter_text(f: ListFilter) -> str:
    """The filter in words: ``'Suche „muell“ · Ampel „rot“ · 2025–2026'``, else ``NO_FILTER``."""
    parts = [f"Suche „{f.text.strip()}“"] if f.text.strip() else []
    named = (("Innovationsfeld", f.innovationsfeld), ("Umsetzungsstand", f.status), ("Ampel", f.ampel))
    parts += [f"{name} „{value}“" for name, value in named if value is not None]
    if f.jahr_von is not None or f.jahr_bis is not None:
        parts.append(_years(f.jahr_von, f.jahr_bis))
    if f.nrs is not None:
        parts.append(f.label or f"{format_count(len(f.nrs))} ausgewählte Maßnahmen")
    return "Filter: " + " · ".join(parts) if parts else NO_FILTER


def _years(first: int | None, last: int | None) -> str:
    if first is not None and last is not None:
        return f"Laufzeit {first}–{last}" if first != last else f"Laufzeit {first}"
    return f"Laufzeit ab {first}" if first is not None else f"Laufzeit bis {last}"
