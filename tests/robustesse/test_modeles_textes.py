"""Hostile and broken Jinja in a dossier's texts (`generate`, `check`) and in a collectivité's
templates (`generate --templates`): the sandbox bounds the work (range, growth of texts, lists and
numbers, loop iterations, call depth, output, time), and every refusal or syntax error is a French
message naming the dossier field or the template, exit code 2 (1 for `check`, which reports a text
that cannot be filled as finding X002), no traceback, within 10 s and 500 Mo."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from tests.robustesse.harnais import EXEMPLE, MODELES, Cas, Lanceur, verifier_cas

TEXTE = EXEMPLE.read_text(encoding="utf-8")

# --- dossier texts ------------------------------------------------------------------------------

LIEUX = {
    "article": ("D'attribuer une subvention de ", "affaires[0].deliberation.articles[0].paragraphes[0]"),
    "expose": ("Dans la dynamique de l'adoption", "affaires[0].rapport.expose[0]"),
    "objet": ("accompagnement de Lianes coopération pour", "affaires[0].convention.objet"),
}

BOUCLES = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"

HOSTILES_TEXTES: list[tuple[str, str, str]] = [
    ("chaine-2-milliards", "{{ ('x' * 2000000000) | length }}", "valeur calculée trop grande"),
    ("liste-2-milliards", "{{ [0] * 2000000000 }}", "valeur calculée trop grande"),
    ("puissance-milliard", "{{ 10 ** 1000000000 }}", "puissance démesurée"),
    ("produit-enorme", "{{ (10 ** 600) * (10 ** 600) }}", "nombre calculé démesuré"),
    ("lipsum", "{{ lipsum(n=10**7) }}", "lipsum"),
    ("range-milliard", "{{ range(10**9) | list }}", "range(…) trop grand"),
    ("boucles-range", BOUCLES, "trop de tours de boucle"),
    (
        "boucles-textes",
        "{% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}{% endfor %}{% endfor %}",
        "trop de tours de boucle",
    ),
    (
        "macro-recursive",
        "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
        "appels imbriqués trop profonds",
    ),
    (
        "doublement-tilde",
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "texte calculé trop long",
    ),
    (
        "doublement-liste",
        "{% set l = [1] %}{% for i in range(40) %}{{ l.extend(l) }}{% endfor %}",
        "liste calculée trop longue",
    ),
    ("filtre-center", "{{ 'x' | center(10**9) }}", "valeur calculée trop grande"),
    ("filtre-indent", "{{ ('a' ~ '\\n' * 1000) | indent(10**6) }}", "valeur calculée trop grande"),
    ("filtre-replace", "{{ ('x' * 1000) | replace('', 'y' * 100000) }}", "valeur calculée trop grande"),
    ("filtre-join", "{{ range(100000) | join('x' * 100000) }}", "valeur calculée trop grande"),
    (
        "filtre-wordwrap",
        "{{ ('x' * 100000) | wordwrap(1, wrapstring='y' * 100000) }}",
        "valeur calculée trop grande",
    ),
    ("filtre-batch", "{{ [1] | batch(10**9, 0) | list }}", "valeur calculée trop grande"),
    ("filtre-format", "{{ '%0999999999d' | format(1) }}", "valeur calculée trop grande"),
    ("methode-format", "{{ '{:>999999999}'.format(1) }}", "valeur calculée trop grande"),
    ("methode-ljust", "{{ 'x'.ljust(10**9) }}", "valeur calculée trop grande"),
    ("sortie-enorme", "{% for i in range(100000) %}{{ 'x' * 200 }}{% endfor %}", "document trop grand"),
    (
        "rendu-trop-long",
        "{% for i in range(100000) %}{{ range(100000) | list | sort | length }}{% endfor %}",
        "rendu trop long",
    ),
    ("nom-mal-ecrit-filtre", "{{ montnat | euros }}", "le nom « montnat » n'est pas défini"),
    ("attribut-inconnu", "{{ affaire.titr }}", "n'a pas d'attribut « titr »"),
    ("accolade-manquante", "{{ montant | euros }", "syntaxe invalide"),
    ("bloc-non-ferme", "{% if montant %}oui", "n'est pas fermé"),
    ("filtre-inconnu", "{{ montant | eur }}", "filtre inconnu « eur »"),
    ("attribut-interne", "{{ montant.__class__.__mro__ }}", "n'est pas permis"),
    ("division-par-zero", "{{ montant / 0 }}", "division par zéro"),
    ("texte-plus-nombre", "{{ 'a' + 1 }}", "opération « + » impossible entre un texte et un nombre entier"),
]
"""(name, Jinja, French words expected)."""

# Every hostile text in the article with `generate`; a selection in the other places and with `check`.
VARIANTES = {
    "chaine-2-milliards",
    "puissance-milliard",
    "boucles-range",
    "macro-recursive",
    "doublement-tilde",
}


def _texte_hostile(lieu: str, jinja: str) -> Callable[[Path], None]:
    ancre = LIEUX[lieu][0]
    assert ancre in TEXTE, ancre

    def preparer(dossier: Path) -> None:
        (dossier / "dossier.yaml").write_text(TEXTE.replace(ancre, f"{jinja} {ancre}", 1), encoding="utf-8")

    return preparer


def _cas_textes() -> list[Cas]:
    cas = []
    for nom, jinja, mots in HOSTILES_TEXTES:
        lieux = LIEUX if nom in VARIANTES else {"article": LIEUX["article"]}
        for lieu, (_, champ) in lieux.items():
            cas.append(
                Cas(
                    f"texte-{lieu}-{nom}-generate",
                    _texte_hostile(lieu, jinja),
                    ("generate", "dossier.yaml", "-o", "out"),
                    2,
                    (f"dossier, champ {champ}", mots),
                )
            )
        if nom in VARIANTES:
            cas.append(
                Cas(
                    f"texte-article-{nom}-check",
                    _texte_hostile("article", jinja),
                    ("check", "dossier.yaml"),
                    1,
                    ("X002", "textes de l'affaire non rendus", mots),
                )
            )
    return cas


# --- templates --------------------------------------------------------------------------------------

_PARAGRAPHE = '<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>'


def _modele(place: str, jinja: str, dossier: Path) -> None:
    """The shipped délibération template with `jinja` in the body (before the vote, whose
    paragraphs a bad tag would swallow), in the footer or in the document's title."""
    (dossier / "dossier.yaml").write_text(TEXTE, encoding="utf-8")
    (dossier / "modeles").mkdir()
    with zipfile.ZipFile(MODELES / "deliberation.docx") as source:
        entrees = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(dossier / "modeles" / "deliberation.docx", "w", zipfile.ZIP_DEFLATED) as modele:
        for info, donnees in entrees:
            xml = donnees.decode("utf-8") if info.filename.endswith(".xml") else ""
            if place == "corps" and info.filename == "word/document.xml":
                debut = xml.rindex("<w:p>", 0, xml.index("{%p if deliberation.vote %}"))
                xml = xml[:debut] + _PARAGRAPHE.format(escape(jinja)) + xml[debut:]
            elif place == "pied" and info.filename == "word/footer1.xml":
                debut = xml.index("<w:p")
                xml = xml[:debut] + _PARAGRAPHE.format(escape(jinja)) + xml[debut:]
            elif place == "titre" and info.filename == "docProps/core.xml":
                debut = xml.index("<dc:title>") + len("<dc:title>")
                xml = xml[:debut] + escape(jinja) + xml[debut:]
            modele.writestr(info, xml.encode("utf-8") if xml else donnees)


HOSTILES_MODELES: list[tuple[str, str, str]] = [
    ("chaine-2-milliards", "{{ ('x' * 2000000000) | length }}", "valeur calculée trop grande"),
    ("puissance-milliard", "{{ 10 ** 1000000000 }}", "puissance démesurée"),
    (
        "boucles",
        "{% for a in 'x' * 10000 %}{% for b in 'x' * 10000 %}{% endfor %}{% endfor %}",
        "trop de tours de boucle",
    ),
    (
        "macro-recursive",
        "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
        "appels imbriqués trop profonds",
    ),
    ("filtre-center", "{{ 'x' | center(10**9) }}", "valeur calculée trop grande"),
    ("sortie-enorme", "{% for a in 'x' * 100000 %}{{ 'x' * 200 }}{% endfor %}", "document trop grand"),
    (
        "rendu-trop-long",
        "{% for a in 'x' * 100000 %}{{ ('x' * 100000) | list | sort | length }}{% endfor %}",
        "rendu trop long",
    ),
    ("nom-inconnu", "{{ affaire.titr }}", "n'a pas d'attribut « titr »"),
    ("filtre-inconnu", "{{ montant | eur }}", "filtre inconnu « eur »"),
    ("attribut-interne", "{{ montant.__class__ }}", "n'est pas permis"),
]

SYNTAXE_MODELES: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("accolade-manquante", "corps", "{{ affaire.titre }", ("balise « {{ » non fermée", "{{ affaire.titre }")),
    ("accolade-manquante", "pied", "{{ affaire.titre }", ("balise « {{ » non fermée", "word/footer1.xml")),
    ("accolade-manquante", "titre", "{{ affaire.titre }", ("propriété « title »", "syntaxe Jinja invalide")),
    ("pourcent-manquant", "corps", "{% if montant %}oui{% endif }", ("balise « {% » non fermée",)),
    ("commentaire-ouvert", "corps", "{# note", ("balise « {# » non fermée",)),
    ("bloc-non-ferme", "corps", "{% if montant %}oui", ("n'est pas fermé",)),
    ("balise-inconnue", "corps", "{% sinon %}", ("balise inconnue « sinon »",)),
    ("jeton-inattendu", "corps", "{{ montant ) }}", ("inattendu",)),
]


def _cas_modeles() -> list[Cas]:
    commande = ("generate", "dossier.yaml", "-o", "out", "--templates", "modeles")
    cas = []
    for nom, jinja, mots in HOSTILES_MODELES:
        for place in (
            ("corps", "pied", "titre") if nom in VARIANTES | {"boucles", "puissance-milliard"} else ("corps",)
        ):
            cas.append(
                Cas(
                    f"modele-{place}-{nom}",
                    partial(_modele, place, jinja),
                    commande,
                    2,
                    ("deliberation.docx", mots),
                )
            )
    for nom, place, jinja, attendus in SYNTAXE_MODELES:
        cas.append(
            Cas(f"modele-{place}-syntaxe-{nom}", partial(_modele, place, jinja), commande, 2, attendus)
        )
    return cas


CAS = _cas_textes() + _cas_modeles()


@pytest.fixture(scope="module")
def lanceur(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Lanceur:
    return Lanceur.du_module(tmp_path_factory, request)


@pytest.mark.parametrize("cas", CAS, ids=str)
def test_modele_ou_texte_hostile(lanceur: Lanceur, cas: Cas) -> None:
    verifier_cas(lanceur, cas)


def test_les_cas_ont_des_noms_uniques() -> None:
    assert len({cas.nom for cas in CAS}) == len(CAS)


def test_un_modele_juste_donne_les_memes_documents(tmp_path: Path) -> None:
    """The bounds change nothing for a real act: the shipped template, rewritten by the test's
    own means with an empty paragraph, still generates without a message."""
    from tests.robustesse.harnais import lancer, verifier

    _modele("corps", "{{ affaire.titre | upper }}", tmp_path)
    resultat = lancer(("generate", "dossier.yaml", "-o", "out", "--templates", "modeles"), tmp_path)
    verifier(resultat, 0, "4 fichiers écrits")
    assert (tmp_path / "out" / "lianes-2025_2025-344_deliberation.docx").stat().st_size > 10_000
