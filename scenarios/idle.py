"""Why a lever acts in no year of a target's period, in words: one wording for the record's
reason, the terminal's notes and the workbook's 说明（中文）. No numpy here: the report reads it on
every command's path."""

from __future__ import annotations


def idle_words(x: dict) -> tuple[str, str]:
    """Why a lever of ``idle_levers`` acts in no year of the period, in Chinese and English."""
    first, last = x["first_year"], x["last_year"]
    return {
        "late": (f"{first}年起才起作用", f"acts only from {first}"),
        "over": (f"仅在{first}-{last}年起作用", f"acted {first}-{last} only"),
        "history": ("期内数字已是实际值", "the period's figures are already observed"),
    }[x["why"]]
