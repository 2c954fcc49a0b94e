"""The guard against PySide6 6.12's lost references to None and True on CPython 3.11."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QStandardItem

import reading_room.ui  # noqa: F401 - importing the package applies the guard
from reading_room.ui import compat


class _Sender(QObject):
    sent = Signal(int)


def test_many_void_calls_and_emits_do_not_free_none_or_true(qapp: object) -> None:
    item = QStandardItem("x")
    sender = _Sender()
    sender.sent.connect(lambda _value: None)
    for _ in range(20_000):  # far more than None's own references on CPython 3.11
        item.setText("x")
        sender.sent.emit(1)
    if compat.affected():
        assert compat.apply() is True
        assert sys.getrefcount(None) > 1 << 39
        assert sys.getrefcount(True) > 1 << 39
    else:
        assert compat.apply() is False
