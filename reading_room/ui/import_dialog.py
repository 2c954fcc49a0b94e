"""File › Import… and files dropped on the window: progress, Cancel, and the report at the end.

The import runs on the task manager's write worker; the dialog only shows what
it reports. Cancelling keeps what was already imported (the library writes in
batches), and the report lists every problem with its file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .labels import number
from .tasks import Task, TaskManager

FILE_FILTER = (
    "Archival files (*.xml *.tei *.ead *.csv *.tsv *.jsonl *.json *.pdf *.txt);;All files (*)"
)


class ImportDialog(QDialog):
    imported = Signal(object)  # ImportReport, when an import has finished (or was cancelled)

    def __init__(self, tasks: TaskManager, library: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.library = library
        self.task: Task | None = None
        self.report: Any = None
        self.setWindowTitle(self.tr("Import documents"))
        self.setMinimumWidth(720)

        intro = QLabel(
            self.tr(
                "Add FRUS volumes and other TEI, EAD finding aids, CSV or JSON Lines files, "
                "PDF or text files — or whole folders. Documents already imported are updated."
            )
        )
        intro.setWordWrap(True)
        self.paths = QListWidget()
        self.paths.setAccessibleName(self.tr("Files to import"))
        self.paths.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.paths.setMinimumHeight(90)
        self.add_files_button = QPushButton(self.tr("Add &files…"))
        self.add_folder_button = QPushButton(self.tr("Add f&older…"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.add_files_button.clicked.connect(self._choose_files)
        self.add_folder_button.clicked.connect(self._choose_folder)
        self.remove_button.clicked.connect(self._remove_selected)
        self.collection = QLineEdit()
        self.collection.setPlaceholderText(
            self.tr("optional: put everything into this collection id")
        )
        self.collection.setAccessibleName(self.tr("Collection"))
        collection_label = QLabel(self.tr("&Collection"))
        collection_label.setBuddy(self.collection)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.setTextVisible(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Import status"))
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName(self.tr("Problems found, and dates that could not be read"))
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.problems.hide()

        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.accept)

        side = QVBoxLayout()
        side.addWidget(self.add_files_button)
        side.addWidget(self.add_folder_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        files = QHBoxLayout()
        files.addWidget(self.paths, 1)
        files.addLayout(side)
        collection_row = QHBoxLayout()
        collection_row.addWidget(collection_label)
        collection_row.addWidget(self.collection, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(files)
        layout.addLayout(collection_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self._set_state("choosing")

    # -- choosing ------------------------------------------------------------------
    def add_paths(self, paths: list[str | Path]) -> None:
        present = {self.paths.item(i).text() for i in range(self.paths.count())}
        for path in paths:
            text = str(path)
            if text not in present:
                self.paths.addItem(text)
                present.add(text)
        self._set_state("choosing")

    def chosen_paths(self) -> list[str]:
        return [self.paths.item(i).text() for i in range(self.paths.count())]

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import files"), "", self.tr(FILE_FILTER)
        )
        self.add_paths(files)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a folder"))
        if folder:
            self.add_paths([folder])

    def _remove_selected(self) -> None:
        for item in self.paths.selectedItems():
            self.paths.takeItem(self.paths.row(item))
        self._set_state("choosing")

    # -- importing --------------------------------------------------------------------
    def start(self) -> None:
        paths = self.chosen_paths()
        if not paths or self.task is not None:
            return
        library = self.library
        collection = self.collection.text().strip() or None
        self.report = None
        self.problems.clear()
        self._set_state("importing")
        self.status.setText(self.tr("Starting…"))
        self.task = self.tasks.write(
            lambda context: library.import_paths(
                paths, collection=collection, progress=context.report, cancel=context.cancelled
            ),
            on_done=self._finished,
            on_error=self._failed,
            on_progress=self._progress,
            doing=self.tr("importing"),
        )

    def cancel(self) -> None:
        if self.task is None:
            self.reject()
            return
        self.task.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText(
            self.tr("Cancelling after the current batch… documents already imported are kept.")
        )

    @property
    def running(self) -> bool:
        return self.task is not None

    def _progress(self, progress: Any) -> None:
        total = max(1, progress.files_total)
        self.progress.setRange(0, total)
        self.progress.setValue(min(progress.files_done, total))
        self.progress.setFormat(self.tr("%v of %m files"))
        name = Path(progress.file).name if progress.file else ""
        documents = number(progress.documents)
        if name:
            self.status.setText(
                self.tr("{documents} documents so far — reading {file}").format(
                    documents=documents, file=name
                )
            )
        else:
            self.status.setText(
                self.tr("{documents} documents — bringing the search index up to date").format(
                    documents=documents
                )
            )

    def _finished(self, report: Any) -> None:
        self.task = None
        self.report = report
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.progress.setFormat(self.tr("Cancelled") if report.cancelled else self.tr("Done"))
        self.status.setText(report.summary())
        lines = [*report.problems, *report.notices]
        if lines:
            self.problems.setPlainText("\n".join(lines))
        self.problems.setVisible(bool(lines))
        self._set_state("done")
        self.imported.emit(report)

    def _failed(self, message: str) -> None:
        self.task = None
        self.status.setText(self.tr("The import stopped: {message}").format(message=message))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("Stopped"))
        self._set_state("done")

    def report_text(self) -> str:
        """The report as shown: the summary line and every problem."""
        return "\n".join(part for part in (self.status.text(), self.problems.toPlainText()) if part)

    def _set_state(self, state: str) -> None:
        choosing = state == "choosing"
        importing = state == "importing"
        for widget in (self.add_files_button, self.add_folder_button, self.paths, self.collection):
            widget.setEnabled(not importing)
        self.remove_button.setEnabled(not importing and self.paths.count() > 0)
        self.start_button.setVisible(choosing)
        self.start_button.setEnabled(choosing and self.paths.count() > 0)
        self.cancel_button.setVisible(importing or choosing)
        self.cancel_button.setEnabled(True)
        self.close_button.setVisible(state == "done")
        self.progress.setVisible(not choosing)
        if importing:
            self.progress.setRange(0, 0)
        if choosing:
            self.status.setText("")
            self.problems.hide()
        if state == "done":
            self.close_button.setDefault(True)
            self.close_button.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:
        if self.task is not None:
            self.cancel()
            return
        super().reject()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        if event.key() == Qt.Key.Key_Escape and self.task is not None:
            self.cancel()
            return
        super().keyPressEvent(event)
