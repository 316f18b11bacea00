"""Reading documents through their templates: the fields that no fact states.

The facts stage reads figures, dates, persons and references. What a document says only in words
(the collectivité's name, the rapport's exposé, the convention's object, the commission's name)
has no mark of its own, but the template knows where it writes each of them. So the importer
gives each field it could not read a marker (a word, a number or a date that no document holds),
renders the templates with it, and lays each render over the document it stands for, as a
tracing:

- the paragraphs and cells of the render that read exactly like one of the document, in the same
  order, anchor the others;
- where a render writes a marker, the document's words at that place are the field's value: in the
  same paragraph when the render's paragraph has other words, else at the same rank between two
  anchors; a list of paragraphs (`rapport.expose`) is every paragraph between its anchors.

A value that several documents state is the one most of them give, a form the render writes
unchanged (`{{ collectivite.nom }}`) before a transformed one (`{{ collectivite.nom | upper }}`).
An enumeration (the instance, the avis, the forme juridique) cannot hold a marker: each value it
allows is rendered, and the one whose renders match the documents best is kept.

So the importer holds no copy of what the templates write: a collectivité's own templates
(`actes62 import --templates DIR`) are read back as they write.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import Enum
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from actes62.checks.attendus import Modeles, rendu_attendu
from actes62.errors import Actes62Error, DossierInvalide
from actes62.formats import lire_date, trouver_dates
from actes62.identify import pliage
from actes62.load import chemin_lisible
from actes62.model import Adresse, AnnexeBudget, DocumentKind, Dossier, Personne
from actes62.read import TextPiece

UNE_PERSONNE = "personne"
"""The genre of a field that holds one person (« M. Jean DUPONT »); `Personne` is a list of them."""

__all__ = [
    "UNE_PERSONNE",
    "Lecture",
    "Piece",
    "Trou",
    "calquer",
    "champs_de",
    "chemins",
    "defaut_du_champ",
    "en_trop",
    "exemple_du_champ",
    "facultatifs",
    "genre_du_champ",
]


@dataclass(frozen=True, eq=False)
class Trou:
    """A field the facts did not give: where it is in the YAML data, and what the model expects."""

    carte: CommentedMap
    cle: str
    chemin: tuple[int | str, ...]
    genre: Any  # str, int, date, Adresse, list (of paragraphs), or the values an enumeration allows
    facultatif: bool = False  # a field the model does not require: absent unless a document states it
    exemple: Any = None  # a valid value to render with when the field cannot hold a marker


@dataclass(frozen=True)
class Piece:
    """A document to lay a render over: its affaire (`id`), its kind, its annex
    number (for a budget annex), its name for the comments and its text pieces."""

    affaire: str
    genre: DocumentKind
    annexe: int | None
    nom: str
    pieces: Sequence[TextPiece]


@dataclass
class Lecture:
    """The value read for a field, and the documents it was read in."""

    valeur: Any
    documents: list[str] = field(default_factory=list)
    exact: bool = True  # read where the template writes it unchanged (not through `upper`…)
    sur: bool = True  # read in a document that follows its template (`suivi`)
    pdf: bool = False  # read in a PDF, whose lines do not say where its paragraphs end


# --- markers ---------------------------------------------------------------------------------------


def _genre(annotation: Any) -> Any:
    """What a field holds, from its annotation: str, int, date, Adresse, list (of texts), the tuple
    of values an enumeration or a Literal allows, or None (anything else)."""
    origine = get_origin(annotation)
    if origine is Annotated:
        return _genre(get_args(annotation)[0])
    if origine is Literal:
        return tuple(str(v) for v in get_args(annotation))
    if origine in (Union, UnionType):
        genres = [g for a in get_args(annotation) if a is not type(None) and (g := _genre(a)) is not None]
        return genres[0] if len(genres) == 1 else None
    if origine is list:
        [element] = get_args(annotation) or (None,)
        if element is Personne:
            return Personne  # a list of persons, written « M. Jean DUPONT, Mme Anne MARTIN »
        return list if _genre(element) is str else None
    if annotation is Personne:
        return UNE_PERSONNE
    if isinstance(annotation, type):
        if issubclass(annotation, Enum):
            return tuple(str(m.value) for m in annotation)
        for genre in (bool, Adresse, date, int, str):
            if issubclass(annotation, genre):
                return None if genre is bool else genre
    return None


def _classes(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [c for a in get_args(annotation) for c in _classes(a)]


def _champ(chemin: Sequence[int | str]) -> FieldInfo | None:
    classes: list[type[BaseModel]] = [Dossier]
    info: FieldInfo | None = None
    for element in chemin:
        if isinstance(element, int):
            continue
        classe = next((c for c in classes if element in c.model_fields), None)
        if classe is None:
            return None
        info = classe.model_fields[element]
        classes = _classes(info.annotation)
    return info


def genre_du_champ(chemin: Sequence[int | str]) -> Any:
    """What the dossier field at `chemin` holds (see `_genre`), or None when unknown."""
    info = _champ(chemin)
    return _genre(info.annotation) if info is not None else None


def defaut_du_champ(chemin: Sequence[int | str]) -> Any:
    """The value the model gives the field at `chemin` when the data does not set it (None when
    it has none)."""
    info = _champ(chemin)
    if info is None or info.is_required():
        return None
    return info.get_default(call_default_factory=True)


def exemple_du_champ(chemin: Sequence[int | str]) -> Any:
    """The first example the model gives for the field at `chemin` (a valid value), or None."""
    info = _champ(chemin)
    return _exemple(info) if info is not None else None


def _exemple(info: FieldInfo) -> Any:
    """The field's first example, else one built from the examples of its class's fields."""
    if info.examples:
        return info.examples[0]
    classes = _classes(info.annotation)
    exemples = [e for classe in classes if (e := _exemple_de(classe)) is not None]
    if get_origin(info.annotation) is list:
        return exemples[:1]
    return exemples[0] if len(classes) == 1 and exemples else None


def _exemple_de(classe: type[BaseModel]) -> dict[str, Any] | None:
    """A valid value of a model class, from the examples of its required fields."""
    donnee = {}
    for nom, champ in classe.model_fields.items():
        if champ.is_required():
            if (valeur := _exemple(champ)) is None:
                return None
            donnee[nom] = valeur
    return donnee


def _mot(rang: int) -> str:
    """A word no document holds, of a fixed length: « Qzxjaaaa », « Qzxjaaab »…"""
    lettres = ""
    for _ in range(4):
        rang, reste = divmod(rang, 26)
        lettres = "abcdefghijklmnopqrstuvwxyz"[reste] + lettres
    return f"Qzxj{lettres}"


@dataclass(frozen=True, eq=False)
class _Marque:
    trou: Trou
    jeton: str | int | date  # what the render shows where the field is written
    donnee: Any  # what the YAML data holds


def _marques(trous: Sequence[Trou], depart: date) -> list[_Marque]:
    marques = []
    for rang, trou in enumerate(trous):
        if trou.genre is None:
            continue
        if trou.genre in (str, list, Adresse):
            mot = _mot(rang)
            donnee: Any = {str: mot, list: [mot], Adresse: {"lignes": [mot]}}[trou.genre]
            marques.append(_Marque(trou, mot, donnee))
        elif trou.genre in (Personne, UNE_PERSONNE):
            personne = f"M. {_mot(rang)} {_mot(rang).upper()}"
            marques.append(_Marque(trou, personne, [personne] if trou.genre is Personne else personne))
        elif trou.genre is int:
            marques.append(_Marque(trou, 7919 + rang, 7919 + rang))
        elif trou.genre is date:  # in order, after every date of the dossier
            jour = depart + timedelta(days=4000 + 53 * rang)
            marques.append(_Marque(trou, jour, jour))
    return marques


# --- laying a render over a document ---------------------------------------------------------------

_ESPACES = re.compile(r"\s+")


def _plat(texte: str) -> str:
    return " ".join(texte.split())


@dataclass(frozen=True)
class _Motif:
    """A render's piece as a pattern: its words, and a group wherever it writes a marker."""

    texte: str
    regex: re.Pattern[str]
    groupes: tuple[tuple[_Marque, bool], ...]  # each group's marker, and whether written unchanged
    litteral: int  # letters and digits outside the markers
    en_capitales: frozenset[int] = frozenset()  # markers (id) the probe shows written in capitals
    transformes: frozenset[int] = frozenset()  # markers (id) the probe shows otherwise changed
    ouverts: frozenset[int] = frozenset()  # markers (id) with no words of the piece right before or after

    @property
    def ancre(self) -> bool:
        return self.litteral >= 3

    @property
    def liste(self) -> _Marque | None:
        """The list marker this piece is, alone (`{{ texte }}` of a loop over paragraphs)."""
        if len(self.groupes) == 1 and self.litteral == 0 and self.groupes[0][0].trou.genre is list:
            return self.groupes[0][0]
        return None


_MOTS = re.compile(r"M\. Qzxj[a-z]{4} QZXJ[A-Z]{4}|Qzxj[a-z]{4}", re.IGNORECASE)
_NOMBRES = re.compile(r"(?<!\d)\d{4,6}(?!\d)")


@dataclass(frozen=True)
class _Index:
    """The markers by what a render shows of them, to find them all in one pass over a text."""

    mots: dict[str, _Marque]  # folded words (and persons)
    nombres: dict[int, _Marque]
    jours: dict[date, _Marque]

    @classmethod
    def de(cls, marques: Sequence[_Marque]) -> _Index:
        mots = {m.jeton.casefold(): m for m in marques if isinstance(m.jeton, str)}
        nombres = {m.jeton: m for m in marques if isinstance(m.jeton, int)}
        jours = {m.jeton: m for m in marques if isinstance(m.jeton, date)}
        return cls(mots, nombres, jours)


def _occurrences(texte: str, index: _Index) -> list[tuple[int, int, _Marque, bool]]:
    trouvees: list[tuple[int, int, _Marque, bool]] = []
    if index.mots:
        for m in _MOTS.finditer(texte):
            if (marque := index.mots.get(m[0].casefold())) is not None:
                trouvees.append((m.start(), m.end(), marque, m[0] == marque.jeton))
    if index.nombres:
        for m in _NOMBRES.finditer(texte):
            if (marque := index.nombres.get(int(m[0]))) is not None:
                trouvees.append((m.start(), m.end(), marque, True))
    if index.jours:
        trouvees += [(d, f, index.jours[v], True) for d, f, v in trouver_dates(texte) if v in index.jours]
    trouvees.sort(key=lambda t: t[0])
    sans_chevauchement: list[tuple[int, int, _Marque, bool]] = []
    for occurrence in trouvees:
        if not sans_chevauchement or occurrence[0] >= sans_chevauchement[-1][1]:
            sans_chevauchement.append(occurrence)
    return sans_chevauchement


def _litteral(texte: str) -> str:
    return _ESPACES.sub(r"\\s+", re.escape(texte).replace("\\ ", " "))


def _mots_autour(texte: str) -> bool:
    """Whether the words of a piece next to a marker hold a letter or a digit: a comma alone does
    not tell where a value stops (« Hôtel du Département, rue Ferdinand Buisson, »)."""
    return any(c.isalnum() for c in texte)


def _motif(texte: str, index: _Index) -> _Motif:
    texte = _plat(texte)
    morceaux: list[str] = []
    groupes: list[tuple[_Marque, bool]] = []
    litteral = 0
    fin = 0
    ouverts: set[int] = set()
    occurrences = _occurrences(texte, index)
    for rang, (debut, fin_marque, marque, exact) in enumerate(occurrences):
        morceaux.append(_litteral(texte[fin:debut]))
        litteral += sum(c.isalnum() for c in texte[fin:debut])
        morceaux.append(r"(\d+)" if isinstance(marque.jeton, int) else "(.+?)")
        groupes.append((marque, exact))
        suivant = occurrences[rang + 1][0] if rang + 1 < len(occurrences) else len(texte)
        if not _mots_autour(texte[fin:debut]) or not _mots_autour(texte[fin_marque:suivant]):
            ouverts.add(id(marque))
        fin = fin_marque
    morceaux.append(_litteral(texte[fin:]))
    litteral += sum(c.isalnum() for c in texte[fin:])
    regex = re.compile("".join(morceaux), re.DOTALL)
    return _Motif(texte, regex, tuple(groupes), litteral, ouverts=frozenset(ouverts))


def _ancres(motifs: Sequence[_Motif], textes: Sequence[str]) -> list[tuple[int, int]]:
    """The longest chain of (render piece, document piece) that read alike, in the order of both."""
    par_texte: dict[str, list[int]] = {}
    for j, texte in enumerate(textes):
        par_texte.setdefault(texte, []).append(j)
    paires: list[tuple[int, int]] = []
    for i, motif in enumerate(motifs):
        if not motif.ancre:
            continue
        if not motif.groupes:
            paires += [(i, j) for j in reversed(par_texte.get(motif.texte, []))]
        else:
            paires += [(i, j) for j in reversed(range(len(textes))) if motif.regex.fullmatch(textes[j])]
    # longest chain increasing in both: pairs by i (j decreasing within an i), longest increasing j
    fins: list[int] = []  # fins[k]: the pair index ending the best chain of length k + 1
    parents: list[int | None] = []
    for rang, (_, j) in enumerate(paires):
        bas, haut = 0, len(fins)
        while bas < haut:
            milieu = (bas + haut) // 2
            if paires[fins[milieu]][1] < j:
                bas = milieu + 1
            else:
                haut = milieu
        parents.append(fins[bas - 1] if bas else None)
        if bas == len(fins):
            fins.append(rang)
        else:
            fins[bas] = rang
    chaine: list[tuple[int, int]] = []
    courant: int | None = fins[-1] if fins else None
    while courant is not None:
        chaine.append(paires[courant])
        courant = parents[courant]
    return chaine[::-1]


Capture = tuple[_Marque, Any, bool]  # marker, value read, written unchanged


def _captures(motif: _Motif, texte: str) -> list[Capture] | None:
    m = motif.regex.fullmatch(texte)
    if m is None:
        return None
    captures: list[Capture] = []
    vus: dict[int, Any] = {}
    for rang, (marque, exact) in enumerate(motif.groupes, start=1):
        if id(marque) in motif.transformes:
            continue  # written through a filter that changes it (`replace`…): not its value
        brut = m[rang].strip()
        valeur = _valeur(marque, brut)
        if valeur is None or vus.setdefault(id(marque), valeur) != valeur:
            return None
        captures.append((marque, valeur, exact and id(marque) not in motif.en_capitales))
    return captures


def _valeur(marque: _Marque, brut: str) -> Any:
    genre = marque.trou.genre
    if not brut:
        return None
    if genre is int:
        return int(brut)
    if genre is date:
        try:
            return lire_date(brut)
        except ValueError:
            return None
    if genre is Adresse:
        return tuple(ligne.strip() for ligne in brut.split(", ") if ligne.strip())
    if genre is list:
        return (brut,)
    if genre is Personne:
        personnes = tuple(p.strip() for p in re.split(r",\s+|\s+et\s+", brut.rstrip(" .")) if p.strip())
        return personnes if all(_PERSONNE.fullmatch(p) for p in personnes) else None
    if genre == UNE_PERSONNE:
        return brut if _PERSONNE.fullmatch(brut) else None
    return brut


_PERSONNE = re.compile(r"(?:M\.|Mme|Mlle|Monsieur|Madame)\s+\S+(?:\s+\S+)+")


def lire_par_calque(motifs: Sequence[_Motif], textes: Sequence[str]) -> list[Capture]:
    """What the document's pieces (`textes`, flattened) say where the render's pieces write markers."""
    captures: list[Capture] = []
    ancres = _ancres(motifs, textes)
    for i, j in ancres:
        if motifs[i].groupes:
            captures += _captures(motifs[i], textes[j]) or []
    bornes = [(-1, -1), *ancres, (len(motifs), len(textes))]
    for (i0, j0), (i1, j1) in itertools.pairwise(bornes):
        rendus = list(range(i0 + 1, i1))
        lus = list(range(j0 + 1, j1))
        if not any(motifs[i].groupes for i in rendus):
            continue
        listes = [k for k, i in enumerate(rendus) if motifs[i].liste is not None]
        if len(rendus) == len(lus):
            paires = list(zip(rendus, lus, strict=True))
        elif len(listes) == 1 and len(lus) >= len(rendus) - 1:
            k = listes[0]
            apres = len(rendus) - k - 1
            paires = list(zip(rendus[:k], lus[:k], strict=True))
            paires += list(zip(rendus[k + 1 :], lus[len(lus) - apres :], strict=True))
            marque = motifs[rendus[k]].liste
            assert marque is not None
            paragraphes = tuple(textes[j] for j in lus[k : len(lus) - apres])
            if paragraphes:
                captures.append((marque, paragraphes, True))
        else:  # a piece with markers that reads like exactly one piece of the gap
            paires = []
            for i in rendus:
                if motifs[i].groupes and motifs[i].ancre:
                    lisibles = [j for j in lus if motifs[i].regex.fullmatch(textes[j])]
                    if len(lisibles) == 1:
                        paires.append((i, lisibles[0]))
        for i, j in paires:
            if motifs[i].liste is not None:
                captures.append((motifs[i].groupes[0][0], (textes[j],), True))
            elif motifs[i].groupes:
                captures += _captures(motifs[i], textes[j]) or []
    return captures


# --- the tracing -------------------------------------------------------------------------------------


_ABSENT = object()


def _avec(
    donnees: CommentedMap, valeurs: dict[tuple[int, str], Any], charger: Callable[[], Dossier]
) -> Dossier:
    """The dossier loaded with `valeurs` at their (carte, clé) places of `donnees` (which are
    left as they were)."""
    anciennes: dict[tuple[int, str], tuple[CommentedMap, Any]] = {}
    cartes = {id(c): c for c in _cartes(donnees)}
    try:
        for (ident, cle), valeur in valeurs.items():
            if ident not in cartes:  # a map of an affaire set aside (`_seule`)
                continue
            carte = cartes[ident]
            anciennes[(ident, cle)] = (carte, carte.get(cle, _ABSENT))
            carte[cle] = valeur
        return charger()
    finally:
        for (_, cle), (carte, ancienne) in anciennes.items():
            if ancienne is _ABSENT:
                del carte[cle]
            else:
                carte[cle] = ancienne


def _cartes(valeur: Any) -> Iterator[CommentedMap]:
    if isinstance(valeur, CommentedMap):
        yield valeur
        for v in valeur.values():
            yield from _cartes(v)
    elif isinstance(valeur, CommentedSeq):
        for v in valeur:
            yield from _cartes(v)


def _rendus(
    dossier: Dossier, documents: Sequence[Piece], modeles: Modeles
) -> Iterator[tuple[Piece, list[TextPiece]]]:
    for document in documents:
        affaire = next((a for a in dossier.affaires if a.id == document.affaire), None)
        if affaire is None:
            continue
        annexe: AnnexeBudget | None = None
        if document.genre is DocumentKind.BUDGET:
            numero = document.annexe or affaire.numero_annexe("budget")
            lue = affaire.annexes[numero - 1] if numero and 0 < numero <= len(affaire.annexes) else None
            if not isinstance(lue, AnnexeBudget):
                continue
            annexe = lue
        try:
            rendu = rendu_attendu(modeles, dossier, affaire, document.genre, annexe)
        except Actes62Error:
            continue
        yield document, [p for p in rendu.pieces if p.text.strip()]


def _en_pages(document: Piece) -> bool:
    return any(p.page is not None for p in document.pieces)


_VALEUR_MAX = 2000
"""The longest words a PDF may give for one field: beyond, the search ran past its place."""


def _cherche(motif: _Motif, texte: str, debut: int) -> re.Match[str] | None:
    m = motif.regex.search(texte, debut)
    if m is None or any(len(g or "") > _VALEUR_MAX for g in m.groups()):
        return None
    return m


_PUCES = re.compile(r"^[\s•·–-]+")  # the bullets a PDF's text keeps before a list's first item


def lire_pdf_par_calque(motifs: Sequence[_Motif], texte: str) -> list[Capture]:
    """What a PDF's text (its pages, lines joined) says where the render's pieces write markers:
    each piece of the render searched in order from where the last one was found; a piece with
    markers gives the words at their places; a list of paragraphs alone between two found pieces is
    the text between them, as one paragraph (a PDF does not say where its paragraphs end)."""
    captures: list[Capture] = []
    curseur = 0
    en_attente: _Marque | None = None  # a list marker waiting for the next piece found
    debut_attente = 0
    for motif in motifs:
        if motif.liste is not None:
            en_attente, debut_attente = motif.liste, curseur
            continue
        if not motif.ancre:
            en_attente = None
            continue
        m = _cherche(motif, texte, curseur)
        if m is None:
            en_attente = None
            continue
        entre = _PUCES.sub("", texte[debut_attente : m.start()]).strip() if en_attente is not None else ""
        if en_attente is not None and entre and len(entre) <= 20 * _VALEUR_MAX:
            captures.append((en_attente, (entre,), True))
        en_attente = None
        if motif.groupes:  # a search does not know where words at either end of a piece stop
            captures += [c for c in _captures(motif, m[0]) or [] if id(c[0]) not in motif.ouverts]
        curseur = m.end()
    return captures


def suivi_pdf(motifs: Sequence[_Motif], texte: str) -> float:
    """`suivi` for a PDF: the share of the render's fixed paragraphs found in its text."""
    fixes = [m for m in motifs if not m.groupes and m.ancre]
    if not fixes:
        return 0.0
    return sum(1 for m in fixes if m.regex.search(texte)) / len(fixes)


def _lire(documents: Sequence[Piece]) -> dict[int, list[str]]:
    return {id(d): [_plat(p.text) for p in d.pieces if p.text.strip()] for d in documents}


def _score(
    dossier: Dossier,
    documents: Sequence[Piece],
    textes: dict[int, list[str]],
    modeles: Modeles,
    marques: Sequence[_Marque],
) -> int:
    """How many pieces of the renders read as a piece of their document: the same words, any
    words where a marker stands."""
    total = 0
    index = _Index.de(marques)
    for document, rendu in _rendus(dossier, documents, modeles):
        lus = textes[id(document)]
        motifs = [_motif(p.text, index) for p in rendu]
        total += sum((Counter(m.texte for m in motifs if not m.groupes) & Counter(lus)).values())
        total += sum(1 for m in motifs if m.groupes and any(m.regex.fullmatch(t) for t in lus))
    return total


def _lectures(
    dossier: Dossier,
    documents: Sequence[Piece],
    textes: dict[int, list[str]],
    modeles: Modeles,
    marques: Sequence[_Marque],
    sonde: Dossier | None = None,
) -> dict[tuple[int, str], Lecture]:
    """What the documents say where the renders write each marker: by field, the value most
    documents give (a form written unchanged before one in capitals). `sonde`: the dossier with
    each text marker replaced by its probe (`_sonde`), which tells where a template changes it."""
    lues: dict[int, list[tuple[Any, bool, str, bool, bool]]] = {}
    index = _Index.de(marques)
    sondes = {id(d): r for d, r in _rendus(sonde, documents, modeles)} if sonde is not None else {}
    for document, rendu in _rendus(dossier, documents, modeles):
        motifs = [_motif(p.text, index) for p in rendu]
        if len(sondes.get(id(document), [])) == len(motifs):
            motifs = [_sonder(m, s.text) for m, s in zip(motifs, sondes[id(document)], strict=True)]
        if _en_pages(document):  # a PDF: its lines are not its paragraphs
            page = " ".join(textes[id(document)])
            sur = suivi_pdf(motifs, page) >= SUIVI_MINIMUM
            lues_ici = lire_pdf_par_calque(motifs, page)
        else:
            sur = suivi(motifs, textes[id(document)]) >= SUIVI_MINIMUM
            lues_ici = lire_par_calque(motifs, textes[id(document)])
        for marque, valeur, exact in lues_ici:
            lues.setdefault(id(marque), []).append((valeur, exact, document.nom, sur, _en_pages(document)))
    resultat: dict[tuple[int, str], Lecture] = {}
    for marque in marques:
        toutes = lues.get(id(marque), [])
        toutes = [v for v in toutes if not v[4]] or toutes  # a DOCX says where its paragraphs end
        for retenir in (lambda v: v[3] and v[1], lambda v: v[3], lambda v: v[1], lambda v: True):
            choisies = [v for v in toutes if retenir(v)]
            if choisies:
                valeur, _ = Counter(v[0] for v in choisies).most_common(1)[0]
                resultat[(id(marque.trou.carte), marque.trou.cle)] = Lecture(
                    valeur,
                    sorted({v[2] for v in choisies if v[0] == valeur}),
                    choisies[0][1],
                    choisies[0][3],
                    choisies[0][4],
                )
                break
    return resultat


SUIVI_MINIMUM = 0.5
"""The share of its template's fixed paragraphs a document must hold, word for word, for the
words read at a marker's place to be taken as written from that template; below it, a value read
there is kept but marked to check."""


def suivi(motifs: Sequence[_Motif], textes: Sequence[str]) -> float:
    """How closely a document follows its template: the share of the render's paragraphs with no
    marker (its fixed wording) that the document holds word for word."""
    fixes = Counter(m.texte for m in motifs if not m.groupes and m.ancre)
    if not fixes:
        return 0.0
    return sum((fixes & Counter(textes)).values()) / sum(fixes.values())


def calquer(
    donnees: CommentedMap,
    trous: Sequence[Trou],
    documents: Sequence[Piece],
    modeles: Modeles,
    charger: Callable[[], Dossier],
    depart: date,
) -> tuple[dict[tuple[int, str], Lecture], dict[str, Counter[str]]]:
    """The values the documents give for the `trous` of `donnees`, read through the templates
    (keyed by (id(carte), clé)), and the texts the renders then repeat (`en_trop`). `charger`
    loads `donnees` as they are at the time of the call; `depart`: a day no later than the
    dossier's dates (the markers' dates come after it). Fields that stay unread are absent;
    `donnees` is left as it was."""
    surplus: dict[str, Counter[str]] = {}
    trous = list(trous)
    # a field that cannot hold a marker is rendered with the model's example, not read
    exemples = [t for t in trous if t.genre is None and t.exemple is not None]
    trous = [t for t in trous if t.genre is not None]
    for _ in range(4):  # a field the model constrains refuses its marker: left out, and again
        marques = _marques(trous, depart)
        enumerations = [t for t in trous if isinstance(t.genre, tuple) and not t.facultatif]
        valeurs: dict[tuple[int, str], Any] = {(id(m.trou.carte), m.trou.cle): m.donnee for m in marques}
        valeurs |= {(id(t.carte), t.cle): t.exemple for t in exemples}
        for trou in enumerations:
            valeurs[(id(trou.carte), trou.cle)] = trou.genre[0]
        try:
            dossier = _avec(donnees, valeurs, charger)
            break
        except DossierInvalide as exc:
            refuses = {e.chemin for e in exc.erreurs}
            restants = [t for t in trous if chemin_lisible(t.chemin) not in refuses]
            if len(restants) == len(trous):
                return {}, surplus
            exemples += [t for t in trous if t not in restants and not t.facultatif and t.exemple is not None]
            trous = restants
        except Actes62Error:
            return {}, surplus
    else:
        return {}, surplus
    textes = _lire(documents)

    def sonde_de(valeurs: dict[tuple[int, str], Any], marques: Sequence[_Marque]) -> Dossier | None:
        """The dossier with the text markers replaced by their probes."""
        sondes = dict(valeurs)
        for marque in marques:
            if (forme := sonde(marque)) is not None:
                donnee = forme if marque.trou.genre is str else _donnee(marque.trou.genre, (forme,))
                sondes[(id(marque.trou.carte), marque.trou.cle)] = donnee
        try:
            return _avec(donnees, sondes, charger)
        except Actes62Error:
            return None

    resultat = _lectures(dossier, documents, textes, modeles, marques, sonde_de(valeurs, marques))
    for marque in marques:
        cle = (id(marque.trou.carte), marque.trou.cle)
        if cle in resultat:
            valeurs[cle] = _donnee(marque.trou.genre, resultat[cle].valeur)
    restantes = [m for m in marques if (id(m.trou.carte), m.trou.cle) not in resultat]
    for trou in enumerations:  # each value the enumeration allows, rendered; the best kept
        cle = (id(trou.carte), trou.cle)
        rang = trou.chemin[1] if len(trou.chemin) > 1 and isinstance(trou.chemin[1], int) else 0
        ident = str(donnees["affaires"][rang]["id"]) if rang < len(donnees.get("affaires") or []) else ""
        concernes = [d for d in documents if d.affaire == ident]
        notes: list[tuple[int, str]] = []
        for membre in _candidats(trou.genre, [t for d in concernes for t in textes[id(d)]]):
            valeurs[cle] = membre
            with contextlib.suppress(Actes62Error), _seule(donnees, rang):
                dossier = _avec(donnees, valeurs, charger)
                notes.append((_score(dossier, concernes, textes, modeles, restantes), membre))
        if notes:
            meilleure = max(n for n, _ in notes)
            gagnants = [v for n, v in notes if n == meilleure]
            valeurs[cle] = gagnants[0]
            if len(gagnants) == 1:
                resultat[cle] = Lecture(gagnants[0], sorted({d.nom for d in concernes}))
    if restantes and enumerations:  # with the enumerations known, the markers they hid
        with contextlib.suppress(Actes62Error):
            encore = _lectures(
                _avec(donnees, valeurs, charger),
                documents,
                textes,
                modeles,
                restantes,
                sonde_de(valeurs, restantes),
            )
            for marque in restantes:
                cle = (id(marque.trou.carte), marque.trou.cle)
                if cle in encore:
                    resultat[cle] = encore[cle]
                    valeurs[cle] = _donnee(marque.trou.genre, encore[cle].valeur)
    with contextlib.suppress(Actes62Error):
        surplus.update(en_trop(_avec(donnees, valeurs, charger), documents, modeles, textes))
    return resultat, surplus


def _donnee(genre: Any, valeur: Any) -> Any:
    if genre in (list, Personne):
        return list(valeur)
    if genre is Adresse:
        return {"lignes": list(valeur)}
    return valeur


def chemins(racine: CommentedMap) -> dict[tuple[int, str], tuple[int | str, ...]]:
    """The path of every (carte, clé) of the data: {(id(carte), clé): ("affaires", 0, "titre")}."""
    resultat: dict[tuple[int, str], tuple[int | str, ...]] = {}

    def parcourir(valeur: Any, chemin: tuple[int | str, ...]) -> None:
        if isinstance(valeur, CommentedMap):
            for cle, v in valeur.items():
                resultat[(id(valeur), str(cle))] = (*chemin, str(cle))
                parcourir(v, (*chemin, str(cle)))
        elif isinstance(valeur, CommentedSeq):
            for rang, v in enumerate(valeur):
                parcourir(v, (*chemin, rang))

    parcourir(racine, ())
    return resultat


def _classe(carte: CommentedMap, candidates: Sequence[type[BaseModel]]) -> type[BaseModel] | None:
    """The model class a map of the data stands for, among a union's classes: the one that has
    all its keys (and its `type`, for an annex)."""
    retenues = []
    for classe in candidates:
        champs = classe.model_fields
        if not all(str(cle) in champs for cle in carte):
            continue
        if "type" in carte and "type" in champs:
            permis = get_args(champs["type"].annotation)
            if permis and carte["type"] not in permis:
                continue
        retenues.append(classe)
    return retenues[0] if len(retenues) == 1 else None


def facultatifs(racine: CommentedMap) -> list[Trou]:
    """The fields the model allows but does not require, that hold words (a text or a list of
    texts) and that the data does not set: a document may state them where its template writes
    them."""
    trous: list[Trou] = []

    def parcourir(valeur: Any, candidates: Sequence[type[BaseModel]], chemin: tuple[int | str, ...]) -> None:
        if isinstance(valeur, CommentedSeq):
            for rang, element in enumerate(valeur):
                parcourir(element, candidates, (*chemin, rang))
            return
        if not isinstance(valeur, CommentedMap) or (classe := _classe(valeur, candidates)) is None:
            return
        for nom, info in classe.model_fields.items():
            if nom in valeur:
                parcourir(valeur[nom], _classes(info.annotation), (*chemin, nom))
            elif not info.is_required() and (genre := _genre(info.annotation)) in (
                str,
                list,
                Personne,
                UNE_PERSONNE,
            ):
                trous.append(Trou(valeur, nom, (*chemin, nom), genre, facultatif=True))

    parcourir(racine, [Dossier], ())
    return trous


def champs_de(chemin: Sequence[int | str], carte: CommentedMap) -> list[str]:
    """The fields of the model class of the map at `chemin`, in the model's order."""
    if any(isinstance(e, str) for e in chemin):
        if (info := _champ(chemin)) is None:
            return []
        classes = _classes(info.annotation)
    else:
        classes = [Dossier]
    classe = _classe(carte, classes)
    return list(classe.model_fields) if classe is not None else []


def en_trop(
    dossier: Dossier,
    documents: Sequence[Piece],
    modeles: Modeles,
    textes: dict[int, list[str]] | None = None,
) -> dict[str, Counter[str]]:
    """By affaire (`id`), the texts the renders write more often than their documents do: a
    paragraph the importer gave to the dossier (an article's last paragraph, a visa) that the
    template writes by itself, so that the render repeats it."""
    textes = textes if textes is not None else _lire(documents)
    surplus: dict[str, Counter[str]] = {}
    for document, rendu in _rendus(dossier, documents, modeles):
        trop = Counter(_plat(p.text) for p in rendu) - Counter(textes[id(document)])
        surplus.setdefault(document.affaire, Counter()).update(trop)
    return surplus


def sonde(marque: _Marque) -> str | None:
    """A second marker for a text field, shaped so that any filter that changes a text changes
    it: capitals and small letters, a word a `replace` may target, a hyphen. Where a render
    writes the first marker but not this one verbatim, the template transforms the value there:
    in capitals only (`upper`), the words read are the value in capitals; otherwise
    (`replace`, `capitalize`, `truncate`…) they are not the value."""
    if not isinstance(marque.jeton, str) or marque.trou.genre not in (str, list, Adresse):
        return None
    return f"{marque.jeton} Département de {marque.jeton}-{marque.jeton.lower()}"


def _sonder(motif: _Motif, texte_sonde: str) -> _Motif:
    """`motif` with the markers its probe render (`texte_sonde`, same piece) shows transformed."""
    texte_sonde = _plat(texte_sonde)
    capitales: set[int] = set()
    transformes: set[int] = set()
    marques = {id(m): m for m, _ in motif.groupes}
    for ident, nombre in Counter(id(m) for m, exact in motif.groupes if exact).items():
        marque = marques[ident]
        forme = sonde(marque)
        if forme is None or texte_sonde.count(forme) >= nombre:
            continue
        (capitales if forme.upper() in texte_sonde else transformes).add(ident)
    return replace(motif, en_capitales=frozenset(capitales), transformes=frozenset(transformes))


@contextlib.contextmanager
def _seule(donnees: CommentedMap, rang: int) -> Iterator[None]:
    """The data with only its affaire of rank `rang`, for the time of a render of that affaire."""
    affaires = donnees.get("affaires")
    if not isinstance(affaires, CommentedSeq) or not 0 <= rang < len(affaires):
        yield
        return
    donnees["affaires"] = CommentedSeq([affaires[rang]])
    try:
        yield
    finally:
        donnees["affaires"] = affaires


def _plie(texte: str) -> str:
    """Folded (`identify.pliage`), « _ » as a space, runs of spaces as one."""
    return " ".join(pliage(texte.replace("_", " ")).split())


def _candidats(valeurs: Sequence[str], textes: Sequence[str]) -> list[str]:
    """The values of an enumeration worth rendering: those the documents' words name (« commune »,
    « favorable »), and one they do not name, to tell a value that matters from one that does not;
    every value when the words name none."""
    tout = " ".join(_plie(t) for t in textes)
    nommees = [v for v in valeurs if re.search(rf"(?<!\w){re.escape(_plie(v))}(?!\w)", tout)]
    if not nommees:
        return list(valeurs)
    return nommees + [v for v in valeurs if v not in nommees][:1]
