"""Every meeting file is imported whole and usable, or refused with one short line naming
the JSON path of the first problem (issue 12.3)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import MeetingFileError, import_meeting, load


def counts(store) -> dict[str, int]:
    tables = ("meetings", "phases", "speakers", "petitions", "minutes", "slots", "events")
    return {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def played() -> dict:
    """A meeting file with slots, minutes and events (the demo file has none)."""
    data = copy.deepcopy(demo_meeting())
    data["meeting"].update(status="live", phase_index=2, started_at="2021-10-28T08:00:00+07:00")
    data["slots"] = [
        {
            "speaker": 0,
            "started_at": "2021-10-28T08:10:00+07:00",
            "limit_seconds": 300,
            "ended_at": "2021-10-28T08:14:00+07:00",
        }
    ]
    data["minutes"] = [
        {"phase": 2, "speaker": 0, "kind": "speech", "text": "Ông A phát biểu:"},
    ]
    data["events"] = [{"at": "2021-10-28T08:10:00+07:00", "kind": "speaker.called"}]
    data["agenda"] = [{"name": n} for n in ("Khai mạc", "Thông báo", "Phát biểu")]
    return data


def refused(store, tmp_path: Path, text: str) -> str:
    """Import the file text as the command line does; return the one-line refusal."""
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = counts(store)
    with pytest.raises(MeetingFileError) as err:
        import_meeting(store, load(path))
    assert counts(store) == before  # nothing written
    message = str(err.value)
    assert "\n" not in message and len(message) <= 200, message
    return message


def with_value(where: list, value_text: str) -> str:
    """The played file with one value replaced by raw JSON text (NaN, 1e999, \\ud800...)."""
    data = played()
    node = data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = "@@VALUE@@"
    return json.dumps(data, ensure_ascii=False).replace('"@@VALUE@@"', value_text)


def test_played_file_imports(store):
    meeting_id = import_meeting(store, played())
    assert store.meeting(meeting_id).phase_index == 2


def test_a_huge_value_is_shown_clipped_with_control_characters_escaped(store, tmp_path):
    message = refused(store, tmp_path, with_value(["meeting", "date"], json.dumps("\x1b" * 5_000)))
    assert message.startswith("meeting.date: ")
    assert "\\x1b" in message and "\x1b" not in message
    assert len(message) < 120
    message = refused(
        store, tmp_path, with_value(["speakers", 0, "gist"], json.dumps("a" * 500_000))
    )
    assert message == "speakers[0].gist: quá dài: 500000 ký tự, tối đa 20000"


def test_a_huge_unknown_key_is_clipped(store, tmp_path):
    data = played()
    data["speakers"][0]["x" * 100_000] = 1
    message = refused(store, tmp_path, json.dumps(data))
    assert message.startswith("speakers[0]: ") and len(message) < 150


@pytest.mark.parametrize(
    ("where", "value", "path", "words"),
    [
        (["speakers", 0, "name"], '"\\ud800abc"', "speakers[0].name", "ký tự không hợp lệ"),
        (["petitions", 1, "speaker"], "1.0", "petitions[1].speaker", "không phải 1.0"),
        (["citizens_present"], "9" * 30, "citizens_present", "số quá lớn"),
        (["speakers", 0, "slip"], str(2**63), "speakers[0].slip", "số quá lớn"),
        (["meeting", "date"], '"9999-12-31"', "meeting.date", "năm ngoài khoảng"),
        (["meeting", "slot_minutes"], "NaN", "meeting.slot_minutes", "NaN"),
        (["meeting", "slot_minutes"], "1e999", "meeting.slot_minutes", "không phải là số"),
        (["slots", 0, "paused_total"], "-Infinity", "slots[0].paused_total", "Infinity"),
    ],
)
def test_python_messages_replaced_by_a_named_path(store, tmp_path, where, value, path, words):
    message = refused(store, tmp_path, with_value(where, value))
    assert message.startswith(f"{path}: "), message
    assert words in message


def test_json_nested_too_deep(store, tmp_path):
    message = refused(store, tmp_path, "[" * 100_000 + "]" * 100_000)
    assert "lồng nhau quá sâu" in message
    data = played()
    data["events"][0]["payload"] = json.loads("[" * 50 + "]" * 50)
    message = refused(store, tmp_path, json.dumps(data))
    assert message.startswith("events[0].payload[0]") and "lồng nhau quá sâu" in message


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["agenda"][0].update(started_at="2026-02-30T25:99"), "agenda[0].started_at"),
        (lambda d: d["minutes"][0].update(created_at="2026-02-30T25:99"), "minutes[0].created_at"),
        (lambda d: d["events"][0].update(at="2026-02-30T25:99"), "events[0].at"),
        (lambda d: d["events"][0].update(at=None), "events[0].at"),
        (lambda d: d["slots"][0].update(started_at=None), "slots[0].started_at"),
        (lambda d: d["meeting"].update(phase_index=3), "meeting.phase_index"),
        (lambda d: d["minutes"][0].update(phase=7), "minutes[0].phase"),
        (lambda d: d["speakers"][0].update(name="\u200b\u200c\u200d\ufeff"), "speakers[0].name"),
        (lambda d: d["meeting"].update(village="\u2060\u200b"), "meeting.village"),
        (lambda d: d["agenda"][1].update(name="\u200d"), "agenda[1].name"),
        (lambda d: d["officials"][0].update(name="\u200b"), "officials[0].name"),
        (lambda d: d["meeting"].update(slot_minutes=1e-300), "meeting.slot_minutes"),
        (lambda d: d["slots"][0].update(limit_seconds=10**15), "slots[0].limit_seconds"),
        (
            lambda d: d["petitions"][0].update(forwarded_to="x" * 20_001),
            "petitions[0].forwarded_to",
        ),
    ],
)
def test_files_that_would_break_the_program_are_refused(store, tmp_path, mutate, path):
    data = played()
    mutate(data)
    message = refused(store, tmp_path, json.dumps(data, ensure_ascii=False))
    assert message.startswith(f"{path}: "), message


def test_timestamps_without_offset_are_local_time(store):
    data = played()
    data["slots"][0].update(started_at="2021-10-28T08:10", ended_at="2021-10-28T08:14")
    meeting_id = import_meeting(store, data)
    slot = store.slots(meeting_id)[0]
    assert slot.slot.started_at.utcoffset().total_seconds() == 7 * 3600
