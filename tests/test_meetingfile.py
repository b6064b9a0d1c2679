import copy
import json
from pathlib import Path

import pytest

from facilitator.services.conclusion import decide
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.meetingfile import (
    MeetingFileError,
    export_meeting,
    import_meeting,
    load,
    schema,
)


def counts(store) -> dict[str, int]:
    tables = ("meetings", "speakers", "petitions", "assignments", "minutes", "slots", "events")
    return {t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def test_round_trip_of_a_whole_meeting(store, console, clock):
    play_demo(console, clock.advance)
    first = export_meeting(store, console.meeting_id)
    again = import_meeting(store, json.loads(json.dumps(first)))
    second = export_meeting(store, again)
    assert second == first
    assert len(first["slots"]) == 6 and len(first["minutes"]) == 14
    assert first["meeting"]["status"] == "concluded"
    assert any(e["kind"] == "speaker.called" for e in first["events"])


def test_schema_ships_and_validates_the_spec_example():
    assert schema()["$schema"].startswith("https://json-schema.org/")
    example = {
        "format": "facilitator.meeting",
        "version": 1,
        "meeting": {
            "commune": "Bình Lãng",
            "village": "Đông Phong",
            "date": "2021-10-28",
            "start": "08:00",
            "place": "Nhà văn hóa thôn Đông Phong",
            "organiser": "Ủy ban nhân dân xã Bình Lãng",
            "chair": {"name": "Trần Xuân Mãng", "position": "Chủ tịch UBND xã"},
            "secretary": {"name": "...", "position": "Công chức Văn phòng - Thống kê"},
            "slot_minutes": 5,
            "announced_on": "2021-10-20",
            "number": None,
        },
        "officials": [{"name": "...", "position": "...", "group": "xã"}],
        "citizens_present": 120,
        "speakers": [
            {
                "name": "A",
                "hamlet": "...",
                "gist": "...",
                "field": "Đất đai",
                "slip": 1,
                "registered": "before",
            }
        ],
        "petitions": [
            {
                "content": "...",
                "field": "...",
                "source": "MTTQ",
                "speaker": None,
                "answer": None,
                "answered_by": None,
                "outcome": None,
            },
            {
                "content": "...",
                "field": "Đất đai",
                "source": "meeting",
                "speaker": 0,
                "answer": "...",
                "answered_by": {"name": "...", "position": "..."},
                "outcome": "assigned",
                "assignment": {"responsible": "...", "task": "...", "due": None, "status": "open"},
            },
        ],
    }
    from facilitator.services.meetingfile import validate

    validate(example)


def test_the_built_in_demo_meeting_is_a_valid_meeting_file():
    # `facilitator demo` imports it without validating it again (start-up time).
    from facilitator.services.meetingfile import validate

    validate(demo_meeting())
    broken = demo_meeting()
    broken["speakers"][0]["name"] = ""
    with pytest.raises(MeetingFileError):
        validate(broken)


def test_missing_due_is_computed_from_the_rule(store):
    data = demo_meeting()
    data["petitions"][0].update(
        outcome="assigned", assignment={"responsible": "Trưởng thôn", "due": None}
    )
    meeting_id = import_meeting(store, data)
    assert str(store.petitions(meeting_id)[0].assignment.due) == "2021-11-18"


def bad(mutate) -> dict:
    data = copy.deepcopy(demo_meeting())
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["speakers"][3].update(name="   "), "speakers[3].name"),
        (lambda d: d["speakers"][3].update(name=""), "speakers[3].name"),
        (lambda d: d["speakers"][2].pop("name"), "speakers[2]"),
        (lambda d: d["meeting"].update(date="2021-02-30"), "meeting.date"),
        (lambda d: d["meeting"].update(date="28/10/2021"), "meeting.date"),
        (lambda d: d["meeting"].update(start="25:00"), "meeting.start"),
        (lambda d: d["petitions"][1].update(speaker=99), "petitions[1].speaker"),
        (lambda d: d["petitions"][0].update(outcome="maybe"), "petitions[0].outcome"),
        (
            lambda d: d["petitions"][0].update(
                outcome="assigned", assignment={"responsible": "X", "due": "2021-10-01"}
            ),
            "petitions[0].assignment.due",
        ),
        (lambda d: d["petitions"][0].update(outcome="forwarded"), "petitions[0].forwarded_to"),
        (lambda d: d.update(version=3), "version"),
        (lambda d: d.update(profile={"signer": 5}), "profile.signer"),
        (lambda d: d.update(profile={"colour": "đỏ"}), "profile"),
        (lambda d: d["speakers"][0].update(nickname="x"), "speakers[0]"),
        (lambda d: d["petitions"][0].update(content="x" * 20_001), "petitions[0].content"),
    ],
)
def test_invalid_file_refused_whole_with_path(store, mutate, path):
    before = counts(store)
    with pytest.raises(MeetingFileError) as err:
        import_meeting(store, bad(mutate))
    assert err.value.path == path
    assert counts(store) == before


def test_unreadable_and_corrupt_files(tmp_path: Path):
    with pytest.raises(MeetingFileError, match="không đọc được"):
        load(tmp_path / "missing.json")
    broken = tmp_path / "b.json"
    broken.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(MeetingFileError, match="dòng 1"):
        load(broken)
    binary = tmp_path / "c.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(MeetingFileError):
        load(binary)


def test_nfd_values_imported_as_nfc(store):
    import unicodedata

    data = demo_meeting()
    data["speakers"][0]["name"] = unicodedata.normalize("NFD", "Nguyễn Văn Thành")
    meeting_id = import_meeting(store, data)
    assert store.speakers(meeting_id)[0].name == "Nguyễn Văn Thành"


def test_assignment_answer_survives_round_trip(store, console):
    pid = store.petitions(console.meeting_id)[0].id
    decide(console, pid, "assigned", responsible="A", task="Làm ngay", due="01/12/2021")
    exported = export_meeting(store, console.meeting_id)
    assert exported["petitions"][0]["assignment"]["due"] == "2021-12-01"
    assert export_meeting(store, import_meeting(store, exported)) == exported
