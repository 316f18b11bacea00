"""What a document is expected to state: its template, filled for its affaire and read back.

To check a document, the same template that writes it — the shipped one, or the collectivité's
own (`check --templates DIR`) — is filled for the document's affaire and read by the same reader
as the document. Every figure, date, SIRET, vote count, result, ACTES identifier and act number
that render states is a fact the document must state too (rule P003). So the checker holds no
second copy of what the templates write: a collectivité that changes its templates' wording,
layout or tables is checked against its own templates.

A missing fact is placed where the render writes it: the paragraph (or PDF line) of the document
that reads most like the render's, figures aside.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from actes62.faits.trouves import FaitsDocument, Trouve, trouves
from actes62.gabarit import Gabarit, contexte_document
from actes62.identify import NUMERO_ACTE, Signatures, signatures
from actes62.model import Affaire, AnnexeBudget, DocumentKind, Dossier
from actes62.read import ReadDocument, TextPiece, read_docx_bytes

__all__ = [
    "Attendu",
    "Modeles",
    "attendus",
    "cle",
    "cles_dans",
    "cles_du_document",
    "cles_du_rendu",
    "place_dans",
    "rendu_attendu",
]


class Modeles:
    """The templates documents are expected to follow: the shipped ones, or those of a folder
    (`deliberation.docx`, …; a kind the folder lacks falls back to the shipped template). Each is
    loaded and checked once, when first needed."""

    def __init__(self, templates: Path | None = None) -> None:
        self.templates = templates
        self._gabarits: dict[DocumentKind, Gabarit] = {}

    def gabarit(self, kind: DocumentKind) -> Gabarit:
        if kind not in self._gabarits:
            self._gabarits[kind] = Gabarit(kind, self.templates)
        return self._gabarits[kind]

    def signatures(self) -> Signatures:
        """The fixed wording of each template, to know which one a document was written from."""
        return signatures(
            [
                (kind, read_docx_bytes(self.gabarit(kind).donnees, Path(self.gabarit(kind).nom)))
                for kind in DocumentKind
            ]
        )

    def verifier(self) -> None:
        """Load every template now: a template that cannot be used is a TemplateError before any
        document is read."""
        for kind in DocumentKind:
            self.gabarit(kind)


def rendu_attendu(
    modeles: Modeles, dossier: Dossier, affaire: Affaire, kind: DocumentKind, annexe: AnnexeBudget | None
) -> ReadDocument:
    """The document of this kind the templates write for the (rendered) affaire, read back."""
    numero = next((n for n, a in enumerate(affaire.annexes, start=1) if a is annexe), None)
    gabarit = modeles.gabarit(kind)
    donnees = gabarit.remplir(contexte_document(dossier, affaire, kind, numero), affaire)
    return read_docx_bytes(donnees, Path(gabarit.nom))


@dataclass(frozen=True)
class Attendu:
    """A fact the render states: its sort, value, the words and the piece of the render it is in."""

    sorte: str  # montant, pourcentage, date, siret, voix, resultat, actes, numero
    valeur: object
    piece: TextPiece
    debut: int
    fin: int

    @property
    def ecrit(self) -> str:
        return self.piece.text[self.debut : self.fin]

    @property
    def en_tableau(self) -> bool:
        return self.piece.in_table


def attendus(rendu: ReadDocument, faits: FaitsDocument | None = None) -> list[Attendu]:
    """Every fact the render states, in reading order (a figure written twice is two facts)."""
    faits = faits if faits is not None else trouves(rendu)
    tous: list[Attendu] = []
    for sorte, liste in (
        ("montant", faits.montants),
        ("pourcentage", faits.pourcentages),
        ("date", faits.dates),
        ("siret", faits.sirets),
        ("voix", faits.voix),
        ("resultat", faits.resultats),
        ("actes", faits.identifiants_actes),
    ):
        tous += [Attendu(sorte, t.valeur, t.piece, t.debut, t.fin) for t in liste]
    for piece in rendu.pieces:
        if not piece.is_header:
            tous += [
                Attendu("numero", m[1], piece, m.start(), m.end()) for m in NUMERO_ACTE.finditer(piece.text)
            ]
    rangs = {id(piece): rang for rang, piece in enumerate(rendu.pieces)}
    return sorted(tous, key=lambda a: (rangs[id(a.piece)], a.debut))


def cle(attendu: Attendu) -> tuple[str, object]:
    """What must match for a fact of the document to be this one: the value; for a vote count,
    its kind (« contre »: a different count is P014's); for a result or an ACTES identifier, only
    that one is written (a different one is P014's, P013's)."""
    if attendu.sorte == "voix" and isinstance(attendu.valeur, tuple):
        return ("voix", attendu.valeur[0])
    if attendu.sorte in ("resultat", "actes"):
        return (attendu.sorte, None)
    return (attendu.sorte, attendu.valeur)


_CHIFFRES = re.compile(r"\d+(?:[ \u00a0\u202f.,]\d+)*")


def _forme(texte: str) -> str:
    """A text without its figures, folded: what stays the same when only figures change."""
    return " ".join(_CHIFFRES.sub("#", texte.casefold()).split())[:300]


def _listes(faits: FaitsDocument) -> dict[str, tuple[Trouve[Any], ...]]:
    """The facts found, by sort (as `Attendu.sorte` names them; act numbers are read apart)."""
    return {
        "montant": faits.montants,
        "pourcentage": faits.pourcentages,
        "date": faits.dates,
        "siret": faits.sirets,
        "voix": faits.voix,
        "resultat": faits.resultats,
        "actes": faits.identifiants_actes,
    }


def cles_du_document(
    document: ReadDocument, faits: FaitsDocument, en_tableau: bool
) -> Counter[tuple[str, object]]:
    """How many times the document states each fact (`cle`), in its tables only when `en_tableau`;
    outside tables, a bare number may also be a percentage whose « % » column a PDF lost."""
    compte: Counter[tuple[str, object]] = Counter()
    for sorte, trouves_ in _listes(faits).items():
        compte.update(
            cle(Attendu(sorte, t.valeur, t.piece, t.debut, t.fin))
            for t in trouves_
            if t.piece.in_table or not en_tableau
        )
    pieces = [p for p in document.pieces if not p.is_header and (p.in_table or not en_tableau)]
    compte.update(("numero", m[1]) for p in pieces for m in NUMERO_ACTE.finditer(p.text))
    if not en_tableau:
        compte.update(("pourcentage", t.valeur) for t in faits.montants if not t.marque)
    return compte


def _cles(
    sorte: str, faits: FaitsDocument, piece: TextPiece | None, debut: int, fin: int | None
) -> list[tuple[str, object]]:
    """The keys (`cle`) of the facts of this sort `faits` finds in [debut, fin) of `piece` (all
    pieces when None)."""
    cles: list[tuple[str, object]] = []
    for trouve in _listes(faits)[sorte]:
        if piece is None or (
            trouve.piece is piece and debut <= trouve.debut < (fin if fin is not None else len(piece.text))
        ):
            cles.append(cle(Attendu(sorte, trouve.valeur, trouve.piece, trouve.debut, trouve.fin)))
    return cles


def cles_dans(
    sorte: str,
    document: ReadDocument,
    faits: FaitsDocument,
    piece: TextPiece | None = None,
    debut: int = 0,
    fin: int | None = None,
) -> list[tuple[str, object]]:
    """The keys of the facts of this sort in a place of the document (the whole document when
    `piece` is None)."""
    if sorte == "date":  # an impossible date stands where a date was: changed, not erased
        impossibles = [
            ("date", None)
            for t in faits.dates_impossibles
            if piece is None
            or (t.piece is piece and debut <= t.debut < (fin if fin is not None else len(piece.text)))
        ]
        return _cles(sorte, faits, piece, debut, fin) + impossibles
    if sorte != "numero":
        return _cles(sorte, faits, piece, debut, fin)
    pieces = [piece] if piece is not None else [p for p in document.pieces if not p.is_header]
    return [
        ("numero", m[1])
        for p in pieces
        for m in NUMERO_ACTE.finditer(
            p.text,
            debut if piece is not None else 0,
            (fin if fin is not None else len(p.text)) if piece is not None else len(p.text),
        )
    ]


_FENETRE = 60
"""Characters of the render on each side of a fact, to find its line in a PDF."""


def _fenetre(attendu: Attendu) -> tuple[int, int]:
    return max(0, attendu.debut - _FENETRE), min(len(attendu.piece.text), attendu.fin + _FENETRE)


def _rangee(rendu: ReadDocument, attendu: Attendu) -> list[TextPiece]:
    return [p for p in rendu.tables.get(attendu.piece.table or "", ()) if p.row == attendu.piece.row]


def cles_du_rendu(
    attendu: Attendu, rendu: ReadDocument, faits: FaitsDocument, pdf: bool
) -> list[tuple[str, object]]:
    """The keys of the facts of the same sort around `attendu` in the render, over what
    `place_dans` compares with the document: its piece; for a PDF, the words around it, or its
    whole table row (a PDF's table row is one line)."""
    if not pdf:
        return cles_dans(attendu.sorte, rendu, faits, attendu.piece)
    if attendu.en_tableau:
        return [c for p in _rangee(rendu, attendu) for c in cles_dans(attendu.sorte, rendu, faits, p)]
    return cles_dans(attendu.sorte, rendu, faits, attendu.piece, *_fenetre(attendu))


def place_dans(
    document: ReadDocument, rendu: ReadDocument, attendu: Attendu
) -> tuple[TextPiece, int, int] | None:
    """The place of `document` that corresponds to where the render writes `attendu`: for a cell
    of a DOCX table, the cell under the same column title on the row that starts the same way
    (an empty one if the figure was erased); for a paragraph, the paragraph that reads most like
    the render's, figures aside; for a PDF, the lines that read most like the words around it (or
    its table row)."""
    if document.format == "docx":
        if attendu.en_tableau:
            return _cellule(document, rendu, attendu.piece)
        unites = [(p, 0, len(p.text)) for p in document.pieces if not p.in_table and not p.is_header]
        return _plus_proche(unites, _forme(attendu.piece.text), 0.8)
    if attendu.en_tableau:
        cible = " ".join(p.text for p in _rangee(rendu, attendu))
        return _plus_proche(_lignes(document, 1), _forme(cible), 0.6)
    debut, fin = _fenetre(attendu)
    return _plus_proche(_lignes(document, 2), _forme(attendu.piece.text[debut:fin]), 0.6)


def _plus_proche(
    unites: list[tuple[TextPiece, int, int]], cible: str, seuil: float
) -> tuple[TextPiece, int, int] | None:
    meilleur: tuple[float, TextPiece, int, int] | None = None
    comparateur = SequenceMatcher(autojunk=False)
    comparateur.set_seq2(cible)
    for piece, debut, fin in unites:
        comparateur.set_seq1(_forme(piece.text[debut:fin]))
        if comparateur.real_quick_ratio() < seuil or comparateur.quick_ratio() < seuil:
            continue
        ratio = comparateur.ratio()
        if ratio >= seuil and (meilleur is None or ratio > meilleur[0]):
            meilleur = (ratio, piece, debut, fin)
    return meilleur[1:] if meilleur is not None else None


def _lignes(document: ReadDocument, nombre: int) -> list[tuple[TextPiece, int, int]]:
    """Runs of `nombre` consecutive lines of a PDF's pages, as (page, start, end)."""
    unites: list[tuple[TextPiece, int, int]] = []
    for piece in document.pieces:
        bornes = [*(piece.line_starts or (0,)), len(piece.text) + 1]
        for rang in range(len(bornes) - 1):
            fin = bornes[min(rang + nombre, len(bornes) - 1)] - 1
            unites.append((piece, bornes[rang], fin))
    return unites


def _cellule(
    document: ReadDocument, rendu: ReadDocument, cellule: TextPiece
) -> tuple[TextPiece, int, int] | None:
    """The document's cell under the same column title, on the row that starts as the render's row
    does (an imputation's code, a budget line's label); an empty piece naming it when the cell is
    empty."""
    if not cellule.header:
        return None
    premiere_rendu = _premiere_cellule(rendu, cellule)
    for table in document.tables.values():
        colonnes = {p.column for p in table if p.is_header and _forme(p.text) == _forme(cellule.header)}
        if not colonnes:
            continue
        colonne = min(c for c in colonnes if c is not None)
        lignes = sorted({p.row for p in table if not p.is_header and p.row is not None})
        for ligne in lignes:
            premiere = next((p for p in table if p.row == ligne and p.column == 1), None)
            if premiere_rendu is not None and (
                premiere is None or premiere.text.strip() != premiere_rendu.text.strip()
            ):
                continue
            if premiere_rendu is None and ligne != cellule.row:
                continue
            trouvee = next((p for p in table if p.row == ligne and p.column == colonne), None)
            if trouvee is not None:
                return trouvee, 0, len(trouvee.text)
            modele = table[0]
            prefixe = modele.part.split(" ligne ", 1)[0]
            vide = TextPiece(
                modele.path,
                f"{prefixe} ligne {ligne} colonne {colonne}",
                "",
                modele.table,
                ligne,
                colonne,
                cellule.header,
                table_title=modele.table_title,
            )
            return vide, 0, 0
    return None


def _premiere_cellule(document: ReadDocument, cellule: TextPiece) -> TextPiece | None:
    if cellule.table is None or cellule.column == 1:
        return None
    return next(
        (p for p in document.tables.get(cellule.table, ()) if p.row == cellule.row and p.column == 1),
        None,
    )
