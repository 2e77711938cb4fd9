"""What can be printed from the workspace: the Liste as filtered (A4 landscape), the Zeitplan (its PDF's
pages), the Übersicht, or the Steckbrief of the measure the detail shows (A4 portrait)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtPrintSupport import QPrinter

from gera_desktop.ui.printing.list_pages import paint_list
from gera_desktop.ui.printing.list_source import list_printout
from gera_desktop.ui.printing.overview_pages import paint_overview
from gera_desktop.ui.printing.preview import Landscape, Portrait, Printout, chosen_pages
from gera_desktop.ui.report.painting import Letterhead
from gera_desktop.ui.report.writer import paint_steckbrief
from gera_desktop.ui.views import timeline_export
from gera_desktop.ui.workspace import Workspace

LIST_PAGE, TIMELINE_PAGE, OVERVIEW_PAGE = 0, 1, 2
NO_MEASURE = "Bitte wählen Sie zuerst in der Liste die Maßnahme aus, deren Steckbrief Sie drucken möchten."
NO_TIMELINE = "Der Zeitplan zeigt keine Maßnahmen. Bitte ändern Sie den Filter der Liste."
OVERVIEW_PENDING = "Die Übersicht wird noch berechnet. Bitte versuchen Sie es gleich noch einmal."
Tell = Callable[[str], None]


def shown_printout(workspace: Workspace, tell: Tell) -> Printout | None:
    """What is shown: the Liste, the Zeitplan or the Übersicht (``None`` after telling why nothing)."""
    page = workspace.views.currentIndex()
    if page == TIMELINE_PAGE:
        return _timeline(workspace, tell)
    if page == OVERVIEW_PAGE:
        return _overview(workspace, tell)
    printout = list_printout(workspace.list_view, date.today())
    return Printout("Maßnahmenliste", Landscape, lambda p: paint_list(p, printout, chosen_pages(p)))


def _timeline(workspace: Workspace, tell: Tell) -> Printout | None:
    timeline = workspace.timeline
    if not timeline.records():
        tell(NO_TIMELINE)
        return None

    def paint(printer: QPrinter) -> int:
        printer.setResolution(timeline_export.RESOLUTION)  # the PDF's layout is in its pixels
        return timeline.print_pages(printer)

    return Printout("Zeitplan", Landscape, paint)


def _overview(workspace: Workspace, tell: Tell) -> Printout | None:
    figures = workspace.overview.figures
    if figures is None:
        tell(OVERVIEW_PENDING)
        return None
    programme = workspace.detail.settings.programmbuero
    return Printout("Übersicht", Portrait, lambda p: paint_overview(p, figures, programme))


def steckbrief_printout(workspace: Workspace, tell: Tell) -> Printout | None:
    """The Steckbrief of the measure the detail shows, as loaded (``None`` after telling why not)."""
    detail = workspace.detail
    record = detail.current_record()
    if record is None or detail.is_new():
        tell(NO_MEASURE)
        return None
    settings = detail.settings
    letterhead = Letterhead(settings.programmbuero, date.today(), "Steckbrief")
    return Printout(
        f"Steckbrief {record.nr}",
        Portrait,
        lambda p: paint_steckbrief(p, record, settings.foerderquote, letterhead),
    )
