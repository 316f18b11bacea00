"""Tests of actes62.formats: tables per function, library pitfalls, robustness, round-trip properties."""

from __future__ import annotations

import ast
import contextlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from hypothesis import given
from hypothesis import strategies as st
from num2words import num2words

from actes62 import formats
from actes62.formats import (
    MOTIF_MONTANT,
    date_courte,
    date_longue,
    en_lettres,
    euros,
    lire_date,
    lire_en_lettres,
    lire_euros,
    lire_pourcentage,
    nombre,
    pourcentage,
    siren,
    siret,
    trouver_dates,
    trouver_en_lettres,
    trouver_montants,
)

D = Decimal
NNBSP, NBSP, THIN = "\u202f", "\u00a0", "\u2009"

# --- library pitfalls: why the wrappers exist -------------------------------------------------------------


def test_babel_rounds_half_even_when_cents_are_dropped() -> None:
    brut = format_currency(D("9381.50"), "EUR", format="#,##0\u00a0¤", locale="fr_FR", currency_digits=False)
    assert brut == f"9{NNBSP}382{NBSP}€"  # a wrong amount in an act
    assert format_decimal(D("2.5"), format="#,##0", locale="fr_FR") == "2"  # half-even
    assert euros(D("9381.50")) == f"9{NNBSP}381,50{NBSP}€"
    assert nombre(D("2.5"), 0) == "3"  # ours: explicit half-up


def test_babel_has_no_1er() -> None:
    assert format_date(date(2026, 4, 1), "d MMMM y", locale="fr_FR") == "1 avril 2026"
    assert date_longue(date(2026, 4, 1)) == "1er avril 2026"


def test_num2words_currency_mode_is_wrong_for_us() -> None:
    # an int is taken as cents
    assert num2words(9380, lang="fr", to="currency") == "quatre-vingt-treize euros et quatre-vingts centimes"
    assert en_lettres(D(9380)) == "neuf mille trois cent quatre-vingts euros"
    # a Decimal gets "zéro centimes" and "un million euros"
    assert num2words(D("1000000"), lang="fr", to="currency") == "un million euros et zéro centimes"
    assert en_lettres(D("1000000")) == "un million d'euros"


# --- formatting tables ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("montant", "centimes", "attendu"),
    [
        (D("9380"), False, f"9{NNBSP}380{NBSP}€"),
        (D("9380"), True, f"9{NNBSP}380,00{NBSP}€"),
        (D("9380.00"), False, f"9{NNBSP}380{NBSP}€"),
        (D("1000000"), False, f"1{NNBSP}000{NNBSP}000{NBSP}€"),
        (D("9381.50"), False, f"9{NNBSP}381,50{NBSP}€"),  # not rounded
        (D("9381.5"), True, f"9{NNBSP}381,50{NBSP}€"),
        (D("620"), False, f"620{NBSP}€"),
        (D("0"), False, f"0{NBSP}€"),
        (D("-0"), True, f"0,00{NBSP}€"),
        (D("0.5"), False, f"0,50{NBSP}€"),
        (D("-620"), False, f"-620{NBSP}€"),
        (9380, False, f"9{NNBSP}380{NBSP}€"),  # int is exact: accepted
        (D("999999999999999.99"), True, f"999{NNBSP}999{NNBSP}999{NNBSP}999{NNBSP}999,99{NBSP}€"),
    ],
)
def test_euros(montant: Decimal, centimes: bool, attendu: str) -> None:
    assert euros(montant, centimes=centimes) == attendu


@pytest.mark.parametrize(
    ("valeur", "decimales", "attendu"),
    [
        (D("10000"), 2, f"10{NNBSP}000,00"),
        (D("10000.00"), None, f"10{NNBSP}000,00"),
        (D("9380"), None, f"9{NNBSP}380"),
        (D("1.5"), None, "1,5"),
        (D("3.14159"), None, "3,14159"),
        (D("1E+3"), None, f"1{NNBSP}000"),
        (D("1234567.891"), 2, f"1{NNBSP}234{NNBSP}567,89"),
        (D("2.125"), 2, "2,13"),
        (D("-620"), None, "-620"),
        (D("-0.00"), None, "0,00"),
        (D("999"), 0, "999"),
    ],
)
def test_nombre(valeur: Decimal, decimales: int | None, attendu: str) -> None:
    assert nombre(valeur, decimales) == attendu


EN_LETTRES = [
    ("9380", "neuf mille trois cent quatre-vingts euros"),
    ("1.01", "un euro et un centime"),
    ("1", "un euro"),
    ("1000000", "un million d'euros"),
    ("2000000", "deux millions d'euros"),
    ("1500000", "un million cinq cent mille euros"),
    ("71", "soixante et onze euros"),
    ("21", "vingt et un euros"),
    ("9380.50", "neuf mille trois cent quatre-vingts euros et cinquante centimes"),
    ("0", "zéro euro"),
    ("0.50", "cinquante centimes"),
    ("0.01", "un centime"),
    ("200", "deux cents euros"),
    ("201", "deux cent un euros"),
    ("80", "quatre-vingts euros"),
    ("81", "quatre-vingt-un euros"),
    ("80000", "quatre-vingt mille euros"),
    ("1000", "mille euros"),
    ("10000", "dix mille euros"),
    ("1000000000", "un milliard d'euros"),
    ("2000000500", "deux milliards cinq cents euros"),
    ("200000000", "deux cents millions d'euros"),
    ("3000000000000", "trois billions d'euros"),
    ("-620", "moins six cent vingt euros"),
]


@pytest.mark.parametrize(("montant", "attendu"), EN_LETTRES)
def test_en_lettres(montant: str, attendu: str) -> None:
    assert en_lettres(D(montant)) == attendu
    assert lire_en_lettres(attendu) == D(montant)


@pytest.mark.parametrize(
    ("d", "jour", "attendu"),
    [
        (date(2025, 9, 15), False, "15 septembre 2025"),
        (date(2026, 4, 1), False, "1er avril 2026"),
        (date(2026, 4, 1), True, "mercredi 1er avril 2026"),
        (date(2025, 9, 15), True, "lundi 15 septembre 2025"),
        (date(2025, 8, 2), False, "2 août 2025"),
        (date(2025, 2, 1), False, "1er février 2025"),
    ],
)
def test_date_longue(d: date, jour: bool, attendu: str) -> None:
    assert date_longue(d, jour=jour) == attendu


def test_nombre_refuse_bad_decimals() -> None:
    with pytest.raises(ValueError, match="décimales"):
        nombre(D("1E-100"))
    with pytest.raises(ValueError, match="décimales"):
        nombre(D("1"), -1)
    with pytest.raises(TypeError):
        nombre(D("1"), "2")  # type: ignore[arg-type]


def test_date_courte() -> None:
    assert date_courte(date(2025, 10, 1)) == "01/10/2025"
    assert date_courte(date(999, 1, 2)) == "02/01/0999"


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [
        (D("31.98"), f"31,98{NBSP}%"),
        (D("100"), f"100,00{NBSP}%"),
        (D("2.125"), f"2,13{NBSP}%"),  # half-up (half-even would give 2,12)
        (D("0"), f"0,00{NBSP}%"),
        (D("-5"), f"-5,00{NBSP}%"),
        (D("1234.5"), f"1{NNBSP}234,50{NBSP}%"),
    ],
)
def test_pourcentage(valeur: Decimal, attendu: str) -> None:
    assert pourcentage(valeur) == attendu


def test_siret_siren() -> None:
    assert siret("22620001200012") == f"226{NBSP}200{NBSP}012{NBSP}00012"
    assert siret("438 535 221 00024") == f"438{NBSP}535{NBSP}221{NBSP}00024"
    assert siren("226200012") == f"226{NBSP}200{NBSP}012"
    for mauvais in ("2262000120001", "2262000120001X", "", "２２６２００１２"):
        with pytest.raises(ValueError, match="chiffres"):
            siret(mauvais)
    with pytest.raises(TypeError):
        siren(226200012)  # type: ignore[arg-type]


# --- parsers ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("9 380 €", D("9380")),
        (f"9{NNBSP}380{NBSP}€", D("9380")),
        ("9 380,00 €", D("9380.00")),
        ("9380", D("9380")),
        ("9 380,00", D("9380.00")),
        ("10 000,00", D("10000.00")),
        ("800,00€", D("800.00")),
        ("800.00", D("800.00")),  # open data decimal point
        ("1 000 000 €", D("1000000")),
        (f"9{THIN}380 euros", D("9380")),
        ("1 euro", D("1")),
        ("9 380 EUR", D("9380")),
        ("620,5", D("620.5")),
        ("-620 €", D("-620")),
        ("−620 €", D("-620")),
        ("  9 380 €  ", D("9380")),
        ("0", D("0")),
    ],
)
def test_lire_euros(texte: str, attendu: Decimal) -> None:
    valeur = lire_euros(texte)
    assert valeur == attendu
    assert valeur.as_tuple() == attendu.as_tuple()  # keeps the cents it had


@pytest.mark.parametrize(
    "texte",
    [
        *("abc", "", "€", "9 38 0", "12 34", "1 2345", "9.380,00 €", "9.380", "1,234", "9 380,001"),
        *("9,380.00", "--5", "5 €€", "😴", ",50", "9380.", "euros", "9 380 % ", "1" * 40),
    ],
)
def test_lire_euros_refuse(texte: str) -> None:
    with pytest.raises(ValueError):
        lire_euros(texte)


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("Neuf Mille Trois Cent Quatre-Vingts Euros", D("9380")),
        ("neuf-mille-trois-cent-quatre-vingts euros", D("9380")),  # 1990 spelling
        ("vingt-et-un euros", D("21")),
        ("vingt et un euro", D("21")),
        ("soixante-onze euros", D("71")),
        ("un million euros", D("1000000")),
        ("deux millions d’euros", D("2000000")),
        ("NEUF MILLE EUROS CINQUANTE CENTIMES", D("9000.50")),
        ("zero euro", D("0")),
        ("zéro euro et cinquante centimes", D("0.50")),
        ("un centime", D("0.01")),
        ("quatre-vingt euros", D("80")),
        ("deux cent euros", D("200")),
        ("moins six cent vingt euros", D("-620")),
    ],
)
def test_lire_en_lettres(texte: str, attendu: Decimal) -> None:
    assert lire_en_lettres(texte) == attendu


@pytest.mark.parametrize(
    "texte",
    [
        *("", "euros", "neuf", "deux trois euros", "un mille euros", "cent cent euros", "neuf mille d'euros"),
        *("cent centimes", "un euro et trois", "abc euros", "neuf et mille euros", "mille mille euros"),
        *("euros neuf", "moins", "d'euros", "un euro deux euros", "centimes", "9 380 €"),
    ],
)
def test_lire_en_lettres_refuse(texte: str) -> None:
    with pytest.raises(ValueError):
        lire_en_lettres(texte)


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("15 septembre 2025", date(2025, 9, 15)),
        ("1er avril 2026", date(2026, 4, 1)),
        ("1^{er} avril 2026", date(2026, 4, 1)),
        ("1^er avril 2026", date(2026, 4, 1)),
        ("1ᵉʳ avril 2026", date(2026, 4, 1)),
        ("1 er avril 2026", date(2026, 4, 1)),
        ("1 avril 2026", date(2026, 4, 1)),
        ("lundi 15 septembre 2025", date(2025, 9, 15)),
        ("Mercredi 1er Avril 2026", date(2026, 4, 1)),
        ("01/10/2025", date(2025, 10, 1)),
        ("1/10/2025", date(2025, 10, 1)),
        ("3 fevrier 2025", date(2025, 2, 3)),
        ("15 aout 2025", date(2025, 8, 15)),
        ("15 AOÛT 2025", date(2025, 8, 15)),
        ("25 decembre 2025", date(2025, 12, 25)),
        (f" 15{NBSP}septembre{NBSP}2025 ", date(2025, 9, 15)),
    ],
)
def test_lire_date(texte: str, attendu: date) -> None:
    assert lire_date(texte) == attendu


@pytest.mark.parametrize(
    ("texte", "message"),
    [
        ("30 février 2025", "impossible"),
        ("31/04/2025", "impossible"),
        ("0/10/2025", "impossible"),
        ("32 janvier 2025", "impossible"),
        ("mardi 15 septembre 2025", "n'est pas un mardi"),
        ("2er avril 2026", "er"),
        ("15 sept 2025", "illisible"),
        ("15/09/25", "illisible"),
        ("2025-09-15", "illisible"),
        ("le 15 septembre 2025", "illisible"),
        ("", "illisible"),
    ],
)
def test_lire_date_refuse(texte: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        lire_date(texte)


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("31,98 %", D("31.98")),
        ("31,98%", D("31.98")),
        (f"31,98{NBSP}%", D("31.98")),
        ("31.98", D("31.98")),
        ("100,00", D("100.00")),
        ("100", D("100")),
        ("2,125 %", D("2.125")),
        ("-5,00 %", D("-5.00")),
    ],
)
def test_lire_pourcentage(texte: str, attendu: Decimal) -> None:
    assert lire_pourcentage(texte) == attendu


@pytest.mark.parametrize("texte", ["", "%", "abc", "31,98 €", "31;98", "31,98 %%"])
def test_lire_pourcentage_refuse(texte: str) -> None:
    with pytest.raises(ValueError):
        lire_pourcentage(texte)


# --- finders ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("texte", "attendus"),
    [
        ("subvention de 9 380 € à", [D("9380")]),
        ("| 10 000,00 |", [D("10000.00")]),
        ("9380,00", [D("9380.00")]),
        ("9 380 euros", [D("9380")]),
        ("soit 9 380 au total", [D("9380")]),  # bare integer with a thousands group
        (f"{NBSP}9{NNBSP}380{NBSP}€", [D("9380")]),
        ("de 800€ et 1 500 €", [D("800"), D("1500")]),
        ("solde : -620 €", [D("-620")]),
        ("solde - 620 €", [D("620")]),  # a detached dash is not a sign
        ("3 000,00 31,98 %", [D("3000.00")]),  # PDF table row: the percentage is not an amount
        ("en 2025, 44 voix", []),  # bare integers without group
        ("le 01/10/2025", []),
        ("le 15.09.2025", []),
        ("SIRET 438 535 221 00024", []),
        ("438 535 221 00024", []),
        ("43853522100024", []),
        ("SIREN : 226 200 012", []),
        ("31,98 %", []),
        ("délibération n°2025-344, code C05-043A06, 65748//93043", []),
        ("ID : 062-226200012-20250915-lmc1526130-DE", []),
    ],
)
def test_trouver_montants(texte: str, attendus: list[Decimal]) -> None:
    trouves = trouver_montants(texte)
    assert [v for _, _, v in trouves] == attendus
    for debut, fin, valeur in trouves:
        assert MOTIF_MONTANT.match(texte, debut) is not None
        assert abs(lire_euros(texte[debut:fin])) == abs(valeur)


@pytest.mark.parametrize(
    ("texte", "attendus"),
    [
        ("Séance du 15 septembre 2025.", [date(2025, 9, 15)]),
        ("le mercredi 1er avril 2026 et le 01/10/2025", [date(2026, 4, 1), date(2025, 10, 1)]),
        ("le 1ᵉʳ avril 2026", [date(2026, 4, 1)]),
        ("15 AOUT 2025", [date(2025, 8, 15)]),
        ("le 30 février 2025", []),  # impossible: skipped
        ("le lundi 1er avril 2026", []),  # wrong weekday: skipped
        ("9 380 € en 2025", []),
        ("ID : 062-226200012-20250915-lmc1526130-DE", []),
    ],
)
def test_trouver_dates(texte: str, attendus: list[date]) -> None:
    trouves = trouver_dates(texte)
    assert [d for _, _, d in trouves] == attendus
    assert all(lire_date(texte[debut:fin]) == d for debut, fin, d in trouves)


@pytest.mark.parametrize(
    ("texte", "attendus"),
    [
        ("une subvention de neuf mille trois cent quatre-vingts euros (9 380 €)", [D("9380")]),
        ("d'un montant d'un million d'euros.", [D("1000000")]),
        ("soit vingt-et-un euros et cinquante centimes.", [D("21.50")]),
        ("Cinquante centimes", [D("0.50")]),
        ("pour un euro symbolique", [D("1")]),
        ("le septième jour, deux voix", []),
        ("deux trois euros", []),  # malformed: skipped
    ],
)
def test_trouver_en_lettres(texte: str, attendus: list[Decimal]) -> None:
    assert [v for _, _, v in trouver_en_lettres(texte)] == attendus


def test_trouver_en_lettres_positions() -> None:
    texte = "une subvention de neuf mille trois cent quatre-vingts euros (9 380 €)"
    ((debut, fin, _),) = trouver_en_lettres(texte)
    assert texte[debut:fin] == "neuf mille trois cent quatre-vingts euros"


# --- types and robustness ---------------------------------------------------------------------------------

FONCTIONS_MONTANT: list[Callable[[Any], object]] = [euros, nombre, en_lettres, pourcentage]


@pytest.mark.parametrize("fonction", FONCTIONS_MONTANT)
@pytest.mark.parametrize("valeur", [9380.0, True, False, "9380", None])
def test_amounts_refuse_float_bool_and_strings(fonction: Callable[[Any], object], valeur: object) -> None:
    with pytest.raises(TypeError):
        fonction(valeur)


@pytest.mark.parametrize("fonction", FONCTIONS_MONTANT)
@pytest.mark.parametrize("valeur", [D("NaN"), D("sNaN"), D("Infinity"), D("-Infinity"), D("1e15"), 10**30])
def test_amounts_refuse_non_finite_and_huge(fonction: Callable[[Any], object], valeur: object) -> None:
    with pytest.raises(ValueError):
        fonction(valeur)


@pytest.mark.parametrize("fonction", [euros, en_lettres])
def test_amounts_refuse_sub_cent(fonction: Callable[[Any], object]) -> None:
    with pytest.raises(ValueError, match="deux décimales"):
        fonction(D("1.234"))


PUBLIQUES = [getattr(formats, nom) for nom in formats.__all__ if callable(getattr(formats, nom))]
JUNK: list[object] = [None, "", "€", "😴", "%", "1er", "moins", "euros", D("1e30"), D("NaN"), D("sNaN")]
JUNK += [D("Infinity"), D("-620"), D("-0"), D("0.001"), -620, 10**30, 1.5, True, date(2025, 1, 1), b"9"]
JUNK += ["9" * 5000, "mille " * 500 + "euros", "1/1/1", "31/12/9999 " * 3, "\u202f€\u00a0%", "-" * 50]


@pytest.mark.parametrize("fonction", PUBLIQUES, ids=lambda f: str(f.__name__))
@pytest.mark.parametrize("valeur", JUNK, ids=repr)
def test_robustness(fonction: Callable[[Any], object], valeur: object) -> None:
    try:
        resultat = fonction(valeur)
    except (TypeError, ValueError) as exc:
        assert str(exc)
    else:
        assert isinstance(resultat, str | Decimal | date | list)


def test_no_float_and_no_other_actes62_module() -> None:
    arbre = ast.parse(Path(formats.__file__).read_text(encoding="utf-8"))
    modules = {n.module for n in ast.walk(arbre) if isinstance(n, ast.ImportFrom)}
    modules |= {a.name for n in ast.walk(arbre) if isinstance(n, ast.Import) for a in n.names}
    assert not any(m and m.startswith("actes62") for m in modules)


def test_negative_amounts_round_trip() -> None:
    assert lire_euros(euros(D("-620"))) == D("-620")
    assert lire_en_lettres(en_lettres(D("-0.50"))) == D("-0.50")
    assert en_lettres(D("-0.50")) == "moins cinquante centimes"


# --- properties -------------------------------------------------------------------------------------------

MONTANTS = st.decimals(min_value=0, max_value=D("999999999999.99"), places=2)
SIGNES = st.decimals(min_value=D("-999999999999.99"), max_value=D("999999999999.99"), places=2)
SEPARATEURS = st.sampled_from([" ", NBSP, NNBSP, THIN])
MOTS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàç .:;()|", max_size=30)


@given(MONTANTS, st.booleans())
def test_lire_euros_inverts_euros(x: Decimal, centimes: bool) -> None:
    assert lire_euros(euros(x, centimes=centimes)) == x


@given(SIGNES, st.booleans(), SEPARATEURS)
def test_any_group_separator_parses(x: Decimal, centimes: bool, sep: str) -> None:
    texte = euros(x, centimes=centimes).replace(NNBSP, sep)
    assert lire_euros(texte) == x
    assert [v for _, _, v in trouver_montants(f"montant : {texte}.")] == [x]


@given(MONTANTS)
def test_lire_en_lettres_inverts_en_lettres(x: Decimal) -> None:
    assert lire_en_lettres(en_lettres(x)) == x


@given(MONTANTS)
def test_trouver_en_lettres_in_a_sentence(x: Decimal) -> None:
    texte = f"une subvention de {en_lettres(x)} ({euros(x)}) est attribuée"
    assert [v for _, _, v in trouver_en_lettres(texte)] == [x]


@given(st.dates(min_value=date(1000, 1, 1)), st.booleans())
def test_lire_date_inverts_date_formats(d: date, jour: bool) -> None:
    assert lire_date(date_longue(d, jour=jour)) == d
    assert lire_date(date_courte(d)) == d
    texte = f"le {date_longue(d, jour=jour)} ({date_courte(d)})"
    assert [t for _, _, t in trouver_dates(texte)] == [d, d]


@given(st.decimals(min_value=-1000, max_value=1000, places=2))
def test_lire_pourcentage_inverts_pourcentage(p: Decimal) -> None:
    assert lire_pourcentage(pourcentage(p)) == p


@given(SIGNES, st.booleans(), MOTS, MOTS)
def test_trouver_montants_in_random_text(x: Decimal, centimes: bool, avant: str, apres: str) -> None:
    texte = euros(x, centimes=centimes)
    prefixe = avant + " "
    assert trouver_montants(f"{prefixe}{texte} {apres}") == [(len(prefixe), len(prefixe) + len(texte), x)]


@given(MONTANTS)
def test_trouver_montants_in_budget_table(x: Decimal) -> None:
    cellule = nombre(x, 2)
    assert trouver_montants(f"| Frais | {cellule} | 31,98 % |") == [(10, 10 + len(cellule), x)]


LECTEURS: list[Callable[[str], object]] = [lire_euros, lire_en_lettres, lire_date, lire_pourcentage]
TROUVEURS: list[Callable[[str], object]] = [trouver_montants, trouver_dates, trouver_en_lettres]


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("0123456789 ,.€%/-er")))
def test_parsers_are_total_on_text(texte: str) -> None:
    for lecteur in LECTEURS:
        with contextlib.suppress(ValueError):
            lecteur(texte)
    for trouveur in TROUVEURS:
        assert isinstance(trouveur(texte), list)


@given(st.decimals(), st.booleans())
def test_formatters_are_total_on_decimals(x: Decimal, centimes: bool) -> None:
    appels: list[Callable[[], str]] = [
        lambda: euros(x, centimes),
        lambda: en_lettres(x),
        lambda: pourcentage(x),
    ]
    for appel in appels:
        with contextlib.suppress(ValueError):
            assert isinstance(appel(), str)


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("12345678,00 €", [Decimal("12345678.00")]),  # 8 digits: not the tail of a SIRET
        ("12345678901,00 €", [Decimal("12345678901.00")]),  # 11 digits
        ("438 535 221 00024", []),  # a SIRET, spaced
        ("43853522100024", []),  # a SIRET, compact
    ],
)
def test_long_amounts_are_not_taken_for_sirets(texte: str, attendu: list[Decimal]) -> None:
    assert [valeur for _, _, valeur in trouver_montants(texte)] == attendu
