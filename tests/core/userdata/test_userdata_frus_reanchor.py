"""Passage notes on a real FRUS volume stay on their words when the volume is re-imported
with edited text; a passage whose words were deleted is kept, detached."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from reading_room.core.library import Library
from reading_room.core.userdata import Notebook, UserStore

VOLUME = "frus1918Russiav03"
pytestmark = pytest.mark.slow


def _xml_pattern(sentence: str) -> re.Pattern[str]:
    """The sentence as it sits in the TEI source, wrapped over indented lines."""
    return re.compile(r"\s+".join(re.escape(word) for word in sentence.split()))


def _sentences(body: str, xml: str) -> Iterator[str]:
    """Sentences of a document found exactly once in its text and in the XML source."""
    for sentence in re.findall(r"[A-Z][^.\n]{50,220}\.", body):
        if body.count(sentence) == 1 and len(_xml_pattern(sentence).findall(xml)) == 1:
            yield sentence


@pytest.fixture(scope="module")
def volume(corpora: Path) -> Path:
    return corpora / "frus" / "volumes" / f"{VOLUME}.xml"


def test_passages_reattach_after_the_volume_is_reimported_with_edited_text(
    volume: Path, tmp_path: Path
) -> None:
    xml = volume.read_text(encoding="utf-8")
    library = Library.open(load_sample=False)
    store = UserStore()
    try:
        report = library.import_paths([volume])
        assert report.new > 400, report.summary()
        notebook: Notebook = store.sign_in()

        chosen: dict[str, tuple[str, str]] = {}  # role -> (ref, sentence)
        roles = ["moved", "fuzzy", "deleted", "exact", "moved-far"]
        for number in range(2, 200):
            ref = f"{VOLUME}/d{number}"
            sentence = next(_sentences(library.document(ref).body, xml), None)
            if sentence and len(sentence.split()) >= 10:
                chosen[roles[len(chosen)]] = (ref, sentence)
                if len(chosen) == len(roles):
                    break
        assert len(chosen) == len(roles)

        uids: dict[str, str] = {}
        for role, (ref, sentence) in chosen.items():
            view = library.document(ref)
            start = view.body.index(sentence)
            note = notebook.add_passage_note(
                view, f"note on the {role} passage", start, start + len(sentence)
            )
            uids[role] = note.uid
            notebook.toggle(view, list_name="FRUS passages")
        deleted_ref = chosen["deleted"][0]
        notebook.add_document_note(deleted_ref, "a note on the whole document")

        # an edited copy of the volume: text inserted, a word corrected, a passage deleted
        edited = xml
        inserted = "[Editorial note: this paragraph was inserted by the editors of the corrected edition.] "

        def edit(sentence: str, change) -> None:  # type: ignore[no-untyped-def]
            nonlocal edited
            match = _xml_pattern(sentence).search(edited)
            assert match is not None
            edited = edited[: match.start()] + change(match.group(0)) + edited[match.end() :]

        edit(chosen["moved"][1], lambda s: inserted + s)
        edit(chosen["moved-far"][1], lambda s: inserted * 40 + s)
        words = chosen["fuzzy"][1].split()
        fixed_word = words[len(words) // 2]
        edit(
            chosen["fuzzy"][1],
            lambda s: re.sub(rf"\b{re.escape(fixed_word)}\b", fixed_word + "s", s, count=1),
        )
        edit(chosen["deleted"][1], lambda s: "")
        copy = tmp_path / volume.name
        copy.write_text(edited, encoding="utf-8")

        again = library.import_paths([copy])
        assert again.updated == report.new and again.new == 0, again.summary()

        counts = notebook.reattach(library)
        assert counts == {"exact": 1, "moved": 2, "fuzzy": 1, "detached": 1}

        for role, (ref, sentence) in chosen.items():
            view = library.document(ref)
            (note,) = [n for n in notebook.passages(view) if n.uid == uids[role]]
            assert note.anchor is not None
            found = view.body[note.anchor.start : note.anchor.end]
            if role in ("exact", "moved", "moved-far"):
                assert found == sentence, role
                assert note.state == "exact"  # offsets updated by reattach
            elif role == "fuzzy":
                assert note.state == "fuzzy"
                assert " ".join(found.split()) == " ".join(
                    re.sub(
                        rf"\b{re.escape(fixed_word)}\b", fixed_word + "s", sentence, count=1
                    ).split()
                )
            else:
                assert note.state == "detached"
                assert note.anchor.quote == sentence  # kept, with its words, never dropped
                assert sentence not in view.body
            assert note.text == f"note on the {role} passage"

        # every bookmark and note is still there, on the same documents
        assert notebook.bookmarked_refs("FRUS passages") == {ref for ref, _ in chosen.values()}
        assert len(notebook.notes()) == len(roles) + 1
        assert notebook.missing_refs(library) == frozenset()
        assert [n.text for n in notebook.notes(ref=deleted_ref) if n.anchor is None] == [
            "a note on the whole document"
        ]
    finally:
        store.close()
        library.close()
