"""File › Export notes…: my notes and bookmarks out, for the historian's other tools.

A format (Markdown, CSV, RIS, BibTeX, CSL-JSON), what to export (everything, one list,
or what is chosen in the notes or bookmarks pane) and a file. The export runs on the
"notes" lane after any note still being saved, so what was just typed is in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core.exports import EXTENSIONS, FORMATS
from . import style
from .user_session import UserSession

FORMAT_NAMES = {
    "md": "Markdown (.md) — to read, or to paste into a draft",
    "csv": "CSV (.csv) — a spreadsheet",
    "ris": "RIS (.ris) — Zotero, EndNote, Mendeley",
    "bibtex": "BibTeX (.bib) — LaTeX, Zotero",
    "csl-json": "CSL-JSON (.json) — Zotero, Pandoc",
}


@dataclass(frozen=True)
class Selection:
    """What is chosen in the panes, offered as "the selection"."""

    note_uids: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.note_uids or self.refs)


class ExportDialog(QDialog):
    def __init__(
        self,
        user: UserSession,
        selection: Selection | None = None,
        parent: QWidget | None = None,
        list_name: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export notes and bookmarks"))
        self.user = user
        self.selection = selection or Selection()
        self.result_summary = ""

        self.format_box = QComboBox(self)
        self.format_box.setAccessibleName(self.tr("Format"))
        for fmt in FORMATS:
            self.format_box.addItem(self.tr(FORMAT_NAMES[fmt]), fmt)
        self.format_box.currentIndexChanged.connect(lambda _i: self._suffix())

        self.scope_all = QRadioButton(self.tr("&All my notes and bookmarks"))
        self.scope_list = QRadioButton(self.tr("One &list:"))
        self.list_box = QComboBox(self)
        self.list_box.setAccessibleName(self.tr("The list to export"))
        for item in user.lists:
            self.list_box.addItem(f"{item.name} ({item.count})", item.name)
        self.scope_selection = QRadioButton(self._describe(self.selection))
        group = QButtonGroup(self)
        for button in (self.scope_all, self.scope_list, self.scope_selection):
            group.addButton(button)
        self.scope_list.setEnabled(bool(user.lists))
        self.list_box.setEnabled(bool(user.lists))
        self.scope_selection.setEnabled(bool(self.selection))
        if self.selection:
            self.scope_selection.setChecked(True)
        elif list_name and self.list_box.findData(list_name) >= 0:
            self.scope_list.setChecked(True)
            self.list_box.setCurrentIndex(self.list_box.findData(list_name))
        else:
            self.scope_all.setChecked(True)
        self.list_box.activated.connect(lambda _i: self.scope_list.setChecked(True))
        list_row = QHBoxLayout()
        list_row.addWidget(self.scope_list)
        list_row.addWidget(self.list_box, 1)

        self.path = QLineEdit(self)
        self.path.setAccessibleName(self.tr("File to write"))
        self.path.setText(str(Path.home() / f"reading-room-notes{EXTENSIONS['md']}"))
        browse = QPushButton(self.tr("&Choose…"), self)
        browse.setAccessibleName(self.tr("Choose the file to write"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        palette = self.error.palette()
        palette.setColor(self.error.foregroundRole(), style.error(palette))
        self.error.setPalette(palette)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Format:"), self.format_box)
        scope = QVBoxLayout()
        scope.addWidget(self.scope_all)
        scope.addLayout(list_row)
        scope.addWidget(self.scope_selection)
        form.addRow(self.tr("What:"), scope)
        form.addRow(self.tr("&To file:"), path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _describe(self, selection: Selection) -> str:
        if selection.note_uids:
            return self.tr("The notes chosen in the notes pane ({count})").format(
                count=len(selection.note_uids)
            )
        if selection.refs:
            return self.tr("The bookmarked documents chosen ({count}), with their notes").format(
                count=len(selection.refs)
            )
        return self.tr("The selection (choose notes or bookmarks in their panes first)")

    def fmt(self) -> str:
        return str(self.format_box.currentData())

    def set_format(self, fmt: str) -> None:
        self.format_box.setCurrentIndex(self.format_box.findData(fmt))

    def _suffix(self) -> None:
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix(EXTENSIONS[self.fmt()])))

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export to"), self.path.text(), f"*{EXTENSIONS[self.fmt()]}"
        )
        if path:
            self.path.setText(path)

    def export(self) -> None:
        from ..core.exports import export_notes

        path = self.path.text().strip()
        if not path:
            self._failed(self.tr("Choose the file to write."))
            return
        fmt = self.fmt()
        options: dict[str, object] = {}
        if self.scope_list.isChecked():
            options["list_name"] = self.list_box.currentData()
        elif self.scope_selection.isChecked() and self.selection.note_uids:
            options["note_uids"] = self.selection.note_uids
        elif self.scope_selection.isChecked():
            options["refs"] = self.selection.refs
        library = self.user.library
        self.user.saver.flush()  # the note typed a moment ago is in the export
        self.export_button.setEnabled(False)
        self.user.write(
            lambda nb: export_notes(nb, fmt, path, library=library, **options),  # type: ignore[arg-type]
            self._done,
            doing=self.tr("exporting your notes"),
            on_error=self._failed,
        )

    def _done(self, result: Any) -> None:
        self.result_summary = self.tr(
            "Exported {notes} notes and {bookmarks} bookmarks on {documents} documents to {path}."
        ).format(
            notes=result.notes,
            bookmarks=result.bookmarks,
            documents=result.documents,
            path=result.path,
        )
        self.accept()

    def _failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        self.error.setText(message)
        self.error.show()
