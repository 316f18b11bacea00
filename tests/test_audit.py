"""`actes62 audit`: documents compared with each other, no dossier — on the command line and from
Python, for one affaire and for a séance (a folder per affaire, or one flat folder)."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfWriter

import actes62
from actes62.checks.rules import audit, releve
from actes62.cli import main
from tests.corpus.mesure import construire

DOSSIERS = ("seed_2025_344", "invente_propre_b", "invente_erreurs_a")


@pytest.fixture(scope="module")
def docx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three dossiers of the corpus, as DOCX, each in its folder."""
    base = tmp_path_factory.mktemp("audit")
    return {nom: construire(nom, base / nom, pdf=False) for nom in DOSSIERS}


def _codes(findings: list[actes62.Finding]) -> Counter[str]:
    return Counter(f.code for f in findings)


def test_a_seance_in_folders_gives_the_findings_of_each_affaire(
    docx: dict[str, Path], tmp_path: Path
) -> None:
    seance = tmp_path / "seance"
    for nom, dossier in docx.items():
        shutil.copytree(dossier, seance / nom)
    seul = sum((_codes(audit([dossier])) for dossier in docx.values()), Counter())
    lu = releve([seance])
    assert len(lu.affaires) == 3 and not lu.non_rattaches
    assert _codes(audit(lu)) == seul


def test_a_flat_seance_folder_is_grouped_by_file_names(docx: dict[str, Path], tmp_path: Path) -> None:
    plat = tmp_path / "plat"
    plat.mkdir()
    for rang, (nom, dossier) in enumerate(docx.items(), start=12):
        for fichier in dossier.glob("*.docx"):
            shutil.copy(fichier, plat / f"{rang}_{nom}_{fichier.name}")
    lu = releve([plat])
    assert sorted(len(a.documents) for a in lu.affaires) == [4, 4, 4]
    seul = sum((_codes(audit([dossier])) for dossier in docx.values()), Counter())
    assert _codes(audit(lu)) == seul


def test_every_finding_names_both_sides(docx: dict[str, Path]) -> None:
    findings = audit([docx["seed_2025_344"]])
    entre_documents = [f for f in findings if f.code in {"A002", "A003", "A007", "A010"}]
    assert entre_documents and all(f.related for f in entre_documents)
    assert all(f.location.file.endswith(".docx") and f.location.part and f.location.text for f in findings)


def test_cli_audit_exit_codes_text_and_json(
    docx: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", str(docx["invente_propre_b"])]) == 0
    sortie = capsys.readouterr().out
    assert "0 erreur, 0 avertissement, 0 information ; 4 documents vérifiés" in sortie

    assert main(["audit", str(docx["seed_2025_344"])]) == 1
    sortie = capsys.readouterr().out
    assert "A002 date de la séance : 2 septembre 2025 ici, 15 septembre 2025 ailleurs" in sortie
    assert "    là : " in sortie and "    ici : « " in sortie

    assert main(["audit", str(docx["seed_2025_344"]), "--format", "json"]) == 1
    constats = json.loads(capsys.readouterr().out)
    a002 = next(c for c in constats if c["code"] == "A002")
    assert Path(a002["location"]["file"]).name == "convention.docx"
    assert {Path(r["file"]).name for r in a002["related"]} >= {"deliberation.docx"}
    assert a002["values"] == {"attendu": "2025-09-15", "trouve": "2025-09-02"}


def test_cli_audit_faits_prints_what_was_read(
    docx: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", str(docx["seed_2025_344"]), "--faits"]) == 0
    sortie = capsys.readouterr().out
    assert "montant (subvention attribuée) = 9380.00" in sortie
    assert "montant (crédits de paiement) = 10000.00" in sortie
    assert "acte cité (délibération autorisant la signature) = 2025-09-02" in sortie
    assert "tableau (tableau de montants) = 8 lignes, total 9380.00" in sortie
    assert main(["audit", str(docx["seed_2025_344"]), "--faits", "--format", "json"]) == 0
    documents = json.loads(capsys.readouterr().out)
    assert {d["genre"] for d in documents} == {"délibération", "rapport", "convention", "annexe budgétaire"}
    assert all(
        d["faits"] and {"sorte", "role", "valeur", "lieu", "texte"} <= set(d["faits"][0]) for d in documents
    )


def test_check_without_a_dossier_audits_the_documents(
    docx: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    fichiers = sorted(docx["seed_2025_344"].glob("*.docx"))
    assert main(["check", *map(str, fichiers)]) == 1
    resultat = capsys.readouterr()
    assert "A003" in resultat.out and "actes62 audit" in resultat.err
    assert _codes(actes62.check(None, fichiers)) == _codes(actes62.audit(fichiers))


def test_a_document_with_no_text_is_reported_not_checked(tmp_path: Path, docx: dict[str, Path]) -> None:
    dossier = tmp_path / "scan"
    shutil.copytree(docx["invente_propre_b"], dossier)
    ecrivain = PdfWriter()
    ecrivain.add_blank_page(595, 842)
    with (dossier / "scan_signe.pdf").open("wb") as fichier:
        ecrivain.write(fichier)
    (dossier / "abime.docx").write_bytes(b"PK\x03\x04 pas un vrai docx")
    findings = audit([dossier])
    non_lus = sorted(Path(f.location.file).name for f in findings if f.code == "A201")
    assert non_lus == ["abime.docx", "scan_signe.pdf"]
    assert all(f.severity is actes62.Severity.ERROR for f in findings if f.code == "A201")


def test_audit_of_a_missing_path_is_a_french_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", str(tmp_path / "absent")]) == 2
    erreur = capsys.readouterr().err
    assert "introuvable" in erreur and "Traceback" not in erreur


# --- a small hand-written affaire, and one change at a time ----------------------------------------


def _ecrire(chemin: Path, paragraphes: list[str]) -> None:
    from docx import Document

    document = Document()
    for texte in paragraphes:
        document.add_paragraph(texte)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(chemin))


_DELIBERATION = [
    "DÉPARTEMENT DU PAS-DE-CALAIS",
    "Commission Permanente — réunion du 6 octobre 2025",
    "Délibération n° 2025-412",
    "SOUTIEN AUX JARDINS PARTAGÉS DE L'ASSOCIATION LES JARDINS DE L'AA",
    "DÉCIDE :",
    "Article 1 : D'attribuer à l'association Les Jardins de l'Aa une subvention de 12 500 € "
    "(douze mille cinq cents euros) pour l'année 2025.",
    "Article 2 : D'approuver la convention jointe en annexe 1.",
]
_CONVENTION = [
    "Annexe 1 à la délibération n° 2025-412",
    "CONVENTION",
    "Article 3 : Le Département attribue à l'Association une subvention de 12 500 €, soit 50 % du coût "
    "total prévisionnel de l'action, estimé à 25 000 €.",
    "Article 4 : La subvention est versée en deux fois : une avance de 8 750 € à la signature, puis le "
    "solde de 3 750 € à la réception du bilan.",
]


@pytest.mark.parametrize(
    ("avant", "apres", "codes"),
    [
        ("", "", []),
        ("déjà aidé", "", []),  # a prior-year amount is not this subsidy
        ("solde de 3 750 €", "solde de 4 750 €", ["A116"]),
        ("soit 50 %", "soit 40 %", ["A117"]),
        ("subvention de 12 500 €, soit", "subvention de 13 500 €, soit", ["A001", "A116", "A117"]),
        ("Annexe 1 à la", "Annexe 3 à la", ["A007"]),
    ],
)
def test_one_change_gives_exactly_these_codes(
    tmp_path: Path, avant: str, apres: str, codes: list[str]
) -> None:
    convention = [p.replace(avant, apres) if avant else p for p in _CONVENTION]
    if avant == "déjà aidé":
        convention.append("Le programme, déjà aidé en 2024 à hauteur de 11 000 €, se poursuit.")
    _ecrire(tmp_path / "deliberation.docx", _DELIBERATION)
    _ecrire(tmp_path / "convention.docx", convention)
    assert sorted({f.code for f in audit([tmp_path])}) == codes


def test_a_folder_with_nothing_to_read_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("rien", encoding="utf-8")
    assert main(["audit", str(tmp_path)]) == 2
    assert "aucun document DOCX ou PDF à vérifier (fichiers trouvés : notes.txt" in capsys.readouterr().err


def test_office_files_in_other_formats_and_empty_files_are_not_checked(tmp_path: Path) -> None:
    _ecrire(tmp_path / "deliberation.docx", _DELIBERATION)
    (tmp_path / "convention.odt").write_bytes(b"PK\x03\x04")
    (tmp_path / "vide.docx").write_bytes(b"")
    raisons = {Path(f.location.file).name: f.values["raison"] for f in audit([tmp_path]) if f.code == "A201"}
    assert raisons == {
        "convention.odt": "format .odt non pris en charge : enregistrez-le en DOCX ou en PDF",
        "vide.docx": "fichier vide (0 octet)",
    }


def test_an_act_cited_under_two_titles_is_a_warning(tmp_path: Path) -> None:
    visa = "Vu la délibération n° 2022-11 du Conseil départemental du 24 janvier 2022 « {} » ;"
    _ecrire(
        tmp_path / "deliberation.docx",
        [*_DELIBERATION[:4], visa.format("L'ouverture au monde : 3 dispositifs"), *_DELIBERATION[4:]],
    )
    _ecrire(
        tmp_path / "convention.docx",
        [*_CONVENTION[:2], visa.format("Pacte des solidarités territoriales"), *_CONVENTION[2:]],
    )
    (titres,) = [f for f in audit([tmp_path]) if f.code == "A004"]
    assert titres.severity is actes62.Severity.WARNING and titres.values["numero"] == "2022-11"
    assert {Path(titres.location.file).name, Path(titres.related[0].file).name} == {
        "deliberation.docx",
        "convention.docx",
    }


# --- a séance generated with --pdf: each PDF with its DOCX, in its affaire -------------------------

SEANCE = Path(__file__).resolve().parents[1] / "examples" / "seance-2026-03" / "dossier.yaml"
_SUBVENTION_FESTIVAL = "48\u202f000\xa0€"


@pytest.fixture(scope="module")
def seance_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example séance generated with --pdf: DOCX, their PDF and a transmission PDF per affaire."""
    sortie = tmp_path_factory.mktemp("seance") / "out"
    assert main(["generate", str(SEANCE), "-o", str(sortie), "--pdf"]) == 0
    return sortie


def _remplacer(docx: Path, avant: str, apres: str) -> None:
    """Change a text of a DOCX as a clerk would in Word (the PDF is not remade)."""
    import zipfile

    copie = docx.with_suffix(".tmp")
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(copie, "w", zipfile.ZIP_DEFLATED) as cible:
        for entree in source.infolist():
            contenu = source.read(entree.filename)
            if entree.filename == "word/document.xml":
                texte = contenu.decode("utf-8")
                assert texte.count(avant) == 1, avant
                contenu = texte.replace(avant, apres).encode("utf-8")
            cible.writestr(entree, contenu)
    copie.replace(docx)


def _affaire_de(lu: actes62.checks.releve.Releve, nom: str) -> set[str]:
    (affaire,) = [a for a in lu.affaires if any(d.chemin.name == nom for d in a.documents)]
    return {d.chemin.name for d in affaire.documents}


def test_a_seance_with_pdfs_puts_each_pdf_with_its_docx_in_its_affaire(seance_pdf: Path) -> None:
    lu = releve([seance_pdf])
    assert not lu.non_rattaches
    assert len(lu.affaires) == 3
    for affaire in lu.affaires:  # each affaire holds all the files of one act number, and only them
        noms = {d.chemin.name for d in affaire.documents}
        assert len({n.split("_")[1] for n in noms}) == 1
        assert len(noms) == 7
    lus = [(d.chemin, d.partie) for a in lu.affaires for d in a.documents]
    assert len(lus) == len(set(lus)) == 18 + 11  # the files, and the acts of 3 transmission PDFs, once each
    assert audit(lu) == []


def test_a_seance_with_pdfs_in_a_folder_per_affaire_is_one_affaire_a_folder(
    seance_pdf: Path, tmp_path: Path
) -> None:
    for fichier in seance_pdf.iterdir():
        dossier = tmp_path / fichier.name.split("_")[0]
        dossier.mkdir(exist_ok=True)
        shutil.copy(fichier, dossier / fichier.name.split("_", 2)[2])
    lu = releve([tmp_path])
    assert sorted(len({d.chemin.name for d in a.documents}) for a in lu.affaires) == [7, 7, 7]
    assert not lu.non_rattaches and audit(lu) == []


def test_an_amount_changed_in_one_act_and_its_pdf_is_compared_with_its_whole_affaire(
    seance_pdf: Path, tmp_path: Path
) -> None:
    from actes62.pdf import convertir_pdf

    sortie = tmp_path / "out"
    shutil.copytree(seance_pdf, sortie)
    convention = sortie / "terrils-en-fete-2026_2026-102_convention.docx"
    _remplacer(convention, f"montant de {_SUBVENTION_FESTIVAL}", "montant de 48\u202f500\xa0€")
    convertir_pdf([convention], sortie, pdfa=False)  # the act remade: its DOCX and its PDF agree

    findings = audit([sortie])
    (a001,) = [f for f in findings if f.code == "A001"]
    assert a001.values == {"attendu": "48000.00", "trouve": "48500.00"}
    assert Path(a001.location.file).name in {convention.name, convention.with_suffix(".pdf").name}
    assert {Path(r.file).name for r in a001.related} >= {"terrils-en-fete-2026_2026-102_deliberation.docx"}
    assert "A014" not in _codes(findings)


def test_a_docx_changed_after_its_pdf_was_made_is_reported_on_the_pdf(
    seance_pdf: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sortie = tmp_path / "out"
    shutil.copytree(seance_pdf, sortie)
    deliberation = sortie / "terrils-en-fete-2026_2026-102_deliberation.docx"
    _remplacer(deliberation, "Assistant également", "Assistaient également")  # words only: not a disagreement
    convention = sortie / "terrils-en-fete-2026_2026-102_convention.docx"
    _remplacer(convention, f"montant de {_SUBVENTION_FESTIVAL}", "montant de 48\u202f500\xa0€")

    (a014,) = [f for f in audit([sortie]) if f.code == "A014"]
    assert Path(a014.location.file).name == "terrils-en-fete-2026_2026-102_convention.pdf"
    assert a014.values == {"pdf": "48000.00", "docx": "48500.00"}
    assert [Path(r.file).name for r in a014.related] == [convention.name]

    assert main(["audit", str(sortie)]) == 1
    sortie_texte = capsys.readouterr().out
    assert "A014 le PDF ne reprend pas son DOCX" in sortie_texte
    assert f"{_SUBVENTION_FESTIVAL} dans le PDF, 48\u202f500\xa0€ dans le DOCX" in sortie_texte


@pytest.mark.parametrize(
    ("ligne", "nombre"),
    [
        ("Ne prend pas part au vote : Mme Sylvie MEYFROIDT", 1),
        ("Ne prennent pas part au vote : M. Jean DUPONT et Mme Anne MARTIN.", 2),
        ("Ne prennent pas part au vote : Monsieur Jean DUPONT, Madame Anne MARTIN, M. Paul ROGER", 3),
        ("Ne prend pas part au vote : 1", 1),
    ],
)
def test_members_named_as_not_voting_are_counted(tmp_path: Path, ligne: str, nombre: int) -> None:
    """A délibération that names the members who do not take part in the vote states their number."""
    chemin = tmp_path / "deliberation.docx"
    _ecrire(chemin, [*_DELIBERATION, "Pour : 40 voix", "Contre : 0 voix", ligne, "(Adopté)"])
    [affaire] = releve([chemin]).affaires
    from actes62.faits.modele import Role, Sorte

    assert [f.valeur for _, f in affaire.faits(Sorte.VOTE, Role.NE_PREND_PAS_PART)] == [nombre]
