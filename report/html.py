"""The briefing as one self-contained HTML file: inline styles, inline SVG charts, no network when
opened; readable on a phone and printable on A4 (page one is the summary)."""

from __future__ import annotations

import re
from html import escape

from .charts import svg
from .run_table import AFTER_SLASH

CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;
color:#222;line-height:1.5}
main{max-width:960px;margin:auto;padding:12px}
h1{font-size:1.5em;margin:.2em 0;text-align:center} h2{font-size:1.15em;margin-top:1.2em}
h3{font-size:1em;margin-top:1em}
.meta{color:#555;font-size:.9em;text-align:center} .small{color:#555;font-size:.85em}
table{border-collapse:collapse;width:100%;font-size:.85em}
th,td{border:1px solid #ccc;padding:3px 5px;text-align:left;vertical-align:top}
th{background:#e8eef5}
td.light{color:#fff;white-space:nowrap} td.ink{color:#000}
.chart svg{max-width:100%;height:auto} .chart{margin:10px 0;page-break-inside:avoid}
.wrap{overflow-x:auto}
@media (max-width:600px){body{font-size:14px} th,td{padding:2px 3px}}
@page{size:A4;margin:14mm}
@media print{.pagebreak{page-break-after:always} h2,h3{page-break-after:avoid}}
"""
TAGS = {"h1": "h2", "h2": "h3", "p": "p", "small": "p"}


def brief_html(doc: list[dict], lang: str) -> str:
    title = next(b["text"] for b in doc if b["kind"] == "title")
    body = []
    bullets = []
    for b in doc:
        if b["kind"] == "bullet":
            bullets.append(f"<li>{escape(b['text'])}</li>")
            continue
        if bullets:
            body.append("<ul>" + "".join(bullets) + "</ul>")
            bullets = []
        body.append(_block(b))
    return f"""<!DOCTYPE html>
<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{CSS}</style></head>
<body><main>
{"".join(body)}
</main></body></html>
"""


def _block(b: dict) -> str:
    kind = b["kind"]
    if kind == "title":
        return f"<h1>{escape(b['text'])}</h1>"
    if kind == "meta":
        return f'<p class="meta">{escape(b["text"])}</p>'
    if kind == "pagebreak":
        return '<div class="pagebreak"></div>'
    if kind == "chart":
        return f'<div class="chart" id="{escape(b["name"])}">{svg(b["fig"])}</div>'
    if kind == "table":
        return _table(b)
    cls = ' class="small"' if kind == "small" else ""
    tag = TAGS[kind]
    return f"<{tag}{cls}>{escape(b['text'])}</{tag}>"


def _table(b: dict) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in b["head"])
    rows = []
    for i, cells in enumerate(b["rows"]):
        tds = []
        for j, text in enumerate(cells):
            if j == 0 and b.get("fills"):
                ink = " ink" if b["fills"][i] in ("#ffc000", "#8eaadb", "#a6a6a6") else ""
                tds.append(
                    f'<td class="light{ink}" style="background:{b["fills"][i]}">{escape(text)}</td>'
                )
            else:
                # a break allowed after each / of a list: a browser otherwise keeps the figures
                # (3,500/4,000/4,500件) on one line and widens its column to hold it
                tds.append(f"<td>{re.sub(AFTER_SLASH, '<wbr>', escape(str(text)))}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return f'<div class="wrap"><table><tr>{head}</tr>{"".join(rows)}</table></div>'
