"""The reading-room window (PySide6): panes, Qt models, delegates and the task helper."""

from .compat import apply as _guard_pyside_refcounts

_guard_pyside_refcounts()
