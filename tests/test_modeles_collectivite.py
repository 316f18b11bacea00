"""A collectivité's own templates: its wording and layout, not actes62's. The documents they write
check clean against them, and a figure changed by hand is found at its place — because what the
checker expects is read from the templates themselves, not restated in Python."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocumentDocx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

import actes62
from actes62.checks import Finding
from actes62.cli import main

RACINE = Path(__file__).resolve().parent.parent
DOSSIER = RACINE / "examples" / "seance-2026-03" / "dossier.yaml"


# --- editing templates as a collectivité would, in Word ----------------------------------------------


def _texte(paragraphe: Paragraph, texte: str) -> None:
    """Give the paragraph this text in one run (its style kept)."""
    for run in paragraphe.runs[1:]:
        run._r.getparent().remove(run._r)
    if paragraphe.runs:
        paragraphe.runs[0].text = texte
        paragraphe.runs[0].bold = None
    else:
        paragraphe.add_run(texte)


def _paragraphe(document: DocumentDocx, debut: str) -> Paragraph:
    trouves = [p for p in document.paragraphs if p.text.startswith(debut)]
    assert len(trouves) == 1, (debut, [p.text for p in trouves])
    return trouves[0]


def _supprimer(paragraphe: Paragraph) -> None:
    paragraphe._p.getparent().remove(paragraphe._p)


def _tableau_avant(document: DocumentDocx, repere: Paragraph, lignes: list[list[str]], entete: bool) -> None:
    """A bordered table of these rows, put before `repere`."""
    table = document.add_table(rows=len(lignes), cols=max(len(ligne) for ligne in lignes))
    table.style = document.styles["Table Grid"]
    for i, ligne in enumerate(lignes):
        for j, texte in enumerate(ligne):
            table.rows[i].cells[j].text = texte
    if entete:
        proprietes = table.rows[0]._tr.get_or_add_trPr()
        proprietes.append(proprietes.makeelement(qn("w:tblHeader"), {}))
    repere._p.addprevious(table._tbl)


def _entete_de_page(document: DocumentDocx, texte: str) -> None:
    section = document.sections[0]
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = texte


def _cellules(document: DocumentDocx) -> Iterator[Paragraph]:
    for table in document.tables:
        for ligne in table.rows:
            for cellule in ligne.cells:
                yield from cellule.paragraphs


def _renommer_colonnes(document: DocumentDocx, noms: dict[str, str]) -> None:
    for paragraphe in _cellules(document):
        if paragraphe.text in noms:
            _texte(paragraphe, noms[paragraphe.text])


def deliberation(document: DocumentDocx) -> None:
    _entete_de_page(document, "Extrait du registre des délibérations — {{ collectivite.nom }}")
    _texte(
        _paragraphe(document, "{{ collectivite.nom | upper }}"),
        "RÉPUBLIQUE FRANÇAISE — {{ collectivite.nom }}",
    )
    # the visas as a table: one row per visa
    debut = _paragraphe(document, "{%p for visa in deliberation.visas %}")
    paragraphes = document.paragraphs
    rang = next(i for i, p in enumerate(paragraphes) if p._p is debut._p)
    visa, fin = paragraphes[rang + 1], paragraphes[rang + 2]
    assert fin.text == "{%p endfor %}"
    _tableau_avant(
        document,
        debut,
        [
            ["{%tr for visa in deliberation.visas %}", ""],
            ["Visa {{ loop.index }}", visa.text],
            ["{%tr endfor %}", ""],
        ],
        entete=False,
    )
    for paragraphe in (debut, visa, fin):
        _supprimer(paragraphe)
    # the vote as a table, with a header row
    pour = _paragraphe(document, "Pour : ")
    contre = _paragraphe(document, "Contre : ")
    abstention = _paragraphe(document, "Abstention : ")
    _tableau_avant(
        document,
        pour,
        [
            ["Sens du vote", "Nombre de voix"],
            ["Pour :", "{{ deliberation.vote.pour }}"],
            ["Contre :", "{{ deliberation.vote.contre }}"],
            ["Abstention :", "{{ deliberation.vote.abstention }}"],
        ],
        entete=True,
    )
    for paragraphe in (pour, contre, abstention):
        _supprimer(paragraphe)
    _texte(_paragraphe(document, "Dans les conditions de vote"), "Le vote a donné le résultat suivant :")
    _texte(
        _paragraphe(document, "Article {{ loop.index }} :"),
        "ARTICLE {{ loop.index }} —{% if article.titre %} {{ article.titre | upper }}{% endif %}",
    )
    _texte(_paragraphe(document, "DÉCIDE :"), "A ADOPTÉ LES DISPOSITIONS SUIVANTES :")


def rapport(document: DocumentDocx) -> None:
    _entete_de_page(document, "Rapport au {{ seance.instance.libelle }}")
    _texte(
        _paragraphe(document, "RAPPORT N°"),
        "Rapport n° {{ rapport.numero }} au {{ seance.instance.libelle }}",
    )
    _texte(
        _paragraphe(document, "La dépense sera imputée"),
        "Les crédits nécessaires sont inscrits au budget de l'exercice :",
    )
    _renommer_colonnes(
        document,
        {
            "Code Opération": "Opération",
            "CP": "Crédits ouverts",  # no « CP » nor « paiement » in the title any more
            "Disponible": "Reste à engager",  # « reste » reads like a solde
            "Proposition": "Montant proposé",
        },
    )
    _texte(
        _paragraphe(document, "Je vous prie"), "Je vous propose d'adopter le projet de délibération ci-joint."
    )


def convention(document: DocumentDocx) -> None:
    _entete_de_page(document, "Convention — {{ beneficiaire.nom }}")
    _texte(_paragraphe(document, "Il a été convenu"), "IL EST CONVENU ET ARRÊTÉ CE QUI SUIT")
    _texte(
        _paragraphe(document, "Article {{ loop.index }} :"),
        "Art. {{ loop.index }}.{% if article.titre %} — {{ article.titre }}{% endif %}",
    )
    _texte(_paragraphe(document, "d'une part,"), "D'UNE PART ;")


def annexe_budget(document: DocumentDocx) -> None:
    _texte(_paragraphe(document, "Annexe {{ numero_annexe }}"), "ANNEXE N° {{ numero_annexe }}")
    _renommer_colonnes(
        document,
        {"Intitulé de l'action": "Action", "Montant alloué (€)": "Montant (€)", "%": "Part (%)"},
    )


MODIFICATIONS = {
    "deliberation": deliberation,
    "rapport": rapport,
    "convention": convention,
    "annexe_budget": annexe_budget,
}


@pytest.fixture(scope="module")
def modeles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dossier = tmp_path_factory.mktemp("modeles")
    for nom, modifier in MODIFICATIONS.items():
        document = docx.Document(str(RACINE / "templates" / f"{nom}.docx"))
        modifier(document)
        document.save(str(dossier / f"{nom}.docx"))
    return dossier


@pytest.fixture(scope="module")
def generes(modeles: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    sortie = tmp_path_factory.mktemp("documents")
    return actes62.generer(actes62.load(DOSSIER), sortie, templates=modeles)


def _sur_documents(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.code.startswith("P")]


def test_the_templates_changed_as_a_collectivite_would(generes: list[Path]) -> None:
    """The documents really are the collectivité's: its header, tables and titles."""
    deliberation = docx.Document(str(next(f for f in generes if f.name.endswith("_deliberation.docx"))))
    textes = [" ".join(p.text.split()) for p in deliberation.paragraphs]  # no-break spaces as spaces
    assert "A ADOPTÉ LES DISPOSITIONS SUIVANTES :" in textes
    assert any(t.startswith("ARTICLE 1 —") for t in textes)
    assert not any(t.startswith("Pour : ") for t in textes)
    assert deliberation.sections[0].header.paragraphs[0].text.startswith("Extrait du registre")
    cellules = [c.text for table in deliberation.tables for ligne in table.rows for c in ligne.cells]
    assert "Nombre de voix" in cellules and "Visa 1" in cellules
    budget = docx.Document(str(next(f for f in generes if f.name.endswith("_budget.docx"))))
    assert budget.tables[0].rows[0].cells[0].text == "Action"


def test_own_templates_check_clean_and_shipped_ones_do_not(generes: list[Path], modeles: Path) -> None:
    dossier = actes62.load(DOSSIER)
    assert _sur_documents(actes62.check(dossier, generes, templates=modeles)) == []
    # against the shipped templates, what the collectivité changed is not where actes62 writes it
    contre_les_livres = _sur_documents(actes62.check(dossier, generes))
    # the budget annex, whose columns the collectivité renamed, is recognised by its own template
    # only; the rapport's renamed columns are read by their titles (« Reste à engager »: a solde)
    assert ("P001", "ea-deux-caps-2026_2026-101_annexe1_budget.docx") in {
        (f.code, Path(f.location.file or "").name) for f in contre_les_livres
    }
    assert {f.code for f in contre_les_livres} <= {"P001", "P003", "P018"}


def _remplacer(source: Path, destination: Path, ancien: str, nouveau: str) -> Path:
    """Change a text in the document's body as one would in Word (the text is in one run)."""
    with zipfile.ZipFile(source) as entree, zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as sortie:
        for info in entree.infolist():
            donnees = entree.read(info)
            if info.filename == "word/document.xml":
                texte = donnees.decode()
                assert texte.count(ancien) >= 1, ancien
                donnees = texte.replace(ancien, nouveau, 1).encode()
            sortie.writestr(info, donnees)
    return destination


NNBSP = "\u202f"


NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("nom", "ancien", "nouveau", "lieu"),
    [
        (
            "bois-fontaine-salle-2026_2026-103_deliberation.docx",
            f"120{NNBSP}000,00",
            f"120{NNBSP}500,00",
            "tableau 2 ligne 2 colonne 5",
        ),
        (
            "bois-fontaine-salle-2026_2026-103_rapport.docx",
            f"120{NNBSP}000,00",
            f"120{NNBSP}500,00",
            "tableau 1 ligne 2 colonne 6",
        ),
        (
            "bois-fontaine-salle-2026_2026-103_convention.docx",
            f"120{NNBSP}000{NBSP}€ (cent",
            f"125{NNBSP}000{NBSP}€ (cent",
            "paragraphe 24",  # after the « Annexe 1 » mark
        ),
        (
            "ea-deux-caps-2026_2026-101_annexe1_budget.docx",
            f"2{NNBSP}000,00{NBSP}€",
            f"2{NNBSP}500,00{NBSP}€",
            "tableau 1 ligne 2 colonne 3",
        ),
    ],
    ids=["deliberation", "rapport", "convention", "budget"],
)
def test_an_amount_changed_by_hand_is_found_at_its_place(
    generes: list[Path], modeles: Path, tmp_path: Path, nom: str, ancien: str, nouveau: str, lieu: str
) -> None:
    dossier = actes62.load(DOSSIER)
    (source,) = (f for f in generes if f.name == nom)
    copie = _remplacer(source, tmp_path / source.name, ancien, nouveau)
    findings = _sur_documents(actes62.check(dossier, [copie], templates=modeles))
    assert findings, "the change is not reported"
    assert all(f.location.file == str(copie) for f in findings)
    assert any(f.location.part == lieu for f in findings), [
        (f.code, f.location.part, f.message) for f in findings
    ]


def test_an_amount_erased_is_missing_where_the_template_writes_it(
    generes: list[Path], modeles: Path, tmp_path: Path
) -> None:
    dossier = actes62.load(DOSSIER)
    source = next(
        f for f in generes if f.name.endswith("_rapport.docx") and f.name.startswith(dossier.affaires[0].id)
    )
    document = docx.Document(str(source))
    cellule = document.tables[0].rows[1].cells[6]  # « Solde »
    assert cellule.text
    _texte(cellule.paragraphs[0], "")
    copie = tmp_path / source.name
    document.save(str(copie))
    (manquant,) = _sur_documents(actes62.check(dossier, [copie], templates=modeles))
    assert manquant.code == "P003"
    assert manquant.location.part == "tableau 1 ligne 2 colonne 7"
    assert manquant.values["quoi"].startswith("la colonne « Solde »")


def test_cli_check_takes_the_templates(
    generes: list[Path], modeles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier = str(DOSSIER)
    fichiers = [str(f) for f in generes]
    main(["check", dossier, *fichiers, "--templates", str(modeles), "--format", "json", "--select", "P"])
    assert capsys.readouterr().out.strip() == "[]"
    main(["check", dossier, *fichiers, "--format", "json", "--select", "P"])
    assert '"P001"' in capsys.readouterr().out  # the budget annex, its columns renamed, is not recognised


def test_a_broken_template_given_to_check_is_a_french_error(
    generes: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    modeles = tmp_path / "modeles"
    modeles.mkdir()
    shutil.copy(RACINE / "templates" / "rapport.docx", modeles / "rapport.docx")
    document = docx.Document(str(modeles / "rapport.docx"))
    _texte(_paragraphe(document, "RAPPORT N°"), "RAPPORT N°{{ rapport.numro }}")
    document.save(str(modeles / "rapport.docx"))
    code = main(["check", str(DOSSIER), *map(str, generes), "--templates", str(modeles)])
    erreur = capsys.readouterr().err
    assert code == 2
    assert "rapport.docx" in erreur and "numro" in erreur and "numero" in erreur


def test_a_vote_count_changed_in_the_collectivites_vote_table_is_found(
    generes: list[Path], modeles: Path, tmp_path: Path
) -> None:
    """The vote written as a table (« Pour : » | 41) is read as a vote count: a count changed by hand
    is reported at its cell, a count erased is missing there."""
    dossier = actes62.load(DOSSIER)
    (source,) = (f for f in generes if f.name == "bois-fontaine-salle-2026_2026-103_deliberation.docx")
    for nouveau, code in (("1", "P014"), ("", "P003")):
        document = docx.Document(str(source))
        (table,) = (t for t in document.tables if t.rows[0].cells[1].text == "Nombre de voix")
        ligne = next(i for i, r in enumerate(table.rows) if r.cells[0].text.startswith("Pour"))
        cellule = table.rows[ligne].cells[1]
        assert cellule.text.isdigit() and cellule.text != nouveau
        _texte(cellule.paragraphs[0], nouveau)
        copie = tmp_path / f"{code}_{source.name}"
        document.save(str(copie))
        findings = _sur_documents(actes62.check(dossier, [copie], templates=modeles))
        assert [f.code for f in findings] == [code], [(f.code, f.message) for f in findings]
        assert findings[0].location.part is not None
        assert findings[0].location.part.endswith(f"ligne {ligne + 1} colonne 2")


def test_a_figure_swapped_for_another_figure_of_the_dossier_is_found(
    generes: list[Path], modeles: Path, tmp_path: Path
) -> None:
    """In a column whose title the reader does not know (« Crédits ouverts »), the CP of one line
    changed into the CP of the other: a figure of the dossier, but not the one the template writes
    there."""
    dossier = actes62.load(DOSSIER)
    (source,) = (f for f in generes if f.name == "terrils-en-fete-2026_2026-102_rapport.docx")
    copie = _remplacer(source, tmp_path / source.name, f"600{NNBSP}000,00", f"250{NNBSP}000,00")
    findings = _sur_documents(actes62.check(dossier, [copie], templates=modeles))
    assert [(f.code, f.location.part) for f in findings] == [("P003", "tableau 1 ligne 2 colonne 4")]
    assert findings[0].values["ecrit"] == "250000.00" and findings[0].values["attendu"] == "600000.00"
