"""The one way the program asks a yes/no question before doing something that cannot be taken back
lightly: the program's title, the question, "Nein" as the default answer."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from gera_desktop.config import APP_TITLE


def ask_yes_no(parent: QWidget | None, question: str) -> bool:
    """True when the user answers "Ja" (Enter alone answers "Nein")."""
    answer = QMessageBox.question(
        parent,
        APP_TITLE,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
