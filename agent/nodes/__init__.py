"""Graph nodes: verb-named functions that return partial state updates."""

from agent.nodes.answer import answer
from agent.nodes.ask import ask
from agent.nodes.decide import decide_next
from agent.nodes.evaluate import evaluate
from agent.nodes.plan import plan_round
from agent.nodes.report import report
from agent.nodes.review import review_answer, review_evaluation

__all__ = [
    "answer",
    "ask",
    "decide_next",
    "evaluate",
    "plan_round",
    "report",
    "review_answer",
    "review_evaluation",
]
