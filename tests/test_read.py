"""Reading documents: every text of a DOCX (paragraphs, cells of nested tables, text boxes, headers,
footers) and of a PDF comes out with its place; a document is identified by its content."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

import actes62
from actes62.errors import DocumentIllisible
from actes62.identify import DocumentKind, identify
from actes62.pdf import convertir_pdf
from actes62.read import documents_in, normalise, read_document
from actes62.render import generer

EXEMPLE = Path(__file__).resolve().parents[1] / "examples" / "lianes-2025" / "dossier.yaml"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ZONE = (
    f'<w:r xmlns:w="{_W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
    "<w:txbxContent><w:p><w:r><w:t>Zone : 620,00 €</w:t></w:r></w:p></w:txbxContent>"
    "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>"
    "<w:t>Zone : 620,00 €</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
    "</mc:AlternateContent></w:r>"
)


def _docx_complet(chemin: Path) -> Path:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "En-tête : délibération n°2025-344"
    document.sections[0].footer.paragraphs[0].text = "Pied : page 1"
    document.add_paragraph("Premier paragraphe : 9\u202f380\xa0€")
    document.add_paragraph("")
    tableau = document.add_table(rows=2, cols=3)
    tableau.cell(0, 0).text = "Code"
    tableau.cell(0, 1).text = "Libellé"
    tableau.cell(0, 2).text = "Montant"
    tableau.cell(1, 0).merge(tableau.cell(1, 1)).text = "fusionnée"
    tableau.cell(1, 2).text = "10 000,00"
    imbrique = tableau.cell(1, 2).add_table(rows=1, cols=2)
    imbrique.cell(0, 1).text = "imbriquée 620,00"
    paragraphe = document.add_paragraph("Après le tableau")
    paragraphe._p.append(parse_xml(_ZONE))
    document.save(str(chemin))
    return chemin


def test_docx_pieces_and_their_places(tmp_path: Path) -> None:
    lu = read_document(_docx_complet(tmp_path / "complet.docx"))
    pieces = {piece.part: piece for piece in lu.pieces}
    assert pieces["paragraphe 1"].text == "Premier paragraphe : 9 380 €"  # NFKC: no-break spaces are spaces
    assert "paragraphe 2" not in pieces  # empty paragraphs give no piece, but keep their number
    assert pieces["paragraphe 3"].text == "Après le tableau"
    cellule = pieces["tableau 1 ligne 2 colonne 3"]
    assert (cellule.text, cellule.header, cellule.table, cellule.row, cellule.column) == (
        "10 000,00",
        "Montant",
        "1",
        2,
        3,
    )
    assert pieces["tableau 1 ligne 2 colonne 1"].text == "fusionnée"  # a merged cell is read once
    assert "tableau 1 ligne 2 colonne 2" not in pieces
    assert pieces["tableau 1 ligne 2 colonne 3, tableau 1 ligne 1 colonne 2"].text == "imbriquée 620,00"
    assert pieces["zone de texte 1 paragraphe 1"].text == "Zone : 620,00 €"
    assert not any(p.startswith("zone de texte 2") for p in pieces)  # the VML copy is skipped
    assert pieces["en-tête paragraphe 1"].text == "En-tête : délibération n°2025-344"
    assert pieces["pied de page paragraphe 1"].text == "Pied : page 1"
    assert lu.format == "docx" and "10 000,00" in lu.text


@pytest.fixture(scope="module")
def exemple(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dossier = tmp_path_factory.mktemp("exemple")
    generer(actes62.load(EXEMPLE), dossier)
    return dossier


def _genre(dossier: Path, fin: str) -> Path:
    return next(dossier.glob(f"*{fin}"))


def test_generated_documents_are_identified_by_their_content(exemple: Path, tmp_path: Path) -> None:
    attendus = {
        "_deliberation.docx": (DocumentKind.DELIBERATION, "2025-344"),
        "_rapport.docx": (DocumentKind.RAPPORT, None),
        "_convention.docx": (DocumentKind.CONVENTION, None),
        "_budget.docx": (DocumentKind.BUDGET, "2025-344"),
    }
    for fin, (kind, numero) in attendus.items():
        source = _genre(exemple, fin)
        anonyme = tmp_path / f"document{len(fin)}.docx"  # the name says nothing
        anonyme.write_bytes(source.read_bytes())
        identification = identify(read_document(anonyme))
        assert identification.kind is kind, fin
        assert identification.numero_deliberation == numero, fin
    assert identify(read_document(_genre(exemple, "_rapport.docx"))).numero_rapport == 27
    convention = identify(read_document(_genre(exemple, "_convention.docx")))
    assert convention.sirets == ("22620001200012", "43853522100024")
    budget = identify(read_document(_genre(exemple, "_budget.docx")))
    assert budget.total_budget == Decimal("9380.00")
    assert budget.montants_budget[0] == Decimal("3000.00") and len(budget.montants_budget) == 8


def test_a_document_of_another_kind_is_not_identified(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Bilan d'activités 2024")
    document.save(str(tmp_path / "bilan.docx"))
    assert identify(read_document(tmp_path / "bilan.docx")).kind is None


def test_pdf_pages_and_lines(exemple: Path, tmp_path: Path) -> None:
    (pdf,) = convertir_pdf([_genre(exemple, "_convention.docx")], tmp_path, pdfa=False)
    lu = read_document(pdf)
    assert lu.format == "pdf"
    assert lu.pieces[0].part == "page 1" and lu.pieces[0].page == 1
    texte = lu.pieces[0].text
    debut = texte.index("CONVENTION 2025")
    assert lu.pieces[0].part_at(debut).startswith("page 1 ligne ")
    assert "CONVENTION 2025" in lu.pieces[0].lines()[int(lu.pieces[0].part_at(debut).split()[-1]) - 1]
    assert "9 380 €" in lu.text
    identification = identify(lu)
    assert identification.kind is DocumentKind.CONVENTION
    assert identification.sirets == ("22620001200012", "43853522100024")


@pytest.mark.parametrize(
    ("brut", "lu"),
    [("ﬁnancier", "financier"), ("1ᵉʳ avril", "1er avril"), ("9\u202f380\xa0€", "9 380 €"), ("a\tb", "a b")],
)
def test_normalise(brut: str, lu: str) -> None:
    assert normalise(brut) == lu


def test_pdf_spacing_of_numbers_is_repaired() -> None:
    from actes62.read import _reparer_pdf

    assert _reparer_pdf("montant de 9 380 ,00 €") == "montant de 9 380,00 €"
    assert _reparer_pdf("ﬁn : 620, 00\u00a0€") == "fin : 620,00 €"


def test_documents_in_expands_folders(tmp_path: Path) -> None:
    (tmp_path / "sous").mkdir()
    for nom in ("b.docx", "a.PDF", "sous/c.docx", "~$b.docx", "notes.txt", ".~lock.b.docx#"):
        (tmp_path / nom).write_bytes(b"")
    trouves = documents_in([tmp_path, tmp_path / "b.docx"])
    assert [p.relative_to(tmp_path).as_posix() for p in trouves] == ["a.PDF", "b.docx", "sous/c.docx"]
    with pytest.raises(DocumentIllisible, match="introuvable"):
        documents_in([tmp_path / "absent.docx"])
    with pytest.raises(DocumentIllisible, match="format non pris en charge"):
        documents_in([tmp_path / "notes.txt"])


@pytest.mark.parametrize("nom", ["casse.docx", "casse.pdf"])
def test_a_corrupt_document_raises_document_illisible(tmp_path: Path, nom: str) -> None:
    chemin = tmp_path / nom
    chemin.write_bytes(b"ceci n'est pas un document")
    with pytest.raises(DocumentIllisible, match="illisible") as erreur:
        read_document(chemin)
    assert erreur.value.chemin == chemin


def test_fast_reader_gives_python_docx_text(exemple: Path) -> None:
    """Only the text parts are parsed, yet every paragraph and cell reads as python-docx reads it."""
    for chemin in sorted(exemple.glob("*.docx")):
        document = docx.Document(str(chemin))
        paragraphes = [normalise(p.text) for p in document.paragraphs if normalise(p.text).strip()]
        cellules = [
            normalise("\n".join(p.text for p in cellule.paragraphs)).strip()
            for tableau in document.tables
            for ligne in tableau.rows
            for cellule in dict.fromkeys(ligne.cells)  # a merged cell once
        ]
        pieds = [normalise(p.text) for p in document.sections[0].footer.paragraphs if p.text.strip()]
        lu = read_document(chemin)
        assert [p.text for p in lu.pieces if p.part.startswith("paragraphe")] == paragraphes
        assert [p.text for p in lu.pieces if p.part.startswith("tableau")] == [c for c in cellules if c]
        assert [p.text for p in lu.pieces if p.part.startswith("pied de page")] == pieds


def test_tracked_insertions_are_read(tmp_path: Path) -> None:
    """A hand edit with change tracking on: the inserted text counts (python-docx would miss it)."""
    document = docx.Document()
    paragraphe = document.add_paragraph("Subvention de ")
    paragraphe._p.append(
        parse_xml(f'<w:ins xmlns:w="{_W}" w:id="1" w:author="x"><w:r><w:t>9 830 €</w:t></w:r></w:ins>')
    )
    document.save(str(tmp_path / "suivi.docx"))
    (piece,) = read_document(tmp_path / "suivi.docx").pieces
    assert piece.text == "Subvention de 9 830 €"


def _tableau(document: docx.document.Document, lignes: list[list[str]], entete: bool = False) -> None:
    tableau = document.add_table(rows=len(lignes), cols=len(lignes[0]))
    for i, ligne in enumerate(lignes):
        for j, texte in enumerate(ligne):
            tableau.cell(i, j).text = texte
    if entete:
        proprietes = tableau.rows[0]._tr.get_or_add_trPr()
        proprietes.append(parse_xml(f'<w:tblHeader xmlns:w="{_W}"/>'))


def test_header_rows(tmp_path: Path) -> None:
    """A first row is a header when Word says so (w:tblHeader) or when it holds no digit at all."""
    document = docx.Document()
    _tableau(document, [["Intitulé", "Montant"], ["Frais", "600,00"]])
    _tableau(document, [["SIRET 438 535 221 00024", "9 380,00 €"]])
    _tableau(document, [["Budget 2025", "Montant (€)"], ["Frais", "600,00"]], entete=True)
    chemin = tmp_path / "tableaux.docx"
    document.save(str(chemin))
    lu = read_document(chemin)
    entetes = {(p.table, p.row, p.column): (p.is_header, p.header) for p in lu.pieces}
    assert entetes[("1", 1, 1)] == (True, "")
    assert entetes[("1", 2, 2)] == (False, "Montant")
    assert entetes[("2", 1, 1)] == (False, "")  # a layout table: its only row is read
    assert entetes[("2", 1, 2)] == (False, "")
    assert entetes[("3", 1, 1)] == (True, "")
    assert entetes[("3", 2, 2)] == (False, "Montant (€)")


def test_a_deliberation_that_cites_its_rapport_number(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("(N°2025-344)")
    document.add_paragraph("Vu le RAPPORT N°27 du Président ;")
    document.add_paragraph("DÉCIDE :")
    document.save(str(tmp_path / "d.docx"))
    identification = identify(read_document(tmp_path / "d.docx"))
    assert identification.kind is DocumentKind.DELIBERATION
    assert identification.numero_deliberation == "2025-344"


@pytest.mark.parametrize(
    ("texte", "nature"),
    [
        ("Vu la délibération n°2021-257 du 1er juillet 2021", "deliberation"),
        ("les délibérations n°2021-257 et n°2022-11", "deliberation"),
        ("Vu la loi n° 2000-321 du 12 avril 2000", "loi"),
        ("le décret n°2001-495", "decret"),
        ("l'ordonnance n° 2021-1310", "ordonnance"),
        ("l'arrêté n°2024-12", "arrete"),
        ("(N°2025-344)", None),
        ("la délibération du 2 mai. N°2025-344", None),
    ],
)
def test_what_a_number_is_cited_as(texte: str, nature: str | None) -> None:
    from actes62.identify import NUMERO_ACTE, nature_citee

    dernier = list(NUMERO_ACTE.finditer(texte))[-1]
    assert nature_citee(texte, dernier.start()) == nature


def test_documents_in_hidden_folders_are_not_read(tmp_path: Path) -> None:
    """A hidden folder left by an interrupted run (« .actes62-… ») is not part of the séance."""
    from actes62.read import documents_in

    (tmp_path / ".actes62-a1b2").mkdir()
    (tmp_path / ".actes62-a1b2" / "vieux.docx").write_bytes(b"PK")
    (tmp_path / "sous").mkdir()
    (tmp_path / "sous" / "deliberation.docx").write_bytes(b"PK")
    assert [p.relative_to(tmp_path).as_posix() for p in documents_in([tmp_path])] == [
        "sous/deliberation.docx"
    ]


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    """A DOCX whose document.xml inflates a thousand times is no document: refused from its
    declared sizes, before anything is inflated (check gives P002, audit A201)."""
    import zipfile

    from actes62.errors import DocumentIllisible

    bombe = tmp_path / "bombe.docx"
    with zipfile.ZipFile(bombe, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", " " * (8 * 1024 * 1024))
    with pytest.raises(DocumentIllisible, match="bombe de décompression"):
        actes62.read_document(bombe)
    constats = actes62.audit([bombe])
    assert [(f.code, "bombe" in f.values["raison"]) for f in constats] == [("A201", True)]


def test_a_forged_column_span_is_bounded(tmp_path: Path) -> None:
    """A cell claiming to span 2 000 000 000 columns would number that many: it spans 64 at most."""
    import zipfile

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Intitulé", "Montant"
    table.cell(1, 0).text, table.cell(1, 1).text = "Action", "1 000,00 €"
    sain = tmp_path / "sain.docx"
    document.save(str(sain))
    forge = tmp_path / "forge.docx"
    with zipfile.ZipFile(sain) as entree, zipfile.ZipFile(forge, "w") as sortie:
        for info in entree.infolist():
            donnees = entree.read(info)
            if info.filename == "word/document.xml":
                donnees = donnees.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="2000000000"/>', 1)
            sortie.writestr(info, donnees)
    cellules = [p for p in read_document(forge).pieces if p.table is not None]
    assert max(p.column or 0 for p in cellules) <= 64 + 2
    assert any(p.text == "1 000,00 €" for p in cellules)


def test_a_folder_with_no_document_is_refused(tmp_path: Path) -> None:
    vide = tmp_path / "documents"
    (vide / "sous-dossier").mkdir(parents=True)
    (vide / "notes.txt").write_text("rien", encoding="utf-8")
    with pytest.raises(
        DocumentIllisible, match=r"aucun document DOCX ou PDF à vérifier \(fichiers trouvés : notes\.txt"
    ):
        documents_in([vide])
