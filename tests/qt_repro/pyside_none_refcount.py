"""Reproducer: PySide6 6.12.0 on CPython 3.11 drops a reference to None on every
call of a method that returns void (setEnabled, setText, resize, setBrush, ...).
On 3.11 None is not immortal, so after ~5,000 such calls the process aborts with
"Fatal Python error: none_dealloc".  On CPython >= 3.12 None is immortal (no crash);
PySide6 6.11.2 on 3.11 does not leak.
usage: QT_QPA_PLATFORM=offscreen python pyside_none_refcount.py
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
import PySide6
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv)
w = QWidget()
before = sys.getrefcount(None)
for _ in range(1000):
    w.setEnabled(True)
delta = (sys.getrefcount(None) - before) / 1000
print(
    f"python {sys.version.split()[0]} PySide6 {PySide6.__version__}: "
    f"None refcount change per void call = {delta:+.3f}",
    flush=True,
)
for _i in range(200_000):
    w.setEnabled(True)
print("survived 200,000 void calls", flush=True)
