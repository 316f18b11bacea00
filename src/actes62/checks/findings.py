"""Findings: what the checker reports, where, and how it is printed (text or JSON).

A finding is data, never an exception: a frozen dataclass with a stable `code` (from the one
table of rules), a `severity`, a French `message`, a `location` (the dossier field or the document
part where the fact is written, with the text found there) and the disagreeing `values`.
"""

from __future__ import annotations

import json
import re
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
    place in it (« article 2 », « tableau 1 ligne 2 colonne 5 », « paragraphe 12 », « page 1 ligne 7 »),
    a stable key, which for a DOCX counts what Word does not number; `landmark`, for a place in a
    DOCX, where a Word user finds it by what is written around it (« « Article 4 : Montant de la
    subvention », 2e paragraphe », « tableau « Code Opération … Solde », ligne 2, colonne « CP » »,
    « pied de page »; see `actes62.read.TextPiece`); `field` the dossier field path
    (`affaires[0].deliberation.vote.pour`); `text` the text found there, trimmed.
    """

    file: str
    line: int | None = None
    affaire: str | None = None
    kind: str | None = None
    part: str | None = None
    field: str | None = None
    text: str | None = None
    landmark: str | None = None

    @property
    def place(self) -> str:
        """The place printed after the file name: the dossier line, else where a Word user finds
        it in a DOCX, else the document part (a PDF's page and line)."""
        if self.line is not None:
            return str(self.line)
        return self.landmark or self.part or self.field or ""

    @property
    def in_document(self) -> bool:
        """A place in a DOCX or PDF document (not in the dossier)."""
        return self.line is None and self.file.lower().endswith((".docx", ".pdf"))

    def where(self) -> str:
        """The file and place as printed: `dossier.yaml:34` for a dossier line (as compilers and
        linters name a place), `convention.docx, « Article 4 : … », 2e paragraphe` in a document."""
        place = self.place
        if not place:
            return self.file
        return f"{self.file}, {place}" if self.in_document else f"{self.file}:{place}"


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
        """JSON-able dict with stable keys: `code`, `severity`, `message`, `values`, `location` and
        `related` (each `file`, `line`, `affaire`, `kind`, `part`, `landmark`, `field`, `text`; see
        `Location`: `landmark` is where a Word user finds a place in a DOCX, null elsewhere)."""
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
        "landmark": loc.landmark,
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


_NOMBRE = re.compile(r"(\d+)")


def _cle_tri(finding: Finding) -> tuple[str, int, tuple[tuple[int, str], ...], str]:
    """File, dossier line, then the part in reading order (« paragraphe 9 » before « paragraphe 12 »)."""
    loc = finding.location
    morceaux = _NOMBRE.split(loc.part or "")
    partie = tuple((int(m), "") if rang % 2 else (-1, m) for rang, m in enumerate(morceaux))
    return (loc.file, loc.line if loc.line is not None else 0, partie, finding.code)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def findings_to_json(findings: Sequence[Finding]) -> str:
    """A JSON list of findings with stable keys (sorted), in the order given."""
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2, sort_keys=True)


def findings_to_text(findings: Sequence[Finding], documents: Sequence[Path] = ()) -> str:
    """One finding a line, then a French summary line.

    A finding in the dossier reads `dossier.yaml:34: CODE message`; a finding in a document names
    the place as its reader finds it, `convention.docx, « Article 4 : Montant de la subvention »,
    2e paragraphe : CODE message` (a PDF: `transmission.pdf, page 3 ligne 7, « Annexe 2 » : …`), and
    the words written there on the next line, to look for with Word's search."""
    lignes = []
    for finding in sorted(findings, key=_cle_tri):
        loc = finding.location
        lieu = f"{loc.where()} :" if loc.in_document else f"{loc.where()}:"
        lignes.append(f"{lieu} {finding.code} {finding.message}")
        if loc.text and not finding.related and loc.in_document:
            lignes.append(f"    « {loc.text} »")  # the words to look for in Word, or in the PDF
        if finding.related:
            if loc.text:
                lignes.append(f"    ici : « {loc.text} »")
            for autre in finding.related:
                lignes.append(f"    là : {autre.where()} : « {autre.text or ''} »")
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
