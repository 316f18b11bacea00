"""Model → documents: the DOCX of each affaire (délibération, rapport, convention, budget annex),
and with `pdf=True` their PDF/A and the transmission PDF.

Each kind's `Gabarit` is compiled once; a large séance is rendered by worker processes (one per
core, each compiling the templates once), its PDFs converted by one LibreOffice batch per worker.
Nothing is written unless everything succeeds.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from actes62 import garde
from actes62 import pdf as pdf_
from actes62 import pieces as pieces_
from actes62 import sortie as sortie_
from actes62.errors import GenerationError, TemplateError
from actes62.fichiers import ecrire_atomique
from actes62.gabarit import GENRES, Gabarit, Genre, contexte_document
from actes62.model import Affaire, AnnexeBudget, AnnexeConvention, AnnexeDocument, DocumentKind, Dossier
from actes62.pieces import Cle
from actes62.progress import Progression
from actes62.textes import rendre_affaire

__all__ = [
    "GENRES",
    "Gabarit",
    "Genre",
    "generate",
    "generer",
    "nom_fichier",
    "nom_transmission",
    "render_document",
]


def nom_fichier(
    affaire: Affaire, genre: DocumentKind | str, numero_annexe: int | None = None, extension: str = "docx"
) -> str:
    """`{affaire.id}_{numéro de délibération}_{genre}.docx`; a budget annex says its number:
    `lianes-2025_2025-344_annexe3_budget.docx`."""
    genre = DocumentKind.de(genre)
    prefixe = f"{affaire.id}_{affaire.deliberation.numero}"
    if genre is DocumentKind.BUDGET:
        numero = numero_annexe if numero_annexe is not None else affaire.numero_annexe("budget")
        if numero is None:
            raise GenerationError(f"affaire « {affaire.id} » : elle n'a pas d'annexe budgétaire")
        return f"{prefixe}_annexe{numero}_budget.{extension}"
    return f"{prefixe}_{genre.modele}.{extension}"


def nom_transmission(affaire: Affaire) -> str:
    """`{affaire.id}_{numéro}_transmission.pdf`: the délibération and its annexes in one PDF."""
    return f"{affaire.id}_{affaire.deliberation.numero}_transmission.pdf"


def render_document(
    dossier: Dossier,
    affaire: Affaire,
    kind: DocumentKind | str,
    destination: Path | None = None,
    template: Path | None = None,
) -> bytes:
    """The DOCX of one kind for one affaire; also written to `destination` (atomically) if given.

    `template`: a collectivité's own .docx, a folder of them, or None for the shipped one."""
    donnees = Gabarit(kind, template).rendre(dossier, affaire)
    if destination is not None:
        ecrire_atomique(Path(destination), donnees)
    return donnees


@dataclass(frozen=True)
class _Document:
    affaire: Affaire
    genre: Genre
    numero_annexe: int | None
    nom: str


def _documents(affaires: Sequence[Affaire], genres: Sequence[Genre]) -> list[_Document]:
    documents = []
    for affaire in affaires:
        for genre in genres:
            if genre is DocumentKind.CONVENTION and affaire.convention is None:
                continue
            if genre is DocumentKind.BUDGET:
                for numero, annexe in enumerate(affaire.annexes, start=1):
                    if isinstance(annexe, AnnexeBudget):
                        documents.append(
                            _Document(affaire, genre, numero, nom_fichier(affaire, genre, numero))
                        )
                continue
            documents.append(_Document(affaire, genre, None, nom_fichier(affaire, genre)))
    return documents


def generate(
    dossier: Dossier,
    sortie: Path,
    *,
    force: bool = False,
    kinds: Iterable[str] | None = None,
    templates: Path | None = None,
    pdf: bool = False,
    racine: Path | None = None,
    processus: int | None = None,
    progression: bool = False,
    publication: bool = False,
    controle: Callable[[Path, Sequence[str]], None] | None = None,
    source: Path | None = None,
) -> list[Path]:
    """Write the documents of every affaire into `sortie`; returns the files written, by affaire.

    DOCX of each kind (`kinds`, default all; no convention file for an affaire without one, one
    file per budget annex). With `pdf`, also the PDF/A of each (one LibreOffice run for the
    whole dossier) and `{id}_{numéro}_transmission.pdf`: the délibération, its annexes in order
    (an annex `document` is joined when it names a `fichier`: a PDF relative to `racine`, default
    the working directory; one that is missing, outside `racine`, unreadable or not a PDF raises
    `PieceInvalide` before any work, naming it with its line in `source`, the dossier file, when
    given) and the rapport, with a bookmark each; an annex without a file is left out
    (`pieces.annexes_sans_fichier` names them).

    Nothing is written unless everything succeeds, and the séance is switched all or nothing (see
    `actes62.sortie`): one run at a time per folder (SortieOccupee names the other); existing files
    (FichierExistant) and symbolic links (LienSymbolique) at the output names are refused before
    any work unless `force`; documents are made in a workshop folder inside `sortie`, then moved
    into place under a journal, and the workshop is removed whatever happens — a SIGTERM/SIGINT
    (`garde.Interruption`) included, which also stops the worker processes and LibreOffice.
    A folder that cannot be written raises GenerationError.

    `processus`: worker processes (default: one per core for a séance of more than
    `SEUIL_PARALLELE` documents, else none); the files are the same, byte for byte, either way.
    `progression`: show progress bars on a terminal (never in a pipe or in CI).
    `publication`: the version for online publication (templates and texts see `publication`
    true; the `personnel` filter withdraws personal data). `controle(atelier, noms)` is called
    on the finished files before they are switched in: an exception it raises leaves `sortie` as
    it was.
    """
    genres = _genres(kinds)
    if templates is not None and Path(templates).is_file() and len(genres) > 1:
        raise TemplateError(
            templates,
            "un dossier de modèles est attendu (deliberation.docx, rapport.docx…), pas un seul fichier",
        )
    gabarits = {genre: Gabarit(genre, templates) for genre in genres}
    documents = _documents(dossier.affaires, genres)
    noms = [document.nom for document in documents]
    annexes: dict[Cle, Path] = {}
    if pdf:
        pdf_.trouver_soffice()
        annexes = pieces_.fichiers_annexes(dossier, racine, source)
        noms += [Path(nom).with_suffix(".pdf").name for nom in noms]
        if DocumentKind.DELIBERATION in genres:
            noms += [nom_transmission(affaire) for affaire in dossier.affaires]
    sortie = Path(sortie)
    try:
        sortie.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise GenerationError(f"{sortie} est un fichier : un dossier de sortie est attendu") from None
    except OSError as exc:
        raise GenerationError(f"{sortie} : impossible d'y écrire ({exc.strerror})") from None
    with sortie_.verrou(sortie):
        return _generer_sous_verrou(
            dossier,
            sortie,
            noms,
            _Travail(dossier, genres, templates, sortie, publication),
            gabarits,
            documents,
            force=force,
            controle=controle,
            pdf=pdf,
            annexes=annexes,
            processus=processus,
            progression=progression,
        )


generer = generate
"""The French name of version 0.2, kept for one version: use `generate`."""


def _generer_sous_verrou(
    dossier: Dossier,
    sortie: Path,
    noms: Sequence[str],
    travail: _Travail,
    gabarits: Mapping[Genre, Gabarit],
    documents: Sequence[_Document],
    *,
    force: bool,
    pdf: bool,
    annexes: Mapping[Cle, Path],
    processus: int | None,
    progression: bool,
    controle: Callable[[Path, Sequence[str]], None] | None = None,
) -> list[Path]:
    """`generer` once the folder's lock is held: complete or clear what a stopped run left, refuse
    taken names, make everything in a workshop, then switch it in (see `actes62.sortie`)."""
    atelier: Path | None = None
    try:
        sortie_.reprendre(sortie)
        sortie_.nettoyer(sortie)
        sortie_.verifier_noms(sortie, noms, force)
        perimes = [] if pdf else _pdf_perimes(sortie, dossier, noms)
        if perimes and not force:
            raise GenerationError(
                f"{sortie} : des PDF d'une génération précédente ({', '.join(p.name for p in perimes[:3])}"
                f"{'…' if len(perimes) > 3 else ''}) resteraient à côté des nouveaux DOCX, sans leurs "
                "changements ; relancez avec --pdf pour les refaire, ou avec --force pour les supprimer"
            )
        atelier = sortie_.atelier(sortie)
        travail = replace(travail, atelier=atelier)
        produits = _produire(
            travail,
            gabarits,
            documents,
            pdf=pdf,
            annexes=annexes,
            processus=processus,
            progression=progression,
        )
        ordre = [nom for affaire in dossier.affaires for nom in produits.get(affaire.id, [])]
        if controle is not None:
            controle(atelier, ordre)
        ecrits = sortie_.basculer(sortie, atelier, ordre)
        for perime in perimes:  # --force without --pdf: an old PDF must not outlive its DOCX
            perime.unlink(missing_ok=True)
        return ecrits
    except OSError as exc:
        raise GenerationError(f"{sortie} : écriture impossible ({exc.strerror or exc})") from None
    finally:
        if atelier is not None:
            shutil.rmtree(atelier, ignore_errors=True)


def _pdf_perimes(sortie: Path, dossier: Dossier, noms: Sequence[str]) -> list[Path]:
    """The PDFs in `sortie` of documents about to be written again as DOCX only (and the affaires'
    transmission PDFs): they would no longer say what the new DOCX say."""
    candidats = [sortie / Path(nom).with_suffix(".pdf").name for nom in noms if nom.endswith(".docx")]
    candidats += [sortie / nom_transmission(affaire) for affaire in dossier.affaires]
    return [chemin for chemin in candidats if chemin.is_file() and not chemin.is_symlink()]


def _genres(kinds: Iterable[str] | None) -> list[Genre]:
    if kinds is None:
        return list(GENRES)
    try:
        demandes = {DocumentKind.de(kind) for kind in kinds}
    except ValueError as exc:
        raise GenerationError(str(exc)) from None
    return [genre for genre in GENRES if genre in demandes]


SEUIL_PARALLELE = 60
"""From this many documents on, generation is spread over worker processes."""


@dataclass(frozen=True)
class _Travail:
    """What a worker process needs to render documents on its own."""

    dossier: Dossier
    genres: Sequence[Genre]
    templates: Path | None
    atelier: Path
    publication: bool = False  # the version for online publication: personal data withdrawn


_TRAVAIL: _Travail | None = None
_GABARITS: dict[Genre, Gabarit] = {}


def _initialiser(travail: _Travail, parent: int) -> None:
    """In a worker: die with the parent, and compile the templates once for every batch it will render."""
    global _TRAVAIL
    garde.suivre_parent(parent)
    _TRAVAIL = travail
    _GABARITS.clear()
    _GABARITS.update({genre: Gabarit(genre, travail.templates) for genre in travail.genres})


def _rendre_lot(indices: Sequence[int]) -> dict[str, list[str]]:
    """In a worker: write the documents of the affaires at `indices`; their file names by affaire."""
    assert _TRAVAIL is not None, "worker not initialised"
    affaires = [_TRAVAIL.dossier.affaires[i] for i in indices]
    return _ecrire_documents(_TRAVAIL, _GABARITS, _documents(affaires, _TRAVAIL.genres))


def _ecrire_documents(
    travail: _Travail, gabarits: Mapping[Genre, Gabarit], documents: Sequence[_Document]
) -> dict[str, list[str]]:
    produits: dict[str, list[str]] = {}
    rendues: dict[str, Affaire] = {}
    for document in documents:
        affaire = document.affaire
        if affaire.id not in rendues:
            rendues[affaire.id] = rendre_affaire(travail.dossier, affaire, publication=travail.publication)
        rendue = rendues[affaire.id]
        contexte = contexte_document(
            travail.dossier, rendue, document.genre, document.numero_annexe, publication=travail.publication
        )
        (travail.atelier / document.nom).write_bytes(gabarits[document.genre].remplir(contexte, rendue))
        produits.setdefault(affaire.id, []).append(document.nom)
    return produits


def _lots(nombre: int, processus: int) -> list[range]:
    """Consecutive batches of affaire indices, a few per worker (for progress and balance)."""
    taille = max(1, -(-nombre // (processus * 8)))
    return [range(debut, min(debut + taille, nombre)) for debut in range(0, nombre, taille)]


def _produire(
    travail: _Travail,
    gabarits: Mapping[Genre, Gabarit],
    documents: Sequence[_Document],
    *,
    pdf: bool,
    annexes: Mapping[Cle, Path],
    processus: int | None,
    progression: bool,
) -> dict[str, list[str]]:
    """Make every file in the workshop folder; returns the file names of each affaire, in order."""
    dossier = travail.dossier
    if processus is None:
        processus = (os.cpu_count() or 1) if len(documents) > SEUIL_PARALLELE else 1
    barre = Progression(len(documents), "Génération DOCX", actif=None if progression else False)
    produits: dict[str, list[str]] = {}
    if processus <= 1:
        for affaire in dossier.affaires:
            a_faire = [d for d in documents if d.affaire is affaire]
            produits.update(_ecrire_documents(travail, gabarits, a_faire))
            barre.avancer(len(a_faire))
    else:
        par_affaire = {affaire.id: 0 for affaire in dossier.affaires}
        for document in documents:
            par_affaire[document.affaire.id] += 1
        executeur = ProcessPoolExecutor(processus, initializer=_initialiser, initargs=(travail, os.getpid()))
        try:
            for resultat in executeur.map(_rendre_lot, _lots(len(dossier.affaires), processus)):
                produits.update(resultat)
                barre.avancer(sum(len(noms) for noms in resultat.values()))
        except BaseException:
            _arreter(executeur)
            raise
        executeur.shutdown()
    barre.terminer()
    if not pdf or not documents:
        return produits
    pdfs = pdf_.convertir_pdf(
        [travail.atelier / d.nom for d in documents],
        travail.atelier,
        processus=processus,
        progression=progression,
    )
    par_nom = {chemin.name: chemin for chemin in pdfs}
    for document in documents:
        produits[document.affaire.id].append(Path(document.nom).with_suffix(".pdf").name)
    for affaire in dossier.affaires:
        pieces = _pieces(rendre_affaire(dossier, affaire), par_nom, annexes)
        if pieces:
            destination = travail.atelier / nom_transmission(affaire)
            pdf_.assembler(affaire, pieces, destination, dossier.collectivite)
            produits.setdefault(affaire.id, []).append(destination.name)
    return produits


def _arreter(executeur: ProcessPoolExecutor) -> None:
    """Stop the worker processes now, not after the work queued (a failure, SIGTERM, Ctrl-C).

    Python 3.14 has `kill_workers`; before it, the executor's own table of processes is used, and
    its manager thread is waited for (so that it does not close its pipe while the interpreter's
    exit writes to it: a traceback at exit in Python 3.11)."""
    gestionnaire = getattr(executeur, "_executor_manager_thread", None)
    tuer = getattr(executeur, "kill_workers", None)
    if callable(tuer):
        executeur.shutdown(wait=False, cancel_futures=True)
        tuer()
        return
    processus = list((getattr(executeur, "_processes", None) or {}).values())
    executeur.shutdown(wait=False, cancel_futures=True)
    for travailleur in processus:
        travailleur.kill()
    for travailleur in processus:
        travailleur.join(5)
    if gestionnaire is not None:
        gestionnaire.join(5)


def _pieces(
    affaire: Affaire, pdfs: Mapping[str, Path], annexes: Mapping[Cle, Path]
) -> list[tuple[str, Path]]:
    """The transmission PDF's parts in order: délibération, annexes, rapport (what exists of them).

    `annexes`: the checked PDF of each annex `document` that names a file (`pieces.fichiers_annexes`)."""
    deliberation = pdfs.get(nom_fichier(affaire, DocumentKind.DELIBERATION, extension="pdf"))
    if deliberation is None:
        return []
    pieces = [(f"Délibération n°{affaire.deliberation.numero}", deliberation)]
    for numero, annexe in enumerate(affaire.annexes, start=1):
        fichier: Path | None = None
        if isinstance(annexe, AnnexeConvention):
            fichier = pdfs.get(nom_fichier(affaire, DocumentKind.CONVENTION, extension="pdf"))
        elif isinstance(annexe, AnnexeBudget):
            fichier = pdfs.get(nom_fichier(affaire, DocumentKind.BUDGET, numero, extension="pdf"))
        elif isinstance(annexe, AnnexeDocument):
            fichier = annexes.get((affaire.id, numero))
        if fichier is not None:
            pieces.append((f"Annexe {numero} – {annexe.titre}", fichier))
    rapport = pdfs.get(nom_fichier(affaire, "rapport", extension="pdf"))
    if rapport is not None:
        pieces.append((f"Rapport n°{affaire.rapport.numero}", rapport))
    return pieces
