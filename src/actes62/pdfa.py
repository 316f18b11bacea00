"""PDF/A with pikepdf: finishing the PDFs LibreOffice writes, and joining an affaire's PDFs into one
tagged PDF/A-2b (its structure trees, bookmarks, XMP and output intent kept).

LibreOffice writes tagged PDF/A-2b, but its XMP escapes text twice (`dc:title` holds « &apos; »
where the document information says « ' »), and its table header cells (TH) carry no scope. `finir`
rewrites the XMP from the document information and gives each TH the scope « Column » (the header
rows of the templates' tables head their columns).

`joindre` copies the pages of each part (`Pdf.add_pages_from`: pages, annotations, forms, layers and
the part's own bookmarks), then its structure tree: the part's elements go under a « Part » element
titled by the part's bookmark, below one « Document » element; the parent tree is renumbered
(`/StructParents` of pages and XObjects, `/StructParent` of annotations), role and class maps are
merged. A part without structure tree (a scanned annex) is copied whole, untagged. The output
intent is the first part's; the XMP is written from the document information, with the PDF/A-2b
identification only when every part declares PDF/A (part 1, 2 or 3), is PDF 1.7 at most and has
no file attachment: a part that is not PDF/A is kept whole, and the join then does not claim it.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, OutlineItem, Pdf, String

from actes62.fichiers import ecrire_atomique

__all__ = ["LANGUE", "Jonction", "est_pdfa", "finir", "joindre"]

LANGUE = "fr-FR"
"""The language of every PDF actes62 writes (`/Lang`)."""

_PARTIES_PDFA = {"1", "2", "3"}
_VERSION_MAX = (1, 7)  # PDF/A-2 is based on PDF 1.7


def finir(chemin: Path) -> None:
    """Finish, in place, a PDF/A LibreOffice wrote: XMP rewritten from the document information
    (title, author, subject, dates), TH cells scoped to their column, `/Lang`, `/MarkInfo` and
    `/DisplayDocTitle` set, LibreOffice's `/DocChecksum` (not a PDF key) and its `/OpenAction`
    (open at the first page, what a reader does anyway) dropped."""
    chemin = Path(chemin)
    with pikepdf.open(chemin) as document:
        _catalogue(document, marque=True)
        arbre = document.Root.get(Name.StructTreeRoot)
        if isinstance(arbre, Dictionary):
            _entetes_en_colonne(arbre)
        _ecrire_xmp(document, partie_pdfa=None)
        if Name("/DocChecksum") in document.trailer:
            del document.trailer[Name("/DocChecksum")]
        if isinstance(document.Root.get(Name.OpenAction), Array):  # « open at page 1 »: the default
            del document.Root[Name.OpenAction]
        donnees = _enregistrer(document, version=document.pdf_version)
    ecrire_atomique(chemin, donnees)


@dataclass
class Jonction:
    """What `joindre` wrote: whether it claims PDF/A-2b, and the parts that prevent it."""

    pdfa: bool
    non_pdfa: list[str] = field(default_factory=list)


def joindre(
    pieces: Sequence[tuple[str, Path]],
    destination: Path,
    *,
    titre: str,
    sujet: str,
    auteur: str,
) -> Jonction:
    """Join the PDFs of `pieces` (bookmark title, file), in order, into `destination` (written
    atomically), tagged, with a bookmark per part (the part's own bookmarks below it), `/Lang`,
    the document information and the same XMP; PDF/A-2b when every part is PDF/A.

    Raises pikepdf.PdfError (or OSError) when a part cannot be read."""
    with contextlib.ExitStack() as pile:
        sources = [(nom, pile.enter_context(pikepdf.open(chemin))) for nom, chemin in pieces]
        resultat = pile.enter_context(pikepdf.new())
        jonction = Jonction(pdfa=True)
        structure = _Structure(resultat, titre)
        parties: list[tuple[str, int, int, int]] = []
        intention: Object | None = None
        for nom, source in sources:
            if not est_pdfa(source):
                jonction.pdfa = False
                jonction.non_pdfa.append(nom)
            debut, signets = len(resultat.pages), _nombre_signets(resultat)
            resultat.add_pages_from(source)
            parties.append((nom, debut, signets, _nombre_signets(resultat)))
            structure.ajouter(nom, source, debut)
            if intention is None and isinstance(source.Root.get(Name.OutputIntents), Array):
                intention = _copier(resultat, source, source.Root.OutputIntents)
        structure.terminer()
        _signets_par_partie(resultat, parties)
        _catalogue(resultat, marque=structure.balise)
        resultat.Root.PageMode = Name.UseOutlines
        if intention is not None:
            resultat.Root.OutputIntents = intention
        else:
            jonction.pdfa = False
        resultat.docinfo = resultat.make_indirect(
            Dictionary(
                Title=String(titre), Subject=String(sujet), Author=String(auteur), Creator=String("actes62")
            )
        )
        _ecrire_xmp(resultat, partie_pdfa="2" if jonction.pdfa else None)
        version = max((source.pdf_version for _, source in sources), key=_version)
        ecrire_atomique(Path(destination), _enregistrer(resultat, version=version))
    return jonction


def est_pdfa(document: Pdf) -> bool:
    """Whether a document can be part of a PDF/A-2b: it declares PDF/A (part 1, 2 or 3) in its XMP,
    is PDF 1.7 at most, and has no file attachment (PDF/A-3 allows them, PDF/A-2 does not)."""
    if _version(document.pdf_version) > _VERSION_MAX:
        return False
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        statut = xmp.pdfa_status
    if not statut or statut[0] not in _PARTIES_PDFA:
        return False
    for page in document.pages:
        for annotation in page.obj.get(Name.Annots, Array()):
            if isinstance(annotation, Dictionary) and annotation.get(Name.Subtype) == Name.FileAttachment:
                return False
    return True


def _copier(resultat: Pdf, source: Pdf, objet: Object) -> Object:
    """`objet` of `source` copied into `resultat` (a direct object is made indirect first, in
    `source`'s memory only: qpdf copies indirect objects)."""
    return resultat.copy_foreign(objet if objet.is_indirect else source.make_indirect(objet))


def _version(texte: str) -> tuple[int, int]:
    majeure, _, mineure = texte.partition(".")
    try:
        return int(majeure), int(mineure or 0)
    except ValueError:
        return (9, 9)


def _enregistrer(document: Pdf, *, version: str) -> bytes:
    """The document's bytes, its /ID made from its content (the same parts give the same file)."""
    tampon = io.BytesIO()
    document.save(tampon, deterministic_id=True, min_version=version)
    return tampon.getvalue()


def _catalogue(document: Pdf, *, marque: bool) -> None:
    """Language, window title from the document's title, and (for a tagged PDF) /MarkInfo."""
    racine = document.Root
    racine.Lang = String(LANGUE)
    preferences = racine.get(Name.ViewerPreferences)
    if not isinstance(preferences, Dictionary):
        preferences = Dictionary()
        racine.ViewerPreferences = preferences
    preferences.DisplayDocTitle = True
    if marque:
        racine.MarkInfo = Dictionary(Marked=True)


def _ecrire_xmp(document: Pdf, *, partie_pdfa: str | None) -> None:
    """The XMP from the document information (title, author, subject, creator, producer, dates),
    plus the PDF/A identification when `partie_pdfa` is given (otherwise any existing one is kept)."""
    creation = document.docinfo.get(Name.CreationDate)
    if isinstance(creation, String) and str(creation).endswith("'"):  # LibreOffice: « …Z' »
        document.docinfo.CreationDate = String(str(creation).rstrip("'"))
    with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp.load_from_docinfo(document.docinfo, delete_missing=True, raise_failure=True)
        if partie_pdfa is not None:
            xmp["pdfaid:part"] = partie_pdfa
            xmp["pdfaid:conformance"] = "B"


# --- structure trees -------------------------------------------------------------------------------


def _elements(racine: Object) -> Iterator[Dictionary]:
    """The structure elements below `racine` (its /K, recursively), each once."""
    vus: set[tuple[int, int]] = set()
    pile: list[Object | None] = [racine.get(Name.K)] if isinstance(racine, Dictionary) else []
    while pile:
        noeud = pile.pop()
        if isinstance(noeud, Array):
            pile.extend(reversed(list(noeud)))
        elif isinstance(noeud, Dictionary) and Name.S in noeud:
            if noeud.is_indirect:
                if noeud.objgen in vus:
                    continue
                vus.add(noeud.objgen)
            yield noeud
            if Name.K in noeud:
                pile.append(noeud.K)


def _type(element: Dictionary, roles: Object | None) -> Name:
    """The standard type of an element, through the role map (LibreOffice names styles)."""
    nom = element.S
    vus = set()
    while isinstance(roles, Dictionary) and isinstance(nom, Name) and nom in roles and nom not in vus:
        vus.add(nom)
        nom = roles[nom]
    return Name(str(nom))


def _entetes_en_colonne(arbre: Dictionary) -> None:
    """Give each TH without a scope the scope « Column », in its Table attributes (/A is one
    attribute dictionary or an array of them; LibreOffice writes layout attributes there)."""
    roles = arbre.get(Name.RoleMap)
    for element in _elements(arbre):
        if _type(element, roles) != Name.TH:
            continue
        attributs = element.get(Name.A)
        liste = list(attributs) if isinstance(attributs, Array) else [] if attributs is None else [attributs]
        tableau = [a for a in liste if isinstance(a, Dictionary) and a.get(Name.O) == Name.Table]
        if any(Name.Scope in a for a in tableau):
            continue
        if tableau:
            tableau[0].Scope = Name.Column
        else:
            element.A = Array([*liste, Dictionary(O=Name.Table, Scope=Name.Column)])


def _enfants(element: Object) -> list[Object]:
    enfants = element.get(Name.K)
    if enfants is None:
        return []
    return list(enfants) if isinstance(enfants, Array) else [enfants]


class _Structure:
    """The joined structure tree: Document → one Part per tagged part → the part's elements."""

    def __init__(self, resultat: Pdf, titre: str) -> None:
        self.resultat = resultat
        self.racine = resultat.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.document = resultat.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document, P=self.racine, T=String(titre), K=Array())
        )
        self.parents: list[tuple[int, Object]] = []
        self.suivante = 0
        self.roles = Dictionary()
        self.classes = Dictionary()
        self.balise = False

    def ajouter(self, nom: str, source: Pdf, debut: int) -> None:
        """The structure tree of `source`, whose pages were copied from index `debut` on."""
        arbre = source.Root.get(Name.StructTreeRoot)
        if not isinstance(arbre, Dictionary):
            return
        self.balise = True
        copie = _copier(self.resultat, source, arbre)  # its /Pg are the pages already copied
        decalage = self.suivante
        derniere = -1
        parents = copie.get(Name.ParentTree)
        if isinstance(parents, Dictionary):
            for cle, valeur in pikepdf.NumberTree(parents).items():
                self.parents.append((cle + decalage, valeur))
                derniere = max(derniere, cle)
        annoncee = copie.get(Name.ParentTreeNextKey)
        self.suivante = decalage + max(derniere + 1, int(annoncee) if isinstance(annoncee, int) else 0)
        _decaler(self.resultat.pages[debut:], decalage)
        roles = copie.get(Name.RoleMap)
        partie = self.resultat.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Part, P=self.document, T=String(nom), K=Array())
        )
        langue = source.Root.get(Name.Lang)
        if isinstance(langue, String):
            partie.Lang = langue
        for enfant in _enfants(copie):
            if isinstance(enfant, Dictionary) and Name.S in enfant and _type(enfant, roles) == Name.Document:
                petits = _enfants(enfant)
            else:
                petits = [enfant]
            for petit in petits:
                if isinstance(petit, Dictionary) and Name.S in petit:
                    petit.P = partie
                partie.K.append(petit)
        self._fusionner_roles(partie, roles)
        classes = copie.get(Name.ClassMap)
        if isinstance(classes, Dictionary):
            for classe, attributs in classes.items():
                if Name(classe) not in self.classes:
                    self.classes[Name(classe)] = attributs
        self.document.K.append(partie)

    def _fusionner_roles(self, partie: Dictionary, roles: Object | None) -> None:
        """Add the part's role map; a name another part maps otherwise is resolved in this part."""
        if not isinstance(roles, Dictionary):
            return
        conflits = set()
        for cle, valeur in roles.items():
            nom = Name(cle)
            if nom not in self.roles:
                self.roles[nom] = valeur
            elif self.roles[nom] != valeur:
                conflits.add(nom)
        if conflits:
            for element in _elements(partie):
                if element.S in conflits:
                    element.S = _type(element, roles)

    def terminer(self) -> None:
        if not self.balise:
            return
        nums = Array()
        for cle, valeur in sorted(self.parents, key=lambda paire: paire[0]):
            nums.append(cle)
            nums.append(valeur)
        self.racine.K = self.document
        self.racine.ParentTree = self.resultat.make_indirect(Dictionary(Nums=nums))
        self.racine.ParentTreeNextKey = self.suivante
        if len(self.roles):
            self.racine.RoleMap = self.roles
        if len(self.classes):
            self.racine.ClassMap = self.classes
        self.resultat.Root.StructTreeRoot = self.racine


def _decaler(pages: Sequence[pikepdf.Page], decalage: int) -> None:
    """Shift the parent tree keys the copied pages, their annotations and XObjects point to."""
    if not decalage:
        return
    vus: set[tuple[int, int]] = set()

    def decaler(objet: Object, cle: Name) -> None:
        if isinstance(objet, Dictionary) and cle in objet:
            if objet.is_indirect:
                if objet.objgen in vus:
                    return
                vus.add(objet.objgen)
            objet[cle] = int(objet[cle]) + decalage

    for page in pages:
        decaler(page.obj, Name.StructParents)
        for annotation in page.obj.get(Name.Annots, Array()):
            decaler(annotation, Name.StructParent)
        ressources = page.obj.get(Name.Resources)
        objets = ressources.get(Name.XObject) if isinstance(ressources, Dictionary) else None
        if isinstance(objets, Dictionary):
            for _, objet in objets.items():
                decaler(objet, Name.StructParents)
                decaler(objet, Name.StructParent)


# --- bookmarks -------------------------------------------------------------------------------------


def _nombre_signets(document: Pdf) -> int:
    with document.open_outline() as plan:
        return len(plan.root)


def _signets_par_partie(document: Pdf, parties: Sequence[tuple[str, int, int, int]]) -> None:
    """One bookmark per part, at its first page, with the part's own bookmarks below it."""
    with document.open_outline() as plan:
        hauts = list(plan.root)
        nouveaux = []
        for nom, debut, de, a in parties:
            signet = OutlineItem(nom, debut)
            signet.children = hauts[de:a]
            nouveaux.append(signet)
        plan.root[:] = nouveaux
