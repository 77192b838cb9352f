"""Mexico's 32 states as a tile grid, each tile coloured by the state's furthest step in the program.

A tile-grid map gives every state the same square, placed roughly where the
state lies (mexico_tiles.csv: INEGI code, abbreviation, row, column), so small
states such as Tlaxcala or the Ciudad de México are as visible as Chihuahua,
and the page needs no map tiles, shapes or network.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

TILES = Path(__file__).with_name("mexico_tiles.csv")
STATUS = {  # state_status.status: label, fill, text colour
    "plan published": ("Plan de Acción Local published", "#2e8540", "white"),
    "STL installed": ("Secretariado Técnico Local installed", "#d9822b", "white"),
    "joined": ("joined", "#1b6ca8", "white"),
    "not reported": ("not reported in these bulletins", "#e4e4e4", "#555"),
}
SIDE, GAP = 58, 4


def tiles() -> dict[str, dict]:
    with TILES.open(encoding="utf-8") as rows:
        return {r["code"]: {**r, "row": int(r["row"]), "column": int(r["column"])} for r in csv.DictReader(rows)}


def tile_map_svg(statuses: list[dict]) -> str:
    """SVG of the grid; ``statuses`` are state_status rows (state, state_name, status, joined_year)."""
    grid = tiles()
    width = (max(t["column"] for t in grid.values()) + 1) * (SIDE + GAP)
    height = (max(t["row"] for t in grid.values()) + 1) * (SIDE + GAP)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="Map of the 32 states by their step in the program" class="tilemap">'
    ]
    for row in statuses:
        tile = grid.get(row["state"])
        if tile is None:
            continue
        label, fill, ink = STATUS.get(row["status"], STATUS["not reported"])
        x, y = tile["column"] * (SIDE + GAP), tile["row"] * (SIDE + GAP)
        joined = f", joined {row['joined_year']}" if row.get("joined_year") else ""
        title = f"{row['state_name']}: {label}{joined}"
        parts.append(
            f'<g class="tile" data-status="{html.escape(row["status"])}"><title>{html.escape(title)}</title>'
            f'<rect x="{x}" y="{y}" width="{SIDE}" height="{SIDE}" rx="4" fill="{fill}"/>'
            f'<text x="{x + SIDE / 2}" y="{y + SIDE / 2 + 4}" text-anchor="middle" font-size="12" '
            f'font-weight="bold" fill="{ink}">{html.escape(tile["abbreviation"])}</text></g>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def tile_map_legend(statuses: list[dict]) -> str:
    counts = {status: sum(1 for r in statuses if r["status"] == status) for status in STATUS}
    items = "".join(
        f'<li><svg width="16" height="16"><rect width="16" height="16" rx="3" fill="{fill}"/></svg> '
        f"{html.escape(label)}: {counts[status]}</li>"
        for status, (label, fill, _) in STATUS.items()
    )
    return f'<ul class="legend">{items}</ul>'
