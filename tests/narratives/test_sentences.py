"""One sentence per event type per language: given the event registry, when a language tells a history,
then every type an event declares as told (`DomainEvent.told`) has its sentence, and no sentence is left
for a type the registry no longer holds."""

from __future__ import annotations

import pytest

from transitions_core.domain.events import CATALOGUE
from transitions_core.errors import TransitionsError
from transitions_narratives.kinds import untold
from transitions_narratives.tellers import languages, teller

TOLD = {event.type_name() for event in CATALOGUE if event.told}


def test_both_languages_of_the_narratives_tell_entries():
    assert set(languages()) == {"fr", "en"}


@pytest.mark.parametrize("lang", languages())
def test_every_told_event_type_has_a_sentence(lang):
    types = teller(lang).types
    assert TOLD - types == set(), f"{lang}: no sentence for {sorted(TOLD - types)}"
    assert types - TOLD == set(), (
        f"{lang}: a sentence for {sorted(types - TOLD)}, which no event declares told"
    )


def test_the_untold_types_are_the_records_bookkeeping():
    assert untold() == {
        "cohort_opened",
        "territory_registered",
        "organisation_registered",
        "entry_corrected",
        "entry_retracted",
    }


def test_a_language_without_sentences_is_refused_in_one_sentence():
    with pytest.raises(TransitionsError, match="pas en « xx »"):
        teller("xx")
