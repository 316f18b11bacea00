"""The facts stage: a document read (`actes62.read`) becomes a list of located, typed facts with
a role (`lire_faits`); `audit` compares them with each other, and `actes62 audit --faits` prints
them.

    >>> from actes62.faits import lire_faits
    >>> from actes62.read import read_document
    >>> [doc] = lire_faits(read_document(chemin))  # doctest: +SKIP
"""

from actes62.faits.lecture import faits_document, lire_faits
from actes62.faits.modele import (
    ActeCite,
    DocumentFaits,
    Fait,
    LigneTableau,
    Periode,
    Personne,
    Role,
    Sorte,
    Tableau,
    texte_valeur,
)

__all__ = [
    "ActeCite",
    "DocumentFaits",
    "Fait",
    "LigneTableau",
    "Periode",
    "Personne",
    "Role",
    "Sorte",
    "Tableau",
    "faits_document",
    "lire_faits",
    "texte_valeur",
]
