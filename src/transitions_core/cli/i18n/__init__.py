"""click's own messages in French, whatever the user's locale, from the catalogue shipped here.

click marks its messages with `gettext` ("Usage:", "No such option…") and would pick a language from
the environment. The command line is French for everyone, so the catalogue is loaded from this
package, not looked up by locale, and bound in place of `gettext` in click's modules. Only click is
affected: other libraries in the process keep their own translations.
"""

from __future__ import annotations

import gettext
import sys
from pathlib import Path

#: Compiled from click.fr.po by `make locale` (Babel); a test keeps the two in step.
CATALOGUE = Path(__file__).with_name("click.fr.mo")


def load_catalogue() -> gettext.GNUTranslations:
    """The French catalogue of click's messages."""
    with CATALOGUE.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def install_french() -> None:
    """Make click speak French in this process (its modules loaded so far; call before building commands).

    click's lazily loaded modules (the progress bar's "days", shell completion on an old Bash) are
    translated when they are loaded before this call, and keep their English otherwise.
    """
    french = load_catalogue()
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = french.gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = french.ngettext  # type: ignore[attr-defined]
