"""`transitions site build` and `transitions site serve`: a cohort's history as a static website."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option
from transitions_core.cli.common import find_cohort, open_from, parse_audience
from transitions_core.cli.knowledge import (
    ensure_known,
    knowledge_notice,
    known_at_option,
    known_readmodel,
    moment_said,
)
from transitions_core.cli.narrate import parse_day


@cli.group(
    examples=(
        "transitions site build occitanie-2024 --output site/",
        "transitions site serve site/",
    )
)
def site() -> None:
    """Publier une cohorte comme un site web statique.

    Le site se lit depuis un dossier (même envoyé par courriel), sur n'importe quel hébergement statique
    et hors ligne ; `site serve` le montre sur cet ordinateur.
    """


@site.command(
    examples=(
        "transitions site build occitanie-2024 --output site/",
        "transitions site build occitanie-2024 --output site-interne/ --audience internal --force",
        "transitions site build occitanie-2024 --output site-en/ --lang en --base-url https://exemple.org/cohorte/",
        "transitions site build occitanie-2024 --output site-decembre/ --known-at 2024-12-01",
    )
)
@click.argument("cohorts", metavar="COHORTE...", nargs=-1, required=True)
@click.option(
    "--output",
    metavar="DOSSIER",
    required=True,
    type=click.Path(path_type=Path),
    help="Le dossier du site : nouveau, vide, ou remplacé avec --force.",
)
@click.option(
    "--audience",
    metavar="[public|internal]",
    callback=parse_audience,
    help="public (par défaut) : ni noms de personnes ni entrées confidentielles, vérifié avant publication ; "
    "internal : tout, avec un bandeau sur chaque page.",
)
@click.option("--lang", metavar="LANGUE", default="fr", show_default=True, help="Langue du site (fr, en).")
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="Ne garder que ce qui était certainement arrivé à cette date (AAAA-MM-JJ).",
)
@click.option(
    "--base-url",
    metavar="ADRESSE",
    help="L'adresse où le site sera publié : liens absolus et plan du site complet (sinon, liens relatifs).",
)
@click.option("--force", is_flag=True, help="Remplacer le contenu d'un dossier qui n'est pas vide.")
@click.option(
    "--stamp",
    is_flag=True,
    help="Dater la publication en pied de page (sinon, deux constructions sont identiques).",
)
@click.option(
    "--narratives-dir",
    metavar="DOSSIER",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="Dossier de modèles qui remplacent ceux fournis, pages du site comprises (ou TRANSITIONS_NARRATIVES_DIR).",
)
@known_at_option
@store_option
@click.pass_context
def build(
    ctx: click.Context,
    cohorts: tuple[str, ...],
    output: Path,
    audience: str | None,
    lang: str,
    as_of: str | None,
    base_url: str | None,
    force: bool,
    stamp: bool,
    narratives_dir: Path | None,
    known_at: datetime | None,
) -> None:
    """Construire le site d'une ou plusieurs cohortes.

    Pages : accueil, une par territoire (fiche, article, poème, frise et tout autre format installé),
    une par journée en présentiel, chronologie, chiffres, sources, rapport imprimable, recherche.
    """
    from transitions_core.narrative.audience import Audience
    from transitions_core.narrative.folders import user_dir
    from transitions_core.plugins import load_host
    from transitions_core.site.build import SiteOptions, build_site

    cutoff = parse_day(as_of)
    if lang not in ("fr", "en"):
        raise click.BadParameter(
            f"« {lang} » n'est pas une langue du site ; écrivez fr ou en.", param_hint="--lang"
        )
    moment = None
    if stamp:
        moment = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z")
    options = SiteOptions(
        output=output,
        audience=Audience(audience or Audience.PUBLIC),
        lang=lang,
        as_of=cutoff,
        base_url=base_url,
        force=force,
        stamp=moment,
        known_at=None if known_at is None else moment_said(known_at, lang),
    )
    host = load_host(user_dir=user_dir(narratives_dir))
    with open_from(ctx) as store:
        found = [find_cohort(store, cohort) for cohort in cohorts]
        readmodel = known_readmodel(store, known_at)
        for cohort in found:
            ensure_known(readmodel, known_at, cohort)
        report = build_site(readmodel, list(dict.fromkeys(found)), options, host)
    knowledge_notice(known_at)
    for warning in report.warnings:
        click.echo(f"Attention : {warning}", err=True)
    click.echo(
        f"Site écrit dans {output} : {report.pages} pages. Pour le voir : transitions site serve {output}"
    )


@site.command(examples=("transitions site serve site/", "transitions site serve site/ --port 8001"))
@click.argument("folder", metavar="DOSSIER", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--port",
    metavar="N",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Le port local.",
)
def serve(folder: Path, port: int) -> None:
    """Montrer un site construit sur cet ordinateur (127.0.0.1 seulement).

    Arrêtez avec Ctrl+C.
    """
    from transitions_core.site.serve import serve as run

    run(folder, port, lambda address: click.echo(f"Site servi sur {address} (Ctrl+C pour arrêter)."))
