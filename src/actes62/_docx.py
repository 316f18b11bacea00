"""The DOCX machinery behind `render`: zip entries, the XML parts a template fills, their Jinja.

docxtpl is kept for what it does well, once per template: `DocxTemplate.patch_xml` turns the
Word XML of a part (body, headers, footers, footnotes) into Jinja source (tags split across runs
joined, `{%p %}`/`{%tr %}` tags lifted to their paragraph or row). That source is compiled once;
each document then only renders the compiled templates, applies docxtpl's own post-processing
(line breaks, table grids, drawing ids) and writes a zip whose untouched entries are copied as
they are. The result is the XML docxtpl's `render` + `save` would give, without re-reading the
DOCX, re-patching and re-compiling for every affaire.

Nothing here knows the acts: it takes bytes, a Jinja environment and a context.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from actes62 import typographie
from actes62.bornes import budget_document, traduire_jinja
from actes62.errors import GenerationError, TemplateError

__all__ = ["DATE_ZIP", "EntreeZip", "ModeleDocx", "ecrire_zip", "lire_zip"]

DATE_ZIP = (1980, 1, 1, 0, 0, 0)
"""The timestamp of every zip entry written, so that the same input gives the same bytes."""
_DATE_DOS = ((DATE_ZIP[0] - 1980) << 9) | (DATE_ZIP[1] << 5) | DATE_ZIP[2]
_HEURE_DOS = (DATE_ZIP[3] << 11) | (DATE_ZIP[4] << 5) | (DATE_ZIP[5] // 2)
_NIVEAU = 6  # zlib compression level

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_RENDUS = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes",
}
_DOCUMENT = "word/document.xml"
_PROPRIETES = "docProps/core.xml"
_PROPRIETES_RENDUES = ("title", "subject", "creator", "description", "identifier", "language", "keywords")
# python-docx's parser: blank text between elements is dropped, entities are not resolved.
_PARSEUR = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
_PARSEUR_STRICT = etree.XMLParser(resolve_entities=False, huge_tree=True)
_BALISE = re.compile(r"<[^>]+>")


PARTIE_MAX = 64 * 1024 * 1024
"""The largest part of a DOCX inflated (a séance's longest délibération is a few hundred Ko)."""
TOTAL_MAX = 256 * 1024 * 1024
ENTREES_MAX = 2000
TAUX_MAX = 200
"""Inflated size over compressed size above which a large part is a zip bomb, not a document."""


def verifier_zip(archive: zipfile.ZipFile) -> None:
    """Refuse, before inflating anything, a zip that is a bomb: too many entries, a part or a total
    too large once inflated, a compression ratio no document has, or entries that overlap (one
    compressed stream counted many times). zipfile never inflates past an entry's declared size,
    so checking the declared sizes bounds the work. Raises ValueError with the reason, in French."""
    infos = archive.infolist()
    if len(infos) > ENTREES_MAX:
        raise ValueError(f"trop d'entrées dans le fichier ({len(infos)}, {ENTREES_MAX} au plus)")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > PARTIE_MAX:
            raise ValueError(
                f"partie « {info.filename} » trop grande une fois décompressée ({info.file_size} octets)"
            )
        if info.file_size > 1024 * 1024 and info.file_size > TAUX_MAX * max(1, info.compress_size):
            raise ValueError(
                f"partie « {info.filename} » compressée {info.file_size // max(1, info.compress_size)} fois : bombe de décompression"
            )
    if total > TOTAL_MAX:
        raise ValueError(f"contenu trop grand une fois décompressé ({total} octets)")
    fin = -1
    for info in sorted(infos, key=lambda i: i.header_offset):
        if info.header_offset < fin:
            raise ValueError(f"entrées qui se recouvrent (« {info.filename} ») : fichier forgé")
        fin = info.header_offset + 30 + len(info.filename.encode()) + info.compress_size


def lire_zip(donnees: bytes) -> list[tuple[str, bytes]]:
    """The entries of a zip (a DOCX), in their order, as (name, bytes); a zip bomb is refused."""
    try:
        with zipfile.ZipFile(io.BytesIO(donnees)) as archive:
            verifier_zip(archive)
            return [(info.filename, archive.read(info)) for info in archive.infolist() if not info.is_dir()]
    except zipfile.BadZipFile as exc:
        raise ValueError(f"ce n'est pas un fichier DOCX (zip illisible : {exc})") from None


@dataclass(frozen=True)
class EntreeZip:
    """A zip entry compressed once (raw deflate), to be copied as it is into many zips."""

    nom: str
    crc: int
    taille: int
    compresse: bytes

    @classmethod
    def de(cls, nom: str, donnees: bytes) -> EntreeZip:
        compresseur = zlib.compressobj(_NIVEAU, zlib.DEFLATED, -zlib.MAX_WBITS)
        compresse = compresseur.compress(donnees) + compresseur.flush()
        return cls(nom, zlib.crc32(donnees), len(donnees), compresse)


def ecrire_zip(entrees: Iterable[tuple[str, bytes] | EntreeZip]) -> bytes:
    """A zip of the entries, in the order given, deflated, with fixed timestamps and permissions:
    the same entries always give the same bytes. An `EntreeZip` is copied without recompressing."""
    morceaux: list[bytes] = []
    central: list[bytes] = []
    position = 0
    for entree in entrees:
        if not isinstance(entree, EntreeZip):
            entree = EntreeZip.de(*entree)
        nom = entree.nom.encode("utf-8")
        drapeaux = 0 if entree.nom.isascii() else 0x800  # UTF-8 name
        if max(position, entree.taille, len(entree.compresse)) >= 0xFFFFFFFF:
            raise ValueError("document trop volumineux pour une archive zip sans zip64")
        commun = struct.pack(
            "<HHHHHIII",
            20,
            drapeaux,
            zipfile.ZIP_DEFLATED,
            _HEURE_DOS,
            _DATE_DOS,
            entree.crc,
            len(entree.compresse),
            entree.taille,
        )
        entete = b"PK\x03\x04" + commun + struct.pack("<HH", len(nom), 0) + nom
        central.append(
            b"PK\x01\x02"
            + struct.pack("<H", (3 << 8) | 20)
            + commun
            + struct.pack("<HHHHHII", len(nom), 0, 0, 0, 0, 0o100644 << 16, position)
            + nom
        )
        morceaux += (entete, entree.compresse)
        position += len(entete) + len(entree.compresse)
    repertoire = b"".join(central)
    fin = b"PK\x05\x06" + struct.pack(
        "<HHHHIIH", 0, 0, len(central), len(central), len(repertoire), position, 0
    )
    return b"".join(morceaux) + repertoire + fin


@dataclass(frozen=True)
class _Partie:
    """One XML part compiled to Jinja: the body of word/document.xml, or a whole header/footer."""

    nom: str
    source: str  # the patched Jinja source, one line per paragraph (for error messages)
    template: jinja2.Template


class ModeleDocx:
    """A DOCX template read, patched and compiled once; `rendre` fills it for one context.

    `nom` names the template in error messages (its file). Raises TemplateError when the file is not
    a DOCX or one of its parts is not valid Jinja.
    """

    def __init__(self, donnees: bytes, env: SandboxedEnvironment, nom: str, *, env_texte: jinja2.Environment):
        self.nom = nom
        try:
            self._entrees = lire_zip(donnees)
        except ValueError as exc:
            raise TemplateError(nom, str(exc)) from None
        contenu = dict(self._entrees)
        if _DOCUMENT not in contenu:
            raise TemplateError(nom, f"ce n'est pas un document Word : la partie {_DOCUMENT} manque")
        self._docxtpl = DocxTemplate(io.BytesIO(donnees))  # only its patching and post-processing
        self._racine = self._lire(_DOCUMENT, contenu[_DOCUMENT])
        corps = self._racine.find(f"{{{_W}}}body")
        if corps is None:
            raise TemplateError(nom, f"la partie {_DOCUMENT} n'a pas de corps (w:body)")
        self._verifier_balises(_DOCUMENT, corps)
        self._parties: dict[str, _Partie] = {_DOCUMENT: self._compiler(env, _DOCUMENT, self._chaine(corps))}
        for partie in self._parties_annexes(contenu):
            racine = self._lire(partie, contenu[partie])
            self._verifier_balises(partie, racine)
            self._parties[partie] = self._compiler(env, partie, self._chaine(racine))
        self._proprietes: dict[str, jinja2.Template] = {}
        self._racine_proprietes: Any = None
        if _PROPRIETES in contenu:
            self._compiler_proprietes(env_texte, contenu[_PROPRIETES])
        rendues = set(self._parties) | ({_PROPRIETES} if self._proprietes else set())
        # Entries no rendering changes are compressed once, then copied into every document.
        self._fixes = {
            nom: EntreeZip.de(nom, donnees) for nom, donnees in self._entrees if nom not in rendues
        }

    # --- reading and compiling, once --------------------------------------------------------------

    def _lire(self, partie: str, donnees: bytes) -> Any:
        try:
            return etree.fromstring(donnees, _PARSEUR)
        except etree.XMLSyntaxError as exc:
            raise TemplateError(self.nom, f"partie {partie} illisible : {exc}") from None

    @staticmethod
    def _chaine(element: Any) -> str:
        texte: str = etree.tostring(element, encoding="unicode", pretty_print=False)
        return texte

    def _parties_annexes(self, contenu: Mapping[str, bytes]) -> list[str]:
        """The header, footer and footnote parts of the document, by its relationships."""
        rels = contenu.get("word/_rels/document.xml.rels")
        if rels is None:
            return []
        parties = []
        for rel in self._lire("word/_rels/document.xml.rels", rels).iter(f"{{{_REL}}}Relationship"):
            if rel.get("Type") in _TYPES_RENDUS and rel.get("TargetMode") != "External":
                cible = posixpath.normpath(posixpath.join("word", rel.get("Target", "")))
                if cible in contenu and cible not in parties:
                    parties.append(cible)
        return parties

    def _verifier_balises(self, partie: str, racine: Any) -> None:
        """Refuse a paragraph that opens a Jinja tag and does not close it. docxtpl joins the text
        of a tag across runs up to the next closing `}}` or `%}`, wherever it is: an unclosed
        `{{ affaire.titre }` swallows the following paragraphs into its own, and when one of them
        holds a `{%p … %}` tag, the whole merged paragraph is replaced by that tag. Jinja then sees
        valid syntax, and the text is silently lost."""
        for texte in _textes_des_paragraphes(racine):
            ouverture = _balise_non_fermee(texte)
            if ouverture is not None:
                quoi = "du corps du document" if partie == _DOCUMENT else f"de la partie {partie}"
                raise TemplateError(
                    self.nom,
                    f"balise « {ouverture} » non fermée dans le paragraphe « {_extrait(texte)} » {quoi} : "
                    f"fermez-la par « {_FERMETURES[ouverture]} » dans le même paragraphe",
                )

    def _compiler(self, env: SandboxedEnvironment, partie: str, xml: str) -> _Partie:
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", self._docxtpl.patch_xml(xml))
        try:
            template = env.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(self.nom, _message_syntaxe(exc, partie, source)) from None
        return _Partie(partie, source, template)

    def _compiler_proprietes(self, env: jinja2.Environment, donnees: bytes) -> None:
        racine = self._lire(_PROPRIETES, donnees)
        for element in racine:
            local = etree.QName(element).localname
            if (
                local in _PROPRIETES_RENDUES
                and element.text
                and ("{{" in element.text or "{%" in element.text)
            ):
                try:
                    self._proprietes[local] = env.from_string(element.text)
                except jinja2.TemplateSyntaxError as exc:
                    raise TemplateError(
                        self.nom,
                        f"propriété « {local} » du document : syntaxe Jinja invalide : {traduire_jinja(exc.message)}",
                    ) from None
        if self._proprietes:
            self._racine_proprietes = racine

    # --- what the template uses ---------------------------------------------------------------

    def arbres(self, env: jinja2.Environment) -> list[tuple[str, nodes.Template]]:
        """The Jinja syntax tree of each rendered part (to list the names the template uses)."""
        arbres = [(partie.nom, env.parse(partie.source)) for partie in self._parties.values()]
        arbres += [
            (f"{_PROPRIETES}:{nom}", env.parse(_source_propriete(self._racine_proprietes, nom)))
            for nom in self._proprietes
        ]
        return arbres

    # --- rendering, per document ----------------------------------------------------------------

    @budget_document()  # one document, one budget: time, loops, output (see actes62.bornes)
    def rendre(self, contexte: Mapping[str, Any]) -> bytes:
        """The DOCX filled from the context. Jinja errors propagate; broken XML is a GenerationError."""
        rendus: dict[str, bytes] = {}
        for partie in self._parties.values():
            xml = self._post_traiter(partie.template.render(contexte))
            if partie.nom == _DOCUMENT:
                rendus[partie.nom] = self._document(xml)
            else:
                arbre = self._arbre(partie.nom, xml)
                typographie.corriger(arbre)
                rendus[partie.nom] = _serialiser(arbre)
        if self._proprietes:
            rendus[_PROPRIETES] = self._rendre_proprietes(contexte)
        return ecrire_zip(
            self._fixes[nom] if nom in self._fixes else (nom, rendus[nom]) for nom, _ in self._entrees
        )

    def _post_traiter(self, xml: str) -> str:
        """docxtpl's `render_xml_part` after Jinja: paragraph line breaks, escaped braces, listings."""
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(caractere in xml for caractere in "\t\a\n\f"):
            xml = self._docxtpl.resolve_listing(xml)
        return xml

    def _arbre(self, partie: str, xml: str) -> Any:
        try:
            return etree.fromstring(xml, _PARSEUR_STRICT)
        except etree.XMLSyntaxError as exc:
            raise GenerationError(
                f"modèle {self.nom} : la partie {partie} rendue n'est pas du XML valide ({exc}) ; "
                "un texte contient sans doute un caractère interdit"
            ) from None

    def _document(self, xml_corps: str) -> bytes:
        corps = self._arbre(_DOCUMENT, xml_corps)
        if _tables_a_corriger(corps):
            corps = self._docxtpl.fix_tables(xml_corps)
        typographie.corriger(corps)
        for numero, element in enumerate(corps.iter(f"{{{_WP}}}docPr"), start=1001):
            element.set("id", str(numero))
        racine = etree.Element(self._racine.tag, self._racine.attrib, nsmap=self._racine.nsmap)
        racine.text = self._racine.text
        for enfant in self._racine:
            racine.append(corps if enfant.tag == f"{{{_W}}}body" else _copie(enfant))
        return _serialiser(racine)

    def _rendre_proprietes(self, contexte: Mapping[str, Any]) -> bytes:
        racine = _copie(self._racine_proprietes)
        for element in racine:
            local = etree.QName(element).localname
            if local in self._proprietes:
                element.text = self._proprietes[local].render(contexte)
        return _serialiser(racine)


def _copie(element: Any) -> Any:
    return copy.deepcopy(element)


def _serialiser(racine: Any) -> bytes:
    """As python-docx saves a part: UTF-8, standalone declaration."""
    donnees: bytes = etree.tostring(racine, encoding="UTF-8", standalone=True)
    return donnees


def _source_propriete(racine: Any, nom: str) -> str:
    for element in racine:
        if etree.QName(element).localname == nom:
            return str(element.text)
    return ""


def _tables_a_corriger(corps: Any) -> bool:
    """Whether docxtpl's `fix_tables` would change a table: a `{%tc %}` loop made more cells than
    grid columns, or fewer (merged cells counted by their span)."""
    for table in corps.iter(f"{{{_W}}}tbl"):
        grille = table.find(f"{{{_W}}}tblGrid")
        colonnes = 0 if grille is None else len(grille.findall(f"{{{_W}}}gridCol"))
        cellules_max = largeur_max = 0
        for ligne in table.iter(f"{{{_W}}}tr"):
            cellules = ligne.findall(f"{{{_W}}}tc")
            largeur = 0
            for cellule in cellules:
                fusion = cellule.find(f"{{{_W}}}tcPr/{{{_W}}}gridSpan")
                largeur += int(fusion.get(f"{{{_W}}}val", "1")) if fusion is not None else 1
            cellules_max = max(cellules_max, len(cellules))
            largeur_max = max(largeur_max, largeur)
        if cellules_max > colonnes or largeur_max < colonnes:
            return True
    return False


def _message_syntaxe(exc: jinja2.TemplateSyntaxError, partie: str, source: str) -> str:
    """Where a Jinja syntax error is, in the words of the document: the text of its paragraph."""
    lignes = source.splitlines()
    texte = ""
    if exc.lineno and 0 < exc.lineno <= len(lignes):
        texte = " ".join(_BALISE.sub("", lignes[exc.lineno - 1]).split())
    ou = f" dans le paragraphe « {texte} »" if texte else ""
    quoi = "le corps du document" if partie == _DOCUMENT else f"la partie {partie}"
    return f"syntaxe Jinja invalide dans {quoi}{ou} : {traduire_jinja(exc.message)}"


_OUVERTURES = re.compile(r"\{\{|\{%|\{#")
_FERMETURES = {"{{": "}}", "{%": "%}", "{#": "#}"}


def _balise_non_fermee(texte: str) -> str | None:
    """The first Jinja tag a paragraph's text opens and does not close, or None.

    >>> _balise_non_fermee("{{ a }} et {% if b %}"), _balise_non_fermee("{{ affaire.titre }")
    (None, '{{')
    """
    position = 0
    while (ouverture := _OUVERTURES.search(texte, position)) is not None:
        fin = texte.find(_FERMETURES[ouverture[0]], ouverture.end())
        if fin < 0:
            return ouverture[0]
        position = fin + 2
    return None


def _textes_des_paragraphes(racine: Any) -> list[str]:
    """Each paragraph of a part with its text (its own runs, not those of a nested text box)."""
    textes: dict[Any, list[str]] = {}
    for texte in racine.iter(f"{{{_W}}}t"):
        parent = texte.getparent()
        while parent is not None and parent.tag != f"{{{_W}}}p":
            parent = parent.getparent()
        if parent is not None and texte.text:
            textes.setdefault(parent, []).append(texte.text)
    return ["".join(morceaux) for morceaux in textes.values()]


def _extrait(texte: str, longueur: int = 120) -> str:
    texte = " ".join(texte.split())
    return texte if len(texte) <= longueur else texte[: longueur - 1] + "…"
