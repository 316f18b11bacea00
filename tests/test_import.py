"""actes62 import: documents → the dossier they describe, with À VÉRIFIER / À COMPLÉTER comments."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

import actes62
from actes62.cli import main
from actes62.errors import DossierInvalide
from actes62.importer import A_COMPLETER, A_VERIFIER, ecrire_import, importer, importer_detail
from actes62.model import Dossier
from tests.corpus.mesure import lire_cle

EXEMPLES = Path(__file__).resolve().parent.parent / "examples"


def _importer(documents: Path, sortie: Path) -> str:
    ecrire_import(importer_detail([documents]), sortie)
    return sortie.read_text(encoding="utf-8")


def _memes_faits(original: Dossier, importe: Dossier) -> None:
    assert importe.seance.date == original.seance.date
    assert importe.seance.presents == original.seance.presents
    assert importe.seance.excuses == original.seance.excuses
    assert importe.seance.secretaire == original.seance.secretaire
    assert importe.collectivite.siret == original.collectivite.siret
    assert importe.collectivite.president == original.collectivite.president
    for attendue in original.affaires:
        affaire = importe.affaire(attendue.id)
        assert affaire.montant == attendue.montant
        # the templates do not print an opération's AP: the four figures and the codes are compared
        assert [i.model_copy(update={"autorisation_programme": None}) for i in affaire.imputations] == [
            i.model_copy(update={"autorisation_programme": None}) for i in attendue.imputations
        ]
        assert affaire.beneficiaire.siret == attendue.beneficiaire.siret
        assert affaire.beneficiaire.nom == attendue.beneficiaire.nom
        assert affaire.rapport.numero == attendue.rapport.numero
        assert affaire.rapport.avis == attendue.rapport.avis
        assert affaire.deliberation.numero == attendue.deliberation.numero
        assert affaire.deliberation.vote == attendue.deliberation.vote
        assert affaire.deliberation.acquittement == attendue.deliberation.acquittement
        if attendue.convention is not None:
            assert affaire.convention is not None
            assert affaire.beneficiaire.representant == attendue.beneficiaire.representant
            for champ in ("debut", "fin", "date_limite_bilan", "annee", "signataire_beneficiaire"):
                assert getattr(affaire.convention, champ) == getattr(attendue.convention, champ)
        budget = attendue.annexe_budget
        if budget is not None:
            assert affaire.annexe_budget is not None
            assert [ligne.montant for ligne in affaire.annexe_budget.lignes] == [
                l.montant for l in budget.lignes
            ]


def _regenerer_et_verifier(dossier: Dossier, dest: Path) -> None:
    fichiers = actes62.generate(dossier, dest, force=True)
    propres = {f.code for f in actes62.check(dossier)}
    documents = [f for f in actes62.check(dossier, fichiers) if f.code not in propres]
    assert documents == []


def test_seance_complete_round_trip(tmp_path: Path) -> None:
    original = actes62.load(EXEMPLES / "seance-2026-03" / "dossier.yaml")
    # the affaires with a convention: their documents state every fact the model requires
    complet = original.avec(affaires=[a for a in original.affaires if a.convention is not None])
    actes62.generate(complet, tmp_path / "docs")
    texte = _importer(tmp_path / "docs", tmp_path / "importe.yaml")
    assert f"{A_VERIFIER} :" not in texte
    assert f"{A_COMPLETER} :" not in texte
    importe = actes62.load(tmp_path / "importe.yaml")
    _memes_faits(complet, importe)
    # payment schedules and plans de financement are not imported yet: the amounts their texts
    # cite are the only thing the rules find (M004), nothing else
    assert {f.code for f in actes62.check(importe) if f.severity == "error"} <= {"M004"}
    _regenerer_et_verifier(importe, tmp_path / "regeneres")


def test_lianes_round_trip_keeps_its_disagreements(tmp_path: Path) -> None:
    original = actes62.load(EXEMPLES / "lianes-2025" / "dossier.yaml")
    actes62.generate(original, tmp_path / "docs")
    texte = _importer(tmp_path / "docs", tmp_path / "importe.yaml")
    assert f"{A_COMPLETER} :" not in texte
    importe = actes62.load(tmp_path / "importe.yaml")
    _memes_faits(original, importe)
    # the published dossier's known disagreements, each side named
    blocs = _blocs(texte)
    assert any("2022-01-23" in b and "2022-01-24" in b and "rapport" in b for b in blocs)
    assert any("2023-03-25" in b and "2024-03-25" in b for b in blocs)
    assert any("2025-09-02" in b and "2025-09-15" in b and "convention" in b for b in blocs)
    assert any("annexe 2" in b and "annexe 3" in b for b in blocs)
    _regenerer_et_verifier(importe, tmp_path / "regeneres")


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
    donnees, desaccords = importer([dossier])
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
    assert "0 champ à compléter" in message


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
