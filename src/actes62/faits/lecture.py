"""A document read (`actes62.read`) → its facts (`DocumentFaits`): the one place where text
becomes typed, located facts with a role.

Running text gives amounts (their role from the words before them: « attribuer une subvention de »,
« dans la limite de », « acompte de », « coût total »…), amounts in words, dates (of the séance, of
the avis, deadlines, periods), the acts cited (number, instance, date, title), the annexes named and
what each one is, SIRETs and whose they are, the parties' representatives and signatories, the
attendance and the vote, the ACTES identifier. Tables give rows of amounts (`tableaux`).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from actes62.checks.findings import Location, excerpt
from actes62.faits.modele import (
    ActeCite,
    DocumentFaits,
    Fait,
    LigneTableau,
    Periode,
    Personne,
    Role,
    Sorte,
    Tableau,
)
from actes62.faits.phrases import (
    dates_impossibles,
    dates_limite_bilan,
    ecrit_comme_montant,
    en_lettres_et_chiffres,
    en_lettres_seules,
    identifiants_actes,
    references_annexes,
)
from actes62.faits.tableaux import (
    ColonneImputation,
    colonnes_imputation,
    lignes_imputation_pdf,
    tableaux_docx,
    tableaux_pdf,
)
from actes62.formats import lire_euros, trouver_dates, trouver_montants
from actes62.identify import DocumentKind, Identification, identify_parts, pliage, sirets
from actes62.model import arrondi_centimes
from actes62.read import ReadDocument, TextPiece

__all__ = ["faits_document", "imputations", "lire_faits", "role_montant"]


@dataclass
class _Lecteur:
    """What reading one document gathers, piece after piece."""

    genre: str | None
    faits: list[Fait]
    partie: Role | None = None  # the party of the convention being described (Entre… / Et…)

    def lieu(self, piece: TextPiece, debut: int = 0, fin: int | None = None) -> Location:
        return Location(
            file=str(piece.path),
            kind=self.genre,
            part=piece.part_at(debut),
            text=excerpt(piece.text, debut, fin),
            landmark=piece.landmark or None,
        )

    def ajouter(
        self,
        sorte: Sorte,
        role: Role,
        valeur: object,
        piece: TextPiece,
        debut: int = 0,
        fin: int | None = None,
        cle: str | None = None,
    ) -> None:
        fin_ = len(piece.text) if fin is None else fin
        self.faits.append(
            Fait(sorte, role, valeur, self.lieu(piece, debut, fin_), piece.text[debut:fin_], cle)  # type: ignore[arg-type]
        )


# --- amounts and their role ----------------------------------------------------------------------------

_ROLES_AVANT: tuple[tuple[re.Pattern[str], Role], ...] = (
    (
        re.compile(
            r"(dans la limite|\blimit(?:e|ee|ant|er)?\b|plafon|plafond|seuil|superieure? (?:a|ou egale? a)|au-dela|inferieure? a|"
            r"n'excede|excedant|ne peut exceder|maximum|minimum|montant maximal)[^.;]{0,60}$"
        ),
        Role.CITE,
    ),
    (
        re.compile(
            r"(acompte|avance|versement|verse en|versee en|tranche|solde de la subvention|le solde)[^.;]{0,60}$"
        ),
        Role.VERSEMENT,
    ),
    (
        re.compile(
            r"(cout total|cout global|cout eligible|budget previsionnel|budget global|budget total|montant total du projet|"
            r"cout du projet|cout de l'operation|cout de l'action)[^.;€]{0,50}$"
        ),
        Role.COUT_TOTAL,
    ),
    (re.compile(r"(credits de paiement|\bcp\b)[^.;]{0,20}$"), Role.CP),
    (  # the eligible base of a rate: « au taux de 25 % sur une dépense subventionnable de 190 000 € »
        re.compile(
            r"(depenses? subventionnables?|depenses? eligibles?|assiette|sur une depense|sur la base)[^.;€]{0,30}$"
        ),
        Role.AUTRE,
    ),
    (
        re.compile(
            r"(subventions?\b|participation (?:financiere|du departement)|aide (?:financiere|departementale|de)|"
            r"accompagnement financier|a hauteur de|octroi|attribu|allou|dotation)[^.;€]{0,70}$"
        ),
        Role.SUBVENTION,
    ),
)
_APRES_CITE = re.compile(
    r"^\s*(?:€|euros?)?\s*(?:ht|ttc)?\s*(?:par|/|le|la)\s+(?:jour|mois|an|heure|participant|personne|nuit|repas|km|unite)",
    re.IGNORECASE,
)
_MILLIONS = re.compile(r"(?<![\d,])(\d{1,3}(?:,\d{1,3})?)\s?(M|k)\s?€", re.IGNORECASE)


_PASSE = re.compile(
    r"\bdeja\b|precedem|anterieur|l'an dernier|l'annee (?:derniere|precedente)|les annees precedentes|\bavait\b"
    r"|sollicit|\b(?:a|avait|ont|avaient)\s+demande|\bdemande\s+(?:une|un)\s+(?:subvention|aide|financement|participation)"
)
"""Words that make a subsidy amount another one: a past year's, or the amount asked for."""


_AUTRE_FINANCEUR = re.compile(
    r"(?:subvention|aide|participation|financement|concours|dotation)s?\s+(?:de\s+la|de\s+l'\s*|du|des|de)\s*"
    r"(?:region|etat|europe|union europeenne|feder|fse|caf|commune|ville|intercommunalite|communaute|metropole"
    r"|agence|ans\b|drac|dreal|ars\b|fondation|cnds|bpi|ademe)"
)


def role_montant(texte: str, debut: int, fin: int) -> Role:
    """The role of the amount at [debut, fin) of `texte`, from the words before it (and after it:
    « 80 € par jour » is a price)."""
    avant = pliage(texte[max(0, debut - 110) : debut])
    phrase = re.split(r"[.;:!?]\s|\n", avant)[-1]
    if _APRES_CITE.match(texte[fin : fin + 40]):
        return Role.CITE
    debut_phrase = max(texte.rfind(separateur, 0, debut) for separateur in ("; ", ". ", "\n", ";\n"))
    if re.match(r"\W*vu\b", pliage(texte[debut_phrase + 1 : debut])):
        return Role.AUTRE  # « Vu la délibération … attribuant une subvention de 26 000 € »: a past act
    if re.search(r"%\s*$", texte[fin : fin + 3]):
        return Role.AUTRE
    for motif, role in _ROLES_AVANT:
        if motif.search(phrase):
            if role is Role.SUBVENTION and (_PASSE.search(phrase) or _AUTRE_FINANCEUR.search(phrase)):
                return Role.AUTRE  # « déjà aidé en 2024… », « la subvention de la Région… »: another subsidy
            return role
    return Role.AUTRE


_LIMITE = re.compile(r"dans\s+la\s+limite\s+(?:de|d['’])|plafonn[ée]e?\s+[àa]", re.IGNORECASE)
_TAUX = re.compile(r"(\d{1,3}(?:,\d{1,2})?)\s?%")
_VERSEMENT_PROCHE = re.compile(r"avance|acompte|versement|tranche|solde")


def _plafond(lecteur: _Lecteur, piece: TextPiece) -> None:
    """The caps a text states, each as a fact with the key « plafond »: « dans la limite de 15 % du
    coût éligible (412 500 € HT, soit 61 875 €) » is one cap of 61 875 € (the amount after « soit »,
    else the rate times the base written right after it); « dans la limite de 25 % du coût HT et de
    150 000 € » is two: a rate (checked against the cost stated elsewhere) and an amount."""
    texte = piece.text
    for m in _LIMITE.finditer(texte):
        debut_phrase = max(texte.rfind(". ", 0, m.start()), texte.rfind("; ", 0, m.start()), 0)
        if _VERSEMENT_PROCHE.search(pliage(texte[debut_phrase : m.start()])):
            continue  # « une avance … dans la limite de 50 % de la subvention »: a payment's limit
        fin_phrase = re.search(r"[.;]\s|$", texte[m.end() :])
        phrase = texte[m.end() : m.end() + (fin_phrase.start() if fin_phrase else 200)]
        montants = [(d, f, v) for d, f, v in trouver_montants(phrase) if ecrit_comme_montant(phrase[d:f])]
        taux = _TAUX.match(phrase.strip())
        soit = [(d, f, v) for d, f, v in montants if re.search(r"soit\s*$", phrase[max(0, d - 8) : d])]
        separes = [
            (d, f, v)
            for d, f, v in montants
            if re.search(r"\b(?:et|ainsi que)\s+(?:de|d['’]|à)?\s*$", phrase[max(0, d - 14) : d])
        ]
        plafonds: list[tuple[int, Decimal]] = []
        if soit:
            plafonds.append((soit[0][1], soit[0][2]))
        elif taux and montants and montants[0] not in separes:
            _, f, base = montants[0]
            plafonds.append((f, arrondi_centimes(base * Decimal(taux[1].replace(",", ".")) / 100)))
        elif not taux and montants:
            plafonds.append((montants[0][1], montants[0][2]))
        elif taux:
            valeur = Decimal(taux[1].replace(",", "."))
            lecteur.ajouter(
                Sorte.POURCENTAGE, Role.CITE, valeur, piece, m.start(), m.end() + taux.end(), cle="plafond"
            )
        plafonds += [(f, v) for _, f, v in separes if taux]
        for fin, plafond in plafonds:
            lecteur.ajouter(Sorte.MONTANT, Role.CITE, plafond, piece, m.start(), m.end() + fin, cle="plafond")


_PART = re.compile(
    r"soit\s+(?P<taux>\d{1,3}(?:,\d{1,2})?)\s?%\s+(?:du|de\s+la|des)\s+(?:co[uû]t|budget|montant|d[ée]pense)s?"
    r"[^.;:,%()]{0,60}?(?:,\s*(?:estim|[ée]valu|arr[êe]t|fix|s['’][ée]lev)[^.;:,%()]{0,30}?)?\s(?:[àa]|de)\s*$",
    re.IGNORECASE,
)


_PART_DU_COUT_TOTAL = re.compile(
    r"\bsoit\s+(?P<taux>\d{1,3}(?:,\d{1,2})?)\s?%\s+du\s+co[uû]t\s+total(?:\s+(?:du|de\s+la|de\s+l['’])\s*\w+)?"
    r"(?:\s+(?:HT|TTC|hors\s+taxes?))?",
    re.IGNORECASE,
)


def _part_du_cout(lecteur: _Lecteur, piece: TextPiece) -> None:
    """« une subvention de 12 500 €, soit 40 % du coût total …, estimé à 25 000 € »: the amount,
    the rate and the base, as one fact (the rate, keyed « amount/base »), to be checked. The
    amount is the last one before « soit » that is not a cap (« dans la limite de 15 000 € »)."""
    texte = piece.text
    montants = [(d, f, v) for d, f, v in trouver_montants(texte) if ecrit_comme_montant(texte[d:f])]
    for rang in range(1, len(montants)):
        d2, f2, base = montants[rang]
        _, f1, _ = montants[rang - 1]
        m = _PART.search(texte[f1:d2])
        if m is None or base <= 0:
            continue
        avant = [(d, f, v) for d, f, v in montants[:rang] if role_montant(texte, d, f) is not Role.CITE]
        if not avant:
            continue
        d1, _, montant = avant[-1]
        valeur = Decimal(m["taux"].replace(",", "."))
        lieu = lecteur.lieu(piece, d1, f2)
        lecteur.faits.append(
            Fait(Sorte.POURCENTAGE, Role.COUT_TOTAL, valeur, lieu, texte[d1:f2], f"{montant}/{base}")
        )
    for m in _PART_DU_COUT_TOTAL.finditer(texte):  # « 47 500 €, soit 23,11 % du coût total du projet. »
        precedents = [(d, f, v) for d, f, v in montants if f <= m.start() and m.start() - f < 12]
        suivants = [d for d, _, _ in montants if d >= m.end() and d - m.end() < 60]
        if precedents and not suivants:
            d1, _, montant = precedents[-1]
            valeur = Decimal(m["taux"].replace(",", "."))
            lecteur.faits.append(
                Fait(
                    Sorte.POURCENTAGE,
                    Role.COUT_TOTAL,
                    valeur,
                    lecteur.lieu(piece, d1, m.end()),
                    texte[d1 : m.end()],
                    f"{montant}/cout",
                )
            )


def _montants_texte(lecteur: _Lecteur, piece: TextPiece) -> None:
    texte = piece.text
    millions = [(m.start(), m.end()) for m in _MILLIONS.finditer(texte)]
    for debut, fin, valeur in trouver_montants(texte):
        if not ecrit_comme_montant(texte[debut:fin]) or any(d <= debut < f for d, f in millions):
            continue
        role = role_montant(texte, debut, fin)
        cle = None
        if role is Role.VERSEMENT:
            avant = pliage(texte[max(0, debut - 40) : debut])
            versement_nomme = re.search(
                r"\b(?:solde|acompte|avance|versement|tranche)\b[^,;]{0,20},?\s*soit\W*$", avant
            )
            if re.search(r"(?:soit|au total|total de|en tout)\W*$", avant) and not versement_nomme:
                continue  # « …, soit 48 000 € »: the sum of the payments, not a payment (« le solde, soit … » is one)
            cle = "solde" if re.search(r"\bsolde\b[^,;]*$", avant) else None
        elif role is Role.COUT_TOTAL:  # HT and TTC are two costs, not one written twice
            apres = pliage(texte[fin : fin + 12])
            cle = (
                "ttc"
                if re.match(r"\W*ttc\b", apres)
                else "ht"
                if re.match(r"\W*(?:ht|h\.t\.|hors tax)", apres)
                else None
            )
        lecteur.ajouter(Sorte.MONTANT, role, valeur, piece, debut, fin, cle=cle)
    for m in _MILLIONS.finditer(texte):
        valeur = Decimal(m[1].replace(",", ".")) * (10**6 if m[2].upper() == "M" else 10**3)
        lecteur.ajouter(
            Sorte.MONTANT, role_montant(texte, m.start(), m.end()), valeur, piece, m.start(), m.end()
        )
    _plafond(lecteur, piece)
    _part_du_cout(lecteur, piece)
    paires = en_lettres_et_chiffres(texte)
    for paire in paires:
        lecteur.ajouter(
            Sorte.EN_LETTRES, Role.ECRIT, (paire.lettres, paire.chiffres), piece, paire.debut, paire.fin
        )
    for debut, fin, valeur in en_lettres_seules(texte, paires):
        lecteur.ajouter(Sorte.MONTANT, role_montant(texte, debut, fin), valeur, piece, debut, fin)


# --- dates: séance, avis, deadlines, periods ------------------------------------------------------------

_SEANCE_AVANT = re.compile(
    r"(?:reunion|seance)\s+(?:de la commission permanente\s+|du conseil departemental\s+)?du\s*$"
    r"|(?<!deliberation )(?<!deliberation de la )(?:commission permanente|conseil departemental)"
    r"(?: du conseil departemental)?(?: du pas-de-calais)?\s+(?:reunie?\s+)?(?:le|du)\s*$"
)
_AVIS = re.compile(r"\bavis\b")
_PERIODE = re.compile(
    r"(?:entre\s+le|du|a compter du|depuis le)\s+(?P<d1>DATE)\s*(?:,\s*)?(?:et\s+le|au|jusqu'au)\s+(?P<d2>DATE)"
)


def _en_tete(piece: TextPiece, position: int) -> bool:
    """The date at `position` is in a heading (« RÉUNION DU 15 SEPTEMBRE 2025 », a header or footer
    line), not in running text (« lors de sa réunion du 24 janvier 2022, le Conseil… »)."""
    if piece.page is None:
        return len(piece.text) < 160 or "en-tête" in piece.part or "pied" in piece.part
    lignes = piece.lines()
    numero = max(0, bisect_right(piece.line_starts, position) - 1)
    return numero < len(lignes) and (len(lignes[numero]) < 90 or numero < 12)


def _dates(lecteur: _Lecteur, piece: TextPiece) -> None:
    texte = piece.text
    plie = pliage(texte)
    trouvees = trouver_dates(texte)
    limites = {(d, f) for d, f, _ in dates_limite_bilan(texte)}
    for debut, fin, jour in dates_limite_bilan(texte):
        lecteur.ajouter(Sorte.DATE, Role.ECHEANCE, jour, piece, debut, fin)
    # periods: « entre le 1er janvier 2025 et le 31 décembre 2025 », « du … au … »
    dans_periode: set[int] = set()
    for (d1, f1, j1), (d2, f2, j2) in itertools.pairwise(trouvees):
        entre = plie[f1:d2]
        avant = plie[max(0, d1 - 25) : d1]
        if re.fullmatch(r"\s*,?\s*(?:et\s+le|au|jusqu'au|-)\s*", entre) and re.search(
            r"(?:entre\s+le|du|a compter du|periode du|depuis le)\s*$", avant
        ):
            if re.search(r"(?:deliberation|reunion|seance)[^.;]{0,40}$", plie[max(0, d1 - 60) : d1]):
                continue
            lecteur.ajouter(Sorte.PERIODE, Role.REALISATION, Periode(j1, j2), piece, d1, f2)
            dans_periode |= {d1, d2}
    for debut, fin, jour in trouvees:
        if (debut, fin) in limites or debut in dans_periode:
            continue
        avant = plie[max(0, debut - 90) : debut]
        phrase = re.split(r"[.;!?]\s|\n", avant)[-1]
        if (
            _AVIS.search(phrase)
            and re.search(
                r"(reunie?s?|reunion|seance|rendu|emis|donne)[^.;]{0,30}\b(du|le|en date du)\s*$|\bdu\s*$",
                phrase,
            )
            and not re.search(r"deliberation", phrase)
        ):
            lecteur.ajouter(Sorte.DATE, Role.AVIS, jour, piece, debut, fin)
        elif (
            _SEANCE_AVANT.search(phrase)
            and _en_tete(piece, debut)
            and not re.search(
                r"deliberation|commission\s*(?:n|\d)|\bavis\b|adopt|approuv|vote|decid|arret|pris\b", phrase
            )
        ):
            lecteur.ajouter(Sorte.DATE, Role.SEANCE, jour, piece, debut, fin)
    for debut, fin, raison in dates_impossibles(texte):
        lecteur.ajouter(Sorte.DATE_IMPOSSIBLE, Role.ECRIT, raison, piece, debut, fin)


# --- acts cited ----------------------------------------------------------------------------------------

_ACTE = re.compile(r"\bd[ée]lib[ée]ration\b", re.IGNORECASE)
_INSTANCES = (
    ("commission permanente", "commission permanente"),
    ("conseil departemental", "conseil départemental"),
    ("assemblee departementale", "conseil départemental"),
    ("conseil general", "conseil départemental"),
    ("conseil municipal", "conseil municipal"),
    ("conseil communautaire", "conseil communautaire"),
    ("conseil regional", "conseil régional"),
    ("assemblee pleniere", "assemblée plénière"),
    ("bureau", "bureau"),
    ("comite syndical", "comité syndical"),
    ("comite directeur", "comité directeur"),
    ("conseil d'administration", "conseil d'administration"),
    ("assemblee generale", "assemblée générale"),
    ("conseil syndical", "conseil syndical"),
)
NUMERO = r"((?:[A-Z]{1,4}[-./])?\d{2,4}[A-Z]{0,4}(?:[-./]\s?[A-Z0-9]{1,6}){1,3})\b"
"""An act's number in any collectivité's form: 2025-344, CP-2026-114, 2026.0142.CP, 25AP.187,
2026-CP-06-112 (also when a PDF line breaks it after a hyphen: « 2026-CP- 06-112 »)."""
_NUMERO_CITE = re.compile(r"(?<!\w)N\s?[°o]\.?\s*" + NUMERO, re.IGNORECASE)
_TITRE = re.compile(
    r"^[\s,]*(?:portant[^«\"]{0,80}?|relative?\s+[àa][^«\"]{0,40}?|intitul[ée]e?\s*)?[«\"“]\s*(?P<t>[^»\"”]{3,300})"
)
_AUTORISE = re.compile(
    r"(?:(?:d[ûu]ment\s+)?(?:autoris[ée]e?s?|habilit[ée]e?s?)\s+(?:[àa]\s+signer\s+)?(?:par|en vertu d['’]une)"
    r"|en\s+vertu\s+(?:de|d['’]une))\s*(?:la\s+)?$",
    re.IGNORECASE,
)


def _actes(lecteur: _Lecteur, piece: TextPiece) -> None:
    """« délibération [n°X] [du CD|de la CP] [en date] du D [« titre »] »: one fact per act cited."""
    texte = piece.text
    dates = trouver_dates(texte)
    for m in _ACTE.finditer(texte):
        fenetre_fin = min(len(texte), m.end() + 160)
        suite = texte[m.end() : fenetre_fin]
        coupure = re.search(r"[;«\"“]|\.\s|\bVu\b", suite)
        portee = m.end() + (coupure.start() if coupure else len(suite))
        date_acte = next(((d, f, j) for d, f, j in dates if m.end() <= d < portee + 2), None)
        if date_acte is None:  # « adopté … le 25 juin 2025 (délibération n° 25AP.187) »
            date_acte = next(
                ((d, f, j) for d, f, j in dates if re.fullmatch(r"\s*\(\s*", texte[f : m.start()])), None
            )
        numero = _NUMERO_CITE.search(texte, m.end(), portee)
        if date_acte is None and numero is None:
            continue
        avant = date_acte is not None and date_acte[1] <= m.start()
        fin = date_acte[1] if date_acte and not avant else numero.end() if numero else m.end()
        debut_acte = date_acte[0] if date_acte and avant else m.start()
        morceau = pliage(texte[max(0, debut_acte - 60) : debut_acte] if avant else texte[m.end() : fin])
        instance = next((nom for cle, nom in _INSTANCES if cle in morceau), None)
        titre_m = _TITRE.match(texte[fin : fin + 320])
        titre = " ".join(titre_m["t"].split()) if titre_m else None
        autorise = _AUTORISE.search(texte[max(0, m.start() - 60) : m.start()]) is not None
        role = Role.AUTORISATION if autorise and lecteur.partie is not Role.BENEFICIAIRE else Role.VISA
        acte = ActeCite(
            "deliberation",
            re.sub(r"\s+", "", numero[1]) if numero else None,
            instance,
            date_acte[2] if date_acte else None,
            titre,
        )
        lecteur.ajouter(Sorte.ACTE_CITE, role, acte, piece, debut_acte, fin)


# --- annexes --------------------------------------------------------------------------------------------

_MARQUE = re.compile(
    r"^\W*annexe\s*(?:n\s?[°o]\s*)?(\d{1,2})\b(?!\s*(?:à|a|de)\s+la\s+convention)", re.IGNORECASE
)
_ANNEXE_A = re.compile(
    r"annexe\s*(?:n\s?[°o]\s*)?\d{0,2}\s*(?:à|a|de)\s+la\s+d[ée]lib[ée]ration\s+n\s?[°o]\.?\s*" + NUMERO,
    re.IGNORECASE,
)


_PIECE_DU_GENRE = {"convention": "convention", "annexe budgétaire": "budget"}


def _annexes(lecteur: _Lecteur, piece: TextPiece, premiere: bool) -> None:
    texte = piece.text
    marque = _MARQUE.match(texte) if premiere else None
    piece_du_genre = _PIECE_DU_GENRE.get(lecteur.genre or "")
    if (
        marque is not None
        and piece_du_genre is not None
        and not references_annexes(texte[: marque.end()])[0].mot_cle
    ):
        valeur = f"{piece_du_genre}:{int(marque[1])}"
        lecteur.ajouter(Sorte.ANNEXE, Role.MARQUE, valeur, piece, marque.start(), marque.end())
    for reference in references_annexes(texte):
        if reference.mot_cle is None:
            continue
        est_marque = premiere and _MARQUE.match(texte[: reference.fin + 2]) is not None
        for numero in reference.numeros:
            role = Role.MARQUE if est_marque else Role.REFERENCE
            lecteur.ajouter(
                Sorte.ANNEXE, role, f"{reference.mot_cle}:{numero}", piece, reference.debut, reference.fin
            )


# --- parties, SIRET, beneficiary, people ----------------------------------------------------------------

_FIN_PARTIES = re.compile(
    r"^\W*(?:vu\b|article\b|il\s+(?:a\s+[ée]t[ée]|est)\s+convenu|pr[ée]ambule|titre\b)", re.IGNORECASE
)
_ENTRE = re.compile(r"^\W*entre\b", re.IGNORECASE)
_ET = re.compile(r"^\W*et\b(?!\s+d)", re.IGNORECASE)
_ET_L = re.compile(r"^\W*et\s+(?:l['’]|la\s|le\s)", re.IGNORECASE)
_CIVILITE = r"(?:Monsieur|Madame|M\.|Mme|Mlle)"
_NOM_PROPRE = r"(?:[A-ZÉÈÊÀÂÎÏÔÖÛÜÇ][\w'’ÉÈÊÀÂÎÏÔÖÛÜÇéèêëàâîïôöûüç-]*)"
_REPRESENTE = re.compile(
    rf"repr[ée]sent[ée]e?\s+par\s+(?:(?:son|sa|le|la|leur)\s+(?P<fonction>[^,;\n]{{2,60}}),\s*)?(?P<civilite>{_CIVILITE})\s+(?P<nom>{_NOM_PROPRE}(?:\s+{_NOM_PROPRE}){{0,3}})\s*,?\s*(?P<qualite>[^,;\n]{{0,90}})?"
)
_SIGNATURE_NOM = re.compile(
    r"(?<![\w'])(?P<nom>(?:[A-ZÉÈ][a-zéèëêïîôöüç]+(?:-[A-ZÉÈ][a-zéèëêïîôöüç]+)?\s+){1,2}"
    r"[A-ZÉÈÊÀÂÎÏÔÖÛÜÇ][A-ZÉÈÊÀÂÎÏÔÖÛÜÇ'’-]{1,}(?:[\s-][A-ZÉÈÊÀÂÎÏÔÖÛÜÇ][A-ZÉÈÊÀÂÎÏÔÖÛÜÇ'’-]{1,})?)(?![\w])"
)
_QUALITE = re.compile(
    r"(?:^|\n|,\s*)(?P<q>(?:le|la)\s+(?:pr[ée]sidente?|directeur|directrice|maire|vice-pr[ée]sidente?|secr[ée]taire|"
    r"tr[ée]sori[eè]re?|g[ée]rante?|adjointe?)(?:(?!\bPour\b)[^,\n]){0,80})",
    re.IGNORECASE,
)
_POUR_PARTIE = re.compile(
    r"(?:^|(?<=\s))(?:Pour|POUR|pour(?=\s+(?:le|la|l['’])\s*[A-ZÉ]))\s+(?:le|la|l['’]|LE|LA|L['’])\s*(?P<qui>[^,\n]{2,80}?)(?=,|\n|$|\s+(?:Le|La|LE|LA)\s)"
)


def _partie_de(texte: str) -> Role:
    plie = pliage(texte)
    if re.search(
        r"departement|conseil departemental|collectivite|le president du conseil|region", plie
    ) and not re.search(
        r"association|beneficiaire|societe|federation|club|comite|commune|ville|syndicat|communaute|etablissement",
        plie,
    ):
        return Role.COLLECTIVITE
    return Role.BENEFICIAIRE


_DEBUT_PARTIE = re.compile(r"[.;]\s|d['’](?:une|autre)\s+part\b|(?:^|\s)(?:Entre|ET|Et)\s", re.IGNORECASE)


def _partie_locale(texte: str, position: int) -> Role | None:
    """Whose paragraph `position` is in, from the words since the sentence began (« Le Département
    de la Sarthe, dont le siège… » / « L'association …, régie par… »), when they tell."""
    avant = texte[max(0, position - 300) : position]
    coupures = list(_DEBUT_PARTIE.finditer(avant))
    phrase = pliage(avant[coupures[-1].end() :] if coupures else avant)
    beneficiaire = re.search(
        r"association|beneficiaire|societe|federation|club|comite|commune|ville|syndicat|communaute|etablissement",
        phrase,
    )
    collectivite = re.search(r"departement|conseil departemental|region|collectivite", phrase)
    if collectivite and not beneficiaire:
        return Role.COLLECTIVITE
    if beneficiaire and not collectivite:
        return Role.BENEFICIAIRE
    if beneficiaire and collectivite:
        return Role.COLLECTIVITE if collectivite.start() < beneficiaire.start() else Role.BENEFICIAIRE
    return None


def _parties(lecteur: _Lecteur, piece: TextPiece) -> None:
    texte = piece.text
    if _FIN_PARTIES.match(texte):
        lecteur.partie = None
    elif _ENTRE.match(texte):
        lecteur.partie = Role.COLLECTIVITE
    elif _ET.match(texte) or _ET_L.match(texte):
        lecteur.partie = Role.BENEFICIAIRE
    for debut, fin, numero in sirets(texte):
        avant = texte[max(0, debut - 200) : debut]
        if lecteur.partie is not None and re.search(r"siret|siren|n°|numero|numéro", avant, re.IGNORECASE):
            qui = lecteur.partie
            for marque in re.finditer(r"\b(?:Entre|Et)\b", avant):
                qui = Role.COLLECTIVITE if marque[0] == "Entre" else Role.BENEFICIAIRE
        else:
            qui = _partie_de(avant[-120:])
        lecteur.ajouter(Sorte.SIRET, qui, numero, piece, debut, fin)
    for m in _REPRESENTE.finditer(texte):
        qui = _partie_locale(texte, m.start()) or lecteur.partie or _partie_de(texte[: m.start()])
        role = Role.REPRESENTANT_COLLECTIVITE if qui is Role.COLLECTIVITE else Role.REPRESENTANT_BENEFICIAIRE
        qualite = (m["qualite"] or "").strip() or (m["fonction"] or "").strip() or None
        personne = Personne(m["nom"].strip(), qualite, civilite(m["civilite"]))
        lecteur.ajouter(Sorte.PERSONNE, role, personne, piece, m.start(), m.end())
    if (
        lecteur.partie is Role.BENEFICIAIRE
        and (nom := _nom_beneficiaire_partie(texte)) is not None
        and not _APRES_FORME.search(texte[:200])
    ):
        debut, fin, valeur = nom
        lecteur.ajouter(Sorte.BENEFICIAIRE, Role.BENEFICIAIRE, valeur, piece, debut, fin)
    if re.search(r"\bd['’]autre part\b", texte, re.IGNORECASE):
        lecteur.partie = None


_FORMES = r"(?:l['’]\s*association|la\s+soci[ée]t[ée]|la\s+commune(?:\s+de)?|la\s+communaut[ée][^«,]{0,40}?|la\s+f[ée]d[ée]ration|le\s+club|le\s+comit[ée]|la\s+fondation|l['’]\s*[ée]tablissement[^«,]{0,30}?|la\s+SCOP|le\s+syndicat[^«,]{0,30}?)"
_NOM_GUILLEMETS = re.compile(rf"{_FORMES}?\s*[«\"“]\s*(?P<nom>[^»\"”]{{2,100}}?)\s*[»\"”]", re.IGNORECASE)
_NOM_APRES_A = re.compile(
    rf"subvention[^.;]{{0,80}}?(?:€|euros?)\s*(?:\([^)]*\)\s*)?(?:à|au\s+profit\s+de)\s+{_FORMES}\s*[«\"“]?\s*(?P<nom>[A-ZÉÈ0-9][^,;«»\"()]{{1,80}}?)\s*[»\"”]?\s*(?:,|\(|\bpour\b|\bafin\b|\bau titre\b|\bdans\b|$)",
    re.IGNORECASE,
)


def _nom_beneficiaire_partie(texte: str) -> tuple[int, int, str] | None:
    m = _NOM_GUILLEMETS.search(texte[:200])
    if m is None or not re.search(_FORMES, texte[: m.start("nom")], re.IGNORECASE):
        return None
    return m.start("nom"), m.end("nom"), " ".join(m["nom"].split())


_APRES_FORME = re.compile(
    r"(?i:\bl['’]\s*association|\bla\s+commune\s+de|\bla\s+soci[ée]t[ée]|\bla\s+f[ée]d[ée]ration|\ble\s+club|\bla\s+SCOP)"
    r"\s+[«\"“]?\s*(?P<nom>[A-ZÉÈ][^,;:«»\"“”()\n]{1,80}?)\s*[»\"”]?"
    r"(?=\s*(?:[,;:.()\n«]|$|\s(?:une|un|pour|afin|au|aux|dont|jointe?|qui|en|est|a|dans|sur|à|avec|ainsi|représent\w*"
    r"|identifi\w*|sise|situ\w*|domicili\w*|association|régie|d['’]un|de\s+\d|du\s+\d|le\s+\d|la\s+convention"
    r"|dédie|propose|intervient|sollicite|porte|organise|mène|souhaite|assure|accompagne|sera|seront|peut|doit)\b))"
)


_PHRASE_D_ATTRIBUTION = re.compile(
    r"attribu|subvention de|une subvention|convention (?:a conclure )?avec|beneficiaire"
)
_ENTRE_ET = re.compile(r"^\W*(?:convention\b.*)?\bentre\b.*\bet\s+(?:l['’]|la\s|le\s)", re.IGNORECASE)


def _beneficiaire(lecteur: _Lecteur, piece: TextPiece) -> None:
    texte = piece.text
    vus: set[int] = set()
    for m in _NOM_APRES_A.finditer(texte):
        vus.add(m.start("nom"))
        nom = " ".join(m["nom"].split())
        lecteur.ajouter(Sorte.BENEFICIAIRE, Role.BENEFICIAIRE, nom, piece, m.start("nom"), m.end("nom"))
    if lecteur.genre not in ("délibération", "rapport", "convention"):
        return
    partie = lecteur.genre == "convention" and (
        lecteur.partie is Role.BENEFICIAIRE or _ENTRE_ET.search(texte)
    )
    for m in _APRES_FORME.finditer(texte):
        if m.start("nom") in vus:
            continue
        debut_phrase = max(texte.rfind(". ", 0, m.start()), texte.rfind("; ", 0, m.start()), 0)
        phrase = pliage(texte[debut_phrase : m.end() + 80])
        if not (partie or _PHRASE_D_ATTRIBUTION.search(phrase)):
            continue  # « en partenariat avec l'association X », « situé dans la commune de Y »: not the beneficiary
        nom = " ".join(m["nom"].split()).rstrip(" .")
        if len(nom) >= 3 and re.search(r"[a-zé]", nom) and not nom.lower().startswith(("de ", "du ", "des ")):
            lecteur.ajouter(Sorte.BENEFICIAIRE, Role.BENEFICIAIRE, nom, piece, m.start("nom"), m.end("nom"))


def _signatures(lecteur: _Lecteur, pieces: list[TextPiece]) -> None:
    """The signature blocks: a capacity (« Le Président… », « La Directrice générale des services »)
    then a name « Prénom NOM »; « Pour le Département… » / « Pour l'association… » says whose."""
    qualites: list[tuple[Role | None, str]] = []
    for piece in pieces:
        texte = piece.text
        if len(texte) > 160 or (len(texte) > 40 and texte.rstrip().endswith((".", ";"))):
            qualites = []
            continue
        pour = list(_POUR_PARTIE.finditer(texte))
        for m in pour:
            if not re.match(r"\s*pour\s+(?:le|la)\s+pr[ée]sident", m[0], re.IGNORECASE):
                qualites.append((_partie_de(m["qui"]), ""))
            elif qualites[-1:] != [(Role.COLLECTIVITE, "")]:
                qualites.append((Role.COLLECTIVITE, ""))
        for m in _QUALITE.finditer(texte) if len(texte) < 100 else ():
            if any(p.start() <= m.start() < p.end() for p in pour):
                continue
            if qualites and qualites[-1][1] == "":
                qualites[-1] = (qualites[-1][0], m["q"])
            else:
                qualites.append((None, m["q"]))
        for m in _SIGNATURE_NOM.finditer(texte):
            if _REPRESENTE.search(texte) or not qualites:
                continue
            partie, qualite = qualites.pop(0)
            if lecteur.genre == "convention":
                partie = partie or _partie_de(qualite)
                role = (
                    Role.SIGNATAIRE_COLLECTIVITE
                    if partie is Role.COLLECTIVITE
                    else Role.SIGNATAIRE_BENEFICIAIRE
                )
            else:
                role = Role.SIGNATAIRE
            personne = Personne(" ".join(m["nom"].split()), " ".join(qualite.split()) or None)
            lecteur.ajouter(Sorte.PERSONNE, role, personne, piece, m.start("nom"), m.end("nom"))


# --- séance: attendance and vote -----------------------------------------------------------------------

_VOTE = re.compile(
    r"(?<!\w)(?P<quoi>pour|contre|abstentions?|ne\s+prenn?(?:d|ent)\s+pas\s+part(?:\s+au\s+vote)?)\s*[:|]\s*(?P<n>\d{1,3})(?!\d)"
    r"|(?<![\d,.])(?P<n2>\d{1,3})\s+(?:voix\s+)?(?P<quoi2>pour|contre|abstentions?)\b(?!\s+(?:le|la|l['’]|les|cent|mille)\b)",
    re.IGNORECASE,
)
_LISTE = re.compile(
    r"(?P<quoi>[ée]taient\s+pr[ée]sents?|pr[ée]sents?|excus[ée]e?s?(?:\(s\))?|absents?\s+excus[ée]s?|pouvoirs?|procurations?"
    r"|repr[ée]sent[ée]e?(?:s|\(e?s\))(?:\s*\(pouvoirs?\))?)\s*(?:\(s\))?\s*[:|]\s*",
    re.IGNORECASE,
)
_PERSONNE_LISTE = re.compile(rf"{_CIVILITE}\s+[A-ZÉÈ]")
_NE_VOTENT_PAS = re.compile(
    rf"(?<!\w)ne\s+prenn?(?:d|ent)\s+pas\s+part(?:\s+au\s+vote)?\s*[:|]\s*(?={_CIVILITE}\s)", re.IGNORECASE
)
_NOMBRE = re.compile(r"^\s*(\d{1,3})\b")


def _membres_listes(liste: str) -> int:
    """How many members a list names: « M. le Président, Mme A. DUPONT, J.-P. MARTIN et M. X »
    is four (entries between commas and « et », each with a capital)."""
    entrees = re.split(r",|\bet\b", liste)
    return sum(1 for e in entrees if re.search(r"[A-ZÉÈ]", e) and len(e.strip()) > 2)


def _seance(lecteur: _Lecteur, piece: TextPiece) -> None:
    texte = piece.text
    for m in _VOTE.finditer(texte):
        quoi = pliage(m["quoi"] or m["quoi2"])
        n = int(m["n"] or m["n2"])
        role = (
            Role.POUR
            if quoi == "pour"
            else Role.CONTRE
            if quoi == "contre"
            else Role.ABSTENTION
            if quoi.startswith("abstention")
            else Role.NE_PREND_PAS_PART
        )
        if (
            m["n"]
            and role is Role.POUR
            and not re.search(r"^\s*(?:voix|$|\(|\||[–—,;.-])", texte[m.end() : m.end() + 8])
        ):
            continue  # « pour : 2025 » is not a vote
        lecteur.ajouter(Sorte.VOTE, role, n, piece, m.start(), m.end())
    for m in _NE_VOTENT_PAS.finditer(texte):  # the members named, not counted: « … : Mme A, M. B »
        fin = re.search(r"(?<!\bM)(?<!\bMme)\.(?:\s|$)|\n", texte[m.end() :])
        liste = texte[m.end() : m.end() + fin.start() if fin else len(texte)]
        if n := _membres_listes(liste):
            lecteur.ajouter(Sorte.VOTE, Role.NE_PREND_PAS_PART, n, piece, m.start(), m.end() + len(liste))
    for m in _LISTE.finditer(texte):
        quoi = pliage(m["quoi"])
        if "sans voix" in pliage(texte[max(0, m.start() - 40) : m.end() + 5]):
            continue
        role = (
            Role.POUVOIRS
            if "represent" in quoi or "pouvoir" in quoi or "procuration" in quoi
            else Role.EXCUSES
            if "excus" in quoi
            else Role.PRESENTS
        )
        suite = texte[m.end() :]
        fin_liste = re.search(
            r"(?<!\bM)(?<!\bMme)(?<!\bMlle)(?<!\b[A-Z])\.(?:\s|$)|\n|(?:Excus|Absent|Pouvoir|Procuration|Assist|Représent)",
            suite,
        )
        liste = suite[: fin_liste.start() if fin_liste else len(suite)]
        nombre = _NOMBRE.match(liste)
        if role is Role.POUVOIRS:
            paires = re.findall(rf"{_CIVILITE}\s+\S+[^,;]*?\s+(?:à|a donné pouvoir à)\s+{_CIVILITE}", liste)
            n = int(nombre[1]) if nombre else len(paires) or len(_PERSONNE_LISTE.findall(liste))
        else:
            n = int(nombre[1]) if nombre else _membres_listes(liste)
        if n or nombre:
            lecteur.ajouter(Sorte.PRESENCE, role, n, piece, m.start(), m.end() + len(liste))
        _membres_nommes(lecteur, piece, role, m.end(), liste)
    for m in _SEANCE_PERSONNE.finditer(texte):
        role = Role.SECRETAIRE_SEANCE if m["secretaire"] else Role.PRESIDENT_SEANCE
        personne = Personne(" ".join(m["nom"].split()), None, civilite(m["civilite"]))
        lecteur.ajouter(Sorte.PERSONNE, role, personne, piece, m.start("nom"), m.end("nom"))


def civilite(mot: str | None) -> str | None:
    """« M. » or « Mme » for a civilité as written (« Monsieur », « MADAME », « Mlle »…)."""
    if mot is None:
        return None
    plie = pliage(mot).rstrip(".")
    return "M." if plie in ("m", "monsieur") else "Mme" if plie in ("mme", "madame", "mlle") else None


_MEMBRE = re.compile(rf"(?P<civilite>{_CIVILITE})\s+(?P<nom>{_NOM_PROPRE}(?:[\s-]+{_NOM_PROPRE}){{0,4}})")
_SEANCE_PERSONNE = re.compile(
    r"(?i:(?P<secretaire>secr[ée]taire(?:\s+de\s+s[ée]ance)?\s*:)|pr[ée]sidence\s+de|pr[ée]sid[ée]e?\s+par)\s*"
    rf"(?P<civilite>{_CIVILITE}|MONSIEUR|MADAME)\s+(?P<nom>{_NOM_PROPRE}(?:[\s-]+{_NOM_PROPRE}){{0,4}})"
)


def _membres_nommes(lecteur: _Lecteur, piece: TextPiece, role: Role, debut: int, liste: str) -> None:
    """Each member a list of attendance names, as a person (« M. Jean DUPONT »); in a list of
    proxies, an entry naming two people is the one who gives the proxy, then the one who holds it
    (the holder is the fact's `cle`)."""
    for entree in re.finditer(r"[^,;]+", liste):
        membres = list(_MEMBRE.finditer(entree[0]))
        if role is Role.POUVOIRS:
            if len(membres) != 2:
                continue
            titulaire = membres[1]
            cle: str | None = f"{civilite(titulaire['civilite'])} {' '.join(titulaire['nom'].split())}"
            membres = membres[:1]
        else:
            cle = None
        for m in membres:
            personne = Personne(" ".join(m["nom"].split()), None, civilite(m["civilite"]))
            position = debut + entree.start() + m.start()
            fin = debut + entree.start() + m.end()
            lecteur.ajouter(Sorte.PERSONNE, role, personne, piece, position, fin, cle=cle)


# --- the whole document --------------------------------------------------------------------------------


_NUMERO_PROPRE = re.compile(r"d[ée]lib[ée]ration\s+n\s?[°o]\.?\s*" + NUMERO, re.IGNORECASE)


def _numeros(lecteur: _Lecteur, document: ReadDocument, identification: Identification) -> None:
    if lecteur.genre == "délibération" and not identification.numero_deliberation:
        for piece in [
            *document.pieces[:12],
            *(p for p in document.pieces if "pied" in p.part or "en-tête" in p.part),
        ]:
            m = _NUMERO_PROPRE.search(piece.text)
            if m is not None and not re.search(r"\bvu\b", piece.text[: m.start()], re.IGNORECASE):
                lecteur.ajouter(Sorte.NUMERO, Role.DELIBERATION, m[1], piece, m.start(1), m.end(1))
                break
    if identification.numero_deliberation and lecteur.genre == "délibération":
        propre = next((p for p in document.pieces if identification.numero_deliberation in p.text), None)
        if propre is not None:
            debut = propre.text.index(identification.numero_deliberation)
            lecteur.ajouter(
                Sorte.NUMERO,
                Role.DELIBERATION,
                identification.numero_deliberation,
                propre,
                debut,
                debut + len(identification.numero_deliberation),
            )
    if identification.numero_rapport is not None:
        titre = next((p for p in document.pieces if re.search(r"RAPPORT", p.text)), None)
        if titre is not None:
            lecteur.ajouter(Sorte.NUMERO, Role.RAPPORT, str(identification.numero_rapport), titre)


_MAJUSCULES = re.compile(r"(?:[A-ZÀ-ÝŒ0-9'’\"«»,:()-]+\s+){5,}[A-ZÀ-ÝŒ0-9'’\"«»()-]+")


def _titre(lecteur: _Lecteur, pieces: list[TextPiece]) -> None:
    """The act's own title: the longest run of capitals near its top (« SOUTIEN AUX ACTIONS… »)."""
    meilleur: tuple[int, TextPiece, int, int] | None = None
    for piece in pieces[:30]:
        if piece.in_table:
            continue
        for m in _MAJUSCULES.finditer(piece.text[:3000]):
            texte = m[0]
            if re.search(
                r"\b(?:DEPARTEMENT|DÉPARTEMENT|COMMISSION PERMANENTE|REUNION|RÉUNION|PRESIDENCE|PRÉSIDENCE)\b",
                texte[:40],
            ):
                continue
            if meilleur is None or len(texte) > meilleur[0]:
                meilleur = (len(texte), piece, m.start(), m.end())
    if meilleur is not None and meilleur[0] >= 30:
        _, piece, debut, fin = meilleur
        lecteur.ajouter(Sorte.TITRE, Role.SEANCE, " ".join(piece.text[debut:fin].split()), piece, debut, fin)


_VALEUR = re.compile(r"^[\s\d\u00a0\u202f.,€%/-]*\d[\s\d\u00a0\u202f.,€%/-]*$")


def _entetes(cellules: list[TextPiece]) -> tuple[dict[int, str], int]:
    """The column titles of a table and the number of header rows: the rows Word marks as such,
    else the first row when none of its cells is a bare number or amount (« CP 2026 » is a title)."""
    marquees = {c.column or 0: c.text for c in cellules if c.is_header}
    if marquees:
        return marquees, max(c.row or 0 for c in cellules if c.is_header)
    premiere = [c for c in cellules if c.row == 1]
    plusieurs = any((c.row or 0) > 1 for c in cellules)
    if plusieurs and len(premiere) >= 2 and not any(_VALEUR.match(c.text) or ":" in c.text for c in premiere):
        return {c.column or 0: c.text for c in premiere}, 1
    return {}, 0


def _imputations_pdf(
    lecteur: _Lecteur, piece: TextPiece
) -> list[tuple[int, list[ColonneImputation], list[Decimal]]]:
    """The imputation rows of a PDF page as facts (CP, disponible, proposition, solde), keyed by row."""
    lignes = piece.lines()
    imputations = list(lignes_imputation_pdf(piece))
    for numero, colonnes, montants in imputations:
        debut = piece.line_starts[numero]
        for colonne, valeur in zip(colonnes, montants, strict=False):
            cle = f"page {piece.page} ligne {numero}:{lignes[numero][:40]}"
            lecteur.ajouter(
                Sorte.MONTANT, colonne.role, valeur, piece, debut, debut + len(lignes[numero]), cle=cle
            )
    return imputations


def imputations(document: ReadDocument, genre: str | None) -> list[Fait]:
    """Only the imputation tables' figures of a document, each with its role and its row (`cle`):
    what `check` compares, place by place, with the dossier's imputations."""
    lecteur = _Lecteur(genre, [])
    for cellules in document.tables.values():
        _imputations_docx(lecteur, cellules)
    for piece in document.pieces:
        if piece.page is not None:
            _imputations_pdf(lecteur, piece)
    return lecteur.faits


def _imputations_docx(lecteur: _Lecteur, cellules: list[TextPiece]) -> bool:
    entetes, lignes_entete = _entetes(cellules)
    colonnes = colonnes_imputation(entetes)
    if not colonnes:
        return False
    roles = {c.colonne: c.role for c in colonnes}
    for cellule in cellules:
        if cellule.is_header or (cellule.row or 0) <= lignes_entete or cellule.column not in roles:
            continue
        try:
            valeur = lire_euros(cellule.text)
        except ValueError:
            continue
        cle = next((c.text for c in cellules if c.row == cellule.row and c.column == 1), None)
        lecteur.ajouter(
            Sorte.MONTANT, roles[cellule.column], valeur, cellule, cle=f"ligne {cellule.row}:{cle}"
        )
    return True


def _echeancier(lecteur: _Lecteur, cellules: list[TextPiece]) -> None:
    """A table of instalments (« versement », « acompte », « solde ») given as percentages: each
    percentage, keyed by the table, so that they can be added up."""
    texte = pliage(" ".join(c.text for c in cellules))
    if not re.search(r"versement|acompte|avance|tranche", texte):
        return
    for cellule in cellules:
        m = re.fullmatch(r"\s*(\d{1,3}(?:,\d{1,2})?)\s?%\s*", cellule.text)
        if m is not None:
            valeur = Decimal(m[1].replace(",", "."))
            lecteur.ajouter(Sorte.POURCENTAGE, Role.VERSEMENT, valeur, cellule, cle=cellule.table)


_POURCENT_FINAL = re.compile(r"(?<![\d,])(\d{1,3}(?:,\d{1,2})?)\s?%\s*$")


def _echeancier_pdf(lecteur: _Lecteur, piece: TextPiece) -> None:
    """The same in a PDF, where the table is lines: under a header line naming the instalments
    (« Versement … Part »), the percentage each following line ends with."""
    lignes = piece.lines()
    for numero, ligne in enumerate(lignes):
        plie = pliage(ligne)
        if not (
            re.search(r"versement|echeance|tranche", plie) and re.search(r"\bpart\b|%|montant|taux", plie)
        ):
            continue
        if len(ligne.split()) > 8 or _POURCENT_FINAL.search(ligne):
            continue
        for suite in range(numero + 1, min(len(lignes), numero + 10)):
            texte = lignes[suite]
            if re.match(r"\s*article\b", texte, re.IGNORECASE):
                break
            m = _POURCENT_FINAL.search(texte)
            if m is None:
                continue
            debut = piece.line_starts[suite] + m.start()
            valeur = Decimal(m[1].replace(",", "."))
            lecteur.ajouter(
                Sorte.POURCENTAGE,
                Role.VERSEMENT,
                valeur,
                piece,
                debut,
                debut + len(m[0]),
                cle=f"page {piece.page} ligne {numero}",
            )


_FINANCEUR_COLLECTIVITE = re.compile(
    r"^\W*(?:subvention\s+(?:du\s+|de\s+la\s+)?)?(?P<qui>departement|conseil departemental|cd\s?\d{2}\b|region|conseil regional)"
    r"(?!.*(?:autre|anterieur|\d{4}))"
)
_QUI = {
    "departement": "departement",
    "conseil departemental": "departement",
    "region": "region",
    "conseil regional": "region",
}


def _tableau(lecteur: _Lecteur, tableau: Tableau) -> None:
    premiere = tableau.lignes[0].lieu if tableau.lignes else None
    if premiere is None:
        return
    lecteur.faits.append(Fait(Sorte.TABLEAU, Role.BUDGET, tableau, premiere, tableau.titre))
    lignes: list[LigneTableau] = [*tableau.lignes, *([tableau.total] if tableau.total else [])]
    for ligne in lignes:
        role = Role.TOTAL if ligne is tableau.total else Role.LIGNE
        lecteur.faits.append(Fait(Sorte.MONTANT, role, ligne.montant, ligne.lieu, ligne.libelle))
        financeur = _FINANCEUR_COLLECTIVITE.search(pliage(ligne.libelle)) if role is Role.LIGNE else None
        if financeur is not None:  # the line of a collectivité: its subsidy, if it is the one that decides
            qui = _QUI.get(financeur["qui"], "departement")
            lecteur.faits.append(
                Fait(
                    Sorte.MONTANT,
                    Role.SUBVENTION,
                    ligne.montant,
                    ligne.lieu,
                    ligne.libelle,
                    f"financeur:{qui}",
                )
            )


def _titre_tableau(pieces: list[TextPiece], index: int) -> str:
    for piece in reversed(pieces[max(0, index - 3) : index]):
        if not piece.in_table and len(piece.text) < 160:
            return " ".join(piece.text.split())
    return ""


def _genre_par_titre(document: ReadDocument) -> DocumentKind | None:
    """The kind of act its first lines name, when identification found none: « Délibération n° … »
    with « décide », « Rapport n° … », « Convention … »."""
    debut = [p.text for p in document.pieces[:8] if not p.in_table]
    texte = pliage("\n".join(debut))
    if any(re.match(r"^\W*convention\b", t, re.IGNORECASE) for t in debut[:6]):
        return DocumentKind.CONVENTION
    if re.search(r"^\W*rapport\s+(?:n\s?[°o]|de\s+l|du\s+pr)", texte, re.MULTILINE):
        return DocumentKind.RAPPORT
    if re.search(r"^\W*deliberation\s+n\s?[°o]", texte, re.MULTILINE) and re.search(
        r"\bdecide\b", pliage(document.text)
    ):
        return DocumentKind.DELIBERATION
    return None


def faits_document(document: ReadDocument, identification: Identification) -> DocumentFaits:
    """The facts of one document (or one act of a transmission PDF)."""
    identification = replace(identification, kind=identification.kind or _genre_par_titre(document))
    genre = identification.kind.value if identification.kind else None
    lecteur = _Lecteur(genre, [])
    if not any(piece.text.strip() for piece in document.pieces):
        return DocumentFaits(
            document.path,
            identification.kind,
            (),
            document.partie,
            False,
            "aucun texte lisible (document scanné sans couche texte, ou vide)",
        )
    _numeros(lecteur, document, identification)
    pieces = list(document.pieces)
    if lecteur.genre in ("délibération", "rapport"):
        _titre(lecteur, pieces)
    tables_vues: set[str] = set()
    for rang, piece in enumerate(pieces):
        if piece.table is not None:
            if piece.table in tables_vues:
                continue
            tables_vues.add(piece.table)
            cellules = document.tables[piece.table]
            _echeancier(lecteur, cellules)
            if not _imputations_docx(lecteur, cellules):
                for tableau in tableaux_docx(cellules, genre, _titre_tableau(pieces, rang)):
                    _tableau(lecteur, tableau)
            # each row also read as running text (votes and visas in tables, amounts in sentences)
            for ligne in _lignes_de(cellules):
                _texte(lecteur, ligne, premiere=False, table=True)
            continue
        if piece.page is not None:
            imputations = _imputations_pdf(lecteur, piece)
            for tableau in tableaux_pdf(piece, genre, frozenset(n for n, _, _ in imputations)):
                _tableau(lecteur, tableau)
            _echeancier_pdf(lecteur, piece)
        en_tete = "en-tête" in piece.part  # a header's « Annexe 1 à la délibération… » marks the document too
        _texte(lecteur, piece, premiere=rang < 3 or en_tete or (piece.page == 1), table=False)
    _signatures(lecteur, [p for p in pieces if p.page is None] or _lignes_pdf(pieces))
    genre_lu = identification.kind
    if genre_lu is None and any(f.sorte is Sorte.TABLEAU for f in lecteur.faits):
        genre_lu = DocumentKind.BUDGET  # a document whose table of amounts has a total: a budget annex
    indices = (
        {"deliberation": identification.numero_deliberation} if identification.numero_deliberation else {}
    )
    entete = " ".join(p.text for p in pieces[:10] if not p.in_table)[:1500]
    if re.search(r"\bregion\b|conseil regional|assemblee pleniere", pliage(entete)) and not re.search(
        r"\bdepartement\b|conseil departemental", pliage(entete)[:400]
    ):
        indices["collectivite"] = "region"
    rattache = next((m for p in pieces[:8] if (m := _ANNEXE_A.search(p.text)) is not None), None)
    if rattache is not None:  # « Annexe 2 à la délibération n° 2025-412 »
        indices["deliberation"] = rattache[1]
    return DocumentFaits(
        document.path,
        genre_lu,
        tuple(lecteur.faits),
        document.partie,
        indices=indices,
        ecrits=_ecrits(pieces, genre),
    )


def _ecrits(pieces: list[TextPiece], genre: str | None) -> tuple[Fait, ...]:
    """Every amount and date the pieces write, role `ECRIT`, in reading order."""
    lecteur = _Lecteur(genre, [])
    for piece in pieces:
        for debut, fin, montant in trouver_montants(piece.text):
            lecteur.ajouter(Sorte.MONTANT, Role.ECRIT, montant, piece, debut, fin)
        for debut, fin, jour in trouver_dates(piece.text):
            lecteur.ajouter(Sorte.DATE, Role.ECRIT, jour, piece, debut, fin)
    return tuple(lecteur.faits)


def _lignes_de(cellules: list[TextPiece]) -> Iterator[TextPiece]:
    """Each row of a table as one piece of text, its cells joined by « | »; a cell that is a bare
    number under a column title reads « titre : nombre » (« Présents : 36 »)."""
    entetes, lignes_entete = _entetes(cellules)
    lignes: dict[int, list[TextPiece]] = {}
    for cellule in cellules:
        if cellule.row is not None:
            lignes.setdefault(cellule.row, []).append(cellule)
    for _, rangee in sorted(lignes.items()):
        premiere = rangee[0]
        textes = []
        for c in sorted(rangee, key=lambda c: c.column or 0):
            titre = entetes.get(c.column or 0, "")
            chiffre = re.fullmatch(r"\s*\d{1,3}\s*", c.text)
            textes.append(
                f"{titre} : {c.text}" if titre and chiffre and (c.row or 0) > lignes_entete else c.text
            )
        yield TextPiece(
            premiere.path,
            premiere.part.rsplit(" colonne", 1)[0],
            " | ".join(textes),
            table=premiere.table,
            row=premiere.row,
            table_title=premiere.table_title,
        )


def _lignes_pdf(pieces: list[TextPiece]) -> list[TextPiece]:
    """The lines of a PDF's pages, each as a piece (signature blocks are read line by line)."""
    lignes = []
    for piece in pieces:
        for numero, ligne in enumerate(piece.lines()):
            if ligne.strip():
                debut = piece.line_starts[numero]
                lignes.append(TextPiece(piece.path, piece.part_at(debut), ligne, page=piece.page))
    return lignes


def _texte(lecteur: _Lecteur, piece: TextPiece, *, premiere: bool, table: bool) -> None:
    _parties(lecteur, piece)
    if not table:
        _montants_texte(lecteur, piece)
        _beneficiaire(lecteur, piece)
    _dates(lecteur, piece)
    _actes(lecteur, piece)
    _annexes(lecteur, piece, premiere)
    _seance(lecteur, piece)
    for debut, fin, ident in identifiants_actes(piece.text):
        lecteur.ajouter(Sorte.IDENTIFIANT_ACTES, Role.ACTE, ident, piece, debut, fin)


def lire_faits(document: ReadDocument) -> list[DocumentFaits]:
    """The facts of each act a document holds (the parts of a transmission PDF, else itself)."""
    return [faits_document(partie, identification) for partie, identification in identify_parts(document)]
