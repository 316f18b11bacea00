"""Facts read from running French text: amounts in words beside their digits (or alone), dates
that cannot be, « délibération du <date> », « annexe N » and what the sentence says it is, a bilan
deadline, a name's occurrences, the vote of a délibération, its result and its ACTES identifier.

The amounts and dates themselves are found by `actes62.formats` (`trouver_montants`,
`trouver_dates`, `trouver_en_lettres`); this module only says which of them belong together.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from actes62.actes import reperer_identifiants
from actes62.formats import (
    MOTIF_DATE,
    date_longue,
    lire_date,
    trouver_dates,
    trouver_en_lettres,
    trouver_montants,
)
from actes62.identify import pliage

__all__ = [
    "MOTS_CLES",
    "EnLettres",
    "ReferenceAnnexe",
    "dates_de_deliberation",
    "dates_impossibles",
    "dates_limite_bilan",
    "ecrit_comme_montant",
    "en_lettres_et_chiffres",
    "en_lettres_seules",
    "identifiants_actes",
    "occurrences",
    "pliage",
    "pourcentages",
    "references_annexes",
    "resultats_vote",
    "titre_normalise",
    "voix",
]


def titre_normalise(titre: str) -> str:
    """A title compared without case, quotes, punctuation or spacing differences.

    >>> titre_normalise('Pacte « Agir avec vous » ') == titre_normalise('pacte "Agir  avec vous"')
    True
    """
    texte = unicodedata.normalize("NFKC", titre).casefold()
    texte = re.sub(r"[^\w]+", " ", texte)
    return " ".join(texte.split())


# --- amounts in words beside digits ---------------------------------------------------------------------

_ENTRE = re.compile(r"[\s()\[\]:,;–—-]*(?:soit)?[\s()\[\]:,;–—-]*", re.IGNORECASE)


@dataclass(frozen=True)
class EnLettres:
    """An amount in words and the amount in digits written beside it."""

    debut: int  # span covering both
    fin: int
    lettres: Decimal
    chiffres: Decimal
    texte_lettres: str
    texte_chiffres: str


def en_lettres_et_chiffres(texte: str) -> list[EnLettres]:
    """The amounts in words that have an amount in digits right before or after them
    (« 9 380 € (neuf mille trois cent quatre-vingts euros) », « … euros, soit 9 380 € »)."""
    chiffres = trouver_montants(texte)
    paires = []
    for debut, fin, valeur in trouver_en_lettres(texte):
        avant = [
            c
            for c in chiffres
            if c[1] <= debut and debut - c[1] <= 12 and _ENTRE.fullmatch(texte[c[1] : debut])
        ]
        apres = [
            c for c in chiffres if c[0] >= fin and c[0] - fin <= 12 and _ENTRE.fullmatch(texte[fin : c[0]])
        ]
        voisin = avant[-1] if avant else (apres[0] if apres else None)
        if voisin is not None:
            d, f, v = voisin
            paires.append(EnLettres(min(d, debut), max(f, fin), valeur, v, texte[debut:fin], texte[d:f]))
    return paires


def en_lettres_seules(texte: str, paires: list[EnLettres] | None = None) -> list[tuple[int, int, Decimal]]:
    """The amounts in words with no amount in digits beside them (« une subvention de neuf mille
    euros »); `paires` is `en_lettres_et_chiffres(texte)` when already known."""
    tous = trouver_en_lettres(texte)
    if not tous:
        return []
    paires = en_lettres_et_chiffres(texte) if paires is None else paires
    return [
        (debut, fin, valeur)
        for debut, fin, valeur in tous
        if not any(p.debut <= debut and fin <= p.fin for p in paires)
    ]


_CHIFFRE = re.compile(r"\d")
_DEVISE = re.compile(r"€|\beuros?\b|\bEUR\b|,\d", re.IGNORECASE)


def ecrit_comme_montant(ecrit: str) -> bool:
    """An amount found in running text is written as money: with « € », « euros » or cents (not
    a bare grouped number like « les 1 500 participants »).

    >>> ecrit_comme_montant("9 380 €"), ecrit_comme_montant("620,00"), ecrit_comme_montant("1 500")
    (True, True, False)
    """
    return _DEVISE.search(ecrit) is not None


# --- dates that cannot be -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=16384)
def _dates_impossibles(texte: str) -> tuple[tuple[int, int, str], ...]:
    valides = {(debut, fin) for debut, fin, _ in trouver_dates(texte)}
    resultats = []
    for m in MOTIF_DATE.finditer(texte):
        if (m.start(), m.end()) in valides:
            continue
        try:
            lire_date(m[0])
        except ValueError:
            resultats.append((m.start(), m.end(), _raison(m)))
    return tuple(resultats)


def _raison(m: re.Match[str]) -> str:
    """Why a written date cannot be: a weekday that is not the date's, or a day that does not exist."""
    groupes = m.groupdict()
    if groupes.get("js") and groupes.get("j"):
        try:
            jour = lire_date(m.string[m.start("j") : m.end()])
        except ValueError:
            jour = None
        if jour is not None:
            return f"le {date_longue(jour)} est un {date_longue(jour, jour=True).split()[0]}"
    return "ce jour n'existe pas"


def dates_impossibles(texte: str) -> list[tuple[int, int, str]]:
    """(start, end, why) of the dates written in `texte` that cannot be: « 31 septembre 2025 »,
    « lundi 16 septembre 2025 » (a Tuesday), « 30/02/2025 » (dates `trouver_dates` skips).

    >>> dates_impossibles("le lundi 16 septembre 2025 et le 31/09/2025")
    [(3, 26, 'le 16 septembre 2025 est un mardi'), (33, 43, "ce jour n'existe pas")]
    """
    if _CHIFFRE.search(texte) is None:
        return []
    return list(_dates_impossibles(texte))


# --- the vote of a délibération, its result, its ACTES identifier ------------------------------------

_VOIX = re.compile(
    r"(?<!\w)(Pour|Contre|Abstentions?|Ne prennent pas part au vote|Ne prend pas part au vote)"
    r"\s*:\s*(\d+)(?!\d)"
)
_RESULTAT = re.compile(r"\(\s*(Adopt|Rejet)[ée]e?s?\b[^()]{0,60}\)", re.IGNORECASE)
_POURCENTAGE = re.compile(r"(?<![\d,.])(\d{1,3}(?:,\d{1,2})?)\s?%")


def voix(texte: str) -> list[tuple[int, int, str, int]]:
    """(start, end, what, count) of the vote counts: « Pour : 44 voix » gives « pour », 44; also
    « contre », « abstention », « ne prend pas part »."""
    resultats = []
    for m in _VOIX.finditer(texte):
        quoi = pliage(m[1])
        quoi = "abstention" if quoi.startswith("abstention") else quoi
        quoi = "ne prend pas part" if quoi.startswith("ne ") else quoi
        resultats.append((m.start(), m.end(), quoi, int(m[2])))
    return resultats


def resultats_vote(texte: str) -> list[tuple[int, int, str]]:
    """(start, end, « Adopté » or « Rejeté ») of the results written « (Adopté) », « (Rejetée) »."""
    return [
        (m.start(), m.end(), "Adopté" if m[1].lower() == "adopt" else "Rejeté")
        for m in _RESULTAT.finditer(texte)
    ]


def identifiants_actes(texte: str) -> list[tuple[int, int, str]]:
    """(start, end, identifier) of the ACTES identifiers (« 062-226200012-20250915-LMC1526130-DE »,
    the « -1-1 » the préfecture adds left aside)."""
    return reperer_identifiants(texte)


def pourcentages(texte: str) -> list[tuple[int, int, Decimal]]:
    """(start, end, value) of the percentages written with « % » (« 31,98 % », « 1,2% »)."""
    resultats = []
    for m in _POURCENTAGE.finditer(texte):
        try:
            resultats.append((m.start(), m.end(), Decimal(m[1].replace(",", "."))))
        except InvalidOperation:
            continue
    return resultats


# --- « délibération du <date> » -------------------------------------------------------------------------

_DELIBERATION_DU = re.compile(
    r"d[ée]lib[ée]rations?\b[^.;«»\"]{0,80}?\b(?:du|en\s+date\s+du)\s*$",
    re.IGNORECASE,
)


def dates_de_deliberation(texte: str) -> list[tuple[int, int, date]]:
    """The dates written as the date of a délibération: « délibération du 24 janvier 2022 »,
    « délibération n°2021-257 du Conseil départemental en date du 01/07/2021 »."""
    return [
        (debut, fin, jour)
        for debut, fin, jour in trouver_dates(texte)
        if _DELIBERATION_DU.search(texte[max(0, debut - 120) : debut])
    ]


# --- the bilan deadline ---------------------------------------------------------------------------------

_SUJET_ECHEANCE = re.compile(r"bilan|justificati|compte[- ]rendu|rapport d'activite|rapport financier|pieces")
_ECHEANCE = re.compile(
    r"(?:au\s+plus\s+tard|avant|d['’]ici|expirant|date\s+limite[^.;]{0,40}?(?:est\s+(?:fix[ée]e\s+)?(?:au|le)|:))\s+(?:le\s+|au\s+)?$",
    re.IGNORECASE,
)
_PHRASE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])")


def dates_limite_bilan(texte: str) -> list[tuple[int, int, date]]:
    """The dates stated as a deadline (« au plus tard le », « avant le ») for the bilan or the
    justificatifs: the subject is named between the previous date of the sentence and this one
    (« les dépenses engagées avant le 30 juin … le bilan au plus tard le 31 mars » gives 31 mars).

    >>> [j.isoformat() for _, _, j in dates_limite_bilan(
    ...     "Les dépenses engagées avant le 30 juin 2025 sont justifiées par le bilan au plus tard le 31 mars 2026.")]
    ['2026-03-31']
    """
    resultats = []
    debut_phrase = 0
    phrases = []
    for m in _PHRASE.finditer(texte):
        phrases.append((debut_phrase, m.start()))
        debut_phrase = m.end()
    phrases.append((debut_phrase, len(texte)))
    for debut, fin in phrases:
        phrase = texte[debut:fin]
        if not _SUJET_ECHEANCE.search(pliage(phrase)):
            continue
        dates = trouver_dates(phrase)
        visees: set[int] = set()  # each mention of the bilan goes with the next date, else the last one
        for sujet in _SUJET_ECHEANCE.finditer(pliage(phrase)):
            apres = [i for i, (d, _, _) in enumerate(dates) if d > sujet.start()]
            avant = [i for i, (_, f, _) in enumerate(dates) if f <= sujet.start()]
            if apres or avant:
                visees.add(apres[0] if apres else avant[-1])
        for i, (d, f, jour) in enumerate(dates):
            if i in visees and _ECHEANCE.search(phrase[max(0, d - 80) : d]):
                resultats.append((debut + d, debut + f, jour))
    return resultats


# --- « annexe N » ---------------------------------------------------------------------------------------

MOTS_CLES = ("convention", "bilan", "budget")
"""The words that say what an annex is; the nearest one before « annexe N » in the sentence."""

_ANNEXE = re.compile(
    r"\bannexes?\s+(?:n\s?[°o]\s*)?(\d{1,2})\b((?:\s*(?:,|et|à)\s*\d{1,2}\b)*)", re.IGNORECASE
)
_LIMITE = re.compile(r"[.!?;]\s+(?=[A-ZÀ-Ý«\"-])|\n")
_MOT_CLE = re.compile(r"\b(" + "|".join(MOTS_CLES) + r")s?\b")


@dataclass(frozen=True)
class ReferenceAnnexe:
    debut: int
    fin: int
    numeros: tuple[int, ...]
    mot_cle: str | None  # what the sentence says the annex is, if it says it


def references_annexes(texte: str) -> list[ReferenceAnnexe]:
    """Each « annexe N » (or « annexes N et M ») and the keyword of its sentence before it."""
    resultats = []
    for m in _ANNEXE.finditer(texte):
        numeros = (int(m[1]), *(int(n) for n in re.findall(r"\d{1,2}", m[2] or "")))
        avant = texte[: m.start()]
        limites = list(_LIMITE.finditer(avant))
        phrase = pliage(avant[limites[-1].end() if limites else 0 :])
        mots = _MOT_CLE.findall(phrase)
        resultats.append(ReferenceAnnexe(m.start(), m.end(), numeros, mots[-1] if mots else None))
    return resultats


# --- a name's occurrences -------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _motif_nom(nom: str) -> re.Pattern[str] | None:
    mots = [re.escape(m) for m in re.split(r"[\s\-]+", pliage(nom)) if m]
    return re.compile(r"(?<!\w)" + r"[\s\-]+".join(mots) + r"(?!\w)") if mots else None


def occurrences(nom: str, texte: str) -> list[tuple[int, int]]:
    """Where `nom` is written in `texte`, whatever the case, accents, spaces or hyphens."""
    motif = _motif_nom(nom)
    if motif is None:
        return []
    return [(m.start(), m.end()) for m in motif.finditer(pliage(texte))]
