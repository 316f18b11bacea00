"""Writing a dossier back to YAML: what `load` reads, the way a clerk writes it.

    dossier = actes62.load("dossier.yaml")
    affaire = dossier.affaires[0].avec(titre="Soutien à Lianes coopération")
    actes62.save(dossier.avec(affaires=[affaire]), "dossier.yaml", remplacer=True)

The file written loads back equal to the dossier. Persons are written as one string (« M. Jean
DUPONT »), amounts as numbers, dates as dates, texts of several lines as literal blocks, and only
the fields the dossier sets (a default is not written out). When the file exists and `remplacer`
is given, it is updated in place: its comments, key order and layout are kept where the data did
not change (ruamel.yaml's round trip).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import LiteralScalarString

from actes62.errors import FichierExistant
from actes62.fichiers import ecrire_atomique
from actes62.model import Dossier, Personne

__all__ = ["en_yaml", "save"]


def _representer_decimal(representer: RoundTripRepresenter, valeur: Decimal) -> Any:
    """An amount as the plain number it was written as (« 9380.00 », « 10000 »)."""
    texte = format(valeur, "f")
    etiquette = "tag:yaml.org,2002:float" if "." in texte else "tag:yaml.org,2002:int"
    return representer.represent_scalar(etiquette, texte)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    yaml.representer.add_representer(Decimal, _representer_decimal)
    yaml.representer.ignore_aliases = lambda _donnee: True  # a value written twice, not &id001/*id001
    return yaml


def _donnees(valeur: Any) -> Any:
    """The plain YAML data of a model value: only the fields it sets, persons as one string."""
    if isinstance(valeur, Personne):
        return valeur.designation
    if isinstance(valeur, BaseModel):
        return {
            nom: _donnees(getattr(valeur, nom))
            for nom in type(valeur).model_fields
            if nom in valeur.model_fields_set
        }
    if isinstance(valeur, Enum):
        return valeur.value
    if isinstance(valeur, list | tuple):
        return [_donnees(v) for v in valeur]
    if isinstance(valeur, Mapping):
        return {k: _donnees(v) for k, v in valeur.items()}
    if isinstance(valeur, str) and "\n" in valeur.strip():
        return LiteralScalarString(valeur)
    return valeur


def _fusionner(ancien: Any, nouveau: Any) -> Any:
    """`nouveau` put into the round-trip tree `ancien`, keeping its comments where it can."""
    if isinstance(ancien, CommentedMap) and isinstance(nouveau, dict):
        for cle in [c for c in ancien if c not in nouveau]:
            del ancien[cle]
        for cle, valeur in nouveau.items():
            ancien[cle] = _fusionner(ancien[cle], valeur) if cle in ancien else valeur
        return ancien
    if isinstance(ancien, CommentedSeq) and isinstance(nouveau, list) and len(ancien) == len(nouveau):
        for rang, valeur in enumerate(nouveau):
            ancien[rang] = _fusionner(ancien[rang], valeur)
        return ancien
    if _egaux(ancien, nouveau):
        return ancien  # unchanged: keep how it was written (quotes, block style)
    return nouveau


def _egaux(ancien: Any, nouveau: Any) -> bool:
    if isinstance(ancien, date) and isinstance(nouveau, date):
        return ancien == nouveau
    if isinstance(nouveau, Decimal) and isinstance(ancien, int | float) and not isinstance(ancien, bool):
        return Decimal(str(ancien)) == nouveau
    if isinstance(ancien, str) and isinstance(nouveau, str):
        return str(ancien) == str(nouveau)
    return type(ancien) is type(nouveau) and bool(ancien == nouveau)


def en_yaml(dossier: Dossier, existant: str | None = None) -> str:
    """The dossier as YAML text; `existant`: the text of the file it replaces, whose comments and
    layout are kept where the data did not change."""
    yaml = _yaml()
    donnees: Any = _donnees(dossier)
    if existant is not None:
        arbre = yaml.load(existant)
        if isinstance(arbre, CommentedMap):
            donnees = _fusionner(arbre, donnees)
    tampon = io.StringIO()
    yaml.dump(donnees, tampon)
    return tampon.getvalue()


def save(dossier: Dossier, path: str | Path, *, remplacer: bool = False) -> Path:
    """Write the dossier to `path` as YAML that `load` reads back equal; returns the path.

    An existing file is replaced only with `remplacer` (`FichierExistant` otherwise), and then
    keeps its comments and layout where the data did not change. The file is written through a
    temporary file: never half-written."""
    chemin = Path(path)
    existant: str | None = None
    if chemin.exists() or chemin.is_symlink():
        if not remplacer:
            raise FichierExistant(chemin)
        try:
            existant = chemin.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            existant = None  # replaced whole
    return ecrire_atomique(chemin, en_yaml(dossier, existant).encode("utf-8"))
