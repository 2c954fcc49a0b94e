"""How facet values read: collection ids as titles (the window knows those), language codes as names."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

#: codes QLocale reads as another language
LANGUAGE_NAMES = {"sh": "Serbo-Croatian", "la": "Latin", "grc": "Ancient Greek"}


def language_name(code: str) -> str:
    """``ru`` → Russian, ``sr-Latn`` → Serbian (sr-Latn); what is not a code is shown as it is."""
    if code in LANGUAGE_NAMES:
        return QCoreApplication.translate("Languages", LANGUAGE_NAMES[code])
    base = code.replace("_", "-").split("-")[0]
    if 2 <= len(base) <= 3 and base.isalpha():
        locale = QLocale(code)
        if locale.language() not in (QLocale.Language.C, QLocale.Language.AnyLanguage):
            name = QLocale.languageToString(locale.language())
            return name if base == code else f"{name} ({code})"
    return code
