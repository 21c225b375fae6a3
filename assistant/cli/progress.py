"""Progress on standard error for the CLI: a bar with an estimate on a terminal, periodic lines otherwise.

The service layer reports long work as messages (assistant/progress.py). Counted messages ("indexed 64/320")
drive a bar redrawn in place when standard error is a terminal, or become a line now and then when it is a
file or a pipe (a log should not fill with carriage returns); `off` drops the counts. Messages without a
count are stages and notices (what a remote model will be sent, among them), so every mode prints them.
Standard output is never touched: it carries the report.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Literal, TextIO

import click

from assistant.progress import Step, step

Mode = Literal["auto", "bar", "lines", "off"]
MODES: tuple[Mode, ...] = ("auto", "bar", "lines", "off")

BAR_WIDTH = 24
LINE_INTERVAL_S = 5.0  # between two lines of one counted piece of work, when not on a terminal
_META_KEY = "rra.progress"


class StderrProgress:
    """A progress callback (`reporter(message)`); `close()` ends an unfinished bar line."""

    def __init__(
        self,
        mode: Mode = "auto",
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.mode: Mode = _resolve(mode, self.stream)
        self.clock = clock
        self._label: str | None = None  # the counted work under way
        self._started = 0.0
        self._last_line = 0.0
        # The first counted unit began when the message before it came (or the command started).
        self._previous = clock()
        self._open = False  # a bar line drawn without its line break

    def __call__(self, message: str) -> None:
        counted = step(message)
        if counted is None:
            self._end_bar()
            self._write(message.rstrip() + "\n")
            self._previous = self.clock()
            return
        now = self.clock()
        first = counted.label != self._label
        if first:
            self._end_bar()
            self._label, self._started, self._last_line = counted.label, self._previous, float("-inf")
        self._previous = now
        finished = counted.done >= counted.total
        if self.mode == "bar":
            self._write("\r" + self._bar(counted, now) + ("\n" if finished else ""))
            self._open = not finished
        elif self.mode == "lines" and (first or finished or now - self._last_line >= LINE_INTERVAL_S):
            self._write(f"{message.rstrip()}{self._estimate(counted, now, ' · ')}\n")
            self._last_line = now
        if finished:
            self._label = None

    def close(self) -> None:
        self._end_bar()

    def _bar(self, counted: Step, now: float) -> str:
        filled = round(counted.fraction * BAR_WIDTH)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        label = counted.label if len(counted.label) <= 40 else counted.label[:39] + "…"
        return f"{label} [{bar}] {counted.done}/{counted.total}{self._estimate(counted, now, '  ')}"

    def _estimate(self, counted: Step, now: float, sep: str) -> str:
        elapsed = now - self._started
        if counted.done >= counted.total:
            return f"{sep}done in {_duration(elapsed)}"
        if counted.done <= 0 or elapsed <= 0:
            return ""
        # Units done so far set the pace; the first unit often includes loading, so this errs long.
        left = elapsed * (counted.total - counted.done) / counted.done
        return f"{sep}about {_duration(left)} left"

    def _end_bar(self) -> None:
        if self._open:
            self._write("\n")
            self._open = False
            self._label = None

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed or broken standard error must not stop the work
            pass


def _resolve(mode: Mode, stream: TextIO) -> Mode:
    if mode != "auto":
        return mode
    try:
        interactive = stream.isatty()
    except (OSError, ValueError, AttributeError):
        interactive = False
    return "bar" if interactive else "lines"


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds} s" if seconds < 90 else f"{seconds // 60} min {seconds % 60:02d} s"


def start(ctx: click.Context, mode: Mode) -> None:
    """The command's reporter, kept on the root context and ended with it (before any error is printed)."""
    reporter = StderrProgress(mode)
    ctx.meta[_META_KEY] = reporter
    ctx.call_on_close(reporter.close)


def report(message: str) -> None:
    """Report to the running command's reporter; outside a command, a plain line on standard error."""
    ctx = click.get_current_context(silent=True)
    reporter = ctx.meta.get(_META_KEY) if ctx is not None else None
    if isinstance(reporter, StderrProgress):
        reporter(message)
    else:
        click.echo(message, err=True)
