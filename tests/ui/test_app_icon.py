"""The programme's own icon: in the title bar and task bar, in the Windows .ico, built from its SVG."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from gera_desktop.resources import resource_path
from gera_desktop.ui import app
from gera_desktop.ui.app_icon import ICON_SIZES

TOOL = Path(__file__).resolve().parents[2] / "tools" / "build_icons.py"


def _build_icons_module():
    spec = importlib.util.spec_from_file_location("build_icons", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ico_images(data: bytes) -> dict[int, QImage]:
    _reserved, kind, count = struct.unpack_from("<HHH", data)
    assert kind == 1
    images = {}
    for index in range(count):
        width, _h, _c, _r, _planes, _bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index
        )
        images[width or 256] = QImage.fromData(data[offset : offset + length])
    return images


def test_the_application_carries_the_icon_in_every_size(qapp) -> None:
    app.create_application()

    sizes = QApplication.windowIcon().availableSizes()

    assert sorted(s.width() for s in sizes) == list(ICON_SIZES)


def test_the_windows_icon_holds_every_size_drawn_in_blue_and_white() -> None:
    images = _ico_images(resource_path("icons", "gera-desktop.ico").read_bytes())

    assert sorted(images) == list(ICON_SIZES)
    for size, image in images.items():
        assert image.size() == QSize(size, size)
        assert image.pixelColor(0, 0).alpha() == 0  # rounded corner: transparent
        middle = image.pixelColor(size // 2, size - size // 8)
        assert middle.blue() > middle.red()  # the blue square behind the white skyline


@pytest.mark.parametrize("size", [16, 48, 256])
def test_the_bitmaps_are_current_with_the_svg(qapp, tmp_path: Path, size: int) -> None:
    tool = _build_icons_module()
    tool.build(resource_path("icons", "gera-desktop.svg"), tmp_path)

    fresh = QImage(str(tmp_path / f"gera-desktop-{size}.png"))
    committed = QImage(str(resource_path("icons", f"gera-desktop-{size}.png")))

    assert _largest_difference(fresh, committed) <= 8, "tools/build_icons.py erneut ausführen"


def _largest_difference(a: QImage, b: QImage) -> int:
    assert a.size() == b.size()
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            p, q = QColor.fromRgba(a.pixel(x, y)), QColor.fromRgba(b.pixel(x, y))
            pairs = ((p.red(), q.red()), (p.green(), q.green()), (p.blue(), q.blue()), (p.alpha(), q.alpha()))
            worst = max(worst, *(abs(u - v) for u, v in pairs))
    return worst
