"""A spreadsheet of affaires → dossier: the clerk's path from an empty folder to checked documents,
and every bad cell reported at once with its sheet, row and column letter."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

import actes62
from actes62.tableur import COLONNES, lettre

ENTETES = [
    "Bénéficiaire",
    "Forme juridique",
    "SIRET",
    "Adresse",
    "Représentant",
    "Qualité",
    "Objet",
    "Montant",
    "Code opération",
    "Imputation",
    "Libellé opération",
    "Crédits de paiement",
    "Disponible",
    "Début",
    "Fin",
    "Date limite du bilan",
]

AFFAIRES: list[list[Any]] = [
    [
        "Terrils en fête",
        "association",
        "822 880 480 00014",
        "12 rue des Mineurs\n62750 LOOS-EN-GOHELLE",
        "M. Grégory LEFEBVRE",
        "Président de l'association",
        "l'organisation du festival « Les Nuits du Terril » 2026",
        "48 000,00 €",
        "C03-313A02",
        "65748//93311",
        "Festivals et manifestations culturelles",
        "600 000,00 €",
        "212 000,00 €",
        "01/01/2026",
        "31/12/2026",
        "30/06/2027",
    ],
    [
        "Entente athlétique des Deux Caps",
        "Association",
        79598800500018,  # a SIRET the spreadsheet stored as a number
        "Stade municipal ; 62250 MARQUISE",
        "Mme Nathalie DUCROCQ",
        "Présidente de l'association",
        "sa saison sportive 2026",
        4500,  # a number cell
        "C03-325A01",
        "65748//93325",
        "Soutien aux clubs sportifs",
        350000,
        128400.5,
        datetime(2026, 1, 1),  # a date cell
        datetime(2026, 12, 31),
        datetime(2027, 6, 30),
    ],
    [
        "Bois-Fontaine-sur-Canche",
        "commune",
        "216 205 179 00015",
        "Mairie, 1 place de l'Église ; 62990 BOIS-FONTAINE-SUR-CANCHE",
        "M. Hervé DELATTRE",
        "Maire de Bois-Fontaine-sur-Canche",
        "la réhabilitation de sa salle polyvalente",
        "9 380,00 €",
        "C02-745A01",
        "204142//91745",
        "Fonds d'aménagement communal",
        "900 000,00 €",
        "415 000,00 €",
        "15/03/2026",
        "31/12/2027",
        "30/06/2028",
    ],
]


def _classeur(chemin: Path, lignes: list[list[Any]], entetes: list[str] = ENTETES) -> Path:
    classeur = Workbook()
    feuille = classeur.active
    assert feuille is not None
    feuille.title = "Affaires CP"
    feuille.append(entetes)
    for ligne in lignes:
        feuille.append(ligne)
    classeur.save(chemin)
    return chemin


def _actes62(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actes62", *arguments], capture_output=True, text=True, cwd=cwd
    )


def test_the_clerks_path_from_an_empty_folder_to_checked_documents(tmp_path: Path) -> None:
    """new → a spreadsheet of 3 affaires → check clean → generate --pdf → check of the documents clean,
    with no file written by hand."""
    dossier = tmp_path / "cp-2026-09"
    etape = _actes62("new", str(dossier), cwd=tmp_path)
    assert etape.returncode == 0, etape.stderr
    _classeur(dossier / "affaires.xlsx", AFFAIRES)
    etape = _actes62(
        "import-tableur", "affaires.xlsx", "--seance", "dossier.yaml", "-o", "seance.yaml", cwd=dossier
    )
    assert etape.returncode == 0, etape.stderr
    assert "seance.yaml : 3 affaires du tableur affaires.xlsx" in etape.stdout

    seance = actes62.load(dossier / "seance.yaml")
    assert [a.beneficiaire.nom for a in seance.affaires] == [
        "Terrils en fête",
        "Entente athlétique des Deux Caps",
        "Bois-Fontaine-sur-Canche",
    ]
    assert [a.montant for a in seance.affaires] == [
        Decimal("48000.00"),
        Decimal("4500.00"),
        Decimal("9380.00"),
    ]
    assert [a.id for a in seance.affaires] == [
        "terrils-en-fete-2026",
        "entente-athletique-des-deux-caps-2026",
        "bois-fontaine-sur-canche-2026",
    ]
    assert [a.deliberation.numero for a in seance.affaires] == ["2026-1", "2026-2", "2026-3"]
    assert [a.rapport.numero for a in seance.affaires] == [1, 2, 3]
    commune = seance.affaires[2]
    assert (
        commune.titre
        == "Soutien à la commune de Bois-Fontaine-sur-Canche pour la réhabilitation de sa salle polyvalente"
    )
    assert commune.beneficiaire.siege.lignes == [
        "Mairie, 1 place de l'Église",
        "62990 BOIS-FONTAINE-SUR-CANCHE",
    ]
    assert commune.convention is not None and commune.convention.signataire_beneficiaire.qualite == (
        "Maire de Bois-Fontaine-sur-Canche"
    )
    assert str(commune.convention.debut) == "2026-03-15"
    assert seance.affaires[1].imputations[0].disponible == Decimal("128400.50")
    texte = (dossier / "seance.yaml").read_text(encoding="utf-8")
    assert texte.startswith("# yaml-language-server: $schema=dossier.schema.json\n")
    assert "\ncollectivite: collectivite.yaml\n" in texte
    assert "  # affaires.xlsx, feuille « Affaires CP », ligne 3\n  - id: entente-athletique" in texte
    assert "proposition: 48000.00\n" in texte and "debut: 2026-01-01\n" in texte

    verification = _actes62("check", "seance.yaml", cwd=dossier)
    assert verification.returncode == 0, verification.stdout + verification.stderr
    assert "0 erreur, 0 avertissement, 0 information" in verification.stdout

    generation = _actes62("generate", "seance.yaml", "-o", "documents", "--pdf", cwd=dossier)
    assert generation.returncode == 0, generation.stderr
    assert len(list((dossier / "documents").glob("*.pdf"))) == 3 * 3 + 3  # 3 PDF/A each + transmission
    verification = _actes62("check", "seance.yaml", "documents", cwd=dossier)
    assert verification.returncode == 0, verification.stdout + verification.stderr
    assert "0 erreur, 0 avertissement, 0 information ; 21 documents vérifiés" in verification.stdout


def test_every_bad_cell_is_reported_at_once_with_its_sheet_row_and_column(tmp_path: Path) -> None:
    assert _actes62("new", str(tmp_path), cwd=tmp_path).returncode == 0
    lignes = [list(ligne) for ligne in AFFAIRES]
    lignes[0][2] = "822 880 480 00015"  # SIRET checksum
    lignes[1][7] = "4 500,50,00 €"  # amount
    lignes[2][14] = "31/02/2027"  # date
    lignes[2][4] = "Hervé Delattre"  # person
    lignes[1][1] = "associaton"  # legal form
    _classeur(tmp_path / "affaires.xlsx", lignes)
    resultat = _actes62(
        "import-tableur", "affaires.xlsx", "--seance", "dossier.yaml", "-o", "seance.yaml", cwd=tmp_path
    )
    assert resultat.returncode == 2
    assert "Traceback" not in resultat.stderr
    lieu = "affaires.xlsx, feuille « Affaires CP »"
    attendus = [
        f"{lieu}, ligne 2, colonne C (SIRET) : SIRET « 822 880 480 00015 » invalide",
        f"{lieu}, ligne 3, colonne B (Forme juridique) : forme juridique inconnue « associaton » : "
        "vouliez-vous dire « association » ?",
        f"{lieu}, ligne 3, colonne H (Montant) : montant illisible « 4 500,50,00 € »",
        f"{lieu}, ligne 4, colonne E (Représentant) : « Hervé Delattre » : une personne s'écrit « M. Prénom NOM »",
        f"{lieu}, ligne 4, colonne O (Fin) : date illisible « 31/02/2027 »",
    ]
    for attendu in attendus:
        assert attendu in resultat.stderr
    assert resultat.stderr.count(lieu) == len(attendus)
    assert not (tmp_path / "seance.yaml").exists()


def test_unknown_and_missing_headers_are_reported_with_a_suggestion(tmp_path: Path) -> None:
    assert _actes62("new", str(tmp_path), cwd=tmp_path).returncode == 0
    entetes = ["Beneficiaire", "Siret", "Montant accordé", "objet"]
    _classeur(tmp_path / "affaires.xlsx", [["Terrils en fête", "822 880 480 00014", "1 000 €", "x"]], entetes)
    resultat = _actes62(
        "import-tableur", "affaires.xlsx", "--seance", "dossier.yaml", "-o", "s.yaml", cwd=tmp_path
    )
    assert resultat.returncode == 2
    assert (
        "affaires.xlsx, feuille « Affaires CP », ligne 1, colonne C : en-tête inconnu « Montant accordé » : "
        "vouliez-vous dire « Montant » ?" in resultat.stderr
    )
    assert (
        "affaires.xlsx, feuille « Affaires CP », ligne 1 : colonne « Montant » manquante" in resultat.stderr
    )


def test_a_french_csv_is_read_like_the_workbook(tmp_path: Path) -> None:
    assert _actes62("new", str(tmp_path), cwd=tmp_path).returncode == 0
    lignes = [";".join(ENTETES)]
    for ligne in AFFAIRES[::2]:
        lignes.append(";".join('"' + str(v).replace('"', '""') + '"' for v in ligne))
    (tmp_path / "affaires.csv").write_bytes("\r\n".join(lignes).encode("cp1252"))  # as Excel saves it
    resultat = _actes62(
        "import-tableur", "affaires.csv", "--seance", "dossier.yaml", "-o", "s.yaml", cwd=tmp_path
    )
    assert resultat.returncode == 0, resultat.stderr
    seance = actes62.load(tmp_path / "s.yaml")
    assert [a.beneficiaire.nom for a in seance.affaires] == ["Terrils en fête", "Bois-Fontaine-sur-Canche"]
    mauvaise = ['"' + str(v).replace("48 000,00 €", "beaucoup") + '"' for v in AFFAIRES[0]]
    (tmp_path / "mauvais.csv").write_text(";".join(ENTETES) + "\n" + ";".join(mauvaise), encoding="utf-8")
    erreur = _actes62(
        "import-tableur", "mauvais.csv", "--seance", "dossier.yaml", "-o", "t.yaml", cwd=tmp_path
    )
    assert erreur.returncode == 2
    assert "mauvais.csv, ligne 2, colonne H (Montant) : montant illisible « beaucoup »" in erreur.stderr


def test_an_existing_dossier_is_not_overwritten_without_force(tmp_path: Path) -> None:
    assert _actes62("new", str(tmp_path), cwd=tmp_path).returncode == 0
    _classeur(tmp_path / "affaires.xlsx", AFFAIRES[:1])
    (tmp_path / "seance.yaml").write_text("# à moi\n", encoding="utf-8")
    arguments = ("import-tableur", "affaires.xlsx", "--seance", "dossier.yaml", "-o", "seance.yaml")
    refus = _actes62(*arguments, cwd=tmp_path)
    assert refus.returncode == 2 and "seance.yaml existe déjà" in refus.stderr
    assert (tmp_path / "seance.yaml").read_text(encoding="utf-8") == "# à moi\n"
    assert _actes62(*arguments, "--force", cwd=tmp_path).returncode == 0
    assert len(actes62.load(tmp_path / "seance.yaml").affaires) == 1


def test_not_a_spreadsheet_is_a_french_error(tmp_path: Path) -> None:
    assert _actes62("new", str(tmp_path), cwd=tmp_path).returncode == 0
    (tmp_path / "faux.xlsx").write_text("pas un classeur", encoding="utf-8")
    resultat = _actes62(
        "import-tableur", "faux.xlsx", "--seance", "dossier.yaml", "-o", "s.yaml", cwd=tmp_path
    )
    assert resultat.returncode == 2
    assert resultat.stderr.strip() == "actes62 : faux.xlsx, ce n'est pas un classeur Excel (.xlsx) lisible"


def test_the_guide_documents_every_column() -> None:
    guide = (Path(__file__).resolve().parents[1] / "docs" / "dossier.md").read_text(encoding="utf-8")
    for colonne in COLONNES:
        assert f"| {colonne.entete} |" in guide, colonne.entete
    assert [lettre(i) for i in (0, 7, 25, 26)] == ["A", "H", "Z", "AA"]


# --- what the spreadsheet does not give is never the model's beneficiary's ---------------------------

_MODELE = {  # what the skeleton's model affaire says of its own beneficiary
    "Adresse": "12 rue de la République",
    "Représentant": "Claire DURAND",
    "RNA": "W623009999",
    "Forme juridique": "forme_juridique: commune",
}


def _seance_modele(dossier: Path) -> None:
    """The skeleton séance, its model beneficiary a commune with an RNA, and a second imputation."""
    assert _actes62("new", str(dossier), cwd=dossier.parent).returncode == 0
    chemin = dossier / "dossier.yaml"
    texte = chemin.read_text(encoding="utf-8")
    texte = texte.replace(
        "      forme_juridique: association\n", "      forme_juridique: commune\n      rna: W623009999\n"
    )
    texte = texte.replace(
        "        proposition: 5000.00\n",
        "        proposition: 5000.00\n"
        "      - code_operation: C04-048A06\n"
        "        imputation: 6574//9348\n"
        "        libelle: Soutien aux projets\n"
        "        credits_paiement: 50000.00\n"
        "        disponible: 40000.00\n"
        "        proposition: 1000.00\n",
    )
    chemin.write_text(texte, encoding="utf-8")
    actes62.load(chemin)  # the model loads: what the import writes is the import's doing


def _affaires_ecrites(texte: str) -> str:
    return texte[texte.index("\naffaires:\n") :]


def test_a_spreadsheet_without_the_beneficiarys_columns_leaves_them_to_complete(tmp_path: Path) -> None:
    dossier = tmp_path / "cp"
    dossier.mkdir()
    _seance_modele(dossier)
    entetes = ["Bénéficiaire", "SIRET", "Montant", "Objet", "Code opération"]
    lignes = [
        ["Terrils en fête", "822 880 480 00014", "48 000 €", "le festival 2026", "C04-048A05"],
        ["Entente athlétique des Deux Caps", "795 988 005 00018", "4 500 €", "la saison 2026", "C03-325A01"],
    ]
    _classeur(dossier / "affaires.xlsx", lignes, entetes)
    resultat = _actes62(
        "import-tableur", "affaires.xlsx", "--seance", "dossier.yaml", "-o", "seance.yaml", cwd=dossier
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "2 affaires du tableur affaires.xlsx, 14 champs à compléter (« À COMPLÉTER » dans le fichier)" in (
        resultat.stdout
    )
    assert "le tableur n'a pas de colonne « Adresse »" in resultat.stdout

    texte = (dossier / "seance.yaml").read_text(encoding="utf-8")
    affaires = _affaires_ecrites(texte)
    for colonne, trace in _MODELE.items():
        assert trace not in affaires, colonne
    assert (
        "      # À COMPLÉTER : l'adresse du siège de « Terrils en fête » — le tableur n'a pas de colonne "
        '« Adresse »\n      siege: ""\n' in affaires
    )
    assert (
        "        # À COMPLÉTER : le disponible de l'opération C03-325A01 avant l'affaire — le tableur n'a pas "
        'de colonne « Disponible »\n        disponible: ""\n' in affaires
    )
    assert "C04-048A06" not in affaires  # one amount a row: the model's second imputation is not kept

    with pytest.raises(actes62.DossierInvalide) as refus:  # loads but where left to complete
        actes62.load(dossier / "seance.yaml")
    champs = {erreur.chemin.split(".lignes")[0] for erreur in refus.value.erreurs}
    beneficiaire = ["siege", "representant.personne", "representant.qualite"]
    signataire = ["signataire_beneficiaire.personne", "signataire_beneficiaire.qualite"]
    operation = ["imputation", "libelle", "credits_paiement", "disponible"]
    assert champs == {
        *(f"affaires[{i}].beneficiaire.{c}" for i in (0, 1) for c in beneficiaire),
        *(f"affaires[{i}].convention.{c}" for i in (0, 1) for c in signataire),
        *(f"affaires[1].imputations[0].{c}" for c in operation),
    }

    complet = texte
    for vide, valeur in [
        ('siege: ""', "siege: 1 rue des Mineurs, 62750 LOOS-EN-GOHELLE"),
        ('personne: ""', "personne: M. Jean DUPONT"),
        ('qualite: ""', "qualite: Président"),
        ('imputation: ""', "imputation: 65748//93325"),
        ('libelle: ""', "libelle: Soutien aux clubs sportifs"),
        ('credits_paiement: ""', "credits_paiement: 350000.00"),
        ('disponible: ""', "disponible: 128400.00"),
    ]:
        complet = complet.replace(vide, valeur)
    (dossier / "seance.yaml").write_text(complet, encoding="utf-8")
    seance = actes62.load(dossier / "seance.yaml")
    assert [a.beneficiaire.forme_juridique.value for a in seance.affaires] == ["association", "association"]
    assert [a.beneficiaire.rna for a in seance.affaires] == [None, None]
    assert [a.montant for a in seance.affaires] == [Decimal("48000.00"), Decimal("4500.00")]
    meme_operation = seance.affaires[0].imputations[0]
    assert (meme_operation.libelle, meme_operation.disponible) == (
        "Soutien aux associations",
        Decimal("80000.00"),
    )


def test_an_empty_cell_is_left_to_complete_and_a_model_without_convention_gets_none(tmp_path: Path) -> None:
    dossier = tmp_path / "cp"
    dossier.mkdir()
    assert _actes62("new", str(dossier), cwd=tmp_path).returncode == 0
    chemin = dossier / "dossier.yaml"
    texte = chemin.read_text(encoding="utf-8")
    debut, fin = texte.index("    convention:\n"), texte.index("    annexes:\n")
    texte = texte[:debut] + texte[fin:].split("\n", 3)[3]  # no convention, no annex
    chemin.write_text(texte.replace("{{ convention.objet }}", "son projet"), encoding="utf-8")
    lignes = [list(ligne) for ligne in AFFAIRES[:2]]
    lignes[1][3] = None  # no address for the second beneficiary
    _classeur(dossier / "affaires.xlsx", lignes)
    resultat = _actes62(
        "import-tableur", "affaires.xlsx", "--seance", "dossier.yaml", "-o", "s.yaml", cwd=dossier
    )
    assert resultat.returncode == 0, resultat.stderr
    assert "1 champ à compléter" in resultat.stdout and "cellule D3 (« Adresse ») vide" in resultat.stdout
    with pytest.raises(actes62.DossierInvalide) as refus:
        actes62.load(dossier / "s.yaml")
    assert [e.chemin for e in refus.value.erreurs] == ["affaires[1].beneficiaire.siege.lignes[0]"]
    ecrit = _affaires_ecrites((dossier / "s.yaml").read_text(encoding="utf-8"))
    assert "convention:" not in ecrit and "République" not in ecrit
    assert (
        "titre: >- Soutien à l'association « Terrils en fête » pour l'organisation du festival"
        in " ".join(ecrit.split())
    )


def test_a_model_that_names_its_beneficiary_in_its_texts_is_refused(tmp_path: Path) -> None:
    seance = tmp_path / "dossier.yaml"
    shutil.copy(Path(__file__).resolve().parents[1] / "examples" / "seance-2026-03" / "dossier.yaml", seance)
    _classeur(tmp_path / "affaires.xlsx", AFFAIRES)
    resultat = _actes62(
        "import-tableur", "affaires.xlsx", "--seance", "dossier.yaml", "-o", "s.yaml", cwd=tmp_path
    )
    assert resultat.returncode == 2 and "Traceback" not in resultat.stderr
    lignes = resultat.stderr.splitlines()
    assert [ligne.split(" l'affaire")[0] for ligne in lignes] == [
        "actes62 : dossier.yaml:160: [affaires[0].rapport.expose[1]]",
        "dossier.yaml:174: [affaires[0].rapport.propositions[0]]",
        "dossier.yaml:209: [affaires[0].deliberation.articles[0].paragraphes[0]]",
    ]
    assert "écrit son bénéficiaire en toutes lettres (« Entente athlétique des Deux Caps »)" in lignes[0]
    assert "{{ beneficiaire.designation }}" in lignes[0]
    assert not (tmp_path / "s.yaml").exists()


def test_the_yaml_written_is_plain_and_loads_back(tmp_path: Path) -> None:
    """Values the rows share with the model are written out each time (no &id001 / *id001), and
    whole amounts as the dossiers write them (48000.00, never !!float '48000')."""
    assert _actes62("new", str(tmp_path), cwd=tmp_path).returncode == 0
    entetes = [e for e in ENTETES if e not in ("Crédits de paiement", "Disponible", "Code opération")]
    lignes = [[v for e, v in zip(ENTETES, ligne, strict=True) if e in entetes] for ligne in AFFAIRES]
    lignes[0][entetes.index("Montant")] = "48 000 €"
    _classeur(tmp_path / "affaires.xlsx", lignes, entetes)
    resultat = _actes62(
        "import-tableur", "affaires.xlsx", "--seance", "dossier.yaml", "-o", "s.yaml", cwd=tmp_path
    )
    assert resultat.returncode == 0, resultat.stderr
    texte = (tmp_path / "s.yaml").read_text(encoding="utf-8")
    assert "&id" not in texte and "*id" not in texte and "!!" not in texte
    assert texte.count("        credits_paiement: 100000.00\n") == 3
    assert "        proposition: 48000.00\n" in texte and "        proposition: 4500.00\n" in texte
    seance = actes62.load(tmp_path / "s.yaml")
    assert [a.montant for a in seance.affaires] == [
        Decimal("48000.00"),
        Decimal("4500.00"),
        Decimal("9380.00"),
    ]
    assert {a.imputations[0].disponible for a in seance.affaires} == {Decimal("80000.00")}
