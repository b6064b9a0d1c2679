"""Hard kills of a process driving the domain API: every acknowledged action survives."""

from __future__ import annotations

import os

import pytest
from reliability_harness import kill_run, report


def check(figures: dict) -> None:
    assert figures["acknowledged"] > figures["kills"]  # each run acknowledged something
    assert figures["lost_examples"] == []
    assert figures["lost"] == 0
    assert figures["integrity_problems"] == []


def test_hard_kills_lose_no_acknowledged_action(tmp_path):
    figures = kill_run(tmp_path / "kills.db", kills=4, seed=1, max_alive=0.3)
    report("kills-short", figures)
    check(figures)


@pytest.mark.soak
def test_hard_kills_soak(tmp_path):
    kills = int(os.environ.get("SOAK_KILLS", "1000"))
    figures = kill_run(tmp_path / "kills.db", kills=kills, seed=7)
    report("kills-soak", figures)
    check(figures)
