"""The readers under mutated documents: the example's DOCX and PDF, generated once, then with bytes
flipped, inserted, deleted or cut, zip entries corrupted or replaced by malformed, huge, deeply
nested or entity-laden XML, PDFs with a broken xref, cyclic outlines or page trees, absurd page
counts or encryption. `read_document`, the facts stage, `check` (with the example dossier) and
`audit` only ever give results or `Actes62Error` subclasses, with no internal failure reported
(X001, « erreur interne »), each case within its time bound."""

from __future__ import annotations

import contextlib
import io
import os
import resource
import signal
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from types import FrameType
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject

import actes62
from actes62.faits import lire_faits

RACINE = Path(__file__).resolve().parents[2]
EXEMPLE = RACINE / "examples" / "lianes-2025" / "dossier.yaml"

LONG = os.environ.get("ACTES62_HYPOTHESIS_PROFIL") == "long"
DELAI_CAS = 10
"""Seconds a case may take (read, facts, check and audit of one file) before it is stopped."""


def _reglages(exemples: int) -> settings:
    return settings(
        max_examples=exemples * 20 if LONG else exemples,
        deadline=timedelta(seconds=DELAI_CAS),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


# --- the documents mutated: generated once ---------------------------------------------------------


class Exemple:
    """The example dossier and its documents (DOCX, PDF/A, transmission PDF) by kind
    (« deliberation.docx »…); its repr stays short in hypothesis' reports."""

    def __init__(self, dossier: actes62.Dossier, documents: dict[str, bytes]) -> None:
        self.dossier = dossier
        self.documents = documents

    def __repr__(self) -> str:
        return "Exemple(lianes-2025)"


@pytest.fixture(scope="session")
def exemple(tmp_path_factory: pytest.TempPathFactory) -> Exemple:
    dossier = actes62.load(EXEMPLE)
    sortie = tmp_path_factory.mktemp("originaux")
    fichiers = actes62.generer(dossier, sortie, pdf=True)
    return Exemple(dossier, {f.name.split("_", 2)[-1]: f.read_bytes() for f in fichiers})


# --- the contract ----------------------------------------------------------------------------------


class _DelaiDepasse(Exception):
    pass


def _alarme(signum: int, frame: FrameType | None) -> None:
    raise _DelaiDepasse(f"plus de {DELAI_CAS} s")


def _memoire_virtuelle() -> int:
    for ligne in Path("/proc/self/status").read_text().splitlines():
        if ligne.startswith("VmSize:"):
            return int(ligne.split()[1]) * 1024
    return 0


@contextlib.contextmanager
def _borne() -> Iterator[None]:
    """A case bounded in time (SIGALRM) and in memory (1 Go more than the process already has)."""
    ancienne_alarme = signal.signal(signal.SIGALRM, _alarme)
    souple, dure = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (_memoire_virtuelle() + 1024 * 1024 * 1024, dure))
    signal.alarm(DELAI_CAS)
    try:
        yield
    finally:
        signal.alarm(0)
        resource.setrlimit(resource.RLIMIT_AS, (souple, dure))
        signal.signal(signal.SIGALRM, ancienne_alarme)


def _sans_echec_interne(findings: list[actes62.Finding]) -> None:
    for finding in findings:
        assert finding.code != "X001", finding.message
        assert "erreur interne" not in finding.message, finding.message


def _verifier(contenu: bytes, nom: str, dossier: actes62.Dossier) -> None:
    """The file `nom` holding `contenu`: read, its facts, checked and audited, within the bounds."""
    repertoire = Path(tempfile.mkdtemp(prefix="lecteurs-"))
    chemin = repertoire / nom
    chemin.write_bytes(contenu)
    try:
        with _borne():
            try:
                document = actes62.read_document(chemin)
            except actes62.DocumentIllisible as exc:
                assert str(chemin) in str(exc) and exc.raison, str(exc)
                assert "Error" not in exc.raison and "error" not in exc.raison, exc.raison
            else:
                assert document.format == chemin.suffix[1:]
                for lu in lire_faits(document):
                    assert lu.chemin == chemin
            _sans_echec_interne(actes62.check(dossier, [chemin], source=EXEMPLE))
            _sans_echec_interne(actes62.audit([chemin]))
    finally:
        chemin.unlink()
        repertoire.rmdir()


# --- byte mutations --------------------------------------------------------------------------------


@st.composite
def octets_mutes(draw: st.DrawFn, donnees: bytes) -> bytes:
    """`donnees` with one to five byte-level mutations."""
    contenu = bytearray(donnees)
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        if not contenu:
            break
        position = draw(st.integers(min_value=0, max_value=len(contenu) - 1))
        genre = draw(st.sampled_from(["basculer", "inserer", "supprimer", "couper", "dupliquer", "ecraser"]))
        if genre == "basculer":
            contenu[position] ^= draw(st.integers(min_value=1, max_value=255))
        elif genre == "inserer":
            contenu[position:position] = draw(st.binary(min_size=1, max_size=64))
        elif genre == "supprimer":
            del contenu[position : position + draw(st.integers(min_value=1, max_value=4096))]
        elif genre == "couper":
            del contenu[position:]
        elif genre == "dupliquer":
            longueur = draw(st.integers(min_value=1, max_value=4096))
            contenu[position:position] = contenu[position : position + longueur]
        else:
            longueur = draw(st.integers(min_value=1, max_value=256))
            contenu[position : position + longueur] = bytes([draw(st.integers(0, 255))]) * longueur
    return bytes(contenu)


DOCX = ["deliberation.docx", "rapport.docx", "convention.docx", "annexe3_budget.docx"]
PDF = ["deliberation.pdf", "rapport.pdf", "convention.pdf", "annexe3_budget.pdf", "transmission.pdf"]


@_reglages(60)
@given(st.data())
def test_docx_with_mutated_bytes(exemple: Exemple, data: st.DataObject) -> None:
    nom = data.draw(st.sampled_from(DOCX))
    _verifier(data.draw(octets_mutes(exemple.documents[nom])), nom, exemple.dossier)


@_reglages(30)
@given(st.data())
def test_pdf_with_mutated_bytes(exemple: Exemple, data: st.DataObject) -> None:
    nom = data.draw(st.sampled_from(PDF[:-1]))
    _verifier(data.draw(octets_mutes(exemple.documents[nom])), nom, exemple.dossier)


# --- DOCX parts replaced -------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_ENTETE = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}"><w:body>'
_FIN = "</w:body></w:document>"


def _paragraphe(texte: str) -> str:
    return f"<w:p><w:r><w:t>{texte}</w:t></w:r></w:p>"


def _tableaux_imbriques(profondeur: int) -> str:
    debut = "<w:tbl><w:tr><w:tc>" * profondeur
    fin = "</w:tc></w:tr></w:tbl>" * profondeur
    return debut + _paragraphe("9 380,00 €") + fin


XML_HOSTILES: dict[str, Callable[[int], str]] = {
    "tronque": lambda n: (_ENTETE + _paragraphe("Délibération n°2025-344") * 3)[: 40 + n % 200],
    "balise_non_fermee": lambda n: _ENTETE + "<w:p><w:r><w:t>9 380,00 €" + _FIN,
    "sans_corps": lambda n: f'<w:document xmlns:w="{_W}"><w:other/></w:document>',
    "racine_etrangere": lambda n: "<html><body><p>9 380 €</p></body></html>",
    "texte_vide": lambda n: "",
    "binaire": lambda n: "\x00\x01\x02" * n,
    "enorme": lambda n: (
        _ENTETE + _paragraphe("La subvention est de 9 380,00 € (article 1).") * (1000 * n) + _FIN
    ),
    "cellules_enormes": lambda n: (
        _ENTETE
        + "<w:tbl>"
        + ("<w:tr>" + "<w:tc><w:p><w:r><w:t>1 000,00</w:t></w:r></w:p></w:tc>" * 50 + "</w:tr>") * (20 * n)
        + "</w:tbl>"
        + _FIN
    ),
    "tableaux_imbriques": lambda n: _ENTETE + _tableaux_imbriques(min(n, 200)) + _FIN,
    "controles_imbriques": lambda n: (
        _ENTETE
        + "<w:sdt><w:sdtContent>" * min(n, 250)
        + _paragraphe("9 380 €")
        + "</w:sdtContent></w:sdt>" * min(n, 250)
        + _FIN
    ),
    "imbrication_extreme": lambda n: (
        _ENTETE + "<w:sdt><w:sdtContent>" * 5000 + "</w:sdtContent></w:sdt>" * 5000 + _FIN
    ),
    "milliard_de_rires": lambda n: (
        '<?xml version="1.0"?><!DOCTYPE w:document ['
        '<!ENTITY a "ahahahahahahahahahah">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + f']><w:document xmlns:w="{_W}"><w:body>'
        + _paragraphe("&j;")
        + _FIN
    ),
    "entite_externe": lambda n: (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{_W}"><w:body>' + _paragraphe("&x;") + _FIN
    ),
    "reseau": lambda n: (
        '<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "http://192.0.2.1/x.dtd">'
        f'<w:document xmlns:w="{_W}"><w:body>' + _paragraphe("x") + _FIN
    ),
    "fusion_absurde": lambda n: (
        _ENTETE
        + '<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="'
        + ["abc", "-5", "0", "999999999", "1e9", ""][n % 6]
        + '"/></w:tcPr><w:p><w:r><w:t>Intitulé</w:t></w:r></w:p></w:tc></w:tr>'
        + "<w:tr><w:tc><w:p><w:r><w:t>9 380,00</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        + _FIN
    ),
    "encodage_menteur": lambda n: (
        '<?xml version="1.0" encoding="UTF-16"?>' + _ENTETE[38:] + _paragraphe("é") + _FIN
    ),
    "unicode_etrange": lambda n: _ENTETE + _paragraphe("\u202e9 380,00 €\ufeff\U0001f4b6 𝟗 𝟑𝟖𝟎") + _FIN,
}

PARTIES = ["word/document.xml", "_rels/.rels", "word/_rels/document.xml.rels", "[Content_Types].xml"]


def _zip(entrees: list[tuple[str, bytes]], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", compression) as archive:
        for nom, contenu in entrees:
            archive.writestr(nom, contenu)
    return tampon.getvalue()


def _entrees(donnees: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(donnees)) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


@_reglages(40)
@given(
    st.data(),
    st.sampled_from(sorted(XML_HOSTILES)),
    st.sampled_from(PARTIES),
    st.integers(min_value=1, max_value=300),
)
def test_docx_with_a_part_replaced_by_hostile_xml(
    exemple: Exemple, data: st.DataObject, genre: str, partie: str, n: int
) -> None:
    nom = data.draw(st.sampled_from(DOCX))
    entrees = [
        (e, XML_HOSTILES[genre](n).encode() if e == partie else c)
        for e, c in _entrees(exemple.documents[nom])
    ]
    _verifier(_zip(entrees), nom, exemple.dossier)


RELATIONS = [
    "/word/document.xml",
    "../../../../etc/passwd",
    "/etc/passwd",
    "word/absent.xml",
    "word/document.xml#x",
    "",
    "word/",
    "[Content_Types].xml",
    "word/_rels/document.xml.rels",
    "http://192.0.2.1/document.xml",
]


@_reglages(25)
@given(st.data(), st.sampled_from(RELATIONS), st.sampled_from(["officeDocument", "header", "footer"]))
def test_docx_whose_relationships_point_anywhere(
    exemple: Exemple, data: st.DataObject, cible: str, genre: str
) -> None:
    nom = data.draw(st.sampled_from(DOCX))
    entrees = _entrees(exemple.documents[nom])
    if genre == "officeDocument":
        rels = (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'officeDocument" Target="{cible}"/></Relationships>'
        )
        entrees = [(e, rels.encode() if e == "_rels/.rels" else c) for e, c in entrees]
    else:
        entrees = [
            (
                e,
                c.replace(f'{genre}1.xml"'.encode(), f'{cible}"'.encode())
                if e.endswith("document.xml.rels")
                else c,
            )
            for e, c in entrees
        ]
    _verifier(_zip(entrees), nom, exemple.dossier)


@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")  # the duplicated entries are the point
@_reglages(25)
@given(
    st.data(),
    st.sampled_from(
        ["retirer", "doubler", "renommer", "stocker", "crc", "multitude", "vide", "dossier_nomme"]
    ),
)
def test_docx_with_corrupt_zip_entries(exemple: Exemple, data: st.DataObject, genre: str) -> None:
    nom = data.draw(st.sampled_from(DOCX))
    entrees = _entrees(exemple.documents[nom])
    partie = data.draw(st.sampled_from([e for e, _ in entrees]))
    if genre == "retirer":
        contenu = _zip([(e, c) for e, c in entrees if e != partie])
    elif genre == "doubler":
        contenu = _zip([*entrees, (partie, b"<x/>")])
    elif genre == "renommer":
        contenu = _zip([(e.upper() if e == partie else e, c) for e, c in entrees])
    elif genre == "stocker":
        contenu = _zip(entrees, compression=zipfile.ZIP_STORED)
    elif genre == "crc":  # an entry's bytes changed after its CRC was written
        brut = _zip(entrees, compression=zipfile.ZIP_STORED)
        donnees = dict(entrees)[partie]
        debut = brut.find(donnees)
        if debut >= 0 and donnees:
            brut = brut[:debut] + bytes([donnees[0] ^ 0x20]) + brut[debut + 1 :]
        contenu = brut
    elif genre == "multitude":
        contenu = _zip([*entrees, *((f"x/{i}.xml", b"") for i in range(data.draw(st.integers(1990, 2100))))])
    elif genre == "vide":
        contenu = _zip([])
    else:
        contenu = _zip([(e + "/" if e == partie else e, c) for e, c in entrees])
    _verifier(contenu, nom, exemple.dossier)


# --- PDFs rebuilt with hostile structure -----------------------------------------------------------


def _ecrire_pdf(ecrivain: PdfWriter) -> bytes:
    tampon = io.BytesIO()
    ecrivain.write(tampon)
    return tampon.getvalue()


def _dictionnaire(objet: Any) -> DictionaryObject:
    return cast(DictionaryObject, objet.get_object())


def _pdf_hostile(donnees: bytes, genre: str, n: int) -> bytes:
    if genre == "chiffre":
        ecrivain = PdfWriter(clone_from=PdfReader(io.BytesIO(donnees)))
        ecrivain.encrypt(user_password="secret", owner_password="maitre", algorithm="RC4-128")
        return _ecrire_pdf(ecrivain)
    if genre == "chiffre_aes":
        ecrivain = PdfWriter(clone_from=PdfReader(io.BytesIO(donnees)))
        with contextlib.suppress(Exception):  # AES needs a library that may be absent: RC4 then
            ecrivain.encrypt(user_password="", owner_password="maitre", algorithm="AES-256")
            return _ecrire_pdf(ecrivain)
        return donnees
    if genre == "chiffre_sans_mot_de_passe":
        ecrivain = PdfWriter(clone_from=PdfReader(io.BytesIO(donnees)))
        ecrivain.encrypt(user_password="", owner_password="maitre", algorithm="RC4-40")
        return _ecrire_pdf(ecrivain)
    if genre in ("plan_cyclique", "plan_auto"):
        ecrivain = PdfWriter(clone_from=PdfReader(io.BytesIO(donnees)))
        premier = ecrivain.add_outline_item(title="Délibération", page_number=0)
        second = ecrivain.add_outline_item(title="Annexe", page_number=min(n, len(ecrivain.pages)) - 1)
        objet = _dictionnaire(second)
        objet[NameObject("/Next")] = premier if genre == "plan_cyclique" else second
        objet[NameObject("/First")] = premier
        return _ecrire_pdf(ecrivain)
    if genre in ("nombre_de_pages", "pages_cycliques", "pages_negatives"):
        ecrivain = PdfWriter(clone_from=PdfReader(io.BytesIO(donnees)))
        pages = _dictionnaire(ecrivain._root_object["/Pages"])
        if genre == "pages_cycliques":
            pages[NameObject("/Kids")] = ArrayObject(
                [*cast(ArrayObject, pages["/Kids"]), ecrivain._root_object.raw_get("/Pages")]
            )
            pages[NameObject("/Count")] = NumberObject(n)
        else:
            pages[NameObject("/Count")] = NumberObject(10**n if genre == "nombre_de_pages" else -n)
        return _ecrire_pdf(ecrivain)
    if genre == "destination_absurde":
        ecrivain = PdfWriter(clone_from=PdfReader(io.BytesIO(donnees)))
        signet = _dictionnaire(ecrivain.add_outline_item(title="Délibération", page_number=0))
        signet[NameObject("/Dest")] = ArrayObject([NumberObject(10**n), NameObject("/Fit")])
        return _ecrire_pdf(ecrivain)
    if genre == "xref_casse":
        debut = donnees.rfind(b"startxref")
        return donnees[:debut] + b"startxref\n" + str(n * 7919).encode() + b"\n%%EOF\n"
    if genre == "xref_absent":
        return donnees.replace(b"xref", b"xxxx").replace(b"/XRef", b"/Xxxx")
    if genre == "flux_enorme":  # a page stream that inflates a thousandfold
        ecrivain = PdfWriter(clone_from=PdfReader(io.BytesIO(donnees)))
        page = ecrivain.pages[0]
        flux = StreamObject()
        flux[NameObject("/Filter")] = NameObject("/FlateDecode")
        flux._data = zlib.compress(b"0 0 m " * (n * 200_000))
        page[NameObject("/Contents")] = ecrivain._add_object(flux)
        return _ecrire_pdf(ecrivain)
    if genre == "racine_absente":
        ecrivain = PdfWriter(clone_from=PdfReader(io.BytesIO(donnees)))
        ecrivain._root_object[NameObject("/Pages")] = DictionaryObject()
        return _ecrire_pdf(ecrivain)
    raise AssertionError(genre)


GENRES_PDF = [
    "chiffre",
    "chiffre_aes",
    "chiffre_sans_mot_de_passe",
    "plan_cyclique",
    "plan_auto",
    "nombre_de_pages",
    "pages_cycliques",
    "pages_negatives",
    "destination_absurde",
    "xref_casse",
    "xref_absent",
    "flux_enorme",
    "racine_absente",
]


@_reglages(15)
@given(st.sampled_from(GENRES_PDF), st.sampled_from(PDF), st.integers(min_value=1, max_value=12))
def test_pdf_with_hostile_structure(exemple: Exemple, genre: str, nom: str, n: int) -> None:
    _verifier(_pdf_hostile(exemple.documents[nom], genre, n), nom, exemple.dossier)


@pytest.mark.parametrize("nom", ["deliberation.docx", "transmission.pdf"])
def test_the_unmutated_documents_read_and_check_cleanly(exemple: Exemple, nom: str) -> None:
    """The contract holds on the documents mutated, and they are read: the mutations start from
    documents that work."""
    _verifier(exemple.documents[nom], nom, exemple.dossier)
    repertoire = Path(tempfile.mkdtemp(prefix="lecteurs-"))
    chemin = repertoire / nom
    chemin.write_bytes(exemple.documents[nom])
    try:
        document = actes62.read_document(chemin)
        assert "2025-344" in document.text
        assert not any(
            f.code in ("P002", "X001") for f in actes62.check(exemple.dossier, [chemin], source=EXEMPLE)
        )
    finally:
        chemin.unlink()
        repertoire.rmdir()
