"""A template file as its authors keep it: its readable text, and its normal form.

Templates are Word documents, edited in Word or LibreOffice. Two things make them reviewable:
- `texte` dumps a template as lines of text — each paragraph with its style, tables as rows of
  cells, headers and footers, bold and superscript marked — so that a change to a template shows
  as a readable diff (`templates/*.txt` beside the shipped templates);
- `normaliser` rewrites the zip with fixed timestamps, permissions and compression, so that the
  same content is always the same bytes, whichever program saved it.

    actes62 modele texte templates/deliberation.docx
    actes62 modele normaliser templates/*.docx
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from actes62._docx import ecrire_zip, lire_zip, verifier_zip

__all__ = ["normaliser", "texte"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_PARSEUR = etree.XMLParser(resolve_entities=False, no_network=True)


def _w(nom: str) -> str:
    return f"{{{_W}}}{nom}"


def normaliser(donnees: bytes) -> bytes:
    """The same DOCX with its zip in normal form: entries in their order, deflated at one level,
    fixed timestamps and permissions. Idempotent; the XML parts are not changed."""
    return ecrire_zip(lire_zip(donnees))


def texte(donnees: bytes) -> str:
    """The template as readable lines: parts (headers, body, footers, properties), paragraphs as
    `[Style] text` with `**bold**` and `^(superscript)`, tables as `| cell | cell |` rows."""
    with zipfile.ZipFile(io.BytesIO(donnees)) as archive:
        verifier_zip(archive)
        parties = {info.filename: archive.read(info) for info in archive.infolist()}
    styles = _styles(parties.get("word/styles.xml"))
    lignes: list[str] = []
    for nom in _parties_texte(parties):
        racine = etree.fromstring(parties[nom], _PARSEUR)
        lignes.append(f"=== {nom}")
        corps = racine.find(_w("body"))
        lignes += _blocs(corps if corps is not None else racine, styles, "")
    proprietes = parties.get("docProps/core.xml")
    if proprietes is not None:
        lignes.append("=== docProps/core.xml")
        for element in etree.fromstring(proprietes, _PARSEUR):
            if element.text and element.text.strip():
                lignes.append(f"{etree.QName(element).localname} : {element.text.strip()}")
    return "\n".join(lignes) + "\n"


def _styles(xml: bytes | None) -> dict[str, str]:
    if xml is None:
        return {}
    noms: dict[str, str] = {}
    for style in etree.fromstring(xml, _PARSEUR).iter(_w("style")):
        nom = style.find(_w("name"))
        noms[style.get(_w("styleId"), "")] = nom.get(_w("val"), "") if nom is not None else ""
    return noms


def _parties_texte(parties: dict[str, bytes]) -> list[str]:
    """Headers, the body, footers and notes, in the order the body's relationships give them."""
    ordre: list[str] = []
    relations = parties.get("word/_rels/document.xml.rels")
    if relations is not None:
        for relation in etree.fromstring(relations, _PARSEUR).iter(f"{{{_REL}}}Relationship"):
            cible = "word/" + relation.get("Target", "").lstrip("/").removeprefix("word/")
            type_ = relation.get("Type", "").rsplit("/", 1)[-1]
            if type_ in ("header", "footer", "footnotes", "endnotes") and cible in parties:
                ordre.append(cible)
    entetes = sorted(n for n in ordre if "header" in n)
    autres = sorted(n for n in ordre if "header" not in n)
    return [*entetes, "word/document.xml", *autres]


def _blocs(parent: Any, styles: dict[str, str], retrait: str) -> Iterator[str]:
    for enfant in parent:
        if enfant.tag == _w("p"):
            yield retrait + _paragraphe(enfant, styles)
        elif enfant.tag == _w("tbl"):
            yield f"{retrait}┌ tableau"
            for ligne in enfant.iter(_w("tr")):
                cellules = [
                    " / ".join(_paragraphe(p, styles, style=False) for p in cellule.iter(_w("p")))
                    for cellule in ligne.findall(_w("tc"))
                ]
                yield f"{retrait}│ | " + " | ".join(cellules) + " |"
            yield f"{retrait}└"
        elif enfant.tag in (_w("sdt"), _w("sdtContent"), _w("customXml")):
            yield from _blocs(enfant, styles, retrait)


def _paragraphe(paragraphe: Any, styles: dict[str, str], *, style: bool = True) -> str:
    morceaux: list[str] = []
    for run in paragraphe.iter(_w("r")):
        proprietes = run.find(_w("rPr"))
        gras = proprietes is not None and _actif(proprietes.find(_w("b")))
        exposant = proprietes is not None and any(
            v.get(_w("val")) == "superscript" for v in proprietes.iter(_w("vertAlign"))
        )
        contenu = "".join(_contenu(element) for element in run)
        if not contenu:
            continue
        if exposant:
            contenu = f"^({contenu})"
        if gras:
            contenu = f"**{contenu}**"
        morceaux.append(contenu)
    texte_ = "".join(morceaux).replace("****", "")
    if not style:
        return texte_
    proprietes_p = paragraphe.find(_w("pPr"))
    identifiant = ""
    if proprietes_p is not None and proprietes_p.find(_w("pStyle")) is not None:
        identifiant = proprietes_p.find(_w("pStyle")).get(_w("val"), "")
    return f"[{styles.get(identifiant, identifiant) or 'Normal'}] {texte_}".rstrip()


def _actif(element: Any) -> bool:
    return element is not None and element.get(_w("val"), "true") not in ("0", "false")


def _contenu(element: Any) -> str:
    if element.tag in (_w("t"), _w("delText")):
        return str(element.text or "")
    if element.tag == _w("instrText"):
        return "{" + (element.text or "").strip() + "}"
    if element.tag == _w("tab"):
        return "⇥"
    if element.tag in (_w("br"), _w("cr")):
        return "↵"
    if element.tag == _w("noBreakHyphen"):
        return "\u2011"
    return ""
