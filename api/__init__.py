"""The Python API of ipcast: every command of the ``ipcast`` CLI as a function returning plain
records (lists of dicts; ``pandas.DataFrame(records)`` makes a table of them).

    from ipcast import api

    recs = api.run("guanghan", paths=2000, seed=1)          # one record per target
    fans = api.forecast("guanghan", indicator="invention_grants", horizon=5)
    diff = api.compare("guanghan", ["baseline", "all_measures"])
    rev = api.revise("guanghan", confidence=0.8)
    g = api.goal("guanghan", "gh03_copyright_registrations_total", "copyright_registration_support")
    lv = api.levers("guanghan", sobol_n=256)
    doc = api.draft("guanghan", until=2030)                 # a target-file document
    bt = api.backtest(panel="china_provinces")              # scores per model and the ensemble
    b = api.brief("guanghan", Path("brief.html"))
    figs = api.figures.history("广汉市", "patent_grants")  # and regions, targets, import_figures

Every function takes ``seed`` (one seed gives one random stream per region, indicator and
scenario: ``forecast.streams``), ``paths``, ``as_of`` (use only the history known by the end of
that year), ``history_file`` (a CSV/XLSX of the user's own figures), ``names`` (the CLI's ``--map``:
``["专利授权数=patent_grants", "示范企业=custom:家:stock"]``, the file's own indicator names and any
custom indicator it declares) and, where targets are judged, ``targets_file``. Bad input raises
``ipcast.data.errors.InputError`` naming the option and the fix.
"""

from __future__ import annotations

from importlib import import_module

from ..forecast.panels import PANELS as PANELS  # the panels a backtest may score: names
from ..scenarios import PATHS as PATHS  # every answer's default number of paths

# Each name is imported from its module when first used: `ipcast --help` and a command that
# needs only ``run`` do not pay for the briefing's charts or the scenario questions' imports.
_WHERE = {
    "backtest": "runs",
    "brief": "briefing",
    "compare": "questions",
    "draft": "questions",
    "forecast": "runs",
    "goal": "questions",
    "lever_template": "questions",
    "levers": "questions",
    "load_history": "inputs",
    "load_scenario": "inputs",
    "revise": "questions",
    "run": "runs",
    "select_targets": "inputs",
    "simulate": "questions",
    "target_readings": "inputs",
}
_NAME = {"load_scenario": "scenario"}
# Modules of the API used whole: ``api.figures.regions(...)``.
_MODULES = ("figures", "inputs")


def __getattr__(name: str):
    if name in _MODULES:
        return import_module(f".{name}", __name__)
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), _NAME.get(name, name))
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_WHERE) + list(_MODULES))


__all__ = [
    "figures",
    "backtest",
    "brief",
    "compare",
    "draft",
    "forecast",
    "goal",
    "lever_template",
    "levers",
    "load_history",
    "load_scenario",
    "revise",
    "run",
    "select_targets",
    "simulate",
    "target_readings",
]
