"""The task helper: work off the GUI thread, results back on it, late answers dropped."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QThread

from reading_room.core.errors import BadDate
from reading_room.ui.tasks import TaskManager


@pytest.fixture
def tasks(qtbot: Any) -> Any:
    manager = TaskManager()
    yield manager
    manager.shutdown()
    manager.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_results_arrive_on_the_main_thread(qtbot: Any, tasks: TaskManager) -> None:
    main = QThread.currentThread()
    seen: dict[str, Any] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread() is threading.main_thread()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["on_main"] = QThread.currentThread() is main

    tasks.read(work, on_done=done)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen == {"worker": False, "value": 42, "on_main": True}


def test_a_newer_task_on_a_channel_supersedes_an_older_one(qtbot: Any, tasks: TaskManager) -> None:
    results: list[str] = []
    tasks.read(lambda: (time.sleep(0.4), "old")[1], on_done=results.append, channel="search")
    tasks.read(lambda: "new", on_done=results.append, channel="search")
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert results == ["new"]


def test_errors_become_plain_words(qtbot: Any, caplog: Any, tasks: TaskManager) -> None:
    messages: list[str] = []

    def ours() -> None:
        raise BadDate("Cannot read the date '19x6'.")

    def a_bug() -> None:
        raise KeyError("internal")

    tasks.read(ours, on_error=messages.append)
    tasks.read(a_bug, on_error=messages.append, doing="testing")
    qtbot.waitUntil(lambda: len(messages) == 2, timeout=5000)
    assert "Cannot read the date '19x6'." in messages
    assert "Something went wrong while testing. The details were written to the log." in messages
    assert "KeyError" in caplog.text  # the traceback went to the log


def test_writes_run_one_at_a_time_with_progress_and_cancel(qtbot: Any, tasks: TaskManager) -> None:
    order: list[str] = []
    progress: list[int] = []

    def write(name: str):  # noqa: ANN202
        def run(context: Any) -> str:
            for step in range(3):
                if context.cancelled():
                    order.append(f"{name} cancelled")
                    return name
                context.report(step)
                time.sleep(0.05)
            order.append(name)
            return name

        return run

    tasks.write(write("first"), on_progress=progress.append)
    second = tasks.write(write("second"))
    second.cancel()
    qtbot.waitUntil(lambda: not tasks.busy, timeout=5000)
    assert order == ["first", "second cancelled"]
    assert progress == [0, 1, 2]
