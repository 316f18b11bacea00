"""The free texts of a dossier, with the facts they cite filled in.

A text of the dossier (an article, a paragraph of the exposé) may cite the dossier's facts
between `{{ }}` with the French filters, so that each fact is stated once:
`une subvention de {{ montant | euros }} ({{ montant | en_lettres }})`. Texts are rendered in
Jinja's sandbox with undefined names refused, before documents are rendered or checked; the
sandbox bounds their work (`actes62.bornes`): the texts of one affaire share one budget.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable
from typing import Any

import jinja2
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup
from pydantic import ValidationError

from actes62 import formats
from actes62.bornes import EnvironnementBorne, LimiteDepassee, budget_document, traduire_jinja
from actes62.errors import TemplateError
from actes62.grammaire import FILTRES_GRAMMAIRE
from actes62.load import chemin_lisible
from actes62.model import Affaire, Dossier

__all__ = [
    "FILTRES",
    "RETRAIT",
    "TexteInvalide",
    "contexte_affaire",
    "environnement",
    "personnel",
    "rendre_affaire",
]

RETRAIT = "[donnée personnelle retirée]"
"""What the version for online publication writes in place of a personal datum."""


@jinja2.pass_context
def personnel(contexte: Context, valeur: Any) -> Any:
    """A personal datum (bank details, a private person's address, phone or e-mail): the value
    itself, or `RETRAIT` in the version for online publication (the context's `publication`)."""
    return RETRAIT if contexte.get("publication") else valeur


FILTRES: dict[str, Callable[..., Any]] = {
    "euros": formats.euros,
    "nombre": formats.nombre,
    "en_lettres": formats.en_lettres,
    "date_longue": formats.date_longue,
    "date_courte": formats.date_courte,
    "pourcentage": formats.pourcentage,
    "siret": formats.siret,
    "siren": formats.siren,
    "personnel": personnel,
    **FILTRES_GRAMMAIRE,
}
"""The French filters, by the name templates and dossier texts use."""


_ESPACES_INSECABLES = (
    (re.compile(r"« +"), "«\u00a0"),
    (re.compile(r" +»"), "\u00a0»"),
    (re.compile(r" +:"), "\u00a0:"),
    (re.compile(r" +([;!?])"), "\u202f\\1"),
)


def typographie(valeur: Any) -> Any:
    """French typography for a value printed in a document: no-break spaces inside « » and before
    « : », narrow ones before « ; ! ? », so that a line never starts with a closing sign.

    >>> typographie("l'ambition 14 « Agir » ; suite")
    "l'ambition 14 «\xa0Agir\xa0»\u202f; suite"
    """
    if not isinstance(valeur, str) or isinstance(valeur, Markup):
        return valeur
    for motif, remplacement in _ESPACES_INSECABLES:
        valeur = motif.sub(remplacement, valeur)
    return valeur


def environnement(*, autoescape: bool = False, typographie_francaise: bool = False) -> SandboxedEnvironment:
    """A sandboxed Jinja environment with the French filters; undefined names are errors, and
    the work of each document is bounded (`actes62.bornes`).

    `typographie_francaise`: every printed value gets its no-break spaces (`typographie`)."""
    env = EnvironnementBorne(
        autoescape=autoescape,
        keep_trailing_newline=False,
        finalize=typographie if typographie_francaise else None,
    )
    env.filters.update(FILTRES)
    return env


_ENV = environnement()


def contexte_affaire(dossier: Dossier, affaire: Affaire, *, publication: bool = False) -> dict[str, Any]:
    """The names a template or a dossier text can use for one affaire; `publication`: true when
    writing the version for online publication (personal data withdrawn)."""
    return {
        "publication": publication,
        "collectivite": dossier.collectivite,
        "seance": dossier.seance,
        "affaire": affaire,
        "beneficiaire": affaire.beneficiaire,
        "imputations": affaire.imputations,
        "montant": affaire.montant,
        "rapport": affaire.rapport,
        "deliberation": affaire.deliberation,
        "convention": affaire.convention,
        "annexes": affaire.annexes,
        "annexe_budget": affaire.annexe_budget,
    }


@functools.lru_cache(maxsize=4096)
def _compiler(texte: str) -> jinja2.Template:
    """Compile a dossier text once: a séance repeats the same texts across its affaires."""
    return _ENV.from_string(texte)


class TexteInvalide(TemplateError):
    """A text of the dossier whose `{{ }}` cannot be filled in; `champ` is its field path
    (`("affaires", 0, "rapport", "propositions", 0)`), to name its line."""

    def __init__(self, champ: tuple[int | str, ...], message: str) -> None:
        self.champ = champ
        self.detail = message
        super().__init__(f"dossier, champ {chemin_lisible(champ)}", message)

    def __reduce__(self) -> tuple[type[TexteInvalide], tuple[tuple[int | str, ...], str]]:
        return (type(self), (self.champ, self.detail))  # from a worker process, whole


_FILTRE_INCONNU = re.compile(r"No filter named '([^']+)'")
_NOM_INCONNU = re.compile(r"'([^']+)' is undefined|« ([^»]+) » n'est pas défini")


def _conseil(message: str, contexte: dict[str, Any]) -> str:
    """« (vouliez-vous dire « euros » ?) » for a misspelt filter or name, else «»."""
    filtre = _FILTRE_INCONNU.search(message)
    if filtre is not None:
        proches = difflib.get_close_matches(filtre[1], FILTRES, n=1)
    else:
        nom = _NOM_INCONNU.search(message)
        inconnu = next((g for g in nom.groups() if g), "") if nom is not None else ""
        proches = difflib.get_close_matches(inconnu.strip(), contexte, n=1) if inconnu else []
    return f" (vouliez-vous dire « {proches[0]} » ?)" if proches else ""


def _rendre(valeur: Any, contexte: dict[str, Any], champ: tuple[int | str, ...]) -> Any:
    if isinstance(valeur, str):
        if "{{" not in valeur and "{%" not in valeur:
            return valeur
        try:
            return _compiler(valeur).render(contexte)
        except jinja2.TemplateSyntaxError as exc:
            conseil = _conseil(exc.message or "", contexte)
            raise TexteInvalide(champ, f"syntaxe invalide : {traduire_jinja(exc.message)}{conseil}") from None
        except jinja2.UndefinedError as exc:
            conseil = _conseil(exc.message or "", contexte)
            raise TexteInvalide(champ, f"nom inconnu : {traduire_jinja(exc.message)}{conseil}") from None
        except LimiteDepassee as exc:
            raise TexteInvalide(champ, str(exc.message)) from None
        except jinja2.exceptions.SecurityError as exc:  # the sandbox refusing an attribute
            raise TexteInvalide(champ, f"texte invalide : {traduire_jinja(exc.message)}") from None
        except jinja2.TemplateError as exc:
            raise TexteInvalide(
                champ, f"texte impossible à remplir : {traduire_jinja(exc.message)}"
            ) from None
        except (ArithmeticError, LookupError, TypeError, ValueError) as exc:
            raise TexteInvalide(champ, f"texte impossible à remplir : {exc}") from None
    if isinstance(valeur, dict):
        return {cle: _rendre(v, contexte, (*champ, cle)) for cle, v in valeur.items()}
    if isinstance(valeur, list):
        return [_rendre(v, contexte, (*champ, i)) for i, v in enumerate(valeur)]
    return valeur


def rendre_affaire(dossier: Dossier, affaire: Affaire, *, publication: bool = False) -> Affaire:
    """A copy of the affaire whose texts have their `{{ }}` filled in from the dossier (for the
    version for online publication, with `publication` true: personal data withdrawn)."""
    index = next((i for i, autre in enumerate(dossier.affaires) if autre is affaire), 0)
    donnees = affaire.model_dump(mode="python", exclude_unset=False)
    try:
        with budget_document():  # the texts of one affaire: one budget
            rendu = _rendre(
                donnees, contexte_affaire(dossier, affaire, publication=publication), ("affaires", index)
            )
    except LimiteDepassee as exc:  # out of Python's stack or memory, in no field in particular
        raise TemplateError(f"dossier, affaire {affaire.id}", str(exc.message)) from None
    if rendu == donnees:
        return affaire
    try:
        return Affaire.model_validate(rendu)
    except ValidationError as exc:  # a text that fills in to nothing, for one
        erreur = exc.errors()[0]
        champ = chemin_lisible(["affaires", index, *(e for e in erreur["loc"] if isinstance(e, int | str))])
        raise TemplateError(
            f"dossier, champ {champ}", "une fois rempli, le texte est vide ou invalide"
        ) from None
