"""Mutation testing of ipcast's core modules: how many small deliberate bugs the tests catch.

    python tests/mutation/run.py                        # every core module
    python tests/mutation/run.py -m data/periods.py     # one module (repeat -m for more)
    python tests/mutation/run.py --changed main         # core modules changed since main
    python tests/mutation/run.py -m data/units.py --list   # show the mutants, run nothing

Each mutant (see mutants.py) is loaded in place of its module by an import hook in a forked
child process (no file is written), and only the tests that cover that module run, as
``pytest -x -q``. A mutant is killed when a test fails, errors or runs past the time limit.
Survivors judged equivalent (no input can tell them from the original) are listed with the reason
in equivalent.yaml; they are not run and are left out of the score, visibly. The last line is
``mutation score: X % (killed/total)`` over the non-equivalent mutants.
"""

from __future__ import annotations

import argparse
import gc
import importlib.abc
import importlib.util
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
from mutants import Mutant, mutants, mutated_code  # noqa: E402

# Core module -> the test files that cover it, fastest killers first. A module's number is only as
# good as this list: a test file that exercises the module but is missing here lets mutants live.
TESTS: dict[str, list[str]] = {
    "data/periods.py": ["tests/test_periods.py", "tests/test_evaluate.py"],
    "data/units.py": ["tests/test_units.py", "tests/test_plan_table_figures.py"],
    "forecast/metrics.py": ["tests/test_metrics.py"],
    # Every fan's and target's quantiles: numpy's numbers from one sort.
    "forecast/quantiles.py": ["tests/test_quantiles.py"],
    # The damped trend every ensemble and random walk follows.
    "forecast/damping.py": ["tests/test_damping.py"],
    "forecast/rwdrift.py": [
        "tests/test_rwdrift.py",
        "tests/test_linked.py",
        "tests/test_engine.py",
    ],
    "scenarios/evaluate.py": [
        "tests/test_evaluate.py",
        "tests/test_engine_numbers.py",
        "tests/test_engine.py",
        "tests/test_statuses.py",
    ],
    "forecast/linked.py": ["tests/test_linked.py", "tests/test_engine.py"],
    "forecast/priors.py": ["tests/test_priors.py", "tests/test_linked.py", "tests/test_engine.py"],
    "scenarios/engine.py": [
        "tests/test_baseline.py",
        "tests/test_engine_numbers.py",
        "tests/test_engine.py",
        "tests/test_scenarios.py",
    ],
    "scenarios/judge.py": [
        "tests/test_judge.py",
        "tests/test_year_to_date.py",
        "tests/test_engine_numbers.py",
        "tests/test_engine.py",
        "tests/test_statuses.py",
    ],
    "scenarios/baseline.py": [
        "tests/test_year_split.py",
        "tests/test_baseline.py",
        "tests/test_judge.py",
        "tests/test_engine_numbers.py",
        "tests/test_engine.py",
        "tests/test_asof.py",
        "tests/test_statuses.py",
    ],
    # A region named in a plan's title or by --region (ONLY below), and a backtest's progress.
    "data/places.py": ["tests/test_places.py"],
    "report/notes.py": ["tests/test_backtest_short.py"],
    "report/result_tables.py": ["tests/test_region_cli.py"],
    # How the briefing's PDF and DOCX break a line: a figure kept with its unit.
    "report/fold.py": ["tests/test_pdf_lines.py", "tests/test_fan_text.py"],
    "report/docx.py": [
        "tests/test_briefing_files.py::"
        "test_the_docx_keeps_a_figure_with_its_unit_and_breaks_a_list_only_after_a_slash"
    ],
    # Which history figures are a target's period so far (ONLY below).
    "scenarios/outcomes.py": ["tests/test_observed_part.py", "tests/test_year_to_date.py"],
    "scenarios/confidence.py": ["tests/test_confidence.py", "tests/test_engine_numbers.py"],
    "forecast/chain.py": [
        "tests/test_total_to_date.py",
        "tests/test_one_forecast.py",
        "tests/test_linked.py",
        "tests/test_import.py",
        "tests/test_short_grid.py",
    ],
    "forecast/year_to_date.py": [
        "tests/test_year_to_date_picks.py",
        "tests/test_year_to_date.py",
        "tests/test_asof.py",
    ],
    # The forecast `run` uses, scored at every origin the data allow (ONLY below).
    "forecast/backtest_selected.py": [
        "tests/test_backtest_selected.py",
        "tests/test_backtest_short.py",
    ],
    # Every series a forecast reads from a history table (ONLY below).
    "forecast/series.py": [
        "tests/test_observed.py",
        "tests/test_evaluate.py",
        "tests/test_draft.py",
        "tests/test_year_to_date.py",
    ],
    "forecast/report.py": [
        "tests/test_fan_records.py",
        "tests/test_fan_text.py",
        "tests/test_one_forecast.py",
        "tests/test_year_to_date.py",
    ],
    # What a planner reads besides the numbers: the run table, the plan table read and written
    # back, the briefing's words. Only the pure tests run (a briefing takes too long per mutant).
    "report/run_table.py": [
        "tests/test_run_table.py",
        "tests/test_revise_table.py",
        "tests/test_run_table_numbers.py",
        "tests/test_workbook.py",
        "tests/test_fan_text.py",
    ],
    "data/plan_table.py": [
        "tests/test_plan_table_figures.py",
        "tests/test_target_tables.py",
        "tests/test_plan_table_out.py",
        "tests/test_plan_table_directions.py",
        "tests/test_plan_docx.py",
    ],
    "data/plan_table_header.py": [
        "tests/test_plan_table_header.py",
        "tests/test_plan_july_june.py",
        "tests/test_target_tables.py",
        "tests/test_plan_table_out.py",
    ],
    "data/plan_kinds.py": [
        "tests/test_kind_words.py",
        "tests/test_plan_span_words.py",
        "tests/test_plan_july_june.py",
        "tests/test_plan_checks.py",
        "tests/test_target_tables.py",
        "tests/test_plan_table_out.py",
    ],
    # A plan table's unit slip and a row pasted twice.
    "data/plan_checks.py": ["tests/test_plan_checks.py", "tests/test_plan_docx.py"],
    # A figure written 22万 in a plan cell, and a target's kind in Chinese or English.
    "data/cells.py": ["tests/test_plan_table_figures.py", "tests/test_sheet_cells.py"],
    "data/target_files.py": [
        "tests/test_kind_words.py",
        "tests/test_plan_table_out.py",
        "tests/test_target_tables.py",
    ],
    "data/target_tables.py": [
        "tests/test_kind_words.py",
        "tests/test_target_tables.py",
        "tests/test_plan_docx.py",
    ],
    # A plan's Word document: its tables as sheets, merged cells, title and notes around them.
    "data/plan_docx.py": ["tests/test_plan_docx.py"],
    "report/text.py": [
        "tests/test_text.py",
        "tests/test_prose_periods.py",
        "tests/test_sentences_each_year.py",
    ],
    "report/plan_table_out.py": ["tests/test_plan_table_out.py"],
    "report/words.py": ["tests/test_words.py"],
    "report/document.py": [
        "tests/test_brief_rows.py",
        "tests/test_prose_periods.py",
        "tests/test_words.py",
    ],
    "forecast/calibrate.py": ["tests/test_words.py"],
    "forecast/steps.py": ["tests/test_linked.py", "tests/test_import.py"],
    "report/appendix.py": ["tests/test_words.py"],
    # Bureau sheets as written, and a first draft for a region with no plan: only the functions
    # that read them (ONLY below) are mutated.
    "data/indicator_names.py": [
        "tests/test_sheet_sub_items.py",
        "tests/test_indicator_names.py",
        "tests/test_import.py",
    ],
    "data/sheet_layout.py": ["tests/test_sheet_sub_items.py", "tests/test_import.py"],
    "data/figure_rows.py": [
        "tests/test_period_not_over.py",
        "tests/test_import_july_june.py",
        "tests/test_sheet_source_notes.py",
        "tests/test_sheet_cells.py",
        "tests/test_sheet_sub_items.py",
        "tests/test_import.py",
    ],
    "report/views.py": [
        "tests/test_revise_notes.py",
        "tests/test_run_footer.py",
        "tests/test_cli_tables.py",
        "tests/test_workbook.py",
        "tests/test_backtest_short.py",
        "tests/test_fan_text.py",
    ],
    "scenarios/draft.py": ["tests/test_draft_no_plan.py", "tests/test_draft.py"],
    "api/inputs.py": ["tests/test_draft_no_plan.py"],
    # No look-ahead in lever effects (known_from in levers.yaml).
    "scenarios/levers.py": [
        "tests/test_lever_known_from.py",
        "tests/test_judge.py",
        "tests/test_scenarios.py",
    ],
    "scenarios/analysis.py": ["tests/test_judge.py", "tests/test_scenarios.py"],
    "report/brief.py": ["tests/test_prose_periods.py"],
    # The entry point's exit codes. Of test_interrupt only the in-process test: the other runs
    # the command in a subprocess, which imports the original file, not the mutant.
    "cli/app.py": [
        "tests/test_app_main.py",
        "tests/test_interrupt.py::test_ctrl_c_removes_the_output_file_it_had_started",
    ],
}
# Where only part of a module computes what a planner reads (or only that part is measured: the
# functions a session changed in a large module), only these functions are mutated.
ONLY: dict[str, set[str]] = {
    "forecast/chain.py": {"never_falling", "forecast_series"},
    "data/plan_table.py": {
        "read_plan_table",
        "_nameless",
        "_growth_target",
        "_figures",
        "_one_figure",
        "_thresholds",
        "_in_unit",
        "_decimal",
        "_times",
    },
    "data/plan_kinds.py": {
        "span_words",
        "named",
        "read_kind",
        "_one_period",
        "_refuse_a_span_kind_per_period",
        "_span",
        "label_en",
    },
    "data/cells.py": {"multiplied"},
    "data/target_files.py": {"kind_code", "unknown_kind"},
    "data/target_tables.py": {"_long_row", "read_target_table", "_read_sheet"},
    "data/plan_table_header.py": {
        "_figure_columns",
        "_growth_column",
        "read_header",
        "_title",
        "_second_header",
    },
    "report/text.py": {
        "cite_zh",
        "_odds",
        "promised",
        "_period",
        "_promise",
        "_shown",
        "_years_zh",
        "_years_en",
        "_in_a_row",
    },
    "report/plan_table_out.py": {"note_zh", "draft_rows"},
    "report/document.py": {"_few_points", "_odds", "rests_on"},
    "forecast/calibrate.py": {"family_panels"},
    "forecast/steps.py": {"_unused_periods", "_own_problem"},
    "data/sheet_layout.py": {"_period_text", "_parent"},
    "report/appendix.py": {"_basis"},
    "data/indicator_names.py": {"sub_item_name", "name_key"},
    "data/figure_rows.py": {
        "checked_rows",
        "_indicator_and_period",
        "_noted_source",
        "_row",
        "_check_over",
        "_months_so_far",
        "_across_years",
        "_across",
        "_whole_year",
    },
    "report/views.py": {"footer", "_told_why", "nothing_to_revise", "backtest_legend", "fan_text"},
    "scenarios/draft.py": {"starter_targets", "latest_figure"},
    "api/inputs.py": {"drafted_from"},
    "scenarios/levers.py": {"Lever.known_by", "known_by", "unknown_by"},
    "scenarios/analysis.py": {"relevant_levers"},
    "report/brief.py": {"_vintage", "_fitted", "_later"},
    "forecast/report.py": {"_stale_years", "fan_records"},
    "forecast/backtest_selected.py": {"selected_scores", "_stage"},
    "forecast/series.py": {"observed", "is_annual", "_rows", "Observed"},
    "scenarios/outcomes.py": {"observed_part", "_straddles"},
    "data/places.py": {"resolve_region", "_found", "region_in_text"},
    "report/notes.py": {"series_done"},
    "report/result_tables.py": {
        "history_screen",
        "_indicator_zh",
        "region_screen",
        "_population",
        "indicator_screen",
        "target_screen",
        "_target_figure",
        "_family",
    },
    "report/docx.py": {"_kept_whole", "_run"},
}
# A method is named with its class (Lever.known_by); a class's name takes all its methods.
# Imported once before forking, so each child starts warm.
PREIMPORT = ["numpy", "pandas", "scipy.stats", "scipy.optimize", "yaml", "joblib", "pytest"]
PREIMPORT += ["_pytest.python", "hypothesis"]


class _Swap(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Loads one module from a given code object instead of its file."""

    def __init__(self, name: str, path: str, code):
        self.name, self.path, self.code = name, path, code

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name:
            return None
        spec = importlib.util.spec_from_loader(fullname, self, origin=self.path)
        spec.has_location = True
        return spec

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__file__ = self.path
        exec(self.code, module.__dict__)


def module_name(path: str) -> str:
    return "ipcast." + path.removesuffix(".py").replace("/", ".")


def _start(path: str, code, tests: list[str], tmp: str) -> int:
    """Fork a child that runs ``tests`` with ``code`` as module ``path``; return its pid."""
    pid = os.fork()
    if pid:
        return pid
    try:
        os.setpgid(0, 0)  # its own group, so a timeout kills whatever it started
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        import pytest

        sys.meta_path.insert(0, _Swap(module_name(path), str(REPO / path), code))
        # Cache keys hash the source files, which a mutant leaves as they are: without this, a
        # mutant of the learning code would be served the learned inputs shipped for the original.
        from ipcast.forecast import cache as disk_cache

        disk_cache.code_version = lambda real=disk_cache.code_version(): f"{real}-mutant"
        args = ["-x", "-q", "-p", "no:cacheprovider", "-p", "no:benchmark", "--basetemp", tmp]
        args += tests
        os._exit(int(pytest.main(args)))
    except BaseException:
        os._exit(3)


def _run_all(jobs: list[tuple], n_jobs: int, timeout_of, progress: bool = False) -> dict:
    """Run (key, path, code, tests) jobs, ``n_jobs`` at a time; return key -> exit code, with
    -1 for a child stopped at its time limit."""
    todo, running, done = list(jobs), {}, {}
    with tempfile.TemporaryDirectory(prefix="ipcast-mutation-") as tmp:
        while todo or running:
            while todo and len(running) < n_jobs:
                key, path, code, tests = todo.pop(0)
                pid = _start(path, code, tests, f"{tmp}/{len(done) + len(running)}-{os.getpid()}")
                running[pid] = (key, time.monotonic(), timeout_of(path))
            pid, status = os.waitpid(-1, os.WNOHANG)
            if pid:
                key, _, _ = running.pop(pid)
                done.setdefault(key, os.waitstatus_to_exitcode(status))
                if progress:  # one mark per mutant on stderr: k killed, s survived, t time limit
                    mark = {0: "s", -1: "t"}.get(done[key], "k")
                    print(mark, end="", file=sys.stderr)
                    sys.stderr.flush()
                continue
            now = time.monotonic()
            for pid, (key, t0, limit) in list(running.items()):
                if now - t0 > limit and key not in done:
                    done[key] = -1
                    os.killpg(pid, signal.SIGKILL)
            time.sleep(0.01)
    return done


def _load_equivalent() -> list[dict]:
    import yaml

    f = HERE / "equivalent.yaml"
    return (yaml.safe_load(f.read_text(encoding="utf-8")) or []) if f.exists() else []


def _changed(base: str) -> list[str]:
    def git(*a):
        return subprocess.run(["git", *a], cwd=REPO, capture_output=True, text=True, check=True)

    try:
        since = git("merge-base", base, "HEAD").stdout.strip()
        files = set(git("diff", "--name-only", since).stdout.split())
    except (OSError, subprocess.CalledProcessError):
        print(f"cannot compare with {base} (not a git checkout, or a shallow one): nothing run")
        return []
    return [m for m, tests in TESTS.items() if m in files or files & set(tests)]


def _baseline(modules: list[str], n_jobs: int) -> dict[str, float]:
    """Run each module's tests unmutated: they must pass. Returns seconds per module."""
    t0, out = time.monotonic(), {}
    for m in modules:
        code = compile((REPO / m).read_text(encoding="utf-8"), str(REPO / m), "exec")
        start = time.monotonic()
        rc = _run_all([(m, m, code, TESTS[m])], 1, lambda _: 600)[m]
        if rc != 0:
            sys.exit(f"{m}: its tests fail without any mutant (exit {rc}); fix them first")
        out[m] = time.monotonic() - start
    print(f"baseline: tests pass for {len(modules)} module(s) in {time.monotonic() - t0:.0f} s")
    return out


def _mutants_of(module: str) -> list[Mutant]:
    ms = mutants(module, (REPO / module).read_text(encoding="utf-8"))
    only = ONLY.get(module)
    return [m for m in ms if only is None or {m.function, m.function.split(".")[0]} & only]


def _describe(m: Mutant) -> str:
    return f"L{m.line} {m.function}: {m.key}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("-m", "--module", action="append", help="a core module, e.g. data/periods.py")
    ap.add_argument("--changed", metavar="BASE", help="only core modules changed since git BASE")
    ap.add_argument("--list", action="store_true", help="print the mutants and stop")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--fail-under", type=float, default=0.0, help="exit 1 if a module scores less")
    a = ap.parse_args(argv)
    modules = a.module or (_changed(a.changed) if a.changed else list(TESTS))
    unknown = [m for m in modules if m not in TESTS]
    if unknown:
        ap.error(f"not a core module: {', '.join(unknown)}; choose from {', '.join(TESTS)}")
    os.chdir(REPO)
    equivalent = {
        (e["module"], e["function"], e["mutant"]): e["reason"] for e in _load_equivalent()
    }
    plan = {m: _mutants_of(m) for m in modules}
    if a.list:
        for m, ms in plan.items():
            for mu in ms:
                eq = " [equivalent]" if (m, mu.function, mu.key) in equivalent else ""
                print(f"{m} {_describe(mu)}{eq}")
        return 0
    if not modules:
        print("no core module changed\nmutation score: n/a (0/0)")
        return 0
    return _report(plan, equivalent, a.jobs, a.fail_under)


def _report(plan: dict[str, list[Mutant]], equivalent: dict, n_jobs: int, fail_under: float):
    for name in PREIMPORT:
        __import__(name)
    gc.freeze()  # children's garbage collections skip everything imported so far
    os.nice(10)  # background work on a shared machine
    base = _baseline(list(plan), n_jobs)
    seen_eq, jobs, start = set(), [], time.monotonic()
    for m, ms in plan.items():
        src = (REPO / m).read_text(encoding="utf-8")
        for mu in ms:
            k = (m, mu.function, mu.key)
            if k in equivalent:
                seen_eq.add(k)
            else:
                jobs.append(((m, mu.index), m, mutated_code(str(REPO / m), src, mu), TESTS[m]))
    result = _run_all(jobs, n_jobs, lambda m: max(30.0, 10 * base[m]), progress=True)
    print(file=sys.stderr)
    total_k = total_n = 0
    failing = []
    for m, ms in plan.items():
        run = [mu for mu in ms if (m, mu.function, mu.key) not in equivalent]
        killed = [mu for mu in run if result[(m, mu.index)] != 0]
        timeouts = sum(result[(m, mu.index)] == -1 for mu in run)
        score = 100.0 * len(killed) / len(run) if run else 100.0
        total_k, total_n = total_k + len(killed), total_n + len(run)
        print(
            f"{m}: {len(killed)}/{len(run)} killed ({score:.1f} %), "
            f"{len(ms) - len(run)} equivalent, {timeouts} by time limit"
        )
        for mu in run:
            if result[(m, mu.index)] == 0:
                print(f"  survived {_describe(mu)}")
        if score < fail_under:
            failing.append(m)
    for k in set(equivalent) - seen_eq:
        if k[0] in plan:
            print(f"  equivalent.yaml: no such mutant any more: {k[0]} {k[1]}: {k[2]}")
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"{len(jobs)} mutants in {time.monotonic() - start:.0f} s on {n_jobs} processes "
        f"({cpu.ru_utime + cpu.ru_stime:.0f} s of CPU)"
    )
    if failing:
        print(f"below {fail_under:g} %: {', '.join(failing)}")
    score = 100.0 * total_k / total_n if total_n else 100.0
    print(f"mutation score: {score:.1f} % ({total_k}/{total_n})")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
