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

    civilite: Literal["M.", "Mme"]
    prenom: Texte
    nom: Texte

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

    personne: Personne
    qualite: Texte


class Adresse(_Modele):
    lignes: list[Texte] = Field(min_length=1)

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

    nom: Texte  # « Département du Pas-de-Calais »
    designation: Texte = "le Département"  # how the acts call it once named
    code_departement: Annotated[str, Field(pattern=r"^\d{3}$|^\d{2}[AB]$")]  # « 062 » in ACTES
    siret: Siret
    siege: Adresse
    president: Personne
    qualite_president: Texte = "Président du Conseil départemental"
    directeur_general: Signataire
    ville: Texte  # where acts are signed: « Arras »
    tribunal_administratif: Texte  # « Lille »

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

    nom: Texte
    forme_juridique: FormeJuridique = FormeJuridique.ASSOCIATION
    siret: Siret
    rna: Annotated[str, Field(pattern=r"^W\d{9}$")] | None = None
    siege: Adresse
    representant: Signataire

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

    mandant: Personne
    mandataire: Personne


class Seance(_Modele):
    instance: Instance = Instance.COMMISSION_PERMANENTE
    date: date
    lieu: Texte
    president: Personne
    secretaire: Personne
    membres_en_exercice: Annotated[int, Field(gt=0)]
    presents: list[Personne] = Field(min_length=1)
    excuses: list[Personne] = []
    pouvoirs: list[Pouvoir] = []
    sans_voix_presents: list[Personne] = []
    sans_voix_excuses: list[Personne] = []

    @property
    def representes(self) -> list[Personne]:
        return [p.mandant for p in self.pouvoirs]


# --- references to acts -----------------------------------------------------------------------


class VisaTexte(_Modele):
    """A visa written out: « Vu le Code Général des Collectivités Territoriales … »."""

    texte: Texte


class VisaActe(_Modele):
    """A visa citing a prior act: instance, number (when the document gives one), date, title."""

    nature: Texte = "délibération"
    instance: Instance
    numero: Annotated[str, Field(pattern=r"^\d{4}-\d{1,4}$")] | None = None
    date: date
    titre: Texte
    portant: Texte | None = None  # « portant adoption du Pacte … » instead of a quoted title alone

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

    numero: Annotated[int, Field(gt=0)]
    nom: Texte
    date: date
    avis: Literal["favorable", "défavorable", "réservé"] = "favorable"


class Rapport(_Modele):
    numero: Annotated[int, Field(gt=0)]
    pole: Texte
    mission: Texte
    territoires: Texte = "Tous les territoires"
    expose: list[Texte] = Field(min_length=1)
    propositions: list[Texte] = Field(min_length=1)
    avis: Avis
    rapporteur: Personne | None = None  # the member who presents the rapport to the séance


class Vote(_Modele):
    """The vote on a délibération. Decisions are taken by a majority of the votes cast (pour and
    contre); on a tie, the président's vote decides (CGCT, the Conseil départemental's voting rule —
    article L3121-15, number to be confirmed — applied to the Commission Permanente): `voix_preponderante` says which way he voted."""

    pour: Annotated[int, Field(ge=0)]
    contre: Annotated[int, Field(ge=0)] = 0
    abstention: Annotated[int, Field(ge=0)] = 0
    ne_prend_pas_part: Annotated[int, Field(ge=0)] = 0
    groupes_pour: list[Texte] = []
    groupes_contre: list[Texte] = []
    groupes_abstention: list[Texte] = []
    abstentionnistes: list[Personne] = []  # members who abstain, when the act names them
    voix_preponderante: Literal["pour", "contre"] | None = None

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

    titre: Texte | None = None
    paragraphes: list[Texte] = Field(min_length=1)
    tableau_imputation: bool = False  # the délibération article followed by the imputation table


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

    matiere: Annotated[str, AfterValidator(_matiere)] | None = None
    typologie: Typologie = "99_DE"
    numero_interne: Annotated[str, AfterValidator(_numero_interne)] | None = None

    @field_validator("matiere", mode="before")
    @classmethod
    def _matiere_texte(cls, valeur: Any) -> Any:
        """« 7.5 » or « 7.10 » read from YAML as a number (a Decimal, digits kept) is taken as written."""
        return str(valeur) if isinstance(valeur, int | Decimal) and not isinstance(valeur, bool) else valeur


class Acquittement(_Modele):
    """What the préfecture's accusé de réception gives once the act is transmitted (ACTES)."""

    identifiant: Annotated[str, Field(pattern=_ACTES_ID.pattern)]
    date_transmission: date
    date_reception: date
    date_publication: date

    @property
    def identifiant_accuse(self) -> str:
        """The identifier as the accusé de réception stamps it on the act: the ACTES identifier and
        the « -1-1 » the préfecture's application adds (version and document number)."""
        return f"{self.identifiant}-1-1"

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

    sortis: list[Personne] = []
    arrives: list[Personne] = []
    pouvoirs: list[Pouvoir] = []


class Deliberation(_Modele):
    numero: Annotated[str, Field(pattern=r"^\d{4}-\d{1,4}$")]
    visas: list[Visa] = Field(min_length=1)
    articles: list[Article] = Field(min_length=1)
    etat: Literal["projet", "adopte"] = "adopte"  # a projet is prepared before the séance: no vote yet
    vote: Vote | None = None
    ne_prennent_pas_part: list[Personne] = []  # « M. X ne prend pas part au vote » (conflict of interest)
    presence: Presence = Field(default_factory=Presence)
    signataire: Signataire | None = None  # « Pour le Président …, La Directrice générale … »
    acquittement: Acquittement | None = None
    actes: ActesDeliberation = Field(default_factory=ActesDeliberation)

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

    libelle: Texte  # « avance », « acompte », « solde »
    montant: Montant | None = None
    pourcentage: Annotated[Decimal, Field(gt=0, le=100, decimal_places=2)] | None = None
    condition: Texte | None = None  # « à la signature de la convention », « sur production du bilan »
    echeance: date | None = None  # when it is due, if the convention gives a date

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

    titulaire: Texte
    iban: Annotated[str, AfterValidator(_iban_valide)]
    bic: Annotated[str, AfterValidator(_bic_valide)]
    domiciliation: Texte | None = None  # the bank branch
    article: Annotated[int, Field(ge=1)] | None = None  # the article that gives them (1-based)

    @property
    def iban_lisible(self) -> str:
        """The IBAN in groups of four: « FR76 3000 6000 0112 3456 7890 189 »."""
        return str(stdnum_iban.format(self.iban))


class Convention(_Modele):
    titre: Texte = "Convention"
    objet: Texte
    annee: Annotated[int, Field(ge=2000, le=2100)]
    visas: list[Visa] = []
    preambule: list[Texte] = []
    debut: date
    fin: date
    date_limite_bilan: date
    articles: list[Article] = Field(min_length=1)
    exemplaires: Annotated[int, Field(ge=1)] = 2
    signataire_collectivite: Signataire
    signataire_beneficiaire: Signataire
    representant_collectivite: Signataire | None = (
        None  # who the parties sentence names, if not the signatory
    )
    autorisation: VisaActe | None = None  # the délibération that authorises the collectivité's representative
    versements: list[Versement] = []  # the payment schedule; empty: paid at once
    rib: Rib | None = None  # the beneficiary's bank details, written in the payment article

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

    code_operation: Texte
    imputation: Texte
    libelle: Texte
    credits_paiement: Montant
    disponible: Montant
    proposition: Montant
    autorisation_programme: Montant | None = None  # AP of an investment opération (multi-year)

    @property
    def solde(self) -> Decimal:
        return self.disponible - self.proposition


class LigneBudget(_Modele):
    intitule: Texte
    description: str = ""
    montant: Montant


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

    type: Literal["document"] = "document"
    titre: Texte
    fichier: str | None = None
    typologie: Typologie = "99_AU"  # ACTES typologie des pièces


class AnnexeConvention(_Modele):
    """The place of the convention among the annexes."""

    type: Literal["convention"] = "convention"
    titre: Texte = "Projet de convention"
    typologie: Typologie = "99_AU"  # ACTES typologie des pièces


class AnnexeBudget(_Modele):
    """A budget annex: lines whose total and percentages are computed."""

    type: Literal["budget"] = "budget"
    titre: Texte
    note: str = ""
    typologie: Typologie = "99_AU"  # ACTES typologie des pièces
    lignes: list[LigneBudget] = Field(min_length=1)

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

    financeur: Texte
    montant: Montant
    departement: bool = False
    statut: Literal["acquis", "sollicité", "en cours"] | None = None


class Plafond(_Modele):
    """The cap the dispositif puts on the subsidy: « dans la limite de 12,5 % et d'un million
    d'euros » is `taux: 12.5`, `montant: 1000000`."""

    taux: Annotated[Decimal, Field(gt=0, le=100, decimal_places=2)] | None = None
    montant: Montant | None = None
    base: Literal["ht", "ttc", "depenses"] = "ht"


class Financement(_Modele):
    """The plan de financement of the action: its expenses, its resources by financeur (the
    subsidy being one of them), its total cost HT/TTC, and the cap the subsidy must respect."""

    depenses: list[LigneBudget] = Field(min_length=1)
    ressources: list[Ressource] = Field(min_length=1)
    cout_total_ht: Montant | None = None
    cout_total_ttc: Montant | None = None
    plafond: Plafond | None = None

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

    montant: Montant
    objet: Texte


class Affaire(_Modele):
    """One affaire on the séance's agenda: its rapport, délibération, convention and annexes."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    titre: Texte
    beneficiaire: Beneficiaire
    imputations: list[Imputation] = Field(min_length=1)
    rapport: Rapport
    deliberation: Deliberation
    convention: Convention | None = None
    annexes: list[Annexe] = []
    financement: Financement | None = None
    montants_cites: list[MontantCite] = []

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

    code: str = Field(pattern=r"^[A-Z]\d{0,3}$")
    motif: str = Field(min_length=3)


class Regles(_Modele):
    """The dossier's choices about the checker's rules."""

    ignorer: list[RegleIgnoree] = Field(default_factory=list)


class Transmission(_Modele):
    """The dossier's settings for the télétransmission to the préfecture (ACTES): the version date
    of the classification des matières the préfecture gave, and whether paper documents follow."""

    classification_date: date | None = None
    document_papier: bool = False


class Dossier(_Modele):
    """A séance's dossier: the collectivité, the séance and the affaires on its agenda."""

    collectivite: Collectivite
    seance: Seance
    affaires: list[Affaire] = Field(min_length=1)
    regles: Regles = Field(default_factory=Regles)
    transmission: Transmission = Field(default_factory=Transmission)

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
