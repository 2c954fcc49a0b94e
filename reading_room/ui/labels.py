"""How values read: counts in the reader's locale, collection ids as titles (the window knows
those), language codes as names."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

#: codes QLocale reads as another language
LANGUAGE_NAMES = {"sh": "Serbo-Croatian", "la": "Latin", "grc": "Ancient Greek"}


def number(value: int) -> str:
    """A count as the reader's locale writes it: 543,258 (543.258 in German); digits are
    grouped under the C locale too (``ui.app.application`` sees to it)."""
    return QLocale().toString(value)


def group_digits_in_c_locale() -> None:
    """Under the C (POSIX) locale — a bare system, a kiosk — Qt writes 543258; the window
    writes 543,258 there, as the English it speaks."""
    if QLocale().language() == QLocale.Language.C:
        locale = QLocale.c()
        locale.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
        QLocale.setDefault(locale)


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
