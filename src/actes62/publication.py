"""The version of the acts for online publication (CGCT L3131-1: electronic publication since
1 July 2022), with personal data withdrawn for real.

Knowledge lives once: the templates (and the dossier's texts) print a personal datum through the
`personnel` filter, which writes « [donnée personnelle retirée] » when the context's
`publication` is true, and may leave out what is not to be published with
`{%p if not publication %}`. The publication is rendered like `generate --pdf`, with that flag;
then every DOCX and PDF made is read back, and if an IBAN, a BIC, an e-mail address or a phone
number is still found, or an image stands where a signature is written, nothing is written and
the error names the file and the place. The délibération's first page carries the accusé de
réception (transmission, reception and publication dates, ACTES identifier): a délibération
without one is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from stdnum import iban as stdnum_iban

from actes62.errors import GenerationError
from actes62.model import Dossier
from actes62.read import read_document

__all__ = ["PublicationRefusee", "Reperage", "donnees_personnelles", "publier", "verifier_publication"]


class PublicationRefusee(GenerationError):
    """The version for online publication cannot be written: what is missing, or what personal
    datum remains and where."""


@dataclass(frozen=True)
class Reperage:
    """A personal datum found in a text: its kind (« IBAN », « courriel »…), the text found and
    where it starts in the text."""

    genre: str
    texte: str
    debut: int


_IBAN = re.compile(r"(?<![A-Z0-9])[A-Z]{2}[0-9]{2}(?:\s?[A-Z0-9]){11,30}")
_BIC = re.compile(r"\bBIC\s*:?\s*(?P<bic>[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b")
_COURRIEL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TELEPHONE = re.compile(
    r"(?<![\w+/-])(?:(?:\+|00) ?33 ?(?:\(0\) ?)?[1-9]|0[1-9])(?:[\s.-]?[0-9]{2}){4}(?![\w/-])"
)
"""A French phone number: 03 21 21 62 62, 03.21.21.62.62, 0321216262, +33 3 21 21 62 62 (the
groups may be split over two lines of a PDF page)."""


def _ibans(texte: str) -> Iterator[Reperage]:
    """Valid IBANs (python-stdnum), spaces between groups allowed; a candidate that runs into the
    next word (« …189 BIC ») is shortened until it is valid."""
    for trouve in _IBAN.finditer(texte):
        candidat = trouve.group()
        while len(candidat.replace(" ", "")) >= 15:
            if stdnum_iban.is_valid(candidat):
                yield Reperage("IBAN", candidat, trouve.start())
                break
            candidat = candidat[:-1].rstrip()


def donnees_personnelles(texte: str) -> list[Reperage]:
    """The IBANs, BICs (after the word « BIC »), e-mail addresses and French phone numbers found
    in a text (normalised: no-break spaces read as spaces), in the order of the text.

    >>> [r.genre for r in donnees_personnelles("IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPP")]
    ['IBAN', 'BIC']
    >>> [r.texte for r in donnees_personnelles("contact : jean.dupont@exemple.fr, 03 21 21 62 62")]
    ['jean.dupont@exemple.fr', '03 21 21 62 62']
    >>> donnees_personnelles("SIRET 226 200 012 00012, 9 380,00 €, le 15/09/2025, 062-226200012-20250915-lmc1526130-DE")
    []
    """
    reperages = list(_ibans(texte))
    reperages += [Reperage("BIC", t.group("bic"), t.start("bic")) for t in _BIC.finditer(texte)]
    reperages += [Reperage("courriel", t.group(), t.start()) for t in _COURRIEL.finditer(texte)]
    reperages += [Reperage("téléphone", t.group(), t.start()) for t in _TELEPHONE.finditer(texte)]
    return sorted(reperages, key=lambda r: r.debut)


_STYLE_SIGNATURE = re.compile(r"signature", re.IGNORECASE)


def _images_de_signature(chemin: Path) -> list[str]:
    """The places of the images (drawings, VML pictures) of a DOCX that stand in a signature: in a
    paragraph whose style is a « Signature » style, in a table that holds one, or whose name or
    description says « signature »."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(chemin))
    styles = {style.style_id: style.name or "" for style in document.styles}
    corps = document.element.body
    lieux: list[str] = []

    def style_de(paragraphe: object) -> str:
        ppr = paragraphe.find(qn("w:pPr"))  # type: ignore[attr-defined]
        pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return styles.get(pstyle.get(qn("w:val")), "") if pstyle is not None else ""

    for numero, paragraphe in enumerate(corps.iter(qn("w:p")), start=1):
        images = paragraphe.findall(f".//{qn('w:drawing')}") + paragraphe.findall(f".//{qn('w:pict')}")
        if not images:
            continue
        dans_signature = bool(_STYLE_SIGNATURE.search(style_de(paragraphe)))
        tableau = next((a for a in paragraphe.iterancestors(qn("w:tbl"))), None)
        if tableau is not None:
            dans_signature |= any(_STYLE_SIGNATURE.search(style_de(p)) for p in tableau.iter(qn("w:p")))
        for image in images:
            noms = " ".join(
                f"{e.get('name', '')} {e.get('descr', '')} {e.get('title', '')}"
                for e in image.iter()
                if e.tag.endswith("}docPr") or e.tag.endswith("}shape")
            )
            if dans_signature or _STYLE_SIGNATURE.search(noms):
                lieux.append(f"paragraphe {numero}")
    return lieux


def verifier_publication(fichiers: Sequence[Path], noms: Sequence[str] | None = None) -> None:
    """Read back each DOCX and PDF and raise PublicationRefusee, naming each file (by `noms`, the
    names to show, default the paths) and place, if a personal datum or a signature image remains."""
    constats: list[str] = []
    for index, chemin in enumerate(fichiers):
        nom = noms[index] if noms is not None else str(chemin)
        if chemin.suffix.lower() not in (".docx", ".pdf"):
            continue
        document = read_document(chemin)
        for piece in document.pieces:
            for reperage in donnees_personnelles(piece.text):
                lieu = piece.part_at(reperage.debut)
                constats.append(f"{nom}:{lieu}: {reperage.genre} « {reperage.texte} » encore présent")
        if document.format == "docx":
            for lieu in _images_de_signature(chemin):
                constats.append(
                    f"{nom}:{lieu}: image dans une signature (signature manuscrite ?) encore présente"
                )
    if constats:
        raise PublicationRefusee(
            "version publiée refusée, rien n'est écrit : des données personnelles y restent.\n"
            + "\n".join(constats)
            + "\nDans le modèle ou le texte du dossier, écrivez-les avec le filtre « personnel » "
            "({{ valeur | personnel }}) ou entourez-les de {%p if not publication %} … {%p endif %}."
        )


def publier(
    dossier: Dossier,
    sortie: Path,
    *,
    force: bool = False,
    templates: Path | None = None,
    racine: Path | None = None,
    progression: bool = False,
) -> list[Path]:
    """Write into `sortie` the version for online publication of every affaire: the DOCX and PDF of
    each document and the délibération with its annexes in one PDF, personal data withdrawn, the
    délibération's first page carrying the accusé de réception. Refused (PublicationRefusee, nothing
    written) for a délibération without its accusé de réception, or if a personal datum remains."""
    from actes62.render import generer

    for affaire in dossier.affaires:
        deliberation = affaire.deliberation
        if deliberation.acquittement is None:
            etat = " (elle est en projet)" if deliberation.etat == "projet" else ""
            raise PublicationRefusee(
                f"affaire « {affaire.id} » : la délibération n°{deliberation.numero} n'a pas d'accusé de "
                f"réception ACTES{etat} ; la version publiée porte en première page les dates de "
                "transmission, de réception et de publication et l'identifiant ACTES : renseignez "
                "« deliberation.acquittement » (identifiant, date_transmission, date_reception, "
                "date_publication)"
            )
    sortie = Path(sortie)

    def controle(atelier: Path, noms: Sequence[str]) -> None:
        verifier_publication([atelier / nom for nom in noms], [str(sortie / nom) for nom in noms])

    return generer(
        dossier,
        sortie,
        force=force,
        templates=templates,
        pdf=True,
        racine=racine,
        progression=progression,
        publication=True,
        controle=controle,
    )
