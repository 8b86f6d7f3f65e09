"""Named domain errors. Each message tells a coordinator what is wrong and what to do about it."""

from __future__ import annotations


class DomainError(Exception):
    """An impossible step in a cohort's life; the history is left unchanged."""


class TerritoryNotEngaged(DomainError):
    """An accompaniment event for a territory that has not joined the cohort."""

    def __init__(self, territory: str, event_type: str) -> None:
        super().__init__(
            f"{territory} : aucun engagement dans la cohorte n'est enregistré, « {event_type} » ne peut donc "
            "pas l'être. Enregistrez d'abord l'engagement (territory_joined)."
        )


class TerritoryHasDeclined(DomainError):
    """An accompaniment event for a territory that declined."""

    def __init__(self, territory: str, event_type: str) -> None:
        super().__init__(
            f"{territory} : le refus de l'accompagnement est enregistré, « {event_type} » ne peut donc pas "
            "l'être. Si le territoire a finalement rejoint la cohorte, enregistrez d'abord territory_joined."
        )


class TerritoryHasLeft(DomainError):
    """An accompaniment event for a territory that left the cohort."""

    def __init__(self, territory: str, event_type: str) -> None:
        super().__init__(
            f"{territory} a quitté la cohorte : « {event_type} » ne peut donc plus être enregistré. "
            "Si le territoire est revenu dans la cohorte, enregistrez d'abord territory_joined."
        )


class DiagnosticOutOfOrder(DomainError):
    """A diagnostic step before the one that must precede it."""

    def __init__(self, territory: str, step: str, missing: str) -> None:
        super().__init__(
            f"{territory}, diagnostic sensible : « {step} » arrive avant « {missing} ». "
            "Les étapes se suivent ainsi : diagnostic_started, diagnostic_pre_restituted, "
            "diagnostic_restituted."
        )


class PilotNoteOutOfOrder(DomainError):
    """A pilot note written before the previous one."""

    def __init__(self, territory: str, note: str, missing: str) -> None:
        super().__init__(
            f"{territory}, projet pilote : la note « {note} » arrive avant la note « {missing} ». "
            "Les notes se suivent ainsi : intention, framing (cadrage), feasibility (faisabilité)."
        )


class BudgetExceeded(DomainError):
    """Accompaniment days beyond the budget, with no extension recorded."""

    def __init__(self, territory: str, spent: float, budget: float) -> None:
        super().__init__(
            f"{territory} dépasserait son budget d'accompagnement : {spent:g} jours pour {budget:g} prévus. "
            "Si le budget a été augmenté, enregistrez d'abord accompaniment_budget_extended."
        )


class CohortIsClosed(DomainError):
    """Anything but a correction in a closed cohort."""

    def __init__(self, cohort: str, event_type: str) -> None:
        super().__init__(
            f"La cohorte {cohort} est close : « {event_type} » ne peut plus y être enregistré. "
            "Seules les corrections (correction, retraction) restent possibles."
        )


class NegativeCount(DomainError):
    """A count below zero."""

    def __init__(self, field: str, value: float) -> None:
        super().__init__(f"« {field} » vaut {value:g} : un nombre ne peut pas être négatif.")


class AlreadyRecorded(DomainError):
    """A one-off step recorded twice (a second registration, a second diagnostic start)."""

    def __init__(self, what: str, hint: str = "") -> None:
        super().__init__(f"{what} est déjà enregistré. {hint}".strip())


class EntryChanged(DomainError):
    """An entry already in the store comes back with different content."""

    def __init__(self, entry: str) -> None:
        super().__init__(
            f"L'entrée « {entry} » a déjà été importée avec un contenu différent. "
            "L'historique ne se réécrit pas : remettez l'entrée telle qu'elle était et ajoutez "
            f"une entrée « correction » (corrects: {entry}) ou « retraction »."
        )


class UnknownEntry(DomainError):
    """A correction aimed at an entry the history does not hold."""

    def __init__(self, entry: str, where: str) -> None:
        super().__init__(
            f"Aucune entrée « {entry} » dans {where} : une correction doit viser une entrée déjà "
            "enregistrée. `transitions events` affiche les identifiants d'entrée."
        )


class InvalidCorrection(DomainError):
    """A correction (or a retraction) that the target entry, or the history it would leave, cannot take."""

    def __init__(self, entry: str, detail: str, *, retraction: bool = False) -> None:
        what = "Retrait" if retraction else "Correction"
        super().__init__(f"{what} de « {entry} » impossible : {detail}")


class StructureNotRetractable(InvalidCorrection):
    """A retraction of the cohort itself or of a territory's registration: everything else hangs on them."""

    def __init__(self, entry: str, territory: str | None) -> None:
        if territory is None:
            detail = (
                "une cohorte ne se retire pas de l'historique, ses territoires et ses entrées en dépendent. "
                f"Corrigez ce qui est faux avec une entrée « correction » (corrects: {entry}) ; si cette "
                "cohorte n'aurait jamais dû être importée, importez les bons historiques dans un nouveau stockage."
            )
        else:
            detail = (
                f"l'enregistrement d'un territoire ne se retire pas, ses entrées en dépendent. Corrigez sa fiche "
                f"avec une entrée « correction » (corrects: {entry}) et retirez une à une ses entrées fausses ; "
                "si ce territoire n'aurait jamais dû être importé, importez les bons historiques dans un "
                "nouveau stockage."
            )
        super().__init__(entry, detail, retraction=True)


class DiagnosticianNotAnAlly(DomainError):
    """An ally assignment says who did the diagnostic, naming someone it does not assign."""

    def __init__(self, territory: str, name: str, allies: list[str]) -> None:
        listed = ", ".join(f"« {ally} »" for ally in allies) or "aucun"
        super().__init__(
            f"{territory}, ally_assigned : « diagnostic_by » nomme « {name} », qui n'est pas parmi les alliés "
            f"de l'entrée ({listed}). Écrivez le nom exactement comme dans « allies »."
        )


class DiagnosticianContradicted(DomainError):
    """An ally assignment names who did the diagnostic and also says the allies did not."""

    def __init__(self, territory: str) -> None:
        super().__init__(
            f"{territory}, ally_assigned : « diagnostic_by » nomme qui a mené le diagnostic sensible, mais "
            "« also_did_diagnostic » vaut false. Retirez l'un des deux."
        )


class StepAnnouncedTooLate(DomainError):
    """A step announced for a date that was already over when it was announced."""

    def __init__(self, territory: str, expected: str, announced: str) -> None:
        super().__init__(
            f"{territory}, milestone_announced : l'étape est attendue pour {expected}, avant même son annonce "
            f"({announced}). Une étape déjà franchie s'enregistre avec milestone_reached."
        )
