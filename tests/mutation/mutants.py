"""Mutants of one Python module, made with the ``ast`` module.

A mutant is one small deliberate bug: a comparison flipped (``>=`` -> ``>``), a constant moved by
about 10 % (integers by one), an arithmetic operator swapped, a clamp (``min``/``max``/``np.clip``)
or ``abs`` removed, a slice bound or short index shifted by one, ``x is not None`` read as ``x``,
a condition negated, ``and``/``or`` swapped, a sign dropped. Each mutant is named by the function it
sits in and ``before -> after`` of the changed expression, so a name survives edits elsewhere in the
file (line numbers do not).

Left alone on purpose: strings, docstrings, annotations, decorators, and constants below 1e-5 in
size (tolerances; moving one by 10 % changes no number a planner reads).
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass

_SWAP_CMP = {
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_SWAP_BIN = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Pow: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.BitAnd: ast.BitOr,
    ast.BitOr: ast.BitAnd,
}
_CLAMPS = {"min", "max", "clip", "minimum", "maximum", "abs", "fmax", "fmin"}
_MIN_MAX = {"min": "max", "max": "min", "minimum": "maximum", "maximum": "minimum"}
_SKIP_FIELDS = {"annotation", "returns", "decorator_list", "type_comment"}


@dataclass(frozen=True)
class Mutant:
    module: str  # repository path, e.g. "data/periods.py"
    index: int  # position in this module's list
    line: int
    function: str  # enclosing def/class, dotted; "<module>" at top level
    before: str
    after: str

    @property
    def key(self) -> str:
        return f"{self.before} -> {self.after}"


# A site: (node, parent, field, list index or None, enclosing function)
Site = tuple[ast.AST, ast.AST, str, "int | None", str]


def _sites(tree: ast.AST) -> Iterator[Site]:
    """Every expression/statement node with its place in the tree, skipping docstrings and
    annotations, in a fixed order."""

    def walk(node: ast.AST, func: str) -> Iterator[Site]:
        for field, value in ast.iter_fields(node):
            if field in _SKIP_FIELDS:
                continue
            children = value if isinstance(value, list) else [value]
            for i, child in enumerate(children):
                if not isinstance(child, ast.AST):
                    continue
                if _is_docstring(node, field, i, child):
                    continue
                name = func
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    name = child.name if func == "<module>" else f"{func}.{child.name}"
                yield child, node, field, (i if isinstance(value, list) else None), name
                yield from walk(child, name)

    yield from walk(tree, "<module>")


def _is_docstring(parent, field, i, child) -> bool:
    return (
        field == "body"
        and i == 0
        and isinstance(child, ast.Expr)
        and isinstance(child.value, ast.Constant)
        and isinstance(child.value.value, str)
    )


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str | bytes)
    )


def _call_name(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _shift(expr: ast.expr) -> ast.expr:
    return ast.BinOp(left=expr, op=ast.Add(), right=ast.Constant(1))


def _changes(node: ast.AST) -> Iterator[tuple[ast.AST, Callable[[ast.AST], ast.AST]]]:
    """(the node whose text is shown, a function returning its mutated copy) for each mutant."""
    if isinstance(node, ast.Compare):
        for k, op in enumerate(node.ops):
            if type(op) in _SWAP_CMP:
                yield node, _cmp_swap(k)
        if len(node.ops) == 1 and _is_none(node.comparators[0]):
            if isinstance(node.ops[0], ast.IsNot):
                yield node, lambda n: n.left  # "x is not None" -> "x"
            elif isinstance(node.ops[0], ast.Is):
                yield node, lambda n: ast.UnaryOp(op=ast.Not(), operand=n.left)
    elif isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in _SWAP_BIN:
        if not (isinstance(node, ast.BinOp) and (_is_text(node.left) or _is_text(node.right))):
            yield node, _bin_swap
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.Not):
        yield node, lambda n: n.operand
    elif isinstance(node, ast.BoolOp):
        yield (
            node,
            lambda n: ast.BoolOp(
                op=ast.Or() if isinstance(n.op, ast.And) else ast.And(), values=n.values
            ),
        )
    elif isinstance(node, ast.Constant):
        yield from _constant(node)
    elif isinstance(node, ast.Call):
        name = _call_name(node)
        if name in _CLAMPS and node.args:
            yield node, lambda n: n.args[0]
        if name in _MIN_MAX:
            yield node, _min_max_swap
    elif isinstance(node, ast.Slice):
        for part in ("lower", "upper"):
            if getattr(node, part) is not None and not isinstance(
                getattr(node, part), ast.Constant
            ):
                yield node, _slice_shift(part)
    elif (
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.Name)
        and len(node.slice.id) <= 3  # short names index arrays; long ones key dicts
    ):
        yield node, lambda n: ast.Subscript(value=n.value, slice=_shift(n.slice), ctx=n.ctx)
    negated = isinstance(getattr(node, "test", None), ast.UnaryOp) and isinstance(
        node.test.op, ast.Not
    )
    if isinstance(node, ast.If | ast.While | ast.IfExp) and not negated:
        yield node, _negate_test
    elif isinstance(node, ast.comprehension) and node.ifs:
        yield node, _negate_comprehension


def _is_none(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _cmp_swap(k: int):
    def f(n):
        n.ops[k] = _SWAP_CMP[type(n.ops[k])]()
        return n

    return f


def _bin_swap(n):
    n.op = _SWAP_BIN[type(n.op)]()
    return n


def _min_max_swap(n):
    if isinstance(n.func, ast.Name):
        n.func.id = _MIN_MAX[n.func.id]
    else:
        n.func.attr = _MIN_MAX[n.func.attr]
    return n


def _slice_shift(part: str):
    def f(n):
        setattr(n, part, _shift(getattr(n, part)))
        return n

    return f


def _negate_test(n):
    n.test = ast.UnaryOp(op=ast.Not(), operand=n.test)
    return n


def _negate_comprehension(n):
    n.ifs = [
        ast.UnaryOp(op=ast.Not(), operand=ast.BoolOp(op=ast.And(), values=n.ifs))
        if len(n.ifs) > 1
        else ast.UnaryOp(op=ast.Not(), operand=n.ifs[0])
    ]
    return n


def _constant(node: ast.Constant):
    v = node.value
    if isinstance(v, bool):
        yield node, lambda n: ast.Constant(not n.value)
    elif isinstance(v, int):
        yield node, lambda n: ast.Constant(n.value + 1)
    elif isinstance(v, float) and (v == 0 or abs(v) >= 1e-5):
        yield node, lambda n: ast.Constant(n.value * 1.1 if n.value else 0.1)


def _show(node: ast.AST) -> str:
    if isinstance(node, ast.If | ast.While):
        return ("if " if isinstance(node, ast.If) else "while ") + ast.unparse(node.test) + ":"
    if isinstance(node, ast.comprehension):
        return "if " + " and ".join(ast.unparse(c) for c in node.ifs)
    if isinstance(node, ast.Slice):
        return "[" + ast.unparse(node) + "]"
    return ast.unparse(node)


def mutants(module: str, source: str) -> list[Mutant]:
    """Every mutant of ``source`` (the text of repository file ``module``), described. A bare
    constant is shown inside its parent expression (``month - 1 -> month - 2``); a name used twice
    in one function gets ``#2``."""
    out, seen = [], {}
    tree = ast.parse(source)
    up = {c: (p, f, i) for p, c, f, i in _links(tree)}
    for node, _parent, _field, _i, func in _sites(tree):
        for _shown, change in _changes(node):
            new = change(copy.deepcopy(node))
            before, after = _show(node), _show(new)
            if isinstance(node, ast.Constant) or (
                isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant)
            ):
                before, after = _in_context(node, new, up)
            n = seen[(func, before, after)] = seen.get((func, before, after), 0) + 1
            if n > 1:
                after += f"  #{n}"
            out.append(Mutant(module, len(out), getattr(node, "lineno", 0), func, before, after))
    return out


def _links(tree: ast.AST):
    """(parent, child, field, list index or None) for every link in the tree."""
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            children = value if isinstance(value, list) else [value]
            for i, child in enumerate(children):
                if isinstance(child, ast.AST):
                    yield parent, child, field, (i if isinstance(value, list) else None)


def _in_context(node: ast.AST, new: ast.AST, up: dict) -> tuple[str, str]:
    """A changed constant shown inside the expression around it (past any unary minus)."""
    while isinstance(up.get(node, (None,))[0], ast.UnaryOp):
        parent = up[node][0]
        node, new = parent, ast.UnaryOp(op=parent.op, operand=new)
    parent, field, i = up.get(node, (None, None, None))
    if not isinstance(parent, ast.expr | ast.keyword):
        return _show(node), _show(new)
    return _show(parent), _show(_replaced(parent, field, i, new))


def _replaced(parent: ast.AST, field: str, i: int | None, new: ast.AST) -> ast.AST:
    p = copy.deepcopy(parent)
    if i is None:
        setattr(p, field, new)
    else:
        getattr(p, field)[i] = new
    return p


def _mutate(source: str, s: int, c: int) -> tuple[ast.Module, ast.AST, str]:
    """``source`` with change ``c`` applied at site ``s``: the tree, the new node, its function."""
    tree = ast.parse(source)
    node, parent, field, i, func = list(_sites(tree))[s]
    change = list(_changes(node))[c][1]
    new = change(copy.deepcopy(node))
    if i is None:
        setattr(parent, field, new)
    else:
        getattr(parent, field)[i] = new
    ast.fix_missing_locations(tree)
    return tree, new, func


def mutated_code(path: str, source: str, mutant: Mutant):
    """The compiled module of ``source`` with ``mutant`` in it."""
    k = 0
    for s, (node, *_rest) in enumerate(_sites(ast.parse(source))):
        n = len(list(_changes(node)))
        if k + n > mutant.index:
            tree, _, _ = _mutate(source, s, mutant.index - k)
            return compile(tree, path, "exec")
        k += n
    raise IndexError(mutant.index)
