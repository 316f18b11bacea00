"""Rules on documents against the model: every amount, amount in words, percentage, date, cited act
and SIRET a document states is compared with the dossier (documents are read and tied to their
affaire by `checks.attach`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from stdnum.fr import siret as stdnum_siret

from actes62.checks.context import (
    Context,
    Draft,
    IdentifiedDocument,
    Trouve,
)
from actes62.checks.findings import Location, excerpt
from actes62.checks.texts import pliage
from actes62.formats import date_longue, euros, lire_euros, lire_pourcentage, trouver_dates
from actes62.model import AnnexeBudget, arrondi_pourcentage
from actes62.read import (
    DocumentKind,
    ReadDocument,
    TextPiece,
    budget_table,
)

__all__ = [
    "acte_cite_date_document",
    "acte_cite_inconnu_document",
    "chiffre_attendu_manquant",
    "date_inconnue_document",
    "document_illisible",
    "document_non_rattache",
    "en_lettres_document",
    "montant_inconnu_document",
    "pourcentage_document",
    "siret_document",
    "somme_pourcentages_document",
    "total_budget_document",
]


def _lieu(document: IdentifiedDocument, part: str | None = None) -> Location:
    return Location(
        file=str(document.document.path),
        affaire=document.affaire.id,
        kind=document.kind.value,
        part=part,
    )


# --- rules --------------------------------------------------------------------------------------------


def document_illisible(ctx: Context) -> Iterator[Draft]:
    """Chaque document donné peut être lu (DOCX ou PDF valide, non chiffré).

    Pourquoi : un document qui ne peut pas être lu ne peut pas être vérifié, ni transmis.
    Référence : formats DOCX (Office Open XML) et PDF."""
    for rejete in ctx.rejetes:
        if rejete.illisible:
            yield Draft(
                f"document illisible : {rejete.raison}",
                Location(file=str(rejete.chemin)),
                {"raison": rejete.raison},
            )


def document_non_rattache(ctx: Context) -> Iterator[Draft]:
    """Chaque document donné est reconnu, par son contenu, comme la délibération, le rapport, la
    convention ou l'annexe budgétaire d'une affaire du dossier (avertissement : il n'est pas vérifié).

    Pourquoi : un document qui ne se rattache à aucune affaire est soit étranger au dossier, soit
    porteur d'un numéro ou d'un SIRET faux.
    Référence : numéro de délibération, numéro de rapport, SIRET du bénéficiaire, total du budget."""
    for rejete in ctx.rejetes:
        if not rejete.illisible:
            yield Draft(
                f"document non rattaché au dossier : {rejete.raison}",
                Location(file=str(rejete.chemin), kind=rejete.kind.value if rejete.kind else None),
                {"raison": rejete.raison},
            )


@dataclass(frozen=True)
class _Attendu:
    libelle: str
    valeur: Decimal | date | str
    en_tableau: bool = False


def _attendus(document: IdentifiedDocument, ctx: Context) -> list[_Attendu]:
    affaire = document.affaire
    seance = ctx.dossier.seance
    attendus: list[_Attendu] = []
    kind = document.kind
    if kind in (DocumentKind.DELIBERATION, DocumentKind.RAPPORT, DocumentKind.CONVENTION):
        attendus.append(_Attendu("le montant attribué", affaire.montant))
    if kind is DocumentKind.DELIBERATION:
        attendus.append(_Attendu("le numéro de la délibération", affaire.deliberation.numero))
        attendus.append(_Attendu("la date de la séance", seance.date))
        for imputation in affaire.imputations:
            attendus.append(
                _Attendu(
                    f"les CP de l'opération {imputation.code_operation}", imputation.credits_paiement, True
                )
            )
            attendus.append(
                _Attendu(
                    f"la dépense sur l'opération {imputation.code_operation}", imputation.proposition, True
                )
            )
    elif kind is DocumentKind.RAPPORT:
        attendus.append(_Attendu("la date de la séance", seance.date))
        for imputation in affaire.imputations:
            code = imputation.code_operation
            attendus += [
                _Attendu(f"les CP de l'opération {code}", imputation.credits_paiement, True),
                _Attendu(f"le disponible de l'opération {code}", imputation.disponible, True),
                _Attendu(f"la proposition sur l'opération {code}", imputation.proposition, True),
                _Attendu(f"le solde de l'opération {code}", imputation.solde, True),
            ]
    elif kind is DocumentKind.CONVENTION and affaire.convention is not None:
        convention = affaire.convention
        attendus += [
            _Attendu("le SIRET de la collectivité", ctx.dossier.collectivite.siret),
            _Attendu("le SIRET du bénéficiaire", affaire.beneficiaire.siret),
            _Attendu("le début de la période", convention.debut),
            _Attendu("la fin de la période", convention.fin),
            _Attendu("la date limite du bilan", convention.date_limite_bilan),
        ]
    elif kind is DocumentKind.BUDGET and document.annexe is not None:
        for rang, ligne in enumerate(document.annexe.lignes, start=1):
            attendus.append(
                _Attendu(f"le montant de la ligne {rang} ({ligne.intitule})", ligne.montant, True)
            )
        attendus.append(_Attendu("le total de l'annexe", document.annexe.total, True))
    return attendus


def _ecrit(valeur: Decimal | date | str) -> str:
    if isinstance(valeur, Decimal):
        return euros(valeur)
    if isinstance(valeur, date):
        return date_longue(valeur)
    return valeur


def chiffre_attendu_manquant(ctx: Context) -> Iterator[Draft]:
    """Chaque chiffre que le modèle de document place est bien écrit dans le document : le montant
    attribué (délibération, rapport, convention), les CP, disponible, proposition et solde du tableau
    d'imputation (dans un tableau, pour un DOCX), les lignes et le total de l'annexe budgétaire, la date
    de la séance, le numéro de la délibération, les SIRET, la période et la date limite du bilan de la
    convention.

    Pourquoi : un chiffre absent a été retouché ou effacé à la main après la génération.
    Référence : les modèles de documents d'actes62 (templates/)."""
    for document in ctx.documents:
        faits = document.faits
        tableaux = document.document.format == "docx" and bool(document.document.tables)
        montants_partout = {t.valeur for t in faits.montants}
        montants_tableaux = {t.valeur for t in faits.montants if t.piece.in_table}
        dates = {t.valeur for t in faits.dates}
        sirets_ecrits = {t.valeur for t in faits.sirets}
        texte = document.document.text
        for attendu in _attendus(document, ctx):
            valeur = attendu.valeur
            if isinstance(valeur, Decimal):
                present = valeur in (
                    montants_tableaux if attendu.en_tableau and tableaux else montants_partout
                )
            elif isinstance(valeur, date):
                present = valeur in dates
            elif valeur.isdigit() and len(valeur) == 14:
                present = valeur in sirets_ecrits
            else:
                present = re.search(rf"(?<![\d-]){re.escape(valeur)}(?![\d-])", texte) is not None
            if not present:
                ou = " dans un tableau" if attendu.en_tableau and tableaux else ""
                yield Draft(
                    f"{attendu.libelle} ({_ecrit(valeur)}) n'est pas écrit{ou} dans ce document "
                    f"({document.kind.value})",
                    _lieu(document, "tableau" if attendu.en_tableau and tableaux else None),
                    {
                        "attendu": valeur.isoformat() if isinstance(valeur, date) else str(valeur),
                        "quoi": attendu.libelle,
                    },
                )


def montant_inconnu_document(ctx: Context) -> Iterator[Draft]:
    """Chaque montant écrit dans un document est un chiffre du dossier : montant attribué, CP,
    disponible, proposition, solde, ligne ou total de l'annexe, ou montant cité par un texte du
    dossier (un « 9 830 » là où le dossier dit 9 380 est signalé). Les pourcentages et les années ne
    sont pas des montants ; un nombre nu égal à un pourcentage de l'annexe est lu comme tel.

    Pourquoi : un chiffre retouché dans un document ne correspond plus à la décision votée.
    Référence : cohérence des pièces avec le dossier (chaque fait est écrit une fois)."""
    for document in ctx.documents:
        connus = ctx.montants_connus(document.index)
        pourcentages = {Decimal(100)}  # the total row of a budget
        pourcentages |= {
            p for a in document.affaire.annexes if isinstance(a, AnnexeBudget) for p in a.pourcentages
        }
        for trouve in document.faits.montants:
            if trouve.valeur in connus or (not trouve.marque and trouve.valeur in pourcentages):
                continue
            yield Draft(
                f"le montant « {trouve.piece.text[trouve.debut : trouve.fin]} » n'est aucun des chiffres du "
                f"dossier (montant attribué : {euros(document.affaire.montant)})",
                trouve.lieu(document),
                {"ecrit": str(trouve.valeur), "montant": str(document.affaire.montant)},
            )


def en_lettres_document(ctx: Context) -> Iterator[Draft]:
    """Dans un document, un montant en lettres est égal au montant en chiffres écrit à côté.

    Pourquoi : la somme en lettres est celle que le lecteur retient ; une retouche des chiffres seuls
    (ou des lettres seules) crée deux montants.
    Référence : usage des actes administratifs et comptables (montant en toutes lettres)."""
    for document in ctx.documents:
        for trouve in document.faits.en_lettres:
            paire = trouve.valeur
            if paire.lettres != paire.chiffres:
                yield Draft(
                    f"« {paire.texte_lettres} » ({euros(paire.lettres)}) ne correspond pas au montant en chiffres "
                    f"écrit à côté ({paire.texte_chiffres})",
                    trouve.lieu(document),
                    {"en_lettres": str(paire.lettres), "en_chiffres": str(paire.chiffres)},
                )


@dataclass(frozen=True)
class _LigneBudget:
    montant: tuple[TextPiece, Decimal] | None
    pourcentage: tuple[TextPiece, Decimal] | None
    total: bool


def _lignes_budget(document: ReadDocument) -> list[_LigneBudget]:
    """The rows of a DOCX budget table: amount cell, percentage cell, whether it is the total."""
    cellules = budget_table(document)
    if cellules is None:
        return []
    lignes: dict[int, dict[str, object]] = {}
    for cellule in cellules:
        if cellule.row is None or cellule.row == 1:
            continue
        ligne = lignes.setdefault(cellule.row, {"total": False})
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
    resultat = []
    for _, ligne in sorted(lignes.items()):
        montant = ligne.get("montant")
        pourcentage = ligne.get("pourcentage")
        resultat.append(
            _LigneBudget(
                montant if isinstance(montant, tuple) else None,
                pourcentage if isinstance(pourcentage, tuple) else None,
                bool(ligne["total"]),
            )
        )
    return resultat


def _budgets(ctx: Context) -> Iterator[tuple[IdentifiedDocument, list[_LigneBudget], _LigneBudget | None]]:
    for document in ctx.documents:
        if document.kind is DocumentKind.BUDGET:
            lignes = _lignes_budget(document.document)
            total = next((ligne for ligne in lignes if ligne.total), None)
            yield document, [ligne for ligne in lignes if not ligne.total and ligne.montant], total


def _cellule(document: IdentifiedDocument, piece: TextPiece) -> Location:
    return Location(
        file=str(document.document.path),
        affaire=document.affaire.id,
        kind=document.kind.value,
        part=piece.part,
        text=excerpt(piece.text),
    )


def total_budget_document(ctx: Context) -> Iterator[Draft]:
    """Dans le tableau d'une annexe budgétaire, les lignes écrites s'additionnent au total écrit.

    Pourquoi : un total qui n'est pas la somme des lignes montre une ligne retouchée.
    Référence : arithmétique (Σ lignes = total)."""
    for document, lignes, total in _budgets(ctx):
        if total is None or total.montant is None:
            continue
        somme = sum((ligne.montant[1] for ligne in lignes if ligne.montant), Decimal(0))
        if somme != total.montant[1]:
            yield Draft(
                f"les lignes du budget font {euros(somme)}, le total écrit est {euros(total.montant[1])}",
                _cellule(document, total.montant[0]),
                {"somme_lignes": str(somme), "total": str(total.montant[1])},
            )


def pourcentage_document(ctx: Context) -> Iterator[Draft]:
    """Dans le tableau d'une annexe budgétaire, chaque pourcentage écrit est la ligne divisée par le
    total, arrondie au centième le plus proche (demi vers le haut).

    Pourquoi : un pourcentage faux trahit un montant retouché ou un calcul refait à la main.
    Référence : arithmétique (pourcentage = ligne ÷ total × 100, arrondi ROUND_HALF_UP à 0,01)."""
    for document, lignes, total in _budgets(ctx):
        if total is None or total.montant is None or total.montant[1] == 0:
            continue
        for ligne in lignes:
            if ligne.montant is None or ligne.pourcentage is None:
                continue
            attendu = arrondi_pourcentage(ligne.montant[1], total.montant[1])
            if ligne.pourcentage[1] != attendu:
                yield Draft(
                    f"le pourcentage écrit ({ligne.pourcentage[1]} %) n'est pas {euros(ligne.montant[1])} ÷ "
                    f"{euros(total.montant[1])} = {attendu} %",
                    _cellule(document, ligne.pourcentage[0]),
                    {"ecrit": str(ligne.pourcentage[1]), "attendu": str(attendu)},
                )


def somme_pourcentages_document(ctx: Context) -> Iterator[Draft]:
    """Dans le tableau d'une annexe budgétaire, les pourcentages écrits font 100 à l'arrondi près :
    l'écart permis est de n × 0,005 pour n lignes (chaque arrondi au centième déplace d'au plus 0,005).

    Pourquoi : au-delà, un pourcentage est faux, même si chacun semble plausible.
    Référence : arithmétique des arrondis (|Σ arrondis − 100| ≤ n × 0,005)."""
    for document, lignes, _ in _budgets(ctx):
        ecrits = [ligne.pourcentage for ligne in lignes if ligne.pourcentage is not None]
        if not ecrits:
            continue
        somme = sum((p[1] for p in ecrits), Decimal(0))
        tolerance = Decimal("0.005") * len(ecrits)
        if abs(somme - 100) > tolerance:
            yield Draft(
                f"les pourcentages écrits font {somme} %, pas 100 % (écart permis par les arrondis : {tolerance})",
                _cellule(document, ecrits[-1][0]),
                {"somme": str(somme), "tolerance": str(tolerance)},
            )


def date_inconnue_document(ctx: Context) -> Iterator[Draft]:
    """Chaque date écrite dans un document (en toutes lettres ou en chiffres) est une date du dossier :
    séance, avis, actes cités, convention (période, bilan), accusé de réception, ou date citée par un
    texte du dossier.

    Pourquoi : une date retouchée dans un document (période, échéance, visa) change l'acte.
    Référence : cohérence des pièces avec le dossier."""
    for document in ctx.documents:
        connues = ctx.dates_connues(document.index)
        for trouve in document.faits.dates:
            if trouve.valeur not in connues:
                yield Draft(
                    f"la date « {trouve.piece.text[trouve.debut : trouve.fin]} » n'est aucune date du dossier",
                    trouve.lieu(document),
                    {"ecrite": trouve.valeur.isoformat()},
                )


_NUMERO_CITE = re.compile(r"(?<!\w)n\s?[°o]\.?\s*(\d{4}-\d{1,4})\b", re.IGNORECASE)
_FIN_REFERENCE = re.compile(r"[«;\"“]")


def _actes_cites(document: IdentifiedDocument) -> Iterator[tuple[TextPiece, int, int, str, date | None]]:
    """Each « n°AAAA-NNN » of the document and the first date after it, before the title."""
    for piece in document.document.pieces:
        for m in _NUMERO_CITE.finditer(piece.text):
            suite = piece.text[m.end() : m.end() + 100]
            coupure = _FIN_REFERENCE.search(suite)
            suite = suite[: coupure.start()] if coupure else suite
            dates = trouver_dates(suite)
            if dates:
                _, fin, jour = dates[0]
                yield piece, m.start(), m.end() + fin, m[1], jour
            else:
                yield piece, m.start(), m.end(), m[1], None


def _dates_des_actes(ctx: Context, document: IdentifiedDocument) -> dict[str, frozenset[date]]:
    """The dates the dossier gives each act number, for this document (its own visas first; the
    délibérations of the séance at the séance's date)."""
    toutes, propres = ctx.dates_des_actes
    return {**toutes, **propres.get((document.index, document.kind.value), {})}


def acte_cite_date_document(ctx: Context) -> Iterator[Draft]:
    """Un acte cité par son numéro dans un document (« délibération n°2023-125 … en date du
    25/03/2023 ») porte la date que le dossier lui donne (pour un document de la séance : la date de
    la séance).

    Pourquoi : une date retouchée dans un visa désigne un autre acte, ou aucun.
    Référence : cohérence des visas entre le document et le dossier."""
    for document in ctx.documents:
        dates = _dates_des_actes(ctx, document)
        for piece, debut, fin, numero, jour in _actes_cites(document):
            if jour is None or numero not in dates or jour in dates[numero]:
                continue
            attendues = ", ".join(date_longue(d) for d in sorted(dates[numero]))
            yield Draft(
                f"la délibération n°{numero} est citée au {date_longue(jour)}, le dossier la date du {attendues}",
                Trouve(piece, debut, fin, numero).lieu(document),
                {
                    "numero": numero,
                    "ecrite": jour.isoformat(),
                    "dossier": ", ".join(d.isoformat() for d in sorted(dates[numero])),
                },
            )


def acte_cite_inconnu_document(ctx: Context) -> Iterator[Draft]:
    """Un acte cité par son numéro dans un document est un acte que le dossier cite (ou une
    délibération de la séance) (avertissement).

    Pourquoi : un numéro inconnu est souvent un numéro mal recopié.
    Référence : cohérence des visas entre le document et le dossier."""
    for document in ctx.documents:
        dates = _dates_des_actes(ctx, document)
        for piece, debut, fin, numero, _ in _actes_cites(document):
            if numero not in dates:
                yield Draft(
                    f"la délibération n°{numero} citée par le document n'est citée nulle part dans le dossier",
                    Trouve(piece, debut, fin, numero).lieu(document),
                    {"numero": numero},
                )


def siret_document(ctx: Context) -> Iterator[Draft]:
    """Chaque SIRET écrit dans un document est celui de la collectivité ou du bénéficiaire de
    l'affaire.

    Pourquoi : un SIRET retouché ou recopié d'un autre dossier désigne une autre structure.
    Référence : INSEE, répertoire SIRENE (SIRET à 14 chiffres, clé de Luhn)."""
    for document in ctx.documents:
        connus = {ctx.dossier.collectivite.siret, document.affaire.beneficiaire.siret}
        for trouve in document.faits.sirets:
            if trouve.valeur in connus:
                continue
            valide = "" if stdnum_siret.is_valid(trouve.valeur) else " (et sa clé de contrôle est fausse)"
            yield Draft(
                f"le SIRET « {trouve.piece.text[trouve.debut : trouve.fin]} » n'est ni celui de la collectivité ni "
                f"celui du bénéficiaire{valide}",
                trouve.lieu(document),
                {
                    "ecrit": trouve.valeur,
                    "collectivite": ctx.dossier.collectivite.siret,
                    "beneficiaire": document.affaire.beneficiaire.siret,
                },
            )
