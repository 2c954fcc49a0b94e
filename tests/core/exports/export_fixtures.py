"""Documents shaped as the collection gives them, and a stand-in for the library."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reading_room.core.errors import DocumentNotFound
from reading_room.core.library import DocumentView


def view(ref: str, title: str, date: str, body: str, **extra: Any) -> DocumentView:
    return DocumentView(
        ref=ref,
        collection_id="frus1918Russiav03",
        collection_title="Papers Relating to the Foreign Relations of the United States, 1918, Russia, Volume III",
        title=title,
        date_text=date,
        date_start=extra.pop("date_start", None),
        date_end=extra.pop("date_end", None),
        date_precision="day",
        date_certain=True,
        date_flag=None,
        summary="",
        body=body,
        notes="",
        source="",
        place="Petrograd",
        language="en",
        doc_type="telegram",
        section="",
        persons=(),
        places=(),
        subjects=(),
        attachments=(),
        extra={"volume_title": "Foreign Relations of the United States, 1918, Russia, Volume III"},
        source_file="frus1918Russiav03.xml",
    )


D2 = view(
    "frus1918Russiav03/d2",
    "The Ambassador in Russia (Francis) to the Secretary of State",
    "Petrograd, April 6, 1917, 12 p.m.",
    "Had two conferences with Minister of Finance who says loan would be highly appreciated "
    "by Council of Ministers and all Russia. Estimates requirements at $500,000,000.",
    date_start="1917-04-06",
    date_end="1917-04-06",
)
D3 = view(
    "frus1918Russiav03/d3",
    "The Secretary of State to the Ambassador in Russia (Francis)",
    "Washington, April 13, 1917, 5 p.m.",
    "Replying to your cable April 6 please advise Minister Finance that Congress will probably "
    "pass a bill shortly authorizing the Secretary Treasury to extend direct loans.",
    date_start="1917-04-13",
    date_end="1917-04-13",
)
GONE = view(
    "frus1918Russiav03/d999", "A telegram withdrawn from the volume", "May 1, 1917", "Gone."
)


@dataclass
class FakeLibrary:
    views: dict[str, DocumentView] = field(default_factory=dict)

    def document(self, ref: str) -> DocumentView:
        try:
            return self.views[ref]
        except KeyError:
            raise DocumentNotFound(ref) from None
