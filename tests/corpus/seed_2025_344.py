"""Seed dossier: délibération n°2025-344 of the Pas-de-Calais Commission Permanente (15/09/2025).

A transcription, by hand and with python-docx, of the published dossier: the délibération (with its
ACTES acknowledgement), the rapport n°27, the 2025 convention with Lianes coopération and the budget
of the association's "proposition d'accompagnement". The text is the published one, inconsistencies
included (they are listed in `seed_2025_344.cle.yaml`): nothing here comes from actes62's templates.

The layout imitates documents typed in Word by different services: a different font per document,
hand-made tables, bold headings, superscript ordinals, non-breaking spaces in some amounts only, an
amount split across two runs, a stamp in the first-page header of the délibération and a page footer
on the convention. The output is byte-for-byte deterministic (fixed metadata and zip timestamps).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from docx import Document
from docx.document import Document as DocumentWord
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

# Typographic spaces, used in some amounts and not in others (as Word's autocorrect leaves them).
NBSP = "\u00a0"
NNBSP = "\u202f"

GAUCHE = WD_ALIGN_PARAGRAPH.LEFT
CENTRE = WD_ALIGN_PARAGRAPH.CENTER
DROITE = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFIE = WD_ALIGN_PARAGRAPH.JUSTIFY


@dataclass(frozen=True)
class R:
    """One Word run: text and its character formatting."""

    texte: str
    gras: bool = False
    italique: bool = False
    souligne: bool = False
    exposant: bool = False
    taille: float | None = None


# A paragraph is written as a sequence of pieces: plain strings or formatted runs.
Morceau = str | R
# A table cell: a string ("\n" separates paragraphs) or the runs of a single paragraph.
Cellule = str | tuple[Morceau, ...]


class _Conteneur(Protocol):
    """Anything python-docx can add a paragraph to: the body, a cell, a header, a footer."""

    def add_paragraph(self, text: str = ..., style: str | None = ...) -> Paragraph: ...


def _nouveau(police: str, taille: float, auteur: str, titre: str, cree: datetime) -> DocumentWord:
    """An A4 document whose Normal style uses `police`, with fixed metadata (deterministic output)."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = police
    normal.font.size = Pt(taille)
    rpr = normal.element.get_or_add_rPr()
    polices = rpr.find(qn("w:rFonts"))
    if polices is not None:
        polices.set(qn("w:cs"), police)
        polices.set(qn("w:eastAsia"), police)
    langue = OxmlElement("w:lang")
    langue.set(qn("w:val"), "fr-FR")
    rpr.append(langue)
    normal.paragraph_format.space_after = Pt(6)
    for nom in ("Heading 1", "Heading 2", "List Bullet"):
        doc.styles[nom].font.name = police
    section = doc.sections[0]
    section.page_width = Cm(21)
    section.page_height = Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = Cm(2)
    section.bottom_margin = Cm(2)
    proprietes = doc.core_properties
    proprietes.author = auteur
    proprietes.last_modified_by = auteur
    proprietes.title = titre
    proprietes.created = cree
    proprietes.modified = cree
    proprietes.revision = 3
    return doc


def _runs(p: Paragraph, morceaux: Sequence[Morceau], gras: bool = False, taille: float | None = None) -> None:
    """Adds the pieces to `p`, one run each."""
    for morceau in morceaux:
        r = R(morceau) if isinstance(morceau, str) else morceau
        run = p.add_run(r.texte)
        if r.gras or gras:
            run.bold = True
        if r.italique:
            run.italic = True
        if r.souligne:
            run.underline = True
        if r.exposant:
            run.font.superscript = True
        if r.taille is not None or taille is not None:
            run.font.size = Pt(r.taille if r.taille is not None else taille or 0)


def _para(
    conteneur: _Conteneur,
    *morceaux: Morceau,
    align: WD_ALIGN_PARAGRAPH | None = None,
    gras: bool = False,
    taille: float | None = None,
    avant: float | None = None,
    apres: float | None = None,
    retrait: float | None = None,
    style: str | None = None,
) -> Paragraph:
    """A paragraph of the given pieces, with its paragraph formatting."""
    p = conteneur.add_paragraph(style=style) if style else conteneur.add_paragraph()
    _runs(p, morceaux, gras=gras, taille=taille)
    if align is not None:
        p.alignment = align
    if avant is not None:
        p.paragraph_format.space_before = Pt(avant)
    if apres is not None:
        p.paragraph_format.space_after = Pt(apres)
    if retrait is not None:
        p.paragraph_format.left_indent = Cm(retrait)
    return p


def _tableau(
    conteneur: DocumentWord,
    lignes: Sequence[Sequence[Cellule]],
    largeurs: Sequence[float],
    aligns: Sequence[WD_ALIGN_PARAGRAPH],
    *,
    entete: bool = True,
    bordures: bool = True,
    taille: float = 9,
    gras_derniere: bool = False,
) -> Table:
    """A table typed by hand: widths in cm, the first row bold when `entete`."""
    table: Table = conteneur.add_table(rows=len(lignes), cols=len(largeurs))
    if bordures:
        table.style = conteneur.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for j, largeur in enumerate(largeurs):
        table.columns[j].width = Cm(largeur)  # the grid, which LibreOffice follows
    for i, ligne in enumerate(lignes):
        gras = (entete and i == 0) or (gras_derniere and i == len(lignes) - 1)
        for j, contenu in enumerate(ligne):
            cellule = table.cell(i, j)
            cellule.width = Cm(largeurs[j])
            premier = cellule.paragraphs[0]
            if isinstance(contenu, str):
                textes = contenu.split("\n")
                _runs(premier, [textes[0]], gras=gras, taille=taille)
                premier.alignment = aligns[j]
                for suite in textes[1:]:
                    _para(cellule, suite, gras=gras, taille=taille, align=aligns[j])
            else:
                _runs(premier, contenu, gras=gras, taille=taille)
                premier.alignment = aligns[j]
            for p in cellule.paragraphs:
                p.paragraph_format.space_after = Pt(2)
    return table


def _champ_page(p: Paragraph, instruction: str) -> None:
    """A simple Word field (PAGE, NUMPAGES) at the end of `p`."""
    champ = OxmlElement("w:fldSimple")
    champ.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    texte = OxmlElement("w:t")
    texte.text = "1"
    run.append(texte)
    champ.append(run)
    p._p.append(champ)


def _enregistrer(doc: DocumentWord, chemin: Path) -> None:
    """Saves `doc` with fixed zip timestamps, so the same dossier gives the same bytes."""
    tampon = io.BytesIO()
    doc.save(tampon)
    with (
        zipfile.ZipFile(io.BytesIO(tampon.getvalue())) as source,
        zipfile.ZipFile(chemin, "w", zipfile.ZIP_DEFLATED) as cible,
    ):
        for info in source.infolist():
            fixe = zipfile.ZipInfo(info.filename, date_time=(2025, 9, 1, 8, 0, 0))
            fixe.compress_type = zipfile.ZIP_DEFLATED
            fixe.external_attr = 0o644 << 16
            cible.writestr(fixe, source.read(info.filename))


# ---------------------------------------------------------------------------------------------
# Délibération n°2025-344
# ---------------------------------------------------------------------------------------------

PRESENTS = (
    "M. Jean-Claude LEROY, Mme Mireille HINGREZ-CÉRÉDA, M. Daniel MACIEJASZ, Mme Valérie CUVILLIER, "
    "Mme Blandine DRAIN, Mme Maryse CAUWET, Mme Bénédicte MESSEANNE-GROBELNY, M. Jean-Claude DISSAUX, "
    "Mme Laurence LOUCHAERT, M. Laurent DUPORGE, Mme Karine GAUTHIER, M. Alain MEQUIGNON, "
    "Mme Evelyne NACHEL, Mme Florence WOZNY, M. Jean-Jacques COTTEL, Mme Caroline MATRAT, "
    "M. Sébastien CHOCHOIS, Mme Sophie WAROT-LEMAIRE, M. André KUCHCINSKI, M. Pierre GEORGET, "
    "Mme Carole DUBOIS, M. Olivier BARBARIN, Mme Zohra OUAGUEF, M. Etienne PERIN, M. Claude BACHELET, "
    "Mme Maïté MULOT-FRISCOURT, M. Bruno COUSEIN, Mme Stéphanie RIGAUX, Mme Emmanuelle LAPOUILLE, "
    "Mme Sylvie MEYFROIDT, M. Frédéric MELCHIOR, Mme Brigitte PASSEBOSC, M. François LEMAIRE, "
    "M. Marc SARPAUX, Mme Marie-Line PLOUVIEZ, M. Steeve BRIOIS, M. Ludovic PAJOT, M. René HOCQ, "
    "Mme Emmanuelle LEVEUGLE."
)

EXCUSES = "M. Ludovic LOQUET, Mme Fatima AIT-CHIKHEBBIH, Mme Maryse DELASSUS, M. Philippe FAIT, M. Alexandre MALFAIT."

TITRE_DELIBERATION = (
    "SOUTIEN AUX ACTIONS D'ACCOMPAGNEMENT ET DE SUIVI APPORTÉES PAR LIANES COOPÉRATION EN LIEN AVEC "
    'LA MISE EN ŒUVRE DES DISPOSITIFS "PAS-DE-CALAIS, MOBILITÉ EUROPÉENNE ET INTERNATIONALE" '
    '-"JUMELAGES"'
)

# The visas as published: (text after « Vu », its closing punctuation). Word's French autocorrect
# put non-breaking spaces inside some guillemets only.
VISAS_DELIBERATION: tuple[str, ...] = (
    "le Code Général des Collectivités Territoriales et, notamment, ses articles L.3121-14, "
    "L.3121-14-1, L.3211-1 et L.3211-2 :",
    "le Code Général des Collectivités Territoriales et, notamment, ses articles L.1115-1 et suivants :",
    f"la délibération n°2021-257 du Conseil départemental en date du 01/07/2021 «{NBSP}Délégation "
    f"d'attributions à la Commission Permanente{NBSP}» ;",
    "la délibération n°2025-70 du Conseil départemental en date du 24/03/2025 « L'ouverture au monde "
    "dans le Pas-de-Calais : mobilité internationale des jeunes et jumelages » ;",
    "la délibération n°2022-316 du Conseil départemental en date du 26/09/2022 « Pacte des solidarités "
    'territoriales "Agir avec vous pour bien vivre dans le Pas-de-Calais" » ;',
    f"la délibération n°2022-11 du Conseil départemental en date du 24/01/2022 «{NBSP}L'ouverture au "
    f"monde dans le Pas-de-Calais{NBSP}: 3 dispositifs départementaux{NBSP}» ;",
    "la délibération n°2024-401 de la Commission Permanente en date du 14/10/2024 « Soutien aux actions "
    "d'accompagnement et de suivi apportées par l'association Lianes coopération en lien avec la mise "
    "en œuvre des dispositifs départementaux « Pas-de-Calais, mobilité européenne et internationale » "
    "et « Jumelages innovants » ;",
    "la délibération n°2023-125 de la Commission Permanente en date du 25/03/2023 « L'ouverture au monde "
    "du Pas-de-Calais : mobilité internationale des jeunes et jumelages » ;",
    "le rapport du Président du Conseil départemental, ci-annexé ;",
)


def _deliberation(dest: Path) -> None:
    doc = _nouveau(
        "Arial", 10.5, "DAJ - Assemblées", "Délibération CP 2025-344", datetime(2025, 9, 16, 10, 42)
    )
    section = doc.sections[0]
    # The ACTES stamp of the télétransmission, on the first page only.
    section.different_first_page_header_footer = True
    entete = section.first_page_header
    tampon = entete.paragraphs[0]
    _runs(
        tampon,
        ["Accusé de réception en préfecture : 062-226200012-20250915-lmc1526130-DE-1-1"],
        taille=7.5,
    )
    tampon.alignment = DROITE
    _para(entete, "Date de télétransmission : 01/10/2025", taille=7.5, align=DROITE, apres=0)
    _para(entete, "Date de réception préfecture : 01/10/2025", taille=7.5, align=DROITE, apres=0)
    _para(entete, "Publication électronique le : 1 octobre 2025", taille=7.5, align=DROITE, apres=0)

    _para(doc, "DEPARTEMENT DU PAS-DE-CALAIS", gras=True, align=CENTRE, taille=13, apres=12)
    _para(doc, "DELIBERATION DE LA COMMISSION PERMANENTE DU CONSEIL DEPARTEMENTAL", gras=True, align=CENTRE)
    _para(doc, "REUNION DU 15 SEPTEMBRE 2025", gras=True, align=CENTRE)
    _para(doc, "PRESIDENCE DE MONSIEUR JEAN-CLAUDE LEROY", gras=True, align=CENTRE)
    _para(doc, "Secrétaire : M. Etienne PERIN", align=CENTRE, apres=12)
    _para(doc, R("Étaient présents: ", gras=True), PRESENTS, align=JUSTIFIE, taille=9)
    _para(doc, R("Excusé(s): ", gras=True), EXCUSES, align=JUSTIFIE, taille=9)
    _para(
        doc,
        R("Assistant également sans voix délibérative : ", gras=True),
        "M. Jean-Louis COTTIGNY, M. Bertrand PETIT, M. Jean-Marc TELLIER.",
        align=JUSTIFIE,
        taille=9,
    )
    _para(
        doc,
        R("Excusé(s) sans voix délibérative : ", gras=True),
        "M. Michel DAGBERT.",
        align=JUSTIFIE,
        taille=9,
        apres=14,
    )
    _para(doc, TITRE_DELIBERATION, gras=True, align=CENTRE, taille=11)
    _para(doc, "(N°2025-344)", gras=True, align=CENTRE, apres=14)
    _para(doc, "La Commission Permanente du Conseil départemental du Pas-de-Calais,", align=JUSTIFIE)
    for visa in VISAS_DELIBERATION:
        _para(doc, R("Vu ", gras=True), visa, align=JUSTIFIE)
    _para(
        doc,
        R("Vu ", gras=True),
        "l'avis de la 5",
        R("ème", exposant=True),
        " commission « Solidarité Territoriale et Partenariats » rendu lors de sa réunion en date du "
        "02/09/2025 :",
        align=JUSTIFIE,
    )
    _para(doc, "Après en avoir délibéré,", avant=6)
    _para(doc, "DECIDE:", gras=True, align=CENTRE, avant=6, apres=10)

    _para(doc, R("Article 1:", gras=True, souligne=True))
    _para(
        doc,
        f"D'attribuer une subvention de 9{NBSP}380{NBSP}€ à l'association Lianes Coopération, pour "
        "l'année 2025, afin de soutenir ses actions d'accompagnement et de suivi en lien avec la mise en "
        "œuvre des dispositifs départementaux « Pas-de-Calais, mobilité européenne et internationale » "
        "et « jumelages », selon les modalités reprises au rapport joint à la présente délibération.",
        align=JUSTIFIE,
    )
    _para(doc, R("Article 2:", gras=True, souligne=True))
    _para(
        doc,
        "D'autoriser le Président du Conseil départemental à signer, au nom et pour le compte du "
        "Département, avec l'association Lianes Coopération, la convention correspondante précisant les "
        "modalités de versement et les conditions d'utilisation et de contrôle de cette subvention, dans "
        "les termes du projet joint en annexe 3 à la présente délibération.",
        align=JUSTIFIE,
    )
    _para(doc, R("Article 3:", gras=True, souligne=True))
    _para(
        doc,
        "La dépense versée en application de l'article 1 de la présente délibération est imputée sur le "
        "budget départemental comme suit :",
        align=JUSTIFIE,
    )
    _tableau(
        doc,
        [
            ("Code Opération", "Imputation budgétaire", "Libellé Opération", "CP€", "Dépense €"),
            (
                "C05-043A06",
                "65748//93043",
                "Actions européennes et internationales",
                f"10{NNBSP}000,00",
                "9 380,00",
            ),
        ],
        [2.8, 3.2, 5.4, 2.4, 2.4],
        [CENTRE, CENTRE, GAUCHE, DROITE, DROITE],
    )
    _para(doc, "Dans les conditions de vote ci-dessous :", avant=10)
    vote = _tableau(
        doc,
        [
            (
                "Pour : 44 voix\n(Groupe Socialiste, Républicain et Citoyen ; Groupe Communiste et "
                "Républicain ; Groupe Union pour le Pas-de-Calais ; Groupe Rassemblement National ; "
                "Non-inscrit)",
                "Contre: 0 voix",
                "Abstention: 0 voix",
            ),
        ],
        [9.0, 3.6, 3.6],
        [GAUCHE, CENTRE, CENTRE],
        entete=False,
        bordures=False,
        taille=9.5,
    )
    vote.alignment = WD_TABLE_ALIGNMENT.LEFT
    _para(doc, "", apres=0)
    _tableau(doc, [("(Adopté)",), ("",), ("",)], [4.0], [CENTRE], taille=10)
    _para(doc, "LE PRESIDENT DU CONSEIL DEPARTEMENTAL,", gras=True, avant=18, retrait=8.5)
    _para(doc, "Jean-Claude LEROY", retrait=8.5, apres=18)
    _para(doc, "ARRAS, le 15 septembre 2025", retrait=8.5)
    _para(doc, "Pour le Président du Conseil départemental,", retrait=8.5, apres=0)
    _para(doc, "La Directrice générale des services,", retrait=8.5)
    _para(doc, R("Signé", italique=True), retrait=8.5)
    _para(doc, "Maryline VINCLAIRE", gras=True, retrait=8.5)
    _enregistrer(doc, dest / "deliberation.docx")


# ---------------------------------------------------------------------------------------------
# Rapport n°27
# ---------------------------------------------------------------------------------------------


def _rapport(dest: Path) -> None:
    doc = _nouveau("Marianne", 10, "MCEI", "Rapport 27 - Lianes 2025", datetime(2025, 8, 21, 15, 7))
    _para(doc, "DEPARTEMENT DU PAS-DE-CALAIS", gras=True, taille=12, apres=2)
    _para(doc, "Pôle Partenariats et Ingénierie", taille=9, apres=0)
    _para(doc, "Mission Coopération Européenne et Internationale", taille=9, apres=12)
    _para(doc, "RAPPORT N°27", gras=True, align=DROITE, taille=12)
    _para(doc, R("Territoire(s): ", gras=True), "Tous les territoires", align=DROITE, apres=14)
    _para(doc, "COMMISSION PERMANENTE DU CONSEIL DEPARTEMENTAL", gras=True, align=CENTRE, apres=2)
    _para(doc, "REUNION DU 15 SEPTEMBRE 2025", gras=True, align=CENTRE, apres=14)
    _para(
        doc,
        "SOUTIEN AUX ACTIONS D'ACCOMPAGNEMENT ET DE SUIVI APPORTÉES PAR LIANES COOPÉRATION EN LIEN AVEC "
        "LA MISE EN ŒUVRE DES DISPOSITIFS PAS-DE-CALAIS, MOBILITÉ EUROPÉENNE ET INTERNATIONALE JUMELAGES",
        gras=True,
        align=CENTRE,
        apres=14,
    )
    expose = (
        "Dans la dynamique de l'adoption de la délibération du 23 janvier 2022, dédiée à l'ouverture au "
        "monde des habitants et des acteurs du territoire, la politique départementale apporte un soutien "
        "aux actions européennes et internationales initiées par les structures du Pas-de-Calais qui "
        "promeuvent la culture de la coopération partenariale, les expériences de mobilités collectives de "
        "jeunes et la promotion des valeurs de tolérance et de citoyenneté.",
        "L'association Lianes coopération, en tant que Réseau Régional Multi-Acteurs, intervient sur "
        "l'ensemble de la Région Hauts-de-France pour accompagner les collectivités territoriales dans le "
        "déploiement de leurs politiques publiques en direction de l'Europe et de l'international.",
        "Lianes coopération est partenaire du Département depuis 2022 (cf. bilan d'activités de "
        "l'association pour l'année 2024 en annexe 1), et apporte un accompagnement des acteurs du "
        "territoire souhaitant répondre aux appels à projets des dispositifs départementaux "
        "« Pas-de-Calais, mobilité européenne et internationale » (62MEI) et « Jumelages ».",
        "Ces dispositifs s'inscrivent dans les priorités du mandat 2022-2027 et répondent à l'ambition 14 "
        "« Développer l'ouverture du Département et des territoires vers l'Europe et l'international » du "
        "pacte des solidarités territoriales, à l'ambition 8 « Agir en citoyens du monde » du pacte des "
        "réussites citoyennes ainsi qu'à l'ambition 6 « Accompagner les jeunes les plus fragiles vers "
        "l'autonomie » du pacte des solidarités humaines.",
        "Les règlements qui régissent les conditions et modalités de mise en œuvre des dispositifs ont fait "
        "l'objet d'une révision adoptée lors de la délibération du 24 mars 2025.",
        "C'est dans ce cadre qu'intervient la mise en place d'une convention de partenariat avec "
        "l'association Lianes coopération qui propose un accompagnement auprès des structures du "
        "Pas-de-Calais dès la phase d'élaboration de leur projet. Pour rappel, cet accompagnement, pris en "
        "charge par le Département, est proposé à titre gratuit aux porteurs de projet.",
        "Pour l'année 2025, l'association Lianes coopération dédie une chargée de mission à la mise en "
        "œuvre des actions listées ci-après, et qui figurent dans la convention de partenariat proposée "
        "(cf. projet joint en annexe 2) :",
    )
    for texte in expose:
        _para(doc, texte, align=JUSTIFIE)
    actions = (
        "actions d'accompagnement des acteurs dans l'élaboration de leurs projets de mobilité des jeunes "
        "et des structures pour leurs projets de jumelages. Cet accompagnement est dispensé par le biais de "
        "rendez-vous individuels et personnalisés en présentiel ou en visio, échanges téléphoniques, "
        "emails, ateliers collectifs, mise en réseau;",
        "appui-conseil auprès des structures qui ne souhaitent pas ou n'ont pas besoin de bénéficier d'un "
        "accompagnement sur le long-terme;",
        "développement et mise en œuvre de modules dans le cadre du parcours d'accompagnement aux projets "
        "de mobilité (cf annexe 3);",
        "renforcement des dynamiques partenariales et d'animation de réseaux dans le Pas-de-Calais autour "
        "de la mobilité internationale et des jumelages (festivals, marchés, réunions...).",
    )
    for texte in actions:
        _para(doc, "- " + texte, align=JUSTIFIE, retrait=0.8)
    _para(
        doc,
        "A ce titre, il est proposé un accompagnement financier du Département à hauteur de ",
        R("9 380 €", gras=True),
        " afin de soutenir les actions menées par l'association Lianes coopération pour l'année 2025.",
        align=JUSTIFIE,
    )
    _para(doc, "Il convient de statuer sur cette affaire et, le cas échéant :", avant=6)
    _para(
        doc,
        f"- d'attribuer une subvention de 9{NNBSP}380{NBSP}€ à l'association Lianes coopération, pour "
        "l'année 2025 afin de soutenir ses actions d'accompagnement et de suivi en lien avec la mise en "
        'œuvre des dispositifs départementaux "Pas-de-Calais, mobilité européenne et internationale" et '
        '"jumelages";',
        align=JUSTIFIE,
        retrait=0.8,
    )
    _para(
        doc,
        "- de m'autoriser à signer, au nom et pour le compte du Département, avec l'association Lianes "
        "coopération, la convention correspondante précisant les modalités de versement et les conditions "
        "d'utilisation et de contrôle de cette subvention, dans les termes du projet joint en annexe 3.",
        align=JUSTIFIE,
        retrait=0.8,
    )
    _para(doc, "La dépense sera imputée sur le budget départemental comme suit :", avant=6)
    _tableau(
        doc,
        [
            (
                "Code Opération",
                "Imputation Budgétaire",
                "Libellé Opération",
                "CP",
                "Disponible",
                "Proposition",
                "Solde",
            ),
            (
                "C05-043A06",
                "65748//93043",
                "Actions européennes et internationales",
                "10 000,00",
                f"10{NBSP}000,00",
                "9 380,00",
                "620,00",
            ),
        ],
        [2.4, 2.6, 3.2, 1.9, 2.1, 2.4, 1.8],
        [CENTRE, CENTRE, GAUCHE, DROITE, DROITE, DROITE, DROITE],
        taille=8,
    )
    _para(
        doc,
        "La 5ème Commission - Solidarité territoriale et partenariats a émis un avis favorable sur ce "
        "rapport lors de sa réunion du 02/09/2025.",
        align=JUSTIFIE,
        avant=10,
    )
    _para(doc, "Je vous prie de bien vouloir en délibérer.", avant=6, apres=18)
    _para(doc, "Le Président du Conseil Départemental", align=CENTRE, retrait=7)
    _para(doc, R("SIGNE", gras=True), align=CENTRE, retrait=7)
    _enregistrer(doc, dest / "rapport.docx")


# ---------------------------------------------------------------------------------------------
# Convention 2025
# ---------------------------------------------------------------------------------------------


def _article(doc: DocumentWord, titre: str) -> None:
    _para(doc, R(titre, gras=True, souligne=True), avant=10, apres=4)


def _puce(doc: DocumentWord, *morceaux: Morceau) -> None:
    _para(doc, *morceaux, style="List Bullet", align=JUSTIFIE, apres=2)


def _convention(dest: Path) -> None:
    doc = _nouveau(
        "Times New Roman", 11, "MCEI", "Convention Lianes coopération 2025", datetime(2025, 7, 3, 11, 30)
    )
    pied = doc.sections[0].footer.paragraphs[0]
    _runs(pied, ["Convention 2025 – Lianes coopération – page "], taille=8)
    _champ_page(pied, "PAGE")
    _runs(pied, [" / "], taille=8)
    _champ_page(pied, "NUMPAGES")
    pied.alignment = DROITE

    _para(doc, "Pôle partenariats et ingénierie", taille=9, apres=0)
    _para(doc, "Mission coopération européenne et internationale", taille=9, apres=18)
    _para(doc, "CONVENTION 2025", gras=True, align=CENTRE, taille=16, apres=12)
    _para(
        doc,
        R("Objet : ", gras=True),
        "accompagnement de Lianes coopération pour favoriser l'ouverture au monde des habitants du "
        "Pas-de-Calais",
        align=JUSTIFIE,
        apres=14,
    )
    _para(
        doc,
        "Entre ",
        R("le Département du Pas-de-Calais,", gras=True),
        " dont le siège est en l'Hôtel du Département rue Ferdinand Buisson 62018 Arras Cedex 9,",
        align=JUSTIFIE,
    )
    _para(doc, "identifié au répertoire SIRET sous le n° 226 200 012 00012,")
    _para(
        doc,
        "représenté par Monsieur Jean-Claude Leroy, Président du Conseil départemental, dûment autorisé "
        "par délibération de la Commission Permanente du Conseil départemental en date du 2 septembre "
        "2025,",
        align=JUSTIFIE,
    )
    _para(doc, "ci-après désigné par « le Département »")
    _para(doc, "d'une part,", align=DROITE)
    _para(doc, "Et", gras=True)
    _para(
        doc,
        R("L'association « Lianes coopération »", gras=True),
        ", dont le siège est situé 5 rue Jules de Vicq – 59800 LILLE,",
        align=JUSTIFIE,
    )
    _para(doc, "identifiée au répertoire SIRET sous le n° 438 535 221 00024,")
    _para(doc, "représentée par Madame Elise MOULENE, Présidente de l'association « Lianes coopération »,")
    _para(doc, "ci-après désignée par « le bénéficiaire »,")
    _para(doc, "d'autre part.", align=DROITE, apres=12)
    visas = (
        "Vu le code général des collectivités territoriales ;",
        "Vu la délibération du Conseil départemental du 24 janvier 2022 « L'ouverture au monde dans le "
        "Pas-de-Calais : 3 dispositifs départementaux » ;",
        "Vu la délibération du Conseil départemental du 26 septembre 2022 portant adoption du Pacte des "
        "solidarités territoriales « Agir avec vous pour bien vivre dans le Pas-de-Calais » ;",
        "Vu la délibération du Conseil départemental du 21 novembre 2022 portant adoption du Pacte des "
        "réussites citoyennes « Agir avec vous pour se réaliser dans le Pas-de-Calais » ;",
        "Vu la délibération du Conseil départemental du 12 décembre 2022 portant adoption du Pacte des "
        "solidarités humaines « Agir avec vous pour l'épanouissement de tous dans le Pas-de-Calais » ;",
        "Vu la délibération de la Commission Permanente du 25 mars 2024 « L'ouverture au monde dans le "
        "Pas-de-Calais : Mobilité européenne et internationale des jeunes et Jumelages » ;",
        "Vu la délibération de la Commission Permanente du 2 septembre 2025 « Soutien aux actions "
        "d'accompagnement et de suivi apportées par l'association Lianes coopération en lien avec la mise "
        "en œuvre des dispositifs départementaux Pas-de-Calais, mobilité européenne et internationale et "
        "Jumelages » ;",
    )
    for visa in visas:
        _para(doc, visa, align=JUSTIFIE, retrait=0.5)
    _para(doc, "Il a été convenu ce qui suit :", gras=True, avant=8)

    _article(doc, "Préambule:")
    for texte in (
        "En accord avec sa volonté de soutenir l'ouverture au monde des habitants et des acteurs du "
        "territoire, le Département apporte un soutien aux actions européennes et internationales "
        "initiées par les structures du Pas-de-Calais qui promeuvent la culture de la coopération "
        "partenariale, les expériences de mobilités collectives de jeunes et la promotion des valeurs de "
        "tolérance et de citoyenneté.",
        "Lianes coopération, en tant que Réseau Régional Multi-Acteurs, agit à l'échelle régionale afin "
        "d'accompagner les collectivités territoriales dans leurs politiques publiques vers l'Europe et "
        "l'international. L'association accompagne également d'autres associations, des établissements "
        "scolaires et de l'enseignement supérieur afin de favoriser leurs projets en lien avec l'Europe et "
        "l'international, dans le montage comme dans la mobilisation de financements complémentaires aux "
        "dispositifs départementaux.",
        "Dans le cadre de son partenariat avec le Département, Lianes coopération intervient dans le "
        "respect de la politique départementale de soutien à la mobilité européenne et internationale des "
        "jeunes et de soutien aux actions s'inscrivant dans le cadre de jumelages. Le programme d'actions "
        "repris dans l'article 2 propose un accompagnement sur mesure à destination des porteurs de projets "
        "du Département du Pas-de-Calais, en complémentarité de l'accompagnement départemental, dans une "
        "dynamique de mise en réseau.",
    ):
        _para(doc, texte, align=JUSTIFIE)

    _article(doc, "Article 1: Objet de la convention")
    _para(
        doc,
        "La présente convention a pour objet de fixer les conditions d'octroi d'une subvention par le "
        "Département au bénéficiaire dans le cadre d'un programme d'actions visant à favoriser l'ouverture "
        "au monde des habitants du Pas-de-Calais.",
        align=JUSTIFIE,
    )
    _para(
        doc,
        "Elle fixe également les obligations du bénéficiaire de la subvention pour la réalisation de ces "
        "actions.",
        align=JUSTIFIE,
    )

    _article(doc, "Article 2: Programme d'actions 2025")
    _para(doc, "Le Bénéficiaire s'engage à réaliser les actions suivantes :")
    for texte in (
        "Réalisation de 6 accompagnements personnalisés favorisant l'émergence et le montage de projets de "
        "mobilité internationale auprès des acteurs du territoire ;",
        "Réalisation de 4 accompagnements personnalisés favorisant l'émergence et le montage de projets de "
        "jumelages auprès des acteurs du territoire ;",
        "Réalisation d'appui-conseils auprès des structures qui n'ont pas besoin d'un accompagnement sur le "
        "long-terme ;",
        "Réalisation d'un temps d'accompagnement collectif lié à l'appel à projet « Pas-de-Calais, "
        "mobilité européenne et internationale » pour accompagner à la rédaction du bilan des projets "
        "ayant reçu un avis favorable dans le cadre des appels à projets 2024;",
        "Développement d'outils dans le cadre des 7 modules du parcours d'accompagnement aux projets de "
        "mobilité qui seraient mis en place dans les futurs AAP, sous réserve de la reconduction du "
        "dispositif départemental;",
        "Participation aux réflexions menées pour rendre les dispositifs du Département du Pas-de-Calais "
        "cohérents avec d'autres programmes existants et les attentes/besoins des actions du territoire ;",
        "Soutien aux dynamiques territoriale et partenariale par la valorisation des dispositifs 62MEI et "
        "Jumelages et la mise en réseau lors de différents événements (festivals, réunions, marchés...).",
    ):
        _puce(doc, texte)
    _para(
        doc,
        "Il s'engage par ailleurs à se soumettre à tout contrôle technique, administratif et financier sur "
        "pièces et sur place, y compris au sein de sa comptabilité, effectué par le Département ou tout "
        "autre instance habilitée par lui.",
        align=JUSTIFIE,
        avant=4,
    )

    _article(doc, "Article 3 : Délai de réalisation")
    _para(
        doc,
        "Le bénéficiaire s'engage à mener ses actions entre le 1",
        R("er", exposant=True),
        " janvier 2025 et le 31 décembre 2025. Les dépenses qu'il engagera pour mener ces actions devront "
        "être acquittées durant la même période.",
        align=JUSTIFIE,
    )
    _para(doc, "Le bilan des actions devra être fourni au Département, au plus tard le 1er avril 2026.")
    _para(doc, "À défaut de remplir ces obligations, la subvention pourra être annulée de plein droit.")

    _article(doc, "Article 4: Montant de la subvention")
    # The amount is split across two runs, as after an edit in Word.
    _para(
        doc,
        "Au titre de l'année 2025, le Département octroie au bénéficiaire une subvention d'un montant de ",
        f"9{NBSP}",
        "380 €",
        " afin de mener les actions prévues à l'article 2.",
        align=JUSTIFIE,
    )

    _article(doc, "Article 5 : Ajustement du montant de la subvention")
    _para(
        doc,
        "En cas de réalisation des dépenses inférieure au montant indiqué dans l'article 4, la subvention "
        "départementale sera réduite en conséquence.",
        align=JUSTIFIE,
    )
    _para(
        doc,
        "Le reversement partiel ou total des sommes versées sera ainsi réclamé à réception du bilan des "
        "actions, au plus tard le 1",
        R("er", exposant=True),
        " avril 2026.",
        align=JUSTIFIE,
    )

    _article(doc, "Article 6: Modalités de versement")
    _para(doc, "La subvention sera versée en une seule fois à la signature de la convention.")
    _para(
        doc,
        "Avant le 1",
        R("er", exposant=True),
        " avril 2026, le bénéficiaire s'engage à fournir au Département le bilan des actions. Ce bilan "
        "comprendra les éléments suivants :",
        align=JUSTIFIE,
    )
    _puce(doc, "Le compte-rendu détaillé des actions menées,")
    _puce(
        doc,
        "Le bilan financier des actions comprenant la liste des dépenses réalisées affectées aux actions, "
        "présentée sous forme d'une liste ",
        R("signée par le représentant légal de la structure", gras=True),
        ",",
    )
    _puce(
        doc,
        R(
            "La copie de tout élément justifiant du respect des obligations de communication mentionnées à "
            "l'article 7.",
            souligne=True,
        ),
    )
    _para(
        doc,
        "Le paiement sera établi par virement effectué par Monsieur le Payeur Départemental (comptable "
        "assignataire de la dépense) au compte :",
        align=JUSTIFIE,
        avant=4,
    )
    # The bank details are left blank in the published convention.
    _para(doc, "")
    _para(doc, "")

    _article(doc, "Article 7: Obligations de communication")
    _para(
        doc,
        "Le Département sera particulièrement attentif à ce que le partenariat avec le bénéficiaire lui "
        "permette également de développer sa visibilité et la reconnaissance de son rôle de partenaire "
        "institutionnel.",
        align=JUSTIFIE,
    )
    _para(doc, "Pour cela, le bénéficiaire s'engage à respecter les obligations mentionnées ci-dessous.")
    _para(
        doc,
        "Sur les supports de communication, il s'agira d'apposer le logo du Conseil départemental "
        "« 62,Pas-de-Calais Mon Département » de façon parfaitement visible et lisible sur les supports "
        "(téléchargement sur https://pasdecalais.fr, rubrique « Divers », sous rubrique « Logotype ») :",
        align=JUSTIFIE,
    )
    _puce(
        doc,
        "Documents de communication print (affiches, plaquettes, flyer, journal/gazette édités par le "
        "bénéficiaire...),",
    )
    _puce(doc, "Signalétique événementielle réalisée pour une manifestation le cas échéant,")
    _puce(doc, "Invitations pour un évènement le cas échéant.")
    _para(
        doc,
        "Aussi, le montant de l'aide financière départementale devra être clairement précisé sur chacun "
        "des supports de promotion utilisé, ainsi que l'éventuelle aide technique valorisée dans la "
        "convention de partenariat :",
        align=JUSTIFIE,
        avant=4,
    )
    _puce(doc, "Communiqués ou dossiers de presse + lors des interviews ou articles consacrés au projet,")
    _puce(
        doc,
        "Réseaux sociaux et sites Internet : rappel du partenariat en taguant les pages #Le Pas-de-Calais.",
    )
    _para(
        doc,
        "L'ensemble des obligations de communication ainsi que la charte graphique du Département du "
        "Pas-de-Calais figurent sur le site internet du Département : https://pasdecalais.fr, rubrique "
        "« Partenaires », sous rubrique « Contreparties communication ».",
        align=JUSTIFIE,
        avant=4,
    )

    _article(doc, "Article 8: Avenant")
    _para(
        doc,
        "Toute modification de la présente convention fera l'objet d'un avenant signé par les deux parties.",
    )

    _article(doc, "Article 9: Reversement, résiliation et litiges")
    for texte in (
        "La présente convention peut être résiliée unilatéralement par le Département dans le cas où la "
        "mission confiée n'est pas exécutée dans des conditions conformes à ses dispositions.",
        "Les dirigeants de l'organisme sont entendus préalablement.",
        "La résiliation prend effet un mois franc après la réception de sa notification par lettre "
        "recommandée avec avis de réception.",
        "En cas de déclaration inexacte, la présente convention peut être résiliée sans préavis.",
        "En cas de non-respect des clauses de la présente convention et en particulier, de la non-exécution "
        "totale ou partielle de l'opération, de l'utilisation des fonds non conforme à l'objet de la "
        "présente convention ou de refus par l'organisme de se soumettre aux contrôles, le Président du "
        "Département décide de mettre fin à l'aide et exige le reversement partiel ou total des sommes "
        "versées.",
        "L'organisme qui souhaite abandonner son projet, peut demander la résiliation de la convention. Il "
        "s'engage à procéder au reversement des sommes indûment perçues dans les plus brefs délais et au "
        "plus tard, dans le mois qui suit la réception du titre de perception.",
    ):
        _para(doc, texte, align=JUSTIFIE)

    _article(doc, "Article 10: Voies de recours")
    _para(
        doc,
        "En cas de différend relatif à l'exécution de la présente convention, les parties tenteront un "
        "règlement amiable. En cas d'échec de ce dernier, le litige sera porté devant le Tribunal "
        "administratif de Lille.",
        align=JUSTIFIE,
    )
    _para(doc, "Arras, le", avant=14)
    _para(doc, "en 2 exemplaires originaux", apres=12)
    _tableau(
        doc,
        [
            (
                "Pour le Département du Pas-de-Calais,\nLe Directeur général",
                "Pour l'association « Lianes coopération »,\nLa présidente",
            ),
            ("\n\n", "\n\n"),
            ((R("Christian DERUY", gras=True),), (R("Elise MOULENE", gras=True),)),
        ],
        [8.2, 8.2],
        [CENTRE, CENTRE],
        entete=False,
        bordures=False,
        taille=11,
    )
    _enregistrer(doc, dest / "convention.docx")


# ---------------------------------------------------------------------------------------------
# Annexe budgétaire: the "Budget" page of the association's proposition d'accompagnement
# ---------------------------------------------------------------------------------------------


def _annexe_budget(dest: Path) -> None:
    doc = _nouveau(
        "Century Gothic",
        10,
        "Lianes coopération",
        "Proposition d'accompagnement 2025",
        datetime(2025, 6, 12, 9, 5),
    )
    entete = doc.sections[0].header.paragraphs[0]
    _runs(
        entete,
        ["Lianes coopération 2025 Proposition d'accompagnement Département du Pas-de-Calais"],
        taille=8,
    )
    entete.alignment = DROITE
    for run in entete.runs:
        run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)

    _para(doc, "Aspects pratiques", style="Heading 1")
    _para(doc, "Budget", style="Heading 2", apres=8)
    _tableau(
        doc,
        [
            ("Intitulé de l'action", "Description", "Montant alloué (€)", "%"),
            (
                "Mise en place du parcours d'accompagnement à la mobilité (PAM – 7 modules)",
                "Animation des modules, supports pédagogiques",
                f"3{NNBSP}000,00 €",
                "31,98",
            ),
            (
                "Appui-conseil auprès des porteurs de projet/lauréats",
                "Entretiens, fiches-conseil, suivi personnalisé",
                "1 500,00 €",
                "15,99",
            ),
            (
                "Animation de 2 ateliers collectif lauréats",
                "Organisation, animation, logistique",
                "800,00€",
                "8,53",
            ),
            (
                "Appui au pôle ingénierie",
                "Soutien technique, administratif, partage de pratiques",
                "600,00€",
                "6,40",
            ),
            (
                "Valorisation des dispositifs MEI et jumelage",
                "Création de contenus, diffusion, témoignages",
                f"1{NBSP}400,00{NBSP}€",
                "14,93",
            ),
            ("Frais de coordination", "Réunions, pilotage global, rapports", "1 180,00 €", "12,58"),
            (
                "Administratif et coûts indirects",
                "Gestion administrative et financière, local",
                "700,00€",
                "7,46",
            ),
            (
                "Frais de déplacement et petit matériel",
                "Déplacements terrain, matériel formation",
                "200,00€",
                "2,13",
            ),
            ("TOTAL", "", f"9{NBSP}380,00{NBSP}€", "100,00"),
        ],
        [6.0, 5.6, 3.2, 1.8],
        [GAUCHE, GAUCHE, DROITE, DROITE],
        taille=9,
        gras_derniere=True,
    )
    _para(
        doc,
        "La subvention du CD62 ne représente que 1,2% du budget global 2025 de Lianes Coopération.",
        avant=10,
    )
    _enregistrer(doc, dest / "annexe_budget.docx")


def construire(dest: Path) -> None:
    """Writes the DOCX of the dossier into `dest` (one file per document, `<stem>.docx`)."""
    dest.mkdir(parents=True, exist_ok=True)
    _deliberation(dest)
    _rapport(dest)
    _convention(dest)
    _annexe_budget(dest)
