"""The JSON Schema of a dossier file and its French reference guide, both built from the model.

Every field of `model` carries a French title, description and (for a value written as it is) an
example; the schema adds the forms a dossier file allows beyond the model's own (a person as one
string, an address as one line, the collectivité as the name of a file beside the dossier) and
assembles an example for every table from its fields' examples. The guide (`docs/dossier.md`) is
written from the same schema, so neither can drift from the model.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from actes62.model import Dossier

__all__ = ["CLASSES", "guide", "schema_collectivite", "schema_dossier", "texte_json"]

JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"

CLASSES: dict[str, tuple[str, str]] = {
    "Dossier": (
        "Dossier de séance",
        "Le dossier d'une séance : la collectivité, la séance et les affaires à son ordre du jour. "
        "Chaque fait y est écrit une seule fois ; les documents le reprennent tous d'ici.",
    ),
    "Collectivite": (
        "Collectivité",
        "La collectivité qui délibère (le Département) : ce qui ne change pas d'une séance à l'autre.",
    ),
    "Adresse": ("Adresse", "Une adresse : une seule ligne, ou une liste « lignes »."),
    "Personne": (
        "Personne",
        "Une personne telle que les actes la nomment : « M. Prénom NOM » ou « Mme Prénom NOM », "
        "le nom en majuscules.",
    ),
    "Signataire": ("Signataire", "Une personne qui signe ou représente, et sa qualité."),
    "Seance": ("Séance", "La séance : instance, date, lieu, présidence, présents, excusés et pouvoirs."),
    "Pouvoir": ("Pouvoir", "Un membre excusé (mandant) qui donne pouvoir à un membre présent (mandataire)."),
    "Instance": (
        "Instance",
        "L'assemblée : commission_permanente (la Commission Permanente du Conseil départemental) ou "
        "conseil_departemental.",
    ),
    "Affaire": (
        "Affaire",
        "Une affaire de l'ordre du jour : le bénéficiaire, les imputations, le rapport, la délibération, "
        "la convention et les annexes.",
    ),
    "Beneficiaire": ("Bénéficiaire", "Qui reçoit la subvention."),
    "FormeJuridique": (
        "Forme juridique",
        "La forme juridique du bénéficiaire, dont les actes tirent l'article et l'accord.",
    ),
    "Imputation": ("Imputation", "Une ligne budgétaire sur laquelle la subvention est prise."),
    "Rapport": ("Rapport", "Le rapport présenté à l'instance."),
    "Avis": ("Avis", "L'avis de la commission thématique sur le rapport."),
    "Deliberation": ("Délibération", "La délibération que l'instance vote."),
    "ActesDeliberation": (
        "Télétransmission de la délibération",
        "Ce que la télétransmission ACTES dit de la délibération : matière, typologie, numéro interne.",
    ),
    "Transmission": (
        "Télétransmission",
        "Les réglages de la télétransmission à la préfecture (ACTES) pour tout le dossier.",
    ),
    "Rib": (
        "Coordonnées bancaires",
        "Le relevé d'identité bancaire du bénéficiaire : titulaire, IBAN, BIC (donnée personnelle, retirée "
        "de la version publiée).",
    ),
    "VisaTexte": (
        "Visa écrit",
        "Un visa écrit en entier : « Vu le Code Général des Collectivités Territoriales ».",
    ),
    "VisaActe": (
        "Visa d'un acte",
        "Un visa qui cite un acte antérieur : instance, numéro (quand il en a un), date et titre.",
    ),
    "Article": (
        "Article",
        "Un article : un titre facultatif et ses paragraphes ; un paragraphe qui commence par « - » est un "
        "élément de liste.",
    ),
    "Vote": (
        "Vote",
        "Le vote de la délibération : adoptée à la majorité des suffrages exprimés (pour et contre) ; en cas "
        "de partage, la voix du président est prépondérante.",
    ),
    "Presence": (
        "Présence pour l'affaire",
        "Ce qui change dans la présence pour une affaire : membres sortis, arrivés, pouvoirs donnés en séance.",
    ),
    "Acquittement": ("Accusé de réception", "Ce que donne l'accusé de réception ACTES de la préfecture."),
    "Convention": ("Convention", "La convention de subvention signée avec le bénéficiaire."),
    "Versement": (
        "Versement",
        "Un versement de l'échéancier : un montant ou un pourcentage de la subvention, sa condition, son échéance.",
    ),
    "AnnexeDocument": (
        "Annexe document",
        "Une pièce rédigée ailleurs (un bilan, une proposition), jointe telle quelle.",
    ),
    "AnnexeConvention": ("Annexe convention", "La place de la convention parmi les annexes."),
    "AnnexeBudget": (
        "Annexe budgétaire",
        "Un budget en lignes, dont le total et les pourcentages sont calculés.",
    ),
    "LigneBudget": ("Ligne de budget", "Une ligne d'un budget ou des dépenses d'un plan de financement."),
    "Financement": (
        "Plan de financement",
        "Le plan de financement de l'action : dépenses, ressources par financeur, coût total, plafond de l'aide.",
    ),
    "Ressource": (
        "Ressource",
        "Une ressource du plan de financement : qui finance, combien, où en est la demande.",
    ),
    "Plafond": (
        "Plafond",
        "Le plafond de l'aide : « dans la limite de 12,5 % et d'un million d'euros » s'écrit taux: 12.5 et "
        "montant: 1000000.",
    ),
    "MontantCite": (
        "Montant cité",
        "Un chiffre que les textes citent sans qu'un champ le porte, et ce qu'il est.",
    ),
    "Regles": ("Règles", "Les choix du dossier sur les règles du vérificateur."),
    "RegleIgnoree": ("Règle écartée", "Une règle du vérificateur que ce dossier écarte, et pourquoi."),
}
"""The French title and description of every table (and list of values) of the schema."""

_PERSONNE = r"^(M\.|Mme)\s+\S.*\s+[^\sa-zà-ÿ]+([\s-][^\sa-zà-ÿ]+)*$"
"""A person as one string: the model's own pattern, without named groups (JSON Schema patterns
are ECMA-262 regular expressions)."""

_FICHIER_COLLECTIVITE = {
    "type": "string",
    "pattern": r"\.ya?ml$",
    "title": "Fichier de la collectivité",
    "description": "Le nom d'un fichier YAML du dossier de la séance (ou d'un sous-dossier) qui contient "
    "les champs de la collectivité, repris d'une séance à l'autre.",
    "examples": ["collectivite.yaml"],
}


def _sans_groupes_nommes(motif: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(", motif)


def _parcourir(noeud: Any, fonction: Any) -> None:
    if isinstance(noeud, dict):
        fonction(noeud)
        for valeur in noeud.values():
            _parcourir(valeur, fonction)
    elif isinstance(noeud, list):
        for valeur in noeud:
            _parcourir(valeur, fonction)


def _reference(propriete: dict[str, Any]) -> str | None:
    """The $defs name a property refers to, directly or through « or null »."""
    if "$ref" in propriete:
        return str(propriete["$ref"]).rsplit("/", 1)[-1]
    for variante in propriete.get("anyOf", []):
        if "$ref" in variante:
            return str(variante["$ref"]).rsplit("/", 1)[-1]
    return None


def _exemple_de(definitions: dict[str, Any], nom: str, pile: tuple[str, ...] = ()) -> Any:
    """An example of a table: its required fields' examples (those that are tables, assembled)."""
    definition = definitions[nom]
    if "examples" in definition:
        return definition["examples"][0]
    if nom in pile or "properties" not in definition:
        return None
    exemple: dict[str, Any] = {}
    for champ in definition.get("required", []):
        valeur = _exemple_propriete(definitions, definition["properties"][champ], (*pile, nom))
        if valeur is not None:
            exemple[champ] = valeur
    for champ in ("type",):  # the annexes' discriminator
        if champ in definition["properties"] and "const" in definition["properties"][champ]:
            exemple[champ] = definition["properties"][champ]["const"]
    return exemple


def _exemple_propriete(definitions: dict[str, Any], propriete: dict[str, Any], pile: tuple[str, ...]) -> Any:
    if "examples" in propriete:
        return propriete["examples"][0]
    reference = _reference(propriete)
    if reference is not None:
        return _exemple_de(definitions, reference, pile)
    elements = propriete.get("items")
    if isinstance(elements, dict):
        variantes = elements.get("oneOf") or [elements]
        valeur = _exemple_propriete(definitions, variantes[-1], pile)
        return None if valeur is None else [valeur]
    return None


def schema_dossier() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a dossier file, in French."""
    schema = Dossier.model_json_schema(mode="validation")
    definitions: dict[str, Any] = schema["$defs"]
    definitions["Dossier"] = {k: v for k, v in schema.items() if k != "$defs"}
    for nom, definition in definitions.items():
        titre, description = CLASSES.get(nom, (nom, ""))
        definition["title"] = titre
        definition["description"] = description
    personne = definitions["Personne"]
    definitions["Personne"] = {
        "title": personne["title"],
        "description": personne["description"],
        "type": "string",
        "pattern": _PERSONNE,
        "examples": ["M. Jean-Claude LEROY", "Mme Maryline VINCLAIRE"],
    }
    adresse = definitions["Adresse"]
    definitions["Adresse"] = {
        "title": adresse.pop("title"),
        "description": adresse.pop("description"),
        "anyOf": [
            {"type": "string", "minLength": 1, "examples": ["12 rue des Mineurs, 62750 LOOS-EN-GOHELLE"]},
            adresse,
        ],
        "examples": [{"lignes": ["12 rue des Mineurs", "62750 LOOS-EN-GOHELLE"]}],
    }
    for nom in ("AnnexeDocument", "AnnexeConvention", "AnnexeBudget"):
        definitions[nom]["required"] = ["type", *definitions[nom].get("required", [])]

    def _ajuster(noeud: dict[str, Any]) -> None:
        if isinstance(noeud.get("pattern"), str):
            noeud["pattern"] = _sans_groupes_nommes(noeud["pattern"])
        if noeud.get("anyOf") == [{"type": "number"}, {"type": "string"}]:  # a Montant
            noeud["anyOf"] = [{"type": "number", "minimum": 0}, {"type": "string", "minLength": 1}]

    _parcourir(definitions, _ajuster)
    for definition in definitions.values():
        for propriete in definition.get("properties", {}).values():
            if "examples" not in propriete:
                exemple = _exemple_propriete(definitions, propriete, ())
                if exemple is not None:
                    propriete["examples"] = [exemple]
    racine = definitions.pop("Dossier")
    racine["properties"]["collectivite"] = {
        "title": racine["properties"]["collectivite"]["title"],
        "description": racine["properties"]["collectivite"]["description"],
        "anyOf": [{"$ref": "#/$defs/Collectivite"}, _FICHIER_COLLECTIVITE],
        "examples": ["collectivite.yaml"],
    }
    return {"$schema": JSON_SCHEMA, **racine, "$defs": dict(sorted(definitions.items()))}


def schema_collectivite() -> dict[str, Any]:
    """The JSON Schema of a collectivité file (`collectivite.yaml`), which a dossier includes."""
    dossier = schema_dossier()
    definitions = dossier["$defs"]
    utiles = {"Collectivite", "Adresse", "Personne", "Signataire"}
    collectivite = copy.deepcopy(definitions["Collectivite"])
    return {
        "$schema": JSON_SCHEMA,
        **collectivite,
        "$defs": {nom: definitions[nom] for nom in sorted(utiles - {"Collectivite"})},
    }


def texte_json(schema: dict[str, Any]) -> str:
    """The schema as the shipped files write it: indented JSON, French letters kept."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


# --- the guide ----------------------------------------------------------------------------------


def _genre(definitions: dict[str, Any], propriete: dict[str, Any]) -> str:
    """What a value is, in French words, with a link to its table."""
    if "$ref" in propriete:
        nom = str(propriete["$ref"]).rsplit("/", 1)[-1]
        definition = definitions[nom]
        if nom == "Personne":
            return "personne (« M. Prénom NOM »)"
        if "enum" in definition:
            return "une valeur parmi " + ", ".join(f"`{v}`" for v in definition["enum"])
        return f"[{definition['title'].lower()}](#{_ancre(nom)})"
    if "anyOf" in propriete:
        variantes = [v for v in propriete["anyOf"] if v.get("type") != "null"]
        if propriete["anyOf"] == [{"type": "number", "minimum": 0}, {"type": "string", "minLength": 1}]:
            return "montant en euros"
        if len(variantes) == 1:
            return _genre(definitions, variantes[0])
        return " ou ".join(_genre(definitions, v) for v in variantes)
    if "oneOf" in propriete:
        return " ou ".join(_genre(definitions, v) for v in propriete["oneOf"])
    if "const" in propriete:
        return f"`{propriete['const']}`"
    if "enum" in propriete:
        return "une valeur parmi " + ", ".join(f"`{v}`" for v in propriete["enum"])
    genre = propriete.get("type")
    if genre == "array":
        return "liste de " + _genre(definitions, propriete.get("items", {}))
    if genre == "string":
        if propriete.get("format") == "date":
            return "date (AAAA-MM-JJ)"
        if propriete.get("pattern") == r"\.ya?ml$":
            return "nom de fichier YAML"
        return "texte"
    if genre == "integer":
        return "nombre entier"
    if genre == "number":
        return "nombre"
    if genre == "boolean":
        return "`true` ou `false`"
    return "valeur"


def _ancre(nom: str) -> str:
    return nom.lower()


def _cellule(texte: str) -> str:
    return texte.replace("|", "\\|").replace("\n", " ")


def _exemple_yaml(valeur: Any) -> str:
    texte = json.dumps(valeur, ensure_ascii=False)
    if isinstance(valeur, str) and not re.search(r"[:#{}\[\],&*!|>'\"%@`]|^\s|\s$|^-", valeur):
        texte = valeur
    if len(texte) > 90:
        texte = texte[:87] + "…"
    return f"`{_cellule(texte)}`"


def _ordre(definitions: dict[str, Any]) -> list[str]:
    """The tables in the order a dossier meets them, depth first from the dossier."""
    vus: list[str] = []

    def visiter(nom: str) -> None:
        if nom in vus:
            return
        vus.append(nom)
        definition = definitions.get(nom, {})
        enfants: list[str] = []

        def _references(noeud: dict[str, Any]) -> None:
            if "$ref" in noeud:
                enfants.append(str(noeud["$ref"]).rsplit("/", 1)[-1])

        for propriete in definition.get("properties", {}).values():
            _parcourir(propriete, _references)
        for enfant in enfants:
            visiter(enfant)

    visiter("Dossier")
    return [nom for nom in vus if nom in definitions]


def guide() -> str:
    """The French reference guide of every field of a dossier, in Markdown (`docs/dossier.md`)."""
    schema = schema_dossier()
    definitions = {"Dossier": {k: v for k, v in schema.items() if k != "$defs"}, **schema["$defs"]}
    lignes = [
        "# Le dossier de séance, champ par champ",
        "",
        "<!-- Écrit par « actes62 schema --guide » à partir des descriptions du modèle : ne pas modifier à la main. -->",
        "",
        "Un dossier de séance est un fichier YAML. Chaque table ci-dessous dit ses champs : leur nom, s'ils",
        "sont obligatoires, ce qu'ils contiennent, ce qu'ils veulent dire, et un exemple. Le schéma JSON du",
        "même dossier (`actes62 schema`) permet à un éditeur (VS Code avec l'extension YAML, et d'autres) de",
        "proposer les champs et de signaler une erreur pendant la saisie : voir le",
        "[tutoriel](tutoriel.md).",
        "",
        'Les montants s\'écrivent `9380.00` ou `"9 380,00 €"`, les dates `2025-09-15`, les personnes',
        "`M. Prénom NOM` ou `Mme Prénom NOM`. Les textes libres peuvent citer les faits du dossier entre",
        "`{{ }}` (voir [les modèles](modeles.md)).",
        "",
    ]
    for nom in _ordre(definitions):
        definition = definitions[nom]
        lignes += [
            f'<a id="{_ancre(nom)}"></a>',
            "",
            f"## {definition['title']}",
            "",
            definition["description"],
            "",
        ]
        if nom == "Personne":
            lignes += [
                "S'écrit en une ligne : " + ", ".join(f"`{e}`" for e in definition["examples"]) + ".",
                "",
            ]
            continue
        if "enum" in definition:
            lignes += ["Valeurs permises : " + ", ".join(f"`{v}`" for v in definition["enum"]) + ".", ""]
            continue
        if "anyOf" in definition:  # Adresse
            definition = next(v for v in definition["anyOf"] if "properties" in v)
            lignes += ["Une ligne suffit ; plusieurs lignes s'écrivent en liste sous `lignes` :", ""]
        obligatoires = set(definition.get("required", []))
        lignes += ["| champ | obligatoire | valeur | ce qu'il dit | exemple |", "|---|---|---|---|---|"]
        for champ, propriete in definition.get("properties", {}).items():
            exemple = propriete.get("examples", [None])[0]
            if isinstance(exemple, dict) or (
                isinstance(exemple, list) and any(isinstance(e, dict) for e in exemple)
            ):
                exemple = None  # a table: its own section gives its fields' examples
            lignes.append(
                f"| `{champ}` | {'oui' if champ in obligatoires else 'non'} | {_genre(definitions, propriete)} "
                f"| **{_cellule(propriete.get('title', champ))}.** {_cellule(propriete.get('description', ''))} "
                f"| {_exemple_yaml(exemple) if exemple is not None else ''} |"
            )
        lignes.append("")
    return "\n".join(lignes + _guide_tableur())


def _guide_tableur() -> list[str]:
    """The guide's section on the spreadsheet of affaires (`actes62 import-tableur`)."""
    from actes62.tableur import COLONNES

    lignes = [
        '<a id="tableur"></a>',
        "",
        "## Le tableur des affaires",
        "",
        "`actes62 import-tableur AFFAIRES.xlsx --seance dossier.yaml -o seance.yaml` écrit un dossier dont",
        "les affaires viennent d'un tableur XLSX (la première feuille) ou CSV (séparé par « ; » ou « , ») :",
        "une ligne d'en-têtes, puis une ligne par affaire. Chaque ligne reprend la première affaire du fichier",
        "de séance comme modèle (ses textes, visas et articles citent les faits entre `{{ }}`) et y met ses",
        "propres faits. Les en-têtes se lisent sans tenir compte des majuscules ni des accents ; l'ordre des",
        "colonnes est libre. Les montants s'écrivent « 9 380,00 € » ou en nombre, les dates « 15/09/2025 » ou",
        "en date du tableur. Chaque cellule invalide est signalée, toutes à la fois, avec sa feuille, sa ligne",
        "et la lettre de sa colonne ; rien n'est écrit tant qu'il en reste une.",
        "",
        "Ce que le tableur ne donne pas (pas de colonne, ou une cellule vide) n'est jamais repris du",
        "bénéficiaire de l'affaire modèle : la dernière colonne du tableau ci-dessous dit ce que l'affaire",
        "reçoit alors. L'adresse, le représentant et sa qualité sont écrits vides, précédés d'un commentaire",
        "`# À COMPLÉTER` qui dit quoi et pourquoi : le dossier écrit ne se charge qu'une fois ces champs",
        "remplis (`actes62 check` les nomme avec leur ligne), ou le tableur complété et l'import relancé avec",
        "`--force`. L'opération budgétaire du modèle (imputation, libellé, crédits de paiement, disponible)",
        "n'est reprise que pour une ligne qui puise dans la même opération ; une ligne ne garde que la",
        "première imputation du modèle, la sienne. Une affaire modèle dont les textes écrivent son",
        "bénéficiaire en toutes lettres (son nom, son SIRET, son représentant) est refusée, chaque texte",
        "nommé avec sa ligne : chaque affaire du tableur le reprendrait ; ils doivent le citer entre `{{ }}`",
        "(`{{ beneficiaire.designation }}`). Le reste de l'affaire modèle est repris tel quel : un plan de",
        "financement, une annexe budgétaire détaillée, des versements chiffrés ou des élus qui ne prennent",
        "pas part au vote sont ceux du modèle, à adapter à chaque affaire.",
        "",
        "| en-tête | obligatoire | ce qu'il contient | exemple | sans valeur dans le tableur |",
        "|---|---|---|---|---|",
    ]
    for colonne in COLONNES:
        lignes.append(
            f"| {colonne.entete} | {'oui' if colonne.obligatoire else 'non'} | {_cellule(colonne.description)} "
            f"| {_cellule(colonne.exemple)} | {_cellule(colonne.repli.value)} |"
        )
    return [*lignes, ""]
