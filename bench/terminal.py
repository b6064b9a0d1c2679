"""Run a command in a pseudo-terminal, as a user's terminal would, and time its first frame.

The clock starts just before the process is created and stops when the terminal output, with its
escape sequences removed, first holds a marker string of the screen being waited for. POSIX only
(``pty``): the bench runs on Linux or macOS.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI (cursor moves, colours, modes)
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC (title, clipboard)
    rb"|\x1b[PX^_][^\x1b]*\x1b\\"  # DCS and the like
    rb"|\x1b[()][0-9A-Za-z]"
    rb"|\x1b[=>78DEHMNOZc]"
)

TERM_ENV = {"TERM": "xterm-256color", "COLORTERM": "truecolor", "LANG": "C.UTF-8"}


def _screen_text(raw: bytes) -> str:
    return ESCAPES.sub(b"", raw).decode("utf-8", "replace")


class Terminal:
    """One program in a pseudo-terminal of ``size`` (columns, rows)."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cwd: Path,
        env: dict[str, str] | None = None,
        size: tuple[int, int] = (120, 35),
    ) -> None:
        full_env = {**os.environ, **TERM_ENV, **(env or {})}
        full_env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached, as on a user's machine
        cols, rows = size
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: a terminal of the right size, then the program
            try:
                winsize = struct.pack("HHHH", rows, cols, 0, 0)
                fcntl.ioctl(pty.STDOUT_FILENO, termios.TIOCSWINSZ, winsize)
                os.chdir(cwd)
                os.execvpe(argv[0], list(argv), full_env)
            finally:
                os._exit(127)
        self.pid = pid
        self.fd = fd
        self.raw = bytearray()
        self.exit_status: int | None = None

    def read(self, timeout: float) -> bool:
        """Read what the program wrote within ``timeout`` seconds; False once it has ended."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: the program closed the terminal
            return False
        if not chunk:
            return False
        self.raw += chunk
        return True

    def wait_for(self, marker: str | Sequence[str], timeout: float = 30.0) -> float:
        """Seconds from the start of the process to the first output showing ``marker``; with
        several markers, to the output by which every one of them has been drawn.

        Several markers are how a whole screen is waited for: Textual may draw a screen in
        parts (a first frame that only changes what differs from one it never sent), so the
        time of its title alone can be the time of half a screen."""
        markers = [marker] if isinstance(marker, str) else list(marker)
        deadline = time.perf_counter() + timeout
        searched = 0
        missing = list(markers)
        while time.perf_counter() < deadline:
            alive = self.read(0.5)
            now = time.perf_counter()
            # Search the new output (with some overlap for a marker split between reads).
            start = max(0, searched - 4096)
            text = _screen_text(bytes(self.raw[start:]))
            missing = [m for m in missing if m not in text]
            if not missing:
                return now - self.started
            searched = len(self.raw)
            if not alive:
                break
        raise RuntimeError(
            f"{missing!r} never shown; the program wrote:\n{_screen_text(bytes(self.raw))[-2000:]}"
        )

    def text(self) -> str:
        return _screen_text(bytes(self.raw))

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def pump(self, seconds: float) -> None:
        """Keep reading (a program whose output is not read blocks) for ``seconds``."""
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            if not self.read(min(0.2, max(0.0, end - time.perf_counter()))):
                return

    def close(self, keys: bytes = b"\x11", grace: float = 5.0) -> None:
        """Quit with ``keys`` (ctrl+q), reading until the program ends; killed after ``grace``."""
        try:
            self.send(keys)
        except OSError:
            pass
        end = time.perf_counter() + grace
        while time.perf_counter() < end:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.exit_status = status
                break
            if not self.read(0.1):
                _, status = os.waitpid(self.pid, 0)
                self.exit_status = status
                break
        else:
            os.kill(self.pid, signal.SIGKILL)  # only the process this bench started
            _, self.exit_status = os.waitpid(self.pid, 0)
        os.close(self.fd)


def first_frame(
    argv: Sequence[str],
    marker: str | Sequence[str],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (120, 35),
    before_quit: Callable[[Terminal], None] | None = None,
) -> float:
    """Start ``argv`` in a pseudo-terminal; seconds to the first frame showing ``marker``."""
    return first_frame_cpu(argv, marker, cwd=cwd, env=env, size=size, before_quit=before_quit)[0]


def first_frame_cpu(
    argv: Sequence[str],
    marker: str | Sequence[str],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (120, 35),
    before_quit: Callable[[Terminal], None] | None = None,
) -> tuple[float, float]:
    """Seconds to the first frame showing ``marker`` (every one of several markers, see
    ``Terminal.wait_for``), and the CPU seconds the program had used by then (read from /proc
    as soon as the frame is seen: less sensitive to a busy machine)."""
    term = Terminal(argv, cwd=cwd, env=env, size=size)
    try:
        seconds = term.wait_for(marker)
        cpu, _ = process_figures(term.pid)
        if before_quit is not None:
            before_quit(term)
    finally:
        term.close()
    return seconds, cpu


def process_figures(pid: int) -> tuple[float, float]:
    """CPU seconds (user + system) used so far and resident memory now (MB) of a process, read
    from /proc (Linux)."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    rss = 0.0
    with open(f"/proc/{pid}/status") as handle:
        for row in handle:
            if row.startswith("VmRSS:"):
                rss = int(row.split()[1]) / 1024
    return cpu, rss
