"""Everything a document states, found once, before roles: every amount (with or without « € »),
date, SIRET, amount in words (beside its digits, or alone), impossible date, percentage, vote
count, result and ACTES identifier, each where it is written. `check` compares these with the
values the dossier knows; `lecture` gives facts their role for `audit`.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from actes62.checks.findings import Location, excerpt
from actes62.faits.lecture import imputations
from actes62.faits.modele import Fait
from actes62.faits.phrases import (
    EnLettres,
    dates_impossibles,
    en_lettres_et_chiffres,
    en_lettres_seules,
    identifiants_actes,
    pliage,
    pourcentages,
    resultats_vote,
    voix,
)
from actes62.formats import lire_pourcentage, trouver_dates, trouver_montants
from actes62.identify import sirets
from actes62.read import ReadDocument, TextPiece

__all__ = ["FaitsDocument", "Situe", "Trouve", "trouves"]

_V = TypeVar("_V")


class Situe(Protocol):
    """A document tied to an affaire: what a `Location` needs to name it."""

    @property
    def chemin(self) -> Path: ...

    @property
    def affaire_id(self) -> str | None: ...

    @property
    def genre(self) -> str: ...


@dataclass(frozen=True)
class Trouve(Generic[_V]):
    """A value found in a piece of a document, at [debut, fin) of its text."""

    piece: TextPiece
    debut: int
    fin: int
    valeur: _V
    marque: bool = True  # an amount written with « € » or « euros », not a bare number

    @property
    def ecrit(self) -> str:
        """The text where the value was found."""
        return self.piece.text[self.debut : self.fin]

    def lieu(self, document: Situe) -> Location:
        """Where the value is, in `document` (the document and the affaire it is tied to)."""
        return Location(
            file=str(document.chemin),
            affaire=document.affaire_id,
            kind=document.genre,
            part=self.piece.part_at(self.debut),
            text=excerpt(self.piece.text, self.debut, self.fin),
            landmark=self.piece.landmark or None,
        )


@dataclass(frozen=True)
class FaitsDocument:
    """The facts a document states, found once: amounts, dates, SIRETs, amounts in words beside
    their digits and alone, dates that cannot be (with why), percentages written with « % » or in
    a « % » column, vote counts (« pour », 44), results (« Adopté »), ACTES identifiers; and the
    figures of its imputation tables with their role and row (`imputations`)."""

    montants: tuple[Trouve[Decimal], ...]
    dates: tuple[Trouve[date], ...]
    sirets: tuple[Trouve[str], ...]
    en_lettres: tuple[Trouve[EnLettres], ...]
    lettres_seules: tuple[Trouve[Decimal], ...] = ()
    dates_impossibles: tuple[Trouve[str], ...] = ()
    pourcentages: tuple[Trouve[Decimal], ...] = ()
    voix: tuple[Trouve[tuple[str, int]], ...] = ()
    resultats: tuple[Trouve[str], ...] = ()
    identifiants_actes: tuple[Trouve[str], ...] = ()
    imputations: tuple[Fait, ...] = ()


def _pourcentage(piece: TextPiece) -> bool:
    entete = pliage(piece.header)
    return "%" in entete or "pourcent" in entete


_LIBELLES_VOIX = {
    "pour": "pour",
    "contre": "contre",
    "abstention": "abstention",
    "abstentions": "abstention",
    "ne prend pas part au vote": "ne prend pas part",
    "ne prennent pas part au vote": "ne prend pas part",
    "ne prend pas part": "ne prend pas part",
}
_NOMBRE_DE_VOIX = re.compile(r"^\s*(\d{1,4})(?:\s+voix)?\s*$")


def _voix_en_tableau(document: ReadDocument, deja: set[int]) -> list[Trouve[tuple[str, int]]]:
    """The vote counts of a table whose rows are « Pour » | 44 (the label and the count in two
    cells), each found at the count's cell."""
    trouves_: list[Trouve[tuple[str, int]]] = []
    for cellules in document.tables.values():
        lignes: dict[int | None, list[TextPiece]] = {}
        for cellule in cellules:
            if not cellule.is_header:
                lignes.setdefault(cellule.row, []).append(cellule)
        for ligne in lignes.values():
            if len(ligne) < 2 or any(id(c) in deja for c in ligne):
                continue
            quoi = _LIBELLES_VOIX.get(" ".join(pliage(ligne[0].text).strip(" :").split()))
            nombre = next((c for c in ligne[1:] if _NOMBRE_DE_VOIX.match(c.text)), None)
            if quoi is not None and nombre is not None:
                compte = int(_NOMBRE_DE_VOIX.match(nombre.text)[1])  # type: ignore[index]
                trouves_.append(Trouve(nombre, 0, len(nombre.text), (quoi, compte)))
    return trouves_


def trouves(document: ReadDocument) -> FaitsDocument:
    """The facts the document states, header rows of tables left aside."""
    montants: list[Trouve[Decimal]] = []
    dates: list[Trouve[date]] = []
    trouves_sirets: list[Trouve[str]] = []
    lettres: list[Trouve[EnLettres]] = []
    seules: list[Trouve[Decimal]] = []
    impossibles: list[Trouve[str]] = []
    cents: list[Trouve[Decimal]] = []
    votes: list[Trouve[tuple[str, int]]] = []
    resultats: list[Trouve[str]] = []
    actes: list[Trouve[str]] = []
    for piece in document.pieces:
        if piece.is_header:
            continue
        texte = piece.text
        if _pourcentage(piece):
            with contextlib.suppress(ValueError):  # a cell that is not a percentage
                cents.append(Trouve(piece, 0, len(texte), lire_pourcentage(texte)))
        else:
            for debut, fin, valeur in trouver_montants(texte):
                ecrit = texte[debut:fin]
                marque = "€" in ecrit or "euro" in ecrit.lower() or "€" in piece.header
                montants.append(Trouve(piece, debut, fin, valeur, marque))
        dates += [Trouve(piece, debut, fin, jour) for debut, fin, jour in trouver_dates(texte)]
        impossibles += [Trouve(piece, debut, fin, raison) for debut, fin, raison in dates_impossibles(texte)]
        trouves_sirets += [Trouve(piece, debut, fin, s) for debut, fin, s in sirets(texte)]
        paires = en_lettres_et_chiffres(texte)
        lettres += [Trouve(piece, p.debut, p.fin, p) for p in paires]
        seules += [
            Trouve(piece, debut, fin, valeur) for debut, fin, valeur in en_lettres_seules(texte, paires)
        ]
        if "%" in texte:
            cents += [Trouve(piece, debut, fin, valeur) for debut, fin, valeur in pourcentages(texte)]
        if ":" in texte:
            votes += [Trouve(piece, debut, fin, (quoi, n)) for debut, fin, quoi, n in voix(texte)]
        if "(" in texte:
            resultats += [Trouve(piece, debut, fin, r) for debut, fin, r in resultats_vote(texte)]
        if "-" in texte:
            actes += [Trouve(piece, debut, fin, ident) for debut, fin, ident in identifiants_actes(texte)]
    votes += _voix_en_tableau(document, {(id(t.piece)) for t in votes})
    return FaitsDocument(
        tuple(montants),
        tuple(dates),
        tuple(trouves_sirets),
        tuple(lettres),
        lettres_seules=tuple(seules),
        dates_impossibles=tuple(impossibles),
        pourcentages=tuple(cents),
        voix=tuple(votes),
        resultats=tuple(resultats),
        identifiants_actes=tuple(actes),
        imputations=tuple(imputations(document, None)),
    )
