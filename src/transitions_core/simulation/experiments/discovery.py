"""`discover`: which ranges of the uncertainties lead to an outcome, as PRIM boxes told in French."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from transitions_core.errors import TransitionsError
from transitions_core.simulation.experiments.prim import Box, Discovery
from transitions_core.simulation.experiments.telling import number

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
}
CLAUSE = re.compile(r"^\s*([A-Za-z_][\w.\[\]' -]*?)\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:[.,]\d+)?)\s*$")
JOINERS = re.compile(r"\s+(?:et|and)\s+|\s*&\s*")


@dataclass(frozen=True)
class Condition:
    """`column OP number` clauses that must all hold."""

    text: str
    clauses: tuple[tuple[str, str, float], ...]

    def holds(self, row: Mapping[str, Any]) -> bool:
        """Whether a row meets every clause."""
        return all(OPERATORS[op](float(row[column]), value) for column, op, value in self.clauses)


def parse_where(text: str, columns: Sequence[str]) -> Condition:
    """`pilots_feasibility >= 7 et effects > 30` as a condition, or a French error naming the columns."""
    clauses = []
    for part in JOINERS.split(text.strip()):
        match = CLAUSE.match(part)
        if not match:
            raise TransitionsError(
                f"--where « {text} » : « {part} » n'est pas de la forme COLONNE OPÉRATEUR NOMBRE "
                "(par exemple pilots_feasibility >= 7 ; opérateurs >=, <=, >, <, ==, != ; « et » entre deux)."
            )
        column, op, value = match.group(1).strip(), match.group(2), float(match.group(3).replace(",", "."))
        if column not in columns:
            measures = [c for c in columns if not c.startswith(("effect[", "limit["))]
            raise TransitionsError(
                f"--where : la colonne « {column} » n'est pas dans les tirages ; colonnes possibles : "
                f"{', '.join(measures)} (et effect[…], limit[…])."
            )
        clauses.append((column, op, value))
    return Condition(text.strip(), tuple(clauses))


def percent(share: float) -> str:
    """`84 %` with a narrow no-break space."""
    return f"{round(share * 100)}\u202f%"


def limits(box: Box, names: Sequence[str], integers: Sequence[bool]) -> list[str]:
    """The restricted inputs of a box, as French ranges."""
    out = []
    for j in box.restricted:
        low, high = box.lower[j], box.upper[j]
        if low == high:
            out.append(f"{names[j]} vaut {_shown(low, integers[j])}")
        else:
            out.append(f"{names[j]} est entre {_shown(low, integers[j])} et {_shown(high, integers[j])}")
    return out


def _shown(value: float, integer: bool) -> str:
    return str(int(value)) if integer else number(value)


def tell(
    discovery: Discovery,
    condition: Condition,
    names: Sequence[str],
    integers: Sequence[bool],
    threshold: float,
) -> str:
    """The boxes as French sentences, the base rate first."""
    from transitions_core.text.french import count, join_list

    where = f"« {condition.text} »"
    lines = [
        f"{where} se réalise dans {percent(discovery.base_rate)} des {count(discovery.points, 'tirage')} "
        f"({discovery.cases} cas)."
    ]
    if not discovery.cases:
        lines.append("Aucun tirage ne le réalise : il n'y a pas de région à décrire.")
    elif not discovery.boxes:
        lines.append("PRIM ne trouve aucune région des incertitudes où il se concentre.")
    for k, box in enumerate(discovery.boxes, start=1):
        lines.append(
            f"Région {k} : quand {join_list(limits(box, names, integers))}, {where} se réalise dans "
            f"{percent(box.density)} des tirages (densité) ; la région réunit {percent(box.coverage)} des tirages "
            f"où il se réalise (couverture) et {percent(box.mass)} de tous les tirages (masse)."
        )
        if box.density < threshold:
            lines.append(
                f"  Aucune région n'atteint la densité de {percent(threshold)} (--threshold) : c'est la plus dense."
            )
    return "\n".join(lines) + "\n"
