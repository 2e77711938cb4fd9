"""The audit of the programme settings: one row per changed setting, without a measure.

Rows that belong to no measure (the programme settings, the Stände) carry ``NO_MEASURE`` as their Nr.;
a setting's row is named ``Einstellung: Förderquote`` and holds old and new value as the settings dialog
shows them (``90 %``, ``1.234,56 €``, ``31.12.2026``). No schema change was needed for this: the Nr. of
the audit table is text, and the Stände were logged that way already.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from gera_desktop.domain.enums import Quelle
from gera_desktop.domain.formatting import format_date, format_euro, format_percent
from gera_desktop.domain.models import Aenderung
from gera_desktop.domain.settings import DEADLINES, ProgrammEinstellungen
from gera_desktop.services.audit import NO_MEASURE, Change, audit_rows

SETTING_PREFIX = "Einstellung: "
LABELS = {
    "foerderquote": "Förderquote",
    "foerdervolumen": "Fördervolumen",
    "programmbuero": "Programmbüro",
    **DEADLINES,
}
"""The settings in the order of the settings dialog, with their German names."""


def _value(key: str, value: Any) -> str | None:
    """A setting's value as the settings dialog shows it; unset = ``None``."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format_percent(value) if key == "foerderquote" else format_euro(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value).strip() or None


def settings_changes(old: ProgrammEinstellungen, new: ProgrammEinstellungen) -> list[Change]:
    """Every setting whose shown value differs, as ``Einstellung: Förderquote`` with old and new text."""
    changes = []
    for key, label in LABELS.items():
        before, after = _value(key, getattr(old, key)), _value(key, getattr(new, key))
        if before != after:
            changes.append(Change(SETTING_PREFIX + label, before, after))
    return changes


def settings_audit_rows(old: ProgrammEinstellungen, new: ProgrammEinstellungen, user: str) -> list[Aenderung]:
    """The audit rows of saving ``new`` over ``old`` (none when nothing visible changed)."""
    return audit_rows(settings_changes(old, new), NO_MEASURE, user, Quelle.BEARBEITUNG)
