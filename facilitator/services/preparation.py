"""Preparing a meeting (chuẩn bị, plan III.1): details, attendance, opinions, agenda."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.store import Store
from db.values import MeetingValues
from facilitator.rules.errors import RuleError
from facilitator.rules.models import DEFAULT_AGENDA, Meeting
from facilitator.rules.profile import commune_name
from facilitator.rules.text import TextError, clean, fold, parse_date
from facilitator.services.files import os_reason
from facilitator.services.live import Console


def _text(values: dict[str, Any], key: str, *, required: bool = False, limit: int = 200) -> str:
    try:
        text = clean(values.get(key) or "", limit=limit)
    except TextError as exc:
        raise RuleError.of(exc, key) from exc
    if required and not text:
        raise RuleError("required", key)
    return text


def _time(value: str, key: str) -> str:
    text = (value or "08:00").strip().replace("h", ":").replace("g", ":")
    try:
        hour, minute = (int(x) for x in text.split(":"))
        return dt.time(hour, minute).strftime("%H:%M")
    except ValueError:
        raise RuleError("prep.bad_time", key, value=value) from None


def _date(value: str, key: str, *, required: bool = True) -> dt.date | None:
    if not (value or "").strip():
        if required:
            raise RuleError("required", key)
        return None
    try:
        return parse_date(value)
    except TextError as exc:
        raise RuleError.of(exc, key) from exc


def create_meeting(store: Store, values: dict[str, Any]) -> int:
    """Validate the new-meeting form and create a draft meeting with the default agenda."""
    commune = commune_name(_text(values, "commune", required=True))
    village = _text(values, "village", required=True)
    day = _date(values.get("date", ""), "date")
    assert day is not None
    chair = _text(values, "chair")
    secretary = _text(values, "secretary")
    profile = store.profile()
    if profile.commune != commune:  # a commune other than the profile's: its own UBND
        profile.commune, profile.ubnd = commune, ""
    profile = profile.resolved(commune)
    return store.create_meeting(
        commune=commune,
        village=village,
        date=day.isoformat(),
        start=_time(values.get("start", ""), "start"),
        place=_text(values, "place") or f"Nhà văn hóa thôn {village}",
        organiser=profile.author,
        chair_name=chair,
        chair_position="Chủ tịch UBND xã" if chair else "",
        secretary_name=secretary,
        secretary_position=f"Công chức {profile.office_name}" if secretary else "",
    )


DETAIL_KEYS = (
    "commune",
    "village",
    "date",
    "start",
    "place",
    "organiser",
    "chair_name",
    "chair_position",
    "secretary_name",
    "secretary_position",
    "slot_minutes",
    "speech_budget_minutes",
    "announced_on",
    "number",
    "citizens_present",
)


def details_of(store: Store, meeting_id: int) -> dict[str, str]:
    """The meeting as the preparation form shows it (dates dd/mm/yyyy)."""
    m = store.meeting(meeting_id)
    minutes = m.slot_seconds / 60
    return {
        "commune": m.commune,
        "village": m.village,
        "date": f"{m.date:%d/%m/%Y}",
        "start": m.start,
        "place": m.place,
        "organiser": m.organiser,
        "chair_name": m.chair_name,
        "chair_position": m.chair_position,
        "secretary_name": m.secretary_name,
        "secretary_position": m.secretary_position,
        "slot_minutes": f"{minutes:g}",
        "speech_budget_minutes": f"{m.speech_budget_seconds / 60:g}"
        if m.speech_budget_seconds
        else "",
        "announced_on": f"{m.announced_on:%d/%m/%Y}" if m.announced_on else "",
        "number": m.number or "",
        "citizens_present": str(m.citizens_present),
    }


# What of the meeting the biên bản prints (its seal covers them, SPEC §7c): after "Thông qua
# biên bản" they change only by an amendment (``facilitator amend ID --set date=…``).
SEALED_DETAILS = (
    "commune",
    "village",
    "date",
    "start",
    "place",
    "organiser",
    "chair_name",
    "chair_position",
    "secretary_name",
    "secretary_position",
    "citizens_present",
    "legal_basis",
)


def update_details(
    store: Store, meeting_id: int, values: dict[str, Any], *, amending: bool = False
) -> None:
    """Save the preparation form; every value is checked before anything is written. Once the
    minutes are sealed, a change to what the biên bản prints is refused (``amending``: the
    seal service's amendment, which chains a new seal)."""
    out: MeetingValues = {}
    for key in ("commune", "village"):
        out[key] = _text(values, key, required=True)
    out["commune"] = commune_name(out["commune"])
    if "legal_basis" in values:
        out["legal_basis"] = _legal_basis(values["legal_basis"])
    out["place"] = _text(values, "place", limit=500)
    out["organiser"] = _text(values, "organiser", limit=500)
    out["chair_name"] = _text(values, "chair_name", limit=500)
    out["chair_position"] = _text(values, "chair_position", limit=500)
    out["secretary_name"] = _text(values, "secretary_name", limit=500)
    out["secretary_position"] = _text(values, "secretary_position", limit=500)
    day = _date(values.get("date", ""), "date")
    assert day is not None
    out["date"] = day.isoformat()
    out["start"] = _time(values.get("start", ""), "start")
    announced = _date(values.get("announced_on", ""), "announced_on", required=False)
    if announced is not None and announced > day:
        raise RuleError("prep.announced_after", "announced_on")
    out["announced_on"] = announced.isoformat() if announced else None
    out["slot_seconds"] = _slot_seconds(values.get("slot_minutes"))
    out["speech_budget_seconds"] = _budget(values.get("speech_budget_minutes"))
    out["citizens_present"] = _citizens(values.get("citizens_present"))
    out["number"] = _text(values, "number", limit=20) or None
    if not amending and store.is_sealed(meeting_id):
        _refuse_sealed_change(store, meeting_id, out)
    with store.write():
        store.update_meeting(meeting_id, **out)
        store.log(meeting_id, "meeting.prepared", {})


def _legal_basis(value: Any) -> list[str]:
    """One document a line ("Thực hiện Kế hoạch số 48/KH-UBND …"); blank lines dropped."""
    try:
        lines = [clean(x, limit=1000) for x in str(value or "").split("\n")]
    except TextError as exc:
        raise RuleError.of(exc, "legal_basis") from exc
    return [x for x in lines if x]


def _slot_seconds(value: Any) -> int:
    """The speaking slot, typed in minutes (a decimal comma allowed; 5 when empty)."""
    try:
        minutes = float(str(value or "5").replace(",", "."))
    except ValueError:
        raise RuleError("live.bad_minutes", "slot_minutes") from None
    if not 0.5 <= minutes <= 60:
        raise RuleError("prep.slot_range", "slot_minutes")
    return round(minutes * 60)


def _citizens(value: Any) -> int:
    """The number of citizens present: a whole number up to 100 000 (0 when empty)."""
    try:
        citizens = int(str(value or "0").strip())
    except ValueError:
        raise RuleError("prep.people_whole", "citizens_present") from None
    if not 0 <= citizens <= 100_000:
        raise RuleError("prep.people_invalid", "citizens_present")
    return citizens


def _refuse_sealed_change(store: Store, meeting_id: int, out: MeetingValues) -> None:
    """Sealed minutes: refuse a change to what the biên bản prints, naming its first field."""
    before = sealed_details(store.meeting(meeting_id))
    changed = [k for k in SEALED_DETAILS if k in out and out[k] != before[k]]  # type: ignore[literal-required]
    if changed:
        raise RuleError("prep.sealed", changed[0], meeting=meeting_id)


def sealed_details(m: Meeting) -> dict[str, Any]:
    """The printed details of a meeting as ``update_details`` stores them."""
    return {
        "commune": m.commune,
        "village": m.village,
        "date": m.date.isoformat(),
        "start": m.start,
        "place": m.place,
        "organiser": m.organiser,
        "chair_name": m.chair_name,
        "chair_position": m.chair_position,
        "secretary_name": m.secretary_name,
        "secretary_position": m.secretary_position,
        "citizens_present": m.citizens_present,
        "legal_basis": list(m.legal_basis),
    }


def _check_officials_unsealed(store: Store, meeting_id: int) -> None:
    if store.is_sealed(meeting_id):
        raise RuleError("prep.sealed_officials", "name")


def _budget(text: Any) -> int | None:
    """The citizens' phase's time in minutes ("60", "45,5"); blank: no budget."""
    text = str(text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        minutes = float(text)
    except ValueError:
        raise RuleError("live.bad_minutes", "speech_budget_minutes") from None
    if not 1 <= minutes <= 600:
        raise RuleError("prep.budget_range", "speech_budget_minutes")
    return round(minutes * 60)


def default_meeting_date(store: Store) -> dt.date:
    """A new meeting's date until the secretary types one: the next working day after today
    (weekends, public holidays and the recorded swaps skipped)."""
    from facilitator.rules.clock import local

    today = local(store.clock()).date()
    return store.work_calendar().next_working_day(today + dt.timedelta(days=1))


def add_official(store: Store, meeting_id: int, name: str, position: str, group: str) -> int:
    _check_officials_unsealed(store, meeting_id)
    values = {"name": name, "position": position, "group": group}
    return store.add_official(
        meeting_id,
        name=_text(values, "name", required=True),
        position=_text(values, "position"),
        group=_text(values, "group") or "xã",
        seq=len(store.officials(meeting_id)),
    )


def update_official(
    store: Store,
    official_id: int,
    name: str,
    position: str,
    group: str,
    *,
    meeting_id: int | None = None,
) -> None:
    """Correct an official's name, position or level (before or during the meeting; not once
    the biên bản that prints them is sealed)."""
    if meeting_id is not None:
        _check_officials_unsealed(store, meeting_id)
    values = {"name": name, "position": position, "group": group}
    store.update_official(
        official_id,
        name=_text(values, "name", required=True),
        position=_text(values, "position"),
        group=_text(values, "group") or "xã",
    )


def remove_official(store: Store, official_id: int, *, meeting_id: int | None = None) -> None:
    if meeting_id is not None:
        _check_officials_unsealed(store, meeting_id)
    store.delete_official(official_id)


def add_pre_collected(
    store: Store, meeting_id: int, content: str, field: str, source: str, kind: str = "petition"
) -> int:
    """A petition collected before the meeting (plan III.1.1), through a channel."""
    if not (source or "").strip():
        raise RuleError("prep.need_source", "source")
    return Console(store, meeting_id).record_petition(content, field, source=source, kind=kind)


def set_agenda(store: Store, meeting_id: int, names: list[str]) -> None:
    """Rename, add or remove phases before the meeting starts (the agenda is data)."""
    meeting = store.meeting(meeting_id)
    if meeting.status != "draft":
        raise RuleError("prep.agenda_locked", "agenda")
    cleaned = [clean(n) for n in names if clean(n)]
    if not cleaned:
        raise RuleError("prep.agenda_empty", "agenda")
    refs = {fold(n): r for n, r in DEFAULT_AGENDA}
    with store.write():
        store.replace_phases(meeting_id, [(n, refs.get(fold(n), "")) for n in cleaned])
        store.log(meeting_id, "agenda.changed", {"phases": cleaned})


_COLUMNS = {
    "content": ("content", "noi dung", "noi dung kien nghi", "y kien", "kien nghi"),
    "field": ("field", "linh vuc"),
    "source": ("source", "nguon", "kenh", "don vi"),
    "kind": ("kind", "loai", "loai y kien", "phan loai"),
}
# An item's kind as a list may spell it (accents optional); blank is a kiến nghị.
_KIND_WORDS = {
    "": "petition",
    "kien nghi": "petition",
    "petition": "petition",
    "phan anh": "feedback",
    "feedback": "feedback",
    "khieu nai": "complaint",
    "complaint": "complaint",
    "to cao": "denunciation",
    "denunciation": "denunciation",
}


def read_petition_table(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV or XLSX file with columns content / field / source (Vietnamese or English
    headers, accents optional)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=True)
            sheet = book.worksheets[0]
            rows = [
                ["" if c is None else str(c) for c in row]
                for row in sheet.iter_rows(values_only=True)
            ]
            book.close()
        else:
            raw = path.read_bytes()
            text = raw.decode("utf-8-sig") if _utf8(raw) else raw.decode("cp1258")
            dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
            rows = list(csv.reader(io.StringIO(text), dialect))
    except OSError as exc:
        raise RuleError("file.cannot_read", "path", path=path, reason=os_reason(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - a damaged file, whatever the library says
        raise RuleError("prep.not_a_table", "path", name=path.name, reason=exc) from exc
    if not rows:
        raise RuleError("prep.empty_file", "path")
    header = [fold(h) for h in rows[0]]
    index = {}
    for key, names in _COLUMNS.items():
        index[key] = next((i for i, h in enumerate(header) if h in names), None)
    if index["content"] is None:
        raise RuleError("prep.no_content_column", "path")
    out = []
    for number, row in enumerate(rows[1:], start=2):

        def cell(key: str, row: list[str] = row) -> str:
            i = index[key]
            return row[i] if i is not None and i < len(row) else ""

        if not cell("content").strip():
            continue
        try:
            values = {k: clean(cell(k), multiline=k == "content", limit=20_000) for k in _COLUMNS}
        except TextError as exc:
            raise RuleError("row", "path", row=number, error=exc) from exc
        kind = _KIND_WORDS.get(fold(values["kind"]))
        if kind is None:
            raise RuleError("prep.row_kind", "path", row=number, kind=values["kind"])
        out.append({**values, "kind": kind})
    return out


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


@dataclass(frozen=True)
class PetitionImport:
    added: int
    skipped: int  # already in the meeting (or twice in the file), ignoring diacritics and case


def import_petitions(store: Store, meeting_id: int, path: Path) -> PetitionImport:
    """Import pre-collected petitions from CSV or XLSX, all or nothing. A row whose content is
    already a petition of the meeting, compared ignoring diacritics, case and spacing, is
    skipped: importing the same file twice adds nothing."""
    rows = read_petition_table(path)
    console = Console(store, meeting_id)
    seen = {fold(p.content) for p in store.petitions(meeting_id)}
    added = 0
    with store.write():
        for row in rows:
            key = fold(row["content"])
            if key in seen:
                continue
            seen.add(key)
            console.record_petition(
                row["content"],
                row["field"],
                source=row["source"] or "tổng hợp trước hội nghị",
                kind=row["kind"],
            )
            added += 1
    return PetitionImport(added, len(rows) - added)
