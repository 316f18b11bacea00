"""Build the DOCX templates shipped with actes62 (templates/*.docx) with python-docx.

    .venv/bin/python tools/build_templates.py            # writes templates/
    .venv/bin/python tools/build_templates.py --check    # exit 1 if templates/ is not up to date

The templates are docxtpl templates (Jinja in Word): `{{ … }}` in runs, `{%p … %}` tags that stand
for a whole paragraph, `{%tr … %}` for a whole table row. Each reproduces the structure and the
wording of its counterpart in a published dossier of the Pas-de-Calais (délibération n°2025-344),
every fact taken from the model: nothing about a collectivité is written here.

The output is reproducible: same script, same bytes (fixed zip timestamps and core properties).
"""

from __future__ import annotations

import argparse
import io
import sys
import unicodedata
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE / "src"))

from actes62._docx import ecrire_zip, lire_zip  # noqa: E402

DOSSIER_MODELES = RACINE / "templates"
POLICE = "Arial"
LARGEUR_UTILE = 16.5  # cm: A4 (21 cm) less the left (2.5 cm) and right (2 cm) margins
DATE_MODELES = datetime(2025, 1, 1)

Document_ = Any  # python-docx has no type stubs
Run = tuple[str, dict[str, bool]] | str


# --- Jinja snippets (written once here, repeated in the templates) -----------------------------


def de_instance(instance: str) -> str:
    """« de la Commission Permanente » / « du Conseil départemental » for a cited act's instance."""
    return (
        f'{{% if {instance}.value == "commission_permanente" %}}de la {{{{ {instance}.libelle }}}}'
        f"{{% else %}}du {{{{ {instance}.libelle }}}}{{% endif %}}"
    )


def de_instance_complete(instance: str) -> str:
    """« de la Commission Permanente du Conseil départemental » / « du Conseil départemental »."""
    return (
        f'{{% if {instance}.value == "commission_permanente" %}}de la {{{{ {instance}.libelle }}}} '
        f"du Conseil départemental{{% else %}}du {{{{ {instance}.libelle }}}}{{% endif %}}"
    )


def titre_cite(visa: str) -> str:
    """The quoted title of a cited act, or its « portant … » wording when the dossier gives one."""
    return f"{{% if {visa}.portant %}} {{{{ {visa}.portant }}}}{{% else %}} « {{{{ {visa}.titre }}}} »{{% endif %}}"


def du(personne: str) -> str:
    """« du » or « de la » before a capacity, by the person's civilité (« du Président »)."""
    return f'{{% if {personne}.civilite == "Mme" %}}de la{{% else %}}du{{% endif %}}'


def autorise_par() -> str:
    """« par délibération de la Commission Permanente … en date du … »: the convention's
    `autorisation` when it names one, else this séance's délibération."""
    return (
        "{% if convention.autorisation %} par délibération"
        "{% if convention.autorisation.numero %} n°{{ convention.autorisation.numero }}{% endif %} "
        + de_instance_complete("convention.autorisation.instance")
        + " en date du {{ convention.autorisation.date | date_longue }},"
        "{% else %} par délibération "
        + de_instance_complete("seance.instance")
        + " en date du {{ seance.date | date_longue }},{% endif %}"
    )


def feminin(personne: str) -> str:
    """The « e » of a past participle agreeing with the person (« autorisée »)."""
    return f'{{% if {personne}.civilite == "Mme" %}}e{{% endif %}}'


def article_defini(personne: str, majuscules: bool = False, minuscules: bool = False) -> str:
    """« Le » or « La » by the person's civilité."""
    la, le = ("LA", "LE") if majuscules else ("la", "le") if minuscules else ("La", "Le")
    return f'{{% if {personne}.civilite == "Mme" %}}{la}{{% else %}}{le}{{% endif %}}'


def ordinal(nombre: str) -> tuple[str, str]:
    """The number and its superscript suffix: 1ère, 5ème (as the acts write the commissions)."""
    return f"{{{{ {nombre} }}}}", f"{{% if {nombre} == 1 %}}ère{{% else %}}ème{{% endif %}}"


def liste_personnes(liste: str) -> str:
    return (
        f"{{% for personne in {liste} %}}{{{{ personne.designation }}}}"
        "{% if not loop.last %}, {% endif %}{% endfor %}"
    )


def date_majuscules(valeur: str) -> str:
    """« 15 SEPTEMBRE 2025 » (and « 1er OCTOBRE 2025 », not « 1ER »)."""
    return f'{{{{ {valeur} | date_longue | upper | replace("1ER ", "1er ") }}}}'


def instance_majuscules(instance: str) -> str:
    """« COMMISSION PERMANENTE DU CONSEIL DÉPARTEMENTAL » / « CONSEIL DÉPARTEMENTAL »."""
    return (
        f'{{{{ {instance}.libelle | upper }}}}{{% if {instance}.value == "commission_permanente" %}}'
        " DU CONSEIL DÉPARTEMENTAL{% endif %}"
    )


# --- the document writer ---------------------------------------------------------------------------


class Redacteur:
    """A python-docx document with the house styles, page set-up and footer, and small helpers."""

    def __init__(self, titre_document: str, sujet: str) -> None:
        self.doc: Document_ = Document()
        self._styles()
        self._page()
        proprietes = self.doc.core_properties
        proprietes.title = titre_document
        proprietes.subject = sujet
        proprietes.author = "{{ collectivite.nom }}"
        proprietes.last_modified_by = "actes62"
        proprietes.comments = ""
        proprietes.keywords = ""
        proprietes.revision = 1
        proprietes.created = DATE_MODELES
        proprietes.modified = DATE_MODELES
        proprietes.language = "fr-FR"
        paquet = self.doc.part.package
        for identifiant, relation in list(paquet.rels.items()):
            if relation.reltype.endswith("/thumbnail"):  # python-docx's own sample image
                paquet.rels.pop(identifiant)

    # --- styles ---

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        _police(normal, 10.5)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.line_spacing = 1.1
        langue = OxmlElement("w:lang")
        langue.set(qn("w:val"), "fr-FR")
        normal.element.get_or_add_rPr().append(langue)

        def paragraphe(
            nom: str,
            taille: float = 10.5,
            gras: bool = False,
            alignement: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
            avant: float = 0,
            apres: float = 6,
            suivant: bool = False,
            base: str = "Normal",
            retrait: float = 0,
            majuscules: bool = False,
        ) -> Any:
            if nom in [s.name for s in styles]:
                style = styles[nom]
            else:
                style = styles.add_style(nom, WD_STYLE_TYPE.PARAGRAPH)
                style.style_id = _identifiant_style(nom)
            _nettoyer(style)
            style.base_style = styles[base]
            _police(style, taille)
            style.font.bold = gras
            style.font.all_caps = majuscules
            style.font.color.rgb = RGBColor(0, 0, 0)
            format_ = style.paragraph_format
            format_.alignment = alignement
            format_.space_before = Pt(avant)
            format_.space_after = Pt(apres)
            format_.keep_with_next = suivant
            format_.left_indent = Cm(retrait) if retrait else None
            style.quick_style = True
            return style

        centre = WD_ALIGN_PARAGRAPH.CENTER
        gauche = WD_ALIGN_PARAGRAPH.LEFT
        droite = WD_ALIGN_PARAGRAPH.RIGHT
        paragraphe("Title", 12, gras=True, alignement=centre, avant=12, apres=6, suivant=True)
        paragraphe("Subtitle", 10.5, gras=True, alignement=centre, apres=12, suivant=True)
        paragraphe("Heading 1", 11, gras=True, alignement=gauche, avant=12, apres=6, suivant=True)
        paragraphe("Heading 2", 10.5, gras=True, alignement=gauche, avant=8, apres=4, suivant=True)
        paragraphe("Body Text", 10.5)
        liste = paragraphe("List Bullet", 10.5, apres=3)
        _puce(liste)
        paragraphe("Collectivité", 11, gras=True, alignement=gauche, apres=2)
        paragraphe("Service", 9.5, alignement=gauche, apres=0)
        paragraphe("Séance", 10.5, gras=True, alignement=centre, apres=4, suivant=True)
        paragraphe("Accusé de réception", 8, alignement=droite, apres=0)
        paragraphe("Numéro d'annexe", 11, gras=True, alignement=droite, apres=6)
        paragraphe("Présences", 9.5, apres=4)
        paragraphe("Visa", 10.5, apres=6)
        paragraphe("Décision", 11, gras=True, alignement=gauche, avant=6, apres=6, suivant=True)
        paragraphe("Vote", 10.5, apres=2, retrait=1)
        paragraphe("Résultat", 10.5, gras=True, alignement=centre, avant=6, apres=12)
        paragraphe("Signature", 10.5, alignement=gauche, apres=0, retrait=8.5, suivant=True)
        paragraphe("Signature tableau", 10.5, alignement=gauche, apres=0, suivant=True)
        paragraphe("Note", 9, apres=6)
        paragraphe("Tableau", 9, alignement=gauche, apres=0)
        paragraphe("Tableau en-tête", 9, gras=True, alignement=centre, apres=0)
        paragraphe("Tableau montant", 9, alignement=droite, apres=0)
        paragraphe("Tableau total", 9, gras=True, alignement=gauche, apres=0)
        paragraphe("Tableau total montant", 9, gras=True, alignement=droite, apres=0)
        pied = paragraphe("Footer", 8, alignement=centre, apres=0)
        pied.paragraph_format.keep_with_next = False

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Cm(21)
        section.page_height = Cm(29.7)
        section.top_margin = Cm(2)
        section.bottom_margin = Cm(2)
        section.left_margin = Cm(2.5)
        section.right_margin = Cm(2)
        section.header_distance = Cm(1)
        section.footer_distance = Cm(1)
        pied = section.footer.paragraphs[0]
        pied.style = self.doc.styles["Footer"]
        pied.add_run("Page ")
        _champ(pied, "PAGE")
        pied.add_run(" / ")
        _champ(pied, "NUMPAGES")

    # --- content ---

    def p(self, *morceaux: Run, style: str = "Body Text") -> Any:
        """A paragraph of runs: plain strings, or (text, {"gras": True, "exposant": True, …})."""
        paragraphe = self.doc.add_paragraph(style=style)
        _runs(paragraphe, morceaux)
        return paragraphe

    def tag(self, balise: str) -> None:
        """A paragraph that is only a docxtpl paragraph tag (`{%p … %}`): it vanishes when rendered."""
        self.doc.add_paragraph(f"{{%p {balise} %}}", style="Body Text")

    def vide(self, style: str = "Body Text") -> None:
        self.doc.add_paragraph(style=style)

    def paragraphes(self, liste: str, style: str = "Body Text") -> None:
        """Each text of the list as a paragraph; a text starting with « - » as a bulleted item."""
        self.tag(f"for texte in {liste}")
        self.tag('if texte.startswith("- ")')
        self.p("{{ texte[2:] }}", style="List Bullet")
        self.tag("else")
        self.p("{{ texte }}", style=style)
        self.tag("endif")
        self.tag("endfor")

    def tableau(
        self,
        colonnes: Sequence[tuple[str, float, bool]],
        boucle: str,
        cellules: Sequence[str],
        total: Sequence[str] | None = None,
    ) -> None:
        """A bordered table: header row repeated on each page, one row per item of `boucle`
        (« x in liste »), an optional total row. `colonnes`: (header, width in cm, is an amount)."""
        lignes = 4 + (1 if total else 0)
        table = self.doc.add_table(rows=lignes, cols=len(colonnes))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _largeur_fixe(table)
        _marges_cellules(table)
        for index, (entete, largeur, _) in enumerate(colonnes):
            table.columns[index].width = Cm(largeur)
            for ligne in table.rows:
                ligne.cells[index].width = Cm(largeur)
            cellule = table.rows[0].cells[index]
            _texte_cellule(cellule, entete, "Tableau en-tête")
            _fond(cellule, "D9D9D9")
        _entete_repetee(table.rows[0])
        _texte_cellule(table.rows[1].cells[0], f"{{%tr for {boucle} %}}", "Tableau")
        for index, ((_, _, montant), texte) in enumerate(zip(colonnes, cellules, strict=True)):
            _texte_cellule(table.rows[2].cells[index], texte, "Tableau montant" if montant else "Tableau")
        _insecable(table.rows[2])
        _texte_cellule(table.rows[3].cells[0], "{%tr endfor %}", "Tableau")
        if total:
            for index, ((_, _, montant), texte) in enumerate(zip(colonnes, total, strict=True)):
                cellule = table.rows[4].cells[index]
                _texte_cellule(cellule, texte, "Tableau total montant" if montant else "Tableau total")
                _fond(cellule, "F2F2F2")
            _insecable(table.rows[4])

    def signatures(self, gauche: Sequence[Sequence[Run]], droite: Sequence[Sequence[Run]]) -> None:
        """Two signature blocks side by side: a borderless two-column table."""
        table = self.doc.add_table(rows=1, cols=2)
        table.autofit = False
        _largeur_fixe(table)
        _sans_bordure(table)
        for index, bloc in enumerate((gauche, droite)):
            cellule = table.rows[0].cells[index]
            cellule.width = Cm(LARGEUR_UTILE / 2)
            table.columns[index].width = Cm(LARGEUR_UTILE / 2)
            premier = cellule.paragraphs[0]
            premier.style = self.doc.styles["Signature tableau"]
            _runs(premier, bloc[0])
            for morceaux in bloc[1:]:
                paragraphe = cellule.add_paragraph(style="Signature tableau")
                _runs(paragraphe, morceaux)
        _insecable(table.rows[0])

    def octets(self) -> bytes:
        """The template's bytes: French defaults everywhere, the same bytes from the same script."""
        tampon = io.BytesIO()
        self.doc.save(tampon)
        return ecrire_zip(_en_francais(lire_zip(tampon.getvalue())))

    def enregistrer(self, chemin: Path) -> bytes:
        donnees = self.octets()
        chemin.write_bytes(donnees)
        return donnees


_FRANCAIS = (
    ("word/styles.xml", b'w:lang w:val="en-US"', b'w:lang w:val="fr-FR"'),
    ("word/settings.xml", b'w:themeFontLang w:val="en-US"', b'w:themeFontLang w:val="fr-FR"'),
    (
        "docProps/app.xml",
        b"<Application>Microsoft Macintosh Word</Application>",
        b"<Application>actes62</Application>",
    ),
)
"""python-docx's default template is American: its default language (that LibreOffice writes as the
PDF's /Lang) and its application name are set to French and to actes62."""


def _en_francais(entrees: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    resultat = []
    for nom, donnees in entrees:
        for partie, ancien, nouveau in _FRANCAIS:
            if nom == partie:
                donnees = donnees.replace(ancien, nouveau)
        resultat.append((nom, donnees))
    return resultat


# --- low-level python-docx helpers -------------------------------------------------------------------


def _identifiant_style(nom: str) -> str:
    """The style's id in the XML, ASCII (« Numéro d'annexe » → « Numerodannexe »); Word shows the name."""
    sans_accents = unicodedata.normalize("NFKD", nom).encode("ascii", "ignore").decode()
    return "".join(c for c in sans_accents if c.isalnum())


def _police(style: Any, taille: float) -> None:
    style.font.name = POLICE
    style.font.size = Pt(taille)
    polices = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribut in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        polices.set(qn(attribut), POLICE)
    for attribut in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        polices.attrib.pop(qn(attribut), None)


def _nettoyer(style: Any) -> None:
    """Drop the default template's borders, colours and theme fonts from a built-in style."""
    element = style.element
    for balise in ("w:pPr", "w:rPr"):
        for enfant in element.findall(qn(balise)):
            garder = [e for e in enfant if e.tag == qn("w:numPr")] if balise == "w:pPr" else []
            element.remove(enfant)
            if garder:
                nouveau = element.get_or_add_pPr()
                for e in garder:
                    nouveau.append(e)


def _puce(style: Any) -> None:
    """Bulleted list items hang: bullet at 0.6 cm, text at 1.2 cm."""
    format_ = style.paragraph_format
    format_.left_indent = Cm(1.2)
    format_.first_line_indent = Cm(-0.6)


def _runs(paragraphe: Any, morceaux: Sequence[Run]) -> None:
    for morceau in morceaux:
        texte, options = (morceau, {}) if isinstance(morceau, str) else morceau
        run = paragraphe.add_run(texte)
        if options.get("gras"):
            run.bold = True
        if options.get("italique"):
            run.italic = True
        if options.get("exposant"):
            run.font.superscript = True
        if options.get("saut"):
            run.add_break(WD_BREAK.LINE)


def _champ(paragraphe: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end runs."""

    def caractere(type_: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), type_)
        paragraphe.add_run()._r.append(element)

    caractere("begin")
    instruction_element = OxmlElement("w:instrText")
    instruction_element.set(qn("xml:space"), "preserve")
    instruction_element.text = f" {instruction} "
    paragraphe.add_run()._r.append(instruction_element)
    caractere("separate")
    paragraphe.add_run("1")
    caractere("end")


def _texte_cellule(cellule: Any, texte: str, style: str) -> None:
    paragraphe = cellule.paragraphs[0]
    paragraphe.style = style
    paragraphe.add_run(texte)


def _fond(cellule: Any, couleur: str) -> None:
    ombre = OxmlElement("w:shd")
    ombre.set(qn("w:val"), "clear")
    ombre.set(qn("w:color"), "auto")
    ombre.set(qn("w:fill"), couleur)
    cellule._tc.get_or_add_tcPr().append(ombre)


def _entete_repetee(ligne: Any) -> None:
    """Mark the row as a header row, repeated at the top of each page (w:tblHeader)."""
    proprietes = ligne._tr.get_or_add_trPr()
    proprietes.append(OxmlElement("w:cantSplit"))
    proprietes.append(OxmlElement("w:tblHeader"))


def _insecable(ligne: Any) -> None:
    ligne._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _largeur_fixe(table: Any) -> None:
    proprietes = table._tbl.tblPr
    disposition = OxmlElement("w:tblLayout")
    disposition.set(qn("w:type"), "fixed")
    proprietes.append(disposition)
    largeur = proprietes.find(qn("w:tblW"))
    if largeur is None:
        largeur = OxmlElement("w:tblW")
        proprietes.append(largeur)
    largeur.set(qn("w:type"), "dxa")
    largeur.set(qn("w:w"), str(round(LARGEUR_UTILE / 2.54 * 1440)))


def _marges_cellules(table: Any) -> None:
    """Room around the text of each cell: 0.07 cm above and below, 0.15 cm on the sides."""
    marges = OxmlElement("w:tblCellMar")
    for cote, largeur in (("top", 40), ("left", 85), ("bottom", 40), ("right", 85)):
        marge = OxmlElement(f"w:{cote}")
        marge.set(qn("w:w"), str(largeur))
        marge.set(qn("w:type"), "dxa")
        marges.append(marge)
    table._tbl.tblPr.append(marges)


def _sans_bordure(table: Any) -> None:
    bordures = OxmlElement("w:tblBorders")
    for cote in ("top", "left", "bottom", "right", "insideH", "insideV"):
        bordure = OxmlElement(f"w:{cote}")
        bordure.set(qn("w:val"), "nil")
        bordures.append(bordure)
    table._tbl.tblPr.append(bordures)


# --- the four templates ---------------------------------------------------------------------------------


def entete_collectivite(r: Redacteur, avec_service: bool) -> None:
    r.p("{{ collectivite.nom | upper }}", style="Collectivité")
    if avec_service:
        r.p("{{ rapport.pole }}", style="Service")
        r.p("{{ rapport.mission }}", style="Service")


def deliberation() -> Redacteur:
    r = Redacteur(
        "Délibération n°{{ deliberation.numero }} – {{ affaire.titre }}",
        "{{ seance.instance.libelle }} du {{ seance.date | date_longue }}",
    )
    r.tag("if deliberation.acquittement")
    r.p(
        "Accusé de réception en préfecture : {{ deliberation.acquittement.identifiant }}-1-1",
        style="Accusé de réception",
    )
    r.p(
        "Date de télétransmission : {{ deliberation.acquittement.date_transmission | date_courte }}",
        style="Accusé de réception",
    )
    r.p(
        "Date de réception préfecture : {{ deliberation.acquittement.date_reception | date_courte }}",
        style="Accusé de réception",
    )
    r.p(
        "Publication électronique le : {{ deliberation.acquittement.date_publication | date_longue }}",
        style="Accusé de réception",
    )
    r.vide()
    r.tag("endif")
    entete_collectivite(r, avec_service=False)
    r.p(
        "DÉLIBÉRATION "
        '{% if seance.instance.value == "commission_permanente" %}DE LA {% else %}DU {% endif %}'
        + instance_majuscules("seance.instance"),
        style="Séance",
    )
    r.p("RÉUNION DU " + date_majuscules("seance.date"), style="Séance")
    r.p(
        "PRÉSIDENCE DE {{ seance.president.civilite_longue | upper }} {{ seance.president.prenom_nom | upper }}",
        style="Séance",
    )
    r.p(("Secrétaire : ", {"gras": True}), "{{ seance.secretaire.designation }}", style="Présences")
    r.p(("Étaient présents : ", {"gras": True}), liste_personnes("seance.presents") + ".", style="Présences")
    r.tag("if seance.excuses")
    r.p(("Excusé(s) : ", {"gras": True}), liste_personnes("seance.excuses") + ".", style="Présences")
    r.tag("endif")
    r.tag("if seance.pouvoirs")
    r.p(
        ("Représenté(s) : ", {"gras": True}),
        "{% for pouvoir in seance.pouvoirs %}{{ pouvoir.mandant.designation }} (pouvoir à "
        "{{ pouvoir.mandataire.designation }}){% if not loop.last %}, {% endif %}{% endfor %}.",
        style="Présences",
    )
    r.tag("endif")
    r.tag("if seance.sans_voix_presents")
    r.p(
        ("Assistant également sans voix délibérative : ", {"gras": True}),
        liste_personnes("seance.sans_voix_presents") + ".",
        style="Présences",
    )
    r.tag("endif")
    r.tag("if seance.sans_voix_excuses")
    r.p(
        ("Excusé(s) sans voix délibérative : ", {"gras": True}),
        liste_personnes("seance.sans_voix_excuses") + ".",
        style="Présences",
    )
    r.tag("endif")
    r.p("{{ affaire.titre | upper }}", style="Title")
    r.p("(N°{{ deliberation.numero }})", style="Subtitle")
    r.p(
        '{% if seance.instance.value == "commission_permanente" %}La {{ seance.instance.libelle }} du '
        "Conseil départemental{% else %}Le {{ seance.instance.libelle }}{% endif %} "
        '{{ collectivite.nom | replace("Département ", "", 1) }},',
        style="Body Text",
    )
    r.tag("for visa in deliberation.visas")
    r.p(
        "{% if visa.texte is defined %}{{ visa.texte }}{% else %}Vu la {{ visa.nature }}"
        "{% if visa.numero %} n°{{ visa.numero }}{% endif %} "
        + de_instance("visa.instance")
        + " en date du {{ visa.date | date_courte }}"
        + titre_cite("visa")
        + "{% endif %} ;",
        style="Visa",
    )
    r.tag("endfor")
    r.p(
        "Vu le rapport "
        + du("collectivite.president")
        + " {{ collectivite.qualite_president }}, ci-annexé ;",
        style="Visa",
    )
    nombre, suffixe = ordinal("rapport.avis.numero")
    r.p(
        "Vu l'avis de la " + nombre,
        (suffixe, {"exposant": True}),
        " commission « {{ rapport.avis.nom }} » rendu lors de sa réunion en date du "
        "{{ rapport.avis.date | date_courte }} ;",
        style="Visa",
    )
    r.p("Après en avoir délibéré,", style="Body Text")
    r.p("DÉCIDE :", style="Décision")
    r.tag("for article in deliberation.articles")
    r.p("Article {{ loop.index }} :{% if article.titre %} {{ article.titre }}{% endif %}", style="Heading 1")
    r.paragraphes("article.paragraphes")
    r.tag("if article.tableau_imputation")
    r.tableau(
        [
            ("Code Opération", 2.6, False),
            ("Imputation budgétaire", 3.0, False),
            ("Libellé Opération", 5.3, False),
            ("CP €", 2.8, True),
            ("Dépense €", 2.8, True),
        ],
        "imputation in imputations",
        [
            "{{ imputation.code_operation }}",
            "{{ imputation.imputation }}",
            "{{ imputation.libelle }}",
            "{{ imputation.credits_paiement | nombre(2) }}",
            "{{ imputation.proposition | nombre(2) }}",
        ],
    )
    r.vide()
    r.tag("endif")
    r.tag("endfor")
    r.tag("if deliberation.vote")
    r.p("Dans les conditions de vote ci-dessous :", style="Body Text")
    r.p(
        ("Pour : ", {"gras": True}),
        "{{ deliberation.vote.pour }} voix{% if deliberation.vote.groupes_pour %} "
        '({{ deliberation.vote.groupes_pour | join(" ; ") }}){% endif %}',
        style="Vote",
    )
    r.p(
        ("Contre : ", {"gras": True}),
        "{{ deliberation.vote.contre }} voix{% if deliberation.vote.groupes_contre %} "
        '({{ deliberation.vote.groupes_contre | join(" ; ") }}){% endif %}',
        style="Vote",
    )
    r.p(
        ("Abstention : ", {"gras": True}),
        "{{ deliberation.vote.abstention }} voix{% if deliberation.vote.groupes_abstention %} "
        '({{ deliberation.vote.groupes_abstention | join(" ; ") }}){% endif %}'
        "{% if deliberation.vote.abstentionnistes %} ({% for membre in deliberation.vote.abstentionnistes %}"
        "{{ membre.designation }}{% if not loop.last %}, {% endif %}{% endfor %}){% endif %}",
        style="Vote",
    )
    r.tag("if deliberation.vote.ne_prend_pas_part > 0")
    r.p(
        ("Ne prend pas part au vote : ", {"gras": True}),
        "{% if deliberation.ne_prennent_pas_part %}"
        "{% for membre in deliberation.ne_prennent_pas_part %}{{ membre.designation }}"
        "{% if not loop.last %}, {% endif %}{% endfor %}"
        "{% else %}{{ deliberation.vote.ne_prend_pas_part }}{% endif %}",
        style="Vote",
    )
    r.tag("endif")
    r.p("({% if deliberation.vote.adopte %}Adopté{% else %}Rejeté{% endif %})", style="Résultat")
    r.tag("endif")
    r.p(
        (article_defini("collectivite.president", majuscules=True), {"gras": True}),
        (" {{ collectivite.qualite_president | upper }},", {"gras": True}),
        style="Signature",
    )
    r.vide("Signature")
    r.p("{{ collectivite.president.prenom_nom }}", style="Signature")
    r.vide("Signature")
    r.p("{{ collectivite.ville | upper }}, le {{ seance.date | date_longue }}", style="Signature")
    r.tag("set signataire = deliberation.signataire or collectivite.directeur_general")
    r.p(
        "Pour "
        + article_defini("collectivite.president", minuscules=True)
        + " {{ collectivite.qualite_president }},",
        style="Signature",
    )
    r.p(article_defini("signataire.personne") + " {{ signataire.qualite }},", style="Signature")
    r.vide("Signature")
    r.tag("if deliberation.etat == 'adopte'")
    r.p("Signé", style="Signature")
    r.tag("endif")
    r.vide("Signature")
    r.p("{{ signataire.personne.prenom_nom }}", style="Signature")
    return r


def rapport() -> Redacteur:
    r = Redacteur(
        "Rapport n°{{ rapport.numero }} – {{ affaire.titre }}",
        "{{ seance.instance.libelle }} du {{ seance.date | date_longue }}",
    )
    entete_collectivite(r, avec_service=True)
    r.p("RAPPORT N°{{ rapport.numero }}", style="Title")
    r.p(("Territoire(s) : ", {"gras": True}), "{{ rapport.territoires }}", style="Service")
    r.tag("if rapport.rapporteur")
    r.p(("Rapporteur : ", {"gras": True}), "{{ rapport.rapporteur.designation }}", style="Service")
    r.tag("endif")
    r.vide()
    r.p(instance_majuscules("seance.instance"), style="Séance")
    r.p("RÉUNION DU " + date_majuscules("seance.date"), style="Séance")
    r.p("{{ affaire.titre | upper }}", style="Title")
    r.paragraphes("rapport.expose")
    r.p("Il convient de statuer sur cette affaire et, le cas échéant :", style="Body Text")
    r.tag("for proposition in rapport.propositions")
    r.p("{{ proposition }}", style="List Bullet")
    r.tag("endfor")
    r.p("La dépense sera imputée sur le budget départemental comme suit :", style="Body Text")
    r.tableau(
        [
            ("Code Opération", 2.1, False),
            ("Imputation Budgétaire", 2.3, False),
            ("Libellé Opération", 3.2, False),
            ("CP", 2.1, True),
            ("Disponible", 2.3, True),
            ("Proposition", 2.4, True),
            ("Solde", 2.1, True),
        ],
        "imputation in imputations",
        [
            "{{ imputation.code_operation }}",
            "{{ imputation.imputation }}",
            "{{ imputation.libelle }}",
            "{{ imputation.credits_paiement | nombre(2) }}",
            "{{ imputation.disponible | nombre(2) }}",
            "{{ imputation.proposition | nombre(2) }}",
            "{{ imputation.solde | nombre(2) }}",
        ],
    )
    r.vide()
    nombre, suffixe = ordinal("rapport.avis.numero")
    r.p(
        "La " + nombre,
        (suffixe, {"exposant": True}),
        " Commission - {{ rapport.avis.nom }} a émis un avis {{ rapport.avis.avis }} sur ce rapport lors de sa "
        "réunion du {{ rapport.avis.date | date_courte }}.",
        style="Body Text",
    )
    r.p("Je vous prie de bien vouloir en délibérer.", style="Body Text")
    r.vide()
    r.p(
        article_defini("collectivite.president") + " {{ collectivite.qualite_president }}",
        style="Signature",
    )
    r.vide("Signature")
    r.tag("if deliberation.etat == 'adopte'")
    r.p(("SIGNÉ", {"gras": True}), style="Signature")
    r.tag("endif")
    r.vide("Signature")
    r.p("{{ collectivite.president.prenom_nom }}", style="Signature")
    return r


def convention() -> Redacteur:
    r = Redacteur(
        "{{ convention.titre }} – {{ beneficiaire.nom }}",
        "Objet : {{ convention.objet }}",
    )
    r.p("{{ rapport.pole }}", style="Service")
    r.p("{{ rapport.mission }}", style="Service")
    r.p("{{ convention.titre | upper }}", style="Title")
    r.p(("Objet : ", {"gras": True}), "{{ convention.objet }}", style="Subtitle")
    r.p(
        "Entre ",
        ("le {{ collectivite.nom }},", {"gras": True}),
        " dont le siège est situé {{ collectivite.siege }},",
    )
    r.p("identifié au répertoire SIRET sous le n° {{ collectivite.siret | siret }},")
    r.tag("if convention.representant_collectivite")
    r.p(
        "représenté par {{ convention.representant_collectivite.personne.civilite_longue }} "
        "{{ convention.representant_collectivite.personne.prenom_nom }}, "
        "{{ convention.representant_collectivite.qualite }}, dûment autorisé"
        + feminin("convention.representant_collectivite.personne")
        + autorise_par()
    )
    r.tag("else")
    r.p(
        "représenté par {{ collectivite.president.civilite_longue }} {{ collectivite.president.prenom_nom }}, "
        "{{ collectivite.qualite_president }}, dûment autorisé"
        + feminin("collectivite.president")
        + autorise_par()
    )
    r.tag("endif")
    r.p("ci-après désigné par « {{ collectivite.designation }} »")
    r.p("d'une part,")
    r.p("Et")
    r.p(
        (
            "{{ beneficiaire.designation_majuscule }},",
            {"gras": True},
        ),
        " dont le siège est situé {{ beneficiaire.siege }},",
    )
    r.p("identifié{{ beneficiaire.accord }} au répertoire SIRET sous le n° {{ beneficiaire.siret | siret }},")
    r.p(
        "représenté{{ beneficiaire.accord }} par {{ beneficiaire.representant.personne.civilite_longue }} "
        "{{ beneficiaire.representant.personne.prenom_nom }}, {{ beneficiaire.representant.qualite }},"
    )
    r.p("ci-après désigné{{ beneficiaire.accord }} par « le bénéficiaire »,")
    r.p("d'autre part.")
    r.vide()
    r.tag("for visa in convention.visas")
    r.p(
        "{% if visa.texte is defined %}{{ visa.texte }}{% else %}Vu la {{ visa.nature }} "
        + de_instance("visa.instance")
        + " du {{ visa.date | date_longue }}"
        + titre_cite("visa")
        + "{% endif %} ;",
        style="Visa",
    )
    r.tag("endfor")
    r.p("Il a été convenu ce qui suit :", style="Décision")
    r.tag("if convention.preambule")
    r.p("Préambule :", style="Heading 1")
    r.paragraphes("convention.preambule")
    r.tag("endif")
    r.tag("for article in convention.articles")
    r.p("Article {{ loop.index }} :{% if article.titre %} {{ article.titre }}{% endif %}", style="Heading 1")
    r.paragraphes("article.paragraphes")
    r.tag("endfor")
    r.vide()
    r.p("Fait à {{ collectivite.ville }}, le", style="Signature tableau")
    r.p(
        "en {{ convention.exemplaires }} exemplaire{% if convention.exemplaires > 1 %}s originaux"
        "{% else %} original{% endif %}",
        style="Signature tableau",
    )
    r.vide("Signature tableau")
    r.signatures(
        [
            ["Pour le {{ collectivite.nom }},"],
            ["{{ convention.signataire_collectivite.qualite }},"],
            [""],
            [""],
            [""],
            [("{{ convention.signataire_collectivite.personne.prenom_nom }}", {"gras": True})],
        ],
        [
            ["Pour {{ beneficiaire.designation }},"],
            ["{{ convention.signataire_beneficiaire.qualite }},"],
            [""],
            [""],
            [""],
            [("{{ convention.signataire_beneficiaire.personne.prenom_nom }}", {"gras": True})],
        ],
    )
    return r


def annexe_budget() -> Redacteur:
    r = Redacteur(
        "Annexe {{ numero_annexe }} – {{ annexe.titre }}",
        "Délibération n°{{ deliberation.numero }} – {{ affaire.titre }}",
    )
    r.p("Annexe {{ numero_annexe }}", style="Numéro d'annexe")
    entete_collectivite(r, avec_service=False)
    r.p(
        "Annexe à la délibération n°{{ deliberation.numero }} "
        + de_instance_complete("seance.instance")
        + " du {{ seance.date | date_longue }}",
        style="Service",
    )
    r.p("{{ annexe.titre }}", style="Title")
    r.p("{{ beneficiaire.nom }}", style="Subtitle")
    r.tableau(
        [
            ("Intitulé de l'action", 5.2, False),
            ("Description", 5.3, False),
            ("Montant alloué (€)", 3.4, True),
            ("%", 2.6, True),
        ],
        "ligne in annexe.lignes",
        [
            "{{ ligne.intitule }}",
            "{{ ligne.description }}",
            "{{ ligne.montant | euros(centimes=True) }}",
            "{{ annexe.pourcentages[loop.index0] | nombre(2) }}",
        ],
        total=["TOTAL", "", "{{ annexe.total | euros(centimes=True) }}", "{{ 100 | nombre(2) }}"],
    )
    r.vide()
    r.tag("if annexe.note")
    r.p("{{ annexe.note }}", style="Note")
    r.tag("endif")
    return r


MODELES: dict[str, Callable[[], Redacteur]] = {
    "deliberation": deliberation,
    "rapport": rapport,
    "convention": convention,
    "annexe_budget": annexe_budget,
}


def construire(dossier: Path) -> dict[Path, bytes]:
    dossier.mkdir(parents=True, exist_ok=True)
    return {
        dossier / f"{nom}.docx": fabrique().enregistrer(dossier / f"{nom}.docx")
        for nom, fabrique in MODELES.items()
    }


def main(arguments: Sequence[str] | None = None) -> int:
    analyseur = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    analyseur.add_argument("--check", action="store_true", help="vérifier que templates/ est à jour")
    analyseur.add_argument("--sortie", type=Path, default=DOSSIER_MODELES, help="dossier des modèles")
    options = analyseur.parse_args(arguments)
    if options.check:
        attendus: dict[Path, bytes] = {}
        for nom, fabrique in MODELES.items():
            attendus[options.sortie / f"{nom}.docx"] = fabrique().octets()
        perimes = [c for c, d in attendus.items() if not c.exists() or c.read_bytes() != d]
        for perime in perimes:
            print(f"{perime} n'est pas à jour : relancez tools/build_templates.py", file=sys.stderr)
        return 1 if perimes else 0
    for chemin in construire(options.sortie):
        print(chemin)
    return 0


if __name__ == "__main__":
    sys.exit(main())
