"""Generate ``python/assetlog/events.py`` from the core's event schema.

``python scripts/gen_events.py`` writes it; the test suite fails while the
committed file differs from what this generates (``render()``).
"""

from __future__ import annotations

import json
import keyword
import pathlib
import sys
from typing import Any, Dict, List

TARGET = pathlib.Path(__file__).resolve().parent.parent / "python" / "assetlog" / "events.py"

TYPES = {
    "text": "str",
    "money": "MoneyLike",
    "date": "Day",
    "country": "str",
    "person": "str",
    "boolean": "bool",
    "number": "int",
}

ENVELOPE = [
    ("occurred_at", "Optional[Instant]", "None"),
    ("actor", "Optional[str]", "None"),
    ("event_id", "Union[UUID, str, None]", "None"),
    ("correlation_id", "Union[UUID, str, None]", "None"),
    ("expected_version", "Union[int, str, None]", "None"),
    ("asset_id", "Union[UUID, str, None]", "None"),
    ("allow_duplicate_serial", "bool", "False"),
]


def literal(values: List[str]) -> str:
    return "Literal[" + ", ".join(f'"{v}"' for v in values) + "]"


def py_name(name: str) -> str:
    return name + "_" if keyword.iskeyword(name) else name


def render(schema: List[Dict[str, Any]], statuses: List[str]) -> str:
    out = [
        '"""Typed constructors, one per event type, generated from the core\'s schema',
        "by ``python scripts/gen_events.py`` (a test fails while this file and the core",
        "disagree). mypy catches a misspelt type or field and a missing required one::",
        "",
        "    from assetlog import events",
        "    log.append([",
        '        events.ordered("LAP-1", category="laptop", vendor="Dell", model="XPS",',
        '                       unit_cost="1299.00 EUR"),',
        '        events.received("LAP-1", location="Berlin", country="DE"),',
        "    ])",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any, Dict, Literal, Optional, Union",
        "from uuid import UUID",
        "",
        "from .log import AssetRef, Day, Event, Instant",
        "from .money import MoneyLike",
        "",
        "#: Every event type.",
        f"EventType = {literal([e['type'] for e in schema])}",
        "",
        "#: Every asset status.",
        f"Status = {literal(statuses)}",
        "",
        "",
        "def _given(**fields: Any) -> Dict[str, Any]:",
        "    return {k: v for k, v in fields.items() if v is not None and v is not False}",
    ]
    for e in schema:
        ty = e["type"]
        fields = e["fields"]
        required = [f for f in fields if f["required"]]
        optional = [f for f in fields if not f["required"]]
        params = ["asset: AssetRef", "*"]
        for f in required:
            t = literal(f["values"]) if f["kind"] == "enumeration" else TYPES[f["kind"]]
            params.append(f"{py_name(f['name'])}: {t}")
        for f in optional:
            t = literal(f["values"]) if f["kind"] == "enumeration" else TYPES[f["kind"]]
            if f["kind"] == "boolean":
                params.append(f"{py_name(f['name'])}: bool = False")
            else:
                params.append(f"{py_name(f['name'])}: Optional[{t}] = None")
        params += [f"{n}: {t} = {d}" for n, t, d in ENVELOPE]
        payload = ", ".join(f"{py_name(f['name'])}={py_name(f['name'])}" for f in fields)
        envelope = ", ".join(f"{n}={n}" for n, _, _ in ENVELOPE)
        out += [
            "",
            "",
            f"def {ty}(",
            *[f"    {p}," for p in params],
            ") -> Event:",
            f'    """{"An" if ty[0] in "aeiou" else "A"} ``{ty}`` event (docs/events.md)."""',
            f'    return Event(asset, "{ty}", {envelope}, **_given({payload}))',
        ]
    names = ", ".join(f'"{e["type"]}"' for e in schema)
    out += ["", "", f'__all__ = ["EventType", "Status", {names}]', ""]
    return "\n".join(out)


def main() -> None:
    from assetlog import _native

    text = render(json.loads(_native.event_schema()), json.loads(_native.statuses()))
    if "--check" in sys.argv:
        if TARGET.read_text() != text:
            sys.exit(f"{TARGET} differs from the core: run python scripts/gen_events.py")
    else:
        TARGET.write_text(text)


if __name__ == "__main__":
    main()
