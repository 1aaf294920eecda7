"""Errors a user can act on, each with the exit code the CLI returns for it."""

from __future__ import annotations

# Exit codes, documented in docs/errors.md.
EXIT_OK = 0
EXIT_FINDINGS = 1  # lint / qa found problems
EXIT_INPUT = 2  # bad input: source, glossary, catalog, option
EXIT_MODEL = 3  # a model is missing or unusable
EXIT_OUTPUT = 4  # cannot write the output (permissions, disk full, lock held)
EXIT_SOFTWARE = 70  # an unexpected error: a bug in l10n (EX_SOFTWARE of sysexits.h)
EXIT_INTERRUPTED = 130  # Ctrl-C


class L10nError(Exception):
    """An error reported to the user as one line, with an exit code."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, *, path: object | None = None) -> None:
        self.path = str(path) if path is not None else None
        super().__init__(f"{self.path}: {message}" if self.path else message)


class InputError(L10nError):
    """A source document, glossary, catalog or option is unusable."""

    exit_code = EXIT_INPUT


class ModelError(L10nError):
    """A translation model cannot be found, fetched or loaded."""

    exit_code = EXIT_MODEL


class OutputError(L10nError):
    """An output file cannot be written."""

    exit_code = EXIT_OUTPUT
