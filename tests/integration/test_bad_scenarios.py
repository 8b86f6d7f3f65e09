"""The catalogue of bad scenario files: each gets one clear error at the right line, before anything runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from transitions_core.history.errors import HistoryFileError
from transitions_core.simulation.scenario.loading import load_scenario

BAD_SCENARIOS = Path(__file__).resolve().parent.parent / "data" / "bad-scenarios"

CATALOGUE = [
    ("broken-yaml.yaml", 5, "YAML illisible"),
    ("not-utf8.yaml", 3, "le fichier n'est pas en UTF-8 (octet 36)"),
    ("empty.yaml", 1, "un scénario commence par « kind: simulation »"),
    ("not-a-mapping.yaml", 1, "un scénario commence par « kind: simulation »"),
    ("wrong-kind.yaml", 1, "c'est un historique : utilisez `transitions import`"),
    ("unknown-key.yaml", 13, "« runs » : champ inconnu ; champs possibles : kind, extends, id"),
    ("unknown-nested-key.yaml", 10, "« parameters.recruitment.presnt » : champ inconnu"),
    ("wrong-type.yaml", 12, "« regions.0.generate.0.count » : doit être un nombre entier"),
    ("impossible-probability.yaml", 10, "« parameters.recruitment.join » : doit être inférieur ou égal à 1"),
    ("negative-count.yaml", 12, "« regions.0.generate.0.count » : doit être supérieur ou égal à 0"),
    ("impossible-order.yaml", 4, "il faut recruitment_start < launch < end"),
    ("bad-date.yaml", 6, "« calendar.launch » : doit être une date AAAA-MM-JJ qui existe"),
    ("inverted-range.yaml", 10, "intervalle [150, 14] : le début dépasse la fin"),
    ("no-region.yaml", 8, "« regions » : doit avoir au moins 1 élément(s)"),
    ("duplicate-territory.yaml", 9, "territoire « gruissan » listé deux fois"),
    ("duplicate-key.yaml", 8, "la clé « title » apparaît deux fois dans le même bloc (déjà à la ligne 3)"),
    ("enormous-number.yaml", 12, "nombre démesuré (30 chiffres)"),
    ("python-tag.yaml", 3, "étiquette YAML « !!python/object/apply:os.system » refusée"),
    ("deeply-nested.yaml", 43, "YAML imbriqué sur plus de 40 niveaux"),
    ("billion-laughs.yaml", 6, "les alias YAML (*nom) démultiplient ce fichier : arrivé ici"),
    ("unknown-rule.yaml", 9, "règle « no_such_rule » inconnue ; règles possibles : "),
    ("unknown-generator.yaml", 11, "générateur « magique » inconnu ; générateurs possibles : "),
    (
        "bad-generator-params.yaml",
        13,
        "params du générateur « sampled » : « political_backing.weak » : doit être",
    ),
    ("bad-sweep-path.yaml", 15, "balayage : « parameters.recruitment.nowhere » n'existe pas"),
    ("impossible-sweep-value.yaml", 15, "balayage, point 2 (parameters.recruitment.join = 7)"),
    ("impossible-set.yaml", 13, "set : « regions.0.generate.0.count » : doit être supérieur ou égal à 0"),
    ("extends-missing.yaml", 1, "« extends » : introuvable.yaml introuvable"),
    ("extends-itself.yaml", 1, "« extends » forme une boucle"),
]


def test_the_catalogue_covers_every_file():
    assert sorted(p.name for p in BAD_SCENARIOS.glob("*.yaml")) == sorted(name for name, _, _ in CATALOGUE)


@pytest.mark.parametrize(("name", "line", "message"), CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_a_bad_scenario_is_refused_at_its_line(name, line, message):
    path = BAD_SCENARIOS / name
    with pytest.raises(HistoryFileError) as caught:
        load_scenario(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert message in str(caught.value)
