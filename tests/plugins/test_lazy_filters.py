"""The built-in plugins register their filters by name and import them on first call (issue 16)."""

from __future__ import annotations

import subprocess
import sys

from transitions_narratives import digest, fiche, newsletter, report
from transitions_narratives.lazy import DIGEST_FILTERS, lazy
from transitions_narratives.newsletter_text import newsletter as newsletter_issue
from transitions_narratives.sentences_en import kind_en, people


def test_the_lazy_names_are_the_digest_filters() -> None:
    assert {name: getattr(digest, function) for name, function in DIGEST_FILTERS.items()} == digest.FILTERS


def test_each_lazy_filter_calls_the_function_it_names() -> None:
    given = {**report.template_filters(), **newsletter.template_filters(), **fiche.template_filters()}
    real = {**digest.FILTERS, "newsletter_issue": newsletter_issue, "kind_en": kind_en, "people_en": people}
    for name, function in real.items():
        wrapper = given[name]
        assert wrapper is not function  # registered without importing it
        assert sys.modules[wrapper.__module__].__dict__[wrapper.__name__] is function
    assert given["kind_en"]("epci") == kind_en("epci")
    assert given["digest_period"].__name__ == "period_words"


def test_the_report_and_the_newsletter_share_one_object_per_filter() -> None:
    # The registry takes a name given twice only when it is the same object (registry.py).
    shared = report.template_filters()
    assert all(newsletter.template_filters()[name] is f for name, f in shared.items())
    assert lazy("transitions_narratives.digest", "when") is shared["digest_when"]


def test_registering_the_filters_imports_no_writer() -> None:
    probe = (
        "import sys\n"
        "from transitions_narratives import fiche, newsletter, report\n"
        "for plugin in (fiche, newsletter, report): plugin.template_filters()\n"
        "print(' '.join(m for m in ('transitions_narratives.digest', 'transitions_narratives.newsletter_text',"
        " 'transitions_narratives.sentences_en') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_the_registry_knows_jinjas_own_filters_by_their_names() -> None:
    import jinja2

    from transitions_core.plugin_contributions import JINJA, JINJA_FILTERS, filter_registry
    from transitions_core.registry import CORE

    assert sorted(JINJA_FILTERS) == sorted(jinja2.Environment().filters)
    registry = filter_registry()
    assert all(registry.owner(name) in (JINJA, CORE) for name in JINJA_FILTERS)
