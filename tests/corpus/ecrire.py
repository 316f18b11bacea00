"""A small python-docx toolkit for the hand-written corpus dossiers (the `invente_*` modules).

It writes what the services of a département write by hand in Word: paragraphs made of several
runs (bold words, a superscript « er », a number split across two runs), bordered or borderless
tables, headers and footers, a chosen font. `enregistrer` writes the DOCX with fixed zip
timestamps and fixed document properties, so that the same module always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from docx import Document
from docx.document import Document as DocumentDocx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import _Footer, _Header
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

__all__ = [
    "FINE",
    "INSECABLE",
    "Alignement",
    "Cellule",
    "Morceau",
    "R",
    "document",
    "e",
    "en_tete",
    "enregistrer",
    "er",
    "paragraphe",
    "pied_de_page",
    "saut_de_page",
    "signatures",
    "tableau",
]

INSECABLE = "\u00a0"
"""No-break space (U+00A0), as Word puts before « € » or inside « 9 380 »."""
FINE = "\u202f"
"""Narrow no-break space (U+202F), as typographers put between digit groups."""

DATE_ZIP = (1980, 1, 1, 0, 0, 0)
_DATE_PROPRIETES = dt.datetime(2026, 1, 5, 9, 0, 0, tzinfo=dt.UTC)

Alignement = Literal["gauche", "centre", "droite", "justifie"]
_ALIGNEMENTS = {
    "gauche": WD_ALIGN_PARAGRAPH.LEFT,
    "centre": WD_ALIGN_PARAGRAPH.CENTER,
    "droite": WD_ALIGN_PARAGRAPH.RIGHT,
    "justifie": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


@dataclass(frozen=True)
class R:
    """One Word run with its formatting."""

    texte: str
    gras: bool = False
    italique: bool = False
    souligne: bool = False
    exposant: bool = False
    taille: float | None = None


Morceau = str | R
"""A piece of a paragraph: plain text (one run) or a formatted run."""
Cellule = Morceau | Sequence[Morceau]
"""The content of a table cell: one piece or several runs of one paragraph."""
Conteneur = DocumentDocx | _Cell | _Header | _Footer


def er() -> R:
    """The superscript « er » of « 1er »."""
    return R("er", exposant=True)


def e() -> R:
    """The superscript « e » of « 3e »."""
    return R("e", exposant=True)


def _police(element: object, police: str) -> None:
    """Set every font slot (ascii, hAnsi, cs, eastAsia) of a style or run properties element."""
    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribut in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribut), police)


def document(police: str, taille: float = 11, marge_cm: float = 2.2) -> DocumentDocx:
    """A new A4 document whose Normal style uses `police` at `taille` points."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = police
    normal.font.size = Pt(taille)
    _police(normal.element, police)
    normal.paragraph_format.space_after = Pt(4)
    for section in doc.sections:
        section.page_height = Cm(29.7)
        section.page_width = Cm(21.0)
        section.left_margin = section.right_margin = Cm(marge_cm)
        section.top_margin = section.bottom_margin = Cm(2.0)
    proprietes = doc.core_properties
    proprietes.author = "Service des assemblées"
    proprietes.last_modified_by = "Service des assemblées"
    proprietes.title = ""
    proprietes.comments = ""
    proprietes.revision = 1
    proprietes.created = _DATE_PROPRIETES
    proprietes.modified = _DATE_PROPRIETES
    proprietes.last_printed = _DATE_PROPRIETES
    return doc


def _ajouter(paragraphe_docx: Paragraph, morceau: Morceau, gras: bool, taille: float | None) -> None:
    """Append one run to a paragraph."""
    if isinstance(morceau, str):
        morceau = R(morceau)
    run = paragraphe_docx.add_run(morceau.texte)
    run.bold = morceau.gras or gras or None
    run.italic = morceau.italique or None
    run.underline = morceau.souligne or None
    if morceau.exposant:
        run.font.superscript = True
    if morceau.taille is not None or taille is not None:
        run.font.size = Pt(morceau.taille if morceau.taille is not None else taille)  # type: ignore[arg-type]


def paragraphe(
    conteneur: Conteneur,
    *morceaux: Morceau,
    gras: bool = False,
    align: Alignement | None = None,
    taille: float | None = None,
    avant: float | None = None,
    apres: float | None = None,
    retrait_cm: float | None = None,
) -> Paragraph:
    """Add a paragraph made of `morceaux`, one Word run each, to a document, cell, header or footer."""
    par = conteneur.add_paragraph()
    for morceau in morceaux:
        _ajouter(par, morceau, gras, taille)
    format_ = par.paragraph_format
    if align is not None:
        format_.alignment = _ALIGNEMENTS[align]
    if avant is not None:
        format_.space_before = Pt(avant)
    if apres is not None:
        format_.space_after = Pt(apres)
    if retrait_cm is not None:
        format_.left_indent = Cm(retrait_cm)
    return par


def saut_de_page(doc: DocumentDocx) -> None:
    """A page break."""
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _remplir(
    cellule: _Cell, contenu: Cellule, gras: bool, align: Alignement | None, taille: float | None
) -> None:
    """Write `contenu` into the (empty) first paragraph of a cell."""
    par = cellule.paragraphs[0]
    morceaux: Sequence[Morceau] = [contenu] if isinstance(contenu, str | R) else contenu
    for morceau in morceaux:
        _ajouter(par, morceau, gras, taille)
    if align is not None:
        par.paragraph_format.alignment = _ALIGNEMENTS[align]
    par.paragraph_format.space_after = Pt(1)


_APRES_BORDURES = {qn(f"w:{nom}") for nom in ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption")}


def _bordures(table: Table, style: str) -> None:
    """Set every border of a table to `style` (« single » or « nil »)."""
    tbl_pr = table._tbl.tblPr
    ancien = tbl_pr.find(qn("w:tblBorders"))
    if ancien is not None:
        tbl_pr.remove(ancien)
    bordures = OxmlElement("w:tblBorders")
    for cote in ("top", "left", "bottom", "right", "insideH", "insideV"):
        bord = OxmlElement(f"w:{cote}")
        bord.set(qn("w:val"), style)
        if style != "nil":
            bord.set(qn("w:sz"), "4")
            bord.set(qn("w:space"), "0")
            bord.set(qn("w:color"), "000000")
        bordures.append(bord)
    # keep the schema order of w:tblPr: tblBorders comes before shd, tblLayout, tblCellMar, tblLook
    suivant = next((enfant for enfant in tbl_pr if enfant.tag in _APRES_BORDURES), None)
    if suivant is None:
        tbl_pr.append(bordures)
    else:
        suivant.addprevious(bordures)


def tableau(
    doc: DocumentDocx,
    lignes: Sequence[Sequence[Cellule]],
    *,
    largeurs_cm: Sequence[float] | None = None,
    alignements: Sequence[Alignement | None] | None = None,
    entete: int = 1,
    lignes_grasses: Sequence[int] = (),
    bordures: bool = True,
    taille: float | None = None,
) -> Table:
    """A table of `lignes` (all of the same length); the first `entete` rows and `lignes_grasses`
    (negative indices allowed) are bold; `largeurs_cm` sets the column widths."""
    colonnes = len(lignes[0])
    table: Table = doc.add_table(rows=len(lignes), cols=colonnes)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _bordures(table, "single" if bordures else "nil")
    grasses = {i % len(lignes) for i in lignes_grasses} | set(range(entete))
    for i, ligne in enumerate(lignes):
        if len(ligne) != colonnes:
            raise ValueError(f"ligne {i} : {len(ligne)} cellules au lieu de {colonnes}")
        for j, contenu in enumerate(ligne):
            cellule = table.cell(i, j)
            align = alignements[j] if alignements is not None and i >= entete else None
            if i < entete:
                align = "centre"
            _remplir(cellule, contenu, i in grasses, align, taille)
            if largeurs_cm is not None:
                cellule.width = Cm(largeurs_cm[j])
    if largeurs_cm is not None:
        table.autofit = False
        for j, largeur in enumerate(largeurs_cm):
            table.columns[j].width = Cm(largeur)
    return table


def signatures(doc: DocumentDocx, gauche: Sequence[Cellule], droite: Sequence[Cellule]) -> Table:
    """A signature block: a borderless two-column table, one paragraph per line in each column."""
    table: Table = doc.add_table(rows=1, cols=2)
    _bordures(table, "nil")
    table.autofit = False
    for colonne in table.columns:
        colonne.width = Cm(8.2)
    for cellule, lignes in ((table.cell(0, 0), gauche), (table.cell(0, 1), droite)):
        cellule.width = Cm(8.2)
        for k, contenu in enumerate(lignes):
            par = cellule.paragraphs[0] if k == 0 else cellule.add_paragraph()
            morceaux: Sequence[Morceau] = [contenu] if isinstance(contenu, str | R) else contenu
            for morceau in morceaux:
                _ajouter(par, morceau, False, None)
            par.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            par.paragraph_format.space_after = Pt(2)
    return table


def en_tete(
    doc: DocumentDocx, *lignes: Sequence[Morceau], taille: float = 8, align: Alignement = "droite"
) -> None:
    """Write `lignes` (each a list of runs) as the header of every page."""
    entete = doc.sections[0].header
    entete.is_linked_to_previous = False
    premier = entete.paragraphs[0]
    for k, ligne in enumerate(lignes):
        par = premier if k == 0 else entete.add_paragraph()
        for morceau in ligne:
            _ajouter(par, morceau, False, taille)
        par.paragraph_format.alignment = _ALIGNEMENTS[align]
        par.paragraph_format.space_after = Pt(0)


def pied_de_page(doc: DocumentDocx, *lignes: Sequence[Morceau], taille: float = 8) -> None:
    """Write `lignes` (each a list of runs) as the centred footer of every page."""
    pied = doc.sections[0].footer
    pied.is_linked_to_previous = False
    premier = pied.paragraphs[0]
    for k, ligne in enumerate(lignes):
        par = premier if k == 0 else pied.add_paragraph()
        for morceau in ligne:
            _ajouter(par, morceau, False, taille)
        par.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        par.paragraph_format.space_after = Pt(0)


def enregistrer(doc: DocumentDocx, chemin: Path) -> None:
    """Save `doc` at `chemin` with fixed zip timestamps: same document, same bytes."""
    tampon = io.BytesIO()
    doc.save(tampon)
    sortie = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(tampon.getvalue())) as source,
        zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as cible,
    ):
        for info in source.infolist():
            entree = zipfile.ZipInfo(info.filename, date_time=DATE_ZIP)
            entree.compress_type = zipfile.ZIP_DEFLATED
            entree.external_attr = 0o600 << 16
            cible.writestr(entree, source.read(info))
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_bytes(sortie.getvalue())
