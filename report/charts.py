"""Charts for the briefing: fan charts, a tornado of levers, plan against revised thresholds.

Each function returns a matplotlib figure of a fixed size (constrained layout keeps every label
inside it; ``texts_outside`` checks); ``svg`` and ``png`` serialise it, the same figure always to
the same bytes. SVG text is written as outlines (``svg.fonttype = path``), so the file shows the
same on a machine without Chinese fonts. Years on the axes are whole numbers.
"""

from __future__ import annotations

import io
import re
from weakref import WeakKeyDictionary

import matplotlib
import matplotlib.text

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from .fonts import chart_families  # noqa: E402

SOURCE_STYLE = {
    "plan": ("s", "#1f4e79", {"zh": "规划基数", "en": "plan baseline"}),
    "published": ("o", "#404040", {"zh": "公开报道/统计", "en": "published figure"}),
    "user": ("D", "#c55a11", {"zh": "本地数据", "en": "your data"}),
}
BLUE = "#2e75b6"


def _style() -> None:
    plt.rcParams.update(
        {
            "font.family": chart_families(),
            "svg.fonttype": "path",
            "axes.unicode_minus": False,
            "font.size": 9,
            "svg.hashsalt": "ipcast",  # clip-path ids from a fixed salt, not a random one
        }
    )


# Each figure's bytes per format, kept while the figure lives: a briefing written as DOCX and PDF
# (and as chart files and HTML) draws each chart once per format, not once per file. A chart is
# whole when its function returns it and is not changed after; since the same figure gives the
# same bytes, the kept bytes are the ones drawing it again would give.
_SAVED: WeakKeyDictionary = WeakKeyDictionary()


def _once(fig, key, draw):
    saved = _SAVED.setdefault(fig, {})
    if key not in saved:
        saved[key] = draw()
    return saved[key]


def svg(fig) -> str:
    return _once(fig, "svg", lambda: _svg(fig))


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    return _renumber_clips(text[text.index("<svg") :])


def _renumber_clips(text: str) -> str:
    """matplotlib names clip paths by a hash that can include an object's memory address; number
    them in order of appearance instead, so the same chart gives the same SVG."""
    names = {}
    for old in re.findall(r'id="(p[0-9a-f]{10})"', text):
        names.setdefault(old, f"clip{len(names) + 1}")
    return re.sub(r"\bp[0-9a-f]{10}\b", lambda m: names.get(m.group(0), m.group(0)), text)


def png(fig, dpi: int = 150) -> bytes:
    return _once(fig, ("png", dpi), lambda: _png(fig, dpi))


def _png(fig, dpi: int) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


def _figure(width: float, height: float):
    """A figure outside pyplot's registry (a briefing of many targets draws dozens; none is
    kept after it is saved), on the Agg canvas pyplot would give it."""
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.subplots()


def texts_outside(fig) -> list[str]:
    """The drawn texts of a figure that do not lie wholly inside it (cut when saved)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    ticks = {id(t) for ax in fig.axes for t in ax.get_xticklabels() + ax.get_yticklabels()}
    texts = [t for t in fig.findobj(matplotlib.text.Text) if id(t) not in ticks]
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            texts += [
                t.label1
                for t in axis.get_major_ticks()
                if lo - 1e-9 <= t.get_loc() <= hi + 1e-9 and t.label1.get_visible()
            ]
    out = []
    for t in texts:
        if not t.get_visible() or not t.get_text().strip():
            continue
        e = t.get_window_extent(renderer)
        if e.x0 < box.x0 - 0.5 or e.y0 < box.y0 - 0.5 or e.x1 > box.x1 + 0.5 or e.y1 > box.y1 + 0.5:
            out.append(t.get_text())
    return out


def _years(ax) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:.0f}"))


def fan_chart(fan: dict, targets: list[dict], lang: str):
    """History by source type, the forecast's median and 50/80/95 % bands, the targets."""
    _style()
    fig, ax = _figure(6.4, 3.4)
    scale = fan["scale"]
    xs = [f["x"] for f in fan["fan"]]
    for lo, hi, alpha in (("q025", "q975", 0.15), ("q10", "q90", 0.25), ("q25", "q75", 0.4)):
        ax.fill_between(
            xs,
            [f[lo] * scale for f in fan["fan"]],
            [f[hi] * scale for f in fan["fan"]],
            color=BLUE,
            alpha=alpha,
            lw=0,
        )
    ax.plot(
        xs,
        [f["median"] * scale for f in fan["fan"]],
        color=BLUE,
        lw=1.8,
        label="中位数" if lang == "zh" else "median",
    )
    for kind, (marker, color, label) in SOURCE_STYLE.items():
        pts = [h for h in fan["history"] if h["source_type"] == kind]
        if pts:
            ax.scatter(
                [h["x"] for h in pts],
                [h["value"] * scale for h in pts],
                marker=marker,
                color=color,
                zorder=3,
                s=26,
                label=label[lang],
            )
    so_far = fan.get("so_far") or []
    if so_far:  # a year's figure so far (1-10月): what its fan is conditioned on
        ax.scatter(
            [x["year"] for x in so_far],
            [x["value"] * scale for x in so_far],
            marker="D",
            facecolors="none",
            edgecolors="#c55a11",
            zorder=3,
            s=26,
            label="当年已有（部分月份）" if lang == "zh" else "year so far",
        )
    for i, t in enumerate(targets):
        ax.axhline(t["threshold"], color="#c00000", lw=1, ls="--")
        ax.scatter(
            [t["x"]],
            [t["threshold"]],
            marker="*",
            s=90,
            color="#c00000",
            zorder=4,
            label=None if i else ("规划目标" if lang == "zh" else "plan target"),
        )
        # The value only: the target's name is in the table beside the chart.
        ax.annotate(
            t.get("text") or f"{t['threshold']:g}",
            (t["x"], t["threshold"]),
            textcoords="offset points",
            xytext=(-4, 6),
            ha="right",
            color="#c00000",
            fontsize=8,
        )
    ax.set_title(
        f"{fan['title']}（{fan['unit']}）" if lang == "zh" else f"{fan['title']} ({fan['unit']})"
    )
    ax.grid(alpha=0.3)
    _years(ax)
    ax.legend(fontsize=7, loc="upper left", frameon=False)
    band = "阴影：50/80/95%区间" if lang == "zh" else "shading: 50/80/95 % bands"
    ax.set_xlabel(("年份　" if lang == "zh" else "year    ") + band, fontsize=7, color="#595959")
    return fig


def tornado_chart(title: str, rows: list[dict], lang: str):
    _style()
    rows = [r for r in rows if abs(r["delta"]) > 0][:8] or rows[:8]
    fig, ax = _figure(6.4, 0.45 * max(len(rows), 2) + 1.2)
    names = [r["zh"] if lang == "zh" else r["lever"] for r in rows][::-1]
    deltas = [r["delta"] * 100 for r in rows][::-1]
    ax.barh(names, deltas, color=["#70ad47" if d >= 0 else "#c00000" for d in deltas])
    ax.axvline(0, color="black", lw=0.8)
    ax.set_xlabel("达标概率变化（百分点）" if lang == "zh" else "change in p_hit (points)")
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    return fig


def revised_chart(rows: list[dict], lang: str):
    """Each target's 80 %-confidence threshold as a share of the plan's (plan = 100)."""
    _style()
    fig, ax = _figure(6.4, 0.4 * max(len(rows), 2) + 1.2)
    labels = [r["label"] for r in rows][::-1]
    ratio = [100 * r["revised"] / r["threshold"] for r in rows][::-1]
    ax.barh(labels, ratio, color=["#70ad47" if v >= 100 else "#ed7d31" for v in ratio])
    ax.axvline(100, color="#c00000", lw=1, ls="--")
    ax.set_title("80%把握可承诺值与规划目标" if lang == "zh" else "What can be promised at 80 %")
    ax.set_xlabel(
        "80%把握可承诺值 / 规划目标 ×100"
        if lang == "zh"
        else "threshold at 80 % confidence / plan threshold x 100"
    )
    ax.grid(axis="x", alpha=0.3)
    return fig
