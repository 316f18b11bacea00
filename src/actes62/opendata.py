"""Open data: the délibérations and the subsidies of dossiers as CSV files in the SCDL formats
(Socle commun des données locales, schema.data.gouv.fr), `scdl/deliberations` 2.1.5 and
`scdl/subventions` 2.1.1.

The table schemas are shipped in `actes62/data/scdl/` (their source is in the README there). Each
row is checked against its schema, read here (types, required values, patterns, allowed values,
lengths, bounds), before anything is written: a value the schema refuses is a French error naming
the dossier, the affaire and the column, never a bad row.

What the model does not say is filled as follows (and documented in the README):
- DELIB_MATIERE_CODE / DELIB_MATIERE_NOM come from the délibération's classification des
  matières (`deliberation.actes.matiere`, levels 1 and 2, names from the ACTES reference table);
- dateConvention: the model has no signing date of the convention; the date of the décision
  (the séance) is given;
- datesPeriodeVersement: the due date of a single payment when the dossier gives it, the span
  of the due dates of a schedule when all are given, else the convention's period (début/fin),
  else the séance's date to the end of its year;
- notificationUE « non », pourcentageSubvention 1.00 (one beneficiary), nature « aide en
  numéraire »;
- PREF_ID « PREF » + the département's code, PREF_DATE the reception date of the accusé de
  réception, once the act is transmitted;
- VOTE_EFFECTIF, « the members who may take part in the vote (present at the séance) »: the
  members present when the affaire is voted and the members validly represented, as rule V001
  counts them; VOTE_REEL, « the members who took part »: pour + contre + abstention. A vote that
  counts more voix than that (V001) is published as the délibération records it, with a French
  warning (`Export.avertissements`): the act is what it is, the clerk has to know.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, NamedTuple
from urllib.parse import urlsplit

from actes62.actes import referentiel
from actes62.checks.seance import voix_possibles
from actes62.errors import Actes62Error, FichierExistant
from actes62.fichiers import ecrire_atomique
from actes62.model import Affaire, Dossier

__all__ = [
    "JEUX",
    "Export",
    "ExportRefuse",
    "avertissements_vote",
    "exporter",
    "lignes_deliberations",
    "lignes_subventions",
    "schema",
    "verifier",
]

Jeu = Literal["deliberations", "subventions"]
JEUX: tuple[Jeu, ...] = ("deliberations", "subventions")


class ExportRefuse(Actes62Error):
    """An open-data export cannot be written: a value its schema refuses, a missing fact."""


@cache
def schema(jeu: Jeu) -> dict[str, Any]:
    """The SCDL table schema of `jeu`, as shipped in `actes62/data/scdl/{jeu}.json`."""
    texte = resources.files("actes62").joinpath("data", "scdl", f"{jeu}.json").read_text(encoding="utf-8")
    donnees: dict[str, Any] = json.loads(texte)
    return donnees


def colonnes(jeu: Jeu) -> list[str]:
    """The columns of `jeu`, in the schema's order."""
    return [champ["name"] for champ in schema(jeu)["fields"]]


# --- the rows -------------------------------------------------------------------------------------------


def _matiere(affaire: Affaire) -> tuple[str, str] | None:
    """The level-2 code (« 7.5 ») and the name (« finances locales/subventions ») of the
    délibération's classification des matières (`deliberation.actes.matiere`), the names from the
    ACTES reference table; None when the dossier gives none."""
    code = affaire.deliberation.actes.matiere
    if code is None:
        return None
    niveaux = code.split(".")[:2]
    matieres = referentiel().matieres
    noms = [matieres.get(".".join(niveaux[: n + 1])) for n in range(len(niveaux))]
    if len(niveaux) < 2 or None in noms:
        return ".".join(niveaux), ""  # the schema's pattern says what is wrong
    return ".".join(niveaux), "/".join(str(nom).lower() for nom in noms)


def _decimal(valeur: Decimal) -> str:
    """A decimal with a point and two decimals: « 9380.00 »."""
    return f"{valeur.quantize(Decimal('0.01')):f}"


def lignes_deliberations(dossier: Dossier) -> list[dict[str, str]]:
    """One SCDL row per délibération of the dossier (adopted or rejected: a projet is refused)."""
    lignes = []
    collectivite = dossier.collectivite
    for affaire in dossier.affaires:
        deliberation = affaire.deliberation
        if deliberation.vote is None:
            raise ExportRefuse(
                f"affaire « {affaire.id} » : la délibération n°{deliberation.numero} est en projet ; "
                "le jeu SCDL des délibérations ne publie que des délibérations votées"
            )
        matiere = _matiere(affaire)
        acquittement = deliberation.acquittement
        vote = deliberation.vote
        lignes.append(
            {
                "COLL_NOM": collectivite.nom,
                "COLL_SIRET": collectivite.siret,
                "DELIB_ID": deliberation.numero,
                "DELIB_DATE": dossier.seance.date.isoformat(),
                "DELIB_MATIERE_CODE": matiere[0] if matiere else "",
                "DELIB_MATIERE_NOM": matiere[1] if matiere else "",
                "DELIB_OBJET": affaire.titre,
                "BUDGET_ANNEE": str(dossier.seance.date.year),
                "BUDGET_NOM": "",
                "PREF_ID": f"PREF{collectivite.code_departement}" if acquittement else "",
                "PREF_DATE": acquittement.date_reception.isoformat() if acquittement else "",
                "VOTE_EFFECTIF": str(sum(voix_possibles(dossier.seance, affaire))),
                "VOTE_REEL": str(vote.pour + vote.contre + vote.abstention),
                "VOTE_POUR": str(vote.pour),
                "VOTE_CONTRE": str(vote.contre),
                "VOTE_ABSTENTION": str(vote.abstention),
                "DELIB_URL": "",
            }
        )
    return lignes


def _periode_versement(dossier: Dossier, affaire: Affaire) -> str:
    convention = affaire.convention
    if convention is not None:
        echeances = [v.echeance for v in convention.versements]
        if echeances and all(e is not None for e in echeances):
            dates = sorted(e for e in echeances if e is not None)
            if len(dates) == 1:
                return dates[0].isoformat()
            return f"{dates[0].isoformat()}/{dates[-1].isoformat()}"
        return f"{convention.debut.isoformat()}/{convention.fin.isoformat()}"
    debut = dossier.seance.date
    return f"{debut.isoformat()}/{date(debut.year, 12, 31).isoformat()}"


def lignes_subventions(dossier: Dossier) -> list[dict[str, str]]:
    """One SCDL row per subsidy granted by the dossier (one per affaire voted and adopted)."""
    lignes = []
    collectivite = dossier.collectivite
    for affaire in dossier.affaires:
        deliberation = affaire.deliberation
        if deliberation.vote is None or not deliberation.vote.adopte:
            quoi = "en projet" if deliberation.vote is None else "rejetée"
            raise ExportRefuse(
                f"affaire « {affaire.id} » : la délibération n°{deliberation.numero} est {quoi} ; "
                "le jeu SCDL des subventions ne publie que des subventions attribuées"
            )
        convention = affaire.convention
        versements = convention.versements if convention is not None else []
        beneficiaire = affaire.beneficiaire
        lignes.append(
            {
                "nomAttribuant": collectivite.nom,
                "idAttribuant": collectivite.siret,
                "dateConvention": dossier.seance.date.isoformat(),
                "referenceDecision": deliberation.numero,
                "nomBeneficiaire": beneficiaire.nom,
                "idBeneficiaire": beneficiaire.siret,
                "rnaBeneficiaire": beneficiaire.rna or "",
                "objet": affaire.titre,
                "montant": _decimal(affaire.montant),
                "nature": "aide en numéraire",
                "conditionsVersement": "échelonné" if len(versements) > 1 else "unique",
                "datesPeriodeVersement": _periode_versement(dossier, affaire),
                "idRAE": "",
                "notificationUE": "non",
                "pourcentageSubvention": "1.00",
                "dispositifAide": "",
            }
        )
    return lignes


def avertissements_vote(dossier: Dossier, nom: str, source: Path | None = None) -> list[str]:
    """What the délibérations export publishes that the dossier's own check rejects: a vote with
    more voix than members present and validly represented (rule V001, as `actes62 check` applies
    it, the rules the dossier ignores left out), one French warning per délibération."""
    from actes62.checks.rules import RULES, check

    regle = [r for r in RULES if r.code == "V001"]
    avertissements = []
    for finding in check(dossier, source=source, rules=regle):
        if finding.code != "V001":
            continue
        affaire = next(a for a in dossier.affaires if a.id == finding.location.affaire)
        vote = affaire.deliberation.vote
        reel = vote.pour + vote.contre + vote.abstention if vote is not None else 0
        ligne = f":{finding.location.line}" if finding.location.line is not None else ""
        avertissements.append(
            f"{nom}{ligne}, affaire « {affaire.id} » : VOTE_REEL {reel} publié tel que la délibération "
            f"n°{affaire.deliberation.numero} le compte, au-delà de VOTE_EFFECTIF "
            f"{sum(voix_possibles(dossier.seance, affaire))} : {finding.message} (règle V001 d'"
            "actes62 check) ; vérifiez le vote, les présents et les pouvoirs du dossier"
        )
    return avertissements


# --- checking a row against its table schema ---------------------------------------------------------


def _erreur_valeur(champ: Mapping[str, Any], valeur: str) -> str | None:
    """Why `valeur` breaks the field's type or constraints (in French), or None."""
    contraintes: Mapping[str, Any] = champ.get("constraints", {})
    if valeur == "":
        return "valeur obligatoire absente" if contraintes.get("required") else None
    genre = champ.get("type", "string")
    nombre: Decimal | None = None
    if genre == "date":
        try:
            date.fromisoformat(valeur)
        except ValueError:
            return "une date AAAA-MM-JJ est attendue"
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", valeur):
            return "une date AAAA-MM-JJ est attendue"
    elif genre == "integer":
        if not re.fullmatch(r"[+-]?\d+", valeur):
            return "un nombre entier est attendu"
        nombre = Decimal(valeur)
    elif genre == "number":
        try:
            nombre = Decimal(valeur)
        except InvalidOperation:
            nombre = None
        if nombre is None or not nombre.is_finite() or not re.fullmatch(r"[+-]?\d+(\.\d+)?", valeur):
            return "un nombre au point décimal est attendu (ex. 9380.00)"
    elif genre == "boolean":
        permises = [*champ.get("trueValues", ["true"]), *champ.get("falseValues", ["false"])]
        if valeur not in permises:
            return "valeurs permises : " + ", ".join(f"« {v} »" for v in permises)
    if genre == "string" and champ.get("format") == "uri":
        adresse = urlsplit(valeur)
        if not adresse.scheme or not adresse.netloc:
            return "une adresse web complète est attendue (https://…)"
    if "pattern" in contraintes and not re.fullmatch(contraintes["pattern"], valeur):
        return f"forme attendue : {contraintes['pattern']}"
    if "enum" in contraintes and valeur not in contraintes["enum"]:
        return "valeurs permises : " + ", ".join(f"« {v} »" for v in contraintes["enum"])
    if "maxLength" in contraintes and len(valeur) > contraintes["maxLength"]:
        return f"{contraintes['maxLength']} caractères au plus, il y en a {len(valeur)}"
    if "minLength" in contraintes and len(valeur) < contraintes["minLength"]:
        return f"{contraintes['minLength']} caractères au moins"
    if nombre is not None and "minimum" in contraintes and nombre < Decimal(str(contraintes["minimum"])):
        return f"{contraintes['minimum']} au moins"
    if nombre is not None and "maximum" in contraintes and nombre > Decimal(str(contraintes["maximum"])):
        return f"{contraintes['maximum']} au plus"
    return None


_MATIERE = (
    " (la classification des matières ACTES de la délibération, ex. 7.5 « finances locales/subventions », "
    "que le dossier ne donne pas)"
)
_CONSEILS = {
    "DELIB_MATIERE_CODE": _MATIERE,
    "DELIB_MATIERE_NOM": _MATIERE,
    "objet": " (le titre de l'affaire : raccourcissez-le)",
}


def verifier(jeu: Jeu, lignes: Sequence[Mapping[str, str]], origine: Sequence[str]) -> None:
    """Raise ExportRefuse listing every value of `lignes` that breaks the schema of `jeu`;
    `origine[i]` says where row i comes from (« dossier.yaml, affaire « lianes-2025 » »)."""
    erreurs = []
    champs = schema(jeu)["fields"]
    for ligne, ou in zip(lignes, origine, strict=True):
        for champ in champs:
            raison = _erreur_valeur(champ, ligne.get(champ["name"], ""))
            if raison is not None:
                valeur = ligne.get(champ["name"], "")
                cite = f" « {valeur[:80]}{'…' if len(valeur) > 80 else ''} »" if valeur else ""
                conseil = _CONSEILS.get(champ["name"], "")
                erreurs.append(f"{ou} : colonne {champ['name']}{cite} : {raison}{conseil}")
    if erreurs:
        raise ExportRefuse(
            f"export SCDL {jeu} refusé, rien n'est écrit : des valeurs ne respectent pas le schéma.\n"
            + "\n".join(erreurs)
        )


# --- the file -------------------------------------------------------------------------------------------


def csv_scdl(jeu: Jeu, lignes: Iterable[Mapping[str, str]]) -> bytes:
    """The CSV file: UTF-8 without BOM, comma-separated, a header row in the schema's order."""
    tampon = io.StringIO(newline="")
    ecrivain = csv.DictWriter(tampon, fieldnames=colonnes(jeu), lineterminator="\r\n")
    ecrivain.writeheader()
    ecrivain.writerows(lignes)
    return tampon.getvalue().encode("utf-8")


class Export(NamedTuple):
    """What `exporter` wrote: its number of rows, and its French warnings on values it published
    that the dossier's own check rejects."""

    lignes: int
    avertissements: tuple[str, ...] = ()


def exporter(
    jeu: str, dossiers: Sequence[Dossier], destination: Path, *, force: bool = False, noms: Sequence[str] = ()
) -> Export:
    """Write the SCDL CSV of `jeu` (« deliberations » or « subventions ») for the dossiers into
    `destination` (atomically; an existing file only with `force`); returns the number of rows and
    the warnings (`avertissements_vote`). `noms`: the dossiers' files, for messages and lines."""
    if jeu not in JEUX:
        raise ExportRefuse(f"jeu de données inconnu « {jeu} » : « deliberations » ou « subventions »")
    choisi: Jeu = "deliberations" if jeu == "deliberations" else "subventions"
    destination = Path(destination)
    if destination.is_dir():
        raise ExportRefuse(f"{destination} est un dossier : le chemin d'un fichier CSV est attendu")
    if (destination.exists() or destination.is_symlink()) and not force:
        raise FichierExistant(destination)
    lignes: list[dict[str, str]] = []
    origine: list[str] = []
    avertissements: list[str] = []
    for index, dossier in enumerate(dossiers):
        nom = noms[index] if index < len(noms) else f"dossier {index + 1}"
        try:
            faites = (
                lignes_deliberations(dossier) if choisi == "deliberations" else lignes_subventions(dossier)
            )
        except ExportRefuse as exc:
            raise ExportRefuse(f"{nom}, {exc}") from None
        lignes += faites
        origine += [f"{nom}, affaire « {affaire.id} »" for affaire in dossier.affaires]
        if choisi == "deliberations":
            source = Path(noms[index]) if index < len(noms) else None
            avertissements += avertissements_vote(dossier, nom, source)
    verifier(choisi, lignes, origine)
    ecrire_atomique(destination, csv_scdl(choisi, lignes))
    return Export(len(lignes), tuple(avertissements))
