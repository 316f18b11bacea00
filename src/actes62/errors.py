"""The package's exceptions: one root, each subclass carrying what is needed to act.

Problems *in a dossier* are findings (see `checks`), not exceptions; these are for misuse
and for tools that fail.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

__all__ = [
    "Actes62Error",
    "ConversionError",
    "DocumentIllisible",
    "DossierInvalide",
    "ErreurChamp",
    "FichierExistant",
    "GenerationError",
    "LibreOfficeAbsent",
    "TemplateError",
    "en_francais",
    "raison_systeme",
]

_RAISONS = {
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EACCES: "accès refusé (droits insuffisants)",
    errno.EPERM: "opération non permise",
    errno.ELOOP: "boucle de liens symboliques",
    errno.ENAMETOOLONG: "nom de fichier trop long : 255 octets au plus par élément du chemin",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.EEXIST: "le fichier existe déjà",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EFBIG: "fichier trop grand pour le système",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENFILE: "trop de fichiers ouverts sur le système",
    errno.ENXIO: "périphérique absent",
    errno.ENODEV: "périphérique absent",
    errno.ETXTBSY: "fichier occupé",
    errno.EBUSY: "ressource occupée",
    errno.EXDEV: "déplacement impossible entre deux systèmes de fichiers",
    errno.ENOTEMPTY: "dossier non vide",
    errno.EINVAL: "argument invalide",
    errno.EPIPE: "le lecteur de la sortie s'est arrêté",
}


def raison_systeme(exc: OSError) -> str:
    """What the operating system said, in French (`exc.strerror` is in the system's language)."""
    if exc.errno in _RAISONS:
        return _RAISONS[exc.errno]
    return f"erreur système n°{exc.errno}" if exc.errno else "erreur système"


def en_francais(message: str) -> str:
    """A message with the operating system's English reasons (« File name too long ») replaced by
    their French words: for messages built from `OSError.strerror`."""
    for numero, raison in _RAISONS.items():
        anglais = os.strerror(numero)
        if anglais in message:
            message = message.replace(anglais, raison)
    return message


class Actes62Error(Exception):
    """Root of every error actes62 raises on purpose; its message is French, for the user.

    Every error survives a pickle round trip (worker processes raise them to the parent): it is
    rebuilt from its message and the attributes its constructor set."""

    message = "erreur actes62"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)

    def __reduce__(self) -> tuple[object, ...]:
        return (_reconstruire, (type(self), str(self), dict(self.__dict__)))


def _reconstruire(classe: type[Actes62Error], message: str, attributs: dict[str, object]) -> Actes62Error:
    erreur = Exception.__new__(classe)
    Exception.__init__(erreur, message)
    erreur.__dict__.update(attributs)
    return erreur


class ErreurChamp:
    """One problem of a dossier file: field path, line (when known), what was expected; `fichier`
    names the file the line is in when it is not the dossier itself (an included file)."""

    __slots__ = ("chemin", "fichier", "ligne", "message")

    def __init__(self, chemin: str, ligne: int | None, message: str, fichier: Path | None = None) -> None:
        self.chemin = chemin
        self.ligne = ligne
        self.message = message
        self.fichier = fichier

    def __repr__(self) -> str:
        return f"ErreurChamp({self.chemin!r}, {self.ligne!r}, {self.message!r})"


class DossierInvalide(Actes62Error):
    """The dossier file (or a change made with `avec`) cannot be read into the model; `erreurs` lists
    every problem found."""

    def __init__(self, fichier: Path | str, erreurs: list[ErreurChamp]) -> None:
        self.fichier = fichier
        self.erreurs = erreurs
        lignes = []
        for erreur in erreurs:
            nom = erreur.fichier or fichier
            ou = f"{nom}:{erreur.ligne}" if erreur.ligne is not None else str(nom)
            champ = f" [{erreur.chemin}]" if erreur.chemin else ""
            lignes.append(f"{ou}:{champ} {erreur.message}")
        super().__init__("\n".join(lignes))


class DocumentIllisible(Actes62Error):
    """A document to check cannot be found or read (not a DOCX/PDF, corrupt, encrypted)."""

    def __init__(self, chemin: Path, raison: str) -> None:
        self.chemin = chemin
        self.raison = raison
        super().__init__(f"{chemin} : {raison}")


class TemplateError(Actes62Error):
    """A template cannot be used: syntax error, unknown name, unreadable file. `template` names
    the template file, or the dossier's text (« dossier, champ affaires[0].rapport.expose[2] »)."""

    def __init__(self, template: Path | str, message: str) -> None:
        self.template = template
        quoi = str(template) if str(template).startswith("dossier,") else f"modèle {template}"
        super().__init__(f"{quoi} : {message}")


class GenerationError(Actes62Error):
    """A document could not be generated."""


class FichierExistant(GenerationError):
    """Refused to overwrite an existing file without --force."""

    def __init__(self, chemin: Path) -> None:
        self.chemin = chemin
        super().__init__(
            f"{chemin} existe déjà : il n'est pas écrasé (relancez avec --force pour le remplacer)"
        )


class LibreOfficeAbsent(Actes62Error):
    """PDF conversion asked for, but LibreOffice is not installed."""

    message = (
        "LibreOffice est introuvable (commande « soffice » ou « libreoffice ») : il est nécessaire "
        "pour produire les PDF. Installez-le, par exemple « apt-get install libreoffice-writer-nogui » "
        "sous Debian/Ubuntu, ou indiquez son chemin dans la variable ACTES62_SOFFICE. "
        "La génération DOCX seule n'en a pas besoin."
    )


class ConversionError(Actes62Error):
    """LibreOffice ran but did not produce the expected PDF."""
