"""DOCX and PDF documents → located text pieces.

Reading is the one place that touches python-docx's XML and pypdf: a DOCX gives its body
paragraphs, its tables cell by cell (nested tables included), its text boxes, headers and footers;
a PDF gives its pages, NFKC-normalised (ligatures), with the line of each offset, and its bookmarks.
Each piece knows where it is (« paragraphe 12 », « tableau 1 ligne 2 colonne 5 », « en-tête »,
« page 1 ligne 7 »), and a piece of a DOCX also where a Word user sees it, Word numbering neither
paragraphs nor tables: under which heading and how far below it (« « Article 4 : Montant de la
subvention », 2e paragraphe »), in which table by its title or column titles, on which row, under
which column title. What a document is, `identify` tells.
"""

from __future__ import annotations

import errno
import io
import logging
import os
import posixpath
import re
import stat
import unicodedata
import zipfile
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple

from actes62._docx import verifier_zip
from actes62.errors import DocumentIllisible, raison_systeme
from actes62.sortie import JOURNAL, resoudre

__all__ = [
    "Bookmark",
    "ReadDocument",
    "TextPiece",
    "documents_in",
    "normalise",
    "parts",
    "read_document",
    "read_docx_bytes",
]

EXTENSIONS = (".docx", ".pdf")


@dataclass(frozen=True)
class TextPiece:
    """A piece of a document's text and where it is.

    For a table cell, `table` names the table (« 1 », or « 1/l2c3/1 » for a table nested in a cell),
    `row`/`column` are 1-based, `is_header` says the cell is in a header row (marked so in Word,
    or the first row when it holds column titles: no digit at all) and `header` is the text of the
    column's header cell (« » when the table has no header row). For a PDF page, `line_starts`
    gives the offset of each line so that `part_at` can name the line, and `section` the bookmark
    of the part of the PDF the page belongs to.

    `part` numbers what Word does not show (« paragraphe 23 » counts empty paragraphs too); it is a
    key, stable from one reading to the next. `landmark` says where a Word user finds a DOCX piece,
    by what is written around it; it is made from `heading` and `rank` (the heading a paragraph
    falls under, as printed, « « Article 4 : Montant de la subvention » », and its rank below it; rank
    0 for the heading itself, « titre « Préambule » », or the one paragraph of a footer, « pied de
    page »), or for a cell from `table_title` (its table by its caption or column titles, « tableau
    « Code Opération … Solde » »), its row and its column's title. All are empty for a PDF, whose page
    and line a reader finds.
    """

    path: Path
    part: str
    text: str
    table: str | None = None
    row: int | None = None
    column: int | None = None
    header: str = ""
    is_header: bool = False
    page: int | None = None
    line_starts: tuple[int, ...] = ()
    section: str | None = None
    heading: str = ""
    rank: int = 0
    table_title: str = ""

    @cached_property
    def landmark(self) -> str:
        """Where a Word user finds the piece (« » for a PDF's page); made once, shared by the
        findings and facts located in the piece.

        >>> TextPiece(Path("c.docx"), "paragraphe 48", "…", heading="« Article 4 : Montant »", rank=2).landmark
        '« Article 4 : Montant », 2e paragraphe'
        >>> TextPiece(Path("c.docx"), "paragraphe 3", "…", rank=3).landmark
        '3e paragraphe du document'
        >>> TextPiece(
        ...     Path("r.docx"), "tableau 1 ligne 2 colonne 4", "10 000,00", "1", 2, 4, "CP",
        ...     table_title="tableau « Code Opération … Solde »",
        ... ).landmark
        'tableau « Code Opération … Solde », ligne 2, colonne « CP »'
        """
        if self.table_title:
            return _repere_cellule(
                self.table_title, self.row, self.column, self.text if self.is_header else self.header
            )
        if not self.rank:
            return self.heading
        rang = _ordinal(self.rank)
        return f"{self.heading}, {rang} paragraphe" if self.heading else f"{rang} paragraphe du document"

    def part_at(self, offset: int) -> str:
        """The part where `offset` of the text is: the line of a PDF page (and the bookmark of its
        part: « page 3 ligne 7, « Annexe 2 – Projet de convention » »), else the piece's part."""
        if self.page is None or not self.line_starts:
            lieu = self.part
        else:
            lieu = f"page {self.page} ligne {bisect_right(self.line_starts, offset)}"
        return f"{lieu}, « {self.section} »" if self.section else lieu

    @property
    def in_table(self) -> bool:
        return self.table is not None

    def lines(self) -> list[str]:
        """The lines of the piece (of the page, for a PDF)."""
        if not self.line_starts:
            return self.text.splitlines()
        bornes = [*self.line_starts, len(self.text) + 1]
        return [self.text[debut : fin - 1] for debut, fin in pairwise(bornes)]


def _repere_cellule(table: str, ligne: int | None, colonne: int | None, titre: str) -> str:
    """A row, or a cell, of the table named `table`: its row counted from the top of the table, its
    column by its title `titre` (by its number when it has none)."""
    if ligne is None:
        return table
    if colonne is None:
        return f"{table}, ligne {ligne}"
    if titre.strip():
        return f"{table}, ligne {ligne}, colonne « {_court(titre, 40)} »"
    return f"{table}, ligne {ligne}, colonne {colonne}"


@dataclass(frozen=True)
class Bookmark:
    """A top-level bookmark of a PDF: its title and the (1-based) page it points to."""

    title: str
    page: int


@dataclass(frozen=True)
class ReadDocument:
    """A document read: its pieces; for a PDF, its bookmarks. A part of a PDF split by its
    bookmarks (`parts`) has the bookmark's title as `partie`."""

    path: Path
    format: Literal["docx", "pdf"]
    pieces: tuple[TextPiece, ...]
    bookmarks: tuple[Bookmark, ...] = ()
    partie: str | None = None

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


# --- finding the documents ------------------------------------------------------------------------------


def documents_in(chemins: Sequence[Path]) -> list[Path]:
    """The DOCX and PDF files given, folders expanded (recursively, sorted); office lock files skipped.

    Hidden folders (a workshop of `generate`, « .git ») are not read. A folder where a `generate`
    was stopped during its final moves (its journal is there) is first completed, so that a half
    state is never read (`actes62.sortie.resoudre`).

    Raises `DocumentIllisible` for a path that does not exist, a file that is not DOCX/PDF, or a
    folder that holds none.
    """
    trouves: list[Path] = []
    for chemin in chemins:
        _refuser_inaccessible(chemin)
        if chemin.is_dir():
            tous = list(chemin.rglob("*"))
            journaux = [p.parent for p in tous if p.name == JOURNAL and not _cache(p, chemin)]
            for dossier in journaux:
                resoudre(dossier)
            if journaux:
                tous = list(chemin.rglob("*"))
            fichiers = sorted(
                p
                for p in tous
                if p.is_file() and p.suffix.lower() in EXTENSIONS and not _verrou(p) and not _cache(p, chemin)
            )
            if not fichiers:  # a mistaken folder would otherwise be « checked » with nothing said
                autres = sorted(p.name for p in tous if p.is_file() and not _cache(p, chemin))[:5]
                detail = (
                    f" (fichiers trouvés : {', '.join(autres)} ; enregistrez-les en DOCX ou PDF)"
                    if autres
                    else ""
                )
                raise DocumentIllisible(chemin, f"aucun document DOCX ou PDF à vérifier{detail}")
            trouves.extend(fichiers)
        elif chemin.is_file():
            if chemin.suffix.lower() not in EXTENSIONS:
                raise DocumentIllisible(
                    chemin, "format non pris en charge (un fichier DOCX ou PDF est attendu)"
                )
            resoudre(chemin.parent)
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


def _cache(chemin: Path, dossier: Path) -> bool:
    """A file in a hidden folder below `dossier` (« .actes62-… » left by an interrupted run, « .git »):
    not one of the documents given."""
    return any(partie.startswith(".") for partie in chemin.relative_to(dossier).parts[:-1])


def _refuser_inaccessible(chemin: Path) -> None:
    """Raise `DocumentIllisible`, in French, for a path the system refuses (a symlink loop, a name
    too long, no right to read), a pipe or a device (reading it would wait forever), or a folder
    with a subfolder that cannot be read (its documents would be silently left out)."""
    try:
        etat = chemin.stat()
    except OSError as exc:
        raise DocumentIllisible(chemin, _raison_systeme(exc)) from None
    if stat.S_ISDIR(etat.st_mode):
        erreurs: list[OSError] = []
        for _racine, sous_dossiers, _ in os.walk(chemin, onerror=erreurs.append):
            sous_dossiers[:] = [s for s in sous_dossiers if not s.startswith(".")]
            if erreurs:
                break
        if erreurs:
            fautif = erreurs[0].filename or chemin
            raise DocumentIllisible(
                chemin, f"le sous-dossier « {fautif} » ne peut pas être lu : {_raison_systeme(erreurs[0])}"
            )
    elif not stat.S_ISREG(etat.st_mode):
        raise DocumentIllisible(
            chemin,
            "ce n'est pas un fichier ordinaire (tube, périphérique…) : un fichier DOCX ou PDF est attendu",
        )


# --- reading --------------------------------------------------------------------------------------------


_TYPOGRAPHIE = str.maketrans({"\t": " ", "’": "'", "\u2010": "-", "\u2011": "-"})


def normalise(texte: str) -> str:
    """NFKC (ligatures, no-break spaces → spaces, « ᵉʳ » → « er »), tabs to spaces, the typographic
    apostrophe ’ to ', no-break hyphens (U+2011, which NFKC makes U+2010) to « - ».

    >>> normalise("l’article\u00a0L.3121\u201114, le 1ᵉʳ\u202favril")
    "l'article L.3121-14, le 1er avril"
    """
    return unicodedata.normalize("NFKC", texte).translate(_TYPOGRAPHIE)


def read_document(chemin: Path) -> ReadDocument:
    """Read a DOCX or PDF file into located text pieces; raises `DocumentIllisible`."""
    suffixe = chemin.suffix.lower()
    if suffixe not in EXTENSIONS:
        raise DocumentIllisible(chemin, "format non pris en charge (un fichier DOCX ou PDF est attendu)")
    genre = "DOCX" if suffixe == ".docx" else "PDF"
    try:
        etat = chemin.stat()
    except OSError as exc:
        raise DocumentIllisible(chemin, _raison_systeme(exc)) from None
    if stat.S_ISDIR(etat.st_mode):
        raise DocumentIllisible(chemin, f"c'est un dossier, pas un fichier {genre}")
    if not stat.S_ISREG(etat.st_mode):
        raise DocumentIllisible(
            chemin,
            f"ce n'est pas un fichier ordinaire (tube, périphérique…) : un fichier {genre} est attendu",
        )
    if etat.st_size == 0:
        raise DocumentIllisible(chemin, "fichier vide (0 octet)")
    try:
        if suffixe == ".docx":
            return ReadDocument(chemin, "docx", tuple(_lire_docx(chemin)))
        pieces, signets = _lire_pdf(chemin)
        return ReadDocument(chemin, "pdf", pieces, signets)
    except DocumentIllisible:
        raise
    except Exception as exc:  # a corrupt file can fail anywhere in zipfile, lxml or pypdf
        raise DocumentIllisible(chemin, _raison_lecture(exc, genre, chemin)) from None


def _raison_systeme(exc: OSError) -> str:
    """Why the system refuses to read a file, in French."""
    if exc.errno == errno.ELOOP:
        return "lien symbolique qui boucle sur lui-même : il ne mène à aucun fichier"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "lecture refusée (droits insuffisants)"
    return (
        f"lecture impossible : {raison_systeme(exc)}" if exc.errno != errno.ENOENT else "fichier introuvable"
    )


COLONNES_MAX = 64
"""The most columns a cell may span (Word allows 63): a forged « gridSpan » of 2 000 000 000 would
otherwise number that many columns."""


def _etendue(element: Any) -> int:
    """How many columns a cell spans (its w:gridSpan), 1 to COLONNES_MAX."""
    if element is None:
        return 1
    try:
        return min(max(int(element.get(f"{_W}val", "1")), 1), COLONNES_MAX)
    except ValueError:
        return 1


def _raison_lecture(exc: BaseException, genre: str, chemin: Path) -> str:
    """Why a DOCX or PDF could not be read, in French: the libraries' own messages are English."""
    from lxml import etree

    if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile) and exc.errno:
        return _raison_systeme(exc)
    if isinstance(exc, MemoryError):
        return f"{genre} illisible : trop volumineux pour être lu en mémoire"
    if isinstance(exc, RecursionError):
        return f"{genre} illisible : structure imbriquée trop profondément"
    if genre == "DOCX":
        debut = _debut(chemin)
        if isinstance(exc, zipfile.BadZipFile) and debut.startswith(b"%PDF"):
            return "DOCX illisible : c'est un PDF nommé en .docx (renommez-le en .pdf)"
        if isinstance(exc, zipfile.BadZipFile) and not debut.startswith(b"PK"):
            return "DOCX illisible : ce n'est pas une archive DOCX (zip) ; est-ce un autre format renommé ?"
        if isinstance(exc, KeyError):
            return "DOCX illisible : une partie attendue manque (word/document.xml ou une partie qu'il cite)"
        if isinstance(exc, etree.XMLSyntaxError):
            ligne = f" (ligne {exc.lineno})" if getattr(exc, "lineno", None) else ""
            return f"DOCX illisible : le XML d'une de ses parties est abîmé{ligne}"
        return "DOCX illisible : fichier abîmé ou tronqué, son archive zip ne peut pas être décompressée"
    if _debut(chemin).startswith(b"PK"):
        return (
            "PDF illisible : c'est un fichier DOCX (ou une archive zip) nommé en .pdf (renommez-le en .docx)"
        )
    if b"%PDF" not in _debut(chemin):
        return "PDF illisible : pas d'en-tête « %PDF » ; est-ce un autre format renommé ?"
    return "PDF illisible : fichier abîmé ou tronqué, sa structure ne peut pas être lue"


def _debut(chemin: Path) -> bytes:
    try:
        with chemin.open("rb") as fichier:
            return fichier.read(1024)
    except OSError:
        return b""


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


def read_docx_bytes(donnees: bytes, chemin: Path) -> ReadDocument:
    """Read a DOCX held in memory (a template just filled) as if it were the file `chemin`."""
    return ReadDocument(chemin, "docx", tuple(_lire_docx(chemin, io.BytesIO(donnees))))


def _lire_docx(chemin: Path, source: IO[bytes] | None = None) -> Iterator[TextPiece]:
    """The body (paragraphs, tables, text boxes), then headers and footers of each section.

    Only the parts holding text are parsed (python-docx's parser and element classes), not the
    whole package: reading a séance's documents stays fast. Paragraph text follows python-docx's
    `Paragraph.text`, and also reads runs inside tracked insertions, smart tags and content controls.
    Of the styles part, only the styles the paragraphs use are looked at (`_Styles`).
    """
    from docx.oxml.parser import parse_xml

    with zipfile.ZipFile(source or chemin) as archive:
        try:
            verifier_zip(archive)
        except ValueError as exc:
            raise DocumentIllisible(chemin, f"DOCX refusé : {exc}") from None
        principal = _partie_principale(archive)
        racine = parse_xml(archive.read(principal))
        corps = racine.find(f"{_W}body")
        if corps is None:
            raise DocumentIllisible(chemin, "DOCX sans corps de document (w:body)")
        relations = _relations(archive, principal)
        plan = _Plan(_styles(archive, relations))
        paragraphes = tableaux = 0
        for enfant in _blocs(corps):
            if enfant.tag == f"{_W}p":
                paragraphes += 1
                texte = normalise(_texte(enfant))
                if texte.strip():
                    titre, rang = plan.paragraphe(enfant, texte)
                    yield TextPiece(chemin, f"paragraphe {paragraphes}", texte, heading=titre, rank=rang)
            else:
                tableaux += 1
                yield from _cellules(chemin, enfant, f"tableau {tableaux}", str(tableaux), "", plan)
        yield from _zones_de_texte(chemin, corps, "zone de texte", "")
        yield from _entetes_pieds(chemin, archive, relations, corps)


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


def _relations(archive: zipfile.ZipFile, principal: str) -> dict[str, tuple[str, str]]:
    """The relationships of the main part: id → (type, path of the target in the package)."""
    from docx.oxml.parser import parse_xml

    dossier, _, nom = principal.rpartition("/")
    try:
        relations = parse_xml(archive.read(f"{dossier}/_rels/{nom}.rels"))
    except KeyError:
        return {}
    return {
        str(r.get("Id")): (
            str(r.get("Type", "")),
            posixpath.normpath(posixpath.join(dossier, r.get("Target", ""))),
        )
        for r in relations
    }


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


_CHIFFRE = re.compile(r"\d")
_FAUX = {"0", "false", "off"}


# --- landmarks: where a Word user sees a place -------------------------------------------------------


def _court(texte: str, longueur: int = 60) -> str:
    """`texte` on one line, without the colon that ends a heading, cut after a word with « … » when
    longer than `longueur`: what to type in Word's search to find it.

    >>> _court("Préambule :")
    'Préambule'
    >>> _court("SOUTIEN AUX ACTIONS D'ACCOMPAGNEMENT ET DE SUIVI APPORTÉES PAR LIANES COOPÉRATION", 40)
    "SOUTIEN AUX ACTIONS D'ACCOMPAGNEMENT ET…"
    """
    texte = " ".join(texte.split()).rstrip(" :,;")
    if len(texte) <= longueur:
        return texte
    coupe = texte.rfind(" ", 0, longueur + 1)
    return texte[: coupe if coupe > longueur // 2 else longueur].rstrip(" ,;:–—-") + "…"


def _ordinal(rang: int) -> str:
    """« 1er », « 2e »…"""
    return "1er" if rang == 1 else f"{rang}e"


_NOM_TITRE = re.compile(r"(heading|titre|title)(?![^\W\d_])", re.IGNORECASE)
"""A heading or title style by its name (Word's built-in names are English: « heading 1 », « Title »;
LibreOffice's and a collectivité's own may be French: « Titre 1 », « Titre article ») or, when the
styles part does not say, by its id (« Heading1 », French Word's « Titre1 »). A « Subtitle » goes
with its title: the paragraphs below stay under the title."""
_NOM_LEGENDE = re.compile(r"(caption|l[ée]?gende)(?![^\W\d_])", re.IGNORECASE)
_PROFONDEUR_STYLES = 16
"""The most styles followed up a chain of « basedOn » (a loop in a forged file ends there)."""


class _Style(NamedTuple):
    titre: bool  # an outline level 1 to 9 (w:outlineLvl 0 to 8), or a heading or title style
    legende: bool  # a caption style


class _Styles:
    """The paragraph styles of a styles part: is a style a heading (by its outline level, or its
    name), a caption; resolved on demand, up the chain of styles each is based on.

    The part is cut into its `<w:style>` elements by their bytes, not parsed: it can weigh hundreds of
    kilobytes (Word's latent styles, a template's whole library of table styles) for the dozen
    styles a document uses. A style that is not found (a part written with another namespace prefix
    than Word's « w: ») is judged by its id."""

    def __init__(self, donnees: bytes) -> None:
        self._elements: dict[str, bytes] = {}
        for morceau in donnees.split(b"<w:style ")[1:]:
            identifiant = _attribut(_STYLE_ID, morceau[: morceau.find(b">")])
            if identifiant is not None:
                self._elements.setdefault(identifiant, morceau)
        self._vus: dict[str, _Style] = {}

    def __getitem__(self, identifiant: str) -> _Style:
        style = self._vus.get(identifiant)
        if style is None:
            style = self._vus[identifiant] = self._resoudre(identifiant)
        return style

    def _resoudre(self, identifiant: str) -> _Style:
        """Up the chain of styles each is based on: the first that says its outline level, or is
        named as a heading, decides."""
        titre: bool | None = None
        legende = False
        courant: str | None = identifiant
        for _ in range(_PROFONDEUR_STYLES):
            if courant is None:
                break
            element = self._elements.get(courant)
            nom, niveau, parent = courant, None, None
            if element is not None:
                nom = _attribut(_STYLE_NOM, element) or courant
                niveau = _attribut(_STYLE_NIVEAU, element)
                parent = _attribut(_STYLE_BASE, element)
            legende = legende or bool(_NOM_LEGENDE.match(nom))
            if titre is None:
                if niveau is not None:
                    titre = niveau.isdigit() and int(niveau) <= 8
                elif _NOM_TITRE.match(nom):
                    titre = True
            courant = parent
        return _Style(bool(titre), legende)


_STYLE_ID = re.compile(rb'w:styleId="([^"]*)"')
_STYLE_NOM = re.compile(rb'<w:name w:val="([^"]*)"')
_STYLE_BASE = re.compile(rb'<w:basedOn w:val="([^"]*)"')
_STYLE_NIVEAU = re.compile(rb'<w:outlineLvl w:val="([^"]*)"')


def _attribut(motif: re.Pattern[bytes], element: bytes) -> str | None:
    """The value `motif` finds in an element's bytes, its XML escapes undone."""
    trouve = motif.search(element)
    if trouve is None:
        return None
    valeur = trouve[1].decode("utf-8", "replace")
    if "&" in valeur:
        for echappe, caractere in _ECHAPPEMENTS:
            valeur = valeur.replace(echappe, caractere)
    return valeur


_ECHAPPEMENTS = (("&quot;", '"'), ("&apos;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


class _PartieStyles:
    """A DOCX's styles part, known (equal, hashed) by the CRC-32 and size its zip directory gives,
    nothing read; `lire` reads it."""

    __slots__ = ("cle", "lire")

    def __init__(self, crc: int, taille: int, lire: Callable[[], bytes]) -> None:
        self.cle = (crc, taille)
        self.lire = lire

    def __eq__(self, autre: object) -> bool:
        return isinstance(autre, _PartieStyles) and autre.cle == self.cle

    def __hash__(self) -> int:
        return hash(self.cle)


@lru_cache(maxsize=16)
def _styles_de(partie: _PartieStyles) -> _Styles:
    """The styles of a styles part, once for all the documents that share it: a séance's documents
    come from the same templates, whose styles part (python-docx's library of styles) takes longer to
    cut than a document's body to read. The part is known by its checksum: the same checksum and
    size, the same styles. The 16 parts seen last are kept."""
    return _Styles(partie.lire())


def _styles(archive: zipfile.ZipFile, relations: dict[str, tuple[str, str]]) -> _Styles:
    """The styles of the package (none when it has no styles part)."""
    nom = next((cible for genre, cible in relations.values() if genre.endswith("/styles")), None)
    try:
        info = archive.getinfo(nom) if nom is not None else None
    except KeyError:
        info = None
    if info is None:
        return _Styles(b"")
    return _styles_de(_PartieStyles(info.CRC, info.file_size, lambda: archive.read(info)))


_ARTICLE = re.compile(
    r"\s*(?:article|art\.)\s+(?:premier|\d+(?:\s*er\b)?(?:\.\d+)*|[ivxlc]+\b)(?![.\-]?\w)", re.IGNORECASE
)
"""« Article 4 », « ARTICLE PREMIER », « Article 1er », « Article 2.1 », « Article IV » opening a
paragraph (not « article L.3121-14 », a code's article)."""
_FIN_DE_PHRASE = (".", ",", ";", "!", "?", "…")
_TITRE_MAX = 200
"""The longest heading, in characters: Word's navigation pane shows a line, not a paragraph."""
_VAL, _RUN, _TEXTE, _GRAS = f"{_W}val", f"{_W}r", f"{_W}t", f"{_W}rPr/{_W}b"


@cache
def _proprietes() -> Any:
    """« style|niveau »: a paragraph's style id and outline level, as one XPath gives them, without
    the element objects that walking to them would create for each paragraph."""
    from lxml import etree

    return etree.XPath(
        "concat(w:pPr/w:pStyle/@w:val, '|', w:pPr/w:outlineLvl/@w:val)", namespaces={"w": _W[1:-1]}
    )


class _Titre(NamedTuple):
    """What a paragraph is to the paragraphs after it. `genre`: « titre » (a heading: by its outline
    level or style, or a short « Article N … » line), « article » (« Article N » then the article's
    text in the same paragraph: `texte` is « Article N »), « intertitre » (a short line in bold or in
    capitals, as hand-written documents mark a section; it also names a table right below it),
    « legende » (a caption: it names the table below it and nothing else)."""

    texte: str
    genre: Literal["titre", "article", "intertitre", "legende"]


def _titre(paragraphe: Any, texte: str, styles: _Styles) -> _Titre | None:
    """What `paragraphe` (its text `texte`) heads, if anything. A paragraph longer than
    `_TITRE_MAX`, or that goes on an enumeration (ends with « ; » or « , », as visas and « d'une
    part, » do), is text whatever its style, unless « Article N » opens it: its properties are not
    looked at, which keeps reading a body's text as fast as it was."""
    ecrit = texte.strip()
    article = _ARTICLE.match(ecrit) if ecrit[:3].lower() == "art" else None
    if len(ecrit) > _TITRE_MAX or ecrit.endswith((";", ",")):
        return _Titre(ecrit[: article.end()].strip(), "article") if article is not None else None
    style, _, niveau = _proprietes()(paragraphe).rpartition("|")
    genre = styles[style] if style else None
    if niveau:
        if niveau.isdigit() and int(niveau) <= 8:
            return _Titre(ecrit, "titre")
    elif genre is not None and genre.titre:
        return _Titre(ecrit, "titre")
    if article is not None:
        suite = ecrit[article.end() :].strip(" :-–—\t")
        if len(suite) <= 80 and not suite.endswith(_FIN_DE_PHRASE):
            return _Titre(ecrit, "titre")
        return _Titre(ecrit[: article.end()].strip(), "article")
    if genre is not None and genre.legende:
        return _Titre(ecrit, "legende")
    if ecrit[:7].lower() in ("tableau", "table "):
        return _Titre(ecrit, "legende")
    if (
        len(ecrit) <= 80
        and not ecrit.endswith(_FIN_DE_PHRASE)
        and not ecrit.startswith("(")
        and len(ecrit.split()) <= 12
        and (_capitales(ecrit) or _gras(paragraphe))
    ):
        return _Titre(ecrit, "intertitre")
    return None


def _capitales(texte: str) -> bool:
    """Written in capitals, four letters at least (not « N° 27 »)."""
    return texte.isupper() and sum(c.isalpha() for c in texte) >= 4


def _gras(paragraphe: Any) -> bool:
    """Every run of the paragraph that shows text is in bold (w:b set on the run, not switched off)."""
    vu = False
    for run in paragraphe.iter(_RUN):
        if not any((t.text or "").strip() for t in run.iterchildren(_TEXTE)):
            continue
        gras = run.find(_GRAS)
        if gras is None or gras.get(_VAL, "true").lower() in _FAUX:
            return False
        vu = True
    return vu


class _Plan:
    """What a Word user sees above each place of a body, read block after block: the heading in
    force and how many paragraphs follow it, a caption waiting for its table, the names already
    given to tables (a second table with the same name is « 2e tableau « … » »)."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.titre = ""  # the heading in force, as printed (one string for all its paragraphs)
        self.rang = 0
        self.legende: str | None = None
        self.noms: dict[str, int] = {}

    def paragraphe(self, paragraphe: Any, texte: str) -> tuple[str, int]:
        """The heading and rank (`TextPiece.heading`, `rank`) of a paragraph with text; the
        paragraphs after it updated."""
        titre = _titre(paragraphe, texte, self.styles)
        self.legende = titre.texte if titre is not None and titre.genre in ("intertitre", "legende") else None
        if titre is not None and titre.genre in ("titre", "intertitre"):
            self.titre, self.rang = f"« {_court(titre.texte)} »", 0
            return f"titre {self.titre}", 0
        if titre is not None and titre.genre == "article":
            self.titre, self.rang = f"« {titre.texte} »", 0
        self.rang += 1
        return self.titre, self.rang

    def tableau(self, nom: str) -> str:
        """The name of a table of the body, `nom` unless a caption stands just above it."""
        if self.legende is not None:
            nom = f"tableau « {_court(self.legende)} »"
            self.legende = None
        fois = self.noms[nom] = self.noms.get(nom, 0) + 1
        return nom if fois == 1 else f"{_ordinal(fois)} {nom}"


def _nom_tableau(lignes: list[tuple[Any, list[tuple[Any, int, int, str]]]], entete_lignes: int) -> str:
    """A table by its words: its first and last column titles (« tableau « Code Opération … Solde » »),
    or, with no header row, the first words written in it."""
    if entete_lignes:
        titres = [texte for _, _, _, texte in lignes[0][1] if texte]
        if titres:
            premier, dernier = _court(titres[0], 30), _court(titres[-1], 30)
            return f"tableau « {premier} … {dernier} »" if len(titres) > 1 else f"tableau « {premier} »"
    for _, cellules in lignes:
        for _, _, _, texte in cellules:
            if texte:
                return f"tableau « {_court(texte.splitlines()[0], 40)} »"
    return "tableau"


def _ligne_entete_marquee(tr: Any) -> bool:
    """The row says it is a header row (w:trPr/w:tblHeader, not switched off)."""
    marque = tr.find(f"{_W}trPr/{_W}tblHeader")
    return marque is not None and marque.get(f"{_W}val", "true").lower() not in _FAUX


def _cellules(
    chemin: Path, tableau: Any, lieu: str, cle: str, contexte: str, plan: _Plan | None = None
) -> Iterator[TextPiece]:
    """One piece per cell (a merged cell once, at its first column), then the tables nested in it.

    Header rows are the rows Word marks as such (w:tblHeader) at the top of the table, or else the
    first row when it is plainly column titles (no digit at all); their texts name the columns of
    the rows below (`header`). The table's landmark is `contexte` (the header it is in, the cell it
    is nested in) and its name: the caption above it when `plan` has one, else its words."""
    lignes = []
    for tr in _blocs_lignes(tableau):
        cellules = []
        colonne = 1
        for tc in tr.iterchildren(f"{_W}tc"):
            etendue = tc.find(f"{_W}tcPr/{_W}gridSpan")
            debut = colonne
            colonne += _etendue(etendue)
            texte = normalise("\n".join(_texte(p) for p in tc.iterchildren(f"{_W}p"))).strip()
            cellules.append((tc, debut, colonne, texte))
        lignes.append((tr, cellules))
    entete_lignes = 0
    for tr, _ in lignes:
        if not _ligne_entete_marquee(tr):
            break
        entete_lignes += 1
    if entete_lignes == 0 and lignes and not any(_CHIFFRE.search(c[3]) for c in lignes[0][1]):
        entete_lignes = 1 if len(lignes) > 1 else 0
    nom = _nom_tableau(lignes, entete_lignes)
    if plan is not None:
        nom = plan.tableau(nom)
    titre = f"{contexte}, {nom}" if contexte else nom
    entetes: dict[int, str] = {}
    for numero_ligne, (_, cellules) in enumerate(lignes, start=1):
        en_tete = numero_ligne <= entete_lignes
        for tc, debut, fin, texte in cellules:
            if en_tete and texte:
                for c in range(debut, fin):
                    entetes[c] = texte
            partie = f"{lieu} ligne {numero_ligne} colonne {debut}"
            entete = "" if en_tete else entetes.get(debut, "")
            if texte:
                yield TextPiece(
                    chemin,
                    partie,
                    texte,
                    table=cle,
                    row=numero_ligne,
                    column=debut,
                    header=entete,
                    is_header=en_tete,
                    table_title=titre,
                )
            for rang, imbrique in enumerate(tc.iterchildren(f"{_W}tbl"), start=1):
                yield from _cellules(
                    chemin,
                    imbrique,
                    f"{partie}, tableau {rang}",
                    f"{cle}/l{numero_ligne}c{debut}/{rang}",
                    _repere_cellule(titre, numero_ligne, debut, texte if en_tete else entete),
                )


def _blocs_lignes(tableau: Any) -> Iterator[Any]:
    for enfant in tableau.iterchildren():
        if enfant.tag == f"{_W}tr":
            yield enfant
        elif enfant.tag == f"{_W}sdt":
            contenu = enfant.find(f"{_W}sdtContent")
            if contenu is not None:
                yield from contenu.iterchildren(f"{_W}tr")


def _zones_de_texte(chemin: Path, racine: Any, lieu: str, contexte: str) -> Iterator[TextPiece]:
    """Text boxes (w:txbxContent); the VML copy that Word keeps in mc:Fallback is skipped. A text box
    is named by its first words, in `contexte` (the header it is in)."""
    numero = 0
    for zone in racine.iter(f"{_W}txbxContent"):
        if any(ancetre.tag == _REPLI for ancetre in zone.iterancestors()):
            continue
        numero += 1
        textes = [(rang, normalise(_texte(p))) for rang, p in enumerate(zone.iter(f"{_W}p"), start=1)]
        ecrits = [(rang, texte) for rang, texte in textes if texte.strip()]
        if not ecrits:
            continue
        nom = f"zone de texte « {_court(ecrits[0][1], 40)} »"
        nom = f"{contexte}, {nom}" if contexte else nom
        for place, (rang, texte) in enumerate(ecrits, start=1):
            yield TextPiece(
                chemin,
                f"{lieu} {numero} paragraphe {rang}",
                texte,
                heading=nom,
                rank=place if len(ecrits) > 1 else 0,
            )


def _entetes_pieds(
    chemin: Path, archive: zipfile.ZipFile, relations: dict[str, tuple[str, str]], corps: Any
) -> Iterator[TextPiece]:
    """Headers and footers of each section, each part once (a section linked to the previous one
    has no reference of its own)."""
    from docx.oxml.parser import parse_xml

    sections = [s for s in corps.iter(f"{_W}sectPr")]
    vus: set[str] = set()
    for rang, section in enumerate(sections, start=1):
        suffixe = f" (section {rang})" if len(sections) > 1 else ""
        references = {
            (ref.tag.removeprefix(_W), ref.get(f"{_W}type", "default")): ref.get(f"{_R}id")
            for ref in section.iterchildren(f"{_W}headerReference", f"{_W}footerReference")
        }
        for balise, genre, nom_partie in _ENTETES_PIEDS:
            reference = references.get((balise, genre))
            relation = relations.get(reference) if reference is not None else None
            cible = relation[1] if relation is not None else None
            if cible is None or cible in vus or cible not in archive.namelist():
                continue
            vus.add(cible)
            partie = parse_xml(archive.read(cible))
            lieu = nom_partie + suffixe
            blocs = [(b, normalise(_texte(b)) if b.tag == f"{_W}p" else "") for b in _blocs(partie)]
            ecrits = sum(1 for b, texte in blocs if texte.strip())
            paragraphes = tableaux = place = 0
            for enfant, texte in blocs:
                if enfant.tag == f"{_W}p":
                    paragraphes += 1
                    if texte.strip():
                        place += 1
                        yield TextPiece(
                            chemin,
                            f"{lieu} paragraphe {paragraphes}",
                            texte,
                            heading=lieu,
                            rank=place if ecrits > 1 else 0,
                        )
                else:
                    tableaux += 1
                    yield from _cellules(
                        chemin, enfant, f"{lieu} tableau {tableaux}", f"{lieu}/{tableaux}", lieu
                    )
            yield from _zones_de_texte(chemin, partie, f"{lieu} zone de texte", lieu)


_DECIMALES_DECOLLEES = re.compile(r"(\d) ,(\d{2})(?!\d)|(\d), (\d{2})(?= ?€)")
_ESPACES = re.compile(r"[ \u00a0\u202f\u2009]+")


def _reparer_pdf(ligne: str) -> str:
    """Undo what PDF text extraction does to numbers: « 9 380 ,00 » → « 9 380,00 »; runs of spaces."""
    ligne = _ESPACES.sub(" ", normalise(ligne))
    return _DECIMALES_DECOLLEES.sub(lambda m: f"{m[1] or m[3]},{m[2] or m[4]}", ligne).strip()


PAGES_MAX = 2000
"""The most pages a PDF read may have: a séance's transmission PDF has a few hundred; a PDF that
says it has more is refused before its pages are read."""


def _lire_pdf(chemin: Path) -> tuple[tuple[TextPiece, ...], tuple[Bookmark, ...]]:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its English warnings: the reason is ours

    lecteur = PdfReader(str(chemin))
    if lecteur.is_encrypted:
        try:
            dechiffre = bool(lecteur.decrypt(""))
        except Exception:  # an algorithm pypdf cannot decrypt without an optional library
            dechiffre = False
        if not dechiffre:
            raise DocumentIllisible(
                chemin, "PDF chiffré (protégé par un mot de passe) : fournissez-en une copie non protégée"
            )
    nombre = len(lecteur.pages)
    if nombre > PAGES_MAX:
        raise DocumentIllisible(
            chemin, f"PDF de {nombre} pages, plus que les {PAGES_MAX} qu'un dossier de séance peut avoir"
        )
    pieces = []
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
            pieces.append(TextPiece(chemin, f"page {numero}", texte, page=numero, line_starts=tuple(debuts)))
    return tuple(pieces), _signets(lecteur)


def _signets(lecteur: Any) -> tuple[Bookmark, ...]:
    """The top-level bookmarks that point to a page, in page order (none if the outline is broken)."""
    try:
        plan = lecteur.outline
    except Exception:  # a damaged outline: read the PDF as one document
        return ()
    signets = []
    for entree in plan:
        if isinstance(entree, list):  # the bookmarks under the previous one
            continue
        try:
            page = lecteur.get_destination_page_number(entree)
        except Exception:
            continue
        if page is not None and page >= 0:
            signets.append(Bookmark(" ".join(normalise(str(entree.title)).split()), page + 1))
    return tuple(sorted(signets, key=lambda s: s.page))


def parts(document: ReadDocument) -> list[ReadDocument]:
    """A PDF with bookmarks to two pages or more: one document per top-level bookmark (its page to
    the page before the next bookmark's; pages before the first bookmark go with the first), each
    piece knowing its bookmark (`section`); any other document: itself."""
    signets: list[Bookmark] = []
    for signet in document.bookmarks:
        if not signets or signet.page > signets[-1].page:
            signets.append(signet)
    if len(signets) < 2:
        return [document]
    resultat = []
    for rang, signet in enumerate(signets):
        premiere = signet.page if rang else 1
        derniere = signets[rang + 1].page - 1 if rang + 1 < len(signets) else None
        pieces = tuple(
            replace(piece, section=signet.title)
            for piece in document.pieces
            if piece.page is not None
            and piece.page >= premiere
            and (derniere is None or piece.page <= derniere)
        )
        if pieces:
            resultat.append(ReadDocument(document.path, document.format, pieces, partie=signet.title))
    return resultat
