"""The haiku, rendered on the test kit's sample territory."""

import transitions_haiku

from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render


def test_the_haiku_of_les_aubiers(register_plugin, sample_territory_view, golden):
    host = register_plugin("haiku", transitions_haiku)
    text = render(host, "haiku", sample_territory_view, Subject.TERRITORY)
    golden(text, "haiku/les-aubiers.fr.txt")


def test_a_territory_without_a_pilot_project(register_plugin, sample_territory_view):
    host = register_plugin("haiku", transitions_haiku)
    view = sample_territory_view.model_copy(update={"pilot": None, "effects": ()})
    text = render(host, "haiku", view, Subject.TERRITORY)
    assert text.splitlines() == ["Matin aux Aubiers", "le projet attend encore", "0 effet dans la rosée"]
