"""Tables of amounts read by their content, not by one header wording.

A table is a table of amounts when its rows are a label and an amount (and maybe a percentage),
closed by a total row (« TOTAL », « Total général », « TOTAL DES DÉPENSES »…); a table with two
totals (the dépenses, then the ressources of a plan de financement) gives two. A table whose header
names « CP », « Disponible », « Proposition », « Solde » or « Dépense » is an imputation table.
DOCX tables are read cell by cell; in a PDF, where cells become lines, the rows are the lines that
end with an amount (and a percentage), up to the line that starts with « total ».
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from actes62.checks.findings import Location, excerpt
from actes62.faits.modele import LigneTableau, Role, Tableau
from actes62.formats import lire_euros, lire_pourcentage, trouver_montants
from actes62.identify import pliage
from actes62.read import TextPiece

__all__ = [
    "ColonneImputation",
    "colonnes_imputation",
    "lignes_imputation_pdf",
    "tableaux_docx",
    "tableaux_pdf",
]

_TOTAL = re.compile(r"^\W*(?:sous[\s-]*)?total\b", re.IGNORECASE)
_SOUS_TOTAL = re.compile(r"^\W*sous[\s-]*total\b", re.IGNORECASE)
_TTC = re.compile(r"\bTTC\b", re.IGNORECASE)
_HT = re.compile(r"\bH\.?T\.?\b", re.IGNORECASE)
_MONTANT_SEUL = re.compile(
    r"^[\s€\d\u00a0\u202f.,-]*\d[\s€\d\u00a0\u202f.,]*(?:€|euros?|EUR)?\s*$", re.IGNORECASE
)
_POURCENT_SEUL = re.compile(r"^\s*\d{1,3}(?:[,.]\d{1,3})?\s*%?\s*$")

_COLONNES_IMPUTATION: tuple[tuple[str, Role], ...] = (
    ("reste disponible", Role.SOLDE),
    ("solde disponible", Role.SOLDE),  # what is left, once the proposition is taken
    ("disponible apres", Role.SOLDE),
    ("reste", Role.SOLDE),
    ("disponible", Role.DISPONIBLE),
    ("solde", Role.SOLDE),
    ("proposition", Role.PROPOSITION),
    ("depense", Role.PROPOSITION),
    ("montant propose", Role.PROPOSITION),
    ("montant", Role.PROPOSITION),
    ("credits de paiement", Role.CP),
    ("cp", Role.CP),
)


@dataclass(frozen=True)
class ColonneImputation:
    role: Role
    colonne: int


def _role_colonne(entete: str) -> Role | None:
    plie = pliage(entete)
    mots = {m.removesuffix("s") for m in re.findall(r"[a-z]+", plie)}
    for cle, role in _COLONNES_IMPUTATION:
        if (" " in cle and cle in plie) or cle in mots:
            return role
    return None


def colonnes_imputation(entetes: dict[int, str]) -> list[ColonneImputation]:
    """The amount columns of an imputation table, by their header (empty if it is not one)."""
    colonnes = [
        ColonneImputation(role, colonne)
        for colonne, texte in sorted(entetes.items())
        if (role := _role_colonne(texte)) is not None
    ]
    roles = {c.role for c in colonnes}
    return colonnes if roles & {Role.CP, Role.DISPONIBLE, Role.SOLDE} else []


def _lieu(piece: TextPiece, genre: str | None, debut: int = 0, fin: int | None = None) -> Location:
    return Location(
        file=str(piece.path),
        kind=genre,
        part=piece.part_at(debut),
        text=excerpt(piece.text, debut, fin),
        landmark=piece.landmark or None,
    )


def _montant(texte: str) -> Decimal | None:
    texte = texte.strip()
    if not texte or not _MONTANT_SEUL.match(texte):
        return None
    try:
        return lire_euros(texte)
    except ValueError:
        return None


def _pourcentage(texte: str) -> Decimal | None:
    if not _POURCENT_SEUL.match(texte):
        return None
    try:
        return lire_pourcentage(texte.replace("%", "").strip() + " %")
    except ValueError:
        return None


_RESSOURCES = re.compile(r"recette|ressource|produit|financeur|financement")


def tableaux_docx(cellules: list[TextPiece], genre: str | None, titre: str) -> list[Tableau]:
    """The tables of amounts of one DOCX table (given as its cells): one per total row. A table
    with the expenses on the left and the resources on the right (« Dépenses | Montant | Recettes
    | Montant ») is read as its two sides."""
    colonnes = sorted({c.column or 0 for c in cellules if _RESSOURCES.search(pliage(c.header)) and c.column})
    premiere = min((c.column or 0 for c in cellules), default=0)
    if colonnes and colonnes[0] > premiere + 1:
        droite = colonnes[0]
        gauche_ = [c for c in cellules if (c.column or 0) < droite]
        droite_ = [c for c in cellules if (c.column or 0) >= droite]
        return _tableaux_docx(gauche_, genre, titre) + _tableaux_docx(droite_, genre, titre)
    return _tableaux_docx(cellules, genre, titre)


def _tableaux_docx(cellules: list[TextPiece], genre: str | None, titre: str) -> list[Tableau]:
    lignes: dict[int, list[TextPiece]] = {}
    for cellule in cellules:
        if cellule.row is not None and not cellule.is_header:
            lignes.setdefault(cellule.row, []).append(cellule)
    tableaux: list[Tableau] = []
    courantes: list[LigneTableau] = []
    for _, rangee in sorted(lignes.items()):
        rangee.sort(key=lambda c: c.column or 0)
        libelle = rangee[0].text if rangee else ""
        montant: tuple[TextPiece, Decimal] | None = None
        pourcent: tuple[TextPiece, Decimal] | None = None
        for cellule in rangee[1:]:
            entete = pliage(cellule.header)
            est_pourcent = (
                "%" in cellule.text
                or "%" in entete
                or "pourcent" in entete
                or re.search(r"\bpart\b|\btaux\b", entete)
            )
            if est_pourcent and (valeur := _pourcentage(cellule.text)) is not None:
                pourcent = (cellule, valeur)
            elif (valeur := _montant(cellule.text)) is not None:
                montant = (cellule, valeur)  # the last amount cell: « Montant » after « Quantité »
        if montant is None:
            continue
        piece, valeur = montant
        ligne = LigneTableau(
            " ".join(libelle.split()),
            valeur,
            _lieu(piece, genre),
            pourcent[1] if pourcent else None,
            _lieu(pourcent[0], genre) if pourcent else None,
            sous_total=bool(_SOUS_TOTAL.match(libelle)),
        )
        if _TOTAL.match(libelle) and not ligne.sous_total:
            if (
                _TTC.search(libelle)
                and tableaux
                and tableaux[-1].total
                and _HT.search(tableaux[-1].total.libelle)
            ):
                courantes = [tableaux[-1].total, *courantes]  # Total TTC = Total HT + TVA
            tableaux.append(Tableau(titre, tuple(courantes), ligne))
            courantes = []
        else:
            courantes.append(ligne)
    if courantes and len(courantes) >= 2 and not tableaux:
        tableaux.append(Tableau(titre, tuple(courantes), None))
    return [t for t in tableaux if t.lignes]


_FIN_DE_LIGNE = re.compile(
    r"(?<![\d,.])(?P<montant>\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d{1,2})?|\d+(?:,\d{1,2})?)\s*(?P<devise>€|euros?|EUR)?"
    r"(?:\s+(?P<pourcent>\d{1,3}(?:,\d{1,3})?)\s*%?)?\s*$",
    re.IGNORECASE,
)


def _fin_de_ligne(ligne: str) -> tuple[int, Decimal, Decimal | None] | None:
    """The amount (and percentage) a table row ends with, and where the amount starts."""
    m = _FIN_DE_LIGNE.search(ligne)
    if m is None:
        return None
    centimes = re.search(r",\d{2}$", m["montant"]) is not None
    if not (m["devise"] or centimes or " " in m["montant"].strip() or m["pourcent"]):
        return None
    if "," in m["montant"] and not centimes and not m["devise"]:
        return None  # « (0,5 ETP) », « 1,5 jour »: a quantity, not an amount
    if m.start() > 0 and ligne[m.start() - 1] in "/-.:(":
        return None
    try:
        montant = lire_euros(m["montant"])
        pourcent = lire_pourcentage(m["pourcent"] + " %") if m["pourcent"] else None
    except ValueError:
        return None
    debut = m.start()
    if montant >= 10**9 and not m["devise"]:  # two columns run together: « 112 400 120 000 »
        groupes = m["montant"].split(",")[0].split()
        droite = len(groupes) // 2
        debut = m.start() + len(" ".join(groupes[:-droite])) + 1
        montant = lire_euros(" ".join(groupes[-droite:]))
    return debut, montant, pourcent


_QUALIFICATIFS = {"avant", "apres", "hors", "sur", "des", "du"}
_A_SUIVRE = {"reste", "montant", "solde", "credit", "credits"}
"""« Disponible avant CP », « Solde après vote »: the word after these qualifies a column title."""


def lignes_imputation_pdf(piece: TextPiece) -> Iterator[tuple[int, list[ColonneImputation], list[Decimal]]]:
    """The rows of the imputation tables of a PDF page: (line number, columns, amounts) for each
    line of amounts under header lines naming CP / Disponible / Proposition / Solde / Dépense (a
    header that wraps over several lines is read whole)."""
    roles: list[Role] = []
    depuis = -1
    dernier_mot = ""
    tampon: list[Decimal] = []
    for numero, ligne in enumerate(piece.lines()):
        mots = [m for m in re.split(r"\s+", ligne) if m]
        qualifies = {i for i, mot in enumerate(mots) if i and pliage(mots[i - 1]) in _QUALIFICATIFS}
        if mots and numero == depuis + 1 and dernier_mot in _A_SUIVRE:
            qualifies.add(0)  # « Reste / disponible »: the title goes on from the line before
        trouves = [
            r
            for i, mot in enumerate(mots)
            if i not in qualifies and not re.search(r"\d", mot) and (r := _role_colonne(mot)) is not None
        ]
        trouves += [Role.CP for _ in re.finditer(r"cr[ée]dits\s+de\s+paiement", ligne, re.IGNORECASE)]
        if len(trouves) * 4 < len(mots):  # a sentence (« la dépense est imputée… »), not column titles
            trouves = []
        montants = [v for d, f, v in trouver_montants(ligne) if "/" not in ligne[max(0, d - 1) : f + 1]]
        if trouves and not montants:
            if numero - depuis > 4:
                roles = []
            roles += trouves
            depuis = numero
            dernier_mot = pliage(mots[-1]) if mots else ""
            tampon = []
            continue
        if mots and not montants and numero == depuis + 1 and roles:
            dernier_mot = pliage(mots[-1])
        if len(roles) < 2 or numero - depuis > 12 or not set(roles) & {Role.CP, Role.DISPONIBLE, Role.SOLDE}:
            continue
        if len(montants) >= len(roles):
            tampon = []
            yield (
                numero,
                [ColonneImputation(role, rang) for rang, role in enumerate(roles)],
                montants[-len(roles) :],
            )
            depuis = numero  # the next rows of the same table follow
        elif montants:  # a row whose cells come one line each
            tampon += montants
            if len(tampon) == len(roles):
                yield numero, [ColonneImputation(role, rang) for rang, role in enumerate(roles)], tampon
                tampon = []
                depuis = numero
            elif len(tampon) > len(roles):
                tampon = []


_MONTANT_ET_POURCENT = re.compile(
    r"(?<![\d,])(?P<montant>\d{1,3}(?:[ \u00a0\u202f]\d{3})*?(?:,\d{1,2})?)\s*(?:€|euros?)?\s+"
    r"(?P<pourcent>100(?:,0{1,2})?)\s*%?\s*$"
)


def _total_avec_pourcentage(total: LigneTableau, lignes: list[LigneTableau], texte: str) -> LigneTableau:
    """A total row read as one number (« 118 000 100,00 ») when its rows have percentages: the
    amount, then « 100,00 » %, when that amount is what the rows add up to."""
    if total.pourcentage is not None or not any(lg.pourcentage is not None for lg in lignes):
        return total
    m = _MONTANT_ET_POURCENT.search(texte)
    if m is None:
        return total
    try:
        montant = lire_euros(m["montant"])
    except ValueError:
        return total
    if (
        montant != sum((lg.montant for lg in lignes if not lg.sous_total), Decimal(0))
        and montant * 10**3 > total.montant
    ):
        return total
    return LigneTableau(
        total.libelle, montant, total.lieu, lire_pourcentage(m["pourcent"] + " %"), total.lieu
    )


def tableaux_pdf(
    piece: TextPiece, genre: str | None, ignorer: frozenset[int] = frozenset()
) -> Iterator[Tableau]:
    """The tables of amounts of a PDF page: runs of lines ending with an amount, closed by a total
    (the lines of `ignorer`, imputation rows, left aside)."""
    lignes = piece.lines()
    courantes: list[LigneTableau] = []
    libelle: list[str] = []
    dernier_total: LigneTableau | None = None
    for numero, ligne in enumerate(lignes):
        debut_ligne = piece.line_starts[numero] if numero < len(piece.line_starts) else 0
        fin = None if numero in ignorer else _fin_de_ligne(ligne)
        if fin is None:
            if courantes and not ligne.strip():
                continue
            libelle.append(ligne)
            if len(libelle) > 6:  # a paragraph: the table, if any, is over
                courantes, libelle = [], []
            continue
        debut, montant, pourcent = fin
        texte_libelle = " ".join([*libelle, ligne[:debut]]).strip()
        libelle = []
        lieu = _lieu(piece, genre, debut_ligne + debut, debut_ligne + len(ligne))
        ligne_tableau = LigneTableau(
            " ".join(texte_libelle.split()),
            montant,
            lieu,
            pourcent,
            lieu if pourcent is not None else None,
            sous_total=bool(_SOUS_TOTAL.match(ligne)),
        )
        if _TOTAL.match(ligne) and not ligne_tableau.sous_total:
            if _TTC.search(ligne) and dernier_total is not None and _HT.search(dernier_total.libelle):
                courantes = [dernier_total, *courantes]  # Total TTC = Total HT + TVA
            if courantes:
                yield Tableau(
                    f"page {piece.page}",
                    tuple(courantes),
                    _total_avec_pourcentage(ligne_tableau, courantes, ligne),
                )
            courantes = []
            dernier_total = ligne_tableau
        else:
            courantes.append(ligne_tableau)
