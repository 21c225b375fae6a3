"""Writing results: a full disk is a clear error, -o keeps a file's permissions and writes through a symbolic
link, `redact -o x.docx` writes a real Word file; and text after an unknown entity is never dropped."""

from __future__ import annotations

import errno
import io
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from assistant.cli import main

DRAFT = (
    "# Rapid review: Child A\n\n## Case information\n\nChild A, a 9-week-old boy, lived with his mother Jane "
    "Smith at 12 Oak Road, Leeds LS6 2AB. Call 07700 900123.\n"
)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.md"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


class _FullDisk(io.RawIOBase):
    """A file whose every write fails as a full disk does."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_is_a_clear_error_and_leaves_nothing(
    draft: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "redacted.md"
    out.write_text("old", encoding="utf-8")
    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        os.close(fd)
        return _FullDisk()

    monkeypatch.setattr(os, "fdopen", fdopen)
    code, _, err = run(capsys, "redact", str(draft), "-o", str(out))
    monkeypatch.setattr(os, "fdopen", real_fdopen)
    assert code == 2, err
    assert "internal error" not in err
    assert f"cannot write {out}: the disk is full; nothing was written" in err and "free some space" in err
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md", "redacted.md"]  # no .part left


def test_a_full_disk_on_standard_output_is_a_clear_error(draft: Path, tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                "from assistant.cli import entrypoint; entrypoint()",
                "redact",
                str(draft),
            ],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        )
    assert done.returncode == 2, done.stderr
    assert "cannot write to standard output: the disk is full" in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


def test_output_keeps_an_existing_files_mode(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "shared.md"
    shared.write_text("old", encoding="utf-8")
    shared.chmod(0o644)
    assert run(capsys, "redact", str(draft), "-o", str(shared))[0] == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
    private = tmp_path / "private.md"
    private.write_text("old", encoding="utf-8")
    private.chmod(0o600)
    assert run(capsys, "redact", str(draft), "-o", str(private))[0] == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert "PERSON_" in private.read_text(encoding="utf-8")


def test_a_new_output_file_gets_the_umask_mode(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mask = os.umask(0o027)
    try:
        assert run(capsys, "redact", str(draft), "-o", str(tmp_path / "new.md"))[0] == 0
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640


def test_output_writes_through_a_symbolic_link(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "reports" / "redacted.md"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    code, _, err = run(capsys, "redact", str(draft), "-o", str(link))
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == real.resolve()  # the link is kept
    assert "PERSON_" in real.read_text(encoding="utf-8")  # its target holds the result
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["redacted.md"]  # no .part left


def test_redact_to_docx_writes_a_real_word_file(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import docx

    target = tmp_path / "redacted.docx"
    code, _, err = run(capsys, "redact", str(draft), "-o", str(target), "--show-originals")
    assert code == 0, err
    assert zipfile.is_zipfile(target)
    document = docx.Document(str(target))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "PERSON_1" in text and "Jane Smith" not in text
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "PERSON_1" in cells and "Jane Smith" in cells  # --show-originals: the local key, in the table


def _docx_with_entity(path: Path) -> Path:
    """A Word file whose body text holds an entity reference declared in an internal DTD."""
    import docx

    source = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Child A was seen by MARKER and after that the health visitor visited.")
    document.add_paragraph("Second paragraph.")
    document.save(source)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"MARKER", b"&foo; tail")
                head, rest = data.split(b"?>", 1)
                data = head + b'?><!DOCTYPE w:document [<!ENTITY foo "the GP">]>' + rest
            zout.writestr(info, data)
    return path


def test_text_after_an_unknown_entity_reference_is_not_dropped(tmp_path: Path) -> None:
    from assistant import services

    text = services.read_document(_docx_with_entity(tmp_path / "entity.docx")).text
    assert "tail and after that the health visitor visited." in text
