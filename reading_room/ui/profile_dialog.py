"""Profile › Switch profile… and Profile › Change password….

Profiles share a computer; each may be protected by a password. Signing in runs off the
GUI thread (a password takes a moment to check), and a wrong password is said in the
dialog in plain words. Nothing of another profile is shown here but its name.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import style
from .user_session import UserSession


def _password_box(name: str) -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setAccessibleName(name)
    return box


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("dialogError")
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(label.foregroundRole(), style.error(palette))
    label.setPalette(palette)
    label.hide()
    return label


class ProfileDialog(QDialog):
    """Choose a profile to sign in to (with its password if it has one), or make a new one."""

    def __init__(self, user: UserSession, parent: QWidget | None = None, wanted: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Switch profile"))
        self.user = user
        self._wanted = wanted
        self._profiles: dict[str, Any] = {}
        self.profiles = QListWidget(self)
        self.profiles.setAccessibleName(self.tr("Profiles on this computer"))
        self.profiles.currentItemChanged.connect(lambda *_: self._chosen())
        self.profiles.itemActivated.connect(lambda _item: self.sign_in())
        self.password = _password_box(self.tr("Password of the chosen profile"))
        self.password.returnPressed.connect(self.sign_in)
        self.password_label = QLabel(self.tr("&Password:"))
        self.password_label.setBuddy(self.password)
        self.sign_in_button = QPushButton(self.tr("&Sign in"))
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.error = _error_label()

        self.new_name = QLineEdit()
        self.new_name.setAccessibleName(self.tr("Name of the new profile"))
        self.new_password = _password_box(self.tr("Password of the new profile (optional)"))
        self.new_repeat = _password_box(self.tr("The password again"))
        self.add_button = QPushButton(self.tr("&Add profile and sign in"))
        self.add_button.clicked.connect(self.add_profile)
        new_box = QGroupBox(self.tr("New profile"))
        form = QFormLayout(new_box)
        form.addRow(self.tr("&Name:"), self.new_name)
        form.addRow(self.tr("Pass&word (optional):"), self.new_password)
        form.addRow(self.tr("&Repeat:"), self.new_repeat)
        form.addRow("", self.add_button)

        row = QHBoxLayout()
        row.addWidget(self.password_label)
        row.addWidget(self.password, 1)
        row.addWidget(self.sign_in_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        current = user.profile.name if user.profile else ""
        heading = QLabel(
            self.tr("Signed in as <b>{name}</b>.").format(name=current)
            if current
            else self.tr("Choose your profile.")
        )
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        layout.addWidget(self.profiles, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(new_box)
        layout.addWidget(close)
        self.resize(440, 460)
        self.user.profiles(self._show_profiles)
        self._chosen()

    def _show_profiles(self, profiles: list[Any]) -> None:
        self.profiles.clear()
        self._profiles = {p.name: p for p in profiles}
        current = self.user.profile.name if self.user.profile else ""
        for profile in profiles:
            label = profile.name
            if profile.has_password:
                label += "  " + self.tr("(password)")
            if profile.name == current:
                label += "  " + self.tr("— signed in")
            item = QListWidgetItem(label, self.profiles)
            item.setData(Qt.ItemDataRole.UserRole, profile.name)
            if profile.name == (self._wanted or current):
                self.profiles.setCurrentItem(item)
        if self.profiles.currentItem() is None and self.profiles.count():
            self.profiles.setCurrentRow(0)

    def chosen(self) -> str:
        item = self.profiles.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def _chosen(self) -> None:
        profile = self._profiles.get(self.chosen())
        protected = bool(profile and profile.has_password)
        self.password.setEnabled(protected)
        self.password_label.setEnabled(protected)
        self.sign_in_button.setEnabled(profile is not None)
        self.password.clear()
        self.error.hide()
        if protected:
            self.password.setFocus()

    def choose(self, name: str) -> None:
        for row in range(self.profiles.count()):
            if self.profiles.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.profiles.setCurrentRow(row)

    def sign_in(self) -> None:
        name = self.chosen()
        if not name:
            return
        self._busy(True)
        self.user.sign_in(
            name,
            self.password.text() or None,
            on_done=lambda _p: self.accept(),
            on_error=self._failed,
        )

    def add_profile(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            self._failed(self.tr("Give the new profile a name."))
            return
        if self.new_password.text() != self.new_repeat.text():
            self._failed(self.tr("The two passwords differ; type the same password twice."))
            return
        self._busy(True)
        self.user.sign_in(
            name,
            self.new_password.text() or None,
            create=True,
            on_done=lambda _p: self.accept(),
            on_error=self._failed,
        )

    def _busy(self, busy: bool) -> None:
        for widget in (self.sign_in_button, self.add_button):
            widget.setEnabled(not busy)

    def _failed(self, message: str) -> None:
        self._busy(False)
        self.error.setText(message)
        self.error.show()
        self.password.selectAll()


class PasswordDialog(QDialog):
    """Set, change or (leaving the new one empty) remove the password of my profile."""

    def __init__(self, user: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change password"))
        self.user = user
        protected = bool(user.profile and user.profile.has_password)
        self.old = _password_box(self.tr("Current password"))
        self.old.setEnabled(protected)
        self.new = _password_box(self.tr("New password"))
        self.repeat = _password_box(self.tr("New password again"))
        self.error = _error_label()
        form = QFormLayout()
        form.addRow(self.tr("&Current password:"), self.old)
        form.addRow(self.tr("&New password:"), self.new)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        hint = QLabel(self.tr("Leave the new password empty to remove the password."))
        hint.setObjectName("quietNote")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        name = user.profile.name if user.profile else ""
        layout.addWidget(QLabel(self.tr("Profile: {name}").format(name=name)))
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        if self.new.text() != self.repeat.text():
            self._failed(self.tr("The two new passwords differ; type the same password twice."))
            return
        self.ok_button.setEnabled(False)
        self.user.change_password(
            self.old.text() or None,
            self.new.text() or None,
            on_done=lambda _profile: self.accept(),
            on_error=self._failed,
        )

    def _failed(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        self.error.setText(message)
        self.error.show()
