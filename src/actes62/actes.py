"""ACTES: what the télétransmission of an act to the préfecture (the @ctes exchange norm) needs.

The one place that knows the ACTES identifier (« 062-226200012-20250915-LMC1526130-DE »: département,
SIREN, date of the decision, numéro interne, nature; the accusé de réception adds « -1-1 »), the
numéro interne rules (the @ctes schema's pattern and the stricter subset the tiers de
télétransmission accept, dated in `data/reference.yaml` for rule I005), the natures of acts, the
typologie des pièces, the classification des matières (`data/actes.yaml`, sourced) and the
transmission message `actes:Acte` (namespace `NAMESPACE`), validated against the element list in
`data/actes_acte.xsd`.

It does not import the model at run time (the model uses its patterns): functions that read a
dossier take it as an argument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from lxml import etree
from stdnum.fr import siren as stdnum_siren

if TYPE_CHECKING:
    from actes62.model import Affaire, Dossier

__all__ = [
    "MOTIF_IDENTIFIANT",
    "MOTIF_MATIERE",
    "MOTIF_NUMERO_INTERNE_ACTES",
    "MOTIF_TYPOLOGIE",
    "NAMESPACE",
    "IdentifiantActes",
    "Message",
    "ReferentielActes",
    "erreurs_identifiant",
    "erreurs_matiere",
    "erreurs_numero_interne",
    "erreurs_transmission",
    "identifiant_de",
    "identifiants_dans",
    "identifiants_pdf",
    "lire_identifiant",
    "message_de",
    "numero_interne_de",
    "referentiel",
    "reperer_identifiants",
    "valider_message",
]

NAMESPACE = "http://www.interieur.gouv.fr/ACTES#v1.1-20040216"

NATURES_ABREGEES = ("DE", "AR", "AI", "CC", "BF", "AU")

_PARTIES = (
    r"(?P<departement>\d{3}|\d{2}[AB])-(?P<siren>\d{9})-(?P<date>\d{8})-"
    r"(?P<numero_interne>[A-Za-z0-9_]{1,15})-(?P<nature>" + "|".join(NATURES_ABREGEES) + ")"
)
MOTIF_IDENTIFIANT = f"^{_PARTIES}$"
"""An ACTES identifier: département-SIREN-AAAAMMJJ-numéro interne-nature (no « -1-1 »)."""

SUFFIXE_ACCUSE = "-1-1"
"""What the accusé de réception adds to the identifier: the transmission of the act (1), its first
message (1)."""

_IDENTIFIANT = re.compile(rf"^{_PARTIES}(?:-(?P<transaction>\d)-(?P<serie>\d{{1,3}}))?$")
_DANS_TEXTE = re.compile(
    rf"(?<![\w-]){_PARTIES}(?:-(?P<transaction>\d)-(?P<serie>\d{{1,3}}))?(?![A-Za-z0-9_])"
)

MOTIF_NUMERO_INTERNE_ACTES = r"^([a-zA-Z0-9][a-zA-Z0-9\-_ ]{0,13})?[a-zA-Z0-9]$"
"""The numéro interne the @ctes schema allows (as S²LOW quotes it): letters, digits, « - », « _ »
and space inside, 15 characters at most. The tiers accept less: see `erreurs_numero_interne`."""

MOTIF_MATIERE = r"^[1-9]\d?(\.[1-9]\d?){0,4}$"
"""A code of the classification des matières: 1 to 5 levels, « 7.5 », « 7.5.2 »."""

MOTIF_TYPOLOGIE = r"^\d{2}_[A-Z]{2}$"
"""A code of the typologie des pièces: « 99_DE », « 99_AU »."""

OBJET_MAX = 499


# --- the reference table -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReferentielActes:
    """`data/actes.yaml`: natures (abbreviation → numeric code, label), typologies, the national
    levels of the classification des matières, and the sources of each."""

    natures: dict[str, tuple[int, str]]
    typologies: dict[str, str]
    matieres: dict[str, str]
    classification_date: date
    sources: dict[str, str]

    def libelle_matiere(self, code: str) -> str | None:
        """The label of the deepest national level of `code` (« 7.5.2 » → « Subventions »)."""
        niveaux = code.split(".")
        for n in (2, 1):
            libelle = self.matieres.get(".".join(niveaux[:n]))
            if libelle is not None:
                return libelle
        return None


@cache
def referentiel() -> ReferentielActes:
    """The ACTES reference table shipped with the package (read once)."""
    texte = resources.files("actes62").joinpath("data", "actes.yaml").read_text(encoding="utf-8")
    donnees = yaml.safe_load(texte)
    return ReferentielActes(
        natures={n["abrege"]: (int(n["code"]), str(n["libelle"])) for n in donnees["natures"]},
        typologies={str(k): str(v) for k, v in donnees["typologies"].items()},
        matieres={str(k): str(v) for k, v in donnees["matieres"].items()},
        classification_date=donnees["classification_date"],
        sources={str(k): " ".join(str(v).split()) for k, v in donnees["sources"].items()},
    )


# --- the identifier ----------------------------------------------------------------------------


@dataclass(frozen=True)
class IdentifiantActes:
    """An ACTES identifier, in its parts."""

    departement: str
    siren: str
    date: date
    numero_interne: str
    nature: str = "DE"

    def __str__(self) -> str:
        return f"{self.departement}-{self.siren}-{self.date:%Y%m%d}-{self.numero_interne}-{self.nature}"

    @property
    def accuse(self) -> str:
        """As the accusé de réception stamps it: the transmission of an act (1), first message (1)."""
        return f"{self}{SUFFIXE_ACCUSE}"

    def nom_fichier(self, rang: int, extension: str, typologie: str | None = None) -> str:
        """The name a tiers gives the files of a transmission (S²LOW's standard name): the message
        is `…-1-1_0.xml`, the pieces `99_DE-…-1-1_1.pdf`, `99_AU-…-1-1_2.pdf`…"""
        prefixe = f"{typologie}-" if typologie else ""
        return f"{prefixe}{self.accuse}_{rang}.{extension}"


def _depuis(correspondance: re.Match[str]) -> IdentifiantActes:
    texte = correspondance["date"]
    try:
        jour = date(int(texte[:4]), int(texte[4:6]), int(texte[6:]))
    except ValueError:
        raise ValueError(
            f"identifiant ACTES « {correspondance[0]} » : la date « {texte} » n'existe pas "
            "(AAAAMMJJ attendu, ex. 20250915)"
        ) from None
    return IdentifiantActes(
        correspondance["departement"],
        correspondance["siren"],
        jour,
        correspondance["numero_interne"],
        correspondance["nature"],
    )


def lire_identifiant(texte: str) -> IdentifiantActes:
    """The identifier written in `texte` (alone, with or without the accusé's « -1-1 »); ValueError
    in French when it is not one."""
    propre = texte.strip()
    correspondance = _IDENTIFIANT.match(propre)
    if correspondance is None:
        raise ValueError(
            f"« {propre} » n'est pas un identifiant ACTES : département (3 caractères), SIREN "
            "(9 chiffres), date AAAAMMJJ, numéro interne (15 lettres, chiffres ou « _ » au plus) et "
            "nature (DE, AR, AI, CC, BF, AU) séparés par « - » sont attendus, "
            "ex. 062-226200012-20250915-2025_344-DE"
        )
    return _depuis(correspondance)


def reperer_identifiants(texte: str) -> list[tuple[int, int, str]]:
    """(start, end, identifier) of each ACTES identifier written in `texte`, the « -1-1 » the
    accusé adds left out of the span and of the value."""
    return [
        (m.start(), m.end("nature"), m[0][: m.end("nature") - m.start()]) for m in _DANS_TEXTE.finditer(texte)
    ]


def identifiants_dans(texte: str) -> list[IdentifiantActes]:
    """The identifiers written in `texte` (a stamp « ID : 062-…-DE-1-1 »), in order, those with an
    impossible date left out."""
    trouves = []
    for correspondance in _DANS_TEXTE.finditer(texte):
        try:
            trouves.append(_depuis(correspondance))
        except ValueError:
            continue
    return trouves


def identifiants_pdf(chemin: Path) -> list[IdentifiantActes]:
    """The identifiers a PDF (or DOCX) shows, its stamp included, in order and once each."""
    from actes62.read import read_document

    document = read_document(Path(chemin))
    vus: dict[str, IdentifiantActes] = {}
    for piece in document.pieces:
        colle = "".join(piece.text.split())  # an identifier cut over two lines by the extraction
        for identifiant in (*identifiants_dans(piece.text), *identifiants_dans(colle)):
            vus.setdefault(str(identifiant), identifiant)
    return list(vus.values())


def numero_interne_de(affaire: Affaire) -> str:
    """The numéro interne of the affaire's délibération: the dossier's (`deliberation.actes.
    numero_interne`), else the accusé de réception's, else the délibération's number with « _ »
    for « - » (« 2025-344 » → « 2025_344 », in every tiers' subset)."""
    deliberation = affaire.deliberation
    if deliberation.actes.numero_interne:
        return deliberation.actes.numero_interne
    if deliberation.acquittement is not None:
        return deliberation.acquittement.partie("numero_interne")
    return deliberation.numero.replace("-", "_")


def identifiant_de(dossier: Dossier, affaire: Affaire) -> IdentifiantActes:
    """The ACTES identifier of the affaire's délibération, built from the dossier."""
    collectivite = dossier.collectivite
    return IdentifiantActes(
        collectivite.code_departement,
        collectivite.siren,
        dossier.seance.date,
        numero_interne_de(affaire),
        "DE",
    )


def erreurs_numero_interne(numero: str, jour: date) -> list[str]:
    """What is wrong with a numéro interne: outside the @ctes pattern, or outside the subset the
    tiers accept (the motif in force on `jour`, the one rule I005 warns about)."""
    from actes62.checks.reference import reference

    if not re.fullmatch(MOTIF_NUMERO_INTERNE_ACTES, numero):
        return [
            f"le numéro interne « {numero} » n'est pas admis par le schéma ACTES : 1 à 15 lettres, "
            "chiffres, « - », « _ » ou espaces, commençant et finissant par une lettre ou un chiffre"
        ]
    periode = reference().motif_numero_interne(jour)
    if periode is not None and not re.fullmatch(periode.valeur, numero):
        return [
            f"le numéro interne « {numero} » sort du sous-ensemble que les tiers de télétransmission "
            "acceptent : 2 à 15 majuscules, chiffres ou « _ », sans « _ » au début ni à la fin "
            "(ex. « 2025_344 », « LMC1526130 »)"
        ]
    return []


def erreurs_identifiant(identifiant: IdentifiantActes, dossier: Dossier) -> list[str]:
    """Everything wrong with `identifiant` as the identifier of a délibération of `dossier`, in
    French: SIREN checksum and owner, département, date = séance, nature, numéro interne."""
    collectivite = dossier.collectivite
    erreurs = []
    if not stdnum_siren.is_valid(identifiant.siren):
        erreurs.append(
            f"le SIREN « {identifiant.siren} » de l'identifiant ACTES est invalide : 9 chiffres et une "
            "clé de contrôle (Luhn) juste sont attendus"
        )
    elif identifiant.siren != collectivite.siren:
        erreurs.append(
            f"l'identifiant ACTES porte le SIREN {identifiant.siren}, celui de la collectivité est "
            f"{collectivite.siren}"
        )
    if identifiant.departement != collectivite.code_departement:
        erreurs.append(
            f"l'identifiant ACTES porte le département {identifiant.departement}, celui de la "
            f"collectivité est {collectivite.code_departement}"
        )
    if identifiant.date != dossier.seance.date:
        erreurs.append(
            f"l'identifiant ACTES porte la date {identifiant.date:%d/%m/%Y}, la séance est du "
            f"{dossier.seance.date:%d/%m/%Y}"
        )
    natures = referentiel().natures
    if identifiant.nature not in natures:
        erreurs.append(
            f"la nature « {identifiant.nature} » de l'identifiant ACTES est inconnue "
            f"(attendues : {', '.join(natures)})"
        )
    elif identifiant.nature != "DE":
        erreurs.append(
            f"l'identifiant ACTES d'une délibération porte la nature « DE », pas « {identifiant.nature} » "
            f"({natures[identifiant.nature][1]})"
        )
    erreurs += erreurs_numero_interne(identifiant.numero_interne, dossier.seance.date)
    return erreurs


def erreurs_matiere(code: str) -> list[str]:
    """What is wrong with a code of the classification des matières: its form, or national levels
    (1 and 2) absent from the reference table."""
    if not re.fullmatch(MOTIF_MATIERE, code):
        return [
            f"code matière « {code} » invalide : 1 à 5 niveaux de nombres séparés par des points "
            "sont attendus (ex. 7.5 pour « Subventions »)"
        ]
    matieres = referentiel().matieres
    niveaux = code.split(".")
    for n in range(1, min(len(niveaux), 2) + 1):
        prefixe = ".".join(niveaux[:n])
        if prefixe not in matieres:
            connus = ", ".join(
                k for k in matieres if k.count(".") == n - 1 and k.startswith(".".join(niveaux[: n - 1]))
            )
            return [
                f"code matière « {code} » : « {prefixe} » n'est pas dans la classification des "
                f"matières (connus à ce niveau : {connus})"
            ]
    return []


# --- the transmission message ------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """The metadata of one act's transmission: what the XML message `actes:Acte` and the JSON say."""

    identifiant: IdentifiantActes
    code_nature: int
    matiere: str
    libelle_matiere: str | None
    objet: str
    classification_date: date
    typologie: str
    document: str
    annexes: tuple[tuple[str, str, str], ...]  # (file name, typologie, title)
    document_papier: bool = False

    def json(self) -> dict[str, Any]:
        """The metadata as JSON-ready data, keys stable."""
        return {
            "identifiant": str(self.identifiant),
            "identifiant_accuse": self.identifiant.accuse,
            "departement": self.identifiant.departement,
            "siren": self.identifiant.siren,
            "date": self.identifiant.date.isoformat(),
            "numero_interne": self.identifiant.numero_interne,
            "nature": self.identifiant.nature,
            "code_nature": self.code_nature,
            "classification": {
                "code": self.matiere,
                "niveaux": [int(n) for n in self.matiere.split(".")],
                "libelle": self.libelle_matiere,
                "date_version": self.classification_date.isoformat(),
            },
            "objet": self.objet,
            "document": {"fichier": self.document, "typologie": self.typologie},
            "annexes": [
                {"rang": rang, "fichier": nom, "typologie": typologie, "titre": titre}
                for rang, (nom, typologie, titre) in enumerate(self.annexes, start=1)
            ],
            "document_papier": self.document_papier,
            "message": self.identifiant.nom_fichier(0, "xml"),
        }

    def xml(self) -> bytes:
        """The ACTES message `actes:Acte`, in ISO-8859-1 as the exchange norm asks (characters
        outside it written as character references)."""
        a = f"{{{NAMESPACE}}}"
        xsi = "http://www.w3.org/2001/XMLSchema-instance"
        racine = etree.Element(f"{a}Acte", nsmap={"actes": NAMESPACE, "xsi": xsi})
        racine.set(f"{{{xsi}}}schemaLocation", f"{NAMESPACE} actesv1_1.xsd")
        racine.set(f"{a}Date", self.identifiant.date.isoformat())
        racine.set(f"{a}NumeroInterne", self.identifiant.numero_interne)
        racine.set(f"{a}CodeNatureActe", str(self.code_nature))
        for rang, niveau in enumerate(self.matiere.split("."), start=1):
            etree.SubElement(racine, f"{a}CodeMatiere{rang}").set(f"{a}CodeMatiere", niveau)
        etree.SubElement(racine, f"{a}Objet").text = self.objet
        etree.SubElement(racine, f"{a}ClassificationDateVersion").text = self.classification_date.isoformat()
        etree.SubElement(etree.SubElement(racine, f"{a}Document"), f"{a}NomFichier").text = self.document
        annexes = etree.SubElement(racine, f"{a}Annexes")
        annexes.set(f"{a}Nombre", str(len(self.annexes)))
        for nom, _, _ in self.annexes:
            etree.SubElement(etree.SubElement(annexes, f"{a}Annexe"), f"{a}NomFichier").text = nom
        etree.SubElement(racine, f"{a}DocumentPapier").text = "O" if self.document_papier else "N"
        donnees: bytes = etree.tostring(
            racine, xml_declaration=True, encoding="ISO-8859-1", pretty_print=True
        )
        return donnees


def objet_de(affaire: Affaire) -> str:
    """The objet of the act: the affaire's title on one line."""
    return " ".join(affaire.titre.split())


Champ = tuple[str | int, ...]
"""A field of the dossier, as a path: ("affaires", 0, "deliberation", "actes", "matiere")."""


def _champ_numero(dossier: Dossier, affaire: Affaire) -> Champ:
    """Where the numéro interne comes from (see `numero_interne_de`)."""
    base: Champ = ("affaires", dossier.affaires.index(affaire), "deliberation")
    if affaire.deliberation.actes.numero_interne:
        return (*base, "actes", "numero_interne")
    if affaire.deliberation.acquittement is not None:
        return (*base, "acquittement", "identifiant")
    return (*base, "numero")


def erreurs_transmission(dossier: Dossier) -> list[tuple[Champ, str]]:
    """What keeps the dossier's acts from being transmitted, with the field each problem is in:
    the classification's version date, and for each affaire its identifier, classification des
    matières and objet."""
    erreurs: list[tuple[Champ, str]] = []
    if dossier.transmission.classification_date is None:
        erreurs.append(
            (
                ("transmission", "classification_date"),
                "la date de version de la classification des matières fournie par la préfecture est "
                "attendue (« transmission: {classification_date: AAAA-MM-JJ} »)",
            )
        )
    for i, affaire in enumerate(dossier.affaires):
        identifiant = identifiant_de(dossier, affaire)
        erreurs += [(_champ_numero(dossier, affaire), e) for e in erreurs_identifiant(identifiant, dossier)]
        champ: Champ = ("affaires", i, "deliberation", "actes", "matiere")
        matiere = affaire.deliberation.actes.matiere
        if matiere is None:
            erreurs.append(
                (
                    champ,
                    'la classification des matières de l\'acte est attendue (ex. « matiere: "7.5" » pour une subvention)',
                )
            )
        else:
            erreurs += [(champ, e) for e in erreurs_matiere(matiere)]
        objet = objet_de(affaire)
        if len(objet) > OBJET_MAX:
            erreurs.append(
                (
                    ("affaires", i, "titre"),
                    f"l'objet de l'acte transmis a {len(objet)} caractères, {OBJET_MAX} au plus sont admis",
                )
            )
    return erreurs


def message_de(dossier: Dossier, affaire: Affaire, annexes: list[tuple[str, str]]) -> Message:
    """The transmission message of the affaire's délibération, whose annexes are `annexes`
    (typologie, title) in order. ValueError when `erreurs_transmission` finds a problem."""
    probleme = next(iter(erreurs_transmission(dossier)), None)
    if probleme is not None:
        raise ValueError(probleme[1])
    identifiant = identifiant_de(dossier, affaire)
    actes = affaire.deliberation.actes
    assert actes.matiere is not None and dossier.transmission.classification_date is not None
    return Message(
        identifiant=identifiant,
        code_nature=referentiel().natures[identifiant.nature][0],
        matiere=actes.matiere,
        libelle_matiere=referentiel().libelle_matiere(actes.matiere),
        objet=objet_de(affaire),
        classification_date=dossier.transmission.classification_date,
        typologie=actes.typologie,
        document=identifiant.nom_fichier(1, "pdf", actes.typologie),
        annexes=tuple(
            (identifiant.nom_fichier(rang, "pdf", typologie), typologie, titre)
            for rang, (typologie, titre) in enumerate(annexes, start=2)
        ),
        document_papier=dossier.transmission.document_papier,
    )


@cache
def _schema() -> etree.XMLSchema:
    with resources.as_file(resources.files("actes62").joinpath("data", "actes_acte.xsd")) as chemin:
        return etree.XMLSchema(etree.parse(str(chemin)))


def valider_message(donnees: bytes) -> list[str]:
    """What makes `donnees` not a valid `actes:Acte` message by the element list of
    `data/actes_acte.xsd` (line and reason, in the validator's words); [] when it is valid."""
    try:
        document = etree.fromstring(donnees)
    except etree.XMLSyntaxError as exc:
        return [f"XML mal formé : {exc}"]
    schema = _schema()
    if schema.validate(document):
        return []
    return [f"ligne {e.line} : {e.message}" for e in schema.error_log]
