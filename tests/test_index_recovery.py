"""A broken index is rebuilt with one line on standard error, whatever broke it, including a Rust panic in
chromadb's core. `rapid-review index --rebuild` does the same on request.

The damage used here is a chroma.sqlite3 whose schema no longer matches what chromadb expects: one column of
`collection_metadata` is renamed, as a flipped byte in the schema page would do. chromadb's Rust core
unwraps the missing column and panics. pyo3 raises that panic as PanicException, which is a
BaseException and not an Exception, after printing the panic and its backtrace to file descriptor 2.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.cli import main
from assistant.settings import Settings

CLI = [sys.executable, "-c", "from assistant.cli import entrypoint; entrypoint()"]
NOTICE = "could not be opened"


def damaged_copy(built: Path, into: Path) -> Path:
    """A copy of a built data dir whose chroma.sqlite3 makes chromadb panic when it is opened."""
    shutil.copytree(built / "chroma", into / "chroma")
    with sqlite3.connect(into / "chroma" / "chroma.sqlite3") as db:
        db.execute("ALTER TABLE collection_metadata RENAME COLUMN str_value TO str_valuf")
    return into


@pytest.fixture
def damaged(index: Any, data_dir: Path, tmp_path: Path) -> Path:
    return damaged_copy(data_dir, tmp_path / "data")


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RRA_")}
    # A full backtrace, as on the machine where the 77-line panic was seen: it must still not reach the user.
    env.update(RRA_DATA_DIR=str(data), RRA_CACHE_DIR=str(data / "cache"), RUST_BACKTRACE="1")
    return env


def test_the_damage_really_panics_in_chromadb(damaged: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """Control: without this, a damage chromadb shrugged off would make the tests below pass."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from assistant.retrieval.index import _forget_clients

    _forget_clients()
    with pytest.raises(BaseException) as caught:  # the point: it is not an Exception
        client = chromadb.PersistentClient(
            path=str(damaged / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
        )
        client.list_collections()
    _forget_clients()
    assert not isinstance(caught.value, Exception)
    assert type(caught.value).__name__ == "PanicException"
    assert "panicked" in capfd.readouterr().err


def test_a_panicking_index_is_rebuilt_with_one_line_in_a_fresh_process(damaged: Path) -> None:
    """The user's case: every run used to end in a Rust panic and a traceback."""
    first = subprocess.run(
        [*CLI, "search", "safer sleep", "-n", "1", "--format", "json"],
        env=_env(damaged),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert first.returncode == 0, first.stderr[-3000:]
    assert '"results"' in first.stdout
    err = first.stderr.splitlines()
    notices = [line for line in err if NOTICE in line]
    assert len(notices) == 1, err
    assert notices[0].startswith("rapid-review: the index at ") and notices[0].endswith("; rebuilding it")
    assert "ColumnNotFound" in notices[0]
    # Nothing else but the build's progress: no panic, no backtrace, no traceback.
    others = [line for line in err if line is not notices[0] and line.strip()]
    assert all(line.startswith(("Building the retrieval index", "  indexed ")) for line in others), err

    again = subprocess.run([*CLI, "index"], env=_env(damaged), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-3000:]
    assert again.stdout.startswith("index up to date: ") and again.stderr == ""


def test_index_rebuild_repairs_a_panicking_index(
    damaged: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from assistant.retrieval.index import _INDEXES
    from assistant.settings import get_settings

    monkeypatch.setenv("RRA_DATA_DIR", str(damaged))
    get_settings.cache_clear()
    assert main(["index", "--rebuild"]) == 0
    out, err = capfd.readouterr()
    assert out.startswith("index rebuilt: ") and "items in collection" in out
    assert "panicked" not in err and NOTICE not in err  # the folder was deleted before anything opened it
    assert any(key[1] == str(damaged) for key in _INDEXES)  # the process goes on using the rebuilt index
    assert main(["search", "safer sleep", "-n", "1"]) == 0
    out, err = capfd.readouterr()
    assert "Building" not in err and out.startswith("# Search: safer sleep")


def test_a_failure_while_opening_is_recovered_but_ctrl_c_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Any error (Exception or not) leads to the rebuild; KeyboardInterrupt and SystemExit go through."""
    from assistant.corpus import load_corpus
    from assistant.retrieval import index as index_module

    class FakePanic(BaseException):  # what pyo3 raises: not an Exception
        pass

    raised: list[type[BaseException]] = []

    def fail(self: Any, progress: Any) -> Any:
        raise raised[-1]("boom")

    monkeypatch.setattr(index_module.CorpusIndex, "_open_or_build", fail)
    monkeypatch.setattr(index_module, "_remove_local_index", lambda settings: None)
    corpus = load_corpus()
    settings = Settings(data_dir=tmp_path / "data")
    passed_through: tuple[type[BaseException], ...] = (KeyboardInterrupt, SystemExit)
    for kind in passed_through:
        raised.append(kind)
        with pytest.raises(kind):
            index_module.CorpusIndex(corpus, settings)
    recovered: tuple[type[BaseException], ...] = (FakePanic, RuntimeError)
    for kind in recovered:
        raised.append(kind)
        # Both attempts fail here, so the rebuild ends in one clear error rather than the raw exception.
        with pytest.raises(index_module.RetrievalIndexError, match="cannot build the index"):
            index_module.CorpusIndex(corpus, settings)


def test_native_output_is_held_while_opening_and_dropped_only_on_failure(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.retrieval.index import _native_stderr_held

    monkeypatch.delenv("RRA_DEBUG", raising=False)
    with _native_stderr_held():
        os.write(2, b"kept\n")
    with pytest.raises(ValueError), _native_stderr_held():
        os.write(2, b"thread '<unnamed>' panicked\n")
        raise ValueError
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "kept\nafter\n"
    monkeypatch.setenv("RRA_DEBUG", "1")
    with pytest.raises(ValueError), _native_stderr_held():
        os.write(2, b"shown with RRA_DEBUG\n")
        raise ValueError
    assert capfd.readouterr().err == "shown with RRA_DEBUG\n"


def test_index_rebuild_is_in_the_help() -> None:
    from click.testing import CliRunner

    from assistant.cli.app import cli

    result = CliRunner().invoke(cli, ["index", "--help"])
    assert result.exit_code == 0 and "--rebuild" in result.output
