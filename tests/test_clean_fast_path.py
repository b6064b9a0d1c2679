"""clean() answers text that is already clean without its full set of steps; this checks, for
arbitrary text, that it answers exactly what those steps give (the function as it was before
the shortcut, kept here as the reference), or refuses with the same error."""

import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from facilitator.rules.text import MAX_LONG, MAX_SHORT, TextError, clean

# The reference: clean() before its shortcut for text that is already one clean line.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P_^X]|[\x90\x9d\x9e\x9f\x98])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[!-/]*[0-~]?"
)
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    r"\u2060-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff\ufffe\uffff]"
)
_SPACES = re.compile(r"[ \t\u00a0]+")


def reference(text: str | None, *, multiline: bool = False, limit: int = MAX_SHORT) -> str:
    if text is None:
        return ""
    value = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        value = value.replace("\n", " ").replace("\t", " ")
    else:
        value = value.replace("\t", "    ")
    lines = value.split("\n") if multiline else [value]
    if all(line.isprintable() for line in lines) and "  " not in value and "\xa0" not in value:
        value = "\n".join(line.rstrip() for line in lines).strip()
    else:
        value = _CONTROL.sub("", _ESCAPES.sub("", value))
        if multiline:
            value = "\n".join(_SPACES.sub(" ", line).rstrip() for line in value.split("\n"))
            value = value.strip()
        else:
            value = _SPACES.sub(" ", value).strip()
    if len(value) > limit:
        raise TextError("text.too_long", length=len(value), limit=limit)
    return value


def outcome(function, text, multiline, limit):
    try:
        return ("text", function(text, multiline=multiline, limit=limit))
    except TextError as exc:
        return ("refused", exc.key, exc.field, exc.params)


# What makes a text unclean, or looks as if it might: line breaks, tabs, spaces of every kind,
# escape sequences and their parts, C0/C1 controls, zero-width and bidirectional characters,
# lone surrogates, non-characters, combining marks (NFD Vietnamese), letters that NFC changes.
TRICKY = (
    " \t\r\n\x0b\x0c\x00\x07\x1b\x7f\x85\x9b\x9c\x9d\xa0\xad\u061c\u1680\u180e\u2000\u2007"
    "\u200b\u200d\u200e\u2028\u2029\u202a\u202e\u202f\u2060\u2066\u2069\u3000\ufeff\ufffe\uffff"
    "\ud800\udbff\udc00\udfff[]PX^_\\;0m\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
    "\u212b\u2126\u0340\u0344\u0958\ufb1d\U0001d15e"
    "aAeoôơuưđĐ áàảãạ Nguyễn Văn Đức"
)
texts = st.one_of(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(TRICKY),
            st.characters(exclude_categories=()),  # any code point, surrogates included
        ),
        max_size=60,
    ),
    # Text that is clean or nearly: the shortcut's own ground (letters, marks, spaces).
    st.text(alphabet=st.sampled_from("   aăâđeêoôơuư áàảãạ\u0301\u0323\u0300"), max_size=30),
)


@settings(max_examples=1500, deadline=None)
@given(
    texts,
    st.booleans(),
    st.sampled_from([0, 1, 5, MAX_SHORT, MAX_LONG]),
)
@example("  Trần\x00 Văn\x07\t  An \u200b", False, MAX_SHORT)
@example("dòng 1\r\ndòng\x1b 2\n\n", True, MAX_SHORT)
@example(unicodedata.normalize("NFD", " Nguyễn Thị Hằng "), False, MAX_SHORT)
@example("x" * 201, False, MAX_SHORT)
@example(" " + "x" * 200 + " ", False, MAX_SHORT)
@example("\ud800", True, MAX_LONG)
@example("Nguyễn  Văn", False, MAX_SHORT)
@example("Nguyễn\xa0Văn", True, MAX_SHORT)
def test_clean_answers_as_its_full_steps(text, multiline, limit):
    assert outcome(clean, text, multiline, limit) == outcome(reference, text, multiline, limit)


def test_none_is_empty_either_way():
    assert clean(None) == reference(None) == ""
