"""The `interview` command. Thin: parse options, call the session layer, print. Imports are lazy."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperArgument, TyperGroup, TyperOption


class _PlainArgument(TyperArgument):
    """Help shows `SESSION`, not `{SESSION}` and `SESSION <str>`: no parser internals."""

    def _usage_display_name(self) -> str:
        return self.display_name_raw if self.required else f"[{self.display_name_raw}]"

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


class _PlainOption(TyperOption):
    """Ranges are said in the help text ("0-5"), not as `[0<=x<=5]`."""

    def _get_number_range_help_str(self) -> str | None:
        return None


class _PlainGroup(TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plain = {TyperArgument: _PlainArgument, TyperOption: _PlainOption}
        for command in (self.commands or {}).values():
            for param in command.params:
                if type(param) in plain:
                    param.__class__ = plain[type(param)]


app = typer.Typer(
    help="Rehearse senior AI/ML engineering interviews against your own documents.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    cls=_PlainGroup,
)
knowledge_app = typer.Typer(
    help="List, search or read the knowledge cards.", invoke_without_command=True, cls=_PlainGroup
)
app.add_typer(knowledge_app, name="knowledge")

F = TypeVar("F", bound=Callable[..., Any])

SEATS = ("candidate", "interviewer", "coach")  # agent.state.Seat (not imported: --help stays fast)


def _choice(what: str, allowed: tuple[str, ...]) -> Callable[[str], str]:
    """A plain message listing the choices, instead of the parser's own wording."""

    def check(value: str) -> str:
        if value not in allowed:
            raise typer.BadParameter(f"'{value}' is not a {what}; choose {', '.join(allowed)}")
        return value

    return check


def domain_errors(func: F) -> F:
    """Domain errors become one line on stderr and their exit code, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from agent.errors import EXIT_INTERRUPTED, EXIT_TERMINATED, InterviewError, Terminated

        try:
            return func(*args, **kwargs)
        except InterviewError as exc:
            from agent.console import err, plain

            err.print(plain("error: ", style="red") + plain(exc), soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt as exc:  # before any session exists: nothing to resume
            terminated = isinstance(exc, Terminated)
            how = "Terminated" if terminated else "Interrupted"
            typer.echo(f"\n{how}; nothing was saved.", err=True)
            raise typer.Exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED) from None
        except typer.Abort:  # Ctrl-C or closed input at a confirmation: not exit 1
            typer.echo("\ncancelled", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper  # type: ignore[return-value]


DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="FILE|URL",
        help="Session database: a SQLite file or a postgresql:// URL "
        "(default: $INTERVIEW_DB or a file in the user data dir).",
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        metavar="SPEC",
        help="offline (default), openai:MODEL or azure:DEPLOYMENT; else $INTERVIEW_MODEL or config.",
    ),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        metavar="URL",
        help="OpenAI-compatible server (Ollama, vLLM, llama.cpp, ...).",
    ),
]
KnowledgeOpt = Annotated[
    Path | None,
    typer.Option("--knowledge", metavar="DIR", help="Folder of your own .md/.txt documents."),
]
FollowOpt = Annotated[
    int | None,
    typer.Option("--max-follow-ups", min=0, max=5, metavar="N", help="Per question, 0-5."),
]
SessionArg = Annotated[str, typer.Argument(metavar="SESSION", help="Id or unique prefix.")]
ServerOpt = Annotated[
    str | None,
    typer.Option(
        "--server",
        metavar="URL",
        help="A LangGraph Server serving this graph (e.g. http://127.0.0.1:2024); "
        "sessions live there instead of in --db.",
    ),
]


def _remote(server: str | None, db: Path | None) -> bool:
    """Whether a LangGraph Server runs the graph; it and --db name different places."""
    if server is None:
        return False
    if db is not None:
        from agent.errors import InterviewError

        raise InterviewError("--server and --db cannot be used together")
    return True


def _db(db: str | None) -> Any:
    """A SQLite file (Path) or a database URL (str): a URL never becomes a path."""
    from agent.store import parse_location

    return parse_location(db, os.environ)


def _settings(model: str | None, base_url: str | None) -> Any:
    from agent.config import resolve_settings

    return resolve_settings(os.environ, model=model, base_url=base_url)


def _time_limit(value: str | None) -> int:
    if value is None:
        return 0
    from agent.timing import parse_duration

    try:
        return parse_duration(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--time-limit'") from None


DEFAULT_SCENARIO = "applied-ai-agent"


@app.command()
@domain_errors
def rehearse(
    scenario: Annotated[
        str | None,
        typer.Option(
            "--scenario",
            "-s",
            metavar="ID|PATH",
            help=f"Scenario id or YAML file (default: {DEFAULT_SCENARIO}).",
        ),
    ] = None,
    posting: Annotated[
        str | None,
        typer.Option(
            "--posting",
            "-p",
            metavar="FILE",
            help="A job posting (.txt or .md): plan a round for it and rehearse it.",
        ),
    ] = None,
    time_limit: Annotated[
        str | None,
        typer.Option(
            "--time-limit",
            metavar="DURATION",
            help="Per answer, shown as a countdown: 2m, 90s, 1m30s.",
        ),
    ] = None,
    you: Annotated[
        str,
        typer.Option(
            "--you",
            metavar="SEAT",
            callback=_choice("seat", SEATS),
            help="The seat you play: candidate, interviewer or coach.",
        ),
    ] = "candidate",
    auto: Annotated[bool, typer.Option("--auto", help="Approve every review step.")] = False,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    knowledge: KnowledgeOpt = None,
    db: DbOpt = None,
    max_follow_ups: FollowOpt = None,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Ignore earlier sessions: keep the scenario's order.")
    ] = False,
    server: ServerOpt = None,
) -> None:
    """Rehearse an interview in the terminal (you answer, ask, or coach)."""
    from agent import terminal
    from agent.errors import InterviewError
    from agent.session import Session

    limit = _time_limit(time_limit)
    if posting is not None and scenario is not None:
        raise InterviewError("give --scenario or --posting, not both")
    settings = _settings(model, base_url)
    chosen: Any = scenario or DEFAULT_SCENARIO
    if posting is not None:
        from agent.models import load_knowledge
        from agent.plan import plan_posting
        from agent.plan_view import print_plan

        kb = load_knowledge(knowledge)
        chosen, notes = plan_posting(posting, settings=settings, environ=os.environ, kb=kb)
        _say_notes(notes)
        print_plan(chosen, kb, questions=False)
    if _remote(server, db):
        from agent.remote import RemoteSession

        remote = RemoteSession.start_on(
            server or "",
            chosen,
            seat=you,
            auto=auto,
            settings=settings,
            knowledge=knowledge,
            max_follow_ups=max_follow_ups,
            time_limit=limit,
        )
        raise typer.Exit(terminal.rehearse(remote))
    session = Session.start(
        chosen,
        seat=you,
        auto=auto,
        settings=settings,
        environ=os.environ,
        knowledge=knowledge,
        db=_db(db),
        max_follow_ups=max_follow_ups,
        focus=not fresh,
        time_limit=limit,
    )
    raise typer.Exit(terminal.rehearse(session))


@app.command()
@domain_errors
def resume(
    session_id: SessionArg,
    db: DbOpt = None,
    server: ServerOpt = None,
) -> None:
    """Continue a saved session where it stopped."""
    from agent import terminal
    from agent.session import Session

    if _remote(server, db):
        from agent.remote import RemoteSession

        remote = RemoteSession.reopen_on(server or "", session_id, settings=_settings(None, None))
        raise typer.Exit(terminal.rehearse(remote, resumed=True))
    session = Session.reopen(session_id, db=_db(db), environ=os.environ)
    raise typer.Exit(terminal.rehearse(session, resumed=True))


@app.command()
@domain_errors
def run(
    scenario: Annotated[
        str, typer.Argument(metavar="SCENARIO", help="Scenario id or path to a YAML file.")
    ],
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="YAML: answers keyed by question id, or a list in the order asked.",
        ),
    ] = None,
    you: Annotated[
        str,
        typer.Option(
            "--you",
            metavar="SEAT",
            callback=_choice("seat", ("candidate", "coach")),
            help="candidate (needs --answers) or coach.",
        ),
    ] = "candidate",
    auto: Annotated[bool, typer.Option("--auto", help="Approve every review (implied).")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    report: Annotated[
        Path | None,
        typer.Option("--report", metavar="FILE", help="Write a report (.md or .json)."),
    ] = None,
    min_score: Annotated[
        float | None,
        typer.Option("--min-score", min=1, max=5, metavar="X", help="Exit 1 below this (1-5)."),
    ] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    knowledge: KnowledgeOpt = None,
    db: DbOpt = None,
    max_follow_ups: FollowOpt = None,
    server: ServerOpt = None,
) -> None:
    """Run a scripted mock round without prompts; exit 1 below --min-score."""
    from agent import terminal
    from agent.errors import InterviewError
    from agent.scenarios import AnswerScript, load_answers
    from agent.session import Session

    if report is not None:
        from agent.outputs import check_output

        # before the round runs, so a bad path never costs the round
        check_output(report, overwrite=True, option="--report", suffixes=(".md", ".json"))
    scripted = load_answers(answers) if answers else AnswerScript()
    if _remote(server, db):
        from agent.remote import RemoteSession

        session: Session = RemoteSession.start_on(
            server or "",
            scenario,
            seat=you,
            auto=True,
            settings=_settings(model, base_url),
            knowledge=knowledge,
            max_follow_ups=max_follow_ups,
        )
    else:
        session = Session.start(
            scenario,
            seat=you,
            auto=True,
            settings=_settings(model, base_url),
            environ=os.environ,
            knowledge=knowledge,
            db=_db(db),
            max_follow_ups=max_follow_ups,
        )
    if you == "candidate" and answers is None:  # after the scenario and model are checked
        raise InterviewError(
            "run in the candidate seat needs --answers FILE (or use --you coach --auto)"
        )
    session.check_answers(scripted)
    raise typer.Exit(
        terminal.run_scripted(
            session, scripted, json_out=json_out, report=report, min_score=min_score
        )
    )


@app.command()
@domain_errors
def sessions(
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    prune_older: Annotated[
        float | None,
        typer.Option(
            "--prune-older", metavar="DAYS", min=0, help="Delete sessions older than DAYS."
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
    db: DbOpt = None,
    server: ServerOpt = None,
) -> None:
    """List saved sessions (branches under their parent), or prune old ones."""
    from agent.store import open_store, store_exists
    from agent.views import print_sessions

    if _remote(server, db):
        from agent.errors import InterviewError
        from agent.remote import list_sessions as list_remote

        if prune_older is not None:
            raise InterviewError("--prune-older works on a local database, not with --server")
        print_sessions(list_remote(server or ""), json_out=json_out)
        return
    if prune_older is not None:
        from agent.history import delete_many, older_than

        old = older_than(_db(db), prune_older)
        if not old:
            typer.echo(f"no session is older than {prune_older:g} days")
            return
        if not yes and not typer.confirm(
            f"Delete {len(old)} session(s) older than {prune_older:g} days?"
        ):
            typer.echo("nothing deleted")
            return
        delete_many(_db(db), old)
        typer.echo(f"deleted {len(old)} session(s)")
        return
    location = _db(db)
    rows = []
    if store_exists(location):
        with open_store(location) as store:
            rows = store.summaries()
    print_sessions(rows, json_out=json_out)


@app.command()
@domain_errors
def replay(
    session_id: SessionArg,
    turn: Annotated[
        int | None, typer.Option("--turn", min=1, metavar="N", help="Start at turn N.")
    ] = None,
    step: Annotated[bool, typer.Option("--step", help="Wait for Enter between turns.")] = False,
    db: DbOpt = None,
    server: ServerOpt = None,
) -> None:
    """Show a saved session from its checkpoints (runs nothing)."""
    from agent.views import replay_session

    if _remote(server, db):
        from agent.remote import replay as replay_remote

        replay_remote(server or "", session_id, turn=turn, step=step)
        return
    replay_session(session_id, _db(db), turn=turn, step=step)


def _say_notes(notes: list[str]) -> None:
    from agent.console import err

    for note in notes:
        err.print(f"note: {note}", markup=False, soft_wrap=True)


KINDS = ("behavioural", "behavioral", "technical", "system_design", "positioning")


def _kind(value: str | None) -> str | None:
    return value if value is None else _choice("kind", KINDS)(value)


@app.command()
@domain_errors
def bank(
    role: Annotated[
        str | None,
        typer.Option("--role", "-r", metavar="ROLE", help="One archetype (see the list)."),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            callback=_kind,
            help="behavioural, technical, system_design or positioning.",
        ),
    ] = None,
    requirement: Annotated[
        str | None,
        typer.Option("--requirement", metavar="TAG", help="Questions probing one requirement."),
    ] = None,
    requirements: Annotated[
        bool, typer.Option("--requirements", help="List the requirement tags instead.")
    ] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List the question bank (by role archetype and kind), or its requirement tags."""
    import json

    from rich.table import Table

    from agent.bank import load_bank
    from agent.console import out
    from agent.errors import NotFoundError

    loaded = load_bank()
    if requirements:
        if json_out:
            data = {t: r.description for t, r in loaded.requirements.items()}
            out.print(json.dumps(data), markup=False, soft_wrap=True)
            return
        table = Table("tag", "what it means", "questions")
        for tag, req in loaded.requirements.items():
            table.add_row(tag, req.description, str(len(loaded.select(requirement=tag))))
        out.print(table)
        return
    if role is not None and role not in loaded.archetypes:
        raise NotFoundError(f"unknown role '{role}' (roles: {', '.join(loaded.archetypes)})")
    if requirement is not None and requirement not in loaded.requirements:
        raise NotFoundError(
            f"unknown requirement '{requirement}'; list them with: interview bank --requirements"
        )
    chosen = loaded.select(role=role, kind=kind, requirement=requirement)
    if json_out:
        out.print(json.dumps([q.model_dump() for q in chosen]), markup=False, soft_wrap=True)
        return
    for name, archetype in loaded.archetypes.items():
        rows = [q for q in chosen if q.role == name]
        if not rows:
            continue
        table = Table(title=f"{name} · {archetype.title}", title_justify="left")
        table.add_column("id", no_wrap=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("question", ratio=3)
        table.add_column("probes", ratio=1)
        for q in rows:
            kind_label = {"system_design": "design", "behavioural": "behav."}.get(q.kind, q.kind)
            table.add_row(q.id, kind_label, q.text, ", ".join(q.requires))
        out.print(table)
    out.print(f"{len(chosen)} of {len(loaded.questions)} questions")


@app.command()
@domain_errors
def plan(
    posting: Annotated[
        str, typer.Argument(metavar="POSTING", help="A job posting: a .txt or .md file.")
    ],
    out_file: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="FILE", help="Write the round as a scenario YAML."),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print the round as JSON.")] = False,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    knowledge: KnowledgeOpt = None,
) -> None:
    """Plan a round from a job posting: archetype, persona, questions, and your coverage."""
    import json

    from agent.console import out
    from agent.models import load_knowledge
    from agent.plan import plan_posting, scenario_yaml
    from agent.plan_view import print_plan

    if out_file is not None:
        from agent.outputs import check_output

        check_output(out_file, overwrite=True, option="--out", suffixes=(".yaml", ".yml"))
    kb = load_knowledge(knowledge)
    scenario, notes = plan_posting(
        posting, settings=_settings(model, base_url), environ=os.environ, kb=kb
    )
    _say_notes(notes)
    if json_out:
        out.print(json.dumps(scenario.model_dump()), markup=False, soft_wrap=True)
    else:
        print_plan(scenario, kb)
    if out_file is not None:
        out_file.parent.mkdir(parents=True, exist_ok=True)
        out_file.write_text(scenario_yaml(scenario), encoding="utf-8")
        typer.echo(
            f"wrote {out_file}; rehearse it with: interview rehearse -s {out_file}", err=True
        )
    elif not json_out:
        out.print(
            f"[dim]rehearse it with: interview rehearse --posting {posting} "
            "(or save it with --out round.yaml)[/dim]",
            soft_wrap=True,
        )


@app.command()
@domain_errors
def scenarios() -> None:
    """List the bundled scenarios."""
    from rich.table import Table

    from agent.console import out, plain
    from agent.scenarios import list_scenarios

    table = Table("id", "title", "role", "questions")
    for s in list_scenarios():
        table.add_row(plain(s.id), plain(s.title), plain(s.role), str(len(s.questions)))
    out.print(table)


def _folder(ctx: typer.Context, knowledge: Path | None) -> Path | None:
    """--knowledge works before or after the subcommand; after it wins."""
    return knowledge if knowledge is not None else ctx.obj


@knowledge_app.callback()
@domain_errors
def knowledge_list(
    ctx: typer.Context,
    knowledge: KnowledgeOpt = None,
) -> None:
    """List the cards by kind (default), search them, or read one."""
    ctx.obj = knowledge
    if ctx.invoked_subcommand is not None:
        return
    from rich.table import Table

    from agent.console import err, out, plain
    from agent.models import load_knowledge

    kb = load_knowledge(knowledge)
    table = Table("kind", "id", "title")
    for card in sorted(kb.cards, key=lambda c: (c.kind, c.id)):
        table.add_row(plain(card.kind), plain(card.id), plain(card.title))
    out.print(table)
    out.print(f"{len(kb.cards)} cards")
    for card in kb.carrying_instructions():
        err.print(
            plain(
                f"warning: card {card.id} reads like instructions to a model; it is quoted to "
                "models as data only, but check it."
            )
        )


@knowledge_app.command("coverage")
@domain_errors
def knowledge_coverage(
    ctx: typer.Context,
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", "-s", metavar="ID", help="One scenario (default: all)."),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    knowledge: KnowledgeOpt = None,
) -> None:
    """For each scenario question: the best card, its score, and what to prepare."""
    import json

    from rich.table import Table

    from agent.console import out, plain
    from agent.coverage import coverage
    from agent.models import load_knowledge
    from agent.scenarios import list_scenarios, resolve_scenario

    kb = load_knowledge(_folder(ctx, knowledge))
    chosen = [resolve_scenario(scenario)] if scenario else list_scenarios()
    result = coverage(kb, chosen)
    if json_out:
        out.print(json.dumps(result.as_dict()), markup=False, soft_wrap=True)
        return
    table = Table("scenario", "question", "best card", "score", "")
    for q in result.questions:
        status = "[green]ok[/green]" if q.covered else "[yellow]prepare a story for this[/yellow]"
        table.add_row(
            plain(q.scenario),
            plain(q.question),
            plain(q.best_card or "-"),
            f"{q.score:.1f}",
            status,
        )
    out.print(table)
    covered = len(result.questions) - len(result.gaps)
    out.print(f"{covered}/{len(result.questions)} questions have a matching card.")
    if result.unused_stories:
        out.print(plain("Stories no question reaches: " + ", ".join(result.unused_stories)))


@knowledge_app.command("search")
@domain_errors
def knowledge_search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="A question or keywords.")],
    top: Annotated[
        int, typer.Option("--top", "-k", min=1, max=20, metavar="N", help="How many, 1-20.")
    ] = 5,
    knowledge: KnowledgeOpt = None,
) -> None:
    """Show the best-matching cards with their scores."""
    from rich.table import Table

    from agent.console import out, plain
    from agent.models import load_knowledge

    kb = load_knowledge(_folder(ctx, knowledge))
    hits = kb.search(query, k=top)
    if not hits:
        out.print("no matching cards")
        return
    table = Table("score", "id", "kind", "title")
    for hit in hits:
        table.add_row(
            f"{hit.score:.2f}", plain(hit.card.id), plain(hit.card.kind), plain(hit.card.title)
        )
    out.print(table)


@knowledge_app.command("show")
@domain_errors
def knowledge_show(
    ctx: typer.Context,
    card_id: Annotated[str, typer.Argument(metavar="ID", help="A card id (see the list).")],
    knowledge: KnowledgeOpt = None,
) -> None:
    """Read one card whole: its STAR parts, figures, text and notes."""
    from agent.console import out
    from agent.errors import NotFoundError
    from agent.models import load_knowledge
    from agent.views import card_panel

    kb = load_knowledge(_folder(ctx, knowledge))
    card = kb.get(card_id)
    if card is None:
        close = [c.id for c in kb.cards if card_id.lower() in c.id.lower()][:5]
        hint = (
            f"; did you mean {', '.join(close)}?"
            if close
            else "; list them with: interview knowledge"
        )
        raise NotFoundError(f"no card '{card_id}'{hint}")
    out.print(card_panel(card))


@app.command()
@domain_errors
def fork(
    session_id: SessionArg,
    turn: Annotated[
        int, typer.Option("--turn", min=1, metavar="N", help="Retake from this turn's answer.")
    ],
    start: Annotated[
        bool, typer.Option("--start/--no-start", help="Continue the branch right away.")
    ] = True,
    db: DbOpt = None,
) -> None:
    """Branch a session just before turn N's answer, to answer it again."""
    from agent import terminal
    from agent.history import fork as make_fork
    from agent.session import Session

    branch = make_fork(_db(db), session_id, turn)
    from agent.console import clean

    typer.echo(clean(f"branch {branch} (from {session_id}, turn {turn})"))
    if start:
        raise typer.Exit(
            terminal.rehearse(Session.reopen(branch, db=_db(db), environ=os.environ), resumed=True)
        )


@app.command()
@domain_errors
def diff(
    session_a: Annotated[str, typer.Argument(metavar="SESSION_A")],
    session_b: Annotated[
        str | None, typer.Argument(metavar="SESSION_B", help="Default: A's parent.")
    ] = None,
    db: DbOpt = None,
) -> None:
    """Compare two attempts question by question (a branch against its parent by default)."""
    from agent.views import diff_sessions

    diff_sessions(session_a, session_b, _db(db))


@app.command()
@domain_errors
def export(
    session_id: SessionArg,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            callback=_choice("format", ("md", "json", "html")),
            help="md (default), json or html.",
        ),
    ] = "md",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Default: stdout.")
    ] = None,
    redact: Annotated[
        bool,
        typer.Option("--redact/--no-redact", help="Mask e-mails, phones, keys and tokens."),
    ] = True,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing --output file.")
    ] = False,
    db: DbOpt = None,
) -> None:
    """Export a transcript with scores and feedback (md, json, or one self-contained html)."""
    from agent.console import clean
    from agent.views import export_session

    if output is not None:
        from agent.outputs import check_output

        check_output(output, overwrite=force, option="--output")
    text = export_session(session_id, _db(db), fmt=fmt, redacted=redact)
    if output is None:
        typer.echo(text, nl=False)
    else:
        from agent.outputs import write_atomic

        write_atomic(output, text, overwrite=force)
        typer.echo(clean(f"wrote {output}"), err=True)


@app.command()
@domain_errors
def progress(
    scenario: Annotated[str | None, typer.Option("--scenario", "-s", metavar="ID")] = None,
    knowledge: KnowledgeOpt = None,
    every_round: Annotated[
        bool,
        typer.Option("--all", help="Also count rounds the AI answered, in every knowledge folder."),
    ] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    db: DbOpt = None,
) -> None:
    """Your score trends per competency, weakest areas, worst-answered questions."""
    from agent.views import print_progress

    print_progress(
        _db(db), scenario, json_out=json_out, knowledge=knowledge, every_round=every_round
    )


@app.command()
@domain_errors
def migrate(
    source: Annotated[
        str,
        typer.Option("--from", metavar="FILE|URL", help="Copy sessions from this database."),
    ],
    target: Annotated[
        str,
        typer.Option("--to", metavar="FILE|URL", help="Into this one (created if missing)."),
    ],
) -> None:
    """Copy every saved session with its whole history (forks, replay and diff keep working);
    sessions already copied are skipped, so running it again is safe."""
    from agent.console import clean
    from agent.migrate import describe
    from agent.migrate import migrate as copy_sessions
    from agent.store import parse_location

    src, dst = parse_location(source), parse_location(target)
    typer.echo(clean(describe(copy_sessions(src, dst), src, dst)))


@app.command()
@domain_errors
def delete(
    session_id: SessionArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
    db: DbOpt = None,
) -> None:
    """Delete a saved session."""
    from agent.console import clean
    from agent.history import delete as delete_session
    from agent.history import load_values

    resolved, _ = load_values(_db(db), session_id)
    if not yes and not typer.confirm(clean(f"Delete session {resolved}?")):
        typer.echo(clean(f"kept {resolved}"))
        return  # a "no" is not an error (exit 1 means below --min-score)
    delete_session(_db(db), resolved)
    typer.echo(clean(f"deleted {resolved}"))


config_app = typer.Typer(help="Where the config file is and what it resolves to.")
app.add_typer(config_app, name="config")


@config_app.command("path")
def config_path_cmd() -> None:
    """Print the config file's path ($INTERVIEW_CONFIG overrides it)."""
    from agent.config import config_path
    from agent.console import clean

    typer.echo(clean(config_path(os.environ)))


@config_app.command("show")
@domain_errors
def config_show(model: ModelOpt = None, base_url: BaseUrlOpt = None) -> None:
    """Print the settings in force: file, environment and options combined."""
    import yaml

    from agent.config import ROLES, config_path, without_credentials
    from agent.console import clean

    settings = _settings(model, base_url)
    data = settings.model_dump(mode="json")
    data["roles"] = {r: settings.model_for(r) for r in ROLES}
    if data.get("base_url"):
        data["base_url"] = without_credentials(data["base_url"])
    typer.echo(clean(f"# {config_path(os.environ)}"))
    typer.echo(clean(yaml.safe_dump(data, sort_keys=False).rstrip()))


@app.command()
@domain_errors
def doctor(model: ModelOpt = None, base_url: BaseUrlOpt = None) -> None:
    """Check the model configuration and make one tiny call per model."""
    from agent.doctor import run_doctor

    raise typer.Exit(run_doctor(_settings(model, base_url), os.environ))


def _print_version(value: bool) -> None:
    if value:
        from agent import __version__

        typer.echo(f"interview-sim {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Rehearse senior AI/ML engineering interviews against your own documents."""


def main() -> None:
    import signal

    from agent.errors import Terminated

    def terminate(signum: int, frame: Any) -> None:
        raise Terminated()  # like Ctrl-C: the session is saved and the resume hint printed

    signal.signal(signal.SIGTERM, terminate)
    app(prog_name="interview")
