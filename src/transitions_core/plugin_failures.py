"""Plugins that raised while rendering, remembered between commands so that `plugins list` can say so.

A render that fails in a plugin's code writes one line for that plugin (its version, the format, the
error) into `plugin-failures.json`, in the user's data folder (`TRANSITIONS_STATE_DIR` moves it). The
next successful render of one of its formats, or a new version of the plugin, forgets it. Nothing here
may stop a render: a folder that cannot be written is simply not used.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from transitions_core.plugins import PluginInfo

STATE_VAR = "TRANSITIONS_STATE_DIR"
FILE = "plugin-failures.json"


def state_file() -> Path:
    """Where failures are remembered."""
    folder = os.environ.get(STATE_VAR)
    if folder:
        return Path(folder) / FILE
    from platformdirs import user_data_path

    return user_data_path("transitions-core", appauthor=False) / FILE


def _read() -> dict[str, Any]:
    try:
        data = json.loads(state_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(data: dict[str, Any]) -> None:
    path = state_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass


def recorded_failures(plugins: dict[str, PluginInfo]) -> dict[str, str]:
    """The remembered failure of each loaded, otherwise sound plugin, as `plugins list` says it."""
    out = {}
    for name, failure in _read().items():
        info = plugins.get(name)
        if info is None or info.status != "ok" or not isinstance(failure, dict):
            continue
        if failure.get("version") == info.version:
            out[name] = f"« {failure.get('format')} » a échoué : {failure.get('error')}"
    return out


def remember(info: PluginInfo, format_name: str, error: str) -> None:
    """Record that the plugin raised while rendering `format_name`."""
    data = _read()
    data[info.name] = {"version": info.version, "format": format_name, "error": error}
    _write(data)


def forget(name: str) -> None:
    """Forget the plugin's failure: one of its formats rendered."""
    data = _read()
    if data.pop(name, None) is not None:
        _write(data)
