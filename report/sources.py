"""How much weight each source can carry: official statistics, a plan or government document, the
press, or a repost (aggregator sites, encyclopedias, copies of someone else's figure).

The grade is read from the source's address and title; a repost that carries a number is flagged in
the briefing so a reader knows which figures to check against the statistics bureau's own.
"""

from __future__ import annotations

import re

GRADES = ("official", "document", "press", "repost")
WEAK = {"repost"}
GRADE_WORDS = {
    "zh": {
        "official": "官方统计",
        "document": "规划或政府文件",
        "press": "媒体报道",
        "repost": "转载/汇编",
        "user": "本地导入数据",
    },
    "en": {
        "official": "official statistics",
        "document": "plan or government document",
        "press": "press",
        "repost": "repost",
        "user": "your data",
    },
}
# Statistics bureaus and the national IP office publish the series themselves.
OFFICIAL_HOSTS = re.compile(r"(^|\.)(stats\.gov\.cn|cnipa\.gov\.cn|sipo\.gov\.cn)$|^tjj\.")
STATISTICAL_TITLE = re.compile(r"统计公报|统计年鉴|普查公报|统计表|statistic", re.I)
# Newspapers, news agencies and their sites.
PRESS_HOSTS = re.compile(
    r"(sina\.com\.cn|163\.com|chengdu\.cn|chuzhou\.cn|51grb\.com|china\.com\.cn|cfsn\.cn|"
    r"cmrnn\.com\.cn|yybnet\.net|guangyuanol\.cn|people\.com\.cn|xinhuanet\.com)$"
)
REPOST_TITLE = re.compile(r"转载|reprint|reproduced|汇编|统计公报库", re.I)


def grade(source: str, title: str = "") -> str:
    """One of GRADES for a history row's ``source`` (URL, ``plan:<id>`` or a user file)."""
    source, title = str(source or ""), str(title or "")
    if source.startswith("plan:"):
        return "document"
    m = re.match(r"https?://([^/:]+)", source)
    if not m:
        return "user" if source else "repost"
    host = m.group(1).lower()
    if host.endswith(".gov.cn"):
        if OFFICIAL_HOSTS.search(host) or STATISTICAL_TITLE.search(title):
            return "official"
        return "document"
    if REPOST_TITLE.search(title):
        return "repost"
    # A newspaper's figure on any other site is a copy of it: a repost.
    return "press" if PRESS_HOSTS.search(host) else "repost"
