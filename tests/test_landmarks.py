"""Places as a Word user finds them: Word numbers neither paragraphs nor tables, so a finding in a
DOCX names the heading its paragraph falls under and its rank below it, the table by its caption or
column titles, the row and the column title, the header or footer — on documents written by hand
(Word headings, bold « ARTICLE 2 – … » lines, no heading at all), not only on actes62's own."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

import actes62
from actes62.checks import Finding, Location, Severity, findings_to_text
from actes62.cli import main
from actes62.read import TextPiece, read_document
from actes62.render import generer
from tests.test_checks_documents import NBSP, NNBSP, remplacer

EXEMPLE = Path(__file__).resolve().parents[1] / "examples" / "lianes-2025" / "dossier.yaml"


def _gras(document: docx.document.Document, texte: str) -> None:
    document.add_paragraph().add_run(texte).bold = True


def _tableau(document: docx.document.Document, lignes: list[list[str]]) -> None:
    tableau = document.add_table(rows=len(lignes), cols=len(lignes[0]))
    for rang, ligne in enumerate(lignes):
        for colonne, texte in enumerate(ligne):
            tableau.cell(rang, colonne).text = texte


def _niveau_hierarchique(style: docx.styles.style.ParagraphStyle, niveau: int) -> None:
    """Give a paragraph style an outline level (w:outlineLvl, 0 for level 1), as Word's « Niveau
    hiérarchique » does."""
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(niveau))
    style.element.get_or_add_pPr().append(element)


def _reperes(chemin: Path) -> dict[str, str]:
    """Each piece's text → its landmark."""
    return {piece.text: piece.landmark for piece in read_document(chemin).pieces}


def test_word_headings_and_their_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Annexe 2")
    document.add_paragraph("Convention de partenariat 2026", style="Title")
    document.add_paragraph("Entre le Département de la Somme et l'association.")
    document.add_paragraph("Préambule :", style="Heading 1")
    document.add_paragraph("Le Département soutient la vie associative.")
    document.add_paragraph("Article 4 : Montant de la subvention", style="Heading 1")
    document.add_paragraph("Le Département attribue une subvention.")
    document.add_paragraph("")  # an empty paragraph is not counted: Word shows it as a blank line
    document.add_paragraph("Elle s'élève à 12 000 €.")
    document.add_paragraph("Versement en une fois", style="Heading 2")
    document.add_paragraph("Le versement suit la signature.")
    document.save(str(tmp_path / "convention.docx"))
    assert _reperes(tmp_path / "convention.docx") == {
        "Annexe 2": "1er paragraphe du document",
        "Convention de partenariat 2026": "titre « Convention de partenariat 2026 »",
        "Entre le Département de la Somme et l'association.": "« Convention de partenariat 2026 », 1er paragraphe",
        "Préambule :": "titre « Préambule »",
        "Le Département soutient la vie associative.": "« Préambule », 1er paragraphe",
        "Article 4 : Montant de la subvention": "titre « Article 4 : Montant de la subvention »",
        "Le Département attribue une subvention.": "« Article 4 : Montant de la subvention », 1er paragraphe",
        "Elle s'élève à 12 000 €.": "« Article 4 : Montant de la subvention », 2e paragraphe",
        "Versement en une fois": "titre « Versement en une fois »",
        "Le versement suit la signature.": "« Versement en une fois », 1er paragraphe",
    }


def test_headings_by_a_styles_own_outline_level_and_french_style_ids(tmp_path: Path) -> None:
    """A collectivité's own heading style (an outline level, any name), a style based on it, and
    French Word's style ids (« Titre1 » for « heading 1 »)."""
    document = docx.Document()
    document.styles["Heading 1"].style_id = "Titre1"
    propre = document.styles.add_style("Intitulé CD80", WD_STYLE_TYPE.PARAGRAPH)
    _niveau_hierarchique(propre, 0)
    derive = document.styles.add_style("Intitulé CD80 bis", WD_STYLE_TYPE.PARAGRAPH)
    derive.base_style = propre
    document.add_paragraph("Objet de la convention", style="Intitulé CD80")
    document.add_paragraph("La convention fixe les engagements.")
    document.add_paragraph("Durée", style="Intitulé CD80 bis")
    document.add_paragraph("Elle vaut un an.")
    document.add_paragraph("Résiliation", style="Heading 1")
    document.add_paragraph("Elle peut être résiliée.")
    document.save(str(tmp_path / "convention.docx"))
    reperes = _reperes(tmp_path / "convention.docx")
    assert reperes["La convention fixe les engagements."] == "« Objet de la convention », 1er paragraphe"
    assert reperes["Elle vaut un an."] == "« Durée », 1er paragraphe"
    assert reperes["Elle peut être résiliée."] == "« Résiliation », 1er paragraphe"


ARTICLE_3 = (
    "Article 3 : Le bénéficiaire transmet son bilan avant le 30 juin 2027, avec ses comptes certifiés "
    "et le rapport d'activité de l'année écoulée."
)
VISA = "Vu l'article L.3211-1 du code général des collectivités territoriales, qui fonde la compétence."
ARTICLE_4 = (
    "ARTICLE 4 – Le bénéficiaire mentionne le soutien du Département sur tous ses supports de "
    "communication : affiches, programmes, site internet, réseaux sociaux, dossiers de presse, ainsi "
    "que lors de ses interventions publiques et de ses manifestations."
)


def test_styles_written_with_another_prefix_are_judged_by_their_ids(tmp_path: Path) -> None:
    """A styles part whose namespace prefix is not Word's « w: » cannot be cut by its bytes: its
    styles are judged by their ids (« Heading1 », « Title »)."""
    document = docx.Document()
    document.add_paragraph("Convention 2026", style="Title")
    document.add_paragraph("Objet de la convention", style="Heading 1")
    document.add_paragraph("La convention fixe les engagements.")
    document.save(str(tmp_path / "w.docx"))
    with zipfile.ZipFile(tmp_path / "w.docx") as source, zipfile.ZipFile(tmp_path / "x.docx", "w") as copie:
        for entree in source.infolist():
            donnees = source.read(entree)
            if entree.filename == "word/styles.xml":
                donnees = re.sub(rb"(</?|\s)w:", rb"\1x:", donnees).replace(b"xmlns:w=", b"xmlns:x=")
                assert b"<w:" not in donnees
            copie.writestr(entree, donnees)
    style = docx.Document(str(tmp_path / "x.docx")).paragraphs[0].style
    assert style is not None and style.name == "Title"  # the rewritten part is valid
    assert (
        _reperes(tmp_path / "x.docx")
        == _reperes(tmp_path / "w.docx")
        == {
            "Convention 2026": "titre « Convention 2026 »",
            "Objet de la convention": "titre « Objet de la convention »",
            "La convention fixe les engagements.": "« Objet de la convention », 1er paragraphe",
        }
    )


def test_hand_written_articles_in_bold_or_opening_their_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    _gras(document, "Préambule")
    document.add_paragraph("Le Département soutient les jardins partagés.")
    _gras(document, "ARTICLE PREMIER")
    document.add_paragraph("D'attribuer une subvention de 12 000 €.")
    _gras(document, "ARTICLE 2 – DURÉE")
    document.add_paragraph("La convention vaut un an.")
    document.add_paragraph("Elle peut être prolongée par avenant.")
    document.add_paragraph(ARTICLE_3)
    document.add_paragraph("À défaut, la subvention est reversée.")
    document.add_paragraph(VISA)
    document.add_paragraph(ARTICLE_4, style="Heading 1")  # a heading style on a long text: text
    document.save(str(tmp_path / "deliberation.docx"))
    assert _reperes(tmp_path / "deliberation.docx") == {
        "Préambule": "titre « Préambule »",
        "Le Département soutient les jardins partagés.": "« Préambule », 1er paragraphe",
        "ARTICLE PREMIER": "titre « ARTICLE PREMIER »",
        "D'attribuer une subvention de 12 000 €.": "« ARTICLE PREMIER », 1er paragraphe",
        "ARTICLE 2 – DURÉE": "titre « ARTICLE 2 – DURÉE »",
        "La convention vaut un an.": "« ARTICLE 2 – DURÉE », 1er paragraphe",
        "Elle peut être prolongée par avenant.": "« ARTICLE 2 – DURÉE », 2e paragraphe",
        # the article's number opens its text: the paragraph is its first
        ARTICLE_3: "« Article 3 », 1er paragraphe",
        "À défaut, la subvention est reversée.": "« Article 3 », 2e paragraphe",
        # a code's article cited is not a heading
        VISA: "« Article 3 », 3e paragraphe",
        ARTICLE_4: "« ARTICLE 4 », 1er paragraphe",
    }


def test_a_document_without_any_heading_counts_from_its_top(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Le Département de la Somme a reçu la demande de l'association.")
    document.add_paragraph("")
    document.add_paragraph("Il propose de lui attribuer une subvention de 12 000 €.")
    document.add_paragraph("Je vous prie de bien vouloir en délibérer.")
    document.save(str(tmp_path / "rapport.docx"))
    assert [p.landmark for p in read_document(tmp_path / "rapport.docx").pieces] == [
        "1er paragraphe du document",
        "2e paragraphe du document",
        "3e paragraphe du document",
    ]


def test_tables_by_their_titles_captions_or_first_words(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("La dépense est imputée comme suit :")
    _tableau(document, [["Code Opération", "CP", "Solde"], ["C05-043A06", "10 000,00", "620,00"]])
    document.add_paragraph("Tableau 2 – Plan de financement")
    document.add_paragraph("")
    _tableau(document, [["Financeur", "Montant"], ["Département", "12 000 €"]])
    _gras(document, "Échéancier")
    _tableau(document, [["Avance", "50 %"], ["Solde", "50 %"]])  # no header row: digits in row 1
    _tableau(document, [["2026-101", "12 000 €"]])
    _tableau(document, [["Code Opération", "CP", "Solde"], ["C05-044B01", "5 000,00", "0,00"]])
    document.save(str(tmp_path / "rapport.docx"))
    cellules = {(p.table, p.row, p.column): p for p in read_document(tmp_path / "rapport.docx").pieces}
    assert cellules["1", 2, 2].landmark == "tableau « Code Opération … Solde », ligne 2, colonne « CP »"
    assert cellules["1", 1, 3].landmark == "tableau « Code Opération … Solde », ligne 1, colonne « Solde »"
    assert cellules["2", 2, 2].landmark == (
        "tableau « Tableau 2 – Plan de financement », ligne 2, colonne « Montant »"
    )
    assert cellules["3", 2, 2].landmark == "tableau « Échéancier », ligne 2, colonne 2"
    assert cellules["4", 1, 2].landmark == "tableau « 2026-101 », ligne 1, colonne 2"
    assert cellules["5", 2, 2].landmark == "2e tableau « Code Opération … Solde », ligne 2, colonne « CP »"
    assert cellules["5", 2, 2].table_title == "2e tableau « Code Opération … Solde »"
    # the caption is a caption, not a heading: the paragraphs keep their count
    texte = {p.text: p.landmark for p in read_document(tmp_path / "rapport.docx").pieces}
    assert texte["Tableau 2 – Plan de financement"] == "2e paragraphe du document"


def test_nested_tables_headers_footers_and_text_boxes(tmp_path: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Département de la Somme"
    section.footer.paragraphs[0].text = "Commission permanente du 9 mars 2026"
    section.footer.add_paragraph("Page 1")
    tableau = document.add_table(rows=2, cols=2)
    tableau.cell(0, 0).text = "Partie"
    tableau.cell(0, 1).text = "Signature"
    tableau.cell(1, 0).text = "Le Département"
    tableau.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "Le Président, 9 mars 2026"
    document.save(str(tmp_path / "convention.docx"))
    reperes = _reperes(tmp_path / "convention.docx")
    assert reperes["Département de la Somme"] == "en-tête"
    assert reperes["Commission permanente du 9 mars 2026"] == "pied de page, 1er paragraphe"
    assert reperes["Page 1"] == "pied de page, 2e paragraphe"
    assert reperes["Le Président, 9 mars 2026"] == (
        "tableau « Partie … Signature », ligne 2, colonne « Signature », "
        "tableau « Le Président, 9 mars 2026 », ligne 1, colonne 1"
    )


def test_the_part_keys_do_not_change(tmp_path: Path) -> None:
    """`part` stays the key it was (« paragraphe N » counts empty paragraphs, « tableau N ligne L
    colonne C »): facts, attendus and the importer key on it."""
    document = docx.Document()
    document.add_paragraph("Article 1 : Objet", style="Heading 1")
    document.add_paragraph("")
    document.add_paragraph("Texte")
    _tableau(document, [["Code", "Montant"], ["A", "12 000 €"]])
    document.save(str(tmp_path / "a.docx"))
    assert [p.part for p in read_document(tmp_path / "a.docx").pieces] == [
        "paragraphe 1",
        "paragraphe 3",
        "tableau 1 ligne 1 colonne 1",
        "tableau 1 ligne 1 colonne 2",
        "tableau 1 ligne 2 colonne 1",
        "tableau 1 ligne 2 colonne 2",
    ]


def _seance_a_la_main(dossier: Path) -> Path:
    """A délibération written by hand (bold « ARTICLE … » lines, no style) and a convention in Word
    headings that disagree on the subsidy."""
    dossier.mkdir()
    document = docx.Document()
    document.add_paragraph("DÉPARTEMENT DE LA SOMME")
    _gras(document, "Délibération n° 2026-CP-12 de la Commission permanente")
    document.add_paragraph("Séance du lundi 9 mars 2026")
    document.add_paragraph("Objet : subvention à l'association Les Jardins de la Baie")
    _gras(document, "ARTICLE PREMIER")
    document.add_paragraph(
        "D'attribuer une subvention de 12 000 € à l'association Les Jardins de la Baie pour l'année 2026."
    )
    _gras(document, "ARTICLE 2 – CONVENTION")
    document.add_paragraph("D'autoriser le Président à signer la convention jointe en annexe.")
    document.save(str(dossier / "deliberation.docx"))
    document = docx.Document()
    document.add_paragraph("Convention de partenariat 2026", style="Title")
    document.add_paragraph(
        "Entre le Département de la Somme, représenté par son Président, autorisé par la délibération "
        "n° 2026-CP-12 de la Commission permanente du 9 mars 2026,"
    )
    document.add_paragraph("Et l'association Les Jardins de la Baie.")
    document.add_paragraph("Article 1 : Objet", style="Heading 1")
    document.add_paragraph("La présente convention fixe les conditions du soutien du Département.")
    document.add_paragraph("Article 2 : Montant de la subvention", style="Heading 1")
    document.add_paragraph("Le Département soutient le projet de l'association.")
    document.add_paragraph("Il lui attribue une subvention de 21 000 € pour l'année 2026.")
    document.save(str(dossier / "convention.docx"))
    return dossier


def test_audit_of_hand_written_documents_names_their_headings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier = _seance_a_la_main(tmp_path / "seance")
    assert main(["audit", str(dossier)]) == 1
    sortie = capsys.readouterr().out.splitlines()
    ligne = next(ligne for ligne in sortie if " A001 " in ligne)
    assert ligne == (
        f"{dossier / 'deliberation.docx'}, « ARTICLE PREMIER », 1er paragraphe : A001 subvention "
        f"attribuée : 12{NNBSP}000{NBSP}€ ici, 21{NNBSP}000{NBSP}€ ailleurs dans l'affaire"
    )
    la = sortie[sortie.index(ligne) + 2]
    assert la == (
        f"    là : {dossier / 'convention.docx'}, « Article 2 : Montant de la subvention », "
        "2e paragraphe : « Il lui attribue une subvention de 21 000 € pour l'année 2026. »"
    )
    assert not any("paragraphe 6" in ligne for ligne in sortie)  # Word's user cannot count those

    assert main(["audit", str(dossier), "--format", "json"]) == 1
    (constat,) = [c for c in json.loads(capsys.readouterr().out) if c["code"] == "A001"]
    assert constat["location"]["part"] == "paragraphe 6"  # the key stays
    assert constat["location"]["landmark"] == "« ARTICLE PREMIER », 1er paragraphe"
    assert constat["related"][0]["landmark"] == "« Article 2 : Montant de la subvention », 2e paragraphe"


def test_audit_faits_lists_each_fact_at_its_landmark(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier = _seance_a_la_main(tmp_path / "seance")
    assert main(["audit", str(dossier), "--faits"]) == 0
    sortie = capsys.readouterr().out
    assert (
        "  « Article 2 : Montant de la subvention », 2e paragraphe : montant (subvention attribuée) = 21000.00"
        in sortie
    )
    assert main(["audit", str(dossier), "--faits", "--format", "json"]) == 0
    faits = [f for d in json.loads(capsys.readouterr().out) for f in d["faits"]]
    montant = next(f for f in faits if f["valeur"] == "21000.00")
    assert (montant["lieu"], montant["repere"]) == (
        "paragraphe 8",
        "« Article 2 : Montant de la subvention », 2e paragraphe",
    )


@pytest.fixture(scope="module")
def generes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sortie = tmp_path_factory.mktemp("generes")
    generer(actes62.load(EXEMPLE), sortie)
    return sortie


def test_check_names_the_article_and_the_column_of_an_altered_document(
    generes: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """actes62's own documents retouched in Word: the convention's amount, the rapport's solde."""
    documents = tmp_path / "documents"
    documents.mkdir()
    for chemin in generes.glob("*.docx"):
        (documents / chemin.name).write_bytes(chemin.read_bytes())
    convention = next(documents.glob("*_convention.docx"))
    remplacer(convention, convention, f"9{NNBSP}380{NBSP}€", f"9{NNBSP}830{NBSP}€")
    rapport = next(documents.glob("*_rapport.docx"))
    remplacer(rapport, rapport, "620,00", "630,00")
    assert main(["check", str(EXEMPLE), str(documents)]) == 1
    sortie = capsys.readouterr().out.splitlines()
    assert (
        f"{convention}, « Article 4 : Montant de la subvention », 1er paragraphe : P017 la subvention est "
        f"écrite « 9 830 € » ici ; le montant attribué est 9{NNBSP}380{NBSP}€"
    ) in sortie
    p018 = next(ligne for ligne in sortie if " P018 " in ligne)
    assert p018.startswith(
        f"{rapport}, tableau « Code Opération … Solde », ligne 2, colonne « Solde » : P018 "
    )
    assert sortie[sortie.index(p018) + 1] == "    « 630,00 »"
    assert not any(ligne.startswith(f"{convention}:paragraphe") for ligne in sortie)


def test_check_names_an_emptied_cell_by_its_column(generes: Path, tmp_path: Path) -> None:
    rapport = next(generes.glob("*_rapport.docx"))
    copie = remplacer(rapport, tmp_path / "rapport.docx", "620,00", "")
    (manquant,) = [f for f in actes62.check(actes62.load(EXEMPLE), [copie]) if f.code == "P003"]
    assert manquant.location.part == "tableau 1 ligne 2 colonne 7"
    assert manquant.location.landmark == "tableau « Code Opération … Solde », ligne 2, colonne « Solde »"


def test_text_output_forms() -> None:
    """The dossier's line as compilers write it; a document's place as its reader finds it."""
    constats = [
        Finding("V001", Severity.ERROR, "voix", Location(file="dossier.yaml", line=34, part="vote")),
        Finding(
            "P017",
            Severity.ERROR,
            "montant",
            Location(
                file="convention.docx",
                part="paragraphe 48",
                landmark="« Article 4 : Montant de la subvention », 1er paragraphe",
                text="9 830 €",
            ),
        ),
        Finding(
            "P017",
            Severity.ERROR,
            "montant",
            Location(file="transmission.pdf", part="page 4 ligne 7, « Annexe 2 »", text="9 830 €"),
        ),
        Finding("P002", Severity.ERROR, "introuvable", Location(file="absent.docx")),
    ]
    assert findings_to_text(constats).splitlines() == [
        "absent.docx : P002 introuvable",
        "convention.docx, « Article 4 : Montant de la subvention », 1er paragraphe : P017 montant",
        "    « 9 830 € »",
        "dossier.yaml:34: V001 voix",
        "transmission.pdf, page 4 ligne 7, « Annexe 2 » : P017 montant",
        "    « 9 830 € »",
        "4 erreurs, 0 avertissement, 0 information",
    ]


def test_findings_are_printed_in_reading_order() -> None:
    constats = [
        Finding("A001", Severity.ERROR, "b", Location(file="r.docx", part="paragraphe 12", landmark="x, 8e")),
        Finding("A001", Severity.ERROR, "a", Location(file="r.docx", part="paragraphe 9", landmark="x, 5e")),
    ]
    assert [ligne[-1] for ligne in findings_to_text(constats).splitlines()[:2]] == ["a", "b"]


def test_a_pdf_piece_has_no_landmark() -> None:
    page = TextPiece(Path("a.pdf"), "page 1", "Texte", page=1, line_starts=(0,))
    assert page.landmark == "" and page.part_at(0) == "page 1 ligne 1"
