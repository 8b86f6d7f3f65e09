"""The simulation package's rooms: public names load on first use, and no code reaches into another library's privates."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import transitions_core.simulation as simulation

ROOT = Path(simulation.__file__).parent


def test_every_public_name_of_the_package_loads_from_its_room():
    for name in simulation.__all__:
        assert getattr(simulation, name).__name__ == name


def test_importing_the_package_loads_neither_numpy_nor_simpy():
    code = (
        "import sys, transitions_core.simulation; "
        "print(sorted(m for m in ('numpy', 'simpy') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_no_module_reads_a_private_field_of_another_object():
    reaches = []
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and not (isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"})
            ):
                reaches.append(f"{path.relative_to(ROOT)}:{node.lineno} .{node.attr}")
    assert reaches == []


def test_the_rooms_hold_every_module():
    top = sorted(p.name for p in ROOT.glob("*.py"))
    assert top == ["__init__.py"]
    assert {p.name for p in ROOT.iterdir() if p.is_dir() and p.name != "__pycache__"} == {
        "calibration",
        "experiments",
        "model",
        "outputs",
        "rules",
        "running",
        "scenario",
        "validation",
    }
