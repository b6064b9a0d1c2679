"""The folder documents are written to, shared by the screens of one secretary's App."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class ExportFolder:
    """``--export-dir`` (None: the default folder), then the folder last typed in the export
    dialog: it is kept for the rest of the session, for every screen's F10. The App makes
    one and hands it to its screens."""

    path: Path | None = None
