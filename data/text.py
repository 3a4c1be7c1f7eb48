"""Folding names as people type them: full-width forms, traditional characters, spaces and case.

Traditional -> simplified uses ``opencc-purepy`` (OpenCC's dictionaries in pure Python, MIT
licence), loaded only when a name has characters a lookup did not already find, since loading
takes ~0.4 s.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache


def fold(text) -> str:
    """NFKC (full-width letters, digits and brackets to plain ones), no spaces, lower case."""
    s = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"[\s\u3000]+", "", s).lower()


@cache
def _t2s():
    from opencc_purepy import OpenCC

    return OpenCC("t2s")


def simplified(text: str) -> str:
    """``text`` in simplified characters (unchanged when it has no CJK characters)."""
    if not re.search(r"[\u4e00-\u9fff]", text):
        return text
    return _t2s().convert(text)
