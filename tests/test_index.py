"""The retrieval index: hybrid search, filters, leave-one-out, rebuild on change, recovery."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.retrieval.index import CorpusIndex
from assistant.settings import Settings

QUERY = "include age, gender, ethnicity and disability up front"


def test_known_comment_in_top_3(index) -> None:  # type: ignore[no-untyped-def]
    ids = [r.id for r in index.search(QUERY, n=3)]
    assert "ex1-c1" in ids
    hit = next(r for r in index.search(QUERY, n=3) if r.id == "ex1-c1")
    assert hit.kind == "panel_comment" and hit.example == 1
    assert "Example 1" in hit.source


def test_leave_one_out_excludes_the_example(index) -> None:  # type: ignore[no-untyped-def]
    for n in range(1, 6):
        results = index.search(QUERY, n=50, exclude_example=n)
        assert results, n
        assert all(r.example != n for r in results)


def test_kind_filter(index) -> None:  # type: ignore[no-untyped-def]
    results = index.search("sudden unexpected death in infancy co-sleeping", n=5, kinds=["national_review"])
    assert results and all(r.kind == "national_review" for r in results)
    assert results[0].id == "nr:sudi-2020"
    mixed = index.search("criteria for a local review", n=10, kinds=["criterion", "guidance"])
    assert {r.kind for r in mixed} <= {"criterion", "guidance"}


def test_bad_filters_are_input_errors(index) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        index.search(QUERY, kinds=["bogus"])
    with pytest.raises(InputError):
        index.search(QUERY, exclude_example=7)
    with pytest.raises(InputError):
        index.search("   ")


def test_fusion_uses_both_rankers(index) -> None:  # type: ignore[no-untyped-def]
    # an exact rare phrase is found lexically even if vectors rank it lower
    lexical = index.lexical_ranking("alternative learning review", 5)
    assert "ex2-c6" in lexical
    fused = [r.id for r in index.search("alternative learning review", n=5)]
    assert "ex2-c6" in fused


def test_every_item_indexed(index) -> None:  # type: ignore[no-untyped-def]
    assert index.count == len(index.items)
    kinds = {i.kind for i in index.items}
    assert kinds == {"guidance", "review_section", "panel_comment", "national_review", "criterion"}


def _copy_corpus(tmp_path: Path) -> Path:
    src = Settings().corpus_dir
    dst = tmp_path / "corpus"
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("models", "samples"))
    return dst


def test_rebuilds_when_corpus_changes_and_reuses_otherwise(tmp_path: Path) -> None:
    from assistant.corpus.loader import load_corpus

    corpus_dir = _copy_corpus(tmp_path)
    settings = Settings(corpus_dir=corpus_dir, data_dir=tmp_path / "data")
    first = CorpusIndex(load_corpus(corpus_dir), settings)
    assert first.built_now
    again = CorpusIndex(load_corpus(corpus_dir), settings)
    assert not again.built_now and again.name == first.name

    nr = corpus_dir / "national-reviews.yaml"
    nr.write_text(nr.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    changed = CorpusIndex(load_corpus(corpus_dir), settings)
    assert changed.built_now and changed.name != first.name
    assert changed.search(QUERY, n=3)


def test_corrupt_index_is_rebuilt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.corpus.loader import load_corpus
    from assistant.retrieval.index import _forget_clients

    data = tmp_path / "data"
    (data / "chroma").mkdir(parents=True)
    (data / "chroma" / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    _forget_clients()
    idx = CorpusIndex(load_corpus(), Settings(data_dir=data))
    assert idx.built_now and idx.count == len(idx.items)
    assert "rebuilding" in capsys.readouterr().err


def test_unwritable_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    from assistant.corpus.loader import load_corpus
    from assistant.errors import ConfigError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match="RRA_DATA_DIR"):
        CorpusIndex(load_corpus(), Settings(data_dir=blocker / "sub"))
