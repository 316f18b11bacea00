r"""actes62 — the acts of a Commission Permanente: typed model, French forms, documents, checks.

    >>> import actes62
    >>> dossier = actes62.load("examples/lianes-2025/dossier.yaml")
    >>> actes62.euros(dossier.affaires[0].montant)
    '9\u202f380\xa0€'

The data flow one way: `load` (dossier file → `Dossier`), `generate` / `render_document` (→ DOCX,
PDF), `check` (dossier and documents → `Finding`s); `audit` compares documents with no dossier.
A model object is changed with `avec` (a validated copy) and written back with `save`.

Public names: the verbs that act on files and dossiers are English (`load`, `save`, `check`,
`audit`, `generate`), as Python's own are; the domain's nouns and the French forms keep their
French names (`Deliberation`, `Imputation`, `euros`, `date_longue`, `en_lettres`, `lire_euros`),
because they name French legal and typographic things. `generer` (0.2) is kept as an alias of
`generate` for one version.
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
from actes62.render import generate, generer, render_document
from actes62.sauver import save

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
    "generate",
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
    "save",
    "siren",
    "siret",
]
