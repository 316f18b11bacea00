"""The dated, sourced reference data of the checks (`actes62/data/reference.yaml`).

Each value holds from a date (« depuis ») with its legal reference; the checks take the value in
force on the day of the séance. The file ships inside the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any, Literal, TypeVar

import yaml

from actes62.errors import Actes62Error
from actes62.model import Instance

__all__ = ["Periode", "Quorum", "Reference", "reference"]

ModeQuorum = Literal["presents", "presents_ou_representes"]


@dataclass(frozen=True)
class Periode:
    """A value in force from `depuis`, with its legal reference and source."""

    valeur: str
    depuis: date
    reference: str
    source: str


@dataclass(frozen=True)
class Quorum:
    mode: ModeQuorum
    depuis: date
    reference: str


_T = TypeVar("_T", Periode, Quorum)


@dataclass(frozen=True)
class Reference:
    """The reference data, each entry a list of periods sorted by date."""

    seuils_convention: tuple[Periode, ...]
    quorums: dict[Instance, tuple[Quorum, ...]]
    natures_deliberation: tuple[Periode, ...]
    motifs_numero_interne: tuple[Periode, ...]
    pays_feries: str
    subdivision_feries: str | None

    def seuil_convention(self, jour: date) -> Periode | None:
        return _en_vigueur(self.seuils_convention, jour)

    def quorum(self, instance: Instance, jour: date) -> Quorum | None:
        return _en_vigueur(self.quorums.get(instance, ()), jour)

    def nature_deliberation(self, jour: date) -> Periode | None:
        return _en_vigueur(self.natures_deliberation, jour)

    def motif_numero_interne(self, jour: date) -> Periode | None:
        return _en_vigueur(self.motifs_numero_interne, jour)


def _en_vigueur(periodes: tuple[_T, ...], jour: date) -> _T | None:
    """The last period that started on or before `jour`."""
    retenue = None
    for periode in periodes:
        if periode.depuis <= jour:
            retenue = periode
    return retenue


def _periodes(entrees: list[dict[str, Any]], cle: str) -> tuple[Periode, ...]:
    periodes = [
        Periode(
            valeur=str(e[cle]),
            depuis=_date(e["depuis"]),
            reference=str(e["reference"]).strip(),
            source=str(e.get("source", "")).strip(),
        )
        for e in entrees
    ]
    return tuple(sorted(periodes, key=lambda p: p.depuis))


def _date(valeur: object) -> date:
    if isinstance(valeur, date):
        return valeur
    return date.fromisoformat(str(valeur))


def _quorums(donnees: dict[str, list[dict[str, Any]]]) -> dict[Instance, tuple[Quorum, ...]]:
    quorums: dict[Instance, tuple[Quorum, ...]] = {}
    for nom, entrees in donnees.items():
        liste = []
        for e in entrees:
            mode = e["mode"]
            if mode not in ("presents", "presents_ou_representes"):
                raise ValueError(f"mode de quorum inconnu : {mode}")
            liste.append(Quorum(mode=mode, depuis=_date(e["depuis"]), reference=str(e["reference"]).strip()))
        quorums[Instance(nom)] = tuple(sorted(liste, key=lambda q: q.depuis))
    return quorums


def lire_reference(texte: str) -> Reference:
    """Parse the reference file's text; raises `Actes62Error` when it is malformed."""
    try:
        donnees = yaml.safe_load(texte)
        feries = donnees["jours_feries"]
        return Reference(
            seuils_convention=_periodes(donnees["seuil_convention"], "valeur"),
            quorums=_quorums(donnees["quorum"]),
            natures_deliberation=_periodes(donnees["actes"]["nature_deliberation"], "valeur"),
            motifs_numero_interne=_periodes(donnees["actes"]["numero_interne"], "motif"),
            pays_feries=str(feries["pays"]),
            subdivision_feries=feries.get("subdivision"),
        )
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise Actes62Error(f"données de référence illisibles (data/reference.yaml) : {exc}") from None


@cache
def reference() -> Reference:
    """The reference data shipped with the package (read once)."""
    texte = resources.files("actes62").joinpath("data", "reference.yaml").read_text(encoding="utf-8")
    return lire_reference(texte)
