"""Preparing a meeting (chuẩn bị): creating it from what the secretary types."""

from __future__ import annotations

import datetime as dt
from typing import Any

from db.store import Store
from facilitator.live import RuleError
from facilitator.text import TextError, clean, parse_date


def create_meeting(store: Store, values: dict[str, Any]) -> int:
    """Validate the new-meeting form and create a draft meeting with the default agenda."""
    out: dict[str, Any] = {}
    for key in ("commune", "village", "place", "chair", "secretary"):
        try:
            out[key] = clean(values.get(key, ""))
        except TextError as exc:
            raise RuleError(str(exc), key) from exc
    for key in ("commune", "village"):
        if not out[key]:
            raise RuleError("không được để trống", key)
    try:
        day = parse_date(values.get("date", ""))
    except TextError as exc:
        raise RuleError(str(exc), "date") from exc
    start = (values.get("start") or "08:00").strip()
    try:
        start = dt.time.fromisoformat(start if len(start) == 5 else f"0{start}").strftime("%H:%M")
    except ValueError:
        raise RuleError(f"giờ không hợp lệ: {start} (HH:MM)", "start") from None
    return store.create_meeting(
        {
            "commune": out["commune"],
            "village": out["village"],
            "date": day.isoformat(),
            "start": start,
            "place": out["place"],
            "organiser": f"Ủy ban nhân dân xã {out['commune']}",
            "chair_name": out["chair"],
            "chair_position": "Chủ tịch UBND xã" if out["chair"] else "",
            "secretary_name": out["secretary"],
            "secretary_position": "Công chức Văn phòng - Thống kê" if out["secretary"] else "",
        }
    )
