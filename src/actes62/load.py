"""Dossier file (YAML) → typed model, with French errors that name the file, line and field.

The YAML is read with its node tree kept, so that every validation error can be traced back to
the line where the field is written (or, for a missing field, where its parent mapping starts).
Floats in the file are read as `Decimal` from their text, never through `float`; dates stay
text until the model parses them, so an impossible date is an error on its field, not a crash.
libyaml parses when it is installed (ten times faster); PyYAML's messages are given in French.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from actes62.errors import DossierInvalide, ErreurChamp, raison_systeme
from actes62.model import ACTES_ID, Dossier

__all__ = ["chemin_lisible", "ligne_du_champ", "load", "load_text", "localisateur"]


try:  # libyaml, ten times faster, when PyYAML was built with it
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Base  # type: ignore[assignment]


class _Chargeur(_Base):
    """SafeLoader whose floats are Decimals and whose timestamps stay strings. A value its tag
    cannot be (« lieu: !!int Arras »), or a number too long to be a figure, is a located error."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, ArithmeticError, TypeError, LookupError) as exc:
            valeur = node.value if isinstance(node, yaml.ScalarNode) else "…"
            etiquette = str(node.tag).rsplit(":", 1)[-1]
            message = f"valeur « {str(valeur)[:40]} » illisible comme {etiquette} : " + (
                f"nombre démesuré (plus de {_CHIFFRES_MAX} chiffres)"
                if "digits" in str(exc)
                else "retirez l'étiquette « !!" + etiquette + " » ou corrigez la valeur"
            )
            raise yaml.constructor.ConstructorError(None, None, message, node.start_mark) from None


_CHIFFRES_MAX = 100
"""Numbers longer than this are refused while reading the YAML, before any arithmetic (a
5 000-digit integer, « 1.0E+999999999 »); shorter ones out of a field's range get the field's own
error (« hors limites »)."""


def _demesure(texte: str, noeud: yaml.Node) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(
        None, None, f"nombre « {texte[:20]}… » démesuré (plus de {_CHIFFRES_MAX} chiffres)", noeud.start_mark
    )


def _decimal(chargeur: _Chargeur, noeud: yaml.Node) -> Decimal:
    texte = str(chargeur.construct_scalar(noeud)).replace("_", "")  # type: ignore[arg-type]
    if texte.lower() in _NON_FINIS:
        return Decimal(_NON_FINIS[texte.lower()])
    try:
        valeur = Decimal(texte)
    except InvalidOperation:
        raise ValueError(texte) from None
    if valeur.is_finite() and (
        len(valeur.as_tuple().digits) > _CHIFFRES_MAX or abs(valeur.adjusted()) > _CHIFFRES_MAX
    ):
        raise _demesure(texte, noeud)
    return valeur


_NON_FINIS = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}


def _entier(chargeur: _Chargeur, noeud: yaml.Node) -> int:
    texte = str(chargeur.construct_scalar(noeud))  # type: ignore[arg-type]
    if len(texte.lstrip("+-").replace("_", "")) > _CHIFFRES_MAX:
        raise _demesure(texte, noeud)
    return int(yaml.SafeLoader.construct_yaml_int(chargeur, noeud))  # type: ignore[arg-type]


_Chargeur.add_constructor("tag:yaml.org,2002:int", _entier)


_Chargeur.add_constructor("tag:yaml.org,2002:float", _decimal)


def _texte(chargeur: _Chargeur, noeud: yaml.Node) -> str:
    return str(chargeur.construct_scalar(noeud))  # type: ignore[arg-type]


_Chargeur.add_constructor("tag:yaml.org,2002:timestamp", _texte)


def _refuse_doublons(chargeur: _Chargeur, noeud: yaml.MappingNode) -> dict[Any, Any]:
    """A mapping whose keys are plain values, each written once (merge keys « << » allowed)."""
    chargeur.flatten_mapping(noeud)
    vus: dict[Any, int] = {}
    for cle_noeud, _ in noeud.value:
        cle = chargeur.construct_object(cle_noeud)
        try:
            deja = cle in vus
        except TypeError:  # a list or mapping used as a key
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "une clé doit être un simple mot, pas une liste ni une table",
                cle_noeud.start_mark,
            ) from None
        if deja:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"la clé « {cle} » apparaît deux fois (déjà à la ligne {vus[cle] + 1})",
                cle_noeud.start_mark,
            )
        vus[cle] = cle_noeud.start_mark.line
    return chargeur.construct_mapping(noeud)


_Chargeur.add_constructor("tag:yaml.org,2002:map", _refuse_doublons)


def _noeud_au_chemin(racine: yaml.Node | None, chemin: Sequence[int | str]) -> yaml.Node | None:
    """Follow a field path through the YAML nodes; returns the node of the deepest element
    found: for a mapping entry, its key (where the field is written)."""
    noeud = racine
    trouve: yaml.Node | None = racine
    for element in chemin:
        if isinstance(noeud, yaml.MappingNode):
            paire = next(
                (
                    (k, v)
                    for k, v in noeud.value
                    if isinstance(k, yaml.ScalarNode) and k.value == str(element)
                ),
                None,
            )
            if paire is None:
                break
            trouve, noeud = paire
        elif (
            isinstance(noeud, yaml.SequenceNode)
            and isinstance(element, int)
            and 0 <= element < len(noeud.value)
        ):
            noeud = noeud.value[element]
            trouve = noeud
        else:
            break
    return trouve


def ligne_du_champ(racine: yaml.Node | None, chemin: Sequence[int | str]) -> int | None:
    """1-based line where a field is written (its key, for a mapping entry)."""
    noeud = _noeud_au_chemin(racine, chemin)
    if noeud is None:
        return None
    return int(noeud.start_mark.line) + 1


FORMATS_EN_MOTS: dict[str, str] = {
    r"^\d{4}-\d{1,4}$": "un numéro d'acte, l'année, un tiret et 1 à 4 chiffres (ex. 2025-344)",
    r"^\d{3}$|^\d{2}[AB]$": "un code de département sur 3 caractères (ex. 062, ou 02A pour la Corse-du-Sud)",
    r"^W\d{9}$": "un numéro RNA, « W » et 9 chiffres (ex. W623000123)",
    r"^[a-z0-9][a-z0-9-]*$": "un identifiant en minuscules sans accent, chiffres et tirets (ex. lianes-2025)",
    r"^[A-Z]\d{0,3}$": "un code de règle, une lettre majuscule et jusqu'à 3 chiffres (ex. I005)",
    ACTES_ID.pattern: "un identifiant ACTES : département, SIREN, date AAAAMMJJ, numéro interne et nature, "
    "séparés par des tirets (ex. 062-226200012-20250915-CP2025_344-DE)",
}
"""The model's patterns in words, with an example, for the messages."""


def chemin_lisible(chemin: Sequence[int | str]) -> str:
    """`affaires[0].deliberation.visas[2].date`."""
    morceaux: list[str] = []
    for element in chemin:
        if isinstance(element, int):
            morceaux.append(f"[{element}]")
        else:
            morceaux.append(("." if morceaux else "") + element)
    return "".join(morceaux)


def _sans_etiquettes(chemin: Sequence[int | str]) -> list[int | str]:
    """Drop the union tags (« ~acte », « ~budget ») pydantic puts in error locations."""
    return [e for e in chemin if not (isinstance(e, str) and e.startswith("~"))]


def _classe_au_chemin(loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model class that owns the last element of a pydantic location (union tags kept),
    to list the keys it accepts."""
    candidats: list[type[BaseModel]] = [Dossier]
    for element in loc[:-1]:
        if isinstance(element, int):
            continue
        if element.startswith("~"):
            etiquette = element[1:]
            candidats = [c for c in candidats if c.__name__.lower().endswith(etiquette)] or candidats
            continue
        classe = candidats[0]
        if element not in classe.model_fields:
            return None
        candidats = list(_modeles_de(classe.model_fields[element].annotation))
        if not candidats:
            return None
    return candidats[0] if len(candidats) == 1 or not loc or not str(loc[-1]).startswith("~") else None


def _modeles_de(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for argument in getattr(annotation, "__args__", ()) or ():
        yield from _modeles_de(argument)


_TYPES_ATTENDUS = {
    "int_parsing": "un nombre entier est attendu",
    "int_type": "un nombre entier est attendu",
    "int_from_float": "un nombre entier est attendu",
    "string_type": "un texte est attendu",
    "bool_type": "oui/non (true/false) est attendu",
    "bool_parsing": "oui/non (true/false) est attendu",
    "decimal_parsing": "un montant est attendu, par exemple 9380.00 ou « 9 380,00 »",
    "decimal_type": "un montant est attendu, par exemple 9380.00 ou « 9 380,00 »",
    "list_type": "une liste est attendue (lignes commençant par « - »)",
    "model_type": "une table de champs (clé: valeur) est attendue",
    "dict_type": "une table de champs (clé: valeur) est attendue",
    "model_attributes_type": "une table de champs (clé: valeur) est attendue",
    "date_type": "une date est attendue au format AAAA-MM-JJ",
    "finite_number": "un nombre fini est attendu",
    "float_parsing": "un nombre est attendu",
    "float_type": "un nombre est attendu",
    "decimal_max_digits": "trop de chiffres pour un montant",
    "decimal_max_places": "trop de décimales pour un montant",
    "decimal_whole_digits": "trop de chiffres avant la virgule",
    "string_too_long": "texte trop long",
    "too_long": "trop d'éléments",
    "list_too_long": "trop d'éléments",
    "union_tag_invalid": "type inattendu",
    "union_tag_not_found": "le champ « type » manque",
    "string_unicode": "un texte est attendu",
    "none_required": "aucune valeur n'est attendue ici",
    "is_instance_of": "une valeur d'un autre type est attendue",
    "frozen_set_type": "une liste est attendue",
    "set_type": "une liste est attendue",
    "tuple_type": "une liste est attendue",
    "enum": "une des valeurs permises est attendue",
}


def _citation(valeur: Any) -> str:
    """The value in a message, as the dossier writes it (« -.inf », not « -Infinity »)."""
    if isinstance(valeur, Decimal) and not valeur.is_finite():
        return " « .nan »" if valeur.is_nan() else (" « -.inf »" if valeur < 0 else " « .inf »")
    if isinstance(valeur, str | int | Decimal) and not isinstance(valeur, bool):
        return f" « {str(valeur)[:80]} »"
    return ""


def _message(erreur: Any, chemin: Sequence[int | str], loc: Sequence[int | str]) -> str:
    genre: str = erreur["type"]
    valeur = erreur.get("input")
    contexte = erreur.get("ctx") or {}
    cite = _citation(valeur)
    if genre == "missing":
        return "champ obligatoire manquant"
    if genre == "extra_forbidden":
        cle = str(chemin[-1]) if chemin else "?"
        message = f"clé inconnue « {cle} »"
        classe = _classe_au_chemin(loc)
        if classe is not None:
            connues = sorted(classe.model_fields)
            proche = difflib.get_close_matches(cle, connues, n=1)
            if proche:
                message += f" : vouliez-vous dire « {proche[0]} » ?"
            message += f" (clés permises : {', '.join(connues)})"
        return message
    if genre.startswith("date_") or genre.startswith("datetime_"):
        return f"date invalide{cite} : une date réelle est attendue, au format AAAA-MM-JJ (ex. 2025-09-15)"
    if genre in ("value_error", "assertion_error"):
        return str(erreur["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if genre == "string_pattern_mismatch":
        motif = str(contexte.get("pattern"))
        attendu = FORMATS_EN_MOTS.get(motif, f"le format {motif}")
        return f"valeur{cite} mal formée : {attendu} est attendu"
    if genre in ("literal_error", "enum"):
        permises = re.sub(r" or (?=\S+$|['\"][^'\"]*['\"]$)", " ou ", str(contexte.get("expected")))
        return f"valeur{cite} inattendue : valeurs permises {permises}"
    if isinstance(valeur, str | list) and not valeur:
        return f"valeur vide : {_TYPES_ATTENDUS.get(genre, 'ce champ est à remplir')}"
    if genre == "string_too_short":
        return f"texte{cite} trop court : au moins {contexte.get('min_length', 1)} caractère(s) attendu(s)"
    if genre == "too_short":
        return f"liste trop courte : au moins {contexte.get('min_length', 1)} élément(s) attendu(s)"
    if genre in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bornes = {
            "greater_than": "supérieur à",
            "greater_than_equal": "supérieur ou égal à",
            "less_than": "inférieur à",
            "less_than_equal": "inférieur ou égal à",
        }
        limite = next(iter(contexte.values()), "?")
        return f"valeur{cite} hors limites : un nombre {bornes[genre]} {limite} est attendu"
    if genre == "annexe_type":
        return "type d'annexe attendu : « document », « convention » ou « budget »"
    if genre in _TYPES_ATTENDUS:
        return f"valeur{cite} invalide : {_TYPES_ATTENDUS[genre]}"
    if str(erreur.get("msg", "")).isascii():  # pydantic's English: not for the user
        return f"valeur{cite} invalide pour ce champ"
    return f"valeur{cite} invalide ({erreur['msg']})"


_PROBLEMES_YAML: list[tuple[str, str]] = [
    (r"exceeded maximum nesting depth", "imbrication trop profonde : ce n'est pas un dossier de séance"),
    (
        r"mapping values are not allowed",
        "« : » inattendu : un texte contenant « : » doit être entre guillemets",
    ),
    (
        r"could not find expected ':'",
        "« : » attendu après la clé (ou un texte de plusieurs lignes mal indenté)",
    ),
    (r"did not find expected key", "clé attendue : vérifiez l'indentation de la ligne"),
    (r"did not find expected '-' indicator", "élément de liste « - » attendu : vérifiez l'indentation"),
    (r"did not find expected node content", "valeur attendue"),
    (
        r"did not find expected ',' or '\]'|expected ',' or '\]'",
        "« , » ou « ] » attendu : une liste [ … ] n'est pas fermée",
    ),
    (
        r"did not find expected ',' or '}'|expected ',' or '}'",
        "« , » ou « } » attendu : une table { … } n'est pas fermée",
    ),
    (r"found unexpected end of stream", "fin du fichier inattendue : des guillemets ne sont pas fermés"),
    (
        r"found unknown escape character",
        "barre oblique inverse « \\ » inconnue entre guillemets doubles : "
        "doublez-la ou mettez le texte entre guillemets simples",
    ),
    (r"found undefined alias", "alias « * » inconnu : aucune ancre « & » du même nom ne le précède"),
    (r"found (?:a )?duplicate anchor", "ancre « & » définie deux fois"),
    (r"failed to (?:decode|convert) base64", "valeur illisible en base64 : retirez l'étiquette « !!binary »"),
    (
        r"found character '?(.*?)'? that cannot start any token",
        "caractère « {0} » inattendu en début de valeur (mettez la valeur entre guillemets)",
    ),
    (
        r"found character that cannot start any token",
        "caractère inattendu en début de valeur (mettez la valeur entre guillemets)",
    ),
    (r"found a tab character", "tabulation dans l'indentation : indentez avec des espaces"),
    (r"block sequence entries are not allowed", "élément de liste « - » mal placé : vérifiez l'indentation"),
    (r"mapping keys are not allowed", "clé mal placée : vérifiez l'indentation"),
    (
        r"could not determine a constructor for the tag '?([^']*)'?",
        "étiquette « {0} » non permise : seules les valeurs simples (texte, nombre, date, liste, table) le sont",
    ),
    (r"expected a (\w+) node, but found (\w+)", "l'étiquette demande une autre sorte de valeur"),
    (
        r"expected a single document",
        "un seul document est attendu dans le fichier (retirez les « --- » en trop)",
    ),
    (
        r"but found another document",
        "un seul document est attendu dans le fichier (retirez les « --- » en trop)",
    ),
    (r"found undefined tag handle", "préfixe d'étiquette « ! » inconnu"),
    (
        r"did not find expected (?:<document start>|comment or line break)",
        "texte inattendu après la valeur : mettez-la entre guillemets",
    ),
    (
        r"expected <block end>, but found '?<?([^'>]*)>?'?",
        "structure inattendue : vérifiez l'indentation de la ligne",
    ),
    (r"expected <document start>", "texte inattendu après la valeur : mettez-la entre guillemets"),
    (r"while scanning", "structure inattendue"),
]


def _probleme_yaml(probleme: str) -> str:
    """PyYAML's or libyaml's English problem, in French (PyYAML-sized messages, no English left)."""
    for motif, francais in _PROBLEMES_YAML:
        trouve = re.search(motif, probleme)
        if trouve:
            if not trouve.groups():
                return francais
            return francais.format(
                *(str(g or "").replace("tag:yaml.org,2002:", "!!") for g in trouve.groups())
            )
    if probleme.isascii():
        return "structure YAML inattendue : vérifiez l'indentation, les guillemets et les « : »"
    return probleme  # ours, already French


_INTERDITS = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _caractere_interdit(texte: str) -> ErreurChamp | None:
    """The first character YAML does not allow (a control character, a lone surrogate), located by
    line and column, or None."""
    trouve = _INTERDITS.search(texte)
    if trouve is None:
        return None
    position = trouve.start()
    ligne = texte.count("\n", 0, position) + 1
    colonne = position - (texte.rfind("\n", 0, position) + 1) + 1
    return ErreurChamp(
        "",
        ligne,
        f"caractère interdit U+{ord(trouve[0]):04X} (caractère de contrôle) à la colonne {colonne} : "
        "retirez-le (un dossier YAML n'en contient pas ; un copier-coller l'a sans doute apporté)",
    )


def _analyser(texte: str, chemin_fichier: Path) -> tuple[yaml.Node | None, Any]:
    """The YAML text's node tree (for the lines) and its data; DossierInvalide naming the file."""
    interdit = _caractere_interdit(texte)
    if interdit is not None:
        raise DossierInvalide(chemin_fichier, [interdit])
    try:
        chargeur = _Chargeur(texte)  # parsed once: the nodes give the lines, then the data
        try:
            racine = chargeur.get_single_node()
            donnees = chargeur.construct_document(racine) if racine is not None else None
        finally:
            chargeur.dispose()
    except RecursionError:
        raise DossierInvalide(
            chemin_fichier,
            [ErreurChamp("", None, "imbrication trop profonde : ce n'est pas un dossier de séance")],
        ) from None
    except yaml.MarkedYAMLError as exc:
        marque = exc.problem_mark or exc.context_mark
        ligne = int(marque.line) + 1 if marque is not None else None
        colonne = f", colonne {int(marque.column) + 1}" if marque is not None else ""
        probleme = _probleme_yaml(f"{exc.problem or ''} {exc.context or ''}")
        raise DossierInvalide(
            chemin_fichier, [ErreurChamp("", ligne, f"syntaxe YAML invalide : {probleme}{colonne}")]
        ) from None
    except yaml.YAMLError as exc:
        raise DossierInvalide(
            chemin_fichier, [ErreurChamp("", None, f"YAML illisible : {_probleme_yaml(str(exc))}")]
        ) from None
    return racine, donnees


INCLUSIONS = ("collectivite",)
"""The top-level fields a dossier may give as the name of a YAML file beside it
(« collectivite: collectivite.yaml »): what does not change from one séance to the next."""


def _inclure(
    dossier: Path, racine: yaml.Node | None, champ: str, nom: str
) -> tuple[Path, yaml.Node | None, Any]:
    """The file a field names, read: its path as the dossier names it, its node tree and data.

    The file must be a YAML file inside the dossier's folder (or a subfolder of it)."""
    ligne = ligne_du_champ(racine, [champ])
    dossier_parent = dossier.parent
    chemin = dossier_parent / nom
    if Path(nom).suffix.lower() not in (".yaml", ".yml"):
        raise DossierInvalide(
            dossier,
            [
                ErreurChamp(
                    champ,
                    ligne,
                    f"« {nom} » : le nom d'un fichier YAML (.yaml) ou une table de champs est attendu",
                )
            ],
        )
    if not chemin.resolve().is_relative_to(dossier_parent.resolve()):
        raise DossierInvalide(
            dossier,
            [
                ErreurChamp(
                    champ,
                    ligne,
                    f"« {nom} » est hors du dossier « {dossier_parent} » : un fichier inclus doit être dans le "
                    "dossier du dossier de séance ou dans l'un de ses sous-dossiers",
                )
            ],
        )
    try:
        texte = _lire_fichier(chemin)
    except DossierInvalide as exc:
        raisons = " ; ".join(e.message for e in exc.erreurs)
        raise DossierInvalide(
            dossier, [ErreurChamp(champ, ligne, f"fichier inclus « {nom} » : {raisons}")]
        ) from None
    racine_incluse, donnees = _analyser(texte, chemin)
    if not isinstance(donnees, dict):
        raise DossierInvalide(
            chemin, [ErreurChamp("", 1, f"le fichier doit contenir une table de champs ({champ} du dossier)")]
        )
    return chemin, racine_incluse, donnees


def load_text(texte: str, fichier: Path | str = "<texte>") -> Dossier:
    """Read a dossier from YAML text; `fichier` names it in error messages, and the files it includes
    (« collectivite: collectivite.yaml ») are found beside it."""
    chemin_fichier = Path(fichier)
    racine, donnees = _analyser(texte, chemin_fichier)
    if not isinstance(donnees, dict):
        raise DossierInvalide(
            chemin_fichier,
            [ErreurChamp("", 1, "le fichier doit contenir une table avec collectivite, seance et affaires")],
        )
    inclus: dict[str, tuple[Path, yaml.Node | None]] = {}
    for champ in INCLUSIONS:
        if isinstance(donnees.get(champ), str):
            chemin_inclus, racine_incluse, donnees[champ] = _inclure(
                chemin_fichier, racine, champ, donnees[champ]
            )
            inclus[champ] = (chemin_inclus, racine_incluse)
    try:
        return Dossier.model_validate(donnees)
    except ValidationError as exc:
        erreurs = []
        for erreur in exc.errors():
            loc = [e for e in erreur["loc"] if isinstance(e, int | str)]
            chemin = _sans_etiquettes(loc)
            cherche = chemin[:-1] if erreur["type"] == "missing" else chemin
            ou: Path | None = None
            if chemin and chemin[0] in inclus:
                ou, racine_incluse = inclus[str(chemin[0])]
                ligne = ligne_du_champ(racine_incluse, cherche[1:])
            else:
                ligne = ligne_du_champ(racine, cherche)
            erreurs.append(ErreurChamp(chemin_lisible(chemin), ligne, _message(erreur, chemin, loc), ou))
        raise DossierInvalide(chemin_fichier, erreurs) from None


def erreurs_validation(
    exc: ValidationError, racine: yaml.Node | None = None, prefixe: Sequence[int | str] = ()
) -> list[ErreurChamp]:
    """pydantic's errors as French located errors: the field's path (under `prefixe`), its line in
    the YAML tree `racine` when there is one, and what was expected."""
    erreurs = []
    for erreur in exc.errors():
        loc = [e for e in erreur["loc"] if isinstance(e, int | str)]
        chemin = [*prefixe, *_sans_etiquettes(loc)]
        ligne = ligne_du_champ(racine, chemin[:-1] if erreur["type"] == "missing" else chemin)
        erreurs.append(ErreurChamp(chemin_lisible(chemin), ligne, _message(erreur, chemin, loc)))
    return erreurs


TAILLE_MAX_MO = 20
"""The largest dossier file read, in Mo: far above any real séance (a 1 000-affaire séance is about
3 Mo). The variable ACTES62_TAILLE_MAX_DOSSIER (in Mo) raises it."""


def _lire_borne(chemin: Path) -> str:
    """The text of a regular file of at most the size limit: a pipe, a device (/dev/zero) or a file
    too large is refused before anything is read, in French."""
    if chemin.exists() and not chemin.is_dir() and not chemin.is_file():
        raise DossierInvalide(
            chemin,
            [
                ErreurChamp(
                    "",
                    None,
                    "ce n'est pas un fichier ordinaire (tube, périphérique…) : un fichier YAML est attendu",
                )
            ],
        )
    reglage = os.environ.get("ACTES62_TAILLE_MAX_DOSSIER", "")
    limite = (int(reglage) if reglage.isdigit() else TAILLE_MAX_MO) * 1024 * 1024
    with chemin.open("rb") as fichier:
        donnees = fichier.read(limite + 1)
    if len(donnees) > limite:
        raise DossierInvalide(
            chemin,
            [
                ErreurChamp(
                    "",
                    None,
                    f"fichier trop grand (plus de {limite // (1024 * 1024)} Mo) : ce n'est pas un dossier de séance ; "
                    "si c'en est un, relevez la limite avec la variable ACTES62_TAILLE_MAX_DOSSIER (en Mo)",
                )
            ],
        )
    return donnees.decode("utf-8")


def load(path: str | Path) -> Dossier:
    """Read a dossier file into the typed model.

    Raises `DossierInvalide` (a subclass of `Actes62Error`) listing every problem with its
    line and field path.
    """
    chemin = Path(path)
    return load_text(_lire_fichier(chemin), chemin)


def _lire_fichier(chemin: Path) -> str:
    """The text of a dossier file (or of a file it includes); DossierInvalide in French."""
    try:
        texte = _lire_borne(chemin)
    except FileNotFoundError:
        absent = "lien symbolique vers un fichier absent" if chemin.is_symlink() else "fichier introuvable"
        raise DossierInvalide(chemin, [ErreurChamp("", None, absent)]) from None
    except IsADirectoryError:
        raise DossierInvalide(
            chemin, [ErreurChamp("", None, "c'est un dossier, pas un fichier YAML")]
        ) from None
    except UnicodeDecodeError:
        raise DossierInvalide(
            chemin, [ErreurChamp("", None, "le fichier n'est pas du texte UTF-8")]
        ) from None
    except OSError as exc:
        raise DossierInvalide(
            chemin, [ErreurChamp("", None, f"lecture impossible : {raison_systeme(exc)}")]
        ) from None
    return texte


def localisateur(path: str | Path) -> Callable[[Sequence[int | str]], int | None]:
    """For a dossier file, a function giving the line of a field path (None when unknown)."""
    try:
        racine = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=_Chargeur)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        racine = None
    return lambda chemin: ligne_du_champ(racine, chemin)
