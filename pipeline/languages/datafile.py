"""The generated data files of ``pipeline/languages/data/`` (``quotes.json``,
``ordinals.json``), written the same way: small diffs when their source changes."""

from __future__ import annotations

import json
from collections.abc import Mapping


def table_json(content: Mapping[str, object], table: str) -> str:
    """``content`` as JSON: its other keys first (where the data came from), then
    ``content[table]`` one row a line, characters unescaped."""
    head = [
        f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},"
        for key, value in content.items()
        if key != table
    ]
    rows = content[table]
    assert isinstance(rows, Mapping)
    body = ",\n".join(
        f"    {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in rows.items()
    )
    return "\n".join(["{", *head, f"  {json.dumps(table)}: {{", body, "  }", "}"]) + "\n"
