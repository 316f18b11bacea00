"""`actes62 new`: a commented séance skeleton, valid as written, whose collectivité lives in its own
file that the dossier includes; the include's errors name the included file and its line."""

from __future__ import annotations

import subprocess
import sys
from io import StringIO
from pathlib import Path

import jsonschema
import pytest
import yaml

import actes62
from actes62.cli import main
from actes62.errors import DossierInvalide
from actes62.load import _Chargeur
from actes62.schema import schema_collectivite, schema_dossier


def _actes62(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actes62", *arguments], capture_output=True, text=True)


def test_the_skeleton_loads_checks_clean_and_its_documents_check_clean(tmp_path: Path) -> None:
    seance = tmp_path / "cp-2026-09"
    resultat = _actes62("new", str(seance))
    assert resultat.returncode == 0, resultat.stderr
    assert sorted(p.name for p in seance.iterdir()) == [
        "collectivite.schema.json",
        "collectivite.yaml",
        "dossier.schema.json",
        "dossier.yaml",
    ]
    texte = (seance / "dossier.yaml").read_text(encoding="utf-8")
    assert texte.startswith("# yaml-language-server: $schema=dossier.schema.json\n")
    assert "\ncollectivite: collectivite.yaml\n" in texte
    assert sum(ligne.lstrip().startswith("#") for ligne in texte.splitlines()) >= 15  # commented
    dossier = actes62.load(seance / "dossier.yaml")
    assert dossier.collectivite.nom == "Département du Pas-de-Calais"
    assert actes62.check(dossier, source=seance / "dossier.yaml") == []
    fichiers = actes62.generer(dossier, tmp_path / "documents", racine=seance)
    assert len(fichiers) == 3
    assert actes62.check(dossier, [tmp_path / "documents"], source=seance / "dossier.yaml") == []
    verification = _actes62("check", str(seance / "dossier.yaml"))
    assert verification.returncode == 0, verification.stdout + verification.stderr
    assert "0 erreur, 0 avertissement, 0 information" in verification.stdout


def test_the_skeleton_files_satisfy_their_schemas(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path)], sortie=StringIO()) == 0
    for fichier, schema in (("dossier.yaml", schema_dossier()), ("collectivite.yaml", schema_collectivite())):
        donnees = yaml.load((tmp_path / fichier).read_text(encoding="utf-8"), Loader=_Chargeur)
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(donnees)) == [], fichier


def test_nothing_is_overwritten_without_force_and_the_collectivite_is_reused(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path)], sortie=StringIO()) == 0
    collectivite = tmp_path / "collectivite.yaml"
    collectivite.write_text(
        collectivite.read_text(encoding="utf-8").replace("M. Jean-Claude LEROY", "Mme Anne MARTIN"),
        encoding="utf-8",
    )
    (tmp_path / "dossier.yaml").write_text("# mon travail\n", encoding="utf-8")
    refus = _actes62("new", str(tmp_path))
    assert refus.returncode == 2
    assert "dossier.yaml existe déjà : il n'est pas écrasé (relancez avec --force" in refus.stderr
    assert (tmp_path / "dossier.yaml").read_text(encoding="utf-8") == "# mon travail\n"

    sortie = StringIO()
    assert main(["new", str(tmp_path), "--dossier", "cp-2026-10.yaml"], sortie=sortie) == 0
    assert "collectivite.yaml : repris tel quel" in sortie.getvalue()
    assert actes62.load(tmp_path / "cp-2026-10.yaml").collectivite.president.designation == "Mme Anne MARTIN"

    assert main(["new", str(tmp_path), "--force"], sortie=StringIO()) == 0
    assert "Jean-Claude LEROY" in collectivite.read_text(encoding="utf-8")
    assert actes62.load(tmp_path / "dossier.yaml").affaires


def _seance(tmp_path: Path) -> Path:
    assert main(["new", str(tmp_path)], sortie=StringIO()) == 0
    return tmp_path / "dossier.yaml"


def test_an_error_in_the_included_file_names_that_file_and_its_line(tmp_path: Path) -> None:
    dossier = _seance(tmp_path)
    collectivite = tmp_path / "collectivite.yaml"
    lignes = collectivite.read_text(encoding="utf-8").splitlines()
    numero = next(i for i, ligne in enumerate(lignes) if ligne.startswith("siret:"))
    lignes[numero] = "siret: 226 200 012 00013"
    lignes.append("tribunal: Lille")
    collectivite.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    resultat = _actes62("check", str(dossier))
    assert resultat.returncode == 2
    assert "Traceback" not in resultat.stderr
    assert (
        f"{collectivite}:{numero + 1}: [collectivite.siret] SIRET « 226 200 012 00013 » invalide"
        in resultat.stderr
    )
    assert (
        f"{collectivite}:{len(lignes)}: [collectivite.tribunal] clé inconnue « tribunal »" in resultat.stderr
    )


def test_a_yaml_error_in_the_included_file_names_that_file(tmp_path: Path) -> None:
    dossier = _seance(tmp_path)
    collectivite = tmp_path / "collectivite.yaml"
    collectivite.write_text(
        collectivite.read_text(encoding="utf-8").replace("ville: Arras", "ville: Arras: Pas-de-Calais"),
        encoding="utf-8",
    )
    with pytest.raises(DossierInvalide) as erreur:
        actes62.load(dossier)
    assert erreur.value.fichier == collectivite
    assert "syntaxe YAML invalide : « : » inattendu" in str(erreur.value)


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [
        ("../collectivite.yaml", "est hors du dossier"),
        ("/etc/collectivite.yaml", "est hors du dossier"),
        ("absente.yaml", "fichier inclus « absente.yaml » : fichier introuvable"),
        ("collectivite.txt", "le nom d'un fichier YAML (.yaml) ou une table de champs est attendu"),
    ],
)
def test_an_include_outside_the_folder_or_missing_is_refused_on_its_line(
    tmp_path: Path, valeur: str, attendu: str
) -> None:
    dossier = _seance(tmp_path / "seance")
    (tmp_path / "collectivite.yaml").write_text("nom: ailleurs\n", encoding="utf-8")
    texte = dossier.read_text(encoding="utf-8")
    dossier.write_text(
        texte.replace("collectivite: collectivite.yaml", f"collectivite: {valeur}"), encoding="utf-8"
    )
    ligne = texte.splitlines().index("collectivite: collectivite.yaml") + 1
    with pytest.raises(DossierInvalide) as erreur:
        actes62.load(dossier)
    assert f"{dossier}:{ligne}: [collectivite] " in str(erreur.value)
    assert attendu in str(erreur.value)


def test_an_include_in_a_subfolder_is_read(tmp_path: Path) -> None:
    dossier = _seance(tmp_path)
    (tmp_path / "communs").mkdir()
    (tmp_path / "collectivite.yaml").rename(tmp_path / "communs" / "cd62.yaml")
    texte = dossier.read_text(encoding="utf-8")
    dossier.write_text(
        texte.replace("collectivite: collectivite.yaml", "collectivite: communs/cd62.yaml"), encoding="utf-8"
    )
    assert actes62.load(dossier).collectivite.ville == "Arras"
