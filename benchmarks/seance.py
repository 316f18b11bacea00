"""Synthetic séances for the benchmark: N affaires built from the example dossier.

Each affaire has its own beneficiary (names with accents and `&`), délibération and rapport
numbers, 3 to 15 visas, 1 to 30 budget lines whose total is the amount granted, and its own code
opération, so that the dossier is valid and every document differs. Deterministic for a seed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from stdnum import luhn

from actes62.load import load
from actes62.model import Affaire, Dossier

EXEMPLE = Path(__file__).resolve().parents[1] / "examples" / "lianes-2025" / "dossier.yaml"

NOMS = [
    "Élan & Découverte",
    "Les Amis de l'Œuvre",
    "Cœur d'Artois & Solidarité",
    "Société d'Études Géographiques",
    "Maison Franco-Allemande",
    "Réseau <Jeunesse> Côte d'Opale",
    "Compagnie « Théâtre & Cie »",
    "Fédération des Foyers Ruraux",
]
INTITULES = [
    "Animation des ateliers",
    "Frais de déplacement",
    "Coordination & pilotage",
    "Supports pédagogiques",
    "Communication, diffusion",
    "Évaluation du projet",
    "Accueil des délégations étrangères",
    "Location de salles",
]


def _siret(graine: int) -> str:
    """A valid SIRET (Luhn) derived from a number."""
    siren = f"{(100_000_00 + graine * 7919) % 10**8:08d}"
    siren += luhn.calc_check_digit(siren)
    nic = f"{graine % 10000:04d}"
    return siren + nic + luhn.calc_check_digit(siren + nic)


def _jour_ouvre(rng: random.Random, debut: date, jours: int) -> date:
    jour = debut + timedelta(days=rng.randrange(jours))
    while jour.weekday() >= 5:
        jour += timedelta(days=1)
    return jour


def _actes_anterieurs(rng: random.Random) -> list[dict[str, Any]]:
    """The prior acts a séance's visas cite: each with one number, date and title."""
    return [
        {
            "instance": rng.choice(["conseil_departemental", "commission_permanente"]),
            "numero": f"{annee}-{100 + k}",
            "date": _jour_ouvre(rng, date(annee, 1, 5), 300),
            "titre": f"{rng.choice(INTITULES)} : dispositif départemental n°{k}",
        }
        for k in range(40)
        for annee in [2020 + k % 5]
    ]


def _affaire(
    modele: dict[str, Any], i: int, rng: random.Random, actes: list[dict[str, Any]]
) -> dict[str, Any]:
    affaire = dict(modele)
    nom = f"{NOMS[i % len(NOMS)]} n°{i + 1}"
    ancien = modele["beneficiaire"]["nom"]
    lignes_nb = rng.randint(1, 30)
    montants = [Decimal(rng.randrange(50, 5000) * 10) for _ in range(lignes_nb)]
    montant = sum(montants, Decimal("0"))
    plafond = montant + Decimal(rng.randrange(0, 500) * 10)
    affaire["id"] = f"affaire-{i + 1:04d}"
    affaire["beneficiaire"] = {**modele["beneficiaire"], "nom": nom, "siret": _siret(i + 1)}
    affaire["imputations"] = [
        {
            **modele["imputations"][0],
            "code_operation": f"C05-{i + 1:04d}",
            "credits_paiement": plafond,
            "disponible": plafond,
            "proposition": montant,
        }
    ]
    affaire["rapport"] = {**modele["rapport"], "numero": i + 1}
    visas = rng.sample(actes, rng.randint(3, 15))
    deliberation = modele["deliberation"]
    affaire["deliberation"] = {**deliberation, "numero": f"2025-{1000 + i}", "visas": visas}
    convention = modele["convention"]
    affaire["convention"] = {
        **convention,
        "visas": [v for v in convention["visas"] if v.get("numero") != "2025-344"],
    }
    annexes = []
    for annexe in modele["annexes"]:
        if annexe["type"] == "budget":
            lignes = [
                {
                    "intitule": f"{rng.choice(INTITULES)} {k + 1}",
                    "description": "Détail & précisions",
                    "montant": m,
                }
                for k, m in enumerate(montants)
            ]
            annexes.append({**annexe, "lignes": lignes})
        else:
            annexes.append(annexe)
    affaire["annexes"] = annexes
    affaire["titre"] = modele["titre"].replace(ancien, nom)
    remplace: dict[str, Any] = _remplacer(affaire, ancien, nom)
    return remplace


def _remplacer(valeur: Any, ancien: str, nouveau: str) -> Any:
    if isinstance(valeur, str):
        return valeur.replace(ancien, nouveau)
    if isinstance(valeur, dict):
        return {k: _remplacer(v, ancien, nouveau) for k, v in valeur.items()}
    if isinstance(valeur, list):
        return [_remplacer(v, ancien, nouveau) for v in valeur]
    return valeur


def seance_synthetique(n: int, graine: int = 62) -> Dossier:
    """A valid dossier of `n` affaires, all different, deterministic for `graine`."""
    exemple = load(EXEMPLE)
    modele = exemple.affaires[0].model_dump(mode="python")
    rng = random.Random(graine)
    actes = _actes_anterieurs(rng)
    affaires = [Affaire.model_validate(_affaire(modele, i, rng, actes)) for i in range(n)]
    return exemple.model_copy(update={"affaires": affaires})
