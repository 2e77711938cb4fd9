"""Which field sits on which tab of the detail form, in which group, and how a tab page is laid out."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from gera_desktop.ui.colours import Tone, show_tone
from gera_desktop.ui.views.detail_fields import Field

TAB_TITLES = (
    "Stammdaten",
    "Zeitraum und Status",
    "Finanzen",
    "Meilensteine",
    "Beteiligung",
    "Mittelabrufe",
    "Beschlüsse",
    "Verlauf",
)
STAMMDATEN, ZEITRAUM, FINANZEN, MEILENSTEINE, BETEILIGUNG, MITTELABRUFE, BESCHLUESSE, VERLAUF = range(
    len(TAB_TITLES)
)
PAGE_WIDTH = 860

Group = tuple[str, tuple[str, ...], str]
"""Title, field keys and a grey note below the fields."""

GROUPS: dict[int, list[Group]] = {
    STAMMDATEN: [
        (
            "Maßnahme",
            ("nr", "titel", "kurzbeschreibung", "art", "innovationsfeld", "zielbild", "cluster", "stadtteil"),
            "",
        ),
        (
            "Zuständigkeit und Kontakt",
            ("federfuehrung", "partner", "ansprechpartner", "telefon", "email"),
            "Ansprechpartner/in, Telefon und E-Mail sind personenbezogen und erscheinen nicht in "
            "öffentlichen Exporten.",
        ),
        ("Wirkung und Betrieb", ("wirkungsindikator", "zielwert", "verstetigung"), ""),
        ("Intern", ("bemerkung",), "Bemerkungen erscheinen nicht in öffentlichen Exporten."),
    ],
    ZEITRAUM: [
        ("Laufzeit", ("beginn", "ende"), ""),
        ("Stand der Umsetzung", ("status", "ampel", "fortschritt", "stand"), ""),
        (
            "Förderung und Beschluss",
            ("freigabe", "beteiligung", "drucksache", "beschlussdatum"),
            "Drucksache-Nr. und Beschlussdatum nennen den neuesten Beschluss des Stadtrats (Reiter "
            "„Beschlüsse“). Ein hier eingetragenes Paar, das zu keinem Beschluss passt, wird beim "
            "Speichern als Beschluss übernommen.",
        ),
        ("Haushalt", ("produkt", "investitionsnummer"), ""),
    ],
    FINANZEN: [
        (
            "Kosten und Finanzierung",
            (
                "gesamtkosten",
                "foerderfaehig",
                "foerderquote",
                "bundesmittel",
                "drittmittel",
                "eigenanteil",
                "abgerufen",
            ),
            "Leer gelassene Felder gelten mit dem grau angezeigten Wert, der nach den Förderregeln "
            "berechnet wird. Ein Betrag, der dem berechneten entspricht, wird als berechnet gespeichert "
            "und folgt so späteren Änderungen der Kosten.",
        ),
        ("Nach Projektende", ("folgekosten",), ""),
    ],
}
LIST_TABS = {
    "zusatzspalten": STAMMDATEN,
    "finanzen": FINANZEN,
    "meilensteine": MEILENSTEINE,
    "beteiligungen": BETEILIGUNG,
    "mittelabrufe": MITTELABRUFE,
    "beschluesse": BESCHLUESSE,
}
FIELD_TABS = {key: tab for tab, groups in GROUPS.items() for _title, keys, _note in groups for key in keys}


def tab_of(problem_field: str) -> int:
    """The tab showing a field key or a child field such as ``meilensteine[2].termin``."""
    key = problem_field.split("[", 1)[0].split(".", 1)[0]
    return FIELD_TABS.get(key, LIST_TABS.get(key, STAMMDATEN))


def form_page(tab: int, fields: dict[str, Field], extras: Sequence[tuple[str, QWidget]] = ()) -> QScrollArea:
    """A scrollable page with the tab's groups of fields, then the extra widgets in their own groups."""
    content = QWidget()
    content.setMaximumWidth(PAGE_WIDTH)
    layout = QVBoxLayout(content)
    layout.setContentsMargins(12, 12, 12, 12)
    layout.setSpacing(12)
    forms = []
    for title, keys, note in GROUPS[tab]:
        box, form = _group(title, [fields[key] for key in keys], note)
        forms.append(form)
        layout.addWidget(box)
    for title, widget in extras:
        box = QGroupBox(title, content)
        QVBoxLayout(box).addWidget(widget)
        layout.addWidget(box)
    layout.addStretch(1)
    align_labels(forms)
    return _scrolling(content)


def _group(title: str, fields: list[Field], note: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow detail: the field below
    form.setVerticalSpacing(8)
    for field in fields:
        field.label.setParent(box)
        field.container.setParent(box)
        form.addRow(field.label, field.container)
    if note:
        hint = QLabel(note, box)
        hint.setWordWrap(True)
        show_tone(hint, Tone.MUTED)
        form.addRow("", hint)
    return box, form


def align_labels(forms: Sequence[QFormLayout]) -> None:
    """Give the label column of every group on a page the same width, so that the fields line up."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if widget is not None:
                labels.append(widget)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def table_page(widget: QWidget, note: str = "") -> QScrollArea:
    """A page that is one table (Meilensteine, Beteiligung, Mittelabrufe, Beschlüsse, Verlauf), with an
    optional note above it."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(12, 12, 12, 12)
    if note:
        hint = QLabel(note, page)
        hint.setWordWrap(True)
        show_tone(hint, Tone.MUTED)
        layout.addWidget(hint)
    layout.addWidget(widget, 1)
    return _scrolling(page)  # a narrow detail scrolls instead of cutting the table's buttons off


def _scrolling(content: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    scroll.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return scroll
