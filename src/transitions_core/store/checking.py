"""Verify a store: a sound file, an unbroken log, events that decode, and a read model in step with the log,
whose every row decodes and from which every cohort and territory reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from transitions_core.store.check_reads import check_reads, check_rows
from transitions_core.store.copying import read_log
from transitions_core.store.mapper import UnknownEventType
from transitions_core.store.opening import Store

#: Problems listed one by one before the rest are only counted.
SHOWN = 10


@dataclass
class CheckReport:
    """What was verified (French lines for the report) and what is wrong."""

    verified: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def problem(self, message: str) -> None:
        """Note one problem."""
        self.problems.append(message)


def check_store(store: Store) -> CheckReport:
    """Walk the whole log once and compare the read model with it."""
    report = CheckReport()
    if store.timeline.rebuilt:
        report.verified.append(
            f"Vue chronologique reconstruite depuis le journal à l'ouverture : il lui manquait "
            f"{', '.join(store.timeline.rebuilt)}."
        )
    damage = store.timeline.db.damage()
    if damage:
        report.problem(f"le fichier est endommagé : {'; '.join(damage[:3])}")
    elif store.location.kind == "sqlite":
        report.verified.append("Fichier SQLite intègre.")
    ids, owners, undecodable = _walk_log(store, report)
    aggregates = set(owners)
    if not ids:
        report.verified.append("Journal vide.")
        return report
    report.verified.append(
        f"Journal : {len(ids)} événements (n° {ids[0]} à {ids[-1]}), {len(aggregates)} agrégats."
    )
    if not any(problem.startswith("l'agrégat") for problem in report.problems):
        report.verified.append("Versions continues pour chaque agrégat.")
    missing = _gaps(ids)
    if not missing:
        report.verified.append("Numérotation continue.")
    elif store.location.kind == "postgresql":
        # A sequence value taken by a transaction that rolled back (a lost race) is never reused.
        report.verified.append(
            f"{len(missing)} numéro(s) sauté(s), laissé(s) par des écritures annulées (normal sous PostgreSQL)."
        )
    else:
        report.problem(f"numéros absents du journal (événements supprimés ?) : {_sample(missing)}")
    if undecodable:
        return report  # the read model cannot be caught up past an unreadable event
    report.verified.append("Tous les événements se décodent.")
    _check_read_model(store, report, ids, owners)
    return report


def _walk_log(store: Store, report: CheckReport) -> tuple[list[int], list[str], int]:
    """Notification ids and their aggregates, in log order, and how many events failed to decode."""
    ids: list[int] = []
    owners: list[str] = []
    versions: dict[str, int] = {}
    undecodable = 0
    for notification in read_log(store.app.recorder, store.app.last_position()):
        aggregate = str(notification.originator_id)
        ids.append(notification.id)
        owners.append(aggregate)
        expected = versions.get(aggregate, 0) + 1
        if notification.originator_version != expected:
            report.problem(
                f"l'agrégat {aggregate} passe de la version {expected - 1} à "
                f"{notification.originator_version} (événement n°{notification.id})"
            )
        versions[aggregate] = notification.originator_version
        try:
            store.app.mapper.to_domain_event(notification)
        except UnknownEventType:  # never imported: a tampered topic could name any module
            undecodable += 1
            if undecodable <= SHOWN:
                report.problem(
                    f"l'événement n°{notification.id} porte un type qui n'est pas de transitions "
                    f"(« {notification.topic[:80]} ») : le stockage a été modifié hors de l'outil"
                )
        except Exception as error:  # whatever the damage, it is reported, not raised
            undecodable += 1
            if undecodable <= SHOWN:
                report.problem(
                    f"l'événement n°{notification.id} ({notification.topic.rpartition(':')[2]}) ne se décode pas : "
                    f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"
                )
    if undecodable > SHOWN:
        report.problem(f"… et {undecodable - SHOWN} autres événements qui ne se décodent pas")
    return ids, owners, undecodable


def _check_read_model(store: Store, report: CheckReport, ids: list[int], owners: list[str]) -> None:
    try:
        store.timeline.catch_up()
    except Exception as error:  # a read model that cannot follow the log is a finding, not a crash
        report.problem(f"la vue chronologique ne peut pas rattraper le journal : {error}")
        return
    followed = {row.id for row in store.timeline.aggregates()}
    unknown = sorted(set(owners) - followed)
    if unknown:
        report.problem(f"la vue chronologique ignore {len(unknown)} agrégat(s) : {_sample(unknown)}")
    expected = [n for n, owner in zip(ids, owners, strict=True) if owner in followed]
    rows = store.timeline.positions()
    lacking = sorted(set(expected) - set(rows))
    extra = sorted(set(rows) - set(expected))
    position = store.timeline.position()
    if position != ids[-1]:
        report.problem(f"la vue chronologique suit l'événement {position}, le journal va jusqu'à {ids[-1]}")
    if lacking:
        report.problem(f"la vue chronologique n'a pas les événements {_sample(lacking)}")
    if extra:
        report.problem(f"la vue chronologique a des lignes sans événement : {_sample(extra)}")
    if position == ids[-1] and not lacking and not extra and not unknown:
        report.verified.append(
            f"Vue chronologique à jour (événement {position}) : {len(rows)} lignes, ni manque ni doublon."
        )
    if not check_rows(store.timeline, report):
        report.verified.append("Toutes les lignes de la vue chronologique se décodent.")
    if not check_reads(store.timeline, report):
        report.verified.append(
            "Chaque cohorte et chaque territoire se lisent comme les commandes les lisent."
        )


def _gaps(ids: list[int]) -> list[int]:
    missing: list[int] = []
    previous = 0
    for current in ids:
        missing.extend(range(previous + 1, current))
        previous = current
    return missing


def _sample(items: list[int] | list[str], limit: int = SHOWN) -> str:
    shown = ", ".join(str(item) for item in items[:limit])
    return shown + (f" … ({len(items)} en tout)" if len(items) > limit else "")
