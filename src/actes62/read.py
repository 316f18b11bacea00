"""DOCX and PDF documents → located text pieces, and what each document is, from its content.

Reading is the one place that touches python-docx's XML and pypdf: a DOCX gives its body
paragraphs, its tables cell by cell (nested tables included), its text boxes, headers and footers;
a PDF gives its pages, NFKC-normalised (ligatures), with the line of each offset. Each piece knows
where it is (« paragraphe 12 », « tableau 1 ligne 2 colonne 5 », « en-tête », « page 1 ligne 7 »).

`identify` then tells from the content — not the file name — which kind of act a document is and
the clues that tie it to an affaire (délibération number, rapport number, SIRETs, budget total).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import zipfile
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from actes62.errors import DocumentIllisible
from actes62.formats import lire_euros

__all__ = [
    "DocumentIllisible",
    "DocumentKind",
    "Identification",
    "ReadDocument",
    "TextPiece",
    "documents_in",
    "identify",
    "normalise",
    "read_document",
]

EXTENSIONS = (".docx", ".pdf")


class DocumentKind(StrEnum):
    """The kinds of act a document can be; the value is the French label used in findings."""

    DELIBERATION = "délibération"
    RAPPORT = "rapport"
    CONVENTION = "convention"
    BUDGET = "annexe budgétaire"


@dataclass(frozen=True)
class TextPiece:
    """A piece of a document's text and where it is.

    For a table cell, `table` names the table (« 1 », or « 1/l2c3/1 » for a table nested in a cell),
    `row`/`column` are 1-based and `header` is the text of the column's first-row cell. For a PDF
    page, `line_starts` gives the offset of each line so that `part_at` can name the line.
    """

    path: Path
    part: str
    text: str
    table: str | None = None
    row: int | None = None
    column: int | None = None
    header: str = ""
    page: int | None = None
    line_starts: tuple[int, ...] = ()

    def part_at(self, offset: int) -> str:
        """The part where `offset` of the text is: the line of a PDF page, else the piece's part."""
        if self.page is None or not self.line_starts:
            return self.part
        return f"page {self.page} ligne {bisect_right(self.line_starts, offset)}"

    @property
    def in_table(self) -> bool:
        return self.table is not None

    def lines(self) -> list[str]:
        """The lines of the piece (of the page, for a PDF)."""
        if not self.line_starts:
            return self.text.splitlines()
        bornes = [*self.line_starts, len(self.text) + 1]
        return [self.text[debut : fin - 1] for debut, fin in pairwise(bornes)]


@dataclass(frozen=True)
class ReadDocument:
    path: Path
    format: Literal["docx", "pdf"]
    pieces: tuple[TextPiece, ...]

    @cached_property
    def text(self) -> str:
        """All the text, pieces separated by line breaks."""
        return "\n".join(piece.text for piece in self.pieces)

    @cached_property
    def tables(self) -> dict[str, list[TextPiece]]:
        """Cells by table, in reading order."""
        tables: dict[str, list[TextPiece]] = {}
        for piece in self.pieces:
            if piece.table is not None:
                tables.setdefault(piece.table, []).append(piece)
        return tables


@dataclass(frozen=True)
class Identification:
    """What a document is, from its content, and the clues that tie it to an affaire."""

    kind: DocumentKind | None
    numero_deliberation: str | None = None
    numero_rapport: int | None = None
    sirets: tuple[str, ...] = ()
    total_budget: Decimal | None = None
    montants_budget: tuple[Decimal, ...] = field(default=())


# --- finding the documents ------------------------------------------------------------------------------


def documents_in(chemins: Sequence[Path]) -> list[Path]:
    """The DOCX and PDF files given, folders expanded (recursively, sorted); office lock files skipped.

    Raises `DocumentIllisible` for a path that does not exist or a file that is not DOCX/PDF.
    """
    trouves: list[Path] = []
    for chemin in chemins:
        if chemin.is_dir():
            fichiers = sorted(
                p
                for p in chemin.rglob("*")
                if p.is_file() and p.suffix.lower() in EXTENSIONS and not _verrou(p)
            )
            trouves.extend(fichiers)
        elif chemin.is_file():
            if chemin.suffix.lower() not in EXTENSIONS:
                raise DocumentIllisible(
                    chemin, "format non pris en charge (un fichier DOCX ou PDF est attendu)"
                )
            trouves.append(chemin)
        else:
            raise DocumentIllisible(chemin, "fichier ou dossier introuvable")
    vus: set[Path] = set()
    uniques = []
    for chemin in trouves:
        cle = chemin.resolve()
        if cle not in vus:
            vus.add(cle)
            uniques.append(chemin)
    return uniques


def _verrou(chemin: Path) -> bool:
    return chemin.name.startswith(("~$", ".~lock"))


# --- reading --------------------------------------------------------------------------------------------


def normalise(texte: str) -> str:
    """NFKC (ligatures, no-break spaces → spaces, « ᵉʳ » → « er »), tabs to spaces."""
    return unicodedata.normalize("NFKC", texte).replace("\t", " ")


def read_document(chemin: Path) -> ReadDocument:
    """Read a DOCX or PDF file into located text pieces; raises `DocumentIllisible`."""
    suffixe = chemin.suffix.lower()
    if suffixe not in EXTENSIONS:
        raise DocumentIllisible(chemin, "format non pris en charge (un fichier DOCX ou PDF est attendu)")
    if not chemin.is_file():
        raise DocumentIllisible(chemin, "fichier introuvable")
    try:
        if suffixe == ".docx":
            return ReadDocument(chemin, "docx", tuple(_lire_docx(chemin)))
        return ReadDocument(chemin, "pdf", tuple(_lire_pdf(chemin)))
    except DocumentIllisible:
        raise
    except Exception as exc:  # a corrupt file can fail anywhere in zipfile, lxml or pypdf
        genre = "DOCX" if suffixe == ".docx" else "PDF"
        raise DocumentIllisible(chemin, f"{genre} illisible ({type(exc).__name__} : {exc})") from None


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_REPLI = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_CONTENEURS = {f"{_W}hyperlink", f"{_W}ins", f"{_W}smartTag", f"{_W}fldSimple", f"{_W}sdt", f"{_W}sdtContent"}
_ENTETES_PIEDS = (
    ("headerReference", "first", "en-tête de première page"),
    ("headerReference", "default", "en-tête"),
    ("headerReference", "even", "en-tête des pages paires"),
    ("footerReference", "first", "pied de page de première page"),
    ("footerReference", "default", "pied de page"),
    ("footerReference", "even", "pied de page des pages paires"),
)


def _lire_docx(chemin: Path) -> Iterator[TextPiece]:
    """The body (paragraphs, tables, text boxes), then headers and footers of each section.

    Only the parts holding text are parsed (python-docx's parser and element classes), not the
    whole package: reading a séance's documents stays fast. Paragraph text follows python-docx's
    `Paragraph.text`, and also reads runs inside tracked insertions, smart tags and content controls.
    """
    from docx.oxml.parser import parse_xml

    with zipfile.ZipFile(chemin) as archive:
        principal = _partie_principale(archive)
        racine = parse_xml(archive.read(principal))
        corps = racine.find(f"{_W}body")
        if corps is None:
            raise DocumentIllisible(chemin, "DOCX sans corps de document (w:body)")
        paragraphes = tableaux = 0
        for enfant in _blocs(corps):
            if enfant.tag == f"{_W}p":
                paragraphes += 1
                texte = normalise(_texte(enfant))
                if texte.strip():
                    yield TextPiece(chemin, f"paragraphe {paragraphes}", texte)
            else:
                tableaux += 1
                yield from _cellules(chemin, enfant, f"tableau {tableaux}", str(tableaux))
        yield from _zones_de_texte(chemin, corps, "zone de texte")
        yield from _entetes_pieds(chemin, archive, principal, corps)


def _partie_principale(archive: zipfile.ZipFile) -> str:
    """The main document part named by the package relationships (word/document.xml as a rule)."""
    from docx.oxml.parser import parse_xml

    try:
        relations = parse_xml(archive.read("_rels/.rels"))
    except KeyError:
        return "word/document.xml"
    for relation in relations:
        if str(relation.get("Type", "")).endswith("/officeDocument"):
            return str(relation.get("Target", "word/document.xml")).lstrip("/")
    return "word/document.xml"


def _texte(paragraphe: Any) -> str:
    """A paragraph's text as python-docx gives it: runs' text, tabs, line breaks, no-break hyphens."""
    morceaux: list[str] = []
    _runs(paragraphe, morceaux)
    return "".join(morceaux)


def _runs(parent: Any, morceaux: list[str]) -> None:
    for enfant in parent.iterchildren():
        etiquette = enfant.tag
        if etiquette == f"{_W}r":
            for element in enfant.iterchildren():
                nom = element.tag
                if nom == f"{_W}t":
                    morceaux.append(element.text or "")
                elif nom in (f"{_W}tab", f"{_W}ptab"):
                    morceaux.append("\t")
                elif nom == f"{_W}br":
                    if element.get(f"{_W}type") in (None, "textWrapping"):
                        morceaux.append("\n")
                elif nom == f"{_W}cr":
                    morceaux.append("\n")
                elif nom == f"{_W}noBreakHyphen":
                    morceaux.append("-")
        elif etiquette in _CONTENEURS:
            _runs(enfant, morceaux)


def _blocs(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables of a body or cell in order, content controls (w:sdt) opened."""
    for enfant in parent.iterchildren():
        if enfant.tag in (f"{_W}p", f"{_W}tbl"):
            yield enfant
        elif enfant.tag == f"{_W}sdt":
            contenu = enfant.find(f"{_W}sdtContent")
            if contenu is not None:
                yield from _blocs(contenu)


def _cellules(chemin: Path, tableau: Any, lieu: str, cle: str) -> Iterator[TextPiece]:
    """One piece per cell (a merged cell once, at its first column), then the tables nested in it."""
    entetes: dict[int, str] = {}
    lignes = [enfant for enfant in _blocs_lignes(tableau)]
    for numero_ligne, tr in enumerate(lignes, start=1):
        colonne = 1
        for tc in tr.iterchildren(f"{_W}tc"):
            etendue = tc.find(f"{_W}tcPr/{_W}gridSpan")
            debut = colonne
            colonne += int(etendue.get(f"{_W}val", "1")) if etendue is not None else 1
            texte = normalise("\n".join(_texte(p) for p in tc.iterchildren(f"{_W}p"))).strip()
            if numero_ligne == 1:
                for c in range(debut, colonne):
                    entetes[c] = texte
            partie = f"{lieu} ligne {numero_ligne} colonne {debut}"
            if texte:
                yield TextPiece(
                    chemin,
                    partie,
                    texte,
                    table=cle,
                    row=numero_ligne,
                    column=debut,
                    header=entetes.get(debut, "") if numero_ligne > 1 else "",
                )
            for rang, imbrique in enumerate(tc.iterchildren(f"{_W}tbl"), start=1):
                yield from _cellules(
                    chemin, imbrique, f"{partie}, tableau {rang}", f"{cle}/l{numero_ligne}c{debut}/{rang}"
                )


def _blocs_lignes(tableau: Any) -> Iterator[Any]:
    for enfant in tableau.iterchildren():
        if enfant.tag == f"{_W}tr":
            yield enfant
        elif enfant.tag == f"{_W}sdt":
            contenu = enfant.find(f"{_W}sdtContent")
            if contenu is not None:
                yield from contenu.iterchildren(f"{_W}tr")


def _zones_de_texte(chemin: Path, racine: Any, lieu: str) -> Iterator[TextPiece]:
    """Text boxes (w:txbxContent); the VML copy that Word keeps in mc:Fallback is skipped."""
    numero = 0
    for zone in racine.iter(f"{_W}txbxContent"):
        if any(ancetre.tag == _REPLI for ancetre in zone.iterancestors()):
            continue
        numero += 1
        for rang, p in enumerate(zone.iter(f"{_W}p"), start=1):
            texte = normalise(_texte(p))
            if texte.strip():
                yield TextPiece(chemin, f"{lieu} {numero} paragraphe {rang}", texte)


def _entetes_pieds(chemin: Path, archive: zipfile.ZipFile, principal: str, corps: Any) -> Iterator[TextPiece]:
    """Headers and footers of each section, each part once (a section linked to the previous one
    has no reference of its own)."""
    from docx.oxml.parser import parse_xml

    dossier, _, nom = principal.rpartition("/")
    try:
        relations = parse_xml(archive.read(f"{dossier}/_rels/{nom}.rels"))
    except KeyError:
        return
    cibles = {
        r.get("Id"): posixpath.normpath(posixpath.join(dossier, r.get("Target", ""))) for r in relations
    }
    sections = [s for s in corps.iter(f"{_W}sectPr")]
    vus: set[str] = set()
    for rang, section in enumerate(sections, start=1):
        suffixe = f" (section {rang})" if len(sections) > 1 else ""
        references = {
            (ref.tag.removeprefix(_W), ref.get(f"{_W}type", "default")): ref.get(f"{_R}id")
            for ref in section.iterchildren(f"{_W}headerReference", f"{_W}footerReference")
        }
        for balise, genre, nom_partie in _ENTETES_PIEDS:
            cible = cibles.get(references.get((balise, genre)))
            if cible is None or cible in vus or cible not in archive.namelist():
                continue
            vus.add(cible)
            partie = parse_xml(archive.read(cible))
            lieu = nom_partie + suffixe
            paragraphes = tableaux = 0
            for enfant in _blocs(partie):
                if enfant.tag == f"{_W}p":
                    paragraphes += 1
                    texte = normalise(_texte(enfant))
                    if texte.strip():
                        yield TextPiece(chemin, f"{lieu} paragraphe {paragraphes}", texte)
                else:
                    tableaux += 1
                    yield from _cellules(chemin, enfant, f"{lieu} tableau {tableaux}", f"{lieu}/{tableaux}")
            yield from _zones_de_texte(chemin, partie, f"{lieu} zone de texte")


_DECIMALES_DECOLLEES = re.compile(r"(\d) ,(\d{2})(?!\d)|(\d), (\d{2})(?= ?€)")
_ESPACES = re.compile(r"[ \u00a0\u202f\u2009]+")


def _reparer_pdf(ligne: str) -> str:
    """Undo what PDF text extraction does to numbers: « 9 380 ,00 » → « 9 380,00 »; runs of spaces."""
    ligne = _ESPACES.sub(" ", normalise(ligne))
    return _DECIMALES_DECOLLEES.sub(lambda m: f"{m[1] or m[3]},{m[2] or m[4]}", ligne).strip()


def _lire_pdf(chemin: Path) -> Iterator[TextPiece]:
    from pypdf import PdfReader

    lecteur = PdfReader(str(chemin))
    if lecteur.is_encrypted and not lecteur.decrypt(""):
        raise DocumentIllisible(chemin, "PDF chiffré : il ne peut pas être lu")
    for numero, page in enumerate(lecteur.pages, start=1):
        lignes = [_reparer_pdf(ligne) for ligne in (page.extract_text() or "").splitlines()]
        debuts: list[int] = []
        morceaux: list[str] = []
        position = 0
        for ligne in lignes:
            debuts.append(position)
            morceaux.append(ligne)
            position += len(ligne) + 1
        texte = " ".join(morceaux)
        if texte.strip():
            yield TextPiece(chemin, f"page {numero}", texte, page=numero, line_starts=tuple(debuts))


# --- identifying ----------------------------------------------------------------------------------------

_N = r"N\s?[°o]\.?\s*"
_RAPPORT = re.compile(rf"\bRAPPORT\s+{_N}(\d+)\b")
_DECIDE = re.compile(r"\bD[ÉE]CIDE\b")
_NUMERO_PROPRE = re.compile(rf"\(\s*{_N}(\d{{4}}-\d{{1,4}})\s*\)")
_NUMERO = re.compile(rf"(?<!\w){_N}(\d{{4}}-\d{{1,4}})\b", re.IGNORECASE)
_CITATION = re.compile(r"(d[ée]lib[ée]ration|vu)\s*$", re.IGNORECASE)
_TITRE_CONVENTION = re.compile(r"^\W*convention\b", re.IGNORECASE)
SIRET = re.compile(r"(?<!\d)\d{3}[ \u00a0\u202f]?\d{3}[ \u00a0\u202f]?\d{3}[ \u00a0\u202f]?\d{5}(?!\d)")


def sans_accents(texte: str) -> str:
    decompose = unicodedata.normalize("NFD", texte)
    return "".join(c for c in decompose if not unicodedata.combining(c)).lower()


def sirets(texte: str) -> list[tuple[int, int, str]]:
    """(start, end, 14 digits) of the SIRETs written in `texte` (3-3-3-5 digits, any spacing)."""
    return [(m.start(), m.end(), re.sub(r"\D", "", m[0])) for m in SIRET.finditer(texte)]


def _numero_deliberation(texte: str) -> str | None:
    propre = _NUMERO_PROPRE.search(texte)
    if propre is not None:
        return propre[1]
    for m in _NUMERO.finditer(texte):
        if not _CITATION.search(texte[max(0, m.start() - 30) : m.start()]):
            return m[1]
    return None


_ANNEXE_A = re.compile(
    rf"annexe\s+(?:à|a|de)\s+la\s+d[ée]lib[ée]ration\s+{_N}(\d{{4}}-\d{{1,4}})\b", re.IGNORECASE
)


def _numero_rattache(texte: str) -> str | None:
    """The délibération an annex or a convention says it belongs to (« Annexe à la délibération
    n°2025-344 »), else its own number."""
    annexe = _ANNEXE_A.search(texte)
    return annexe[1] if annexe is not None else _numero_deliberation(texte)


def budget_table(document: ReadDocument) -> list[TextPiece] | None:
    """The cells of the first table whose header names « Intitulé » and « Montant »."""
    for cellules in document.tables.values():
        entete = " ".join(sans_accents(c.text) for c in cellules if c.row == 1)
        if "intitule" in entete and "montant" in entete:
            return cellules
    return None


def budget_amounts(cellules: Iterable[TextPiece]) -> tuple[list[Decimal], Decimal | None]:
    """The line amounts and the total of a budget table (column whose header says « Montant »)."""
    lignes: list[Decimal] = []
    total: Decimal | None = None
    libelles: dict[int, str] = {}
    for cellule in cellules:
        if cellule.column == 1 and cellule.row is not None:
            libelles[cellule.row] = sans_accents(cellule.text).strip()
        if cellule.row == 1 or "montant" not in sans_accents(cellule.header):
            continue
        try:
            valeur = lire_euros(cellule.text)
        except ValueError:
            continue
        if libelles.get(cellule.row or 0, "").startswith("total"):
            total = valeur
        else:
            lignes.append(valeur)
    return lignes, total


def identify(document: ReadDocument) -> Identification:
    """The kind of act and the clues that tie it to an affaire, read from the document's content."""
    texte = document.text
    rapport = _RAPPORT.search(texte)
    if rapport is not None:
        return Identification(DocumentKind.RAPPORT, numero_rapport=int(rapport[1]))
    if _DECIDE.search(texte):
        return Identification(DocumentKind.DELIBERATION, numero_deliberation=_numero_deliberation(texte))
    debut = [ligne for piece in document.pieces[:20] for ligne in piece.lines()[:40]]
    trouves = tuple(dict.fromkeys(s for _, _, s in sirets(texte)))
    numero = _numero_rattache(texte)
    if trouves and any(_TITRE_CONVENTION.search(ligne) for ligne in debut):
        return Identification(DocumentKind.CONVENTION, numero_deliberation=numero, sirets=trouves)
    cellules = budget_table(document)
    if cellules is not None:
        lignes, total = budget_amounts(cellules)
        return Identification(
            DocumentKind.BUDGET, numero_deliberation=numero, total_budget=total, montants_budget=tuple(lignes)
        )
    if any("intitule" in (plie := sans_accents(ligne)) and "montant" in plie for ligne in texte.splitlines()):
        return Identification(DocumentKind.BUDGET, numero_deliberation=numero)  # a PDF: no table cells
    return Identification(None, numero_deliberation=numero, sirets=trouves)
