import datetime as dt
import unicodedata

import pytest

from facilitator.rules.text import (
    TextError,
    clean,
    date_words,
    fold,
    parse_date,
    slug,
    sort_names,
    time_words,
)


def test_nfd_input_is_stored_nfc():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")
    assert nfd != "Nguyễn Thị Hằng"
    assert clean(nfd) == "Nguyễn Thị Hằng"
    assert unicodedata.is_normalized("NFC", clean(nfd))


def test_control_characters_removed_and_spaces_collapsed():
    assert clean("  Trần\x00 Văn\x07\t  An \u200b") == "Trần Văn An"
    assert clean("dòng 1\r\ndòng\x1b 2\n\n", multiline=True) == "dòng 1\ndòng 2"
    assert clean("a\nb") == "a b"


def test_too_long_text_is_refused_not_cut():
    assert len(clean("x" * 20_000, multiline=True, limit=20_000)) == 20_000
    with pytest.raises(TextError, match="20001"):
        clean("x" * 20_001, multiline=True, limit=20_000)


def test_fold_ignores_diacritics_case_and_spacing():
    assert fold("Nguyễn  Văn Đức") == "nguyen van duc"
    assert fold("NGUYEN VAN DUC") == fold("nguyễn văn đức")
    assert fold("Lê Thị Thu") == fold("Lê Thị Thú")


def test_names_sort_by_given_name_then_family_with_vietnamese_alphabet():
    names = [
        "Trần Văn Đông",
        "Nguyễn Văn Dũng",
        "Lê Thị Ánh",
        "Phạm Văn An",
        "Vũ Thị Ân",
        "Hoàng Văn Ăn",
        "Bùi Thị An",
    ]
    assert sort_names(names) == [
        "Bùi Thị An",  # An: given names equal, then family Bùi < Phạm
        "Phạm Văn An",
        "Lê Thị Ánh",  # a-n-h after a-n
        "Hoàng Văn Ăn",  # ă after a
        "Vũ Thị Ân",  # â after ă
        "Nguyễn Văn Dũng",  # d before đ
        "Trần Văn Đông",
    ]


def test_tones_order_after_letters():
    assert sort_names(["Lê Má", "Lê Mà", "Lê Ma", "Lê Mạ", "Lê Mả", "Lê Mã"]) == [
        "Lê Ma",
        "Lê Mà",
        "Lê Mả",
        "Lê Mã",
        "Lê Má",
        "Lê Mạ",
    ]


def test_date_words_follow_decree_30():
    assert date_words(dt.date(2021, 10, 28), "Bình Lãng") == "Bình Lãng, ngày 28 tháng 10 năm 2021"
    assert date_words(dt.date(2022, 1, 5)) == "ngày 05 tháng 01 năm 2022"
    assert date_words(dt.date(2022, 2, 9)) == "ngày 09 tháng 02 năm 2022"
    assert date_words(dt.date(2022, 6, 15)) == "ngày 15 tháng 6 năm 2022"
    assert time_words(dt.time(8, 0)) == "08 giờ 00 phút"
    assert time_words(dt.time(14, 5)) == "14 giờ 05 phút"


def test_parse_date_accepts_what_users_type_and_refuses_impossible_dates():
    assert parse_date("28/10/2021") == dt.date(2021, 10, 28)
    assert parse_date("2021-10-28") == dt.date(2021, 10, 28)
    assert parse_date("5-1-2022") == dt.date(2022, 1, 5)
    for bad in ("31/02/2022", "hôm qua", "2021-13-01", ""):
        with pytest.raises(TextError):
            parse_date(bad)


def test_slug_is_windows_safe_ascii():
    assert slug("Đông Phong") == "dong-phong"
    assert slug('Thôn: "Bắc/Nam" *?') == "thon-bac-nam"
