"""What the audit reads: the documents (files or folders) into facts, then grouped by affaire.

A folder per affaire (a séance's usual filing) is one affaire; a flat folder is grouped by file
names that share a prefix; otherwise documents that share a délibération number, a bénéficiaire's
SIRET or name are of one affaire, and a document with no clue joins the only affaire or the one
whose subsidy it totals. `releve` reads in worker processes for a séance; a file that cannot be
read, or an office file in another format, is a document not read (never passed as checked).
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from actes62.errors import DocumentIllisible
from actes62.faits import DocumentFaits, lire_faits
from actes62.faits.modele import Fait, Role, Sorte
from actes62.identify import pliage
from actes62.progress import Progression
from actes62.read import documents_in, read_document

__all__ = ["AffaireLue", "Releve", "grouper", "nom_plie", "racine", "releve"]

SEUIL_PARALLELE = 40
"""From this many documents on, they are read by worker processes (one per core)."""


@dataclass(frozen=True)
class AffaireLue:
    """The documents of one affaire, read into facts."""

    nom: str
    documents: tuple[DocumentFaits, ...]

    def faits(self, sorte: Sorte, *roles: Role) -> list[tuple[DocumentFaits, Fait]]:
        return [(document, fait) for document in self.documents for fait in document.de(sorte, *roles)]

    def date_seance(self) -> date | None:
        dates = Counter(
            f.valeur for _, f in self.faits(Sorte.DATE, Role.SEANCE) if isinstance(f.valeur, date)
        )
        return dates.most_common(1)[0][0] if dates else None


@dataclass(frozen=True)
class Releve:
    """What the audit read: the affaires, and the documents it could not read or group."""

    affaires: tuple[AffaireLue, ...]
    non_lus: tuple[DocumentFaits, ...] = ()
    non_rattaches: tuple[DocumentFaits, ...] = ()


# --- grouping by affaire ------------------------------------------------------------------------------


def nom_plie(nom: str) -> str:
    plie = pliage(nom)
    plie = re.sub(r"^(?:l'|l’)?\s*(?:association|la commune de|commune de|la societe|societe)\s+", "", plie)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plie).split())


def _cles(document: DocumentFaits) -> set[str]:
    cles = {f"n:{valeur}" for cle, valeur in document.indices.items() if cle == "deliberation"}
    cles |= {f"n:{f.valeur}" for f in document.de(Sorte.NUMERO, Role.DELIBERATION)}
    cles |= {f"s:{f.valeur}" for f in document.de(Sorte.SIRET, Role.BENEFICIAIRE)}
    cles |= {f"b:{nom_plie(str(f.valeur))}" for f in document.de(Sorte.BENEFICIAIRE)}
    return cles


def grouper(documents: Sequence[DocumentFaits]) -> Releve:
    """The documents grouped by affaire. A folder per affaire (a séance's usual filing) is one
    affaire when it holds one document of each kind; otherwise, within a folder, documents that
    share a délibération number, a bénéficiaire's SIRET or name are of one affaire, and a document
    with no such clue joins the only affaire, or the one whose subsidy it totals; else it is set
    aside (A202)."""
    non_lus = tuple(d for d in documents if not d.lisible)
    par_dossier: dict[Path, list[DocumentFaits]] = defaultdict(list)
    for document in documents:
        if document.lisible:
            par_dossier[document.chemin.parent].append(document)
    affaires: list[AffaireLue] = []
    non_rattaches: list[DocumentFaits] = []
    for _, docs in sorted(par_dossier.items()):
        lu = _grouper_dossier(docs)
        affaires += lu.affaires
        non_rattaches += lu.non_rattaches
    return _pieces_jointes(Releve(tuple(affaires), non_lus, tuple(non_rattaches)))


def _pieces_jointes(releve: Releve) -> Releve:
    """A part of a PDF with no clue of its own (an annex written elsewhere, joined into a
    transmission PDF) belongs to the affaire its sibling parts belong to."""
    affaires = list(releve.affaires)
    restent: list[DocumentFaits] = []
    for document in releve.non_rattaches:
        rang = next(
            (
                i
                for i, affaire in enumerate(affaires)
                if document.partie is not None and any(d.chemin == document.chemin for d in affaire.documents)
            ),
            None,
        )
        if rang is None:
            restent.append(document)
        else:
            affaire = affaires[rang]
            affaires[rang] = replace(affaire, documents=(*affaire.documents, document))
    return Releve(tuple(affaires), releve.non_lus, tuple(restent))


_SUFFIXE = re.compile(
    r"[\s_.-]*(?:deliberation|delib|rapport|convention|annexe[\s_-]*\d*|budget|plan[\s_-]*(?:de[\s_-]*)?financement"
    r"|financement|bilan|transmission|projet)$"
)


def _prefixe(document: DocumentFaits) -> str:
    """The file name without the words that say which act it is: « 12_2025-344 » for
    « 12_2025-344_deliberation.docx »."""
    nom = pliage(document.chemin.stem)
    while (m := _SUFFIXE.search(nom)) is not None and m.start() > 0:
        nom = nom[: m.start()]
    return nom


def _un_par_genre(groupes: Iterable[Sequence[DocumentFaits]]) -> bool:
    return all(
        n <= 1
        for docs in groupes
        for g, n in Counter(d.genre for d in docs if d.partie is None).items()
        if g is not None
    )


def _grouper_dossier(lisibles: Sequence[DocumentFaits]) -> Releve:
    """The documents of one folder grouped by affaire (see `grouper`): by file name when the
    names share a prefix per affaire (« 12_2025-344_deliberation.docx »), else by their clues."""
    non_lus: tuple[DocumentFaits, ...] = ()
    par_prefixe: dict[str, list[DocumentFaits]] = defaultdict(list)
    for document in lisibles:
        par_prefixe[_prefixe(document)].append(document)
    partages = len(par_prefixe) < len(lisibles)
    if not _un_par_genre([lisibles]) and partages and _un_par_genre(par_prefixe.values()):
        affaires = tuple(AffaireLue(_nom(docs), tuple(docs)) for _, docs in sorted(par_prefixe.items()))
        return Releve(affaires)
    genres = Counter(d.genre for d in lisibles)
    if all(n <= 1 for g, n in genres.items() if g is not None):
        return Releve((AffaireLue(_nom(lisibles), tuple(lisibles)),) if lisibles else (), non_lus)
    cles = [_cles(d) for d in lisibles]
    frequence = Counter(c for cs in cles for c in cs)
    trop = {
        c for c, n in frequence.items() if n > max(4, len(lisibles) // 2)
    }  # a clue shared by all ties nothing
    parent = list(range(len(lisibles)))

    premier: dict[str, int] = {}
    for i, cs in enumerate(cles):
        for c in cs - trop:
            if c in premier:
                parent[racine(parent, i)] = racine(parent, premier[c])
            else:
                premier[c] = i
    groupes: dict[int, list[int]] = defaultdict(list)
    seuls: list[int] = []
    for i, cs in enumerate(cles):
        if cs - trop:
            groupes[racine(parent, i)].append(i)
        else:
            seuls.append(i)
    non_rattaches: list[DocumentFaits] = []
    par_montant: dict[object, set[int]] = defaultdict(set)  # the affaires by the subsidy they state, once
    for r, g in groupes.items():
        for j in g:
            for fait in lisibles[j].de(Sorte.MONTANT, Role.SUBVENTION):
                par_montant[fait.valeur].add(r)
    for i in seuls:
        cible = _groupe_par_montant(lisibles[i], par_montant)
        if cible is None and len(groupes) == 1:
            cible = next(iter(groupes))
        if cible is None:
            non_rattaches.append(lisibles[i])
        else:
            groupes[cible].append(i)
    affaires = tuple(
        AffaireLue(_nom([lisibles[j] for j in g]), tuple(lisibles[j] for j in sorted(g)))
        for _, g in sorted(groupes.items(), key=lambda e: min(e[1]))
    )
    seuls_lus = tuple(AffaireLue(_nom([d]), (d,)) for d in non_rattaches)  # checked on their own all the same
    return Releve(affaires + seuls_lus, non_lus, tuple(non_rattaches))


def racine(parent: list[int], i: int) -> int:
    """Union-find: the representative of `i`, paths halved on the way."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _groupe_par_montant(document: DocumentFaits, par_montant: dict[object, set[int]]) -> int | None:
    """The one affaire whose subsidy this document totals or states, if only one does."""
    candidats: set[int] = set()
    for fait in document.de(Sorte.MONTANT, Role.TOTAL, Role.SUBVENTION):
        candidats |= par_montant.get(fait.valeur, set())
    return next(iter(candidats)) if len(candidats) == 1 else None


def _nom(documents: Sequence[DocumentFaits]) -> str:
    for document in documents:
        for fait in document.de(Sorte.NUMERO, Role.DELIBERATION):
            return f"délibération n°{fait.valeur}"
    for document in documents:
        for fait in document.de(Sorte.BENEFICIAIRE):
            return str(fait.valeur)
    return documents[0].chemin.stem if documents else "affaire"


# --- reading ---------------------------------------------------------------------------------------


def _faits_fichier(chemin: Path) -> list[DocumentFaits]:
    """The facts of each act of one file; a file that cannot be read is a document not read."""
    try:
        return lire_faits(read_document(chemin))
    except DocumentIllisible as exc:
        return [DocumentFaits(chemin, None, (), lisible=False, raison=exc.raison)]
    except Exception as exc:  # a bug in reading: this document is reported as not checked
        raison = f"erreur interne de lecture ({type(exc).__name__} : {exc})"
        return [DocumentFaits(chemin, None, (), lisible=False, raison=raison)]


def releve(chemins: Sequence[Path], *, progression: bool = False) -> Releve:
    """Read the documents (files or folders) into facts and group them by affaire."""
    fichiers = documents_in(list(chemins))
    if not fichiers:  # no path given (a folder with no document is refused by `documents_in`)
        raise DocumentIllisible(Path("."), "aucun document DOCX ou PDF à vérifier")
    barre = Progression(len(fichiers), "Lecture des documents", actif=None if progression else False)
    documents: list[DocumentFaits] = []
    processus = os.cpu_count() or 1
    if processus <= 1 or len(fichiers) < SEUIL_PARALLELE:
        for fichier in fichiers:
            documents += _faits_fichier(fichier)
            barre.avancer()
    else:
        with ProcessPoolExecutor(processus) as executeur:
            taille = max(1, len(fichiers) // (processus * 8))
            for lus in executeur.map(_faits_fichier, fichiers, chunksize=taille):
                documents += lus
                barre.avancer()
    barre.terminer()
    for chemin in chemins:  # office files in another format: said, not silently passed over
        if Path(chemin).is_dir():
            for autre in sorted(Path(chemin).rglob("*")):
                if (
                    autre.suffix.lower() in _AUTRES_FORMATS
                    and autre.is_file()
                    and not autre.name.startswith((".", "~$"))
                ):
                    raison = (
                        f"format {autre.suffix.lower()} non pris en charge : enregistrez-le en DOCX ou en PDF"
                    )
                    documents.append(DocumentFaits(autre, None, (), lisible=False, raison=raison))
    try:
        return grouper(documents)
    except Exception:  # a bug in grouping: check each document on its own rather than fail
        return Releve(
            tuple(AffaireLue(d.chemin.stem, (d,)) for d in documents if d.lisible),
            tuple(d for d in documents if not d.lisible),
        )


_AUTRES_FORMATS = (".odt", ".doc", ".rtf", ".pages", ".wpd")
