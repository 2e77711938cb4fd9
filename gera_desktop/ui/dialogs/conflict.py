"""When somebody else saved a measure meanwhile: their values beside mine, chosen field by field.

Only the fields in which the two versions differ are listed, German formatted. Given the version the
user started from (``base``), a field only the other person changed is preset to their value and a
field only the user changed to the user's; otherwise the user's value is preset. The result
(``merged()``) is the other person's version with the chosen values of mine, ready to be saved on top
of it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.domain.columns import BETEILIGUNGEN, FINANZEN, MEILENSTEINE
from gera_desktop.domain.records import MassnahmeData
from gera_desktop.services.audit import value_text
from gera_desktop.services.labels import column_label
from gera_desktop.ui.colours import Tone, tone_colour
from gera_desktop.ui.undo import CONTENT_KEYS, key_label

EMPTY = "(leer)"
CHILD_LABELS = {c.key: column_label(c) for c in (*MEILENSTEINE, *FINANZEN, *BETEILIGUNGEN)}
BOTH_CHANGED = "von beiden geändert"
LINE_LENGTH = 56
MAX_LINES = 6


class Decision(Enum):
    """What the user decided in the dialog."""

    SAVE = "speichern"
    DISCARD = "verwerfen"
    CANCEL = "abbrechen"


@dataclass(frozen=True)
class Difference:
    """One field in which the two versions differ."""

    key: str
    label: str
    mine: str
    theirs: str
    note: str
    prefer_mine: bool


def differences(
    mine: MassnahmeData, theirs: MassnahmeData, base: MassnahmeData | None = None
) -> list[Difference]:
    """The fields in which my version and theirs differ, with display texts and the preset choice."""
    found = []
    for key in CONTENT_KEYS:
        mine_value, their_value = getattr(mine, key), getattr(theirs, key)
        if mine_value == their_value:
            continue
        i_changed = base is None or getattr(base, key) != mine_value
        they_changed = base is None or getattr(base, key) != their_value
        found.append(
            Difference(
                key,
                key_label(key),
                shown_value(key, mine_value),
                shown_value(key, their_value),
                _note(i_changed, they_changed, base is not None),
                prefer_mine=i_changed,
            )
        )
    return found


def _note(i_changed: bool, they_changed: bool, known: bool) -> str:
    if not known:
        return ""
    if i_changed and they_changed:
        return BOTH_CHANGED
    return "nur von Ihnen geändert" if i_changed else "nur dort geändert"


def shown_value(key: str, value: Any) -> str:
    """A value as the dialog shows it: German formats, lists one row per line, ``(leer)``."""
    if isinstance(value, dict):
        lines = [f"{header}: {value_text(header, item) or ''}" for header, item in value.items()]
    elif isinstance(value, list):
        lines = [_row_text(row) for row in value]
    else:
        lines = [value_text(key, value) or ""]
    return "\n".join(" ".join(line.split()) for line in lines if line.strip()) or EMPTY


def _row_text(row: Any) -> str:
    """``Premiere · Termin 15.06.2023 · Erledigt am 15.06.2023``: the first value names the row."""
    first, *others = row.__dataclass_fields__
    parts = [value_text(first, getattr(row, first)) or ""]
    for name in others:
        text = value_text(name, getattr(row, name))
        if text:
            parts.append(f"{CHILD_LABELS.get(name, name)} {text}")
    return " · ".join(parts)


def shortened(text: str) -> str:
    """At most a few lines of limited length (the full text is the tooltip)."""
    lines = text.splitlines()
    cut = [line if len(line) <= LINE_LENGTH else line[: LINE_LENGTH - 1] + "…" for line in lines]
    if len(cut) > MAX_LINES:
        cut = [*cut[: MAX_LINES - 1], f"… und {len(cut) - MAX_LINES + 1} weitere"]
    return "\n".join(cut)


class ConflictDialog(QDialog):
    """Their values beside mine; per field, or all at once, the user picks which to keep."""

    def __init__(
        self,
        mine: MassnahmeData,
        theirs: MassnahmeData,
        parent: QWidget | None = None,
        *,
        base: MassnahmeData | None = None,
    ) -> None:
        super().__init__(parent)
        self.mine = mine
        self.theirs = theirs
        self.decision = Decision.CANCEL
        self.rows = differences(mine, theirs, base)
        self._groups: dict[str, QButtonGroup] = {}
        self._mine_buttons: dict[str, QRadioButton] = {}
        self._build_ui()
        self._connect_signals()

    # --- choosing ------------------------------------------------------------------------------------

    def keys(self) -> list[str]:
        """The keys of the fields that differ, in form order."""
        return [row.key for row in self.rows]

    def choose(self, key: str, *, mine: bool) -> None:
        """Keep my value (``mine=True``) or theirs for one field."""
        button = self._mine_buttons[key]
        other = next(b for b in self._groups[key].buttons() if b is not button)
        (button if mine else other).setChecked(True)

    def choose_all(self, *, mine: bool) -> None:
        """Keep my values (or theirs) everywhere."""
        for key in self.keys():
            self.choose(key, mine=mine)

    def keeps_mine(self, key: str) -> bool:
        """True when my value of the field is chosen."""
        return self._mine_buttons[key].isChecked()

    def merged(self) -> MassnahmeData:
        """Their version (with its version number) carrying my values where I chose them."""
        values = {key: copy.deepcopy(getattr(self.mine, key)) for key in self.keys() if self.keeps_mine(key)}
        return replace(self.theirs, **values)

    def accept_choice(self) -> None:
        """Close the dialog: save the chosen values."""
        self.decision = Decision.SAVE
        self.accept()

    def discard_mine(self) -> None:
        """Close the dialog: drop my changes and take their version as it is."""
        self.decision = Decision.DISCARD
        self.accept()

    # --- layout --------------------------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.setWindowTitle(f"Maßnahme {self.theirs.nr} wurde inzwischen geändert")
        layout = QVBoxLayout(self)
        self.intro = QLabel(self._intro_text(), self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._grid())
        layout.addWidget(scroll, 1)
        layout.addLayout(self._all_buttons())
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("Auswahl speichern", QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = self.buttons.addButton(
            "Meine Änderungen verwerfen", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.cancel_button = self.buttons.addButton("Abbrechen", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        layout.addWidget(self.buttons)
        self.resize(960, min(220 + 50 * len(self.rows), 700))

    def _intro_text(self) -> str:
        who = self.theirs.geaendert_von or "jemand anderes"
        when = (
            self.theirs.geaendert_am.strftime(" am %d.%m.%Y um %H:%M Uhr") if self.theirs.geaendert_am else ""
        )
        return (
            f"Während Sie die Maßnahme {self.theirs.nr} bearbeitet haben, hat {who}{when} eine andere "
            "Fassung gespeichert. Wählen Sie bei jeder Angabe, welcher Wert gelten soll; "
            "danach wird die Maßnahme mit Ihrer Auswahl gespeichert."
        )

    def _grid(self) -> QWidget:
        widget = QWidget(self)
        grid = QGridLayout(widget)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(10)
        who = self.theirs.geaendert_von or "andere Fassung"
        for column, text in enumerate(("Angabe", "Ihre Fassung", f"Gespeichert von {who}")):
            header = QLabel(f"<b>{text}</b>", widget)
            grid.addWidget(header, 0, column)
        for number, row in enumerate(self.rows, start=1):
            self._add_row(grid, number, row, widget)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(len(self.rows) + 1, 1)
        return widget

    def _add_row(self, grid: QGridLayout, number: int, row: Difference, parent: QWidget) -> None:
        tone = Tone.PROBLEM if row.note == BOTH_CHANGED else Tone.MUTED
        color = tone_colour(self.palette(), tone).name()
        label = QLabel(f"{row.label}<br><span style='color:{color}'>{row.note}</span>", parent)
        grid.addWidget(label, number, 0, Qt.AlignmentFlag.AlignTop)
        group = QButtonGroup(self)
        mine = QRadioButton(shortened(row.mine), parent)
        theirs = QRadioButton(shortened(row.theirs), parent)
        for column, button, text in ((1, mine, row.mine), (2, theirs, row.theirs)):
            button.setToolTip(text)
            group.addButton(button)
            grid.addWidget(button, number, column, Qt.AlignmentFlag.AlignTop)
        (mine if row.prefer_mine else theirs).setChecked(True)
        self._groups[row.key] = group
        self._mine_buttons[row.key] = mine

    def _all_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.all_mine_button = QPushButton("Überall meine Fassung", self)
        self.all_theirs_button = QPushButton("Überall die gespeicherte Fassung", self)
        row.addWidget(self.all_mine_button)
        row.addWidget(self.all_theirs_button)
        row.addStretch(1)
        return row

    def _connect_signals(self) -> None:
        self.all_mine_button.clicked.connect(self._on_all_mine_button_clicked)
        self.all_theirs_button.clicked.connect(self._on_all_theirs_button_clicked)
        self.save_button.clicked.connect(self.accept_choice)
        self.discard_button.clicked.connect(self.discard_mine)
        self.cancel_button.clicked.connect(self.reject)

    def _on_all_mine_button_clicked(self) -> None:
        self.choose_all(mine=True)

    def _on_all_theirs_button_clicked(self) -> None:
        self.choose_all(mine=False)
