"""Concurrency: app sessions stay apart, several processes read one index, and a rebuild for a changed corpus
while another process reads it corrupts nothing.

Loops are bounded in count and time; subprocesses are ended by their own ids.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.resources import APP_ENTRY, CORPUS_DIR, SAMPLES_DIR

QUERIES = [
    "safer sleep advice to fathers",
    "ethnicity and culture of the family up front",
    "hard to reach young people",
    "what the child's daily life was like",
    "decision not to commission an LCSPR",
]
CHILD_ENV_DROP = ("RRA_CORPUS_DIR",)


def child_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in CHILD_ENV_DROP}
    env.update(RRA_DATA_DIR=str(data_dir), RRA_CACHE_DIR=str(data_dir / "cache"), **extra)
    return env


def spawn(code: str, env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str], timeout: float) -> dict[str, Any]:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate(timeout=10)
        pytest.fail(f"process {process.pid} did not finish in {timeout} s:\n{err[-3000:]}")
    assert process.returncode == 0, err[-3000:]
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


SEARCH = """
    import json
    from assistant.retrieval import get_index
    index = get_index()
    print(json.dumps({"name": index.name, "built_now": index.built_now,
                      "results": [[r.id for r in index.search(q, n=5)] for q in QUERIES]}))
"""


def search_code() -> str:
    return f"QUERIES = {QUERIES!r}\n" + textwrap.dedent(SEARCH)


# ---------------------------------------------------------------------------------------------- app sessions

DRAFT = (SAMPLES_DIR / "draft-baby-sleep.md").read_text(encoding="utf-8")
CHRONOLOGY = (SAMPLES_DIR / "chronology-baby-injury.txt").read_text(encoding="utf-8")
# Each user's document carries a name no other document has.
USERS = {"first": "Tallulah Featherstonehaugh", "second": "Bartholomew Quigley"}


def _everything_in(at: Any) -> str:
    """All a session holds and shows: its state (results included) and every rendered element."""
    parts: list[str] = []
    for key in list(at.session_state):
        value = at.session_state[key]
        dump = getattr(value, "model_dump_json", None)
        parts.append(dump() if dump else repr(value))
        for attr in ("critique", "draft", "report", "text", "markdown"):
            inner = getattr(value, attr, None)
            if inner is not None:
                parts.append(inner.model_dump_json() if hasattr(inner, "model_dump_json") else str(inner))
    stack = [at.main, at.sidebar]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        children = getattr(node, "children", None)
        if children:
            stack.extend(children.values())
    return "\n".join(parts)


def _use_the_app(who: str) -> Iterator[Any]:
    """One user's visit, a step at a time: paste and critique a draft, then lines of enquiry, then back."""
    from streamlit.testing.v1 import AppTest

    name = USERS[who]
    at = AppTest.from_file(str(APP_ENTRY), default_timeout=180)
    yield at.run()
    yield at.switch_page("app_pages/critique.py").run()  # the home page opens first
    yield at.text_area(key="w_critique_text").input(DRAFT.replace("Baby J", name)).run()
    yield next(b for b in at.button if b.label == "Run the critique").click().run()
    yield at.switch_page("app_pages/kloe.py").run()
    yield (
        at.text_area(key="w_kloe_text")
        .input(CHRONOLOGY + f"\n01/03/2025\tPolice\t{name} seen at home\n")
        .run()
    )
    yield next(b for b in at.button if b.label == "Find the lines of enquiry").click().run()
    yield at.switch_page("app_pages/critique.py").run()  # back to the first page: its result is still there


def test_two_app_sessions_at_once_never_see_each_others_documents(index: Any) -> None:
    """Two users whose steps interleave (as two browser tabs on one server do) each see only their own.

    The steps alternate in one thread: Python 3.11's compiler is not safe to run from two threads at once
    (ast.parse 'recursion depth mismatch'), which would fail this test for a reason outside the app.
    """
    pytest.importorskip("streamlit")
    visits = {who: _use_the_app(who) for who in USERS}
    latest: dict[str, Any] = {}
    while visits:
        for who in list(visits):
            try:
                latest[who] = next(visits[who])
            except StopIteration:
                del visits[who]
                continue
            assert not latest[who].exception, (who, latest[who].exception)
    for who, at in latest.items():
        other = next(n for w, n in USERS.items() if w != who)
        everything = _everything_in(at)
        assert USERS[who] in everything  # the user's own draft is shown ...
        assert other not in everything  # ... and nothing of the other user's
        assert at.session_state["critique"] is not None and at.session_state["kloe"] is not None
        assert USERS[who] in at.session_state["critique"].text
        assert USERS[who] in at.session_state["kloe"].text
        assert USERS[who] in (at.text_area(key="w_critique_text").value or "")
    # A third user arriving afterwards starts empty.
    from streamlit.testing.v1 import AppTest

    fresh = AppTest.from_file(str(APP_ENTRY), default_timeout=120).run()
    assert fresh.session_state["critique"] is None
    assert not any(name in _everything_in(fresh) for name in USERS.values())


# ---------------------------------------------------------------------------------------------- readers


def test_several_processes_read_the_index_at_once(index: Any, data_dir: Path, tmp_path: Path) -> None:
    expected = [[r.id for r in index.search(q, n=5)] for q in QUERIES]
    processes = [spawn(search_code(), child_env(data_dir), tmp_path) for _ in range(3)]
    outcomes = [finish(p, timeout=180) for p in processes]
    for outcome in outcomes:
        assert outcome["name"] == index.name and outcome["built_now"] is False
        assert outcome["results"] == expected
    # And this process, which had the index open throughout, still reads it.
    assert [[r.id for r in index.search(q, n=5)] for q in QUERIES] == expected


READ_LOOP = """
    import json, sys, time
    from pathlib import Path
    from assistant.retrieval import get_index
    stop_file, max_s, max_n = Path(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    index = get_index()
    results, errors, n, after_stop = set(), [], 0, 0
    started = time.monotonic()
    while n < max_n and time.monotonic() - started < max_s and after_stop < 20:
        try:
            results.add(json.dumps([r.id for r in index.search(QUERIES[n % len(QUERIES)], n=5)]))
        except Exception as exc:
            errors.append(repr(exc)[:300])
        n += 1
        if stop_file.exists():
            after_stop += 1
    print(json.dumps({"name": index.name, "n": n, "after_stop": after_stop, "errors": errors[:5],
                      "error_count": len(errors), "results": sorted(results)}))
"""


def changed_corpus(tmp_path: Path) -> Path:
    """A copy of the corpus with only the first example (a real change, and a build that takes seconds)."""
    from assistant.corpus.publication import _example_spans

    target = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, target, ignore=shutil.ignore_patterns("models", "samples"))
    publication = target / "rapid-review-examples-2022.txt"
    text = publication.read_text(encoding="utf-8")
    second = _example_spans(text)[1][2]
    publication.write_text(text[:second], encoding="utf-8")
    return target


def test_a_rebuild_while_another_process_reads_corrupts_nothing(
    index: Any, data_dir: Path, tmp_path: Path
) -> None:
    """Process A searches in a loop; process B builds the index of a changed corpus into the same data dir.
    A never fails or changes its answers; afterwards both corpora's indexes answer correctly."""
    data = tmp_path / "data"
    shutil.copytree(data_dir / "chroma", data / "chroma")  # this session's built index, copied
    corpus = changed_corpus(tmp_path)
    stop = tmp_path / "b-finished"
    expected = sorted(json.dumps([r.id for r in index.search(q, n=5)]) for q in QUERIES)

    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"QUERIES = {QUERIES!r}\n" + textwrap.dedent(READ_LOOP),
            str(stop),
            "240",
            "200000",
        ],
        env=child_env(data),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(2)  # let A get going (it keeps reading for as long as B runs, whenever it starts)
        builder = spawn(
            "from assistant.cli import main\nraise SystemExit(main(['index']))",
            child_env(data, RRA_CORPUS_DIR=str(corpus)),
            tmp_path,
        )
        out, err = builder.communicate(timeout=300)
        assert builder.returncode == 0, err[-3000:]
        assert "Building the retrieval index" in err and "index built" in out
    finally:
        stop.touch()
    a = finish(reader, timeout=300)
    assert a["error_count"] == 0, a["errors"]
    assert a["after_stop"] >= 1 and a["n"] > a["after_stop"]  # A read before, during and after B's build
    assert a["name"] == index.name
    assert a["results"] == expected  # the same answers throughout

    # Afterwards: the changed corpus has its own index, the original is intact, and both answer correctly.
    new_reader = spawn(search_code(), child_env(data, RRA_CORPUS_DIR=str(corpus)), tmp_path)
    old_reader = spawn(search_code(), child_env(data), tmp_path)
    new, old = finish(new_reader, timeout=180), finish(old_reader, timeout=180)
    assert old["name"] == index.name and not old["built_now"]
    assert old["results"] == [[r.id for r in index.search(q, n=5)] for q in QUERIES]
    assert new["name"] != index.name and not new["built_now"]  # B's build was complete and is reused
    from assistant.corpus.loader import load_corpus
    from assistant.retrieval.index import CorpusIndex
    from assistant.settings import Settings

    # The changed corpus's answers equal a clean build's (BM25 is rebuilt in memory; vectors from the copy).
    clean = CorpusIndex(load_corpus(corpus), Settings(corpus_dir=corpus, data_dir=data))
    assert not clean.built_now
    assert new["results"] == [[r.id for r in clean.search(q, n=5)] for q in QUERIES]
    assert not any(r.startswith(("ex2", "ex3", "ex4", "ex5")) for rs in new["results"] for r in rs)
