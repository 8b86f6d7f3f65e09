"""The jinja2 environment: the user's folder (sandboxed), then the plugins' folders, then the built-ins.

Built-in templates are also reachable as `builtin/<path>`, so that a user's override can
`{% extends "builtin/fiche/territory.fr.md.j2" %}` and call `{{ super() }}`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from transitions_core.text import filters

USER_DIR_VAR = "TRANSITIONS_NARRATIVES_DIR"
BUILTIN_PREFIX = "builtin"


def builtin_dir() -> Path:
    """Where the built-in templates are, installed or in a checkout."""
    return Path(str(files("transitions_core.narratives")))


def user_dir(option: Path | None) -> Path | None:
    """The user's template folder: --narratives-dir, else TRANSITIONS_NARRATIVES_DIR."""
    value = option or (Path(os.environ[USER_DIR_VAR]) if os.environ.get(USER_DIR_VAR) else None)
    return value


def make_environment(
    media_type: str, plugin_dirs: list[Path], plugin_filters: dict[str, Callable[..., Any]], user: Path | None
) -> jinja2.Environment:
    """An environment for one media type: autoescape for HTML only; trimmed blocks for text."""
    builtin = jinja2.FileSystemLoader(str(builtin_dir()))
    chain: list[jinja2.BaseLoader] = []
    if user is not None:
        chain.append(jinja2.FileSystemLoader(str(user)))
    chain += [jinja2.FileSystemLoader(str(d)) for d in plugin_dirs]
    chain += [builtin, jinja2.PrefixLoader({BUILTIN_PREFIX: builtin})]
    html = media_type == "text/html"
    # User templates are not ours: the sandbox keeps them away from Python internals.
    cls: type[jinja2.Environment] = ImmutableSandboxedEnvironment if user is not None else jinja2.Environment
    environment = cls(
        loader=jinja2.ChoiceLoader(chain),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        trim_blocks=not html,
        lstrip_blocks=not html,
        keep_trailing_newline=True,
        # Markdown viewers render raw HTML: what the history holds must show as text there too.
        finalize=filters.markdown_text if media_type == "text/markdown" else None,
    )
    environment.filters.update(filters.FILTERS)
    environment.filters.update(plugin_filters)
    return environment
