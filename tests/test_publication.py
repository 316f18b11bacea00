"""The version for online publication: the example dossier, given an IBAN (its convention's RIB),
an e-mail address and a phone number, is generated as usual (they are there, DOCX and PDF read
back) and published (`actes62 publication`, PDF by LibreOffice): the published DOCX and PDF,
reopened, hold no IBAN, BIC, e-mail or phone number, the délibération's first page carries the
accusé de réception, and a personal datum written without the `personnel` filter, or a signature
image, stops the publication with nothing written."""

from __future__ import annotations

import re
import struct
import unicodedata
import zlib
from pathlib import Path

import docx
import pytest
import yaml
from pypdf import PdfReader
from stdnum import iban as stdnum_iban

import actes62
from actes62.cli import main
from actes62.errors import DossierInvalide
from actes62.model import Dossier
from actes62.publication import PublicationRefusee, donnees_personnelles, publier, verifier_publication
from actes62.textes import RETRAIT

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "lianes-2025" / "dossier.yaml"
PREFIXE = "lianes-2025_2025-344"
IBAN = "FR7630006000011234567890189"
COURRIEL = "contact@lianes-cooperation.example"
TELEPHONE = "03 20 55 12 34"


def _texte_docx(chemin: Path) -> str:
    """Every paragraph of a DOCX (body, tables, headers, footers), reopened with python-docx."""
    document = docx.Document(str(chemin))
    morceaux = [p.text for p in document.paragraphs]
    for tableau in document.tables:
        for ligne in tableau.rows:
            morceaux += [cellule.text for cellule in ligne.cells]
    for section in document.sections:
        morceaux += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return unicodedata.normalize("NFKC", "\n".join(morceaux))


def _texte_pdf(chemin: Path, pages: slice = slice(None)) -> str:
    """The text of a PDF's pages, NFKC-normalised, whitespace (line breaks too) collapsed."""
    lecteur = PdfReader(chemin)
    return " ".join(
        unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in lecteur.pages[pages])).split()
    )


def _ibans(texte: str) -> list[str]:
    """Every run of letters and digits (spaces removed) that holds a valid IBAN."""
    compact = re.sub(r"\s+", "", texte)
    return [
        compact[debut : debut + longueur]
        for debut in range(len(compact))
        for longueur in range(15, 35)
        if compact[debut : debut + 2].isalpha() and stdnum_iban.is_valid(compact[debut : debut + longueur])
    ]


def _dossier_avec_contacts(chemin: Path) -> Path:
    """The example with a contact line in the convention's payment article: an e-mail address and
    a phone number written through the `personnel` filter."""
    donnees = yaml.safe_load(EXEMPLE.read_text(encoding="utf-8"))
    articles = donnees["affaires"][0]["convention"]["articles"]
    versement = next(a for a in articles if a["titre"] == "Modalités de versement")
    versement["paragraphes"].append(
        f"Contact du bénéficiaire pour les paiements : {{{{ '{COURRIEL}' | personnel }}}}, "
        f"téléphone {{{{ '{TELEPHONE}' | personnel }}}}."
    )
    chemin.write_text(yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return chemin


@pytest.fixture(scope="module")
def jeux(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dossier, list[Path], list[Path]]:
    """The dossier with contacts, generated as usual and published (both with their PDFs)."""
    racine = tmp_path_factory.mktemp("publication")
    dossier = actes62.load(_dossier_avec_contacts(racine / "dossier.yaml"))
    generes = actes62.generer(dossier, racine / "generes", pdf=True)
    publies = publier(dossier, racine / "publies")
    return dossier, generes, publies


def test_the_dossier_has_the_personal_data_and_the_usual_documents_show_them(
    jeux: tuple[Dossier, list[Path], list[Path]],
) -> None:
    dossier, generes, _ = jeux
    convention = dossier.affaires[0].convention
    assert convention is not None and convention.rib is not None
    assert convention.rib.iban == IBAN
    docx_convention = next(p for p in generes if p.name == f"{PREFIXE}_convention.docx")
    pdf_convention = docx_convention.with_suffix(".pdf")
    for texte in (_texte_docx(docx_convention), _texte_pdf(pdf_convention)):
        assert IBAN in _ibans(texte)
        assert COURRIEL in texte
        assert TELEPHONE in texte
        assert "AGRIFRPP" in texte
    with pytest.raises(PublicationRefusee) as erreur:
        verifier_publication(generes)
    message = str(erreur.value)
    assert f"{docx_convention}:paragraphe " in message
    assert re.search(rf"{re.escape(str(pdf_convention))}:page \d+ ligne \d+: IBAN", message)
    assert "courriel" in message and "téléphone" in message


def test_the_published_documents_hold_no_iban_email_or_phone(
    jeux: tuple[Dossier, list[Path], list[Path]],
) -> None:
    _, _, publies = jeux
    noms = sorted(p.name for p in publies)
    assert noms == sorted(
        [
            *(
                f"{PREFIXE}_{genre}.{ext}"
                for genre in ("deliberation", "rapport", "convention")
                for ext in ("docx", "pdf")
            ),
            f"{PREFIXE}_annexe3_budget.docx",
            f"{PREFIXE}_annexe3_budget.pdf",
            f"{PREFIXE}_transmission.pdf",
        ]
    )
    for chemin in publies:
        texte = _texte_docx(chemin) if chemin.suffix == ".docx" else _texte_pdf(chemin)
        assert _ibans(texte) == [], chemin.name
        assert "@" not in texte, chemin.name
        assert re.sub(r"\D", "", TELEPHONE) not in re.sub(r"\D", "", texte), chemin.name
        assert "AGRIFRPP" not in texte, chemin.name
        assert donnees_personnelles(texte) == [], chemin.name
    convention_docx = next(p for p in publies if p.name == f"{PREFIXE}_convention.docx")
    archive = convention_docx.read_bytes()
    assert IBAN.encode() not in archive and b"FR76 3000" not in archive  # gone, not hidden
    texte = _texte_docx(convention_docx)
    assert (
        "au nom de Lianes coopération auprès de " + RETRAIT + " : IBAN " + RETRAIT + ", BIC " + RETRAIT
        in texte
    )
    assert f"Contact du bénéficiaire pour les paiements : {RETRAIT}, téléphone {RETRAIT}." in texte
    assert RETRAIT in _texte_pdf(convention_docx.with_suffix(".pdf"))


def test_the_rib_is_written_in_the_payment_article(jeux: tuple[Dossier, list[Path], list[Path]]) -> None:
    _, generes, _ = jeux
    document = docx.Document(str(next(p for p in generes if p.name == f"{PREFIXE}_convention.docx")))
    titres = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    paragraphe_iban = next(i for i, p in enumerate(document.paragraphs) if "IBAN" in p.text)
    titre = [p.text for p in document.paragraphs[:paragraphe_iban] if p.text in titres][-1]
    assert unicodedata.normalize("NFKC", titre) == "Article 6 : Modalités de versement"
    assert "IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPP." in unicodedata.normalize(
        "NFKC", document.paragraphs[paragraphe_iban].text
    )


def test_the_first_page_carries_the_accuse_de_reception(jeux: tuple[Dossier, list[Path], list[Path]]) -> None:
    dossier, _, publies = jeux
    acquittement = dossier.affaires[0].deliberation.acquittement
    assert acquittement is not None
    for nom in (f"{PREFIXE}_deliberation.pdf", f"{PREFIXE}_transmission.pdf"):
        premiere = _texte_pdf(next(p for p in publies if p.name == nom), slice(0, 1))
        assert f"Accusé de réception en préfecture : {acquittement.identifiant_accuse}" in premiere
        assert f"Date de télétransmission : {acquittement.date_transmission:%d/%m/%Y}" in premiere
        assert f"Date de réception préfecture : {acquittement.date_reception:%d/%m/%Y}" in premiere
        assert "Publication électronique le : 1er octobre 2025" in premiere


def test_a_personal_datum_written_plainly_stops_the_publication(tmp_path: Path) -> None:
    donnees = yaml.safe_load(EXEMPLE.read_text(encoding="utf-8"))
    donnees["affaires"][0]["rapport"]["expose"].append(f"Contact : {COURRIEL}, {TELEPHONE}.")
    chemin = tmp_path / "dossier.yaml"
    chemin.write_text(yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False), encoding="utf-8")
    sortie = tmp_path / "publies"
    with pytest.raises(PublicationRefusee) as erreur:
        publier(actes62.load(chemin), sortie)
    message = str(erreur.value)
    assert f"{sortie / (PREFIXE + '_rapport.docx')}:paragraphe " in message
    assert f"courriel « {COURRIEL} » encore présent" in message
    assert f"téléphone « {TELEPHONE} » encore présent" in message
    assert re.search(rf"{PREFIXE}_rapport\.pdf:page \d+ ligne \d+: courriel", message)
    assert "| personnel" in message
    assert not any(f.suffix in (".docx", ".pdf") for f in sortie.iterdir())


def test_a_deliberation_without_accuse_de_reception_is_not_published(tmp_path: Path) -> None:
    dossier = actes62.load(EXEMPLE)
    affaire = dossier.affaires[0]
    sans = dossier.model_copy(
        update={
            "affaires": [
                affaire.model_copy(
                    update={"deliberation": affaire.deliberation.model_copy(update={"acquittement": None})}
                )
            ]
        }
    )
    with pytest.raises(
        PublicationRefusee, match=r"n'a pas d'accusé de réception ACTES.*deliberation\.acquittement"
    ):
        publier(sans, tmp_path / "publies")
    assert not (tmp_path / "publies").exists()


def _png() -> bytes:
    """A 1×1 PNG image."""

    def bloc(genre: bytes, donnees: bytes) -> bytes:
        return (
            struct.pack(">I", len(donnees)) + genre + donnees + struct.pack(">I", zlib.crc32(genre + donnees))
        )

    entete = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + bloc(b"IHDR", entete)
        + bloc(b"IDAT", zlib.compress(b"\0\0\0\0"))
        + bloc(b"IEND", b"")
    )


def test_a_signature_image_is_refused(tmp_path: Path) -> None:
    dossier = actes62.load(EXEMPLE)
    chemin = tmp_path / "deliberation.docx"
    actes62.render_document(dossier, dossier.affaires[0], "deliberation", chemin)
    verifier_publication([chemin])  # no image: nothing to say
    (tmp_path / "signature.png").write_bytes(_png())
    document = docx.Document(str(chemin))
    signature = next(p for p in document.paragraphs if p.style is not None and p.style.name == "Signature")
    signature.add_run().add_picture(str(tmp_path / "signature.png"))
    document.save(str(chemin))
    with pytest.raises(
        PublicationRefusee, match=r"deliberation\.docx:paragraphe \d+: image dans une signature"
    ):
        verifier_publication([chemin])


def test_the_rib_is_validated_with_a_french_message(tmp_path: Path) -> None:
    texte = EXEMPLE.read_text(encoding="utf-8")
    mauvais = tmp_path / "dossier.yaml"
    mauvais.write_text(
        texte.replace("FR76 3000 6000 0112 3456 7890 189", "FR76 3000 6000 0112 3456 7890 188").replace(
            "bic: AGRIFRPP", "bic: AGRI"
        ),
        encoding="utf-8",
    )
    with pytest.raises(DossierInvalide) as erreur:
        actes62.load(mauvais)
    message = str(erreur.value)
    ligne_iban = next(n for n, ligne in enumerate(texte.splitlines(), start=1) if "iban: FR76" in ligne)
    assert (
        f"{mauvais}:{ligne_iban}: [affaires[0].convention.rib.iban] IBAN « FR76 3000 6000 0112 3456 7890 188 » invalide"
        in message
    )
    assert "[affaires[0].convention.rib.bic] BIC « AGRI » invalide" in message


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sortie = tmp_path / "publies"
    dossier = _dossier_avec_contacts(tmp_path / "dossier.yaml")
    assert main(["publication", str(dossier), "-o", str(sortie)]) == 0
    assert "données personnelles retirées et vérifiées absentes" in capsys.readouterr().out
    assert main(["publication", str(dossier), "-o", str(sortie)]) == 2
    erreur = capsys.readouterr().err
    assert "existe déjà" in erreur and "--force" in erreur and "Traceback" not in erreur
