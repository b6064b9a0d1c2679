"""Pictures of the papers before the meeting of the demo, at 60 dpi (docs/samples/): the
thông báo tổ chức hội nghị (first and last page), one giấy mời, the danh sách tham dự (first
and last page), and the loudspeaker script as it is written.

Needs LibreOffice and poppler-utils (pdftoppm). Run from the repository:

    uv run python docs/make_before_samples.py
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
from facilitator.services.demo import demo_meeting  # noqa: E402
from facilitator.services.exporting import export_document  # noqa: E402
from facilitator.services.meetingfile import import_meeting  # noqa: E402

# document -> (file name, pages to picture: "first", "last")
PICTURES = {
    "announcement": ("thong-bao-to-chuc", ("first", "last")),
    "invitation": ("giay-moi", ("first",)),
    "attendance": ("danh-sach-tham-du", ("first", "last")),
}


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(x.split()[-1] for x in info.stdout.splitlines() if x[:6] == "Pages:"))


def main() -> None:
    out = ROOT / "docs" / "samples"
    out.mkdir(parents=True, exist_ok=True)
    # Ten days before the demo meeting of 28/10/2021, announced on 20/10/2021.
    store = open_store(":memory:", clock=FrozenClock(dt.datetime(2021, 10, 18, 9, tzinfo=TZ)))
    meeting_id = import_meeting(store, demo_meeting())
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        radio = export_document(store, meeting_id, "radio", work / "loa-truyen-thanh.txt")
        shutil.copyfile(radio, out / "loa-truyen-thanh.txt")
        print(out / "loa-truyen-thanh.txt")
        paths = [
            export_document(store, meeting_id, kind, work / f"{name}.docx", number="5")
            for kind, (name, _pages) in PICTURES.items()
        ]
        for pdf, (name, labels) in zip(convert(paths, work), PICTURES.values(), strict=True):
            last = page_count(pdf)
            for label in labels:
                page = 1 if label == "first" else last
                stem = work / f"{name}-{label}"
                subprocess.run(
                    ["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page)]
                    + ["-l", str(page), str(pdf), str(stem)],
                    check=True,
                )
                target = out / (f"{name}.png" if len(labels) == 1 else f"{name}-{label}.png")
                shutil.copyfile(stem.with_suffix(".png"), target)
                print(target)


if __name__ == "__main__":
    main()
