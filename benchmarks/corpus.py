"""A seeded generator of FRUS-like documents, made of real FRUS text recombined.

Benchmarks need collections far larger than the ten real volumes (4,379
documents), yet with the vocabulary, word frequencies and paragraph lengths of
real archival text — a made-up lorem ipsum has neither the long tail nor the
very common words that make a search engine slow. So each synthetic document is
a random sample of real paragraphs (how many: drawn from the real distribution
of paragraphs per document), under a title recombined from real document heads,
with persons, places, source notes and chapter headings that were actually
tagged in the volumes, and a date spread over 1860–1990.

The corpus text is read at run time from the shared corpora (never copied into
the repository); the extracted paragraphs are cached under ``benchmarks/work/``.
The same seed and size give the same documents, on any machine.

    python -m benchmarks.corpus --docs 100000 --out benchmarks/work/frus-100k
    reading-room import benchmarks/work/frus-100k     # one JSON Lines file per collection
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import os
import random
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reading_room.core.records import CollectionRecord, DateRange, DocumentRecord

REPO = Path(__file__).resolve().parent.parent
WORK_DIR = REPO / "benchmarks" / "work"
CORPORA_ENV = "READING_ROOM_CORPORA"
DEFAULT_SEED = 1917
FIRST_YEAR, LAST_YEAR = 1860, 1990
#: bump when the extraction changes, so stale caches are not reused
POOL_VERSION = 3

TEI = "http://www.tei-c.org/ns/1.0"
_T = f"{{{TEI}}}"

SUBJECTS = (
    "Recognition of governments",
    "Claims",
    "Boundary disputes",
    "Neutrality and belligerent rights",
    "Protection of American citizens",
    "Commercial treaties",
    "Finance and loans",
    "Extraterritoriality",
    "Arbitration",
    "Immigration",
    "Shipping",
    "Armaments",
    "Relief",
    "Revolutions and civil strife",
    "Consular affairs",
    "Petroleum concessions",
    "Tariffs",
    "Peace negotiations",
)
#: document types with rough FRUS proportions (repeated = more likely)
TYPES = (
    ("telegram",) * 9
    + ("despatch",) * 5
    + ("instruction",) * 3
    + ("memorandum",) * 3
    + ("letter",) * 2
    + ("note", "minutes", "report", "enclosure")
)
_PERSON_COUNTS = (0, 1, 1, 2, 2, 2, 3, 4)
_SUBJECT_COUNTS = (1, 1, 1, 2)
_MONTHS = tuple(calendar.month_name)
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def default_corpora() -> Path:
    """The shared corpora: ``READING_ROOM_CORPORA`` or ``../shared/corpora`` beside the repo."""
    override = os.environ.get(CORPORA_ENV)
    if override:
        return Path(override).expanduser()
    for candidate in (
        REPO.parent / "shared" / "corpora",
        REPO.parent.parent / "shared" / "corpora",
    ):
        if candidate.is_dir():
            return candidate
    return REPO.parent / "shared" / "corpora"


# -- the pool of real material ----------------------------------------------------------


@dataclass(frozen=True)
class Pool:
    """Everything the generator draws from, extracted once from the real volumes.

    Lists that keep duplicates (persons, places, sources) are sampled
    uniformly, which draws each name as often as the volumes tag it.
    """

    paragraphs: tuple[str, ...]
    paragraph_counts: tuple[int, ...]  # paragraphs per real document
    heads_from: tuple[str, ...]  # "The Secretary of State" of "… to …" heads
    heads_to: tuple[str, ...]  # "the Ambassador in France (Sharp)"
    heads_whole: tuple[str, ...]  # heads that are not "X to Y"
    persons: tuple[str, ...]
    places: tuple[str, ...]
    dateline_places: tuple[str, ...]
    sources: tuple[str, ...]
    sections: tuple[str, ...]
    volumes: tuple[str, ...]  # volume ids, for provenance

    def to_json(self) -> dict[str, object]:
        return {name: list(getattr(self, name)) for name in self.__dataclass_fields__}

    @classmethod
    def from_json(cls, data: dict[str, list[object]]) -> Pool:
        return cls(**{name: tuple(data[name]) for name in cls.__dataclass_fields__})  # type: ignore[arg-type]


def _text(element: object) -> str:
    return " ".join("".join(element.itertext()).split())  # type: ignore[attr-defined]


def _split_head(head: str) -> tuple[str, str] | None:
    """ "The Secretary of State to the Ambassador in France (Sharp)" → its two parties."""
    for marker in (" to the ", " to "):
        left, sep, right = head.partition(marker)
        if sep and 3 <= len(left) <= 120 and 3 <= len(right) <= 120:
            return left, ("the " + right if marker == " to the " else right)
    return None


def extract_pool(volumes_dir: Path) -> Pool:
    """Read every FRUS TEI volume in ``volumes_dir`` (about a second for the ten)."""
    from lxml import etree

    files = sorted(volumes_dir.glob("*.xml"))
    if not files:
        raise FileNotFoundError(f"no FRUS volumes (*.xml) in {volumes_dir}")
    paragraphs: list[str] = []
    counts: list[int] = []
    heads_from: list[str] = []
    heads_to: list[str] = []
    heads_whole: list[str] = []
    persons: list[str] = []
    places: list[str] = []
    dateline_places: list[str] = []
    sources: list[str] = []
    sections: dict[str, None] = {}
    volumes: list[str] = []
    for file in files:
        root = etree.parse(str(file)).getroot()
        volumes.append(root.get("{http://www.w3.org/XML/1998/namespace}id") or file.stem)
        for note in root.iter(f"{_T}note"):
            if note.get("type") == "source":
                source = _text(note)
                if 0 < len(source) <= 200:
                    sources.append(source)
        # footnotes and source notes would leak into titles and paragraphs
        etree.strip_elements(root, f"{_T}note", with_tail=False)
        for div in root.iter(f"{_T}div"):
            kind = div.get("type")
            if kind in ("compilation", "chapter", "subchapter"):
                head = div.find(f"{_T}head")
                if head is not None and 2 <= len(_text(head)) <= 150:
                    sections[_text(head)] = None
            if kind != "document":
                continue
            head = div.find(f"{_T}head")
            if head is not None:
                title = _text(head)
                parts = _split_head(title)
                if parts:
                    heads_from.append(parts[0])
                    heads_to.append(parts[1])
                elif 3 <= len(title) <= 300 and not title.startswith("["):
                    heads_whole.append(title)  # not "[Untitled]" and the like
            count = 0
            for p in div.iter(f"{_T}p"):
                text = _text(p)
                if text:
                    paragraphs.append(text)
                    count += 1
            counts.append(count)
            for dateline in div.iter(f"{_T}dateline"):
                for place in dateline.iter(f"{_T}placeName"):
                    name = _text(place).rstrip(",.")
                    if 2 <= len(name) <= 60:
                        dateline_places.append(name)
                break
        for person in root.iter(f"{_T}persName"):
            name = _text(person).strip(",.;: ")
            if 2 <= len(name) <= 60:
                persons.append(name)
        for place in root.iter(f"{_T}placeName"):
            name = _text(place).strip(",.;: ")
            if 2 <= len(name) <= 60:
                places.append(name)
    return Pool(
        paragraphs=tuple(paragraphs),
        paragraph_counts=tuple(counts),
        heads_from=tuple(heads_from),
        heads_to=tuple(heads_to),
        heads_whole=tuple(heads_whole),
        persons=tuple(persons),
        places=tuple(places),
        dateline_places=tuple(dateline_places or places),
        sources=tuple(sources),
        sections=tuple(sections),
        volumes=tuple(volumes),
    )


def _fingerprint(volumes_dir: Path) -> list[list[object]]:
    return [[f.name, f.stat().st_size] for f in sorted(volumes_dir.glob("*.xml"))]


def load_pool(corpora: Path | None = None, cache_dir: Path | None = None) -> Pool:
    """The pool of real material, from the cache when the volumes have not changed."""
    volumes_dir = (corpora or default_corpora()) / "frus" / "volumes"
    if not volumes_dir.is_dir():
        raise FileNotFoundError(
            f"FRUS volumes not found at {volumes_dir}; pass --corpora or set {CORPORA_ENV}"
        )
    cache = (cache_dir or WORK_DIR) / "frus-pool.json"
    key = {"version": POOL_VERSION, "volumes": _fingerprint(volumes_dir)}
    if cache.is_file():
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            if data.get("key") == key:
                return Pool.from_json(data["pool"])
        except (ValueError, KeyError, TypeError):
            pass  # a damaged or old cache is simply rebuilt
    pool = extract_pool(volumes_dir)
    cache.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps({"key": key, "pool": pool.to_json()}), encoding="utf-8")
    partial.replace(cache)
    return pool


# -- the generator --------------------------------------------------------------------


@dataclass(frozen=True)
class CollectionPlan:
    record: CollectionRecord
    size: int
    year_from: int
    year_to: int
    sections: tuple[str, ...]
    number: int  # 0-based, seeds the collection's own random stream


class SyntheticFrus:
    """``docs`` FRUS-like documents in volume-like collections of 500–1,000 documents.

    Lazy: documents are made while iterating, so a million of them never sit in
    memory. Each collection has its own random stream (seeded by the seed and its
    number), so the output depends only on ``seed`` and ``docs``.
    """

    def __init__(self, pool: Pool, docs: int, seed: int = DEFAULT_SEED) -> None:
        if docs < 0:
            raise ValueError("docs must be >= 0")
        self.pool = pool
        self.docs = docs
        self.seed = seed
        self.plan = self._plan()

    def _plan(self) -> tuple[CollectionPlan, ...]:
        rng = random.Random(f"{self.seed}:plan")
        sizes: list[int] = []
        left = self.docs
        while left > 0:
            size = min(left, rng.randint(500, 1000))
            sizes.append(size)
            left -= size
        plans: list[CollectionPlan] = []
        per_year: dict[int, int] = {}
        span = LAST_YEAR - FIRST_YEAR + 1
        for number, size in enumerate(sizes):
            # a chronological series, like FRUS: the volumes walk through the years
            year_from = FIRST_YEAR + number * span // max(1, len(sizes))
            year_to = min(LAST_YEAR, year_from + rng.choice((0, 0, 1, 1, 2)))
            per_year[year_from] = per_year.get(year_from, 0) + 1
            volume = per_year[year_from]
            years = str(year_from) if year_to == year_from else f"{year_from}–{year_to}"
            sections = tuple(
                rng.sample(self.pool.sections, min(len(self.pool.sections), rng.randint(3, 12)))
            )
            roman = _ROMAN[volume - 1] if volume <= len(_ROMAN) else str(volume)
            cid = f"frus-synth-{number + 1:05d}"
            record = CollectionRecord(
                id=cid,
                title=f"Foreign Relations of the United States, {years}, Volume {roman}",
                kind="benchmark",
                description=f"Synthetic: real FRUS paragraphs recombined (seed {self.seed})",
            )
            plans.append(CollectionPlan(record, size, year_from, year_to, sections, number))
        return tuple(plans)

    def collections(self) -> list[CollectionRecord]:
        return [plan.record for plan in self.plan]

    def __len__(self) -> int:
        return self.docs

    def __iter__(self) -> Iterator[DocumentRecord]:
        return self.documents()

    def documents(self) -> Iterator[DocumentRecord]:
        for plan in self.plan:
            yield from self.collection_documents(plan)

    def events(self) -> Iterator[CollectionRecord | DocumentRecord]:
        """Like an importer: each collection record, then its documents."""
        for plan in self.plan:
            yield plan.record
            yield from self.collection_documents(plan)

    def collection_documents(self, plan: CollectionPlan) -> Iterator[DocumentRecord]:
        pool = self.pool
        rng = random.Random(f"{self.seed}:collection:{plan.number}")
        rand = rng.random
        paragraphs, n_paragraphs = pool.paragraphs, len(pool.paragraphs)
        counts, n_counts = pool.paragraph_counts, len(pool.paragraph_counts)
        heads_from, n_from = pool.heads_from, len(pool.heads_from)
        heads_to, n_to = pool.heads_to, len(pool.heads_to)
        heads_whole, n_whole = pool.heads_whole, len(pool.heads_whole)
        share_to = n_from / max(1, n_from + n_whole)
        persons, n_persons = pool.persons, len(pool.persons)
        places, n_places = pool.places, len(pool.places)
        written, n_written = pool.dateline_places, len(pool.dateline_places)
        sources, n_sources = pool.sources, len(pool.sources)
        sections, n_sections = plan.sections or ("",), len(plan.sections) or 1
        n_types, n_subjects = len(TYPES), len(SUBJECTS)
        cid, size = plan.record.id, plan.size
        first = dt.date(plan.year_from, 1, 1).toordinal()
        days = dt.date(plan.year_to, 12, 31).toordinal() - first + 1
        # documents in a volume run in date order
        offsets = sorted(int(rand() * days) for _ in range(size))
        for position in range(size):
            day = dt.date.fromordinal(first + offsets[position])
            roll = rand()
            if roll < 0.04:
                date = DateRange()
            elif roll < 0.07:
                year = day.year
                date = DateRange(str(year), f"{year}-01-01", f"{year}-12-31", "year")
            elif roll < 0.08:
                last = calendar.monthrange(day.year, day.month)[1]
                stem = day.isoformat()[:8]
                date = DateRange(
                    f"{_MONTHS[day.month]} {day.year}", stem + "01", f"{stem}{last:02d}", "month"
                )
            else:
                iso = day.isoformat()
                date = DateRange(f"{_MONTHS[day.month]} {day.day}, {day.year}", iso, iso, "day")
            if rand() < share_to:
                title = f"{heads_from[int(rand() * n_from)]} to {heads_to[int(rand() * n_to)]}"
            else:
                title = heads_whole[int(rand() * n_whole)]
            k = counts[int(rand() * n_counts)] or 1
            body = "\n\n".join([paragraphs[int(rand() * n_paragraphs)] for _ in range(k)])
            n_named = _PERSON_COUNTS[int(rand() * len(_PERSON_COUNTS))]
            named = tuple(dict.fromkeys([persons[int(rand() * n_persons)] for _ in range(n_named)]))
            place = written[int(rand() * n_written)]
            if rand() < 0.3:
                other = places[int(rand() * n_places)]
                where: tuple[str, ...] = (place, other) if other != place else (place,)
            else:
                where = (place,)
            n_subj = _SUBJECT_COUNTS[int(rand() * len(_SUBJECT_COUNTS))]
            subjects = tuple(
                dict.fromkeys([SUBJECTS[int(rand() * n_subjects)] for _ in range(n_subj)])
            )
            yield DocumentRecord(
                ref=f"{cid}/d{position + 1}",
                collection_id=cid,
                title=title,
                date=date,
                body=body,
                source=sources[int(rand() * n_sources)] if n_sources else "",
                place=place,
                language="en",
                doc_type=TYPES[int(rand() * n_types)],
                section=sections[position * n_sections // size],
                persons=named,
                places=where,
                subjects=subjects,
                position=position + 1,
            )


# -- JSON Lines out ---------------------------------------------------------------------

_ISO_AT = {"day": 10, "month": 7, "year": 4}


def record_to_json(record: DocumentRecord) -> dict[str, object]:
    """One document in the JSON Lines import format (docs/import-formats.md).

    Dates go as printed plus ISO ``date_start``/``date_end`` at their precision
    (``1917``, ``1917-11``, ``1917-11-22``), so the importer need not parse text.
    """
    date = record.date
    row: dict[str, object] = {"ref": record.ref, "title": record.title}
    if date.start and date.end:
        cut = _ISO_AT.get(date.precision or "", 10)
        row.update(date=date.text, date_start=date.start[:cut], date_end=date.end[:cut])
    row.update(
        text=record.body,
        persons=list(record.persons),
        places=list(record.places),
        subjects=list(record.subjects),
        language=record.language,
        type=record.doc_type,
        source=record.source,
        section=record.section,
        place=record.place,
    )
    return row


def write_jsonl(
    records: Iterable[DocumentRecord], path: Path, collection: CollectionRecord | None = None
) -> int:
    """Write documents one JSON object a line (after an ``@collection`` line); returns how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    with path.open("w", encoding="utf-8") as out:
        if collection is not None:
            header = {"id": collection.id, "title": collection.title}
            if collection.description:
                header["description"] = collection.description
            out.write(dumps({"@collection": header}) + "\n")
        for record in records:
            out.write(dumps(record_to_json(record)))
            out.write("\n")
            written += 1
    return written


def write_jsonl_folder(corpus: SyntheticFrus, folder: Path) -> int:
    """One ``<collection id>.jsonl`` per collection, ready for ``reading-room import FOLDER``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for plan in corpus.plan:
        documents = corpus.collection_documents(plan)
        written += write_jsonl(documents, folder / f"{plan.record.id}.jsonl", plan.record)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--docs", type=int, default=10_000, help="how many documents (default 10000)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--corpora",
        type=Path,
        default=None,
        help=f"shared corpora (default ${CORPORA_ENV} or ../shared/corpora)",
    )
    parser.add_argument(
        "--work", type=Path, default=WORK_DIR, help="cache folder (default benchmarks/work)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="write one JSON Lines file per collection into this folder (else only count and time)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pool = load_pool(args.corpora, args.work)
    loaded = time.perf_counter()
    corpus = SyntheticFrus(pool, args.docs, args.seed)
    count = write_jsonl_folder(corpus, args.out) if args.out else sum(1 for _ in corpus)
    done = time.perf_counter()
    rate = count / (done - loaded) if done > loaded else float("inf")
    print(
        f"{count} documents in {len(corpus.plan)} collections from {len(pool.paragraphs)} real paragraphs; "
        f"pool {loaded - started:.2f} s, generation {done - loaded:.2f} s ({rate:,.0f} docs/s)"
        + (f" -> {args.out}" if args.out else ""),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
