"""Import from documents: the dossier that existing acts describe.

The documents are read by the facts stage and grouped by affaire (`checks.releve`), exactly as the
audit reads them; each fact of the dossier is then built once, from the document that states it
best (the délibération, then the convention, the rapport, the annexes). Where documents disagree
(the audit's `A0xx` findings), one value is kept and a `# À VÉRIFIER` comment at that place of the
YAML lists each side and where it is written. What the model requires but no document states is an
empty placeholder with a `# À COMPLÉTER` comment: the file then fails to load only there.

    >>> donnees, desaccords = importer([Path("documents/")])  # doctest: +SKIP
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from actes62.checks.findings import Finding, Location
from actes62.checks.releve import AffaireLue, Releve, releve
from actes62.errors import Actes62Error, DocumentIllisible, FichierExistant
from actes62.faits.modele import ActeCite, DocumentFaits, Fait, Periode, Role, Sorte, Tableau
from actes62.fichiers import ecrire_atomique
from actes62.formats import lire_euros, trouver_dates
from actes62.identify import DocumentKind
from actes62.read import ReadDocument, TextPiece, parts, read_document

__all__ = ["A_COMPLETER", "A_VERIFIER", "Cote", "Desaccord", "Import", "ecrire_import", "importer"]

A_VERIFIER = "À VÉRIFIER"
A_COMPLETER = "À COMPLÉTER"

_ORDRE = {
    DocumentKind.DELIBERATION: 0,
    DocumentKind.CONVENTION: 1,
    DocumentKind.RAPPORT: 2,
    DocumentKind.BUDGET: 3,
}


@dataclass(frozen=True)
class Cote:
    """One side of a disagreement: the value as a document states it, and where."""

    valeur: str
    lieu: str


@dataclass(frozen=True)
class Desaccord:
    """Documents that disagree on one fact of the dossier (`champ`, a field path)."""

    champ: str
    message: str
    cotes: tuple[Cote, ...]

    def commentaire(self) -> str:
        lignes = [f"{A_VERIFIER} : {self.message}"]
        lignes += [
            f"  - {cote.valeur} : {cote.lieu}" if cote.valeur else f"  - {cote.lieu}" for cote in self.cotes
        ]
        return "\n".join(lignes)


@dataclass
class Import:
    """What an import read: the dossier data (ruamel.yaml round-trip types, comments attached),
    the disagreements, the fields to complete and how many facts were read."""

    donnees: CommentedMap
    desaccords: list[Desaccord] = field(default_factory=list)
    a_completer: list[str] = field(default_factory=list)
    faits_lus: int = 0

    def en_yaml(self) -> str:
        from actes62.sauver import _yaml

        yaml = _yaml()
        tampon = io.StringIO()
        tampon.write(
            "# Dossier importé des documents par actes62 import.\n"
            f"# « {A_VERIFIER} » : les documents se contredisent ; une valeur est gardée, chaque côté est cité.\n"
            f"# « {A_COMPLETER} » : aucun document ne le dit ; à remplir avant de charger le dossier.\n\n"
        )
        yaml.dump(self.donnees, tampon)
        return tampon.getvalue()


# --- small readers ------------------------------------------------------------------------------------

_CIVILITE = re.compile(r"^(M\.|Mme|Monsieur|Madame|Mlle)\s+(.+)$")
_LISTE = re.compile(r",\s*(?=(?:M\.|Mme)\s)")


def _plie(texte: str) -> str:
    sans = unicodedata.normalize("NFKD", texte)
    return " ".join("".join(c for c in sans if not unicodedata.combining(c)).casefold().split())


def _espaces(texte: str) -> str:
    """Non-breaking and thin spaces as plain spaces, runs of spaces as one."""
    return " ".join(texte.replace("\u00a0", " ").replace("\u202f", " ").split())


def _personne(texte: str, civilite: str | None = None) -> str | None:
    """« M. Prénom NOM » from « Monsieur Prénom NOM », « M. Prénom NOM » or « Prénom NOM » and a
    civilité known otherwise."""
    texte = _espaces(texte).strip(" ,.;")
    trouve = _CIVILITE.match(texte)
    if trouve:
        civilite = "M." if trouve.group(1) in ("M.", "Monsieur") else "Mme"
        texte = trouve.group(2)
    if civilite is None or not re.search(r"\s[^\sa-zà-ÿ]{2,}", texte):
        return None
    return f"{civilite} {texte}"


def _personnes(texte: str) -> list[str]:
    texte = _espaces(texte).rstrip(" .")
    return [p for p in (_personne(morceau) for morceau in _LISTE.split(texte)) if p]


def _civilite_article(texte: str) -> str | None:
    mot = _plie(texte).split(" ", 1)[0] if texte.strip() else ""
    return {"le": "M.", "la": "Mme"}.get(mot)


def _titre_docx(chemin: Path) -> str | None:
    """The title of a DOCX's properties (docProps/core.xml), where Word keeps the normal case."""
    if chemin.suffix.lower() != ".docx":
        return None
    try:
        with zipfile.ZipFile(chemin) as archive:
            xml = archive.read("docProps/core.xml").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError):
        return None
    trouve = re.search(r"<dc:title>(.*?)</dc:title>", xml, re.S)
    if not trouve:
        return None
    import html

    return _espaces(html.unescape(trouve.group(1)))


def _lieu(location: Location) -> str:
    nom = Path(location.file).name
    return f"{nom}, {location.part}" if location.part else nom


# --- the builder --------------------------------------------------------------------------------------


class _Batisseur:
    def __init__(self, lu: Releve) -> None:
        self.lu = lu
        self.resultat = Import(CommentedMap())
        self._lus: dict[Path, ReadDocument] = {}
        self._commentaires: list[tuple[CommentedMap, str, str]] = []

    # reading

    def pieces(self, document: DocumentFaits) -> list[TextPiece]:
        if document.chemin not in self._lus:
            self._lus[document.chemin] = read_document(document.chemin)
        lu = self._lus[document.chemin]
        if document.partie is not None:
            for partie in parts(lu):
                if partie.partie == document.partie:
                    return list(partie.pieces)
        return list(lu.pieces)

    def paragraphes(self, document: DocumentFaits) -> list[tuple[str, str]]:
        """(place, text) of the document's body paragraphs, tables and footers left aside."""
        return [
            (p.part, _espaces(p.text))
            for p in self.pieces(document)
            if p.table is None and not p.part.startswith(("pied", "en-tête")) and p.text.strip()
        ]

    # writing

    def completer(self, carte: CommentedMap, cle: str, champ: str, quoi: str) -> None:
        carte[cle] = ""
        self.resultat.a_completer.append(champ)
        self._commentaires.append((carte, cle, f"{A_COMPLETER} : {quoi}"))

    def commenter(self, carte: CommentedMap, cle: str, texte: str) -> None:
        self._commentaires.append((carte, cle, texte))

    def attacher(self) -> None:
        vus: dict[tuple[int, str], list[str]] = {}
        cartes: dict[int, CommentedMap] = {}
        for carte, cle, texte in self._commentaires:
            vus.setdefault((id(carte), cle), []).append(texte)
            cartes[id(carte)] = carte
        for (ident, cle), textes in vus.items():
            carte = cartes[ident]
            if cle not in carte:
                continue
            profondeur = getattr(carte, "_actes62_profondeur", 0)
            carte.yaml_set_comment_before_after_key(cle, before="\n".join(textes), indent=profondeur)


def _carte(profondeur: int) -> CommentedMap:
    carte = CommentedMap()
    carte._actes62_profondeur = profondeur  # type: ignore[attr-defined]
    return carte


def _documents(affaire: AffaireLue, genre: DocumentKind) -> list[DocumentFaits]:
    return [d for d in affaire.documents if d.genre is genre]


def _premier(faits: Iterable[tuple[DocumentFaits, Fait]]) -> Fait | None:
    """The fact of the document that states it best (délibération first), else None."""
    tries = sorted(faits, key=lambda df: _ORDRE.get(df[0].genre, 9) if df[0].genre else 9)
    return tries[0][1] if tries else None


def _majoritaire(valeurs: Sequence[Any]) -> Any:
    return Counter(valeurs).most_common(1)[0][0] if valeurs else None


# --- collectivité and séance ----------------------------------------------------------------------


def _collectivite(b: _Batisseur, affaires: Sequence[AffaireLue]) -> CommentedMap:
    carte = _carte(2)
    nom = siege = designation = president = qualite = ville = tribunal = None
    dg: tuple[str, str] | None = None
    siret: str | None = None
    code: str | None = None
    for affaire in affaires:
        for doc, fait in affaire.faits(Sorte.SIRET, Role.COLLECTIVITE):
            siret = siret or str(fait.valeur)
        for doc, fait in affaire.faits(Sorte.IDENTIFIANT_ACTES):
            code = code or str(fait.valeur)[:3]
        for doc in _documents(affaire, DocumentKind.CONVENTION):
            for _, texte in b.paragraphes(doc):
                if m := re.match(r"^Entre (?:le |la |l')?(.+?),? dont le siège est situé (.+?),?$", texte):
                    nom = nom or m.group(1).rstrip(",")
                    siege = siege or m.group(2)
                elif m := re.match(
                    r"^représentée? par ((?:Monsieur|Madame) .+?), (.+?), dûment autorisée?", texte
                ):
                    president = president or _personne(m.group(1))
                    qualite = qualite or m.group(2)
                elif m := re.match(r"^ci-après désignée? par « (.+?) »", texte):
                    designation = designation or m.group(1)
                elif m := re.match(r"^Fait à (.+?), le", texte):
                    ville = ville or m.group(1)
                if m := re.search(r"Tribunal administratif de ([A-ZÉ][\w-]+(?: [\w-]+)?)", texte):
                    tribunal = tribunal or m.group(1)
        for doc in _documents(affaire, DocumentKind.DELIBERATION):
            lignes = [t for _, t in b.paragraphes(doc)]
            for i, texte in enumerate(lignes):
                if m := re.match(r"^Pour (?:le |la )(.+?),$", texte):
                    qualite = qualite or m.group(1)
                    if i + 1 < len(lignes) and (q := re.match(r"^(Le|La) (.+?),$", lignes[i + 1])):
                        signe = [t for t in lignes[i + 2 :] if t not in ("Signé",)]
                        if signe and (p := _personne(signe[0], _civilite_article(q.group(1)))):
                            dg = dg or (p, q.group(2))
                if m := re.match(r"^(LE|LA) PRÉSIDENTE? ", texte):
                    suivant = lignes[i + 1] if i + 1 < len(lignes) else ""
                    president = president or _personne(suivant, "M." if m.group(1) == "LE" else "Mme")
                if m := re.match(r"^([A-ZÉÈ' -]+), le \d", texte):
                    ville = ville or m.group(1).title()
            if nom is None and lignes:
                nom = lignes[0].title() if lignes[0].isupper() else None
    deduit_code = False
    if (
        code is None
        and siege
        and (postal := re.search(r"\b(\d{2})\d{3}\b", siege))
        and postal.group(1) != "20"
    ):
        code, deduit_code = f"0{postal.group(1)}", True
    valeurs: list[tuple[str, Any, str]] = [
        ("nom", nom, "le nom de la collectivité (« Département du Pas-de-Calais »)"),
        ("designation", designation, ""),
        ("code_departement", code, "le code du département dans ACTES (« 062 »)"),
        ("siret", siret, "le SIRET de la collectivité"),
        ("siege", siege, "l'adresse du siège de la collectivité"),
        ("president", president, "le président (« M. Prénom NOM »)"),
        ("qualite_president", qualite, ""),
    ]
    for cle, valeur, quoi in valeurs:
        if valeur is not None:
            carte[cle] = valeur
        elif quoi:
            b.completer(carte, cle, f"collectivite.{cle}", quoi)
    if deduit_code:
        b.commenter(carte, "code_departement", "déduit : le code postal du siège")
    if dg is not None:
        directeur = _carte(4)
        directeur["personne"], directeur["qualite"] = dg
        carte["directeur_general"] = directeur
    else:
        b.completer(
            carte, "directeur_general", "collectivite.directeur_general", "qui signe pour le président"
        )
    for cle, valeur, quoi in (
        ("ville", ville, "la ville où les actes sont signés"),
        ("tribunal_administratif", tribunal, "le tribunal administratif compétent (« Lille »)"),
    ):
        if valeur is not None:
            carte[cle] = valeur
        else:
            b.completer(carte, cle, f"collectivite.{cle}", quoi)
    return carte


def _seance(b: _Batisseur, affaires: Sequence[AffaireLue], ville: str | None) -> CommentedMap:
    carte = _carte(2)
    instance = "commission_permanente"
    jour: date | None = None
    president = secretaire = None
    listes: dict[str, list[str]] = {}
    pouvoirs: list[dict[str, str]] = []
    dates = [
        f.valeur for a in affaires for _, f in a.faits(Sorte.DATE, Role.SEANCE) if isinstance(f.valeur, date)
    ]
    jour = _majoritaire(dates)
    entetes = {
        "etaient presents": "presents",
        "excuse(s)": "excuses",
        "assistant egalement sans voix deliberative": "sans_voix_presents",
        "excuse(s) sans voix deliberative": "sans_voix_excuses",
    }
    for affaire in affaires:
        for doc in _documents(affaire, DocumentKind.DELIBERATION):
            for _, texte in b.paragraphes(doc):
                plie = _plie(texte)
                if plie.startswith("deliberation du conseil departemental"):
                    instance = "conseil_departemental"
                if m := re.match(r"^PRÉSIDENCE DE (MONSIEUR|MADAME) (.+)$", texte):
                    president = president or m.group(2)
                elif m := re.match(r"^Secrétaire ?: (.+)$", texte):
                    secretaire = secretaire or _personne(m.group(1))
                elif m := re.match(r"^Représenté\(s\) ?: (.+)$", texte) and not pouvoirs:
                    pass
                if ":" in texte:
                    tete, reste = texte.split(":", 1)
                    cle = entetes.get(_plie(tete))
                    if cle and cle not in listes:
                        listes[cle] = _personnes(reste)
                    if _plie(tete) == "represente(s)" and not pouvoirs:
                        for mandant, mandataire in re.findall(
                            r"((?:M\.|Mme) [^,(]+?) \(pouvoir à ((?:M\.|Mme) [^)]+)\)", reste
                        ):
                            pouvoirs.append(
                                {"mandant": _espaces(mandant), "mandataire": _espaces(mandataire)}
                            )
    carte["instance"] = instance
    if jour is not None:
        carte["date"] = jour
    else:
        b.completer(carte, "date", "seance.date", "la date de la séance (AAAA-MM-JJ)")
    if ville:
        carte["lieu"] = ville
        b.commenter(carte, "lieu", "déduit : la ville où les actes sont signés")
    else:
        b.completer(carte, "lieu", "seance.lieu", "le lieu de la séance")
    presents = listes.get("presents", [])
    nom_president = None
    if president is not None:
        nom_president = next((p for p in presents if _plie(p.split(" ", 1)[1]) == _plie(president)), None)
    if nom_president:
        carte["president"] = nom_president
    else:
        b.completer(carte, "president", "seance.president", "le président de séance (« M. Prénom NOM »)")
    if secretaire:
        carte["secretaire"] = secretaire
    else:
        b.completer(carte, "secretaire", "seance.secretaire", "le secrétaire de séance")
    if presents:
        carte["membres_en_exercice"] = len(presents) + len(listes.get("excuses", [])) + len(pouvoirs)
        b.commenter(carte, "membres_en_exercice", "déduit : présents, excusés et représentés")
        carte["presents"] = CommentedSeq(presents)
    else:
        b.completer(
            carte, "membres_en_exercice", "seance.membres_en_exercice", "le nombre de membres en exercice"
        )
        b.completer(carte, "presents", "seance.presents", "les membres présents")
    carte["excuses"] = CommentedSeq(listes.get("excuses", []))
    carte["pouvoirs"] = CommentedSeq(pouvoirs)
    carte["sans_voix_presents"] = CommentedSeq(listes.get("sans_voix_presents", []))
    carte["sans_voix_excuses"] = CommentedSeq(listes.get("sans_voix_excuses", []))
    return carte


# --- affaires -------------------------------------------------------------------------------------

_FORMES = (
    "association",
    "commune",
    "communauté de communes",
    "communauté d'agglomération",
    "communauté urbaine",
    "métropole",
    "syndicat mixte",
    "syndicat intercommunal",
    "établissement public",
    "groupement d'intérêt public",
    "fondation",
    "fédération",
    "société",
    "SCOP",
    "SCIC",
)
_COLONNES = (
    ("code", "code_operation"),
    ("imputation", "imputation"),
    ("libelle", "libelle"),
    ("disponible", "disponible"),
    ("proposition", "proposition"),
    ("depense", "proposition"),
    ("cp", "credits_paiement"),
    ("credits", "credits_paiement"),
)


def _identifiant(affaire: AffaireLue, nom: str | None, numero: str | None) -> str:
    for document in affaire.documents:
        morceaux = document.chemin.stem.split("_")
        if (
            numero
            and len(morceaux) >= 3
            and morceaux[1] == numero
            and re.fullmatch(r"[a-z0-9][a-z0-9-]*", morceaux[0])
        ):
            return morceaux[0]
    base = _plie(nom or affaire.nom)
    return re.sub(r"[^a-z0-9]+", "-", base).strip("-")[:40] or "affaire"


def _imputations(b: _Batisseur, affaire: AffaireLue) -> list[CommentedMap]:
    par_code: dict[str, CommentedMap] = {}
    ordre = sorted(affaire.documents, key=lambda d: 0 if d.genre is DocumentKind.RAPPORT else 1)
    for document in ordre:
        if document.genre not in (DocumentKind.RAPPORT, DocumentKind.DELIBERATION):
            continue
        lignes: dict[tuple[str, int], dict[str, str]] = {}
        for piece in b.pieces(document):
            if piece.table is None or piece.is_header or piece.row is None or not piece.header:
                continue
            entete = _plie(piece.header)
            for debut, cle in _COLONNES:
                if entete.startswith(debut):
                    lignes.setdefault((piece.table, piece.row), {}).setdefault(cle, _espaces(piece.text))
                    break
        for ligne in lignes.values():
            if "code_operation" not in ligne or "proposition" not in ligne:
                continue
            carte = par_code.setdefault(ligne["code_operation"], _carte(6))
            for cle in (
                "code_operation",
                "imputation",
                "libelle",
                "credits_paiement",
                "disponible",
                "proposition",
            ):
                if cle in ligne and cle not in carte:
                    if cle in ("credits_paiement", "disponible", "proposition"):
                        try:
                            carte[cle] = lire_euros(ligne[cle])
                        except ValueError:
                            continue
                    else:
                        carte[cle] = ligne[cle]
    resultat = []
    for code, carte in par_code.items():
        for cle in (
            "code_operation",
            "imputation",
            "libelle",
            "credits_paiement",
            "disponible",
            "proposition",
        ):
            if cle not in carte:
                b.completer(
                    carte, cle, f"imputation {code}.{cle}", f"{cle.replace('_', ' ')} de l'imputation"
                )
        resultat.append(
            CommentedMap(
                (k, carte[k])
                for k in (
                    "code_operation",
                    "imputation",
                    "libelle",
                    "credits_paiement",
                    "disponible",
                    "proposition",
                )
            )
        )
        resultat[-1]._actes62_profondeur = 6  # type: ignore[attr-defined]
        for cle, _ in list(carte.items()):
            for texte in (t for c, k, t in b._commentaires if c is carte and k == cle):
                b.commenter(resultat[-1], cle, texte)
    return resultat


def _visa(texte: str) -> dict[str, Any]:
    """A visa line (« Vu la délibération n° 2021-257 du Conseil départemental en date du
    01/07/2021 « … » ; ») as a cited act, else as the text written."""
    texte = _espaces(texte).rstrip(" ;")
    m = re.match(
        r"^Vu la délibération(?: n° ?(?P<numero>\d{4}-\d{1,4}))? (?:du|de la) (?P<instance>Conseil départemental|Commission Permanente)"
        r"(?: du Conseil départemental)? (?:en date )?du (?P<date>.+?\d{4}) (?P<reste>.+)$",
        texte,
    )
    if m:
        dates = trouver_dates(m.group("date"))
        reste = m.group("reste")
        if dates:
            acte: dict[str, Any] = {
                "instance": "commission_permanente"
                if "Commission" in m.group("instance")
                else "conseil_departemental"
            }
            if m.group("numero"):
                acte["numero"] = m.group("numero")
            acte["date"] = dates[0][2]
            if reste.startswith("« ") and reste.endswith(" »"):
                acte["titre"] = reste[2:-2]
                return acte
            if reste.startswith("portant "):
                titre = re.sub(r"^portant adoption du ", "", reste)
                acte["titre"] = titre[:1].upper() + titre[1:]
                acte["portant"] = reste
                return acte
    return {"texte": texte}


def _articles(lignes: Sequence[str], fin: tuple[str, ...]) -> list[CommentedMap]:
    articles: list[CommentedMap] = []
    for texte in lignes:
        if _plie(texte).startswith(fin):
            break
        if m := re.match(r"^Article \d+ ?:\s*(.*)$", texte):
            article = _carte(8)
            if m.group(1):
                article["titre"] = m.group(1)
            article["paragraphes"] = CommentedSeq()
            articles.append(article)
        elif articles:
            articles[-1]["paragraphes"].append(texte)
    return articles


def _affaire(b: _Batisseur, affaire: AffaireLue, collectivite: CommentedMap) -> CommentedMap:
    carte = _carte(4)
    deliberations = _documents(affaire, DocumentKind.DELIBERATION)
    rapports = _documents(affaire, DocumentKind.RAPPORT)
    conventions = _documents(affaire, DocumentKind.CONVENTION)
    budgets = _documents(affaire, DocumentKind.BUDGET)
    numero_fait = _premier(affaire.faits(Sorte.NUMERO, Role.DELIBERATION))
    numero = str(numero_fait.valeur) if numero_fait else None
    nom_fait = _premier(affaire.faits(Sorte.BENEFICIAIRE, Role.BENEFICIAIRE))
    nom = str(nom_fait.valeur) if nom_fait else None
    carte["id"] = _identifiant(affaire, nom, numero)

    titre = None
    for document in [*deliberations, *rapports]:
        propre = _titre_docx(document.chemin)
        if propre and " – " in propre:
            titre = propre.split(" – ", 1)[1]
            break
    if titre is None and (fait := _premier(affaire.faits(Sorte.TITRE))):
        titre = _espaces(str(fait.valeur))
    if titre:
        carte["titre"] = titre
    else:
        b.completer(carte, "titre", f"{carte['id']}.titre", "le titre de l'affaire")

    # the beneficiary
    beneficiaire = _carte(6)
    forme = siege = representant = None
    for document in conventions:
        for _, texte in b.paragraphes(document):
            if m := re.match(r"^(?:L'|La |Le )(.+?),? dont le siège est situé (.+?),?$", texte):
                if not _plie(m.group(1)).startswith(("departement", "region")) and siege is None:
                    siege = m.group(2)
                    debut = _plie(m.group(1))
                    forme = next(
                        (f for f in sorted(_FORMES, key=len, reverse=True) if debut.startswith(_plie(f))),
                        None,
                    )
                    if forme and nom is None:
                        nom = re.sub(
                            r"^(?:« )?(.+?)(?: »)?$",
                            r"\1",
                            m.group(1)[len(forme) :].strip().removeprefix("de ").removeprefix("d'"),
                        )
            elif m := re.match(r"^représentée? par ((?:Monsieur|Madame) [^,]+), (.+?),?$", texte):
                if siege is not None and representant is None:
                    representant = (_personne(m.group(1)), m.group(2))
    if nom:
        beneficiaire["nom"] = nom
    else:
        b.completer(beneficiaire, "nom", f"{carte['id']}.beneficiaire.nom", "le nom du bénéficiaire")
    if forme:
        beneficiaire["forme_juridique"] = forme
    siret = _premier(affaire.faits(Sorte.SIRET, Role.BENEFICIAIRE))
    if siret:
        beneficiaire["siret"] = str(siret.valeur)
    else:
        b.completer(
            beneficiaire,
            "siret",
            f"{carte['id']}.beneficiaire.siret",
            "le SIRET du bénéficiaire (14 chiffres)",
        )
    if siege:
        beneficiaire["siege"] = siege
    else:
        b.completer(
            beneficiaire, "siege", f"{carte['id']}.beneficiaire.siege", "l'adresse du siège du bénéficiaire"
        )
    if representant and representant[0]:
        signataire = _carte(8)
        signataire["personne"], signataire["qualite"] = representant
        beneficiaire["representant"] = signataire
    else:
        b.completer(
            beneficiaire,
            "representant",
            f"{carte['id']}.beneficiaire.representant",
            "qui représente le bénéficiaire ({personne: « M. Prénom NOM », qualite: …})",
        )
    carte["beneficiaire"] = beneficiaire
    imputations = _imputations(b, affaire)
    if imputations:
        carte["imputations"] = CommentedSeq(imputations)
    else:
        b.completer(carte, "imputations", f"{carte['id']}.imputations", "les imputations budgétaires")
    carte["rapport"] = _rapport(b, affaire, rapports, carte["id"])
    carte["deliberation"] = _deliberation(b, affaire, deliberations, numero, carte["id"], collectivite)
    if conventions:
        carte["convention"] = _convention(b, affaire, conventions[0], carte["id"])
    annexes = _annexes(b, affaire, rapports, budgets, conventions)
    if annexes:
        carte["annexes"] = CommentedSeq(annexes)
    return carte


def _rapport(b: _Batisseur, affaire: AffaireLue, rapports: list[DocumentFaits], ident: str) -> CommentedMap:
    carte = _carte(6)
    numero = _premier(affaire.faits(Sorte.NUMERO, Role.RAPPORT))
    lignes = [t for _, t in b.paragraphes(rapports[0])] if rapports else []
    pole = mission = territoires = rapporteur = None
    expose: list[str] = []
    propositions: list[str] = []
    avis: dict[str, Any] = {}
    etape = "entete"
    for i, texte in enumerate(lignes):
        plie = _plie(texte)
        if etape == "entete":
            if i == 1:
                pole = texte
            elif i == 2 and not plie.startswith("rapport"):
                mission = texte
            if m := re.match(r"^Territoire\(s\) ?: (.+)$", texte):
                territoires = m.group(1)
            elif m := re.match(r"^Rapporteur ?: (.+)$", texte):
                rapporteur = _personne(m.group(1))
            elif plie.startswith("reunion du"):
                etape = "titre"
        elif etape == "titre":
            etape = "expose"
        elif etape == "expose":
            if plie.startswith("il convient de statuer"):
                etape = "propositions"
            else:
                expose.append(texte)
        elif etape == "propositions":
            if plie.startswith("la depense sera imputee"):
                etape = "fin"
            else:
                propositions.append(texte)
        if m := re.match(
            r"^La (\d+)(?:e|ème|re) Commission - (.+?) a émis un avis (favorable|défavorable|réservé) .*?(\d{2}/\d{2}/\d{4})",
            texte,
        ):
            jours = trouver_dates(m.group(4))
            avis = {
                "numero": int(m.group(1)),
                "nom": m.group(2),
                "date": jours[0][2] if jours else None,
                "avis": m.group(3),
            }
    if numero:
        carte["numero"] = int(str(numero.valeur))
    else:
        b.completer(carte, "numero", f"{ident}.rapport.numero", "le numéro du rapport")
    for cle, valeur, quoi in (("pole", pole, "le pôle"), ("mission", mission, "la mission ou direction")):
        if valeur:
            carte[cle] = valeur
        else:
            b.completer(carte, cle, f"{ident}.rapport.{cle}", quoi)
    if territoires:
        carte["territoires"] = territoires
    for cle, valeurs, quoi in (
        ("expose", expose, "l'exposé du rapport"),
        ("propositions", propositions, "les propositions"),
    ):
        if valeurs:
            carte[cle] = CommentedSeq(valeurs)
        else:
            b.completer(carte, cle, f"{ident}.rapport.{cle}", quoi)
    if avis and avis["date"] is not None:
        carte["avis"] = CommentedMap(avis)
    else:
        b.completer(
            carte, "avis", f"{ident}.rapport.avis", "l'avis de la commission ({numero, nom, date, avis})"
        )
    if rapporteur:
        carte["rapporteur"] = rapporteur
    return carte


def _deliberation(
    b: _Batisseur,
    affaire: AffaireLue,
    deliberations: list[DocumentFaits],
    numero: str | None,
    ident: str,
    collectivite: CommentedMap,
) -> CommentedMap:
    carte = _carte(6)
    if numero:
        carte["numero"] = numero
    else:
        b.completer(
            carte, "numero", f"{ident}.deliberation.numero", "le numéro de la délibération (AAAA-NNN)"
        )
    lignes = [t for _, t in b.paragraphes(deliberations[0])] if deliberations else []
    visas = CommentedSeq()
    for texte in lignes:
        plie = _plie(texte)
        if plie.startswith("vu ") and not plie.startswith(("vu le rapport", "vu l'avis")):
            visas.append(_visa(texte))
    if visas:
        carte["visas"] = visas
    else:
        b.completer(carte, "visas", f"{ident}.deliberation.visas", "les visas de la délibération")
    decide = next((i for i, t in enumerate(lignes) if _plie(t).startswith("decide")), None)
    articles = (
        _articles(lignes[decide + 1 :], ("dans les conditions de vote", "le president", "la presidente"))
        if decide is not None
        else []
    )
    if articles and deliberations:
        tableaux = any(
            p.table is not None and _plie(p.header).startswith("code") for p in b.pieces(deliberations[0])
        )
        for article in articles:
            if tableaux and _plie(article["paragraphes"][-1] if article["paragraphes"] else "").endswith(
                "comme suit :"
            ):
                article["tableau_imputation"] = True
        carte["articles"] = CommentedSeq(articles)
    else:
        b.completer(carte, "articles", f"{ident}.deliberation.articles", "les articles de la délibération")
    votes = {str(f.role.name): f.valeur for _, f in affaire.faits(Sorte.VOTE)}
    if "POUR" in votes:
        vote = _carte(8)
        for cle, role in (
            ("pour", "POUR"),
            ("contre", "CONTRE"),
            ("abstention", "ABSTENTION"),
            ("ne_prend_pas_part", "NE_PREND_PAS_PART"),
        ):
            if role in votes and isinstance(votes[role], int):
                vote[cle] = votes[role]
        for texte in lignes:
            if m := re.match(r"^(Pour|Contre|Abstention) ?: \d+ voix \((.+)\)$", texte):
                groupes = [g.strip() for g in m.group(2).split(" ; ")]
                if all(not re.match(r"^(M\.|Mme) ", g) for g in groupes):
                    vote[f"groupes_{_plie(m.group(1))}"] = CommentedSeq(groupes)
            if m := re.match(r"^Ne prend pas part au vote ?: (.+)$", texte):
                noms = _personnes(m.group(1))
                if noms:
                    vote["ne_prend_pas_part"] = len(noms)
                    carte["ne_prennent_pas_part"] = CommentedSeq(noms)
        carte["vote"] = vote
    elif deliberations:
        carte["etat"] = "projet"
    else:
        b.completer(carte, "vote", f"{ident}.deliberation.vote", "le vote ({pour, contre, abstention})")
    if deliberations:  # the signatory, when it is not the collectivité's directeur général
        directeur = collectivite.get("directeur_general")
        signe = None
        for i, texte in enumerate(lignes):
            if re.match(r"^Pour (?:le |la ).+,$", texte) and i + 1 < len(lignes):
                if q := re.match(r"^(Le|La) (.+?),$", lignes[i + 1]):
                    suite = [t for t in lignes[i + 2 :] if t != "Signé"]
                    if suite and (p := _personne(suite[0], _civilite_article(q.group(1)))):
                        signe = (p, q.group(2))
        if (
            signe
            and isinstance(directeur, CommentedMap)
            and (directeur.get("personne"), directeur.get("qualite")) != signe
        ):
            signataire = _carte(8)
            signataire["personne"], signataire["qualite"] = signe
            carte["signataire"] = signataire
    acte = _premier(affaire.faits(Sorte.IDENTIFIANT_ACTES))
    if acte and deliberations:
        acquittement = _carte(8)
        acquittement["identifiant"] = str(acte.valeur)
        dates: dict[str, date] = {}
        for texte in lignes:
            for prefixe, cle in (
                ("date de teletransmission", "date_transmission"),
                ("date de reception prefecture", "date_reception"),
                ("publication electronique", "date_publication"),
            ):
                if _plie(texte).startswith(prefixe) and (jours := trouver_dates(texte)):
                    dates[cle] = jours[0][2]
        for cle in ("date_transmission", "date_reception", "date_publication"):
            if cle in dates:
                acquittement[cle] = dates[cle]
            else:
                b.completer(
                    acquittement,
                    cle,
                    f"{ident}.deliberation.acquittement.{cle}",
                    "une date de l'accusé de réception",
                )
        carte["acquittement"] = acquittement
    return carte


def _signataire_cellule(texte: str) -> tuple[str, str] | None:
    lignes = [_espaces(t) for t in texte.split("\n") if t.strip()]
    if len(lignes) < 3:
        return None
    qualite = lignes[1].rstrip(",")
    personne = _personne(lignes[-1], _civilite_article(qualite))
    return (personne, qualite) if personne else None


def _convention(b: _Batisseur, affaire: AffaireLue, document: DocumentFaits, ident: str) -> CommentedMap:
    carte = _carte(6)
    lignes = [t for _, t in b.paragraphes(document)]
    titre = _titre_docx(document.chemin)
    if titre and " – " in titre:
        carte["titre"] = titre.rsplit(" – ", 1)[0]
    elif len(lignes) > 2:
        carte["titre"] = lignes[2]
    objet = next((t[len("Objet :") :].strip() for t in lignes if t.startswith("Objet :")), None)
    if objet:
        carte["objet"] = objet
    else:
        b.completer(carte, "objet", f"{ident}.convention.objet", "l'objet de la convention")
    annee = next(
        (int(m.group(1)) for t in lignes if (m := re.search(r"[Aa]u titre de l'année (\d{4})", t))), None
    )
    periode = _premier((d, f) for d, f in affaire.faits(Sorte.PERIODE) if d is document)
    if annee is None and periode is not None and isinstance(periode.valeur, Periode):
        annee = periode.valeur.debut.year
    if annee:
        carte["annee"] = annee
    else:
        b.completer(carte, "annee", f"{ident}.convention.annee", "l'année de la convention")
    visas = CommentedSeq(_visa(t) for t in lignes if _plie(t).startswith("vu "))
    if visas:
        carte["visas"] = visas
    preambule: list[str] = []
    if "Préambule :" in lignes:
        for texte in lignes[lignes.index("Préambule :") + 1 :]:
            if texte.startswith("Article "):
                break
            preambule.append(texte)
        carte["preambule"] = CommentedSeq(preambule)
    if periode is not None and isinstance(periode.valeur, Periode):
        carte["debut"], carte["fin"] = periode.valeur.debut, periode.valeur.fin
    else:
        b.completer(carte, "debut", f"{ident}.convention.debut", "le début de la période de réalisation")
        b.completer(carte, "fin", f"{ident}.convention.fin", "la fin de la période de réalisation")
    echeance = _premier((d, f) for d, f in affaire.faits(Sorte.DATE, Role.ECHEANCE) if d is document)
    if echeance is not None:
        carte["date_limite_bilan"] = echeance.valeur
    else:
        b.completer(
            carte, "date_limite_bilan", f"{ident}.convention.date_limite_bilan", "la date limite du bilan"
        )
    convenu = next((i for i, t in enumerate(lignes) if _plie(t).startswith("il a ete convenu")), 0)
    articles = _articles(lignes[convenu:], ("fait a ",))
    if articles:
        carte["articles"] = CommentedSeq(articles)
    else:
        b.completer(carte, "articles", f"{ident}.convention.articles", "les articles de la convention")
    if m := next(
        (re.search(r"en (\d+) exemplaires?", t) for t in lignes if re.search(r"en \d+ exemplaires?", t)), None
    ):
        carte["exemplaires"] = int(m.group(1))
    cellules = [p.text for p in b.pieces(document) if p.table is not None and p.text.startswith("Pour ")]
    signataires = [s for s in (_signataire_cellule(c) for c in cellules) if s]
    for cle, rang in (("signataire_collectivite", 0), ("signataire_beneficiaire", 1)):
        if rang < len(signataires):
            signataire = _carte(8)
            signataire["personne"], signataire["qualite"] = signataires[rang]
            carte[cle] = signataire
        else:
            b.completer(carte, cle, f"{ident}.convention.{cle}", "qui signe ({personne, qualite})")
    autorisation = _premier(
        (d, f) for d, f in affaire.faits(Sorte.ACTE_CITE, Role.AUTORISATION) if d is document
    )
    for texte in lignes:
        if m := re.search(
            r"dûment autorisée? par délibération (n° ?\d{4}-\d+ )?(?:de la|du) (.+?) en date du (.+?\d{4})",
            texte,
        ):
            jours = trouver_dates(m.group(3))
            acte = autorisation.valeur if autorisation else None
            if isinstance(acte, ActeCite) and jours and (acte.numero or jours[0][2] != _seance_date(affaire)):
                visa = _carte(8)
                visa["instance"] = (
                    "commission_permanente" if "Commission" in m.group(2) else "conseil_departemental"
                )
                if acte.numero:
                    visa["numero"] = acte.numero
                visa["date"] = jours[0][2]
                visa["titre"] = acte.titre or "Délibération autorisant la signature"
                carte["autorisation"] = visa
            break
    return carte


def _seance_date(affaire: AffaireLue) -> date | None:
    return affaire.date_seance()


def _annexes(
    b: _Batisseur,
    affaire: AffaireLue,
    rapports: list[DocumentFaits],
    budgets: list[DocumentFaits],
    conventions: list[DocumentFaits],
) -> list[CommentedMap]:
    numeros: dict[int, CommentedMap] = {}
    for document in budgets:
        marque = next((f.valeur for f in document.de(Sorte.ANNEXE, Role.MARQUE)), None)
        numero = int(str(marque).rsplit(":", 1)[-1]) if marque is not None else len(numeros) + 1
        lignes_doc = [t for _, t in b.paragraphes(document)]
        annexe = _carte(8)
        annexe["type"] = "budget"
        titre = _titre_docx(document.chemin)
        annexe["titre"] = (
            titre.split(" – ", 1)[1]
            if titre and " – " in titre
            else (lignes_doc[3] if len(lignes_doc) > 3 else "Budget")
        )
        tableau = next((f.valeur for f in document.de(Sorte.TABLEAU) if isinstance(f.valeur, Tableau)), None)
        descriptions: dict[int | None, str] = {}
        for piece in b.pieces(document):
            if piece.table is not None and _plie(piece.header).startswith("description"):
                descriptions[piece.row] = _espaces(piece.text)
        notes = [t for t in lignes_doc[5:]]
        if notes:
            annexe["note"] = " ".join(notes)
        lignes = CommentedSeq()
        for ligne in tableau.lignes if tableau else ():
            entree = CommentedMap()
            entree["intitule"] = _espaces(ligne.libelle)
            rang = re.search(r"ligne (\d+)", ligne.lieu.part or "")
            description = descriptions.get(int(rang.group(1)) if rang else None, "")
            if description:
                entree["description"] = description
            entree["montant"] = ligne.montant
            lignes.append(entree)
        if lignes:
            annexe["lignes"] = lignes
        else:
            b.completer(annexe, "lignes", f"{affaire.nom}.annexe {numero}.lignes", "les lignes du budget")
        numeros[numero] = annexe
    references: dict[int, str] = {}
    for _, fait in affaire.faits(Sorte.ANNEXE, Role.REFERENCE):
        quoi, _, rang = str(fait.valeur).rpartition(":")
        if rang.isdigit():
            references.setdefault(int(rang), quoi)
    if conventions:
        rang_convention = min(
            (r for r, q in references.items() if q == "convention"), default=len(numeros) + 1
        )
        while rang_convention in numeros:
            rang_convention += 1
        annexe = _carte(8)
        annexe["type"] = "convention"
        numeros[rang_convention] = annexe
    textes = " ".join(t for d in rapports for _, t in b.paragraphes(d))
    for rang in range(1, max([*numeros, *references], default=0) + 1):
        if rang in numeros:
            continue
        annexe = _carte(8)
        annexe["type"] = "document"
        cite = re.search(rf"\(cf\. ([^()]+?) en annexe {rang}\)", textes) or re.search(
            rf"(?:^|[.;] )([^,.;()]+?), joint en annexe {rang}\b", textes
        )
        if cite:
            annexe["titre"] = cite.group(1)[:1].upper() + cite.group(1)[1:]
            b.commenter(annexe, "titre", "déduit : les mots du rapport qui renvoient à cette annexe")
        else:
            b.completer(annexe, "titre", f"{affaire.nom}.annexe {rang}.titre", f"le titre de l'annexe {rang}")
        numeros[rang] = annexe
    return [numeros[r] for r in sorted(numeros)]


# --- disagreements ----------------------------------------------------------------------------------

_CHAMPS = {
    "A001": ("imputations", "montant"),
    "A002": ("seance.date", "date de la séance"),
    "A003": ("deliberation.visas", "date d'un acte cité"),
    "A004": ("deliberation.visas", "titre d'un acte cité"),
    "A005": ("beneficiaire.siret", "SIRET"),
    "A006": ("beneficiaire.nom", "bénéficiaire"),
    "A007": ("annexes", "numéro d'annexe"),
    "A008": ("convention.date_limite_bilan", "échéance"),
    "A009": ("convention.debut", "période"),
    "A010": ("convention.signataire_collectivite", "signataire"),
    "A011": ("deliberation.numero", "numéro"),
    "A012": ("deliberation.vote", "vote"),
    "A013": ("deliberation.acquittement", "identifiant ACTES"),
}


def _cotes(finding: Finding) -> tuple[Cote, ...]:
    trouve = finding.values.get("trouve", "")
    attendu = finding.values.get("attendu", "")
    cotes = [
        Cote(
            trouve,
            _lieu(finding.location) + (f" « {finding.location.text} »" if finding.location.text else ""),
        )
    ]
    for location in finding.related:
        cotes.append(Cote(attendu, _lieu(location) + (f" « {location.text} »" if location.text else "")))
    return tuple(cotes)


def _placer(b: _Batisseur, racine: CommentedMap, index: dict[str, int], finding: Finding) -> None:
    chemin, _ = _CHAMPS.get(finding.code, ("", ""))
    if not chemin:
        return
    cible: Any = racine
    if chemin.startswith("seance"):
        morceaux = chemin.split(".")
    else:
        rang = index.get(finding.location.affaire or "", 0)
        affaires = racine.get("affaires") or []
        if not affaires:
            return
        cible = affaires[min(rang, len(affaires) - 1)]
        morceaux = chemin.split(".")
        if morceaux[0] == "convention" and "convention" not in cible:
            morceaux = ["beneficiaire", "nom"] if finding.code == "A010" else ["titre"]
        prefixe = f"affaires[{min(rang, len(affaires) - 1)}]."
        chemin = prefixe + ".".join(morceaux)
    for morceau in morceaux[:-1]:
        suivant = cible.get(morceau) if isinstance(cible, CommentedMap) else None
        if not isinstance(suivant, CommentedMap):
            break
        cible = suivant
    cle = morceaux[-1] if morceaux[-1] in cible else next(iter(cible), None)
    if cle is None:
        return
    desaccord = Desaccord(chemin, finding.message, _cotes(finding))
    b.resultat.desaccords.append(desaccord)
    b.commenter(cible, cle, desaccord.commentaire())


# --- the import -------------------------------------------------------------------------------------


def importer_detail(chemins: Sequence[Path | str]) -> Import:
    """Read the documents (files or folders) and build the dossier they describe; see `importer`."""
    from actes62.checks.rules import audit

    lu = releve([Path(c) for c in chemins])
    for document in lu.non_lus:
        raise DocumentIllisible(document.chemin, document.raison or "document illisible")
    if not lu.affaires:
        raise Actes62Error("aucune affaire reconnue dans ces documents : aucun dossier à importer")
    b = _Batisseur(lu)
    affaires = list(lu.affaires)
    racine = b.resultat.donnees
    collectivite = _collectivite(b, affaires)
    racine["collectivite"] = collectivite
    ville = collectivite.get("ville")
    racine["seance"] = _seance(b, affaires, ville if isinstance(ville, str) and ville else None)
    racine["affaires"] = CommentedSeq(_affaire(b, a, collectivite) for a in affaires)
    index = {a.nom: i for i, a in enumerate(affaires)}
    for finding in audit(lu, select=["A0"]):
        _placer(b, racine, index, finding)
    b.attacher()
    b.resultat.faits_lus = sum(len(d.faits) for a in affaires for d in a.documents)
    return b.resultat


def importer(chemins: Sequence[Path | str]) -> tuple[CommentedMap, list[Desaccord]]:
    """The dossier that existing documents (DOCX/PDF files or folders) describe, as YAML data
    (ruamel.yaml round-trip types, with `# À VÉRIFIER` and `# À COMPLÉTER` comments attached), and
    the disagreements found between the documents. Raises `DocumentIllisible` (French message) for
    a missing or unreadable document."""
    resultat = importer_detail(chemins)
    return resultat.donnees, resultat.desaccords


def ecrire_import(resultat: Import, destination: Path, *, force: bool = False) -> Path:
    """Write the imported dossier to `destination` (never over an existing file without `force`)."""
    if (destination.exists() or destination.is_symlink()) and not force:
        raise FichierExistant(destination)
    return ecrire_atomique(destination, resultat.en_yaml().encode("utf-8"))
