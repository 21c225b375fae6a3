"""Progress for long work: counted messages from the index build and the eval, and the CLI's bar on stderr.

The index here is built from the corpus's first 130 items (three batches), into a fresh folder, so the
first-build path runs without the minute a full build takes on a loaded machine.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant import services
from assistant.cli import main
from assistant.cli.progress import StderrProgress
from assistant.critic.taxonomy import load_codes
from assistant.evaluation.dataset import scored_codes
from assistant.progress import Step, step
from assistant.retrieval import index as index_module
from assistant.settings import get_settings

SMALL_INDEX = 130  # items: batches of 64, 64 and 2

DRAFT = (
    "# Rapid review: Child P\n\n## Case information\n\nChild P is a boy aged 4 months, White British.\n\n"
    "## Summary of the incident\n\nOn 3 March 2025 Child P was taken to hospital with a head injury; the "
    "mother's partner said the baby fell from the sofa. Police and children's social care were told.\n\n"
    "## Agency involvement\n\nThe health visitor saw Child P at home twice. The GP saw the mother for low "
    "mood. No agency knew the partner lived in the household.\n\n## Decision\n\nThe partnership decided an "
    "LCSPR should be undertaken.\n"
)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def counted(messages: list[str]) -> dict[str, list[Step]]:
    steps: dict[str, list[Step]] = {}
    for message in messages:
        s = step(message)
        if s is not None:
            steps.setdefault(s.label, []).append(s)
    return steps


def assert_rises_to_one(steps: list[Step]) -> None:
    fractions = [s.fraction for s in steps]
    assert fractions == sorted(fractions) and len(set(fractions)) == len(fractions), fractions
    assert fractions[-1] == 1.0 and len(fractions) >= 2


@pytest.fixture
def fresh_small_index(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A data folder with no index yet, and a corpus of SMALL_INDEX items to build it from."""
    full = index_module.corpus_items
    monkeypatch.setattr(index_module, "corpus_items", lambda corpus: full(corpus)[:SMALL_INDEX])
    monkeypatch.setenv("RRA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(index_module, "_INDEXES", {})
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


# ---------------------------------------------------------------------------------------------- the reporter


def test_bar_redraws_in_place_with_an_estimate_and_ends_its_line() -> None:
    out, clock = io.StringIO(), Clock()
    reporter = StderrProgress("bar", stream=out, clock=clock)
    reporter("Building the retrieval index (4 items)…")
    for done in range(1, 5):
        clock.now += 3.0
        reporter(f"  indexed {done}/4")
    text = out.getvalue()
    assert text.startswith("Building the retrieval index (4 items)…\n")
    assert "\rindexed [######------------------] 1/4  about 9 s left" in text
    assert text.endswith("\rindexed [########################] 4/4  done in 12 s\n")


def test_bar_line_is_ended_before_a_stage_message_or_on_close() -> None:
    out = io.StringIO()
    reporter = StderrProgress("bar", stream=out, clock=Clock())
    reporter("eval: critiquing the drafts (1/3: a)")
    reporter("eval: scoring")
    reporter("eval: critiquing again (1/3: a)")
    reporter.close()
    lines = out.getvalue().split("\n")
    assert lines[1] == "eval: scoring" and out.getvalue().endswith("\n")


def test_lines_mode_prints_counts_now_and_then() -> None:
    out, clock = io.StringIO(), Clock()
    reporter = StderrProgress("lines", stream=out, clock=clock)
    for done in range(1, 11):
        clock.now += 1.0
        reporter(f"eval: critiquing the drafts ({done}/10: d{done})")
    lines = out.getvalue().splitlines()
    # The first, one every five seconds, and the last; never a carriage return.
    assert lines == [
        "eval: critiquing the drafts (1/10: d1) · about 9 s left",
        "eval: critiquing the drafts (6/10: d6) · about 4 s left",
        "eval: critiquing the drafts (10/10: d10) · done in 10 s",
    ]
    assert "\r" not in out.getvalue()


def test_off_drops_counts_but_keeps_notices() -> None:
    out = io.StringIO()
    reporter = StderrProgress("off", stream=out)
    reporter("  indexed 64/320")
    reporter("note: the remote model will be sent 2 drafts")
    assert out.getvalue() == "note: the remote model will be sent 2 drafts\n"


def test_auto_is_a_bar_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert StderrProgress("auto", stream=Terminal()).mode == "bar"
    assert StderrProgress("auto", stream=io.StringIO()).mode == "lines"


# ---------------------------------------------------------------------------------------------- the services


def test_first_index_build_reports_each_batch(fresh_small_index: None) -> None:
    messages: list[str] = []
    built = services.index(messages.append)
    assert built.built_now
    steps = counted(messages)["indexed"]
    assert_rises_to_one(steps)
    assert [s.done for s in steps] == [64, 128, 130]
    messages.clear()
    services.index(messages.append)  # built: nothing to report
    assert messages == []


def test_critique_reports_the_first_index_build(fresh_small_index: None) -> None:
    messages: list[str] = []
    services.critique(DRAFT, progress=messages.append)
    assert_rises_to_one(counted(messages)["indexed"])


def test_eval_over_a_folder_counts_drafts_done(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    codes = scored_codes(load_codes())
    labels: dict[str, Any] = {}
    for i in range(1, 4):
        (folder / f"d{i}.md").write_text(DRAFT.replace("Child P", f"Child P{i}"), encoding="utf-8")
        labels[f"d{i}.md"] = {
            "gap": [],
            "covered": list(codes),
            "unsure": [],
            "national_reviews_apply": [],
            "national_reviews_cited": [],
            "evidence": {},
        }
    (folder / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    messages: list[str] = []
    services.evaluate(folder, progress=messages.append)
    steps = counted(messages)
    critiquing = steps["eval: critiquing the drafts"]
    assert [s.done for s in critiquing] == [0, 1, 2, 3]
    assert_rises_to_one(critiquing)
    assert_rises_to_one(steps["eval: reading the drafts"])


# ---------------------------------------------------------------------------------------------- the CLI


def test_cli_draws_a_bar_on_a_terminal_and_leaves_stdout_the_report(
    fresh_small_index: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert main(["critique", str(path)]) == 0  # the first run builds the index
    with_bar = capsys.readouterr()
    assert "\rindexed [" in with_bar.err and "130/130  done in" in with_bar.err
    assert with_bar.out.startswith("# ") and "\r" not in with_bar.out and "indexed" not in with_bar.out
    assert main(["--progress", "off", "critique", str(path)]) == 0
    assert capsys.readouterr().out == with_bar.out  # standard output is exactly the report


def test_cli_progress_lines_when_redirected(
    fresh_small_index: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    monkeypatch.setenv("RRA_PROGRESS", "lines")
    assert main(["critique", str(path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "  indexed 64/130 · about" in captured.err and "indexed 130/130 · done in" in captured.err
    assert "\r" not in captured.err
    assert json.loads(captured.out)["meta"]["provider"] == "offline"
