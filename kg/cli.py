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
@click.option(
    "--endpoint",
    envvar="KG_ENDPOINT",
    metavar="URL",
    help="Ask a remote SPARQL 1.1 endpoint instead of the store ($KG_ENDPOINT; docs/remote.md).",
)
@click.version_option(package_name="kg")
@click.pass_context
def cli(ctx: click.Context, store: Path | None, endpoint: str | None) -> None:
    """kg: who bought whom, who leads what, who built which product, and which article says so.

    \b
    Example:
      kg build && kg lookup Butterfly
    """
    ctx.obj = {"store": store, "endpoint": endpoint}


def _backend(ctx: click.Context, write: bool = False):
    """The store the command works on: the --endpoint server, else the embedded store."""
    endpoint = ctx.obj.get("endpoint")
    if endpoint:
        if write:
            raise KgError("--endpoint is for asking: change the local store, then `kg push` it")
        import os

        from kg.remote import RemoteStore

        return RemoteStore(endpoint, token=os.environ.get("KG_ENDPOINT_TOKEN") or None)
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
    import os

    return lambda path: click.echo(f"{label} {os.path.relpath(path)}", err=True)


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
    if text.strip() in q.saved_queries():
        text = text.strip()
    else:
        q.check_query(text, update=update, allow_network=allow_network)
    graph = _graph(ctx, write=update and q.is_update(text))
    result = graph.query(
        text, update=update, allow_network=allow_network, **q.parse_param_pairs(params)
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
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "csv", "graphml", "gexf"]),
    help="ttl, nt, jsonld: the default graph; nq, trig: every graph; csv: facts;"
    " graphml, gexf: entities and facts for Gephi or Cytoscape.",
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


# --- growing the graph from the news ------------------------------------------------------


MIN_CONFIDENCE = click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=0.65,
    show_default=True,
    help="Candidates below this confidence are proposed with accept=false (and not scored).",
)


def _gazetteer(ctx: click.Context, store=None):
    """The graph's names for linking, or an empty gazetteer when there is no store yet."""
    from kg.extract.gazetteer import Gazetteer, from_store

    try:
        return from_store(store or _backend(ctx))
    except KgError as exc:
        click.echo(f"note: {exc}; names are not linked to the graph", err=True)
        return Gazetteer()


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path), metavar="[FILE_OR_DIR]...")
@click.option(
    "--lang", type=click.Choice(["fr", "en"]), help="Force the language (default: detect)."
)
@click.option(
    "-o",
    "--review",
    type=click.Path(path_type=Path),
    default=Path("kg-review.jsonl"),
    show_default=True,
    help="Review file to write: JSONL, or TSV if it ends in .tsv.",
)
@click.option("--apply", "do_apply", is_flag=True, help="Add the accepted facts to the store now.")
@MIN_CONFIDENCE
@AS_JSON
@click.pass_context
def ingest(ctx, inputs, lang, review, do_apply, min_confidence, as_json) -> None:
    """Extract candidate facts from news articles (French or English) for review.

    Reads plain text, Markdown or HTML files, folders of them, or stdin ('-'). Optional header
    lines at the top: source:, date:, title:. Prints each candidate (subject, predicate, object,
    date, value, confidence, sentence and its character offsets) and writes the review file;
    edit it (set accept to false, fix names) and run `kg apply`, or pass --apply.

    \b
    Examples:
      kg ingest article.txt
      kg ingest news/ --review today.tsv
      curl -s URL | kg ingest - --lang en --apply
    """
    from kg.errors import InputError
    from kg.extract import parse_article, read_article
    from kg.ingest import apply_review, collect_paths, ingest_articles, read_review, write_review

    articles = []
    for item in inputs or ((Path("-"),) if not sys.stdin.isatty() else ()):
        if str(item) == "-":
            articles.append(parse_article(sys.stdin.buffer.read(), "<stdin>", lang=lang))
        else:
            articles.extend(read_article(p, lang) for p in collect_paths([item]))
    if not articles:
        raise InputError("no article: name files or folders, or pipe text into `kg ingest -`")
    for article in articles:
        for note in article.notes:
            click.echo(f"note: {note}", err=True)
    store = _backend(ctx, write=True) if do_apply else None
    result = ingest_articles(articles, _gazetteer(ctx, store))
    if not result.candidates:
        click.echo("no candidate facts found: nothing to review, nothing applied", err=True)
        return
    write_review(review, result, min_confidence)
    rows = result.records(min_confidence)
    if as_json:
        _print_json(rows)
    else:
        _table(
            ["ok", "subject", "predicate", "object", "date", "value", "conf", "sentence", "chars"],
            [
                [
                    "✓" if r["accept"] else "·",
                    r["subject"],
                    r["predicate"],
                    r["object"],
                    r["date"] or "",
                    r["value"] or "",
                    f"{r['confidence']:.2f}",
                    r["evidence"] if len(r["evidence"]) <= 90 else r["evidence"][:89] + "…",
                    f"{r['start']}-{r['end']}",
                ]
                for r in rows
            ],
            title=f"{len(rows)} candidate facts from {len(articles)} article(s)",
        )
    click.echo(f"wrote {review}", err=True)
    if do_apply:
        arts, facts = read_review(review)
        _report_apply(apply_review(store, arts, facts, str(review)))


def _report_apply(report) -> None:
    if report.already:
        click.echo(f"already in the store, skipped: {', '.join(report.already)}", err=True)
    click.echo(
        f"added {report.facts} facts, {len(report.entities)} new entities, "
        f"{len(report.sources)} new sources ({report.quads} quads); {report.rejected} rejected"
    )
    for label in report.entities:
        click.echo(f"  new entity: {label}", err=True)


@cli.command("apply")
@click.argument("review_file", type=click.Path(path_type=Path))
@click.pass_context
def apply_cmd(ctx, review_file: Path) -> None:
    """Add the accepted facts of a review file to the store, with their sources (atomically).

    Every line is checked and every quad built before the store is touched: one bad line
    and nothing is added. An article already in the store (same text) adds nothing.

    \b
    Example:
      kg ingest article.txt -o review.tsv && $EDITOR review.tsv && kg apply review.tsv
    """
    from kg.ingest import apply_review, read_review

    articles, facts = read_review(review_file)
    _report_apply(apply_review(_backend(ctx, write=True), articles, facts, str(review_file)))


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(path_type=Path))
@click.argument("articles_dir", type=click.Path(path_type=Path), required=False)
@click.option("--details", is_flag=True, help="List the missed and the extra facts.")
@MIN_CONFIDENCE
@AS_JSON
@click.pass_context
def eval_cmd(
    ctx,
    gold_dir: Path,
    articles_dir: Path | None,
    details: bool,
    min_confidence: float,
    as_json: bool,
) -> None:
    """Score the extractor: precision, recall and F1 per article and micro-averaged.

    GOLD_DIR holds one TSV per article (subject, predicate, object, date, value, evidence);
    ARTICLES_DIR (default: GOLD_DIR) the articles with the same base names. Names match after
    case folding and the graph's aliases. Scored are the candidates `kg ingest` would accept
    (confidence at least --min-confidence).

    \b
    Example:
      kg eval tests/data/ingest/heldout
    """
    from kg.evaluate import evaluate

    report = evaluate(gold_dir, articles_dir or gold_dir, _gazetteer(ctx), min_confidence)
    if as_json:
        _print_json(report.to_dict())
        return
    rows = []
    for a in [*report.articles, report.total]:
        rows.append(
            [
                a.name,
                a.lang,
                str(a.gold),
                str(a.predicted),
                str(a.correct),
                f"{a.precision:.2f}",
                f"{a.recall:.2f}",
                f"{a.f1:.2f}",
            ]
        )
    _table(["article", "lang", "gold", "found", "correct", "precision", "recall", "F1"], rows)
    if details:
        for a in report.articles:
            for fact in a.missed:
                click.echo(f"{a.name}: missed {' | '.join(fact)}")
            for fact in a.extra:
                click.echo(f"{a.name}: extra  {' | '.join(fact)}")


@cli.command()
@click.argument("names", nargs=-1, metavar="[NAME...]")
@click.option(
    "--depth", default=1, show_default=True, type=click.IntRange(1, 10), help="How many facts away."
)
@click.option(
    "--query",
    "query_file",
    type=click.Path(path_type=Path),
    help="Draw the edges a query returns: CONSTRUCT, or SELECT ?s ?p ?o.",
)
@click.option("--type", "types", multiple=True, help="Only entities of this type (repeatable).")
@click.option("--relation", "relations", multiple=True, help="Only this relation (repeatable).")
@click.option("--since", metavar="DATE", help="Only facts dated on or after (YYYY[-MM[-DD]]).")
@click.option("--until", metavar="DATE", help="Only facts dated on or before (YYYY[-MM[-DD]]).")
@LANG
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default="graph.html",
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--open", "open_page", is_flag=True, help="Open the page in the browser.")
@click.option(
    "--max-nodes",
    type=click.IntRange(1),
    default=20_000,
    show_default=True,
    help="Refuse to draw more entities than this.",
)
@click.pass_context
def viz(ctx, names, query_file, output: Path, open_page: bool, **options) -> None:
    """Draw the graph, the neighbourhood of NAMEs, or a query's result as one offline HTML page.

    The page needs no network: colours and shapes by type, search, filters by type, relation
    and date, hover a line for its source sentence, click an entity for its card.
    Give each NAME as one argument (quote names with spaces).

    \b
    Examples:
      kg viz Meta --depth 2 -o meta.html
      kg viz "Mark Zuckerberg" Butterfly --relation acquired --since 2025 --open
      kg viz --query my-edges.rq --lang fr -o edges.html
    """
    from kg.viz import viz as draw

    page = draw(_backend(ctx), names, query=query_file, **options)
    page.save(output)
    click.echo(f"wrote {output}: {page.nodes} entities, {page.edges} facts", err=True)
    if open_page:
        click.launch(str(output.resolve()))


# --- serving and remote stores ---------------------------------------------------------


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="0: any free."
)
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a query may run before it is stopped.",
)
@click.option(
    "--max-rows", default=10000, show_default=True, type=click.IntRange(1), help="Row cap."
)
@click.option(
    "--max-body",
    default=1 << 20,
    show_default=True,
    type=click.IntRange(1024),
    help="Largest request body, in bytes (larger: 413).",
)
@click.option(
    "--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Query processes."
)
@click.option("--allow-update", is_flag=True, help="Take SPARQL UPDATE from token holders.")
@click.option(
    "--token", envvar="KG_SERVE_TOKEN", help="Bearer token for updates ($KG_SERVE_TOKEN)."
)
@click.option("--cors", is_flag=True, help="Let pages of any origin query the endpoint.")
@click.option(
    "--memory",
    type=click.Choice(["auto", "yes", "no"]),
    default="auto",
    show_default=True,
    help="Query a copy of the store in memory (auto: up to 2 million quads; read-only).",
)
@click.option("-q", "--quiet", is_flag=True, help="No request log on stderr.")
@click.pass_context
def serve(
    ctx, host, port, timeout, max_rows, max_body, workers, allow_update, token, cors, memory, quiet
):
    """Serve the store: a SPARQL 1.1 endpoint at /sparql, a query page, entity pages.

    Read-only and on the loopback unless told otherwise; SERVICE and LOAD are refused.

    \b
    Examples:
      kg serve                       # http://127.0.0.1:7878/
      kg serve --port 8000 --timeout 30 --max-rows 50000
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:7878/sparql
    """
    from kg.serve import ServeConfig
    from kg.serve import serve as run_server
    from kg.store import default_store_path

    config = ServeConfig(
        store=ctx.obj["store"] or default_store_path(),
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        max_body=max_body,
        workers=workers,
        allow_update=allow_update,
        token=token,
        cors=cors,
        quiet=quiet,
        memory=memory,
    )
    run_server(config, announce=lambda line: click.echo(line))


@cli.command()
@click.option(
    "--endpoint",
    "url",
    metavar="URL",
    help="The server's Graph Store Protocol address (docs/remote.md).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the same data to an N-Quads file instead, for a bulk loader.",
)
@click.option("--token", envvar="KG_ENDPOINT_TOKEN", help="Bearer token, if the server wants one.")
@click.option("--replace", is_flag=True, help="Replace each graph (PUT) instead of adding (POST).")
@click.option(
    "--default-graph",
    metavar="IRI",
    help="Send the default graph's triples to this named graph (Virtuoso, QLever).",
)
@click.option(
    "--media-type",
    default="application/n-triples",
    show_default=True,
    type=click.Choice(["application/n-triples", "text/turtle"]),
    help="Content-Type of the N-Triples sent (Turtle is a superset).",
)
@click.pass_context
def push(ctx, url, output, token, replace, default_graph, media_type) -> None:
    """Upload the store to a SPARQL server with the Graph Store Protocol.

    Every graph goes as N-Triples, kg's search index included, so that `kg --endpoint`
    lookups work there. With --output, the same quads go to an N-Quads file instead.

    \b
    Examples:
      kg push --endpoint http://localhost:7878/store            # oxigraph serve
      kg push --endpoint http://localhost:3030/kg/data --replace  # Fuseki
      kg push -o kg-with-index.nq                               # for a bulk loader
      kg --endpoint http://localhost:7878/query lookup Butterfly
    """
    from kg.errors import InputError
    from kg.remote import push as do_push
    from kg.remote import write_dataset
    from kg.store import LocalStore

    if bool(url) == bool(output):
        raise InputError("give --endpoint URL (a graph store) or --output FILE.nq, one of them")
    store = LocalStore.open(ctx.obj["store"])
    if output:
        count = write_dataset(store, output, default_graph=default_graph)
        click.echo(f"wrote {count} quads to {output}")
        return
    report = do_push(
        store,
        url,
        token=token,
        replace=replace,
        default_graph=default_graph,
        media_type=media_type,
        progress=lambda graph, n: click.echo(f"sent {n} triples to {graph}", err=True),
    )
    click.echo(
        f"pushed {report.triples} triples in {len(report.graphs)} graphs in {report.seconds:.2f} s"
    )


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
