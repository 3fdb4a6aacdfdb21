"""The ``kg`` command line: a thin typer layer; every command calls one library function.

Query commands must answer in a fraction of a second, so this module imports only what they
need; commands that extract, build, draw or validate import their stage inside the command.
"""

# The command modules register their commands on the app, in the order --help lists them.
from kg.cli import building, querying  # noqa: F401
from kg.cli.app import DEFAULT_JOBS, app, main

__all__ = ["DEFAULT_JOBS", "app", "main"]
