"""The click group and the options and helpers every command shares."""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
import tempfile
from pathlib import Path

import click
from pydantic import BaseModel

from assistant.cli.progress import MODES, Mode, report
from assistant.cli.progress import start as start_progress
from assistant.errors import InputError, RRAError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="rapid-review-assistant")
@click.option(
    "--progress",
    "progress_mode",
    type=click.Choice(MODES),
    default="auto",
    show_default=True,
    envvar="RRA_PROGRESS",
    help="Long work (the first index build, evals) on standard error: a bar with an estimate on a terminal "
    "(auto), lines now and then when redirected, or off (stages and notices still print). Env: RRA_PROGRESS.",
)
@click.pass_context
def cli(ctx: click.Context, progress_mode: Mode) -> None:
    """Rapid Review Assistant: Panel-style feedback, drafting and lines of enquiry for rapid reviews.

    Runs offline by default. Nothing leaves this machine unless you configure a remote model
    (RRA_LLM_BASE_URL, RRA_LLM_MODEL) and choose --provider openai.
    """
    start_progress(ctx, progress_mode)


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="Output format.",
)
exclude_option = click.option(
    "--exclude-example",
    type=click.IntRange(1, 5),
    default=None,
    help="Leave example N (1-5) out of retrieval.",
)
provider_option = click.option(
    "--provider",
    type=click.Choice(["offline", "openai"]),
    default=None,
    help="offline (default, nothing leaves the machine) or openai (any OpenAI-compatible endpoint).",
)
notified_option = click.option(
    "--notified",
    default=None,
    metavar="DATE",
    help="The date the serious incident notification was sent (2025-03-03, 03/03/2025 or 3 March 2025): the "
    "output shows the rapid review's due date, 15 working days later (England's bank holidays skipped). "
    "Default: a notification date found in the text.",
)
output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to FILE instead of standard output (.docx writes a Word document). Written whole or not at "
    "all; an existing FILE keeps its permissions, and a symbolic link is written through (its target is "
    "replaced, the link kept).",
)


def progress(message: str) -> None:
    """The progress callback commands pass to the service layer (assistant/cli/progress.py)."""
    report(message)


def read_source(source: str) -> str:
    """The text of a PATH or '-', with any reading notes (e.g. the encoding used) on standard error."""
    from assistant import services

    document = services.read_document(source)
    for warning in document.warnings:
        click.echo(f"note: {warning}", err=True)
    return document.text


def emit_json(model: BaseModel) -> str:
    return model.model_dump_json(indent=2) + "\n"


class OutputError(RRAError):
    """The result could not be written (disk full, no permission, read-only disk). Nothing was written."""

    exit_code = 2


def _write_problem(exc: OSError, where: str) -> OutputError:
    reasons = {
        errno.ENOSPC: ("the disk is full", "free some space, or write to another disk with -o"),
        errno.EDQUOT: ("your disk quota is used up", "free some space, or write to another disk with -o"),
        errno.EACCES: ("permission denied", "choose a file and folder you can write to"),
        errno.EPERM: ("permission denied", "choose a file and folder you can write to"),
        errno.EROFS: ("the disk is read-only", "write to another disk with -o"),
        errno.EISDIR: ("it is a folder", "give a file name with -o"),
        errno.ENAMETOOLONG: ("the name is too long", "choose a shorter -o path"),
    }
    reason, fix = reasons.get(exc.errno or 0, (exc.strerror or type(exc).__name__, "choose another -o path"))
    return OutputError(f"cannot write {where}: {reason}; nothing was written", fix=fix)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_stdout(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except OSError as exc:
        raise _write_problem(exc, "to standard output") from None


def write_output(text: str | bytes, output: Path | None) -> None:
    """Write all or nothing: a temporary file in the same folder, renamed into place.

    An existing file keeps its permission bits (a new one gets the usual 0666 less the umask, as a shell
    redirection would). A symbolic link is written through: its target is replaced and the link is kept, as
    `>` does. A full disk, a permission problem or a read-only disk is an OutputError (exit 2, nothing
    written, the temporary file removed), not an internal error.
    """
    if output is None:
        if isinstance(text, bytes):
            raise InputError("a Word document cannot go to standard output", fix="use -o FILE.docx")
        _write_stdout(text)
        return
    target = Path(os.path.realpath(output)) if output.is_symlink() else output
    folder = Path(os.path.realpath(target)).parent
    if not folder.is_dir():
        raise InputError(f"the folder {folder} does not exist", fix="create it or choose another -o path")
    if target.is_dir():
        raise InputError(f"{output} is a folder", fix="give a file name with -o")
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask()
    except OSError as exc:
        raise _write_problem(exc, str(output)) from None
    data = text.encode("utf-8") if isinstance(text, str) else text
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())  # a full disk can surface only here, not at write()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise _write_problem(exc, str(output)) from None
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
    click.echo(f"wrote {output}", err=True)


def dumps(obj: object) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"
