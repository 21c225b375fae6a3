"""The local library (issue 14 part 2), on invented documents: what goes in is redacted, similar passages
show beside critiques, lines of enquiry and search with their source and date, a document never critiques
itself, removing takes it out everywhere, changes touch only that document, and it works on a Chroma server."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant import services
from assistant.cli import main
from assistant.domain.library import LibraryListing
from assistant.errors import InputError
from assistant.library.store import LibraryStore, collection_name, library_folder
from assistant.render.kloe_markdown import kloe_markdown
from assistant.settings import Settings, get_settings
from tests.test_chroma_server import chroma_url  # noqa: F401  (the loopback `chroma run` fixture)

LETTER = """# Panel feedback on the rapid review for Ellis Varga

Dear Ms Harriet Quenby,

Thank you for sending the rapid review about Ellis Varga, aged 4, who was admitted to Northgate General \
Hospital on 14 March 2024 with a head injury.

The Panel found the chronology thorough, but the review says very little about the lived experience of \
Ellis: what a day was like for him, who he spent time with, and what he would have seen and heard at home.

The review does not consider the father, Dominik Varga, or the mother's new partner, Callum Reyes. Men in \
the household were invisible to the agencies involved, and the review should ask why professionals did not \
engage with them.

The Panel would also like to see how race, culture and the family's Hungarian heritage were considered by \
practitioners, and whether interpreters were offered.

Yours sincerely,
Tobias Lindqvist, Panel member
"""
NAMES = (
    "Ellis",
    "Varga",
    "Quenby",
    "Harriet",
    "Dominik",
    "Callum",
    "Reyes",
    "Tobias",
    "Lindqvist",
    "Northgate",
)

REVIEW = """# Rapid review: Kai Brennan

## Case information

Kai Brennan, aged 2, White British, was taken to hospital by ambulance on 3 February 2024 with bruising to \
the face. His mother is Sophie Brennan. Children's social care, police, health visiting and the GP were involved.

## Summary of the incident

Kai was found with bruises by a nursery worker. A strategy discussion was held the same day and a section 47 \
enquiry started.

## Agency involvement

The health visitor saw Kai twice in 2023. Police attended a domestic incident in November 2023 involving the \
mother and her partner Liam Ostrowski. The nursery raised concerns about attendance.

## Learning

Agencies did not share information about the domestic incident with the nursery. The partner was not \
assessed by any agency and professionals did not speak to him.

## Decision

The partnership decided not to undertake an LCSPR because the learning is already being taken forward.
"""

# Related to the letter (no lived experience, no race or culture, men unseen) but a different case.
RELATED = """# Rapid review: child D

## Case information

Child D, aged 3, was admitted to hospital with a fractured arm in January 2025. Mother, stepfather and a \
sibling live in the home. Police, children's social care, the school nursery and the GP were involved.

## Summary of the incident

Child D was brought to the emergency department by the mother. Doctors were concerned the explanation did \
not match the injury. A strategy discussion was held and a child protection medical arranged.

## Agency involvement

The health visitor saw the family once. The stepfather was never seen by any professional and his history \
was not checked. The GP saw the mother for low mood.

## Learning

Agencies focused on the mother and did not engage the men in the household.

## Decision

The partnership decided not to undertake an LCSPR.
"""


def _forget_chroma_clients() -> None:
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # a deleted folder's cached client would be stale


def _empty_library() -> None:
    shutil.rmtree(library_folder(get_settings()), ignore_errors=True)
    _forget_chroma_clients()


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Path]:
    """The session's data dir (its corpus index is reused), with an empty library before and after; the
    test's own folder for its files."""
    _empty_library()
    yield tmp_path
    _empty_library()


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _add(path: Path, kind: str, date: str | None = None, title: str | None = None) -> str:
    [added] = services.add_to_library([path], kind=kind, date=date, title=title)
    return added.document.id


def _passage_docs(critique: Any) -> set[str]:
    return {p.document for f in critique.findings for p in f.local_passages}


def test_a_letter_shows_beside_a_related_draft_and_a_review_never_critiques_itself(library: Path) -> None:
    letter = _add(_write(library, "letter.md", LETTER), "panel-letter", date="2024-05-02")
    review = _add(_write(library, "review.md", REVIEW), "rapid-review", date="2024-02")

    related = services.critique(RELATED)
    lived = next(f for f in related.findings if f.code == "LIVED_EXPERIENCE_MISSING")
    [passage] = [p for p in lived.local_passages if p.document == letter]
    assert "lived experience" in passage.text and passage.kind == "panel-letter"
    assert passage.date == "2024-05-02" and passage.title.startswith("Panel feedback on the rapid review")
    # the Panel's own comments are still there, in their own field
    assert lived.panel_comments and all(c.id.startswith("ex") for c in lived.panel_comments)
    markdown = services.critique_markdown(related)
    assert (
        "Local library, Panel letter “Panel feedback on the rapid review for PERSON\\_1”, 2024-05-02"
        in markdown
    )

    itself = services.critique(REVIEW)
    assert itself.meta.library_excluded == [review]
    assert review not in _passage_docs(itself)
    # an edited version of the same review is still itself
    edited = REVIEW.replace("twice in 2023", "three times in 2023") + "\nSigned off by the partners.\n"
    assert review not in _passage_docs(services.critique(edited))
    # ...while the related draft does not exclude it
    assert related.meta.library_excluded == []


def test_lines_of_enquiry_and_search_show_library_passages_with_source_and_date(library: Path) -> None:
    letter = _add(_write(library, "letter.md", LETTER), "panel-letter", date="2024-05-02")
    report = services.kloe(RELATED)
    men = next(line for line in report.lines_of_enquiry if line.id == "male_carers")
    assert [p.document for p in men.local_passages][:1] == [letter]
    assert "- Local library, Panel letter “Panel feedback" in kloe_markdown(report)
    found = services.search("men in the household invisible to agencies", n=3)
    assert found.local_passages[0].document == letter
    assert (
        found.local_passages[0].label
        == "Panel letter “Panel feedback on the rapid review for PERSON_1”, 2024-05-02"
    )


def test_removing_takes_it_out_of_critique_search_list_index_and_manifest(library: Path) -> None:
    letter = _add(_write(library, "letter.md", LETTER), "panel-letter", date="2024-05-02")
    assert letter in _passage_docs(services.critique(RELATED))
    assert [d.id for d in services.list_library().documents] == [letter]

    assert main(["library", "remove", letter]) == 0
    assert services.list_library().documents == []
    assert _passage_docs(services.critique(RELATED)) == set()
    assert services.search("men in the household invisible to agencies").local_passages == ()
    assert LibraryStore(get_settings()).passages().ids == []
    manifest = (library_folder(get_settings()) / "manifest.json").read_text(encoding="utf-8")
    assert letter not in manifest
    # removing it again is bad input, with the fix
    with pytest.raises(InputError, match="no document") as refused:
        services.remove_from_library(letter)
    assert "library list" in (refused.value.fix or "")


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_redaction_ran_before_indexing_no_name_is_stored_anywhere(library: Path) -> None:
    path = _write(library, "Ellis Varga letter.md", LETTER)
    [added] = services.add_to_library([path], kind="panel-letter", title="Letter about Ellis Varga")
    assert added.redactions["PERSON"] >= 4 and added.document.title == "Letter about PERSON_1"
    assert "Ellis" not in added.document.source_name

    stored = LibraryStore(get_settings()).passages()
    assert stored.ids and len(stored.ids) == added.document.chunks
    text = " ".join(stored.texts) + repr(stored.metadatas)
    manifest = (library_folder(get_settings()) / "manifest.json").read_text(encoding="utf-8")
    on_disk = _all_bytes(library_folder(get_settings())).lower()
    for name in NAMES:
        assert name not in text, name
        assert name not in manifest, name
        assert name.lower().encode() not in on_disk, (
            name
        )  # not in the index's files, nor a copy of the original
    assert "PERSON_" in text and "lived experience" in text


def test_adding_again_changes_nothing_and_changes_touch_only_that_document(library: Path) -> None:
    settings = get_settings()
    corpus = services.index()
    built = dict(corpus._collection.metadata)
    letter_path = _write(library, "letter.md", LETTER)
    letter = _add(letter_path, "panel-letter")
    store = LibraryStore(settings)
    before = store.passages()

    [again] = services.add_to_library([letter_path], kind="panel-letter")
    assert not again.added and again.document.id == letter
    assert store.passages().ids == before.ids and len(services.list_library().documents) == 1

    review = _add(_write(library, "review.md", REVIEW), "rapid-review")
    after = store.passages()
    assert set(before.ids) < set(after.ids)
    kept = {i: m["added_at"] for i, m in zip(after.ids, after.metadatas, strict=True) if i.startswith(letter)}
    assert kept == {i: m["added_at"] for i, m in zip(before.ids, before.metadatas, strict=True)}
    services.remove_from_library(review)
    assert sorted(store.passages().ids) == sorted(before.ids)
    # the Panel corpus index was neither rebuilt nor touched
    assert services.index() is corpus and dict(corpus._collection.metadata) == built
    assert corpus.count == len(corpus.items)


@pytest.mark.parametrize(
    ("argv", "message", "fix"),
    [
        (
            ["--kind", "minutes"],
            "unknown kind 'minutes'",
            "panel-letter, rapid-review, local-review, guidance",
        ),
        (["--kind", "panel-letter", "--date", "2024-13-40"], "not a real date", "YYYY-MM-DD"),
        (["--kind", "panel-letter", "--date", "last spring"], "not a date", "YYYY-MM-DD"),
        (["--kind", "panel-letter", "--date", "2999-01-01"], "in the future", "YYYY-MM-DD"),
    ],
)
def test_bad_options_exit_2_with_the_fix_and_store_nothing(
    library: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str, fix: str
) -> None:
    path = _write(library, "letter.md", LETTER)
    assert main(["library", "add", str(path), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "fix:" in err and fix in err
    assert not library_folder(get_settings()).exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("missing.md", None, "file not found"),
        ("picture.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "picture.pdf"),
        ("empty.txt", b"   \n", "the document is empty"),
    ],
)
def test_unreadable_files_exit_2_and_nothing_is_stored_even_for_the_good_ones(
    library: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes | None, message: str
) -> None:
    good = _write(library, "letter.md", LETTER)
    bad = library / name
    if data is not None:
        bad.write_bytes(data)
    assert main(["library", "add", str(good), str(bad), "--kind", "panel-letter"]) == 2
    err = capsys.readouterr().err
    assert message in err and "fix:" in err
    assert services.list_library().documents == []


def test_title_with_several_files_is_refused(library: Path) -> None:
    a, b = _write(library, "a.md", LETTER), _write(library, "b.md", REVIEW)
    with pytest.raises(InputError, match="--title") as refused:
        services.add_to_library([a, b], kind="panel-letter", title="Two letters")
    assert "one at a time" in (refused.value.fix or "")


def test_list_json_and_preview_before_storing(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(library, "letter.md", LETTER)
    preview = services.preview_library_document(path.read_bytes(), "letter.md", kind="panel-letter")
    assert preview.redactions["PERSON"] >= 4 and preview.occurrences > preview.redactions["PERSON"]
    assert "Ellis" not in preview.redacted_text and preview.existing is None
    assert not library_folder(get_settings()).exists()  # a preview stores nothing

    assert main(["library", "add", str(path), "--kind", "panel-letter", "--date", "2024-05"]) == 0
    capsys.readouterr()
    assert main(["library", "list", "--format", "json"]) == 0
    listing = LibraryListing.model_validate_json(capsys.readouterr().out)
    [doc] = listing.documents
    assert doc.date == "2024-05" and doc.source_name == "letter.md" and doc.kind == "panel-letter"
    assert listing.location == str(library_folder(get_settings()))
    again = services.preview_library_document(path.read_bytes(), "letter.md", kind="panel-letter")
    assert again.existing == doc.id


@pytest.mark.loopback
def test_the_library_lives_on_a_chroma_server(
    chroma_url: str,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from assistant.library.attach import attach_to_critique

    local = tmp_path / "local-data"
    monkeypatch.setenv("RRA_CHROMA_URL", chroma_url)
    monkeypatch.setenv("RRA_DATA_DIR", str(local))
    get_settings.cache_clear()
    letter = _add(_write(tmp_path, "letter.md", LETTER), "panel-letter", date="2024-05-02")

    # another member of the team (a fresh client, another data dir) sees it on the server
    other = Settings(chroma_url=chroma_url, data_dir=tmp_path / "someone-else")
    assert [d.id for d in LibraryStore(other).documents()] == [letter]
    assert services.list_library().location == chroma_url
    critique = services.critique(RELATED, with_panel_comments=False)  # the corpus index is not needed here
    attach_to_critique(critique, RELATED, other)
    assert letter in _passage_docs(critique)

    import chromadb

    server = chromadb.HttpClient(host="127.0.0.1", port=int(chroma_url.rsplit(":", 1)[1]))
    stored = server.get_collection(collection_name(get_settings())).get(include=["documents"])
    documents = stored["documents"] or []
    assert stored["ids"] and len(documents) == len(stored["ids"])
    assert not any(n in doc for doc in documents for n in NAMES)

    services.remove_from_library(letter)
    assert LibraryStore(other).documents() == []
    assert not local.exists()  # nothing was written locally: no index, no manifest


def test_the_app_page_lists_and_removes_documents(library: Path) -> None:
    from streamlit.testing.v1 import AppTest

    from assistant.resources import APP_ENTRY

    letter = _add(_write(library, "letter.md", LETTER), "panel-letter", date="2024-05-02")
    at = AppTest.from_file(str(APP_ENTRY), default_timeout=120)
    at.run()
    at.switch_page("app_pages/library.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Local library"
    assert any("redacted before anything is stored" in i.value for i in at.info)
    [table] = at.dataframe
    assert list(table.value["Id"]) == [letter] and list(table.value["Date"]) == ["2024-05-02"]
    assert at.selectbox(key="w_library_remove").value == letter

    next(b for b in at.button if b.label == "Remove it and all its passages").click().run()
    assert not at.exception, at.exception
    assert services.list_library().documents == []
    assert any(f"Removed {letter}" in s.value for s in at.success)
    assert any(m.value == "The library is empty." for m in at.markdown)


def test_the_app_critique_shows_library_passages_with_source_and_date(library: Path) -> None:
    from streamlit.testing.v1 import AppTest

    from assistant.resources import APP_ENTRY

    _add(_write(library, "letter.md", LETTER), "panel-letter", date="2024-05-02")
    at = AppTest.from_file(str(APP_ENTRY), default_timeout=120)
    at.run()
    at.switch_page("app_pages/critique.py").run()
    at.text_area(key="w_critique_text").input(RELATED).run()
    next(b for b in at.button if b.label == "Run the critique").click().run()
    assert not at.exception, at.exception
    shown = [re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown]  # as a person reads it
    at_heading = shown.index("**From your local library:**")
    assert "Panel letter “Panel feedback on the rapid review for PERSON" in shown[at_heading + 1]
    assert "2024-05-02" in shown[at_heading + 1]
