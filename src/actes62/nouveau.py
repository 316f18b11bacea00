"""`actes62 new`: the commented skeleton of a séance, valid as written.

A séance folder holds the dossier (`dossier.yaml`), the collectivité's constants in their own file
(`collectivite.yaml`, which the dossier includes and later dossiers of the folder reuse) and the
JSON Schemas an editor reads to complete and check the fields as one types.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from actes62.errors import FichierExistant, GenerationError
from actes62.fichiers import ecrire_atomique
from actes62.schema import schema_collectivite, schema_dossier, texte_json

__all__ = ["Squelette", "creer_seance"]

COLLECTIVITE = "collectivite.yaml"


@dataclass(frozen=True)
class Squelette:
    """What `creer_seance` did: the files written, and the existing collectivité file reused."""

    ecrits: list[Path]
    reprise: Path | None
    dossier: Path


def _modele(nom: str) -> str:
    return resources.files("actes62").joinpath("data", "nouveau", nom).read_text(encoding="utf-8")


def creer_seance(dossier: Path, *, nom: str = "dossier.yaml", force: bool = False) -> Squelette:
    """Write the skeleton of a séance into the folder `dossier`: the dossier file `nom`, the
    collectivité's file (kept as it is when the folder has one already: later séances reuse it)
    and the JSON Schemas. Nothing is written if a file would be replaced (unless `force`); a schema
    identical to the one in place is left alone."""
    if Path(nom).name != nom or Path(nom).suffix.lower() not in (".yaml", ".yml"):
        raise GenerationError(
            f"« {nom} » : un nom de fichier YAML sans dossier est attendu (ex. dossier.yaml)"
        )
    if nom == COLLECTIVITE:
        raise GenerationError(f"« {nom} » est le fichier de la collectivité : choisissez un autre nom")
    if dossier.exists() and not dossier.is_dir():
        raise GenerationError(f"{dossier} est un fichier : un dossier est attendu")
    collectivite = dossier / COLLECTIVITE
    reprise = collectivite if collectivite.is_file() and not force else None
    a_ecrire: list[tuple[Path, bytes]] = [
        (dossier / nom, _modele("dossier.yaml").encode("utf-8")),
        (dossier / "dossier.schema.json", texte_json(schema_dossier()).encode("utf-8")),
        (dossier / "collectivite.schema.json", texte_json(schema_collectivite()).encode("utf-8")),
    ]
    if reprise is None:
        a_ecrire.insert(1, (collectivite, _modele(COLLECTIVITE).encode("utf-8")))
    retenus: list[tuple[Path, bytes]] = []
    for chemin, contenu in a_ecrire:
        schema = chemin.name.endswith(".schema.json")
        if schema and chemin.is_file() and not chemin.is_symlink() and chemin.read_bytes() == contenu:
            continue
        if (chemin.exists() or chemin.is_symlink()) and not force:
            raise FichierExistant(chemin)
        retenus.append((chemin, contenu))
    ecrits = [ecrire_atomique(chemin, contenu) for chemin, contenu in retenus]
    return Squelette(ecrits=ecrits, reprise=reprise, dossier=dossier / nom)
