"""Writing files the way a secretary's laptop needs: atomic, never overwriting silently."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from facilitator.rules.errors import FileWriteError, Message

__all__ = ["FileWriteError", "atomic_write", "free_name", "os_reason"]


# What the operating system said, in Vietnamese words (its own text follows the system's
# language, English on most machines). Windows: 32 sharing, 33 lock violation.
_OS_REASONS: dict[int, str] = {
    errno.ENOENT: "os.no_such_file",
    errno.EACCES: "os.permission",
    errno.EPERM: "os.permission",
    errno.ENOSPC: "os.disk_full",
    errno.EROFS: "os.read_only_disk",
    errno.EBUSY: "os.in_use",
    errno.EEXIST: "os.exists",
    errno.EISDIR: "os.is_folder",
    errno.ENOTDIR: "os.not_folder",
    errno.ENAMETOOLONG: "os.name_too_long",
    errno.EIO: "os.io",
}
_WINERROR_REASONS: dict[int, str] = {
    32: "os.in_use",
    33: "os.in_use",
}


def os_reason(exc: BaseException) -> Message:
    """The reason of an OS error in the catalogue's words (it reads as Vietnamese), never the
    system's English text."""
    winerror = getattr(exc, "winerror", None)
    if winerror in _WINERROR_REASONS:
        return Message(_WINERROR_REASONS[winerror])
    number = getattr(exc, "errno", None)
    if number in _OS_REASONS:
        return Message(_OS_REASONS[number])
    if isinstance(exc, PermissionError):
        return Message(_OS_REASONS[errno.EACCES])
    if isinstance(exc, FileNotFoundError):
        return Message(_OS_REASONS[errno.ENOENT])
    return Message("os.error_number", number=number) if number is not None else Message("os.error")


def free_name(path: Path) -> Path:
    """``path`` itself, or ``name-2.ext``, ``name-3.ext``... when it already exists."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def atomic_write(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write to a temporary file in the same folder, then rename over the target."""
    if path.exists() and not overwrite:
        raise FileWriteError("file.exists_force", path=path)
    if path.exists() and not path.stat().st_mode & stat.S_IWUSR:
        # A rename would replace it even so (POSIX); a read-only file is kept on purpose.
        raise FileWriteError("file.read_only", path=path)
    folder = path.parent
    if not folder.is_dir():
        raise FileWriteError("file.no_folder", folder=folder)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=folder)
    except PermissionError as exc:
        raise FileWriteError("file.no_permission", folder=folder) from exc
    except OSError as exc:
        raise FileWriteError("file.cannot_write_in", folder=folder, reason=os_reason(exc)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
            raise FileWriteError("file.in_use", name=path.name) from exc
        if exc.errno == errno.ENOSPC:
            raise FileWriteError("file.disk_full", name=path.name) from exc
        raise FileWriteError("file.cannot_write", path=path, reason=os_reason(exc)) from exc
    return path
