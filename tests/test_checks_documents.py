"""Documents checked against the dossier: freshly generated documents agree with it; a copy altered
by hand (an amount in a table cell, the solde, a date, the amount in words, a SIRET, a cited act, a
percentage) is caught, with the paragraph or cell where the change is."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

import actes62
from actes62.checks import Finding, check
from actes62.pdf import convertir_pdf
from actes62.render import generer

EXEMPLE = Path(__file__).resolve().parents[1] / "examples" / "lianes-2025" / "dossier.yaml"
NNBSP, NBSP = "\u202f", "\xa0"


def _documents(findings: list[Finding]) -> list[Finding]:
    """The findings about documents (the dossier's own disagreements left aside)."""
    return [f for f in findings if f.code.startswith(("P", "X"))]


@pytest.fixture(scope="module")
def dossier() -> actes62.Dossier:
    return actes62.load(EXEMPLE)


@pytest.fixture(scope="module")
def generes(tmp_path_factory: pytest.TempPathFactory, dossier: actes62.Dossier) -> Path:
    sortie = tmp_path_factory.mktemp("generes")
    generer(dossier, sortie)
    return sortie


def _genre(dossier: Path, fin: str) -> Path:
    return next(dossier.glob(f"*{fin}"))


def remplacer(source: Path, destination: Path, ancien: str, nouveau: str) -> Path:
    """A copy of the DOCX where `ancien` is replaced in the paragraphs (body and table cells) that
    contain it; fails if it is found nowhere."""
    document = docx.Document(str(source))
    trouve = False
    for element in document.element.body.iter(qn("w:p")):
        paragraphe = Paragraph(element, document)
        if ancien in paragraphe.text:
            texte = paragraphe.text.replace(ancien, nouveau)
            runs = paragraphe.runs
            runs[0].text = texte
            for run in runs[1:]:
                run.text = ""
            trouve = True
    assert trouve, ancien
    document.save(str(destination))
    return destination


def test_generated_documents_agree_with_the_dossier(generes: Path, dossier: actes62.Dossier) -> None:
    documents = sorted(generes.glob("*.docx"))
    assert len(documents) == 4
    assert _documents(check(dossier, documents, source=EXEMPLE)) == []


def test_a_folder_of_generated_pdf_agrees_with_the_dossier(
    generes: Path, dossier: actes62.Dossier, tmp_path: Path
) -> None:
    pdfs = convertir_pdf(sorted(generes.glob("*.docx")), tmp_path, pdfa=False)
    assert _documents(check(dossier, pdfs)) == []


def _un(findings: list[Finding], code: str) -> Finding:
    trouves = [f for f in findings if f.code == code]
    assert len(trouves) == 1, (code, findings)
    return trouves[0]


def test_an_amount_changed_in_a_cell_of_the_deliberation(
    generes: Path, dossier: actes62.Dossier, tmp_path: Path
) -> None:
    copie = remplacer(
        _genre(generes, "_deliberation.docx"), tmp_path / "d.docx", f"9{NNBSP}380,00", f"9{NNBSP}830,00"
    )
    findings = _documents(check(dossier, [copie]))
    assert sorted(f.code for f in findings) == ["P003", "P004"]
    inconnu = _un(findings, "P004")
    assert inconnu.location.file == str(copie)
    assert inconnu.location.kind == "délibération" and inconnu.location.affaire == "lianes-2025"
    assert inconnu.location.part == "tableau 1 ligne 2 colonne 5"
    assert inconnu.location.text == "9 830,00"
    assert inconnu.values == {"ecrit": "9830.00", "montant": "9380.00"}
    assert _un(findings, "P003").values["attendu"] == "9380.00"


def test_the_solde_changed_in_the_rapport(generes: Path, dossier: actes62.Dossier, tmp_path: Path) -> None:
    copie = remplacer(_genre(generes, "_rapport.docx"), tmp_path / "r.docx", "620,00", "630,00")
    findings = _documents(check(dossier, [copie]))
    assert sorted(f.code for f in findings) == ["P003", "P004"]
    assert _un(findings, "P004").location.part == "tableau 1 ligne 2 colonne 7"
    manquant = _un(findings, "P003")
    assert manquant.values == {"attendu": "620.00", "quoi": "le solde de l'opération C05-043A06"}


def test_a_date_changed_in_the_convention(generes: Path, dossier: actes62.Dossier, tmp_path: Path) -> None:
    copie = remplacer(
        _genre(generes, "_convention.docx"), tmp_path / "c.docx", "31 décembre 2025", "30 décembre 2025"
    )
    findings = _documents(check(dossier, [copie]))
    assert sorted(f.code for f in findings) == ["P003", "P009"]
    date = _un(findings, "P009")
    assert date.values == {"ecrite": "2025-12-30"}
    assert date.location.part is not None and date.location.part.startswith("paragraphe ")
    assert date.location.text is not None and "30 décembre 2025" in date.location.text
    assert _un(findings, "P003").values == {"attendu": "2025-12-31", "quoi": "la fin de la période"}


def test_the_amount_in_words_changed(generes: Path, dossier: actes62.Dossier, tmp_path: Path) -> None:
    copie = remplacer(
        _genre(generes, "_convention.docx"),
        tmp_path / "c.docx",
        "neuf mille trois cent quatre-vingts euros",
        "neuf mille huit cent trente euros",
    )
    findings = _documents(check(dossier, [copie]))
    assert [f.code for f in findings] == ["P005"]
    assert findings[0].values == {"en_lettres": "9830", "en_chiffres": "9380"}
    assert (
        findings[0].location.text is not None
        and "neuf mille huit cent trente euros" in findings[0].location.text
    )


def test_a_pdf_of_a_convention_whose_amount_was_changed(
    generes: Path, dossier: actes62.Dossier, tmp_path: Path
) -> None:
    copie = remplacer(
        _genre(generes, "_convention.docx"),
        tmp_path / "convention.docx",
        f"9{NNBSP}380{NBSP}€",
        f"9{NNBSP}830{NBSP}€",
    )
    (pdf,) = convertir_pdf([copie], tmp_path / "pdf", pdfa=False)
    findings = _documents(check(dossier, [pdf]))
    assert sorted(f.code for f in findings) == ["P003", "P004", "P005"]
    inconnu = _un(findings, "P004")
    assert inconnu.values["ecrit"] == "9830"
    assert inconnu.location.kind == "convention"
    assert inconnu.location.part is not None and inconnu.location.part.startswith("page ")
    assert " ligne " in inconnu.location.part


def test_a_siret_and_a_cited_act_changed(generes: Path, dossier: actes62.Dossier, tmp_path: Path) -> None:
    convention = remplacer(
        _genre(generes, "_convention.docx"),
        tmp_path / "c.docx",
        f"438{NBSP}535{NBSP}221{NBSP}00024",
        "438 535 221 00032",
    )
    findings = _documents(check(dossier, [convention]))
    assert sorted(f.code for f in findings) == ["P003", "P012"]
    assert _un(findings, "P012").values["ecrit"] == "43853522100032"
    deliberation = remplacer(
        _genre(generes, "_deliberation.docx"), tmp_path / "d.docx", "01/07/2021", "02/07/2021"
    )
    findings = _documents(check(dossier, [deliberation]))
    assert sorted(f.code for f in findings) == ["P009", "P010"]
    assert _un(findings, "P010").values == {
        "numero": "2021-257",
        "ecrite": "2021-07-02",
        "dossier": "2021-07-01",
    }


def test_a_percentage_and_the_total_changed_in_the_budget(
    generes: Path, dossier: actes62.Dossier, tmp_path: Path
) -> None:
    budget = _genre(generes, "_budget.docx")
    copie = remplacer(budget, tmp_path / "b.docx", "31,98", "31,89")
    findings = _documents(check(dossier, [copie]))
    assert sorted(f.code for f in findings) == ["P006", "P007"]
    assert _un(findings, "P006").location.part == "tableau 1 ligne 2 colonne 4"
    assert _un(findings, "P006").values == {"ecrit": "31.89", "attendu": "31.98"}
    copie = remplacer(budget, tmp_path / "b2.docx", f"9{NNBSP}380,00", f"9{NNBSP}390,00")
    findings = _documents(check(dossier, [copie]))
    assert {f.code for f in findings} == {"P003", "P004", "P006", "P008"}
    assert _un(findings, "P008").location.part == "tableau 1 ligne 10 colonne 3"


def test_a_small_document_made_here(dossier: actes62.Dossier, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("DÉLIBÉRATION DE LA COMMISSION PERMANENTE — RÉUNION DU 15 SEPTEMBRE 2025")
    document.add_paragraph("(N°2025-344)")
    document.add_paragraph("DÉCIDE :")
    document.add_paragraph("D'attribuer une subvention de 9 380 € à l'association Lianes coopération.")
    tableau = document.add_table(rows=2, cols=2)
    tableau.cell(0, 0).text, tableau.cell(0, 1).text = "CP €", "Dépense €"
    tableau.cell(1, 0).text, tableau.cell(1, 1).text = "10 000,00", "9 830,00"
    chemin = tmp_path / "petit.docx"
    document.save(str(chemin))
    findings = _documents(check(dossier, [chemin]))
    assert sorted(f.code for f in findings) == ["P003", "P004"]
    assert _un(findings, "P004").location.part == "tableau 1 ligne 2 colonne 2"


def test_unreadable_and_foreign_documents(dossier: actes62.Dossier, tmp_path: Path, generes: Path) -> None:
    casse = tmp_path / "casse.docx"
    casse.write_bytes(b"PK pas un zip")
    etranger = tmp_path / "bilan.docx"
    document = docx.Document()
    document.add_paragraph("Bilan d'activités 2024")
    document.save(str(etranger))
    autre = remplacer(_genre(generes, "_rapport.docx"), tmp_path / "r.docx", "RAPPORT N°27", "RAPPORT N°99")
    findings = _documents(check(dossier, [casse, etranger, autre]))
    assert sorted((f.code, Path(f.location.file).name) for f in findings) == [
        ("P001", "bilan.docx"),
        ("P001", "r.docx"),
        ("P002", "casse.docx"),
    ]


def test_documents_are_tied_to_their_affaire_among_many(dossier: actes62.Dossier, tmp_path: Path) -> None:
    """Many affaires, documents given in any order: each is tied by its content, in one pass."""
    donnees = dossier.model_dump(mode="python")
    premiere = donnees["affaires"][0]
    affaires = []
    for n in range(30):
        affaire = {**premiere, "id": f"affaire-{n}"}
        affaire["deliberation"] = {
            **premiere["deliberation"],
            "numero": f"2025-{400 + n}",
            "acquittement": None,
        }
        affaire["rapport"] = {**premiere["rapport"], "numero": 100 + n}
        affaires.append(affaire)
    grand = actes62.Dossier.model_validate({**donnees, "affaires": affaires})
    sortie = tmp_path / "grand"
    generer(grand, sortie, kinds=["deliberation", "rapport"])
    documents = sorted(sortie.glob("*.docx"), reverse=True)
    findings = check(grand, documents)
    assert _documents(findings) == []
    shutil.rmtree(sortie)
