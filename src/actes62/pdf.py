"""DOCX → PDF/A with LibreOffice, and the transmission PDF of an affaire.

The PDFs are PDF/A-2b, tagged. Why 2b and not 2a or 2u: LibreOffice's export writes PDF/A-1b, 2b
or 3b only (`SelectPdfVersion`), and the transmission PDF keeps whole the annexes a user supplies
as PDF, whose text mapping (2u) and structure (2a) actes62 cannot vouch for; PDF/A-2 rather than 1
for its tagged-PDF and transparency rules (PDF 1.7). Accessibility is made on top and tested
directly: LibreOffice tags the documents (`UseTaggedPDF`, implied by PDF/A), the templates' titles
and article headings have outline levels so they are tagged H1/H2 and become bookmarks
(`ExportBookmarks`), table header rows are tagged TH, `/Lang` is fr-FR (the templates' language),
and the window shows the document's title (`DisplayDocTitle`). `actes62.pdfa` (pikepdf) then
rewrites the XMP from the document information (LibreOffice escapes it twice) and scopes TH cells.

LibreOffice is run once for a whole batch of documents (a start costs about a second), headless,
with a profile directory of its own created for the call and removed after, so that parallel runs
do not share (and lock) one profile. Results are moved into place only when LibreOffice has
produced (and pikepdf finished) all of them.

LibreOffice never outlives the conversion: it runs through `actes62.garde`'s guard, in a process
group of its own, which is killed (and its profile removed) when the conversion stops — a failure,
a timeout, an `Interruption` (SIGTERM, SIGINT) — or when this process dies, even by SIGKILL. The
profiles a dead run left in the temporary folder (`actes62-libreoffice-PID-…`, the pid gone) are
removed by the next conversion.

The transmission PDF joins the délibération and its annexes with pikepdf (`actes62.pdfa.joindre`),
one bookmark each: structure trees, XMP, output intent and PDF/A-2b identification are kept (the
latter only when every part is PDF/A).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pikepdf

from actes62 import garde
from actes62 import pdfa as pdfa_
from actes62.errors import ConversionError, LibreOfficeAbsent
from actes62.model import Affaire, Collectivite
from actes62.progress import Progression

__all__ = ["VARIABLE_SOFFICE", "assembler", "convertir_pdf", "trouver_soffice"]

VARIABLE_SOFFICE = "ACTES62_SOFFICE"
"""Environment variable naming the LibreOffice program (`soffice`) to use."""

_FILTRE_PDFA = (
    'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"}}'
)
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
    processus: int = 1,
    progression: bool = False,
) -> list[Path]:
    """Convert the documents to PDF (PDF/A-2b by default) with few LibreOffice runs.

    The documents are split into `processus` batches, each converted by one LibreOffice process
    with its own profile, running side by side. Returns `sortie_dir/{stem}.pdf` for each document,
    in the order given. LibreOffice is looked for first (LibreOfficeAbsent before any work);
    ConversionError when it fails, times out (default: 60 s + 10 s a document of the batch) or
    misses a document; then no PDF is written.
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
    nombre = max(1, min(processus, len(documents)))
    taille = -(-len(documents) // nombre)
    lots = [documents[i : i + taille] for i in range(0, len(documents), taille)]
    barre = Progression(len(documents), "Conversion PDF ", actif=None if progression else False)
    _nettoyer_profils()
    atelier = Path(tempfile.mkdtemp(prefix=f".actes62-pdf-{os.getpid()}-", dir=sortie_dir))
    lancees = _Lancees()
    try:
        with ThreadPoolExecutor(len(lots)) as executeur:
            travaux = [
                executeur.submit(_convertir_lot, soffice, lot, atelier, pdfa, timeout, barre, lancees)
                for lot in lots
            ]
            try:
                for travail in travaux:
                    travail.result()
            except BaseException:  # stop the other batches' LibreOffice now, not when they are done
                lancees.arreter()
                raise
        barre.terminer()
        resultats = []
        for document in documents:
            destination = sortie_dir / f"{document.stem}.pdf"
            os.replace(atelier / destination.name, destination)
            resultats.append(destination)
        return resultats
    finally:
        shutil.rmtree(atelier, ignore_errors=True)


_PREFIXE_PROFIL = "actes62-libreoffice-"


def _nettoyer_profils() -> None:
    """Remove the LibreOffice profiles of dead runs from the temporary folder (this user's only)."""
    from actes62.sortie import perime

    racine = Path(tempfile.gettempdir())
    try:
        entrees = [e for e in racine.iterdir() if e.name.startswith(_PREFIXE_PROFIL)]
    except OSError:
        return
    for entree in entrees:
        try:
            a_moi = entree.lstat().st_uid == os.getuid() and entree.is_dir() and not entree.is_symlink()
        except OSError:
            continue
        if a_moi and perime(entree):
            shutil.rmtree(entree, ignore_errors=True)


class _Lancees:
    """The LibreOffice guards running for one conversion, to stop them all at once."""

    def __init__(self) -> None:
        self._verrou = threading.Lock()
        self._processus: set[subprocess.Popen[str]] = set()
        self.arrete = False

    def lancer(self, commande: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        with self._verrou:
            if self.arrete:
                raise ConversionError("conversion arrêtée")
            processus = subprocess.Popen(
                commande,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
            self._processus.add(processus)
            return processus

    def fini(self, processus: subprocess.Popen[str]) -> None:
        with self._verrou:
            self._processus.discard(processus)

    def arreter(self) -> None:
        """Tell every guard to kill its LibreOffice (SIGTERM), and launch no more."""
        with self._verrou:
            self.arrete = True
            for processus in self._processus:
                _signaler(processus, signal.SIGTERM)


def _signaler(processus: subprocess.Popen[str], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        processus.send_signal(signum)


LOT_MAX = 150
"""Documents converted by one LibreOffice start at most: a long run is split, so that one crash or
leak costs little, and a document LibreOffice skipped is retried once in a new start."""


def _convertir_lot(
    soffice: str,
    documents: Sequence[Path],
    atelier: Path,
    pdfa: bool,
    timeout: float | None,
    barre: Progression,
    lancees: _Lancees,
) -> None:
    """Convert a worker's documents into `atelier`, LOT_MAX at a time, one run after the other with
    the worker's own profile (made by the first start, reused by the next ones)."""
    with tempfile.TemporaryDirectory(
        prefix=f"{_PREFIXE_PROFIL}{os.getpid()}-", ignore_cleanup_errors=True
    ) as dossier_profil:
        profil = Path(dossier_profil)
        for debut in range(0, len(documents), LOT_MAX):
            lot = documents[debut : debut + LOT_MAX]
            sortie, erreurs = _lancer_libreoffice(
                soffice, profil, lot, atelier, pdfa, timeout, barre, lancees
            )
            manquants = [d for d in lot if not _produit(atelier, d)]
            if manquants:  # LibreOffice sometimes drops a document of a long batch: once more
                sortie, erreurs = _lancer_libreoffice(
                    soffice, profil, manquants, atelier, pdfa, timeout, barre, lancees
                )
            for document in manquants:
                if not _produit(atelier, document):
                    lignes = [ligne for ligne in (sortie + erreurs).splitlines() if document.name in ligne]
                    detail = " ; ".join(lignes) or (erreurs or sortie).strip()
                    raise ConversionError(
                        f"LibreOffice n'a pas produit le PDF de {document.name}"
                        + (f" : {detail}" if detail else "")
                    )
            if pdfa:
                for document in lot:
                    _finir(atelier / f"{document.stem}.pdf", document)


def _finir(chemin: Path, document: Path) -> None:
    try:
        pdfa_.finir(chemin)
    except (OSError, pikepdf.PdfError) as exc:
        raise ConversionError(
            f"le PDF de {document.name} n'a pas pu être complété en PDF/A : {exc}"
        ) from None


def _produit(atelier: Path, document: Path) -> bool:
    produit = atelier / f"{document.stem}.pdf"
    if not produit.is_file():
        return False
    with produit.open("rb") as fichier:
        return fichier.read(5) == b"%PDF-"


def _lancer_libreoffice(
    soffice: str,
    profil: Path,
    documents: Sequence[Path],
    atelier: Path,
    pdfa: bool,
    timeout: float | None,
    barre: Progression,
    lancees: _Lancees,
) -> tuple[str, str]:
    delai = timeout if timeout is not None else _DELAI_DEMARRAGE + _DELAI_DOCUMENT * len(documents)
    commande = [
        soffice,
        f"-env:UserInstallation={profil.as_uri()}",
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
    temporaire = profil / "tmp"  # LibreOffice's own temporary files: removed with its profile
    temporaire.mkdir(exist_ok=True)
    env = {**os.environ, "TMPDIR": str(temporaire)}
    return _executer(garde.commande_gardee(commande, profil), delai, barre, lancees, env)


def _executer(
    commande: list[str],
    delai: float,
    barre: Progression,
    lancees: _Lancees,
    env: dict[str, str] | None = None,
) -> tuple[str, str]:
    """Run LibreOffice through its guard (its own process group, killed with it on a timeout);
    each « convert … » line it prints advances the progress bar."""
    try:
        processus = lancees.lancer(commande, env)
    except OSError as exc:
        raise ConversionError(f"LibreOffice n'a pas pu être lancé ({commande[0]}) : {exc}") from None
    expire = threading.Event()

    def expirer() -> None:
        expire.set()
        _signaler(processus, signal.SIGTERM)

    minuteur = threading.Timer(delai, expirer)
    minuteur.start()
    erreurs: list[str] = []
    lecteur = threading.Thread(
        target=lambda: erreurs.append(processus.stderr.read() if processus.stderr else "")
    )
    lecteur.start()
    lignes = []
    try:
        assert processus.stdout is not None
        for ligne in processus.stdout:
            lignes.append(ligne)
            if ligne.startswith("convert "):
                barre.avancer()
        processus.wait()
    finally:
        minuteur.cancel()
        lecteur.join()
        lancees.fini(processus)
    sortie, erreur = "".join(lignes), "".join(erreurs)
    if expire.is_set():
        raise ConversionError(f"LibreOffice n'a pas terminé la conversion en {delai:.0f} s")
    if lancees.arrete:
        raise ConversionError("conversion arrêtée")
    if processus.returncode != 0:
        raise ConversionError(
            f"LibreOffice a échoué (code {processus.returncode}) : {(erreur or sortie).strip()}"
        )
    return sortie, erreur


def assembler(
    affaire: Affaire,
    pieces: Sequence[tuple[str, Path]],
    destination: Path,
    collectivite: Collectivite,
) -> Path:
    """The transmission PDF of an affaire: the PDFs of `pieces` (bookmark title, file) in order.

    Document information and XMP: title « Délibération n°… – titre », subject, author the
    collectivité. Tagged and PDF/A-2b as its parts (see `actes62.pdfa.joindre`). Written through a
    temporary file in the same folder (never a partial file)."""
    if not pieces:
        raise ConversionError(f"affaire « {affaire.id} » : aucun PDF à assembler")
    deliberation = affaire.deliberation
    sujet = f"Délibération et annexes de l'affaire « {affaire.id} »"
    if deliberation.acquittement is not None:
        sujet += f" – acte {deliberation.acquittement.identifiant}"
    try:
        pdfa_.joindre(
            pieces,
            Path(destination),
            titre=f"Délibération n°{deliberation.numero} – {affaire.titre}",
            sujet=sujet,
            auteur=collectivite.nom,
        )
    except (OSError, pikepdf.PdfError) as exc:
        raise ConversionError(f"affaire « {affaire.id} » : PDF illisible ({exc})") from None
    return Path(destination)
