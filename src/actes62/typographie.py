"""French typography of a rendered DOCX part, whatever the template author typed.

`corriger(racine)` goes over every paragraph of a Word XML part (body, table cells, text boxes,
headers, footers, notes) and applies the rules of French typography to its text as a whole, across
its runs: a paragraph's text is read run by run into pieces (`_Morceau`), the rules find what to
change in the joined text, the changes are made in the pieces (an insertion goes in the run of the
sign it belongs to) and only the runs that changed are written back, each keeping its formatting.

The rules (`REGLES`, in this order), none of them inside a URL or an e-mail address:

- ’ for a straight apostrophe between letters; « » with no-break spaces for a clear pair of
  straight double quotes;
- a no-break space U+00A0 inside « » and before « : », a narrow one U+202F before « ; ! ? »: an
  ordinary space there is replaced, a missing one inserted; never in 14:30 or at a paragraph's start;
- no-break spaces after « n° », after « article »/« art. » before its number, inside a date in
  words (« lundi 15 septembre 2025 »), between a number and « € » or « % », and (U+202F) between
  the thousands groups of an amount;
- no-break hyphens (`<w:noBreakHyphen/>`) inside references to codes (« L.3121-14-1 », « R. 1611-1 »)
  and act numbers (« n° 2000-321 », « 2025-344 »);
- ordinals: « 5ème », « 5eme », « 5è », « 5e » → « 5 » + « e » in superscript; « 1er », « 1ère »,
  « 1re » → « 1 » + « er », « re » in superscript.

The pass is idempotent: what it writes, it finds right the next time. Word's `noBreakHyphen`
rather than the character U+2011: python-docx and actes62's reader give it back as « - », and
LibreOffice writes it into a PDF as « - » as well.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from lxml import etree

from actes62.formats import trouver_montants

__all__ = ["REGLES", "corriger", "corriger_paragraphe", "corriger_texte"]

_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{_NS}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

NBSP = "\u00a0"
NNBSP = "\u202f"
TRAIT_INSECABLE = "\u2011"
"""A no-break hyphen in the text the rules see; written back as `<w:noBreakHyphen/>`."""
OBJET = "\ufffc"
"""What the rules see for a drawing, a symbol or a note reference in a run."""

# Runs are found in the paragraph and in these inline containers (not in w:del: deleted text).
_CONTENEURS = frozenset(
    f"{_W}{nom}" for nom in ("hyperlink", "ins", "smartTag", "fldSimple", "sdt", "sdtContent", "customXml")
)
# What a run's children other than w:t stand for in the text; unlisted ones are objects (OBJET).
_SIGNES = {
    f"{_W}tab": "\t",
    f"{_W}ptab": "\t",
    f"{_W}br": "\n",
    f"{_W}cr": "\n",
    f"{_W}fldChar": "",
    f"{_W}instrText": "",
    f"{_W}delText": "",
    f"{_W}softHyphen": "",
    f"{_W}lastRenderedPageBreak": "",
    f"{_W}annotationRef": "",
}
# Children of w:rPr that come after w:vertAlign in the schema's sequence.
_APRES_VERTALIGN = frozenset(
    f"{_W}{nom}" for nom in ("rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange")
)


# --- a paragraph's text, piece by piece -------------------------------------------------------------------


class _Morceau:
    """A piece of a paragraph: text of one run in one position (superscript or not), or one of the
    run's other children (`element`, kept as it is), seen in the text as `texte`."""

    __slots__ = ("element", "exposant", "run", "texte")

    def __init__(self, texte: str, run: Any, exposant: bool, element: Any = None) -> None:
        self.texte = texte
        self.run = run
        self.exposant = exposant
        self.element = element


def _exposant(run: Any) -> bool:
    alignement = run.find(f"{_W}rPr/{_W}vertAlign")
    return alignement is not None and alignement.get(f"{_W}val") == "superscript"


def _runs(parent: Any) -> Iterator[Any]:
    for enfant in parent.iterchildren():
        if enfant.tag == f"{_W}r":
            yield enfant
        elif enfant.tag in _CONTENEURS:
            yield from _runs(enfant)


def _morceaux(paragraphe: Any) -> list[_Morceau]:
    morceaux: list[_Morceau] = []
    for run in _runs(paragraphe):
        exposant = _exposant(run)
        for enfant in run.iterchildren():
            etiquette = enfant.tag
            if etiquette == f"{_W}t":
                morceaux.append(_Morceau(enfant.text or "", run, exposant))
            elif etiquette == f"{_W}noBreakHyphen":
                morceaux.append(_Morceau(TRAIT_INSECABLE, run, exposant))
            elif etiquette != f"{_W}rPr" and isinstance(etiquette, str):
                morceaux.append(_Morceau(_SIGNES.get(etiquette, OBJET), run, exposant, enfant))
    return morceaux


# --- changes found by the rules ---------------------------------------------------------------------------

_AVANT, _SUR, _APRES = 0, 1, 2


class _Modif:
    """A change at position `position` of the text: insert `texte` before or after the character
    there, or replace it (`texte` empty: delete it), in superscript or not (`exposant` None: as
    the character was)."""

    __slots__ = ("exposant", "genre", "position", "texte")

    def __init__(self, position: int, genre: int, texte: str, exposant: bool | None = None) -> None:
        self.position = position
        self.genre = genre
        self.texte = texte
        self.exposant = exposant


Regle = Callable[[str, list[tuple[int, int]]], list[_Modif]]
"""A rule: the text of a paragraph and its protected spans (URLs, e-mails) → the changes."""


class _Texte:
    """The pieces of a paragraph and their joined text, changed in place by the rules."""

    def __init__(self, morceaux: list[_Morceau]) -> None:
        self.morceaux = morceaux
        self.touches: set[Any] = set()  # the runs whose pieces changed
        self._calculer()

    def _calculer(self) -> None:
        self.debuts: list[int] = []
        position = 0
        for morceau in self.morceaux:
            self.debuts.append(position)
            position += len(morceau.texte)
        self.texte = "".join(m.texte for m in self.morceaux)

    def appliquer(self, modifs: list[_Modif]) -> None:
        """Make the changes, right to left so that the positions of those left to make hold."""
        for modif in sorted(modifs, key=lambda m: (m.position, m.genre), reverse=True):
            rang = bisect_right(self.debuts, modif.position) - 1
            morceau = self.morceaux[rang]
            decalage = modif.position - self.debuts[rang]
            texte = morceau.texte
            if (
                modif.genre == _SUR
                and texte[decalage] == modif.texte
                and modif.exposant in (None, morceau.exposant)
            ):
                continue  # already so
            self.touches.add(morceau.run)
            if modif.genre == _AVANT:
                morceau.texte = texte[:decalage] + modif.texte + texte[decalage:]
            elif modif.genre == _APRES:
                morceau.texte = texte[: decalage + 1] + modif.texte + texte[decalage + 1 :]
            elif modif.exposant is None or modif.exposant == morceau.exposant:
                morceau.texte = texte[:decalage] + modif.texte + texte[decalage + 1 :]
            else:  # the character changes position: a piece of its own
                pieces = [
                    _Morceau(texte[:decalage], morceau.run, morceau.exposant),
                    _Morceau(modif.texte, morceau.run, modif.exposant),
                    _Morceau(texte[decalage + 1 :], morceau.run, morceau.exposant),
                ]
                self.morceaux[rang : rang + 1] = [p for p in pieces if p.texte]
        self._calculer()


# --- the rules --------------------------------------------------------------------------------------------

_PROTEGES = re.compile(
    r"""(?:(?:https?|ftp)://|www\.|mailto:)[^\s«»"<>]*[^\s«»"<>.,;:!?)\]]  # URL
      | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                                      # e-mail address
    """,
    re.VERBOSE,
)
_LETTRE = r"[^\W\d_]"


def _protege(position: int, proteges: list[tuple[int, int]]) -> bool:
    return any(debut <= position < fin for debut, fin in proteges)


def _blanc(texte: str, debut: int, fin: int, voulu: str) -> list[_Modif]:
    """The spaces texte[debut:fin] become one `voulu` if one of them is an ordinary space."""
    if " " not in texte[debut:fin]:
        return []
    return [_Modif(debut, _SUR, voulu)] + [_Modif(i, _SUR, "") for i in range(debut + 1, fin)]


def _apostrophes(texte: str, proteges: list[tuple[int, int]]) -> list[_Modif]:
    return [
        _Modif(m.start(), _SUR, "’")
        for m in re.finditer(rf"(?<={_LETTRE})'(?={_LETTRE})", texte)
        if not _protege(m.start(), proteges)
    ]


_PAIRE = re.compile(
    r"""(?:(?<=[\s(\[/«])|^)"(?=[^\s"])[^"\n]*(?<=[^\s"])"(?=[\s.,;:!?)\]…»]|$)""",
)


def _guillemets_droits(texte: str, proteges: list[tuple[int, int]]) -> list[_Modif]:
    """A clear pair of straight double quotes ("Agir") → « Agir »; a paragraph with an odd number of
    them is left as it is (which quote closes which is not clear)."""
    if '"' not in texte or texte.count('"') % 2:
        return []
    modifs = []
    for m in _PAIRE.finditer(texte):
        if _protege(m.start(), proteges) or _protege(m.end() - 1, proteges):
            continue
        modifs += [_Modif(m.start(), _SUR, "«" + NBSP), _Modif(m.end() - 1, _SUR, NBSP + "»")]
    return modifs


def _interieur_guillemets(texte: str, proteges: list[tuple[int, int]]) -> list[_Modif]:
    """One no-break space after « and before »."""
    modifs = []
    for m in re.finditer(r"«([ \u00a0\u202f]*)(?=[^\s»])", texte):
        if m.end(1) > m.start(1):
            modifs += _blanc(texte, m.start(1), m.end(1), NBSP)
        elif not _protege(m.start(), proteges):
            modifs.append(_Modif(m.start(), _APRES, NBSP))
    for m in re.finditer(r"(?<=[^\s«])([ \u00a0\u202f]*)»", texte):
        if m.end(1) > m.start(1):
            modifs += _blanc(texte, m.start(1), m.end(1), NBSP)
        elif not _protege(m.end(1), proteges):
            modifs.append(_Modif(m.end(1), _AVANT, NBSP))
    return modifs


_PONCTUATION = re.compile(r"(?<=[^\s:;!?«(\[/])([ \u00a0\u202f]*)([:;!?])")


def _ponctuation_haute(texte: str, proteges: list[tuple[int, int]]) -> list[_Modif]:
    """A no-break space before « : », a narrow one before « ; ! ? » (not in 14:30 nor in a URL)."""
    modifs = []
    for m in _PONCTUATION.finditer(texte):
        signe = m.start(2)
        if _protege(signe, proteges):
            continue
        voulu = NBSP if m[2] == ":" else NNBSP
        if m.end(1) > m.start(1):
            modifs += _blanc(texte, m.start(1), m.end(1), voulu)
            continue
        suivant = texte[signe + 1 : signe + 2]
        if _protege(signe - 1, proteges):  # glued to a URL: part of it, maybe
            continue
        if suivant and (suivant.isalnum() or suivant in "/\\:;!?"):  # 14:30, 1:100, urn:x, a;b
            continue
        modifs.append(_Modif(signe, _AVANT, voulu))
    return modifs


def _espaces_apres(motif: re.Pattern[str], inserer: bool) -> Regle:
    """A rule: the spaces of group « e » of `motif` become one no-break space; `inserer`: a missing
    one (empty group) is inserted before the character after it."""

    def regle(texte: str, proteges: list[tuple[int, int]]) -> list[_Modif]:
        modifs = []
        for m in motif.finditer(texte):
            if _protege(m.start(), proteges):
                continue
            if m.end("e") > m.start("e"):
                modifs += _blanc(texte, m.start("e"), m.end("e"), NBSP)
            elif inserer and m.end("e") < len(texte):
                modifs.append(_Modif(m.end("e"), _AVANT, NBSP))
        return modifs

    return regle


_NUMERO = re.compile(r"(?<!\w)[nN]°(?P<e>[ \u00a0\u202f]*)(?=\w)")
_ARTICLE = re.compile(
    r"(?<!\w)(?:articles?|art\.)(?P<e>[ \u00a0\u202f]+)(?=(?:L\.?O|L|R|D)?\.?[ \u00a0]?\d|premier\b)",
    re.IGNORECASE,
)
_UNITE = re.compile(r"(?<=\d)(?P<e>[ \u00a0\u202f]*)(?=[€%])")

_MOIS = "janvier|f[eé]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[eé]cembre"
_JOURS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_DATE = re.compile(
    rf"""(?<!\w)(?:(?:{_JOURS})(?P<e1>[ \u00a0\u202f]+))?
        (?<![\d,.])\d{{1,2}}(?:er|re)?(?P<e2>[ \u00a0\u202f]+)(?:{_MOIS})\b
        (?:(?P<e3>[ \u00a0\u202f]+)\d{{4}}(?!\d))?""",
    re.VERBOSE | re.IGNORECASE,
)


def _dates(texte: str, proteges: list[tuple[int, int]]) -> list[_Modif]:
    """No-break spaces inside a date in words: « lundi 15 septembre 2025 », « 1er avril 2026 »."""
    modifs = []
    for m in _DATE.finditer(texte):
        for groupe in ("e1", "e2", "e3"):
            if m[groupe] is not None:
                modifs += _blanc(texte, m.start(groupe), m.end(groupe), NBSP)
    return modifs


def _montants(texte: str, proteges: list[tuple[int, int]]) -> list[_Modif]:
    """Narrow no-break spaces between the thousands groups of an amount (as `formats.nombre`),
    a no-break space before its « euros »."""
    if " " not in texte:
        return []
    modifs = []
    for debut, fin, _ in trouver_montants(texte):
        if _protege(debut, proteges):
            continue
        for m in re.finditer(r"(?<=\d)( )(?=\d{3})", texte[debut:fin]):
            modifs.append(_Modif(debut + m.start(1), _SUR, NNBSP))
        devise = re.search(r"(?<=\d)( +)(?=euros?\b|EUR\b)", texte[debut:fin], re.IGNORECASE)
        if devise:
            modifs += _blanc(texte, debut + devise.start(1), debut + devise.end(1), NBSP)
    return modifs


_REFERENCE_CODE = re.compile(r"(?<![\w.\-‑])(?:L\.?O|L|R|D)\.?(?P<e>[ \u00a0]?)\d+(?:[-‑]\d+)+(?![\w\-‑])")
_NUMERO_ACTE = re.compile(
    r"(?<![\w\-‑/.])(?:(?:19|20)\d{2}(?:[-‑]\d+)+|(?<=n°)\w+(?:[-‑]\w+)+|(?<=n°[ \u00a0\u202f])\w+(?:[-‑]\w+)+)(?![\w\-‑/])"
)


def _traits(texte: str, proteges: list[tuple[int, int]]) -> list[_Modif]:
    """No-break hyphens in references to codes and act numbers; a no-break space in « R. 1611-1 »."""
    if "-" not in texte:
        return []
    modifs = []
    for motif in (_REFERENCE_CODE, _NUMERO_ACTE):
        for m in motif.finditer(texte):
            if _protege(m.start(), proteges):
                continue
            modifs += [_Modif(m.start() + i, _SUR, TRAIT_INSECABLE) for i, c in enumerate(m[0]) if c == "-"]
            if "e" in motif.groupindex and m["e"] == " ":
                modifs.append(_Modif(m.start("e"), _SUR, NBSP))
    return modifs


_ORDINAL = re.compile(r"(?<![\w.,‑-])(?P<n>\d+)(?P<s>ème|eme|è|ère|ere|er|re|e)(?!\w)")


def _ordinaux(texte: str, proteges: list[tuple[int, int]]) -> list[_Modif]:
    """« 5ème » → « 5 » and « e » in superscript, « 1ère » → « 1 » and « re » (and « er »)."""
    modifs = []
    for m in _ORDINAL.finditer(texte):
        n, suffixe = m["n"], m["s"]
        if n == "1" and suffixe in ("er", "re", "ère", "ere"):
            voulu = "er" if suffixe == "er" else "re"
        elif n.lstrip("0") and n != "1" and suffixe in ("e", "è", "ème", "eme"):
            voulu = "e"
        else:
            continue
        if _protege(m.start(), proteges):
            continue
        debut = m.start("s")
        modifs += [_Modif(debut + i, _SUR, c, exposant=True) for i, c in enumerate(voulu)]
        modifs += [_Modif(i, _SUR, "") for i in range(debut + len(voulu), m.end("s"))]
    return modifs


REGLES: tuple[Regle, ...] = (
    _apostrophes,
    _guillemets_droits,
    _interieur_guillemets,
    _ponctuation_haute,
    _espaces_apres(_NUMERO, inserer=True),
    _espaces_apres(_ARTICLE, inserer=False),
    _dates,
    _espaces_apres(_UNITE, inserer=True),
    _montants,
    _traits,
    _ordinaux,
)
"""The rules, in the order they are applied."""

_INDICES = re.compile(r"['\"«»:;!?°\d]")
"""A paragraph without any of these has nothing a rule looks for."""


def _proteges(texte: str) -> list[tuple[int, int]]:
    if "@" not in texte and "://" not in texte and "www." not in texte and "mailto:" not in texte:
        return []
    return [m.span() for m in _PROTEGES.finditer(texte)]


def _corriger(texte: _Texte) -> None:
    proteges = _proteges(texte.texte)
    for regle in REGLES:
        modifs = regle(texte.texte, proteges)
        if modifs:
            texte.appliquer(modifs)
            proteges = _proteges(texte.texte)


# --- writing the runs back --------------------------------------------------------------------------------


def _mettre_exposant(run: Any, exposant: bool) -> None:
    proprietes = run.find(f"{_W}rPr")
    if proprietes is None:
        proprietes = etree.SubElement(run, f"{_W}rPr")
        run.insert(0, proprietes)
    alignement = proprietes.find(f"{_W}vertAlign")
    if alignement is None:
        alignement = etree.Element(f"{_W}vertAlign")
        suivant = next((e for e in proprietes if e.tag in _APRES_VERTALIGN), None)
        if suivant is None:
            proprietes.append(alignement)
        else:
            suivant.addprevious(alignement)
    alignement.set(f"{_W}val", "superscript" if exposant else "baseline")


def _contenu(morceaux: Iterable[_Morceau]) -> list[Any]:
    """The run children of pieces: text as w:t (no-break hyphens as w:noBreakHyphen), elements as
    they were."""
    enfants: list[Any] = []
    tampon: list[str] = []

    def vider() -> None:
        texte = "".join(tampon)
        tampon.clear()
        for rang, bout in enumerate(texte.split(TRAIT_INSECABLE)):
            if rang:
                enfants.append(etree.Element(f"{_W}noBreakHyphen"))
            if bout:
                t = etree.Element(f"{_W}t")
                t.text = bout
                if bout != bout.strip(" \t\n"):
                    t.set(_XML_SPACE, "preserve")
                enfants.append(t)

    for morceau in morceaux:
        if morceau.element is None:
            tampon.append(morceau.texte)
        else:
            vider()
            enfants.append(morceau.element)
    vider()
    return enfants


def _reecrire(run: Any, morceaux: list[_Morceau]) -> None:
    """Write back a run from its pieces; pieces that changed position (superscript) go to runs of
    their own, after it, with the same formatting otherwise."""
    base = _exposant(run)
    groupes: list[tuple[bool, list[_Morceau]]] = []
    for morceau in morceaux:
        if morceau.element is None and not morceau.texte:
            continue
        exposant = morceau.exposant if morceau.element is None else (groupes[-1][0] if groupes else base)
        if groupes and groupes[-1][0] == exposant:
            groupes[-1][1].append(morceau)
        else:
            groupes.append((exposant, [morceau]))
    for enfant in list(run):
        if enfant.tag != f"{_W}rPr":
            run.remove(enfant)
    precedent = run
    for rang, (exposant, groupe) in enumerate(groupes):
        if rang == 0:
            cible = run
        else:
            cible = etree.Element(run.tag, run.attrib)
            proprietes = run.find(f"{_W}rPr")
            if proprietes is not None:
                cible.append(copy.deepcopy(proprietes))
            precedent.addnext(cible)
        if exposant != base:
            _mettre_exposant(cible, exposant)
        cible.extend(_contenu(groupe))
        precedent = cible


# --- public functions -------------------------------------------------------------------------------------


def corriger_paragraphe(paragraphe: Any) -> bool:
    """Apply the rules to a w:p element (not to the paragraphs of its text boxes); True if it changed."""
    morceaux = _morceaux(paragraphe)
    if not morceaux:
        return False
    texte = _Texte(morceaux)
    if _INDICES.search(texte.texte) is None:
        return False
    _corriger(texte)
    if not texte.touches:
        return False
    par_run: dict[Any, list[_Morceau]] = {}
    for morceau in texte.morceaux:
        par_run.setdefault(morceau.run, []).append(morceau)
    for run in texte.touches:
        _reecrire(run, par_run.get(run, []))
    return True


def corriger(racine: Any) -> int:
    """Apply the rules to every paragraph under `racine` (a part's root, or its w:body): body, table
    cells, text boxes, notes. Returns the number of paragraphs changed."""
    return sum(corriger_paragraphe(p) for p in list(racine.iter(f"{_W}p")))


def corriger_texte(texte: str) -> str:
    """The rules on a plain text (superscript is not shown, no-break hyphens are U+2011).

    >>> corriger_texte("Pour: la 5ème commission, l'article L.3121-14 \\"Agir\\"") == (
    ...     "Pour\\xa0: la 5e commission, l’article\\xa0L.3121\\u201114 «\\xa0Agir\\xa0»"
    ... )
    True
    """
    objet = _Texte([_Morceau(texte, None, False)])
    _corriger(objet)
    return objet.texte
