"""Reading a citizen ID card's QR line (rules.cccd): exact values, never half a reading."""

from __future__ import annotations

import hashlib
import hmac
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.rules.cccd import CardReading, NotACard, hamlet_of, looks_like_code, read_card

SALT = b"s" * 32
LINE = (
    "030068001234|142345678|Nguyễn Văn Thành|12031968|Nam"
    "|Thôn Đông Phong, Bình Lãng, Tứ Kỳ, Hải Dương|10052021"
)
HAMLETS = ["Đông Phong", "Tây Phong", "Xóm Giữa"]


def test_a_card_line_gives_name_title_hamlet_and_a_salted_hash():
    reading = read_card(LINE, salt=SALT, hamlets=HAMLETS)
    expected = hmac.new(SALT, b"030068001234", hashlib.sha256).hexdigest()
    assert reading == CardReading("Nguyễn Văn Thành", "Ông", "Đông Phong", expected)
    assert "030068001234" not in repr(reading) and expected not in repr(reading)


def test_nfd_input_empty_old_number_and_a_woman():
    line = "001175009876||Phạm Thị Hòa|05111975|Nữ|Xóm Giua, Bình Lãng, Hải Dương|01022022"
    reading = read_card(unicodedata.normalize("NFD", line), salt=SALT, hamlets=HAMLETS)
    assert (reading.name, reading.title, reading.hamlet) == ("Phạm Thị Hòa", "Bà", "Xóm Giữa")
    assert unicodedata.is_normalized("NFC", reading.name)


def test_a_name_in_capitals_is_written_as_a_name():
    line = "001175009876||LÒ THỊ MAI|05111975|NỮ|Bản Mới, Mường Lát, Thanh Hóa|01022022"
    reading = read_card(line, salt=SALT)
    assert (reading.name, reading.title, reading.hamlet) == ("Lò Thị Mai", "Bà", "Bản Mới")


@pytest.mark.parametrize(
    ("address", "hamlets", "village", "hamlet"),
    [
        ("Thôn Đông Phong, Bình Lãng, Tứ Kỳ, Hải Dương", HAMLETS, "", "Đông Phong"),
        ("Số 12, thon tay phong, Bình Lãng", HAMLETS, "", "Tây Phong"),  # any part, no accents
        ("Số 12, Thôn Bắc, Bình Lãng", HAMLETS, "", "Số 12"),  # none: the first part
        ("Thôn Đông Phong, Bình Lãng", [], "Đông Phong", "Đông Phong"),  # no list: the village
        ("Tổ 3, Khu Phố Hai, Phường Bắc", [], "Đông Phong", "Tổ 3"),
        ("Ấp Tân Lợi, Xã Tân Hòa", ["ấp tân lợi"], "", "ấp tân lợi"),  # as the profile spells it
    ],
)
def test_the_hamlet_of_an_address(address, hamlets, village, hamlet):
    assert hamlet_of(address, hamlets, village) == hamlet


@pytest.mark.parametrize(
    "line",
    [
        LINE[:60],  # truncated
        LINE.rsplit("|", 1)[0],  # six fields
        LINE + "|x",  # eight
        LINE.replace("030068001234", "03006800123"),  # 11 digits
        LINE.replace("030068001234", "٠٣٠٠٦٨٠٠١٢٣٤"),  # digits of another script
        LINE.replace("12031968", "١٢٠٣١٩٦٨"),
        LINE.replace("142345678", "14234567"),
        LINE.replace("12031968", "31021968"),  # no such date
        LINE.replace("|Nam|", "|X|"),
        LINE.replace("Nguyễn Văn Thành", ""),
        LINE.replace("Nguyễn Văn Thành", "Nguyễn 2"),
        LINE.replace("Thôn Đông Phong, Bình Lãng, Tứ Kỳ, Hải Dương", " "),
        "00020101021238570010A00000072701270006970436011300110123456780208QRIBFTTA53037045802VN6304ABCD",
        "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
        "Nguyễn Văn Thành",
    ],
)
def test_anything_else_is_not_a_card_and_the_message_names_no_value(line):
    with pytest.raises(NotACard) as info:
        read_card(line, salt=SALT, hamlets=HAMLETS)
    assert not any(v in str(info.value) for v in ("030068001234", "142345678", "1968", "2021"))


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (LINE, True),
        (LINE[:30], True),
        ("00020101021238570010A000000727", True),
        ("https://example.vn/a", True),
        ("www.example.vn", True),
        ("Nguyễn Văn Thành", False),
        ("Tổ 5", False),
    ],
)
def test_what_looks_like_a_code(text, code):
    assert looks_like_code(text) is code


@given(st.text(max_size=80))
def test_any_text_is_a_reading_or_not_a_card(text):
    try:
        reading = read_card(text, salt=SALT, hamlets=HAMLETS)
    except NotACard:
        return
    assert reading.title in ("Ông", "Bà") and reading.name
