"""After the meeting: the publication record (T+10) and the petitioners' satisfaction (plan V.1)."""

import copy
import datetime as dt
import io

import pytest
from docx import Document
from textual.widgets import DataTable, Input

from facilitator.app import make_app
from facilitator.documents import build
from facilitator.services import followup
from facilitator.services import publication as pub
from facilitator.services.demo import demo_meeting, play_demo
from facilitator.services.live import Console, RuleError
from facilitator.services.meetingfile import export_meeting, import_meeting
from tests.test_cli import run

D = dt.date


@pytest.fixture
def held(store, clock):
    """The demo meeting played to its conclusion; its commune profile lists two thôn."""
    data = demo_meeting()
    data["profile"]["hamlets"] = ["Đông Phong", "Tây Phong"]
    console = Console(store, import_meeting(store, data))
    play_demo(console, clock.advance)
    clock.advance(7 * 86400)  # the publication is recorded once done, days later
    return console


def publish_item(store, meeting_id):
    return next(i for i in followup.checklist(store, meeting_id) if i.key == "publication")


def test_publication_done_only_when_every_channel_is_ticked(held):
    store, mid = held.store, held.meeting_id
    items = pub.publication(store, mid)
    assert [(i.channel, i.hamlet, i.done_on) for i in items] == [
        ("office", "", None),
        ("hamlet", "Đông Phong", None),
        ("hamlet", "Tây Phong", None),
        ("radio", "", None),
    ]
    pub.record_publication(store, mid, "office", "", D(2021, 10, 29))
    pub.record_publication(store, mid, "hamlet", "Đông Phong", D(2021, 11, 1))
    pub.record_publication(store, mid, "radio", "", D(2021, 10, 30))
    assert publish_item(store, mid).done_on is None  # Tây Phong not yet
    assert not pub.is_published(store, mid)
    pub.record_publication(store, mid, "hamlet", "Tây Phong", D(2021, 11, 2))
    item = publish_item(store, mid)
    assert (item.done_on, item.due, item.status(D(2021, 11, 10))) == (
        D(2021, 11, 2),  # the last of the four dates
        D(2021, 11, 8),
        "done",
    )
    pub.record_publication(store, mid, "radio", "", None)  # untick: open again
    assert publish_item(store, mid).done_on is None
    with pytest.raises(RuleError) as refused:
        pub.record_publication(store, mid, "office", "", D(2021, 10, 27))
    assert str(refused.value) == "ngày công khai trước ngày hội nghị"
    with pytest.raises(RuleError) as refused:
        pub.record_publication(store, mid, "hamlet", "Bắc Phong", D(2021, 11, 2))
    assert str(refused.value) == "không có thôn Bắc Phong trong hồ sơ của xã"


def test_satisfaction_only_for_answered_petitions_cycles_with_one_key(held, clock):
    store, mid = held.store, held.meeting_id
    answered = [p for _m, p in pub.answered_petitions(store)]
    assert [p.content for p in answered] == [
        "Đề nghị cho biết tiến độ giải quyết hồ sơ người có công của gia đình bà"
    ]
    assert [pub.next_satisfaction(v) for v in (None, *pub.SATISFACTION)] == [
        "satisfied",
        "unsatisfied",
        "no_opinion",
        None,
    ]
    pub.set_satisfaction(store, answered[0].id, "unsatisfied")
    assert store.petition(answered[0].id).satisfaction == "unsatisfied"
    assigned = next(p for p in store.petitions(mid) if p.outcome == "assigned")
    with pytest.raises(RuleError) as refused:
        pub.set_satisfaction(store, assigned.id, "satisfied")
    assert str(refused.value) == "chỉ hỏi ý kiến người kiến nghị sau khi đã trả lời"
    clock.advance(60 * 86400)  # the answers are recorded once given, weeks later
    followup.record_answer(store, assigned.assignment.id, D(2021, 11, 10), "written")
    pub.set_satisfaction(store, assigned.id, "satisfied")  # answered since: asked
    assert store.petition(assigned.id).satisfaction == "satisfied"


def report_lines(store, mid) -> list[str]:
    d = Document(io.BytesIO(build(store, mid, "report", as_of=D(2021, 11, 25))))
    return [p.text for p in d.paragraphs if p.text.strip()]


def test_report_counts_satisfaction_by_outcome_and_field(held, clock):
    store, mid = held.store, held.meeting_id
    text = report_lines(store, mid)
    assert (
        "Ý kiến của người kiến nghị về kết quả trả lời: chưa lấy ý kiến (1 ý kiến đã được trả "
        "lời)." in text
    )
    petitions = store.petitions(mid)
    answered = next(p for p in petitions if p.outcome == "answered")
    pub.set_satisfaction(store, answered.id, "satisfied")
    clock.advance(60 * 86400)  # the answers are recorded once given, weeks later
    for p in [p for p in petitions if p.outcome == "assigned"][:2]:
        followup.record_answer(store, p.assignment.id, D(2021, 11, 12), "direct")
    first, second = [p for p in store.petitions(mid) if p.outcome == "assigned"][:2]
    pub.set_satisfaction(store, first.id, "unsatisfied")
    text = report_lines(store, mid)
    i = text.index(
        "Ý kiến của người kiến nghị về kết quả trả lời (3 ý kiến đã được trả lời): 1 hài lòng, "
        "1 chưa hài lòng, 1 chưa lấy ý kiến; trong đó:"
    )
    assert text[i + 1 : i + 3] == [
        "- Theo kết quả giải quyết: Giao giải quyết: 1 chưa hài lòng, 1 chưa lấy ý kiến; Đã trả "
        "lời tại hội nghị: 1 hài lòng;",
        f"- Theo lĩnh vực: {first.area}: 1 chưa hài lòng; {second.area}: 1 chưa lấy ý kiến; "
        "Chính sách xã hội: 1 hài lòng.",
    ]


def test_meeting_file_round_trip_with_satisfaction_and_publication(held, store):
    mid = held.meeting_id
    pub.record_publication(store, mid, "office", "", D(2021, 10, 29))
    pub.record_publication(store, mid, "hamlet", "Tây Phong", D(2021, 11, 2))
    answered = next(p for p in store.petitions(mid) if p.outcome == "answered")
    pub.set_satisfaction(store, answered.id, "no_opinion")
    data = export_meeting(store, mid)
    assert data["publication"] == [
        {"channel": "hamlet", "hamlet": "Tây Phong", "done_on": "2021-11-02"},
        {"channel": "office", "hamlet": "", "done_on": "2021-10-29"},
    ]
    assert [p.get("satisfaction") for p in data["petitions"]].count("no_opinion") == 1
    again = import_meeting(store, copy.deepcopy(data))
    out = export_meeting(store, again)
    assert (out["publication"], out["petitions"]) == (data["publication"], data["petitions"])
    # a file of an older release has neither key: it imports with nothing published or asked
    older = demo_meeting()
    assert "publication" not in older
    mid = import_meeting(store, older)
    assert store.publications(mid) == {}
    assert {p.satisfaction for p in store.petitions(mid)} == {None}


async def test_followup_screen_publication_form_and_satisfaction_key(tmp_path, clock):
    app = make_app(tmp_path / "m.db", clock=clock, export_dir=tmp_path / "out")
    store = app.store
    mid = import_meeting(store, demo_meeting())
    play_demo(Console(store, mid), clock.advance)
    clock.advance(7 * 86400)  # the publication is recorded once done, days later
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f5")  # home: follow-up
        await pilot.pause()
        duties = app.screen.query_one("#checklist", DataTable)
        duties.focus()
        duties.move_cursor(row=duties.get_row_index(f"{mid}:publication"))
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert [f.key for f in form.fields] == ["office", "hamlet1", "radio"]
        form.query_one("#f-office", Input).value = "29/10/2021"
        form.query_one("#f-hamlet1", Input).value = "01/11/2021"
        form.query_one("#f-office").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert publish_item(store, mid).done_on is None  # the radio is not ticked
        assert "☐ Công khai kết quả" in str(duties.get_row(f"{mid}:publication"))
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#f-radio", Input).value = "02/11/2021"
        app.screen.query_one("#f-radio").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert publish_item(store, mid).done_on == D(2021, 11, 2)
        assert "☑ Công khai kết quả" in str(duties.get_row(f"{mid}:publication"))
        # the petitioner's answer: one key (H) on the answered petitions' table
        answered = app.screen.query_one("#answered", DataTable)
        answered.focus()
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        petition = next(p for p in store.petitions(mid) if p.outcome == "answered")
        assert petition.satisfaction == "satisfied"
        assert answered.get_row_at(0)[0] == "hài lòng"
        await pilot.press("f3", "f3")
        await pilot.pause()
        assert store.petition(petition.id).satisfaction == "no_opinion"
        assert answered.get_row_at(0)[0] == "không ý kiến"


def test_cli_publish(tmp_path, clock):
    db = tmp_path / "f.db"
    from db.store import open_store

    store = open_store(db, clock=clock)
    mid = import_meeting(store, demo_meeting())
    play_demo(Console(store, mid), clock.advance)
    store.close()
    out = run("publish", str(mid), "--office", "29/10/2021", "--radio", "30/10/2021", db=db)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        "☑ 29/10/2021  Niêm yết tại trụ sở UBND xã",
        "☐             Gửi Trưởng thôn Đông Phong",
        "☑ 30/10/2021  Thông báo trên đài truyền thanh",
        "Chưa công khai đủ các nơi: việc 'Công khai kết quả' chưa xong.",
    ]
    out = run("publish", str(mid), "--hamlet", "Đông  Phong=2021-11-01", db=db)
    assert out.stdout.splitlines()[-1] == (
        "Đã công khai kết quả đủ các nơi: việc 'Công khai kết quả' đã xong."
    )
    out = run("publish", str(mid), "--office", "20/10/2021", db=db)
    assert (out.returncode, out.stderr.strip()) == (1, "Lỗi: ngày công khai trước ngày hội nghị")
    out = run("publish", str(mid), "--hamlet", "2021-11-01", db=db)
    assert out.returncode == 2
