"""ACTES: the identifier (built, parsed back from a text and a PDF stamp, validated), the
classification des matières, the transmission message against its element list, and
`actes62 transmission` on the example dossiers."""

from __future__ import annotations

import io
import json
import re
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from pypdf import PdfReader

import actes62
from actes62 import actes
from actes62.cli import main
from actes62.model import Dossier

RACINE = Path(__file__).resolve().parent.parent
LIANES = RACINE / "examples" / "lianes-2025" / "dossier.yaml"
SEANCE = RACINE / "examples" / "seance-2026-03" / "dossier.yaml"
NS = {"actes": actes.NAMESPACE}


@pytest.fixture(scope="module")
def seance() -> Dossier:
    return actes62.load(SEANCE)


@pytest.fixture(scope="module")
def lianes() -> Dossier:
    return actes62.load(LIANES)


# --- the identifier ----------------------------------------------------------------------------

_identifiants = st.builds(
    actes.IdentifiantActes,
    departement=st.from_regex(r"\A(\d{3}|\d{2}[AB])\Z"),
    siren=st.from_regex(r"\A\d{9}\Z"),
    date=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    numero_interne=st.from_regex(r"\A[A-Za-z0-9_]{1,15}\Z"),
    nature=st.sampled_from(actes.NATURES_ABREGEES),
)


@given(_identifiants)
def test_an_identifier_is_read_back_from_its_text_and_from_the_accuse(
    identifiant: actes.IdentifiantActes,
) -> None:
    assert actes.lire_identifiant(str(identifiant)) == identifiant
    assert actes.lire_identifiant(identifiant.accuse) == identifiant
    assert actes.identifiants_dans(f"Reçu en préfecture le 01/10/2025\nID : {identifiant.accuse}\n") == [
        identifiant
    ]
    assert re.fullmatch(actes.MOTIF_IDENTIFIANT, str(identifiant))


def test_the_identifier_built_from_the_dossier(lianes: Dossier, seance: Dossier) -> None:
    affaire = lianes.affaires[0]
    assert affaire.deliberation.acquittement is not None
    assert str(actes.identifiant_de(lianes, affaire)) == affaire.deliberation.acquittement.identifiant
    # no accusé yet: the délibération's number, « - » made « _ »
    assert [str(actes.identifiant_de(seance, a)) for a in seance.affaires] == [
        "062-226200012-20260316-2026_101-DE",
        "062-226200012-20260316-2026_102-DE",
        "062-226200012-20260316-2026_103-DE",
    ]
    assert [actes.erreurs_identifiant(actes.identifiant_de(seance, a), seance) for a in seance.affaires] == [
        []
    ] * 3


def test_an_identifier_that_is_not_one_is_refused_in_french() -> None:
    with pytest.raises(ValueError, match="n'est pas un identifiant ACTES : département"):
        actes.lire_identifiant("062-226200012-2025-0915-X-DE")
    with pytest.raises(ValueError, match="la date « 20250230 » n'existe pas"):
        actes.lire_identifiant("062-226200012-20250230-X1-DE")
    assert actes.identifiants_dans("ID : 062-226200012-20250230-X1-DE-1-1") == []


@pytest.mark.parametrize(
    ("modification", "message"),
    [
        (
            {"siren": "226200013"},
            "le SIREN « 226200013 » de l'identifiant ACTES est invalide : 9 chiffres et une clé",
        ),
        (
            {"siren": "732829320"},
            "l'identifiant ACTES porte le SIREN 732829320, celui de la collectivité est 226200012",
        ),
        (
            {"departement": "059"},
            "l'identifiant ACTES porte le département 059, celui de la collectivité est 062",
        ),
        (
            {"date": date(2026, 3, 17)},
            "l'identifiant ACTES porte la date 17/03/2026, la séance est du 16/03/2026",
        ),
        (
            {"nature": "CC"},
            "l'identifiant ACTES d'une délibération porte la nature « DE », pas « CC » (Contrats",
        ),
        (
            {"nature": "XX"},
            "la nature « XX » de l'identifiant ACTES est inconnue (attendues : DE, AR, AI, CC, BF, AU)",
        ),
        (
            {"numero_interne": "lmc1526130"},
            "le numéro interne « lmc1526130 » sort du sous-ensemble que les tiers",
        ),
        (
            {"numero_interne": "_2026_101"},
            "le numéro interne « _2026_101 » n'est pas admis par le schéma ACTES",
        ),
        ({"numero_interne": "D 2026-101"}, "le numéro interne « D 2026-101 » sort du sous-ensemble"),
        (
            {"numero_interne": "A" * 16},
            f"le numéro interne « {'A' * 16} » n'est pas admis par le schéma ACTES : 1 à 15",
        ),
    ],
)
def test_each_fault_of_an_identifier_has_its_french_message(
    seance: Dossier, modification: dict[str, object], message: str
) -> None:
    juste = actes.identifiant_de(seance, seance.affaires[0])
    erreurs = actes.erreurs_identifiant(replace(juste, **modification), seance)  # type: ignore[arg-type]
    assert len(erreurs) == 1 and erreurs[0].startswith(message), erreurs


def test_the_identifier_is_read_back_from_the_stamp_of_a_pdf(lianes: Dossier, tmp_path: Path) -> None:
    fichiers = actes62.generer(lianes, tmp_path, kinds=["deliberation"], pdf=True)
    pdf = next(f for f in fichiers if f.name.endswith("_deliberation.pdf"))
    acquittement = lianes.affaires[0].deliberation.acquittement
    assert acquittement is not None
    assert [str(i) for i in actes.identifiants_pdf(pdf)] == [acquittement.identifiant]


# --- classification, typologies ----------------------------------------------------------------


def test_the_classification_des_matieres() -> None:
    assert actes.erreurs_matiere("7.5") == []
    assert actes.erreurs_matiere("7.5.2.1.3") == []  # levels 3 to 5 are the préfecture's own
    assert actes.referentiel().libelle_matiere("7.5.2") == "Subventions"
    assert actes.erreurs_matiere("7.5.2.1.3.1")[0].startswith(
        "code matière « 7.5.2.1.3.1 » invalide : 1 à 5 niveaux"
    )
    assert actes.erreurs_matiere("12.1") == [
        "code matière « 12.1 » : « 12 » n'est pas dans la classification des matières "
        "(connus à ce niveau : 1, 2, 3, 4, 5, 6, 7, 8, 9)"
    ]
    assert actes.erreurs_matiere("7.42")[0].startswith(
        "code matière « 7.42 » : « 7.42 » n'est pas dans la classification"
    )
    assert actes.referentiel().natures["DE"] == (1, "Délibérations")
    assert actes.referentiel().typologies["99_DE"] == "Délibération"


def test_the_examples_carry_their_classification(lianes: Dossier, seance: Dossier) -> None:
    assert seance.transmission.classification_date == date(2004, 4, 1)
    for dossier in (lianes, seance):
        assert {a.deliberation.actes.matiere for a in dossier.affaires} == {"7.5"}
        assert {a.deliberation.actes.typologie for a in dossier.affaires} == {"99_DE"}


def test_a_classification_written_as_a_number_keeps_its_digits(tmp_path: Path) -> None:
    texte = SEANCE.read_text(encoding="utf-8").replace('matiere: "7.5"', "matiere: 7.10", 1)
    dossier = actes62.load_text(texte, tmp_path / "dossier.yaml")
    assert dossier.affaires[0].deliberation.actes.matiere == "7.10"
    faux = texte.replace("matiere: 7.10", 'matiere: "7.5.1.1.1.1"', 1)
    ligne = faux[: faux.index('"7.5.1.1.1.1"')].count("\n") + 1
    with pytest.raises(actes62.DossierInvalide) as erreur:
        actes62.load_text(faux, tmp_path / "d.yaml")
    assert str(erreur.value).endswith(
        f":{ligne}: [affaires[0].deliberation.actes.matiere] code matière « 7.5.1.1.1.1 » invalide : 1 à 5 "
        'niveaux de nombres séparés par des points sont attendus (ex. "7.5" pour « Subventions »)'
    )
    typologie = texte.replace("matiere: 7.10", 'matiere: "7.5"\n        typologie: 99-DE', 1)
    with pytest.raises(
        actes62.DossierInvalide, match=r"typologie « 99-DE » invalide : un code de la typologie"
    ):
        actes62.load_text(typologie, tmp_path / "d.yaml")


# --- the message -------------------------------------------------------------------------------


def test_the_message_is_valid_and_every_fault_is_caught(seance: Dossier) -> None:
    affaire = seance.affaires[1]
    message = actes.message_de(seance, affaire, [(a.typologie, a.titre) for a in affaire.annexes])
    xml = message.xml()
    assert actes.valider_message(xml) == []
    racine = etree.fromstring(xml)
    assert racine.get(f"{{{actes.NAMESPACE}}}CodeNatureActe") == "1"
    assert [
        e.get(f"{{{actes.NAMESPACE}}}CodeMatiere")
        for e in racine.xpath("actes:*[starts-with(local-name(), 'CodeMatiere')]", namespaces=NS)
    ] == ["7", "5"]
    assert racine.findtext("actes:Objet", namespaces=NS) == affaire.titre

    def sans(xpath: str) -> bytes:
        copie = etree.fromstring(xml)
        for element in copie.xpath(xpath, namespaces=NS):
            element.getparent().remove(element)
        donnees: bytes = etree.tostring(copie)
        return donnees

    assert "Objet" in " ".join(actes.valider_message(sans("actes:Objet")))
    assert "ClassificationDateVersion" in " ".join(
        actes.valider_message(sans("actes:ClassificationDateVersion"))
    )
    assert actes.valider_message(xml.replace(b'NumeroInterne="2026_102"', b'NumeroInterne="_x"')) != []
    assert actes.valider_message(xml.replace(b'CodeNatureActe="1"', b'CodeNatureActe="DE"')) != []
    assert actes.valider_message(xml.replace(b"<actes:DocumentPapier>N", b"<actes:DocumentPapier>X")) != []
    assert actes.valider_message(b"<pas du xml")[0].startswith("XML mal formé")


# --- actes62 transmission ----------------------------------------------------------------------


def _lancer(*arguments: str) -> tuple[int, str]:
    sortie = io.StringIO()
    return main(list(arguments), sortie=sortie), sortie.getvalue()


@pytest.fixture(scope="module")
def paquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sortie = tmp_path_factory.mktemp("transmission")
    code, texte = _lancer("transmission", str(SEANCE), "-o", str(sortie))
    assert code == 0, texte
    assert "3 dossiers de transmission écrits" in texte
    return sortie


def test_the_transmission_folder_of_each_affaire(paquet: Path, seance: Dossier) -> None:
    assert sorted(p.name for p in paquet.iterdir()) == sorted(a.id for a in seance.affaires)
    affaire = seance.affaires[1]  # convention, then the festival's budget given as a PDF
    ident = "062-226200012-20260316-2026_102-DE-1-1"
    dossier = paquet / affaire.id
    assert sorted(p.name for p in dossier.iterdir()) == sorted(
        [
            f"{ident}_0.xml",
            f"99_DE-{ident}_1.pdf",
            f"99_AU-{ident}_2.pdf",
            f"99_AU-{ident}_3.pdf",
            "metadonnees.json",
        ]
    )
    acte = " ".join(PdfReader(dossier / f"99_DE-{ident}_1.pdf").pages[0].extract_text().split())
    assert "2026-102" in acte
    convention = " ".join(p.extract_text() for p in PdfReader(dossier / f"99_AU-{ident}_2.pdf").pages)
    assert "CONVENTION" in convention.upper() and "Terrils en fête" in " ".join(convention.split())
    fourni = SEANCE.parent / "pieces" / "budget-previsionnel-nuits-du-terril-2026.pdf"
    assert (dossier / f"99_AU-{ident}_3.pdf").read_bytes() == fourni.read_bytes()

    xml = (dossier / f"{ident}_0.xml").read_bytes()
    assert xml.startswith(b"<?xml version='1.0' encoding='ISO-8859-1'?>")
    assert actes.valider_message(xml) == []
    racine = etree.fromstring(xml)
    assert racine.findtext("actes:Document/actes:NomFichier", namespaces=NS) == f"99_DE-{ident}_1.pdf"
    assert racine.xpath("actes:Annexes/actes:Annexe/actes:NomFichier/text()", namespaces=NS) == [
        f"99_AU-{ident}_2.pdf",
        f"99_AU-{ident}_3.pdf",
    ]
    assert racine.find("actes:Annexes", namespaces=NS).get(f"{{{actes.NAMESPACE}}}Nombre") == "2"

    donnees = json.loads((dossier / "metadonnees.json").read_text(encoding="utf-8"))
    assert actes.lire_identifiant(donnees["identifiant_accuse"]) == actes.identifiant_de(seance, affaire)
    assert donnees["classification"] == {
        "code": "7.5",
        "niveaux": [7, 5],
        "libelle": "Subventions",
        "date_version": "2004-04-01",
    }
    assert donnees["code_nature"] == 1 and donnees["nature"] == "DE"
    assert [a["titre"] for a in donnees["annexes"]] == [a.titre for a in affaire.annexes]
    assert donnees["message"] == f"{ident}_0.xml"


def test_an_existing_folder_is_never_replaced(paquet: Path) -> None:
    avant = {p: p.read_bytes() for p in paquet.rglob("*") if p.is_file()}
    code, _ = _lancer("transmission", str(SEANCE), "-o", str(paquet))
    assert code == 2
    assert {p: p.read_bytes() for p in paquet.rglob("*") if p.is_file()} == avant


def test_refused_when_check_finds_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, texte = _lancer("transmission", str(LIANES), "-o", str(tmp_path / "sortie"))
    assert code == 1
    assert "V001" in texte and "erreurs" in texte  # the findings, then their summary
    assert "transmission refusée : la vérification du dossier relève 5 erreurs" in capsys.readouterr().err
    assert not (tmp_path / "sortie").exists()


def test_missing_actes_data_are_named_with_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copie = tmp_path / "seance"
    shutil.copytree(SEANCE.parent, copie)
    fichier = copie / "dossier.yaml"
    texte = fichier.read_text(encoding="utf-8")
    texte = texte.replace('actes:\n        matiere: "7.5"\n', "actes: {typologie: 99_DE}\n", 1).replace(
        "  classification_date: 2004-04-01\n", "  document_papier: false\n"
    )
    texte = texte.replace("pieces/plan-financement-salle-bois-fontaine.pdf", "pieces/absent.pdf")
    fichier.write_text(texte, encoding="utf-8")
    (copie / "pieces" / "budget-previsionnel-nuits-du-terril-2026.pdf").write_text("pas un PDF")
    code, _ = _lancer("transmission", str(fichier), "-o", str(tmp_path / "sortie"))
    erreur = capsys.readouterr().err
    assert code == 2
    lignes = erreur.splitlines()
    assert (
        lignes[0]
        == "actes62 : transmission impossible : les données ACTES ou les pièces du dossier sont incomplètes ou fausses"
    )
    assert re.search(
        rf"{re.escape(str(fichier))}:\d+: \[transmission\.classification_date\] la date de version", erreur
    )
    assert re.search(
        rf"{re.escape(str(fichier))}:\d+: \[affaires\[0\]\.deliberation\.actes\.matiere\] la classification",
        erreur,
    )
    assert (
        "[affaires[1].annexes[1].fichier] le fichier « pieces/budget-previsionnel-nuits-du-terril-2026.pdf » n'est pas un PDF"
        in erreur
    )
    assert "[affaires[2].annexes[1].fichier] le fichier « pieces/absent.pdf » est introuvable" in erreur
    assert "Traceback" not in erreur
    assert not (tmp_path / "sortie").exists()


def test_a_deliberation_en_projet_is_not_transmitted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only a voted act goes to the préfecture: a projet is refused, with its line, nothing written."""
    copie = tmp_path / "seance"
    shutil.copytree(SEANCE.parent, copie)
    fichier = copie / "dossier.yaml"
    dossier = actes62.load(fichier)
    affaire = dossier.affaires[0]
    projet = affaire.avec(deliberation=affaire.deliberation.avec(etat="projet", vote=None, acquittement=None))
    actes62.save(dossier.avec(affaires=[projet, *dossier.affaires[1:]]), fichier, remplacer=True)
    code, _ = _lancer("transmission", str(fichier), "-o", str(tmp_path / "sortie"))
    erreur = capsys.readouterr().err
    assert code == 2
    assert re.search(
        rf"{re.escape(str(fichier))}:\d+: \[affaires\[0\]\.deliberation\.etat\] .* en projet", erreur
    )
    assert not (tmp_path / "sortie").exists()
