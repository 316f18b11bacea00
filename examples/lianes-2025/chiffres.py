"""Use actes62 from a script, as a département's IT team would.

Loads the example dossier, reads figures from the model and prints them in French forms:

    python examples/lianes-2025/chiffres.py [DOSSIER.yaml]
"""

from __future__ import annotations

import sys
from pathlib import Path

import actes62


def main(chemin: Path) -> int:
    try:
        dossier = actes62.load(chemin)
    except actes62.Actes62Error as exc:  # a bad dossier: its message names file, line and field
        print(exc, file=sys.stderr)
        return 2
    seance = dossier.seance
    print(f"{seance.instance.libelle} du {actes62.date_longue(seance.date, jour=True)}")
    for affaire in dossier.affaires:
        print(f"\nDélibération n°{affaire.deliberation.numero} — {affaire.beneficiaire.nom}")
        print(f"  Subvention : {actes62.euros(affaire.montant)} ({actes62.en_lettres(affaire.montant)})")
        for imputation in affaire.imputations:
            print(
                f"  {imputation.code_operation} : CP {actes62.euros(imputation.credits_paiement, centimes=True)}"
                f", solde après la proposition {actes62.euros(imputation.solde, centimes=True)}"
            )
        budget = affaire.annexe_budget
        if budget is not None:
            print(f"  Budget ({budget.titre}) :")
            for ligne, part in zip(budget.lignes, budget.pourcentages, strict=True):
                print(
                    f"    {actes62.euros(ligne.montant):>12}  {actes62.pourcentage(part):>9}  {ligne.intitule}"
                )
            print(f"    {actes62.euros(budget.total):>12}  total")
        if affaire.convention is not None:
            print(
                f"  Bilan à remettre au plus tard le {actes62.date_longue(affaire.convention.date_limite_bilan)}"
            )
    return 0


if __name__ == "__main__":
    defaut = Path(__file__).with_name("dossier.yaml")
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else defaut))
