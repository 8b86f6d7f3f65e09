"""`--out FILE.parquet` and `--plot FILE.png|svg`, and what a user without the extra is told."""

from __future__ import annotations

import csv
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.simulation.conftest import SMALL, write
from transitions_core.cli.main import cli

SWEPT = (
    SMALL
    + "sweep:\n  points:\n    - {parameters.recruitment.join: 0.2}\n    - {parameters.recruitment.join: 0.9}\n"
)


def simulate(*args: str):
    return CliRunner().invoke(cli, ["--store", "memory:", "simulate", *args])


def test_out_parquet_holds_the_same_rows_and_columns_as_the_csv(tmp_path: Path):
    pq = pytest.importorskip("pyarrow.parquet")
    scenario = write(tmp_path, SWEPT)
    as_csv, as_parquet = tmp_path / "tirages.csv", tmp_path / "tirages.parquet"

    assert simulate(str(scenario), "--runs", "3", "--seed", "5", "--out", str(as_csv)).exit_code == 0
    result = simulate(str(scenario), "--runs", "3", "--seed", "5", "--out", str(as_parquet))

    assert result.exit_code == 0, result.output
    assert f"Tirages écrits dans {as_parquet}, paramètres résolus dans {as_parquet}.json." in result.output
    table = pq.read_table(as_parquet)
    rows = list(csv.DictReader(as_csv.open(encoding="utf-8")))
    assert table.column_names == list(rows[0])
    assert table.num_rows == len(rows) == 6
    # Types follow the rows, never the values drawn: measures are always double, run numbers int64.
    assert (table.schema.field("run").type, table.schema.field("joined").type) == ("int64", "double")
    assert table.schema.field("parameters.recruitment.join").type == "double"
    for column in ("point", "run", "joined", "effects", "days_used", "parameters.recruitment.join"):
        assert [float(value) for value in table.column(column).to_pylist()] == [
            float(row[column]) for row in rows
        ]
    assert table.column("scenario_hash").to_pylist() == [row["scenario_hash"] for row in rows]
    assert not list(tmp_path.glob(".*partiel"))


def test_without_pyarrow_parquet_is_a_french_error_before_any_run(tmp_path: Path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # `import pyarrow` now fails, as when it is absent
    out = tmp_path / "tirages.parquet"

    result = simulate(str(write(tmp_path, SMALL)), "--runs", "2", "--out", str(out))

    assert result.exit_code == 1
    assert result.output == (
        "Erreur : Écrire du Parquet demande pyarrow : pip install 'transitions-core[parquet]' "
        "(ou un fichier --out en .csv).\n"
    )
    assert not out.exists()


def test_plot_png_draws_one_box_per_sweep_point(tmp_path: Path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "distributions.png"

    result = simulate(str(write(tmp_path, SWEPT)), "--runs", "4", "--plot", str(out))

    assert result.exit_code == 0, result.output
    assert f"Graphique écrit dans {out}." in result.output
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 1000 and height > 300


def test_plot_svg_is_a_valid_svg_document_with_the_points_and_measures(tmp_path: Path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "distributions.svg"

    result = simulate(str(write(tmp_path, SWEPT)), "--runs", "4", "--plot", str(out))

    assert result.exit_code == 0, result.output
    root = ElementTree.parse(out).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = out.read_text(encoding="utf-8")
    # matplotlib draws text as glyph paths and keeps the strings in comments.
    assert "recruitment.join = 0.2" in text and "recruitment.join = 0.9" in text
    assert "Territoires engagés" in text and "Effets observés" in text


def test_a_plot_in_another_format_is_refused_before_any_run(tmp_path: Path):
    result = simulate(str(write(tmp_path, SMALL)), "--plot", str(tmp_path / "figure.pdf"))

    assert result.exit_code == 2
    assert "un graphique s'écrit en .png ou en .svg" in result.output
    assert "Traceback" not in result.output


def test_without_matplotlib_plot_is_a_french_error(tmp_path: Path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)

    result = simulate(str(write(tmp_path, SMALL)), "--runs", "2", "--plot", str(tmp_path / "f.png"))

    assert result.exit_code == 1
    assert result.output == "Erreur : --plot demande matplotlib : pip install 'transitions-core[plot]'.\n"


def test_an_output_in_a_missing_folder_is_refused_before_any_run(tmp_path: Path):
    result = simulate(str(write(tmp_path, SMALL)), "--out", str(tmp_path / "absent" / "tirages.csv"))

    assert result.exit_code == 1
    assert "le dossier" in result.output and "n'existe pas ; créez-le d'abord." in result.output
