"""Writing files the way a secretary's laptop needs: atomic, never overwriting silently."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


class FileWriteError(OSError):
    """A file could not be written; the message is for the user."""


# What the operating system said, in Vietnamese words (its own text follows the system's
# language, English on most machines). Windows: 32 sharing, 33 lock violation.
_OS_REASONS: dict[int, str] = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.EBUSY: "tệp đang được chương trình khác sử dụng",
    errno.EEXIST: "tệp đã có",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.EIO: "lỗi đọc ghi ổ đĩa",
}
_WINERROR_REASONS: dict[int, str] = {
    32: "tệp đang được chương trình khác sử dụng",
    33: "tệp đang được chương trình khác sử dụng",
}


def os_reason(exc: BaseException) -> str:
    """The reason of an OS error in Vietnamese words, never the system's English text."""
    winerror = getattr(exc, "winerror", None)
    if winerror in _WINERROR_REASONS:
        return _WINERROR_REASONS[winerror]
    number = getattr(exc, "errno", None)
    if number in _OS_REASONS:
        return _OS_REASONS[number]
    if isinstance(exc, PermissionError):
        return _OS_REASONS[errno.EACCES]
    if isinstance(exc, FileNotFoundError):
        return _OS_REASONS[errno.ENOENT]
    return f"lỗi hệ điều hành số {number}" if number is not None else "lỗi hệ điều hành"


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
        raise FileWriteError(f"tệp đã có, không ghi đè: {path} (dùng --force để ghi đè)")
    if path.exists() and not path.stat().st_mode & stat.S_IWUSR:
        # A rename would replace it even so (POSIX); a read-only file is kept on purpose.
        raise FileWriteError(f"tệp chỉ được đọc, không ghi đè: {path}")
    folder = path.parent
    if not folder.is_dir():
        raise FileWriteError(f"thư mục không tồn tại: {folder}")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=folder)
    except PermissionError as exc:
        raise FileWriteError(f"không có quyền ghi vào thư mục {folder}") from exc
    except OSError as exc:
        raise FileWriteError(f"không ghi được vào {folder}: {os_reason(exc)}") from exc
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
            raise FileWriteError(
                f"không ghi được {path.name}: tệp đang mở trong chương trình khác "
                "hoặc chỉ được đọc; hãy đóng tệp rồi thử lại"
            ) from exc
        if exc.errno == errno.ENOSPC:
            raise FileWriteError(f"ổ đĩa đã đầy, không ghi được {path.name}") from exc
        raise FileWriteError(f"không ghi được {path}: {os_reason(exc)}") from exc
    return path
