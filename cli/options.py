"""Every option shared by more than one command, declared once."""

from __future__ import annotations

import typer

from ..api import PATHS as DEFAULT_PATHS
from ..data.errors import InputError
from ..report.tables import Format
from . import checks
from .common import fail


def region_callback(value: str | None) -> str | None:
    """Every ``--region`` takes any name form (广汉市, 广汉, 510681, Guanghan, guanghan) and
    passes the region's code on; an ambiguous or unknown name exits 2 with the candidates."""
    if value is None:
        return None
    from ..data.places import resolve_region

    try:
        return resolve_region(value, "--region")
    except InputError as e:
        fail(e)


def paths_option(default: int) -> typer.models.OptionInfo:
    return typer.Option(
        default,
        "--paths",
        min=100,
        callback=checks.paths,
        help=f"模拟路径数（最多{checks.MAX_PATHS:,}条，约占内存{checks.MEMORY_BUDGET}） / "
        f"Monte Carlo paths (at most {checks.MAX_PATHS:,}: {checks.MEMORY_BUDGET} of memory)",
    )


def out_option(suffixes: tuple[str, ...], help: str, name: str = "--out", required: bool = True):
    """An output file option: its kind taken from the extension (others refused), never an
    existing file, in a folder that can be written; all checked before any work."""
    names = (name, "-o") if name == "--out" else (name,)
    return typer.Option(
        ... if required else None,
        *names,
        callback=lambda v: checks.out_file(v, suffixes, name),
        help=help,
    )


FORMAT = typer.Option(
    Format.table,
    "--format",
    "-f",
    help="输出格式：表格、csv、json，或 xlsx（须同时给 --out 文件.xlsx） / "
    "table, csv, json, or xlsx (with --out FILE.xlsx)",
)
OUT = out_option(
    (".xlsx", ".csv", ".json"),
    "同时把结果写入文件：.xlsx（Excel）、.csv 或 .json / "
    "also write the results to FILE: .xlsx (Excel), .csv or .json",
    required=False,
)


def lang_callback(value: str) -> str:
    if value not in ("zh", "en"):
        fail(
            InputError(
                "--lang",
                (f"无法识别的语言“{value}”", f"unknown language '{value}'"),
                ("用 zh（中文）或 en（英文）", "use zh or en"),
            )
        )
    return value


LANG = typer.Option(
    "zh",
    "--lang",
    callback=lang_callback,
    help="表中目标名称的语言：zh 中文，en 英文 / "
    "zh or en: the language of target names in the table",
)
REGION_ZH = "地区（全称、简称、6位代码或拼音均可）"
REGION_EN = (
    "region by full name, short name, 6-digit code or pinyin (广汉市, 广汉, 510681, Guanghan)"
)
REGION_HELP = f"{REGION_ZH} / {REGION_EN}"
REGION = typer.Option(None, "--region", "-r", callback=region_callback, help=REGION_HELP)
REGION_REQUIRED = typer.Option(..., "--region", "-r", callback=region_callback, help=REGION_HELP)
# Commands that read targets: the region may be left out when --targets is about one region.
REGION_OR_TARGETS = typer.Option(
    None,
    "--region",
    "-r",
    callback=region_callback,
    help=f"{REGION_ZH}；若 --targets 文件只含一个地区，可省略 / "
    f"{REGION_EN}; may be left out with --targets FILE of one region",
)
AS_OF = typer.Option(
    None,
    "--as-of",
    help="只用截至该年年底已知的历史数据 / use only history known by the end of this year",
)
HISTORY = typer.Option(
    None,
    "--history",
    help="自有数据文件（CSV/XLSX），直接使用、不导入 / "
    "a CSV/XLSX of your own figures, used directly",
)
MAP = typer.Option(
    None,
    "--map",
    help="自有指标名称及其代码，如 '专利授权数=patent_grants'，或每行“名称,代码”的 CSV；"
    "目录外的指标写作 '示范企业数=custom:家:stock'（单位，再写 flow、stock 或 ratio；"
    "仅按自身数据预测）；可重复 / "
    "your own indicator name and its code, '专利授权数=patent_grants', or a CSV of name,code "
    "lines; an indicator outside the catalog: '示范企业数=custom:家:stock' (UNIT, then flow, "
    "stock or ratio; forecast from its own points only); repeatable",
)
SHEET = typer.Option(
    None,
    "--sheet",
    help="只读取这一张工作表（不加时读取每张含数字的可见工作表） / read this workbook sheet only "
    "(by default every visible sheet with figures is read)",
)
ACCEPT_LARGE = typer.Option(
    False,
    "--accept-large",
    help="接受超出该指标合理上限的数字 / accept figures above the indicator's plausible maximum",
)
TARGETS = typer.Option(
    None,
    "--targets",
    help="用自己的目标代替内置规划：YAML 文件，CSV/XLSX 表（每行一项目标，或规划原有的"
    "指标表），或规划的 Word 文档（.docx，读其中的指标表） / targets instead of the bundled "
    "plans: a YAML file, a CSV/XLSX table (one row per target, or the plan's own indicator "
    "table), or the plan's Word document (.docx: its indicator table)",
)
SEED = typer.Option(
    0,
    "--seed",
    callback=checks.seed,
    help="随机种子（同一种子得出同样结果） / "
    "random seed: one seed gives one stream per region, indicator and scenario",
)
PATHS = paths_option(DEFAULT_PATHS)
CONFIDENCE = typer.Option(
    0.8,
    "--confidence",
    min=0.01,
    max=0.99,
    help="把握程度（0.8 即有80%的把握达到） / confidence (0.8: met with 80 % confidence)",
)
SCENARIO = typer.Option(
    "baseline",
    "--scenario",
    "-s",
    help="内置情景名称或情景 YAML 文件 / a bundled scenario name or a scenario YAML file",
)
INDICATOR = typer.Option(
    None,
    "--indicator",
    "-i",
    help="指标代码或名称（patent_grants、专利授权量；见 `indicators`），或自定义指标名称 / "
    "indicator by code or name (patent_grants, 专利授权量; see `indicators`), or a custom "
    "indicator's name",
)
TARGET = typer.Option(
    None, "--target", "-t", help="一项目标的编号（见 `targets`） / one target id (see `targets`)"
)
SCHEDULER = typer.Option(
    None,
    "--scheduler",
    help="在 Dask 集群上拟合：调度器地址（tcp://host:8786） / address of a Dask scheduler "
    "(tcp://host:8786) to fit on",
)
JOBS = typer.Option(
    1, "--jobs", "-j", min=1, help="并行拟合的进程数 / processes fitting in parallel"
)
NO_CACHE = typer.Option(
    False,
    "--no-cache",
    help="全部重新拟合，不读也不写缓存 / refit everything; neither read nor write the cache",
)
