"""The loader under random input: the example dossiers, mutated (wrong types and values, missing and
extra keys, huge and negative numbers, odd strings, dates out of range, unicode, nesting), dumped to
a file and read with `actes62.load`, only ever give a model or an `Actes62Error` whose French
message names the file and, for each problem, a field or a line. A model that loads is then checked
(`actes62.check`) without any rule failing (X001)."""

from __future__ import annotations

import copy
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import actes62
from actes62.errors import DossierInvalide

RACINE = Path(__file__).resolve().parents[2]
EXEMPLES = sorted((RACINE / "examples").glob("*/dossier.yaml"))
ARBRES: list[Any] = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in EXEMPLES]
TEXTES = [p.read_text(encoding="utf-8") for p in EXEMPLES]

LONG = os.environ.get("ACTES62_HYPOTHESIS_PROFIL") == "long"


def _reglages(exemples: int) -> settings:
    return settings(
        max_examples=exemples * 20 if LONG else exemples,
        deadline=5000,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


Chemin = tuple[str | int, ...]

# --- values a user (or a slip) may write anywhere --------------------------------------------------

CHAINES_ETRANGES = [
    "",
    " ",
    "\t",
    "0999-01-01",
    "2025-02-30",
    "9999-12-31",
    "1899-12-31",
    "2201-01-01",
    "0000-00-00",
    "-.inf",
    ".nan",
    "1e999",
    "1.0E+999999999",
    "-9 380,00 €",
    "9 380,00 €",
    "9\u202f380,00\xa0€",
    "1" * 101,
    "1" * 99,
    "0" * 5000,
    "M. X",
    "Mme Élodie DE LA TOUR-D'AUVERGNE",
    "\u202eesrever",
    "\x00",
    "\x1b[31mrouge",
    "\ud7ff\ue000\ufffd",
    "𝟗𝟑𝟖𝟎",
    "{{ montant | euros }}",
    "{{ inconnu }}",
    "{{ montant | euros }",
    "{% for i in range(10) %}x{% endfor %}",
    "{{ 10 ** 100 }}",
    "~",
    "null",
    "yes",
    "no",
    "on",
    "0x1F",
    "0o17",
    "+12",
    "12_000",
    "438 535 221 00024",
    "438 535 221 00025",
    "lundi",
    "<w:p>",
    "]]>",
    "&amp;",
    "x" * 20_000,
]

SCALAIRES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.integers(min_value=-(10**120), max_value=10**120),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(CHAINES_ETRANGES),
    st.text(max_size=40),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)),
)
VALEURS = st.recursive(
    SCALAIRES,
    lambda interieur: (
        st.lists(interieur, max_size=4)
        | st.dictionaries(
            st.text(max_size=12) | st.sampled_from(["id", "montant", "date", "type"]), interieur, max_size=4
        )
    ),
    max_leaves=12,
)


# --- walking and mutating a tree -------------------------------------------------------------------


def _chemins(arbre: Any, prefixe: Chemin = ()) -> Iterator[Chemin]:
    """Every path below the root, depth first."""
    if isinstance(arbre, dict):
        for cle, valeur in arbre.items():
            yield (*prefixe, cle)
            yield from _chemins(valeur, (*prefixe, cle))
    elif isinstance(arbre, list):
        for rang, valeur in enumerate(arbre):
            yield (*prefixe, rang)
            yield from _chemins(valeur, (*prefixe, rang))


def _parent(arbre: Any, chemin: Chemin) -> Any:
    for element in chemin[:-1]:
        arbre = arbre[element]
    return arbre


def _remplacer(arbre: Any, chemin: Chemin, valeur: Any) -> None:
    _parent(arbre, chemin)[chemin[-1]] = valeur


def _supprimer(arbre: Any, chemin: Chemin) -> None:
    parent = _parent(arbre, chemin)
    del parent[chemin[-1]]


@st.composite
def arbres_mutes(draw: st.DrawFn) -> Any:
    """An example dossier with one to four mutations."""
    arbre = copy.deepcopy(draw(st.sampled_from(ARBRES)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        chemins = list(_chemins(arbre))
        if not chemins:
            break
        chemin = draw(st.sampled_from(chemins))
        ancien = _parent(arbre, chemin)[chemin[-1]]
        genre = draw(
            st.sampled_from(
                ["remplacer", "supprimer", "cle_en_plus", "envelopper", "imbriquer", "multiplier", "greffer"]
            )
        )
        if genre == "remplacer":
            _remplacer(arbre, chemin, draw(VALEURS))
        elif genre == "supprimer":
            _supprimer(arbre, chemin)
        elif genre == "cle_en_plus":
            cible = ancien if isinstance(ancien, dict) else _parent(arbre, chemin)
            if isinstance(cible, dict):
                cle = draw(
                    st.text(min_size=1, max_size=15) | st.sampled_from(["montant", "siret", "etat", "vote"])
                )
                cible[cle] = draw(VALEURS)
        elif genre == "envelopper":
            _remplacer(arbre, chemin, draw(st.sampled_from([[ancien], {"valeur": ancien}])))
        elif genre == "imbriquer":
            profondeur = draw(st.integers(min_value=2, max_value=60))
            valeur = ancien
            for _ in range(profondeur):
                valeur = [valeur]
            _remplacer(arbre, chemin, valeur)
        elif genre == "multiplier" and isinstance(ancien, list) and ancien:
            _remplacer(arbre, chemin, ancien * draw(st.integers(min_value=2, max_value=30)))
        elif genre == "greffer":  # a subtree of the right shape for another place
            autre = draw(st.sampled_from(chemins))
            _remplacer(arbre, chemin, copy.deepcopy(_parent(arbre, autre)[autre[-1]]))
    return arbre


_CARACTERES_YAML = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters="\ufeff\ufffe\uffff"
)
"""Characters YAML allows in a file; the control characters it refuses have their own test below."""


@st.composite
def textes_mutes(draw: st.DrawFn) -> str:
    """An example dossier's YAML text with a few lines or characters mutated."""
    lignes = draw(st.sampled_from(TEXTES)).splitlines()
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        rang = draw(st.integers(min_value=0, max_value=len(lignes) - 1))
        genre = draw(st.sampled_from(["inserer", "supprimer", "dupliquer", "indenter", "tabuler", "couper"]))
        if genre == "inserer":
            ligne = lignes[rang]
            position = draw(st.integers(min_value=0, max_value=len(ligne)))
            ajout = draw(
                st.text(alphabet=_CARACTERES_YAML, max_size=8)
                | st.sampled_from(
                    [
                        "&a",
                        "*a",
                        "!!python/object:os.system",
                        "!!int",
                        "{",
                        "[",
                        "'",
                        '"',
                        ": ",
                        "- ",
                        "#",
                        "%YAML 1.1",
                        "---",
                        "<<: *x",
                        "!!binary",
                    ]
                )
            )
            lignes[rang] = ligne[:position] + ajout + ligne[position:]
        elif genre == "supprimer":
            del lignes[rang]
        elif genre == "dupliquer":
            lignes.insert(rang, lignes[rang])
        elif genre == "indenter":
            lignes[rang] = " " * draw(st.integers(min_value=1, max_value=7)) + lignes[rang]
        elif genre == "tabuler":
            lignes[rang] = "\t" + lignes[rang]
        else:
            lignes = lignes[:rang]
        if not lignes:
            break
    return "\n".join(lignes) + "\n"


# --- the contract ----------------------------------------------------------------------------------

_ANGLAIS = re.compile(
    r"Input should|Field required|Value error|Assertion failed|Extra inputs|object has no attribute|"
    r"unsupported operand|NoneType|Traceback|is not defined|takes \d+ positional"
)


def _charger_et_verifier(chemin: Path) -> actes62.Dossier | None:
    """Load `chemin`: a model, or an `Actes62Error` whose French message names the file and, for each
    problem of a dossier, a field or a line. A model loaded is then checked with no rule failing."""
    try:
        dossier = actes62.load(chemin)
    except actes62.Actes62Error as exc:
        message = str(exc)
        assert str(chemin) in message, message
        assert not _ANGLAIS.search(message), message
        assert isinstance(exc, DossierInvalide), f"{type(exc).__name__} : {message}"
        assert exc.erreurs, message
        for erreur in exc.erreurs:
            assert erreur.message.strip(), message
            assert erreur.chemin or erreur.ligne is not None, f"ni champ ni ligne : {erreur!r}"
            if erreur.ligne is not None:
                assert 1 <= erreur.ligne <= chemin.read_bytes().count(b"\n") + 1, f"{erreur!r}"
        return None
    assert isinstance(dossier, actes62.Dossier)
    internes = [f for f in actes62.check(dossier, source=chemin) if f.code in ("X001",)]
    assert not internes, "\n".join(f.message for f in internes)
    return dossier


def _ecrire(contenu: str) -> Path:
    dossier = Path(tempfile.mkdtemp(prefix="chargement-"))
    chemin = dossier / "dossier.yaml"
    chemin.write_text(contenu, encoding="utf-8")
    return chemin


def _avec_fichier(contenu: str, verifier: Callable[[Path], object]) -> None:
    chemin = _ecrire(contenu)
    try:
        verifier(chemin)
    finally:
        chemin.unlink()
        chemin.parent.rmdir()


def test_the_examples_load_and_check_without_internal_failure() -> None:
    for exemple in EXEMPLES:
        assert _charger_et_verifier(exemple) is not None


@_reglages(70)
@given(arbres_mutes())
def test_a_mutated_tree_gives_a_model_or_a_located_french_error(arbre: Any) -> None:
    texte = yaml.safe_dump(arbre, allow_unicode=True, sort_keys=False, width=1000)
    _avec_fichier(texte, _charger_et_verifier)


@_reglages(60)
@given(textes_mutes())
def test_a_mutated_text_gives_a_model_or_a_located_french_error(texte: str) -> None:
    _avec_fichier(texte, _charger_et_verifier)


@_reglages(30)
@given(st.sampled_from(ARBRES), st.lists(st.sampled_from(list(_chemins(ARBRES[0]))), min_size=1, max_size=3))
def test_missing_keys_are_named_with_their_parent_line(arbre: Any, chemins: list[Chemin]) -> None:
    """A key removed from the example is reported as missing (or the dossier still loads when the
    key was optional), with the line of the mapping it belongs to."""
    arbre = copy.deepcopy(arbre)
    for chemin in chemins:
        try:
            _supprimer(arbre, chemin)
        except (KeyError, IndexError, TypeError):
            continue
    texte = yaml.safe_dump(arbre, allow_unicode=True, sort_keys=False, width=1000)
    _avec_fichier(texte, _charger_et_verifier)


@pytest.mark.parametrize("caractere", ["\x08", "\x1b", "\x7f"])
def test_a_control_character_is_located_by_its_line(caractere: str) -> None:
    lignes = TEXTES[0].splitlines()
    lignes[40] += caractere
    _avec_fichier("\n".join(lignes) + "\n", _charger_et_verifier)


def test_the_values_allowed_are_listed_in_french() -> None:
    texte = TEXTES[0].replace("instance: commission_permanente", "instance: bureau", 1)

    def verifier(chemin: Path) -> None:
        with pytest.raises(DossierInvalide) as erreur:
            actes62.load(chemin)
        assert "bureau" in str(erreur.value)
        assert " or " not in str(erreur.value), str(erreur.value)

    _avec_fichier(texte, verifier)
