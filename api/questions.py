"""The planner's questions on one region's targets, all on the same baseline paths (common random
numbers): ``simulate`` a scenario, ``compare`` two, ``revise`` the thresholds to a confidence,
``goal`` (the lever intensity a confidence takes), ``levers`` (which matter) and ``draft`` the
next plan's targets."""

from __future__ import annotations

from pathlib import Path

from ..data.catalog import regions
from ..data.errors import InputError
from ..data.said import file_place
from ..data.schema import FIRST_YEAR, LAST_YEAR
from ..report import notes, words
from ..scenarios import PATHS, analysis
from ..scenarios.apply import idle_reason
from ..scenarios.baseline import TargetRun, prepare
from ..scenarios.draft import draft_targets, first_year, write_draft
from ..scenarios.judge import judge
from ..scenarios.levers import Scenario, lever_catalog, unknown_by, unknown_lever
from ..scenarios.local import read_local_levers, template_yaml, with_local, write_template_xlsx
from ..scenarios.stability import lever_records
from .inputs import (
    check_as_of,
    check_lever,
    drafted_from,
    load_history,
    refuse_existing,
    region_targets,
)
from .inputs import scenario as load_scenario
from .runs import Progress, say, starting

REVISE_KEYS = (
    "region",
    "target_id",
    "label_zh",
    "label_en",  # revise --lang en named the targets in Chinese
    "kind",
    "period",
    "threshold",
    "unit",
    "comparator",
    "status",
    "p_hit",
    "reason",  # says when the period has figures so far, and how they are used
)


def baseline_runs(
    region: str,
    *,
    paths: int,
    seed: int,
    as_of: int | None,
    history_file: Path | None,
    names: list[str] | dict[str, str] | None,
    targets_file: Path | None,
    target: str | None = None,
    progress: Progress = None,
) -> list[TargetRun]:
    """The baseline paths of a region's targets (or of the one named ``target``)."""
    targets = region_targets(region, targets_file, target, names)
    plan = region_targets(region, targets_file, None, names) if target else targets
    check_as_of(as_of)
    starting(progress, region, len(targets), paths)
    history = load_history(history_file, names=names)
    return prepare(targets, history, paths, seed, as_of, plan=plan)


def left_out(sc: Scenario, as_of: int | None, progress: Progress) -> None:
    """Say which of the scenario's levers an --as-of run leaves out (``levers.known_by``)."""
    for zh, en in unknown_by(sc, as_of):
        say(progress, notes.note(zh, en))


def simulate(
    region: str,
    scenario: str | Scenario = "baseline",
    *,
    paths: int = PATHS,
    seed: int = 0,
    as_of: int | None = None,
    history_file: Path | None = None,
    names: list[str] | dict[str, str] | None = None,
    targets_file: Path | None = None,
    progress: Progress = None,
) -> list[dict]:
    """Every target of ``region`` judged under ``scenario`` (a bundled name, a YAML file or a
    ``Scenario``): the records of ``run`` with the scenario's levers applied."""
    sc = load_scenario(scenario)
    left_out(sc, as_of, progress)
    runs = baseline_runs(
        region,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        names=names,
        targets_file=targets_file,
        progress=progress,
    )
    recs = []
    for r in runs:
        rec = judge(r, sc)
        start = sc.start if sc.start is not None else r.start
        note = idle_reason(sc, r.target, start) if rec["status"] == "simulated" else None
        recs.append({**rec, "scenario_note": note} if note else rec)
    return recs


def compare(
    region: str,
    scenarios: list[str | Scenario],
    *,
    paths: int = PATHS,
    seed: int = 0,
    as_of: int | None = None,
    history_file: Path | None = None,
    names: list[str] | dict[str, str] | None = None,
    targets_file: Path | None = None,
    progress: Progress = None,
) -> list[dict]:
    """``p_hit`` under scenario A and B, and B - A with its standard error."""
    if len(scenarios) != 2:
        raise InputError(
            "--scenario",
            (f"给了{len(scenarios)}个", f"{len(scenarios)} given"),
            (
                "正好给两个：--scenario A --scenario B",
                "give exactly two: --scenario A --scenario B",
            ),
        )
    a, b = (load_scenario(s) for s in scenarios)
    left_out(a, as_of, progress)
    left_out(b, as_of, progress)
    runs = baseline_runs(
        region,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        names=names,
        targets_file=targets_file,
        progress=progress,
    )
    out = []
    for run in runs:
        ra, rb = judge(run, a), judge(run, b)
        keys = ("region", "target_id", "label_zh", "label_en", "status", "kind", "period")
        rec = {k: ra[k] for k in (*keys, "threshold", "comparator", "unit")}
        rec.update({f"p_{a.name}": ra["p_hit"], f"p_{b.name}": rb["p_hit"]})
        rec.update(difference=None, difference_se=None)
        idle = {x["lever"] for r in (ra, rb) for x in r.get("idle_levers", [])}
        rec["no_effect_in_period"] = ", ".join(sorted(idle))  # levers acting in no year of it
        if ra["status"] == "simulated":
            rec["difference"], rec["difference_se"] = analysis.difference(run, a, b)
        out.append(rec)
    return out


def revise(
    region: str,
    *,
    confidence: float = 0.8,
    scenario: str | Scenario = "baseline",
    paths: int = PATHS,
    seed: int = 0,
    as_of: int | None = None,
    history_file: Path | None = None,
    names: list[str] | dict[str, str] | None = None,
    targets_file: Path | None = None,
    progress: Progress = None,
) -> list[dict]:
    """The threshold each target would be met with at ``confidence`` (``revised_threshold``: a
    number, or one per year for an each-year target)."""
    sc = load_scenario(scenario)
    left_out(sc, as_of, progress)
    runs = baseline_runs(
        region,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        names=names,
        targets_file=targets_file,
        progress=progress,
    )
    out = []
    for run in runs:
        rec = judge(run, sc)
        row = {k: rec[k] for k in REVISE_KEYS}
        # an each-year target's median is one per year, like its thresholds
        median = [p["median"] for p in rec["parts"]] if rec.get("parts") else rec["median"]
        row.update(confidence=confidence, revised_threshold=None, median=median)
        if rec["status"] == "simulated":
            row["revised_threshold"] = analysis.revised_threshold(run, confidence, sc)
        out.append(row)
    return out


def goal(
    region: str,
    target: str,
    lever: str,
    *,
    p: float = 0.8,
    scenario: str | Scenario = "baseline",
    paths: int = PATHS,
    seed: int = 0,
    as_of: int | None = None,
    history_file: Path | None = None,
    names: list[str] | dict[str, str] | None = None,
    targets_file: Path | None = None,
    progress: Progress = None,
) -> dict:
    """The smallest intensity of ``lever`` that lifts ``target``'s ``p_hit`` to ``p``, with
    ``p_hit`` off, at full and at the maximum intensity; ``reachable`` False when it cannot."""
    check_lever(lever)
    sc = load_scenario(scenario)
    left_out(sc, as_of, progress)
    (run,) = baseline_runs(
        region,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        names=names,
        targets_file=targets_file,
        target=target,
        progress=progress,
    )
    rec = judge(run, sc)
    if rec["status"] != "simulated":
        over = rec["status"] in ("resolved", "awaiting_outcome")
        raise InputError(
            f"--target {target}",
            (
                f"状态为“{words.status(rec, 'zh')}”：{words.reason(rec, 'zh')}",
                f"status {rec['status']}: {rec['reason']}",
            ),
            (
                "只有已测算的目标才能反推措施力度"
                + (
                    f"；其规划期已过：--as-of 年份 可问当时需要多大力度，"
                    f"`ipcast draft -r {region} --out 文件.xlsx` 可起草下一期规划"
                    if over
                    else ""
                ),
                "goal seeking needs a simulated target"
                + (
                    f"; its period is over: --as-of YEAR asks what it would have taken then, and "
                    f"`ipcast draft -r {region} --out FILE.xlsx` drafts the next plan"
                    if over
                    else ""
                ),
            ),
        )
    res = analysis.goal_seek(run, p, lever, sc)
    zh = lever_catalog()[lever].zh
    return {
        "region": region,
        "target_id": target,
        "lever": lever,
        "lever_zh": zh,
        "p_wanted": p,
        **res,
    }


def levers(
    region: str,
    *,
    target: str | None = None,
    scenario: str | Scenario = "baseline",
    local: Path | None = None,
    paths: int = PATHS,
    seed: int = 0,
    as_of: int | None = None,
    history_file: Path | None = None,
    names: list[str] | dict[str, str] | None = None,
    targets_file: Path | None = None,
    sobol_n: int = 1024,
    progress: Progress = None,
) -> list[dict]:
    """For each simulated target: the levers ranked by how much they move ``p_hit`` (tornado),
    each with how firm its rank is (``top_share``: share of draws of the lever effects that keep
    it in the top three; ``rank_share``: that keep its rank; the same with judged ranges widened)
    and the basis of its range; ``rests_on_judgement`` with a label in Chinese and English; the
    Sobol indices of the target's metric. ``local``: a planner's lever file (YAML/CSV/XLSX) whose
    ranges replace the catalog's and whose yearly costs (万元) add ``by_cost``, the levers ranked
    by p_hit gained per 万元."""
    sc = load_scenario(scenario)
    left_out(sc, as_of, progress)
    for lv in lever_catalog().values():
        if not lv.known_by(as_of):
            say(progress, notes.note(*unknown_lever(lv, as_of, "不参与排序", "not ranked")))
    costs = {}
    if local is not None:
        mine = read_local_levers(local)
        sc = with_local(sc, mine)
        costs = {k: v.cost_wan for k, v in mine.items() if v.cost_wan is not None}
    runs = baseline_runs(
        region,
        paths=paths,
        seed=seed,
        as_of=as_of,
        history_file=history_file,
        names=names,
        targets_file=targets_file,
        target=target,
        progress=progress,
    )
    return lever_records(runs, sc, costs, sobol_n, seed)


def lever_template(out: Path) -> Path:
    """Write a lever file to fill in (``.yaml``, or ``.xlsx`` with a sheet explaining each
    column in Chinese); never over an existing file."""
    refuse_existing(out)
    if out.suffix.lower() == ".xlsx":
        write_template_xlsx(out)
    elif out.suffix.lower() in (".yaml", ".yml"):
        with open(out, "x", encoding="utf-8") as f:
            f.write(template_yaml())
    else:
        raise InputError(
            file_place(out),
            (f"无法识别的文件类型“{out.suffix}”", f"unknown file type '{out.suffix}'"),
            ("用 .yaml 或 .xlsx", "use .yaml or .xlsx"),
        )
    return out


def check_draft_years(first: int | None, until: int, default_first: int | None = None) -> None:
    """The new plan's years: within 2000-2100, and ``until`` not before its first year (``first``,
    else ``default_first`` when known)."""
    for option, year in (("--from", first), ("--until", until)):
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise InputError(
                option,
                (
                    f"{year}年不在{FIRST_YEAR}-{LAST_YEAR}年之内",
                    f"{year} is outside the years {FIRST_YEAR}-{LAST_YEAR}",
                ),
                (
                    "给出规划的年份，如 --from 2026 --until 2030",
                    "give the plan's year, e.g. --from 2026 --until 2030",
                ),
            )
    start = first if first is not None else default_first
    if start is not None and until < start:
        said = f"--from {first}" if first is not None else "the year after the current plan ends"
        said_zh = f"--from {first}" if first is not None else "现行规划结束后的一年"
        raise InputError(
            "--until",
            (
                f"{until}年早于新规划的第一年{start}年（{said_zh}）",
                f"{until} is before the new plan's first year {start} ({said})",
            ),
            (
                f"给 --until {start} 或更晚（如 --until {max(start, 2030)}），或更早的 --from",
                f"give --until {start} or later (e.g. --until {max(start, 2030)}), "
                "or an earlier --from",
            ),
        )


def draft(
    region: str,
    out: Path | None = None,
    *,
    until: int = 2030,
    first: int | None = None,
    confidence: float = 0.8,
    scenario: str | Scenario = "baseline",
    paths: int = PATHS,
    seed: int = 0,
    as_of: int | None = None,
    history_file: Path | None = None,
    names: list[str] | dict[str, str] | None = None,
    targets_file: Path | None = None,
) -> dict:
    """The next plan's targets at ``confidence``, as a target-file document; written to ``out``
    (never over an existing file) when given."""
    check_as_of(as_of)
    check_draft_years(first, until)
    history = load_history(history_file, names=names)
    targets, starters = drafted_from(region, targets_file, names, history, until)
    if starters and first is None:
        first = until - 4  # a five-year plan, as every plan drafted now is
    check_draft_years(first, until, first_year(targets))
    refuse_existing(out)
    sc = load_scenario(scenario)
    doc = draft_targets(targets, history, until, confidence, paths, seed, sc, first, as_of)
    if starters:
        zh, code, n = regions().loc[targets[0].region, "zh"], targets[0].region, len(targets)
        doc["notes"].insert(
            0,
            f"{zh}（{code}）无现行规划：为每个有数据的指标各起草一条目标（{n}条），"
            "请按规划需要增删 / "
            f"no plan for {zh} ({code}): one target drafted for each indicator with figures "
            f"({n}); add or remove rows as the plan needs",
        )
    for entry in doc["targets"]:  # the file's quote in the plan's language first, as its 说明
        entry["quote"] = _quote_zh(entry) + " / " + entry["quote"]
    if out is not None:
        write_draft(doc, out)
    return doc


def _quote_zh(entry: dict) -> str:
    from ..report.plan_table_out import note_zh

    b = entry["_basis"]
    return f"ipcast 草案，承接 {b['from']}：{note_zh(b, entry['unit'])}"
