"""Draw the home-screen icons (web app manifest) with Pillow: no external assets, no fonts.

Two speech bubbles facing each other (a conversation: 协商) in white on the app's blue. ``maskable`` keeps the
drawing inside the central 80 % "safe zone", because a phone may crop the icon to a circle or a squircle.

    .venv/bin/python scripts/make_icons.py   # writes src/xieshang/web/static/xieshang/icons/*.png
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

BLUE = (11, 92, 173, 255)  # --accent in app.css
WHITE = (255, 255, 255, 255)
PALE = (200, 222, 245, 255)
OUT = Path(__file__).resolve().parents[1] / "src" / "xieshang" / "web" / "static" / "xieshang" / "icons"


def draw(size: int, *, maskable: bool) -> Image.Image:
    scale = 4  # drawn large, then reduced: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), BLUE if maskable else (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if not maskable:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=BLUE)
    inset = big * (0.22 if maskable else 0.16)  # the maskable safe zone is the central 80 %
    span = big - 2 * inset

    def at(x: float, y: float) -> tuple[float, float]:
        return inset + x * span, inset + y * span

    # left bubble (white) with its tail down-left, right bubble (pale) overlapping, tail down-right
    pen.rounded_rectangle((*at(0.0, 0.05), *at(0.66, 0.55)), radius=span * 0.14, fill=WHITE)
    pen.polygon([at(0.12, 0.5), at(0.06, 0.72), at(0.32, 0.53)], fill=WHITE)
    pen.rounded_rectangle(
        (*at(0.34, 0.38), *at(1.0, 0.88)),
        radius=span * 0.14,
        fill=PALE,
        outline=BLUE,
        width=max(1, int(span * 0.035)),
    )
    pen.polygon([at(0.88, 0.84), at(0.95, 1.02), at(0.7, 0.87)], fill=PALE)
    for i in range(3):  # "…" in the left bubble: someone is talking
        cx, cy = at(0.17 + i * 0.16, 0.3)
        r = span * 0.045
        pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=BLUE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size, maskable=False).save(OUT / f"icon-{size}.png", optimize=True)
        draw(size, maskable=True).save(OUT / f"maskable-{size}.png", optimize=True)
    draw(180, maskable=True).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)  # iOS: opaque
    print(f"icons written to {OUT}")


if __name__ == "__main__":
    main()
