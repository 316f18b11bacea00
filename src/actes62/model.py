"""The typed acts of a Commission Permanente dossier.

Every fact is stated once here; derived figures (solde, totals, percentages) are computed,
never typed in twice. The model knows nothing of files: `load` builds it from a dossier file,
`render` turns it into documents, `checks` reads it back.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    field_validator,
    model_validator,
)
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret as stdnum_siret

from actes62 import actes as actes_
from actes62 import formats

__all__ = [
    "Acquittement",
    "ActesDeliberation",
    "Affaire",
    "Annexe",
    "AnnexeBudget",
    "AnnexeConvention",
    "AnnexeDocument",
    "Article",
    "Avis",
    "Beneficiaire",
    "Collectivite",
    "Convention",
    "Deliberation",
    "Dossier",
    "Financement",
    "FormeJuridique",
    "Imputation",
    "Instance",
    "LigneBudget",
    "Montant",
    "MontantCite",
    "Personne",
    "Plafond",
    "Pouvoir",
    "Presence",
    "Rapport",
    "RegleIgnoree",
    "Regles",
    "Ressource",
    "Rib",
    "Seance",
    "Signataire",
    "Transmission",
    "Versement",
    "Visa",
    "VisaActe",
    "VisaTexte",
    "Vote",
    "arrondi_pourcentage",
]

CENT = Decimal("100")
DEUX_DECIMALES = Decimal("0.01")


# --- values -----------------------------------------------------------------------------------


def _montant_avant(valeur: Any) -> Any:
    """Accept Decimal, int and French-formatted strings; refuse float (money is never float)."""
    if isinstance(valeur, bool):
        raise ValueError("un montant est attendu, pas un booléen")
    if isinstance(valeur, float):
        raise ValueError(
            "un montant ne peut pas être un nombre à virgule flottante (float) : "
            "utilisez Decimal ou une chaîne comme « 9 380,00 »"
        )
    if isinstance(valeur, int):
        return Decimal(valeur)
    if isinstance(valeur, str):
        try:
            return formats.lire_euros(valeur)
        except ValueError as exc:
            raise ValueError(f"montant illisible « {valeur} » : {exc}") from None
    return valeur


def _montant_apres(valeur: Decimal) -> Decimal:
    try:
        valeur = formats.montant_valide(valeur)
    except (TypeError, ValueError) as exc:
        raise ValueError(str(exc)) from None
    if valeur < 0:
        raise ValueError(f"un montant positif ou nul est attendu, pas {valeur}")
    return valeur


Montant = Annotated[
    Decimal,
    BeforeValidator(_montant_avant),
    AfterValidator(_montant_apres),
]
"""An amount in euros: a non-negative Decimal with at most two decimals."""


def _siret_valide(valeur: str) -> str:
    compact = stdnum_siret.compact(valeur)
    if not compact.isdigit() or len(compact) != 14:
        raise ValueError(f"un SIRET a 14 chiffres, « {valeur} » n'en a pas 14")
    if not stdnum_siret.is_valid(compact):
        raise ValueError(f"SIRET « {valeur} » invalide : la clé de contrôle (Luhn) ne correspond pas")
    return compact


Siret = Annotated[str, AfterValidator(_siret_valide)]
"""A SIRET, stored compact (14 digits), checksum verified with python-stdnum."""

Texte = Annotated[str, Field(min_length=1)]


Jour = date
"""A calendar date (the alias lets a field be named `date`)."""

ANNEES_PLAUSIBLES = range(1900, 2201)
"""The years a date of a dossier may have: « 0999-01-01 » or « 9999-12-31 » is a typing slip."""


class _Modele(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    def avec(self, **changements: Any) -> Self:
        """A copy with these fields changed, validated as a dossier file is:
        `affaire.avec(titre="…")`, `dossier.avec(affaires=[…])`. Model objects are frozen: this is
        how one is changed. Raises `DossierInvalide` with French messages naming the fields."""
        from actes62.errors import DossierInvalide
        from actes62.load import erreurs_validation

        donnees = {nom: getattr(self, nom) for nom in self.model_fields_set} | changements
        try:
            return type(self).model_validate(donnees)
        except ValidationError as exc:
            raise DossierInvalide(f"{type(self).__name__}.avec()", erreurs_validation(exc)) from None

    @field_validator("*", mode="after")
    @classmethod
    def _date_plausible(cls, valeur: Any) -> Any:
        if isinstance(valeur, date) and valeur.year not in ANNEES_PLAUSIBLES:
            raise ValueError(
                f"date « {valeur.isoformat()} » hors des bornes : une date entre 1900 et 2200 est attendue"
            )
        return valeur


# --- people -----------------------------------------------------------------------------------

_PERSONNE = re.compile(
    r"^(?P<civilite>M\.|Mme)\s+(?P<prenom>.+?)\s+(?P<nom>[^\sa-zà-ÿ]+(?:[\s-][^\sa-zà-ÿ]+)*)$"
)


class Personne(_Modele):
    """A person as the acts name them: « M. Jean-Claude LEROY » (nom in capitals).

    In a dossier file a person is written as that one string.
    """

    civilite: Literal["M.", "Mme"] = Field(
        title="Civilité", description="« M. » ou « Mme ».", examples=["Mme"]
    )
    prenom: Texte = Field(
        title="Prénom", description="Le prénom, tel que les actes l'écrivent.", examples=["Maryline"]
    )
    nom: Texte = Field(title="Nom", description="Le nom de famille, en majuscules.", examples=["VINCLAIRE"])

    @model_validator(mode="before")
    @classmethod
    def _depuis_texte(cls, valeur: Any) -> Any:
        if isinstance(valeur, str):
            trouve = _PERSONNE.match(valeur.strip())
            if trouve is None:
                raise ValueError(
                    f"« {valeur} » : une personne s'écrit « M. Prénom NOM » ou « Mme Prénom NOM » "
                    "(civilité, prénom, nom en majuscules)"
                )
            return trouve.groupdict()
        return valeur

    @property
    def designation(self) -> str:
        """« M. Jean-Claude LEROY »."""
        return f"{self.civilite} {self.prenom} {self.nom}"

    @property
    def civilite_longue(self) -> str:
        """« Monsieur » or « Madame »."""
        return "Monsieur" if self.civilite == "M." else "Madame"

    @property
    def prenom_nom(self) -> str:
        """« Jean-Claude LEROY »."""
        return f"{self.prenom} {self.nom}"

    def __str__(self) -> str:
        return self.designation


class Signataire(_Modele):
    """Someone who signs or represents, with the capacity the act gives them."""

    personne: Personne = Field(
        title="Personne",
        description="La personne qui signe ou représente, écrite « M. Prénom NOM » ou « Mme Prénom NOM » (nom en majuscules).",
        examples=["Mme Maryline VINCLAIRE"],
    )
    qualite: Texte = Field(
        title="Qualité",
        description="Le titre auquel elle signe ou représente, tel que l'acte l'imprime sous son nom.",
        examples=["Directrice générale des services"],
    )


class Adresse(_Modele):
    lignes: list[Texte] = Field(
        min_length=1,
        title="Lignes",
        description="Les lignes de l'adresse, dans l'ordre où on les écrit sur une enveloppe.",
        examples=[["Hôtel du Département", "rue Ferdinand Buisson", "62018 Arras Cedex 9"]],
    )

    @model_validator(mode="before")
    @classmethod
    def _depuis_texte(cls, valeur: Any) -> Any:
        if isinstance(valeur, str):
            return {"lignes": [valeur]}
        return valeur

    def __str__(self) -> str:
        return ", ".join(self.lignes)


class Collectivite(_Modele):
    """The collectivité that deliberates (the Département)."""

    nom: Texte = Field(
        title="Nom",
        description="Le nom officiel de la collectivité qui délibère.",
        examples=["Département du Pas-de-Calais"],
    )
    designation: Texte = Field(
        default="le Département",
        title="Désignation",
        description="Comment les actes appellent la collectivité une fois nommée, article compris.",
        examples=["le Département"],
    )
    code_departement: Annotated[str, Field(pattern=r"^\d{3}$|^\d{2}[AB]$")] = Field(
        title="Code du département",
        description="Le code du département sur trois caractères, tel que le demande la transmission ACTES : trois chiffres, ou deux chiffres suivis de A ou B pour la Corse. À écrire entre guillemets pour garder le zéro.",
        examples=["062"],
    )
    siret: Siret = Field(
        title="SIRET",
        description="Le SIRET de la collectivité : 14 chiffres, espaces permis, vérifiés par leur clé de contrôle.",
        examples=["226 200 012 00012"],
    )
    siege: Adresse = Field(
        title="Siège",
        description="L'adresse du siège de la collectivité : une ligne, ou une liste « lignes ».",
    )
    president: Personne = Field(
        title="Président",
        description="Le président (ou la présidente) du Conseil départemental, écrit « M. Prénom NOM » ou « Mme Prénom NOM ».",
        examples=["M. Jean-Claude LEROY"],
    )
    qualite_president: Texte = Field(
        default="Président du Conseil départemental",
        title="Qualité du président",
        description="Le titre du président tel que les actes l'écrivent sous sa signature.",
        examples=["Président du Conseil départemental"],
    )
    directeur_general: Signataire = Field(
        title="Directeur général des services",
        description="Le directeur (ou la directrice) général(e) des services et sa qualité : signataire par délégation.",
    )
    ville: Texte = Field(
        title="Ville", description="La ville où les actes sont signés (« Fait à Arras »).", examples=["Arras"]
    )
    tribunal_administratif: Texte = Field(
        title="Tribunal administratif",
        description="La ville du tribunal administratif compétent, citée dans les voies de recours.",
        examples=["Lille"],
    )

    @property
    def siren(self) -> str:
        return self.siret[:9]


class FormeJuridique(StrEnum):
    """The legal form of a beneficiary, with the article and the gender French gives it."""

    ASSOCIATION = "association"
    COMMUNE = "commune"
    COMMUNAUTE_DE_COMMUNES = "communauté de communes"
    COMMUNAUTE_D_AGGLOMERATION = "communauté d'agglomération"
    COMMUNAUTE_URBAINE = "communauté urbaine"
    METROPOLE = "métropole"
    SYNDICAT_MIXTE = "syndicat mixte"
    SYNDICAT_INTERCOMMUNAL = "syndicat intercommunal"
    ETABLISSEMENT_PUBLIC = "établissement public"
    GROUPEMENT_D_INTERET_PUBLIC = "groupement d'intérêt public"
    FONDATION = "fondation"
    FEDERATION = "fédération"
    SOCIETE = "société"
    SCOP = "SCOP"
    SCIC = "SCIC"

    @property
    def feminin(self) -> bool:
        return self not in _MASCULINS

    @property
    def collectivite(self) -> bool:
        """A commune or a groupement of collectivités."""
        return self in _COLLECTIVITES

    @property
    def droit_prive(self) -> bool:
        """A body of private law (association, fondation, société…), not a public person."""
        return not self.collectivite and self not in (
            FormeJuridique.ETABLISSEMENT_PUBLIC,
            FormeJuridique.GROUPEMENT_D_INTERET_PUBLIC,
        )

    @property
    def article(self) -> str:
        """« l' », « la » or « le »."""
        if self.value[:1].lower() in "aeéèêiîouyh":
            return "l'"
        return "la " if self.feminin else "le "


_MASCULINS = {
    FormeJuridique.SYNDICAT_MIXTE,
    FormeJuridique.SYNDICAT_INTERCOMMUNAL,
    FormeJuridique.ETABLISSEMENT_PUBLIC,
    FormeJuridique.GROUPEMENT_D_INTERET_PUBLIC,
}
_COLLECTIVITES = {
    FormeJuridique.COMMUNE,
    FormeJuridique.COMMUNAUTE_DE_COMMUNES,
    FormeJuridique.COMMUNAUTE_D_AGGLOMERATION,
    FormeJuridique.COMMUNAUTE_URBAINE,
    FormeJuridique.METROPOLE,
    FormeJuridique.SYNDICAT_MIXTE,
    FormeJuridique.SYNDICAT_INTERCOMMUNAL,
}


class Beneficiaire(_Modele):
    """The party that receives the subsidy. `forme_juridique` is one of `FormeJuridique`: the acts
    name it « l'association « Lianes coopération » », « la commune de Bapaume », « le syndicat mixte
    du Pays de Saint-Omer », and agree with its gender (« identifiée », « représenté »)."""

    nom: Texte = Field(
        title="Nom",
        description="Le nom du bénéficiaire, tel que ses statuts l'écrivent (sans sa forme juridique, que les actes ajoutent).",
        examples=["Lianes coopération"],
    )
    forme_juridique: FormeJuridique = Field(
        default=FormeJuridique.ASSOCIATION,
        title="Forme juridique",
        description="La forme juridique du bénéficiaire : les actes en tirent l'article et l'accord (« l'association », « la commune de », « le syndicat mixte »). Valeurs permises : association, commune, communauté de communes, communauté d'agglomération, communauté urbaine, métropole, syndicat mixte, syndicat intercommunal, établissement public, groupement d'intérêt public, fondation, fédération, société, SCOP, SCIC.",
        examples=["association"],
    )
    siret: Siret = Field(
        title="SIRET",
        description="Le SIRET du bénéficiaire : 14 chiffres, espaces permis, vérifiés par leur clé de contrôle (Luhn).",
        examples=["438 535 221 00024"],
    )
    rna: Annotated[str, Field(pattern=r"^W\d{9}$")] | None = Field(
        default=None,
        title="Numéro RNA",
        description="Le numéro d'une association au répertoire national des associations : W suivi de 9 chiffres. Facultatif.",
        examples=["W623001234"],
    )
    siege: Adresse = Field(
        title="Siège", description="L'adresse du siège du bénéficiaire : une ligne, ou une liste « lignes »."
    )
    representant: Signataire = Field(
        title="Représentant",
        description="La personne qui représente le bénéficiaire (président, maire…) et sa qualité, telle que la convention l'écrit.",
    )

    @property
    def siren(self) -> str:
        return self.siret[:9]

    @property
    def designation(self) -> str:
        """« l'association « Lianes coopération » », « la commune de Bapaume » (a name that already
        starts with its form — « Commune de Bapaume » — is not repeated)."""
        forme = self.forme_juridique
        if self.nom.casefold().startswith(forme.value.casefold()):
            return forme.article + forme.value + self.nom[len(forme.value) :]
        if forme is FormeJuridique.COMMUNE:
            de = "d'" if self.nom[:1].lower() in "aeéèêiîouyh" else "de "
            return f"{forme.article}{forme.value} {de}{self.nom}"
        return f"{forme.article}{forme.value} « {self.nom} »"

    @property
    def designation_majuscule(self) -> str:
        """The designation at the start of a sentence: « L'association « Lianes coopération » »."""
        return self.designation[:1].upper() + self.designation[1:]

    @property
    def accord(self) -> str:
        """« e » when the beneficiary is feminine (« identifiée », « représentée »), else «»."""
        return "e" if self.forme_juridique.feminin else ""


# --- the kinds of document -------------------------------------------------------------------


class DocumentKind(StrEnum):
    """The kinds of document of an affaire, in the order they are written. The value is the French
    label findings give; `modele` is the name of its template (`deliberation.docx`) and the end of
    the generated files' names."""

    DELIBERATION = "délibération"
    RAPPORT = "rapport"
    CONVENTION = "convention"
    BUDGET = "annexe budgétaire"

    @property
    def modele(self) -> str:
        """« deliberation », « rapport », « convention », « annexe_budget »."""
        return {
            DocumentKind.DELIBERATION: "deliberation",
            DocumentKind.RAPPORT: "rapport",
            DocumentKind.CONVENTION: "convention",
            DocumentKind.BUDGET: "annexe_budget",
        }[self]

    @classmethod
    def de(cls, nom: str) -> DocumentKind:
        """The kind named by its label (« annexe budgétaire ») or its template's name
        (« annexe_budget »); ValueError, in French, for any other name."""
        for kind in cls:
            if nom in (kind.value, kind.modele):
                return kind
        attendus = ", ".join(kind.modele for kind in cls)
        raise ValueError(f"type de document inconnu : « {nom} » (attendus : {attendus})")


# --- the séance -------------------------------------------------------------------------------


class Instance(StrEnum):
    COMMISSION_PERMANENTE = "commission_permanente"
    CONSEIL_DEPARTEMENTAL = "conseil_departemental"

    @property
    def libelle(self) -> str:
        return {
            Instance.COMMISSION_PERMANENTE: "Commission Permanente",
            Instance.CONSEIL_DEPARTEMENTAL: "Conseil départemental",
        }[self]

    @property
    def libelle_complet(self) -> str:
        """« Commission Permanente du Conseil départemental » / « Conseil départemental »."""
        if self is Instance.COMMISSION_PERMANENTE:
            return f"{self.libelle} du Conseil départemental"
        return self.libelle


class Pouvoir(_Modele):
    """A member absent from the séance who gave a pouvoir to a member present."""

    mandant: Personne = Field(
        title="Mandant", description="Le membre excusé qui donne pouvoir.", examples=["M. Ludovic LOQUET"]
    )
    mandataire: Personne = Field(
        title="Mandataire",
        description="Le membre présent qui reçoit le pouvoir et vote pour le mandant.",
        examples=["M. Laurent DUPORGE"],
    )


class Seance(_Modele):
    instance: Instance = Field(
        default=Instance.COMMISSION_PERMANENTE,
        title="Instance",
        description="L'assemblée qui siège : commission_permanente (par défaut) ou conseil_departemental.",
        examples=["commission_permanente"],
    )
    date: Jour = Field(
        title="Date de la séance",
        description="Le jour de la séance, au format AAAA-MM-JJ.",
        examples=["2025-09-15"],
    )
    lieu: Texte = Field(title="Lieu", description="La ville où la séance se tient.", examples=["Arras"])
    president: Personne = Field(
        title="Président de séance",
        description="Qui préside la séance, écrit « M. Prénom NOM » ou « Mme Prénom NOM ».",
        examples=["M. Jean-Claude LEROY"],
    )
    secretaire: Personne = Field(
        title="Secrétaire de séance",
        description="Le membre désigné secrétaire de séance.",
        examples=["M. Etienne PERIN"],
    )
    membres_en_exercice: Annotated[int, Field(gt=0)] = Field(
        title="Membres en exercice",
        description="Le nombre de membres de l'instance en exercice, votants ou non.",
        examples=[44],
    )
    presents: list[Personne] = Field(
        min_length=1,
        title="Présents",
        description="Les membres présents à l'ouverture de la séance, un par ligne « - M. Prénom NOM ».",
        examples=[["M. Jean-Claude LEROY", "Mme Maryline VINCLAIRE"]],
    )
    excuses: list[Personne] = Field(
        default=[],
        title="Excusés",
        description="Les membres excusés, représentés ou non par un pouvoir.",
        examples=[["M. Ludovic LOQUET"]],
    )
    pouvoirs: list[Pouvoir] = Field(
        default=[],
        title="Pouvoirs",
        description="Les pouvoirs donnés par un excusé (mandant) à un présent (mandataire) ; chacun au plus un.",
    )
    sans_voix_presents: list[Personne] = Field(
        default=[],
        title="Présents sans voix délibérative",
        description="Les conseillers présents qui ne sont pas membres de l'instance et ne votent pas.",
        examples=[["M. Jean-Louis COTTIGNY"]],
    )
    sans_voix_excuses: list[Personne] = Field(
        default=[],
        title="Excusés sans voix délibérative",
        description="Les conseillers sans voix délibérative qui sont excusés.",
        examples=[["M. Michel DAGBERT"]],
    )

    @property
    def representes(self) -> list[Personne]:
        return [p.mandant for p in self.pouvoirs]


# --- references to acts -----------------------------------------------------------------------


class VisaTexte(_Modele):
    """A visa written out: « Vu le Code Général des Collectivités Territoriales … »."""

    texte: Texte = Field(
        title="Texte du visa",
        description="Le visa écrit en entier, tel que la délibération l'imprime (un texte de loi, un code).",
        examples=["Vu le Code Général des Collectivités Territoriales"],
    )


class VisaActe(_Modele):
    """A visa citing a prior act: instance, number (when the document gives one), date, title."""

    nature: Texte = Field(
        default="délibération",
        title="Nature",
        description="La nature de l'acte cité.",
        examples=["délibération"],
    )
    instance: Instance = Field(
        title="Instance",
        description="L'assemblée qui a pris l'acte cité : commission_permanente ou conseil_departemental.",
        examples=["conseil_departemental"],
    )
    numero: Annotated[str, Field(pattern=r"^\d{4}-\d{1,4}$")] | None = Field(
        default=None,
        title="Numéro",
        description="Le numéro de l'acte cité, année et rang : AAAA-N (1 à 4 chiffres). Facultatif quand le document n'en donne pas.",
        examples=["2021-257"],
    )
    date: Jour = Field(
        title="Date", description="La date de l'acte cité, au format AAAA-MM-JJ.", examples=["2021-07-01"]
    )
    titre: Texte = Field(
        title="Titre",
        description="Le titre de l'acte cité ; entre guillemets s'il contient « : ».",
        examples=["Délégation d'attributions à la Commission Permanente"],
    )
    portant: Texte | None = Field(
        default=None,
        title="Portant",
        description="La formule « portant … » que l'acte écrit à la place du titre entre guillemets. Facultatif.",
        examples=["portant adoption du Pacte des solidarités"],
    )

    @property
    def intitule(self) -> str:
        """How a visa names the act after its date: « portant adoption du Pacte … » when the
        dossier gives that wording, else the title in guillemets."""
        return self.portant if self.portant else f"« {self.titre} »"


def _genre_visa(valeur: Any) -> str:
    if isinstance(valeur, dict):
        return "~texte" if "texte" in valeur else "~acte"
    return "~texte" if isinstance(valeur, VisaTexte) else "~acte"


Visa = Annotated[
    Annotated[VisaTexte, Tag("~texte")] | Annotated[VisaActe, Tag("~acte")],
    Discriminator(_genre_visa),
]
"""A visa: `{texte: …}` written out, or a cited act `{instance, numero, date, titre}`."""


# --- documents ---------------------------------------------------------------------------------


class Avis(_Modele):
    """The avis of the thematic commission on the rapport."""

    numero: Annotated[int, Field(gt=0)] = Field(
        title="Numéro de la commission",
        description="Le numéro de la commission thématique qui a rendu l'avis.",
        examples=[3],
    )
    nom: Texte = Field(
        title="Nom de la commission",
        description="Le nom de la commission thématique.",
        examples=["Réussites citoyennes"],
    )
    date: Jour = Field(
        title="Date de l'avis",
        description="Le jour où la commission a rendu son avis, au format AAAA-MM-JJ (avant la séance).",
        examples=["2025-09-01"],
    )
    avis: Literal["favorable", "défavorable", "réservé"] = Field(
        default="favorable",
        title="Avis",
        description="L'avis rendu : favorable (par défaut), défavorable ou réservé.",
        examples=["favorable"],
    )


class Rapport(_Modele):
    numero: Annotated[int, Field(gt=0)] = Field(
        title="Numéro du rapport",
        description="Le numéro du rapport dans l'ordre du jour de la séance.",
        examples=[27],
    )
    pole: Texte = Field(
        title="Pôle",
        description="Le pôle de l'administration qui présente le rapport.",
        examples=["Pôle Solidarités"],
    )
    mission: Texte = Field(
        title="Direction",
        description="La direction ou la mission qui a préparé le rapport.",
        examples=["Direction de l'Europe et de l'International"],
    )
    territoires: Texte = Field(
        default="Tous les territoires",
        title="Territoires",
        description="Les territoires concernés par le rapport.",
        examples=["Tous les territoires"],
    )
    expose: list[Texte] = Field(
        min_length=1,
        title="Exposé",
        description="Les paragraphes de l'exposé des motifs ; ils peuvent citer les faits du dossier entre {{ }}.",
        examples=[["Il est proposé d'attribuer une subvention de {{ montant | euros }}."]],
    )
    propositions: list[Texte] = Field(
        min_length=1,
        title="Propositions",
        description="Ce que le rapport propose à l'instance de décider, une proposition par élément (« d'attribuer… »).",
        examples=[["d'attribuer une subvention de {{ montant | euros }} à l'association."]],
    )
    avis: Avis = Field(
        title="Avis de la commission", description="L'avis de la commission thématique sur le rapport."
    )
    rapporteur: Personne | None = Field(
        default=None,
        title="Rapporteur",
        description="Le membre qui présente le rapport en séance. Facultatif.",
        examples=["Mme Maryse CAUWET"],
    )


class Vote(_Modele):
    """The vote on a délibération. Decisions are taken by a majority of the votes cast (pour and
    contre); on a tie, the président's vote decides (CGCT, the Conseil départemental's voting rule —
    article L3121-15, number to be confirmed — applied to the Commission Permanente): `voix_preponderante` says which way he voted."""

    pour: Annotated[int, Field(ge=0)] = Field(
        title="Pour", description="Le nombre de voix pour.", examples=[44]
    )
    contre: Annotated[int, Field(ge=0)] = Field(
        default=0, title="Contre", description="Le nombre de voix contre.", examples=[0]
    )
    abstention: Annotated[int, Field(ge=0)] = Field(
        default=0, title="Abstentions", description="Le nombre d'abstentions.", examples=[0]
    )
    ne_prend_pas_part: Annotated[int, Field(ge=0)] = Field(
        default=0,
        title="Ne prend pas part au vote",
        description="Le nombre de membres qui ne prennent pas part au vote.",
        examples=[0],
    )
    groupes_pour: list[Texte] = Field(
        default=[],
        title="Groupes pour",
        description="Les groupes politiques qui ont voté pour.",
        examples=[["Groupe Socialiste, Républicain et Citoyen"]],
    )
    groupes_contre: list[Texte] = Field(
        default=[],
        title="Groupes contre",
        description="Les groupes politiques qui ont voté contre.",
        examples=[["Groupe Rassemblement National"]],
    )
    groupes_abstention: list[Texte] = Field(
        default=[],
        title="Groupes abstentionnistes",
        description="Les groupes politiques qui se sont abstenus.",
        examples=[["Non-inscrit"]],
    )
    abstentionnistes: list[Personne] = Field(
        default=[],
        title="Abstentionnistes",
        description="Les membres qui s'abstiennent, quand l'acte les nomme.",
        examples=[["Mme Carole DUBOIS"]],
    )
    voix_preponderante: Literal["pour", "contre"] | None = Field(
        default=None,
        title="Voix prépondérante",
        description="En cas de partage des voix, le vote du président, qui décide : pour ou contre.",
        examples=["pour"],
    )

    @property
    def votants(self) -> int:
        return self.pour + self.contre + self.abstention + self.ne_prend_pas_part

    @property
    def adopte(self) -> bool:
        """Adopted by the majority of votes cast, or on a tie by the président's deciding vote."""
        if self.pour == self.contre:
            return self.voix_preponderante == "pour"
        return self.pour > self.contre


class Article(_Modele):
    """An article: optional title, paragraphs; list items are paragraphs starting with « - »."""

    titre: Texte | None = Field(
        default=None,
        title="Titre de l'article",
        description="Le titre de l'article, s'il en a un (les articles de convention en ont).",
        examples=["Objet de la convention"],
    )
    paragraphes: list[Texte] = Field(
        min_length=1,
        title="Paragraphes",
        description="Les paragraphes de l'article ; un paragraphe qui commence par « - » est un élément de liste. Ils peuvent citer les faits du dossier entre {{ }}.",
        examples=[["D'attribuer une subvention de {{ montant | euros }} ({{ montant | en_lettres }})."]],
    )
    tableau_imputation: bool = Field(
        default=False,
        title="Tableau d'imputation",
        description="true pour l'article de la délibération que suit le tableau des imputations budgétaires.",
        examples=[True],
    )


ACTES_ID = _ACTES_ID = re.compile(actes_.MOTIF_IDENTIFIANT)


def _typologie(valeur: str) -> str:
    if not re.fullmatch(actes_.MOTIF_TYPOLOGIE, valeur):
        raise ValueError(
            f"typologie « {valeur} » invalide : un code de la typologie des pièces ACTES est attendu, "
            "deux chiffres, « _ » et deux majuscules (ex. 99_DE pour la délibération, 99_AU pour une annexe)"
        )
    return valeur


def _matiere(valeur: str) -> str:
    if not re.fullmatch(actes_.MOTIF_MATIERE, valeur):
        raise ValueError(
            f"code matière « {valeur} » invalide : 1 à 5 niveaux de nombres séparés par des points "
            'sont attendus (ex. "7.5" pour « Subventions »)'
        )
    return valeur


def _numero_interne(valeur: str) -> str:
    if not re.fullmatch(actes_.MOTIF_NUMERO_INTERNE_ACTES, valeur):
        raise ValueError(
            f"numéro interne ACTES « {valeur} » invalide : 1 à 15 lettres, chiffres, « - », « _ » ou "
            "espaces, commençant et finissant par une lettre ou un chiffre (ex. 2025_344)"
        )
    return valeur


Typologie = Annotated[str, AfterValidator(_typologie)]
"""A code of the typologie des pièces ACTES: « 99_DE », « 99_AU »."""


class ActesDeliberation(_Modele):
    """What the télétransmission of the délibération says of it (ACTES): its classification des
    matières (« 7.5 » Subventions, up to 5 levels), the typologie of the act, and its numéro
    interne when it is not the délibération's number with « _ » (« 2025_344 »)."""

    matiere: Annotated[str, AfterValidator(_matiere)] | None = Field(
        default=None,
        title="Matière",
        description="Le code de la classification des matières ACTES, 1 à 5 niveaux séparés par des points (7.5 : Subventions). Obligatoire pour la télétransmission.",
        examples=["7.5"],
    )
    typologie: Typologie = Field(
        default="99_DE",
        title="Typologie de l'acte",
        description="Le code de l'acte dans la typologie des pièces ACTES (99_DE : délibération).",
        examples=["99_DE"],
    )
    numero_interne: Annotated[str, AfterValidator(_numero_interne)] | None = Field(
        default=None,
        title="Numéro interne ACTES",
        description="Le numéro interne transmis, s'il n'est pas le numéro de la délibération écrit avec « _ » (2025_344) : 1 à 15 lettres, chiffres, « - », « _ ».",
        examples=["2025_344"],
    )

    @field_validator("matiere", mode="before")
    @classmethod
    def _matiere_texte(cls, valeur: Any) -> Any:
        """« 7.5 » or « 7.10 » read from YAML as a number (a Decimal, digits kept) is taken as written."""
        return str(valeur) if isinstance(valeur, int | Decimal) and not isinstance(valeur, bool) else valeur


class Acquittement(_Modele):
    """What the préfecture's accusé de réception gives once the act is transmitted (ACTES)."""

    identifiant: Annotated[str, Field(pattern=_ACTES_ID.pattern)] = Field(
        title="Identifiant ACTES",
        description="L'identifiant de l'acte donné par l'accusé de réception de la préfecture : département, SIREN, date AAAAMMJJ, numéro interne et nature (DE), séparés par des tirets.",
        examples=["062-226200012-20250915-CP20250344-DE"],
    )
    date_transmission: date = Field(
        title="Date de transmission",
        description="Le jour où l'acte a été transmis en préfecture, au format AAAA-MM-JJ.",
        examples=["2025-09-22"],
    )
    date_reception: date = Field(
        title="Date de réception",
        description="Le jour de réception en préfecture que donne l'accusé de réception.",
        examples=["2025-09-22"],
    )
    date_publication: date = Field(
        title="Date de publication", description="Le jour où l'acte a été publié.", examples=["2025-09-23"]
    )

    @property
    def identifiant_accuse(self) -> str:
        """The identifier as the accusé de réception stamps it on the act: the ACTES identifier and
        the « -1-1 » the préfecture's application adds (version and document number)."""
        return f"{self.identifiant}{actes_.SUFFIXE_ACCUSE}"

    def partie(self, nom: str) -> str:
        trouve = _ACTES_ID.match(self.identifiant)
        assert trouve is not None  # guaranteed by the field pattern
        return trouve.group(nom)

    @property
    def date_decision(self) -> date | None:
        texte = self.partie("date")
        try:
            return date(int(texte[:4]), int(texte[4:6]), int(texte[6:]))
        except ValueError:
            return None


class Presence(_Modele):
    """How the attendance of the séance changed for this affaire: members who left before it
    (`sortis`) or came in (`arrives`), and pouvoirs given during the séance."""

    sortis: list[Personne] = Field(
        default=[],
        title="Sortis",
        description="Les membres sortis de la salle avant cette affaire.",
        examples=[["M. Pierre GEORGET"]],
    )
    arrives: list[Personne] = Field(
        default=[],
        title="Arrivés",
        description="Les membres arrivés en cours de séance, avant cette affaire.",
        examples=[["Mme Maryse DELASSUS"]],
    )
    pouvoirs: list[Pouvoir] = Field(
        default=[],
        title="Pouvoirs donnés en séance",
        description="Les pouvoirs donnés en cours de séance, avant cette affaire.",
    )


class Deliberation(_Modele):
    numero: Annotated[str, Field(pattern=r"^\d{4}-\d{1,4}$")] = Field(
        title="Numéro de la délibération",
        description="Le numéro de la délibération, année et rang : AAAA-N (1 à 4 chiffres), par exemple 2025-344.",
        examples=["2025-344"],
    )
    visas: list[Visa] = Field(
        min_length=1,
        title="Visas",
        description="Les « Vu … » de la délibération : un texte écrit en entier (« texte: ») ou un acte cité (instance, numéro, date, titre).",
    )
    articles: list[Article] = Field(
        min_length=1,
        title="Articles",
        description="Les articles du dispositif de la délibération, dans l'ordre.",
    )
    etat: Literal["projet", "adopte"] = Field(
        default="adopte",
        title="État",
        description="adopte (par défaut) pour une délibération votée ; projet pour une délibération préparée avant la séance, sans vote ni accusé de réception.",
        examples=["adopte"],
    )
    vote: Vote | None = Field(
        default=None,
        title="Vote",
        description="Le résultat du vote : obligatoire pour une délibération adoptée, absent d'un projet.",
    )
    ne_prennent_pas_part: list[Personne] = Field(
        default=[],
        title="Ne prennent pas part au vote",
        description="Les membres qui ne prennent pas part au vote (conflit d'intérêts), nommés par la délibération.",
        examples=[["Mme Sylvie MEYFROIDT"]],
    )
    presence: Presence = Field(
        default_factory=Presence,
        title="Présence pour cette affaire",
        description="Ce qui change dans la présence pour cette affaire : membres sortis, arrivés, pouvoirs donnés en séance.",
    )
    signataire: Signataire | None = Field(
        default=None,
        title="Signataire",
        description="Qui signe la délibération par délégation (« Pour le Président, la Directrice générale des services »). Facultatif : sinon le président.",
    )
    acquittement: Acquittement | None = Field(
        default=None,
        title="Accusé de réception ACTES",
        description="Ce que donne l'accusé de réception de la préfecture une fois l'acte transmis. Absent d'un projet.",
    )
    actes: ActesDeliberation = Field(
        default_factory=ActesDeliberation,
        title="Télétransmission ACTES",
        description="Ce que la télétransmission dit de la délibération : la classification des matières (ex. 7.5 Subventions), la typologie de l'acte (99_DE), son numéro interne s'il n'est pas le numéro de la délibération.",
    )

    @model_validator(mode="after")
    def _vote_selon_etat(self) -> Deliberation:
        if self.etat == "adopte" and self.vote is None:
            raise ValueError(
                "une délibération adoptée a son vote (« vote: {pour: …} ») ; "
                "une délibération préparée avant la séance est « etat: projet »"
            )
        if self.etat == "projet" and self.acquittement is not None:
            raise ValueError("une délibération en projet n'a pas encore d'accusé de réception ACTES")
        return self


class Versement(_Modele):
    """One payment of the schedule: an amount or a percentage of the subsidy, what triggers it,
    and when it is due (`date`, if the convention gives one)."""

    libelle: Texte = Field(
        title="Libellé", description="Le nom du versement : avance, acompte, solde…", examples=["avance"]
    )
    montant: Montant | None = Field(
        default=None,
        title="Montant",
        description="Le montant du versement en euros (ou bien « pourcentage »).",
        examples=["4 690,00 €"],
    )
    pourcentage: Annotated[Decimal, Field(gt=0, le=100, decimal_places=2)] | None = Field(
        default=None,
        title="Pourcentage",
        description="La part de la subvention versée, en % (ou bien « montant ») ; le montant est calculé au centime.",
        examples=[30],
    )
    condition: Texte | None = Field(
        default=None,
        title="Condition",
        description="Ce qui déclenche le versement.",
        examples=["à la signature de la présente convention"],
    )
    echeance: date | None = Field(
        default=None,
        title="Échéance",
        description="La date à laquelle le versement est dû, si la convention en donne une, au format AAAA-MM-JJ.",
        examples=["2026-06-30"],
    )

    @model_validator(mode="after")
    def _montant_ou_pourcentage(self) -> Versement:
        if (self.montant is None) == (self.pourcentage is None):
            raise ValueError("un versement a un montant ou un pourcentage de la subvention (l'un des deux)")
        return self

    def montant_sur(self, subvention: Decimal) -> Decimal:
        """The amount paid, for a subsidy of `subvention` (a percentage rounded half-up to the cent)."""
        if self.montant is not None:
            return self.montant
        assert self.pourcentage is not None
        return (subvention * self.pourcentage / CENT).quantize(DEUX_DECIMALES, rounding=ROUND_HALF_UP)


def _iban_valide(valeur: str) -> str:
    compact = stdnum_iban.compact(valeur)
    try:
        return str(stdnum_iban.validate(compact))
    except StdnumError:
        raise ValueError(
            f"IBAN « {valeur} » invalide : un IBAN est attendu (ex. FR76 3000 6000 0112 3456 7890 189), "
            "avec sa clé de contrôle juste"
        ) from None


def _bic_valide(valeur: str) -> str:
    compact = stdnum_bic.compact(valeur)
    try:
        return str(stdnum_bic.validate(compact))
    except StdnumError:
        raise ValueError(
            f"BIC « {valeur} » invalide : 8 ou 11 caractères sont attendus "
            "(banque, pays, lieu, agence : ex. AGRIFRPP ou AGRIFRPP867)"
        ) from None


class Rib(_Modele):
    """The beneficiary's bank details the convention's payment article gives (IBAN and BIC,
    validated by python-stdnum, stored compact). Personal data: templates print them through the
    `personnel` filter, and the version for online publication says « [donnée personnelle
    retirée] » instead."""

    titulaire: Texte = Field(
        title="Titulaire du compte",
        description="Le titulaire du compte, tel que l'écrit le RIB.",
        examples=["LIANES COOPERATION"],
    )
    iban: Annotated[str, AfterValidator(_iban_valide)] = Field(
        title="IBAN",
        description="L'IBAN du compte, avec ou sans espaces ; sa clé de contrôle est vérifiée.",
        examples=["FR76 3000 6000 0112 3456 7890 189"],
    )
    bic: Annotated[str, AfterValidator(_bic_valide)] = Field(
        title="BIC", description="Le code BIC de la banque (8 ou 11 caractères).", examples=["AGRIFRPP"]
    )
    domiciliation: Texte | None = Field(
        default=None,
        title="Domiciliation",
        description="L'agence qui tient le compte. Facultatif.",
        examples=["Crédit Agricole Nord de France"],
    )
    article: Annotated[int, Field(ge=1)] | None = Field(
        default=None,
        title="Article",
        description="Le numéro de l'article de la convention qui donne les coordonnées bancaires ; par défaut celui des versements, sinon le dernier.",
        examples=[4],
    )

    @property
    def iban_lisible(self) -> str:
        """The IBAN in groups of four: « FR76 3000 6000 0112 3456 7890 189 »."""
        return str(stdnum_iban.format(self.iban))


class Convention(_Modele):
    titre: Texte = Field(
        default="Convention",
        title="Titre",
        description="Le titre de la convention.",
        examples=["Convention 2025"],
    )
    objet: Texte = Field(
        title="Objet",
        description="L'objet de la convention, qui complète « Convention relative à … ».",
        examples=["soutien au programme d'actions 2025 de l'association"],
    )
    annee: Annotated[int, Field(ge=2000, le=2100)] = Field(
        title="Année", description="L'année de la convention.", examples=[2025]
    )
    visas: list[Visa] = Field(
        default=[],
        title="Visas",
        description="Les « Vu … » de la convention : un texte écrit en entier ou un acte cité.",
    )
    preambule: list[Texte] = Field(
        default=[],
        title="Préambule",
        description="Les paragraphes du préambule, avant les articles.",
        examples=[["Le Département accompagne les associations du territoire."]],
    )
    debut: date = Field(
        title="Début",
        description="Le premier jour de la période de la convention, au format AAAA-MM-JJ.",
        examples=["2025-01-01"],
    )
    fin: date = Field(
        title="Fin",
        description="Le dernier jour de la période de la convention, au format AAAA-MM-JJ.",
        examples=["2025-12-31"],
    )
    date_limite_bilan: date = Field(
        title="Date limite du bilan",
        description="Le jour où le bénéficiaire doit au plus tard remettre son bilan, au format AAAA-MM-JJ.",
        examples=["2026-04-01"],
    )
    articles: list[Article] = Field(
        min_length=1,
        title="Articles",
        description="Les articles de la convention, dans l'ordre, chacun avec son titre.",
    )
    exemplaires: Annotated[int, Field(ge=1)] = Field(
        default=2, title="Exemplaires", description="Le nombre d'exemplaires originaux signés.", examples=[2]
    )
    signataire_collectivite: Signataire = Field(
        title="Signataire pour la collectivité",
        description="Qui signe la convention pour la collectivité, et à quel titre.",
    )
    signataire_beneficiaire: Signataire = Field(
        title="Signataire pour le bénéficiaire",
        description="Qui signe la convention pour le bénéficiaire, et à quel titre.",
    )
    representant_collectivite: Signataire | None = Field(
        default=None,
        title="Représentant de la collectivité",
        description="Qui la phrase des parties nomme pour la collectivité, s'il n'est pas le signataire. Facultatif.",
    )
    autorisation: VisaActe | None = Field(
        default=None,
        title="Délibération d'autorisation",
        description="La délibération qui autorise le représentant de la collectivité à signer (celle de la séance, en général).",
    )
    versements: list[Versement] = Field(
        default=[],
        title="Versements",
        description="L'échéancier : avance, acomptes, solde, chacun en montant ou en pourcentage. Vide : la subvention est versée en une fois.",
    )
    rib: Rib | None = Field(
        default=None,
        title="Coordonnées bancaires",
        description="Le relevé d'identité bancaire du bénéficiaire (titulaire, IBAN, BIC), écrit dans l'article des versements ; retiré de la version publiée en ligne.",
    )

    @model_validator(mode="after")
    def _article_du_rib(self) -> Convention:
        if self.rib is not None and self.rib.article is not None and self.rib.article > len(self.articles):
            raise ValueError(
                f"rib.article : la convention n'a que {len(self.articles)} articles, "
                f"pas d'article {self.rib.article}"
            )
        return self

    @property
    def article_rib(self) -> int | None:
        """The number of the article that gives the bank details: `rib.article`, else the first
        article whose title speaks of « versement » or « paiement », else the last one."""
        if self.rib is None:
            return None
        if self.rib.article is not None:
            return self.rib.article
        for numero, article in enumerate(self.articles, start=1):
            titre = (article.titre or "").casefold()
            if "versement" in titre or "paiement" in titre:
                return numero
        return len(self.articles)


class Imputation(_Modele):
    """One budget line the affaire draws on."""

    code_operation: Texte = Field(
        title="Code de l'opération", description="Le code de l'opération budgétaire.", examples=["C04-048A05"]
    )
    imputation: Texte = Field(
        title="Imputation", description="L'imputation budgétaire : nature//fonction.", examples=["6574//9348"]
    )
    libelle: Texte = Field(
        title="Libellé", description="Le libellé de l'opération.", examples=["Coopération décentralisée"]
    )
    credits_paiement: Montant = Field(
        title="Crédits de paiement",
        description="Les crédits de paiement (CP) inscrits sur l'opération, en euros.",
        examples=["10 000,00 €"],
    )
    disponible: Montant = Field(
        title="Disponible",
        description="Le montant encore disponible sur l'opération avant cette affaire, en euros.",
        examples=["10 000,00 €"],
    )
    proposition: Montant = Field(
        title="Proposition",
        description="Le montant proposé sur cette imputation, en euros ; la subvention est la somme des propositions.",
        examples=["9 380,00 €"],
    )
    autorisation_programme: Montant | None = Field(
        default=None,
        title="Autorisation de programme",
        description="L'autorisation de programme (AP) d'une opération d'investissement pluriannuelle, en euros. Facultatif.",
        examples=["3 000 000,00 €"],
    )

    @property
    def solde(self) -> Decimal:
        return self.disponible - self.proposition


class LigneBudget(_Modele):
    intitule: Texte = Field(
        title="Intitulé", description="L'intitulé de la ligne.", examples=["Frais de déplacement"]
    )
    description: str = Field(
        default="",
        title="Description",
        description="Le détail de la ligne. Facultatif.",
        examples=["Deux missions au Bénin"],
    )
    montant: Montant = Field(
        title="Montant", description="Le montant de la ligne en euros.", examples=["3 000,00 €"]
    )


def arrondi_centimes(montant: Decimal) -> Decimal:
    """An amount rounded half-up to the cent (a cap of 12,5 % of 412 500,04 €…).

    >>> arrondi_centimes(Decimal("61875.005"))
    Decimal('61875.01')
    """
    return montant.quantize(DEUX_DECIMALES, rounding=ROUND_HALF_UP)


def arrondi_pourcentage(part: Decimal, total: Decimal) -> Decimal:
    """part ÷ total as a percentage, rounded half-up to two decimals (0 when total is 0).

    >>> arrondi_pourcentage(Decimal("600"), Decimal("9380"))
    Decimal('6.40')
    """
    if total == 0:
        return Decimal("0.00")
    return (part * CENT / total).quantize(DEUX_DECIMALES, rounding=ROUND_HALF_UP)


class AnnexeDocument(_Modele):
    """An annex written elsewhere (a bilan d'activités, a proposal), joined as it is."""

    type: Literal["document"] = Field(
        default="document",
        title="Type",
        description="document : une pièce rédigée ailleurs, jointe telle quelle.",
        examples=["document"],
    )
    titre: Texte = Field(
        title="Titre",
        description="Le titre de l'annexe, tel que les actes le citent.",
        examples=["Bilan d'activités 2024"],
    )
    fichier: str | None = Field(
        default=None,
        title="Fichier",
        description="Le PDF de la pièce, chemin relatif au dossier : il est joint au PDF de transmission. Facultatif.",
        examples=["annexes/bilan-2024.pdf"],
    )
    typologie: Typologie = Field(
        default="99_AU",
        title="Typologie ACTES",
        description="Le code de la pièce dans la typologie ACTES, pour la télétransmission (99_AU : autre pièce).",
        examples=["99_AU"],
    )


class AnnexeConvention(_Modele):
    """The place of the convention among the annexes."""

    type: Literal["convention"] = Field(
        default="convention",
        title="Type",
        description="convention : la place de la convention parmi les annexes.",
        examples=["convention"],
    )
    titre: Texte = Field(
        default="Projet de convention",
        title="Titre",
        description="Le titre de l'annexe.",
        examples=["Projet de convention"],
    )
    typologie: Typologie = Field(
        default="99_AU",
        title="Typologie ACTES",
        description="Le code de la pièce dans la typologie ACTES, pour la télétransmission (99_AU : autre pièce).",
        examples=["99_AU"],
    )


class AnnexeBudget(_Modele):
    """A budget annex: lines whose total and percentages are computed."""

    type: Literal["budget"] = Field(
        default="budget",
        title="Type",
        description="budget : une annexe budgétaire dont le total et les pourcentages sont calculés.",
        examples=["budget"],
    )
    titre: Texte = Field(
        title="Titre",
        description="Le titre de l'annexe budgétaire.",
        examples=["Budget de la proposition d'accompagnement"],
    )
    note: str = Field(
        default="",
        title="Note",
        description="Une note imprimée sous le tableau. Facultatif.",
        examples=["Montants en euros TTC."],
    )
    typologie: Typologie = Field(
        default="99_AU",
        title="Typologie ACTES",
        description="Le code de la pièce dans la typologie ACTES, pour la télétransmission (99_AU : autre pièce).",
        examples=["99_AU"],
    )
    lignes: list[LigneBudget] = Field(
        min_length=1,
        title="Lignes",
        description="Les lignes du budget, chacune avec son intitulé et son montant.",
    )

    @property
    def total(self) -> Decimal:
        return sum((ligne.montant for ligne in self.lignes), Decimal("0"))

    @property
    def pourcentages(self) -> list[Decimal]:
        total = self.total
        return [arrondi_pourcentage(ligne.montant, total) for ligne in self.lignes]


def _genre_annexe(valeur: Any) -> str | None:
    genre = valeur.get("type") if isinstance(valeur, dict) else getattr(valeur, "type", None)
    return f"~{genre}" if genre in ("document", "convention", "budget") else None


Annexe = Annotated[
    Annotated[AnnexeDocument, Tag("~document")]
    | Annotated[AnnexeConvention, Tag("~convention")]
    | Annotated[AnnexeBudget, Tag("~budget")],
    Discriminator(
        _genre_annexe,
        custom_error_type="annexe_type",
        custom_error_message="type d'annexe attendu : document, convention ou budget",
    ),
]
"""An annex, by its `type`: document, convention or budget."""


class Ressource(_Modele):
    """A resource of a plan de financement: who funds, how much, and whether it is the
    collectivité's own subsidy (`departement: true`)."""

    financeur: Texte = Field(
        title="Financeur",
        description="Qui finance : l'État, une collectivité, le bénéficiaire lui-même, un mécène.",
        examples=["Région Hauts-de-France"],
    )
    montant: Montant = Field(
        title="Montant", description="Le montant apporté, en euros.", examples=["55 000,00 €"]
    )
    departement: bool = Field(
        default=False,
        title="Ligne du Département",
        description="true pour la ligne de la subvention de la collectivité elle-même.",
        examples=[False],
    )
    statut: Literal["acquis", "sollicité", "en cours"] | None = Field(
        default=None,
        title="Statut",
        description="Où en est ce financement : acquis, sollicité ou en cours.",
        examples=["acquis"],
    )


class Plafond(_Modele):
    """The cap the dispositif puts on the subsidy: « dans la limite de 12,5 % et d'un million
    d'euros » is `taux: 12.5`, `montant: 1000000`."""

    taux: Annotated[Decimal, Field(gt=0, le=100, decimal_places=2)] | None = Field(
        default=None,
        title="Taux",
        description="Le taux maximal de l'aide, en % du coût (« dans la limite de 20 % »).",
        examples=[20],
    )
    montant: Montant | None = Field(
        default=None,
        title="Montant",
        description="Le montant maximal de l'aide, en euros (« et d'un million d'euros »).",
        examples=["150 000,00 €"],
    )
    base: Literal["ht", "ttc", "depenses"] = Field(
        default="ht",
        title="Base",
        description="Le coût auquel le taux s'applique : ht (par défaut), ttc ou depenses (le total des dépenses).",
        examples=["ht"],
    )


class Financement(_Modele):
    """The plan de financement of the action: its expenses, its resources by financeur (the
    subsidy being one of them), its total cost HT/TTC, and the cap the subsidy must respect."""

    depenses: list[LigneBudget] = Field(
        min_length=1, title="Dépenses", description="Les dépenses prévues, ligne par ligne."
    )
    ressources: list[Ressource] = Field(
        min_length=1,
        title="Ressources",
        description="Les ressources par financeur, dont la ligne de la collectivité (« departement: true »).",
    )
    cout_total_ht: Montant | None = Field(
        default=None,
        title="Coût total HT",
        description="Le coût total hors taxes de l'action, en euros. Facultatif.",
        examples=["310 000,00 €"],
    )
    cout_total_ttc: Montant | None = Field(
        default=None,
        title="Coût total TTC",
        description="Le coût total toutes taxes comprises de l'action, en euros. Facultatif.",
        examples=["372 000,00 €"],
    )
    plafond: Plafond | None = Field(
        default=None,
        title="Plafond",
        description="Le plafond que le dispositif met à l'aide : un taux, un montant, ou les deux.",
    )

    @property
    def total_depenses(self) -> Decimal:
        return sum((ligne.montant for ligne in self.depenses), Decimal("0"))

    @property
    def total_ressources(self) -> Decimal:
        return sum((r.montant for r in self.ressources), Decimal("0"))

    @property
    def pourcentages_ressources(self) -> list[Decimal]:
        total = self.total_ressources
        return [arrondi_pourcentage(r.montant, total) for r in self.ressources]

    def base_plafond(self) -> Decimal:
        """The cost the cap's rate applies to."""
        if self.plafond is not None and self.plafond.base == "ttc" and self.cout_total_ttc is not None:
            return self.cout_total_ttc
        if self.plafond is not None and self.plafond.base == "ht" and self.cout_total_ht is not None:
            return self.cout_total_ht
        return self.total_depenses


class MontantCite(_Modele):
    """A figure the acts cite for a stated reason and that has no field of its own (a unit price,
    a threshold quoted in a visa): `objet` says what it is."""

    montant: Montant = Field(
        title="Montant", description="Le chiffre cité, en euros.", examples=["23 000,00 €"]
    )
    objet: Texte = Field(
        title="Objet",
        description="Ce qu'est ce chiffre, et pourquoi les actes le citent.",
        examples=["seuil annuel au-delà duquel une convention est obligatoire"],
    )


class Affaire(_Modele):
    """One affaire on the séance's agenda: its rapport, délibération, convention and annexes."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")] = Field(
        title="Identifiant",
        description="Un identifiant court de l'affaire, unique dans le dossier : minuscules, chiffres et tirets ; il commence le nom des fichiers produits.",
        examples=["lianes-2025"],
    )
    titre: Texte = Field(
        title="Titre",
        description="Le titre de l'affaire, repris par le rapport et la délibération.",
        examples=["Soutien à l'association Lianes coopération"],
    )
    beneficiaire: Beneficiaire = Field(title="Bénéficiaire", description="Qui reçoit la subvention.")
    imputations: list[Imputation] = Field(
        min_length=1,
        title="Imputations",
        description="Les lignes budgétaires sur lesquelles la subvention est prise ; son montant est la somme des propositions.",
    )
    rapport: Rapport = Field(title="Rapport", description="Le rapport présenté à l'instance.")
    deliberation: Deliberation = Field(
        title="Délibération", description="La délibération que l'instance vote."
    )
    convention: Convention | None = Field(
        default=None,
        title="Convention",
        description="La convention de subvention signée avec le bénéficiaire. Facultative (obligatoire au-delà de 23 000 €).",
    )
    annexes: list[Annexe] = Field(
        default=[],
        title="Annexes",
        description="Les annexes de la délibération, dans l'ordre de leur numéro : document, convention ou budget (« type »).",
    )
    financement: Financement | None = Field(
        default=None,
        title="Plan de financement",
        description="Le plan de financement de l'action : dépenses, ressources, coût total, plafond. Facultatif.",
    )
    montants_cites: list[MontantCite] = Field(
        default=[],
        title="Montants cités",
        description="Les chiffres que les textes citent et qui n'ont pas de champ (un seuil, un prix unitaire), avec ce qu'ils sont.",
    )

    @property
    def montant(self) -> Decimal:
        """The amount granted: the sum of the propositions."""
        return sum((i.proposition for i in self.imputations), Decimal("0"))

    def numero_annexe(self, type_annexe: str) -> int | None:
        """1-based number of the first annex of that type (« convention », « budget »…)."""
        for numero, annexe in enumerate(self.annexes, start=1):
            if annexe.type == type_annexe:
                return numero
        return None

    @property
    def annexe_budget(self) -> AnnexeBudget | None:
        for annexe in self.annexes:
            if isinstance(annexe, AnnexeBudget):
                return annexe
        return None


class RegleIgnoree(_Modele):
    """A rule of the checker this dossier does not want applied, and why (the reason is required:
    an ignored rule is reported in the summary with it, never silently dropped)."""

    code: str = Field(
        pattern=r"^[A-Z]\d{0,3}$",
        title="Code",
        description="Le code de la règle écartée (« I005 ») ou un début de code (« A1 »).",
        examples=["I005"],
    )
    motif: str = Field(
        min_length=3,
        title="Motif",
        description="Pourquoi la règle est écartée : il est rappelé dans le résumé de la vérification.",
        examples=["numéro interne du parapheur"],
    )


class Regles(_Modele):
    """The dossier's choices about the checker's rules."""

    ignorer: list[RegleIgnoree] = Field(
        default_factory=list,
        title="Règles écartées",
        description="Les règles du vérificateur que ce dossier écarte, chacune avec son motif.",
    )


class Transmission(_Modele):
    """The dossier's settings for the télétransmission to the préfecture (ACTES): the version date
    of the classification des matières the préfecture gave, and whether paper documents follow."""

    classification_date: Jour | None = Field(
        default=None,
        title="Date de la classification",
        description="La date de version de la classification des matières que donne la préfecture, au format AAAA-MM-JJ. Obligatoire pour la télétransmission.",
        examples=["2004-04-01"],
    )
    document_papier: bool = Field(
        default=False,
        title="Document papier",
        description="Vrai si des pièces papier suivent la télétransmission.",
        examples=[False],
    )


class Dossier(_Modele):
    """A séance's dossier: the collectivité, the séance and the affaires on its agenda."""

    collectivite: Collectivite = Field(
        title="Collectivité",
        description="La collectivité qui délibère : ses champs, ou le nom d'un fichier YAML voisin qui les contient (« collectivite.yaml »), repris d'une séance à l'autre.",
    )
    seance: Seance = Field(
        title="Séance",
        description="La séance : date, lieu, présidence, membres présents, excusés et pouvoirs.",
    )
    affaires: list[Affaire] = Field(
        min_length=1,
        title="Affaires",
        description="Les affaires à l'ordre du jour de la séance, une par subvention.",
    )
    regles: Regles = Field(
        default_factory=Regles,
        title="Règles",
        description="Les choix du dossier sur les règles du vérificateur.",
    )
    transmission: Transmission = Field(
        default_factory=Transmission,
        title="Télétransmission",
        description="Ce que la télétransmission à la préfecture dit de tout le dossier : la date de version de la classification des matières, l'envoi d'un document papier.",
    )

    @model_validator(mode="after")
    def _identifiants_uniques(self) -> Dossier:
        vus: set[str] = set()
        for affaire in self.affaires:
            if affaire.id in vus:
                raise ValueError(f"deux affaires portent l'identifiant « {affaire.id} »")
            vus.add(affaire.id)
        return self

    def affaire(self, identifiant: str) -> Affaire:
        for affaire in self.affaires:
            if affaire.id == identifiant:
                return affaire
        raise KeyError(identifiant)
