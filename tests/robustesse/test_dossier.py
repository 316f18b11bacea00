"""Hostile and broken dossiers given to `actes62 check` and `actes62 generate`: each gets its own
French message (what, where, what to do), exit code 2, no traceback, within 10 s and 500 Mo.
The hostile files are made by the tests; nothing large is committed."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from tests.robustesse.harnais import EXEMPLE, Cas, Lanceur, verifier_cas

TEXTE = EXEMPLE.read_text(encoding="utf-8")


def _ecrire(contenu: str | bytes, dossier: Path, nom: str = "dossier.yaml") -> None:
    chemin = dossier / nom
    if isinstance(contenu, bytes):
        chemin.write_bytes(contenu)
    else:
        chemin.write_text(contenu, encoding="utf-8")


def _remplacer(ancien: str, nouveau: str) -> Callable[[Path], None]:
    assert ancien in TEXTE, ancien
    return partial(_ecrire, TEXTE.replace(ancien, nouveau, 1))


def _rien(dossier: Path) -> None:
    del dossier


def _fifo(dossier: Path) -> None:
    os.mkfifo(dossier / "dossier.yaml")


def _boucle(dossier: Path) -> None:
    (dossier / "dossier.yaml").symlink_to("dossier.yaml")


def _lien_casse(dossier: Path) -> None:
    (dossier / "dossier.yaml").symlink_to("absent.yaml")


def _peripherique(nom: str) -> Callable[[Path], None]:
    def preparer(dossier: Path) -> None:
        (dossier / "dossier.yaml").symlink_to(nom)

    return preparer


def _sous_dossier(dossier: Path) -> None:
    (dossier / "dossier.yaml").mkdir()


def _grand_dossier(dossier: Path, copies: int) -> None:
    """A valid séance of `copies` affaires, each the example's with its own id (about 27 Ko each)."""
    debut = TEXTE.index("affaires:\n") + len("affaires:\n")
    affaire = TEXTE[debut:]
    _ecrire(
        TEXTE[:debut]
        + "".join(affaire.replace("id: lianes-2025", f"id: lianes-{n}", 1) for n in range(copies)),
        dossier,
    )


def _fichier(dossier: Path) -> None:
    _ecrire(TEXTE, dossier)
    (dossier / "sortie").write_text("un fichier, pas un dossier")


CHECK = ("check", "dossier.yaml")
GENERATE = ("generate", "dossier.yaml", "-o", "out")
LONG = "x" * 300

PAS_DES_DOSSIERS: list[tuple[str, Callable[[Path], None], tuple[str, ...]]] = [
    (
        "dev-zero",
        _peripherique("/dev/zero"),
        ("pas un fichier ordinaire", "fichier YAML est attendu"),
    ),
    ("dev-urandom", _peripherique("/dev/urandom"), ("pas un fichier ordinaire",)),
    ("fifo-sans-ecrivain", _fifo, ("pas un fichier ordinaire", "tube")),
    ("lien-en-boucle", _boucle, ("boucle de liens symboliques",)),
    ("lien-casse", _lien_casse, ("lien symbolique vers un fichier absent",)),
    ("absent", _rien, ("fichier introuvable",)),
    ("vide", partial(_ecrire, ""), ("une table avec collectivite, seance et affaires",)),
    ("liste", partial(_ecrire, "- a\n- b\n"), ("une table avec collectivite",)),
    ("latin-1", partial(_ecrire, TEXTE.encode("latin-1", "replace")), ("pas du texte UTF-8",)),
    ("binaire", partial(_ecrire, bytes(range(256)) * 4), ("pas du texte UTF-8",)),
]

CAS: list[Cas] = [
    # files that are not dossiers
    *(
        Cas(f"{nom}-{commande[0]}", preparer, commande, 2, mots)
        for nom, preparer, mots in PAS_DES_DOSSIERS
        for commande in (CHECK, GENERATE)
        if commande == CHECK or nom in ("dev-zero", "fifo-sans-ecrivain", "lien-en-boucle", "absent")
    ),
    Cas("un-dossier-generate", _sous_dossier, GENERATE, 2, ("c'est un dossier, pas un fichier YAML",)),
    Cas(
        "trop-grand",
        partial(_ecrire, "# " + "x" * (2 * 1024 * 1024) + "\n"),
        CHECK,
        2,
        ("fichier trop grand (plus de 1 Mo)", "ACTES62_TAILLE_MAX_DOSSIER"),
        env=(("ACTES62_TAILLE_MAX_DOSSIER", "1"),),
    ),
    # nesting
    Cas("crochets-100000", partial(_ecrire, "[" * 100_000), CHECK, 2, ("imbrication trop profonde",)),
    Cas("accolades-5000", partial(_ecrire, "{a: " * 5000), CHECK, 2, ("imbrication trop profonde",)),
    Cas("tables-profondes", partial(_ecrire, "a: " * 3000 + "b\n"), CHECK, 2, ("YAML invalide", ":1:")),
    Cas(
        "listes-profondes",
        partial(_ecrire, "".join(" " * i + "-\n" for i in range(2000))),
        CHECK,
        2,
        ("imbrication trop profonde",),
    ),
    Cas(
        "tables-indentees-1500",
        partial(_ecrire, "".join(" " * i + f"k{i}:\n" for i in range(1500))),
        CHECK,
        2,
        ("imbrication trop profonde",),
    ),
    # numbers
    *(
        Cas(f"nombre-{nom}", _remplacer(ancien, nouveau), CHECK, 2, mots)
        for nom, ancien, nouveau, mots in [
            (
                "entier-5000-chiffres",
                "membres_en_exercice: 44",
                "membres_en_exercice: " + "9" * 5000,
                (":38:", "démesuré", "100 chiffres"),
            ),
            (
                "montant-5000-chiffres",
                "proposition: 9380.00",
                "proposition: " + "9" * 5000 + ".00",
                (":126:", "démesuré"),
            ),
            ("exposant-enorme", "proposition: 9380.00", "proposition: 1.0E+999999999", (":126:", "démesuré")),
            (
                "moins-infini",
                "proposition: 9380.00",
                "proposition: -.inf",
                (":126:", "« -.inf »", "nombre fini"),
            ),
            ("infini", "proposition: 9380.00", "proposition: .inf", (":126:", "« .inf »", "nombre fini")),
            ("nan", "proposition: 9380.00", "proposition: .nan", (":126:", "« .nan »", "nombre fini")),
            (
                "montant-hors-limites",
                "proposition: 9380.00",
                "proposition: 10000000000000000",
                (":126:", "hors limites"),
            ),
            (
                "entier-texte",
                "membres_en_exercice: 44",
                "membres_en_exercice: quarante",
                (":38:", "nombre entier est attendu"),
            ),
            (
                "montant-texte",
                "proposition: 9380.00",
                "proposition: neuf mille",
                (":126:", "montant illisible « neuf mille »"),
            ),
        ]
    ),
    # YAML tags
    *(
        Cas(f"etiquette-{nom}", _remplacer("lieu: Arras", f"lieu: {valeur}"), CHECK, 2, (":34:", *mots))
        for nom, valeur, mots in [
            ("int", "!!int Arras", ("illisible comme int", "retirez l'étiquette « !!int »")),
            ("bool", "!!bool Arras", ("illisible comme bool",)),
            ("float", "!!float Arras", ("illisible comme float",)),
            ("binary", "!!binary Arras", ("base64", "!!binary")),
            (
                "python-object",
                "!!python/object:os.system Arras",
                ("« !!python/object:os.system » non permise",),
            ),
            ("locale", "!arras Arras", ("« !arras » non permise",)),
            ("set-sur-texte", "!!set Arras", ("autre sorte de valeur",)),
            ("map-sur-texte", "!!map Arras", ("illisible comme map",)),
            ("str-sur-liste", "!!str [a, b]", ("autre sorte de valeur",)),
        ]
    ),
    # characters YAML forbids, located by line and column
    *(
        Cas(f"caractere-{nom}", _remplacer("lieu: Arras", f"lieu: Ar{caractere}ras"), CHECK, 2, mots)
        for nom, caractere, mots in [
            ("nul", "\x00", (":34:", "U+0000", "colonne 11")),
            ("soh", "\x01", (":34:", "U+0001", "colonne 11")),
            ("echappement", "\x1b", (":34:", "U+001B", "colonne 11")),
            ("suppression", "\x7f", (":34:", "U+007F", "colonne 11")),
        ]
    ),
    Cas(
        "caractere-fin-de-fichier",
        partial(_ecrire, TEXTE + "#\x02"),
        CHECK,
        2,
        (f":{TEXTE.count(chr(10)) + 1}:", "U+0002", "colonne 2"),
    ),
    # YAML syntax, in French
    *(
        Cas(f"syntaxe-{nom}", _remplacer(ancien, nouveau), CHECK, 2, ("syntaxe YAML invalide", *mots))
        for nom, ancien, nouveau, mots in [
            ("guillemet-ouvert", "lieu: Arras", 'lieu: "Arras', (":102:",)),
            ("crochet-ouvert", "lieu: Arras", "lieu: [Arras, Lens", ("« ] »",)),
            ("accolade-ouverte", "lieu: Arras", "lieu: {a: Arras", ("« } »",)),
            ("deux-points", "lieu: Arras", "lieu: Arras: centre", (":34:", "entre guillemets")),
            ("tabulation", "  lieu: Arras", "\tlieu: Arras", (":34:",)),
            ("echappement", "lieu: Arras", 'lieu: "Ar\\qras"', (":34:", "barre oblique inverse")),
            ("alias-inconnu", "lieu: Arras", "lieu: *ville", (":34:", "alias « * » inconnu")),
            (
                "ancre-double",
                "lieu: Arras",
                "lieu: &a Arras\n  secretaire2: &a x",
                ("ancre « & » définie deux fois",),
            ),
            ("deux-documents", "seance:\n", "---\na: 1\n---\nseance:\n", ("un seul document",)),
            ("cle-double", "  lieu: Arras", "  lieu: Arras\n  lieu: Lens", (":35:", "apparaît deux fois")),
            ("cle-liste", "  lieu: Arras", "  ? [a, b]\n  : Arras", ("une clé doit être un simple mot",)),
        ]
    ),
    # the model's own errors, in French
    *(
        Cas(f"champ-{nom}", _remplacer(ancien, nouveau), CHECK, 2, mots)
        for nom, ancien, nouveau, mots in [
            ("date-impossible", "date: 2025-09-15", "date: 2025-02-30", (":33:", "date invalide")),
            ("date-an-999", "date: 2025-09-15", "date: 0999-01-01", (":33:", "entre 1900 et 2200")),
            ("date-an-2300", "date: 2025-09-15", "date: 2300-01-01", (":33:", "entre 1900 et 2200")),
            ("lieu-liste", "lieu: Arras", "lieu: [Arras]", (":34:", "un texte est attendu")),
            ("cle-inconnue", "lieu: Arras", "lieu: Arras\n  lieux: Lens", ("clé inconnue « lieux »",)),
            ("siret-faux", "siret: 438 535 221 00024", "siret: 438 535 221 00025", (":111:", "SIRET")),
        ]
    ),
    # a large valid séance: read with libyaml, checked within the bound
    Cas(
        "grand-dossier-6-mo",
        partial(_grand_dossier, copies=240),
        CHECK,
        1,
        ("240 affaires", "Vérification faite"),
    ),
    # outputs the system refuses
    Cas(
        "stdout-disque-plein-check",
        partial(_ecrire, TEXTE),
        CHECK,
        2,
        ("impossible d'écrire la sortie", "plus de place sur le disque"),
        stdout="/dev/full",
    ),
    Cas(
        "stdout-disque-plein-rules",
        _rien,
        ("rules",),
        2,
        ("plus de place sur le disque",),
        stdout="/dev/full",
    ),
    Cas(
        "sortie-nom-300-caracteres",
        partial(_ecrire, TEXTE),
        ("generate", "dossier.yaml", "-o", f"out/{LONG}"),
        2,
        ("nom de fichier trop long", "255 octets"),
    ),
    Cas(
        "sortie-sous-nom-300-caracteres",
        partial(_ecrire, TEXTE),
        ("generate", "dossier.yaml", "-o", f"{LONG}/out"),
        2,
        ("nom de fichier trop long",),
    ),
    Cas(
        "sortie-est-un-fichier",
        _fichier,
        ("generate", "dossier.yaml", "-o", "sortie"),
        2,
        ("sortie est un fichier",),
    ),
    Cas("sortie-sous-un-fichier", _fichier, ("generate", "dossier.yaml", "-o", "sortie/out"), 2, ("sortie",)),
]


@pytest.fixture(scope="module")
def lanceur(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Lanceur:
    return Lanceur.du_module(tmp_path_factory, request)


@pytest.mark.parametrize("cas", CAS, ids=str)
def test_dossier_hostile(lanceur: Lanceur, cas: Cas) -> None:
    verifier_cas(lanceur, cas)


def test_les_cas_ont_des_noms_uniques() -> None:
    assert len({cas.nom for cas in CAS}) == len(CAS)
