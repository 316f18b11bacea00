"""French grammar for templates and dossier texts: the small words that depend on a person's
civilité, an instance's gender or a number, as Jinja filters any template can use.

    {{ seance.instance | de }}                  de la Commission Permanente
    {{ seance.instance | de(complet=true) }}    de la Commission Permanente du Conseil départemental
    {{ collectivite.president | du }}           du / de la (« Vu le rapport du Président »)
    {{ collectivite.president | article }}      le / la
    {{ beneficiaire | article }}                l' / la / le (glued: « l'association »)
    dûment autorisé{{ personne | feminin }}     « e » for Mme, for a feminine beneficiary
    {{ rapport.avis.numero | ordinal }}         1re, 2e, 5e (feminine by default: « la 5e commission »)
    {{ seance.presents | personnes }}           M. Jean DUPONT, Mme Anne MARTIN
    {{ seance.date | date_longue | majuscules }} 1er OCTOBRE 2025 (not « 1ER »)

The filters take model objects; a value of another type is refused with a French message, so a
template error names what was expected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from actes62.model import Beneficiaire, FormeJuridique, Instance, Personne

__all__ = ["FILTRES_GRAMMAIRE", "article", "de", "du", "feminin", "majuscules", "ordinal", "personnes"]


def _instance(valeur: Any) -> Instance:
    if isinstance(valeur, Instance):
        return valeur
    try:
        return Instance(valeur)
    except ValueError:
        raise ValueError(
            f"le filtre attend une instance (commission_permanente, conseil_departemental), pas « {valeur} »"
        ) from None


def _personne(valeur: Any, filtre: str) -> Personne:
    if isinstance(valeur, Personne):
        return valeur
    personne = getattr(valeur, "personne", None)  # a Signataire: its person
    if isinstance(personne, Personne):
        return personne
    raise ValueError(f"le filtre « {filtre} » attend une personne (M. ou Mme), pas « {valeur} »")


def de(instance: Any, complet: bool = False) -> str:
    """« de la Commission Permanente » / « du Conseil départemental »; `complet`: « de la Commission
    Permanente du Conseil départemental »."""
    cible = _instance(instance)
    if cible is Instance.COMMISSION_PERMANENTE:
        return f"de la {cible.libelle_complet if complet else cible.libelle}"
    return f"du {cible.libelle}"


def du(personne: Any) -> str:
    """« du » or « de la » before a capacity, by the person's civilité (« du Président »)."""
    return "de la" if _personne(personne, "du").civilite == "Mme" else "du"


def article(valeur: Any) -> str:
    """The definite article: « le » / « la » for a person or an instance; for a beneficiary or a legal form, its
    article glued to what follows (« l' », « la  », « le  »)."""
    if isinstance(valeur, Beneficiaire):
        return valeur.forme_juridique.article
    if isinstance(valeur, FormeJuridique):
        return valeur.article
    if isinstance(valeur, Instance):
        return "la" if valeur is Instance.COMMISSION_PERMANENTE else "le"
    return "la" if _personne(valeur, "article").civilite == "Mme" else "le"


def feminin(valeur: Any) -> str:
    """« e » when the person (Mme) or the beneficiary is feminine, for an agreeing participle."""
    if isinstance(valeur, Beneficiaire):
        return valeur.accord
    return "e" if _personne(valeur, "feminin").civilite == "Mme" else ""


def ordinal(nombre: Any, feminin: bool = True) -> str:
    """« 1re » (« 1er » with `feminin=false`), « 2e », « 5e »: the abbreviated ordinals of the
    Imprimerie nationale (not « 5ème »); the document's typography sets the suffix in superscript."""
    if isinstance(nombre, bool) or not isinstance(nombre, int) or nombre < 1:
        raise ValueError(f"le filtre « ordinal » attend un nombre entier positif, pas « {nombre} »")
    if nombre == 1:
        return "1re" if feminin else "1er"
    return f"{nombre}e"


def personnes(liste: Iterable[Any]) -> str:
    """The designations of a list of persons, separated by commas: « M. Jean DUPONT, Mme Anne MARTIN »."""
    return ", ".join(_personne(p, "personnes").designation for p in liste)


def majuscules(texte: Any) -> str:
    """Capitals, keeping the ordinals' suffixes small: « 1er OCTOBRE 2025 », not « 1ER OCTOBRE »."""
    capitales = str(texte).upper()
    for suffixe in ("ER", "RE", "E"):
        capitales = _ordinaux(capitales, suffixe)
    return capitales


def _ordinaux(texte: str, suffixe: str) -> str:
    morceaux = texte.split(" ")
    for index, mot in enumerate(morceaux):
        if mot.endswith(suffixe) and mot[: -len(suffixe)].isdigit():
            morceaux[index] = mot[: -len(suffixe)] + suffixe.lower()
    return " ".join(morceaux)


FILTRES_GRAMMAIRE: dict[str, Callable[..., str]] = {
    "de": de,
    "du": du,
    "article": article,
    "feminin": feminin,
    "ordinal": ordinal,
    "personnes": personnes,
    "majuscules": majuscules,
}
"""The grammar filters, by the name templates and dossier texts use."""
