"""Names in a plan's indicator table (专利授权量（件）, 有效注册商标量累计,
每万人口发明专利拥有量年均增长) matched to the catalog's slugs.

Names are compared after dropping the unit in brackets, spaces and quotes; first as written, then
without the words that say how a figure is counted (累计, 年均, 新增, 每年, 数量 ...), which the
table reader reads as the target's kind. The bundled plans' own labels are known names too. A
name that fits several indicators is returned with all of them, for the caller to choose by the
table's layout and to report.
"""

from __future__ import annotations

import difflib
import re
from functools import cache

from . import units
from .catalog import indicators
from .cells import normalise

# Longest first, so that 年均增长率 is removed before 年均 and 增长.
KIND_WORDS = sorted(
    [
        "年均增长率",
        "年均增长",
        "年均增幅",
        "年均增速",
        "增长率",
        "增长",
        "增幅",
        "增速",
        "累计",
        "年均",
        "新增",
        "每年",
        "逐年",
        "年度",
        "总量",
        "数量",
        "拥有量",
        "拥有数",
        "达到",
    ],
    key=len,
    reverse=True,
)
# Bracketed words that qualify a catalog name and so stay part of it: 著作权登记量(累计).
QUALIFIERS = ("累计", "新增", "年度")


_PARTS = re.compile(r"[,，、;；]")


def core(name: str) -> str:
    """The name without a trailing unit in brackets, spaces, quotes and notes like （附件1逐年）;
    a unit written with the way of counting, （亿元，年均）, leaves （年均）."""
    s = normalise(name).replace("\n", "")
    s = re.sub(r"[\s“”\"'‘’《》]", "", s)
    while True:
        m = re.search(r"\(([^()]*)\)$", s)
        if not m or not (_is_unit(m.group(1)) or re.search(r"附件|逐年", m.group(1))):
            break
        s = s[: m.start()]
    m = re.search(r"\(([^()]*)\)$", s)
    parts = _PARTS.split(m.group(1)) if m else []
    if len(parts) > 1 and any(_is_unit(x) for x in parts):
        rest = [x for x in parts if x and not _is_unit(x)]
        s = s[: m.start()] + (f"({'、'.join(rest)})" if rest else "")
    return s


def unit_in_name(name: str) -> str | None:
    """The unit a name states in brackets at its end, as written (件, 万件, 亿元, 百分比), alone
    or with the way of counting (（亿元，年均）)."""
    s = re.sub(r"\s", "", normalise(name))
    for m in reversed(list(re.finditer(r"\(([^()]*)\)", s))):
        for part in _PARTS.split(m.group(1)):
            if _is_unit(part):
                return part
    return None


def _is_unit(text: str) -> bool:
    try:
        units.canonical(text)
    except KeyError:
        return False
    return True


def strip_kind_words(name: str) -> str:
    s = name
    for w in KIND_WORDS:
        s = s.replace(w, "")
    s = re.sub(r"^年", "", s)  # 年专题培训场次: the yearly count of ...
    s = re.sub(r"到\d{4}年(底|末)?", "", s)  # 到2030年: the target year, read by plan_kinds
    # 知识产权质押融资额（年均）: the brackets the counting words were written in go with them
    s = re.sub(r"\(\)", "", s)
    return re.sub(r"量$", "", s)


def _catalog_names(zh: str) -> set[str]:
    """A catalog name as written, and without or with its bracketed words inline."""
    names = {core(zh)}
    m = re.search(r"\(([^()]*)\)", normalise(zh))
    if m:
        inline = zh[: m.start()] + m.group(1) + zh[m.end() :]
        names.add(core(inline))
        if m.group(1) not in QUALIFIERS:
            names.add(core(zh[: m.start()] + zh[m.end() :]))
    return names


@cache
def known_names() -> dict[str, frozenset[str]]:
    """Every known name (catalog and the bundled plans' labels) -> the slugs it names."""
    from .target_files import bundled_targets

    out: dict[str, set[str]] = {}
    for slug, row in indicators().iterrows():
        for n in _catalog_names(row["zh"]) | {slug, str(row["en"]).strip().lower()}:
            out.setdefault(n, set()).add(slug)
    for t in bundled_targets():
        out.setdefault(core(t.label_zh), set()).add(t.indicator)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def _stripped_names() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for name, slugs in known_names().items():
        out.setdefault(strip_kind_words(name), set()).update(slugs)
    out.pop("", None)
    return {k: frozenset(v) for k, v in out.items()}


def match(name: str, mapping: dict[str, str] | None = None) -> tuple[list[str], str]:
    """``(slugs, how)``: the indicators ``name`` can mean (empty when none), and how it matched;
    the user's own ``mapping`` (``--map``) first."""
    if mapping:
        from .indicator_names import name_key

        mine = {name_key(k): v for k, v in mapping.items()}
        for key in dict.fromkeys((name_key(name), name_key(core(name)))):
            if key in mine:
                return [mine[key]], "your --map"
    c = core(name)
    names = known_names()
    for key in (c, c.lower()):
        if key in names:
            return sorted(names[key]), "name as written"
    stripped = strip_kind_words(c)
    hit = _stripped_names().get(stripped)
    if hit:
        return sorted(hit), f"name without its counting words ('{stripped}')"
    return _bureau_name(c)


def _bureau_name(c: str) -> tuple[list[str], str]:
    """The names bureaus and bulletins use (商标注册量 for 注册商标), from the alias table that
    history files are read with, as written and without the counting words."""
    from .indicator_names import match_indicator

    bare = c
    for w in KIND_WORDS:
        bare = bare.replace(w, "")
    for key in dict.fromkeys((c, bare, bare + "量")):
        slug = match_indicator(key) if key else None
        if slug:
            return [slug], f"bureau name '{key}' (indicator_aliases.csv)"
    return [], ""


def nearest(name: str, n: int = 4) -> list[str]:
    """The catalog's Chinese names closest to ``name``, for an error message."""
    zh = {core(z): z for z in indicators()["zh"]}
    close = difflib.get_close_matches(core(name), list(zh), n=n, cutoff=0.3)
    return [zh[c] for c in close]
