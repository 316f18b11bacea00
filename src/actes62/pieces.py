"""The annexes written elsewhere (`type: document`): their PDF files, checked before any PDF is made.

An annex that names a `fichier` must be a readable PDF inside the dossier's folder, or the PDF
build stops, naming every such annex at once; an annex without a file is left out of the
transmission PDF and named in `generate`'s summary (and by `check`, rule R005).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pikepdf

from actes62.errors import GenerationError
from actes62.load import chemin_lisible, localisateur
from actes62.model import AnnexeDocument, Dossier
from actes62.pdfa import est_pdfa

__all__ = ["PieceInvalide", "annexes_sans_fichier", "fichiers_annexes", "notes_transmission"]

_DEBUT = 1024  # a PDF's header may follow some junk, within its first kilobyte


class PieceInvalide(GenerationError):
    """An annex file that cannot be joined (missing, outside the folder, unreadable, not a PDF)."""


Cle = tuple[str, int]
"""An annex: (affaire id, 1-based annex number)."""


def fichiers_annexes(
    dossier: Dossier, racine: Path | None = None, source: Path | None = None
) -> dict[Cle, Path]:
    """The PDF file of each annex `document` that names one, by (affaire id, annex number),
    resolved relative to `racine` (default: the working directory).

    PieceInvalide, naming (with `source`'s line when given) every annex whose file is outside
    `racine`, missing, unreadable, not a PDF, damaged or password-protected."""
    base = (racine or Path.cwd()).resolve()
    ligne: Callable[[Sequence[int | str]], int | None] = (
        localisateur(source) if source is not None else (lambda _chemin: None)
    )
    trouves: dict[Cle, Path] = {}
    problemes: list[str] = []
    for i, affaire in enumerate(dossier.affaires):
        for numero, annexe in enumerate(affaire.annexes, start=1):
            if not isinstance(annexe, AnnexeDocument) or not annexe.fichier:
                continue
            champ: list[int | str] = ["affaires", i, "annexes", numero - 1, "fichier"]
            chemin, probleme = verifier_fichier(base, annexe.fichier)
            if probleme is None:
                trouves[(affaire.id, numero)] = chemin
                continue
            ou = ""
            if source is not None:
                numero_ligne = ligne(champ)
                ou = f"{source}:{numero_ligne}: " if numero_ligne is not None else f"{source}: "
            problemes.append(
                f"{ou}[{chemin_lisible(champ)}] affaire « {affaire.id} », annexe {numero} "
                f"« {annexe.titre} » : {probleme}"
            )
    if problemes:
        entete = (
            "une pièce annexe ne peut être jointe"
            if len(problemes) == 1
            else "des pièces annexes ne peuvent être jointes"
        )
        raise PieceInvalide(f"{entete} au PDF de transmission :\n" + "\n".join(problemes))
    return trouves


def verifier_fichier(base: Path, fichier: str) -> tuple[Path, str | None]:
    """The annex file's path, and what is wrong with it (None when it is a readable PDF)."""
    candidat = (base / fichier).resolve()
    if not candidat.is_relative_to(base):  # « /etc/… », « ../../… »: only the dossier's own files
        return candidat, (
            f"le fichier « {fichier} » est hors du dossier {base} ; placez la pièce dans ce dossier "
            "(ou un sous-dossier) et donnez son chemin relatif"
        )
    if not candidat.exists():
        return candidat, (
            f"le fichier « {fichier} » est introuvable dans {base} : un PDF est attendu à ce chemin, "
            "relatif au dossier"
        )
    if not candidat.is_file():
        return candidat, f"« {fichier} » n'est pas un fichier : le PDF de la pièce est attendu"
    try:
        with candidat.open("rb") as flux:
            debut = flux.read(_DEBUT)
    except OSError as exc:
        return candidat, f"le fichier « {fichier} » est illisible ({exc.strerror or exc})"
    if b"%PDF-" not in debut:
        return candidat, f"le fichier « {fichier} » n'est pas un PDF : joignez la pièce au format PDF"
    try:
        with pikepdf.open(candidat):
            pass
    except pikepdf.PasswordError:
        return candidat, f"le PDF « {fichier} » est protégé par un mot de passe : joignez-le sans protection"
    except (OSError, pikepdf.PdfError) as exc:
        return candidat, f"le PDF « {fichier} » est endommagé et ne peut être lu ({exc})"
    return candidat, None


def annexes_sans_fichier(dossier: Dossier) -> list[str]:
    """A French line for each annex `document` without a file: it is missing from the
    transmission PDF."""
    return [
        f"affaire « {affaire.id} », annexe {numero} « {annexe.titre} » : pas de fichier (`fichier`), "
        "elle manque au PDF de transmission"
        for affaire in dossier.affaires
        for numero, annexe in enumerate(affaire.annexes, start=1)
        if isinstance(annexe, AnnexeDocument) and not annexe.fichier
    ]


def notes_transmission(dossier: Dossier, fichiers: dict[Cle, Path]) -> list[str]:
    """What `generate --pdf` says about the transmission PDFs: the annexes without a file, and
    the annex files that are not PDF/A (kept whole, so the transmission PDF does not claim PDF/A)."""
    notes = annexes_sans_fichier(dossier)
    titres = {
        (affaire.id, numero): annexe.titre
        for affaire in dossier.affaires
        for numero, annexe in enumerate(affaire.annexes, start=1)
    }
    for (affaire, numero), chemin in fichiers.items():
        with pikepdf.open(chemin) as document:
            conforme = est_pdfa(document)
        if not conforme:
            notes.append(
                f"affaire « {affaire} », annexe {numero} « {titres[(affaire, numero)]} » : "
                f"« {chemin.name} » n'est pas un PDF/A ; jointe telle quelle, le PDF de transmission "
                "n'est donc pas PDF/A"
            )
    return notes
