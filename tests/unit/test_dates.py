"""PartialDate: parsing EDTF, bounds, ordering and its life as a pydantic field."""

from __future__ import annotations

import pickle
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, ValidationError

from transitions_core.domain.dates import PartialDate, Precision


class Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    occurred: PartialDate


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2024-05-07", Precision.DAY, date(2024, 5, 7), date(2024, 5, 7)),
        ("2024-09", Precision.MONTH, date(2024, 9, 1), date(2024, 9, 30)),
        ("2024-02", Precision.MONTH, date(2024, 2, 1), date(2024, 2, 29)),
        ("2023", Precision.YEAR, date(2023, 1, 1), date(2023, 12, 31)),
        ("2025-21", Precision.SEASON, date(2025, 3, 1), date(2025, 5, 31)),
        ("2025-22", Precision.SEASON, date(2025, 6, 1), date(2025, 8, 31)),
        ("2025-23", Precision.SEASON, date(2025, 9, 1), date(2025, 11, 30)),
        # The edtf package keeps winter inside its year: December only.
        ("2025-24", Precision.SEASON, date(2025, 12, 1), date(2025, 12, 31)),
        ("2024-07/2024-09", Precision.INTERVAL, date(2024, 7, 1), date(2024, 9, 30)),
        ("2023/2024-05-07", Precision.INTERVAL, date(2023, 1, 1), date(2024, 5, 7)),
        ("[2024-07-15,2025-07-15]", Precision.SET, date(2024, 7, 15), date(2025, 7, 15)),
    ],
)
def test_bounds_are_the_first_and_last_possible_day(
    text: str, precision: Precision, earliest: date, latest: date
) -> None:
    partial = PartialDate(text)

    assert (partial.edtf, str(partial), partial.precision) == (text, text, precision)
    assert (partial.earliest, partial.latest) == (earliest, latest)
    assert not partial.is_unknown


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [
        ("2024-09~", True, False),
        ("2024?", False, True),
        ("2024-05-07%", True, True),
        ("2025-23~", True, False),
    ],
)
def test_qualifiers_are_flags_and_keep_the_bounds(text: str, approximate: bool, uncertain: bool) -> None:
    partial = PartialDate(text)

    assert (partial.approximate, partial.uncertain) == (approximate, uncertain)
    assert partial.earliest == PartialDate(text[:-1]).earliest
    assert partial.latest == PartialDate(text[:-1]).latest


def test_a_qualified_season_is_accepted_though_edtf_refuses_it_alone() -> None:
    autumn = PartialDate("2025-23~")

    assert (autumn.precision, autumn.season, autumn.edtf) == (Precision.SEASON, 23, "2025-23~")


def test_an_interval_exposes_its_ends_and_their_qualifiers() -> None:
    interval = PartialDate("2024-07~/2024-09")

    assert (interval.start, interval.end) == (PartialDate("2024-07~"), PartialDate("2024-09"))
    assert interval.approximate and not interval.uncertain
    assert interval.members == ()


def test_a_set_is_normalised_in_chronological_order() -> None:
    partial = PartialDate("[2025-07-15, 2024-07-15]")

    assert partial.edtf == "[2024-07-15,2025-07-15]"
    assert partial.members == (PartialDate("2024-07-15"), PartialDate("2025-07-15"))
    assert partial.start is None and partial.end is None


@pytest.mark.parametrize("text", ["XXXX", "unknown", "Unknown", " XXXX "])
def test_unknown(text: str) -> None:
    partial = PartialDate(text)

    assert partial.edtf == "XXXX"
    assert partial.is_unknown and partial.precision is Precision.UNKNOWN
    assert partial.earliest is None and partial.latest is None
    assert not partial.certainly_by(date.max)


def test_a_date_becomes_a_day() -> None:
    assert PartialDate(date(2024, 5, 7)) == PartialDate("2024-05-07")
    assert PartialDate(datetime(2024, 5, 7, 18, 30)) == PartialDate("2024-05-07")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hier",
        "2024-13",
        "2024-02-30",
        "2024-25",
        "2025-21-03",
        "0000",
        "24",
        "2024-7",
        "2024-05-07T10:00",
        "2024/..",
        "../2024",
        "/2024",
        "XXXX/2024",
        "2024-09/2024-07",
        "2024-05-08/2024-05-07",
        "2024/2025/2026",
        "[2024]",
        "[2024,2024]",
        "[2025-21,2025-23]",
        "[2024/2025,2026]",
        "XXXX-XX",
    ],
)
def test_anything_else_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError) as refused:
        PartialDate(text)

    message = str(refused.value)
    assert text.strip() in message or "intervalle" in message or "ensemble" in message


def test_the_refusal_lists_what_is_accepted() -> None:
    with pytest.raises(ValueError, match=r"2024-05-07.*2024-09.*2025-21.*2024-07/2024-09.*XXXX"):
        PartialDate("mai 2024")


def test_an_interval_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="le début est postérieur à la fin"):
        PartialDate("2024-09/2024-07")


def test_a_non_text_value_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        PartialDate(2024)  # type: ignore[arg-type]


def test_certainly_by_needs_the_latest_possible_day() -> None:
    september = PartialDate("2024-09")

    assert september.certainly_by(date(2024, 9, 30))
    assert not september.certainly_by(date(2024, 9, 29))
    assert PartialDate("2024-07/2024-09").certainly_by(date(2024, 10, 1))


def test_sort_key_orders_by_earliest_then_latest_unknown_last() -> None:
    dates = [PartialDate(t) for t in ["XXXX", "2024", "2024-09", "2024-01", "2023/2024-05-07", "2024-01-01"]]

    ordered = [d.edtf for d in sorted(dates, key=PartialDate.sort_key)]

    assert ordered == ["2023/2024-05-07", "2024-01-01", "2024-01", "2024", "2024-09", "XXXX"]


def test_value_semantics() -> None:
    partial = PartialDate("2024-09")

    assert partial == PartialDate("2024-09") and partial != PartialDate("2024-09~")
    assert len({partial, PartialDate("2024-09")}) == 1
    assert repr(partial) == "PartialDate('2024-09')"
    assert pickle.loads(pickle.dumps(partial)) == partial
    with pytest.raises(AttributeError):
        partial._edtf = "2025"


def test_pydantic_field_validates_and_serialises_the_edtf_string() -> None:
    event = Event(occurred="2025-23")

    assert event.occurred == PartialDate("2025-23")
    assert event.model_dump() == {"occurred": "2025-23"}
    assert event.model_dump(mode="json") == {"occurred": "2025-23"}
    assert event.model_dump_json() == '{"occurred":"2025-23"}'
    assert Event(occurred=date(2024, 5, 7)).occurred.edtf == "2024-05-07"
    assert Event.model_json_schema()["properties"]["occurred"]["type"] == "string"


@pytest.mark.parametrize("value", ["2024-13", 2024, None])
def test_pydantic_field_refuses_bad_values(value: object) -> None:
    with pytest.raises(ValidationError):
        Event(occurred=value)


# --- properties -------------------------------------------------------------------------------------

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
qualifiers = st.sampled_from(["", "~", "?", "%"])


@st.composite
def simple_dates(draw: st.DrawFn) -> str:
    day = draw(days)
    form = draw(st.sampled_from(["day", "month", "year", "season"]))
    text = {
        "day": day.isoformat(),
        "month": f"{day:%Y-%m}",
        "year": f"{day:%Y}",
        "season": f"{day:%Y}-{draw(st.integers(21, 24))}",
    }[form]
    return text + draw(qualifiers)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    kind = draw(st.sampled_from(["simple", "interval", "set", "unknown"]))
    if kind == "unknown":
        return PartialDate("XXXX")
    if kind == "set":
        members = draw(st.lists(days, min_size=2, max_size=4, unique=True))
        return PartialDate("[" + ",".join(d.isoformat() for d in members) + "]")
    start = PartialDate(draw(simple_dates()))
    if kind == "simple":
        return start
    assert start.earliest is not None
    later = start.earliest + timedelta(days=draw(st.integers(0, 2000)))
    end = draw(st.sampled_from([later.isoformat(), f"{later:%Y-%m}", f"{later:%Y}"]))
    return PartialDate(f"{start}/{end}")


@given(partial_dates())
def test_round_trips_through_pydantic_json(partial: PartialDate) -> None:
    event = Event(occurred=partial)

    assert Event.model_validate_json(event.model_dump_json()) == event
    assert PartialDate(str(partial)) == partial


@given(partial_dates())
def test_earliest_is_never_after_latest(partial: PartialDate) -> None:
    if partial.is_unknown:
        assert partial.earliest is None and partial.latest is None
    else:
        assert partial.earliest is not None and partial.latest is not None
        assert partial.earliest <= partial.latest


@given(partial_dates(), days)
def test_certainly_by_agrees_with_latest(partial: PartialDate, cutoff: date) -> None:
    assert partial.certainly_by(cutoff) == (partial.latest is not None and partial.latest <= cutoff)


def _edtf_bounds(text: str) -> tuple[date, date] | None:
    """What the `edtf` package's grammar gives (None: it refuses the text, or a day no calendar holds)."""
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = parse_edtf(text)
        low, high = parsed.lower_strict(), parsed.upper_strict()
        return date(*low[:3]), date(*high[:3])
    except (EDTFParseException, ValueError):
        return None


@pytest.mark.parametrize(
    "text",
    [
        "1900-02",
        "2000-02",
        "2100-02",
        "2024-02",
        "2023-02",
        "0001",
        "9999-12",
        "0001-24",
        "2024-12",
        "2024-01",
    ]
    + [f"2025-{season}" for season in (21, 22, 23, 24)]
    + ["2024-00", "2024-13", "2024-20", "2024-25", "2023-02-29", "2024-02-29", "2024-04-31", "2024-00-10"],
)
def test_plain_bounds_are_edtfs_or_leave_the_text_to_it(text: str) -> None:
    from transitions_core.domain.dates import _plain_bounds

    plain = _plain_bounds(text)
    if plain is not None:
        assert plain == _edtf_bounds(text)
    else:  # left to edtf: only what PartialDate refuses
        with pytest.raises(ValueError):
            PartialDate(text)


@given(
    st.integers(min_value=1, max_value=9999),
    st.one_of(st.none(), st.integers(min_value=0, max_value=30)),
    st.one_of(st.none(), st.integers(min_value=0, max_value=32)),
)
def test_plain_bounds_match_edtf_on_any_year_month_season_or_day(
    year: int, month: int | None, day: int | None
) -> None:
    from transitions_core.domain.dates import _plain_bounds

    text = f"{year:04d}" + (f"-{month:02d}" if month is not None else "")
    text += f"-{day:02d}" if month is not None and day is not None else ""
    plain = _plain_bounds(text)
    if plain is not None:
        assert plain == _edtf_bounds(text)
    else:  # left to edtf: only what PartialDate refuses
        with pytest.raises(ValueError):
            PartialDate(text)


def test_a_read_of_well_formed_dates_does_not_import_edtf() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from transitions_core.domain.dates import PartialDate\n"
        "for t in ('2024', '2024-09~', '2025-24', '2024-07/2024-09', '[2024-07-15,2025-07-15]', 'XXXX'):\n"
        "    PartialDate(t)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('edtf', 'pyparsing')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
