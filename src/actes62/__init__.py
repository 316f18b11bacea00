"""actes62 — the acts of a Commission Permanente: typed model, French forms, documents, checks.

>>> import actes62
>>> dossier = actes62.load("examples/lianes-2025/dossier.yaml")  # doctest: +SKIP
>>> actes62.euros(dossier.affaires[0].montant)  # doctest: +SKIP
'9\u202f380\xa0€'
"""

from actes62.checks import RULES, Finding, Severity, check
from actes62.errors import Actes62Error, DossierInvalide
from actes62.formats import date_courte, date_longue, en_lettres, euros, pourcentage
from actes62.load import load
from actes62.model import Affaire, Dossier
from actes62.render import generer, render_document

__all__ = [
    "RULES",
    "Actes62Error",
    "Affaire",
    "Dossier",
    "DossierInvalide",
    "Finding",
    "Severity",
    "check",
    "date_courte",
    "date_longue",
    "en_lettres",
    "euros",
    "generer",
    "load",
    "pourcentage",
    "render_document",
]
