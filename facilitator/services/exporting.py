"""Where exported files go and under which name; the documents themselves are in documents/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from db.store import Store
from facilitator.rules.text import TextError, slug
from facilitator.services.files import FileWriteError, atomic_write, free_name

FILE_PARTS = {
    "announcement": ("thong-bao-to-chuc", ".docx"),
    "radio": ("loa-truyen-thanh", ".txt"),
    "invitation": ("giay-moi", ".docx"),
    "attendance": ("danh-sach-tham-du", ".docx"),
    "minutes": ("bien-ban", ".docx"),
    "conclusion": ("thong-bao-ket-luan", ".docx"),
    "report": ("bao-cao", ".docx"),
    "json": ("hoi-nghi", ".json"),
    "forward": ("cong-van-chuyen", ".docx"),
}


def remember_folder(store: Store, folder: Path) -> None:
    """The export dialog's folder, kept with the database for the next window (its full path:
    a folder typed "." is the one it meant then). A read-only database keeps nothing."""
    if store.readonly:
        return
    where = str(folder.expanduser().absolute())
    if store.export_folder() != where:
        store.set_export_folder(where)


def default_name(store: Store, meeting_id: int, doc: str) -> str:
    """Windows-safe ASCII: ``2021-10-28_dong-phong_bien-ban.docx``."""
    meeting = store.meeting(meeting_id)
    part, ext = FILE_PARTS[doc]
    return f"{meeting.date.isoformat()}_{slug(meeting.village)}_{part}{ext}"


# Issued before the meeting (SPEC §7b): never drafts, never dated after the meeting.
BEFORE = ("announcement", "radio", "invitation", "attendance")
# Plain files, not documents to print: no PDF.
NOT_PRINTED = ("json", "radio")


def export_forward(
    store: Store,
    meeting_id: int,
    output: Path | None = None,
    *,
    overwrite: bool = False,
    as_of: dt.date | None = None,
    number: str | None = None,
) -> list[Path]:
    """One Công văn per receiving body, written in ``output`` (a folder; default: here), named
    ``2021-10-28_dong-phong_cong-van-chuyen_<body>.docx``; ``output`` ending in .docx is a
    file name (numbered -1, -2, … when there are several letters)."""
    from facilitator.documents.forward import forward_letters

    check_as_of(store, meeting_id, as_of)
    if output is not None and output.exists() and not output.is_dir():
        raise FileWriteError("file.letters_need_folder", path=output)
    letters = forward_letters(store, meeting_id, as_of, number)
    if not letters:
        raise TextError("export.nothing_forwarded")
    if output is not None and output.suffix.lower() == ".docx" and not output.is_dir():
        # A file name, never a folder named *.docx: one letter takes it, several are
        # numbered after it (forward-1.docx, forward-2.docx, …); an existing one is refused.
        if len(letters) == 1:
            return [atomic_write(output, letters[0].data, overwrite=overwrite)]
        output.parent.mkdir(parents=True, exist_ok=True)
        return [
            atomic_write(
                output.with_name(f"{output.stem}-{i}{output.suffix}"),
                letter.data,
                overwrite=overwrite,
            )
            for i, letter in enumerate(letters, start=1)
        ]
    folder = output if output is not None else Path.cwd()
    folder.mkdir(parents=True, exist_ok=True)
    stem = default_name(store, meeting_id, "forward").removesuffix(".docx")
    paths = []
    for letter in letters:
        target = folder / f"{stem}_{slug(letter.body)[:40]}.docx"
        if not overwrite:
            target = free_name(target)
        paths.append(atomic_write(target, letter.data, overwrite=overwrite))
    return paths


def is_draft(store: Store, meeting_id: int, doc: str) -> bool:
    """A document of a meeting not concluded yet is a draft ("DỰ THẢO" above its title); the
    documents issued before the meeting are final before it is held."""
    return doc != "json" and doc not in BEFORE and not store.meeting(meeting_id).concluded


def check_as_of(store: Store, meeting_id: int, as_of: dt.date | None, doc: str = "") -> None:
    """A notice or report cannot be dated before the meeting it is about; an announcement or
    an invitation cannot be dated after it."""
    day = store.meeting(meeting_id).date
    if as_of is None:
        return
    if doc in BEFORE and as_of > day:
        raise TextError(
            "export.date_after_meeting", date=f"{as_of:%d/%m/%Y}", day=f"{day:%d/%m/%Y}"
        )
    if doc not in BEFORE and as_of < day:
        raise TextError(
            "export.date_before_meeting", date=f"{as_of:%d/%m/%Y}", day=f"{day:%d/%m/%Y}"
        )


def render(
    store: Store,
    meeting_id: int,
    doc: str,
    *,
    as_of: dt.date | None = None,
    number: str | None = None,
) -> bytes:
    check_as_of(store, meeting_id, as_of, doc)
    if doc == "json":
        from facilitator.services.meetingfile import dumps, export_meeting

        return dumps(export_meeting(store, meeting_id)).encode("utf-8")
    from facilitator.documents import build

    return build(store, meeting_id, doc, as_of=as_of, number=number)


def export_document(
    store: Store,
    meeting_id: int,
    doc: str,
    output: Path | None = None,
    *,
    overwrite: bool = False,
    as_of: dt.date | None = None,
    number: str | None = None,
) -> Path:
    """Render then write atomically. A folder (or nothing) gets the default name, made unique."""
    if doc not in FILE_PARTS:
        raise ValueError(f"unknown document {doc!r}")
    to_pdf = output is not None and output.suffix.lower() == ".pdf" and not output.is_dir()
    if to_pdf and doc == "json":
        raise FileWriteError("pdf.json")
    if to_pdf and doc == "radio":
        raise FileWriteError("pdf.txt")
    if to_pdf:
        from facilitator.documents.pdf import soffice

        if soffice() is None:  # refused before anything is rendered; never a .docx named .pdf
            raise FileWriteError("pdf.no_libreoffice")
    data = render(store, meeting_id, doc, as_of=as_of, number=number)
    if to_pdf:
        from facilitator.documents.pdf import docx_to_pdf

        data = docx_to_pdf(data)
    if output is None or output.is_dir():
        folder = output if output is not None else Path.cwd()
        target = free_name(folder / default_name(store, meeting_id, doc))
    else:
        target = output
    return atomic_write(target, data, overwrite=overwrite)
