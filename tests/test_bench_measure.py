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
