"""Rules on the annexes themselves: each annex written elsewhere has its file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from actes62.checks.context import Context, Draft
from actes62.model import AnnexeDocument
from actes62.pieces import verifier_fichier

__all__ = ["annexe_fichier_invalide", "annexe_sans_fichier"]


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


def annexe_fichier_invalide(ctx: Context) -> Iterator[Draft]:
    """Le fichier d'une annexe écrite ailleurs existe, dans le dossier du fichier dossier (ou un
    sous-dossier), et c'est un PDF lisible (ni endommagé, ni protégé par un mot de passe).

    Pourquoi : `generate --pdf` s'arrêterait sur cette pièce ; mieux vaut le savoir en vérifiant le
    dossier, avant de générer. Référence : actes transmis avec leurs annexes (CGCT L3131-1)."""
    if ctx.fichier == "dossier":  # a dossier built in Python: its folder is not known
        return
    base = Path(ctx.fichier).resolve().parent
    for i, affaire in enumerate(ctx.affaires):
        for numero, annexe in enumerate(affaire.annexes, start=1):
            if not isinstance(annexe, AnnexeDocument) or not annexe.fichier:
                continue
            _, probleme = verifier_fichier(base, annexe.fichier)
            if probleme is not None:
                yield Draft(
                    f"annexe {numero} « {annexe.titre} » : {probleme}",
                    ctx.lieu(("affaires", i, "annexes", numero - 1, "fichier"), affaire=i),
                    {"annexe": str(numero), "fichier": annexe.fichier},
                )
