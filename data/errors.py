"""The one error a user sees for bad input: where, what, and how to fix it, in Chinese first and
then in English.

Each part is English alone (an option name, a path: the same in both languages) or a pair
``(Chinese, English)``, the order of ``said.both`` and of the import report's readings."""

from __future__ import annotations

Said = str | tuple[str, str]


def _pair(part: Said) -> tuple[str | None, str]:
    return (part[0], part[1]) if isinstance(part, tuple) else (None, part)


class InputError(Exception):
    """Bad input in a user's file or option. ``where``, ``problem`` and ``fix`` are the English;
    ``where_zh``, ``problem_zh`` and ``fix_zh`` the Chinese, None where none was given.
    ``str()`` is the Chinese line (when the problem has one), then the English line."""

    def __init__(self, where: Said, problem: Said, fix: Said):
        self.where_zh, self.where = _pair(where)
        self.problem_zh, self.problem = _pair(problem)
        self.fix_zh, self.fix = _pair(fix)
        super().__init__("\n".join(x for x in (self.zh, self.en) if x))

    @property
    def en(self) -> str:
        return f"{self.where}: {self.problem}. Fix: {self.fix}"

    @property
    def zh(self) -> str | None:
        """``文件 t.csv，第3行：…。修改：…``; None when the problem is said in English only. A
        part without Chinese (a path, ``--region``) is written as it is."""
        if self.problem_zh is None:
            return None
        problem = self.problem_zh.rstrip("。")
        return f"{self.where_zh or self.where}：{problem}。修改：{self.fix_zh or self.fix}"

    def at(self, where: Said) -> InputError:
        """The same problem and fix, said of another place (a cell read inside a row)."""
        return InputError(where, self._said("problem"), self._said("fix"))

    def _said(self, part: str) -> Said:
        zh = getattr(self, f"{part}_zh")
        return getattr(self, part) if zh is None else (zh, getattr(self, part))
