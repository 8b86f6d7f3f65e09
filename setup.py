"""Package discovery that pyproject.toml cannot express on its own.

The code lives in src/ (the core) and plugins/ (the built-in narratives, registered through the
same entry points as any third-party plugin), and the templates in the top-level narratives/
folder, installed as the `transitions_core.narratives` package so that a non-editable install
finds them from any directory.

Every folder is declared as a package, data-only ones included (a format's templates, the
message catalogue): setuptools warns about a folder that holds package data without being one.
"""

import warnings

from setuptools import find_namespace_packages, setup
from setuptools.warnings import InformationOnly

# Three source folders make `pip install -e` use a meta path finder, and setuptools then warns against
# folders named like a package in the working directory: this project has none at its root (the code
# is in src/ and plugins/), so the caveat is silenced, not the warnings about the packages themselves.
warnings.filterwarnings("ignore", message="Editable installation", category=InformationOnly)

IGNORED = ["__pycache__", "*.__pycache__"]
#: Files read at run time, in whichever package folder they sit.
DATA = ["py.typed", "*.j2", "*.mo", "*.yaml", "*.csv", "*.json"]

templates = [
    f"transitions_core.narratives.{name}" for name in find_namespace_packages("narratives", exclude=IGNORED)
]

setup(
    packages=[
        *find_namespace_packages("src", exclude=IGNORED),
        *find_namespace_packages("plugins", exclude=IGNORED),
        "transitions_core.narratives",
        *templates,
    ],
    package_dir={
        "": "src",
        "transitions_narratives": "plugins/transitions_narratives",
        "transitions_core.narratives": "narratives",
    },
    package_data={"": DATA},
)
