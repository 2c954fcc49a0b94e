"""A guard against a PySide6 6.12 reference-count bug that kills the window on CPython 3.11.

PySide6 6.12.0 hands back ``None`` from many void methods (``QStandardItem.setText``,
``setData`` …) and ``True`` from ``Signal.emit`` without taking a reference. On CPython
3.12 and later those objects are immortal (PEP 683) and nothing happens; on 3.11 every
such call drops a reference, and after a few thousand calls — about a minute of
searching — the interpreter aborts with "Fatal Python error: none_dealloc" (measured:
-1 reference to None per ``QStandardItem.setText``, PySide6 6.11.3 is not affected).

Until the project requires Python 3.12 (or a PySide6 without the bug), ``None``, ``True``
and ``False`` get the practically endless reference count 3.12 gives them. Nothing else
is touched, and elsewhere (3.12+, PyPy, other PySide6 versions) this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40  # references: at a million lost per second, 12 days
_applied = False


def affected() -> bool:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    from PySide6 import __version_info__

    return tuple(__version_info__[:2]) >= (6, 12)


def apply() -> bool:
    """Make None, True and False immortal where the bug would otherwise free them; idempotent."""
    global _applied
    if _applied or not affected():
        return _applied
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _MARGIN
    _applied = True
    return True
