"""Numbers, dates and times in Vietnamese words, as an announcer reads them on the commune
loudspeaker (đọc trên loa truyền thanh): "ngày hai mươi tám tháng mười năm hai nghìn không trăm
hai mươi mốt", "tám giờ ba mươi phút".

The rules of spoken numbers:
- after "mươi" (20, 30 …), 1 is "mốt" (21 "hai mươi mốt"); after "mười" it stays "một" (11);
- after "mươi", 4 is "tư" (24 "hai mươi tư"); after "mười" it stays "bốn" (14 "mười bốn");
- after "mười" or "mươi", 5 is "lăm" (15 "mười lăm", 25 "hai mươi lăm"); alone, or after "linh",
  it is "năm" (5, 105 "một trăm linh năm");
- a zero ten inside a hundred is "linh" (Northern usage, the default) or "lẻ" (Southern):
  101 "một trăm linh một";
- a zero hundred inside a thousand is read: 2021 "hai nghìn không trăm hai mươi mốt".
"""

from __future__ import annotations

import datetime as dt

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ("", "nghìn", "triệu", "tỷ")
WEEKDAYS = ("thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật")
MONTHS = (
    "một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "mười một", "mười hai",
)  # fmt: skip


def _below_hundred(n: int, zero_ten: str) -> list[str]:
    """1-99 after a hundred (``zero_ten`` before a lone unit) or alone (``zero_ten`` = "")."""
    tens, unit = divmod(n, 10)
    if tens == 0:
        return ([zero_ten] if zero_ten else []) + [DIGITS[unit]]
    if tens == 1:
        words = ["mười"]
        if unit == 5:
            words.append("lăm")
        elif unit:
            words.append(DIGITS[unit])
        return words
    words = [DIGITS[tens], "mươi"]
    if unit == 1:
        words.append("mốt")
    elif unit == 4:
        words.append("tư")
    elif unit == 5:
        words.append("lăm")
    elif unit:
        words.append(DIGITS[unit])
    return words


def _below_thousand(n: int, *, inner: bool, zero_ten: str) -> list[str]:
    """0-999; ``inner``: a group after a higher one, whose zero hundreds are read aloud."""
    hundreds, rest = divmod(n, 100)
    words: list[str] = []
    if hundreds or inner:
        words += [DIGITS[hundreds], "trăm"]
        if rest:
            words += _below_hundred(rest, zero_ten)
        return words
    return _below_hundred(rest, "")


def number_words(n: int, *, zero_ten: str = "linh") -> str:
    """A whole number in words; ``zero_ten`` is "linh" (the default) or "lẻ"."""
    if n < 0:
        return "âm " + number_words(-n, zero_ten=zero_ten)
    if n == 0:
        return "không"
    if n >= 10**12:
        raise ValueError(f"{n} is too large to read aloud")
    groups: list[int] = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    words: list[str] = []
    top = len(groups) - 1
    for index in range(top, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        words += _below_thousand(group, inner=index < top, zero_ten=zero_ten)
        if SCALES[index]:
            words.append(SCALES[index])
    return " ".join(words)


def day_words(day: int) -> str:
    """The day of the month as spoken: "mồng" before the first ten ("mồng năm", "mồng mười")."""
    return f"mồng {number_words(day)}" if day <= 10 else number_words(day)


def date_spoken(day: dt.date, *, weekday: bool = False) -> str:
    """ "ngày hai mươi tám tháng mười năm hai nghìn không trăm hai mươi mốt"; with
    ``weekday``, "thứ năm, " before it."""
    words = f"ngày {day_words(day.day)} tháng {MONTHS[day.month - 1]} năm {number_words(day.year)}"
    return f"{WEEKDAYS[day.weekday()]}, {words}" if weekday else words


def time_spoken(value: dt.time) -> str:
    """ "tám giờ" on the hour, "tám giờ ba mươi phút" otherwise (24-hour clock)."""
    hour = f"{number_words(value.hour)} giờ"
    return f"{hour} {number_words(value.minute)} phút" if value.minute else hour
