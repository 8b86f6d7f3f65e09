"""The catalogue of bad history files: each gets one clear error at the right line, and writes nothing."""

from __future__ import annotations

import pytest

from tests.conftest import BAD
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.importer import import_histories

CATALOGUE = [
    ("unknown-territory.yaml", 14, "territoire « le-vigam » inconnu ; vouliez-vous dire « le-vigan » ?"),
    ("bad-date.yaml", 11, "date « 2024-13-45 » non reconnue"),
    ("impossible-order.yaml", 14, "arrive avant « diagnostic_pre_restituted »"),
    ("duplicate-entry.yaml", 11, "identique à celle de la ligne 7"),
    ("duplicate-webinar-number.yaml", 11, "même type, même date et même number qu'à la ligne 7"),
    ("unknown-type.yaml", 8, "vouliez-vous dire « webinar_held » ?"),
    ("unknown-field.yaml", 11, "« speaker » : champ inconnu"),
    ("negative-count.yaml", 7, "un nombre ne peut pas être négatif"),
    ("broken-yaml.yaml", 5, "YAML illisible"),
    ("duplicate-key.yaml", 5, "la clé « name » apparaît deux fois"),
    ("wrong-kind.yaml", 1, "utilisez `transitions simulate`"),
    ("accompaniment-before-joining.yaml", 11, "aucun engagement dans la cohorte"),
    ("bad-enum.yaml", 17, "valeur « draft » inconnue"),
    ("not-utf8.yaml", 3, "le fichier n'est pas en UTF-8 (octet 41)"),
    ("empty.yaml", 1, "le fichier est vide"),
    ("python-tag.yaml", 3, "étiquette YAML « !!python/object/apply:os.system » refusée"),
    ("deeply-nested.yaml", 3, "YAML imbriqué sur plus de 40 niveaux"),
    ("enormous-number.yaml", 11, "nombre démesuré (30 chiffres)"),
    ("lone-surrogate.yaml", 9, "échappement « \\u… » invalide"),
    ("billion-laughs.yaml", 14, "les alias YAML (*nom) démultiplient ce fichier : arrivé ici"),
    ("recursive-alias.yaml", 6, "renvoie au bloc même qui le contient"),
]


def test_the_catalogue_covers_every_file():
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(name for name, _, _ in CATALOGUE)


@pytest.mark.parametrize(("name", "line", "message"), CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_a_bad_file_is_refused_at_its_line(store, name, line, message):
    path = BAD / name
    with pytest.raises(HistoryFileError) as caught:
        import_histories(store.app, [path])
    error = caught.value
    assert message in str(error)
    assert str(error).startswith(f"{path}:{line}: ")
    assert store.app.last_position() == 0
