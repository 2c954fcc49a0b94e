"""F1: the query language on one page, and the keys of the window."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

QUERY_LANGUAGE = (
    ("tito kardelj", "documents with both words"),
    ("tito OR nasser", "either word"),
    ("belgrade NOT moscow, belgrade -moscow", "the first without the second"),
    ('"belgrade declaration"', "the exact phrase"),
    ("yugoslav*", "words that start so"),
    ("hamarskjold~", "words spelt nearly so (one letter off; ~2 for two)"),
    ("title:telegram, person:kennan, place:brioni", "within one field"),
    ('subject:"hungarian crisis", type:speech, language:ru', "within one field"),
    ("ref:frus1918Russiav03/d41", "one document by its reference"),
)

KEYS = (
    ("Ctrl+L", "go to the query box"),
    ("Enter", "search at once (in the query box); open the result (in the list)"),
    ("Alt+Left / Alt+Right", "previous / next page of results"),
    ("Up / Down", "move through the results"),
    ("Ctrl+O", "import files"),
    ("Ctrl+D", "bookmark the document (or take its bookmark off)"),
    ("Ctrl+Shift+A", "annotate the words selected in the document"),
    ("Ctrl+Shift+N", "write my note on the whole document"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo while writing a note"),
    ("Ctrl+1 … Ctrl+4", "results, bookmarks, notes, trash"),
    ("F1", "this help"),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def help_html() -> str:
    rows = "".join(
        f"<tr><td><code>{html.escape(example)}</code></td><td>{html.escape(tr(meaning))}</td></tr>"
        for example, meaning in QUERY_LANGUAGE
    )
    keys = "".join(
        f"<tr><td><b>{html.escape(key)}</b></td><td>{html.escape(tr(meaning))}</td></tr>"
        for key, meaning in KEYS
    )
    notes = tr(
        "Case and accents do not matter (micunovic finds Mićunović); Cyrillic is searched as typed. "
        "Any text is a valid query: what cannot be understood is searched leniently, and the window "
        "says what was ignored."
    )
    dates = tr("Dates in the filter: a year (1956), a month (1956-10) or a day (1956-10-23).")
    return (
        f"<h2>{tr('The query language')}</h2>"
        f'<table cellspacing="0" cellpadding="5">{rows}</table>'
        f"<p>{html.escape(notes)}</p><p>{html.escape(dates)}</p>"
        f"<h2>{tr('Keys')}</h2>"
        f'<table cellspacing="0" cellpadding="5">{keys}</table>'
    )


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Searching the reading room"))
        self.resize(700, 660)
        browser = QTextBrowser()
        browser.setAccessibleName(self.tr("Help"))
        browser.setHtml(help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
