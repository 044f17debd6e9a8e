"""Plain-text hygiene shared by every app that stores or prints text people typed or pasted.

Text pasted from Word/WPS or a PDF carries control characters (vertical tab, form feed, NUL,
C1 controls). XML 1.0 cannot hold them, so a feed with one fails to render; PostgreSQL refuses
NUL outright. They are never meaningful in newsroom copy, so they are dropped on save.
"""

import re

# C0 controls except tab, newline and carriage return; DEL; C1 controls; and the Unicode
# non-characters XML 1.0 forbids (U+FFFE, U+FFFF). Surrogates cannot appear in valid str.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def strip_control_chars(value: str) -> str:
    """``value`` without control characters; tab, newline and carriage return are kept."""
    if not value:
        return value
    return _CONTROL.sub("", value)


def has_control_chars(value: str) -> bool:
    return bool(value) and _CONTROL.search(value) is not None


def has_control_chars_deep(value) -> bool:
    if isinstance(value, str):
        return has_control_chars(value)
    if isinstance(value, dict):
        return any(has_control_chars_deep(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(has_control_chars_deep(v) for v in value)
    return False


def strip_control_chars_deep(value):
    """``value`` (a StreamField's raw JSON data) with control characters dropped from every
    string in it."""
    if isinstance(value, str):
        return strip_control_chars(value)
    if isinstance(value, dict):
        return {k: strip_control_chars_deep(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [strip_control_chars_deep(v) for v in value]
    return value
