"""Model → documents: the DOCX of each affaire (délibération, rapport, convention, budget annex),
and with `pdf=True` their PDF/A and the transmission PDF.

A `Gabarit` is one DOCX template (docxtpl: Jinja in Word) loaded, checked and compiled once, then
filled for as many affaires as needed. Templates are rendered in Jinja's sandbox with autoescape
(a text with « & » or « < » stays intact) and undefined names refused. A template's names are
checked before anything is written: every name must exist in the context, and every attribute of a
model object must be one of its fields or properties, so that a misspelt `{{ affaire.titr }}` is
reported with the template's file instead of failing in the middle of a séance.

The shipped templates live in the top-level `templates/` folder, packaged as `actes62.templates`;
a collectivité can pass its own `.docx` (or a folder of them, named after the kinds).
"""

from __future__ import annotations

import difflib
import inspect
import os
import shutil
import tempfile
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import jinja2
from jinja2 import meta, nodes
from pydantic import BaseModel

from actes62 import pdf as pdf_
from actes62._docx import ModeleDocx
from actes62.errors import FichierExistant, GenerationError, TemplateError
from actes62.model import (
    Affaire,
    Annexe,
    AnnexeBudget,
    AnnexeConvention,
    AnnexeDocument,
    Beneficiaire,
    Collectivite,
    Convention,
    Deliberation,
    Dossier,
    Imputation,
    Rapport,
    Seance,
)
from actes62.textes import contexte_affaire, environnement, rendre_affaire

__all__ = [
    "GENRES",
    "Gabarit",
    "Genre",
    "generer",
    "modeles_livres",
    "nom_fichier",
    "render_document",
]

Genre = Literal["deliberation", "rapport", "convention", "annexe_budget"]
GENRES: tuple[Genre, ...] = ("deliberation", "rapport", "convention", "annexe_budget")
"""The kinds of document, in the order they are written for an affaire."""

_TYPES_CONTEXTE: dict[str, Any] = {
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


def _types_contexte(genre: Genre) -> dict[str, Any]:
    return {**_TYPES_CONTEXTE, **(_TYPES_ANNEXE if genre == "annexe_budget" else {})}


# --- where templates are ------------------------------------------------------------------------------


def modeles_livres() -> Traversable:
    """The folder of the shipped templates: the package `actes62.templates`.

    While the package is not mapped (a source tree not yet installed with the mapping), the
    repository's `templates/` next to `src/` is found from the `actes62` package, never from the
    working directory.
    """
    try:
        dossier = resources.files("actes62.templates")
        if dossier.joinpath("deliberation.docx").is_file():
            return dossier
    except ModuleNotFoundError:
        pass
    paquet = resources.files("actes62")
    if isinstance(paquet, Path):
        depot = paquet.parent.parent / "templates"
        if (depot / "deliberation.docx").is_file():
            return depot
    raise TemplateError("actes62.templates", "les modèles livrés avec actes62 sont introuvables")


def _source(genre: Genre, template: Path | None) -> tuple[bytes, str]:
    """The bytes of the template for `genre` and the name to give it in messages."""
    if template is None:
        fichier = modeles_livres().joinpath(f"{genre}.docx")
        return fichier.read_bytes(), f"{genre}.docx (livré avec actes62)"
    chemin = Path(template)
    if chemin.is_dir():
        inconnus = sorted(
            f.name for f in chemin.glob("*.docx") if f.stem not in GENRES and not f.name.startswith("~$")
        )
        if inconnus:
            attendus = ", ".join(f"{g}.docx" for g in GENRES)
            raise TemplateError(
                chemin, f"fichier(s) de modèle inconnu(s) : {', '.join(inconnus)} ; attendus : {attendus}"
            )
        if not (chemin / f"{genre}.docx").is_file():
            return _source(genre, None)
        chemin = chemin / f"{genre}.docx"
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

    def __init__(self, genre: Genre, template: Path | None = None) -> None:
        if genre not in GENRES:
            raise GenerationError(f"type de document inconnu : « {genre} » (attendus : {', '.join(GENRES)})")
        self.genre: Genre = genre
        donnees, self.nom = _source(genre, template)
        self._env = environnement(autoescape=True)
        self._modele = ModeleDocx(donnees, self._env, self.nom, env_texte=environnement(autoescape=False))
        self._verifier()

    def __repr__(self) -> str:
        return f"Gabarit({self.genre!r}, {self.nom!r})"

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

    def rendre(self, dossier: Dossier, affaire: Affaire, *, numero_annexe: int | None = None) -> bytes:
        """The DOCX of this kind for one affaire of the dossier (its free texts filled in first).

        For a budget annex, `numero_annexe` is its 1-based number among the affaire's annexes
        (default: the first budget annex)."""
        rendue = rendre_affaire(dossier, affaire)
        return self._remplir(_contexte(dossier, rendue, self.genre, numero_annexe), rendue)

    def _remplir(self, contexte: Mapping[str, Any], affaire: Affaire) -> bytes:
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


def _contexte(dossier: Dossier, affaire: Affaire, genre: Genre, numero_annexe: int | None) -> dict[str, Any]:
    """The names a template of this kind sees for an (already rendered) affaire."""
    contexte = contexte_affaire(dossier, affaire)
    if genre == "annexe_budget":
        numero = numero_annexe if numero_annexe is not None else affaire.numero_annexe("budget")
        annexe = (
            affaire.annexes[numero - 1] if numero is not None and 0 < numero <= len(affaire.annexes) else None
        )
        if not isinstance(annexe, AnnexeBudget):
            quelle = f" n°{numero_annexe}" if numero_annexe is not None else ""
            raise GenerationError(f"affaire « {affaire.id} » : pas d'annexe budgétaire{quelle}")
        contexte.update(annexe=annexe, numero_annexe=numero)
    elif genre == "convention" and affaire.convention is None:
        raise GenerationError(f"affaire « {affaire.id} » : elle n'a pas de convention")
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


def nom_fichier(
    affaire: Affaire, genre: Genre, numero_annexe: int | None = None, extension: str = "docx"
) -> str:
    """`{affaire.id}_{numéro de délibération}_{genre}.docx`; a budget annex says its number:
    `lianes-2025_2025-344_annexe3_budget.docx`."""
    prefixe = f"{affaire.id}_{affaire.deliberation.numero}"
    if genre == "annexe_budget":
        numero = numero_annexe if numero_annexe is not None else affaire.numero_annexe("budget")
        return f"{prefixe}_annexe{numero}_budget.{extension}"
    return f"{prefixe}_{genre}.{extension}"


def nom_transmission(affaire: Affaire) -> str:
    """`{affaire.id}_{numéro}_transmission.pdf`: the délibération and its annexes in one PDF."""
    return f"{affaire.id}_{affaire.deliberation.numero}_transmission.pdf"


def render_document(
    dossier: Dossier,
    affaire: Affaire,
    kind: Genre,
    destination: Path | None = None,
    template: Path | None = None,
) -> bytes:
    """The DOCX of one kind for one affaire; also written to `destination` (atomically) if given.

    `template`: a collectivité's own .docx, a folder of them, or None for the shipped one."""
    donnees = Gabarit(kind, template).rendre(dossier, affaire)
    if destination is not None:
        _ecrire_atomique(Path(destination), donnees)
    return donnees


@dataclass(frozen=True)
class _Document:
    affaire: Affaire
    genre: Genre
    numero_annexe: int | None
    nom: str


def _documents(dossier: Dossier, genres: Sequence[Genre]) -> list[_Document]:
    documents = []
    for affaire in dossier.affaires:
        for genre in genres:
            if genre == "convention" and affaire.convention is None:
                continue
            if genre == "annexe_budget":
                for numero, annexe in enumerate(affaire.annexes, start=1):
                    if isinstance(annexe, AnnexeBudget):
                        documents.append(
                            _Document(affaire, genre, numero, nom_fichier(affaire, genre, numero))
                        )
                continue
            documents.append(_Document(affaire, genre, None, nom_fichier(affaire, genre)))
    return documents


def generer(
    dossier: Dossier,
    sortie: Path,
    *,
    force: bool = False,
    kinds: Iterable[str] | None = None,
    templates: Path | None = None,
    pdf: bool = False,
    racine: Path | None = None,
) -> list[Path]:
    """Write the documents of every affaire into `sortie`; returns the files written, by affaire.

    DOCX of each kind (`kinds`, default all; no convention file for an affaire without one, one
    file per budget annex). With `pdf`, also the PDF/A of each (one LibreOffice run for the
    whole dossier) and `{id}_{numéro}_transmission.pdf`: the délibération, its annexes in order
    (an annex `document` is joined when its `fichier` is a PDF found relative to `racine`, default
    the working directory) and the rapport, with a bookmark each.

    Nothing is written unless everything succeeds: existing files are refused (FichierExistant)
    before any work unless `force`; documents are made in a temporary folder inside `sortie`, then
    each is moved into place, and the temporary folder is removed whatever happens.
    """
    genres = _genres(kinds)
    if templates is not None and Path(templates).is_file() and len(genres) > 1:
        raise TemplateError(
            templates,
            "un dossier de modèles est attendu (deliberation.docx, rapport.docx…), pas un seul fichier",
        )
    gabarits = {genre: Gabarit(genre, templates) for genre in genres}
    documents = _documents(dossier, genres)
    noms = [document.nom for document in documents]
    if pdf:
        pdf_.trouver_soffice()
        noms += [Path(nom).with_suffix(".pdf").name for nom in noms]
        if "deliberation" in genres:
            noms += [nom_transmission(affaire) for affaire in dossier.affaires]
    sortie = Path(sortie)
    if not force:
        for nom in noms:
            if (sortie / nom).exists():
                raise FichierExistant(sortie / nom)
    sortie.mkdir(parents=True, exist_ok=True)
    atelier = Path(tempfile.mkdtemp(prefix=".actes62-", dir=sortie))
    try:
        produits = _produire(dossier, gabarits, documents, atelier, pdf=pdf, racine=racine)
        ecrits = []
        for affaire in dossier.affaires:
            for nom in produits.get(affaire.id, []):
                os.replace(atelier / nom, sortie / nom)
                ecrits.append(sortie / nom)
        return ecrits
    finally:
        shutil.rmtree(atelier, ignore_errors=True)


def _genres(kinds: Iterable[str] | None) -> list[Genre]:
    if kinds is None:
        return list(GENRES)
    demandes = list(kinds)
    inconnus = [k for k in demandes if k not in GENRES]
    if inconnus:
        raise GenerationError(
            f"type(s) de document inconnu(s) : {', '.join(inconnus)} (attendus : {', '.join(GENRES)})"
        )
    return [genre for genre in GENRES if genre in demandes]


def _produire(
    dossier: Dossier,
    gabarits: Mapping[Genre, Gabarit],
    documents: Sequence[_Document],
    atelier: Path,
    *,
    pdf: bool,
    racine: Path | None,
) -> dict[str, list[str]]:
    """Make every file in `atelier`; returns the file names of each affaire, in order."""
    produits: dict[str, list[str]] = {}
    rendues: dict[str, Affaire] = {}
    for document in documents:
        affaire = document.affaire
        if affaire.id not in rendues:
            rendues[affaire.id] = rendre_affaire(dossier, affaire)
        rendue = rendues[affaire.id]
        contexte = _contexte(dossier, rendue, document.genre, document.numero_annexe)
        (atelier / document.nom).write_bytes(gabarits[document.genre]._remplir(contexte, rendue))
        produits.setdefault(affaire.id, []).append(document.nom)
    if not pdf or not documents:
        return produits
    pdfs = pdf_.convertir_pdf([atelier / d.nom for d in documents], atelier)
    par_nom = {chemin.name: chemin for chemin in pdfs}
    for document in documents:
        produits[document.affaire.id].append(Path(document.nom).with_suffix(".pdf").name)
    for affaire in dossier.affaires:
        pieces = _pieces(rendues.get(affaire.id, affaire), par_nom, racine)
        if pieces:
            destination = atelier / nom_transmission(affaire)
            pdf_.assembler(affaire, pieces, destination, dossier.collectivite)
            produits.setdefault(affaire.id, []).append(destination.name)
    return produits


def _pieces(affaire: Affaire, pdfs: Mapping[str, Path], racine: Path | None) -> list[tuple[str, Path]]:
    """The transmission PDF's parts in order: délibération, annexes, rapport (what exists of them)."""
    deliberation = pdfs.get(nom_fichier(affaire, "deliberation", extension="pdf"))
    if deliberation is None:
        return []
    pieces = [(f"Délibération n°{affaire.deliberation.numero}", deliberation)]
    for numero, annexe in enumerate(affaire.annexes, start=1):
        fichier: Path | None = None
        if isinstance(annexe, AnnexeConvention):
            fichier = pdfs.get(nom_fichier(affaire, "convention", extension="pdf"))
        elif isinstance(annexe, AnnexeBudget):
            fichier = pdfs.get(nom_fichier(affaire, "annexe_budget", numero, extension="pdf"))
        elif isinstance(annexe, AnnexeDocument) and annexe.fichier:
            candidat = (racine or Path.cwd()) / annexe.fichier
            fichier = candidat if candidat.is_file() and candidat.suffix.lower() == ".pdf" else None
        if fichier is not None:
            pieces.append((f"Annexe {numero} – {annexe.titre}", fichier))
    rapport = pdfs.get(nom_fichier(affaire, "rapport", extension="pdf"))
    if rapport is not None:
        pieces.append((f"Rapport n°{affaire.rapport.numero}", rapport))
    return pieces


def _ecrire_atomique(destination: Path, donnees: bytes) -> None:
    """Write through a temporary file of the same folder, then rename: never a partial file."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    descripteur, temporaire = tempfile.mkstemp(prefix=f".{destination.name}.", dir=destination.parent)
    try:
        with os.fdopen(descripteur, "wb") as fichier:
            fichier.write(donnees)
        os.chmod(temporaire, 0o644)
        os.replace(temporaire, destination)
    except BaseException:
        Path(temporaire).unlink(missing_ok=True)
        raise
