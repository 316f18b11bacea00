"""Facts read from running French text: amounts in words beside their digits, « délibération du
<date> », « annexe N » and what the sentence says it is, a bilan deadline, a name's occurrences.

The amounts and dates themselves are found by `actes62.formats` (`trouver_montants`,
`trouver_dates`, `trouver_en_lettres`); this module only says which of them belong together.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache

from actes62.formats import trouver_dates, trouver_en_lettres, trouver_montants

__all__ = [
    "MOTS_CLES",
    "EnLettres",
    "ReferenceAnnexe",
    "dates_de_deliberation",
    "dates_limite_bilan",
    "en_lettres_et_chiffres",
    "occurrences",
    "pliage",
    "references_annexes",
    "titre_normalise",
]


@cache
def _plier(c: str) -> str:
    base = unicodedata.normalize("NFD", c)[0]
    bas = base.lower()
    return bas if len(bas) == 1 else base


def pliage(texte: str) -> str:
    """Lower case without accents, one character for one (offsets are kept).

    >>> pliage("Lianes Coopération ÉTÉ")
    'lianes cooperation ete'
    """
    return "".join(map(_plier, texte))


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

_ECHEANCE = re.compile(r"(?:au\s+plus\s+tard|avant|d['’]ici)\s+(?:le\s+|au\s+)?$", re.IGNORECASE)
_PHRASE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])")


def dates_limite_bilan(texte: str) -> list[tuple[int, int, date]]:
    """The dates stated as a deadline (« au plus tard le », « avant le ») in a sentence about the
    bilan."""
    resultats = []
    debut_phrase = 0
    phrases = []
    for m in _PHRASE.finditer(texte):
        phrases.append((debut_phrase, m.start()))
        debut_phrase = m.end()
    phrases.append((debut_phrase, len(texte)))
    for debut, fin in phrases:
        phrase = texte[debut:fin]
        if "bilan" not in pliage(phrase):
            continue
        for d, f, jour in trouver_dates(phrase):
            if _ECHEANCE.search(phrase[max(0, d - 30) : d]):
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
