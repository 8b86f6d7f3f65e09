"""What every block of a scenario shares: the immutable `Spec`, the value types, and `assumed(...)`."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Probability = Annotated[float, Field(ge=0, le=1)]
Positive = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Backing = Literal["weak", "medium", "strong"]
Capacity = Literal["auto", "low", "medium", "high"]
DayRange = tuple[Annotated[int, Field(ge=0)], Annotated[int, Field(ge=0)]]


class Spec(BaseModel):
    """Base of every block of a scenario: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def ordered(value: Any) -> Any:
    """Refuse a range whose start is past its end."""
    if value[0] > value[1]:
        raise ValueError(f"intervalle [{value[0]}, {value[1]}] : le début dépasse la fin")
    return value


def assumed(default: Any, low: float, high: float, why: str) -> Any:
    """A parameter the history does not measure: its default, the range an experiment sweeps, and why."""
    return Field(default=default, json_schema_extra={"range": [low, high], "why": why})
