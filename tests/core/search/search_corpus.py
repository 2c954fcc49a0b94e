"""A small collection written for the search tests, in a real Store, indexed once per module.

Written by us (not copied from the corpora): three collections, 22 routine dispatches for the
pagination edges, and a handful of documents for accents, Cyrillic, phrases, dates and HTML.
"""

from __future__ import annotations

from reading_room.core.records import CollectionRecord, DateRange, DocumentRecord
from reading_room.core.store import Store

COLLECTIONS = (
    CollectionRecord("frus1918", "Papers relating to Russia, 1918", kind="tei_frus"),
    CollectionRecord("essays", "Essays on the Cold War", kind="tei_essay"),
    CollectionRecord("albania", "Albanian letters", kind="csv"),
)


def day(iso: str, text: str = "") -> DateRange:
    return DateRange(text or iso, iso, iso, "day")


def routine(n: int) -> DocumentRecord:
    """22 dispatches share the word 'dispatch', one a day in January 1918."""
    return DocumentRecord(
        ref=f"frus1918/d{n}",
        collection_id="frus1918",
        title=f"Routine dispatch {n:02d} on grain",
        date=day(f"1918-01-{n:02d}", f"January {n}, 1918"),
        body=(
            f"Routine dispatch number {n} concerning grain supplies, the railway to Vologda "
            f"and the price of bread in the northern provinces."
        ),
        persons=("Francis, David R.",) if n % 2 else ("Summers, Maddin",),
        places=("Vologda",),
        language="en",
        doc_type="telegram" if n % 3 else "despatch",
        position=100 + n,
    )


SPECIAL = (
    DocumentRecord(
        ref="frus1918Russiav03/d41",
        collection_id="frus1918",
        title="The Ambassador in Russia (Francis) to the Secretary of State",
        date=day("1917-11-22", "Petrograd, November 22, 1917"),
        summary="The Bolsheviki hold Petrograd.",
        body=(
            "The Bolsheviki have taken the capital. Smolny is guarded. A long dispute over "
            "the telegram continues; the long telegram of the committee was not sent."
        ),
        notes="See the Sisson documents for the origin of the decree.",
        persons=("Francis, David R.", "Trotsky, Leon"),
        places=("Petrograd",),
        place="Petrograd",
        language="en",
        doc_type="telegram",
        position=41,
    ),
    DocumentRecord(
        ref="essays/kennan",
        collection_id="essays",
        title="Memorandum by George F. Kennan",
        date=day("1946-02-22"),
        summary="Kennan explains the sources of Soviet conduct.",
        body=(
            "The long telegram sent from Moscow argued for containment. Kennan wrote it in "
            "one night; the Department circulated it widely."
        ),
        persons=("Kennan, George F.",),
        places=("Moscow",),
        subjects=("Containment", "Cold War"),
        language="en",
        doc_type="memorandum",
        position=1,
    ),
    DocumentRecord(
        ref="essays/rodriguez",
        collection_id="essays",
        title="Conversations in Havana",
        date=DateRange("1959–1962", "1959-01-01", "1962-12-31", "range"),
        summary="Notes of talks with Carlos Rafael Rodríguez.",
        body="Rodríguez received the delegation in Havana and spoke of the sugar harvest.",
        persons=("Rodríguez, Carlos Rafael",),
        places=("Havana",),
        subjects=("Cuba", "Cold War"),
        language="es",
        doc_type="report",
        position=2,
    ),
    DocumentRecord(
        ref="albania/letter1",
        collection_id="albania",
        title="Letër nga Tirana",
        date=DateRange("tetor 1956", "1956-10-01", "1956-10-31", "month"),
        body="Kjo letër është shkruar në Tiranë gjatë vjeshtës.",
        places=("Tirana",),
        place="Tirana",
        language="sq",
        doc_type="letter",
        position=1,
    ),
    DocumentRecord(
        ref="albania/undated",
        collection_id="albania",
        title="Undated letter",
        body="An undated letter from Tirana about the harvest.",
        places=("Tirana",),
        language="sq",
        doc_type="letter",
        position=2,
    ),
    DocumentRecord(
        ref="essays/lenin",
        collection_id="essays",
        title="Речь Ленина",
        date=day("1917-11-07"),
        body="Ленин выступил перед съездом. Речь Ленина была короткой.",
        persons=("Ленин, Владимир Ильич",),
        language="ru",
        doc_type="speech",
        position=3,
    ),
    DocumentRecord(
        ref="essays/markup",
        collection_id="essays",
        title="On <b>bold</b> tags & other markup",
        date=day("1999-12-31"),
        body="Beware of <script>alert('markup')</script> in transcriptions & other \"quoted\" text.",
        language="en",
        doc_type="note",
        position=4,
    ),
)

RECORDS = tuple(routine(n) for n in range(1, 23)) + SPECIAL


def fill(store: Store, records=RECORDS) -> None:
    for collection in COLLECTIONS:
        store.upsert_collection(collection)
    store.upsert_documents(list(records))
