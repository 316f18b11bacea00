"""DOCX templates: a `Gabarit` is one template (docxtpl: Jinja in Word) loaded, checked and
compiled once, then filled for as many affaires as needed.

Templates are rendered in Jinja's sandbox with autoescape (a text with « & » or « < » stays
intact) and undefined names refused. A template's names are checked before anything is written:
every name must exist in the context, and every attribute of a model object must be one of its
fields or properties, so that a misspelt `{{ affaire.titr }}` is reported with the template's file
instead of failing in the middle of a séance.

The shipped templates live in the top-level `templates/` folder, shipped in the package as `actes62/templates`;
a collectivité can pass its own `.docx` (or a folder of them, named after the kinds).
"""

from __future__ import annotations

import difflib
import inspect
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import jinja2
from jinja2 import meta, nodes
from pydantic import BaseModel

from actes62._docx import ModeleDocx
from actes62.errors import GenerationError, TemplateError
from actes62.livres import livre
from actes62.model import (
    Affaire,
    Annexe,
    AnnexeBudget,
    Beneficiaire,
    Collectivite,
    Convention,
    Deliberation,
    DocumentKind,
    Dossier,
    Imputation,
    Rapport,
    Seance,
)
from actes62.textes import contexte_affaire, environnement, rendre_affaire

__all__ = ["GENRES", "Gabarit", "Genre", "contexte_document", "modeles_livres"]

Genre = DocumentKind
"""The kind of document a template writes (the model's one enumeration)."""
GENRES: tuple[DocumentKind, ...] = tuple(DocumentKind)
"""The kinds of document, in the order they are written for an affaire."""
_NOMS = tuple(kind.modele for kind in DocumentKind)

_TYPES_CONTEXTE: dict[str, Any] = {
    "publication": bool,
    "collectivite": Collectivite,
    "seance": Seance,
    "affaire": Affaire,
    "beneficiaire": Beneficiaire,
    "imputations": list[Imputation],
    "montant": Decimal,
    "rapport": Rapport,
    "deliberation": Deliberation,
    "convention": Convention | None,
    "annexes": list[Annexe],
    "annexe_budget": AnnexeBudget | None,
}
"""The type of each name `textes.contexte_affaire` gives a template (to check attribute names)."""

_TYPES_ANNEXE: dict[str, Any] = {"annexe": AnnexeBudget, "numero_annexe": int}
"""The names a budget annex template has in addition: the annex it renders and its number."""

_TYPES_CONVENTION: dict[str, Any] = {"numero_annexe": int | None}
"""The name a convention template has in addition: its number among the affaire's annexes (None
when the convention is not declared as an annex)."""


def _types_contexte(genre: Genre) -> dict[str, Any]:
    if genre is DocumentKind.BUDGET:
        return {**_TYPES_CONTEXTE, **_TYPES_ANNEXE}
    if genre is DocumentKind.CONVENTION:
        return {**_TYPES_CONTEXTE, **_TYPES_CONVENTION}
    return dict(_TYPES_CONTEXTE)


# --- where templates are ------------------------------------------------------------------------------


def modeles_livres() -> Traversable:
    """The folder of the shipped templates: `actes62/templates` once installed, the repository's
    `templates/` in a source tree."""
    dossier = livre("templates", "templates", "deliberation.docx")
    if dossier is None:
        raise TemplateError("actes62/templates", "les modèles livrés avec actes62 sont introuvables")
    return dossier


def _source(genre: Genre, template: Path | None) -> tuple[bytes, str]:
    """The bytes of the template for `genre` and the name to give it in messages."""
    if template is None:
        fichier = modeles_livres().joinpath(f"{genre.modele}.docx")
        return fichier.read_bytes(), f"{genre.modele}.docx (livré avec actes62)"
    chemin = Path(template)
    if chemin.is_dir():
        inconnus = sorted(
            f.name for f in chemin.glob("*.docx") if f.stem not in _NOMS and not f.name.startswith("~$")
        )
        if inconnus:
            attendus = ", ".join(f"{nom}.docx" for nom in _NOMS)
            raise TemplateError(
                chemin, f"fichier(s) de modèle inconnu(s) : {', '.join(inconnus)} ; attendus : {attendus}"
            )
        if not (chemin / f"{genre.modele}.docx").is_file():
            return _source(genre, None)
        chemin = chemin / f"{genre.modele}.docx"
    try:
        return chemin.read_bytes(), str(chemin)
    except OSError as exc:
        raise TemplateError(chemin, f"illisible : {exc.strerror or exc}") from None


# --- a template -----------------------------------------------------------------------------------------


class Gabarit:
    """One DOCX template of a kind, loaded, checked and compiled once, rendered for many affaires.

    `template`: a .docx file, a folder holding `{genre}.docx` (the shipped template when it has
    none), or None for the shipped template. Raises TemplateError when the file is unreadable, not
    valid Jinja, or uses a name the context does not have.
    """

    def __init__(self, genre: DocumentKind | str, template: Path | None = None) -> None:
        try:
            self.genre = DocumentKind.de(genre)
        except ValueError as exc:
            raise GenerationError(str(exc)) from None
        donnees, self.nom = _source(self.genre, template)
        self.donnees = donnees  # the template file's bytes
        self._env = environnement(autoescape=True, typographie_francaise=True)
        self._modele = ModeleDocx(donnees, self._env, self.nom, env_texte=environnement(autoescape=False))
        self._verifier()

    def __repr__(self) -> str:
        return f"Gabarit({self.genre.modele!r}, {self.nom!r})"

    def _verifier(self) -> None:
        types_contexte = _types_contexte(self.genre)
        erreurs: list[str] = []
        for partie, arbre in self._modele.arbres(self._env):
            for nom in sorted(meta.find_undeclared_variables(arbre) - set(types_contexte)):
                proches = difflib.get_close_matches(nom, types_contexte, n=1)
                conseil = f" (vouliez-vous dire « {proches[0]} » ?)" if proches else ""
                erreurs.append(f"nom inconnu « {nom} »{conseil} ({_ou(partie)})")
            verification = _Verification(types_contexte)
            verification.instructions(arbre.body, {})
            erreurs += [f"{erreur} ({_ou(partie)})" for erreur in verification.erreurs]
        if erreurs:
            disponibles = ", ".join(sorted(types_contexte))
            raise TemplateError(
                self.nom, " ; ".join(dict.fromkeys(erreurs)) + f". Noms disponibles : {disponibles}"
            )

    def rendre(
        self,
        dossier: Dossier,
        affaire: Affaire,
        *,
        numero_annexe: int | None = None,
        publication: bool = False,
    ) -> bytes:
        """The DOCX of this kind for one affaire of the dossier (its free texts filled in first).

        For a budget annex, `numero_annexe` is its 1-based number among the affaire's annexes
        (default: the first budget annex). `publication`: the version for online publication."""
        rendue = rendre_affaire(dossier, affaire, publication=publication)
        contexte = contexte_document(dossier, rendue, self.genre, numero_annexe, publication=publication)
        return self.remplir(contexte, rendue)

    def remplir(self, contexte: Mapping[str, Any], affaire: Affaire) -> bytes:
        try:
            return self._modele.rendre(contexte)
        except jinja2.UndefinedError as exc:
            raise TemplateError(
                self.nom, f"affaire « {affaire.id} » : valeur absente ({exc.message})"
            ) from None
        except jinja2.TemplateError as exc:
            raise TemplateError(self.nom, f"affaire « {affaire.id} » : {exc.message or exc}") from None
        except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
            raise TemplateError(self.nom, f"affaire « {affaire.id} » : {exc}") from None


def contexte_document(
    dossier: Dossier,
    affaire: Affaire,
    genre: DocumentKind | str,
    numero_annexe: int | None,
    *,
    publication: bool = False,
) -> dict[str, Any]:
    """The names a template of this kind sees for an (already rendered) affaire; `publication`:
    for the version for online publication (`publication` true, personal data withdrawn)."""
    genre = DocumentKind.de(genre)
    contexte = contexte_affaire(dossier, affaire, publication=publication)
    if genre is DocumentKind.BUDGET:
        numero = numero_annexe if numero_annexe is not None else affaire.numero_annexe("budget")
        annexe = (
            affaire.annexes[numero - 1] if numero is not None and 0 < numero <= len(affaire.annexes) else None
        )
        if not isinstance(annexe, AnnexeBudget):
            quelle = f" n°{numero_annexe}" if numero_annexe is not None else ""
            raise GenerationError(f"affaire « {affaire.id} » : pas d'annexe budgétaire{quelle}")
        contexte.update(annexe=annexe, numero_annexe=numero)
    elif genre is DocumentKind.CONVENTION:
        if affaire.convention is None:
            raise GenerationError(f"affaire « {affaire.id} » : elle n'a pas de convention")
        contexte.update(numero_annexe=affaire.numero_annexe("convention"))
    return contexte


def _ou(partie: str) -> str:
    if partie == "word/document.xml":
        return "corps du document"
    if partie.startswith("docProps/core.xml:"):
        return f"propriété « {partie.split(':', 1)[1]} » du document"
    return f"partie {partie}"


# --- checking the names a template uses --------------------------------------------------------------

_Types = tuple[Any, ...]
"""What an expression may be: the possible classes; () when unknown (anything is accepted)."""


def _normaliser(annotation: Any) -> _Types:
    if annotation is Any or annotation is None or annotation is type(None):
        return ()
    origine = get_origin(annotation)
    if origine is typing.Annotated:
        return _normaliser(get_args(annotation)[0])
    if origine is typing.Union or origine is types.UnionType:
        membres: list[Any] = []
        for argument in get_args(annotation):
            if argument is not type(None):
                normalise = _normaliser(argument)
                if not normalise:
                    return ()
                membres += normalise
        return tuple(dict.fromkeys(membres))
    if origine is Literal:
        return (type(get_args(annotation)[0]),)
    return (annotation,)


def _union(a: _Types, b: _Types) -> _Types:
    return () if not a or not b else tuple(dict.fromkeys(a + b))


def _attribut_de(classe: Any, nom: str) -> _Types | None:
    """The type of `classe.nom`, () when it exists but is not typed, None when it does not exist."""
    cls = get_origin(classe) or classe
    if not isinstance(cls, type) or nom.startswith("_"):
        return () if isinstance(cls, type) and hasattr(cls, nom) else None
    if issubclass(cls, BaseModel) and nom in cls.model_fields:
        return _normaliser(cls.model_fields[nom].annotation)
    if issubclass(cls, Enum) and nom in ("name", "value"):
        return (str,)
    statique = inspect.getattr_static(cls, nom, None)
    if isinstance(statique, property) and statique.fget is not None:
        try:
            return _normaliser(typing.get_type_hints(statique.fget).get("return", Any))
        except (NameError, TypeError):
            return ()
    return () if statique is not None or hasattr(cls, nom) else None


def _element_de(possibles: _Types) -> _Types:
    """What iterating over (or indexing) a value of these types gives."""
    elements: list[Any] = []
    for classe in possibles:
        origine: Any = get_origin(classe)
        if origine in (list, tuple, set, frozenset) and get_args(classe):
            normalise = _normaliser(get_args(classe)[0])
        elif classe is str:
            normalise = (str,)
        else:
            normalise = ()
        if not normalise:
            return ()
        elements += normalise
    return tuple(dict.fromkeys(elements))


def _nom_type(classe: Any) -> str:
    origine = get_origin(classe)
    if origine is not None:
        return f"{origine.__name__}[…]"
    return getattr(classe, "__name__", str(classe))


def _texte(noeud: nodes.Node) -> str:
    if isinstance(noeud, nodes.Name):
        return noeud.name
    if isinstance(noeud, nodes.Getattr):
        return f"{_texte(noeud.node)}.{noeud.attr}"
    if isinstance(noeud, nodes.Getitem):
        return f"{_texte(noeud.node)}[…]"
    if isinstance(noeud, nodes.Call):
        return f"{_texte(noeud.node)}(…)"
    return "…"


@dataclass
class _Verification:
    """Walks a template's syntax tree, following the types of names through loops and `set`, and
    records each attribute that none of the possible model classes has."""

    types_contexte: dict[str, Any]

    def __post_init__(self) -> None:
        self.erreurs: list[str] = []

    def instructions(self, corps: Iterable[nodes.Node], portee: dict[str, _Types]) -> None:
        for noeud in corps:
            self.instruction(noeud, portee)

    def instruction(self, noeud: nodes.Node, portee: dict[str, _Types]) -> None:
        if isinstance(noeud, nodes.For):
            elements = _element_de(self.expression(noeud.iter, portee))
            interieur = dict(portee)
            self.lier(noeud.target, elements, interieur)
            interieur["loop"] = ()
            if noeud.test is not None:
                self.expression(noeud.test, interieur)
            self.instructions(noeud.body, interieur)
            self.instructions(noeud.else_, portee)
        elif isinstance(noeud, nodes.Assign):
            self.lier(noeud.target, self.expression(noeud.node, portee), portee)
        elif isinstance(noeud, nodes.Macro | nodes.CallBlock):
            interieur = dict(portee)
            for argument in noeud.args:
                interieur[argument.name] = ()
            for defaut in noeud.defaults:
                self.expression(defaut, portee)
            if isinstance(noeud, nodes.Macro):
                portee[noeud.name] = ()
            else:
                self.expression(noeud.call, portee)
            interieur.update(caller=(), varargs=(), kwargs=())
            self.instructions(noeud.body, interieur)
        elif isinstance(noeud, nodes.With):
            interieur = dict(portee)
            for cible, valeur in zip(noeud.targets, noeud.values, strict=False):
                self.lier(cible, self.expression(valeur, portee), interieur)
            self.instructions(noeud.body, interieur)
        else:
            for enfant in noeud.iter_child_nodes():
                if isinstance(enfant, nodes.Expr):
                    self.expression(enfant, portee)
                else:
                    self.instruction(enfant, portee)

    def lier(self, cible: nodes.Node, possibles: _Types, portee: dict[str, _Types]) -> None:
        if isinstance(cible, nodes.Name):
            portee[cible.name] = possibles
        else:
            for nom in cible.find_all(nodes.Name):
                portee[nom.name] = ()

    def expression(self, noeud: nodes.Node, portee: dict[str, _Types]) -> _Types:
        if isinstance(noeud, nodes.Name):
            if noeud.name in portee:
                return portee[noeud.name]
            return _normaliser(self.types_contexte.get(noeud.name, Any))
        if isinstance(noeud, nodes.Getattr):
            return self.attribut(self.expression(noeud.node, portee), noeud.attr, noeud)
        if isinstance(noeud, nodes.Getitem):
            possibles = self.expression(noeud.node, portee)
            self.expression(noeud.arg, portee)
            if isinstance(noeud.arg, nodes.Slice):
                return possibles
            if isinstance(noeud.arg, nodes.Const) and isinstance(noeud.arg.value, str):
                return self.attribut(possibles, noeud.arg.value, noeud)
            return _element_de(possibles)
        if isinstance(noeud, nodes.CondExpr):
            self.expression(noeud.test, portee)
            alors = self.expression(noeud.expr1, portee)
            sinon = self.expression(noeud.expr2, portee) if noeud.expr2 is not None else ()
            return _union(alors, sinon)
        if isinstance(noeud, nodes.Or):
            return _union(self.expression(noeud.left, portee), self.expression(noeud.right, portee))
        if isinstance(noeud, nodes.And):
            self.expression(noeud.left, portee)
            return self.expression(noeud.right, portee)
        for enfant in noeud.iter_child_nodes():
            if isinstance(enfant, nodes.Expr):
                self.expression(enfant, portee)
        return ()

    def attribut(self, possibles: _Types, nom: str, noeud: nodes.Node) -> _Types:
        if not possibles:
            return ()
        resultats: list[_Types] = []
        for classe in possibles:
            trouve = _attribut_de(classe, nom)
            if trouve is not None:
                resultats.append(trouve)
        if not resultats:
            classes = (
                _nom_type(possibles[0])
                if len(possibles) == 1
                else "aucun de " + ", ".join(_nom_type(c) for c in possibles)
            )
            candidats = {n for c in possibles for n in _attributs_publics(c)}
            proches = difflib.get_close_matches(nom, candidats, n=1)
            conseil = f", vouliez-vous dire « {proches[0]} » ?" if proches else ""
            self.erreurs.append(f"« {_texte(noeud)} » : {classes} n'a pas d'attribut « {nom} »{conseil}")
            return ()
        union = resultats[0]
        for autre in resultats[1:]:
            union = _union(union, autre)
        return union


def _attributs_publics(classe: Any) -> list[str]:
    cls = get_origin(classe) or classe
    if isinstance(cls, type) and issubclass(cls, BaseModel):
        return [*cls.model_fields, *(n for n, v in inspect.getmembers(cls) if isinstance(v, property))]
    return [n for n in dir(cls) if not n.startswith("_")] if isinstance(cls, type) else []


# --- documents and file names --------------------------------------------------------------------------
