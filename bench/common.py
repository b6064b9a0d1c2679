"""Shared set-up for the benchmarks: a meeting of 300 speakers and 3,000 minutes entries."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from db.store import open_store
from facilitator.rules.clock import TZ, FrozenClock, stamp
from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import import_meeting

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hữu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hòa", "Hằng", "Lợi", "Mai", "Nam", "Thành", "Yến"]
HAMLETS = ["xóm Đình", "xóm Giữa", "xóm Chùa", "xóm Bến"]
FIELDS = ["Đất đai", "Giao thông", "Môi trường", "Chính sách xã hội", "Y tế", "Nông nghiệp"]
SENTENCE = (
    "Đề nghị xã quan tâm giải quyết dứt điểm việc đường trục thôn xuống cấp, mùa mưa "
    "ngập sâu, ảnh hưởng đến việc đi lại của nhân dân và học sinh. "
)


def big_meeting(speakers: int = 300, entries: int = 3000, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    data = demo_meeting()
    start = dt.datetime(2021, 10, 28, 8, 0, tzinfo=TZ)
    data["meeting"].update(status="live", phase_index=2, started_at=stamp(start))
    data["speakers"] = [
        {
            "name": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            "hamlet": rng.choice(HAMLETS),
            "gist": SENTENCE[:60],
            "field": rng.choice(FIELDS),
            "registered": "meeting",
            "state": "done" if i < speakers - 20 else "waiting",
        }
        for i in range(speakers)
    ]
    data["minutes"] = [
        {
            "phase": 2,
            "speaker": i % (speakers - 20),
            "kind": "note",
            "text": SENTENCE * rng.randint(1, 4),
            "created_at": stamp(start + dt.timedelta(seconds=3 * i)),
        }
        for i in range(entries)
    ]
    data["petitions"] = [
        {
            "content": SENTENCE.strip(),
            "field": rng.choice(FIELDS),
            "source": "meeting",
            "speaker": i,
            "outcome": "assigned" if i % 3 == 0 else "answered",
            "answer": "Xã sẽ xem xét, trả lời bằng văn bản.",
            "answered_by": {"name": "Lê Văn Nam", "position": "Phó Chủ tịch UBND xã"},
            **(
                {"assignment": {"responsible": "Công chức Địa chính - Xây dựng"}}
                if i % 3 == 0
                else {}
            ),
        }
        for i in range(0, speakers - 20, 2)
    ]
    return data


def make_db(path: Path, data: dict[str, Any] | None = None) -> tuple[int, FrozenClock]:
    clock = FrozenClock(dt.datetime(2021, 10, 28, 10, 0, tzinfo=TZ))
    store = open_store(path, clock=clock)
    meeting_id = import_meeting(store, data or big_meeting())
    store.close()
    return meeting_id, clock
