"""Hostile documents given to `actes62 check` and `actes62 audit` on the command line: bombs,
forged zips, PDFs of absurd size or structure, encryption, a format under the other's name, an empty
file, a folder, a symlink loop, a FIFO, odd names, a subfolder that cannot be read. Each run is a
subprocess under 500 Mo of address space and 10 s; it ends with its exit code, a French message
naming the file, no traceback and no internal error. The files are made by the tests."""

from __future__ import annotations

import io
import os
import shutil
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

import actes62
from tests.robustesse._processus import lancer, verifier

RACINE = Path(__file__).resolve().parents[2]
SEANCE = RACINE / "examples" / "seance-2026-03" / "dossier.yaml"
"""A dossier with no finding of its own: `check`'s exit code is the documents'."""
EXEMPLE = RACINE / "examples" / "lianes-2025" / "dossier.yaml"


# --- the documents the hostile ones are made from ----------------------------------------------------


@pytest.fixture(scope="module")
def modeles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The example's délibération as DOCX and PDF."""
    sortie = tmp_path_factory.mktemp("modeles")
    fichiers = actes62.generer(actes62.load(EXEMPLE), sortie, pdf=True)
    return {f.name.split("_", 2)[-1]: f.read_bytes() for f in fichiers}


# --- raw zips and PDFs ---------------------------------------------------------------------------


def _zip_brut(entrees: list[tuple[str, int, int, int, bytes]], decalages: list[int] | None = None) -> bytes:
    """A zip written by hand: (name, crc, size inflated, size compressed, deflated bytes) each; the
    central directory may give other header offsets (`decalages`) than where the entries are."""
    morceaux: list[bytes] = []
    central: list[bytes] = []
    position = 0
    for rang, (nom, crc, taille, compresse, donnees) in enumerate(entrees):
        brut = nom.encode()
        commun = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, compresse, taille)
        entete = b"PK\x03\x04" + commun + struct.pack("<HH", len(brut), 0) + brut
        decalage = decalages[rang] if decalages is not None else position
        central.append(
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + commun
            + struct.pack("<HHHHHII", len(brut), 0, 0, 0, 0, 0, decalage)
            + brut
        )
        if decalages is None or rang == 0:
            morceaux += (entete, donnees)
            position += len(entete) + len(donnees)
    repertoire = b"".join(central)
    fin = b"PK\x05\x06" + struct.pack(
        "<HHHHIIH", 0, 0, len(central), len(central), len(repertoire), position, 0
    )
    return b"".join(morceaux) + repertoire + fin


def _zeros_deflates(taille: int) -> tuple[bytes, int]:
    """`taille` zero bytes deflated (raw), and their CRC, without holding them in memory."""
    compresseur = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    bloc = bytes(16 * 1024 * 1024)
    morceaux = []
    crc = 0
    reste = taille
    while reste:
        part = bloc[: min(reste, len(bloc))]
        morceaux.append(compresseur.compress(part))
        crc = zlib.crc32(part, crc)
        reste -= len(part)
    morceaux.append(compresseur.flush())
    return b"".join(morceaux), crc


@pytest.fixture(scope="module")
def bombe_2_go() -> tuple[bytes, int]:
    """2 Go of zeros deflated (about 2 Mo), and their CRC: made once."""
    return _zeros_deflates(2 * 1024 * 1024 * 1024)


def _pdf_brut(objets: list[bytes], *, racine: int = 1) -> bytes:
    """A PDF written by hand from its objects (numbered from 1), with a correct xref table."""
    sortie = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    positions = []
    for numero, corps in enumerate(objets, start=1):
        positions.append(len(sortie))
        sortie += f"{numero} 0 obj\n".encode() + corps + b"\nendobj\n"
    xref = len(sortie)
    sortie += f"xref\n0 {len(objets) + 1}\n0000000000 65535 f \n".encode()
    sortie += b"".join(f"{p:010d} 00000 n \n".encode() for p in positions)
    sortie += (
        f"trailer\n<< /Size {len(objets) + 1} /Root {racine} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(sortie)


def _flux(contenu: bytes, *, compresse: bool = False) -> bytes:
    if compresse:
        contenu = zlib.compress(contenu, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(contenu) + contenu + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(contenu) + contenu + b"\nendstream"


_POLICE = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _pdf_pages(nombre: int, contenu: bytes, *, compresse: bool = False) -> bytes:
    """A PDF of `nombre` pages sharing one content stream."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(nombre))
    objets = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % nombre,
        _flux(contenu, compresse=compresse),
        _POLICE,
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    objets += [page] * nombre
    return _pdf_brut(objets)


_TEXTE_PDF = b"BT /F1 12 Tf 72 720 Td (Deliberation n 2025-344 : subvention de 9 380,00 euros) Tj ET"


def _chiffrer(donnees: bytes, algorithme: str, mot_de_passe: str = "secret") -> bytes:
    ecrivain = PdfWriter(clone_from=PdfReader(io.BytesIO(donnees)))
    ecrivain.encrypt(user_password=mot_de_passe, owner_password="maitre", algorithm=algorithme)
    tampon = io.BytesIO()
    ecrivain.write(tampon)
    return tampon.getvalue()


def _docx_remplace(donnees: bytes, partie: str, contenu: bytes) -> bytes:
    tampon = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(donnees)) as source,
        zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as cible,
    ):
        for info in source.infolist():
            cible.writestr(info.filename, contenu if info.filename == partie else source.read(info))
    return tampon.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- the cases -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cas:
    """A hostile input: `faire(dossier, modeles, bombe)` makes it in `dossier` and returns the
    path to give; for `check` and for `audit`, the exit code and the words the output says."""

    nom: str
    faire: Callable[[Path, dict[str, bytes], Callable[[], tuple[bytes, int]]], Path]
    check: tuple[int, tuple[str, ...]]
    audit: tuple[int, tuple[str, ...]]


def illisible(nom: str, faire: Callable[..., Path], *mots: str) -> Cas:
    """A document that cannot be read: a P002 finding for `check`, A201 for `audit` (exit 1)."""
    return Cas(nom, faire, (1, ("P002", *mots)), (1, ("A201", *mots)))


def refuse(nom: str, faire: Callable[..., Path], *mots: str) -> Cas:
    """A path the system refuses, or nothing to read: both commands stop with exit 2."""
    return Cas(nom, faire, (2, mots), (2, mots))


def sans_texte(nom: str, faire: Callable[..., Path], fichier: str) -> Cas:
    """A hostile structure read without harm but no text in it: not tied to the dossier (P001,
    a warning) for `check`, not checked (A201) for `audit`."""
    return Cas(nom, faire, (0, ("P001", fichier)), (1, ("A201", fichier)))


def lisible(nom: str, faire: Callable[..., Path], fichier: str, code_audit: int = 1) -> Cas:
    """A document read in spite of its hostile part or name: the example's délibération is not one
    of this séance's (P001) and the audit finds what the example's documents get wrong."""
    return Cas(nom, faire, (0, ("P001", fichier)), (code_audit, (fichier,)))


def _fichier(nom: str, contenu: Callable[[dict[str, bytes]], bytes]) -> Callable[..., Path]:
    def faire(dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]) -> Path:
        chemin = dossier / nom
        chemin.write_bytes(contenu(modeles))
        return chemin

    return faire


def _bombe_docx(dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]) -> Path:
    donnees, crc = bombe()
    chemin = dossier / "bombe.docx"
    chemin.write_bytes(_zip_brut([("word/document.xml", crc, 2 * 1024**3, len(donnees), donnees)]))
    return chemin


def _bombe_menteuse(dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]) -> Path:
    """The same stream declared as 1 Mo: it inflates no further, and its CRC is wrong."""
    donnees, crc = bombe()
    chemin = dossier / "menteuse.docx"
    chemin.write_bytes(_zip_brut([("word/document.xml", crc, 1024 * 1024, len(donnees), donnees)]))
    return chemin


def _recouvrement(nombre: int) -> Callable[..., Path]:
    def faire(dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]) -> Path:
        donnees, crc = _zeros_deflates(50 * 1024 * 1024)
        entrees = [
            (
                "word/document.xml" if i == 0 else f"word/part{i}.xml",
                crc,
                50 * 1024 * 1024,
                len(donnees),
                donnees,
            )
            for i in range(nombre)
        ]
        chemin = dossier / f"recouvrement{nombre}.docx"
        chemin.write_bytes(_zip_brut(entrees, decalages=[0] * nombre))
        return chemin

    return faire


def _entrees_multiples(
    dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]
) -> Path:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        for i in range(5000):
            archive.writestr(f"word/media/{i}.xml", b"")
    chemin = dossier / "entrees.docx"
    chemin.write_bytes(tampon.getvalue())
    return chemin


def _xml(nom: str, xml: str | bytes) -> Callable[..., Path]:
    contenu = xml.encode() if isinstance(xml, str) else xml
    return _fichier(nom, lambda m: _docx_remplace(m["deliberation.docx"], "word/document.xml", contenu))


_ENTETE = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'
_FIN = "</w:body></w:document>"
_RIRES = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "hahahahahahahahahaha">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + f']><w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p>{_FIN}'
)
_EXTERNE = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p>{_FIN}'
)


def _lien_boucle(dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]) -> Path:
    chemin = dossier / "boucle.pdf"
    os.symlink(chemin.name, chemin)
    return chemin


def _lien_croise(dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]) -> Path:
    (dossier / "b.docx").symlink_to("a.docx")
    chemin = dossier / "a.docx"
    chemin.symlink_to("b.docx")
    return chemin


def _lien_casse(dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]) -> Path:
    chemin = dossier / "casse.docx"
    chemin.symlink_to(dossier / "absent.docx")
    return chemin


def _tube(dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]) -> Path:
    chemin = dossier / "x.pdf"
    os.mkfifo(chemin)
    return chemin


def _tube_docx(dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]) -> Path:
    chemin = dossier / "x.docx"
    os.mkfifo(chemin)
    return chemin


def _peripherique(dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]) -> Path:
    chemin = dossier / "zero.pdf"
    chemin.symlink_to("/dev/zero")
    return chemin


def _repertoire(nom: str, avec_document: bool = False) -> Callable[..., Path]:
    def faire(dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]) -> Path:
        chemin = dossier / nom
        chemin.mkdir()
        if avec_document:
            (chemin / "acte.docx").write_bytes(b"")
        return chemin

    return faire


def _repertoire_avec(nom: str) -> Callable[..., Path]:
    def faire(dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]) -> Path:
        chemin = dossier / nom
        chemin.mkdir()
        (chemin / "acte.docx").write_bytes(modeles["deliberation.docx"])
        return chemin

    return faire


def _nom_trop_long(dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]) -> Path:
    return dossier / ("d" * 295 + ".docx")


def _sous_dossier_illisible(
    dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]
) -> Path:
    """A folder with a readable DOCX and a subfolder nobody may list (the run is not root: see `_cas`)."""
    seance = dossier / "seance"
    (seance / "ferme").mkdir(parents=True)
    (seance / "deliberation.docx").write_bytes(modeles["deliberation.docx"])
    (seance / "ferme" / "rapport.docx").write_bytes(modeles["rapport.docx"])
    os.chmod(seance / "ferme", 0)
    return seance


def _fichier_illisible(
    dossier: Path, modeles: dict[str, bytes], bombe: Callable[[], tuple[bytes, int]]
) -> Path:
    chemin = dossier / "ferme.docx"
    chemin.write_bytes(modeles["deliberation.docx"])
    os.chmod(chemin, 0)
    return chemin


def _zip_sans_document(modeles: dict[str, bytes]) -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return tampon.getvalue()


def _chiffrer_aes(donnees: bytes) -> bytes:
    try:
        return _chiffrer(donnees, "AES-256")
    except Exception:  # AES needs an optional library: a password-protected RC4 PDF then
        return _chiffrer(donnees, "RC4-40")


def _xref_casse(donnees: bytes) -> bytes:
    debut = donnees.rfind(b"startxref")
    return donnees[:debut] + b"startxref\n999999999\n%%EOF\n"


def _pdf_cycle() -> bytes:
    return _pdf_brut(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        ]
    )


def _pdf_plan_cyclique() -> bytes:
    return _pdf_brut(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Outlines 5 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            _flux(_TEXTE_PDF),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>",
            b"<< /Type /Outlines /First 6 0 R /Last 7 0 R /Count 2 >>",
            b"<< /Title (Deliberation) /Parent 5 0 R /Next 7 0 R /First 5 0 R /Dest [4 0 R /Fit] >>",
            b"<< /Title (Annexe) /Parent 5 0 R /Prev 6 0 R /Next 6 0 R /Dest [4 0 R /Fit] >>",
        ]
    )


def _pdf_compte_absurde() -> bytes:
    return _pdf_brut(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 999999999999 >>",
            _flux(_TEXTE_PDF),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>",
        ]
    )


CAS: list[Cas] = [
    # zip bombs and forged zips
    illisible("bombe_2_go", _bombe_docx, "bombe.docx", "trop grande une fois décompressée"),
    illisible("bombe_taille_menteuse", _bombe_menteuse, "menteuse.docx", "DOCX illisible"),
    illisible("entrees_qui_se_recouvrent", _recouvrement(40), "recouvrement40.docx", "refusé"),
    illisible("deux_entrees_qui_se_recouvrent", _recouvrement(2), "recouvrement2.docx", "refusé"),
    illisible("cinq_mille_entrees", _entrees_multiples, "entrees.docx", "trop d'entrées"),
    illisible(
        "zip_vide",
        _fichier("vide_zip.docx", lambda m: b"PK\x05\x06" + bytes(18)),
        "vide_zip.docx",
        "DOCX illisible",
    ),
    illisible(
        "zip_tronque",
        _fichier("tronque.docx", lambda m: m["deliberation.docx"][: len(m["deliberation.docx"]) // 2]),
        "tronque.docx",
        "DOCX illisible",
    ),
    illisible("zip_sans_document", _fichier("sans.docx", _zip_sans_document), "sans.docx", "DOCX illisible"),
    # XML parts
    illisible("xml_milliard_de_rires", _xml("rires.docx", _RIRES), "rires.docx"),
    sans_texte("xml_entite_externe", _xml("externe.docx", _EXTERNE), "externe.docx"),
    illisible(
        "xml_tronque", _xml("xml_tronque.docx", _ENTETE + "<w:p><w:r><w:t>9 380"), "xml_tronque.docx", "XML"
    ),
    illisible(
        "xml_imbrique_profond",
        _xml(
            "profond.docx",
            _ENTETE + "<w:sdt><w:sdtContent>" * 20000 + "</w:sdtContent></w:sdt>" * 20000 + _FIN,
        ),
        "profond.docx",
        "DOCX illisible",
    ),
    lisible(
        "tableaux_imbriques",
        _xml(
            "tableaux.docx",
            _ENTETE
            + "<w:tbl><w:tr><w:tc>" * 80
            + "<w:p><w:r><w:t>9 380,00</w:t></w:r></w:p>"
            + "</w:tc></w:tr></w:tbl>" * 80
            + _FIN,
        ),
        "tableaux.docx",
        0,
    ),
    lisible(  # a span of 2 000 000 000 columns is read as 64 at most
        "fusion_de_cellules_geante",
        _xml(
            "fusion.docx",
            _ENTETE
            + '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr><w:p><w:r><w:t>Intitulé</w:t>'
            "</w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>9 380,00</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            + _FIN,
        ),
        "fusion.docx",
        0,
    ),
    lisible(  # a span that is not a number counts as one column
        "fusion_de_cellules_illisible",
        _xml(
            "fusion_texte.docx",
            _ENTETE
            + '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="deux"/></w:tcPr><w:p><w:r><w:t>Intitulé</w:t>'
            "</w:r></w:p></w:tc></w:tr></w:tbl>" + _FIN,
        ),
        "fusion_texte.docx",
        0,
    ),
    illisible("xml_vide", _xml("xml_vide.docx", b""), "xml_vide.docx", "DOCX illisible"),
    illisible(
        "xml_sans_corps",
        _xml("sans_corps.docx", f'<w:document xmlns:w="{_W}"/>'),
        "sans_corps.docx",
        "w:body",
    ),
    illisible(
        "xml_enorme",
        _xml(
            "enorme.docx",
            _ENTETE + "<w:p><w:r><w:t>Une ligne de texte sans chiffre.</w:t></w:r></w:p>" * 200_000 + _FIN,
        ),
        "enorme.docx",
    ),
    # PDFs
    illisible(
        "pdf_dix_mille_pages",
        _fichier("pages.pdf", lambda m: _pdf_pages(10_000, _TEXTE_PDF)),
        "pages.pdf",
        "10000 pages",
    ),
    illisible(
        "pdf_flux_enorme",
        _fichier("flux.pdf", lambda m: _pdf_pages(1, b"0 0 m " * 40_000_000, compresse=True)),
        "flux.pdf",
    ),
    sans_texte(
        "pdf_flux_d_operateurs",
        _fichier("operateurs.pdf", lambda m: _pdf_pages(3, b"0 0 m " * 2_000_000, compresse=True)),
        "operateurs.pdf",
    ),
    illisible(
        "pdf_chiffre",
        _fichier("chiffre.pdf", lambda m: _chiffrer(m["deliberation.pdf"], "RC4-128")),
        "chiffre.pdf",
        "PDF chiffré",
    ),
    illisible(
        "pdf_chiffre_aes", _fichier("aes.pdf", lambda m: _chiffrer_aes(m["deliberation.pdf"])), "aes.pdf"
    ),
    lisible("pdf_xref_casse", _fichier("xref.pdf", lambda m: _xref_casse(m["deliberation.pdf"])), "xref.pdf"),
    illisible(
        "pdf_sans_xref_ni_fin",
        _fichier("sans_fin.pdf", lambda m: m["deliberation.pdf"][:2000]),
        "sans_fin.pdf",
    ),
    illisible("pdf_pages_cycliques", _fichier("cycle.pdf", lambda m: _pdf_cycle()), "cycle.pdf"),
    sans_texte("pdf_plan_cyclique", _fichier("plan.pdf", lambda m: _pdf_plan_cyclique()), "plan.pdf"),
    sans_texte(
        "pdf_nombre_de_pages_absurde", _fichier("compte.pdf", lambda m: _pdf_compte_absurde()), "compte.pdf"
    ),
    illisible(
        "pdf_en_tete_seul", _fichier("entete.pdf", lambda m: b"%PDF-1.7\n"), "entete.pdf", "PDF illisible"
    ),
    # the wrong format, nothing in it
    illisible(
        "pdf_nomme_docx", _fichier("pdf.docx", lambda m: m["deliberation.pdf"]), "pdf.docx", "c'est un PDF"
    ),
    illisible("docx_nomme_pdf", _fichier("docx.pdf", lambda m: m["deliberation.docx"]), "docx.pdf", "DOCX"),
    illisible(
        "texte_nomme_docx",
        _fichier("texte.docx", lambda m: "Délibération 2025-344".encode()),
        "texte.docx",
        "DOCX illisible",
    ),
    illisible(
        "texte_nomme_pdf", _fichier("texte.pdf", lambda m: b"\x00" * 4096), "texte.pdf", "PDF illisible"
    ),
    illisible("docx_vide", _fichier("vide.docx", lambda m: b""), "vide.docx", "fichier vide"),
    illisible("pdf_vide", _fichier("vide.pdf", lambda m: b""), "vide.pdf", "fichier vide"),
    refuse("format_inconnu", _fichier("notes.odt", lambda m: b"x"), "notes.odt", "format non pris en charge"),
    # what is not a regular file
    lisible("dossier_nomme_docx", _repertoire_avec("x.docx"), "acte.docx"),
    illisible(
        "dossier_nomme_pdf_avec_document",
        _repertoire("y.pdf", avec_document=True),
        "acte.docx",
        "fichier vide",
    ),
    refuse("lien_qui_boucle", _lien_boucle, "boucle.pdf", "lien symbolique qui boucle"),
    refuse("liens_croises", _lien_croise, "a.docx", "lien symbolique qui boucle"),
    refuse("lien_casse", _lien_casse, "casse.docx", "introuvable"),
    refuse("tube_pdf", _tube, "x.pdf", "pas un fichier ordinaire"),
    refuse("tube_docx", _tube_docx, "x.docx", "pas un fichier ordinaire"),
    refuse("peripherique", _peripherique, "zero.pdf", "pas un fichier ordinaire"),
    refuse("absent", lambda d, m, b: d / "absent.pdf", "absent.pdf", "introuvable"),
    refuse("nom_de_300_caracteres", _nom_trop_long, "ddddd", "nom de fichier trop long"),
    refuse(
        "sous_dossier_illisible", _sous_dossier_illisible, "seance/ferme", "ne peut pas être lu", "droits"
    ),
    illisible("fichier_illisible", _fichier_illisible, "ferme.docx", "droits"),
    # odd names, good content
    lisible(
        "nom_avec_retour_a_la_ligne",
        _fichier("ligne\nnouvelle.docx", lambda m: m["deliberation.docx"]),
        "nouvelle.docx",
    ),
    lisible("nom_de_250_caracteres", _fichier("n" * 245 + ".docx", lambda m: m["rapport.docx"]), "nnnnnnnn"),
    lisible(
        "nom_en_unicode", _fichier("délibération ‮fdp.docx", lambda m: m["deliberation.docx"]), "délibération"
    ),
]


# --- running them ---------------------------------------------------------------------------------


_SANS_ROOT = {"sous_dossier_illisible", "fichier_illisible"}
"""Cases that need a read the system really refuses: root reads everything, so their run does not
have root's power to bypass rights."""


@pytest.mark.parametrize("commande", ["check", "audit"])
@pytest.mark.parametrize("cas", CAS, ids=[c.nom for c in CAS])
def test_a_hostile_document(
    cas: Cas,
    commande: str,
    tmp_path: Path,
    modeles: dict[str, bytes],
    request: pytest.FixtureRequest,
) -> None:
    chemin = cas.faire(tmp_path, modeles, lambda: request.getfixturevalue("bombe_2_go"))
    dossier_seance = tmp_path / "seance.yaml"
    shutil.copy(SEANCE, dossier_seance)
    shutil.copytree(SEANCE.parent / "pieces", tmp_path / "pieces")  # the annexes' files it names
    arguments: list[str | Path] = (
        ["check", dossier_seance.name, chemin.name] if commande == "check" else ["audit", chemin.name]
    )
    resultat = lancer(arguments, dossier=tmp_path, sans_passe_droits=cas.nom in _SANS_ROOT)
    code, mots = cas.check if commande == "check" else cas.audit
    verifier(resultat, code, *mots)


def test_a_hostile_document_among_good_ones_does_not_hide_them(
    tmp_path: Path, modeles: dict[str, bytes]
) -> None:
    """A bomb in a séance's folder is refused; the other documents are still checked."""
    (tmp_path / "deliberation.docx").write_bytes(modeles["deliberation.docx"])
    (tmp_path / "rapport.pdf").write_bytes(modeles["rapport.pdf"])
    _recouvrement(3)(tmp_path, modeles, lambda: (b"", 0))
    _fichier("chiffre.pdf", lambda m: _chiffrer(m["deliberation.pdf"], "RC4-128"))(
        tmp_path, modeles, lambda: (b"", 0)
    )
    resultat = lancer(["audit", "."], dossier=tmp_path)
    verifier(resultat, 1, "recouvrement3.docx", "chiffre.pdf", "PDF chiffré", "A201", "4 documents")
    assert "deliberation.docx" in resultat.stdout and "rapport.pdf" in resultat.stdout


def test_the_harness_stops_a_run_that_takes_too_long(tmp_path: Path) -> None:
    """The time bound is enforced: a run still going is killed and fails the test."""
    with pytest.raises(AssertionError, match="toujours en cours"):
        lancer([], dossier=tmp_path, delai=0.5, programme=("-c", "import time; time.sleep(30)"))


def test_the_harness_bounds_memory(tmp_path: Path) -> None:
    """The memory bound is enforced: a run that needs more than 500 Mo fails with MemoryError."""
    resultat = lancer([], dossier=tmp_path, programme=("-c", "bytearray(800 * 1024 * 1024)"))
    assert resultat.code != 0 and "MemoryError" in resultat.stderr


def test_the_harness_really_refuses_a_folder_of_mode_000(tmp_path: Path) -> None:
    """Even as root, a run without the power to bypass rights cannot list a folder of mode 000."""
    (tmp_path / "ferme").mkdir(mode=0)
    programme = ("-c", "import os; os.listdir('ferme')")
    assert lancer([], dossier=tmp_path, programme=programme, sans_passe_droits=True).code != 0
