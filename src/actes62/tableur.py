"""`actes62 import-tableur`: a spreadsheet of affaires (XLSX or CSV, one row per affaire) → dossier.

Each row takes the séance file's first affaire as its model (its texts cite the facts between
`{{ }}`, so they fit every row) and puts in it the row's own facts: beneficiary, SIRET, amount,
imputation, numbers, dates. Headers are French and read whatever their case and accents; amounts
and dates are read in their French forms (« 9 380,00 € », « 15/09/2025ᵉ ») or as the spreadsheet's
own numbers and dates. Every bad cell is reported at once, with its sheet, row and column letter.

What the spreadsheet does not give (no such column, or an empty cell) is never the model's
beneficiary's: each column says what a row gets then (`Repli`) — the model's value where it is not
the beneficiary's (its operation, its dates), the field's default, or an empty value with a
`# À COMPLÉTER` comment in the dossier written. A model whose texts name its beneficiary in full
is refused: every row would name it.
"""

from __future__ import annotations

import copy
import csv
import difflib
import io
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from pydantic import ValidationError

from actes62 import formats
from actes62.errors import Actes62Error, DossierInvalide, ErreurChamp, FichierExistant
from actes62.fichiers import ecrire_atomique
from actes62.identify import pliage
from actes62.load import _analyser, _lire_fichier, chemin_lisible, ligne_du_champ, load_text
from actes62.model import Affaire, Beneficiaire, FormeJuridique, Personne, _siret_valide

__all__ = [
    "COLONNES",
    "Colonne",
    "Repli",
    "TableurImporte",
    "TableurInvalide",
    "importer_tableur",
    "lire_lignes",
]


class TableurInvalide(Actes62Error):
    """The spreadsheet cannot be read into affaires; the message lists every bad cell."""

    def __init__(self, fichier: Path, erreurs: list[str]) -> None:
        self.fichier = fichier
        self.erreurs = erreurs
        super().__init__("\n".join(f"{fichier}, {erreur}" for erreur in erreurs))


# --- the columns ------------------------------------------------------------------------------------


def _texte(valeur: Any) -> str:
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    return str(valeur).strip()


def _montant(valeur: Any) -> Decimal:
    if isinstance(valeur, bool):
        raise ValueError("un montant est attendu")
    if isinstance(valeur, int | float | Decimal):
        try:
            montant = Decimal(str(valeur))
        except InvalidOperation:
            raise ValueError("un montant est attendu") from None
        if montant != montant.quantize(Decimal("0.01")):
            raise ValueError(f"un montant a au plus deux décimales, pas « {valeur} »")
        return montant.quantize(Decimal("0.01"))
    try:
        return formats.lire_euros(str(valeur)).quantize(Decimal("0.01"))
    except (ValueError, InvalidOperation):
        raise ValueError(
            f"montant illisible « {valeur} » : un montant comme « 9 380,00 € » est attendu"
        ) from None


def _date(valeur: Any) -> date:
    if isinstance(valeur, datetime):
        return valeur.date()
    if isinstance(valeur, date):
        return valeur
    texte = str(valeur).strip()
    try:
        return date.fromisoformat(texte)
    except ValueError:
        pass
    try:
        return formats.lire_date(texte)
    except ValueError:
        raise ValueError(f"date illisible « {texte} » : une date comme « 15/09/2025 » est attendue") from None


def _entier(valeur: Any) -> int:
    if isinstance(valeur, int) and not isinstance(valeur, bool):
        return valeur
    if isinstance(valeur, float) and valeur.is_integer():
        return int(valeur)
    texte = str(valeur).strip().removeprefix("n°").removeprefix("N°").strip()
    if not texte.isdigit():
        raise ValueError(f"« {valeur} » : un nombre entier est attendu")
    return int(texte)


def _siret(valeur: Any) -> str:
    texte = _texte(valeur)
    _siret_valide(texte)  # the model's own check
    return texte


def _forme(valeur: Any) -> str:
    texte = _texte(valeur)
    for forme in FormeJuridique:
        if _cle(forme.value) == _cle(texte):
            return forme.value
    permises = [f.value for f in FormeJuridique]
    proche = difflib.get_close_matches(texte.lower(), permises, n=1)
    conseil = f" : vouliez-vous dire « {proche[0]} » ?" if proche else ""
    raise ValueError(
        f"forme juridique inconnue « {texte} »{conseil} (valeurs permises : {', '.join(permises)})"
    )


def _personne(valeur: Any) -> str:
    texte = _texte(valeur)
    try:
        Personne.model_validate(texte)
    except ValidationError as exc:
        raise ValueError(str(exc.errors()[0]["msg"]).removeprefix("Value error, ")) from None
    return texte


def _adresse(valeur: Any) -> dict[str, list[str]]:
    lignes = [ligne.strip() for ligne in re.split(r"\n| ; ", _texte(valeur)) if ligne.strip()]
    return {"lignes": lignes}


class Repli(StrEnum):
    """What an affaire gets where the spreadsheet gives nothing (no such column, or an empty cell);
    never the model affaire's beneficiary's data. The value is what the guide says."""

    EXIGE = "refusé : la valeur est obligatoire"
    DEDUIT = "déduit (voir ce qu'il contient)"
    MODELE = "la valeur de l'affaire modèle (ce n'est pas une donnée du bénéficiaire)"
    DEFAUT = "la valeur par défaut du champ (association ; aucun RNA), jamais celle de l'affaire modèle"
    A_COMPLETER = "« À COMPLÉTER » dans le dossier écrit, à remplir avant de le vérifier"
    OPERATION = (
        "la valeur de l'affaire modèle quand l'opération est la sienne, sinon « À COMPLÉTER » dans le "
        "dossier écrit"
    )


@dataclass(frozen=True)
class Colonne:
    """A column of the spreadsheet: its French header, where its value goes in the affaire, how a
    cell is read, what a row gets without it (`repli`), and what the guide says of it."""

    entete: str
    chemins: tuple[str, ...]
    lire: Callable[[Any], Any]
    repli: Repli
    description: str
    exemple: str

    @property
    def obligatoire(self) -> bool:
        return self.repli is Repli.EXIGE


COLONNES: tuple[Colonne, ...] = (
    Colonne(
        "Bénéficiaire",
        ("beneficiaire.nom",),
        _texte,
        Repli.EXIGE,
        "le nom du bénéficiaire, sans sa forme juridique",
        "Terrils en fête",
    ),
    Colonne(
        "SIRET",
        ("beneficiaire.siret",),
        _siret,
        Repli.EXIGE,
        "14 chiffres, espaces permis",
        "822 880 480 00014",
    ),
    Colonne(
        "Montant",
        ("imputations.0.proposition",),
        _montant,
        Repli.EXIGE,
        "la subvention proposée, en euros",
        "9 380,00 €",
    ),
    Colonne(
        "Objet",
        ("convention.objet",),
        _texte,
        Repli.EXIGE,
        "ce que la subvention finance, après « pour » (« pour l'organisation du festival »)",
        "l'organisation du festival 2026",
    ),
    Colonne(
        "Identifiant",
        ("id",),
        _texte,
        Repli.DEDUIT,
        "l'identifiant de l'affaire (minuscules, chiffres, tirets) ; par défaut, tiré du nom et de l'année",
        "terrils-en-fete-2026",
    ),
    Colonne(
        "Titre",
        ("titre",),
        _texte,
        Repli.DEDUIT,
        "le titre de l'affaire ; par défaut « Soutien à … pour … » tiré du bénéficiaire et de l'objet",
        "Soutien au festival Les Nuits du Terril",
    ),
    Colonne(
        "Forme juridique",
        ("beneficiaire.forme_juridique",),
        _forme,
        Repli.DEFAUT,
        "association (par défaut), commune, fondation… (la liste du guide)",
        "association",
    ),
    Colonne(
        "RNA", ("beneficiaire.rna",), _texte, Repli.DEFAUT, "le numéro RNA d'une association", "W623001234"
    ),
    Colonne(
        "Adresse",
        ("beneficiaire.siege",),
        _adresse,
        Repli.A_COMPLETER,
        "l'adresse du siège ; lignes séparées par un retour à la ligne ou « ; »",
        "12 rue des Mineurs ; 62750 LOOS-EN-GOHELLE",
    ),
    Colonne(
        "Représentant",
        ("beneficiaire.representant.personne", "convention.signataire_beneficiaire.personne"),
        _personne,
        Repli.A_COMPLETER,
        "qui représente le bénéficiaire et signe la convention : « M. Prénom NOM » ou « Mme Prénom NOM »",
        "M. Grégory LEFEBVRE",
    ),
    Colonne(
        "Qualité",
        ("beneficiaire.representant.qualite", "convention.signataire_beneficiaire.qualite"),
        _texte,
        Repli.A_COMPLETER,
        "la qualité du représentant",
        "Président de l'association",
    ),
    Colonne(
        "Code opération",
        ("imputations.0.code_operation",),
        _texte,
        Repli.MODELE,
        "le code de l'opération budgétaire",
        "C03-313A02",
    ),
    Colonne(
        "Imputation",
        ("imputations.0.imputation",),
        _texte,
        Repli.OPERATION,
        "nature//fonction",
        "65748//93311",
    ),
    Colonne(
        "Libellé opération",
        ("imputations.0.libelle",),
        _texte,
        Repli.OPERATION,
        "le libellé de l'opération",
        "Festivals et manifestations culturelles",
    ),
    Colonne(
        "Crédits de paiement",
        ("imputations.0.credits_paiement",),
        _montant,
        Repli.OPERATION,
        "les CP de l'opération, en euros",
        "600 000,00 €",
    ),
    Colonne(
        "Disponible",
        ("imputations.0.disponible",),
        _montant,
        Repli.OPERATION,
        "le disponible de l'opération avant l'affaire, en euros",
        "212 000,00 €",
    ),
    Colonne(
        "N° rapport",
        ("rapport.numero",),
        _entier,
        Repli.DEDUIT,
        "le numéro du rapport ; par défaut, à la suite de celui du modèle",
        "13",
    ),
    Colonne(
        "N° délibération",
        ("deliberation.numero",),
        _texte,
        Repli.DEDUIT,
        "le numéro de la délibération (AAAA-N) ; par défaut, à la suite de celui du modèle",
        "2026-102",
    ),
    Colonne(
        "Rapporteur",
        ("rapport.rapporteur",),
        _personne,
        Repli.MODELE,
        "le membre qui présente le rapport",
        "Mme Blandine DRAIN",
    ),
    Colonne(
        "Début",
        ("convention.debut",),
        _date,
        Repli.MODELE,
        "le début de la période de la convention",
        "01/01/2026",
    ),
    Colonne(
        "Fin", ("convention.fin",), _date, Repli.MODELE, "la fin de la période de la convention", "31/12/2026"
    ),
    Colonne(
        "Date limite du bilan",
        ("convention.date_limite_bilan",),
        _date,
        Repli.MODELE,
        "le jour où le bilan est dû au plus tard",
        "30/06/2027",
    ),
)
"""The columns a spreadsheet of affaires may have, in the order the guide lists them."""


def _cle(texte: str) -> str:
    """A header as compared: lower case, no accents, no punctuation (« N° délibération » = « no deliberation »)."""
    sans = unicodedata.normalize("NFKD", texte.replace("°", "o")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", sans.lower()).strip()


_PAR_CLE = {_cle(c.entete): c for c in COLONNES}
_PAR_CHEMIN = {chemin: c for c in COLONNES for chemin in c.chemins}


def lettre(colonne: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 → A, 25 → Z, 26 → AA.

    >>> lettre(0), lettre(25), lettre(26), lettre(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    lettres = ""
    colonne += 1
    while colonne:
        colonne, reste = divmod(colonne - 1, 26)
        lettres = chr(ord("A") + reste) + lettres
    return lettres


# --- reading the spreadsheet -----------------------------------------------------------------------


@dataclass(frozen=True)
class Lignes:
    """The rows of a spreadsheet: its sheet's name (None for a CSV) and each row with its number."""

    feuille: str | None
    lignes: list[tuple[int, list[Any]]]


def lire_lignes(chemin: Path) -> Lignes:
    """The non-empty rows of the first sheet of an XLSX file, or of a CSV file (« ; » or « , »)."""
    extension = chemin.suffix.lower()
    if extension == ".xlsx":
        return _lire_xlsx(chemin)
    if extension == ".csv":
        return _lire_csv(chemin)
    raise TableurInvalide(chemin, ["un tableur .xlsx ou .csv est attendu"])


def _lire_xlsx(chemin: Path) -> Lignes:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        classeur = load_workbook(chemin, read_only=True, data_only=True)
    except FileNotFoundError:
        raise TableurInvalide(chemin, ["fichier introuvable"]) from None
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError):
        raise TableurInvalide(chemin, ["ce n'est pas un classeur Excel (.xlsx) lisible"]) from None
    try:
        feuille = classeur.worksheets[0]
        lignes = [
            (numero, list(valeurs))
            for numero, valeurs in enumerate(feuille.iter_rows(values_only=True), start=1)
            if any(v is not None and str(v).strip() for v in valeurs)
        ]
        return Lignes(feuille.title, lignes)
    finally:
        classeur.close()


def _lire_csv(chemin: Path) -> Lignes:
    try:
        brut = chemin.read_bytes()
    except FileNotFoundError:
        raise TableurInvalide(chemin, ["fichier introuvable"]) from None
    try:
        texte = brut.decode("utf-8-sig")
    except UnicodeDecodeError:
        texte = brut.decode("cp1252", errors="replace")  # a CSV saved by Excel for Windows
    premiere = texte.split("\n", 1)[0]
    separateur = ";" if premiere.count(";") >= premiere.count(",") else ","
    lignes = [
        (numero, list(valeurs))
        for numero, valeurs in enumerate(csv.reader(io.StringIO(texte), delimiter=separateur), start=1)
        if any(v.strip() for v in valeurs)
    ]
    return Lignes(None, lignes)


# --- rows → affaires ---------------------------------------------------------------------------------


def _poser(donnees: Any, chemin: str, valeur: Any) -> None:
    elements = chemin.split(".")
    for element in elements[:-1]:
        donnees = donnees[int(element)] if isinstance(donnees, list) else donnees.setdefault(element, {})
    if isinstance(donnees, dict):
        donnees[elements[-1]] = valeur


def _retirer(donnees: Any, chemin: str) -> None:
    elements = chemin.split(".")
    for element in elements[:-1]:
        if isinstance(donnees, list) and element.isdigit() and int(element) < len(donnees):
            donnees = donnees[int(element)]
        elif isinstance(donnees, dict) and element in donnees:
            donnees = donnees[element]
        else:
            return
    if isinstance(donnees, dict):
        donnees.pop(elements[-1], None)


@dataclass(frozen=True)
class _ACompleter:
    """A value the spreadsheet does not give and the model must not: written empty, with a
    `# À COMPLÉTER` comment saying what and why."""

    quoi: str
    pourquoi: str


def _lieu(feuille: str | None, ligne: int, colonne: int | None, entete: str | None = None) -> str:
    morceaux = [f"feuille « {feuille} »"] if feuille else []
    morceaux.append(f"ligne {ligne}")
    if colonne is not None:
        morceaux.append(f"colonne {lettre(colonne)}" + (f" ({entete})" if entete else ""))
    return ", ".join(morceaux)


def _identifiant(nom: str, annee: int) -> str:
    sans = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode().lower()
    return (re.sub(r"[^a-z0-9]+", "-", sans).strip("-")[:50] or "affaire") + f"-{annee}"


def _suivant(numero: str, rang: int) -> str:
    annee, _, n = numero.partition("-")
    return f"{annee}-{int(n) + rang}" if n.isdigit() else numero


_QUOI = {
    "beneficiaire.siege": "l'adresse du siège de {nom}",
    "beneficiaire.representant.personne": "qui représente {nom} : « M. Prénom NOM » ou « Mme Prénom NOM »",
    "beneficiaire.representant.qualite": "la qualité du représentant de {nom} (« Président de l'association »)",
    "convention.signataire_beneficiaire.personne": "qui signe la convention pour {nom} : « M. Prénom NOM »",
    "convention.signataire_beneficiaire.qualite": "la qualité du signataire de {nom} (« Le Président »)",
    "imputations.0.imputation": "l'imputation de l'opération {code} (nature//fonction)",
    "imputations.0.libelle": "le libellé de l'opération {code}",
    "imputations.0.credits_paiement": "les crédits de paiement de l'opération {code}",
    "imputations.0.disponible": "le disponible de l'opération {code} avant l'affaire",
}
"""What a `# À COMPLÉTER` comment asks for, by field."""


def _sans_valeur(
    affaire: dict[str, Any], colonne: Colonne, chemins: list[str], pourquoi: str, code_modele: object
) -> dict[str, _ACompleter]:
    """Apply a column's `repli` to an affaire (a copy of the model) that has no value for it; the
    placeholders put, by field path."""
    imputations = affaire.get("imputations")
    code = imputations[0].get("code_operation") if isinstance(imputations, list) and imputations else None
    if colonne.repli is Repli.DEFAUT:
        for chemin in chemins:
            _retirer(affaire, chemin)
        return {}
    if colonne.repli is Repli.A_COMPLETER or (colonne.repli is Repli.OPERATION and code != code_modele):
        nom = f"« {affaire.get('beneficiaire', {}).get('nom', '')} »"
        places = {
            chemin: _ACompleter(_QUOI.get(chemin, colonne.description).format(nom=nom, code=code), pourquoi)
            for chemin in chemins
        }
        for chemin, place in places.items():
            _poser(affaire, chemin, place)
        return places
    return {}


def _chaines(donnees: Any, chemin: tuple[int | str, ...] = ()) -> Iterator[tuple[tuple[int | str, ...], str]]:
    if isinstance(donnees, str):
        yield chemin, donnees
    elif isinstance(donnees, dict):
        for cle, valeur in donnees.items():
            yield from _chaines(valeur, (*chemin, str(cle)))
    elif isinstance(donnees, list):
        for rang, valeur in enumerate(donnees):
            yield from _chaines(valeur, (*chemin, rang))


_PROPRES_A_LA_LIGNE = (
    "id",
    "titre",
    "beneficiaire",
    "convention.objet",
    "convention.signataire_beneficiaire",
)
"""The model affaire's fields every row replaces: what they say of the model's beneficiary goes."""


def _modele_generique(seance: Path, racine: yaml.Node | None, modele: dict[str, Any]) -> None:
    """Refuse a model affaire whose texts name its beneficiary (its name, its SIRET, its
    representative) in full: every affaire of the spreadsheet would name it."""
    beneficiaire: dict[str, Any] = modele["beneficiaire"]  # the séance file has loaded: a mapping
    representant = beneficiaire.get("representant")
    personne = representant.get("personne") if isinstance(representant, dict) else None
    traces = [
        (str(beneficiaire.get("nom", "")), "son bénéficiaire", "{{ beneficiaire.designation }}"),
        (
            str(personne or ""),
            "le représentant de son bénéficiaire",
            "{{ beneficiaire.representant.personne }}",
        ),
    ]
    motifs = [
        (re.compile(rf"\b{re.escape(' '.join(pliage(trace).split()))}\b"), trace, qui, champ)
        for trace, qui, champ in traces
        if len(pliage(trace).strip()) >= 4
    ]
    siret = re.sub(r"\D", "", str(beneficiaire.get("siret", "")))
    erreurs: list[ErreurChamp] = []
    for chemin, texte in _chaines(modele):
        champ = ".".join(str(e) for e in chemin)
        if any(champ == propre or champ.startswith(propre + ".") for propre in _PROPRES_A_LA_LIGNE):
            continue
        plie = " ".join(pliage(texte).split())
        trouve = next(
            ((trace, qui, champ) for motif, trace, qui, champ in motifs if motif.search(plie)), None
        )
        if trouve is None and len(siret) == 14 and siret in re.sub(r"\D", "", texte):
            trouve = (
                str(beneficiaire.get("siret")),
                "le SIRET de son bénéficiaire",
                "{{ beneficiaire.siret | siret }}",
            )
        if trouve is not None:
            complet = ("affaires", 0, *chemin)
            ecrit, qui, champ = trouve
            erreurs.append(
                ErreurChamp(
                    chemin_lisible(complet),
                    ligne_du_champ(racine, complet),
                    f"l'affaire modèle du tableur écrit {qui} en toutes lettres (« {ecrit} ») : chaque "
                    f"affaire du tableur le reprendrait ; écrivez-y {champ} à la place, ou partez d'une "
                    "affaire modèle générique (actes62 new)",
                )
            )
    if erreurs:
        raise DossierInvalide(seance, erreurs)


def _affaires(
    tableur: Path, lignes: Lignes, modele: dict[str, Any], annee: int
) -> tuple[list[dict[str, Any]], dict[tuple[int, str], _ACompleter]]:
    """The affaires of the rows, and the values left to complete (by affaire rank and field path);
    TableurInvalide listing every bad header and cell."""
    erreurs: list[str] = []
    if not lignes.lignes:
        raise TableurInvalide(
            tableur, ["le tableur est vide : une ligne d'en-têtes puis une ligne par affaire"]
        )
    numero_entetes, entetes = lignes.lignes[0]
    colonnes: dict[int, Colonne] = {}
    for index, entete in enumerate(entetes):
        if entete is None or not str(entete).strip():
            continue
        colonne = _PAR_CLE.get(_cle(str(entete)))
        if colonne is None:
            proche = difflib.get_close_matches(_cle(str(entete)), list(_PAR_CLE), n=1, cutoff=0.6)
            conseil = f" : vouliez-vous dire « {_PAR_CLE[proche[0]].entete} » ?" if proche else ""
            connues = ", ".join(c.entete for c in COLONNES)
            erreurs.append(
                f"{_lieu(lignes.feuille, numero_entetes, index)} : en-tête inconnu « {entete} »{conseil} "
                f"(en-têtes permis : {connues})"
            )
        elif colonne in colonnes.values():
            erreurs.append(
                f"{_lieu(lignes.feuille, numero_entetes, index)} : la colonne « {entete} » apparaît deux fois"
            )
        else:
            colonnes[index] = colonne
    for colonne in COLONNES:
        if colonne.obligatoire and colonne not in colonnes.values():
            erreurs.append(
                f"{_lieu(lignes.feuille, numero_entetes, None)} : colonne « {colonne.entete} » manquante"
            )
    if erreurs:
        raise TableurInvalide(tableur, erreurs)

    def chemins_de(colonne: Colonne) -> list[str]:  # a model without convention: no convention field
        return [c for c in colonne.chemins if "convention" in modele or not c.startswith("convention.")]

    imputations = modele.get("imputations")
    code_modele = (
        imputations[0].get("code_operation") if isinstance(imputations, list) and imputations else None
    )
    affaires: list[dict[str, Any]] = []
    a_completer: dict[tuple[int, str], _ACompleter] = {}
    for rang, (numero, valeurs) in enumerate(lignes.lignes[1:]):
        affaire = copy.deepcopy(modele)
        if isinstance(affaire.get("imputations"), list):  # the row gives one amount: one imputation
            affaire["imputations"] = affaire["imputations"][:1]
        lues: dict[str, Any] = {}
        place: dict[str, tuple[int, Colonne]] = {}
        vides: dict[Colonne, int] = {}
        for index, colonne in colonnes.items():
            valeur = valeurs[index] if index < len(valeurs) else None
            if valeur is None or (isinstance(valeur, str) and not valeur.strip()):
                if colonne.obligatoire:
                    erreurs.append(
                        f"{_lieu(lignes.feuille, numero, index, colonne.entete)} : cellule vide, valeur obligatoire"
                    )
                vides[colonne] = index
                continue
            try:
                lu = colonne.lire(valeur)
            except ValueError as exc:
                erreurs.append(f"{_lieu(lignes.feuille, numero, index, colonne.entete)} : {exc}")
                continue
            for chemin in colonne.chemins:
                lues[chemin] = lu
                place[chemin] = (index, colonne)
        for chemin, valeur in lues.items():
            if chemin in chemins_de(_PAR_CHEMIN[chemin]):
                _poser(affaire, chemin, valeur if not isinstance(valeur, date) else valeur.isoformat())
        for colonne in COLONNES:
            if colonne.obligatoire or any(c in lues for c in colonne.chemins):
                continue
            if colonne not in colonnes.values():
                pourquoi = f"le tableur n'a pas de colonne « {colonne.entete} »"
            elif colonne in vides:
                pourquoi = f"cellule {lettre(vides[colonne])}{numero} (« {colonne.entete} ») vide"
            else:
                continue  # a bad cell, reported
            for chemin, valeur_a_completer in _sans_valeur(
                affaire, colonne, chemins_de(colonne), pourquoi, code_modele
            ).items():
                a_completer[(rang, chemin)] = valeur_a_completer
        nom = str(lues.get("beneficiaire.nom", ""))
        if "id" not in lues:
            affaire["id"] = _identifiant(nom, annee)
        if "titre" not in lues and "convention.objet" in lues:  # the objet, even with no convention
            forme = affaire["beneficiaire"].get("forme_juridique", FormeJuridique.ASSOCIATION.value)
            if forme in {f.value for f in FormeJuridique}:
                beneficiaire = Beneficiaire.model_construct(nom=nom, forme_juridique=FormeJuridique(forme))
                affaire["titre"] = f"Soutien à {beneficiaire.designation} pour {lues['convention.objet']}"
        if "rapport.numero" not in lues and isinstance(affaire.get("rapport", {}).get("numero"), int):
            affaire["rapport"]["numero"] += rang
        if "deliberation.numero" not in lues and isinstance(
            affaire.get("deliberation", {}).get("numero"), str
        ):
            affaire["deliberation"]["numero"] = _suivant(affaire["deliberation"]["numero"], rang)
        try:
            Affaire.model_validate(affaire)
        except ValidationError as exc:
            for erreur in exc.errors():
                chemin = ".".join(str(e) for e in erreur["loc"] if not str(e).startswith("~"))
                if any(chemin.startswith(c) for r, c in a_completer if r == rang):
                    continue  # left to complete, and said so
                index_colonne = next((place[c] for c in place if chemin.startswith(c)), None)
                message = str(erreur["msg"]).removeprefix("Value error, ")
                if index_colonne is not None:
                    lieu = _lieu(lignes.feuille, numero, index_colonne[0], index_colonne[1].entete)
                else:
                    lieu = _lieu(lignes.feuille, numero, None)
                lisible = chemin_lisible([int(e) if e.isdigit() else e for e in chemin.split(".")])
                erreurs.append(f"{lieu} : [{lisible}] {message}")
        affaires.append(affaire)
    vus: dict[str, int] = {}
    for (numero, _), affaire in zip(lignes.lignes[1:], affaires, strict=True):
        identifiant = str(affaire.get("id"))
        if identifiant in vus:
            erreurs.append(
                f"{_lieu(lignes.feuille, numero, None)} : l'identifiant « {identifiant} » est déjà celui de la "
                f"ligne {vus[identifiant]} (donnez une colonne « Identifiant »)"
            )
        vus.setdefault(identifiant, numero)
    if not affaires:
        erreurs.append("aucune affaire : une ligne d'en-têtes puis une ligne par affaire sont attendues")
    if erreurs:
        raise TableurInvalide(tableur, erreurs)
    return affaires, a_completer


# --- writing the dossier -----------------------------------------------------------------------------


class _Ecrivain(yaml.SafeDumper):
    """YAML as a person writes it: amounts as 9380.00, dates as 2026-09-14, lists indented; each
    value written out where it is (no anchors and aliases for values rows share), no tags."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _decimal(ecrivain: yaml.SafeDumper, valeur: Decimal) -> yaml.ScalarNode:
    """An amount as the dossiers write it: 48000.00, never « !!float '48000' »."""
    texte = format(valeur, "f")
    return ecrivain.represent_scalar("tag:yaml.org,2002:float", texte if "." in texte else f"{valeur:.2f}")


_MARQUE = "__actes62_a_completer_{}__"
"""What a value to complete is first written as, before its comment replaces it."""


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _chaine(ecrivain: yaml.SafeDumper, valeur: str) -> yaml.ScalarNode:
    if _DATE.match(valeur):
        return ecrivain.represent_scalar("tag:yaml.org,2002:timestamp", valeur)
    if len(valeur) > 80 and "\n" not in valeur:
        return ecrivain.represent_scalar("tag:yaml.org,2002:str", valeur, style=">")
    return ecrivain.represent_str(valeur)


_Ecrivain.add_representer(Decimal, _decimal)
_Ecrivain.add_representer(str, _chaine)


def _entrees(texte: str, racine: yaml.Node | None) -> Iterator[tuple[str, str]]:
    """The top-level entries of a YAML text, each with its text (and the comments that follow it);
    the header comments before the first key come as the entry « »."""
    lignes = texte.splitlines(keepends=True)
    if not isinstance(racine, yaml.MappingNode) or not racine.value:
        return
    debuts = [int(cle.start_mark.line) for cle, _ in racine.value]
    yield "", "".join(lignes[: debuts[0]])
    for rang, (cle, _) in enumerate(racine.value):
        fin = debuts[rang + 1] if rang + 1 < len(debuts) else len(lignes)
        yield str(cle.value), "".join(lignes[debuts[rang] : fin])


class TableurImporte(NamedTuple):
    """What `importer_tableur` wrote: the dossier, its number of affaires, the fields left to
    complete (« affaires[0].beneficiaire.siege », each with a `# À COMPLÉTER` comment) and why,
    each reason once (« le tableur n'a pas de colonne « Adresse » »)."""

    fichier: Path
    affaires: int
    a_completer: tuple[str, ...] = ()
    raisons: tuple[str, ...] = ()


def importer_tableur(tableur: Path, seance: Path, sortie: Path, *, force: bool = False) -> TableurImporte:
    """Write `sortie`: the séance file `seance` (its collectivité, séance and comments as written)
    with the affaires of the spreadsheet `tableur`, each built on the séance's first affaire.
    What the spreadsheet does not give and the model must not (the beneficiary's address, its
    representative…) is written empty with a `# À COMPLÉTER` comment: the file then loads but
    there. Nothing is written if the spreadsheet has a bad cell, if the model names its beneficiary
    in its texts, if the result does not load (but where left to complete), or if `sortie` exists
    (unless `force`)."""
    from actes62.importer import A_COMPLETER

    if (sortie.exists() or sortie.is_symlink()) and not force:
        raise FichierExistant(sortie)
    texte = _lire_fichier(seance)
    racine, donnees = _analyser(texte, seance)
    if (
        not isinstance(donnees, dict)
        or not isinstance(donnees.get("affaires"), list)
        or not donnees["affaires"]
    ):
        raise DossierInvalide(
            seance,
            [
                ErreurChamp(
                    "affaires",
                    None,
                    "le fichier de séance doit avoir une affaire, modèle des lignes du tableur",
                )
            ],
        )
    load_text(texte, seance)  # the séance file itself is valid: its errors are its own
    modele = donnees["affaires"][0]
    _modele_generique(seance, racine, modele)
    annee = date.fromisoformat(str(donnees["seance"]["date"])).year
    feuille = lire_lignes(tableur)
    affaires, a_completer = _affaires(tableur, feuille, modele, annee)

    morceaux: list[str] = []
    for cle, morceau in _entrees(texte, racine):
        if cle == "affaires":
            continue
        if cle == "collectivite" and isinstance(donnees["collectivite"], str):
            inclus = (seance.parent / donnees["collectivite"]).resolve()
            relatif = Path(os.path.relpath(inclus, sortie.parent.resolve()))
            if relatif.parts[:1] == ("..",):
                raise DossierInvalide(
                    seance,
                    [
                        ErreurChamp(
                            "collectivite",
                            None,
                            f"le dossier produit ({sortie}) doit être dans le dossier de « {donnees['collectivite']} » "
                            "ou au-dessus, pour l'inclure",
                        )
                    ],
                )
            morceau = re.sub(
                r"^collectivite:.*$", f"collectivite: {relatif.as_posix()}", morceau, count=1, flags=re.M
            )
        morceaux.append(morceau)
    rangs = {id(v): n for n, v in enumerate(a_completer.values())}

    class Ecrivain(_Ecrivain):
        pass

    Ecrivain.add_representer(
        _ACompleter, lambda e, v: e.represent_scalar("tag:yaml.org,2002:str", _MARQUE.format(rangs[id(v)]))
    )
    ecrit = yaml.dump({"affaires": affaires}, Dumper=Ecrivain, allow_unicode=True, sort_keys=False, width=100)
    numeros = iter(numero for numero, _ in feuille.lignes[1:])
    avec_commentaires: list[str] = []
    marques = list(a_completer.values())
    for ligne in ecrit.splitlines():
        if ligne.startswith("  - "):
            ou = f"feuille « {feuille.feuille} », " if feuille.feuille else ""
            avec_commentaires.append(f"  # {tableur.name}, {ou}ligne {next(numeros)}")
        marque = re.fullmatch(
            r"(?P<debut>(?P<retrait> *)(?:- )?[\w]+: )" + _MARQUE.format(r"(?P<rang>\d+)"), ligne
        )
        if marque is not None:
            valeur = marques[int(marque["rang"])]
            avec_commentaires.append(
                f"{marque['retrait']}# {A_COMPLETER} : {valeur.quoi} — {valeur.pourquoi}"
            )
            ligne = f'{marque["debut"]}""'
        avec_commentaires.append(ligne)
    resultat = "".join(morceaux).rstrip("\n") + "\n\n" + "\n".join(avec_commentaires) + "\n"
    _se_charge(resultat, sortie, a_completer)
    ecrire_atomique(sortie, resultat.encode("utf-8"))
    return TableurImporte(
        sortie,
        len(affaires),
        tuple(_chemin_complet(rang, chemin) for rang, chemin in a_completer),
        tuple(dict.fromkeys(valeur.pourquoi for valeur in a_completer.values())),
    )


def _chemin_complet(rang: int, chemin: str) -> str:
    """« affaires[2].beneficiaire.siege »."""
    return chemin_lisible(["affaires", rang, *(int(e) if e.isdigit() else e for e in chemin.split("."))])


def _se_charge(texte: str, sortie: Path, a_completer: dict[tuple[int, str], _ACompleter]) -> None:
    """The dossier written loads but where values are left to complete; else DossierInvalide."""
    try:
        load_text(texte, sortie)
    except DossierInvalide as exc:
        laisses = tuple(_chemin_complet(rang, chemin) for rang, chemin in a_completer)
        autres = [e for e in exc.erreurs if not e.chemin.startswith(laisses)] if laisses else exc.erreurs
        if autres:
            raise DossierInvalide(exc.fichier, autres) from None
