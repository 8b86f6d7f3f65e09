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
    # Issue 12: what a file could do to a store, refused at its line.
    ("nul-escape.yaml", 4, "caractère interdit U+0000 (un caractère de contrôle"),
    ("control-escape.yaml", 9, "caractère interdit U+0007"),
    ("huge-integer.yaml", 10, "nombre démesuré (5000 chiffres)"),
    ("not-a-number.yaml", 6, "nombre « .nan » infini ou indéfini"),
    ("alias-bytes.yaml", 10, "il pèserait plus de 4 fois ce qui y est écrit"),
    ("set-as-text.yaml", 22, "« set » doit être un bloc de clés, pas un texte (« days 4 »)"),
    ("set-as-list.yaml", 22, "« set » doit être un bloc de clés, pas une liste"),
    (
        "correction-not-finite.yaml",
        22,
        "correction : l'entrée corrigée ne serait plus valide : « set.days » : doit être un nombre fini.",
    ),
    (
        "correction-over-budget.yaml",
        19,
        "ainsi corrigé, l'historique ne tiendrait plus. Les Aubiers dépasserait son budget d'accompagnement : 500 jours pour 8 prévus",
    ),
    (
        "correction-of-an-article.yaml",
        23,
        "« set.article » : valeur « L'Été » inconnue ; valeurs possibles : « », « le »",
    ),
    ("correction-of-an-id.yaml", 19, "« slug » est l'identifiant de cette entrée"),
    ("retract-cohort.yaml", 19, "Retrait de « cohort » impossible : une cohorte ne se retire pas"),
    ("retract-registration.yaml", 19, "l'enregistrement d'un territoire ne se retire pas"),
    (
        "retract-a-needed-entry.yaml",
        19,
        "sans cette entrée, l'historique ne tiendrait plus. Les Aubiers : aucun engagement",
    ),
    ("retract-a-retraction.yaml", 23, "une correction ou un retrait ne se corrige ni ne se retire"),
    ("retraction-without-reason.yaml", 19, "retraction : « reason » : champ obligatoire manquant."),
    ("too-many-territories.yaml", 1007, "plus de 1\u202f000 territoires dans un même fichier"),
    ("impossible-day.yaml", 7, "date « 2023-02-29 » impossible dans le calendrier"),
    # Issue 10: errors that suggest the fix.
    ("french-date-slashes.yaml", 7, "date « 15/09/2026 » non reconnue ; écrivez-la « 2026-09-15 »"),
    ("french-date-season.yaml", 7, "date « automne 2026 » non reconnue ; écrivez-la « 2026-23 »"),
    ("french-date-month.yaml", 7, "date « septembre 2026 » non reconnue ; écrivez-la « 2026-09 »"),
    (
        "not-a-block.yaml",
        10,
        "« attendance » : doit être un bloc de clés, par exemple :\n    attendance:\n      low: 12",
    ),
    ("colon-in-text.yaml", 9, "YAML illisible : deux-points inattendu"),
    ("unknown-escape.yaml", 9, "YAML illisible : séquence d'échappement inconnue"),
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
