"""A meeting file is checked by a quick check built from the schema; only a file it cannot
vouch for goes to jsonschema (which words the refusal), and then only the long lists whose
items it cannot vouch for. For arbitrary changes to a file or an item, the quick check never
passes what jsonschema refuses."""

import copy
import json
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator.services import meetingfile
from facilitator.services.demo import demo_meeting

SCHEMA = meetingfile._validator().schema  # the one the import uses (its checks are kept by id)
LISTS = ["speakers", "minutes", "petitions", "officials", "agenda", "slots", "events"]

SAMPLE = demo_meeting()
SAMPLE["minutes"] = [
    {
        "phase": 2,
        "speaker": 0,
        "kind": "speech",
        "text": "Ông An phát biểu.",
        "created_at": "2021-10-28T08:10:00.000+07:00",
        "updated_at": "2021-10-28T08:11:00+07:00",
        "header_in_text": False,
    }
]
SAMPLE["slots"] = [
    {
        "speaker": 0,
        "role": "citizen",
        "started_at": "2021-10-28T08:10:00+07:00",
        "paused_at": None,
        "paused_total": 0,
        "limit_seconds": 300,
        "ended_at": "2021-10-28T08:14:00+07:00",
    }
]
SAMPLE["events"] = [{"at": "2021-10-28T08:10:00+07:00", "kind": "x", "actor": "a", "payload": {}}]
SAMPLE["agenda"] = [{"name": "Khai mạc", "plan_ref": "", "started_at": None, "ended_at": None}]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 4000),
    st.sampled_from([0.5, 1.0, -1.0, 30.0, 3600.5, 2**40]),
    st.text(max_size=5),
    st.sampled_from(
        [
            "",
            "Bà",
            "Ông",
            "before",
            "meeting",
            "speech",
            "note",
            "assigned",
            "forwarded",
            "open",
            "2021-10-28",
            "2021-10-28T08:10",
            "x" * 201,
            "x" * 2001,
            "x" * 20001,
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=12), inner, max_size=3)
    ),
    max_leaves=6,
)


ANY_TYPE = [None, True, False, 0, -1, 1.0, 0.5, "", "s", [], {}, {"name": "A"}]


def limits(sub) -> list:
    """Values at and beyond the limits a property's schema sets."""
    out = []
    for branch in sub.get("oneOf", [sub]):
        if "minLength" in branch:
            out += ["", "x" * branch["minLength"]]
        if "maxLength" in branch:
            out += ["x" * branch["maxLength"], "x" * (branch["maxLength"] + 1)]
        for key in ("minimum", "maximum", "exclusiveMinimum"):
            if key in branch:
                n = branch[key]
                out += [n - 1, n, n + 1, n - 0.5, n + 0.5, float(n)]
        out += list(branch.get("enum", []))
        if "enum" in branch:
            out += ["zz", 1, True]
        if "pattern" in branch:
            out += ["2021-10-28T08:10", "2021-10-28T8:10", "2021-10-28", " 2021-10-28T08:10"]
            out += ["a" * 64, "A" * 64, "a" * 63, "a" * 65]
        if "const" in branch:
            out += [branch["const"], branch["const"] + " ", 1]
        for key in ("minItems", "maxItems"):
            if key in branch:
                n = branch[key]
                out += [["a"] * (n - 1), ["a"] * n, ["a"] * (n + 1)]
        if "items" in branch:
            out += [[v] for v in limits(branch["items"])] + [[["a", "b"]], [[1, 2]]]
        if isinstance(branch.get("additionalProperties"), dict):
            out += [{"x": v} for v in limits(branch["additionalProperties"])]
        if "properties" in branch:
            out += [{k: v} for k in branch["properties"] for v in (None, "", "x" * 201, 1)]
            out += [{k: "A" for k in branch.get("required", [])} | {"x": 1}]
    return out or ANY_TYPE


@st.composite
def changed_items(draw):
    name = draw(st.sampled_from(LISTS))
    items = SAMPLE[name]
    item = copy.deepcopy(items[draw(st.integers(0, len(items) - 1))])
    props = SCHEMA["properties"][name]["items"].get("properties", {})
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from([*sorted(props), "unknown"]))
        how = draw(st.sampled_from(["limit", "limit", "any", "del", "inner"]))
        if how == "del":
            item.pop(key, None)
        elif how == "inner" and isinstance(item.get(key), dict):
            inner = item[key]
            inner[draw(st.sampled_from([*inner, "name", "due", "x"]))] = copy.deepcopy(draw(values))
        elif how == "limit":
            item[key] = copy.deepcopy(draw(st.sampled_from(limits(props.get(key, {})))))
        else:
            # a copy: a later change in this item must not change the list drawn from
            item[key] = copy.deepcopy(draw(st.one_of(st.sampled_from(ANY_TYPE), values)))
    return name, json.loads(json.dumps(item))


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(changed_items())
def test_the_quick_check_passes_only_what_jsonschema_passes(change):
    name, item = change
    sub = SCHEMA["properties"][name]["items"]
    check = meetingfile._compile(sub)
    assert check is not None  # every long list has a quick check
    if check(item):
        agrees(name, item)


def agrees(name, item) -> None:
    sub = SCHEMA["properties"][name]["items"]
    if meetingfile._compile(sub)(item):
        assert list(type(meetingfile._validator())(sub).iter_errors(item)) == [], (name, item)


def test_every_limit_of_every_property_one_at_a_time():
    for name in LISTS:
        props = SCHEMA["properties"][name]["items"].get("properties", {})
        for item in SAMPLE[name]:
            for key, sub in props.items():
                for value in [*limits(sub), *ANY_TYPE]:
                    agrees(name, {**item, key: value})
                agrees(name, {k: v for k, v in item.items() if k != key})


DOC = copy.deepcopy(SAMPLE)
DOC["checklist"] = [{"key": "invited", "done_on": "2021-10-20"}]
DOC["publication"] = [{"channel": "hamlet", "hamlet": "Đông Phong", "done_on": "2021-10-29"}]
DOC["meeting"]["citizens_by_hamlet"] = {"Đông Phong": 120}
DOC["seals"] = [
    {
        "seq": 1,
        "meeting": 1,
        "at": "2021-10-28T11:00:00+07:00",
        "by": "Trần Xuân Mãng",
        "why": "",
        "change": {},
        "previous": "",
        "items": [["speakers", "0"]],
        "digest": "a" * 64,
    }
]


def places(value, sub, path=()):
    """Every place a schema names in the sample file: (path to the object, key, its schema)."""
    for branch in sub.get("oneOf", [sub]):
        if isinstance(value, dict) and "properties" in branch:
            for key, prop in branch["properties"].items():
                yield path, key, prop
                if key in value:
                    yield from places(value[key], prop, (*path, key))
        if isinstance(value, list) and value and isinstance(branch.get("items"), dict):
            yield from places(value[0], branch["items"], (*path, 0))


def agrees_whole(doc) -> None:
    if meetingfile._compile(SCHEMA)(doc):
        assert list(type(meetingfile._validator())(SCHEMA).iter_errors(doc)) == [], doc


def test_every_limit_of_every_place_in_a_whole_file_one_at_a_time():
    agrees_whole(DOC)
    assert meetingfile._compile(SCHEMA)(DOC)  # the sample itself is plainly valid
    for path, key, sub in places(DOC, SCHEMA):
        for value in [*limits(sub), *ANY_TYPE, "delete"]:
            doc = copy.deepcopy(DOC)
            node = doc
            for step in path:
                node = node[step]
            if value == "delete":
                node.pop(key, None)
            else:
                node[key] = copy.deepcopy(value)
            agrees_whole(doc)


def test_a_valid_file_is_checked_without_jsonschema(tmp_path):
    # jsonschema (and its import) only for a file the quick check cannot vouch for
    path = tmp_path / "m.json"
    path.write_text(json.dumps(demo_meeting()), encoding="utf-8")
    code = (
        "import sys; from pathlib import Path\n"
        "from facilitator.services.meetingfile import load, validate\n"
        "validate(load(Path(sys.argv[1])))\n"
        "print('jsonschema' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
    assert (run.returncode, run.stdout.strip()) == (0, "False"), run.stderr


def test_the_unchanged_items_pass_the_quick_check():
    for name in LISTS:
        check = meetingfile._compile(SCHEMA["properties"][name]["items"])
        assert all(check(item) for item in SAMPLE[name]), name
