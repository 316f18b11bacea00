"""DOCX → PDF/A with LibreOffice, and the transmission PDF of an affaire with pypdf.

LibreOffice is run once for a whole batch of documents (a start costs about a second), headless,
with a profile directory of its own created for the call and removed after, so that parallel runs
do not share (and lock) one profile. The PDFs are PDF/A-2b. Results are moved into place only when
LibreOffice has produced all of them.

The transmission PDF joins the délibération and its annexes, one bookmark each; joining does not
keep PDF/A conformance (pypdf copies pages, not the PDF/A metadata), the parts themselves are PDF/A.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from actes62.errors import ConversionError, LibreOfficeAbsent
from actes62.model import Affaire, Collectivite

__all__ = ["VARIABLE_SOFFICE", "assembler", "convertir_pdf", "trouver_soffice"]

VARIABLE_SOFFICE = "ACTES62_SOFFICE"
"""Environment variable naming the LibreOffice program (`soffice`) to use."""

_FILTRE_PDFA = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
_FILTRE_PDF = "pdf:writer_pdf_Export"
_DELAI_DEMARRAGE = 60.0  # seconds for LibreOffice to start, on top of the per-document allowance
_DELAI_DOCUMENT = 10.0


def trouver_soffice() -> str:
    """The LibreOffice program: $ACTES62_SOFFICE, else `soffice` or `libreoffice` on the PATH.

    Raises LibreOfficeAbsent (French message saying how to install it) when there is none."""
    explicite = os.environ.get(VARIABLE_SOFFICE)
    if explicite:
        chemin = shutil.which(explicite)
        if chemin is None:
            raise LibreOfficeAbsent(
                f"{VARIABLE_SOFFICE}={explicite} : ce programme n'existe pas ou n'est pas exécutable. "
                + LibreOfficeAbsent.message
            )
        return chemin
    for nom in ("soffice", "libreoffice"):
        chemin = shutil.which(nom)
        if chemin is not None:
            return chemin
    raise LibreOfficeAbsent()


def convertir_pdf(
    docx_paths: Sequence[Path],
    sortie_dir: Path,
    *,
    pdfa: bool = True,
    timeout: float | None = None,
) -> list[Path]:
    """Convert the documents to PDF (PDF/A-2b by default) with one LibreOffice run.

    Returns `sortie_dir/{stem}.pdf` for each document, in the order given. LibreOffice is looked
    for first (LibreOfficeAbsent before any work); ConversionError when it fails, times out
    (default: 60 s + 10 s a document) or misses a document; then no PDF of the batch is written.
    """
    soffice = trouver_soffice()
    documents = [Path(chemin).resolve() for chemin in docx_paths]
    if not documents:
        return []
    manquants = [str(d) for d in documents if not d.is_file()]
    if manquants:
        raise ConversionError(f"document(s) à convertir introuvable(s) : {', '.join(manquants)}")
    noms = [d.stem for d in documents]
    doublons = sorted({n for n in noms if noms.count(n) > 1})
    if doublons:
        raise ConversionError(f"plusieurs documents donneraient le même PDF : {', '.join(doublons)}")
    sortie_dir = Path(sortie_dir)
    sortie_dir.mkdir(parents=True, exist_ok=True)
    delai = timeout if timeout is not None else _DELAI_DEMARRAGE + _DELAI_DOCUMENT * len(documents)
    with tempfile.TemporaryDirectory(prefix="actes62-libreoffice-") as profil:
        atelier = Path(tempfile.mkdtemp(prefix=".actes62-pdf-", dir=sortie_dir))
        try:
            commande = [
                soffice,
                f"-env:UserInstallation={Path(profil).as_uri()}",
                "--headless",
                "--invisible",
                "--nologo",
                "--nodefault",
                "--nolockcheck",
                "--norestore",
                "--convert-to",
                _FILTRE_PDFA if pdfa else _FILTRE_PDF,
                "--outdir",
                str(atelier),
                *map(str, documents),
            ]
            sortie, erreurs = _executer(commande, delai)
            produits = []
            for document in documents:
                produit = atelier / f"{document.stem}.pdf"
                if not produit.is_file() or produit.read_bytes()[:5] != b"%PDF-":
                    detail = (erreurs or sortie).strip()
                    raise ConversionError(
                        f"LibreOffice n'a pas produit le PDF de {document.name}"
                        + (f" : {detail}" if detail else "")
                    )
                produits.append(produit)
            resultats = []
            for produit in produits:
                destination = sortie_dir / produit.name
                os.replace(produit, destination)
                resultats.append(destination)
            return resultats
        finally:
            shutil.rmtree(atelier, ignore_errors=True)


def _executer(commande: list[str], delai: float) -> tuple[str, str]:
    """Run LibreOffice in its own process group, so that a timeout ends it and its children."""
    try:
        processus = subprocess.Popen(
            commande,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
    except OSError as exc:
        raise ConversionError(f"LibreOffice n'a pas pu être lancé ({commande[0]}) : {exc}") from None
    try:
        sortie, erreurs = processus.communicate(timeout=delai)
    except subprocess.TimeoutExpired:
        os.killpg(processus.pid, signal.SIGKILL)
        processus.communicate()
        raise ConversionError(f"LibreOffice n'a pas terminé la conversion en {delai:.0f} s") from None
    if processus.returncode != 0:
        raise ConversionError(
            f"LibreOffice a échoué (code {processus.returncode}) : {(erreurs or sortie).strip()}"
        )
    return sortie, erreurs


def assembler(
    affaire: Affaire,
    pieces: Sequence[tuple[str, Path]],
    destination: Path,
    collectivite: Collectivite,
) -> Path:
    """The transmission PDF of an affaire: the PDFs of `pieces` (bookmark title, file) in order.

    Document information: /Title « Délibération n°… – titre », /Subject, /Author the collectivité.
    Written through a temporary file in the same folder (never a partial file)."""
    if not pieces:
        raise ConversionError(f"affaire « {affaire.id} » : aucun PDF à assembler")
    ecrivain = PdfWriter()
    try:
        for titre, chemin in pieces:
            ecrivain.append(PdfReader(chemin), outline_item=titre)
    except (OSError, PyPdfError) as exc:
        raise ConversionError(f"affaire « {affaire.id} » : PDF illisible ({exc})") from None
    deliberation = affaire.deliberation
    sujet = f"Délibération et annexes de l'affaire « {affaire.id} »"
    if deliberation.acquittement is not None:
        sujet += f" – acte {deliberation.acquittement.identifiant}"
    ecrivain.add_metadata(
        {
            "/Title": f"Délibération n°{deliberation.numero} – {affaire.titre}",
            "/Subject": sujet,
            "/Author": collectivite.nom,
            "/Creator": "actes62",
        }
    )
    ecrivain.page_mode = "/UseOutlines"
    destination = Path(destination)
    descripteur, temporaire = tempfile.mkstemp(prefix=f".{destination.name}.", dir=destination.parent)
    try:
        with os.fdopen(descripteur, "wb") as fichier:
            ecrivain.write(fichier)
        os.chmod(temporaire, 0o644)
        os.replace(temporaire, destination)
    except BaseException:
        Path(temporaire).unlink(missing_ok=True)
        raise
    return destination
