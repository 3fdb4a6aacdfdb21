"""Writing files so that a crash or Ctrl-C never leaves one half-written.

Everything is written to a temporary sibling, flushed, and renamed over the target with
``os.replace``, which is atomic on POSIX file systems.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path that replaces ``path`` only when the block succeeds (for writers that
    want a file name, such as networkx)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        yield temporary
        os.chmod(temporary, 0o666 & ~current_umask())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    with atomic_write(path) as handle:
        handle.write(text)


@contextmanager
def atomic_write(path: Path) -> Iterator[IO[str]]:
    """Write ``path`` through a temporary file renamed over it only when writing succeeded."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o666 & ~current_umask())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


STAGING_DIR = ".staging"


@contextmanager
def staging_folder(output: Path) -> Iterator[Path]:
    """An empty hidden folder in ``output`` to write a whole build into before it is committed;
    what a killed run left there is cleared first, and a failed block leaves nothing."""
    staging = output / STAGING_DIR
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def commit_files(staging: Path, output: Path, names: list[str]) -> None:
    """Move the staged files ``names`` over their counterparts in ``output``, each in one rename."""
    for name in names:
        os.replace(staging / name, output / name)
