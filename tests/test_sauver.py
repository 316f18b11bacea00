"""The Python API for changing a dossier: `avec` gives a validated copy, `save` writes YAML that
loads back equal, keeping the comments of a file the user wrote."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actes62
from actes62 import DossierInvalide, FichierExistant

RACINE = Path(__file__).resolve().parent.parent
EXEMPLES = sorted((RACINE / "examples").glob("*/dossier.yaml"))


@pytest.mark.parametrize("source", EXEMPLES, ids=lambda p: p.parent.name)
def test_a_saved_dossier_loads_back_equal(source: Path, tmp_path: Path) -> None:
    dossier = actes62.load(source)
    chemin = actes62.save(dossier, tmp_path / "copie.yaml")
    assert actes62.load(chemin) == dossier
    texte = chemin.read_text(encoding="utf-8")
    assert "M. Jean-Claude LEROY" in texte  # a person as one string, as a clerk writes it
    assert "civilite:" not in texte
    assert [p.name for p in tmp_path.iterdir()] == ["copie.yaml"]  # no temporary file left


def test_avec_changes_a_field_and_validates() -> None:
    dossier = actes62.load(EXEMPLES[0])
    affaire = dossier.affaires[0]
    nouvelle = affaire.avec(titre="Un autre titre")
    assert nouvelle.titre == "Un autre titre" and affaire.titre != "Un autre titre"
    assert nouvelle.imputations == affaire.imputations
    imputation = affaire.imputations[0].avec(proposition=Decimal("9000.00"))
    assert imputation.solde == imputation.disponible - Decimal("9000.00")
    with pytest.raises(DossierInvalide) as erreur:
        affaire.avec(titre="")
    assert "titre" in str(erreur.value) and "Affaire.avec()" in str(erreur.value)
    with pytest.raises(DossierInvalide, match="titr"):
        affaire.avec(titr="faute de frappe")
    with pytest.raises(DossierInvalide, match="2025/344"):
        affaire.deliberation.avec(numero="2025/344")


def test_save_replaces_only_when_asked_and_keeps_the_comments(tmp_path: Path) -> None:
    chemin = tmp_path / "dossier.yaml"
    chemin.write_text(EXEMPLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    dossier = actes62.load(chemin)
    with pytest.raises(FichierExistant):
        actes62.save(dossier, chemin)
    affaire = dossier.affaires[0].avec(titre="Soutien à Lianes coopération (titre changé)")
    actes62.save(dossier.avec(affaires=[affaire, *dossier.affaires[1:]]), chemin, remplacer=True)
    relu = actes62.load(chemin)
    assert relu.affaires[0].titre == "Soutien à Lianes coopération (titre changé)"
    assert relu.avec(affaires=list(dossier.affaires)) == dossier
    avant = [
        ligne
        for ligne in EXEMPLES[0].read_text(encoding="utf-8").splitlines()
        if ligne.lstrip().startswith("#")
    ]
    apres = [
        ligne for ligne in chemin.read_text(encoding="utf-8").splitlines() if ligne.lstrip().startswith("#")
    ]
    assert avant and apres == avant  # every comment kept, in its order


@settings(max_examples=25, deadline=None)
@given(
    titre=st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=80
    ).filter(lambda t: t.strip() != ""),
    montant=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10000.00"), places=2),
)
def test_any_title_and_amount_round_trip(titre: str, montant: Decimal) -> None:
    import tempfile

    dossier = actes62.load(EXEMPLES[0])
    affaire = dossier.affaires[0]
    imputation = affaire.imputations[0].avec(proposition=montant)
    change = dossier.avec(affaires=[affaire.avec(titre=titre, imputations=[imputation])])
    with tempfile.TemporaryDirectory() as dossier_temporaire:
        relu = actes62.load(actes62.save(change, Path(dossier_temporaire) / "d.yaml"))
    assert relu == change


def test_generer_is_kept_as_an_alias_of_generate() -> None:
    assert actes62.generer is actes62.generate
