"""YAML syntax errors in French: what the parser found, and what to do about it."""

from __future__ import annotations

import yaml

#: Pieces of the parser's English problems (libyaml's and PyYAML's words), and what to tell a coordinator.
PROBLEMS = [
    (
        ("mapping values are not allowed",),
        "deux-points inattendu : une valeur qui contient « : » s'écrit entre guillemets "
        '(title: "Atelier : mobilités")',
    ),
    (
        ("found unexpected end of stream",),
        "le fichier finit dans un texte entre guillemets : fermez les guillemets",
    ),
    (
        ("unknown escape character", "expected escape sequence"),
        "séquence d'échappement inconnue (« \\ » suivi d'une lettre) dans un texte entre guillemets doubles : "
        "doublez la barre oblique (\\\\) ou mettez le texte entre guillemets simples",
    ),
    (
        ("invalid Unicode character escape",),
        "échappement « \\u… » invalide dans un texte entre guillemets (une moitié de paire UTF-16 ?) ; retirez-le",
    ),
    (
        ("found character '\\t'", "tab character"),
        "tabulation dans l'indentation : indentez avec des espaces",
    ),
    (
        ("cannot start any token",),
        "caractère qui ne peut pas commencer une valeur (« @ », « ` » ou une tabulation) : "
        "mettez la valeur entre guillemets",
    ),
    (
        ("could not find expected ':'",),
        "deux-points attendu après une clé (clé: valeur), ou une valeur qui déborde sur la ligne suivante",
    ),
    (
        ("expected ',' or ']'",),
        "liste entre crochets mal fermée : séparez les valeurs par « , » et fermez par « ] »",
    ),
    (
        ("expected ',' or '}'",),
        "bloc entre accolades mal fermé : séparez les paires par « , » et fermez par « } »",
    ),
    (
        ("block sequence entries are not allowed",),
        "« - » inattendu ici : une liste commence à la ligne qui suit sa clé, indentée",
    ),
    (
        ("did not find expected '-' indicator",),
        "« - » attendu : les éléments d'une liste ont tous la même indentation",
    ),
    (
        ("did not find expected key", "expected <block end>"),
        "indentation incohérente : les clés d'un même bloc s'alignent sur la même colonne",
    ),
    (
        ("did not find expected node content", "expected the node content"),
        "valeur attendue : une clé, un « - » ou un crochet n'est suivi de rien d'utilisable",
    ),
    (
        ("did not find expected alphabetic or numeric character", "expected alphabetic or numeric"),
        "nom d'ancre ou d'alias (&nom, *nom) invalide : lettres, chiffres et tirets seulement",
    ),
    (
        ("but found another document", "expected a single document", "expected '<document start>'"),
        "un seul document par fichier : retirez le « --- » ou le « ... » en trop",
    ),
]
GENERIC = "syntaxe incorrecte"


def french_problem(error: yaml.MarkedYAMLError) -> str:
    """The parser's problem as a French sentence (without its line)."""
    found = f"{error.problem or ''} {error.context or ''}"
    for pieces, meaning in PROBLEMS:
        if any(piece in found for piece in pieces):
            return meaning
    return GENERIC
