"""`rapid-review draft` and `rapid-review kloe`: formats, Word output, exit codes, all-or-nothing writes."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.resources import SAMPLES_DIR

ROOT = Path(__file__).resolve().parents[1]
BABY = SAMPLES_DIR / "chronology-baby-injury.txt"
EXPLOITATION = SAMPLES_DIR / "chronology-exploitation.txt"
MESSY = Path(__file__).parent / "data" / "drafting" / "messy_paste.txt"


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_draft_markdown_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["draft", str(BABY)], capsys)
    assert code == 0
    assert out.startswith("# Rapid review: draft factual sections")
    assert "## Key events" in out and "| Date | Agency | Event | Source line |" in out
    assert "read 20 entries" in err


def test_draft_json_matches_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["draft", str(MESSY), "--format", "json", "--today", "2026-01-01"], capsys)
    assert code == 0
    data = json.loads(out)
    assert {"sections", "timeline", "people", "gaps", "unparsed", "issues"} <= set(data)
    assert all({"title", "markdown"} <= set(s) for s in data["sections"])
    assert all({"date", "agency", "event"} <= set(t) for t in data["timeline"])
    assert any(i["kind"] == "future_date" for i in data["issues"])
    assert data["unparsed"] and data["critique"] is None


def test_draft_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(EXPLOITATION.read_bytes()))
    code, out, _ = run(["draft", "-", "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["people"][0]["name"] == "CHILD Y"


def test_draft_writes_word(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    target = tmp_path / "draft.docx"
    code, out, err = run(["draft", str(BABY), "-o", str(target)], capsys)
    assert code == 0 and out == "" and f"wrote {target}" in err
    document = docx.Document(str(target))
    assert "Case information" in [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(document.tables) >= 3
    assert [p.name for p in tmp_path.iterdir()] == ["draft.docx"]  # no temporary file left behind


def test_draft_writes_markdown_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "draft.md"
    code, _, _ = run(["draft", str(BABY), "-o", str(target)], capsys)
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# Rapid review")


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["draft", "-"], b"", "empty"),
        (["draft", "-"], b"   \n\n  ", "empty"),
        (["draft", "missing-file.txt"], None, "file not found"),
        (["kloe", "-"], b"", "empty"),
        (["draft", "{baby}", "--today", "01/01/2026"], None, "ISO date"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    argv: list[str],
    stdin: bytes | None,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", _Stdin(stdin))
    target = tmp_path / "out.docx"
    argv = [a.replace("{baby}", str(BABY)) for a in argv] + ["-o", str(target)]
    code, out, err = run(argv, capsys)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert out == "" and not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_output_folder_must_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["draft", str(BABY), "-o", str(tmp_path / "nope" / "draft.docx")], capsys)
    assert code == 2 and "does not exist" in err


def test_a_failure_while_writing_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli import draft_cmds

    def broken(_: object) -> bytes:
        raise RuntimeError("renderer failed")

    monkeypatch.setattr(draft_cmds, "draft_docx", broken)
    target = tmp_path / "draft.docx"
    target_existing = tmp_path / "keep.docx"
    target_existing.write_bytes(b"old")
    code, _, err = run(["draft", str(BABY), "-o", str(target)], capsys)
    assert code == 1 and "internal error" in err
    assert not target.exists() and target_existing.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.docx"]


def test_draft_with_critique(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.providers.offline import PanelCommentRetriever

    # Similar Panel comments need the retrieval index; the critique itself does not.
    monkeypatch.setattr(PanelCommentRetriever, "__call__", lambda self, query, exclude: [])
    code, out, _ = run(["draft", str(BABY), "--critique", "--format", "json"], capsys)
    assert code == 0
    critique = json.loads(out)["critique"]
    assert critique is not None and critique["meta"]["looks_like_rapid_review"]
    codes = {f["code"] for f in critique["findings"]}
    assert "DECISION_MISSING" in codes  # the draft leaves the decision to people
    code, out, _ = run(["draft", str(BABY), "--critique"], capsys)
    assert code == 0 and "Panel-style feedback on the draft rapid review" in out


def test_kloe_json_and_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["kloe", str(EXPLOITATION), "--format", "json", "--exclude-example", "4"], capsys)
    assert code == 0 and "read as a chronology" in err
    data = json.loads(out)
    assert len(data["lines_of_enquiry"]) >= 3
    assert {"question", "rationale", "evidence", "national_reviews"} <= set(data["lines_of_enquiry"][0])
    assert len(data["criteria"]) == 8 and data["meta"]["exclude_example"] == 4
    target = tmp_path / "kloe.md"
    code, out, _ = run(["kloe", str(BABY), "-o", str(target)], capsys)
    assert code == 0 and out == ""
    assert "## LCSPR criteria: the evidence in the text" in target.read_text(encoding="utf-8")


def test_kloe_writes_word(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    target = tmp_path / "kloe.docx"
    code, _, _ = run(["kloe", str(BABY), "-o", str(target)], capsys)
    assert code == 0
    document = docx.Document(str(target))
    assert len(document.tables) >= 4
    assert "Key lines of enquiry" in [p.text for p in document.paragraphs]


def test_help_lists_both_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--help"], capsys)
    assert code == 0 and "draft" in out and "kloe" in out
