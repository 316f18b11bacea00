"""actes62 — the acts of a Commission Permanente: typed model, French forms, documents, checks.

    >>> import actes62
    >>> dossier = actes62.load("examples/lianes-2025/dossier.yaml")  # doctest: +SKIP
    >>> actes62.euros(dossier.affaires[0].montant)  # doctest: +SKIP
    '9\u202f380\xa0€'

The data flow one way: `load` (dossier file → `Dossier`), `generer` / `render_document` (→ DOCX,
PDF), `check` (dossier and documents → `Finding`s).
"""

__version__ = "0.2.0"

from actes62.checks import (
    RULES,
    Finding,
    Location,
    Rule,
    Severity,
    audit,
    check,
    findings_to_json,
    findings_to_text,
)
from actes62.errors import (
    Actes62Error,
    ConversionError,
    DocumentIllisible,
    DossierInvalide,
    FichierExistant,
    GenerationError,
    LibreOfficeAbsent,
    TemplateError,
)
from actes62.formats import (
    date_courte,
    date_longue,
    en_lettres,
    euros,
    lire_date,
    lire_en_lettres,
    lire_euros,
    lire_pourcentage,
    nombre,
    pourcentage,
    siren,
    siret,
)
from actes62.gabarit import GENRES, Gabarit
from actes62.load import load, load_text
from actes62.model import (
    Affaire,
    Annexe,
    AnnexeBudget,
    AnnexeConvention,
    AnnexeDocument,
    Beneficiaire,
    Collectivite,
    Convention,
    Deliberation,
    Dossier,
    Imputation,
    Personne,
    Rapport,
    Seance,
    Vote,
)
from actes62.read import read_document
from actes62.render import generer, render_document

__all__ = [
    "GENRES",
    "RULES",
    "Actes62Error",
    "Affaire",
    "Annexe",
    "AnnexeBudget",
    "AnnexeConvention",
    "AnnexeDocument",
    "Beneficiaire",
    "Collectivite",
    "Convention",
    "ConversionError",
    "Deliberation",
    "DocumentIllisible",
    "Dossier",
    "DossierInvalide",
    "FichierExistant",
    "Finding",
    "Gabarit",
    "GenerationError",
    "Imputation",
    "LibreOfficeAbsent",
    "Location",
    "Personne",
    "Rapport",
    "Rule",
    "Seance",
    "Severity",
    "TemplateError",
    "Vote",
    "__version__",
    "audit",
    "check",
    "date_courte",
    "date_longue",
    "en_lettres",
    "euros",
    "findings_to_json",
    "findings_to_text",
    "generer",
    "lire_date",
    "lire_en_lettres",
    "lire_euros",
    "lire_pourcentage",
    "load",
    "load_text",
    "nombre",
    "pourcentage",
    "read_document",
    "render_document",
    "siren",
    "siret",
]
