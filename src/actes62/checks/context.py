"""What every rule reads: the dossier, its affaires with their texts rendered, the documents read
and identified, the reference data, and how to name a place of the dossier.

A rule yields `Draft`s (message, location, values); the table gives them their code and severity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from actes62.checks.attendus import Modeles, rendu_attendu
from actes62.checks.findings import Location, excerpt
from actes62.checks.reference import Reference
from actes62.faits.trouves import FaitsDocument, Trouve, trouves
from actes62.formats import trouver_dates, trouver_en_lettres, trouver_montants
from actes62.identify import DocumentKind, Identification
from actes62.load import chemin_lisible
from actes62.model import (
    Affaire,
    AnnexeBudget,
    Dossier,
    Personne,
    Visa,
    VisaActe,
    VisaTexte,
    arrondi_centimes,
)
from actes62.read import ReadDocument

__all__ = [
    "Champ",
    "Context",
    "DocumentRejete",
    "Draft",
    "FaitsDocument",
    "IdentifiedDocument",
    "TexteLibre",
    "Trouve",
    "chemin_lisible",
    "cle_personne",
    "meme_personne",
]

_V = TypeVar("_V")

Champ = tuple[int | str, ...]
"""A field path in the dossier: ("affaires", 0, "deliberation", "vote", "pour")."""


@dataclass(frozen=True)
class Draft:
    """A finding before the table gives it its code and severity."""

    message: str
    location: Location
    values: Mapping[str, str] = field(default_factory=dict)
    related: tuple[Location, ...] = ()


def partie_visa(rang: int) -> str:
    """The place of a cited act in its list: « visa 3 »; number 0 is the convention's authorising act."""
    return f"visa {rang}" if rang else "autorisation du signataire"


def _chiffres_declares(affaire: Affaire) -> set[Decimal]:
    """The figures an affaire declares besides its imputations: instalments, plan de financement
    (expenses, resources, costs, cap), AP, and amounts cited for a stated reason."""
    chiffres = {cite.montant for cite in affaire.montants_cites}
    chiffres |= {
        i.autorisation_programme for i in affaire.imputations if i.autorisation_programme is not None
    }
    if affaire.convention is not None:
        chiffres |= {v.montant_sur(affaire.montant) for v in affaire.convention.versements}
    plan = affaire.financement
    if plan is not None:
        chiffres |= {ligne.montant for ligne in plan.depenses} | {r.montant for r in plan.ressources}
        chiffres |= {plan.total_depenses, plan.total_ressources}
        chiffres |= {c for c in (plan.cout_total_ht, plan.cout_total_ttc) if c is not None}
        if plan.plafond is not None and plan.plafond.montant is not None:
            chiffres.add(plan.plafond.montant)
        if plan.plafond is not None and plan.plafond.taux is not None:
            chiffres.add(arrondi_centimes(plan.base_plafond() * plan.plafond.taux / 100))
    return chiffres


@dataclass(frozen=True)
class TexteLibre:
    """A free text of an affaire (rendered), with the act it belongs to and its place."""

    kind: str  # « délibération », « rapport », « convention », « annexe 3 », « affaire »
    part: str  # « article 2 », « exposé, paragraphe 1 », « proposition 2 »…
    champ: Champ
    texte: str


@dataclass(frozen=True)
class IdentifiedDocument:
    """A document read, the kind of act it is, the affaire it belongs to and the facts it states."""

    document: ReadDocument
    identification: Identification
    kind: DocumentKind
    affaire: Affaire  # rendered
    index: int  # the affaire's index in the dossier
    faits: FaitsDocument
    annexe: AnnexeBudget | None = None  # for a budget annex document: the annex it shows

    @property
    def chemin(self) -> Path:
        return self.document.path

    @property
    def affaire_id(self) -> str | None:
        return self.affaire.id

    @property
    def genre(self) -> str:
        return self.kind.value


@dataclass(frozen=True)
class DocumentRejete:
    """A document that could not be read (`illisible`) or tied to an affaire; `partie` is the
    bookmark of the part of a PDF, when only that part is set aside."""

    chemin: Path
    raison: str
    illisible: bool = False
    kind: DocumentKind | None = None
    partie: str | None = None


def cle_personne(personne: Personne) -> tuple[str, str]:
    """What tells one person from another: first name and name, whatever the case (the civilité
    may be written either way)."""
    return (personne.prenom.casefold(), personne.nom.casefold())


def meme_personne(a: Personne, b: Personne) -> bool:
    """Same first name and name, whatever the case (the civilité may be written either way)."""
    return cle_personne(a) == cle_personne(b)


@dataclass(frozen=True)
class Context:
    dossier: Dossier
    affaires: tuple[Affaire, ...]  # texts rendered; the original where rendering failed
    reference: Reference
    documents: tuple[IdentifiedDocument, ...] = ()
    rejetes: tuple[DocumentRejete, ...] = ()
    textes_non_rendus: tuple[tuple[int, str, Champ], ...] = ()  # (affaire index, message, field)
    fichier: str = "dossier"
    ligne: Callable[[Champ], int | None] = field(default=lambda champ: None)
    modeles: Modeles = field(default_factory=Modeles)
    _rendus: dict[tuple[int, DocumentKind, int], tuple[ReadDocument, FaitsDocument]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def rendu(self, document: IdentifiedDocument) -> tuple[ReadDocument, FaitsDocument]:
        """What the templates write for this document's affaire and kind, read back, and the
        facts it states (cached: the parts of one PDF share their affaire's renders)."""
        cle = (document.index, document.kind, id(document.annexe))
        if cle not in self._rendus:
            rendu = rendu_attendu(
                self.modeles, self.dossier, document.affaire, document.kind, document.annexe
            )
            self._rendus[cle] = (rendu, trouves(rendu))
        return self._rendus[cle]

    # --- places in the dossier ---

    def lieu(
        self,
        champ: Champ,
        *,
        affaire: int | None = None,
        kind: str | None = None,
        part: str | None = None,
        texte: str | None = None,
        debut: int = 0,
        fin: int | None = None,
    ) -> Location:
        """The location of a dossier field, with its line when the dossier file is known."""
        return Location(
            file=self.fichier,
            line=self.ligne(champ),
            affaire=self.affaires[affaire].id if affaire is not None else None,
            kind=kind,
            part=part,
            field=chemin_lisible(champ),
            text=excerpt(texte, debut, fin) if texte is not None else None,
        )

    # --- the free texts ---

    def lieu_texte(self, affaire: int, texte: TexteLibre, debut: int = 0, fin: int | None = None) -> Location:
        """The location of `texte[debut:fin]` in a free text of the affaire at index `affaire`."""
        return self.lieu(
            texte.champ,
            affaire=affaire,
            kind=texte.kind,
            part=texte.part,
            texte=texte.texte,
            debut=debut,
            fin=fin,
        )

    def textes(self, index: int) -> list[TexteLibre]:
        return self._textes[index]

    @cached_property
    def _textes(self) -> list[list[TexteLibre]]:
        return [list(_textes_libres(affaire, i)) for i, affaire in enumerate(self.affaires)]

    # --- the figures and dates the documents may cite ---

    def chiffres(self, index: int) -> frozenset[Decimal]:
        """The affaire's figures: montant, imputation figures (CP, disponible, proposition, solde),
        budget annex lines and total."""
        return self._chiffres[index]

    def montants_connus(self, index: int) -> frozenset[Decimal]:
        """The amounts a document of the affaire may state: its figures, every amount of its model
        (and of the collectivité and the séance), and every amount (in digits or in words) its
        strings cite — free texts, addresses, titles, budget lines."""
        return self._connus[index][1]

    def dates_connues(self, index: int) -> frozenset[date]:
        """The dates a document of the affaire may state: every date of its model (avis, visas,
        convention, accusé de réception) and of the séance, and every date its strings cite."""
        return self._connus[index][0]

    @cached_property
    def _chiffres(self) -> list[frozenset[Decimal]]:
        resultat = []
        for affaire in self.affaires:
            connus: set[Decimal] = {affaire.montant}
            for imputation in affaire.imputations:
                connus |= {
                    imputation.credits_paiement,
                    imputation.disponible,
                    imputation.proposition,
                    imputation.solde,
                }
            for annexe in affaire.annexes:
                if isinstance(annexe, AnnexeBudget):
                    connus |= {ligne.montant for ligne in annexe.lignes}
                    connus.add(annexe.total)
            connus |= _chiffres_declares(affaire)
            resultat.append(frozenset(connus))
        return resultat

    @cached_property
    def _connus(self) -> list[tuple[frozenset[date], frozenset[Decimal]]]:
        """(dates, amounts) known for each affaire: indexed once, each affaire's own facts with
        the séance-wide ones (collectivité, séance)."""
        dates_seance, montants_seance = _faits_connus(self.dossier.collectivite, self.dossier.seance)
        resultat = []
        for i, affaire in enumerate(self.affaires):
            dates, montants = _faits_connus(affaire)
            resultat.append((dates_seance | dates, montants_seance | montants | self._chiffres[i]))
        return resultat

    @cached_property
    def dates_des_actes(
        self,
    ) -> tuple[dict[str, frozenset[date]], dict[tuple[int, str], dict[str, frozenset[date]]]]:
        """The dates given to each cited act number: in the whole dossier (the séance's own
        délibérations at the séance date), and by (affaire index, act kind) citing it."""
        toutes: dict[str, set[date]] = {}
        propres: dict[tuple[int, str], dict[str, set[date]]] = {}
        for i, kind, _, _, visa in self.visas_actes():
            if visa.numero is not None:
                toutes.setdefault(visa.numero, set()).add(visa.date)
                propres.setdefault((i, kind), {}).setdefault(visa.numero, set()).add(visa.date)
        seance = {
            affaire.deliberation.numero: frozenset({self.dossier.seance.date}) for affaire in self.affaires
        }
        return (
            {**{n: frozenset(d) for n, d in toutes.items()}, **seance},
            {
                cle: {n: frozenset(d) for n, d in actes.items() if n not in seance}
                for cle, actes in propres.items()
            },
        )

    def visas_actes(self) -> Iterator[tuple[int, str, Champ, int, VisaActe]]:
        """Every cited act: (affaire index, « délibération »/« convention », field, visa number, visa);
        the convention's `autorisation` (the act that authorises its signatory) is number 0."""
        for i, affaire in enumerate(self.affaires):
            sources: list[tuple[str, str, Sequence[Visa]]] = [
                ("délibération", "deliberation", affaire.deliberation.visas)
            ]
            if affaire.convention is not None:
                sources.append(("convention", "convention", affaire.convention.visas))
            for kind, cle, visas in sources:
                for rang, visa in enumerate(visas):
                    if isinstance(visa, VisaActe):
                        yield i, kind, ("affaires", i, cle, "visas", rang), rang + 1, visa
            if affaire.convention is not None and affaire.convention.autorisation is not None:
                champ: Champ = ("affaires", i, "convention", "autorisation")
                yield i, "convention", champ, 0, affaire.convention.autorisation


def _valeurs(objet: object) -> tuple[set[str], set[date], set[Decimal]]:
    """Every string, date and amount of a model object, through its lists and sub-objects."""
    chaines: set[str] = set()
    dates: set[date] = set()
    montants: set[Decimal] = set()
    pile = [objet]
    while pile:
        valeur = pile.pop()
        if isinstance(valeur, str):
            chaines.add(valeur)
        elif isinstance(valeur, BaseModel):
            pile.extend(getattr(valeur, nom) for nom in type(valeur).model_fields)
        elif isinstance(valeur, list | tuple):
            pile.extend(valeur)
        elif isinstance(valeur, date):
            dates.add(valeur)
        elif isinstance(valeur, Decimal):
            montants.add(valeur)
    return chaines, dates, montants


_CHIFFRE = re.compile(r"\d")


def _faits_connus(*objets: object) -> tuple[frozenset[date], frozenset[Decimal]]:
    """The dates and amounts of model objects: their own, and those their strings cite (in digits
    or in words)."""
    chaines, dates, montants = _valeurs(objets)
    for chaine in chaines:
        if _CHIFFRE.search(chaine) is not None:
            dates.update(jour for _, _, jour in trouver_dates(chaine))
            montants.update(montant for _, _, montant in trouver_montants(chaine))
        minuscules = chaine.lower()
        if "euro" in minuscules or "centime" in minuscules:
            montants.update(montant for _, _, montant in trouver_en_lettres(chaine))
    return frozenset(dates), frozenset(montants)


def _textes_libres(affaire: Affaire, i: int) -> Iterator[TexteLibre]:
    base: Champ = ("affaires", i)
    yield TexteLibre("affaire", "titre", (*base, "titre"), affaire.titre)
    rapport = affaire.rapport
    for rang, texte in enumerate(rapport.expose):
        yield TexteLibre(
            "rapport", f"exposé, paragraphe {rang + 1}", (*base, "rapport", "expose", rang), texte
        )
    for rang, texte in enumerate(rapport.propositions):
        yield TexteLibre(
            "rapport", f"proposition {rang + 1}", (*base, "rapport", "propositions", rang), texte
        )
    deliberation = affaire.deliberation
    for rang, visa in enumerate(deliberation.visas):
        if isinstance(visa, VisaTexte):
            yield TexteLibre(
                "délibération",
                f"visa {rang + 1}",
                (*base, "deliberation", "visas", rang, "texte"),
                visa.texte,
            )
    for rang, article in enumerate(deliberation.articles):
        for numero, texte in enumerate(article.paragraphes):
            champ: Champ = (*base, "deliberation", "articles", rang, "paragraphes", numero)
            yield TexteLibre("délibération", f"article {rang + 1}, paragraphe {numero + 1}", champ, texte)
    convention = affaire.convention
    if convention is not None:
        yield TexteLibre("convention", "objet", (*base, "convention", "objet"), convention.objet)
        for rang, visa in enumerate(convention.visas):
            if isinstance(visa, VisaTexte):
                champ = (*base, "convention", "visas", rang, "texte")
                yield TexteLibre("convention", f"visa {rang + 1}", champ, visa.texte)
        for rang, texte in enumerate(convention.preambule):
            yield TexteLibre(
                "convention",
                f"préambule, paragraphe {rang + 1}",
                (*base, "convention", "preambule", rang),
                texte,
            )
        for rang, article in enumerate(convention.articles):
            if article.titre:
                champ = (*base, "convention", "articles", rang, "titre")
                yield TexteLibre("convention", f"article {rang + 1}, titre", champ, article.titre)
            for numero, texte in enumerate(article.paragraphes):
                champ = (*base, "convention", "articles", rang, "paragraphes", numero)
                yield TexteLibre("convention", f"article {rang + 1}, paragraphe {numero + 1}", champ, texte)
    for rang, annexe in enumerate(affaire.annexes):
        kind = f"annexe {rang + 1}"
        yield TexteLibre(kind, "titre", (*base, "annexes", rang, "titre"), annexe.titre)
        if isinstance(annexe, AnnexeBudget):
            if annexe.note:
                yield TexteLibre(kind, "note", (*base, "annexes", rang, "note"), annexe.note)
            for numero, ligne in enumerate(annexe.lignes):
                champ = (*base, "annexes", rang, "lignes", numero, "intitule")
                yield TexteLibre(kind, f"ligne {numero + 1}", champ, ligne.intitule)
