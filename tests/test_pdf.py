"""PDF: LibreOffice really converts the example's four documents (once for the module) into PDF/A
that carry the seed's figures; the transmission PDF joins the délibération, its annexes and the
rapport, with bookmarks and metadata; a missing or failing LibreOffice is reported in French and
leaves no file."""

from __future__ import annotations

import shutil
import stat
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

import actes62
from actes62 import pdf, render
from actes62.errors import ConversionError, GenerationError, LibreOfficeAbsent
from actes62.model import AnnexeDocument, Dossier

EXEMPLE = Path(__file__).resolve().parents[1] / "examples" / "lianes-2025" / "dossier.yaml"
PREFIXE = "lianes-2025_2025-344"
PDFAID = "http://www.aiim.org/pdfa/ns/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def texte(chemin: Path) -> str:
    """The text of a PDF, NFKC-normalised (U+00A0/U+202F become spaces), whitespace collapsed."""
    brut = "\n".join(page.extract_text() for page in PdfReader(chemin).pages)
    return " ".join(unicodedata.normalize("NFKC", brut).split())


def sans_espaces(chaine: str) -> str:
    """Numbers compared without their group spaces, which PDF extraction may keep or lose."""
    return "".join(chaine.split())


def partie_pdfa(chemin: Path) -> str | None:
    """The PDF/A part declared in the XMP metadata (pdfaid:part), as element or attribute."""
    xmp = PdfReader(chemin).xmp_metadata
    if xmp is None:
        return None
    for description in xmp.rdf_root.getElementsByTagNameNS(RDF, "Description"):
        attribut = description.getAttributeNS(PDFAID, "part")
        if attribut:
            return str(attribut)
        for element in description.getElementsByTagNameNS(PDFAID, "part"):
            return "".join(str(n.nodeValue) for n in element.childNodes)
    return None


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return actes62.load(EXEMPLE)


@pytest.fixture(scope="module")
def sortie(dossier: Dossier, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dossier_sortie = tmp_path_factory.mktemp("pdf")
    ecrits = render.generer(dossier, dossier_sortie, pdf=True)
    assert [f.name for f in ecrits] == [
        f"{PREFIXE}_deliberation.docx",
        f"{PREFIXE}_rapport.docx",
        f"{PREFIXE}_convention.docx",
        f"{PREFIXE}_annexe3_budget.docx",
        f"{PREFIXE}_deliberation.pdf",
        f"{PREFIXE}_rapport.pdf",
        f"{PREFIXE}_convention.pdf",
        f"{PREFIXE}_annexe3_budget.pdf",
        f"{PREFIXE}_transmission.pdf",
    ]
    assert sorted(f.name for f in dossier_sortie.iterdir()) == sorted(f.name for f in ecrits)
    return dossier_sortie


ATTENDUS = {
    "deliberation": [
        "062-226200012-20250915-lmc1526130-DE-1-1",
        "Publication électronique le : 1er octobre 2025",
        "DÉPARTEMENT DU PAS-DE-CALAIS",
        "RÉUNION DU 15 SEPTEMBRE 2025",
        "(N° 2025-344)",
        "Vu la délibération n° 2021-257 du Conseil départemental en date du 01/07/2021",
        "DÉCIDE :",
        "Article 3 :",
        "Pour : 44 voix",
        "Contre : 0 voix",
        "(Adopté)",
        "Maryline VINCLAIRE",
    ],
    "rapport": [
        "RAPPORT N° 27",
        "Territoire(s) : Tous les territoires",
        "a émis un avis favorable sur ce rapport lors de sa réunion du 02/09/2025",
    ],
    "convention": [
        "CONVENTION 2025",
        "Article 10 : Voies de recours",
        "au plus tard le 1er avril 2026",
        "neuf mille trois cent quatre-vingts euros",
        "Christian DERUY",
        "Elise MOULENE",
    ],
    "annexe3_budget": ["Annexe 3", "TOTAL", "Intitulé de l’action"],
}
NOMBRES = {
    "deliberation": ["10 000,00", "9 380,00", "9 380 €"],
    "rapport": ["10 000,00", "9 380,00", "620,00"],
    "convention": ["226 200 012 00012", "438 535 221 00024", "9 380 €"],
    "annexe3_budget": [
        "3 000,00 €",
        "31,98",
        "15,99",
        "8,53",
        "6,40",
        "14,93",
        "12,58",
        "7,46",
        "2,13",
        "9 380,00 €",
        "100,00",
    ],
}


@pytest.mark.parametrize("document", list(ATTENDUS))
def test_each_pdf_is_pdfa_with_the_seed_figures(sortie: Path, document: str) -> None:
    chemin = sortie / f"{PREFIXE}_{document}.pdf"
    assert partie_pdfa(chemin) == "2"
    contenu = texte(chemin)
    for phrase in ATTENDUS[document]:
        assert phrase in contenu, phrase
    for nombre in NOMBRES[document]:
        assert sans_espaces(nombre) in sans_espaces(contenu), nombre


def test_transmission_pdf(sortie: Path) -> None:
    parties = ["deliberation", "convention", "annexe3_budget", "rapport"]
    lecteur = PdfReader(sortie / f"{PREFIXE}_transmission.pdf")
    pages = [len(PdfReader(sortie / f"{PREFIXE}_{p}.pdf").pages) for p in parties]
    assert len(lecteur.pages) == sum(pages)
    titres = [item.title for item in lecteur.outline if not isinstance(item, list)]
    assert titres == [
        "Délibération n°2025-344",
        "Annexe 2 – Projet de convention 2025",
        "Annexe 3 – Proposition d'accompagnement 2025 — budget",
        "Rapport n°27",
    ]
    debuts = [
        lecteur.get_destination_page_number(item) for item in lecteur.outline if not isinstance(item, list)
    ]
    assert debuts == [sum(pages[:i]) for i in range(len(pages))]
    meta = lecteur.metadata
    assert meta is not None
    assert meta.title is not None and meta.title.startswith(
        "Délibération n°2025-344 – Soutien aux actions d'accompagnement"
    )
    assert meta.author == "Département du Pas-de-Calais"
    assert meta.subject is not None and "062-226200012-20250915-lmc1526130-DE" in meta.subject
    assert str(lecteur.root_object["/Lang"]) == "fr-FR"


@pytest.mark.parametrize("document", ["deliberation", "rapport", "convention", "annexe3_budget"])
def test_each_pdf_says_it_is_in_french(sortie: Path, document: str) -> None:
    """The templates' default language is fr-FR (python-docx's default template is en-US), so the
    PDF LibreOffice writes says /Lang fr-FR."""
    assert str(PdfReader(sortie / f"{PREFIXE}_{document}.pdf").root_object["/Lang"]) == "fr-FR"


def test_external_annex_is_joined_when_its_file_exists(
    sortie: Path, dossier: Dossier, tmp_path: Path
) -> None:
    shutil.copy(sortie / f"{PREFIXE}_annexe3_budget.pdf", tmp_path / "bilan.pdf")
    affaire = dossier.affaires[0]
    bilan = affaire.annexes[0]
    assert isinstance(bilan, AnnexeDocument)
    annexes = [bilan.model_copy(update={"fichier": "bilan.pdf"}), *affaire.annexes[1:]]
    avec_bilan = dossier.model_copy(update={"affaires": [affaire.model_copy(update={"annexes": annexes})]})
    ecrits = render.generer(
        avec_bilan, tmp_path / "sortie", pdf=True, kinds=["deliberation"], racine=tmp_path
    )
    assert [f.name for f in ecrits] == [
        f"{PREFIXE}_deliberation.docx",
        f"{PREFIXE}_deliberation.pdf",
        f"{PREFIXE}_transmission.pdf",
    ]
    lecteur = PdfReader(ecrits[-1])
    assert [item.title for item in lecteur.outline if not isinstance(item, list)] == [
        "Délibération n°2025-344",
        "Annexe 1 – Bilan d'activités 2024 de Lianes coopération",
    ]
    assert len(lecteur.pages) == len(PdfReader(ecrits[1]).pages) + len(
        PdfReader(tmp_path / "bilan.pdf").pages
    )


@pytest.mark.parametrize("chemin", ["/etc/hostname", "../bilan.pdf"])
def test_an_annex_file_outside_the_dossiers_folder_is_refused(
    dossier: Dossier, tmp_path: Path, chemin: str
) -> None:
    affaire = dossier.affaires[0]
    bilan = affaire.annexes[0]
    assert isinstance(bilan, AnnexeDocument)
    annexes = [bilan.model_copy(update={"fichier": chemin}), *affaire.annexes[1:]]
    hors = dossier.model_copy(update={"affaires": [affaire.model_copy(update={"annexes": annexes})]})
    (tmp_path / "dossier").mkdir()
    with pytest.raises(GenerationError, match="est hors du dossier"):
        render.generer(
            hors, tmp_path / "sortie", pdf=True, kinds=["deliberation"], racine=tmp_path / "dossier"
        )
    assert not (tmp_path / "sortie").exists() or not list((tmp_path / "sortie").iterdir())


# --- without a working LibreOffice -------------------------------------------------------------------


def test_libreoffice_absent(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, dossier: Dossier) -> None:
    monkeypatch.setenv(pdf.VARIABLE_SOFFICE, str(tmp_path / "pas-de-soffice"))
    with pytest.raises(LibreOfficeAbsent) as erreur:
        pdf.convertir_pdf([tmp_path / "inexistant.docx"], tmp_path)
    assert "LibreOffice est introuvable" in str(erreur.value)
    assert "ACTES62_SOFFICE" in str(erreur.value)

    monkeypatch.delenv(pdf.VARIABLE_SOFFICE)
    monkeypatch.setenv("PATH", "")
    with pytest.raises(LibreOfficeAbsent, match="apt-get install libreoffice"):
        pdf.trouver_soffice()
    with pytest.raises(LibreOfficeAbsent):
        render.generer(dossier, tmp_path / "sortie", pdf=True)
    assert not (tmp_path / "sortie").exists()  # refused before any work


def programme(chemin: Path, script: str) -> Path:
    chemin.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    chemin.chmod(chemin.stat().st_mode | stat.S_IXUSR)
    return chemin


def test_libreoffice_failure_leaves_no_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sortie: Path, dossier: Dossier
) -> None:
    monkeypatch.setenv(
        pdf.VARIABLE_SOFFICE, str(programme(tmp_path / "echec", "echo 'erreur simulée' >&2; exit 3"))
    )
    with pytest.raises(ConversionError, match="erreur simulée"):
        pdf.convertir_pdf([sortie / f"{PREFIXE}_rapport.docx"], tmp_path / "pdf")
    assert list((tmp_path / "pdf").iterdir()) == []
    with pytest.raises(ConversionError):
        render.generer(dossier, tmp_path / "sortie", pdf=True)
    assert list((tmp_path / "sortie").iterdir()) == []


def test_libreoffice_timeout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sortie: Path) -> None:
    monkeypatch.setenv(pdf.VARIABLE_SOFFICE, str(programme(tmp_path / "lent", "sleep 30")))
    with pytest.raises(ConversionError, match="n'a pas terminé"):
        pdf.convertir_pdf([sortie / f"{PREFIXE}_rapport.docx"], tmp_path / "pdf", timeout=0.5)
    assert list((tmp_path / "pdf").iterdir()) == []


# A stand-in for LibreOffice that writes a tiny PDF for each document given after --outdir DIR,
# except the ones named in $SAUTER (by stem), the first time only when $UNE_FOIS is set. Its files
# are no real PDF: the tests that use it ask for plain PDF (no PDF/A finishing).
_FAUX_SOFFICE = r"""
sortie=""; prendre=0
for a in "$@"; do
  if [ "$prendre" = 1 ]; then sortie="$a"; prendre=0; continue; fi
  case "$a" in --outdir) prendre=1 ;; *.docx)
    nom=$(basename "$a" .docx)
    if [ "$nom" = "$SAUTER" ] && [ ! -e "$TEMOIN" ]; then
      [ -n "$UNE_FOIS" ] && touch "$TEMOIN"; echo "Error: source file could not be loaded $a"; continue
    fi
    printf '%%PDF-1.4\n' > "$sortie/$nom.pdf"; echo "convert $a -> $sortie/$nom.pdf" ;;
  esac
done
"""


def _documents(dossier: Path, nombre: int) -> list[Path]:
    dossier.mkdir()
    chemins = [dossier / f"doc{i:03d}.docx" for i in range(nombre)]
    for chemin in chemins:
        chemin.write_bytes(b"PK")
    return chemins


def test_long_runs_are_split_and_a_dropped_document_retried(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(pdf.VARIABLE_SOFFICE, str(programme(tmp_path / "faux", _FAUX_SOFFICE)))
    monkeypatch.setenv("SAUTER", "doc007")
    monkeypatch.setenv("UNE_FOIS", "1")
    monkeypatch.setenv("TEMOIN", str(tmp_path / "deja"))
    monkeypatch.setattr(pdf, "LOT_MAX", 4)
    documents = _documents(tmp_path / "docx", 10)
    produits = pdf.convertir_pdf(documents, tmp_path / "pdf", processus=2, pdfa=False)
    assert [p.name for p in produits] == [f"doc{i:03d}.pdf" for i in range(10)]
    assert all(p.read_bytes().startswith(b"%PDF-") for p in produits)


def test_a_document_dropped_twice_is_an_error_naming_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(pdf.VARIABLE_SOFFICE, str(programme(tmp_path / "faux", _FAUX_SOFFICE)))
    monkeypatch.setenv("SAUTER", "doc002")
    monkeypatch.setenv("TEMOIN", str(tmp_path / "jamais"))
    documents = _documents(tmp_path / "docx", 5)
    with pytest.raises(ConversionError, match=r"doc002\.docx : Error: source file could not be loaded"):
        pdf.convertir_pdf(documents, tmp_path / "pdf", pdfa=False)
    assert list((tmp_path / "pdf").iterdir()) == []


def test_an_existing_transmission_pdf_is_not_replaced_without_force(tmp_path: Path) -> None:
    """The transmission PDF is one of the names `generate --pdf` checks before any work."""
    from actes62 import FichierExistant
    from actes62.render import nom_transmission

    dossier = actes62.load(EXEMPLE)
    sortie = tmp_path / "sortie"
    sortie.mkdir()
    existant = sortie / nom_transmission(dossier.affaires[0])
    existant.write_bytes(b"%PDF-1.7 ancien")
    with pytest.raises(FichierExistant, match="transmission"):
        render.generate(dossier, sortie, pdf=True, racine=EXEMPLE.parent)
    assert existant.read_bytes() == b"%PDF-1.7 ancien"
    assert [p.name for p in sortie.iterdir()] == [existant.name]


def test_a_docx_only_run_does_not_leave_stale_pdfs_beside_its_docx(tmp_path: Path) -> None:
    """After `generate --pdf`, a `generate` without `--pdf` into the same folder would leave PDFs
    that no longer say what the new DOCX say: refused, or removed with --force."""
    from actes62 import GenerationError

    dossier = actes62.load(EXEMPLE)
    sortie = tmp_path / "sortie"
    sortie.mkdir()
    affaire = dossier.affaires[0]
    for nom in (
        render.nom_fichier(affaire, "deliberation", extension="pdf"),
        render.nom_transmission(affaire),
    ):
        (sortie / nom).write_bytes(b"%PDF-1.7 ancien")
    with pytest.raises(GenerationError, match="PDF d'une génération précédente"):
        render.generate(dossier, sortie)
    assert sorted(p.suffix for p in sortie.iterdir()) == [".pdf", ".pdf"]  # nothing written
    ecrits = render.generate(dossier, sortie, force=True)
    assert sorted(p.name for p in sortie.iterdir()) == sorted(p.name for p in ecrits)
    assert all(p.suffix == ".docx" for p in ecrits)
