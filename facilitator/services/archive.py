"""The meeting's archive bundle (hồ sơ lưu trữ, Luật Lưu trữ 2024): one .zip with every
document of the meeting, the meeting file and a ``SHA256SUMS`` manifest; and its check.

The manifest has the format of ``sha256sum``: one line per member, the hex digest, two spaces,
the member's name. ``sha256sum -c SHA256SUMS`` checks an unpacked copy as well.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from db.store import Store
from facilitator.rules.doc_order import DOCS
from facilitator.rules.errors import Message
from facilitator.rules.text import TextError, slug
from facilitator.services.exporting import default_name, render
from facilitator.services.files import atomic_write, free_name

MANIFEST = "SHA256SUMS"


def archive_name(store: Store, meeting_id: int) -> str:
    meeting = store.meeting(meeting_id)
    return f"{meeting.date.isoformat()}_{slug(meeting.village)}_ho-so-luu-tru.zip"


def members(store: Store, meeting_id: int, as_of: dt.date | None = None) -> list[tuple[str, bytes]]:
    """(name, content) of every document, in order. ``as_of`` dates the documents issued after
    the meeting (default: today); those before it keep their own dates."""
    from facilitator.documents.forward import forward_letters

    out: list[tuple[str, bytes]] = []
    for doc in DOCS:
        if doc == "forward":
            stem = default_name(store, meeting_id, "forward").removesuffix(".docx")
            for letter in forward_letters(store, meeting_id, as_of):
                out.append((f"{stem}_{slug(letter.body)[:40]}.docx", letter.data))
            continue
        after = doc in ("conclusion", "report")
        data = render(store, meeting_id, doc, as_of=as_of if after else None)
        out.append((default_name(store, meeting_id, doc), data))
    return out


def manifest(files: list[tuple[str, bytes]]) -> bytes:
    lines = [f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in files]
    return "".join(lines).encode("utf-8")


def build_archive(
    store: Store, meeting_id: int, output: Path | None = None, *, as_of: dt.date | None = None
) -> Path:
    """Write the bundle in ``output`` (a folder, default here; or a .zip path); never
    overwrites: an existing name gets ``-2``, ``-3``..."""
    files = members(store, meeting_id, as_of)
    stamp = store.clock()
    moment = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, data in [*files, (MANIFEST, manifest(files))]:
            info = zipfile.ZipInfo(name, date_time=moment)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16  # personal data: readable by the user only
            bundle.writestr(info, data)
    if output is not None and output.suffix.lower() == ".zip" and not output.is_dir():
        target = free_name(output)
    else:
        folder = output if output is not None else Path.cwd()
        folder.mkdir(parents=True, exist_ok=True)
        target = free_name(folder / archive_name(store, meeting_id))
    return atomic_write(target, buffer.getvalue())


@dataclass
class Verdict:
    intact: bool
    checked: int  # members whose digest matched
    problem: str | None = None  # the first member that differs, in words


def verify_archive(path: Path) -> Verdict:
    """Recompute every member's SHA-256 against the manifest; name the first that differs, is
    missing, or is not listed."""
    try:
        bundle = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise TextError("text.file_not_found", path=path) from None
    except (zipfile.BadZipFile, OSError):
        return Verdict(False, 0, Message("archive.not_zip", name=path.name))
    with bundle:
        names = [i.filename for i in bundle.infolist()]
        if MANIFEST not in names:
            return Verdict(False, 0, Message("archive.no_manifest", manifest=MANIFEST))
        try:
            listed = _read_manifest(bundle.read(MANIFEST))
        except (zipfile.BadZipFile, zlib.error, ValueError):
            return Verdict(False, 0, Message("archive.changed", name=MANIFEST))
        checked = 0
        for name, expected in listed:
            if name not in names:
                return Verdict(False, checked, Message("archive.missing", name=name))
            try:
                data = bundle.read(name)
            except (zipfile.BadZipFile, zlib.error, EOFError):
                return Verdict(False, checked, Message("archive.changed", name=name))
            if hashlib.sha256(data).hexdigest() != expected:
                return Verdict(False, checked, Message("archive.changed", name=name))
            checked += 1
        known = {name for name, _ in listed} | {MANIFEST}
        for name in names:
            if name not in known:
                return Verdict(
                    False, checked, Message("archive.unlisted", name=name, manifest=MANIFEST)
                )
    return Verdict(True, checked)


def _read_manifest(raw: bytes) -> list[tuple[str, str]]:
    out = []
    for line in raw.decode("utf-8").splitlines():
        if not line.strip():
            continue
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name:
            raise ValueError(line)
        out.append((name, digest.lower()))
    return out
