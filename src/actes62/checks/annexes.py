"""Rules on the annexes themselves: each annex written elsewhere has its file."""

from __future__ import annotations

from collections.abc import Iterator

from actes62.checks.context import Context, Draft
from actes62.model import AnnexeDocument

__all__ = ["annexe_sans_fichier"]


def annexe_sans_fichier(ctx: Context) -> Iterator[Draft]:
    """Chaque annexe écrite ailleurs (`type: document` : un bilan d'activités, une proposition)
    nomme son fichier PDF (`fichier`), joint au PDF de transmission par `generate --pdf`.

    Pourquoi : une annexe sans fichier manque au PDF de transmission, envoyé en préfecture et
    publié ; la délibération qui la cite renvoie alors à une pièce absente.
    Référence : actes transmis au représentant de l'État avec leurs annexes (CGCT L3131-1 et
    suivants)."""
    for i, affaire in enumerate(ctx.affaires):
        for numero, annexe in enumerate(affaire.annexes, start=1):
            if isinstance(annexe, AnnexeDocument) and not annexe.fichier:
                yield Draft(
                    f"l'annexe {numero} « {annexe.titre} » n'a pas de fichier : elle manquera au PDF "
                    "de transmission (donnez le chemin de son PDF dans « fichier »)",
                    ctx.lieu(("affaires", i, "annexes", numero - 1), affaire=i),
                    {"annexe": str(numero), "titre": annexe.titre},
                )
