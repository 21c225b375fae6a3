"""The pathological-input bench repeats a run near the 2 s target and counts the best of three, keeping every
run (bench/cases.py `_measure`); the clock is scripted here, so nothing is timed."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from bench import cases


def _scripted(monkeypatch: pytest.MonkeyPatch, seconds: list[float | None]) -> list[int]:
    calls: list[int] = []
    times: Iterator[float | None] = iter(seconds)

    def capped(work: Callable[[], object], cap_s: float) -> float | None:
        work()
        calls.append(1)
        return next(times)

    monkeypatch.setattr(cases, "_capped", capped)
    return calls


def test_a_quick_run_is_measured_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _scripted(monkeypatch, [0.4])
    row = cases._measure(len, "x" * 2048, 60.0)
    assert len(calls) == 1 and row["seconds"] == 0.4 and "runs" not in row


def test_a_run_near_the_target_counts_the_best_of_three_and_keeps_them_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _scripted(monkeypatch, [2.6, 1.7, 1.9])
    row = cases._measure(len, "x" * 2048, 60.0)
    assert len(calls) == 3
    assert row["seconds"] == 1.7 and row["runs"] == [2.6, 1.7, 1.9]
    assert row["ms_per_kb"] == pytest.approx(1.7 / 2 * 1000)


def test_a_stopped_run_is_not_repeated(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _scripted(monkeypatch, [None])
    row = cases._measure(len, "x" * 2048, 60.0)
    assert len(calls) == 1 and row["seconds"] is None and row["stopped_after_s"] == 60.0


def test_a_refused_input_is_not_reported_as_stopped() -> None:
    """An input a component refuses (over the word limit) was never timed: it must not read as a run stopped at
    the cap in the summary."""
    from bench.__main__ import summary_markdown

    pp = {
        "cap_s": 60,
        "size_bytes": 1_000_000,
        "inputs": ["dates", "thread_lines"],
        "results": {
            "redact": {"dates": {"kb": 976.6, "seconds": 1.25, "ms_per_kb": 1.28}},
            "read .txt": {"thread_lines": {"kb": 976.6, "error": "InputError: more than 200,000 words"}},
        },
        "worst_per_component": {"redact": {"input": "dates", "seconds": 1.25, "ms_per_kb": 1.28}},
        "over_2s": [],
        "slowest_single_run": {"component": "redact", "input": "dates", "seconds": 1.25},
        "superlinear": [],
        "errors": [
            {
                "component": "read .txt",
                "input": "thread_lines",
                "error": "InputError: more than 200,000 words",
            }
        ],
        "target_met": True,
        "peak_rss_mb": 100.0,
    }
    info = {
        "date": "today",
        "commit": "abc",
        "cpus": 2,
        "cpu_model": "",
        "python": "3.11",
        "load_before": 1.0,
        "load_after": 1.0,
    }
    line = next(
        line
        for line in summary_markdown({"parse_pathological": pp}, info).splitlines()
        if "slowest input" in line
    )
    assert "slowest input 1.25 s" in line and "stopped" not in line, line
