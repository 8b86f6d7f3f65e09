"""A calibrated scenario is written by PyYAML's emitter: any label reads back as itself, comments stay comments."""

from __future__ import annotations

from datetime import date

import yaml

from transitions_core.simulation.scenario.yaml_out import dump

LABELS = {
    "autonomie: forte": 3,
    "# étiquette": 2,
    "deux\nlignes": 1,
    "- tiret": 1,
    "[crochets]": 1,
    "&ancre *alias": 1,
    "true": 1,
    "null": 1,
    "1.5": 1,
    "2024-05-07": 1,
    "'apostrophe": 1,
    ' "guillemets" ': 1,
    "x" * 200: 1,
}
DOCUMENT = {
    "kind": "simulation",
    "title": "Cohorte : « essai » # pas un commentaire",
    "description": "première ligne\nseconde ligne",
    "calendar": {
        "launch": date(2024, 5, 7),
        "in_person_days": [
            {"date": date(2024, 5, 7), "place": "Fronton", "theme": "lancement: jour 1"},
            {"date": date(2024, 6, 24), "place": None, "theme": "ligne\nsuivante"},
        ],
        "peer_exchanges": [date(2024, 5, 7)],
    },
    "parameters": {"evaluation": {"effects_mean": 1 / 3, "effect_labels": LABELS}},
}
COMMENTS = {
    "calendar.launch": "historique : première journée",
    "calendar.in_person_days": "historique",
    "title": "un titre\nsur deux lignes",
    "description": "écrit par calibrate",
    "parameters.evaluation.effect_labels": "historique : effets par intitulé",
}


def test_every_label_reads_back_as_itself():
    text = dump(DOCUMENT, COMMENTS)

    back = yaml.safe_load(text)

    assert back["parameters"]["evaluation"]["effect_labels"] == LABELS
    assert back["calendar"]["in_person_days"] == [
        {"date": date(2024, 5, 7), "place": "Fronton", "theme": "lancement: jour 1"},
        {"date": date(2024, 6, 24), "theme": "ligne\nsuivante"},
    ]
    assert back["title"] == DOCUMENT["title"]
    assert back["parameters"]["evaluation"]["effects_mean"] == 0.3333
    assert back["description"] == "première ligne\nseconde ligne"
    assert set(back) == {"kind", "title", "description", "calendar", "parameters"}


def test_comments_are_comments_where_the_value_ends_on_its_line_or_above_it_otherwise():
    text = dump(DOCUMENT, COMMENTS)

    assert "  launch: 2024-05-07  # historique : première journée\n" in text
    assert "  in_person_days:  # historique\n" in text
    assert "    effect_labels:  # historique : effets par intitulé\n" in text
    assert "  # un titre sur deux lignes\n" in text
    assert "\n# écrit par calibrate\ndescription: 'première ligne\n" in text
    assert "&" not in text.replace("&ancre", "") and "*id" not in text, "no YAML anchors or aliases"
