"""Saving the empty import template (Datei ▸ Vorlage speichern…, ``gera-desktop vorlage DATEI.xlsx``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gera_desktop.domain.oplog import logged_operation
from gera_desktop.excel.writing import ExportError

TEMPLATE_SUFFIX = ".xlsx"
SUGGESTED_NAME = "Maßnahmenliste-Vorlage.xlsx"


def save_template(path: Path, today: date | None = None) -> Path:
    """Write the template to ``path`` (``.xlsx`` added when missing); the file written.

    A target that is open in Excel or cannot be written raises ``ExportError`` with a German message.
    """
    from gera_desktop.excel.template import write_template  # openpyxl loads with the first template

    target = Path(path)
    if target.suffix.lower() != TEMPLATE_SUFFIX:
        target = target.with_name(target.name + TEMPLATE_SUFFIX)
    with logged_operation("Vorlage", datei=target):
        write_template(target, today or date.today())
    return target


__all__ = ["SUGGESTED_NAME", "ExportError", "save_template"]
