"""`rapid-review critique`: markdown by default, JSON that validates, a Word file written whole or not at all,
and one clear line (with the fix) for input that cannot be used."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from assistant import services
from assistant.cli import main
from assistant.domain.critique import Critique
from assistant.resources import SAMPLES_DIR

DRAFTS = Path(__file__).parent / "data" / "drafts"
SAMPLES = SAMPLES_DIR


@pytest.fixture
def no_retrieval(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where similar Panel comments are not under test, skip the retrieval index for speed."""
    monkeypatch.setattr(services, "critique", functools.partial(services.critique, with_panel_comments=False))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_markdown_by_default_with_panel_comments(capsys: pytest.CaptureFixture[str], index: object) -> None:
    code, out, err = run(capsys, "critique", str(SAMPLES / "draft-baby-sleep.md"))
    assert code == 0, err
    assert out.startswith("# Panel-style feedback on the draft rapid review")
    body, evaluators = out.split("<details>")
    assert "`CHILD_ETHNICITY_MISSING`" in evaluators and "`NATIONAL_REVIEW_NOT_REFERENCED`" in evaluators
    assert "CHILD_ETHNICITY_MISSING" not in body and "characters" not in body
    assert "Out of routine" in out
    assert "Panel comment, Example" in out  # similar real Panel comments from the index
    assert "## Strengths" in out


def test_json_validates_and_is_grounded(capsys: pytest.CaptureFixture[str], no_retrieval: None) -> None:
    path = SAMPLES / "draft-exploitation.md"
    code, out, err = run(capsys, "critique", str(path), "--format", "json")
    assert code == 0, err
    result = Critique.model_validate(json.loads(out))
    text = path.read_text(encoding="utf-8")
    assert result.meta.looks_like_rapid_review and result.meta.input_chars == len(text)
    assert {"CHILD_DISABILITY_MISSING", "BLAMING_LANGUAGE"} <= {f.code for f in result.findings}
    for f in result.findings:
        for e in f.evidence:
            assert text[e.start : e.end] == e.quote


def test_json_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, no_retrieval: None
) -> None:
    import io
    import sys

    data = (DRAFTS / "no-headings.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = run(capsys, "critique", "-", "--format", "json")
    assert code == 0, err
    assert "NATIONAL_REVIEW_NOT_REFERENCED" in {f.code for f in Critique.model_validate_json(out).findings}


def test_word_output_is_a_valid_docx(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_retrieval: None
) -> None:
    from docx import Document

    out_path = tmp_path / "feedback.docx"
    code, out, err = run(capsys, "critique", str(DRAFTS / "bold-headings.md"), "-o", str(out_path))
    assert code == 0, err
    assert out == "" and "wrote" in err
    doc = Document(str(out_path))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells
    )
    assert "putting herself at risk" in text
    assert not list(tmp_path.glob(".*.part"))


def test_output_to_markdown_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_retrieval: None
) -> None:
    out_path = tmp_path / "feedback.md"
    code, _, err = run(capsys, "critique", str(DRAFTS / "checkbox-form.txt"), "-o", str(out_path))
    assert code == 0, err
    assert "`CRITERIA_CHECKLIST_ONLY`" in out_path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content", [b"", b"   \n\n\t", b"\xef\xbb\xbf"], ids=["empty", "whitespace", "bom-only"]
)
def test_empty_file_exits_2_naming_the_fix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, no_retrieval: None
) -> None:
    src = tmp_path / "draft.md"
    src.write_bytes(content)
    out_path = tmp_path / "feedback.docx"
    code, out, err = run(capsys, "critique", str(src), "-o", str(out_path))
    assert code == 2
    assert out == ""
    assert "error:" in err and "fix:" in err
    assert not out_path.exists() and not list(tmp_path.glob(".*.part"))


def test_bad_input_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_retrieval: None
) -> None:
    src = tmp_path / "draft.docx"
    src.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)  # a screenshot renamed .docx
    out_path = tmp_path / "feedback.docx"
    out_path_md = tmp_path / "feedback.md"
    for target in (out_path, out_path_md):
        code, _, err = run(capsys, "critique", str(src), "-o", str(target))
        assert code == 2 and "fix:" in err
        assert not target.exists()
    missing = tmp_path / "nope.md"
    code, _, err = run(capsys, "critique", str(missing), "-o", str(out_path))
    assert code == 2 and "not found" in err and not out_path.exists()
    assert list(tmp_path.iterdir()) == [src]


def test_existing_output_is_untouched_when_input_is_bad(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_retrieval: None
) -> None:
    out_path = tmp_path / "feedback.md"
    out_path.write_text("previous feedback", encoding="utf-8")
    src = tmp_path / "empty.txt"
    src.write_text("", encoding="utf-8")
    code, _, _ = run(capsys, "critique", str(src), "-o", str(out_path))
    assert code == 2
    assert out_path.read_text(encoding="utf-8") == "previous feedback"


def test_a_recipe_is_not_a_rapid_review(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, no_retrieval: None
) -> None:
    src = tmp_path / "recipe.txt"
    src.write_text(
        "Victoria sponge\n\nPreheat the oven to 180C. Cream the butter and sugar, beat in the eggs, fold in the flour "
        "and bake in two tins for 25 minutes. Sandwich with jam and cream.\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "critique", str(src), "--format", "json")
    assert code == 0, err
    result = Critique.model_validate_json(out)
    assert result.meta.looks_like_rapid_review is False
    assert result.findings == [] and result.strengths == []
    code, out, _ = run(capsys, "critique", str(src))
    assert code == 0 and "does not look like a rapid review" in out


def test_docx_input(capsys: pytest.CaptureFixture[str], tmp_path: Path, no_retrieval: None) -> None:
    from tests.test_critique_codes import build_docx

    src = build_docx(tmp_path / "draft.docx")
    code, out, err = run(capsys, "critique", str(src), "--format", "json")
    assert code == 0, err
    result = Critique.model_validate_json(out)
    assert result.meta.looks_like_rapid_review and result.findings == []
