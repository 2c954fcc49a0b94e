"""File › Import…: progress, the report at the end, problems with their file and line, dates
that could not be read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ui_fixture import make_window, wait_idle


def test_an_import_with_a_bad_line_reports_it_and_keeps_the_rest(
    qtbot: Any, own_library: Any, tmp_path: Path
) -> None:
    window = make_window(qtbot, own_library)
    before = window.session.page.total
    bad = tmp_path / "letters.jsonl"
    bad.write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "ref": "l1",
                        "title": "A letter on the harvest",
                        "date": "1957-03-02",
                        "text": "harvest",
                    }
                ),
                "{this line is not JSON",
                json.dumps(
                    {
                        "ref": "l2",
                        "title": "Another letter",
                        "date": "1957-02-30",
                        "text": "harvest",
                    }
                ),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    dialog = window.show_import_dialog()
    assert dialog is not None and dialog.isVisible()
    progress = []
    dialog.progress.valueChanged.connect(progress.append)
    dialog.add_paths([bad])
    assert dialog.start_button.isEnabled()
    dialog.start()
    assert dialog.running
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    report = dialog.report_text()
    assert "Imported 2 documents" in report
    assert f"{bad}:2: not valid JSON" in report
    # the impossible date is named for staff to correct; its letter is kept, undated
    assert "1 date could not be read (the documents are kept)" in report
    assert f"{bad}: 1 date could not be read; the document is kept" in report
    assert "line 3 (letters/l2): unreadable source date '1957-02-30'" in report
    assert dialog.problems.isVisible()
    assert dialog.close_button.isVisible()
    assert progress  # the bar moved
    # the window searched again and counts the new documents
    qtbot.waitUntil(lambda: window.session.page.total == before + 2, timeout=10_000)
    assert "Imported 2 documents" in window.message_bar.message()
    window.tasks.shutdown()


def test_cancel_keeps_the_window_usable(qtbot: Any, own_library: Any, tmp_path: Path) -> None:
    window = make_window(qtbot, own_library)
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(6):
        lines = [
            json.dumps({"ref": f"f{n}-{i}", "title": f"Paper {n}-{i}", "text": "minutes"})
            for i in range(300)
        ]
        (folder / f"part{n}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = window.show_import_dialog([str(folder)], start=True)
    assert dialog is not None
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert dialog.report is not None
    assert dialog.report.cancelled or dialog.report.imported == 1800
    wait_idle(qtbot, window)
    window.tasks.shutdown()


def test_a_file_that_does_not_exist(qtbot: Any, own_library: Any, tmp_path: Path) -> None:
    window = make_window(qtbot, own_library)
    dialog = window.show_import_dialog([str(tmp_path / "missing.xml")], start=True)
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    text = dialog.report_text()
    assert "missing.xml" in text
    assert "Traceback" not in text
    window.tasks.shutdown()
