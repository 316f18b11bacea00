"""The facts of a document: what it states, typed, with its role, its place and the words around it.

A fact is data: `sorte` (an amount, a date, a cited act, a person…), `role` (the subsidy granted,
the CP, a line of a budget table, the date of the séance, the representative of the bénéficiaire…),
`valeur` (a Decimal, a date, an int, a str, or one of the small records below) and `lieu` (file,
kind of act, place, the words around it). `audit` compares facts with facts; `actes62 audit
--faits` prints them so that a clerk sees what was understood.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from actes62.checks.findings import Location
from actes62.identify import DocumentKind

__all__ = [
    "ActeCite",
    "DocumentFaits",
    "Fait",
    "LigneTableau",
    "Periode",
    "Personne",
    "Role",
    "Sorte",
    "Tableau",
    "Valeur",
]


class Sorte(StrEnum):
    """What kind of fact; the value is the French word printed by `audit --faits`."""

    NUMERO = "numéro"
    TITRE = "titre"
    MONTANT = "montant"
    EN_LETTRES = "montant en lettres"
    POURCENTAGE = "pourcentage"
    DATE = "date"
    PERIODE = "période"
    ACTE_CITE = "acte cité"
    ANNEXE = "annexe"
    SIRET = "SIRET"
    BENEFICIAIRE = "bénéficiaire"
    PERSONNE = "personne"
    VOTE = "vote"
    PRESENCE = "présence"
    IDENTIFIANT_ACTES = "identifiant ACTES"
    DATE_IMPOSSIBLE = "date impossible"
    TABLEAU = "tableau"


class Role(StrEnum):
    """The role of a fact in its document (French label)."""

    # amounts
    SUBVENTION = "subvention attribuée"
    CP = "crédits de paiement"
    DISPONIBLE = "disponible"
    PROPOSITION = "proposition"
    SOLDE = "solde"
    LIGNE = "ligne de tableau"
    TOTAL = "total de tableau"
    COUT_TOTAL = "coût total ou budget prévisionnel"
    VERSEMENT = "versement"
    CITE = "seuil, plafond ou prix cité"
    AUTRE = "autre montant"
    ECRIT = "tel qu'écrit"
    ACTE = "acte transmis"
    # numbers
    DELIBERATION = "délibération"
    RAPPORT = "rapport"
    # dates
    SEANCE = "séance"
    AVIS = "avis de la commission"
    ECHEANCE = "échéance"
    REALISATION = "période de réalisation"
    # cited acts
    VISA = "acte cité"
    AUTORISATION = "délibération autorisant la signature"
    # annexes
    REFERENCE = "annexe citée"
    MARQUE = "marque de l'annexe"
    # parties and people
    COLLECTIVITE = "collectivité"
    BENEFICIAIRE = "bénéficiaire"
    REPRESENTANT_COLLECTIVITE = "représentant de la collectivité"
    REPRESENTANT_BENEFICIAIRE = "représentant du bénéficiaire"
    SIGNATAIRE_COLLECTIVITE = "signataire pour la collectivité"
    SIGNATAIRE_BENEFICIAIRE = "signataire pour le bénéficiaire"
    SIGNATAIRE = "signataire de l'acte"
    # séance
    POUR = "pour"
    CONTRE = "contre"
    ABSTENTION = "abstention"
    NE_PREND_PAS_PART = "ne prend pas part au vote"
    PRESENTS = "présents"
    EXCUSES = "excusés"
    POUVOIRS = "pouvoirs"
    PRESIDENT_SEANCE = "président de séance"
    SECRETAIRE_SEANCE = "secrétaire de séance"
    # tables
    BUDGET = "tableau de montants"
    IMPUTATION = "tableau d'imputation"


@dataclass(frozen=True)
class ActeCite:
    """An act cited: « délibération n°2022-11 du Conseil départemental en date du 24/01/2022
    « L'ouverture au monde… » »."""

    nature: str  # « délibération », « loi », « décret »… (folded)
    numero: str | None
    instance: str | None  # « commission permanente », « conseil départemental »… (folded)
    date: date | None
    titre: str | None


@dataclass(frozen=True)
class Periode:
    debut: date
    fin: date


@dataclass(frozen=True)
class Personne:
    nom: str
    qualite: str | None = None
    civilite: str | None = None  # « M. » or « Mme », when the document writes one


@dataclass(frozen=True)
class LigneTableau:
    """A row of a table of amounts: label, amount, percentage (when written), where each is."""

    libelle: str
    montant: Decimal
    lieu: Location
    pourcentage: Decimal | None = None
    lieu_pourcentage: Location | None = None
    sous_total: bool = False


@dataclass(frozen=True)
class Tableau:
    """A table of amounts read by its content: rows of label + amount (+ %), then a total row;
    a table with several totals (dépenses, then ressources) is one `Tableau` per total."""

    titre: str
    lignes: tuple[LigneTableau, ...]
    total: LigneTableau | None


Valeur = Decimal | date | int | str | ActeCite | Periode | Personne | Tableau | tuple[Decimal, Decimal]


@dataclass(frozen=True)
class Fait:
    """One fact of a document."""

    sorte: Sorte
    role: Role
    valeur: Valeur
    lieu: Location
    ecrit: str = ""  # the words as written
    cle: str | None = None  # what ties facts of one row together (an imputation's code opération)

    def valeur_texte(self) -> str:
        """The value, normalised as the findings give it (9380.00, 2025-09-15, 31.98…)."""
        return texte_valeur(self.valeur)


def texte_valeur(valeur: object) -> str:
    """A value as findings give it: amounts with two decimals, dates in ISO form."""
    if isinstance(valeur, Decimal):
        return f"{valeur:.2f}"
    if isinstance(valeur, date):
        return valeur.isoformat()
    if isinstance(valeur, Personne):
        return valeur.nom
    if isinstance(valeur, ActeCite):
        return valeur.date.isoformat() if valeur.date else (valeur.numero or valeur.nature)
    if isinstance(valeur, Periode):
        return f"{valeur.debut.isoformat()}/{valeur.fin.isoformat()}"
    if isinstance(valeur, Tableau):
        return valeur.titre
    if isinstance(valeur, tuple):
        return " / ".join(texte_valeur(v) for v in valeur)
    return str(valeur)


@dataclass(frozen=True)
class DocumentFaits:
    """A document (or one act of a transmission PDF) and the facts it states. `lisible` is False
    for a document with no text to read (a scan without a text layer, an empty file). `ecrits`
    holds every amount and date its text writes, whatever their role (role `ECRIT`, in reading
    order): what the PDF of an act and its DOCX must both write."""

    chemin: Path
    genre: DocumentKind | None
    faits: tuple[Fait, ...]
    partie: str | None = None
    lisible: bool = True
    raison: str | None = None  # why it could not be read
    indices: dict[str, str] = field(default_factory=dict)
    ecrits: tuple[Fait, ...] = ()

    @property
    def nom(self) -> str:
        return f"{self.chemin}" + (f" « {self.partie} »" if self.partie else "")

    def de(self, sorte: Sorte, *roles: Role) -> Iterator[Fait]:
        """The facts of one kind (and of one of `roles`, when given)."""
        for fait in self.faits:
            if fait.sorte is sorte and (not roles or fait.role in roles):
                yield fait
