"""Partial dates of a cohort's history, written in EDTF (ISO 8601-2) and checked with the `edtf` package.

Bounds are the first and last day the written span covers. Two choices are deliberate:

- A qualifier (`~`, `?`, `%`) does not widen the bounds. The `edtf` package's fuzzy bounds pad every
  component (`2024-09-07%` spans 2022-07-05..2026-11-09), which would scramble a timeline.
- Seasons take the `edtf` package's month ranges: spring 21 = March-May, summer 22 = June-August,
  autumn 23 = September-November, and winter 24 = December of that year only (2025-24 is
  2025-12-01..2025-12-31), so that a season never spills into the next year.

The bounds of a well-formed year, month, season or day are computed here (`_plain_bounds`), the same as
the `edtf` package gives them (tests/unit/test_dates.py compares the two); anything else goes to its
grammar, which is imported then. Its import and its parser cost a read command about a fifth of a second.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from time import struct_time
from typing import TYPE_CHECKING, Any

if (
    TYPE_CHECKING
):  # pydantic is imported by the models that hold a date, not by the dates (`events` needs none)
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema

ACCEPTED = (
    "formats acceptés (EDTF) : un jour 2024-05-07, un mois 2024-09, une année 2023, "
    "une saison 2025-21 (21 printemps, 22 été, 23 automne, 24 hiver), "
    "l'un d'eux suivi de ~ (approximatif), ? (incertain) ou % (les deux) comme 2024-09~, "
    "un intervalle fermé 2024-07/2024-09 ou 2023/2024-05-07, "
    "une date parmi plusieurs [2024-07-15,2025-07-15], ou XXXX (ou « unknown ») pour une date inconnue"
)
UNKNOWN = "XXXX"
SEASONS = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}

_ATOM = re.compile(
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<qualifier>[~?%])?", re.ASCII
)


class Precision(StrEnum):
    """How precisely a partial date is known."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"
    INTERVAL = "interval"
    SET = "set"
    UNKNOWN = "unknown"


class PartialDate:
    """An immutable, possibly partial or approximate date, stored as its normalised EDTF string."""

    __slots__ = ("_approximate", "_earliest", "_edtf", "_latest", "_parts", "_precision", "_uncertain")

    _edtf: str
    _precision: Precision
    _earliest: date | None
    _latest: date | None
    _approximate: bool
    _uncertain: bool
    _parts: tuple[PartialDate, ...]

    def __init__(self, value: str | date) -> None:
        if not isinstance(value, str | date):
            raise TypeError(f"PartialDate takes an EDTF string or a date, not {type(value).__name__}")
        if isinstance(value, datetime):
            value = value.date()
        text = value.isoformat() if isinstance(value, date) else re.sub(r"\s+", "", value)
        if text.lower() in ("unknown", UNKNOWN.lower()):
            self._set(UNKNOWN, Precision.UNKNOWN, None, None, False, False, ())
        elif text.startswith("[") and text.endswith("]"):
            self._init_set(text[1:-1].split(","))
        elif "/" in text:
            self._init_interval(text)
        else:
            self._init_atom(text)

    def _set(
        self,
        edtf: str,
        precision: Precision,
        earliest: date | None,
        latest: date | None,
        approximate: bool,
        uncertain: bool,
        parts: tuple[PartialDate, ...],
    ) -> None:
        # Attributes are written once here; __setattr__ refuses any later change.
        for name, value in (
            ("_edtf", edtf),
            ("_precision", precision),
            ("_earliest", earliest),
            ("_latest", latest),
            ("_approximate", approximate),
            ("_uncertain", uncertain),
            ("_parts", parts),
        ):
            object.__setattr__(self, name, value)

    def _init_atom(self, text: str) -> None:
        match = _ATOM.fullmatch(text)
        month = int(match["month"] or 0) if match else 0
        # edtf would also take level-2 seasons (25..41), which this programme has no use for.
        if (
            match is None
            or int(match["year"]) == 0
            or (month > 12 and (month not in SEASONS or match["day"]))
        ):
            raise ValueError(f"date « {text} » non reconnue ; {ACCEPTED}")
        if match["day"]:
            precision = Precision.DAY
        elif month in SEASONS:
            precision = Precision.SEASON
        else:
            precision = Precision.MONTH if match["month"] else Precision.YEAR
        qualifier = match["qualifier"] or ""
        # The qualifier is applied here, not by edtf: edtf 5 refuses a qualified season such as 2025-23~.
        try:
            earliest, latest = _bounds(text.removesuffix(qualifier))
        except ValueError:  # edtf's refusals included; edtf parses 2023-02-29, which no calendar holds
            raise ValueError(f"date « {text} » impossible dans le calendrier ; {ACCEPTED}") from None
        self._set(text, precision, earliest, latest, qualifier in ("~", "%"), qualifier in ("?", "%"), ())

    def _init_interval(self, text: str) -> None:
        start_text, _, end_text = text.partition("/")
        if not start_text or not end_text or ".." in text:
            raise ValueError(f"intervalle « {text} » ouvert : donnez un début et une fin ; {ACCEPTED}")
        start, end = PartialDate(start_text), PartialDate(end_text)
        if start.precision not in _ATOMIC or end.precision not in _ATOMIC:
            raise ValueError(
                f"intervalle « {text} » : ses bornes doivent être des dates simples ; {ACCEPTED}"
            )
        assert start.earliest is not None and end.latest is not None
        if start.earliest > end.latest:
            raise ValueError(f"intervalle « {text} » : le début est postérieur à la fin")
        approximate, uncertain = start.approximate or end.approximate, start.uncertain or end.uncertain
        edtf = f"{start}/{end}"
        self._set(edtf, Precision.INTERVAL, start.earliest, end.latest, approximate, uncertain, (start, end))

    def _init_set(self, texts: list[str]) -> None:
        members = sorted({PartialDate(text) for text in texts}, key=lambda m: (m.sort_key(), m.edtf))
        if any(m.precision not in _ATOMIC or m.precision is Precision.SEASON for m in members):
            raise ValueError(f"ensemble « [{','.join(texts)}] » : jours, mois ou années seuls ; {ACCEPTED}")
        if len(members) < 2:
            raise ValueError(f"ensemble « [{','.join(texts)}] » : il faut au moins deux dates différentes")
        edtf = "[" + ",".join(m.edtf for m in members) + "]"
        earliest, latest = members[0].earliest, max(m.latest for m in members if m.latest is not None)
        approximate, uncertain = any(m.approximate for m in members), any(m.uncertain for m in members)
        self._set(edtf, Precision.SET, earliest, latest, approximate, uncertain, tuple(members))

    @property
    def edtf(self) -> str:
        """The normalised EDTF string."""
        return self._edtf

    @property
    def precision(self) -> Precision:
        """How precisely the date is known."""
        return self._precision

    @property
    def earliest(self) -> date | None:
        """The first possible day, or None when the date is unknown."""
        return self._earliest

    @property
    def latest(self) -> date | None:
        """The last possible day, or None when the date is unknown."""
        return self._latest

    @property
    def is_unknown(self) -> bool:
        """Whether nothing is known of the date."""
        return self._precision is Precision.UNKNOWN

    @property
    def approximate(self) -> bool:
        """Whether the date (or one of its parts) is marked approximate (`~` or `%`)."""
        return self._approximate

    @property
    def uncertain(self) -> bool:
        """Whether the date (or one of its parts) is marked uncertain (`?` or `%`)."""
        return self._uncertain

    @property
    def season(self) -> int | None:
        """The ISO 8601-2 season code (21 spring .. 24 winter) of a season, else None."""
        if self._precision is not Precision.SEASON:
            return None
        return int(self._edtf[5:7])

    @property
    def start(self) -> PartialDate | None:
        """The start of an interval, else None."""
        return self._parts[0] if self._precision is Precision.INTERVAL else None

    @property
    def end(self) -> PartialDate | None:
        """The end of an interval, else None."""
        return self._parts[1] if self._precision is Precision.INTERVAL else None

    @property
    def members(self) -> tuple[PartialDate, ...]:
        """The possible dates of a set, in chronological order; empty for anything else."""
        return self._parts if self._precision is Precision.SET else ()

    def certainly_by(self, cutoff: date) -> bool:
        """Whether the date is surely on or before `cutoff` (never for an unknown date)."""
        return self._latest is not None and self._latest <= cutoff

    def sort_key(self) -> tuple[bool, date, date]:
        """A key that orders by earliest then latest day, unknown dates last."""
        return (self.is_unknown, self._earliest or date.max, self._latest or date.max)

    def __str__(self) -> str:
        return self._edtf

    def __repr__(self) -> str:
        return f"PartialDate({self._edtf!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._edtf == other._edtf

    def __hash__(self) -> int:
        return hash(self._edtf)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"PartialDate is immutable: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"PartialDate is immutable: cannot delete {name}")

    def __reduce__(self) -> tuple[type[PartialDate], tuple[str]]:
        return (PartialDate, (self._edtf,))

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            _validate,
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="always"),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "format": "edtf", "examples": ["2024-05-07", "2025-23", "2024-07/2024-09"]}


_ATOMIC = frozenset({Precision.DAY, Precision.MONTH, Precision.SEASON, Precision.YEAR})


@lru_cache(maxsize=4096)
def _bounds(edtf: str) -> tuple[date, date]:
    # Cached because a history replays the same dates many times.
    plain = _plain_bounds(edtf)
    if plain is not None:
        return plain
    # edtf and pyparsing are imported here only: a read of well-formed dates never needs them.
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = parse_edtf(edtf)
    except EDTFParseException as error:
        raise ValueError(str(error)) from None
    return _day(parsed.lower_strict()), _day(parsed.upper_strict())


#: The months of each season, as the `edtf` package counts them (winter: December of that year only).
_SEASON_MONTHS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 12)}


def _plain_bounds(edtf: str) -> tuple[date, date] | None:
    """The bounds of a valid `YYYY`, `YYYY-MM`, `YYYY-SS` (season) or `YYYY-MM-DD`; None for anything else."""
    if not (len(edtf) in (4, 7, 10) and edtf[:4].isdigit() and edtf.isascii()):
        return None
    year = int(edtf[:4])
    if year == 0:
        return None  # edtf takes year 0, which `date` cannot hold: let it say so
    if len(edtf) == 4:
        return date(year, 1, 1), date(year, 12, 31)
    if edtf[4] != "-" or not edtf[5:7].isdigit():
        return None
    month = int(edtf[5:7])
    if len(edtf) == 10:
        if edtf[7] != "-" or not edtf[8:].isdigit():
            return None
        # A plain day is its own bounds (simulations emit thousands of distinct days).
        try:
            day = date.fromisoformat(edtf)
        except ValueError:
            return None  # an impossible day: let edtf raise its own error
        return day, day
    if 1 <= month <= 12:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if month in _SEASON_MONTHS:
        first, last = _SEASON_MONTHS[month]
        return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
    return None


def _day(moment: struct_time) -> date:
    return date(moment.tm_year, moment.tm_mon, moment.tm_mday)


def _validate(value: object) -> PartialDate:
    # pydantic turns ValueError, not TypeError, into a validation error.
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, str | date):
        return PartialDate(value)
    raise ValueError(f"une date EDTF (texte) est attendue, pas {type(value).__name__} ; {ACCEPTED}")
