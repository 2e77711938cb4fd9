"""Build the programme icon's bitmaps from its SVG source: ``uv run python tools/build_icons.py``.

Writes into ``resources/icons/``: ``gera-desktop-<n>.png`` for every size in ``SIZES`` and
``gera-desktop.ico`` (Windows: the executable's and the installer's icon) holding all of them.

Qt's SVG renderer draws each size from the vector source (no scaled-down bitmaps). The .ico is assembled
here from the PNG images (PNG-compressed icon entries, which Windows reads since Vista): Qt's own ico
plugin writes one image per file only, and Pillow is no dependency of the project.
"""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
NAME = "gera-desktop"
SIZES = (16, 24, 32, 48, 64, 128, 256)
ICO_HEADER = struct.Struct("<HHH")
ICO_ENTRY = struct.Struct("<BBBBHHII")
SMALL = 24
"""Up to this size the windows are left out: at a few pixels they would only blur the skyline."""
WINDOWS = re.compile(r'<g id="windows".*?</g>', re.DOTALL)


def renderers(svg: str) -> tuple[QSvgRenderer, QSvgRenderer]:
    """The full drawing and the simplified one for small sizes."""
    full = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    small = QSvgRenderer(QByteArray(WINDOWS.sub("", svg).encode("utf-8")))
    if not (full.isValid() and small.isValid()):
        raise RuntimeError("Das SVG ist ungültig")
    return full, small


def render(renderer: QSvgRenderer, size: int) -> QImage:
    """The SVG drawn into a transparent square of ``size`` pixels."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """The image encoded as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stub wants bytes, Qt str
        raise RuntimeError("PNG konnte nicht geschrieben werden")
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An .ico file with one PNG-compressed entry per size (256 is written as 0, as the format wants)."""
    header = ICO_HEADER.pack(0, 1, len(images))
    offset = ICO_HEADER.size + ICO_ENTRY.size * len(images)
    entries, payload = [], []
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size
        entries.append(ICO_ENTRY.pack(side, side, 0, 0, 1, 32, len(png), offset))
        payload.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(payload)


def build(source: Path, target: Path) -> list[Path]:
    """Render ``source`` into the PNG files and the .ico in ``target``; the paths written."""
    full, small = renderers(source.read_text(encoding="utf-8"))
    target.mkdir(parents=True, exist_ok=True)
    written, images = [], {}
    for size in SIZES:
        images[size] = png_bytes(render(small if size <= SMALL else full, size))
        path = target / f"{NAME}-{size}.png"
        path.write_bytes(images[size])
        written.append(path)
    ico = target / f"{NAME}.ico"
    ico.write_bytes(ico_bytes(images))
    return [*written, ico]


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path in build(ICONS / f"{NAME}.svg", ICONS):
        print(f"{path.relative_to(ICONS.parents[1])}: {path.stat().st_size} Bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
