"""A language's words, read from data files: its lexicon and its phrasings.

- `narratives/lexicon/<lang>.yaml`: tables of words, each keyed by the members of one of the domain's
  enums (finding kinds, milestone kinds, actor categories…); a test checks the keys are the members.
- `narratives/wording/<lang>/<part>.yaml`: phrasings by key (`poem.place.small`). A key holds one
  phrasing or a list of variants; each phrasing is a jinja2 template whose slots the plans fill and whose
  grammar is the language's filters (`transitions_core.text.grammar`). A phrasing may hold several lines.

The plans choose *what* to say and which variant; this module only says it. A language is these files
(and, for its grammar, a module of `transitions_core.text`, else the plain grammar): adding one needs no
change to the plans. A folder in `TRANSITIONS_NARRATIVES_DIR` with the same layout is read first.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import ImmutableSandboxedEnvironment

from transitions_core.errors import TransitionsError
from transitions_core.narrative.data_cache import parsed, text_lists
from transitions_core.narrative.folders import builtin_dir, user_dir
from transitions_core.text.grammar import filters

if TYPE_CHECKING:
    from transitions_core.narrative.template_cache import QuietBytecodeCache


class Wording:
    """The lexicon and phrasings of one language, rendered with its grammar."""

    def __init__(self, lang: str, folders: tuple[Path, ...]) -> None:
        self.lang = lang
        self.folders = folders
        self.environment = ImmutableSandboxedEnvironment(
            undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False
        )
        self.environment.filters.update(filters(lang))
        self.environment.filters["lex"] = self.word
        self.environment.globals.update(claim=self.claim, source=self.source)
        self.parts: dict[str, dict[str, list[str]]] = {}
        self.compiled: dict[tuple[str, int], Template] = {}
        self._lexicon: dict[str, dict[str, str]] | None = None
        #: Where compiled phrasings are kept (False: nowhere, the folder cannot be made), made on first use.
        self._bytecode: QuietBytecodeCache | Literal[False] | None = None

    # ─── Lexicon ───

    @property
    def lexicon(self) -> dict[str, dict[str, str]]:
        """Every table of the lexicon: table → enum value → word (`lexicon.py`)."""
        if self._lexicon is None:
            from transitions_narratives.lexicon import lexicon

            self._lexicon = lexicon(self.lang)
        return self._lexicon

    def word(self, key: Any, table: str) -> str:
        """The word for an enum value in a table (`{{ kind|lex("findings") }}`); the value itself when none is given."""
        value = str(getattr(key, "value", key))
        return self.lexicon.get(table, {}).get(value, value)

    # ─── Claims of state, absence and source (worded once, in `claims.py`) ───

    def claim(self, status: Any, step: str) -> str:
        """The sentence for a step not done by the view's date (`claims.pending`), or nothing.

        French and English word their claims in `claims.py` (the truth tests read them there); another
        language words them in its own `claims.yaml` (`claims.STEP.later|undated|unrecorded`).
        """
        from transitions_narratives.claims import PENDING, pending

        if self.lang in PENDING:
            return pending(status, step, self.lang) or ""
        state = status.known(step).value
        return "" if state == "done" else self.say(f"claims.{step}.{state}")

    def source(self, view: Any, kind: str) -> Any:
        """The declared document every entry of a type cites, as a sentence's subject, or None."""
        from transitions_narratives.claims import SOURCE_NOUNS, source_of_type

        return source_of_type(view, kind, self.lang) if self.lang in SOURCE_NOUNS else None

    # ─── Phrasings ───

    def variants(self, key: str) -> int:
        """How many phrasings a key has."""
        return len(self._phrasings(key))

    def keys(self, part: str) -> frozenset[str]:
        """The keys a part words (`sentences` → `in_person_day_held`, `profile`…), without the part's name."""
        return frozenset(self._part(part))

    def has(self, key: str) -> bool:
        """Whether the language words this key."""
        part, _, rest = key.partition(".")
        return rest in self._part(part)

    def say(self, key: str, choice: int = 0, /, **slots: Any) -> str:
        """The phrasing of `key` (variant `choice`, modulo their number) with its slots filled."""
        phrasings = self._phrasings(key)
        index = choice % len(phrasings)
        template = self.compiled.get((key, index))
        if template is None:
            template = self._template(f"{key}#{index}", phrasings[index])
            self.compiled[(key, index)] = template
        return " ".join(template.render(**slots).split(" ")).strip()

    def _template(self, name: str, source: str) -> Template:
        """`environment.from_string(source)`, its compiled code kept across runs in the user's cache folder.

        Compiling the phrasings was 25-35 ms of a report or a newsletter (issue 16). The cache is jinja2's
        (`template_cache.py`: one folder per environment's settings and filters, an entry checked against
        its source, written whole, skipped when it cannot be written).
        """
        environment = self.environment
        if self._bytecode is None:
            from transitions_core.narrative.template_cache import bytecode_cache

            self._bytecode = bytecode_cache(environment) or False
        if self._bytecode is False:
            return environment.from_string(source)
        bucket = self._bytecode.get_bucket(environment, f"wording/{self.lang}/{name}", None, source)
        if bucket.code is None:
            bucket.code = environment.compile(source)
            self._bytecode.set_bucket(bucket)
        return environment.template_class.from_code(
            environment, bucket.code, environment.make_globals(None), None
        )

    def lines(self, key: str, choice: int = 0, /, **slots: Any) -> list[str]:
        """The phrasing of `key` as lines, blank ones dropped."""
        return [line.strip() for line in self.say(key, choice, **slots).splitlines() if line.strip()]

    def _phrasings(self, key: str) -> list[str]:
        part, _, rest = key.partition(".")
        found = self._part(part).get(rest)
        if not found:
            raise TransitionsError(
                f"La formulation « {key} » manque en « {self.lang} » : ajoutez-la à narratives/wording/{self.lang}/{part}.yaml."
            )
        return found

    def _part(self, part: str) -> dict[str, list[str]]:
        if part not in self.parts:
            merged: dict[str, list[str]] = {}
            for folder in reversed(self.folders):
                path = folder / "wording" / self.lang / f"{part}.yaml"
                if path.is_file():
                    merged.update(parsed(path, "wording", _phrasings_of, text_lists))
            self.parts[part] = merged
        return self.parts[part]


def _phrasings_of(path: Path) -> dict[str, list[str]]:
    """A wording file's phrasings by key, read from its YAML (kept parsed across runs: `data_cache`)."""
    return _flatten(_read(path))


def _read(path: Path) -> dict[str, Any]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise TransitionsError(f"{path} : un fichier de formulations est un bloc de clés.")
    return data


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, list[str]]:
    flat: dict[str, list[str]] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return flat


def wording(lang: str) -> Wording:
    """The wording of a language: the user's folder first (`TRANSITIONS_NARRATIVES_DIR`), then the built-ins."""
    folder = user_dir(None)
    return _wording(lang, (folder,) if folder is not None else ())


@cache
def _wording(lang: str, user: tuple[Path, ...]) -> Wording:
    return Wording(lang, (*user, builtin_dir()))
