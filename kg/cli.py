"""The `kg` command: parses arguments, calls the library, prints. Nothing else lives here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.errors import KgError

LANG = click.option(
    "--lang",
    type=click.Choice(["en", "fr"]),
    default="en",
    show_default=True,
    help="Language of the labels.",
)
AS_JSON = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


class KgGroup(click.Group):
    """Turns kg's own errors into one line on stderr and a non-zero exit, no traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    type=click.Path(path_type=Path),
    envvar="KG_STORE",
    help="Store folder (default: $KG_STORE or ~/.local/share/kg/store).",
)
@click.version_option(package_name="kg")
@click.pass_context
def cli(ctx: click.Context, store: Path | None) -> None:
    """kg: who bought whom, who leads what, who built which product, and which article says so.

    \b
    Example:
      kg build && kg lookup Butterfly
    """
    ctx.obj = {"store": store}


def _backend(ctx: click.Context, write: bool = False):
    """The store the command works on (the embedded one, at --store or the default place)."""
    from kg.store import LocalStore

    return LocalStore.open(ctx.obj["store"], write=write)


def _graph(ctx: click.Context, write: bool = False):
    from kg.graph import KnowledgeGraph

    return KnowledgeGraph(_backend(ctx, write))


def _print_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _table(headers: list[str], rows: list[list[str]], title: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 200)
    table = Table(*headers, title=title, show_lines=False, header_style="bold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _progress(label: str):
    """A callback printing each file as it is loaded, to stderr."""
    return lambda path: click.echo(f"{label} {path}", err=True)


# --- writing the store -----------------------------------------------------------------


@cli.command()
@click.option("--ontology", type=click.Path(path_type=Path), help="Ontology folder.")
@click.option("--triples", type=click.Path(path_type=Path), help="Triples folder.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.pass_context
def build(ctx, ontology: Path | None, triples: Path | None, quiet: bool) -> None:
    """Rebuild the store from ontology/ and triples/ (atomically: on error the old one stays).

    \b
    Example:
      kg build
    """
    from kg.build import build as do_build
    from kg.build import source_files
    from kg.resources import ONTOLOGY_DIR, TRIPLES_DIR

    files = source_files(ontology or ONTOLOGY_DIR, triples or TRIPLES_DIR)
    report = do_build(ctx.obj["store"], files, None if quiet else _progress("loading"))
    if not quiet:
        click.echo(
            f"built {report.triples} triples from {len(report.files)} files "
            f"in {report.seconds:.2f} s"
        )


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def load(ctx, files: tuple[Path, ...]) -> None:
    """Add RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) to the store.

    Every file is checked first: if one is broken, nothing is added.

    \b
    Example:
      kg load extra-facts.ttl more.nq
    """
    from kg.build import load as do_load

    report = do_load(files, ctx.obj["store"], _progress("loading"))
    click.echo(
        f"loaded {report.triples} triples from {len(report.files)} files in {report.seconds:.2f} s"
    )


@cli.command("remove-source")
@click.argument("source")
@click.pass_context
def remove_source(ctx, source: str) -> None:
    """Remove a source and every fact that only it supports.

    \b
    Example:
      kg remove-source seed-003
    """
    from kg.build import remove_source as do_remove

    removed = do_remove(source, ctx.obj["store"])
    click.echo(f"removed {removed} triples")


# --- asking ----------------------------------------------------------------------------


@cli.command()
@click.argument("query_text", metavar="[QUERY | NAME]", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.File("r", encoding="utf-8"),
    help="Read the query from a file ('-' for stdin).",
)
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A value for a saved query's parameter (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    default="table",
    show_default=True,
    type=click.Choice(["table", "json", "csv", "tsv", "ttl", "nt", "jsonld"]),
    help="Output format: tables for SELECT/ASK, RDF for CONSTRUCT/DESCRIBE.",
)
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries.")
@click.option("--update", is_flag=True, help="Allow SPARQL UPDATE (changes the store).")
@click.option("--allow-network", is_flag=True, help="Allow SERVICE and LOAD (fetch URLs).")
@click.pass_context
def query(ctx, query_text, query_file, params, fmt, list_saved, update, allow_network) -> None:
    """Run SPARQL: text, a file, stdin, or a saved query by name.

    Prefixes kg:, id:, src:, wd:, rdf:, rdfs:, skos:, prov:, schema: are predeclared.

    \b
    Examples:
      kg query acquisitions --param acquirer=Meta
      kg query 'SELECT ?x WHERE { id:Meta kg:acquired ?x }' --format csv
      kg query -f my-query.rq --format json
    """
    from kg import query as q
    from kg.errors import InputError

    if list_saved:
        saved = q.saved_queries()
        rows = [
            [s.name, s.title, " ".join(f"--param {p.name}=…" for p in s.params)]
            for s in saved.values()
        ]
        _table(["name", "question", "parameters"], rows)
        return
    text = query_file.read() if query_file else query_text
    if text is None and not sys.stdin.isatty():
        text = sys.stdin.read()
    if not text:
        raise InputError("no query: give SPARQL, a saved query name (kg query --list) or --file")
    graph = _graph(ctx, write=update)
    result = graph.query(
        text.strip() if text.strip() in q.saved_queries() else text,
        update=update,
        allow_network=allow_network,
        **q.parse_param_pairs(params),
    )
    if result is None:
        click.echo("update applied")
    elif fmt == "table" and result.kind != "graph":
        rows = result.table_rows()
        _table(result.variables or ["result"], rows)
        click.echo(f"{len(rows)} rows", err=True)
    else:
        click.echo(result.serialize("ttl" if fmt == "table" else fmt), nl=False)


@cli.command()
@click.argument("name", nargs=-1, required=True)
@LANG
@AS_JSON
@click.pass_context
def lookup(ctx, name: tuple[str, ...], lang: str, as_json: bool) -> None:
    """Show an entity's card: labels, Wikidata id, every fact with its date and source.

    Names are matched without case, accents or punctuation, and fuzzily.

    \b
    Examples:
      kg lookup Butterfly
      kg lookup al dahle --lang fr
    """
    from kg.lookup import card, format_card, resolve

    backend = _backend(ctx)
    found = card(backend, resolve(backend, " ".join(name)), lang)
    click.echo(
        json.dumps(found.to_dict(), ensure_ascii=False, indent=2) if as_json else format_card(found)
    )


@cli.command()
@click.argument("name")
@click.option(
    "--depth", default=1, show_default=True, type=click.IntRange(1, 10), help="How many facts away."
)
@LANG
@AS_JSON
@click.pass_context
def neighbors(ctx, name: str, depth: int, lang: str, as_json: bool) -> None:
    """List the entities within N facts of NAME.

    \b
    Example:
      kg neighbors Butterfly --depth 2
    """
    found = _graph(ctx).neighbors(name, depth, lang)
    if as_json:
        _print_json(found)
        return
    _table(
        ["distance", "entity", "type", "via"],
        [[str(n["distance"]), n["label"], n["type"], n["via"]] for n in found],
    )


@cli.command()
@click.argument("a")
@click.argument("b")
@LANG
@AS_JSON
@click.pass_context
def path(ctx, a: str, b: str, lang: str, as_json: bool) -> None:
    """Show the shortest chain of facts between A and B, with the evidence of each.

    \b
    Example:
      kg path Manus "Mark Zuckerberg"
    """
    steps = _graph(ctx).path(a, b, lang)
    if as_json:
        _print_json(steps)
        return
    if not steps:
        raise KgError(f"no connection between {a!r} and {b!r} in the graph")
    for step in steps:
        click.echo(f"{step['subject']} —{step['relation']}→ {step['object']}")
        if step.get("evidence"):
            click.echo(f"    ↳ {step.get('file') or step.get('source')}: « {step['evidence']} »")


@cli.command()
@click.argument("name", required=False)
@LANG
@AS_JSON
@click.pass_context
def timeline(ctx, name: str | None, lang: str, as_json: bool) -> None:
    """List dated facts in order, about NAME or about everything.

    \b
    Example:
      kg timeline Meta
    """
    from dataclasses import asdict

    entries = _graph(ctx).timeline(name, lang)
    if as_json:
        _print_json([asdict(e) for e in entries])
        return
    _table(
        ["date", "subject", "relation", "object", "modality", "source"],
        [
            [e.date, e.subject, e.relation, e.object, e.modality or "", e.source or ""]
            for e in entries
        ],
    )


@cli.command()
@click.argument("name")
@LANG
@AS_JSON
@click.pass_context
def sources(ctx, name: str, lang: str, as_json: bool) -> None:
    """Show which sources say what about NAME, with their sentences.

    \b
    Example:
      kg sources Butterfly
    """
    found = _graph(ctx).sources(name, lang)
    if as_json:
        _print_json(found)
        return
    if not found:
        click.echo("no source says anything about it yet")
    for iri, src in found.items():
        date = src["published"] or "undated"
        click.echo(f"{src['file'] or iri} ({date}){': ' + src['title'] if src['title'] else ''}")
        for st in src["statements"]:
            click.echo(f"  {st['fact']}")
            if st["evidence"]:
                click.echo(f"      « {st['evidence']} »")


@cli.command()
@AS_JSON
@click.pass_context
def stats(ctx, as_json: bool) -> None:
    """Count triples and entities per class.

    \b
    Example:
      kg stats
    """
    found = _graph(ctx).stats()
    if as_json:
        _print_json(found)
        return
    click.echo(f"{found['triples']} triples")
    _table(["class", "count"], [[k, str(v)] for k, v in found["classes"].items()])


@cli.command()
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "csv"]),
    help="ttl, nt, jsonld: the default graph; nq, trig: every graph; csv: facts.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File (default: stdout).")
@click.pass_context
def export(ctx, fmt: str, output: Path | None) -> None:
    """Write the whole graph in a standard format.

    \b
    Example:
      kg export --format ttl -o graph.ttl
    """
    graph = _graph(ctx)
    if output is None:
        graph.export(fmt, sys.stdout.buffer)
        return
    try:
        with output.open("wb") as out:
            graph.export(fmt, out)
    except OSError as exc:
        raise KgError(f"cannot write {output}: {exc.strerror}") from None
    click.echo(f"wrote {output}", err=True)


@cli.command()
@click.pass_context
def validate(ctx) -> None:
    """Check the graph against the SHACL shapes of ontology/shapes.ttl.

    \b
    Example:
      kg validate
    """
    from kg.validate import validate as run_validate

    violations = run_validate(_backend(ctx))
    for v in violations:
        click.echo(v.one_line())
    if violations:
        raise KgError(f"{len(violations)} violations of the shapes")
    click.echo("the graph conforms to the shapes")


# --- open data and analysis ------------------------------------------------------------


@cli.command("import")
@click.argument("dataset", type=click.Choice(["crunchbase", "sec", "wikipedia-acquisitions"]))
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--report",
    "report_file",
    type=click.Path(path_type=Path),
    help="Write the merge report here (.md for Markdown, .tsv for a table).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, only the summary.")
@click.pass_context
def import_(ctx, dataset: str, path: Path, report_file: Path | None, quiet: bool) -> None:
    """Import an open data set, resolving its names against the graph (atomically).

    DATASET is crunchbase (a folder of the 2013 CSVs), sec (company_tickers*.json.gz) or
    wikipedia-acquisitions (acquisitions.tsv). A bad row stops the import with its file and
    row number, and the store stays as it was.

    \b
    Example:
      kg import crunchbase ../shared/data/crunchbase-2013 --report merges.md
      kg import sec ../shared/data/sec-company-tickers
      kg import wikipedia-acquisitions ../shared/data/wikipedia-acquisitions/acquisitions.tsv
    """
    from kg.importers import import_dataset

    if quiet:
        report = import_dataset(dataset, path, ctx.obj["store"])
    else:
        from rich.console import Console
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

        columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn())
        console = Console(stderr=True)
        quiet_bars = not console.is_terminal
        with Progress(*columns, console=console, transient=True, disable=quiet_bars) as bars:
            tasks: dict[str, object] = {}

            def progress(name: str, done: int, total: int) -> None:
                if name not in tasks:
                    tasks[name] = bars.add_task(f"reading {name}", total=total)
                bars.update(tasks[name], completed=done)

            report = import_dataset(dataset, path, ctx.obj["store"], progress)
    click.echo(report.summary())
    for warning in report.warnings[:5]:
        click.echo(f"  warning: {warning}", err=True)
    if len(report.warnings) > 5:
        click.echo(f"  ... and {len(report.warnings) - 5} more warnings", err=True)
    if report_file:
        text = report.log.to_tsv() if report_file.suffix == ".tsv" else report.log.to_markdown()
        try:
            report_file.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise KgError(f"cannot write {report_file}: {exc.strerror}") from None
        click.echo(f"wrote the merge report to {report_file}", err=True)


@cli.group()
def analyze() -> None:
    """Analyse the acquisition graph: pagerank, timeline, ownership, communities.

    Every analysis prints a table, or JSON with --json; --output-ids FILE writes the
    entities it found, one IRI a line, for `kg viz`.

    \b
    Example:
      kg analyze pagerank --top 10
      kg analyze ownership Alphabet --as-of 2016-01-01 --output-ids alphabet.txt
    """


OUTPUT_IDS = click.option(
    "--output-ids",
    type=click.Path(path_type=Path),
    help="Write the IRIs found to this file, one a line (input for kg viz).",
)


def _write_ids(path: Path | None, iris: list[str]) -> None:
    if path is None:
        return
    try:
        path.write_text("".join(f"{i}\n" for i in dict.fromkeys(iris)), encoding="utf-8")
    except OSError as exc:
        raise KgError(f"cannot write {path}: {exc.strerror}") from None
    click.echo(f"wrote {len(set(iris))} IRIs to {path}", err=True)


@analyze.command("pagerank")
@click.option("--top", default=20, show_default=True, type=click.IntRange(1, 10000))
@AS_JSON
@OUTPUT_IDS
@click.pass_context
def analyze_pagerank(ctx, top: int, as_json: bool, output_ids: Path | None) -> None:
    """Rank companies by PageRank in the acquisition graph (buyers of buyers rank high).

    \b
    Example:
      kg analyze pagerank --top 10
    """
    from kg import analyze as an

    rows = an.pagerank(an.acquisition_graph(_backend(ctx)), top)
    _write_ids(output_ids, [r["iri"] for r in rows])
    if as_json:
        _print_json(rows)
        return
    _table(
        ["rank", "company", "pagerank", "acquisitions"],
        [
            [str(r["rank"]), r["label"], f"{r['pagerank']:.5f}", str(r["acquisitions"])]
            for r in rows
        ],
    )


@analyze.command("timeline")
@click.argument("name")
@AS_JSON
@OUTPUT_IDS
@click.pass_context
def analyze_timeline(ctx, name: str, as_json: bool, output_ids: Path | None) -> None:
    """List an acquirer's acquisitions in date order, with prices where known.

    \b
    Example:
      kg analyze timeline Meta
    """
    from kg import analyze as an

    backend = _backend(ctx)
    iri = an.entity(backend, name)
    rows = an.timeline(an.acquisition_graph(backend), iri)
    _write_ids(output_ids, [iri] + [r["iri"] for r in rows])
    if as_json:
        _print_json(rows)
        return
    _table(
        ["date", "acquired", "amount"],
        [[r["date"] or "undated", r["target"], _money(r["amount"])] for r in rows],
        title=f"acquisitions of {name}",
    )


def _money(amount: str | None) -> str:
    if not amount:
        return ""
    try:
        return f"{float(amount):,.0f}"
    except ValueError:
        return amount


@analyze.command("ownership")
@click.argument("name")
@click.option("--as-of", help="Only deals up to this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@AS_JSON
@OUTPUT_IDS
@click.pass_context
def analyze_ownership(ctx, name, as_of: str | None, as_json: bool, output_ids) -> None:
    """Show who NAME owns, transitively (acquisitions and subsidiaries), as of a date.

    \b
    Example:
      kg analyze ownership Alphabet --as-of 2016-01-01
    """
    import re

    from kg import analyze as an
    from kg.errors import InputError

    if as_of and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", as_of):
        raise InputError(f"--as-of {as_of!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    backend = _backend(ctx)
    tree = an.ownership(an.acquisition_graph(backend), an.entity(backend, name), as_of)
    _write_ids(output_ids, tree.iris())
    if as_json:
        _print_json(tree.to_dict())
        return
    click.echo("\n".join(tree.lines()))
    click.echo(f"{len(tree.iris()) - 1} companies owned", err=True)


@analyze.command("communities")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000))
@AS_JSON
@OUTPUT_IDS
@click.pass_context
def analyze_communities(ctx, top: int, as_json: bool, output_ids: Path | None) -> None:
    """Find groups of companies tied together by acquisitions (modularity communities).

    \b
    Example:
      kg analyze communities --top 5
    """
    from kg import analyze as an

    rows = an.communities(an.acquisition_graph(_backend(ctx)), top)
    _write_ids(output_ids, [i for r in rows for i in r["iris"]])
    if as_json:
        _print_json(rows)
        return
    _table(
        ["#", "size", "biggest members"],
        [[str(r["community"]), str(r["size"]), ", ".join(r["hubs"])] for r in rows],
    )


def main() -> None:
    """Entry point of the `kg` console script."""
    cli()


if __name__ == "__main__":
    main()
