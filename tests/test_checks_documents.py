"""Documents checked against the dossier: freshly generated documents agree with it; a copy altered
by hand (an amount in a table cell, the solde, a date, the amount in words, a SIRET, a cited act, a
percentage) is caught, with the paragraph or cell where the change is."""

from __future__ import annotations

import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

import actes62
from actes62.checks import Finding, check
from actes62.checks.attach import lire_et_rattacher
from actes62.pdf import assembler, convertir_pdf
from actes62.render import generer, render_document

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
    """The example's documents, generated once: DOCX, their PDF and the transmission PDF."""
    sortie = tmp_path_factory.mktemp("generes")
    generer(dossier, sortie, pdf=True)
    return sortie


def _genre(dossier: Path, fin: str) -> Path:
    return next(dossier.glob(f"*{fin}"))


def remplacer(source: Path, destination: Path, ancien: str, nouveau: str) -> Path:
    """A copy of the DOCX where `ancien` is replaced in the paragraphs (body and table cells) that
    contain it, no-break spaces read as spaces if need be; fails if it is found nowhere."""
    document = docx.Document(str(source))
    trouve = False
    for element in document.element.body.iter(qn("w:p")):
        paragraphe = Paragraph(element, document)
        texte = paragraphe.text if ancien in paragraphe.text else paragraphe.text.replace("\xa0", " ")
        if ancien in texte:
            texte = texte.replace(ancien, nouveau)
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


def test_the_generated_pdf_agree_with_the_dossier(generes: Path, dossier: actes62.Dossier) -> None:
    pdfs = sorted(generes.glob("*.pdf"))
    assert len(pdfs) == 5  # four documents and the transmission PDF
    assert _documents(check(dossier, pdfs)) == []


def test_a_folder_given_to_check_is_expanded(generes: Path, dossier: actes62.Dossier, tmp_path: Path) -> None:
    assert _documents(check(dossier, [generes])) == []
    absent = tmp_path / "absent"
    (manquant,) = _documents(check(dossier, [absent]))
    assert manquant.code == "P002" and manquant.location.file == str(absent)


def test_the_transmission_pdf_is_checked_part_by_part(generes: Path, dossier: actes62.Dossier) -> None:
    transmission = _genre(generes, "_transmission.pdf")
    identifies, rejetes = lire_et_rattacher([transmission], dossier.affaires)
    assert rejetes == []
    assert [(d.kind.value, d.document.partie) for d in identifies] == [
        ("délibération", "Délibération n°2025-344"),
        ("convention", "Annexe 2 – Projet de convention 2025"),
        ("annexe budgétaire", "Annexe 3 – Proposition d'accompagnement 2025 — budget"),
        ("rapport", "Rapport n°27"),
    ]
    pages = [sorted({p.page or 0 for p in d.document.pieces}) for d in identifies]
    assert pages == [[1, 2], [3, 4, 5, 6], [7], [8, 9]]


def test_a_transmission_pdf_whose_convention_was_altered(
    generes: Path, dossier: actes62.Dossier, tmp_path: Path
) -> None:
    """The altered part is found and named; an annex joined as it is (a bilan) is not checked."""
    copie = remplacer(
        _genre(generes, "_convention.docx"),
        tmp_path / "convention.docx",
        f"9{NNBSP}380{NBSP}€",
        f"9{NNBSP}830{NBSP}€",
    )
    bilan = docx.Document()
    bilan.add_paragraph("Bilan d'activités 2024 : 212 structures accompagnées, 48 500 € de budget.")
    bilan.save(str(tmp_path / "bilan.docx"))
    convention, bilan_pdf = convertir_pdf([copie, tmp_path / "bilan.docx"], tmp_path / "pdf", pdfa=False)
    affaire = dossier.affaires[0]
    pieces = [
        ("Délibération n°2025-344", _genre(generes, "_deliberation.pdf")),
        ("Annexe 1 – Bilan d'activités 2024 de Lianes coopération", bilan_pdf),
        ("Annexe 2 – Projet de convention 2025", convention),
        ("Annexe 3 – budget", _genre(generes, "_budget.pdf")),
        ("Rapport n°27", _genre(generes, "_rapport.pdf")),
    ]
    transmission = assembler(affaire, pieces, tmp_path / "transmission.pdf", dossier.collectivite)
    findings = _documents(check(dossier, [transmission]))
    # the subsidy changed, at its place: changed, not missing (no P003)
    assert sorted(f.code for f in findings) == ["P005", "P017"]
    inconnu = _un(findings, "P017")
    assert inconnu.location.file == str(transmission) and inconnu.location.kind == "convention"
    assert inconnu.location.part is not None
    assert re.fullmatch(
        r"page [4-7] ligne \d+, « Annexe 2 – Projet de convention 2025 »", inconnu.location.part
    )


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
    assert sorted(f.code for f in findings) == ["P018"]  # the proposition's cell, at its place
    inconnu = _un(findings, "P018")
    assert inconnu.location.file == str(copie)
    assert inconnu.location.kind == "délibération" and inconnu.location.affaire == "lianes-2025"
    assert inconnu.location.part == "tableau 1 ligne 2 colonne 5"
    assert inconnu.location.text == "9 830,00"
    assert inconnu.values == {"ecrit": "9830.00", "dossier": "9380.00", "colonne": "proposition"}


def test_the_solde_changed_in_the_rapport(generes: Path, dossier: actes62.Dossier, tmp_path: Path) -> None:
    copie = remplacer(_genre(generes, "_rapport.docx"), tmp_path / "r.docx", "620,00", "630,00")
    findings = _documents(check(dossier, [copie]))
    assert sorted(f.code for f in findings) == ["P018"]
    assert _un(findings, "P018").location.part == "tableau 1 ligne 2 colonne 7"
    assert _un(findings, "P018").values["colonne"] == "solde"


def test_the_solde_erased_from_the_rapport(generes: Path, dossier: actes62.Dossier, tmp_path: Path) -> None:
    """A figure erased (not changed) is missing where the template writes it: its cell."""
    copie = remplacer(_genre(generes, "_rapport.docx"), tmp_path / "r.docx", "620,00", "")
    manquant = _un(_documents(check(dossier, [copie])), "P003")
    assert manquant.values == {
        "attendu": "620.00",
        "quoi": "la colonne « Solde » de la ligne « C05-043A06 »",
        "modele": "620,00",
    }
    assert manquant.location.part == "tableau 1 ligne 2 colonne 7"


def test_a_date_changed_in_the_convention(generes: Path, dossier: actes62.Dossier, tmp_path: Path) -> None:
    copie = remplacer(
        _genre(generes, "_convention.docx"), tmp_path / "c.docx", "31 décembre 2025", "30 décembre 2025"
    )
    findings = _documents(check(dossier, [copie]))
    assert sorted(f.code for f in findings) == ["P009"]  # changed, at its place: not also missing
    date = _un(findings, "P009")
    assert date.values == {"ecrite": "2025-12-30"}
    assert date.location.part is not None and date.location.part.startswith("paragraphe ")
    assert date.location.text is not None and "30 décembre 2025" in date.location.text


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
    assert sorted(f.code for f in findings) == ["P005", "P017"]
    inconnu = _un(findings, "P017")
    assert inconnu.values == {"ecrit": "9830", "montant": "9380.00"}
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
    assert sorted(f.code for f in findings) == ["P012"]
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
    assert sorted(f.code for f in findings) == ["P006", "P007"]  # 31,98 % changed at its place
    assert _un(findings, "P006").location.part == "tableau 1 ligne 2 colonne 4"
    assert _un(findings, "P006").values == {"ecrit": "31.89", "attendu": "31.98"}
    copie = remplacer(budget, tmp_path / "b2.docx", f"9{NNBSP}380,00", f"9{NNBSP}390,00")
    findings = _documents(check(dossier, [copie]))
    assert {f.code for f in findings} == {"P004", "P006", "P008"}  # changed, not erased: no P003
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
    assert {f.code for f in findings} == {"P003", "P018"}  # one row, one imputation: the dépense at its place
    assert _un(findings, "P018").location.part == "tableau 1 ligne 2 colonne 2"
    assert _un(findings, "P018").values == {
        "ecrit": "9830.00",
        "dossier": "9380.00",
        "colonne": "proposition",
    }
    manquants = {f.values["quoi"] for f in findings if f.code == "P003"}
    # what the shipped template writes and this document does not: the vote, its result, the
    # ACTES identifier, the acts its visas cite, the avis; the table's other columns
    assert {
        "les voix pour",
        "les voix contre",
        "les abstentions",
        "le résultat du vote",
        "l'identifiant ACTES de l'accusé de réception",
        "le numéro 2021-257",
        "la colonne « Dépense € » de la ligne « C05-043A06 »",
    } <= manquants
    assert "le numéro 2025-344" not in manquants  # written: « (N°2025-344) »
    assert "la colonne « CP € » de la ligne « C05-043A06 »" not in manquants  # written: 10 000,00


def test_unreadable_and_foreign_documents(dossier: actes62.Dossier, tmp_path: Path, generes: Path) -> None:
    casse = tmp_path / "casse.docx"
    casse.write_bytes(b"PK pas un zip")
    etranger = tmp_path / "bilan.docx"
    document = docx.Document()
    document.add_paragraph("Bilan d'activités 2024")
    document.save(str(etranger))
    autre = remplacer(_genre(generes, "_rapport.docx"), tmp_path / "r.docx", "RAPPORT N° 27", "RAPPORT N° 99")
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


# --- the vote, the ACTES identifier, the result ----------------------------------------------------------


@pytest.mark.parametrize(
    ("ancien", "nouveau", "code", "valeurs"),
    [
        ("44 voix", "40 voix", "P014", {"quoi": "pour", "ecrit": "40", "dossier": "44"}),
        (
            "Abstention : 0 voix",
            "Abstention : 3 voix",
            "P014",
            {"quoi": "abstention", "ecrit": "3", "dossier": "0"},
        ),
        ("(Adopté)", "(Rejeté)", "P014", {"quoi": "résultat", "ecrit": "Rejeté", "dossier": "Adopté"}),
        (
            "lmc1526130",
            "lmc1526131",
            "P013",
            {
                "ecrit": "062-226200012-20250915-lmc1526131-DE",
                "dossier": "062-226200012-20250915-lmc1526130-DE",
            },
        ),
        ("Contre : 0 voix", "", "P003", {"attendu": "0", "quoi": "les voix contre", "modele": "Contre : 0"}),
    ],
    ids=["pour", "abstention", "result", "actes", "contre erased"],
)
def test_the_vote_and_the_actes_identifier_of_the_deliberation(
    generes: Path,
    dossier: actes62.Dossier,
    tmp_path: Path,
    ancien: str,
    nouveau: str,
    code: str,
    valeurs: dict[str, str],
) -> None:
    copie = remplacer(_genre(generes, "_deliberation.docx"), tmp_path / "d.docx", ancien, nouveau)
    (finding,) = _documents(check(dossier, [copie]))
    assert (finding.code, finding.values) == (code, valeurs)


# --- dates that do not exist, amounts in words alone -----------------------------------------------------


def test_impossible_dates_and_wrong_weekdays(generes: Path, dossier: actes62.Dossier, tmp_path: Path) -> None:
    copie = remplacer(
        _genre(generes, "_convention.docx"), tmp_path / "c.docx", "31 décembre 2025", "31 septembre 2025"
    )
    findings = _documents(check(dossier, [copie]))
    assert sorted(f.code for f in findings) == ["P015"]  # the date changed (to none), not erased
    impossible = _un(findings, "P015")
    assert impossible.values == {"ecrite": "31 septembre 2025"}
    assert impossible.location.part is not None and impossible.location.part.startswith("paragraphe ")
    copie = remplacer(
        _genre(generes, "_deliberation.docx"),
        tmp_path / "d.docx",
        "ARRAS, le 15 septembre 2025",
        "ARRAS, le lundi 16 septembre 2025",
    )
    (jour,) = _documents(check(dossier, [copie]))
    assert jour.code == "P015" and jour.values == {"ecrite": "lundi 16 septembre 2025"}


def test_an_amount_in_words_alone(generes: Path, dossier: actes62.Dossier, tmp_path: Path) -> None:
    copie = remplacer(
        _genre(generes, "_convention.docx"),
        tmp_path / "c.docx",
        "La subvention sera versée en une seule fois",
        "La subvention de neuf mille huit cents euros sera versée en une seule fois",
    )
    (finding,) = _documents(check(dossier, [copie]))
    assert finding.code == "P016" and finding.values == {"ecrit": "9800", "montant": "9380.00"}


# --- tables: only header rows are skipped ----------------------------------------------------------------


def test_a_one_row_table_is_checked(dossier: actes62.Dossier, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("(N°2025-344)")
    document.add_paragraph("DÉCIDE :")
    tableau = document.add_table(rows=1, cols=2)
    tableau.cell(0, 0).text = "Association, SIRET 438 535 221 00032"
    tableau.cell(0, 1).text = "9 830,00 €"
    chemin = tmp_path / "mise-en-page.docx"
    document.save(str(chemin))
    codes = sorted(f.code for f in _documents(check(dossier, [chemin])))
    assert "P012" in codes and "P004" in codes


# --- known facts: per affaire, and every string of the model ----------------------------------------------


def _deux_affaires(dossier: actes62.Dossier) -> actes62.Dossier:
    donnees = dossier.model_dump(mode="python")
    seconde = {**donnees["affaires"][0], "id": "autre"}
    seconde["deliberation"] = {**seconde["deliberation"], "numero": "2025-345", "acquittement": None}
    seconde["rapport"] = {**seconde["rapport"], "numero": 28}
    seconde["rapport"]["avis"] = {**seconde["rapport"]["avis"], "date": date(2025, 9, 3)}
    donnees["affaires"].append(seconde)
    return actes62.Dossier.model_validate(donnees)


def test_a_date_of_another_affaire_is_not_a_date_of_this_one(
    dossier: actes62.Dossier, tmp_path: Path
) -> None:
    deux = _deux_affaires(dossier)
    document = docx.Document()
    document.add_paragraph("(N°2025-344)")
    document.add_paragraph("DÉCIDE : réunion du 15 septembre 2025, avis du 3 septembre 2025.")
    chemin = tmp_path / "d.docx"
    document.save(str(chemin))
    dates = [f for f in check(deux, [chemin]) if f.code == "P009"]
    assert [f.values for f in dates] == [{"ecrite": "2025-09-03"}]


def _modifie(dossier: actes62.Dossier, changer: Any) -> actes62.Dossier:
    donnees = dossier.model_dump(mode="python")
    changer(donnees, donnees["affaires"][0])
    return actes62.Dossier.model_validate(donnees)


def _rendu(dossier: actes62.Dossier, genre: Any, chemin: Path) -> Path:
    render_document(dossier, dossier.affaires[0], genre, chemin)
    return chemin


def test_dates_and_amounts_of_free_model_fields_are_known(dossier: actes62.Dossier, tmp_path: Path) -> None:
    def changer(donnees: dict[str, Any], affaire: dict[str, Any]) -> None:
        affaire["beneficiaire"]["siege"]["lignes"][0] = "12 place du 8 mai 1945"
        affaire["annexes"][2]["lignes"][0]["description"] = "dont 500 € de frais"

    modifie = _modifie(dossier, changer)
    documents = [
        _rendu(modifie, "convention", tmp_path / "c.docx"),
        _rendu(modifie, "annexe_budget", tmp_path / "b.docx"),
    ]
    assert _documents(check(modifie, documents)) == []


def test_laws_and_decrees_are_not_deliberations(dossier: actes62.Dossier, tmp_path: Path) -> None:
    def changer(donnees: dict[str, Any], affaire: dict[str, Any]) -> None:
        affaire["deliberation"]["visas"][1]["texte"] = (
            "Vu la loi n° 2000-321 du 12 avril 2000, le décret n°2001-495 du 6 juin 2001, "
            "l'ordonnance n° 2021-1310 du 7 octobre 2021 et l'arrêté n°2024-12 du 2 février 2024"
        )

    modifie = _modifie(dossier, changer)
    assert _documents(check(modifie, [_rendu(modifie, "deliberation", tmp_path / "d.docx")])) == []


def test_facts_are_expected_where_the_template_writes_them(dossier: actes62.Dossier, tmp_path: Path) -> None:
    """Two imputations, texts that do not cite the amount nor the bilan deadline: the délibération
    table holds each proposition, the convention states only what its texts say."""

    def changer(donnees: dict[str, Any], affaire: dict[str, Any]) -> None:
        imputation = affaire["imputations"][0]
        affaire["imputations"] = [
            {**imputation, "proposition": Decimal("5000")},
            {**imputation, "code_operation": "C05-043A07", "proposition": Decimal("4380")},
        ]
        article = affaire["deliberation"]["articles"][0]["paragraphes"]
        article[0] = article[0].replace("{{ montant | euros }}", "un montant")
        rapport = affaire["rapport"]
        rapport["expose"] = [t.replace("{{ montant | euros }}", "un montant") for t in rapport["expose"]]
        rapport["propositions"] = [
            t.replace("{{ montant | euros }}", "un montant") for t in rapport["propositions"]
        ]
        convention = affaire["convention"]
        for article in convention["articles"]:
            article["paragraphes"] = [
                p.replace("{{ convention.date_limite_bilan | date_longue }}", "la date convenue")
                .replace("{{ montant | euros }}", "la somme")
                .replace("({{ montant | en_lettres }})", "")
                for p in article["paragraphes"]
            ]

    modifie = _modifie(dossier, changer)
    documents = [
        _rendu(modifie, "deliberation", tmp_path / "d.docx"),
        _rendu(modifie, "rapport", tmp_path / "r.docx"),
        _rendu(modifie, "convention", tmp_path / "c.docx"),
    ]
    assert _documents(check(modifie, documents)) == []


def test_the_subsidy_is_compared_with_the_figure_that_belongs_at_its_place(
    generes: Path, dossier: actes62.Dossier, tmp_path: Path
) -> None:
    """Article 1 hand-edited to the CP's 10 000 €: a figure of the dossier, but not the subsidy."""
    copie = remplacer(
        _genre(generes, "_deliberation.docx"),
        tmp_path / "deliberation.docx",
        f"subvention de 9{NNBSP}380{NBSP}€",
        f"subvention de 10{NNBSP}000{NBSP}€",
    )
    findings = _documents(check(dossier, [copie]))
    place = _un(findings, "P017")
    assert place.values == {"ecrit": "10000", "montant": "9380.00"}
    assert place.location.kind == "délibération" and "subvention de 10" in (place.location.text or "")
    assert "P004" not in {f.code for f in findings}


def test_a_known_figure_in_the_wrong_column_of_the_imputation_table(
    generes: Path, dossier: actes62.Dossier, tmp_path: Path
) -> None:
    """CP and disponible overwritten with the proposition's 9 380,00: a figure of the dossier, but
    not the one of those columns."""
    copie = remplacer(
        _genre(generes, "_rapport.docx"), tmp_path / "r.docx", f"10{NNBSP}000,00", f"9{NNBSP}380,00"
    )
    findings = _documents(check(dossier, [copie]))
    places = [f for f in findings if f.code == "P018"]
    assert {f.values["colonne"] for f in places} == {"credits_paiement", "disponible"}
    assert all(f.values == {**f.values, "ecrit": "9380.00", "dossier": "10000.00"} for f in places)
    assert "P004" not in {f.code for f in findings}
