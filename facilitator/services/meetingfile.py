"""The meeting file (JSON, versions 1 and 2): a whole meeting for transfer, archive, tests (§8)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

from facilitator.rules.deadlines import rule
from facilitator.rules.errors import MeetingFileError
from facilitator.rules.kinds import is_ordinary, law_refusal
from facilitator.rules.legacy import strip_generated_header
from facilitator.rules.models import DEFAULT_AGENDA, Meeting, MinutesEntry, Speaker
from facilitator.rules.record import EventRow, MeetingRecord
from facilitator.rules.seals import Seal, seal_digest
from facilitator.rules.text import MAX_LONG, TextError, clean, visible
from facilitator.services.files import os_reason

if TYPE_CHECKING:
    from db.store import Store
    from db.values import AssignmentValues, EntryValues

FORMAT = "facilitator.meeting"
# 2 adds the commune profile the meeting was held under, each item's kind, the petitioner's
# satisfaction and the publication record (all optional); 1 still imports
VERSION = 2


SHOWN = 60  # at most this many characters of an offending value in a message
_DEPTH = 32  # no part of a meeting file nests deeper than this
_SQLITE_INT = 2**63 - 1
_YEARS = (1990, 2100)  # dates outside are typing mistakes (and overflow the deadline rules)
_DAY_SECONDS = 86_400  # a slot longer than a day is a mistake (and overflows the clock)


def shown(value: Any) -> str:
    """A value as a message may show it: control and invalid characters escaped, at most
    about 60 characters (a refusal is one short line, whatever the file holds)."""
    if isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError):
            text = repr(value)
    out = []
    size = 0
    for ch in text[: SHOWN * 2]:
        if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF:
            piece = ch
        elif ord(ch) < 0x100:
            piece = f"\\x{ord(ch):02x}"
        else:
            piece = f"\\u{ord(ch):04x}"
        if size + len(piece) > SHOWN:
            out.append("…")
            break
        out.append(piece)
        size += len(piece)
    else:
        if len(text) > SHOWN * 2:
            out.append("…")
    return "".join(out)


class _Constant:
    """NaN, Infinity or -Infinity in the file (JSON has no such numbers)."""

    def __init__(self, name: str):
        self.name = name


def schema() -> dict[str, Any]:
    text = resources.files("facilitator").joinpath("schema/meeting.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def json_path(parts: Iterable[Any]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "$"


# ----- export ------------------------------------------------------------------------------


def _minutes_value(seconds: int) -> int | float:
    return seconds // 60 if seconds % 60 == 0 else round(seconds / 60, 3)


def export_meeting(store: Store, meeting_id: int) -> dict[str, Any]:
    return export_record(store.load_record(meeting_id))


def export_record(record: MeetingRecord) -> dict[str, Any]:
    """The meeting file (§8) of one meeting: a pure function of its record."""
    m = record.meeting
    index = {s.id: i for i, s in enumerate(record.speakers)}
    pindex = {p.id: i for i, p in enumerate(record.petitions)}
    ref = {"speaker": index, "follows": index, "petition": pindex}
    return {
        "format": FORMAT,
        "version": VERSION,
        "meeting": _export_meeting_head(m),
        "agenda": [
            {
                "name": p.name,
                "plan_ref": p.plan_ref,
                "started_at": _iso(p.started_at),
                "ended_at": _iso(p.ended_at),
            }
            for p in record.phases
        ],
        "officials": [
            {"name": o.name, "position": o.position, "group": o.group} for o in record.officials
        ],
        "citizens_present": m.citizens_present,
        "speakers": [_export_speaker(s, index) for s in record.speakers],
        "slots": [
            {
                "speaker": index[r.speaker_id],
                "role": r.role,
                "started_at": r.started_at,
                "paused_at": r.paused_at,
                "paused_total": r.paused_total,
                "limit_seconds": r.limit_seconds,
                "ended_at": r.ended_at,
            }
            for r in record.slots
        ],
        "minutes": [_export_entry(e, index) for e in record.minutes],
        "petitions": [_export_petition(p, index) for p in record.petitions],
        "checklist": [{"key": key, "done_on": day.isoformat()} for key, day in record.checklist],
        "publication": [
            {"channel": channel, "hamlet": hamlet, "done_on": day.isoformat()}
            for channel, hamlet, day in record.publications
        ],
        "profile": record.profile.to_dict(),
        "events": [_export_event(e, ref) for e in record.events],
        **({"seals": [_export_seal(seal) for seal in record.seals]} if record.seals else {}),
    }


def _export_seal(seal: Seal) -> dict[str, Any]:
    """One seal as recorded (all of it is hashed: nothing is cleaned or renumbered), with the
    number the meeting had where it was sealed, which its digest covers."""
    return {
        "seq": seal.seq,
        "meeting": seal.sealed_meeting,
        "at": seal.at,
        "by": seal.by,
        "why": seal.why,
        "change": seal.change,
        "previous": seal.previous,
        "items": seal.items,
        "digest": seal.digest,
    }


def _export_meeting_head(m: Meeting) -> dict[str, Any]:
    """The file's ``meeting`` object; a chair or secretary without a name is left out."""
    meeting: dict[str, Any] = {
        "commune": m.commune,
        "village": m.village,
        "date": m.date.isoformat(),
        "start": m.start,
        "place": m.place,
        "organiser": m.organiser,
        "chair": {"name": m.chair_name, "position": m.chair_position},
        "secretary": {"name": m.secretary_name, "position": m.secretary_position},
        "slot_minutes": _minutes_value(m.slot_seconds),
        "announced_on": m.announced_on.isoformat() if m.announced_on else None,
        "number": m.number,
        "legal_basis": m.legal_basis,
        "citizens_by_hamlet": m.citizens_by_hamlet,
        "status": m.status,
        "phase_index": m.phase_index,
        "registration_open": m.registration_open,
        "started_at": _iso(m.started_at),
        "ended_at": _iso(m.ended_at),
        "conclusion": m.conclusion,
        "assessment": m.assessment,
    }
    if m.first_turns_first:
        meeting["first_turns_first"] = True
    if m.speech_budget_seconds:
        meeting["speech_budget_minutes"] = _minutes_value(m.speech_budget_seconds)
    if not m.chair_name:
        del meeting["chair"]
    if not m.secretary_name:
        del meeting["secretary"]
    return meeting


def _export_speaker(s: Speaker, index: dict[int, int]) -> dict[str, Any]:
    return {
        "name": s.name,
        "title": s.title,
        "hamlet": s.hamlet,
        "gist": s.gist,
        "field": s.field,
        "slip": s.slip,
        "registered": s.registered,
        "priority": s.priority,
        "kind": s.kind,
        "follows": index.get(s.follows_id) if s.follows_id else None,
        "state": s.state,
        "reason": s.reason,
        "limit_seconds": s.limit_seconds,
    }


def _export_entry(e: MinutesEntry, index: dict[int, int]) -> dict[str, Any]:
    return {
        "phase": e.phase_position,
        "speaker": index.get(e.speaker_id) if e.speaker_id else None,
        "kind": e.kind,
        "text": e.text,
        "created_at": _iso(e.created_at),
        "updated_at": _iso(e.updated_at),
        # The header is the speaker's, not in the text (older files: absent, true).
        **({"header_in_text": False} if e.kind == "speech" else {}),
    }


def _export_event(e: EventRow, ref: dict[str, dict[int, int]]) -> dict[str, Any]:
    return {
        "at": e.at,
        "actor": e.actor,
        "kind": e.kind,
        "payload": {
            # Only an id is a reference; any other value (a list in an imported
            # file's payload) is carried as it came.
            k: (ref[k].get(v) if k in ref and isinstance(v, int) else v)
            for k, v in e.payload.items()
            if k not in ("before", "inserted")
        },
    }


def _iso(moment: dt.datetime | None) -> str | None:
    from facilitator.rules.clock import stamp

    return stamp(moment) if moment else None


def _export_petition(p: Any, index: dict[int, int]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "content": p.content,
        "field": p.area,
        "source": p.source,
        "speaker": index.get(p.speaker_id) if p.speaker_id else None,
        "answer": p.answer,
        "answered_by": {"name": p.answered_by_name, "position": p.answered_by_position or ""}
        if p.answered_by_name
        else None,
        "outcome": p.outcome,
        "kind": p.kind,
    }
    if p.satisfaction:
        out["satisfaction"] = p.satisfaction
    if p.answered_in is not None and p.answered_in in index:
        out["answered_in"] = index[p.answered_in]
    if p.forwarded_to:
        out["forwarded_to"] = p.forwarded_to
    if p.forward_task:
        out["forward_task"] = p.forward_task
    if p.assignment:
        a = p.assignment
        out["assignment"] = {
            "responsible": a.responsible,
            "task": a.task,
            "due": a.due.isoformat(),
            "status": a.status,
            "answered_on": a.answered_on.isoformat() if a.answered_on else None,
            "answer_form": a.answer_form,
            "note": a.note,
        }
    return out


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# ----- import ------------------------------------------------------------------------------


def load(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MeetingFileError("file.cannot_read", path=path, reason=os_reason(exc)) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MeetingFileError("mf.not_utf8", "") from exc
    try:
        data = json.loads(text, parse_constant=_Constant)
    except RecursionError:
        raise MeetingFileError("mf.json_too_deep", depth=_DEPTH) from None
    except json.JSONDecodeError as exc:
        raise MeetingFileError(
            "mf.json_error", line=exc.lineno, column=exc.colno, reason=exc.msg
        ) from exc
    # A lone surrogate can only come from a \\udXXX escape in the text: without one, no value
    # needs encoding to be checked.
    texts = _SURROGATE_ESCAPE.search(text) is not None
    if texts or not _plain_values(data):
        _check_values(data, texts=texts)
    return _Checked(data) if isinstance(data, dict) else data


class _Checked(dict):  # type: ignore[type-arg]
    """A file's contents as ``load`` returns them: their values already walked (NaN, huge
    integers, lone surrogates, nesting), so ``validate`` does not walk 80,000 values again."""


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _plain_values(value: Any, depth: int = 0) -> bool:
    """True when nothing in ``value`` (a file's contents without a lone surrogate) is one
    that ``_check_values`` refuses: checked in one quick pass, without the paths. False
    also for anything unusual (a value not from JSON, nesting near the limit): then
    ``_check_values`` walks the file, finds the first problem and names its path."""
    kind = type(value)
    if kind is dict:
        items: Iterable[Any] = value.values()
    elif kind is list:
        items = value
    else:
        return False
    if depth >= _DEPTH - 1:
        return False
    below = depth + 1
    for v in items:
        kind = type(v)
        if kind is str:
            if len(v) > MAX_LONG:
                return False
        elif kind is dict or kind is list:
            if not _plain_values(v, below):
                return False
        elif kind is int:
            if not -_SQLITE_INT <= v <= _SQLITE_INT:
                return False
        elif kind is float:
            if not math.isfinite(v):
                return False
        elif v is not None and kind is not bool:
            return False
    return True


def _check_values(data: Any, texts: bool = True) -> None:
    """What JSON allows but a meeting cannot hold, named by its path: NaN and infinities,
    integers too big for SQLite, lone surrogates (not text), nesting deeper than any part
    of the format. Walked without recursion, in document order; the path is spelt out only
    for a value that is refused (each value keeps a link to its parent's)."""
    # (trail, depth, value); a trail is (parent trail, key) or () for the whole file.
    stack: list[tuple[Any, int, Any]] = [((), 0, data)]
    pop, push = stack.pop, stack.extend
    while stack:
        trail, depth, value = pop()
        if depth > _DEPTH:
            raise MeetingFileError("mf.too_deep", _trail_path(trail), depth=_DEPTH)
        kind = type(value)
        if kind is str:
            if len(value) > MAX_LONG or (texts and not _encodes(value)):
                _refuse_text(value, trail)
        elif kind is dict:
            if texts:
                _check_keys(value, trail)
            below = depth + 1
            push([((trail, k), below, v) for k, v in reversed(value.items())])
        elif kind is list:
            below = depth + 1
            push([((trail, i), below, v) for i, v in reversed(list(enumerate(value)))])
        elif kind is bool or value is None:
            pass
        else:
            push(_check_other(value, trail, depth))


def _check_other(value: Any, trail: Any, depth: int) -> list[tuple[Any, int, Any]]:
    """A number, or a subclass of str, dict or list (not from JSON, walked like them);
    returns what is below it to walk."""
    if isinstance(value, _Constant) or (isinstance(value, float) and not math.isfinite(value)):
        name = value.name if isinstance(value, _Constant) else str(value)
        raise MeetingFileError("mf.not_a_number", _trail_path(trail), value=name)
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > _SQLITE_INT:
            raise MeetingFileError("mf.number_too_big", _trail_path(trail), value=shown(value))
    elif isinstance(value, str):
        if len(value) > MAX_LONG or not _encodes(value):
            _refuse_text(value, trail)
    elif isinstance(value, dict | list):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        if isinstance(value, dict):
            _check_keys(value, trail)
        return [((trail, k), depth + 1, v) for k, v in reversed(list(items))]
    return []


def _check_keys(value: dict[Any, Any], trail: Any) -> None:
    for key in value:
        if not _encodes(str(key)):
            _check_chars(str(key), _trail_path(trail))


def _refuse_text(value: str, trail: Any) -> NoReturn:
    """A text that is too long, or holds a character that is not text (named first)."""
    _check_chars(value, _trail_path(trail))
    raise MeetingFileError("text.too_long", _trail_path(trail), length=len(value), limit=MAX_LONG)


def _trail_path(trail: Any) -> str:
    parts: list[Any] = []
    while trail:
        trail, key = trail
        parts.append(key)
    return json_path(reversed(parts))


def _encodes(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_chars(value: str, where: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise MeetingFileError("mf.bad_character", where, value=shown(value)) from None


@functools.cache
def _validator() -> Any:
    """JSON Schema with ``integer`` meaning a whole number written as one: ``1.0`` is not
    an index (it would be a float everywhere after). Built once."""
    from jsonschema import Draft202012Validator, validators

    def is_integer(_checker: Any, instance: Any) -> bool:
        return isinstance(instance, int) and not isinstance(instance, bool)

    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", is_integer)
    # types-jsonschema leaves validators.extend unannotated; it returns a validator class.
    cls = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, type_checker=checker
    )
    return cls(_schema_doc())


@functools.cache
def _schema_doc() -> dict[str, Any]:
    """The schema, read once (the quick checks built from it are kept by its parts' ids)."""
    return schema()


# The long lists of a meeting (speakers, minutes, petitions...) are checked item by item here
# against their item schema, for the keywords below; jsonschema then sees only the lists that
# are not all plainly valid, so its messages (and which one comes first) are unchanged.
_TYPES: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}
_PLAIN = {
    "type",
    "enum",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
    "required",
    "additionalProperties",
    "properties",
    "description",
    "title",
    "const",
    "exclusiveMinimum",
    "items",
    "minItems",
    "maxItems",
    "$id",
    "$schema",
}


_EXACT: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
    "null": (type(None),),
}
_COMPILED: dict[int, Callable[[Any], bool] | None] = {}


def _one_of(branches: list[Any]) -> Callable[[Any], bool] | None:
    """``oneOf`` whose branches each name their types and share none (``null`` or an object):
    a value can meet only the branch of its type, so meeting that one is meeting ``oneOf``."""
    seen: set[type] = set()
    checks = []
    for branch in branches:
        kinds = branch.get("type") if isinstance(branch, dict) else None
        if kinds is None:
            return None
        kinds = kinds if isinstance(kinds, list) else [kinds]
        types = {t for k in kinds for t in _EXACT[k]}
        if types & seen:
            return None
        seen |= types
        check = _build(branch)
        if check is None:
            return None
        checks.append(check)
    return lambda v: sum(1 for check in checks if check(v)) == 1


def _plainly_valid(sub: dict[str, Any], value: Any) -> bool:
    """True only when ``value`` meets ``sub`` and ``sub`` uses only the keywords in _PLAIN;
    the types are matched exactly (``True`` is not an integer, a subclass is not its base).
    False sends the value to jsonschema, which decides and words the refusal."""
    check = _compile(sub)
    return check is not None and check(value)


def _compile(sub: dict[str, Any]) -> Callable[[Any], bool] | None:
    """``sub`` as one Python function (built once per schema); None for other keywords."""
    key = id(sub)
    if key not in _COMPILED:
        _COMPILED[key] = _build(sub)
    return _COMPILED[key]


def _build(sub: dict[str, Any]) -> Callable[[Any], bool] | None:
    if set(sub) == {"oneOf"}:
        return _one_of(sub["oneOf"])
    if not _PLAIN.issuperset(sub):
        return None
    if "type" in sub and _SCALAR.issuperset(sub):
        return _scalar_check(sub)
    checks: list[Callable[[Any], bool]] = []
    kind = sub.get("type")
    if kind is not None:
        kinds = kind if isinstance(kind, list) else [kind]
        exact = frozenset(t for k in kinds for t in _EXACT[k])
        checks.append(lambda v: type(v) in exact)
    if "enum" in sub:
        options = [(type(o), o) for o in sub["enum"]]
        checks.append(lambda v: (type(v), v) in options)
    if "const" in sub:
        const = sub["const"]
        if type(const) is not str:
            return None
        checks.append(lambda v: type(v) is str and v == const)
    if any(sub.get(k) is not None for k in ("minimum", "maximum", "exclusiveMinimum")):
        checks.append(
            _range_check(sub.get("minimum"), sub.get("maximum"), sub.get("exclusiveMinimum"))
        )
    if "items" in sub or "minItems" in sub or "maxItems" in sub:
        array_check = _array_check(sub)
        if array_check is None:
            return None
        checks.append(array_check)
    if any(sub.get(k) is not None for k in ("minLength", "maxLength", "pattern")):
        checks.append(_text_check(sub))
    if "properties" in sub or "required" in sub or "additionalProperties" in sub:
        object_check = _object_check(sub)
        if object_check is None:
            return None
        checks.append(object_check)
    if not checks:
        return lambda v: True
    return functools.reduce(_both, checks)


_SCALAR = {
    "type",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
    "description",
    "title",
}


def _scalar_check(sub: dict[str, Any]) -> Callable[[Any], bool]:
    """A ``type`` with its limits (the commonest property): the type, range and text checks
    below in one function, as they answer together."""
    kinds = sub["type"] if isinstance(sub["type"], list) else [sub["type"]]
    exact = frozenset(t for k in kinds for t in _EXACT[k])
    low, high = sub.get("minimum"), sub.get("maximum")
    shortest, longest, pattern = sub.get("minLength"), sub.get("maxLength"), sub.get("pattern")
    search = re.compile(pattern).search if pattern is not None else None

    def scalar_ok(v: Any) -> bool:
        kind = type(v)
        if kind not in exact:
            return False
        if kind is str:
            return (
                (shortest is None or len(v) >= shortest)
                and (longest is None or len(v) <= longest)
                and (search is None or search(v) is not None)
            )
        if kind is int or kind is float:
            return (low is None or v >= low) and (high is None or v <= high)
        return True

    return scalar_ok


def _both(first: Callable[[Any], bool], second: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda v: first(v) and second(v)


def _range_check(low: Any, high: Any, above: Any = None) -> Callable[[Any], bool]:
    """``minimum``, ``maximum`` and ``exclusiveMinimum``: a number within them; any other
    value passes."""

    def in_range(v: Any) -> bool:
        if type(v) not in (int, float):
            return True
        return (
            (low is None or v >= low)
            and (high is None or v <= high)
            and (above is None or v > above)
        )

    return in_range


def _array_check(sub: dict[str, Any]) -> Callable[[Any], bool] | None:
    """``items`` (one schema for every item), ``minItems`` and ``maxItems``: a list that has
    them; any other value passes. None when the items' schema cannot be compiled."""
    item = None
    if "items" in sub:
        if not isinstance(sub["items"], dict):
            return None
        item = _build(sub["items"])
        if item is None:
            return None
    shortest, longest = sub.get("minItems"), sub.get("maxItems")

    def array_ok(v: Any) -> bool:
        if type(v) is not list:
            return True
        if shortest is not None and len(v) < shortest:
            return False
        if longest is not None and len(v) > longest:
            return False
        return item is None or all(item(x) for x in v)

    return array_ok


def _text_check(sub: dict[str, Any]) -> Callable[[Any], bool]:
    """``minLength``, ``maxLength`` and ``pattern``: a text within them; any other value passes."""
    shortest, longest, pattern = sub.get("minLength"), sub.get("maxLength"), sub.get("pattern")
    search = re.compile(pattern).search if pattern is not None else None

    def text_ok(v: Any) -> bool:
        if type(v) is not str:
            return True
        if shortest is not None and len(v) < shortest:
            return False
        if longest is not None and len(v) > longest:
            return False
        return search is None or search(v) is not None

    return text_ok


def _object_check(sub: dict[str, Any]) -> Callable[[Any], bool] | None:
    """``properties``, ``required`` and ``additionalProperties`` (true, false or a schema): an
    object that has them; any other value passes. None when a property cannot be compiled."""
    extra = sub.get("additionalProperties", True)
    extra_check = None
    if isinstance(extra, dict):
        extra_check = _build(extra)
        if extra_check is None:
            return None
    elif extra is not True and extra is not False:
        return None
    props: dict[str, Callable[[Any], bool]] = {}
    for name, prop in sub.get("properties", {}).items():
        compiled = _build(prop) if isinstance(prop, dict) else None
        if compiled is None:
            return None
        props[name] = compiled
    required = tuple(sub.get("required", ()))

    def object_ok(v: Any) -> bool:
        if type(v) is not dict:
            return True
        for name in required:
            if name not in v:
                return False
        for name, item in v.items():
            check = props.get(name)
            if check is None:
                if extra is False or (extra_check is not None and not extra_check(item)):
                    return False
            elif not check(item):
                return False
        return True

    return object_ok


def _schema_errors(data: Any) -> list[Any]:
    whole = _compile(_schema_doc())
    # what load returns is a dict by another name (_Checked); the quick check takes exact types
    if whole is not None and whole(dict(data) if type(data) is _Checked else data):
        return []  # plainly valid: jsonschema (and its import, ~40 ms) not needed
    validator = _validator()
    checked = data
    if isinstance(data, dict):
        props = validator.schema.get("properties", {})
        checked = dict(data)
        for key, value in data.items():
            sub = props.get(key)
            if (
                sub is not None
                and isinstance(value, list)
                and set(sub) <= {"type", "items", "description"}
                and sub.get("type") == "array"
                and isinstance(sub.get("items"), dict)
                and (check := _compile(sub["items"])) is not None
                and all(check(item) for item in value)
            ):
                checked[key] = []  # every item valid: nothing for jsonschema to say
    return list(validator.iter_errors(checked))


def validate(data: Any) -> list[str]:
    """Schema first (jsonschema names the path), then what a schema cannot say. Returns the
    minutes' texts as stored (cleaned), for the import not to clean them a second time."""
    if not isinstance(data, _Checked):
        _check_values(data)
    _check_schema(data)
    meeting = data["meeting"]
    day = _check_meeting_head(meeting)
    phase_count = _check_agenda(data)
    for i, official in enumerate(data.get("officials", [])):
        _text(official["name"], f"officials[{i}].name", required=True)
    _check_meeting_times(meeting)
    speakers = data.get("speakers", [])
    _check_speakers(speakers)
    _check_slots(data.get("slots", []), len(speakers))
    texts = _check_minutes(data.get("minutes", []), len(speakers), phase_count)
    _check_events(data.get("events", []))
    _check_checklist_and_publication(data)
    _check_profile(data.get("profile") or {})
    for i, p in enumerate(data.get("petitions", [])):
        _check_petition(p, f"petitions[{i}]", len(speakers), day)
    _check_seals(data)
    return texts


def _check_schema(data: Any) -> None:
    """The first of jsonschema's findings, the one nearest the top of the file."""
    errors = sorted(_schema_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        first = min(errors, key=lambda e: (len(e.absolute_path), [str(p) for p in e.absolute_path]))
        key, params = _message(first)
        raise MeetingFileError(key, json_path(first.absolute_path), **params)


def _check_meeting_head(meeting: dict[str, Any]) -> dt.date:
    """The meeting's date, place names, chair, secretary and slot; returns its date."""
    day = _date(meeting["date"], "meeting.date")
    _text(meeting["commune"], "meeting.commune", required=True)
    _text(meeting["village"], "meeting.village", required=True)
    for key in ("chair", "secretary"):
        if meeting.get(key):
            _text(meeting[key]["name"], f"meeting.{key}.name", required=True)
    slot_minutes = meeting.get("slot_minutes", 5)
    if not 0.5 <= slot_minutes <= 60:
        raise MeetingFileError("prep.slot_range", "meeting.slot_minutes")
    return day


def _check_agenda(data: dict[str, Any]) -> int:
    """The file's agenda (or the default one) and the meeting's phase in it; returns its length."""
    agenda = data.get("agenda") or DEFAULT_AGENDA
    for i, phase in enumerate(data.get("agenda") or []):
        _text(phase["name"], f"agenda[{i}].name", required=True)
        for key in ("started_at", "ended_at"):
            if phase.get(key):
                _stamp(phase[key], f"agenda[{i}].{key}")
    if not -1 <= data["meeting"].get("phase_index", -1) < len(agenda):
        raise MeetingFileError("mf.no_phase", "meeting.phase_index")
    return len(agenda)


def _check_meeting_times(meeting: dict[str, Any]) -> None:
    for key in ("announced_on",):
        if meeting.get(key):
            _date(meeting[key], f"meeting.{key}")
    for key in ("start", "end"):
        if meeting.get(key):
            _time(meeting[key], f"meeting.{key}")
    for key in ("started_at", "ended_at", "last_seen_at"):
        if meeting.get(key):
            _stamp(meeting[key], f"meeting.{key}")


def _check_speakers(speakers: list[dict[str, Any]]) -> None:
    for i, s in enumerate(speakers):
        _text(s["name"], f"speakers[{i}].name", required=True)
        if s.get("follows") is not None and s["follows"] >= len(speakers):
            raise MeetingFileError("mf.no_speaker", f"speakers[{i}].follows")


def _check_slots(slots: list[dict[str, Any]], speaker_count: int) -> None:
    for i, slot in enumerate(slots):
        if slot["speaker"] >= speaker_count:
            raise MeetingFileError("mf.no_speaker", f"slots[{i}].speaker")
        if not slot.get("started_at"):
            raise MeetingFileError("required", f"slots[{i}].started_at")
        for key in ("started_at", "paused_at", "ended_at"):
            if slot.get(key):
                _stamp(slot[key], f"slots[{i}].{key}")
        if slot["limit_seconds"] > _DAY_SECONDS:
            raise MeetingFileError(
                "mf.out_of_range",
                f"slots[{i}].limit_seconds",
                value=shown(slot["limit_seconds"]),
            )
        if slot.get("paused_total", 0) > _DAY_SECONDS:
            raise MeetingFileError(
                "mf.out_of_range", f"slots[{i}].paused_total", value=shown(slot["paused_total"])
            )


def _check_minutes(
    minutes: list[dict[str, Any]], speaker_count: int, phase_count: int
) -> list[str]:
    """The entries' references, texts and times; returns their texts cleaned."""
    texts = []
    for i, entry in enumerate(minutes):
        if entry.get("speaker") is not None and entry["speaker"] >= speaker_count:
            raise MeetingFileError("mf.no_speaker", f"minutes[{i}].speaker")
        if entry.get("phase", -1) >= phase_count:
            raise MeetingFileError("mf.no_phase", f"minutes[{i}].phase")
        texts.append(_text(entry["text"], f"minutes[{i}].text", multiline=True))
        created = entry.get("created_at")
        if created:
            _stamp(created, f"minutes[{i}].created_at")
        updated = entry.get("updated_at")
        if updated and updated != created:  # most entries were not edited later
            _stamp(updated, f"minutes[{i}].updated_at")
    return texts


def _check_events(events: list[dict[str, Any]]) -> None:
    for i, event in enumerate(events):
        if not event.get("at"):
            raise MeetingFileError("required", f"events[{i}].at")
        _stamp(event["at"], f"events[{i}].at")


def _check_checklist_and_publication(data: dict[str, Any]) -> None:
    for i, item in enumerate(data.get("checklist", [])):
        _date(item["done_on"], f"checklist[{i}].done_on")
    for i, item in enumerate(data.get("publication", [])):
        _date(item["done_on"], f"publication[{i}].done_on")
        _text(item.get("hamlet", ""), f"publication[{i}].hamlet")


def _check_profile(profile: dict[str, Any]) -> None:
    for key, value in profile.items():
        if isinstance(value, str):
            _text(value, f"profile.{key}")
        elif isinstance(value, list):
            for j, item in enumerate(value):
                _text(item, f"profile.{key}[{j}]")
        else:
            for doc, lines in value.items():
                for j, item in enumerate(lines):
                    _text(item, f"profile.{key}.{doc}[{j}]")


def _check_seals(data: dict[str, Any]) -> None:
    """The seal chain (SPEC §7c) as a chain: only on a concluded meeting, numbered 1, 2, …,
    each linked to the one before, each digest what its contents give. A file whose seal does
    not add up is refused: its biên bản would print "được hội nghị thông qua" and a code that
    nothing stands behind."""
    seals = data.get("seals") or []
    if seals and data["meeting"].get("status") not in ("concluded", "closed"):
        raise MeetingFileError("mf.seal_not_concluded", "seals")
    previous = ""
    for i, seal in enumerate(seals):
        where = f"seals[{i}]"
        if seal["seq"] != i + 1:
            raise MeetingFileError("mf.seal_order", f"{where}.seq", number=i + 1)
        _stamp(seal["at"], f"{where}.at")
        if seal.get("previous", "") != previous:
            raise MeetingFileError("mf.seal_chain", f"{where}.previous")
        expected = seal_digest(
            meeting_id=seal["meeting"],
            seq=seal["seq"],
            at=seal["at"],
            by=seal["by"],
            why=seal.get("why", ""),
            change=seal.get("change", {}),
            previous=previous,
            items=seal["items"],
        )
        if seal["digest"] != expected:
            raise MeetingFileError("mf.seal_digest", f"{where}.digest")
        previous = seal["digest"]


def _check_petition(p: dict[str, Any], where: str, speaker_count: int, day: dt.date) -> None:
    _text(p["content"], f"{where}.content", required=True, multiline=True)
    if p.get("speaker") is not None and p["speaker"] >= speaker_count:
        raise MeetingFileError("mf.no_speaker", f"{where}.speaker")
    if p.get("answered_in") is not None and p["answered_in"] >= speaker_count:
        raise MeetingFileError("mf.no_speaker", f"{where}.answered_in")
    if p.get("outcome") == "forwarded" and not (p.get("forwarded_to") or "").strip():
        raise MeetingFileError("mf.need_receiver", f"{where}.forwarded_to")
    if p.get("forward_task"):
        _text(p["forward_task"], f"{where}.forward_task", multiline=True)
    if p.get("outcome") is not None and not is_ordinary(p.get("kind")):
        raise MeetingFileError(law_refusal(p["kind"]), f"{where}.outcome")
    if p.get("answered_by"):
        _text(p["answered_by"]["name"], f"{where}.answered_by.name", required=True)
    assignment = p.get("assignment")
    if assignment:
        _text(assignment["responsible"], f"{where}.assignment.responsible", required=True)
        if assignment.get("due"):
            due = _date(assignment["due"], f"{where}.assignment.due")
            if due < day:
                raise MeetingFileError("mf.due_before", f"{where}.assignment.due")
        if assignment.get("answered_on"):
            _date(assignment["answered_on"], f"{where}.assignment.answered_on")


def _message(error: Any) -> tuple[str, dict[str, Any]]:
    """jsonschema's finding as an error key and its values; a value is shown clipped."""
    kind = error.validator
    value = error.instance
    if kind == "required":
        return "mf.missing_key", {"key": shown(error.message.split(chr(39))[1])}
    if kind == "minLength":
        return "required", {}
    if kind == "maxLength":
        return "text.too_long", {"length": len(value), "limit": error.validator_value}
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = [k for k in value if k not in known]
        return "mf.unknown_key", {"key": shown(", ".join(extra))}
    if kind == "type":
        wanted = error.validator_value
        names = [wanted] if isinstance(wanted, str) else list(wanted)
        return "mf.wrong_type", {"wanted": " | ".join(names), "value": shown(value)}
    if kind == "pattern":
        return "mf.bad_format", {"value": shown(value)}
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return "mf.out_of_range", {"value": shown(value)}
    if kind in ("minItems", "maxItems"):
        return "mf.item_count", {"count": len(value)}
    return "mf.bad_value", {"value": shown(value)}


def _date(value: str, path: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise MeetingFileError("text.bad_date", path, value=shown(value)) from None
    if not _YEARS[0] <= day.year <= _YEARS[1]:
        raise MeetingFileError("mf.bad_year", path, value=shown(value))
    return day


def _time(value: str, path: str) -> None:
    try:
        dt.time.fromisoformat(value)
    except ValueError:
        raise MeetingFileError("mf.bad_time", path, value=shown(value)) from None


def _stamp(value: str, path: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise MeetingFileError("mf.bad_stamp", path, value=shown(value)) from None
    if not _YEARS[0] <= moment.year <= _YEARS[1]:
        raise MeetingFileError("mf.bad_year", path, value=shown(value))
    return moment


_STORED_FORM = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00")


def _ts(value: str | None) -> str | None:
    """A validated timestamp as the store keeps it (with its offset; a time written without
    one is the commune's local time)."""
    if not value:
        return None
    if _STORED_FORM.fullmatch(value):
        return value  # already as stamp() writes it (Vietnam has been +07:00 since 1975)
    from facilitator.rules.clock import TZ, stamp

    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=TZ)
    return stamp(moment)


def _text(value: str, path: str, *, required: bool = False, multiline: bool = False) -> str:
    try:
        text = clean(value, multiline=multiline, limit=MAX_LONG)
    except TextError as exc:
        raise MeetingFileError.of(exc, path) from exc
    if required and not visible(text):
        raise MeetingFileError("required", path)
    return text


def _c(value: Any, multiline: bool = False) -> Any:
    if isinstance(value, str):
        return clean(value, multiline=multiline, limit=MAX_LONG)
    return value


def _c_profile(profile: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in profile.items():
        if isinstance(value, list):
            out[key] = [_c(x) for x in value]
        elif isinstance(value, dict):
            out[key] = {k: [_c(x) for x in v] for k, v in value.items()}
        else:
            out[key] = _c(value)
    return out


def import_meeting(store: Store, data: dict[str, Any], *, built_in: bool = False) -> int:
    """Validate the whole file, then write it in one transaction; returns the new meeting id.

    ``built_in``: the program's own demo meeting, not a file: it is not validated again at
    every ``facilitator demo`` (jsonschema costs a third of its start-up; a test validates it).
    """
    texts = None if built_in else validate(data)
    m = data["meeting"]
    agenda = data.get("agenda") or [{"name": n, "plan_ref": r} for n, r in DEFAULT_AGENDA]
    with store.write():
        meeting_id = _import_meeting_row(store, data, agenda)
        _import_phase_times(store, meeting_id, agenda)
        _import_officials(store, meeting_id, data.get("officials", []))
        now = store.now()
        ids = _import_speakers(store, meeting_id, data.get("speakers", []), now)
        _import_slots(store, meeting_id, data.get("slots", []), ids)
        _import_minutes(store, meeting_id, data, ids, now, texts)
        petitions = data.get("petitions", [])
        petition_ids = _import_petitions(store, meeting_id, petitions, ids, now)
        _import_assignments(store, dt.date.fromisoformat(m["date"]), petitions, petition_ids)
        _import_profile(store, meeting_id, data)
        _import_checklist(store, meeting_id, data.get("checklist", []))
        _import_publication(store, meeting_id, data.get("publication", []))
        back = {"speaker": ids, "follows": ids, "petition": petition_ids}
        _import_events(store, meeting_id, data.get("events", []), back)
        _import_seals(store, meeting_id, data.get("seals", []))
        # Logged outside the meeting so that export -> import -> export gives the same file.
        store.log(None, "meeting.imported", {"meeting": meeting_id})
    return meeting_id


def _import_meeting_row(store: Store, data: dict[str, Any], agenda: list[dict[str, Any]]) -> int:
    """The meeting itself, with its agenda; returns its id."""
    m = data["meeting"]
    chair = m.get("chair") or {}
    secretary = m.get("secretary") or {}
    number = m.get("number")
    return store.create_meeting(
        commune=_c(m["commune"]),
        village=_c(m["village"]),
        date=m["date"],
        start=m.get("start") or "08:00",
        place=_c(m.get("place", "")),
        organiser=_c(m.get("organiser", "")),
        chair_name=_c(chair.get("name", "")),
        chair_position=_c(chair.get("position", "")),
        secretary_name=_c(secretary.get("name", "")),
        secretary_position=_c(secretary.get("position", "")),
        slot_seconds=round(float(m.get("slot_minutes", 5)) * 60),
        announced_on=m.get("announced_on"),
        number=None if number is None else _c(str(number)),
        legal_basis=[_c(x, True) for x in m.get("legal_basis", [])],
        citizens_present=data.get("citizens_present", 0),
        citizens_by_hamlet={_c(k): v for k, v in m.get("citizens_by_hamlet", {}).items()},
        status=m.get("status", "draft"),
        phase_index=m.get("phase_index", -1),
        registration_open=int(m.get("registration_open", True)),
        first_turns_first=int(bool(m.get("first_turns_first", False))),
        speech_budget_seconds=round(float(m["speech_budget_minutes"]) * 60)
        if m.get("speech_budget_minutes")
        else None,
        started_at=_ts(m.get("started_at")),
        ended_at=_ts(m.get("ended_at")),
        conclusion=_c(m.get("conclusion", ""), True),
        assessment=_c(m.get("assessment", ""), True),
        agenda=[(_c(a["name"]), a.get("plan_ref", "")) for a in agenda],
    )


def _import_phase_times(store: Store, meeting_id: int, agenda: list[dict[str, Any]]) -> None:
    for position, a in enumerate(agenda):
        if a.get("started_at") or a.get("ended_at"):
            store.update_phase(
                meeting_id,
                position,
                started_at=_ts(a.get("started_at")),
                ended_at=_ts(a.get("ended_at")),
            )


def _import_officials(store: Store, meeting_id: int, officials: list[dict[str, Any]]) -> None:
    for seq, o in enumerate(officials):
        store.add_official(
            meeting_id,
            name=_c(o["name"]),
            position=_c(o.get("position", "")),
            group=_c(o.get("group", "")),
            seq=seq,
        )


def _import_speakers(
    store: Store, meeting_id: int, speakers: list[dict[str, Any]], now: str
) -> list[int]:
    """The speakers in the file's order, then who follows whom; returns their new ids."""
    ids = store.add_speakers(
        meeting_id,
        [
            {
                "name": _c(s["name"]),
                "title": s.get("title", ""),
                "hamlet": _c(s.get("hamlet", "")),
                "gist": _c(s.get("gist", ""), True),
                "field": _c(s.get("field", "")),
                "slip": s.get("slip"),
                "registered": s.get("registered", "before"),
                "priority": int(s.get("priority", False)),
                "kind": s.get("kind", "speech"),
                "state": s.get("state", "waiting"),
                "reason": _c(s.get("reason", "")),
                "seq": float(seq),
                "limit_seconds": s.get("limit_seconds"),
                "created_at": now,
            }
            for seq, s in enumerate(speakers, start=1)
        ],
    )
    for s, speaker_id in zip(speakers, ids, strict=True):
        if s.get("follows") is not None:
            store.update_speaker(speaker_id, follows_id=ids[s["follows"]])
    return ids


def _import_slots(
    store: Store, meeting_id: int, slots: list[dict[str, Any]], ids: list[int]
) -> None:
    for slot in slots:
        store.add_slot(
            meeting_id,
            speaker_id=ids[slot["speaker"]],
            role=slot.get("role", "citizen"),
            started_at=cast(str, _ts(slot["started_at"])),  # required by the schema
            paused_at=_ts(slot.get("paused_at")),
            paused_total=slot.get("paused_total", 0),
            limit_seconds=slot["limit_seconds"],
            ended_at=_ts(slot.get("ended_at")),
        )


def entry_text(data: dict[str, Any], entry: dict[str, Any], cleaned: str | None = None) -> str:
    """A minutes entry's text as stored: cleaned (``cleaned``, when the validation did it),
    and without the header an older release pre-filled for its speaker (the import and a
    document made from the file share this)."""
    text = _c(entry["text"], True) if cleaned is None else cleaned
    speaker = entry.get("speaker")
    if entry.get("kind") == "speech" and speaker is not None and entry.get("header_in_text", True):
        # Written by an older release: the header it pre-filled is the speaker's.
        s = data["speakers"][speaker]
        text = strip_generated_header(
            text, s.get("kind", "speech"), _c(s["name"]), _c(s.get("hamlet", ""))
        )
    return str(text)


def _import_minutes(
    store: Store,
    meeting_id: int,
    data: dict[str, Any],
    ids: list[int],
    now: str,
    texts: list[str] | None,
) -> None:
    """The entries; ``texts``: theirs already cleaned by the validation (None: not validated)."""
    entries: list[EntryValues] = []
    for i, entry in enumerate(data.get("minutes", [])):
        text = entry_text(data, entry, None if texts is None else texts[i])
        speaker = entry.get("speaker")
        created = _ts(entry.get("created_at"))
        updated_at = entry.get("updated_at")
        updated = (
            created if not updated_at or updated_at == entry.get("created_at") else _ts(updated_at)
        )
        entries.append(
            {
                "phase_position": entry.get("phase", -1),
                "speaker_id": ids[speaker] if speaker is not None else None,
                "kind": entry.get("kind", "note"),
                "text": text,
                "created_at": created or now,
                "updated_at": updated or now,
            }
        )
    store.add_entries(meeting_id, entries)


def _import_petitions(
    store: Store, meeting_id: int, petitions: list[dict[str, Any]], ids: list[int], now: str
) -> list[int]:
    """The petitions in the file's order; returns their new ids."""
    return store.add_petitions(
        meeting_id,
        [
            {
                "seq": seq,
                "content": _c(p["content"], True),
                "area": _c(p.get("field", "")),
                "source": _c(p.get("source") or "meeting"),
                "speaker_id": ids[p["speaker"]] if p.get("speaker") is not None else None,
                "answer": _c(p.get("answer"), True),
                "answered_by_name": _c((p.get("answered_by") or {}).get("name")),
                "answered_by_position": _c((p.get("answered_by") or {}).get("position")),
                "outcome": p.get("outcome"),
                "forwarded_to": _c(p.get("forwarded_to")),
                "forward_task": _c(p.get("forward_task"), True) or "",
                "kind": p.get("kind") or "petition",
                "satisfaction": p.get("satisfaction"),
                "answered_in": ids[p["answered_in"]] if p.get("answered_in") is not None else None,
                "created_at": now,
            }
            for seq, p in enumerate(petitions, start=1)
        ],
    )


def _import_assignments(
    store: Store,
    meeting_date: dt.date,
    petitions: list[dict[str, Any]],
    petition_ids: list[int],
) -> None:
    """Each petition's assignment; one without a due date is due by the answer rule."""
    answer_rule = rule("answer", store.rules())
    calendar = store.work_calendar()
    assignments: list[AssignmentValues] = []
    for p, petition_id in zip(petitions, petition_ids, strict=True):
        a = p.get("assignment")
        if a:
            due = a.get("due") or answer_rule.due(meeting_date, calendar).isoformat()
            assignments.append(
                {
                    "petition_id": petition_id,
                    "responsible": _c(a["responsible"]),
                    "task": _c(a.get("task", ""), True),
                    "due": due,
                    "status": a.get("status", "open"),
                    "answered_on": a.get("answered_on"),
                    "answer_form": a.get("answer_form"),
                    "note": _c(a.get("note", ""), True),
                }
            )
    store.add_assignments(assignments)


def _import_profile(store: Store, meeting_id: int, data: dict[str, Any]) -> None:
    if data.get("profile") is not None:
        from facilitator.rules.profile import Profile

        profile = _c_profile(data["profile"])
        store.freeze_profile(meeting_id, Profile.from_dict(profile))
    elif data["meeting"].get("status", "draft") != "draft":
        store.freeze_profile(meeting_id)  # a version 1 meeting already held: today's profile


def _import_checklist(store: Store, meeting_id: int, checklist: list[dict[str, Any]]) -> None:
    for i, item in enumerate(checklist):
        store.set_checklist_done(
            meeting_id, item["key"], _date(item["done_on"], f"checklist[{i}].done_on")
        )


def _import_publication(store: Store, meeting_id: int, publication: list[dict[str, Any]]) -> None:
    for item in publication:
        hamlet = _c(item.get("hamlet", "")) if item["channel"] == "hamlet" else ""
        store.set_publication(
            meeting_id, item["channel"], hamlet, dt.date.fromisoformat(item["done_on"])
        )


def _import_events(
    store: Store, meeting_id: int, events: list[dict[str, Any]], back: dict[str, list[int]]
) -> None:
    for e in events:
        payload = {
            # an index into the file's lists; anything else (negative, too big, not a
            # number) is carried as it came
            k: (back[k][v] if k in back and isinstance(v, int) and 0 <= v < len(back[k]) else v)
            for k, v in (e.get("payload") or {}).items()
        }
        store.add_imported_event(
            meeting_id, _ts(e["at"]), e.get("actor", "import"), e["kind"], payload
        )


def _import_seals(store: Store, meeting_id: int, seals: list[dict[str, Any]]) -> None:
    """The seal chain as the file carries it (hashed: kept as it is, NFC), each marked with the
    meeting's number where it was sealed: the imported meeting reads as sealed (its biên bản
    says "được hội nghị thông qua" with the same code) and changes only by amendment."""
    for seal in seals:
        store.add_seal(
            meeting_id,
            seq=seal["seq"],
            sealed_at=seal["at"],
            sealed_by=unicodedata.normalize("NFC", seal["by"]),
            reason=unicodedata.normalize("NFC", seal.get("why", "")),
            change=json.dumps(seal.get("change", {}), ensure_ascii=False, sort_keys=True),
            previous=seal.get("previous", ""),
            items=json.dumps({"meeting": seal["meeting"], "items": seal["items"]}),
            digest=seal["digest"],
        )
