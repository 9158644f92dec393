"""Charts drawn on the server as SVG: a comparison's theme × unit heatmap
and its month × unit timeline. No script, no library: the page prints and
works offline as it is, and each cell says its number in words (<title>)."""

from __future__ import annotations

from markupsafe import Markup, escape

FONT = "font-family:'Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei',sans-serif"
# Unit names are long (江岳重工机械股份有限公司女职工委员会): they label rows,
# where they have room, and are cut with an ellipsis past this many characters.
LABEL_CHARS = 20
CHAR_PX = 14  # a CJK character at 13-14 px


def _label(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def _shade(count: int, top: int) -> str:
    """From a pale to a deep blue as `count` goes from 1 to `top`; 0 is white."""
    if count <= 0 or top <= 0:
        return "#ffffff"
    t = count / top
    lo, hi = (219, 234, 254), (29, 78, 216)
    r, g, b = (round(a + (z - a) * t) for a, z in zip(lo, hi))
    return f"#{r:02x}{g:02x}{b:02x}"


def _ink(count: int, top: int) -> str:
    return "#ffffff" if top and count / top > 0.55 else "#0f172a"


def heatmap(units: list[str], columns: list[str], counts: dict[str, dict[str, int]], *, caption: str, unit_word: str = "项任务") -> Markup:
    """Rows are units, columns the `columns` keys; counts[column][unit]."""
    label_w = min(LABEL_CHARS, max((len(u) for u in units), default=4)) * CHAR_PX + 16
    col_w = max(52, max((len(c) for c in columns), default=2) * CHAR_PX + 12)
    row_h, head_h = 34, 30
    width = label_w + col_w * len(columns) + 2
    height = head_h + row_h * len(units) + 2
    top = max((n for col in counts.values() for n in col.values()), default=0)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(caption)}" style="{FONT}">',
        f"<title>{escape(caption)}</title>",
    ]
    for j, col in enumerate(columns):
        x = label_w + j * col_w + col_w / 2
        out.append(f'<text x="{x:.0f}" y="{head_h - 10}" text-anchor="middle" font-size="13" fill="#334155">{escape(col)}</text>')
    for i, unit in enumerate(units):
        y = head_h + i * row_h
        out.append(
            f'<text x="{label_w - 10}" y="{y + row_h / 2 + 5:.0f}" text-anchor="end" font-size="13" fill="#0f172a">'
            f"<title>{escape(unit)}</title>{escape(_label(unit))}</text>"
        )
        for j, col in enumerate(columns):
            n = counts.get(col, {}).get(unit, 0)
            x = label_w + j * col_w
            out.append(
                f'<g><title>{escape(unit)} · {escape(col)}：{n} {unit_word}</title>'
                f'<rect x="{x + 1}" y="{y + 1}" width="{col_w - 2}" height="{row_h - 2}" rx="3" '
                f'fill="{_shade(n, top)}" stroke="#e2e8f0"/>'
            )
            if n:
                out.append(
                    f'<text x="{x + col_w / 2:.0f}" y="{y + row_h / 2 + 5:.0f}" text-anchor="middle" font-size="13" '
                    f'fill="{_ink(n, top)}">{n}</text>'
                )
            out.append("</g>")
    out.append("</svg>")
    return Markup("".join(out))


def timeline(units: list[str], months: dict[int, dict[str, int]], *, caption: str) -> Markup:
    """Rows are units, columns the months 1-12; months[m][unit] tasks."""
    return heatmap(
        units,
        [f"{m}月" for m in range(1, 13)],
        {f"{m}月": months.get(m, {}) for m in range(1, 13)},
        caption=caption,
    )
