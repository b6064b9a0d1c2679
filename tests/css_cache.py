"""One parse of each piece of CSS per test process, shared by the apps the tests start.

Textual parses its stylesheet for each App: the project's .tcss and every widget's default
CSS, about 6,000 tokens, each time a test starts an app (the suite starts some 600). The
parse is a function of the CSS text, where it was read from and the theme's variables; here
its result is kept for the process, keyed by all of them, so an app gets the same rules it
would have parsed. Textual's own per-stylesheet cache does the same within one app.

It wraps a private method of Textual 8.2.8 (pinned in pyproject.toml);
``tests/test_pilot_idle.py`` checks that it is still there.
"""

from __future__ import annotations

from typing import Any

from textual.css.stylesheet import Stylesheet

_parse_rules = Stylesheet._parse_rules
_parsed: dict[tuple[Any, ...], Any] = {}


def _variables(sheet: Stylesheet) -> frozenset[tuple[str, str]]:
    known = sheet.__dict__.get("_variables_key")
    if known is None or known[0] is not sheet._variables:
        known = (sheet._variables, frozenset(sheet._variables.items()))
        sheet.__dict__["_variables_key"] = known
    return known[1]


def _shared_parse_rules(
    self: Stylesheet,
    css: str,
    read_from: Any,
    is_default_rules: bool = False,
    tie_breaker: int = 0,
    scope: str = "",
) -> Any:
    key = (css, read_from, is_default_rules, tie_breaker, scope, _variables(self))
    rules = _parsed.get(key)
    if rules is None:
        rules = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        _parsed[key] = rules
    return rules


def install() -> None:
    Stylesheet._parse_rules = _shared_parse_rules  # type: ignore[method-assign]
