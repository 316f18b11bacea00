"""Findings: what the checker reports, where, and how it is printed (text or JSON).

A finding is data, never an exception: a frozen dataclass with a stable `code` (from the one
table of rules), a `severity`, a French `message`, a `location` (the dossier field or the document
part where the fact is written, with the text found there) and the disagreeing `values`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

__all__ = [
    "Finding",
    "Location",
    "Severity",
    "excerpt",
    "findings_to_json",
    "findings_to_text",
    "has_errors",
]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def libelle(self) -> str:
        return {Severity.ERROR: "erreur", Severity.WARNING: "avertissement", Severity.INFO: "information"}[
            self
        ]


@dataclass(frozen=True)
class Location:
    """Where a fact is written.

    `file` is the dossier file (or « dossier » when the dossier has no file) or the document's path;
    `line` the dossier line when known; `affaire` the affaire id; `kind` the kind of act
    (« délibération », « rapport », « convention », « annexe budgétaire », « séance »); `part` the
    place in it (« article 2 », « tableau 1 ligne 2 colonne 5 », « paragraphe 12 », « page 1 ligne 7 »);
    `field` the dossier field path (`affaires[0].deliberation.vote.pour`); `text` the text found
    there, trimmed.
    """

    file: str
    line: int | None = None
    affaire: str | None = None
    kind: str | None = None
    part: str | None = None
    field: str | None = None
    text: str | None = None

    @property
    def place(self) -> str:
        """The place printed after the file name: the dossier line, else the document part."""
        if self.line is not None:
            return str(self.line)
        return self.part or self.field or ""


@dataclass(frozen=True)
class Finding:
    """What the checker reports. `related` holds the other places of the same fact (the other
    side of a disagreement between two documents), as SARIF's relatedLocations."""

    code: str
    severity: Severity
    message: str
    location: Location
    values: Mapping[str, str] = field(default_factory=dict)
    related: tuple[Location, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict with stable keys."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "location": _lieu_dict(self.location),
            "related": [_lieu_dict(lieu) for lieu in self.related],
            "values": {cle: str(valeur) for cle, valeur in self.values.items()},
        }


def _lieu_dict(loc: Location) -> dict[str, Any]:
    return {
        "file": loc.file,
        "line": loc.line,
        "affaire": loc.affaire,
        "kind": loc.kind,
        "part": loc.part,
        "field": loc.field,
        "text": loc.text,
    }


def excerpt(texte: str, debut: int = 0, fin: int | None = None, marge: int = 60) -> str:
    """The text around [debut, fin), on one line, cut at word boundaries with « … ».

    >>> excerpt("Vu la délibération du 23 janvier 2022, dédiée à l'ouverture", 22, 37, marge=10)
    '…du 23 janvier 2022, dédiée…'
    """
    fin = len(texte) if fin is None else fin
    gauche = max(0, debut - marge)
    droite = min(len(texte), fin + marge)
    if gauche > 0:
        espace = texte.find(" ", gauche, debut)
        gauche = espace + 1 if espace != -1 else gauche
    if droite < len(texte):
        espace = texte.rfind(" ", fin, droite)
        droite = espace if espace != -1 else droite
    morceau = " ".join(texte[gauche:droite].split())
    return ("…" if gauche > 0 else "") + morceau + ("…" if droite < len(texte) else "")


_ORDRE = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _cle_tri(finding: Finding) -> tuple[str, int, str, str]:
    loc = finding.location
    return (loc.file, loc.line if loc.line is not None else 0, loc.part or "", finding.code)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def findings_to_json(findings: Sequence[Finding]) -> str:
    """A JSON list of findings with stable keys (sorted), in the order given."""
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2, sort_keys=True)


def findings_to_text(findings: Sequence[Finding], documents: Sequence[Path] = ()) -> str:
    """One finding a line, `file:place: CODE message` (for a document, the words around the place on
    the next line, to find it in Word), then a French summary line."""
    lignes = []
    for finding in sorted(findings, key=_cle_tri):
        loc = finding.location
        place = loc.place
        lieu = f"{loc.file}:{place}:" if place else f"{loc.file}:"
        lignes.append(f"{lieu} {finding.code} {finding.message}")
        if loc.text and not finding.related and loc.file.lower().endswith((".docx", ".pdf")):
            lignes.append(f"    « {loc.text} »")  # the words to look for in Word, or in the PDF
        if finding.related:
            if loc.text:
                lignes.append(f"    ici : « {loc.text} »")
            for autre in finding.related:
                ou = f"{autre.file}:{autre.place}" if autre.place else autre.file
                lignes.append(f"    là : {ou} : « {autre.text or ''} »")
    compte = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    resume = ", ".join(
        f"{n} {s.libelle}{'s' if n > 1 else ''}"
        for s, n in sorted(compte.items(), key=lambda e: _ORDRE[e[0]])
    )
    if documents:
        nombre = len(documents)
        resume += f" ; {nombre} document{'s' if nombre > 1 else ''} vérifié{'s' if nombre > 1 else ''}"
    lignes.append(resume)
    return "\n".join(lignes)
