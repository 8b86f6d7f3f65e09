"""The jinja2 environment: the user's folder, then the plugins' folders, then the built-ins, all sandboxed.

Built-in templates are also reachable as `builtin/<path>`, so that a user's override can
`{% extends "builtin/fiche/territory.fr.md.j2" %}` and call `{{ super() }}`. Every template renders in
the sandbox (`sandbox.py`): on read-only data, within a time and size budget.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from transitions_core.narrative.folders import USER_DIR_VAR as USER_DIR_VAR
from transitions_core.narrative.folders import builtin_dir as builtin_dir
from transitions_core.narrative.folders import user_dir as user_dir
from transitions_core.narrative.formats import MEDIA_TYPES, MediaType
from transitions_core.narrative.sandbox import DataSandbox
from transitions_core.narrative.template_cache import bytecode_cache
from transitions_core.text import filters

BUILTIN_PREFIX = "builtin"


def make_environment(
    media_type: str, plugin_dirs: list[Path], plugin_filters: dict[str, Callable[..., Any]], user: Path | None
) -> DataSandbox:
    """A sandboxed environment for one media type: autoescape for HTML only; trimmed blocks for the others."""
    builtin = jinja2.FileSystemLoader(str(builtin_dir()))
    chain: list[jinja2.BaseLoader] = []
    if user is not None:
        chain.append(jinja2.FileSystemLoader(str(user)))
    chain += [jinja2.FileSystemLoader(str(d)) for d in plugin_dirs]
    chain += [builtin, jinja2.PrefixLoader({BUILTIN_PREFIX: builtin})]
    html = MEDIA_TYPES.get(media_type, MediaType("txt")).autoescape
    # Built-in, plugin or user template: none of them reaches more than the views' data.
    environment = DataSandbox(
        loader=jinja2.ChoiceLoader(chain),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        trim_blocks=not html,
        lstrip_blocks=not html,
        keep_trailing_newline=True,
        # Markdown viewers render raw HTML: what the history holds must show as text there too.
        finalize=filters.markdown_text if media_type == "text/markdown" else None,
    )
    environment.add_python_filters(filters.FILTERS)
    environment.add_python_filters(plugin_filters)
    # Compiled templates are kept in the user's cache folder, for the next run (none if it cannot be written).
    environment.bytecode_cache = bytecode_cache(environment)
    return environment
