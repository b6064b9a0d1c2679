"""PDF through LibreOffice, when it is installed (it lays out Times New Roman as Word does)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from facilitator.services.files import FileWriteError

_WINDOWS_PATHS = (
    Path(os.environ.get("PROGRAMFILES", r"C:\Program Files")) / "LibreOffice/program/soffice.exe",
    Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
    / "LibreOffice/program/soffice.exe",
)


def soffice() -> str | None:
    """The LibreOffice program, or None."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((str(p) for p in _WINDOWS_PATHS if os.name == "nt" and p.exists()), None)


def convert(paths: Sequence[Path], outdir: Path, *, timeout: float = 180) -> list[Path]:
    """Convert several .docx in one LibreOffice run (each start costs ~2 s); the PDFs' paths."""
    program = soffice()
    if program is None:
        raise FileWriteError("pdf.no_libreoffice")
    with tempfile.TemporaryDirectory(prefix="facilitator-lo-") as profile:
        try:
            done = subprocess.run(
                [
                    program,
                    "--headless",
                    "--norestore",
                    f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(outdir),
                    *map(str, paths),
                ],
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise FileWriteError("pdf.failed", reason=exc) from exc
    pdfs = [outdir / f"{p.stem}.pdf" for p in paths]
    missing = [p.name for p in pdfs if not p.exists()]
    if done.returncode != 0 or missing:
        why = (done.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise FileWriteError("pdf.failed", reason=why[-1] if why else ", ".join(missing))
    return pdfs


def docx_to_pdf(data: bytes) -> bytes:
    """One document's PDF bytes."""
    with tempfile.TemporaryDirectory(prefix="facilitator-pdf-") as folder:
        source = Path(folder) / "document.docx"
        source.write_bytes(data)
        (pdf,) = convert([source], Path(folder))
        return pdf.read_bytes()
