"""What building ``pos-app``'s parser needs: the parser class and the exit codes.

Apart from :mod:`pos_app.cli.output` (which re-exports them): ``pos-app --version`` and
``--help`` build the parser and print, and need none of the money rules, sales or JSON that
printing a sale does (issue 19, start-up).
"""

from __future__ import annotations

import argparse
from typing import NoReturn, TypeAlias

# Exit codes (documented in the README and in --help)
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_NOT_PAID = 3
EXIT_PENDING = 4


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line and exit 2, as documented, instead of argparse's usage dump.
        self.exit(EXIT_USAGE, f"pos-app: {message}\n")


# What add_subparsers returns for Parser, where the sub-commands' modules add their parsers
# (a string: argparse's class is generic only in the type stubs).
Subcommands: TypeAlias = "argparse._SubParsersAction[Parser]"
