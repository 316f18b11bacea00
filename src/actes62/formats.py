r"""French formatting of amounts, numbers, dates and identifiers, and their inverse parsers.

The formatters are Jinja filters for the DOCX templates; the parsers and the ``trouver_*`` finders serve
the consistency checker, which reads text extracted from DOCX and PDF (unreliable spacing). Money is
``Decimal``: every function taking an amount raises ``TypeError`` for ``float`` and ``bool``, and
``ValueError`` for NaN, infinities, more than two decimals or ``abs(amount) >= MONTANT_MAX``.

Choices: digit groups use U+202F and U+00A0 precedes ``€`` and ``%`` (CLDR/babel fr_FR); negative amounts
print with a hyphen-minus (``-620 €``) and read as ``moins …`` in words; dates use ordinary spaces.

>>> euros(Decimal("9380")), en_lettres(Decimal("71")), date_longue(date(2026, 4, 1))
('9\u202f380\xa0€', 'soixante et onze euros', '1er avril 2026')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel.dates import format_date, get_day_names, get_month_names
from babel.numbers import format_decimal
from num2words import num2words  # untyped: see the mypy override in pyproject.toml

__all__ = [
    "MONTANT_MAX",
    "MOTIF_DATE",
    "MOTIF_EN_LETTRES",
    "MOTIF_MONTANT",
    "date_courte",
    "date_longue",
    "en_lettres",
    "euros",
    "lire_date",
    "lire_en_lettres",
    "lire_euros",
    "lire_pourcentage",
    "montant_valide",
    "nombre",
    "pourcentage",
    "siren",
    "siret",
    "trouver_dates",
    "trouver_en_lettres",
    "trouver_montants",
]

LOCALE = "fr_FR"
MONTANT_MAX = Decimal(10) ** 15  # un billiard: far above any départemental budget
CENTIME = Decimal("0.01")
_ESP = "[ \u00a0\u202f\u2009]"  # accepted digit-group separators (space, NBSP, narrow NBSP, thin space)
_CHIFFRE = re.compile(r"\d")


# --- formatting ------------------------------------------------------------------------------------------


def _decimal(valeur: object, quoi: str = "un montant") -> Decimal:
    """Return ``valeur`` as a finite Decimal below MONTANT_MAX; refuse float, bool and non-numbers."""
    if isinstance(valeur, bool) or not isinstance(valeur, Decimal | int):
        raise TypeError(f"{quoi} doit être un Decimal, pas {type(valeur).__name__}")
    valeur = Decimal(valeur)
    if not valeur.is_finite():
        raise ValueError(f"{quoi} doit être un nombre fini, pas {valeur}")
    if abs(valeur) >= MONTANT_MAX:
        raise ValueError(f"{quoi} est hors limites ({valeur})")
    return valeur if valeur else valeur.copy_abs()  # -0 → 0, keeping the exponent


def montant_valide(valeur: object) -> Decimal:
    """``valeur`` as a money amount: a finite Decimal (or int) below MONTANT_MAX with at most two
    decimals; TypeError for float/bool/non-numbers, ValueError otherwise.

    >>> montant_valide(Decimal("9380.50"))
    Decimal('9380.50')
    """
    montant = _decimal(valeur)
    with localcontext(prec=40):
        if montant != montant.quantize(CENTIME):
            raise ValueError(f"un montant a au plus deux décimales (centimes), pas {montant}")
    return montant


def nombre(valeur: Decimal, decimales: int | None = None) -> str:
    r"""French number without unit, digits grouped by U+202F (budget tables whose header says €).

    ``decimales=None`` keeps the decimals the Decimal has; otherwise rounds half-up to ``decimales``.

    >>> nombre(Decimal("10000"), 2), nombre(Decimal("9380")), nombre(Decimal("2.125"), 2)
    ('10\u202f000,00', '9\u202f380', '2,13')
    """
    valeur = _decimal(valeur, "un nombre")
    if decimales is None:
        exposant = valeur.as_tuple().exponent
        decimales = -exposant if isinstance(exposant, int) and exposant < 0 else 0
    elif isinstance(decimales, bool) or not isinstance(decimales, int):
        raise TypeError(f"le nombre de décimales est un entier, pas {type(decimales).__name__}")
    if not 0 <= decimales <= 20:
        raise ValueError(f"nombre de décimales hors limites (0 à 20) : {decimales}")
    with localcontext(prec=60):
        valeur = valeur.quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)
        motif = "#,##0" + ("." + "0" * decimales if decimales else "")
        return format_decimal(valeur if valeur else valeur.copy_abs(), format=motif, locale=LOCALE)


def euros(montant: Decimal, centimes: bool = False) -> str:
    r"""Amount with ``€``: ``9 380 €``, or ``9 380,00 €`` with ``centimes=True``.

    With ``centimes=False`` an amount with non-zero cents is written with its cents, never rounded
    (babel would round half-even: 9 381,50 → ``9 382 €``, a wrong amount in an act).

    >>> euros(Decimal("9380")), euros(Decimal("9380"), centimes=True), euros(Decimal("9381.50"))
    ('9\u202f380\xa0€', '9\u202f380,00\xa0€', '9\u202f381,50\xa0€')
    """
    montant = montant_valide(montant)
    entier = montant == montant.to_integral_value()
    return nombre(montant, 0 if entier and not centimes else 2) + "\u00a0€"


def _cardinal(n: int) -> str:
    return str(num2words(n, lang="fr"))  # plain mode: right plurals, "et un", "mille" (not "un mille")


def en_lettres(montant: Decimal) -> str:
    """Amount in words, French administrative usage (traditional spelling, as num2words writes it).

    ``d'euros`` after a round number of millions/milliards; an amount below one euro is written with its
    cents only (0,50 → ``cinquante centimes``); zero is ``zéro euro``; negatives start with ``moins``.

    >>> en_lettres(Decimal("9380.50"))
    'neuf mille trois cent quatre-vingts euros et cinquante centimes'
    >>> en_lettres(Decimal("1000000")), en_lettres(Decimal("0.50")), en_lettres(Decimal("1.01"))
    ("un million d'euros", 'cinquante centimes', 'un euro et un centime')
    """
    montant = montant_valide(montant)
    if montant < 0:
        return "moins " + en_lettres(-montant)
    unites, cents = int(montant), int((montant % 1) * 100)
    if not unites and not cents:
        return "zéro euro"
    parties = []
    if unites:
        unite = "euro" if unites == 1 else "euros"
        de = "d'" if unites >= 10**6 and unites % 10**6 == 0 else ""  # un million d'euros
        parties.append(f"{_cardinal(unites)} {de}{unite}")
    if cents:
        parties.append(f"{_cardinal(cents)} centime{'s' if cents > 1 else ''}")
    return " et ".join(parties)


def pourcentage(valeur: Decimal) -> str:
    r"""Percentage (31.98 means 31,98 %), always two decimals, rounded half-up, U+00A0 before ``%``.

    >>> pourcentage(Decimal("31.98")), pourcentage(Decimal("2.125")), pourcentage(Decimal("100"))
    ('31,98\xa0%', '2,13\xa0%', '100,00\xa0%')
    """
    return nombre(_decimal(valeur, "un pourcentage"), 2) + "\u00a0%"


def date_longue(d: date, jour: bool = False) -> str:
    """Long French date with ordinary spaces and ``1er`` (babel has no ordinal day).

    >>> date_longue(date(2025, 9, 15)), date_longue(date(2026, 4, 1), jour=True)
    ('15 septembre 2025', 'mercredi 1er avril 2026')
    """
    if not isinstance(d, date):
        raise TypeError(f"une date est attendue, pas {type(d).__name__}")
    texte = f"{'1er' if d.day == 1 else d.day} {get_month_names('wide', locale=LOCALE)[d.month]} {d.year}"
    return f"{format_date(d, 'EEEE', locale=LOCALE)} {texte}" if jour else texte


def date_courte(d: date) -> str:
    """``01/10/2025``.

    >>> date_courte(date(2025, 10, 1))
    '01/10/2025'
    """
    if not isinstance(d, date):
        raise TypeError(f"une date est attendue, pas {type(d).__name__}")
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def _chiffres(valeur: object, longueur: int, nom: str) -> str:
    if not isinstance(valeur, str):
        raise TypeError(f"un {nom} est une chaîne, pas {type(valeur).__name__}")
    chiffres = re.sub(r"\s", "", valeur)
    if not (chiffres.isascii() and chiffres.isdigit() and len(chiffres) == longueur):
        raise ValueError(f"un {nom} a {longueur} chiffres : « {valeur} »")
    return chiffres


def siret(valeur: str) -> str:
    r"""SIRET in groups 3-3-3-5 separated by U+00A0 (no Luhn check here).

    >>> siret("22620001200012")
    '226\xa0200\xa0012\xa000012'
    """
    c = _chiffres(valeur, 14, "SIRET")
    return "\u00a0".join((c[:3], c[3:6], c[6:9], c[9:]))


def siren(valeur: str) -> str:
    r"""SIREN in groups 3-3-3 separated by U+00A0.

    >>> siren("226 200 012")
    '226\xa0200\xa0012'
    """
    c = _chiffres(valeur, 9, "SIREN")
    return "\u00a0".join((c[:3], c[3:6], c[6:]))


# --- parsing ---------------------------------------------------------------------------------------------


def _chaine(texte: object) -> str:
    if not isinstance(texte, str):
        raise TypeError(f"un texte est attendu, pas {type(texte).__name__}")
    return texte


def _texte(texte: object) -> str:
    """NFKC-normalized, stripped text (NFKC turns NBSPs into spaces, 'ᵉʳ' into 'er', 'ﬁ' into 'fi')."""
    return unicodedata.normalize("NFKC", _chaine(texte)).strip()


def _sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c))


_NOMBRE = re.compile(r"(?P<signe>[-−])?\s*(?P<entier>\d{1,3}(?:[ ]\d{3})+|\d+)(?:[,.](?P<decimales>\d+))?")
_DEVISE = re.compile(r"\s*(?:€|euros?|eur)$", re.IGNORECASE)


def _lire_nombre(texte: str, quoi: str, max_decimales: int = 60) -> Decimal:
    m = _NOMBRE.fullmatch(texte)
    if m is None:
        raise ValueError(f"{quoi} illisible : « {texte} »")
    entier, decimales = m["entier"].replace(" ", ""), m["decimales"] or ""
    if len(decimales) > max_decimales:
        raise ValueError(f"plus de {max_decimales} décimales : « {texte} »")
    if len(entier) > 30:
        raise ValueError(f"{quoi} hors limites : « {texte} »")
    signe = "-" if m["signe"] else ""
    return _decimal(
        Decimal(f"{signe}{entier}.{decimales}" if decimales else f"{signe}{entier}"), f"le {quoi}"
    )


def lire_euros(texte: str) -> Decimal:
    """Read an amount written in French, with or without ``€``/``euros`` and cents, keeping its cents.

    Group separators: space, U+00A0, U+202F, U+2009; decimal comma, or a decimal point followed by one or
    two digits ("800.00", open data). Dots as thousands separators ("9.380,00") are refused: not French,
    and "9.380" would be ambiguous.

    >>> lire_euros("9 380,00 €"), lire_euros("800,00€"), lire_euros("1 000 000 euros")
    (Decimal('9380.00'), Decimal('800.00'), Decimal('1000000'))
    """
    brut = _texte(texte)
    nu = _DEVISE.sub("", brut).strip()
    if re.search(r"\d\.\d{3}", nu):
        raise ValueError(f"le point n'est pas un séparateur de milliers en français : « {brut} »")
    return _lire_nombre(nu, "montant", max_decimales=2)


def lire_pourcentage(texte: str) -> Decimal:
    """Read ``31,98 %``, ``31,98%``, ``31.98`` or ``100,00`` as ``Decimal('31.98')`` etc.

    >>> lire_pourcentage("31,98 %"), lire_pourcentage("31.98")
    (Decimal('31.98'), Decimal('31.98'))
    """
    brut = _texte(texte)
    return _lire_nombre(re.sub(r"\s*%$", "", brut), "pourcentage")


_MOIS = [_sans_accents(get_month_names("wide", locale=LOCALE)[i]) for i in range(1, 13)]  # fevrier, aout…
_JOURS = [str(get_day_names("wide", locale=LOCALE)[i]) for i in range(7)]  # lundi = 0, as date.weekday()
_MOIS_RE = "janvier|f[eé]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[eé]cembre"
MOTIF_DATE: re.Pattern[str] = re.compile(
    rf"""(?<!\w)(?:
        (?:(?P<js>{"|".join(_JOURS)})\s+)?(?P<j>\d{{1,2}})\s*(?P<er>er|ᵉʳ|\^\{{er\}}|\^er)?\s+
        (?P<m>{_MOIS_RE})\s+(?P<a>\d{{4}})
      | (?<![\d/])(?P<jn>\d{{1,2}})/(?P<mn>\d{{1,2}})/(?P<an>\d{{4}})
    )(?![\d/])""",
    re.VERBOSE | re.IGNORECASE,
)
"""A long date (optional weekday, ``1er``/``1ᵉʳ``/``1^{er}``, accents optional) or a numeric one."""


def _date(m: re.Match[str]) -> date:
    if m["jn"] is not None:
        jour, mois, annee = int(m["jn"]), int(m["mn"]), int(m["an"])
    else:
        jour, annee = int(m["j"]), int(m["a"])
        mois = _MOIS.index(_sans_accents(m["m"].lower())) + 1
        if m["er"] and jour != 1:
            raise ValueError(f"« er » ne suit que le 1 : « {m[0]} »")
    try:
        resultat = date(annee, mois, jour)
    except ValueError:
        raise ValueError(f"date impossible : « {m[0]} »") from None
    if m["js"] and _JOURS.index(m["js"].lower()) != resultat.weekday():
        raise ValueError(f"le {date_courte(resultat)} n'est pas un {m['js'].lower()}")
    return resultat


def lire_date(texte: str) -> date:
    """Read ``15 septembre 2025``, ``mercredi 1er avril 2026``, ``1ᵉʳ avril 2026``, ``01/10/2025``.

    The weekday, if given, must match the date.

    >>> lire_date("Lundi 15 Septembre 2025"), lire_date("1/10/2025")
    (datetime.date(2025, 9, 15), datetime.date(2025, 10, 1))
    """
    brut = _texte(texte)
    m = MOTIF_DATE.fullmatch(brut)
    if m is None:
        raise ValueError(f"date illisible : « {brut} »")
    return _date(m)


_UNITES = "zero un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize"
_VALEURS = {mot: i for i, mot in enumerate(_UNITES.split(" "))}
_VALEURS |= {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
_ECHELLES = {"mille": 10**3, "million": 10**6, "milliard": 10**9, "billion": 10**12}
_ET = {("et", "un"), ("et", "onze")}  # vingt et un, soixante et onze: "et" optional
_SINGULIERS = {m + "s": m for m in ("vingt", "cent", "million", "milliard", "billion", "euro", "centime")}


def _jetons(texte: str) -> list[str]:
    """Lower-case, accent-free, singular word tokens; hyphens, spaces and apostrophes separate."""
    texte = _sans_accents(texte.lower()).translate(str.maketrans("’‘ʼ`´", "'''''"))
    return [_SINGULIERS.get(t, t) for t in re.split(r"[\s\-']+", texte) if t]


def _lire_entier(jetons: list[str], brut: str) -> int:
    """Words → integer; "et" is optional before un/onze; the result must re-spell as the input."""
    mots = [t for t, suivant in zip(jetons, [*jetons[1:], ""], strict=True) if (t, suivant) not in _ET]
    total = courant = 0
    for i, mot in enumerate(mots):
        if mot == "vingt" and i and mots[i - 1] == "quatre":
            courant += 76  # quatre-vingt: 4 → 80
        elif mot in _VALEURS:
            courant += _VALEURS[mot]
        elif mot == "cent":
            courant = max(courant, 1) * 100
        elif mot in _ECHELLES:
            total, courant = total + max(courant, 1) * _ECHELLES[mot], 0
        else:
            raise ValueError(f"mot inattendu « {mot} » dans « {brut} »")
    n = total + courant
    if not mots or n >= MONTANT_MAX or [t for t in _jetons(_cardinal(n)) if t != "et"] != mots:
        raise ValueError(f"nombre en lettres mal formé : « {brut} »")
    return n


def lire_en_lettres(texte: str) -> Decimal:
    """Inverse of ``en_lettres``, tolerant of case, accents, hyphens/spaces (1990 spelling), ``d'``,
    ``euro(s)``, ``centime(s)``, the ``et`` before the cents and plural ``s`` of vingt/cent/million.

    >>> lire_en_lettres("Neuf-mille-trois-cent-quatre-vingt euros et cinquante centimes")
    Decimal('9380.50')
    >>> lire_en_lettres("un million d’euros"), lire_en_lettres("zéro euro et cinquante centimes")
    (Decimal('1000000'), Decimal('0.50'))
    """
    brut = _texte(texte)
    jetons = _jetons(brut)
    negatif = jetons[:1] == ["moins"]
    jetons = jetons[1:] if negatif else jetons
    if "euro" in jetons:
        i = jetons.index("euro")
        avant, apres = jetons[:i], jetons[i + 1 :]
        if avant[-1:] == ["d"] and avant[-2:-1] in (["million"], ["milliard"], ["billion"]):
            avant = avant[:-1]
        unites = _lire_entier(avant, brut)
        apres = apres[1:] if apres[:1] == ["et"] else apres
    else:
        unites, apres = 0, jetons
    cents = None
    if apres:
        if apres[-1] != "centime":
            raise ValueError(f"montant en lettres illisible : « {brut} »")
        cents = _lire_entier(apres[:-1], brut)
        if cents > 99:
            raise ValueError(f"plus de 99 centimes : « {brut} »")
    elif "euro" not in jetons:
        raise ValueError(f"montant en lettres illisible : « {brut} »")
    montant = Decimal(unites) if cents is None else Decimal(f"{unites}.{cents:02d}")
    return -montant if negatif and montant else montant


# --- finding values in running text -----------------------------------------------------------------------

MOTIF_MONTANT: re.Pattern[str] = re.compile(
    rf"""
    (?:(?<![\w.,/\-−])(?P<signe>[-−])|(?<![\w.,/\-−]))
    (?!\d{{3}}(?:{_ESP}\d{{3}}){{0,2}}{_ESP}\d{{5}}(?!\d)|\d{{14}}(?!\d))
    (?P<entier>(?P<milliers>\d{{1,3}}(?:{_ESP}\d{{3}})+)|\d+)
    (?:,(?P<decimales>\d{{1,2}}))?
    (?![\d/]|[.,]\d)
    (?:[^\S\n]*(?P<devise>€|euros?\b|EUR\b))?
    (?![^\S\n]*%)
    (?(devise)|(?(decimales)|(?(milliers)|(?!))))
    """,
    re.VERBOSE | re.IGNORECASE,
)
"""An amount in running text: a number followed by ``€``/``euros``, or with decimal-comma cents, or with
a thousands group ("9 380"). A bare integer ("2025", "44 voix") is not an amount. Never matches inside
dates (01/10/2025, 15.09.2025), codes (2025-344, C05-043A06), SIRETs (3-3-3-5 digits in any spacing) or
before ``%``. A sign is taken only when glued to the digits and not preceded by a word ("-620 €")."""


def trouver_montants(texte: str) -> list[tuple[int, int, Decimal]]:
    r"""(start, end, value) of the amounts of ``texte`` (see MOTIF_MONTANT); also skips a bare 3-3-3
    group number shortly after "SIREN"/"SIRET".

    >>> trouver_montants("subvention de 9\u202f380 € le 01/10/2025 (SIRET 438 535 221 00024) : | 620,00 |")
    [(14, 21, Decimal('9380')), (66, 72, Decimal('620.00'))]
    """
    return list(_montants(_chaine(texte)))


@functools.lru_cache(maxsize=16384)
def _montants(texte: str) -> tuple[tuple[int, int, Decimal], ...]:
    """Cached: the checker meets the same texts in several rules and documents."""
    if _CHIFFRE.search(texte) is None:
        return ()
    resultats = []
    for m in MOTIF_MONTANT.finditer(texte):
        avant = texte[max(0, m.start() - 30) : m.start()]
        if not (m["devise"] or m["decimales"]) and re.search("sire[nt]", avant, re.IGNORECASE):
            continue
        entier = re.sub(_ESP, "", m["entier"])
        valeur = Decimal(f"{entier}.{m['decimales']}" if m["decimales"] else entier)
        if valeur < MONTANT_MAX:
            resultats.append((m.start(), m.end(), -valeur if m["signe"] and valeur else valeur))
    return tuple(resultats)


def trouver_dates(texte: str) -> list[tuple[int, int, date]]:
    """(start, end, date) of the long and numeric dates of ``texte``; impossible dates and wrong
    weekdays are skipped (run ``lire_date`` on ``MOTIF_DATE`` matches to report them).

    >>> trouver_dates("séance du lundi 15 septembre 2025, reçu le 1ᵉʳ octobre et le 01/10/2025")
    [(10, 33, datetime.date(2025, 9, 15)), (61, 71, datetime.date(2025, 10, 1))]
    """
    return list(_dates(_chaine(texte)))


@functools.lru_cache(maxsize=16384)
def _dates(texte: str) -> tuple[tuple[int, int, date], ...]:
    if _CHIFFRE.search(texte) is None:
        return ()
    resultats = []
    for m in MOTIF_DATE.finditer(texte):
        try:
            resultats.append((m.start(), m.end(), _date(m)))
        except ValueError:
            continue
    return tuple(resultats)


_MOT = (
    r"(?:z[ée]ro|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize"
    r"|vingts?|trente|quarante|cinquante|soixante|cents?|mille|millions?|milliards?|billions?)\b"
)
_LETTRES = rf"{_MOT}(?:(?:[\s\-]+et)?[\s\-]+{_MOT}){{0,40}}"  # bounded: linear time
MOTIF_EN_LETTRES: re.Pattern[str] = re.compile(
    rf"(?<![\w\-])(?:moins\s+)?(?:{_LETTRES}[\s\-]+(?:d['’]\s*)?euros?\b"
    rf"(?:(?:[\s\-]+et)?[\s\-]+{_LETTRES}[\s\-]+centimes?\b)?|{_LETTRES}[\s\-]+centimes?\b)",
    re.IGNORECASE,
)
"""Number words ending in ``euro(s)`` (optionally followed by cents) or in ``centime(s)``."""


def trouver_en_lettres(texte: str) -> list[tuple[int, int, Decimal]]:
    """(start, end, value) of the amounts in words of ``texte``; malformed ones are skipped.

    >>> trouver_en_lettres("une subvention de neuf mille trois cent quatre-vingts euros (9 380 €)")
    [(18, 59, Decimal('9380'))]
    """
    return list(_en_lettres_trouves(_chaine(texte)))


@functools.lru_cache(maxsize=16384)
def _en_lettres_trouves(texte: str) -> tuple[tuple[int, int, Decimal], ...]:
    minuscules = texte.lower()
    if "euro" not in minuscules and "centime" not in minuscules:
        return ()
    resultats = []
    for m in MOTIF_EN_LETTRES.finditer(texte):
        try:
            resultats.append((m.start(), m.end(), lire_en_lettres(m[0])))
        except ValueError:
            continue
    return tuple(resultats)
