"""Periods as planners write them, mapped onto decimal years.

A flow period is a half-open span ``[start, end)`` in decimal years: calendar year 2025 is
``[2025.0, 2026.0)``, Dazhou's fiscal year 2022-07..2023-06 is ``[2022.5, 2023.5)``. A stock is
read at an instant: ``2025`` as a stock means the end of 2025, i.e. ``2026.0``. Months count as
twelfths of a year; a date inside a month is placed by its day of the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_FULLWIDTH = str.maketrans("０１２３４５６７８９－／～", "0123456789-/~")

# The forms ``parse_period`` reads, as a fix says them: (Chinese, English).
WRITE_AS = (
    "期间写作2026、2026年、2026H1（2026年上半年）、2026Q1、2026-06（一个月）、2026年1-10月、"
    "2024-2026（2024/2026、2024-2026年）、2022-07/2023-06（2022年7月-2023年6月）或2020-11-01（一天）",
    "write the period as 2026, 2026年, 2026H1 (2026年上半年), 2026Q1, 2026-06 (a month), "
    "2026年1-10月, 2024-2026 (2024/2026, 2024-2026年), 2022-07/2023-06 (2022年7月-2023年6月) "
    "or 2020-11-01 (a day)",
)


class PeriodError(ValueError):
    """A period that cannot be read: ``str()`` is the English, ``zh`` the Chinese."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh = zh


@dataclass(frozen=True)
class Period:
    """A span ``[start, end)`` in decimal years, and the text it was read from."""

    start: float
    end: float
    text: str

    @property
    def years(self) -> float:
        return self.end - self.start

    def overlap(self, a: float, b: float) -> float:
        """Length of the intersection with ``[a, b)`` in years."""
        return max(0.0, min(self.end, b) - max(self.start, a))


def _month_start(year: int, month: int) -> float:
    if not 1 <= month <= 12:
        raise PeriodError(f"月份{month}不在1-12之间", f"month {month} is not 1-12")
    return year + (month - 1) / 12


def _day_end(d: date) -> float:
    """Decimal year at the end of day ``d``."""
    days = (date(d.year + 1, 1, 1) - date(d.year, 1, 1)).days
    return d.year + d.timetuple().tm_yday / days


def _one(token: str) -> tuple[float, float]:
    """Parse one point-like token into its own span (start, end). An end written out (2025年末,
    2025年6月底, as ipcast labels an instant) is the period itself: a stock is read at its end."""
    t = re.sub(r"[末底]$", "", token.strip()).rstrip("年")
    t = t.replace("年", "-").replace("月", "-").replace("日", "")
    t = t.strip("-")
    if m := re.fullmatch(r"(\d{4})", t):
        y = int(m[1])
        return float(y), float(y + 1)
    if m := re.fullmatch(r"(\d{4})\s*[Hh]([12])", t):
        y, h = int(m[1]), int(m[2])
        return y + (h - 1) / 2, y + h / 2
    if m := re.fullmatch(r"(\d{4})\s*[Qq]([1-4])", t):
        y, q = int(m[1]), int(m[2])
        return y + (q - 1) / 4, y + q / 4
    if m := re.fullmatch(r"(\d{4})[-./](\d{1,2})", t):
        y, mo = int(m[1]), int(m[2])
        return _month_start(y, mo), _month_start(y, mo) + 1 / 12
    if m := re.fullmatch(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})", t):
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError as e:
            raise PeriodError(f"没有{token.strip()}这一天", str(e)) from None
        end = _day_end(d)
        return end - 1 / 365, end
    raise _unreadable(token)


def _unreadable(text: str) -> PeriodError:
    return PeriodError(f"无法识别的期间“{text}”", f"cannot read '{text}' as a period")


def parse_period(text: str | int | float) -> Period:
    """Read ``2025``, ``2025年``, ``2023H1``, ``2023年上半年``, ``2022-07/2023-06``,
    ``2024年1-6月`` (``1月-6月``, ``1-6月份``), ``2024/2026`` (``2026-2030``, ``2026-2030年``),
    ``2023-07~2024-06``,
    ``2025-06`` (a month) or ``2020-11-01`` (a day).

    Raises ``PeriodError`` (a ``ValueError``) with the offending text, in Chinese and in
    English, when the period cannot be read or ends before it starts; ``WRITE_AS`` says the
    forms read.
    """
    # Kept per text: a history's periods are read again by every cut and combine (the bundled
    # rows' ~100,000 times in the test suite); a Period is frozen, so sharing one is safe.
    try:
        return _parse_kept(text)
    except TypeError:  # an unhashable value: read it afresh, to be refused as before
        return _parse(text)


@lru_cache(maxsize=8192, typed=True)
def _parse_kept(text: str | int | float) -> Period:
    return _parse(text)


def _parse(text: str | int | float) -> Period:
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    raw = str(text).strip()
    s = raw.translate(_FULLWIDTH).replace("—", "~").replace("至", "~").replace("–", "~")
    # 2022年7月-2023年6月: a hyphen after a month and before a year joins two dates (in
    # 2022-07 it joins a year and its month, so only this form is read as a span)
    s = re.sub(r"(月)\s*-\s*(\d{4})", r"\1~\2", s)
    # 2022.7-2025.6: a hyphen between two dotted year.month forms joins them too
    s = re.sub(r"^(\d{4}\.\d{1,2})\s*-\s*(\d{4}\.\d{1,2})$", r"\1~\2", s)
    # 2026-2030 (2026年-2030年): a hyphen between two four-digit years joins them, as plans write
    # their span (a month after a year has one or two digits: 2022-07)
    s = re.sub(r"^(\d{4})\s*年?\s*-\s*(\d{4})\s*年?$", r"\1~\2", s)
    # 2024年1-6月 (or 1月-6月, 1至6月份), as bureaus report the year so far: January to June,
    # never 6 January
    s = s.replace("月份", "月")
    s = re.sub(r"(\d{4})\s*年\s*(\d{1,2})\s*月?\s*[-~]\s*(\d{1,2})\s*月", r"\1-\2~\1-\3", s)
    s = re.sub(r"(\d{4})\s*年\s*([上下])半年", lambda m: m[1] + ("H1" if m[2] == "上" else "H2"), s)
    parts = re.split(r"\s*[/~]\s*", s)
    if len(parts) == 1:
        start, end = _one(parts[0])
    elif len(parts) == 2:
        start, _ = _one(parts[0])
        _, end = _one(parts[1])
    else:
        raise _unreadable(raw)
    if end <= start:
        raise PeriodError(f"期间“{raw}”的结束早于开始", f"period '{raw}' ends before it starts")
    return Period(start, end, raw)


def instant(text: str | int) -> float:
    """The decimal year at which a stock named by ``text`` is read: the end of the period."""
    return parse_period(text).end


def year_weights(period: Period) -> dict[int, float]:
    """Share of each calendar year's flow that falls in ``period``, assuming an even spread
    within the year (the only mapping possible from yearly data; said in every report)."""
    out: dict[int, float] = {}
    y = int(period.start // 1)
    while y < period.end:
        w = period.overlap(y, y + 1)
        if w > 1e-9:
            out[y] = round(w, 10)
        y += 1
    return out


def decimal_to_label(t: float) -> str:
    """Human label of an instant: ``2026.0`` -> ``2025年末``; ``2025.5`` -> ``2025-06末``."""
    y = int(t // 1)
    frac = t - y
    if abs(frac) < 1e-9:
        return f"{y - 1}年末"
    month = round(frac * 12)
    if abs(frac * 12 - month) < 1e-6:
        return f"{y}-{month:02d}末"
    return f"{t:.2f}"


def period_zh(p: str) -> str:
    """2030年, 2026-2030年, 2022年7月至2025年6月, 2026年1-10月, 2025年6月 (a stock at a month's
    end), 2025年6月30日, 2024年上半年; any other text as written."""
    day = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", p)
    if day:
        return f"{day[1]}年{int(day[2])}月{int(day[3])}日"
    span = re.fullmatch(r"(\d{4})/(\d{4})", p)
    months = re.fullmatch(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})", p)
    month = re.fullmatch(r"(\d{4})-(\d{2})", p)
    half = re.fullmatch(r"(\d{4})H([12])", p)
    if p.isdigit():
        return f"{p}年"
    if span:
        return f"{span[1]}-{span[2]}年"
    if months and months[1] == months[3]:  # months of one year, as a bureau writes them
        first, last = int(months[2]), int(months[4])
        return f"{months[1]}年{first}月" if first == last else f"{months[1]}年{first}-{last}月"
    if months:
        return f"{months[1]}年{int(months[2])}月至{months[3]}年{int(months[4])}月"
    if month:
        return f"{month[1]}年{int(month[2])}月"
    if half:
        return f"{half[1]}年{'上' if half[2] == '1' else '下'}半年"
    return p


def period_en(p: str) -> str:
    """A period as an English sentence says it: 2026-2030 (not 2026/2030), 2022-07 to 2025-06;
    anything else as written."""
    span = re.fullmatch(r"(\d{4}(?:-\d{2})?)/(\d{4}(?:-\d{2})?)", p)
    if not span:
        return p
    return f"{span[1]}-{span[2]}" if "-" not in p else f"{span[1]} to {span[2]}"
