"""The lines a command says beside its results (on stderr, or under its table): progress, notes,
files written. Chinese first, then English, as every bilingual line is written
(``data/said.both``); each wording is here once, whichever command says it."""

from __future__ import annotations

from ..data.said import both


def note(zh: str, en: str) -> str:
    """``提示：… / …``: something the planner should know about the answer, not an error."""
    return f"提示：{both(zh, en)}"


def noted(text: str) -> str:
    """A note already written in both languages (``zh / en``, a record's ``scenario_note``)."""
    return f"提示：{text}"


def progress(where_zh: str, where_en: str, targets: int, paths: int, charts: bool = False) -> str:
    """``… 达州市：56项目标，4000条路径 / dazhou: 56 targets, 4000 paths``: the work started."""
    zh = f"… {where_zh}：{targets}项目标，{paths}条路径" + ("，并绘图" if charts else "")
    en = f"{where_en}: {targets} targets, {paths} paths" + (", charts" if charts else "")
    return both(zh, en)


def regions_progress(batch: int) -> tuple[str, str]:
    """A batch of a province-wide run, as ``progress`` names where it is."""
    return f"{batch}个地区", f"{batch} regions"


def series_done(done: int, total: int, stage: str = "models") -> str:
    """A backtest's progress, stage by stage: the candidate models score the series long enough
    for them, then the forecast ``run`` uses scores every series (5/5, then 6/6: one count
    alone ended at 5/5 beside a summary of 6 series)."""
    if stage == "selected":
        return both(
            f"… run 所用预测：已完成 {done}/{total} 个序列",
            f"forecast run uses: {done}/{total} series",
        )
    return both(
        f"… 候选模型：已完成 {done}/{total} 个序列", f"candidate models: {done}/{total} series"
    )


def regions_bar(bar: str, done: int, total: int, secs: float) -> str:
    return f"[{bar}] " + both(f"{done}/{total} 个地区，{secs:.0f} 秒", f"{done}/{total} regions")


def wrote(out, zh: str, en: str) -> str:
    """``已写入FILE：… / wrote FILE: …``."""
    return both(f"已写入{out}：{zh}", f"wrote {out}: {en}")


def sheets(parts: list[tuple[str, int]]) -> tuple[str, str]:
    """The sheets (or JSON records) written and their rows, as ``wrote`` says them."""
    zh = "，".join(f"{name}（{n}行）" for name, n in parts)
    en = ", ".join(f"{name} ({n} rows)" for name, n in parts)
    return zh, en


def cache_cleared(n: int, where) -> str:
    return both(f"已从{where}删除{n}项缓存", f"removed {n} cached item(s) from {where}")


def cache_info(where, n: int, size: int, on: bool) -> str:
    mb = f"{size / 1e6:.1f} MB"
    return both(
        f"{where}：{n}项，{mb}" + ("" if on else "（已关闭：设置了 IPCAST_NO_CACHE）"),
        f"{where}: {n} item(s), {mb}" + ("" if on else " (off: IPCAST_NO_CACHE is set)"),
    )


INTERRUPTED = both(
    "已中断（Ctrl-C）；未留下写了一半的输出文件",
    "interrupted (Ctrl-C); no output file was left half-written",
)
