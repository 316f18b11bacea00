"""What ships with actes62 besides its code: the templates and the example dossiers.

Installed, they are folders of the package (`actes62/templates`, `actes62/exemples`); in a source
tree not installed, the repository's `templates/` and `examples/` next to `src/` are found from
the `actes62` package — never from the working directory.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from actes62.errors import FichierExistant, GenerationError
from actes62.fichiers import ecrire_atomique

__all__ = ["copier_exemples", "copier_modeles", "exemples", "livre"]


def livre(dans_paquet: str, dans_depot: str, temoin: str | None = None) -> Traversable | None:
    """The shipped folder `dans_paquet` of the package, else `dans_depot` of the source tree: the
    first that exists (and holds the file `temoin`, when given), or None."""
    paquet = resources.files("actes62")
    candidats: list[Traversable] = [paquet / dans_paquet]
    if isinstance(paquet, Path):
        candidats.append(paquet.parent.parent / dans_depot)
    for dossier in candidats:
        if dossier.is_dir() and (temoin is None or dossier.joinpath(temoin).is_file()):
            return dossier
    return None


def exemples() -> dict[str, Traversable]:
    """The shipped example dossiers, by name: each a folder holding `dossier.yaml`."""
    racine = livre("exemples", "examples")
    if racine is None:
        return {}
    return {
        dossier.name: dossier
        for dossier in sorted(racine.iterdir(), key=lambda d: d.name)
        if dossier.joinpath("dossier.yaml").is_file()
    }


def _fichiers(dossier: Traversable, prefixe: str = "") -> list[tuple[str, Traversable]]:
    fichiers: list[tuple[str, Traversable]] = []
    for entree in sorted(dossier.iterdir(), key=lambda e: e.name):
        if entree.name.startswith((".", "__pycache__")):
            continue
        if entree.is_dir():
            fichiers += _fichiers(entree, f"{prefixe}{entree.name}/")
        else:
            fichiers.append((prefixe + entree.name, entree))
    return fichiers


def copier_modeles(destination: Path, *, force: bool = False) -> list[Path]:
    """Copy the shipped templates (`deliberation.docx`… and their text dumps) into `destination`,
    for a collectivité to start its own from them; returns the files written.

    Nothing is written if one of the files exists already (unless `force`)."""
    dossier = livre("templates", "templates", "deliberation.docx")
    if dossier is None:
        raise GenerationError("les modèles livrés avec actes62 sont introuvables")
    return _copier([(destination / relatif, source) for relatif, source in _fichiers(dossier)], force)


def _copier(a_ecrire: list[tuple[Path, Traversable]], force: bool) -> list[Path]:
    if not force:
        for cible, _ in a_ecrire:
            if cible.exists() or cible.is_symlink():
                raise FichierExistant(cible)
    return [ecrire_atomique(cible, source.read_bytes()) for cible, source in a_ecrire]


def copier_exemples(destination: Path, *, force: bool = False) -> list[Path]:
    """Copy every shipped example into `destination/<nom>/`, and the JSON Schemas beside them
    (`dossier.schema.json`) into `destination`; returns the files written.

    Nothing is written if one of the files exists already (unless `force`)."""
    livres = exemples()
    if not livres:
        raise GenerationError("les dossiers d'exemple livrés avec actes62 sont introuvables")
    a_ecrire = [
        (destination / nom / relatif, source)
        for nom, dossier in livres.items()
        for relatif, source in _fichiers(dossier)
    ]
    racine = livre("exemples", "examples")
    if racine is not None:  # the schemas beside the examples, which their first line names
        a_ecrire += [
            (destination / entree.name, entree)
            for entree in sorted(racine.iterdir(), key=lambda e: e.name)
            if entree.is_file() and entree.name.endswith(".schema.json")
        ]
    return _copier(a_ecrire, force)
