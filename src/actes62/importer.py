"""Import from documents: the dossier that existing acts describe.

The documents are read by the facts stage and grouped by affaire (`checks.releve`), exactly as the
audit reads them; each fact of the dossier is then built once, from the document that states it
best (the délibération, then the convention, the rapport, the annexes). Where documents disagree
(the audit's `A0xx` findings), one value is kept and a `# À VÉRIFIER` comment at that place of the
YAML lists each side and where it is written.

What only words state (the collectivité's name, the rapport's exposé, the convention's object…)
is then read where the templates write it (`calque`), and so are the optional texts the documents
hold (a préambule, a note, the groups of a vote). What the model requires but no document states
is an empty placeholder with a `# À COMPLÉTER` comment: the file then fails to load only there.

    donnees, desaccords = importer([Path("documents/")])
"""

from __future__ import annotations

import contextlib
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from actes62 import calque, model
from actes62.checks.attendus import Modeles
from actes62.checks.findings import Finding, Location
from actes62.checks.releve import AffaireLue, Releve, grouper, numero_propre, paires, releve
from actes62.errors import Actes62Error, DocumentIllisible, DossierInvalide, FichierExistant
from actes62.faits.modele import ActeCite, DocumentFaits, Fait, Periode, Personne, Role, Sorte, Tableau
from actes62.fichiers import ecrire_atomique
from actes62.formats import lire_euros
from actes62.identify import DocumentKind, pliage
from actes62.load import erreurs_validation
from actes62.model import Adresse, Dossier
from actes62.read import ReadDocument, TextPiece, parts, read_document
from actes62.sauver import _yaml

__all__ = [
    "A_COMPLETER",
    "A_VERIFIER",
    "Cote",
    "Desaccord",
    "Import",
    "ecrire_import",
    "importer",
    "verifier_destination",
]

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
    the disagreements, the fields to complete, how many facts were read and the documents set
    aside (unreadable, or the PDF of a DOCX that is read)."""

    donnees: CommentedMap
    desaccords: list[Desaccord] = field(default_factory=list)
    a_completer: list[str] = field(default_factory=list)
    faits_lus: int = 0
    ignores: list[tuple[str, str]] = field(default_factory=list)  # documents set aside, and why

    def en_yaml(self) -> str:

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

_ARTICLE = re.compile(r"^\W*article\s+(?:\d+|premier|1er)\b\W*(?P<titre>.*)$", re.IGNORECASE)
_INSTANCES = {
    "commission permanente": "commission_permanente",
    "conseil departemental": "conseil_departemental",
}


def _plie(texte: str) -> str:
    """Folded (`identify.pliage`), runs of spaces as one."""
    return " ".join(pliage(texte).split())


def _espaces(texte: str) -> str:
    """Non-breaking and thin spaces as plain spaces, runs of spaces as one."""
    return " ".join(texte.replace("\u00a0", " ").replace("\u202f", " ").split())


def _designation(personne: Personne, civilite: str | None = None) -> str | None:
    """« M. Prénom NOM » from a person fact, its civilité written or known otherwise."""
    civ = personne.civilite or civilite
    morceaux = _espaces(personne.nom).split(" ")
    if civ is None or len(morceaux) < 2:
        return None
    prenom = [m for m in morceaux if not m.isupper()]
    nom = morceaux[len(prenom) :]
    if not prenom:  # « JEAN-CLAUDE LEROY », a heading in capitals: the first word is the first name
        prenom, nom = [morceaux[0].title()], morceaux[1:]
    if not nom or prenom != morceaux[: len(prenom)]:
        return None
    return f"{civ} {' '.join(prenom)} {' '.join(nom)}"


def _capacite(texte: str) -> str:
    """A capacity without what a sentence adds after it (« Président du Conseil départemental,
    dûment habilité par délibération… », « …, agissant en vertu de… »)."""
    texte = _espaces(texte).strip(" ,;.")
    suite = r"(?:d[ûu]ment|agissant|habilit[ée]e?|autoris[ée]e?)\b"
    if re.match(suite, texte, flags=re.I):
        return ""  # no capacity, only what a sentence adds
    return re.split(rf",?\s+{suite}", texte, maxsplit=1, flags=re.I)[0].strip(" ,;.")


def _qualite(qualite: str | None) -> tuple[str | None, str | None]:
    """A capacity as printed under a name (« La Directrice générale des services, ») → the capacity
    without its article, and the civilité the article gives (« la » → « Mme »)."""
    if not qualite:
        return None, None
    texte = _capacite(qualite)
    if not texte:
        return None, None
    premier, _, reste = texte.partition(" ")
    civilite = {"le": "M.", "la": "Mme"}.get(_plie(premier))
    if civilite and reste:
        texte = reste
    return texte[:1].upper() + texte[1:], civilite


def _lieu(location: Location) -> str:
    """The document and the place in it a Word user finds (its heading and rank, its table)."""
    nom = Path(location.file).name
    lieu = location.landmark or location.part
    return f"{nom}, {lieu}" if lieu else nom


# --- the builder --------------------------------------------------------------------------------------


class _Batisseur:
    def __init__(self, lu: Releve) -> None:
        self.lu = lu
        self.resultat = Import(CommentedMap())
        self._lus: dict[Path, ReadDocument] = {}
        self._commentaires: list[tuple[CommentedMap, str, str]] = []
        self.trous: list[tuple[CommentedMap, str, str]] = []  # (carte, clé, champ) left to complete
        self.a_relire: list[tuple[CommentedMap, str]] = []  # deduced: read again through the templates
        self.identifiants: set[str] = set()  # the affaires' ids given so far

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

    # writing

    def completer(self, carte: CommentedMap, cle: str, champ: str, quoi: str) -> None:
        carte[cle] = ""
        self.resultat.a_completer.append(champ)
        self.trous.append((carte, cle, champ))
        self._commentaires.append((carte, cle, f"{A_COMPLETER} : {quoi}"))

    def suggerer(self, carte: CommentedMap, cle: str, suggestion: str) -> None:
        """Add to the « À COMPLÉTER » comment of a field what a document may say of it."""
        self._commentaires = [
            (c, k, f"{t} ; {suggestion}" if c is carte and k == cle and t.startswith(A_COMPLETER) else t)
            for c, k, t in self._commentaires
        ]

    def remplir(self, carte: CommentedMap, cle: str, champ: str, valeur: object, note: str) -> None:
        """A field left to complete that was read after all: `valeur`, and `note` says where."""
        carte[cle] = valeur
        self.resultat.a_completer.remove(champ)
        self._commentaires = [
            (c, k, t)
            for c, k, t in self._commentaires
            if not (c is carte and k == cle and t.startswith(A_COMPLETER))
        ]
        self.commenter(carte, cle, note)

    def commenter(self, carte: CommentedMap, cle: str, texte: str) -> None:
        self._commentaires.append((carte, cle, texte))

    def ecrire(self, carte: CommentedMap, cle: str, valeur: object, champ: str, quoi: str) -> None:
        """`valeur` at `cle`, else an empty value to complete (`quoi` says what)."""
        if valeur is None or valeur == "" or valeur == []:
            self.completer(carte, cle, champ, quoi)
        else:
            carte[cle] = valeur

    def attacher(self) -> None:
        vus: dict[tuple[int, str], list[str]] = {}
        cartes: dict[int, CommentedMap] = {}
        for carte, cle, texte in self._commentaires:
            vus.setdefault((id(carte), cle), []).append(texte)
            cartes[id(carte)] = carte
        places = calque.chemins(self.resultat.donnees)
        for (ident, cle), textes in vus.items():
            carte = cartes[ident]
            if cle not in carte:
                continue
            # a key's column: 2 for each mapping and each sequence it is in (as `sauver._yaml` indents)
            profondeur = 2 * (len(places.get((ident, cle), (cle,))) - 1)
            carte.yaml_set_comment_before_after_key(cle, before="\n".join(textes), indent=profondeur)


def _documents(affaire: AffaireLue, genre: DocumentKind) -> list[DocumentFaits]:
    return [d for d in affaire.documents if d.genre is genre]


def _rang(document: DocumentFaits) -> int:
    return _ORDRE.get(document.genre, 9) if document.genre else 9


def _premier(faits: Iterable[tuple[DocumentFaits, Fait]]) -> Fait | None:
    """The fact of the document that states it best (délibération first), else None."""
    tries = sorted(faits, key=lambda df: _rang(df[0]))
    return tries[0][1] if tries else None


def _de(document: DocumentFaits | None, sorte: Sorte, *roles: Role) -> list[Fait]:
    return list(document.de(sorte, *roles)) if document is not None else []


def _majoritaire(valeurs: Sequence[Any]) -> Any:
    return Counter(valeurs).most_common(1)[0][0] if valeurs else None


def _personne_de(fait: Fait | None, civilite: str | None = None) -> str | None:
    return _designation(fait.valeur, civilite) if fait and isinstance(fait.valeur, Personne) else None


def _signataire(fait: Fait | None) -> CommentedMap | None:
    """{personne, qualite} from a person fact with a capacity."""
    if fait is None or not isinstance(fait.valeur, Personne):
        return None
    qualite, civilite = _qualite(fait.valeur.qualite)
    personne = _designation(fait.valeur, civilite)
    if personne is None or qualite is None:
        return None
    carte = CommentedMap()
    carte["personne"], carte["qualite"] = personne, qualite
    return carte


def _visa_acte(acte: ActeCite) -> CommentedMap | None:
    instance = _INSTANCES.get(_plie(acte.instance or ""))
    if instance is None or acte.date is None or not acte.titre:
        return None
    visa = CommentedMap()
    visa["instance"] = instance
    if acte.numero and re.fullmatch(r"\d{4}-\d{1,4}", acte.numero):
        visa["numero"] = acte.numero
    visa["date"] = acte.date
    visa["titre"] = acte.titre
    return visa


# --- document structure: paragraphs, articles, visas ----------------------------------------------


def _places(document: DocumentFaits, *sortes: Sorte) -> set[str]:
    """The places (parts) of the document that hold a fact of one of `sortes`."""
    return {f.lieu.part or "" for f in document.faits if f.sorte in sortes}


_ADOPTION = re.compile(r"^\W*(?:adopt|rejet)[ée]|\bunanimit[ée]", re.IGNORECASE)


_LIEU_SIGNATURE = re.compile(r"^\W*fait\s+(?:à|a)\s+\w", re.IGNORECASE)


def _titre_et_texte(suite: str) -> tuple[str, str]:
    """What follows « Article N » in its paragraph: the article's title, and its text when the
    paragraph goes on with it (« ARTICLE 1 - OBJET : La présente convention… »)."""
    titre, deux_points, texte = suite.partition(" : ")
    if deux_points and len(titre) <= 40 and (len(texte) >= 40 or texte.rstrip().endswith((".", ";"))):
        return titre.strip(), texte.strip()
    if len(suite) > 120:  # a sentence, not a title
        return "", suite
    return suite, ""


def _adoption(b: _Batisseur, document: DocumentFaits) -> str | None:
    """The paragraph that says the act was voted without counting the votes (« Adopté à
    l'unanimité »), if any."""
    return next((_espaces(p.text) for p in b.pieces(document) if _ADOPTION.search(_espaces(p.text))), None)


def _articles(b: _Batisseur, document: DocumentFaits) -> list[CommentedMap]:
    """The articles: each paragraph « Article N » (its title after the number) and the paragraphs
    that follow it, until the attendance, the vote or a signature (paragraphs holding such facts),
    or a table that is not an imputation table. A paragraph ending with « : » right before that end
    introduces it and is left out."""
    arret = _places(document, Sorte.VOTE, Sorte.PRESENCE, Sorte.PERSONNE, Sorte.IDENTIFIANT_ACTES)
    imputations = {f.lieu.part for f in document.faits if f.role in (Role.CP, Role.PROPOSITION)}
    articles: list[CommentedMap] = []
    tables_vues: set[str] = set()
    apres_tableau = 0
    for piece in b.pieces(document):
        if piece.part.startswith(("pied", "en-tête")) or not piece.text.strip():
            continue
        if piece.table is not None:
            if not articles or piece.table in tables_vues:
                continue
            tables_vues.add(piece.table)
            cellules = [p.part for p in b.pieces(document) if p.table == piece.table]
            if imputations.intersection(cellules):
                articles[-1]["tableau_imputation"] = True
                apres_tableau = len(articles[-1]["paragraphes"])
                continue
            break
        texte = _espaces(piece.text)
        if articles and (piece.part in arret or _ADOPTION.search(texte)):
            break
        if m := _ARTICLE.match(texte):
            apres_tableau = 0
            article = CommentedMap()
            titre, texte_article = _titre_et_texte(m["titre"])
            if titre:
                article["titre"] = titre
            article["paragraphes"] = CommentedSeq([texte_article] if texte_article else [])
            articles.append(article)
        elif articles and _LIEU_SIGNATURE.match(texte):
            break  # « Fait à Arras, le … »: the signatures follow
        elif articles:
            articles[-1]["paragraphes"].append(texte)
    dernier = articles[-1] if articles else None
    if (
        dernier is not None
        and len(dernier["paragraphes"]) > 1
        and dernier["paragraphes"][-1].endswith(":")
        and (not dernier.get("tableau_imputation") or apres_tableau < len(dernier["paragraphes"]))
    ):
        dernier["paragraphes"].pop()
    for article in articles:
        if "tableau_imputation" in article:  # the key after the paragraphs, as the model lists them
            article.move_to_end("tableau_imputation")
    return articles


def _visas(b: _Batisseur, document: DocumentFaits, avis: set[date]) -> list[Any]:
    """The visas: each paragraph opening with « Vu », as the act it cites (an `ACTE_CITE` fact with
    instance, date and title), else as written. The visas of the rapport and of the commission's
    avis, which the act states from other facts, are left out (the one citing « le rapport », one
    whose date is the avis date read in the affaire)."""
    actes = {f.lieu.part: f.valeur for f in document.de(Sorte.ACTE_CITE) if isinstance(f.valeur, ActeCite)}
    dates: dict[str, set[object]] = {}
    for fait in document.de(Sorte.DATE):
        dates.setdefault(fait.lieu.part or "", set()).add(fait.valeur)
    visas: list[Any] = []
    for piece in b.pieces(document):
        mots = _plie(piece.text).split(" ")
        if piece.table is not None or mots[0] != "vu" or "rapport" in mots[1:3]:
            continue
        if piece.part not in actes and avis & dates.get(piece.part, set()):
            continue
        acte = actes.get(piece.part)
        visa = _visa_acte(acte) if acte is not None else None
        if visa is None:
            visa = CommentedMap()
            visa["texte"] = _espaces(piece.text).rstrip(" ;")
        visas.append(visa)
    return visas


# --- collectivité and séance ----------------------------------------------------------------------


def _collectivite(b: _Batisseur, affaires: Sequence[AffaireLue]) -> CommentedMap:
    carte = CommentedMap()
    tous = [(d, f) for a in affaires for d in a.documents for f in d.faits]
    siret = _premier((d, f) for d, f in tous if f.sorte is Sorte.SIRET and f.role is Role.COLLECTIVITE)
    acte = _premier((d, f) for d, f in tous if f.sorte is Sorte.IDENTIFIANT_ACTES)
    representant = _premier(
        (d, f) for d, f in tous if f.sorte is Sorte.PERSONNE and f.role is Role.REPRESENTANT_COLLECTIVITE
    )
    b.completer(
        carte, "nom", "collectivite.nom", "le nom de la collectivité (« Département du Pas-de-Calais »)"
    )
    b.completer(
        carte, "designation", "collectivite.designation", "comment les actes la nomment (« le Département »)"
    )
    b.ecrire(
        carte,
        "code_departement",
        str(acte.valeur)[:3] if acte else None,
        "collectivite.code_departement",
        "le code du département dans ACTES (« 062 »)",
    )
    if acte:
        b.commenter(
            carte, "code_departement", "déduit : les trois premiers caractères de l'identifiant ACTES"
        )
    b.ecrire(
        carte,
        "siret",
        str(siret.valeur) if siret else None,
        "collectivite.siret",
        "le SIRET de la collectivité",
    )
    b.completer(carte, "siege", "collectivite.siege", "l'adresse du siège ({lignes: [...]})")
    president = _personne_de(representant)
    qualite = (
        representant.valeur.qualite if representant and isinstance(representant.valeur, Personne) else None
    )
    b.ecrire(carte, "president", president, "collectivite.president", "le président (« M. Prénom NOM »)")
    b.ecrire(
        carte,
        "qualite_president",
        _capacite(qualite) if qualite else None,
        "collectivite.qualite_president",
        "le titre du président (« Président du Conseil départemental »)",
    )
    # the directeur général: who signs a délibération for the president
    nom_president = (
        _plie(representant.valeur.nom) if representant and isinstance(representant.valeur, Personne) else None
    )
    directeur = next(
        (
            signe
            for d, f in tous
            if d.genre is DocumentKind.DELIBERATION
            and f.sorte is Sorte.PERSONNE
            and f.role is Role.SIGNATAIRE
            and isinstance(f.valeur, Personne)
            and _plie(f.valeur.nom) != nom_president
            and (signe := _signataire(f)) is not None
        ),
        None,
    )
    if directeur is not None:
        carte["directeur_general"] = directeur
        b.a_relire.append((directeur, "qualite"))
        b.commenter(carte, "directeur_general", "déduit : qui signe les délibérations pour le président")
    else:
        b.completer(
            carte, "directeur_general", "collectivite.directeur_general", "qui signe pour le président"
        )
    b.completer(carte, "ville", "collectivite.ville", "la ville où les actes sont signés")
    b.completer(
        carte,
        "tribunal_administratif",
        "collectivite.tribunal_administratif",
        "le tribunal administratif compétent",
    )
    return carte


def _seance(b: _Batisseur, affaires: Sequence[AffaireLue]) -> CommentedMap:
    carte = CommentedMap()
    deliberation = next(
        (
            d
            for a in affaires
            for d in a.documents
            if d.genre is DocumentKind.DELIBERATION and d.de(Sorte.PERSONNE, Role.PRESENTS)
        ),
        None,
    )
    dates = [
        f.valeur for a in affaires for _, f in a.faits(Sorte.DATE, Role.SEANCE) if isinstance(f.valeur, date)
    ]
    b.completer(carte, "instance", "seance.instance", "commission_permanente ou conseil_departemental")
    b.ecrire(carte, "date", _majoritaire(dates), "seance.date", "la date de la séance (AAAA-MM-JJ)")
    b.completer(carte, "lieu", "seance.lieu", "la ville où la séance se tient")

    def noms(role: Role) -> list[str]:
        return [p for f in _de(deliberation, Sorte.PERSONNE, role) if (p := _personne_de(f))]

    presents = noms(Role.PRESENTS)
    president = next(iter(_de(deliberation, Sorte.PERSONNE, Role.PRESIDENT_SEANCE)), None)
    nom_president = None
    if president is not None and isinstance(president.valeur, Personne):
        plie = _plie(president.valeur.nom)
        nom_president = next((p for p in presents if _plie(p.split(" ", 1)[1]) == plie), None)
        nom_president = nom_president or _personne_de(president)
    b.ecrire(
        carte, "president", nom_president, "seance.president", "le président de séance (« M. Prénom NOM »)"
    )
    secretaire = next(iter(_de(deliberation, Sorte.PERSONNE, Role.SECRETAIRE_SEANCE)), None)
    b.ecrire(carte, "secretaire", _personne_de(secretaire), "seance.secretaire", "le secrétaire de séance")
    excuses = noms(Role.EXCUSES)
    pouvoirs = CommentedSeq()
    for fait in _de(deliberation, Sorte.PERSONNE, Role.POUVOIRS):
        if (mandant := _personne_de(fait)) and fait.cle:
            pouvoirs.append(CommentedMap([("mandant", mandant), ("mandataire", fait.cle)]))
    if presents:
        carte["membres_en_exercice"] = len(presents) + len(excuses)
        b.commenter(carte, "membres_en_exercice", "déduit : les présents et les excusés ; à vérifier")
    else:
        b.completer(
            carte, "membres_en_exercice", "seance.membres_en_exercice", "le nombre de membres en exercice"
        )
    b.ecrire(carte, "presents", CommentedSeq(presents), "seance.presents", "les membres présents")
    # a délibération that counts the excused members or the proxies but names none of them
    comptes: dict[Role, int] = {}
    for affaire in affaires:
        for document in _documents(affaire, DocumentKind.DELIBERATION):
            for fait in document.de(Sorte.PRESENCE):
                if isinstance(fait.valeur, int):
                    comptes.setdefault(fait.role, fait.valeur)
    for cle, valeur, role, quoi in (
        ("excuses", excuses, Role.EXCUSES, "membre(s) excusé(s)"),
        ("pouvoirs", pouvoirs, Role.POUVOIRS, "pouvoir(s)"),
    ):
        if not valeur and comptes.get(role, 0) > 0:
            b.completer(
                carte,
                cle,
                f"seance.{cle}",
                f"{comptes[role]} {quoi}, que la délibération compte sans les nommer",
            )
        else:
            carte[cle] = CommentedSeq(valeur) if cle == "excuses" else valeur
    return carte


# --- affaires -------------------------------------------------------------------------------------

_COLONNES = {
    Role.CP: "credits_paiement",
    Role.DISPONIBLE: "disponible",
    Role.PROPOSITION: "proposition",
    Role.SOLDE: "solde",
}


def _identifiant(affaire: AffaireLue, nom: str | None) -> str:
    base = _plie(nom or affaire.nom)
    return re.sub(r"[^a-z0-9]+", "-", base).strip("-")[:40] or "affaire"


def _imputations(b: _Batisseur, affaire: AffaireLue) -> list[CommentedMap]:
    """The imputation rows: their figures from the facts (CP, disponible, proposition, keyed by
    row), their code, imputation and label from the row's other cells, in order."""
    documents = sorted(
        (d for d in affaire.documents if d.genre in (DocumentKind.RAPPORT, DocumentKind.DELIBERATION)),
        key=lambda d: 0 if d.genre is DocumentKind.RAPPORT else 1,
    )
    par_code: dict[str, CommentedMap] = {}
    for document in documents:
        lignes: dict[str, dict[str, Decimal]] = {}
        places: dict[str, str] = {}
        for fait in document.faits:
            if fait.role in _COLONNES and fait.cle and isinstance(fait.valeur, Decimal):
                lignes.setdefault(fait.cle, {}).setdefault(_COLONNES[fait.role], fait.valeur)
                places.setdefault(fait.cle, fait.lieu.part or "")
        cellules = {p.part: p for p in b.pieces(document) if p.table is not None}
        for cle, montants in lignes.items():
            cellule = cellules.get(places[cle])
            textes: list[str] = []
            entetes: list[str] = []
            if cellule is not None:
                rangee = sorted(
                    (p for p in cellules.values() if p.table == cellule.table and p.row == cellule.row),
                    key=lambda p: p.column or 0,
                )
                for p in rangee:
                    with contextlib.suppress(ValueError):
                        lire_euros(p.text)
                        continue
                    textes.append(_espaces(p.text))
                    entetes.append(p.header)
            if textes and _plie(textes[0]).startswith(("total", "sous-total", "sous total")):
                continue  # a table's total row is no imputation
            champs = _champs_imputation(textes, entetes)
            code = champs.get("code_operation") or (textes[0] if textes else cle)
            # the same row in another document: the same code, or a cell the same
            carte = par_code.get(code) or next(
                (
                    c
                    for c in par_code.values()
                    if set(champs.values()) & {v for v in c.values() if isinstance(v, str)}
                ),
                None,
            )
            if carte is None:
                carte = par_code[code] = CommentedMap()
            for champ, texte in champs.items():
                carte.setdefault(champ, texte)
            for champ, valeur in montants.items():
                carte.setdefault(champ, valeur)
    resultat = []
    for code, lue in par_code.items():
        carte = CommentedMap()
        deduit = "disponible" not in lue and {"solde", "proposition"} <= set(lue)
        if deduit:  # a table that writes what is left after the proposition, not what was before
            lue["disponible"] = lue["solde"] + lue["proposition"]
        for champ in (
            "code_operation",
            "imputation",
            "libelle",
            "credits_paiement",
            "disponible",
            "proposition",
        ):
            b.ecrire(
                carte,
                champ,
                lue.get(champ),
                f"imputation {code}.{champ}",
                f"{champ.replace('_', ' ')} de l'imputation",
            )
        if deduit:
            b.commenter(carte, "disponible", "déduit : le solde écrit plus la proposition")
        resultat.append(carte)
    return resultat


def _champs_imputation(textes: Sequence[str], entetes: Sequence[str]) -> dict[str, str]:
    """The code, imputation and label of an imputation row, from the texts of its cells: by the
    column's title when it says (« Code opération », « Imputation », « Libellé »), else in the
    order the shipped templates write them."""
    champs: dict[str, str] = {}
    restes: list[str] = []
    for texte, entete in zip(textes, entetes, strict=True):
        titre = _plie(entete)
        champ = (
            "code_operation"
            if "code" in titre
            else "imputation"
            if "imputation" in titre
            else "libelle"
            if any(m in titre for m in ("libelle", "intitule", "objet", "operation"))
            else None
        )
        if champ is not None and champ not in champs:
            champs[champ] = texte
        else:
            restes.append(texte)
    for texte in list(restes):  # « 6574//937 », « 204142//93738 »: a nature and a function
        if "imputation" not in champs and re.fullmatch(r"\d{2,6}\s*/{1,2}\s*\d{1,5}", texte):
            champs["imputation"] = texte
            restes.remove(texte)
    for champ in ("code_operation", "imputation", "libelle"):
        if champ not in champs and restes:
            champs[champ] = restes.pop(0)
    return {champ: champs[champ] for champ in ("code_operation", "imputation", "libelle") if champ in champs}


def _affaire(b: _Batisseur, affaire: AffaireLue) -> CommentedMap:
    carte = CommentedMap()
    deliberations = _documents(affaire, DocumentKind.DELIBERATION)
    rapports = _documents(affaire, DocumentKind.RAPPORT)
    conventions = _documents(affaire, DocumentKind.CONVENTION)
    budgets = _documents(affaire, DocumentKind.BUDGET)
    nom_fait = _premier(affaire.faits(Sorte.BENEFICIAIRE, Role.BENEFICIAIRE))
    nom = str(nom_fait.valeur) if nom_fait else None
    ident = _identifiant(affaire, nom)
    if ident in b.identifiants:  # two affaires for one beneficiary: told apart by their act number
        numero = _premier(affaire.faits(Sorte.NUMERO, Role.DELIBERATION))
        base = f"{ident}-{numero.valeur}" if numero else ident
        ident, rang = base, 2
        while ident in b.identifiants:
            ident, rang = f"{base}-{rang}", rang + 1
    b.identifiants.add(ident)
    carte["id"] = ident
    titre = _premier(affaire.faits(Sorte.TITRE))
    b.ecrire(
        carte,
        "titre",
        re.sub(r"^objet\s*:\s*", "", _espaces(str(titre.valeur)), flags=re.I) if titre else None,
        f"{ident}.titre",
        "le titre de l'affaire",
    )
    if titre:
        b.commenter(carte, "titre", "tel que l'acte l'imprime (en capitales) ; à récrire en casse normale")

    beneficiaire = CommentedMap()
    b.ecrire(beneficiaire, "nom", nom, f"{ident}.beneficiaire.nom", "le nom du bénéficiaire")
    b.completer(
        beneficiaire,
        "forme_juridique",
        f"{ident}.beneficiaire.forme_juridique",
        "la forme juridique (association, commune…)",
    )
    siret = _premier(affaire.faits(Sorte.SIRET, Role.BENEFICIAIRE))
    b.ecrire(
        beneficiaire,
        "siret",
        str(siret.valeur) if siret else None,
        f"{ident}.beneficiaire.siret",
        "le SIRET du bénéficiaire (14 chiffres)",
    )
    b.completer(beneficiaire, "siege", f"{ident}.beneficiaire.siege", "l'adresse du siège ({lignes: [...]})")
    representant = _premier(affaire.faits(Sorte.PERSONNE, Role.REPRESENTANT_BENEFICIAIRE))
    signataire = _signataire(representant)
    b.ecrire(
        beneficiaire,
        "representant",
        signataire,
        f"{ident}.beneficiaire.representant",
        "qui représente le bénéficiaire ({personne: « M. Prénom NOM », qualite: …})",
    )
    if signataire is not None:
        b.a_relire.append((signataire, "qualite"))
    carte["beneficiaire"] = beneficiaire
    b.ecrire(
        carte,
        "imputations",
        CommentedSeq(_imputations(b, affaire)),
        f"{ident}.imputations",
        "les imputations budgétaires",
    )
    carte["rapport"] = _rapport(b, affaire, rapports, ident)
    carte["deliberation"] = _deliberation(b, affaire, deliberations, ident)
    if conventions:
        acte = carte["deliberation"].get("numero"), carte.get("titre")
        carte["convention"] = _convention(b, conventions[0], ident, acte)
    annexes = _annexes(b, affaire, budgets, conventions)
    if annexes:
        carte["annexes"] = CommentedSeq(annexes)
    return carte


def _rapport(b: _Batisseur, affaire: AffaireLue, rapports: list[DocumentFaits], ident: str) -> CommentedMap:
    carte = CommentedMap()
    numero = _premier(affaire.faits(Sorte.NUMERO, Role.RAPPORT))
    b.ecrire(
        carte,
        "numero",
        int(str(numero.valeur)) if numero else None,
        f"{ident}.rapport.numero",
        "le numéro du rapport",
    )
    b.completer(carte, "pole", f"{ident}.rapport.pole", "le pôle")
    b.completer(carte, "mission", f"{ident}.rapport.mission", "la mission ou direction")
    b.completer(carte, "expose", f"{ident}.rapport.expose", "l'exposé du rapport (une liste de paragraphes)")
    b.completer(
        carte, "propositions", f"{ident}.rapport.propositions", "les propositions (une liste de paragraphes)"
    )
    avis = CommentedMap()
    b.completer(avis, "numero", f"{ident}.rapport.avis.numero", "le numéro de la commission")
    b.completer(avis, "nom", f"{ident}.rapport.avis.nom", "le nom de la commission")
    jour = _premier(affaire.faits(Sorte.DATE, Role.AVIS))
    b.ecrire(avis, "date", jour.valeur if jour else None, f"{ident}.rapport.avis.date", "la date de l'avis")
    b.completer(avis, "avis", f"{ident}.rapport.avis.avis", "favorable, défavorable ou réservé")
    carte["avis"] = avis
    return carte


def _deliberation(
    b: _Batisseur, affaire: AffaireLue, deliberations: list[DocumentFaits], ident: str
) -> CommentedMap:
    carte = CommentedMap()
    document = deliberations[0] if deliberations else None
    numero = _premier(affaire.faits(Sorte.NUMERO, Role.DELIBERATION))
    b.ecrire(
        carte,
        "numero",
        str(numero.valeur) if numero else None,
        f"{ident}.deliberation.numero",
        "le numéro de la délibération (AAAA-NNN)",
    )
    avis = {f.valeur for _, f in affaire.faits(Sorte.DATE, Role.AVIS) if isinstance(f.valeur, date)}
    visas = _visas(b, document, avis) if document else []
    b.ecrire(
        carte, "visas", CommentedSeq(visas), f"{ident}.deliberation.visas", "les visas de la délibération"
    )
    articles = _articles(b, document) if document else []
    b.ecrire(
        carte,
        "articles",
        CommentedSeq(articles),
        f"{ident}.deliberation.articles",
        "les articles de la délibération",
    )
    if articles:
        b.commenter(carte, "articles", "déduit : les paragraphes qui suivent chaque « Article N » ; à relire")
    votes = {f.role: f.valeur for f in _de(document, Sorte.VOTE)}
    if Role.POUR in votes:
        vote = CommentedMap()
        for cle, role in (
            ("pour", Role.POUR),
            ("contre", Role.CONTRE),
            ("abstention", Role.ABSTENTION),
            ("ne_prend_pas_part", Role.NE_PREND_PAS_PART),
        ):
            if isinstance(votes.get(role), int):
                vote[cle] = votes[role]
        carte["vote"] = vote
    elif document is not None and (adopte := _adoption(b, document)) is not None:
        b.completer(
            carte,
            "vote",
            f"{ident}.deliberation.vote",
            f"le vote (pour, contre, abstention) : la délibération écrit « {adopte} » sans compter les voix",
        )
    elif document is not None:
        carte["etat"] = "projet"
        b.commenter(carte, "etat", "déduit : la délibération n'écrit aucun vote")
    acte = next(iter(_de(document, Sorte.IDENTIFIANT_ACTES)), None)
    if acte is not None:
        acquittement = CommentedMap()
        acquittement["identifiant"] = str(acte.valeur)
        for cle, quoi in (
            ("date_transmission", "le jour où l'acte a été transmis (AAAA-MM-JJ)"),
            ("date_reception", "le jour où la préfecture l'a reçu (AAAA-MM-JJ)"),
            ("date_publication", "le jour de sa publication (AAAA-MM-JJ)"),
        ):
            b.completer(acquittement, cle, f"{ident}.deliberation.acquittement.{cle}", quoi)
        carte["acquittement"] = acquittement
    return carte


def _convention(
    b: _Batisseur, document: DocumentFaits, ident: str, acte: tuple[object, object]
) -> CommentedMap:
    """The convention; `acte`: the number and title of the affaire's délibération, which is the
    one that authorises signing when the convention cites its number."""
    carte = CommentedMap()
    champ = f"{ident}.convention"
    b.completer(carte, "titre", f"{champ}.titre", "le titre de la convention")
    b.completer(carte, "objet", f"{champ}.objet", "l'objet de la convention")
    periode = next(
        (f.valeur for f in document.de(Sorte.PERIODE, Role.REALISATION) if isinstance(f.valeur, Periode)),
        None,
    )
    b.ecrire(
        carte, "annee", periode.debut.year if periode else None, f"{champ}.annee", "l'année de la convention"
    )
    if periode:
        b.commenter(carte, "annee", "déduit : l'année où commence la période de réalisation")
    visas = _visas(b, document, set())
    if visas:
        carte["visas"] = CommentedSeq(visas)
    b.ecrire(
        carte,
        "debut",
        periode.debut if periode else None,
        f"{champ}.debut",
        "le début de la période de réalisation",
    )
    b.ecrire(
        carte, "fin", periode.fin if periode else None, f"{champ}.fin", "la fin de la période de réalisation"
    )
    echeance = next(iter(document.de(Sorte.DATE, Role.ECHEANCE)), None)
    b.ecrire(
        carte,
        "date_limite_bilan",
        echeance.valeur if echeance else None,
        f"{champ}.date_limite_bilan",
        "la date limite du bilan",
    )
    articles = _articles(b, document)
    b.ecrire(carte, "articles", CommentedSeq(articles), f"{champ}.articles", "les articles de la convention")
    if articles:
        b.commenter(carte, "articles", "déduit : les paragraphes qui suivent chaque « Article N » ; à relire")
    for cle, role in (
        ("signataire_collectivite", Role.SIGNATAIRE_COLLECTIVITE),
        ("signataire_beneficiaire", Role.SIGNATAIRE_BENEFICIAIRE),
    ):
        signataire = next(
            (s for f in document.de(Sorte.PERSONNE, role) if (s := _signataire(f)) is not None), None
        )
        b.ecrire(carte, cle, signataire, f"{champ}.{cle}", "qui signe ({personne, qualite})")
        if signataire is not None:  # the capacity as the convention writes it, article included
            b.a_relire.append((signataire, "qualite"))
    autorisation = next(
        (f.valeur for f in document.de(Sorte.ACTE_CITE, Role.AUTORISATION) if isinstance(f.valeur, ActeCite)),
        None,
    )
    if autorisation is not None and autorisation.numero:
        numero, titre = acte
        if not autorisation.titre and autorisation.numero == numero and titre:
            autorisation = replace(autorisation, titre=str(titre))
        if (visa := _visa_acte(autorisation)) is not None:
            carte["autorisation"] = visa
            if autorisation.numero == numero:
                b.commenter(
                    carte, "autorisation", "déduit : la délibération de l'affaire, que la convention cite"
                )
    return carte


def _annexes(
    b: _Batisseur, affaire: AffaireLue, budgets: list[DocumentFaits], conventions: list[DocumentFaits]
) -> list[CommentedMap]:
    numeros: dict[int, CommentedMap] = {}
    for document in budgets:
        marque = next((f.valeur for f in document.de(Sorte.ANNEXE, Role.MARQUE)), None)
        numero = int(str(marque).rsplit(":", 1)[-1]) if marque is not None else len(numeros) + 1
        annexe = CommentedMap()
        annexe["type"] = "budget"
        b.completer(
            annexe, "titre", f"{affaire.nom}.annexe {numero}.titre", "le titre de l'annexe budgétaire"
        )
        tableau = next((f.valeur for f in document.de(Sorte.TABLEAU) if isinstance(f.valeur, Tableau)), None)
        lignes = CommentedSeq()
        for ligne in tableau.lignes if tableau else ():
            entree = CommentedMap()
            entree["intitule"] = _espaces(ligne.libelle)
            entree["montant"] = ligne.montant
            lignes.append(entree)
        b.ecrire(annexe, "lignes", lignes, f"{affaire.nom}.annexe {numero}.lignes", "les lignes du budget")
        numeros[numero] = annexe
    references: dict[int, str] = {}
    for _, fait in affaire.faits(Sorte.ANNEXE, Role.REFERENCE):
        quoi, _, rang_ecrit = str(fait.valeur).rpartition(":")
        if rang_ecrit.isdigit():
            references.setdefault(int(rang_ecrit), quoi)
    if conventions:
        rang_convention = min(
            (r for r, q in references.items() if q == "convention"), default=len(numeros) + 1
        )
        while rang_convention in numeros:
            rang_convention += 1
        annexe = CommentedMap()
        annexe["type"] = "convention"
        numeros[rang_convention] = annexe
    for rang in range(1, max([*numeros, *references], default=0) + 1):
        if rang not in numeros:
            annexe = CommentedMap()
            annexe["type"] = "document"
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


def _par_modeles(b: _Batisseur, affaires: Sequence[AffaireLue], modeles: Modeles) -> None:
    """Fill the fields no fact gave where the templates write them (`calque`)."""
    racine = b.resultat.donnees
    places = calque.chemins(racine)
    trous = []
    for carte, cle in [(c, k) for c, k, _ in b.trous] + b.a_relire:
        chemin = places.get((id(carte), cle))
        if chemin is not None:
            genre, exemple = calque.genre_du_champ(chemin), calque.exemple_du_champ(chemin)
            trous.append(calque.Trou(carte, cle, chemin, genre, exemple=exemple))
    trous += calque.facultatifs(racine)
    if not trous:
        return
    documents = []
    for rang, affaire in enumerate(affaires):
        for document in affaire.documents:
            if document.genre is None:
                continue
            marque = next((f.valeur for f in document.de(Sorte.ANNEXE, Role.MARQUE)), None)
            annexe = int(str(marque).rsplit(":", 1)[-1]) if marque is not None else None
            nom = Path(document.chemin).name + (f" « {document.partie} »" if document.partie else "")
            ident = str(racine["affaires"][rang]["id"])
            documents.append(calque.Piece(ident, document.genre, annexe, nom, b.pieces(document)))
    jours = [f.valeur for a in affaires for d in a.documents for f in d.faits if isinstance(f.valeur, date)]

    def charger() -> Dossier:
        try:
            return Dossier.model_validate(_simple(racine))
        except ValidationError as exc:
            raise DossierInvalide(Path("<import>"), erreurs_validation(exc)) from None

    lectures, surplus = calque.calquer(
        racine, trous, documents, modeles, charger, max(jours, default=date(2000, 1, 1))
    )
    champs = {(id(carte), cle): champ for carte, cle, champ in b.trous}
    for trou in trous:
        lecture = lectures.get((id(trou.carte), trou.cle))
        if lecture is None:
            continue
        valeur: Any = lecture.valeur
        if trou.genre in (list, model.Personne):
            valeur = CommentedSeq(valeur)
        elif trou.genre is Adresse:
            adresse = CommentedMap()
            adresse["lignes"] = CommentedSeq(valeur)
            valeur = adresse
        ou = ", ".join(lecture.documents[:2]) + (" …" if len(lecture.documents) > 2 else "")
        note = f"lu là où le modèle l'écrit : {ou}"
        if not lecture.sur:  # a guess, not a reading: a field to complete says it, others stay
            if (id(trou.carte), trou.cle) in champs:
                b.suggerer(
                    trou.carte,
                    trou.cle,
                    f"{ou}, qui ne suit pas le modèle, écrit peut-être « {_mots(lecture.valeur)} »",
                )
            continue
        if lecture.pdf:
            note += " ; lu dans un PDF, qui ne dit pas où finissent ses paragraphes : à relire"
        if not lecture.exact:
            note += " ; tel que le document l'imprime (le modèle le transforme : casse à vérifier)"
        if trou.facultatif:
            if _redondant(trou, lecture.valeur):
                continue
            if (complete := _titre_complet(trou, lecture.valeur)) is not None:
                cle, titre = complete  # the whole quoted title, where the facts cut it short
                trou.carte[cle] = titre
                b.commenter(trou.carte, cle, note)
                continue
            _inserer(trou.carte, trou.cle, valeur, trou.chemin)
            b.commenter(trou.carte, trou.cle, note)
        elif (id(trou.carte), trou.cle) not in champs:  # deduced, and written otherwise
            if trou.carte[trou.cle] != valeur:
                trou.carte[trou.cle] = valeur
                b.commenter(trou.carte, trou.cle, note)
        else:
            b.remplir(trou.carte, trou.cle, champs[(id(trou.carte), trou.cle)], valeur, note)
    _retirer_repetes(racine, surplus)


def _sans_fin(texte: str) -> str:
    return _espaces(texte).rstrip(" ;.")


def _retirer_repetes(racine: CommentedMap, surplus: dict[str, Counter[str]]) -> None:
    """Take out of the articles and visas the paragraphs that the template writes by itself
    (« Fait à Arras, le » read as an article's last paragraph, the commission's avis read as a
    visa): the render would write them twice."""
    for affaire in racine.get("affaires") or []:
        trop = Counter({_sans_fin(t): n for t, n in surplus.get(str(affaire["id"]), Counter()).items()})
        if not trop:
            continue
        for acte in (affaire.get("deliberation"), affaire.get("convention")):
            if not isinstance(acte, CommentedMap):
                continue
            visas = acte.get("visas")
            if isinstance(visas, CommentedSeq):
                for visa in list(visas):
                    cle = _sans_fin(str(visa.get("texte", ""))) if isinstance(visa, CommentedMap) else ""
                    if cle and trop[cle] > 0:
                        trop[cle] -= 1
                        visas.remove(visa)
            for article in acte.get("articles") or []:
                paragraphes = article.get("paragraphes") if isinstance(article, CommentedMap) else None
                if isinstance(paragraphes, CommentedSeq):
                    for texte in list(paragraphes)[::-1]:
                        cle = _sans_fin(str(texte))
                        if trop[cle] > 0:
                            trop[cle] -= 1
                            paragraphes.remove(texte)


def _mots(valeur: object) -> str:
    """A value read, as words in a comment (a list's items joined)."""
    if isinstance(valeur, tuple | list):
        return " / ".join(str(v) for v in valeur)
    return _espaces(str(valeur))


def _redondant(trou: calque.Trou, valeur: object) -> bool:
    """An optional field read with the value it has anyway (its default), or with another field
    of its map, quoted (`portant: « titre »` where the template writes the title alone)."""
    if valeur == calque.defaut_du_champ(trou.chemin):
        return True
    texte = _espaces(str(valeur))
    if texte.startswith("«") and texte.endswith("»"):
        texte = texte[1:-1].strip()
    return any(cle != trou.cle and _espaces(str(v)) == texte for cle, v in trou.carte.items())


def _titre_complet(trou: calque.Trou, valeur: object) -> tuple[str, str] | None:
    """An optional field read as « … » where the template writes another field of its map in
    guillemets, that field's value being the start of it (a title cut at a nested « »): that field
    and its whole value."""
    texte = _espaces(str(valeur))
    if not (texte.startswith("«") and texte.endswith("»")):
        return None
    entier = texte[1:-1].strip()
    for cle, v in trou.carte.items():
        if (
            cle != trou.cle
            and isinstance(v, str)
            and v
            and entier != _espaces(v)
            and entier.startswith(_espaces(v))
        ):
            return str(cle), entier
    return None


def _simple(valeur: Any) -> Any:
    """The YAML data as plain dicts and lists, as the loader gives them to the model."""
    if isinstance(valeur, dict):
        return {str(cle): _simple(v) for cle, v in valeur.items()}
    if isinstance(valeur, list):
        return [_simple(v) for v in valeur]
    return valeur


def _inserer(carte: CommentedMap, cle: str, valeur: object, chemin: Sequence[int | str]) -> None:
    """`cle` into `carte` at the rank the model gives its field, after the fields before it."""
    ordre = list(calque.champs_de(chemin[:-1], carte))
    rang = ordre.index(cle) if cle in ordre else len(ordre)
    position = sum(1 for k in carte if k in ordre and ordre.index(k) < rang)
    carte.insert(position, cle, valeur)


def _sans_pdf_doubles(lu: Releve) -> tuple[Releve, list[DocumentFaits]]:
    """Each act once, grouped again: a PDF made from a DOCX that is read too is set aside
    (`generate --pdf` writes both; the DOCX has its paragraphs and tables whole), and so is an act
    of a transmission PDF that a file of its folder holds too (the same kind and number, or the
    same kind when it has no number of its own). Returns the acts grouped, and those set aside."""
    documents = [d for a in lu.affaires for d in a.documents] + list(lu.non_rattaches)
    rang = {id(d): i for i, d in enumerate(documents)}
    retires = set(paires(documents))
    for affaire in lu.affaires:  # a PDF whose kind a DOCX of its affaire has
        genres_docx = {d.genre for d in affaire.documents if d.chemin.suffix.lower() == ".docx" and d.genre}
        retires |= {
            rang[id(d)]
            for d in affaire.documents
            if d.chemin.suffix.lower() == ".pdf" and d.genre in genres_docx
        }
    fichiers = [d for i, d in enumerate(documents) if d.partie is None and i not in retires]
    numeros = {(d.chemin.parent, d.genre, numero_propre(d)) for d in fichiers}
    genres = {(d.chemin.parent, d.genre) for d in fichiers}
    for i, document in enumerate(documents):
        if document.partie is None or document.genre is None:
            continue
        numero = numero_propre(document)
        if (document.chemin.parent, document.genre, numero) in numeros or (
            numero is None and (document.chemin.parent, document.genre) in genres
        ):
            retires.add(i)
    if not retires:
        return lu, []
    regroupes = grouper([d for i, d in enumerate(documents) if i not in retires])
    doubles = [documents[i] for i in sorted(retires)]
    return Releve(regroupes.affaires, lu.non_lus, regroupes.non_rattaches), doubles


def importer_detail(chemins: Sequence[Path | str], *, templates: Path | None = None) -> Import:
    """Read the documents (files or folders) and build the dossier they describe; see `importer`.
    `templates`: the folder of the templates the documents were written from (the shipped ones
    when None), to read the fields that only words state."""
    from actes62.checks.rules import audit

    modeles = Modeles(templates)
    modeles.verifier()  # a template that cannot be used is an error before any reading
    lu = releve([Path(c) for c in chemins])
    if not lu.affaires:
        for document in lu.non_lus:  # nothing else to import: the reason is the error
            raise DocumentIllisible(document.chemin, document.raison or "document illisible")
        raise Actes62Error("aucune affaire reconnue dans ces documents : aucun dossier à importer")
    lu, doubles = _sans_pdf_doubles(lu)
    b = _Batisseur(lu)
    inconnu = "ni délibération, ni rapport, ni convention, ni annexe budgétaire reconnue"
    b.resultat.ignores = (
        [(d.nom, d.raison or "document illisible") for d in lu.non_lus]
        + [
            (
                d.nom,
                "un acte du PDF de transmission que le dossier a aussi en fichier"
                if d.partie
                else "le PDF d'un DOCX lu",
            )
            for d in doubles
        ]
        + [(d.nom, inconnu) for a in lu.affaires for d in a.documents if d.genre is None]
        + [(d.nom, "rattaché à aucune affaire") for d in lu.non_rattaches]
    )
    affaires = list(lu.affaires)
    racine = b.resultat.donnees
    racine["collectivite"] = _collectivite(b, affaires)
    racine["seance"] = _seance(b, affaires)
    racine["affaires"] = CommentedSeq(_affaire(b, a) for a in affaires)
    index = {a.nom: i for i, a in enumerate(affaires)}
    for finding in audit(lu, select=["A0"]):
        _placer(b, racine, index, finding)
    _par_modeles(b, affaires, modeles)
    b.attacher()
    b.resultat.faits_lus = sum(len(d.faits) for a in affaires for d in a.documents)
    return b.resultat


def importer(
    chemins: Sequence[Path | str], *, templates: Path | None = None
) -> tuple[CommentedMap, list[Desaccord]]:
    """The dossier that existing documents (DOCX/PDF files or folders) describe, as YAML data
    (ruamel.yaml round-trip types, with `# À VÉRIFIER` and `# À COMPLÉTER` comments attached), and
    the disagreements found between the documents. Unreadable documents are set aside (see
    `Import.ignores`); raises `DocumentIllisible` (French message) when none can be read, for
    a missing or unreadable document; `templates`: the folder of the collectivité's templates the
    documents were written from (see `importer_detail`)."""
    resultat = importer_detail(chemins, templates=templates)
    return resultat.donnees, resultat.desaccords


def verifier_destination(destination: Path, *, force: bool = False) -> None:
    """Refuse, before any reading, a destination that cannot take the imported dossier: not a
    `.yaml` file (a document is never written over), a folder, or an existing file without `force`."""
    if destination.is_dir():
        raise Actes62Error(f"{destination} : c'est un dossier ; donnez le nom du fichier .yaml à écrire")
    if destination.suffix.lower() not in (".yaml", ".yml"):
        raise Actes62Error(
            f"{destination} : le dossier importé s'écrit dans un fichier .yaml (par exemple reprise.yaml)"
        )
    if (destination.exists() or destination.is_symlink()) and not force:
        raise FichierExistant(destination)


def ecrire_import(resultat: Import, destination: Path, *, force: bool = False) -> Path:
    """Write the imported dossier to `destination`, a `.yaml` file (never over an existing file
    without `force`)."""
    verifier_destination(destination, force=force)
    return ecrire_atomique(destination, resultat.en_yaml().encode("utf-8"))
