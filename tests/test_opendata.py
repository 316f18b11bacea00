"""Open data: the examples exported as SCDL CSV files (`actes62 export`), each validated against
the shipped table schema by frictionless (an independent reader of Table Schema), with the
dossier's facts in the expected columns; a value the schema refuses is a French error naming
the dossier, the affaire and the column, and no file is written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from frictionless import Resource, Schema

import actes62
from actes62 import opendata
from actes62.cli import main
from actes62.model import Dossier
from actes62.opendata import ExportRefuse, exporter

RACINE = Path(__file__).resolve().parents[1]
LIANES = RACINE / "examples" / "lianes-2025" / "dossier.yaml"
SEANCE = RACINE / "examples" / "seance-2026-03" / "dossier.yaml"

COLONNES_DELIBERATIONS = [
    "COLL_NOM",
    "COLL_SIRET",
    "DELIB_ID",
    "DELIB_DATE",
    "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM",
    "DELIB_OBJET",
    "BUDGET_ANNEE",
    "BUDGET_NOM",
    "PREF_ID",
    "PREF_DATE",
    "VOTE_EFFECTIF",
    "VOTE_REEL",
    "VOTE_POUR",
    "VOTE_CONTRE",
    "VOTE_ABSTENTION",
    "DELIB_URL",
]
COLONNES_SUBVENTIONS = [
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "idBeneficiaire",
    "rnaBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "idRAE",
    "notificationUE",
    "pourcentageSubvention",
    "dispositifAide",
]


def _valider(jeu: opendata.Jeu, chemin: Path) -> list[list[Any]]:
    """The errors frictionless finds in the CSV file against the shipped schema of `jeu`."""
    schema = Schema.from_descriptor(json.loads(json.dumps(opendata.schema(jeu))))
    rapport = Resource(path=chemin.name, basepath=str(chemin.parent), schema=schema).validate()
    erreurs: list[list[Any]] = rapport.flatten(["rowNumber", "fieldName", "type", "note"])
    return erreurs


def _lire(chemin: Path) -> list[dict[str, str]]:
    donnees = chemin.read_bytes()
    assert not donnees.startswith(b"\xef\xbb\xbf")  # UTF-8 without BOM
    return list(csv.DictReader(io.StringIO(donnees.decode("utf-8"), newline="")))


def _classee(dossier: Dossier, code: str | None = "7.5.1") -> Dossier:
    """The dossier with each délibération classified under `code` (None: not classified)."""
    affaires = [
        affaire.avec(
            deliberation=affaire.deliberation.avec(actes=affaire.deliberation.actes.avec(matiere=code))
        )
        for affaire in dossier.affaires
    ]
    return dossier.avec(affaires=affaires)


def test_the_schemas_shipped_have_the_columns_of_the_scdl() -> None:
    assert opendata.colonnes("deliberations") == COLONNES_DELIBERATIONS
    assert opendata.colonnes("subventions") == COLONNES_SUBVENTIONS
    for jeu in opendata.JEUX:
        Schema.from_descriptor(json.loads(json.dumps(opendata.schema(jeu))))  # a valid Table Schema


def test_subventions_of_both_examples_validate(tmp_path: Path) -> None:
    sortie = tmp_path / "subventions.csv"
    assert exporter("subventions", [actes62.load(LIANES), actes62.load(SEANCE)], sortie) == (4, ())
    assert _valider("subventions", sortie) == []
    lignes = _lire(sortie)
    assert list(lignes[0]) == COLONNES_SUBVENTIONS
    lianes = lignes[0]
    assert lianes["nomAttribuant"] == "Département du Pas-de-Calais"
    assert lianes["idAttribuant"] == "22620001200012"
    assert lianes["referenceDecision"] == "2025-344"
    assert lianes["nomBeneficiaire"] == "Lianes coopération"
    assert lianes["idBeneficiaire"] == "43853522100024"
    assert lianes["montant"] == "9380.00"
    assert lianes["nature"] == "aide en numéraire"
    assert lianes["conditionsVersement"] == "unique"
    assert lianes["datesPeriodeVersement"] == "2025-01-01/2025-12-31"
    assert lianes["notificationUE"] == "non"
    assert lianes["pourcentageSubvention"] == "1.00"
    commune = next(ligne for ligne in lignes if ligne["referenceDecision"] == "2026-103")
    assert commune["conditionsVersement"] == "échelonné"
    assert commune["montant"] == "120000.00"
    club = next(ligne for ligne in lignes if ligne["referenceDecision"] == "2026-101")
    assert club["datesPeriodeVersement"] == "2026-03-16/2026-12-31"  # no convention: from the séance on


def test_deliberations_validate_once_the_deliberation_has_its_classification(tmp_path: Path) -> None:
    sortie = tmp_path / "deliberations.csv"
    ecrit = exporter(
        "deliberations", [_classee(actes62.load(LIANES)), _classee(actes62.load(SEANCE))], sortie
    )
    assert ecrit.lignes == 4
    assert _valider("deliberations", sortie) == []
    lignes = _lire(sortie)
    assert list(lignes[0]) == COLONNES_DELIBERATIONS
    lianes = lignes[0]
    assert lianes["COLL_SIRET"] == "22620001200012"
    assert lianes["DELIB_ID"] == "2025-344"
    assert lianes["DELIB_DATE"] == "2025-09-15"
    assert lianes["DELIB_MATIERE_CODE"] == "7.5"  # level 2 of « 7.5.1 »
    assert lianes["DELIB_MATIERE_NOM"] == "finances locales/subventions"
    assert lianes["DELIB_OBJET"].startswith("Soutien aux actions d'accompagnement")
    assert lianes["BUDGET_ANNEE"] == "2025"
    assert lianes["PREF_ID"] == "PREF062"
    assert lianes["PREF_DATE"] == "2025-10-01"
    # 39 present, no pouvoir: 44 voix are more than can be cast (V001), published with a warning
    assert (lianes["VOTE_EFFECTIF"], lianes["VOTE_REEL"], lianes["VOTE_POUR"]) == ("39", "44", "44")
    assert (lianes["VOTE_CONTRE"], lianes["VOTE_ABSTENTION"]) == ("0", "0")
    assert [a.split(" : ")[0] for a in ecrit.avertissements] == ["dossier 1, affaire « lianes-2025 »"]
    festival = next(ligne for ligne in lignes if ligne["DELIB_ID"] == "2026-102")  # one does not take part
    assert (festival["VOTE_EFFECTIF"], festival["VOTE_REEL"], festival["VOTE_POUR"]) == ("42", "41", "41")


def test_deliberations_without_classification_are_refused_in_french(tmp_path: Path) -> None:
    sortie = tmp_path / "deliberations.csv"
    with pytest.raises(ExportRefuse) as erreur:
        exporter("deliberations", [_classee(actes62.load(LIANES), None)], sortie, noms=["lianes.yaml"])
    message = str(erreur.value)
    assert (
        "lianes.yaml, affaire « lianes-2025 » : colonne DELIB_MATIERE_CODE : valeur obligatoire absente"
        in message
    )
    assert "classification des matières" in message
    assert not sortie.exists()


def test_a_value_the_schema_refuses_is_an_error_not_a_bad_row(tmp_path: Path) -> None:
    dossier = actes62.load(LIANES)
    long = dossier.model_copy(
        update={"affaires": [dossier.affaires[0].model_copy(update={"titre": "Soutien " + "x" * 300})]}
    )
    sortie = tmp_path / "subventions.csv"
    with pytest.raises(
        ExportRefuse,
        match=r"affaire « lianes-2025 » : colonne objet « Soutien x+… » : 256 caractères au plus, il y en a 308",
    ):
        exporter("subventions", [long], sortie, noms=["lianes.yaml"])
    assert not sortie.exists()
    with pytest.raises(ExportRefuse, match=r"colonne DELIB_MATIERE_CODE « 75 » : forme attendue"):
        exporter("deliberations", [_classee(dossier, code="75")], tmp_path / "d.csv")


@pytest.mark.parametrize(
    ("colonne", "valeur"),
    [
        ("montant", "9 380,00"),
        ("dateConvention", "15/09/2025"),
        ("idAttribuant", "226200012"),
        ("nature", "subvention"),
        ("notificationUE", "peut-être"),
        ("pourcentageSubvention", "1.5"),
        ("rnaBeneficiaire", "438535221"),
        ("datesPeriodeVersement", "2025"),
        ("idRAE", "1234567"),
        ("nomAttribuant", ""),
    ],
)
def test_our_reading_of_the_schema_agrees_with_frictionless(
    tmp_path: Path, colonne: str, valeur: str
) -> None:
    ligne = opendata.lignes_subventions(actes62.load(LIANES))[0]
    ligne[colonne] = valeur
    with pytest.raises(ExportRefuse, match=f"colonne {colonne}"):
        opendata.verifier("subventions", [ligne], ["lianes"])
    chemin = tmp_path / "mauvais.csv"
    chemin.write_bytes(opendata.csv_scdl("subventions", [ligne]))
    assert {erreur[1] for erreur in _valider("subventions", chemin)} == {colonne}


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sortie = tmp_path / "subventions.csv"
    assert main(["export", "subventions", str(LIANES), str(SEANCE), "-o", str(sortie)]) == 0
    assert "4 lignes au format SCDL subventions écrites" in capsys.readouterr().out
    assert _valider("subventions", sortie) == []
    assert main(["export", "subventions", str(LIANES), "-o", str(sortie)]) == 2
    erreur = capsys.readouterr().err
    assert "existe déjà" in erreur and "--force" in erreur
    assert main(["export", "subventions", str(LIANES), "-o", str(sortie), "--force"]) == 0
    assert len(_lire(sortie)) == 1
    capsys.readouterr()
    # the examples are classified (matière 7.5): both exports of both examples validate
    assert main(["export", "deliberations", str(LIANES), str(SEANCE), "-o", str(tmp_path / "d.csv")]) == 0
    assert _valider("deliberations", tmp_path / "d.csv") == []
    assert {ligne["DELIB_MATIERE_NOM"] for ligne in _lire(tmp_path / "d.csv")} == {
        "finances locales/subventions"
    }
    with pytest.raises(SystemExit) as sortie_argparse:
        main(["export", "budgets", str(LIANES), "-o", str(tmp_path / "b.csv")])
    assert sortie_argparse.value.code == 2
    assert "choix invalide : 'budgets'" in capsys.readouterr().err


def test_a_vote_the_check_rejects_is_published_as_voted_with_a_french_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """VOTE_EFFECTIF is who may vote on the affaire (present, and validly represented), as rule
    V001 counts them; a vote beyond it is what the délibération records, published with the
    reason the check gives, never silently."""
    dossiers = [actes62.load(LIANES), actes62.load(SEANCE)]
    v001 = {f.location.affaire for dossier in dossiers for f in actes62.check(dossier, select=["V001"])}
    assert v001 == {"lianes-2025"}
    lignes = [ligne for dossier in dossiers for ligne in opendata.lignes_deliberations(dossier)]
    au_dela = {
        affaire.id
        for dossier in dossiers
        for affaire, ligne in zip(dossier.affaires, opendata.lignes_deliberations(dossier), strict=True)
        if int(ligne["VOTE_REEL"])
        + (affaire.deliberation.vote.ne_prend_pas_part if affaire.deliberation.vote else 0)
        > int(ligne["VOTE_EFFECTIF"])
    }
    assert au_dela == v001 and len(lignes) == 4

    sortie = tmp_path / "d.csv"
    assert main(["export", "deliberations", str(LIANES), str(SEANCE), "-o", str(sortie)]) == 0
    resultat = capsys.readouterr()
    assert "4 lignes au format SCDL deliberations écrites" in resultat.out
    (avertissement,) = resultat.err.splitlines()
    assert avertissement.startswith(f"actes62 : avertissement : {LIANES}:284, affaire « lianes-2025 » : ")
    assert (
        "VOTE_REEL 44 publié tel que la délibération n°2025-344 le compte, au-delà de VOTE_EFFECTIF 39"
        in (avertissement)
    )
    assert "pour 39 présents et 0 pouvoir valables, soit 39 voix au plus (règle V001" in avertissement

    ignore = tmp_path / "ignore.yaml"  # a dossier that sets V001 aside is not warned about it
    ignore.write_text(
        LIANES.read_text(encoding="utf-8") + "\nregles:\n  ignorer:\n    - code: V001\n"
        "      motif: le registre compte 5 pouvoirs que le dossier ne liste pas\n",
        encoding="utf-8",
    )
    assert exporter("deliberations", [actes62.load(ignore)], tmp_path / "i.csv").avertissements == ()
