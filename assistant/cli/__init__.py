"""`rapid-review`: the command-line face of the service layer (contract: shared spec cli.md).

Errors become one clear line on standard error and an exit status (2 bad input, 3 configuration or
provider); a traceback is shown only with RRA_DEBUG=1.
"""

from __future__ import annotations

import os
import sys

import click

from assistant.cli.app import cli
from assistant.errors import RRAError

# Importing registers each command group on `cli`.
from assistant.cli import corpus_cmds, critique_cmd, draft_cmds, eval_cmd, privacy_cmds, schema_cmd, ui_cmd  # noqa: F401  isort: skip
from assistant.cli import library_cmds  # noqa: F401  isort: skip


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="rapid-review", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("rapid-review: interrupted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except RRAError as exc:
        click.echo(f"rapid-review: error: {exc.message}", err=True)
        if exc.fix:
            click.echo(f"  fix: {exc.fix}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("rapid-review: interrupted", err=True)
        return 130
    except Exception as exc:  # a bug, not bad input: say so without dumping internals on the user
        if os.environ.get("RRA_DEBUG"):
            raise
        click.echo(f"rapid-review: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("  fix: re-run with RRA_DEBUG=1 for details and report it", err=True)
        return 1
    return 0


def entrypoint() -> None:
    sys.exit(main())
