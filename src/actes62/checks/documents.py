"""Rules on documents against the model: every amount, amount in words, percentage, date, cited act,
SIRET, vote count and ACTES identifier a document states is compared with the dossier, and each
fact the shipped templates write is looked for (documents are read and tied to their affaire by
`checks.attach`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal

from stdnum.fr import siret as stdnum_siret

from actes62.checks.attendus import Attendu, attendus, cles_dans, cles_du_document, cles_du_rendu, place_dans
from actes62.checks.attendus import cle as cle_fait
from actes62.checks.context import (
    Context,
    Draft,
    IdentifiedDocument,
    Trouve,
)
from actes62.checks.findings import Location, excerpt
from actes62.faits.lecture import role_montant
from actes62.faits.modele import Fait, Role, texte_valeur
from actes62.formats import date_longue, euros, trouver_dates
from actes62.identify import NUMERO_ACTE, BudgetRow, DocumentKind, nature_citee
from actes62.model import AnnexeBudget, arrondi_pourcentage
from actes62.read import ReadDocument, TextPiece

__all__ = [
    "acte_cite_date_document",
    "acte_cite_inconnu_document",
    "chiffre_attendu_manquant",
    "date_impossible_document",
    "date_inconnue_document",
    "document_illisible",
    "document_non_rattache",
    "en_lettres_document",
    "en_lettres_inconnu_document",
    "identifiant_actes_document",
    "montant_inconnu_document",
    "pourcentage_document",
    "siret_document",
    "somme_pourcentages_document",
    "total_budget_document",
    "vote_document",
]


def _partie(document: IdentifiedDocument, part: str | None = None) -> str | None:
    """The place in the document: `part`, in the bookmarked part of a PDF it belongs to."""
    partie = document.document.partie
    if partie is None:
        return part
    return f"{part}, « {partie} »" if part else f"« {partie} »"


def _lieu(document: IdentifiedDocument, part: str | None = None) -> Location:
    return Location(
        file=str(document.document.path),
        affaire=document.affaire.id,
        kind=document.kind.value,
        part=_partie(document, part),
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
                Location(
                    file=str(rejete.chemin),
                    kind=rejete.kind.value if rejete.kind else None,
                    part=f"« {rejete.partie} »" if rejete.partie else None,
                ),
                {"raison": rejete.raison},
            )


_VOIX = {
    "pour": "les voix pour",
    "contre": "les voix contre",
    "abstention": "les abstentions",
    "ne prend pas part": "les membres qui ne prennent pas part au vote",
}


def _resultat(adopte: bool) -> str:
    return "Adopté" if adopte else "Rejeté"


def _quoi(attendu: Attendu, rendu: ReadDocument) -> str:
    """What the missing fact is, in words: its kind, or the words the template writes around it."""
    if attendu.sorte == "voix" and isinstance(attendu.valeur, tuple):
        return _VOIX[attendu.valeur[0]]
    if attendu.sorte == "resultat":
        return "le résultat du vote"
    if attendu.sorte == "actes":
        return "l'identifiant ACTES de l'accusé de réception"
    if attendu.sorte == "numero":
        return f"le numéro {attendu.valeur}"
    if attendu.en_tableau and attendu.piece.header:
        premiere = next(
            (
                p.text
                for p in rendu.tables.get(attendu.piece.table or "", ())
                if p.row == attendu.piece.row and p.column == 1 and p is not attendu.piece
            ),
            None,
        )
        ligne = f" de la ligne « {excerpt(premiere, marge=30)} »" if premiere else ""
        return f"la colonne « {attendu.piece.header} »{ligne}"
    return f"« {excerpt(attendu.piece.text, attendu.debut, attendu.fin, marge=40)} »"


def chiffre_attendu_manquant(ctx: Context) -> Iterator[Draft]:
    """Chaque fait que le modèle de document écrit pour l'affaire est bien dans le document : le
    modèle (celui livré avec actes62, ou ceux de la collectivité donnés par `--templates`) est
    rempli pour l'affaire, relu comme le document, et chaque montant, pourcentage, date, SIRET,
    numéro d'acte, décompte des voix, résultat du vote et identifiant ACTES qu'il écrit est
    cherché dans le document (dans un tableau s'il l'écrit dans un tableau, pour un DOCX ; autant
    de fois qu'il l'écrit). Un fait effacé est signalé à l'endroit du document qui correspond à
    celui où le modèle l'écrit ; un fait changé ne l'est pas ici : les règles sur les valeurs le
    signalent à sa place.

    Pourquoi : un fait absent a été effacé à la main après la génération.
    Référence : les modèles de documents (templates/ ou ceux de la collectivité) et le dossier."""
    for document in ctx.documents:
        rendu, faits_rendu = ctx.rendu(document)
        lu = document.document
        tableaux = lu.format == "docx" and bool(lu.tables)
        groupes: dict[tuple[tuple[str, object], bool], list[Attendu]] = {}
        for attendu in attendus(rendu, faits_rendu):
            groupes.setdefault((cle_fait(attendu), attendu.en_tableau and tableaux), []).append(attendu)
        ecrits = {t: cles_du_document(lu, document.faits, en_tableau=t) for t in (False, True)}
        for (cle_attendue, en_tableau), liste in groupes.items():
            manque = len(liste) - ecrits[en_tableau][cle_attendue]
            for attendu in liste:
                if manque <= 0:
                    break
                place = place_dans(lu, rendu, attendu)
                if place is not None:
                    ici = cles_dans(attendu.sorte, lu, document.faits, *place)
                    if cle_attendue in ici:
                        continue  # this one is there
                    autour = cles_du_rendu(attendu, rendu, faits_rendu, pdf=lu.format != "docx")
                    if len(ici) >= len(autour):
                        manque -= 1
                        nouveaux = list((Counter(ici) - Counter(autour)).elements())
                        if nouveaux and all(_connu(ctx, document, c) for c in nouveaux):
                            # changed into another figure of the dossier: no rule on values sees it
                            yield _change(document, rendu, attendu, place, nouveaux)
                        continue  # changed into a figure the dossier does not know: said at its place
                manque -= 1
                yield _manquant(document, rendu, attendu, place, en_tableau)


def _connu(ctx: Context, document: IdentifiedDocument, cle: tuple[str, object]) -> bool:
    """Whether a value written in the document in place of the template's is one no rule on values
    reports (a figure or a date the dossier knows, any act number); counts and results are always
    compared with the dossier."""
    sorte, valeur = cle
    if sorte == "montant":
        return valeur in ctx.montants_connus(document.index)
    if sorte == "date":
        return valeur in ctx.dates_connues(document.index)
    if sorte == "siret":
        return valeur in {ctx.dossier.collectivite.siret, document.affaire.beneficiaire.siret}
    return sorte == "numero"  # an act's number is its identity: any other number there is reported


def _change(
    document: IdentifiedDocument,
    rendu: ReadDocument,
    attendu: Attendu,
    place: tuple[TextPiece, int, int],
    nouveaux: list[tuple[str, object]],
) -> Draft:
    quoi = _quoi(attendu, rendu)
    ecrits = ", ".join(texte_valeur(v) for _, v in nouveaux)
    return Draft(
        f"{quoi} : le modèle écrit « {attendu.ecrit.strip()} » à cet endroit, ce document y écrit "
        f"« {ecrits} » ({document.kind.value})",
        Trouve(place[0], place[1], place[2], None).lieu(document),
        {
            "attendu": texte_valeur(attendu.valeur),
            "quoi": quoi,
            "modele": attendu.ecrit.strip(),
            "ecrit": ecrits,
        },
    )


def _manquant(
    document: IdentifiedDocument,
    rendu: ReadDocument,
    attendu: Attendu,
    place: tuple[TextPiece, int, int] | None,
    en_tableau: bool,
) -> Draft:
    if place is not None:
        lieu = Trouve(place[0], place[1], place[2], None).lieu(document)
        if not place[0].text:  # an emptied cell
            lieu = replace(lieu, text=None)
    else:
        lieu = _lieu(document, "tableau" if en_tableau else None)
    quoi = _quoi(attendu, rendu)
    ou = " dans un tableau" if en_tableau else ""
    return Draft(
        f"{quoi} : le modèle écrit « {attendu.ecrit.strip()} », absent{ou} de ce document ({document.kind.value})",
        lieu,
        {
            "attendu": str(attendu.valeur[1])
            if isinstance(attendu.valeur, tuple)
            else texte_valeur(attendu.valeur),
            "quoi": quoi,
            "modele": attendu.ecrit.strip(),
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
        places_imputation = {
            f.lieu.part
            for faits in _rangees(document).values()
            for f in faits
            if f.role in _CHAMPS_IMPUTATION
        }
        for trouve in document.faits.montants:
            if trouve.valeur in connus or (not trouve.marque and trouve.valeur in pourcentages):
                continue
            if _ecrit_comme_subvention(trouve) or trouve.piece.part_at(trouve.debut) in places_imputation:
                continue  # P017 / P018 say it, at its place
            yield Draft(
                f"le montant « {trouve.ecrit} » n'est aucun des chiffres du "
                f"dossier (montant attribué : {euros(document.affaire.montant)})",
                trouve.lieu(document),
                {"ecrit": str(trouve.valeur), "montant": str(document.affaire.montant)},
            )


def _ecrit_comme_subvention(trouve: Trouve[Decimal]) -> bool:
    """The amount is written, in running text, as the subsidy granted (« attribuer une subvention
    de », « d'un montant de », « à hauteur de »)."""
    if trouve.piece.in_table or not trouve.marque:
        return False
    return role_montant(trouve.piece.text, trouve.debut, trouve.fin) is Role.SUBVENTION


def subvention_a_sa_place(ctx: Context) -> Iterator[Draft]:
    """Un montant écrit comme la subvention attribuée (« attribuer une subvention de », « octroie
    une subvention d'un montant de », « à hauteur de ») est le montant attribué de l'affaire — même
    quand ce chiffre est un autre chiffre du dossier (un seuil, un versement, le coût total).

    Pourquoi : l'article 1 retouché de 4 500 € en 23 000 € cite un chiffre connu du dossier (le seuil
    des conventions), mais ce n'est plus la subvention votée. Référence : cohérence des pièces avec
    la décision (CGCT L3211-2)."""
    for document in ctx.documents:
        montant = document.affaire.montant
        for trouve in document.faits.montants:
            if trouve.valeur != montant and _ecrit_comme_subvention(trouve):
                yield Draft(
                    f"la subvention est écrite « {trouve.ecrit} » ici ; le montant attribué est "
                    f"{euros(montant)}",
                    trouve.lieu(document),
                    {"ecrit": str(trouve.valeur), "montant": str(montant)},
                )


_CHAMPS_IMPUTATION = {
    Role.CP: ("credits_paiement", "les CP"),
    Role.DISPONIBLE: ("disponible", "le disponible"),
    Role.PROPOSITION: ("proposition", "la proposition"),
    Role.SOLDE: ("solde", "le solde"),
}


def _rangees(document: IdentifiedDocument) -> dict[str, list[Fait]]:
    rangees: dict[str, list[Fait]] = {}
    for fait in document.faits.imputations:
        if fait.cle is not None and not re.search(r"\btotal\b", fait.cle, re.IGNORECASE):
            rangees.setdefault(fait.cle, []).append(fait)
    return rangees


def imputation_a_sa_place(ctx: Context) -> Iterator[Draft]:
    """Dans un tableau d'imputation, chaque chiffre est celui de sa colonne pour son opération : les
    CP sont les CP de l'imputation, le disponible son disponible, la proposition sa proposition, le
    solde son solde (la ligne se reconnaît au code de l'opération, ou par son rang quand le
    tableau a autant de lignes que le dossier d'imputations).

    Pourquoi : un CP recopié dans la colonne du disponible reste « un chiffre du dossier », mais le
    tableau ne dit plus la situation des crédits. Référence : instruction budgétaire M57 ; cohérence
    de la délibération avec le budget voté."""
    for document in ctx.documents:
        rangees = _rangees(document)
        imputations = document.affaire.imputations
        if not rangees:
            continue
        _, faits_rendu = ctx.rendu(document)
        du_modele = {(f.role, f.cle, f.valeur) for f in faits_rendu.imputations}
        for rang, (cle, faits) in enumerate(rangees.items()):
            imputation = next((i for i in imputations if i.code_operation and i.code_operation in cle), None)
            if imputation is None and len(rangees) == len(imputations):
                imputation = imputations[rang]
            if imputation is None:
                continue
            for fait in faits:
                champ = _CHAMPS_IMPUTATION.get(fait.role)
                if champ is None:
                    continue
                attendu = getattr(imputation, champ[0])
                if (fait.role, fait.cle, fait.valeur) in du_modele:
                    continue  # the template writes this very figure here: its column is not what its title says
                if fait.valeur != attendu:
                    lieu = replace(fait.lieu, affaire=document.affaire.id, kind=document.kind.value)
                    yield Draft(
                        f"{champ[1]} de l'opération {imputation.code_operation} : {fait.ecrit or fait.valeur} "
                        f"écrit ici, {euros(attendu, centimes=True)} au dossier",
                        lieu,
                        {"ecrit": str(fait.valeur), "dossier": str(attendu), "colonne": champ[0]},
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


def en_lettres_inconnu_document(ctx: Context) -> Iterator[Draft]:
    """Un montant écrit en lettres seul dans un document (sans chiffres à côté) est un montant du
    dossier : montant attribué, chiffre du tableau ou de l'annexe, ou montant cité par le dossier.

    Pourquoi : une somme en lettres retouchée change la décision sans qu'aucun chiffre ne bouge.
    Référence : usage des actes administratifs et comptables (montant en toutes lettres)."""
    for document in ctx.documents:
        connus = ctx.montants_connus(document.index)
        for trouve in document.faits.lettres_seules:
            if trouve.valeur not in connus:
                yield Draft(
                    f"le montant en lettres « {trouve.ecrit} » ({euros(trouve.valeur)}) n'est aucun des "
                    f"chiffres du dossier (montant attribué : {euros(document.affaire.montant)})",
                    trouve.lieu(document),
                    {"ecrit": str(trouve.valeur), "montant": str(document.affaire.montant)},
                )


def _budgets(ctx: Context) -> Iterator[tuple[IdentifiedDocument, list[BudgetRow], BudgetRow | None]]:
    for document in ctx.documents:
        if document.kind is DocumentKind.BUDGET:
            lignes = document.identification.budget or ()
            total = next((ligne for ligne in lignes if ligne.total), None)
            yield document, [ligne for ligne in lignes if not ligne.total and ligne.montant], total


def _cellule(document: IdentifiedDocument, piece: TextPiece) -> Location:
    return Location(
        file=str(document.document.path),
        affaire=document.affaire.id,
        kind=document.kind.value,
        part=_partie(document, piece.part),
        text=excerpt(piece.text),
        landmark=piece.landmark or None,
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
                    f"la date « {trouve.ecrit} » n'est aucune date du dossier",
                    trouve.lieu(document),
                    {"ecrite": trouve.valeur.isoformat()},
                )


def date_impossible_document(ctx: Context) -> Iterator[Draft]:
    """Chaque date écrite dans un document existe (pas de « 31 septembre 2025 ») et son jour de la
    semaine, s'il est écrit, est le bon (pas de « lundi 16 septembre 2025 », un mardi).

    Pourquoi : une date impossible ne désigne aucun jour ; l'acte qui la porte est ambigu.
    Référence : calendrier grégorien."""
    for document in ctx.documents:
        for trouve in document.faits.dates_impossibles:
            yield Draft(
                f"la date « {trouve.ecrit} » est impossible : {trouve.valeur}",
                trouve.lieu(document),
                {"ecrite": trouve.ecrit},
            )


_FIN_REFERENCE = re.compile(r"[«;\"“]")


def _actes_cites(document: IdentifiedDocument) -> Iterator[tuple[TextPiece, int, int, str, date | None]]:
    """Each « n°AAAA-NNN » the document cites as a délibération (not a loi, décret, ordonnance or
    arrêté) and the first date after it, before the title."""
    for piece in document.document.pieces:
        if piece.is_header:
            continue
        for m in NUMERO_ACTE.finditer(piece.text):
            if nature_citee(piece.text, m.start()) != "deliberation":
                continue
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
                f"le SIRET « {trouve.ecrit} » n'est ni celui de la collectivité ni "
                f"celui du bénéficiaire{valide}",
                trouve.lieu(document),
                {
                    "ecrit": trouve.valeur,
                    "collectivite": ctx.dossier.collectivite.siret,
                    "beneficiaire": document.affaire.beneficiaire.siret,
                },
            )


def identifiant_actes_document(ctx: Context) -> Iterator[Draft]:
    """Chaque identifiant ACTES écrit dans un document est celui de l'accusé de réception de la
    délibération de l'affaire (le « -1-1 » ajouté par la préfecture mis à part).

    Pourquoi : l'identifiant désigne l'acte transmis au contrôle de légalité ; un autre identifiant
    rattache le document à un autre acte, ou à aucun.
    Référence : format de l'identifiant ACTES (département-SIREN-AAAAMMJJ-numéro interne-nature)."""
    for document in ctx.documents:
        acquittement = document.affaire.deliberation.acquittement
        attendu = acquittement.identifiant if acquittement is not None else None
        for trouve in document.faits.identifiants_actes:
            if trouve.valeur == attendu:
                continue
            dossier = (
                f"celui du dossier est {attendu}"
                if attendu is not None
                else "le dossier ne donne pas d'accusé de réception pour cette délibération"
            )
            yield Draft(
                f"l'identifiant ACTES « {trouve.valeur} » n'est pas celui de la délibération : {dossier}",
                trouve.lieu(document),
                {"ecrit": trouve.valeur, "dossier": attendu or ""},
            )


def vote_document(ctx: Context) -> Iterator[Draft]:
    """Dans une délibération, les voix écrites à côté de « Pour », « Contre », « Abstention » et
    « Ne prend pas part au vote » sont celles du dossier, et le résultat écrit (« Adopté »,
    « Rejeté ») est celui du vote.

    Pourquoi : le décompte des voix et le résultat sont la décision elle-même ; un chiffre retouché
    dans le document change ce qui a été voté.
    Référence : CGCT, règle de vote du conseil départemental (article L3121-15, numéro à confirmer : décisions à la majorité des suffrages exprimés, voix
    prépondérante du président en cas de partage)."""
    for document in ctx.documents:
        if document.kind is not DocumentKind.DELIBERATION:
            continue
        vote = document.affaire.deliberation.vote
        if (
            vote is None
        ):  # a projet: a vote written in it is not the dossier's (V-rules on the dossier say so)
            continue
        nombres = {
            "pour": vote.pour,
            "contre": vote.contre,
            "abstention": vote.abstention,
            "ne prend pas part": vote.ne_prend_pas_part,
        }
        for compte in document.faits.voix:
            quoi, nombre = compte.valeur
            if nombre != nombres[quoi]:
                yield Draft(
                    f"« {compte.ecrit} » : le dossier compte {nombres[quoi]} voix ({quoi})",
                    compte.lieu(document),
                    {"quoi": quoi, "ecrit": str(nombre), "dossier": str(nombres[quoi])},
                )
        resultat = _resultat(vote.adopte)
        for trouve in document.faits.resultats:
            if trouve.valeur != resultat:
                yield Draft(
                    f"« {trouve.ecrit} » : d'après le vote du dossier, la délibération est {resultat.lower()}e",
                    trouve.lieu(document),
                    {"quoi": "résultat", "ecrit": trouve.valeur, "dossier": resultat},
                )
