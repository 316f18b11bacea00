"""The corpus and its measure: each hand-written dossier built (DOCX, then PDF through LibreOffice),
audited, and its findings matched with its key (see README.md): recall and false alarms."""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from actes62.checks import Finding
from actes62.checks.rules import audit
from actes62.pdf import convertir_pdf

__all__ = ["DOSSIERS", "Attendu", "Cle", "Mesure", "construire", "lire_cle", "mesurer"]

ICI = Path(__file__).resolve().parent
DOSSIERS: tuple[str, ...] = tuple(sorted(p.name.removesuffix(".cle.yaml") for p in ICI.glob("*.cle.yaml")))
"""The dossiers of the corpus: each module `<nom>.py` with its key `<nom>.cle.yaml`."""


@dataclass(frozen=True)
class Attendu:
    code: str
    quoi: str
    valeurs: tuple[str, ...]
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Cle:
    dossier: str
    attendus: tuple[Attendu, ...]
    ne_pas_signaler: tuple[tuple[str, tuple[str, ...]], ...]


def lire_cle(nom: str) -> Cle:
    donnees: dict[str, Any] = yaml.safe_load((ICI / f"{nom}.cle.yaml").read_text(encoding="utf-8"))
    return Cle(
        str(donnees["dossier"]),
        tuple(
            Attendu(
                str(a["code"]),
                " ".join(str(a.get("quoi", "")).split()),
                tuple(str(v) for v in a.get("valeurs", ())),
                tuple(str(d) for d in a.get("documents", ())),
            )
            for a in donnees.get("attendus") or ()
        ),
        tuple(
            (" ".join(str(p.get("quoi", "")).split()), tuple(str(v) for v in p.get("valeurs", ())))
            for p in donnees.get("ne_pas_signaler") or ()
        ),
    )


def construire(nom: str, dest: Path, pdf: bool) -> Path:
    """Write the dossier's DOCX into dest/docx (and its PDFs into dest/pdf); returns the folder."""
    module = importlib.import_module(f"tests.corpus.{nom}")
    constructeur: Callable[[Path], None] = module.construire
    docx = dest / "docx"
    constructeur(docx)
    if not pdf:
        return docx
    sortie = dest / "pdf"
    sortie.mkdir(parents=True, exist_ok=True)
    convertir_pdf(sorted(docx.glob("*.docx")), sortie, pdfa=False)
    return sortie


def _plie(texte: str) -> str:
    sans = unicodedata.normalize("NFKD", texte)
    return " ".join("".join(c for c in sans if not unicodedata.combining(c)).casefold().split())


def _egales(a: str, b: str) -> bool:
    try:
        return Decimal(a) == Decimal(b)
    except InvalidOperation:
        return _plie(a) == _plie(b)


def _tiges(finding: Finding) -> set[str]:
    return {Path(lieu.file).stem for lieu in (finding.location, *finding.related)}


def correspond(finding: Finding, attendu: Attendu) -> bool:
    """The finding is the expected one: same code, every expected value among its values, every
    expected document among its places."""
    if finding.code != attendu.code:
        return False
    valeurs = [str(v) for v in finding.values.values()]
    if not all(any(_egales(v, w) for w in valeurs) for v in attendu.valeurs):
        return False
    return set(attendu.documents) <= _tiges(finding)


@dataclass
class Mesure:
    dossier: str
    format: str
    attendus: int
    trouves: list[Attendu] = field(default_factory=list)
    manques: list[Attendu] = field(default_factory=list)
    fausses_alarmes: list[Finding] = field(default_factory=list)

    @property
    def rappel(self) -> float:
        return len(self.trouves) / self.attendus if self.attendus else 1.0


def mesurer(nom: str, dossier: Path, format_: str) -> Mesure:
    """Audit the dossier's documents and match the findings with the key."""
    cle = lire_cle(nom)
    findings = audit([dossier])
    return comparer(cle, findings, nom, format_)


def comparer(cle: Cle, findings: Sequence[Finding], nom: str, format_: str) -> Mesure:
    mesure = Mesure(nom, format_, len(cle.attendus))
    for attendu in cle.attendus:
        if any(correspond(f, attendu) for f in findings):
            mesure.trouves.append(attendu)
        else:
            mesure.manques.append(attendu)
    mesure.fausses_alarmes = [f for f in findings if not any(correspond(f, a) for a in cle.attendus)]
    return mesure


def decrire(mesure: Mesure) -> str:
    """What went wrong, for a failing test."""
    lignes = [f"{mesure.dossier} ({mesure.format}) : rappel {mesure.rappel:.0%}"]
    lignes += [f"  manque {a.code} {a.valeurs} {a.documents} : {a.quoi}" for a in mesure.manques]
    lignes += [
        f"  fausse alarme {f.code} {dict(f.values)} {Path(f.location.file).name}:{f.location.part} : {f.message}"
        for f in mesure.fausses_alarmes
    ]
    return "\n".join(lignes)
