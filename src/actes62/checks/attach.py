"""Documents → affaires: each DOCX/PDF is read once and tied to its affaire by its content
(délibération number, rapport number, SIRET or name of the beneficiary, budget total), and the
facts it states (amounts, dates, SIRETs, amounts in words, vote…) are found once. Folders are
expanded; a PDF made of several acts (the transmission PDF) is split by its bookmarks, each part
tied and checked on its own.

Affaires are indexed once, so tying N documents to M affaires costs N + M, not N × M.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from actes62.checks.context import DocumentRejete, IdentifiedDocument
from actes62.errors import DocumentIllisible
from actes62.faits.phrases import (
    pliage,
)
from actes62.faits.trouves import FaitsDocument, trouves
from actes62.formats import euros, trouver_montants
from actes62.identify import DocumentKind, Identification, Signatures, identify_parts
from actes62.model import Affaire, AnnexeBudget, AnnexeDocument
from actes62.progress import Progression
from actes62.read import ReadDocument, documents_in, read_document

__all__ = ["lire_et_rattacher"]


@dataclass(frozen=True)
class _Index:
    """The affaires by the clues a document carries."""

    deliberations: dict[str, int]
    rapports: dict[int, int]
    sirets: dict[str, list[int]]
    noms: dict[str, list[int]]
    totaux: dict[Decimal, list[int]]
    titres: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def de(cls, affaires: Sequence[Affaire]) -> _Index:
        index = cls({}, {}, {}, {}, {})
        for i, affaire in enumerate(affaires):
            index.titres.setdefault(" ".join(pliage(affaire.titre).split()), []).append(i)
            index.deliberations.setdefault(affaire.deliberation.numero, i)
            index.rapports.setdefault(affaire.rapport.numero, i)
            if affaire.convention is not None:
                index.sirets.setdefault(affaire.beneficiaire.siret, []).append(i)
                index.noms.setdefault(pliage(affaire.beneficiaire.nom), []).append(i)
            for annexe in affaire.annexes:
                if isinstance(annexe, AnnexeBudget):
                    index.totaux.setdefault(annexe.total, []).append(i)
        return index


def _choisir(candidats: list[int], affaires: Sequence[Affaire], document: ReadDocument) -> int | None:
    """Among affaires that fit, the one whose amount the document states (else the first)."""
    if len(candidats) <= 1:
        return candidats[0] if candidats else None
    montants = {valeur for _, _, valeur in trouver_montants(document.text)}
    return next((i for i in candidats if affaires[i].montant in montants), candidats[0])


def _affaire_de(
    identification: Identification, document: ReadDocument, affaires: Sequence[Affaire], index: _Index
) -> int | None:
    kind = identification.kind
    numero = identification.numero_deliberation
    if kind is DocumentKind.RAPPORT and identification.numero_rapport is not None:
        trouve = index.rapports.get(identification.numero_rapport)
        return trouve if trouve is not None else _par_titre(document, affaires, index)
    if kind is DocumentKind.DELIBERATION:
        trouve = index.deliberations.get(numero) if numero is not None else None
        return trouve if trouve is not None else _par_titre(document, affaires, index)
    if kind is DocumentKind.CONVENTION:
        candidats = [i for s in identification.sirets for i in index.sirets.get(s, [])]
        if candidats:
            return _choisir(list(dict.fromkeys(candidats)), affaires, document)
        if numero is not None and numero in index.deliberations:
            return index.deliberations[numero]
        texte = pliage(document.text)  # a SIRET changed by hand: the beneficiary's name, then the amount
        candidats = [i for nom, liste in index.noms.items() if nom in texte for i in liste]
        return _choisir(candidats, affaires, document)
    if kind is DocumentKind.BUDGET:
        if numero is not None and numero in index.deliberations:
            return index.deliberations[numero]
        if identification.total_budget is not None:
            return _choisir(index.totaux.get(identification.total_budget, []), affaires, document)
    if numero is not None and kind is not None:
        return index.deliberations.get(numero)
    return None


def _par_titre(document: ReadDocument, affaires: Sequence[Affaire], index: _Index) -> int | None:
    """A délibération or a rapport whose number matches no affaire (mistyped by hand): the affaire
    whose title it states, so that it is checked — its wrong number is then reported, not the
    whole document left aside."""
    texte = " ".join(pliage(document.text).split())
    candidats = [
        i for titre, liste in index.titres.items() if len(titre) >= 20 and titre in texte for i in liste
    ]
    return _choisir(list(dict.fromkeys(candidats)), affaires, document) if candidats else None


def _annexe(affaire: Affaire, identification: Identification) -> AnnexeBudget | None:
    budgets = [a for a in affaire.annexes if isinstance(a, AnnexeBudget)]
    total = identification.total_budget
    return next((a for a in budgets if a.total == total), budgets[0] if budgets else None)


def _developper(chemins: Sequence[Path]) -> tuple[list[Path], list[DocumentRejete]]:
    """The files to read, folders expanded (as the command line does); a path that does not exist
    or is not DOCX/PDF is set aside as unreadable."""
    fichiers: list[Path] = []
    rejetes: list[DocumentRejete] = []
    vus: set[Path] = set()
    for chemin in chemins:
        try:
            trouves = documents_in([Path(chemin)])
        except DocumentIllisible as exc:
            rejetes.append(DocumentRejete(Path(chemin), exc.raison, illisible=True))
            continue
        for fichier in trouves:
            cle = fichier.resolve()
            if cle not in vus:
                vus.add(cle)
                fichiers.append(fichier)
    return fichiers, rejetes


_NON_RECONNU = (
    "ni délibération (« DÉCIDE »), ni rapport (« RAPPORT N° »), ni convention (titre et SIRET), "
    "ni annexe budgétaire (tableau « Intitulé » / « Montant ») n'y ont été reconnus"
)


def _annexe_jointe(partie: str | None, affaires: Sequence[Affaire]) -> bool:
    """A part of a transmission PDF whose bookmark names an annex joined as it is (a bilan
    d'activités) of the affaire the other parts belong to: nothing to check in it."""
    if partie is None:
        return False
    titre = pliage(partie)
    return any(
        isinstance(annexe, AnnexeDocument) and pliage(annexe.titre) in titre
        for affaire in affaires
        for annexe in affaire.annexes
    )


def lire_et_rattacher(
    chemins: Sequence[Path], affaires: Sequence[Affaire], progression: bool = False, modeles: Signatures = ()
) -> tuple[list[IdentifiedDocument], list[DocumentRejete]]:
    """Read each document once (folders expanded, a PDF of several acts split by its bookmarks)
    and tie each act to its affaire; what cannot be is set aside with a reason. `modeles`: the
    wording of the templates the documents may have been written from (see `identify`)."""
    index = _Index.de(affaires)
    fichiers, rejetes = _developper(chemins)
    identifies: list[IdentifiedDocument] = []
    for chemin, lu in zip(fichiers, _lectures(fichiers, progression, modeles), strict=True):
        if isinstance(lu, str):
            rejetes.append(DocumentRejete(chemin, lu, illisible=True))
            continue
        tenus: list[IdentifiedDocument] = []
        non_reconnus: list[ReadDocument] = []
        for document, identification, faits in lu:
            if identification.kind is None:
                non_reconnus.append(document)
                continue
            i = _affaire_de(identification, document, affaires, index)
            if i is None:
                rejetes.append(
                    DocumentRejete(
                        document.path,
                        f"{identification.kind.value} {'reconnu' if identification.kind is DocumentKind.RAPPORT else 'reconnue'}"
                        ", mais aucune affaire du dossier ne lui correspond" + _indices(identification),
                        kind=identification.kind,
                        partie=document.partie,
                    )
                )
                continue
            affaire = affaires[i]
            tenus.append(
                IdentifiedDocument(
                    document=document,
                    identification=identification,
                    kind=identification.kind,
                    affaire=affaire,
                    index=i,
                    faits=faits,
                    annexe=_annexe(affaire, identification)
                    if identification.kind is DocumentKind.BUDGET
                    else None,
                )
            )
        identifies += tenus
        rattachees = [d.affaire for d in tenus]
        for document in non_reconnus:
            if not _annexe_jointe(document.partie, rattachees):
                rejetes.append(DocumentRejete(document.path, _NON_RECONNU, partie=document.partie))
    return identifies, rejetes


SEUIL_PARALLELE = 40
"""From this many documents on, they are read by worker processes (one per core)."""

_Lu = list[tuple[ReadDocument, Identification, FaitsDocument]] | str


def _lire(chemin: Path, modeles: Signatures = ()) -> _Lu:
    """Read, identify and extract the facts of one document (of each act of a PDF that holds
    several); the reason when it cannot be read."""
    try:
        document = read_document(chemin)
    except DocumentIllisible as exc:
        return exc.raison
    return [
        (partie, identification, trouves(partie))
        for partie, identification in identify_parts(document, modeles)
    ]


def _lectures(chemins: Sequence[Path], progression: bool = False, modeles: Signatures = ()) -> list[_Lu]:
    """Each document read once, in the order given; spread over the cores for a séance."""
    barre = Progression(len(chemins), "Lecture des documents", actif=None if progression else False)
    processus = os.cpu_count() or 1
    lus: list[_Lu] = []
    if processus <= 1 or len(chemins) < SEUIL_PARALLELE:
        for chemin in chemins:
            lus.append(_lire(chemin, modeles))
            barre.avancer()
    else:
        with ProcessPoolExecutor(processus) as executeur:
            lire = functools.partial(_lire, modeles=modeles)
            for lu in executeur.map(lire, chemins, chunksize=max(1, len(chemins) // (processus * 8))):
                lus.append(lu)
                barre.avancer()
    barre.terminer()
    return lus


def _indices(identification: Identification) -> str:
    indices = []
    if identification.numero_deliberation:
        indices.append(f"délibération n°{identification.numero_deliberation}")
    if identification.numero_rapport is not None:
        indices.append(f"rapport n°{identification.numero_rapport}")
    indices += [f"SIRET {s}" for s in identification.sirets]
    if identification.total_budget is not None:
        indices.append(f"total {euros(identification.total_budget)}")
    return f" ({', '.join(indices)})" if indices else ""
