"""``load`` looks over a file's values in one quick pass and walks them with their paths only
when that pass finds something (issue 15.4). For arbitrary JSON, what it refuses, and the path
and words of the refusal, are exactly those of the full walk over every value."""

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from facilitator.rules.text import MAX_LONG
from facilitator.services import meetingfile
from facilitator.services.demo import demo_meeting
from facilitator.services.meetingfile import MeetingFileError, load

LIMIT = 2**63 - 1
# Written into the file as they are, in place of the quoted marker.
RAW = ["@@1e999@@", "@@-1e400@@", "@@1E+309@@"]


def nested(depth: int, leaf) -> object:
    value = leaf
    for i in range(depth):
        value = [value] if i % 2 else {"k": value}
    return value


leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.sampled_from([LIMIT, LIMIT + 1, -LIMIT, -LIMIT - 1, 10**30]),
    st.floats(),  # NaN and the infinities included: json.dumps writes them as NaN, Infinity
    st.sampled_from(RAW),  # numbers that json reads as infinities
    st.text(max_size=20),
    st.sampled_from([MAX_LONG - 1, MAX_LONG, MAX_LONG + 1]).map(lambda n: "x" * n),
)
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
        st.tuples(st.integers(25, 40), inner).map(lambda t: nested(*t)),
    ),
    max_leaves=12,
)


def outcome(action):
    try:
        action()
    except MeetingFileError as exc:
        return (exc.key, exc.field, exc.params)
    return None


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values, st.sampled_from(["payload", "text"]))
@example(nested(31, 1), "payload")
@example(nested(32, 1), "payload")
@example(nested(33, 1), "payload")
@example(nested(31, []), "payload")
@example(nested(32, []), "payload")
@example(float("inf"), "text")
@example("@@1e999@@", "payload")
@example(LIMIT + 1, "payload")
@example("x" * (MAX_LONG + 1), "text")
def test_load_refuses_what_the_full_walk_refuses(tmp_path, value, where):
    data = demo_meeting()
    data["minutes"] = [{"phase": 0, "kind": "note", "text": "Khai mạc."}]
    data["events"] = [{"at": "2021-10-28T08:10:00+07:00", "kind": "x", "payload": {}}]
    if where == "payload":
        data["events"][0]["payload"] = {"v": value}
    else:
        data["minutes"][0]["text"] = value
    text = json.dumps(data)  # ASCII: NaN as NaN, a lone surrogate as \udXXX
    for raw in RAW:
        text = text.replace(f'"{raw}"', raw.strip("@"))
    path = tmp_path / "m.json"
    path.write_text(text, encoding="utf-8")
    full = outcome(
        lambda: meetingfile._check_values(json.loads(text, parse_constant=meetingfile._Constant))
    )
    assert outcome(lambda: load(path)) == full


def test_a_plain_meeting_takes_the_quick_pass_alone():
    # Not a timing: the quick pass must accept an ordinary file by itself, or every file
    # would be walked twice.
    assert meetingfile._plain_values(json.loads(json.dumps(demo_meeting())))
