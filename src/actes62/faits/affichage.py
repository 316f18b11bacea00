"""What the audit read, printed for a clerk (`actes62 audit --faits`) or as JSON for scripts."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from actes62.faits.modele import DocumentFaits, Fait, Tableau, texte_valeur

if TYPE_CHECKING:
    from actes62.checks.releve import Releve

__all__ = ["faits_to_json", "faits_to_text"]


def _documents(releve: Releve) -> list[tuple[str, DocumentFaits]]:
    seuls = {id(d) for d in releve.non_rattaches}  # checked on their own: listed once, so named
    return [
        *(
            ("non rattaché" if id(d) in seuls else affaire.nom, d)
            for affaire in releve.affaires
            for d in affaire.documents
        ),
        *(("non lu", d) for d in releve.non_lus),
    ]


def _valeur(fait: Fait) -> str:
    if isinstance(fait.valeur, Tableau):
        tableau = fait.valeur
        total = f", total {texte_valeur(tableau.total.montant)}" if tableau.total else ", sans total"
        return f"{len(tableau.lignes)} lignes{total}"
    return texte_valeur(fait.valeur)


def faits_to_text(releve: Releve) -> str:
    """Per document, each fact: its place (where a Word user finds it in a DOCX), its kind and role,
    its value and the words read."""
    lignes: list[str] = []
    for affaire, document in _documents(releve):
        genre = document.genre.value if document.genre else "pièce non reconnue"
        lignes.append(f"{document.nom} — {genre} — {affaire}")
        if not document.lisible:
            lignes.append(f"  non lu : {document.raison}")
        for fait in document.faits:
            lignes.append(
                f"  {fait.lieu.landmark or fait.lieu.part} : {fait.sorte.value} ({fait.role.value}) = {_valeur(fait)}"
                f"  « {' '.join(fait.ecrit.split())[:80]} »"
            )
        lignes.append("")
    return "\n".join(lignes).rstrip()


def faits_to_json(releve: Releve) -> str:
    """The same as JSON: a list of documents, each with its facts (stable keys; `lieu` is the part, a
    key, `repere` where a Word user finds it in a DOCX, null in a PDF)."""
    sortie: list[dict[str, Any]] = []
    for affaire, document in _documents(releve):
        sortie.append(
            {
                "fichier": str(document.chemin),
                "partie": document.partie,
                "genre": document.genre.value if document.genre else None,
                "affaire": affaire,
                "lisible": document.lisible,
                "raison": document.raison,
                "faits": [
                    {
                        "sorte": fait.sorte.value,
                        "role": fait.role.value,
                        "valeur": _valeur(fait),
                        "lieu": fait.lieu.part,
                        "repere": fait.lieu.landmark,
                        "texte": fait.lieu.text,
                        "ecrit": fait.ecrit,
                    }
                    for fait in document.faits
                ],
            }
        )
    return json.dumps(sortie, ensure_ascii=False, indent=2, sort_keys=True)
