"""One eval run, in four stages: load the dataset -> solve (critique every draft) -> score -> report.

The panel run (`runner.PanelTask`) and the labelled-folder run (`labelled_eval.LabelledTask`, for
`--dataset devset` and `--dataset DIR`) are two tasks with the same four stages, run by `run_task`, which
reports progress and times each stage. `evaluate` is what `services.evaluate` calls: it resolves the
dataset name, runs the task and, given a baseline snapshot, attaches the comparison with it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Literal, Protocol, TypeVar

from assistant.domain.critique import Critique
from assistant.domain.evals import BaselineSnapshot, DevsetReport, EvalReport
from assistant.errors import InputError
from assistant.settings import REPO_ROOT

Progress = Callable[[str], None]
DEVSET_DIR = REPO_ROOT / "evals" / "devset"
DEFAULT_TOLERANCE = 0.05  # how far a gated rate may move the wrong way before --check fails

D = TypeVar("D")
S = TypeVar("S")
C = TypeVar("C")
R_co = TypeVar("R_co", covariant=True)


@dataclass(frozen=True)
class StageTimes:
    load_s: float
    solve_s: float
    score_s: float
    total_s: float  # up to the report stage, which only assembles


class Task(Protocol, Generic[D, S, C, R_co]):
    name: str

    def load(self, say: Progress) -> D: ...

    def solve(self, data: D, say: Progress) -> S: ...

    def score(self, data: D, solved: S, say: Progress) -> C: ...

    def report(self, data: D, solved: S, scored: C, times: StageTimes) -> R_co: ...


def _nothing(_: str) -> None:
    return None


def run_task(task: Task[D, S, C, R_co], progress: Progress | None = None) -> R_co:
    say = progress or _nothing
    start = time.perf_counter()
    data = task.load(say)
    loaded = time.perf_counter()
    solved = task.solve(data, say)
    critiqued = time.perf_counter()
    scored = task.score(data, solved, say)
    done = time.perf_counter()
    times = StageTimes(
        load_s=round(loaded - start, 2),
        solve_s=round(critiqued - loaded, 2),
        score_s=round(done - critiqued, 2),
        total_s=round(done - start, 2),
    )
    say(f"eval ({task.name}): done in {times.total_s:.1f}s")
    return task.report(data, solved, scored, times)


def remote_notice(
    texts: Sequence[str], provider: str | None, exclude: Sequence[int | None] | None = None
) -> str | None:
    """What a remote eval run will send, before anything is sent (None when the run stays offline).

    The same estimate `rapid-review critique --provider openai` prints (`services.estimate_remote`: the
    provider's own redaction of each draft, its prompt tokens and cost), summed over the drafts. Raises the
    provider's configuration error when no remote model is configured, so nothing is sent half-configured."""
    from assistant import services
    from assistant.providers.notice import describe_send
    from assistant.settings import get_settings

    if (provider or get_settings().provider) == "offline" or not texts:
        return None
    excludes = list(exclude) if exclude is not None else [None] * len(texts)
    estimates = [
        services.estimate_remote(text, exclude_example=k) for text, k in zip(texts, excludes, strict=True)
    ]
    # one wording for every remote notice (assistant/providers/notice.py)
    return describe_send(estimates, what=f"{len(texts)} draft(s), one request each")


def remote_model(critiques: Iterable[Critique]) -> str | None:
    """The remote model that wrote any of the critiques, or None when they all ran offline."""
    models = sorted({c.meta.model for c in critiques if c.meta.model})
    return ", ".join(models) or None


@dataclass(frozen=True)
class Dataset:
    """A resolved --dataset: `name` is panel, devset or dir:<folder name>."""

    name: str
    directory: Path | None  # None for panel


def resolve(dataset: str | Path) -> Dataset:
    """'panel', 'devset', or a folder of drafts with *labels.json files."""
    if isinstance(dataset, str) and dataset == "panel":
        return Dataset("panel", None)
    if isinstance(dataset, str) and dataset == "devset":
        return Dataset("devset", DEVSET_DIR)
    path = Path(dataset).expanduser()
    if not path.is_dir():
        raise InputError(
            f"no dataset named '{dataset}', and no folder at that path",
            fix="use --dataset panel, --dataset devset, or --dataset DIR (a folder of drafts with *labels.json "
            "files; see evals/devset/README.md)",
        )
    resolved = path.resolve()
    if resolved == DEVSET_DIR.resolve():
        return Dataset("devset", DEVSET_DIR)
    return Dataset(f"dir:{resolved.name}", resolved)


def _committed(name: str, say: Progress) -> BaselineSnapshot | None:
    from assistant.evaluation import regression

    path = regression.default_path(name)
    if path is None or not path.is_file():
        return None
    try:
        return regression.load(path)
    except InputError as exc:  # a run without the saved baseline is still worth showing
        say(f"the saved baseline was not used: {exc}")
        return None


def evaluate(
    dataset: str | Path = "panel",
    *,
    provider: str | None = None,
    baseline: BaselineSnapshot | Literal["committed"] | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    judge: bool = False,
    progress: Progress | None = None,
) -> EvalReport | DevsetReport:
    """`baseline="committed"`: the dataset's committed baseline when there is one that can be read (a
    missing or unreadable one is reported through `progress` and the run goes on without it)."""
    from assistant.evaluation import regression

    ds = resolve(dataset)
    if baseline == "committed":
        baseline = _committed(ds.name, progress or _nothing)
    if baseline is not None and baseline.dataset != ds.name:
        raise InputError(
            f"the baseline given is for dataset '{baseline.dataset}', this run is '{ds.name}'",
            fix="give the matching --baseline, or write one for this dataset with --write-baseline",
        )
    report: EvalReport | DevsetReport
    if ds.directory is None:
        from assistant.evaluation import runner  # looked up at call time: tests replace runner.run_eval

        report = runner.run_eval(
            progress=progress,
            provider=provider,
            pinned=baseline.thresholds if baseline else None,
            judge=judge,
        )
    else:
        if judge:
            raise InputError(
                "the LLM judge matches findings to the Panel's comments, which only the panel dataset has",
                fix="drop --judge, or use --dataset panel",
            )
        from assistant.evaluation.labelled_eval import LabelledTask

        report = run_task(LabelledTask(ds, provider=provider), progress)
    if baseline is not None:
        deltas = regression.compare(report, baseline, tolerance)
        report = report.model_copy(update={"against_baseline": deltas, "tolerance": tolerance})
    return report
