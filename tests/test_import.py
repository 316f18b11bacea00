"""actes62 import: documents → the dossier they describe, with À VÉRIFIER / À COMPLÉTER comments."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

import actes62
from actes62 import importer as importer_module
from actes62.cli import main
from actes62.errors import DossierInvalide
from actes62.importer import A_COMPLETER, A_VERIFIER, ecrire_import, importer, importer_detail
from actes62.model import Dossier
from tests.corpus.mesure import lire_cle

EXEMPLES = Path(__file__).resolve().parent.parent / "examples"


def _importer(documents: Path, sortie: Path) -> str:
    ecrire_import(importer_detail([documents]), sortie)
    return sortie.read_text(encoding="utf-8")


def _lu(chemin: Path) -> dict[str, Any]:
    donnees: dict[str, Any] = YAML(typ="safe").load(chemin.read_text(encoding="utf-8"))
    return donnees


def _texte(valeur: object) -> object:
    return str(valeur) if valeur is not None else None


def _memes_faits(original: Dossier, importe: dict[str, Any]) -> None:
    """What the facts give equals what the documents were made from. The rest (names and
    addresses, the rapport's text, the avis's commission, the acquittement's dates…) is « À
    COMPLÉTER » by hand: no fact states it."""
    seance = importe["seance"]
    assert seance["date"] == original.seance.date
    assert seance["presents"] == [str(p) for p in original.seance.presents]
    assert seance["excuses"] == [str(p) for p in original.seance.excuses]
    assert seance["secretaire"] == str(original.seance.secretaire)
    assert seance["president"] == str(original.seance.president)
    assert seance["pouvoirs"] == [
        {"mandant": str(p.mandant), "mandataire": str(p.mandataire)} for p in original.seance.pouvoirs
    ]
    collectivite = importe["collectivite"]
    assert collectivite["siret"].replace(" ", "") == original.collectivite.siret.replace(" ", "")
    assert collectivite["president"] == str(original.collectivite.president)
    assert collectivite["qualite_president"] == original.collectivite.qualite_president
    assert collectivite["directeur_general"] == {
        "personne": str(original.collectivite.directeur_general.personne),
        "qualite": original.collectivite.directeur_general.qualite,
    }
    affaires = {a["deliberation"]["numero"]: a for a in importe["affaires"]}
    assert len(affaires) == len(original.affaires)
    for attendue in original.affaires:
        affaire = affaires[attendue.deliberation.numero]
        assert [
            (
                i["code_operation"],
                i["imputation"],
                i["libelle"],
                i["credits_paiement"],
                i["disponible"],
                i["proposition"],
            )
            for i in affaire["imputations"]
        ] == [
            (i.code_operation, i.imputation, i.libelle, i.credits_paiement, i.disponible, i.proposition)
            for i in attendue.imputations
        ]
        beneficiaire = affaire["beneficiaire"]
        if (
            attendue.convention is not None or beneficiaire["siret"]
        ):  # without a convention, no act may state it
            assert beneficiaire["siret"].replace(" ", "") == attendue.beneficiaire.siret.replace(" ", "")
        assert affaire["rapport"]["numero"] == attendue.rapport.numero
        assert affaire["rapport"]["avis"]["date"] == attendue.rapport.avis.date
        vote = attendue.deliberation.vote
        if vote is not None:
            assert affaire["deliberation"]["vote"]["pour"] == vote.pour
            assert affaire["deliberation"]["vote"]["contre"] == vote.contre
        assert len(affaire["deliberation"]["articles"]) == len(attendue.deliberation.articles)
        if attendue.deliberation.acquittement is not None:
            assert affaire["deliberation"]["acquittement"]["identifiant"] == (
                attendue.deliberation.acquittement.identifiant
            )
        if attendue.convention is not None:
            convention = affaire["convention"]
            assert beneficiaire["representant"] == {
                "personne": str(attendue.beneficiaire.representant.personne),
                "qualite": attendue.beneficiaire.representant.qualite,
            }
            for champ in ("debut", "fin", "date_limite_bilan", "annee"):
                assert convention[champ] == getattr(attendue.convention, champ), champ
            assert convention["signataire_beneficiaire"]["personne"] == str(
                attendue.convention.signataire_beneficiaire.personne
            )
        budget = attendue.annexe_budget
        if budget is not None:
            [lu] = [a for a in affaire["annexes"] if a["type"] == "budget"]
            assert [Decimal(str(ligne["montant"])) for ligne in lu["lignes"]] == [
                ligne.montant for ligne in budget.lignes
            ]


def test_seance_facts_read_from_documents(tmp_path: Path) -> None:
    original = actes62.load(EXEMPLES / "seance-2026-03" / "dossier.yaml")
    actes62.generate(original, tmp_path / "docs")
    texte = _importer(tmp_path / "docs", tmp_path / "importe.yaml")
    assert f"{A_VERIFIER} :" not in texte
    _memes_faits(original, _lu(tmp_path / "importe.yaml"))


def test_lianes_keeps_its_disagreements(tmp_path: Path) -> None:
    original = actes62.load(EXEMPLES / "lianes-2025" / "dossier.yaml")
    actes62.generate(original, tmp_path / "docs")
    texte = _importer(tmp_path / "docs", tmp_path / "importe.yaml")
    _memes_faits(original, _lu(tmp_path / "importe.yaml"))
    # the published dossier's known disagreements, each side named
    blocs = _blocs(texte)
    assert any("2022-01-23" in b and "2022-01-24" in b and "rapport" in b for b in blocs)
    assert any("2023-03-25" in b and "2024-03-25" in b for b in blocs)
    assert any("2025-09-02" in b and "2025-09-15" in b and "convention" in b for b in blocs)
    assert any("annexe 2" in b and "annexe 3" in b for b in blocs)


def test_missing_facts_fail_only_where_to_complete(tmp_path: Path) -> None:
    actes62.generate(actes62.load(EXEMPLES / "seance-2026-03" / "dossier.yaml"), tmp_path / "docs")
    texte = _importer(tmp_path / "docs", tmp_path / "importe.yaml")
    lignes = texte.splitlines()
    with pytest.raises(DossierInvalide) as erreur:
        actes62.load(tmp_path / "importe.yaml")
    assert erreur.value.erreurs
    for probleme in erreur.value.erreurs:
        assert probleme.ligne is not None
        avant = lignes[probleme.ligne - 2]
        assert f"{A_COMPLETER} :" in avant, (probleme, avant)


_FIXE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\[[^\]]*\]|\*\*")


def test_importer_holds_no_template_wording() -> None:
    """The importer reads facts and structure, never a template's sentences: no run of 3 words
    written by a shipped template appears in its source."""
    source = " ".join(Path(importer_module.__file__).read_text(encoding="utf-8").casefold().split())
    modeles = Path(importer_module.__file__).resolve().parents[2] / "templates"
    textes = sorted(modeles.glob("*.txt"))
    assert textes
    trouves = []
    for fichier in textes:
        for ligne in fichier.read_text(encoding="utf-8").splitlines():
            for morceau in _FIXE.split(ligne):
                mots = morceau.casefold().split()
                for i in range(len(mots) - 2):
                    suite = " ".join(mots[i : i + 3])
                    if re.search(r"\w", suite) and suite in source:
                        trouves.append((fichier.name, suite))
    assert trouves == []


def test_template_wording_test_can_fail() -> None:
    """The same search finds a template's words in a text that holds them."""
    ligne = "[Séance] PRÉSIDENCE DE {{ seance.president.civilite_longue | upper }}"
    mots = " ".join(m for morceau in _FIXE.split(ligne) for m in morceau.casefold().split())
    assert mots == "présidence de"
    ligne = "[Body Text] Vu le rapport {{ collectivite.president | du }}"
    mots = " ".join(m for morceau in _FIXE.split(ligne) for m in morceau.casefold().split())
    assert "vu le rapport" in mots


def _blocs(texte: str) -> list[str]:
    """The À VÉRIFIER comments, each with its lines of sides."""
    blocs: list[str] = []
    for ligne in texte.splitlines():
        commentaire = ligne.strip()
        if commentaire.startswith(f"# {A_VERIFIER}"):
            blocs.append(commentaire)
        elif blocs and commentaire.startswith("#   - "):
            blocs[-1] += "\n" + commentaire
        elif not commentaire.startswith("#"):
            blocs.append("") if blocs and blocs[-1] else None
    return [b for b in blocs if b]


def _nombre(valeur: str) -> list[str]:
    """The forms a key's value may take in a comment."""
    formes = [valeur]
    if re.fullmatch(r"\d+\.\d\d", valeur):
        formes.append(valeur.removesuffix(".00"))
    return formes


CORPUS = [
    nom
    for nom in (
        "seed_2025_344",
        "temoin_erreurs",
        "temoin2_erreurs",
        "invente_erreurs_a",
        "invente_erreurs_b",
    )
]


@pytest.mark.parametrize("nom", CORPUS)
def test_corpus_disagreements_are_to_check(nom: str, tmp_path: Path) -> None:
    from tests.corpus.mesure import construire

    dossier = construire(nom, tmp_path, pdf=False)
    _, desaccords = importer([dossier])
    resultat = importer_detail([dossier])
    sortie = tmp_path / "importe.yaml"
    ecrire_import(resultat, sortie)
    blocs = _blocs(sortie.read_text(encoding="utf-8"))
    assert len(blocs) == len(desaccords)
    attendus = [a for a in lire_cle(nom).attendus if a.code[:2] == "A0"]
    assert attendus
    for attendu in attendus:
        trouve = [
            b
            for b in blocs
            if all(any(f in b for f in _nombre(v)) for v in attendu.valeurs)
            and all(d in b for d in attendu.documents)
        ]
        assert trouve, f"{attendu.code} {attendu.quoi}"


def test_cli_import_counts(tmp_path: Path) -> None:
    actes62.generate(actes62.load(EXEMPLES / "lianes-2025" / "dossier.yaml"), tmp_path / "docs")
    sortie = io.StringIO()
    assert main(["import", str(tmp_path / "docs"), "-o", str(tmp_path / "d.yaml")], sortie) == 0
    message = sortie.getvalue()
    assert re.search(r"\d+ faits lus, [1-9]\d* désaccords à vérifier", message), message
    assert re.search(r"[1-9]\d* champs à compléter", message), message


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    vide = tmp_path / "vide"
    vide.mkdir()
    assert main(["import", str(vide), "-o", str(tmp_path / "d.yaml")]) == 2
    assert "aucun document" in capsys.readouterr().err
    casse = tmp_path / "casse.docx"
    casse.write_bytes(b"ceci n'est pas un docx")
    assert main(["import", str(casse), "-o", str(tmp_path / "d.yaml")]) == 2
    err = capsys.readouterr().err
    assert "casse.docx" in err and "Traceback" not in err
    assert not (tmp_path / "d.yaml").exists()
    existant = tmp_path / "existant.yaml"
    existant.write_text("garde-moi\n", encoding="utf-8")
    assert main(["import", str(casse), "-o", str(existant)]) == 2
    assert "existe déjà" in capsys.readouterr().err
    assert existant.read_text(encoding="utf-8") == "garde-moi\n"
