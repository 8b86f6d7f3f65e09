"""Read back the rows of `simulate` or `experiment` (CSV or Parquet) as a pandas DataFrame."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from transitions_core.errors import TransitionsError


def read_results(path: Path) -> Any:
    """The rows of a results file, or a French error saying what is wrong with it."""
    import pandas as pd

    from transitions_core.simulation.outputs.results import is_parquet, require_pyarrow

    if not path.is_file():
        raise TransitionsError(f"{path} : fichier de tirages introuvable.")
    try:
        if is_parquet(path):
            require_pyarrow()
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_csv(path)
    except TransitionsError:
        raise
    except Exception as error:
        raise TransitionsError(f"{path} : tirages illisibles ({type(error).__name__} : {error}).") from None
    if "point" not in frame.columns or "run" not in frame.columns:
        raise TransitionsError(
            f"{path} : ce ne sont pas des tirages de `transitions simulate` ou `transitions experiment` "
            "(colonnes point et run absentes)."
        )
    return frame
