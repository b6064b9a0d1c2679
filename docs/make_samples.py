"""Pictures of the first and last page of each document of the demo, at 80 dpi (docs/samples/).

Needs LibreOffice and poppler-utils (pdftoppm). Run from the repository:

    uv run python docs/make_samples.py
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.store import open_store  # noqa: E402
from facilitator.documents.pdf import convert  # noqa: E402
from facilitator.rules.clock import TZ, FrozenClock  # noqa: E402
from facilitator.services.demo import demo_meeting, play_demo  # noqa: E402
from facilitator.services.exporting import export_document  # noqa: E402
from facilitator.services.live import Console  # noqa: E402
from facilitator.services.meetingfile import import_meeting  # noqa: E402

NAMES = {"minutes": "bien-ban", "conclusion": "thong-bao-ket-luan", "report": "bao-cao"}


def main() -> None:
    out = ROOT / "docs" / "samples"
    out.mkdir(parents=True, exist_ok=True)
    clock = FrozenClock(dt.datetime(2021, 10, 28, 8, 0, tzinfo=TZ))
    store = open_store(":memory:", clock=clock)
    meeting_id = import_meeting(store, demo_meeting())
    play_demo(Console(store, meeting_id), clock.advance)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        paths = [
            export_document(
                store,
                meeting_id,
                kind,
                work / f"{name}.docx",
                as_of=dt.date(2021, 11, 25),
                number="5",
            )
            for kind, name in NAMES.items()
        ]
        for pdf in convert(paths, work):
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
            pages = int(next(x.split()[-1] for x in info.stdout.splitlines() if x[:6] == "Pages:"))
            for label, page in (("first", 1), ("last", pages)):
                stem = work / f"{pdf.stem}-{label}"
                subprocess.run(
                    [
                        "pdftoppm",
                        "-r",
                        "80",
                        "-png",
                        "-singlefile",
                        "-f",
                        str(page),
                        "-l",
                        str(page),
                    ]
                    + [str(pdf), str(stem)],
                    check=True,
                )
                shutil.copyfile(stem.with_suffix(".png"), out / f"{pdf.stem}-{label}.png")
                print(out / f"{pdf.stem}-{label}.png")


if __name__ == "__main__":
    main()
