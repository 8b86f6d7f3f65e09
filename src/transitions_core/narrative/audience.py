"""Who a narrative is for. An internal view shows everything; a public one leaves out confidential
entries and people's names, which give way to their role or organisation.

The public view is made here, once, so that every plugin gets it without having to think about it.
Names are known from the history's people (allies, delegation members, speakers of a viewpoint,
partners' staff): a known name is replaced wherever it appears, free text included. A quote's speaker
written `Name, role` keeps only the role, whoever the name belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from transitions_core.narrative.audience_kinds import Audience as Audience
from transitions_core.narrative.names import NameFinder
from transitions_core.narrative.people import (
    DESCRIBED,
    PEOPLE_FIELDS,
    PERSON_KEYS,
    UNKNOWN,
    Facts,
    is_person,
    is_role,
    name_words,
    people_of_facts,
    person_label,
    role_phrase,
)
from transitions_core.narrative.people import people_of as people_of
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.view import TimelineEntry


def visible(entry: TimelineEntry, audience: Audience | str) -> bool:
    """Whether an entry may appear in a narrative for this audience."""
    return audience != Audience.PUBLIC or not entry.confidential


_SENTENCE_END = re.compile(r"(?:^|[.!?…])[\s«\"“(\u00a0\u202f]*$")

V = TypeVar("V", bound=BaseModel)


@dataclass(frozen=True)
class Around:
    """Where a value sits: on whose side (`ally` or `territory`), among which people.

    The people of an entry may be named by their first name alone in its text (`Florence a été…`):
    around them, their name's words are names too.
    """

    side: str | None = None
    people: tuple[Facts, ...] = ()

    def within(self, side: Any = None, people: Iterable[Facts] = ()) -> Around:
        """The same place, on another side or among more people."""
        return Around(side if isinstance(side, str) else self.side, (*self.people, *people))


class PublicView:
    """Turns a view into its public version, given the people the history names."""

    def __init__(
        self, people: dict[str, Facts], organisation: Callable[[str], bool] = lambda name: False
    ) -> None:
        # `organisation`: whether the history declares a name as an organisation's, which no person bears.
        self.organisation = organisation
        self.people = {name: p for name, p in people.items() if not organisation(name)}
        self.names = NameFinder(self.people)
        self._texts: dict[tuple[str, tuple[tuple[str, ...], ...]], str] = {}
        # A cohort's entries are the same objects in every territory's view: each is made public once.
        self._entries: dict[tuple[int, str | None, tuple[tuple[str, ...], ...]], tuple[Any, Any]] = {}

    def view(self, view: V) -> V:
        """The public version of a view (any view model: territory, cohort, day, or a part of one)."""
        return self._model(view, Around())

    def facts(self, facts: Any) -> Any:
        """The public version of facts (a dict, list or text), people as their role or organisation."""
        return self._facts(facts, Around(people=tuple(people_of_facts(facts).values())))

    def key(self, key: str) -> str:
        """An entry key, with a name written in it (`…#helene-dupre`) replaced by its label."""
        return self.names.slug(key, lambda name: self._label(self.people[name]))

    def person(self, name: str) -> Facts | None:
        """The person a text names, whole, however it is written."""
        found = self.names.whole(name)
        return None if found is None else self.people[found]

    def text(self, text: str, around: Around = Around()) -> str:
        """Free text with every known name replaced by a label; `Name (Organisation)` becomes the organisation."""
        words = {
            word: person
            for person in around.people
            if not self.organisation(str(person.get("name", "")))
            for word in name_words(person)
        }
        # A view holds the same texts many times (a cohort's entries are in every territory's view).
        key = (text, tuple((w, *(str(p.get(k)) for k in PERSON_KEYS)) for w, p in words.items()))
        if key not in self._texts:
            self._texts[key] = self._text(text, words)
        return self._texts[key]

    def _text(self, text: str, words: dict[str, Facts]) -> str:
        person = self.person(text)
        if person is not None:
            return self._label(person)
        whole = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", text, re.DOTALL) if ")" in text else None
        if whole and self.person(whole[1]) is not None:
            return self.text(whole[2])
        head, comma, rest = text.partition(",")
        if comma and self.person(head) is not None and is_role(rest):
            return role_phrase(rest)
        text = self.names.replace(text, lambda name, within, at: self._inline(within, at, self.people[name]))
        if words:
            local = _first_names(tuple(words))
            text = local.replace(text, lambda word, within, at: self._inline(within, at, words[word]))
        return text

    def tally(self, counts: dict[str, int]) -> dict[str, int]:
        """Counts by label (`effects_by_label`) whose labels may hold a name: the labels in public, summed."""
        public: dict[str, int] = {}
        for label, count in counts.items():
            key = self.text(label)
            public[key] = public.get(key, 0) + count
        return public

    def speaker(self, speaker: str | None, around: Around = Around()) -> str | None:
        """A quote's speaker: `Jean Dupont, maire` → `le maire`; a description (`une élue`) stays."""
        if speaker is None:
            return None
        speaker = speaker.strip()
        if DESCRIBED.match(speaker):
            return self.text(speaker, around)
        _name, comma, rest = speaker.partition(",")
        if comma and is_role(rest):
            return role_phrase(rest)
        person = self.person(speaker)
        return UNKNOWN["role"] if person is None else self._label(person)

    @staticmethod
    def _label(person: Facts) -> str:
        return person_label(person)[0]

    def _inline(self, text: str, start: int, person: Facts) -> str:
        label = self._label(person)
        if _SENTENCE_END.search(text[:start]):
            return label[:1].upper() + label[1:]
        return label

    def _person(self, person: Facts, prefer: str) -> Facts:
        if self.organisation(str(person["name"])):
            return {k: (self.text(v) if isinstance(v, str) and k != "name" else v) for k, v in person.items()}
        label, used = person_label(person, prefer)
        public = {k: (self.text(v) if isinstance(v, str) else v) for k, v in person.items()}
        public["name"] = label
        if used:
            public[used] = None
        if used == "organisation" and "role" in public:
            public["role"] = None  # a person's role does not describe their organisation
        if public.get("organisation") and public["organisation"] in label:
            public["organisation"] = None
        return public

    def _people(self, items: Iterable[Any], prefer: str, around: Around) -> list[Any]:
        out: list[Any] = []
        seen: set[str] = set()
        for item in items:
            a_person = isinstance(item, dict) and is_person(item)
            public = self._person(item, prefer) if a_person else self._facts(item, around)
            key = public["name"] if isinstance(public, dict) else repr(public)
            if key not in seen:
                seen.add(key)
                out.append(public)
        return out

    def _facts(self, value: Any, around: Around) -> Any:
        if isinstance(value, dict):
            if is_person(value):
                return self._person(value, "role")
            around = around.within(value.get("side"))
            return {key: self._fact(key, item, around) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self._facts(item, around) for item in value)
        if type(value) is str:
            return self.text(value, around)
        return value

    def _fact(self, key: str, value: Any, around: Around) -> Any:
        if key == "speaker" and (value is None or isinstance(value, str)):
            return self.speaker(value, around)
        prefer = PEOPLE_FIELDS.get(key)
        if prefer and around.side == "ally":
            prefer = "organisation"
        if prefer and isinstance(value, list):
            return self._people(value, prefer, around)
        if prefer and isinstance(value, dict) and is_person(value):
            return self._person(value, prefer)
        return self._facts(value, around)

    def _model(self, model: V, around: Around) -> V:
        from transitions_core.narrative.views import QuoteView

        if isinstance(model, QuoteView):
            text, speaker = self.text(model.text, around), self.speaker(model.speaker, around)
            return model.model_copy(update={"text": text, "speaker": speaker})
        if isinstance(model, TimelineEntry):
            key = (id(model), around.side, _people_key(around.people))
            kept = self._entries.get(key)
            if kept is not None and kept[0] is model:
                return cast(V, kept[1])
            public = self._entry(model, around)
            self._entries[key] = (model, public)
            return public
        return self._fields(model, around)

    def _entry(self, model: V, around: Around) -> V:
        return self._fields(model, around.within(people=people_of([cast(TimelineEntry, model)]).values()))

    def _fields(self, model: V, around: Around) -> V:
        from transitions_core.narrative.views import PersonView

        around = around.within(getattr(model, "side", None), _speakers(model))
        update: dict[str, Any] = {}
        for name in type(model).model_fields:
            value = getattr(model, name)
            if isinstance(model, TimelineEntry) and name == "note":
                update[name] = None  # the coordinator's remarks on the sources: internal by nature
            elif name in ("entry", "target") and isinstance(value, str):
                update[name] = self.key(value)  # an entry's key may spell a name: `…#helene-dupre`
            elif name not in ("facts", "changes") and _is_tally(value):
                update[name] = self.tally(value)
            elif name in ("allies", "speakers") and isinstance(value, tuple):
                prefer = "organisation" if name == "allies" or around.side == "ally" else "role"
                facts = [p.model_dump() for p in value]
                update[name] = tuple(PersonView(**p) for p in self._people(facts, prefer, around))
            else:
                update[name] = self._value(value, around)
        return model.model_copy(update=update)

    def _value(self, value: Any, around: Around) -> Any:
        if isinstance(value, BaseModel):
            return self._model(value, around)
        if isinstance(value, tuple):
            return tuple(self._value(item, around) for item in value)
        if isinstance(value, dict | list):
            return self._facts(value, around)
        if type(value) is str:
            return self.text(value, around)
        return value


def _people_key(people: tuple[Facts, ...]) -> tuple[tuple[str, ...], ...]:
    """What of the people around a value its public version depends on."""
    return tuple(tuple(str(person.get(k)) for k in PERSON_KEYS) for person in people)


def _speakers(model: BaseModel) -> list[Facts]:
    """The people a viewpoint gives the floor to (its summary may call them by their first name)."""
    speakers = getattr(model, "speakers", ())
    return [p.model_dump() for p in speakers] if isinstance(speakers, tuple) else []


@lru_cache(maxsize=256)
def _first_names(words: tuple[str, ...]) -> NameFinder:
    """The finder of an entry's people's name words (an entry is read once per view, its text many times)."""
    return NameFinder(words, capitalised=True)


def _is_tally(value: Any) -> bool:
    """A dict of counts by label, as a view's figures hold them (`effects_by_label`)."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(k, str) and type(v) is int for k, v in value.items())
    )


@dataclass(frozen=True)
class Reading:
    """What an output made for an audience reads, and how it names people (`names` None: as recorded)."""

    readmodel: TimelineReadModel
    names: PublicView | None = None


def reading_for(readmodel: TimelineReadModel, cohort: str, audience: Audience | str) -> Reading:
    """The read model and the names an output of `cohort` uses: for the public, no confidential entry, no name.

    People are known from every row of the cohort as stored, confidential, retracted and corrected ones too.
    """
    if audience != Audience.PUBLIC:
        return Reading(readmodel)
    from transitions_core.timeline.public import PublicReadModel
    from transitions_core.timeline.view import cohort_profile

    people = people_of_facts([row.facts for row in readmodel.rows(cohort)])
    return Reading(PublicReadModel(readmodel), PublicView(people, cohort_profile(readmodel, cohort).declares))
