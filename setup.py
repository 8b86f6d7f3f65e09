"""Package discovery that pyproject.toml cannot express on its own.

The code lives in src/ (the core) and plugins/ (the built-in narratives, registered through the
same entry points as any third-party plugin), and the templates in the top-level narratives/
folder, installed as the `transitions_core.narratives` package so that a non-editable install
finds them from any directory.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("src"), *find_packages("plugins"), "transitions_core.narratives"],
    package_dir={
        "": "src",
        "transitions_narratives": "plugins/transitions_narratives",
        "transitions_core.narratives": "narratives",
    },
    package_data={
        "transitions_core": ["py.typed"],
        "transitions_core.text": ["*.csv"],
        "transitions_core.narratives": ["**/*.j2"],
    },
)
