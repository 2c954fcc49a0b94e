"""The bar above a document: previous/next document, its bookmark star, text size, citation,
print, PDF.

A QToolBar, so that in a narrow pane what does not fit moves into its » menu instead of
widening the whole window.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy, QToolBar, QToolButton, QWidget

from . import style
from .icons import icon, tinted


class DocumentToolbar(QToolBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentToolbar")
        self.setAccessibleName(self.tr("Document tools"))
        self.setMovable(False)
        self.setFloatable(False)
        self.setIconSize(QSize(16, 16))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # the » button Qt shows when the pane is too narrow for every tool
        extension = self.findChild(QToolButton, "qt_toolbar_ext_button")
        if extension is not None:
            extension.setAccessibleName(self.tr("More document tools"))
            extension.setToolTip(self.tr("More document tools"))

        self.previous_action, self.previous_button = self._action(
            self.tr("‹ Previous"), self.tr("Previous document in the results")
        )
        self.position_label = QLabel(self)
        self.position_label.setObjectName("documentPosition")
        self.position_label.setAccessibleName(self.tr("Position in the results"))
        self.position_label.setContentsMargins(4, 0, 4, 0)
        self.addWidget(self.position_label)
        self.next_action, self.next_button = self._action(
            self.tr("Next ›"), self.tr("Next document in the results")
        )
        self.bookmark_action, self.bookmark_button = self._action(
            self.tr("Bookmark"), self.tr("Bookmark this document (Ctrl+D)")
        )
        self.bookmark_action.setCheckable(True)
        self.bookmark_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.set_bookmarked(False)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("documentStatus")
        self.status_label.setAccessibleName(self.tr("Status"))
        self.status_label.setContentsMargins(12, 0, 8, 0)
        self.status_label.setEnabled(False)  # drawn in the muted, disabled colour
        self.status_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.status_label.setMinimumWidth(8)
        self.addWidget(self.status_label)

        self.zoom_out_action, self.zoom_out_button = self._action(
            self.tr("A−"), self.tr("Smaller text (Ctrl+−)")
        )
        self.zoom_label = QLabel(self)
        self.zoom_label.setAccessibleName(self.tr("Text size"))
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(self.zoom_label.fontMetrics().horizontalAdvance("300 %"))
        self.addWidget(self.zoom_label)
        self.zoom_in_action, self.zoom_in_button = self._action(
            self.tr("A+"), self.tr("Larger text (Ctrl++)")
        )
        self.addSeparator()

        self.copy_citation_action = QAction(self.tr("Copy citation"), self)
        self.copy_citation_action.setToolTip(
            self.tr("Copy the citation, Chicago style (Ctrl+Shift+C)")
        )
        self.copy_reference_action = QAction(self.tr("Copy reference"), self)
        self.copy_reference_action.setToolTip(self.tr("Copy the document's reference"))
        menu = QMenu(self)
        menu.addAction(self.copy_citation_action)
        menu.addAction(self.copy_reference_action)
        self.copy_citation_action.setMenu(menu)
        self.addAction(self.copy_citation_action)
        self.copy_button = self._button_for(self.copy_citation_action)
        self.copy_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.print_action, self.print_button = self._action(
            self.tr("Print…"), self.tr("Print the document (Ctrl+P)")
        )
        self.pdf_action, self.pdf_button = self._action(
            self.tr("Save as PDF…"), self.tr("Save the document as a PDF file (Ctrl+Shift+S)")
        )

        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(5000)
        self._status_timer.timeout.connect(self.status_label.clear)
        self.set_navigation(0, 0)
        self.set_document_actions(False)

    def _action(self, text: str, tip: str) -> tuple[QAction, QToolButton]:
        action = QAction(text, self)
        action.setIconText(text)  # keeps the "…" of a command that opens a dialog
        action.setToolTip(tip)
        self.addAction(action)
        return action, self._button_for(action)

    def _button_for(self, action: QAction) -> QToolButton:
        button = self.widgetForAction(action)
        assert isinstance(button, QToolButton)
        button.setAccessibleName(action.toolTip())
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable from the keyboard
        return button

    def set_navigation(self, position: int, total: int) -> None:
        if total > 0 and position > 0:
            text = self.tr("Document %1 of %2").replace("%1", str(position))
            self.position_label.setText(text.replace("%2", str(total)))
        else:
            self.position_label.setText("")
        self.previous_action.setEnabled(total > 0 and position > 1)
        self.next_action.setEnabled(total > 0 and 0 < position < total)

    def set_bookmarked(self, bookmarked: bool) -> None:
        """The star: filled and "Bookmarked" when the document is among my bookmarks."""
        action = self.bookmark_action
        action.blockSignals(True)
        action.setChecked(bookmarked)
        action.blockSignals(False)
        text = self.tr("Bookmarked") if bookmarked else self.tr("Bookmark")
        action.setText(text)
        action.setIconText(text)
        action.setToolTip(
            self.tr("Remove the bookmark (Ctrl+D)")
            if bookmarked
            else self.tr("Bookmark this document (Ctrl+D)")
        )
        palette = self.palette()
        action.setIcon(
            tinted("star-filled", style.star(palette)) if bookmarked else icon("star", palette)
        )
        self.bookmark_button.setAccessibleName(action.toolTip())

    def set_document_actions(self, enabled: bool) -> None:
        for action in (
            self.bookmark_action,
            self.copy_citation_action,
            self.copy_reference_action,
            self.print_action,
            self.pdf_action,
            self.zoom_in_action,
            self.zoom_out_action,
        ):
            action.setEnabled(enabled)

    def set_zoom(self, percent: int) -> None:
        self.zoom_label.setText(self.tr("%1 %").replace("%1", str(percent)))

    def show_status(self, text: str) -> None:
        """A short confirmation ("Citation copied.") that fades after a few seconds."""
        self.status_label.setText(text)
        self._status_timer.start()

    def changeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self.set_bookmarked(self.bookmark_action.isChecked())
