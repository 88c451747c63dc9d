"""Showing a planned round: archetype and persona, the questions, and the coverage table."""

from __future__ import annotations

from rich.markup import escape
from rich.table import Table

from agent.console import out
from agent.knowledge import KnowledgeBase
from agent.plan import uncovered_requirements
from agent.schemas import Scenario


def print_plan(scenario: Scenario, kb: KnowledgeBase, *, questions: bool = True) -> None:
    plan = scenario.plan or {}
    persona = kb.get(scenario.interviewer)
    out.print(f"[bold]{escape(scenario.title)}[/bold]")
    out.print(
        f"archetype [bold]{plan.get('archetype', '-')}[/bold] · level {scenario.level} · "
        f"interviewer: {escape(persona.title if persona else 'a neutral panel engineer')} · "
        f"requirements read {plan.get('read_by', 'offline')}"
    )
    if questions:
        table = Table("#", "kind", "question", "probes", title="Questions", title_justify="left")
        for i, q in enumerate(scenario.questions, start=1):
            table.add_row(
                str(i), q.kind.replace("_", " "), escape(q.text), ", ".join(q.requirements)
            )
        out.print(table)
    rows = plan.get("coverage", [])
    table = Table(title="Coverage: your documents against the posting", title_justify="left")
    table.add_column("requirement", overflow="fold")
    table.add_column("best card", overflow="fold")
    table.add_column("strength", justify="right")
    table.add_column("story to tell", overflow="fold")
    table.add_column("")
    for row in rows:
        status = "[green]ok[/green]" if row["covered"] else "[yellow]prepare one[/yellow]"
        table.add_row(
            row["requirement"],
            row["card"] or "-",
            f"{row['strength']:.2f}",
            row.get("story") or "-",
            status,
        )
    out.print(table)
    gaps = [r for r in rows if not r["covered"]]
    covered = len(rows) - len(gaps)
    out.print(f"{covered}/{len(rows)} requirements have a card that answers them.")
    for row in gaps:
        out.print(f"[yellow]prepare one:[/yellow] {escape(row['description'])}")
    unprobed = uncovered_requirements(scenario)
    if unprobed:
        out.print(f"[dim]no question of this round probes: {', '.join(unprobed)}[/dim]")
    if plan.get("also_mentioned"):
        out.print(f"[dim]also mentioned: {', '.join(plan['also_mentioned'])}[/dim]")
