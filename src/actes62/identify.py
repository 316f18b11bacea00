"""What a document is, from its content — not its file name: the kind of act, and the clues that
tie it to an affaire (délibération number, rapport number, SIRETs, budget total and rows).

A PDF made of several acts (the transmission PDF: one bookmark per act) is split by its bookmarks
into parts, each identified on its own (`identify_parts`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from actes62.formats import lire_euros, lire_pourcentage
from actes62.model import DocumentKind
from actes62.read import ReadDocument, TextPiece, parts

__all__ = [
    "NUMERO_ACTE",
    "SIRET",
    "BudgetRow",
    "DocumentKind",
    "Identification",
    "Signatures",
    "identify",
    "identify_parts",
    "nature_citee",
    "pliage",
    "signatures",
    "sirets",
]


@dataclass(frozen=True)
class BudgetRow:
    """A row of a budget table: its amount cell, its percentage cell, whether it is the total."""

    montant: tuple[TextPiece, Decimal] | None
    pourcentage: tuple[TextPiece, Decimal] | None
    total: bool


@dataclass(frozen=True)
class Identification:
    """What a document is, from its content, and the clues that tie it to an affaire."""

    kind: DocumentKind | None
    numero_deliberation: str | None = None
    numero_rapport: int | None = None
    sirets: tuple[str, ...] = ()
    total_budget: Decimal | None = None
    montants_budget: tuple[Decimal, ...] = field(default=())
    budget: tuple[BudgetRow, ...] | None = None  # the rows of its budget table, when it has one


_N = r"N\s?[°o]\.?\s*"
_RAPPORT = re.compile(rf"\bRAPPORT\s+{_N}(\d+)\b")
_DECIDE = re.compile(r"\bD[ÉE]CIDE\b")
_NUMERO_PROPRE = re.compile(rf"\(\s*{_N}(\d{{4}}-\d{{1,4}})\s*\)")
NUMERO_ACTE = re.compile(rf"(?<!\w){_N}(\d{{4}}-\d{{1,4}})\b", re.IGNORECASE)
"""A number in the form of an act's: « n°2025-344 », « N° 2021-257 », « no 2000-321 » (group 1)."""
_NATURE = re.compile(
    r"\b(d[ée]lib[ée]ration|loi|d[ée]cret|ordonnance|arr[êe]t[ée]|circulaire|d[ée]cision|directive"
    r"|r[èe]glement)s?\b",
    re.IGNORECASE,
)
_FIN_DE_PHRASE = re.compile(r"[.;!?\n]")
_TITRE_CONVENTION = re.compile(r"^\W*convention\b", re.IGNORECASE)
SIRET = re.compile(r"(?<!\d)\d{3}[ \u00a0\u202f]?\d{3}[ \u00a0\u202f]?\d{3}[ \u00a0\u202f]?\d{5}(?!\d)")


@cache
def _plier(c: str) -> str:
    if c in "’ʼ`":  # Word's typographic apostrophe reads as the plain one
        return "'"
    base = unicodedata.normalize("NFD", c)[0]
    bas = base.lower()
    return bas if len(bas) == 1 else base


def pliage(texte: str) -> str:
    """Lower case without accents, one character for one (offsets are kept).

    >>> pliage("Lianes Coopération ÉTÉ")
    'lianes cooperation ete'
    """
    return "".join(map(_plier, texte))


def nature_citee(texte: str, debut: int) -> str | None:
    """What the number at `debut` of `texte` is cited as: the nearest kind of act named before it
    in its sentence (« deliberation », « loi », « decret », « ordonnance », « arrete »…, folded), or
    None when none is named.

    >>> nature_citee("Vu la loi n° 2000-321", 10), nature_citee("(N°2025-344)", 1)
    ('loi', None)
    """
    avant = texte[max(0, debut - 80) : debut]
    fins = list(_FIN_DE_PHRASE.finditer(avant))
    if fins:
        avant = avant[fins[-1].end() :]
    natures = list(_NATURE.finditer(avant))
    return pliage(natures[-1][1]) if natures else None


def sirets(texte: str) -> list[tuple[int, int, str]]:
    """(start, end, 14 digits) of the SIRETs written in `texte` (3-3-3-5 digits, any spacing)."""
    return [(m.start(), m.end(), re.sub(r"\D", "", m[0])) for m in SIRET.finditer(texte)]


def _numero_deliberation(texte: str) -> str | None:
    """The document's own délibération number: « (N°2025-344) », else the first number that is not
    cited as an act (« délibération n°… », « loi n°… »)."""
    propre = _NUMERO_PROPRE.search(texte)
    if propre is not None:
        return propre[1]
    for m in NUMERO_ACTE.finditer(texte):
        if nature_citee(texte, m.start()) is None:
            return m[1]
    return None


_ANNEXE_A = re.compile(
    rf"annexe\s+(?:à|a|de)\s+la\s+d[ée]lib[ée]ration\s+{_N}(\d{{4}}-\d{{1,4}})\b", re.IGNORECASE
)


def _numero_rattache(texte: str) -> str | None:
    """The délibération an annex or a convention says it belongs to (« Annexe à la délibération
    n°2025-344 »), else its own number."""
    annexe = _ANNEXE_A.search(texte)
    return annexe[1] if annexe is not None else _numero_deliberation(texte)


def _lignes_budget(cellules: list[TextPiece]) -> list[BudgetRow]:
    lignes: dict[int, dict[str, Any]] = {}
    for cellule in cellules:
        if cellule.row is None or cellule.is_header:
            continue
        ligne = lignes.setdefault(cellule.row, {"total": False, "montant": None, "pourcentage": None})
        entete = pliage(cellule.header)
        if cellule.column == 1 and pliage(cellule.text).strip().startswith("total"):
            ligne["total"] = True
        try:
            if "montant" in entete:
                ligne["montant"] = (cellule, lire_euros(cellule.text))
            elif "%" in entete or "pourcent" in entete:
                ligne["pourcentage"] = (cellule, lire_pourcentage(cellule.text))
        except ValueError:
            continue
    return [
        BudgetRow(ligne["montant"], ligne["pourcentage"], ligne["total"])
        for _, ligne in sorted(lignes.items())
    ]


Signatures = tuple[tuple[DocumentKind, frozenset[str]], ...]
"""The fixed wording of each kind's template (folded), to know a document written from it."""

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_MOT = re.compile(r"[^\W\d_]{2,}")
_ESPACES = re.compile(r"\s+")
_RAPPORT_NUMERO = re.compile(rf"\brapport\s+{_N}(\d+)\b", re.IGNORECASE)


def signatures(modeles: Sequence[tuple[DocumentKind, ReadDocument]]) -> Signatures:
    """Each template's fixed wording: the runs of its text between Jinja tags that hold two words at
    least (« A ADOPTÉ LES DISPOSITIONS SUIVANTES », « Sens du vote »), folded. Wording that every
    template has (a footer, « réunion du ») tells no kind from another and is left out."""
    par_genre = []
    for kind, modele in modeles:
        fragments: set[str] = set()
        for piece in modele.pieces:
            for morceau in _JINJA.split(piece.text):
                plie = _ESPACES.sub(" ", pliage(morceau)).strip(" :;,.()–—-")
                if len(_MOT.findall(plie)) >= 2:
                    fragments.add(plie)
        par_genre.append((kind, fragments))
    communs = set.intersection(*(f for _, f in par_genre)) if par_genre else set()
    return tuple((kind, frozenset(f - communs)) for kind, f in par_genre if f - communs)


def _par_signature(document: ReadDocument, signatures: Signatures) -> DocumentKind | None:
    """The kind whose template's fixed wording the document holds most of, when it holds half of
    it at least and clearly more than of any other."""
    texte = _ESPACES.sub(" ", pliage(document.text))
    scores = sorted(
        ((sum(1 for f in fragments if f in texte) / len(fragments), kind) for kind, fragments in signatures),
        key=lambda s: s[0],
        reverse=True,
    )
    if not scores or scores[0][0] < 0.5 or (len(scores) > 1 and scores[0][0] - scores[1][0] < 0.2):
        return None
    return scores[0][1]


def _selon_le_modele(kind: DocumentKind, document: ReadDocument) -> Identification:
    """The clues of a document known by its template's wording."""
    texte = document.text
    if kind is DocumentKind.DELIBERATION:
        propre = _NUMERO_PROPRE.search(texte)
        return Identification(kind, numero_deliberation=propre[1] if propre else _numero_deliberation(texte))
    if kind is DocumentKind.RAPPORT:
        rapport = _RAPPORT_NUMERO.search(texte)
        return Identification(
            kind,
            numero_deliberation=_numero_deliberation(texte),
            numero_rapport=int(rapport[1]) if rapport else None,
        )
    numero = _numero_rattache(texte)
    if kind is DocumentKind.CONVENTION:
        return Identification(
            kind, numero_deliberation=numero, sirets=tuple(dict.fromkeys(s for _, _, s in sirets(texte)))
        )
    lignes = _budget(document, tout_tableau=True) or ()
    return Identification(
        kind,
        numero_deliberation=numero,
        total_budget=next((r.montant[1] for r in lignes if r.total and r.montant is not None), None),
        montants_budget=tuple(r.montant[1] for r in lignes if not r.total and r.montant is not None),
        budget=lignes or None,
    )


def identify(document: ReadDocument, modeles: Signatures = ()) -> Identification:
    """The kind of act and the clues that tie it to an affaire, read from the document's content:
    first by the wording of the templates it may have been written from (`modeles`), else by the
    marks any act of its kind carries (« DÉCIDE », « RAPPORT N° », a convention's title and
    SIRET, a table of « Intitulé » and « Montant »)."""
    if modeles:
        kind = _par_signature(document, modeles)
        if kind is not None:
            return _selon_le_modele(kind, document)
    texte = document.text
    decide = _DECIDE.search(texte) is not None
    propre = _NUMERO_PROPRE.search(texte)
    if decide and propre is not None:  # a délibération, even if it cites its rapport by number
        return Identification(DocumentKind.DELIBERATION, numero_deliberation=propre[1])
    rapport = _RAPPORT.search(texte)
    if rapport is not None:
        return Identification(DocumentKind.RAPPORT, numero_rapport=int(rapport[1]))
    if decide:
        return Identification(DocumentKind.DELIBERATION, numero_deliberation=_numero_deliberation(texte))
    debut = [ligne for piece in document.pieces[:20] for ligne in piece.lines()[:40]]
    trouves = tuple(dict.fromkeys(s for _, _, s in sirets(texte)))
    numero = _numero_rattache(texte)
    if trouves and any(_TITRE_CONVENTION.search(ligne) for ligne in debut):
        return Identification(DocumentKind.CONVENTION, numero_deliberation=numero, sirets=trouves)
    lignes = _budget(document)
    if lignes is not None:
        total = next((r.montant[1] for r in lignes if r.total and r.montant is not None), None)
        montants = tuple(r.montant[1] for r in lignes if not r.total and r.montant is not None)
        return Identification(
            DocumentKind.BUDGET,
            numero_deliberation=numero,
            total_budget=total,
            montants_budget=montants,
            budget=lignes,
        )
    if any("intitule" in (plie := pliage(ligne)) and "montant" in plie for ligne in texte.splitlines()):
        return Identification(DocumentKind.BUDGET, numero_deliberation=numero)  # a PDF: no table cells
    return Identification(None, numero_deliberation=numero, sirets=trouves)


def identify_parts(
    document: ReadDocument, modeles: Signatures = ()
) -> list[tuple[ReadDocument, Identification]]:
    """Each act a document holds, identified: the parts of a PDF split by its bookmarks when two of
    them at least are acts (a transmission PDF), else the whole document."""
    morceaux = parts(document)
    if len(morceaux) > 1:
        identifies = [(morceau, identify(morceau, modeles)) for morceau in morceaux]
        if sum(1 for _, identification in identifies if identification.kind is not None) >= 2:
            return identifies
    return [(document, identify(document, modeles))]


def _budget(document: ReadDocument, tout_tableau: bool = False) -> tuple[BudgetRow, ...] | None:
    """The rows of the first table whose header names « Intitulé » and « Montant » (with
    `tout_tableau`, of the first table with a « Montant » column: the document is known to be a
    budget annex) (None if there is none): amount cell (column « Montant »), percentage cell
    (column « % »), total row (first cell « Total… »). Header rows are left out."""
    for cellules in document.tables.values():
        entete = " ".join(pliage(c.text) for c in cellules if c.is_header)
        if "montant" in entete and ("intitule" in entete or tout_tableau):
            return tuple(_lignes_budget(cellules))
    return None
