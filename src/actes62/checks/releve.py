"""What the audit reads: the documents (files or folders) into facts, then grouped by affaire.

A folder per affaire (a séance's usual filing) is one affaire; a flat folder is grouped by file
names that share a prefix; otherwise documents that share a délibération number, a bénéficiaire's
SIRET or name are of one affaire, and a document with no clue joins the only affaire or the one
whose subsidy it totals. The PDF of an act goes with its DOCX (`paires`): the two are one act, not
two of the same kind. `releve` reads in worker processes for a séance; a file that cannot be
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
from actes62.identify import DocumentKind, pliage
from actes62.progress import Progression
from actes62.read import documents_in, read_document

__all__ = ["AffaireLue", "Releve", "grouper", "nom_plie", "numero_propre", "paires", "racine", "releve"]

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


def paires(documents: Sequence[DocumentFaits]) -> dict[int, int]:
    """The PDF of an act and its DOCX: for each PDF (a file, or an act of a transmission PDF) the
    index of the DOCX it was made from. That DOCX is in the same folder and has the same name
    (« convention.docx », « convention.pdf »), else it is the only DOCX of the same kind with the
    same number (a délibération's or a rapport's own number; for an annex, the délibération it is
    annexed to)."""
    par_nom: dict[tuple[Path, str], int] = {}
    par_numero: dict[tuple[Path, DocumentKind, str], list[int]] = defaultdict(list)
    for i, document in enumerate(documents):
        if document.chemin.suffix.lower() == ".docx" and document.partie is None:
            par_nom[(document.chemin.parent, document.chemin.stem.casefold())] = i
            if document.genre is not None and (numero := numero_propre(document)) is not None:
                par_numero[(document.chemin.parent, document.genre, numero)].append(i)
    resultat: dict[int, int] = {}
    for i, document in enumerate(documents):
        if document.chemin.suffix.lower() != ".pdf":
            continue
        meme_nom = (
            par_nom.get((document.chemin.parent, document.chemin.stem.casefold()))
            if document.partie is None
            else None
        )
        if meme_nom is not None and len({document.genre, documents[meme_nom].genre} - {None}) <= 1:
            resultat[i] = meme_nom  # same name, and not two kinds
        elif document.genre is not None and (numero := numero_propre(document)) is not None:
            memes = par_numero.get((document.chemin.parent, document.genre, numero), [])
            if len(memes) == 1:
                resultat[i] = memes[0]
    return resultat


def numero_propre(document: DocumentFaits) -> str | None:
    """The number that names this act: a délibération's, a rapport's; for another act, the
    délibération it is annexed to (« Annexe 1 à la délibération n°2025-412 »)."""
    roles = {DocumentKind.DELIBERATION: Role.DELIBERATION, DocumentKind.RAPPORT: Role.RAPPORT}
    if document.genre is not None and (role := roles.get(document.genre)) is not None:
        return next((str(f.valeur) for f in document.de(Sorte.NUMERO, role)), None)
    return document.indices.get("deliberation")


def _actes(documents: Sequence[DocumentFaits]) -> list[DocumentFaits]:
    """The acts of a group of documents, each once: the whole files but the PDF of a DOCX that is
    there too; an act of a transmission PDF only when it is none of them (its number is another
    act's, or no file of its kind is there)."""
    pdf = paires(documents)
    fichiers = [d for i, d in enumerate(documents) if d.partie is None and i not in pdf]
    genres = {d.genre for d in fichiers}
    return fichiers + [
        d
        for i, d in enumerate(documents)
        if d.partie is not None and i not in pdf and (d.genre not in genres or numero_propre(d) is not None)
    ]


def grouper(documents: Sequence[DocumentFaits]) -> Releve:
    """The documents grouped by affaire. A folder per affaire (a séance's usual filing) is one
    affaire when it holds one act of each kind (a DOCX and its PDF being one act); otherwise,
    within a folder, documents that share a délibération number, a bénéficiaire's SIRET or name
    are of one affaire, the PDF of an act with its DOCX, and a document with no such clue joins
    the only affaire, or the one whose subsidy it totals; else it is set aside (A202)."""
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
    transmission PDF) belongs to the affaire its sibling parts belong to — and is then no longer
    in the affaire of documents set aside it was checked in."""
    affaires = list(releve.affaires)
    restent: list[DocumentFaits] = []
    a_part = {id(d) for d in releve.non_rattaches}

    def mise_a_part(affaire: AffaireLue) -> bool:
        return all(id(d) in a_part for d in affaire.documents)

    for document in releve.non_rattaches:
        rang = next(
            (
                i
                for i, affaire in enumerate(affaires)
                if document.partie is not None
                and not mise_a_part(affaire)
                and any(d.chemin == document.chemin for d in affaire.documents)
            ),
            None,
        )
        if rang is None:
            restent.append(document)
            continue
        affaires[rang] = replace(affaires[rang], documents=(*affaires[rang].documents, document))
        for i, affaire in enumerate(affaires):
            if mise_a_part(affaire) and any(d is document for d in affaire.documents):
                affaires[i] = replace(
                    affaire, documents=tuple(d for d in affaire.documents if d is not document)
                )
        affaires = [a for a in affaires if a.documents]
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
    """Each group holds one act of each kind at most (a DOCX and its PDF are one act)."""
    return all(
        n <= 1 for docs in groupes for g, n in Counter(d.genre for d in _actes(docs)).items() if g is not None
    )


def _grouper_dossier(lisibles: Sequence[DocumentFaits]) -> Releve:
    """The documents of one folder grouped by affaire (see `grouper`): by file name when the
    names share a prefix per affaire (« 12_2025-344_deliberation.docx »), else by their clues."""
    non_lus: tuple[DocumentFaits, ...] = ()
    par_prefixe: dict[str, list[DocumentFaits]] = defaultdict(list)
    for document in lisibles:
        par_prefixe[_prefixe(document)].append(document)
    noms = {d.chemin.stem.casefold() for d in lisibles}  # a DOCX and its PDF: one name
    partages = len(par_prefixe) < len(noms)
    if not _un_par_genre([lisibles]) and partages and _un_par_genre(par_prefixe.values()):
        affaires = tuple(AffaireLue(_nom(docs), tuple(docs)) for _, docs in sorted(par_prefixe.items()))
        return Releve(affaires)
    pdf = paires(lisibles)
    genres = Counter(d.genre for d in _actes(lisibles))
    if all(n <= 1 for g, n in genres.items() if g is not None):
        return Releve((AffaireLue(_nom(lisibles), tuple(lisibles)),) if lisibles else (), non_lus)
    cles = [_cles(d) for d in lisibles]
    for i, j in pdf.items():  # the PDF of an act and its DOCX: the clues of one are the other's
        cles[i] = cles[j] = cles[i] | cles[j]
    # an act and its PDF count once
    frequence = Counter(c for i, cs in enumerate(cles) if i not in pdf for c in cs)
    trop = {
        c for c, n in frequence.items() if n > max(4, (len(lisibles) - len(pdf)) // 2)
    }  # a clue shared by all ties nothing
    parent = list(range(len(lisibles)))

    premier: dict[str, int] = {}
    for i, cs in enumerate(cles):
        for c in cs - trop:
            if c in premier:
                parent[racine(parent, i)] = racine(parent, premier[c])
            else:
                premier[c] = i
    for i, j in pdf.items():
        parent[racine(parent, i)] = racine(parent, j)
    groupes: dict[int, list[int]] = defaultdict(list)
    seuls: list[int] = []
    for i, cs in enumerate(cles):
        if cs - trop:
            groupes[racine(parent, i)].append(i)
        elif i not in pdf:  # a PDF with no clue goes where its DOCX goes
            seuls.append(i)
    non_rattaches: list[list[int]] = []
    par_montant: dict[object, set[int]] = defaultdict(set)  # the affaires by the subsidy they state, once
    for r, g in groupes.items():
        for j in g:
            for fait in lisibles[j].de(Sorte.MONTANT, Role.SUBVENTION):
                par_montant[fait.valeur].add(r)
    for i in seuls:
        cible = _groupe_par_montant(lisibles[i], par_montant)
        if cible is None and len(groupes) == 1:
            cible = next(iter(groupes))
        ses_pdf = [k for k, j in pdf.items() if j == i and not cles[k] - trop]
        if cible is None:
            non_rattaches.append([i, *ses_pdf])
        else:
            groupes[cible] += [i, *ses_pdf]
    affaires = tuple(
        AffaireLue(_nom([lisibles[j] for j in g]), tuple(lisibles[j] for j in sorted(g)))
        for _, g in sorted(groupes.items(), key=lambda e: min(e[1]))
    )
    seuls_lus = tuple(  # checked on their own all the same (a DOCX with its PDF)
        AffaireLue(_nom([lisibles[j] for j in g]), tuple(lisibles[j] for j in g)) for g in non_rattaches
    )
    return Releve(affaires + seuls_lus, non_lus, tuple(lisibles[j] for g in non_rattaches for j in g))


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
