"""Two writers (desk and secretary) and a reader (chair) on one file, in three processes."""

from __future__ import annotations

import os

import pytest
from reliability_harness import report, writers_run


def check(figures: dict) -> None:
    assert figures["finished"], figures["stderr"]
    assert figures["acknowledged"] > 0
    assert figures["lost"] == 0
    assert figures["locked"] == 0
    assert figures["errors"] == 0
    assert figures["undos_of_another_window"] == 0
    assert figures["mismatched_reads"] == 0
    assert figures["reads"] > 0
    assert figures["integrity_problems"] == []


def test_two_writers_and_a_reader(tmp_path):
    figures = writers_run(tmp_path / "writers.db", seconds=2, seed=11)
    report("writers-short", figures)
    check(figures)


@pytest.mark.soak
def test_two_writers_and_a_reader_soak(tmp_path):
    seconds = float(os.environ.get("SOAK_WRITER_SECONDS", "600"))
    figures = writers_run(tmp_path / "writers.db", seconds=seconds, seed=23)
    report("writers-soak", figures)
    check(figures)
