"""The command line: arguments in, one library call, one renderer, output written, an exit code out.

Nothing here parses, aligns or formats; heavy modules are imported inside the commands so that `unres --help`
and `unres --version` start fast.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from unres import __version__
from unres.errors import ExitCode, OutputError, UnresError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from unres.models import Document
    from unres.parse import LineDecision

app = typer.Typer(
    name="unres",
    help="Read United Nations resolutions the way a drafter does: parse any rendering, compare versions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and usage errors, as click prints them: typer's rich help imports rich.markdown and markdown_it
    # and triples the time `unres --help` takes (0.27 s against 0.1 s); the output itself is still rich.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class ParseFormat(StrEnum):
    text = "text"
    json = "json"
    lines = "lines"


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"
    docx = "docx"
    amendments = "amendments"


class AmendFormat(StrEnum):
    redline = "redline"
    text = "text"
    json = "json"
    html = "html"
    docx = "docx"


class HtmlLayout(StrEnum):
    inline = "inline"
    side_by_side = "side-by-side"


class ChangeKindName(StrEnum):
    unchanged = "unchanged"
    modified = "modified"
    moved = "moved"
    moved_modified = "moved-modified"
    split = "split"  # type: ignore[assignment]  # an enum member, not str.split
    merged = "merged"
    added = "added"
    dropped = "dropped"


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"


class LineageFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"
    dot = "dot"
    mermaid = "mermaid"


class LineageSort(StrEnum):
    given = "given"
    date = "date"


class BlameBy(StrEnum):
    paragraph = "paragraph"
    sentence = "sentence"


class SchemaName(StrEnum):
    document = "document"
    alignment = "alignment"
    check = "check"
    lineage = "lineage"
    amendment = "amendment"


AuthorOption = Annotated[str, typer.Option("--author", help="Word only: the author of the tracked changes.")]


def _between(option: str, low: int, high: int) -> Callable[[int | None], int | None]:
    """An option's range, checked with one line and exit 2 (a width of 10^23 or a lookback of 10^8 would hang)."""

    def check(value: int | None) -> int | None:
        if value is not None and not low <= value <= high:
            _fail(f"{option} must be between {low:,} and {high:,} (got {value:,})")
        return value

    return check


OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to FILE instead of standard output (as > would; a file atomically)."),
]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colour (also: the NO_COLOR variable).")]
WidthOption = Annotated[
    int | None, typer.Option("--width", callback=_between("--width", 20, 1000), help="Terminal width to lay out for.")
]


class InputFormat(StrEnum):
    text = "text"
    pdf = "pdf"
    docx = "docx"
    html = "html"


FromOption = Annotated[
    InputFormat | None,
    typer.Option("--from", help="Read every input as this format (default: found from the file's first bytes)."),
]


class RevisionsMode(StrEnum):
    accept = "accept"
    reject = "reject"


RevisionsOption = Annotated[
    RevisionsMode | None,
    typer.Option(
        "--revisions",
        help="Read a Word file's tracked changes all accepted or all rejected (default: refuse a file that has them).",
    ),
]
MaxSizeOption = Annotated[
    int, typer.Option("--max-size", min=1, help="Refuse input files larger than this many bytes.")
]
DEFAULT_MAX_SIZE = 20 * 1024 * 1024
LimitOption = Annotated[
    list[str] | None,
    typer.Option(
        "--limit",
        metavar="NAME=N",
        help="Change a limit on hostile input: pages, inflated (bytes), paragraphs, words (docs/reliability.md).",
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"unres {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Read United Nations resolutions the way a drafter does.

    Examples:

    \b
      unres parse examples/ga-58-137.word-export.txt
      unres parse resolution.txt --format json -o resolution.json
    """


@app.command()
def parse(
    file: Annotated[str, typer.Argument(help="A rendering of a resolution; '-' reads standard input.")],
    output_format: Annotated[ParseFormat, typer.Option("--format", "-f", help="Output format.")] = ParseFormat.text,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    width: WidthOption = None,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE,
    limit: LimitOption = None,
    from_format: FromOption = None,
    revisions: RevisionsOption = None,
) -> None:
    """Parse one rendering and show its structure: symbol, title, paragraphs, footnotes.

    Examples:

    \b
      unres parse examples/ga-58-137.word-export.txt
      unres parse draft.md --format json | jq '.paragraphs[].id'
      unres parse draft.pdf --format lines   # each line's kind and the rules that read it
      pdftotext resolution.pdf - | unres parse -
    """
    with _trouble_is_exit_2():
        if output_format is ParseFormat.lines:
            from unres.render.lines import line_table

            _emit_text(line_table(_explain(file, max_size, from_format, revisions, limit)), output, [file])
            return
        document = _parse(file, max_size, from_format, revisions, limit)
        if output_format is ParseFormat.json:
            from unres.render.json import to_json

            _emit_text(to_json(document), output, [file])
        else:
            from unres.render.terminal import document_outline

            _emit_renderable(document_outline(document), output, [file], no_color, width)


@app.command()
def diff(
    old_file: Annotated[str, typer.Argument(metavar="OLD", help="The earlier version; '-' reads standard input.")],
    new_file: Annotated[str, typer.Argument(metavar="NEW", help="The later version.")],
    output_format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat.text,
    output: OutputOption = None,
    show_all: Annotated[bool, typer.Option("--all", help="Show unchanged paragraphs too.")] = False,
    only: Annotated[
        list[ChangeKindName] | None, typer.Option("--only", help="Show only changes of this kind (repeatable).")
    ] = None,
    summary: Annotated[bool, typer.Option("--summary", help="Show only the summary table.")] = False,
    context: Annotated[
        int | None,
        typer.Option(
            "--context",
            callback=_between("--context", 0, 10_000),
            help="Words of unchanged text kept around each change.",
        ),
    ] = None,
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.0, max=1.0, help="Least similarity (0-1) to link two paragraphs.")
    ] = 0.5,
    ignore_case: Annotated[bool, typer.Option("--ignore-case", "-i", help="Case differences are not changes.")] = False,
    ignore_punctuation: Annotated[
        bool, typer.Option("--ignore-punctuation", help="Punctuation differences are not changes.")
    ] = False,
    layout: Annotated[
        HtmlLayout, typer.Option("--layout", help="HTML only: the redline inline, or old and new side by side.")
    ] = HtmlLayout.inline,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when the versions differ (2 still means trouble).")
    ] = False,
    author: AuthorOption = "unres",
    no_color: NoColorOption = False,
    width: WidthOption = None,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE,
    limit: LimitOption = None,
    from_format: FromOption = None,
    revisions: RevisionsOption = None,
) -> None:
    """Compare two versions of a resolution paragraph by paragraph, word by word.

    Exit status: 0 when the texts are the same (renumbering aside), 1 when they differ, 2 on trouble.

    Examples:

    \b
      unres diff examples/ga-58-137.word-export.txt examples/ecosoc-2006-27.pdf-markdown.md
      unres diff old.txt new.md --only moved --only added
      unres diff old.txt new.txt --format markdown -o redline.md
      unres diff old.txt new.txt --format html -o redline.html
      unres diff old.docx new.docx --format docx --author "Drafting group" -o redline.docx
      unres diff draft.txt revised.txt --format amendments
    """
    if output_format is DiffFormat.docx and output is None and _stdout_is_terminal():
        _fail("--format docx writes a Word file: give -o FILE (or redirect standard output)")
    view_given = show_all or bool(only) or summary or context is not None
    if output_format in (DiffFormat.docx, DiffFormat.amendments) and view_given:
        _fail(
            f"--all, --only, --summary and --context choose what a redline shows; --format {output_format.value} "
            "writes every change"
        )
    with _trouble_is_exit_2():
        from unres.compare import compare
        from unres.models import AlignOptions, ViewOptions

        old_document, new_document = _parse_all([old_file, new_file], max_size, from_format, revisions, limit)
        _warn_unstructured(old_document, new_document)
        options = AlignOptions(threshold=threshold, ignore_case=ignore_case, ignore_punctuation=ignore_punctuation)
        view = ViewOptions(
            show_all=show_all,
            only=[kind.value for kind in only] if only else None,
            context=context,
            summary_only=summary,
        )
        comparison = compare(old_document, new_document, options, view)
        alignment = comparison.alignment
        inputs = [old_file, new_file]
        if output_format is DiffFormat.json:
            from unres.amend import amendments_between
            from unres.render.json import to_json

            alignment.amendments = amendments_between(old_document, new_document, alignment)
            _emit_text(to_json(comparison.shown()), output, inputs)
        elif output_format is DiffFormat.amendments:
            from unres.amend import amendments_between
            from unres.render.amendments import amendments_text

            _emit_text(amendments_text(amendments_between(old_document, new_document, alignment)), output, inputs)
        elif output_format is DiffFormat.html:
            from unres.render.html import diff_html

            _emit_text(diff_html(comparison, layout=layout.value), output, inputs)
        elif output_format is DiffFormat.docx:
            from unres.render.docx import diff_docx

            _emit_text(diff_docx(alignment, old_document, new_document, author=author), output, inputs)
        elif output_format is DiffFormat.markdown:
            from unres.render.markdown import diff_markdown

            _emit_text(diff_markdown(comparison), output, inputs)
        else:
            from unres.render.terminal import diff_view

            markers = output is not None or not _stdout_is_terminal()
            _emit_renderable(diff_view(comparison, markers=markers), output, inputs, no_color, width)
    raise typer.Exit(int(ExitCode.SAME if alignment.identical or exit_zero else ExitCode.DIFFERENT))


@app.command()
def check(
    files: Annotated[
        list[str], typer.Argument(metavar="FIRST OTHER…", help="Two or more renderings of one resolution.")
    ],
    output_format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Report format.")] = CheckFormat.text,
    output: OutputOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Turn every folding rule below off.")] = False,
    keep_whitespace: Annotated[bool, typer.Option("--keep-whitespace", help="Spacing differences count.")] = False,
    keep_quotes: Annotated[bool, typer.Option("--keep-quotes", help="Curly and straight quotes differ.")] = False,
    keep_dashes: Annotated[bool, typer.Option("--keep-dashes", help="Hyphen and dash variants differ.")] = False,
    keep_unicode: Annotated[bool, typer.Option("--keep-unicode", help="Unicode compatibility forms differ.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Print what counts as layout, then check.")] = False,
    no_color: NoColorOption = False,
    width: WidthOption = None,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE,
    limit: LimitOption = None,
    from_format: FromOption = None,
    revisions: RevisionsOption = None,
) -> None:
    """Check that renderings of one resolution carry the same text: words and punctuation, not layout.

    Every file is checked against the first. Exit status: 0 they agree, 1 they disagree, 2 trouble.

    Examples:

    \b
      unres check examples/ecosoc-2006-27.pdf-markdown.md examples/ecosoc-2006-27.pdftotext.txt
      unres check from-pdf.txt from-word.txt --format github
      unres check a.txt b.txt c.txt --format junit -o unres-check.xml
    """
    if len(files) < 2:
        _fail("check needs at least two files: the first and the renderings to check against it")
    with _trouble_is_exit_2():
        from unres.check import check as check_documents
        from unres.models import CheckProfile

        profile = CheckProfile(
            whitespace=not (strict or keep_whitespace),
            quotes=not (strict or keep_quotes),
            dashes=not (strict or keep_dashes),
            unicode=not (strict or keep_unicode),
        )
        if explain:
            from unres.render.terminal import profile_view

            _console(no_color, width, sys.stderr).print(profile_view(profile))
        report = check_documents(_parse_all(files, max_size, from_format, revisions, limit), profile)
        if output_format is CheckFormat.json:
            from unres.render.json import to_json

            _emit_text(to_json(report), output, files)
        elif output_format is CheckFormat.github:
            from unres.render.github import github_annotations

            _emit_text(github_annotations(report), output, files)
        elif output_format is CheckFormat.junit:
            from unres.render.junit import junit_xml

            _emit_text(junit_xml(report), output, files)
        else:
            from unres.render.terminal import check_view

            _emit_renderable(check_view(report), output, files, no_color, width)
    raise typer.Exit(int(ExitCode.SAME if report.agree else ExitCode.DIFFERENT))


@app.command()
def lineage(
    files: Annotated[list[str], typer.Argument(metavar="V1 V2 …", help="Versions of a resolution, oldest first.")],
    output_format: Annotated[LineageFormat, typer.Option("--format", "-f", help="Output format.")] = LineageFormat.text,
    output: OutputOption = None,
    sort: Annotated[
        LineageSort, typer.Option("--sort", help="'date': order the versions by their own dates, not as given.")
    ] = LineageSort.given,
    lookback: Annotated[
        int,
        typer.Option(
            "--lookback",
            callback=_between("--lookback", 1, 1_000),
            help="How many versions ahead to look for a paragraph that left.",
        ),
    ] = 2,
    paragraph: Annotated[
        str | None, typer.Option("--paragraph", help="The full history of one paragraph of the newest version.")
    ] = None,
    blame: Annotated[
        bool, typer.Option("--blame", help="Where the newest version's current wording first appeared.")
    ] = False,
    by: Annotated[BlameBy, typer.Option("--by", help="With --blame: each paragraph, or each sentence.")] = (
        BlameBy.paragraph
    ),
    threshold: Annotated[float, typer.Option("--threshold", min=0.0, max=1.0, help="Least similarity to link.")] = 0.5,
    no_color: NoColorOption = False,
    width: WidthOption = None,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE,
    limit: LimitOption = None,
    from_format: FromOption = None,
    revisions: RevisionsOption = None,
) -> None:
    """Follow each paragraph through a chain of versions: where it came from, when it last changed.

    Examples:

    \b
      unres lineage ga-58-137.txt ecosoc-2006-27.md ga-61-180.md
      unres lineage v*.txt --sort date --paragraph OP1
      unres lineage v1.txt v2.txt v3.txt --blame --by sentence
      unres lineage v1.txt v2.txt v3.txt --format dot | dot -Tsvg > lineage.svg
    """
    if len(files) < 2:
        _fail("lineage needs at least two versions")
    if (paragraph is not None or blame) and output_format is not LineageFormat.text:
        _fail("--paragraph and --blame are views of the text format; --format json gives the whole graph")
    with _trouble_is_exit_2():
        from unres.lineage import appearances, incoming_links, lineage_of, sort_by_date, table
        from unres.lineage import blame as blame_of
        from unres.models import AlignOptions

        documents = _parse_all(files, max_size, from_format, revisions, limit)
        if sort is LineageSort.date:
            documents = sort_by_date(documents)
        if paragraph is not None and paragraph not in [p.id for p in documents[-1].all_paragraphs()]:
            raise UnresError(f"{paragraph}: no such paragraph in the newest version ({documents[-1].source})")
        graph = lineage_of(documents, lookback=lookback, options=AlignOptions(threshold=threshold))
        if output_format is LineageFormat.json:
            from unres.render.json import to_json

            _emit_text(to_json(graph), output, files)
        elif output_format is LineageFormat.dot:
            from unres.render.graph import lineage_dot

            _emit_text(lineage_dot(graph), output, files)
        elif output_format is LineageFormat.mermaid:
            from unres.render.graph import lineage_mermaid

            _emit_text(lineage_mermaid(graph), output, files)
        elif output_format is LineageFormat.html:
            from unres.render.lineage_html import lineage_html

            incoming = incoming_links(graph)
            newest = documents[-1].all_paragraphs()
            histories = {p.id: appearances(graph, documents, p.id, incoming) for p in newest}
            page = lineage_html(graph, documents, table(graph), blame_of(graph, documents), histories)
            _emit_text(page, output, files)
        else:
            from unres.render import terminal

            if paragraph is not None:
                markers = output is not None or not _stdout_is_terminal()
                steps = appearances(graph, documents, paragraph)
                view = terminal.paragraph_history(graph, paragraph, steps, markers=markers)
            elif blame:
                view = terminal.blame_view(graph, blame_of(graph, documents, by.value))
            else:
                view = terminal.lineage_table(graph, table(graph), documents)
            _emit_renderable(view, output, files, no_color, width)


@app.command()
def amend(
    draft_file: Annotated[str, typer.Argument(metavar="DRAFT", help="The draft resolution; '-' reads standard input.")],
    amendment_files: Annotated[
        list[str], typer.Argument(metavar="AMENDMENT…", help="Amendment documents, applied in the order given.")
    ],
    output_format: Annotated[
        AmendFormat,
        typer.Option(
            "--format", "-f", help="redline (draft → amended), text (the amended draft), json, html, docx (Word)."
        ),
    ] = AmendFormat.redline,
    output: OutputOption = None,
    no_color: NoColorOption = False,
    width: WidthOption = None,
    max_size: MaxSizeOption = DEFAULT_MAX_SIZE,
    from_format: FromOption = None,
    revisions: RevisionsOption = None,
    limit: LimitOption = None,
    author: AuthorOption = "unres",
) -> None:
    """Apply amendments (the UN's numbered instructions) to a draft and show the draft as amended.

    References are to the draft's original numbering, in every amendment. Exit status: 0 when every instruction
    applied, 1 when any could not (each named on standard error, the others still applied), 2 on trouble.

    Examples:

    \b
      unres amend A_80_L.3.txt A_80_L.28.txt
      unres amend draft.pdf amendment1.pdf amendment2.pdf -o amended.txt --format text
      unres amend draft.txt amendment.txt --format json | jq '.instructions[] | select(.status != "applied")'
      unres amend draft.docx amendment.pdf --format docx -o amended.docx
    """
    if output_format is AmendFormat.docx and output is None and _stdout_is_terminal():
        _fail("--format docx writes a Word file: give -o FILE (or redirect standard output)")
    with _trouble_is_exit_2():
        from unres.amend import apply_amendments, read_amendment
        from unres.read import Limits

        forced = from_format.value if from_format is not None else None
        how = revisions.value if revisions is not None else None
        draft = _parse(draft_file, max_size, from_format, revisions, limit)
        amendments = [
            read_amendment(
                file,
                stdin=sys.stdin.buffer if sys.stdin is not None else None,
                max_bytes=max_size,
                format=forced,  # type: ignore[arg-type]
                revisions=how,  # type: ignore[arg-type]
                limits=Limits.from_settings(limit),
            )
            for file in amendment_files
        ]
        result = apply_amendments(draft, amendments)
        for instruction in result.instructions:
            if instruction.status == "not_applied":
                typer.echo(
                    _printable(
                        f"unres: {instruction.amendment} instruction {instruction.n}: not applied: "
                        f"{instruction.message}"
                    ),
                    err=True,
                )
        if output_format is not AmendFormat.redline:  # the redline's report shows them
            for warning in result.warnings:
                typer.echo(_printable(f"unres: warning: {warning}"), err=True)
        inputs = [draft_file, *amendment_files]
        if output_format is AmendFormat.json:
            from unres.render.json import to_json

            _emit_text(to_json(result), output, inputs)
        elif output_format is AmendFormat.text:
            from unres.render.resolution_text import resolution_text

            _emit_text(resolution_text(result.document), output, inputs)
        else:
            from unres.compare import compare

            comparison = compare(draft, result.document)
            if output_format is AmendFormat.docx:
                from unres.render.docx import diff_docx

                _emit_text(diff_docx(comparison.alignment, draft, result.document, author=author), output, inputs)
            elif output_format is AmendFormat.html:
                from unres.render.html import diff_html

                _emit_text(diff_html(comparison), output, inputs)
            else:
                from unres.render.amendments import amended_view

                markers = output is not None or not _stdout_is_terminal()
                _emit_renderable(amended_view(result, comparison, markers=markers), output, inputs, no_color, width)
    raise typer.Exit(int(ExitCode.DIFFERENT if result.partial else ExitCode.SAME))


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which JSON output to describe.")] = SchemaName.document,
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema of a JSON output (the public interface of `--format json`).

    Examples:

    \b
      unres schema document > document.schema.json
    """
    with _trouble_is_exit_2():
        _emit_text(_published_schema(name) or model_schema(name), output, [])


def model_schema(name: SchemaName) -> str:
    """The JSON Schema built from the pydantic models: what the published files in unres/schemas/ are."""
    from pydantic import BaseModel

    from unres.models import Alignment, AmendedDocument, CheckReport, Document, Lineage
    from unres.render.json import schema_json

    models: dict[SchemaName, type[BaseModel]] = {
        SchemaName.document: Document,
        SchemaName.alignment: Alignment,
        SchemaName.check: CheckReport,
        SchemaName.lineage: Lineage,
        SchemaName.amendment: AmendedDocument,
    }
    return schema_json(models[name])


def _published_schema(name: SchemaName) -> str | None:
    """The published schema file, read instead of building the models so that `unres schema` starts fast;
    tests/test_schema.py checks it is what `model_schema` gives. None for a schema not published yet."""
    from importlib.resources import files

    published = files("unres") / "schemas" / f"{name.value}.schema.json"
    return published.read_text(encoding="utf-8") if published.is_file() else None


# --- plumbing ------------------------------------------------------------------------------------------------


def _parse(
    file: str,
    max_size: int,
    from_format: InputFormat | None = None,
    revisions: RevisionsMode | None = None,
    limit: list[str] | None = None,
) -> Document:
    from unres import parse_file

    return parse_file(file, **_reading_options(max_size, from_format, revisions, limit))


def _parse_all(
    files: list[str],
    max_size: int,
    from_format: InputFormat | None,
    revisions: RevisionsMode | None,
    limit: list[str] | None,
) -> list[Document]:
    from unres.parse import parse_files

    return parse_files(files, **_reading_options(max_size, from_format, revisions, limit))


def _explain(
    file: str, max_size: int, from_format: InputFormat | None, revisions: RevisionsMode | None, limit: list[str] | None
) -> list[LineDecision]:
    from unres import explain_file

    return explain_file(file, **_reading_options(max_size, from_format, revisions, limit))


def _reading_options(
    max_size: int, from_format: InputFormat | None, revisions: RevisionsMode | None, limit: list[str] | None
) -> dict[str, Any]:
    """How to read an input file, from the options every command shares."""
    from unres.read import Limits

    return {
        "stdin": sys.stdin.buffer if sys.stdin is not None else None,  # None when standard input is closed
        "max_bytes": max_size,
        "format": from_format.value if from_format is not None else None,
        "revisions": revisions.value if revisions is not None else None,
        "limits": Limits.from_settings(limit),
    }


def _warn_unstructured(*documents: Document) -> None:
    """Say so when a file has no resolution structure; it is still compared, as plain paragraphs."""
    for document in documents:
        if not document.structured:
            source = _printable(document.source or "input")
            typer.echo(
                f"unres: warning: {source}: no resolution structure found; compared as plain paragraphs", err=True
            )


def _console(no_color: bool, width: int | None, file: object = None, *, terminal: bool | None = None) -> Console:
    from rich.console import Console

    return Console(
        file=file,  # type: ignore[arg-type]
        force_terminal=terminal,
        no_color=no_color or None,
        width=width,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def _emit_text(text: str | bytes, output: Path | None, inputs: list[str]) -> None:
    """Text, or bytes (the Word redline), to FILE or to standard output."""
    if output is not None:
        from unres.write import write_atomically

        write_atomically(text, output, inputs=inputs)
        return
    if sys.stdout is None:
        raise OutputError("standard output is closed; give -o FILE")
    try:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:  # a full disk, a closed descriptor
        _silence_stdout()
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise OutputError(f"standard output: cannot be written ({reason})") from None


def _stdout_is_terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()  # None: standard output was closed


def _silence_stdout() -> None:
    """After a failed write, point standard output at /dev/null: the interpreter's last flush must not fail again
    and print a traceback of its own."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _emit_renderable(
    renderable: RenderableType, output: Path | None, inputs: list[str], no_color: bool, width: int | None
) -> None:
    if output is None and _stdout_is_terminal():
        _console(no_color, width).print(renderable)
        return
    from io import StringIO

    buffer = StringIO()
    _console(True, width or 100, buffer, terminal=False).print(renderable)  # FORCE_COLOR never reaches a file
    plain_text = "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
    _emit_text(plain_text, output, inputs)


@contextmanager
def _trouble_is_exit_2() -> Iterator[None]:
    """A user's problem becomes one line on standard error and exit status 2, never a traceback."""
    try:
        yield
    except UnresError as error:
        _fail(str(error))
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(int(ExitCode.TROUBLE)) from None


def _fail(message: str) -> NoReturn:
    typer.echo(f"unres: {_printable(message)}", err=True)
    raise typer.Exit(int(ExitCode.TROUBLE))


def _printable(text: str) -> str:
    """A message naming a user's file prints its control characters as escapes, never raw to the terminal."""
    from unres.render.safe import visible

    return visible(text)


# Allocations between two collections of the youngest generation; see `main`.
_GC_THRESHOLD = 100_000


def main() -> None:
    """Console-script entry point."""
    # One run builds hundreds of thousands of objects that live until it ends (paragraphs, tokens, models) and
    # almost no cyclic garbage; the default threshold (a collection every 700 allocations) spent 0.37 s of the 2.5 s
    # of `unres diff` on 4,000 paragraphs a side walking them. A process-wide setting: the CLI's, not the library's.
    gc.set_threshold(_GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("unres: interrupted", err=True)
        sys.exit(130)
    except Exception as error:
        typer.echo(f"unres: internal error: {type(error).__name__}: {error} (please report this)", err=True)
        sys.exit(int(ExitCode.TROUBLE))
    finally:
        # The interpreter's last collection, on exit, would walk every object of the run again (0.1-0.2 s at 4,000
        # paragraphs a side) to find the cycles it never made; frozen, they are freed without the walk.
        gc.freeze()
