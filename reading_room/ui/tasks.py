"""Database and index work off the GUI thread (DESIGN.md convention 3).

Reads run on a small thread pool, writes (import, reindex, opening the
collections) on one worker, one after the other. Each database has its own
writer (a *lane*): the notes of the user database are saved on the "notes"
lane, so a note typed during a long import is on disk at once, not after it. A worker never touches a
widget: results, progress and errors travel back to the main thread through a
relay object's signals and are handed to the callbacks there.

A task may belong to a *channel* ("search", "document" …): starting a newer
task on the same channel supersedes the older one, whose result is dropped when
it arrives late, so the window never shows an answer to a question nobody is
asking any more. A superseded task still waiting for a worker is not run at all:
arrowing through the results asks for a document per row, and only the last one
is wanted.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from ..core.errors import ReadingRoomError

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[str], None]
Progress = Callable[[Any], None]

COLLECTIONS = "collections"  # the lane of the collection database (imports, reindexing)
NOTES = "notes"  # the lane of the user database (profiles, bookmarks, notes)


def tr(text: str) -> str:
    return QCoreApplication.translate("Tasks", text)


def describe_error(error: BaseException, doing: str) -> str:
    """The words a person sees for an error: ours as they are, any other without a traceback."""
    if isinstance(error, ReadingRoomError):
        return str(error)
    return tr("Something went wrong while {doing}. The details were written to the log.").format(
        doing=doing
    )


@dataclass
class TaskContext:
    """What a write task may use from its worker: report progress, ask whether to stop."""

    _report: Callable[[Any], None]
    _cancel: threading.Event = field(default_factory=threading.Event)

    def report(self, payload: Any) -> None:
        self._report(payload)

    def cancelled(self) -> bool:
        return self._cancel.is_set()


@dataclass
class Task:
    token: int
    channel: str | None
    doing: str
    context: TaskContext

    def cancel(self) -> None:
        self.context._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self.context.cancelled()


@dataclass
class _Callbacks:
    task: Task
    on_done: Done | None
    on_error: Failed | None
    on_progress: Progress | None


class _Relay(QObject):
    """Lives in the main thread; its signals, emitted by workers, arrive queued there."""

    finished = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, object)


class _Job(QRunnable):
    def __init__(
        self,
        token: int,
        fn: Callable[[], Any],
        relay: _Relay,
        doing: str,
        superseded: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.token = token
        self.fn = fn
        self.relay = relay
        self.doing = doing
        self.superseded = superseded

    def run(self) -> None:
        if self.superseded is not None and self.superseded():
            self.relay.finished.emit(self.token, None)  # dropped on arrival, as a late answer
            return
        try:
            result = self.fn()
        except BaseException as error:  # noqa: BLE001 - every error goes back to the window
            if not isinstance(error, ReadingRoomError):
                log.exception("task failed while %s", self.doing)
            self.relay.failed.emit(self.token, error)
        else:
            self.relay.finished.emit(self.token, result)


class TaskManager(QObject):
    """Runs callables off the GUI thread and calls back on it."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, read_threads: int = 3) -> None:
        super().__init__(parent)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(max(1, read_threads))
        self._lanes: dict[str, QThreadPool] = {}
        self._lane(COLLECTIONS)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._relay.failed.connect(self._on_failed)
        self._relay.progress.connect(self._on_progress)
        self._tokens = itertools.count(1)
        self._pending: dict[int, _Callbacks] = {}
        self._latest: dict[str, int] = {}
        self._closing = False

    # -- starting -----------------------------------------------------------
    def read(
        self,
        fn: Callable[[], Any],
        *,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        channel: str | None = None,
        doing: str | None = None,
    ) -> Task:
        """Run ``fn()`` on the read pool; a newer read on ``channel`` supersedes this one."""
        return self._start(
            self._reads, lambda _context: fn(), on_done, on_error, None, channel, doing
        )

    def write(
        self,
        fn: Callable[[TaskContext], Any],
        *,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        on_progress: Progress | None = None,
        doing: str | None = None,
        lane: str = COLLECTIONS,
    ) -> Task:
        """Run ``fn(context)`` on the write worker of ``lane``, after any write before it there."""
        return self._start(self._lane(lane), fn, on_done, on_error, on_progress, None, doing)

    def _lane(self, name: str) -> QThreadPool:
        pool = self._lanes.get(name)
        if pool is None:
            pool = self._lanes[name] = QThreadPool(self)
            pool.setMaxThreadCount(1)
        return pool

    def _start(
        self,
        pool: QThreadPool,
        fn: Callable[[TaskContext], Any],
        on_done: Done | None,
        on_error: Failed | None,
        on_progress: Progress | None,
        channel: str | None,
        doing: str | None,
    ) -> Task:
        token = next(self._tokens)
        relay = self._relay
        context = TaskContext(lambda payload: relay.progress.emit(token, payload))
        task = Task(token, channel, doing or tr("reading the collections"), context)
        if channel is not None:
            self._latest[channel] = token
        was_idle = not self._pending
        self._pending[token] = _Callbacks(task, on_done, on_error, on_progress)
        if was_idle:
            self.busy_changed.emit(True)
        latest = self._latest

        def superseded() -> bool:  # asked on the worker, as the task is about to run
            return latest.get(channel) != token

        pool.start(
            _Job(token, lambda: fn(context), relay, task.doing, superseded if channel else None)
        )
        return task

    # -- state --------------------------------------------------------------
    def is_current(self, task: Task) -> bool:
        return task.channel is None or self._latest.get(task.channel) == task.token

    def supersede(self, channel: str) -> None:
        """Drop whatever is still running on a channel, e.g. when its view was cleared."""
        self._latest[channel] = next(self._tokens)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = -1) -> bool:
        """Block until every task has finished (tests, benchmarks, shutting down)."""
        reads = self._reads.waitForDone(msecs)
        writes = [pool.waitForDone(msecs) for pool in list(self._lanes.values())]
        return reads and all(writes)

    def shutdown(self, msecs: int = 30_000) -> None:
        """Cancel what can be cancelled, wait for the rest, and drop every callback."""
        self._closing = True
        for callbacks in self._pending.values():
            callbacks.task.cancel()
        self.wait(msecs)
        self._pending.clear()

    # -- delivery (main thread) ----------------------------------------------
    def _take(self, token: int) -> _Callbacks | None:
        callbacks = self._pending.pop(token, None)
        if not self._pending:
            self.busy_changed.emit(False)
        if callbacks is None or self._closing:
            return None
        if not self.is_current(callbacks.task):
            log.debug("dropped the late result of a superseded task on %s", callbacks.task.channel)
            return None
        return callbacks

    @Slot(int, object)
    def _on_finished(self, token: int, result: object) -> None:
        callbacks = self._take(token)
        if callbacks is None or callbacks.on_done is None:
            return
        try:
            callbacks.on_done(result)
        except Exception as error:  # a bug in a callback must not take the window down
            log.exception("showing the result of a task failed")
            if callbacks.on_error is not None:
                callbacks.on_error(describe_error(error, tr("showing the results")))

    @Slot(int, object)
    def _on_failed(self, token: int, error: object) -> None:
        callbacks = self._take(token)
        if callbacks is None:
            return
        assert isinstance(error, BaseException)
        message = describe_error(error, callbacks.task.doing)
        if callbacks.on_error is not None:
            callbacks.on_error(message)
        else:
            log.warning("unhandled task error: %s", message)

    @Slot(int, object)
    def _on_progress(self, token: int, payload: object) -> None:
        callbacks = self._pending.get(token)
        if callbacks is None or callbacks.on_progress is None or self._closing:
            return
        try:
            callbacks.on_progress(payload)
        except Exception:
            log.exception("showing progress failed")
