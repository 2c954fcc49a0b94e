"""The "Scale" section of RESULTS.md and its plot, from every size measured so far.

python -m benchmarks.report        # rewrite them from benchmarks/results/scale-*.json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.common import BENCHMARKS, RESULTS, RESULTS_DATA, ms, ratio, write_section
from benchmarks.queries import CLASSES

SECTION = "Scale: a million documents (issue 5)"
PLOT = BENCHMARKS / "scale.png"
TARGETS = {
    "import_rate": 3000.0,  # documents per second
    "import_seconds_1m": 360.0,
    "import_rss_mb": 1500.0,
    "median": 0.015,
    "p95": 0.050,
    "max": 0.300,
    "page": 0.020,
    "open": 0.030,
    "start": 1.5,
    "idle_mb": 400.0,
}
ENGINE_NAMES = {
    "ours": "ours (app)",
    "ours-hits": "ours (hits)",
    "fts5": "FTS5 (app)",
    "fts5-hits": "FTS5 (hits)",
    "recoll": "Recoll (hits)",
}


def load(data: Path) -> list[dict[str, Any]]:
    results = [json.loads(p.read_text(encoding="utf-8")) for p in data.glob("scale-*.json")]
    return sorted(results, key=lambda r: r["docs"])


def _size(docs: int) -> str:
    if docs >= 1_000_000 and docs % 1_000_000 == 0:
        return f"{docs // 1_000_000}M"
    if docs >= 1000 and docs % 1000 == 0:
        return f"{docs // 1000}k"
    return f"{docs:,}"


def _mark(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**not met**")


def _get(d: dict[str, Any] | None, *keys: str) -> Any:
    for key in keys:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def targets_table(results: list[dict[str, Any]]) -> list[str]:
    head = ["target", *(_size(r["docs"]) for r in results), "at the largest size"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    largest = results[-1]

    def row(label: str, values: list[str], ok: bool | None) -> None:
        lines.append("| " + " | ".join([label, *values, _mark(ok)]) + " |")

    rate = [_get(r, "imports", "ours", "rate") for r in results]
    row(
        "import ≥ 3,000 docs/s (parse, store, index)",
        [f"{v:,.0f} docs/s" if v else "–" for v in rate],
        None if not rate[-1] else rate[-1] >= TARGETS["import_rate"],
    )
    secs = [_get(r, "imports", "ours", "seconds") for r in results]
    row(
        "the million in under 6 minutes",
        [f"{v / 60:.1f} min" if v else "–" for v in secs],
        None
        if largest["docs"] < 1_000_000 or not secs[-1]
        else secs[-1] <= TARGETS["import_seconds_1m"],
    )
    rss = [_get(r, "imports", "ours", "max_rss_mb") for r in results]
    row(
        "import memory < 1.5 GB",
        [f"{v:,.0f} MB" if v else "–" for v in rss],
        None if not rss[-1] else rss[-1] <= TARGETS["import_rss_mb"],
    )
    mix = [r.get("mix_ours") or {} for r in results]
    row(
        "search median < 15 ms (mixed classes, warm)",
        [ms(m.get("median")) + " ms" for m in mix],
        None if not mix[-1] else mix[-1]["median"] <= TARGETS["median"],
    )
    row(
        "search p95 < 50 ms",
        [ms(m.get("p95")) + " ms" for m in mix],
        None if not mix[-1] else mix[-1]["p95"] <= TARGETS["p95"],
    )
    row(
        "no search over 300 ms",
        [ms(m.get("max")) + " ms" for m in mix],
        None if not mix[-1] else mix[-1]["max"] <= TARGETS["max"],
    )
    pages = [_get(r, "paging", "ours", "page 1000") for r in results]
    row(
        "turning to page 1,000 < 20 ms",
        [ms(p.get("median")) + " ms" if p else "–" for p in pages],
        None if not pages[-1] else pages[-1]["median"] <= TARGETS["page"],
    )
    again = [_get(r, "paging", "ours", "page 1000 again") for r in results]
    row(
        "… turning to page 1,000 again (its documents read once already: no target)",
        [ms(p.get("median")) + " ms" if p else "–" for p in again],
        None,
    )
    worst_page = []
    for r in results:
        turns = [
            v["max"] for k, v in (_get(r, "paging", "ours") or {}).items() if k.startswith("page")
        ]
        worst_page.append(max(turns) if turns else None)
    row(
        "turning to any page < 20 ms (slowest turn)",
        [ms(v) + " ms" if v else "–" for v in worst_page],
        None if not worst_page[-1] else worst_page[-1] <= TARGETS["page"],
    )
    opens = [_get(r, "paging", "ours", "open") for r in results]
    row(
        "opening a document < 30 ms",
        [ms(o.get("median")) + " ms" if o else "–" for o in opens],
        None if not opens[-1] else opens[-1]["p95"] <= TARGETS["open"],
    )
    related = [_get(r, "paging", "ours", "open with related") for r in results]
    row(
        "… and its related documents (the window shows them after the document: no target)",
        [ms(o.get("median")) + " ms" if o else "–" for o in related],
        None,
    )
    start = [_get(r, "window", "cold", "usable") for r in results]
    row(
        "cold start to a usable query box < 1.5 s (page cache dropped first)",
        [f"{v:.2f} s" if v else "–" for v in start],
        None if not start[-1] else start[-1] <= TARGETS["start"],
    )
    again = [_get(r, "window", "warm", "usable") for r in results]
    row(
        "… a new process, the files in the page cache (the app started before)",
        [f"{v:.2f} s" if v else "–" for v in again],
        None if not again[-1] else again[-1] <= TARGETS["start"],
    )
    idle = [_get(r, "window", "cold", "rss_idle_mb") for r in results]
    row(
        "idle window < 400 MB (after the first search)",
        [f"{v:,.0f} MB" if v else "–" for v in idle],
        None if not idle[-1] else idle[-1] <= TARGETS["idle_mb"],
    )
    return lines


def imports_table(results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| documents | engine | docs/s | time | peak memory | on disk | ours faster by |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        ours = _get(r, "imports", "ours")
        for engine in ("ours", "fts5", "recoll"):
            i = _get(r, "imports", engine)
            if not i:
                continue
            disk = i.get("database_mb", 0.0) + i.get("index_mb", 0.0)
            faster = "" if engine == "ours" else ratio(i["seconds"], ours and ours["seconds"])
            lines.append(
                f"| {_size(r['docs'])} | {engine} | {i['rate']:,.0f} | {i['seconds']:,.0f} s "
                f"| {i['max_rss_mb']:,.0f} MB | {disk:,.0f} MB | {faster} |"
            )
    return lines


def classes_table(result: dict[str, Any]) -> list[str]:
    engines = [
        e
        for e in ("ours", "ours-hits", "fts5", "fts5-hits", "recoll")
        if any(e in c for c in result["classes"].values())
    ]
    head = ["class", "hits (median)", *(ENGINE_NAMES[e] for e in engines)]
    pairs = [
        ("fts5", "ours"),
        ("fts5-hits", "ours-hits"),
        ("recoll", "ours-hits"),
        ("recoll", "ours"),
    ]
    pairs = [(a, b) for a, b in pairs if a in engines and b in engines]
    head += [f"{ENGINE_NAMES[a]} / {ENGINE_NAMES[b]}" for a, b in pairs]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for klass in CLASSES:
        c = result["classes"].get(klass)
        if not c:
            continue
        row = [klass, f"{c['hits']:,.0f}"]
        for e in engines:
            s = c.get(e)
            row.append(f"{ms(s['median'])} ({ms(s['p95'])})" if s else "n/a")
        for a, b in pairs:
            sa, sb = c.get(a), c.get(b)
            row.append(ratio(sa and sa["median"], sb and sb["median"]))
        lines.append("| " + " | ".join(row) + " |")
    return lines


def cold_table(result: dict[str, Any]) -> list[str]:
    cold = result.get("cold") or {}
    classes = cold.get("classes") or {}
    if not classes:
        return []
    engines = [e for e in ("ours", "fts5", "recoll") if e in classes]
    head = ["class", *(f"{e} cold" for e in engines)]
    head += [f"{e} / ours" for e in engines if e != "ours"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for klass in CLASSES:
        if not any(klass in classes[e] for e in engines):
            continue
        row = [klass] + [ms(classes[e].get(klass)) for e in engines]
        row += [
            ratio(classes[e].get(klass), classes["ours"].get(klass)) for e in engines if e != "ours"
        ]
        lines.append("| " + " | ".join(row) + " |")
    opens = cold.get("open") or {}
    lines.append(
        "| *opening the engine (fresh process, cold)* | "
        + " | ".join(f"{ms(opens.get(e))}" for e in engines)
        + " |"
        + " |" * (len(engines) - 1)
    )
    return lines


def paging_table(results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| documents | what | ours | FTS5 | Recoll | FTS5 / ours | Recoll / ours |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        paging = r.get("paging") or {}
        ours = paging.get("ours") or {}
        for what in ("page 2", "page 10", "page 100", "page 1000", "page 1000 again", "open"):
            o, f, c = ours.get(what), _get(paging, "fts5", what), _get(paging, "recoll", what)
            if not (o or f or c):
                continue
            lines.append(
                f"| {_size(r['docs'])} | {what} | {ms(o and o['median'])} | {ms(f and f['median'])} "
                f"| {ms(c and c['median'])} | {ratio(f and f['median'], o and o['median'])} "
                f"| {ratio(c and c['median'], o and o['median'])} |"
            )
        related = ours.get("open with related")
        if related:
            lines.append(
                f"| {_size(r['docs'])} | open with related documents | {ms(related['median'])} | | | | |"
            )
    return lines


def window_table(results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| documents | start | window shown | usable query box | first page shown | idle memory | peak memory |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        for kind in ("cold", "warm"):
            w = _get(r, "window", kind)
            if not w:
                continue
            lines.append(
                f"| {_size(r['docs'])} | {kind} | {w['shown']:.2f} s | {w['usable']:.2f} s "
                f"| {w['first_page']:.2f} s | {w['rss_idle_mb']:,.0f} MB | {w['rss_peak_mb']:,.0f} MB |"
            )
    return lines


def plot(results: list[dict[str, Any]], path: Path) -> bool:
    """Median latency per class against the collection size, one line per engine."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    classes = [k for k in CLASSES if any(k in r.get("classes", {}) for r in results)]
    engines = ["ours", "ours-hits", "fts5", "fts5-hits", "recoll"]
    styles = {
        "ours": ("tab:blue", "-", "o"),
        "ours-hits": ("tab:blue", "--", "o"),
        "fts5": ("tab:orange", "-", "s"),
        "fts5-hits": ("tab:orange", "--", "s"),
        "recoll": ("tab:green", "-", "^"),
    }
    columns = 5
    rows = -(-(len(classes) + 1) // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(3.2 * columns, 2.7 * rows), squeeze=False)
    for n, klass in enumerate(classes):
        ax = axes[n // columns][n % columns]
        for engine in engines:
            points = [
                (r["docs"], r["classes"][klass][engine]["median"] * 1000)
                for r in results
                if engine in r.get("classes", {}).get(klass, {})
            ]
            if points:
                color, line, marker = styles[engine]
                xs, ys = zip(*points, strict=True)
                ax.plot(
                    xs,
                    ys,
                    color=color,
                    linestyle=line,
                    marker=marker,
                    markersize=4,
                    label=ENGINE_NAMES[engine],
                )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(klass, fontsize=10)
        ax.axhline(15, color="grey", linewidth=0.6, linestyle=":")
        ax.tick_params(labelsize=7)
        ax.grid(True, which="major", linewidth=0.3)
    legend_ax = axes[len(classes) // columns][len(classes) % columns]
    handles, labels = axes[0][0].get_legend_handles_labels()
    legend_ax.legend(
        handles, labels, loc="center", fontsize=9, title="median, ms (log); dotted: 15 ms"
    )
    legend_ax.axis("off")
    for n in range(len(classes) + 1, rows * columns):
        axes[n // columns][n % columns].axis("off")
    figure.supxlabel("documents in the collection (log)")
    figure.suptitle("Search latency per query class and collection size (warm, median of all runs)")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return True


def write(data: Path, results_path: Path, command: str) -> None:
    results = load(data)
    if not results:
        return
    largest = results[-1]
    m = largest["machine"]
    plot_path = results_path.parent / PLOT.name
    plotted = plot(results, plot_path)
    if command.strip() == "python -m benchmarks.run":
        command = "python -m benchmarks.run --docs 100000"
    # each size as it was run (sizes may come from different runs of the command)
    commands = list(dict.fromkeys(str(r.get("command") or command) for r in results))
    loads = "; ".join(
        f"{_size(r['docs'])}: {', '.join(r.get('engines', []))}, load average "
        f"{r['load'][0]:.1f} before, {r['load'][1]:.1f} after"
        for r in results
        if r.get("load")
    )
    lines = [
        "Recorded with:",
        "",
        "```sh",
        *commands,
        "```",
        "",
        f"- **Runs**: {loads}." if loads else "",
        f"- **Machine**: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, {m['os']}; a shared virtual "
        "machine: medians are what to read, and every ratio compares engines measured in the same "
        "run, query by query.",
        f"- **Versions**: Python {m['python']}, tantivy {m['tantivy']}, SQLite {m['sqlite']} (FTS5), "
        f"SQLAlchemy {m['SQLAlchemy']}, PySide6 {m['PySide6-Essentials']}, Recoll {m['recoll']} (Xapian).",
        "- **Documents**: FRUS-like, real paragraphs of the ten FRUS volumes recombined "
        f"(`benchmarks/corpus.py`, seed {largest['seed']}), in volumes of 500–1,000; "
        + ", ".join(f"{_size(r['docs'])} recorded {r['recorded']}" for r in results)
        + ".",
        "",
        "### Targets",
        "",
        *targets_table(results),
        "",
        "### Import",
        "",
        "Each engine from the same JSON Lines files, from a cold page cache, the whole process timed "
        "with its peak resident memory (`wait4`): ours is `reading-room import` (parse, store in SQLite, "
        "index; end to end); FTS5 is `python -m benchmarks.fts5 build` (parse, insert, create the facet "
        "indexes, optimize); Recoll is `recollindex` over one HTML file per document (writing the files "
        "is not counted).",
        "",
        *imports_table(results),
    ]
    for r in results:
        lines += [
            "",
            f"### Search, {_size(r['docs'])} documents",
            "",
            f"{r['per_class']} queries per class, one warm-up pass then {r['repeat']} timed passes "
            "(a query whose warm-up took over 2 s: one); "
            "*median (p95)* in ms over all timed runs of the class; a ratio is how many times faster "
            "ours is (other's median / ours). *app*: what the results page shows — the exact total, "
            "10 hits with snippets, counts for every facet (each without its own filter) and hits "
            "per year; *hits*: the total, 10 hits and snippets. FTS5 does the app's job in SQL "
            "(facets over the matching rowids); Recoll has no facets, and its totals are estimates "
            "(ours and FTS5's are exact).",
            "",
            *classes_table(r),
        ]
        if r.get("mix_ours"):
            mix = r["mix_ours"]
            lines += [
                "",
                f"All classes together, ours (app): median {ms(mix['median'])} ms, p95 {ms(mix['p95'])} ms, "
                f"slowest {ms(mix['max'])} ms over {mix['runs']:,} runs.",
            ]
        cold = cold_table(r)
        if cold:
            dropped = (r.get("cold") or {}).get("dropped_caches")
            lines += [
                "",
                f"Cold, {_size(r['docs'])}: the first query of a fresh process, "
                + (
                    "after dropping the page cache (`/proc/sys/vm/drop_caches`)"
                    if dropped
                    else "(the page cache could not be dropped here: only the process is fresh)"
                )
                + "; median per class, ms.",
                "",
                *cold,
            ]
        examples = "; ".join(
            f"*{k}*: " + ", ".join(f"`{e}`" for e in c["examples"][:2])
            for k, c in r["classes"].items()
            if c["examples"]
        )
        lines += ["", f"Examples: {examples}."]
    lines += [
        "",
        "### Turning pages and opening documents",
        "",
        "Common-word searches: the first page as the window asks it (with facets), then pages 2, 10, 100 "
        "and 1,000 as it turns them (hits only: the facets stay), then page 1,000 again (its documents "
        "now in memory: the first turn may read them from disk); opening: the document of a page, "
        "whole (ours from its database, FTS5 its row, Recoll extracting its text). Ours runs these "
        "in a fresh process, turning pages 10 s after its first search, as a reader does after "
        "reading the first page (the application reads its stored documents ahead meanwhile); FTS5 "
        "and Recoll in the process of the query mix. Median, ms.",
        "",
        *paging_table(results),
        "",
        "### The window",
        "",
        "The real `MainWindow`, offscreen, started as `reading-room` starts it (`benchmarks/window.py`); "
        "seconds since the process started (the interpreter's start-up included), for a reader who "
        "has opened the app before (the notes database and settings exist); *cold*: the page cache "
        "dropped first. Memory: resident set after the first page is shown, idle.",
        "",
        *window_table(results),
    ]
    if plotted:
        lines += ["", f"![Latency per query class and size]({plot_path.name})"]
    write_section(results_path, SECTION, "\n".join(lines))


def main() -> int:
    write(RESULTS_DATA, RESULTS, "python -m benchmarks.run --docs 1000000")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
