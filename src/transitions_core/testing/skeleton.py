"""`transitions plugins new NAME`: the skeleton of a narrative plugin package, ready to install and test."""

from __future__ import annotations

from pathlib import Path

from transitions_core.errors import TransitionsError
from transitions_core.narrative.formats import FORMAT_NAME

#: A format's name becomes a package, a folder and a file name: short enough for every file system.
NAME_LIMIT = 60

PYPROJECT = """[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "{dist}"
version = "0.1.0"
description = "A narrative format for transitions_core: {name}"
requires-python = ">=3.11"
dependencies = ["transitions-core"]

[project.entry-points.transitions_core]
"{name}" = "{module}"

[tool.setuptools.package-data]
{module} = ["templates/**/*.j2"]

[tool.pytest.ini_options]
pythonpath = ["."]
"""

MODULE = '''"""The `{name}` narrative format."""

from __future__ import annotations

from pathlib import Path

from transitions_core.plugin_api import Format, Subject, hookimpl

FORMAT = Format(
    name="{name}",
    description="Describe in one line what {name} tells.",
    subjects=(Subject.TERRITORY,),
    media_type="text/markdown",
)


@hookimpl
def register_formats(register):
    """Offer the format."""
    register(FORMAT)


@hookimpl
def template_dirs():
    """Where this plugin's templates live."""
    return [Path(__file__).parent / "templates"]
'''

TEMPLATE = """# {{{{ territory.territory.name }}}}

{{{{ territory.territory.name }}}} fait partie de la {{{{ territory.cohort.name|lower_first }}}}.
{{% if territory.pilot %}}
Son projet pilote : {{{{ territory.pilot.title|quote }}}}.
{{% endif %}}
"""

TEST = '''"""Renders the `{name}` format on a sample view, with the transitions_core test kit."""

import {module}
from transitions_core.plugin_api import Subject, render


def test_{module}_renders_a_territory(register_plugin, sample_territory_view):
    host = register_plugin("{name}", {module})
    text = render(host, "{name}", sample_territory_view, Subject.TERRITORY)
    assert "Les Aubiers" in text
'''


def write_skeleton(name: str, directory: Path) -> Path:
    """Write the package `transitions-<name>` under `directory` (the parent folder); returns its root."""
    if not FORMAT_NAME.fullmatch(name):
        raise TransitionsError(
            f"« {name} » : un nom de format s'écrit en minuscules, chiffres, - et _, en commençant par une "
            "lettre (ex. haiku, dossier-presse)."
        )
    if len(name) > NAME_LIMIT:
        raise TransitionsError(
            f"« {name[:20]}… » : un nom de format a au plus {NAME_LIMIT} caractères ({len(name)} ici) ; "
            "choisissez un nom plus court."
        )
    module = f"transitions_{name.replace('-', '_')}"
    dist = f"transitions-{name.replace('_', '-')}"
    root = directory / dist
    if root.exists():
        raise TransitionsError(
            f"{root} existe déjà : choisissez un autre nom ou un autre dossier parent (--directory)."
        )
    (root / module / "templates" / name).mkdir(parents=True)
    (root / "tests").mkdir()
    fields = {"name": name, "module": module, "dist": dist}
    (root / "pyproject.toml").write_text(PYPROJECT.format(**fields), encoding="utf-8")
    (root / module / "__init__.py").write_text(MODULE.format(**fields), encoding="utf-8")
    (root / module / "templates" / name / "territory.fr.md.j2").write_text(
        TEMPLATE.format(**fields), encoding="utf-8"
    )
    (root / "tests" / f"test_{module.removeprefix('transitions_')}.py").write_text(
        TEST.format(**fields), encoding="utf-8"
    )
    return root
