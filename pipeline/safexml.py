"""A guard for XML that users bring (TMX, XLIFF): entity declarations and external
references are refused with defusedxml before any other parser sees the file."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError


def check_safe_xml(data: bytes, path: str | Path, kind: str) -> None:
    """Raise InputError if ``data`` is not well-formed XML or declares entities."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(f"refused {kind} file ({type(exc).__name__})", path=path) from None
    except SafeET.ParseError as exc:
        raise InputError(f"not a {kind} file: not XML ({exc})", path=path) from None
