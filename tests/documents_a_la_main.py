"""A subsidy's documents as a clerk writes them by hand, in a layout of his own (another font,
plain bold article headings, a vote in one sentence, tables with other column titles): the
délibération n°2025-412 for « Les Jardins du Terril », its rapport and its convention."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentDocx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.text.paragraph import Paragraph

S_fmt = "782 134 563 00017"


def doc(font: str) -> DocumentDocx:
    d = Document()
    style = d.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(11)
    return d


def centre(d: DocumentDocx, t: str, bold: bool = True, size: int | None = None) -> Paragraph:
    p = d.add_paragraph()
    r = p.add_run(t)
    r.bold = bold
    if size:
        r.font.size = Pt(size)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def ecrire(dest: Path) -> Path:
    """Write the three documents into `dest` (created); return it."""
    dest.mkdir(parents=True, exist_ok=True)
    # --- Délibération
    d = doc("Arial")
    centre(d, "Département du Pas-de-Calais", size=14)
    centre(d, "COMMISSION PERMANENTE", size=13)
    centre(d, "Séance du lundi 6 octobre 2025", bold=False)
    d.add_paragraph("Délibération n°2025-412")
    d.add_paragraph("Sous la présidence de M. Jean-Claude Leroy, Président du Conseil départemental.")
    d.add_paragraph("Secrétaire de séance : Mme Blandine Drain")
    d.add_paragraph(
        "Membres présents : M. Jean-Claude Leroy, Mme Blandine Drain, M. Daniel Maciejasz, Mme Valérie Cuvillier, M. Laurent Duporge, Mme Karine Gauthier, M. Alain Mequignon, Mme Evelyne Nachel, Mme Florence Wozny, M. Jean-Jacques Cottel."
    )
    d.add_paragraph("Absents excusés : Mme Caroline Matrat, M. Sébastien Chochois.")
    d.add_paragraph("Pouvoirs : Mme Caroline Matrat a donné pouvoir à M. Laurent Duporge.")
    centre(d, "Objet : Aide au fonctionnement 2025 de l'association Les Jardins du Terril de Liévin")
    d.add_paragraph("La Commission Permanente,")
    for v in [
        "Vu le Code général des collectivités territoriales, notamment son article L.3211-1 ;",
        "Vu la délibération du Conseil départemental n°2021-257 du 1er juillet 2021 portant délégation d'attributions à la Commission Permanente ;",
        "Vu la délibération n°2024-88 de la Commission Permanente du 8 avril 2024 relative au soutien des jardins partagés ;",
        "Vu l'avis favorable de la 3e commission « Environnement et cadre de vie » du 22 septembre 2025 ;",
        "Vu le rapport n°41 de M. le Président ;",
    ]:
        d.add_paragraph(v)
    d.add_paragraph("Après en avoir délibéré, DÉCIDE :")
    d.add_paragraph("ARTICLE PREMIER").runs[0].bold = True
    d.add_paragraph(
        "Une subvention de fonctionnement de 12 500,00 € (douze mille cinq cents euros) est attribuée à l'association Les Jardins du Terril, dont le siège est 14 rue des Mineurs à Liévin (SIRET "
        + S_fmt
        + "), pour son programme d'animation 2025."
    )
    d.add_paragraph("ARTICLE 2").runs[0].bold = True
    d.add_paragraph(
        "Le Président est autorisé à signer la convention annexée à la présente délibération (annexe 1)."
    )
    d.add_paragraph("ARTICLE 3").runs[0].bold = True
    d.add_paragraph("La dépense sera imputée comme suit :")
    t = d.add_table(rows=2, cols=5)
    t.style = "Table Grid"
    for i, h in enumerate(["Imputation", "Code opération", "Intitulé", "Crédits ouverts", "Montant affecté"]):
        t.cell(0, i).text = h
    for i, h in enumerate(
        ["6574//937", "C03-738B02", "Jardins et nature en ville", "50 000,00 €", "12 500,00 €"]
    ):
        t.cell(1, i).text = h
    d.add_paragraph("")
    d.add_paragraph("RÉSULTAT DU VOTE").runs[0].bold = True
    d.add_paragraph("Adopté à l'unanimité : 11 voix pour (10 présents, 1 pouvoir), 0 contre, 0 abstention.")
    d.add_paragraph("Fait à Arras, le 6 octobre 2025")
    d.add_paragraph("Le Président du Conseil départemental,")
    d.add_paragraph("JEAN-CLAUDE LEROY")
    d.save(str(dest / "Délib CP 06-10-2025 Jardins du Terril.docx"))

    # --- Rapport
    d = doc("Calibri")
    centre(d, "CONSEIL DÉPARTEMENTAL DU PAS-DE-CALAIS", size=12)
    d.add_paragraph("Direction du Développement Durable — Service Nature")
    centre(d, "RAPPORT N°41 À LA COMMISSION PERMANENTE DU 6 OCTOBRE 2025")
    d.add_paragraph("Territoire : Lens-Liévin")
    d.add_paragraph("OBJET : SOUTIEN À L'ASSOCIATION LES JARDINS DU TERRIL")
    d.add_heading("1. Contexte", level=2)
    d.add_paragraph(
        "L'association Les Jardins du Terril anime depuis 2019 trois jardins partagés sur la commune de Liévin, au pied du terril 74. Elle accueille chaque semaine une centaine d'habitants."
    )
    d.add_heading("2. Le projet 2025", level=2)
    d.add_paragraph(
        "Pour 2025, l'association sollicite le Département pour un montant de 15 000 €. Le budget prévisionnel de l'action s'élève à 48 200 €."
    )
    d.add_paragraph("Il vous est proposé de lui attribuer 12 500 €, soit 25,93 % du budget prévisionnel.")
    d.add_heading("3. Incidence financière", level=2)
    t = d.add_table(rows=3, cols=4)
    t.style = "Table Grid"
    for i, h in enumerate(["Imputation", "CP 2025", "Proposition", "Solde disponible"]):
        t.cell(0, i).text = h
    for i, h in enumerate(["6574//937", "50 000 €", "12 500 €", "37 500 €"]):
        t.cell(1, i).text = h
    for i, h in enumerate(["Total", "50 000 €", "12 500 €", "37 500 €"]):
        t.cell(2, i).text = h
    d.add_heading("4. Proposition", level=2)
    d.add_paragraph("Je vous propose :")
    d.add_paragraph("- d'attribuer une subvention de 12 500 € à l'association Les Jardins du Terril ;")
    d.add_paragraph("- de m'autoriser à signer la convention jointe en annexe 1.")
    d.add_paragraph("La 3e commission, réunie le 22 septembre 2025, a émis un avis favorable.")
    d.add_paragraph("Le Président du Conseil départemental")
    d.add_paragraph("Jean-Claude LEROY")
    d.save(str(dest / "Rapport 41 - Jardins du Terril.docx"))

    # --- Convention
    d = doc("Times New Roman")
    d.add_paragraph("ANNEXE 1")
    centre(d, "CONVENTION DE PARTENARIAT 2025", size=14)
    centre(d, "entre le Département du Pas-de-Calais et l'association Les Jardins du Terril", bold=False)
    d.add_paragraph("ENTRE :").runs[0].bold = True
    d.add_paragraph(
        "Le Département du Pas-de-Calais, Hôtel du Département, rue Ferdinand Buisson, 62018 ARRAS Cedex 9, SIRET 226 200 012 00012, représenté par M. Jean-Claude LEROY, Président du Conseil départemental, autorisé par la délibération n°2025-412 de la Commission Permanente du 6 octobre 2025, ci-après « le Département »,"
    )
    d.add_paragraph("ET :").runs[0].bold = True
    d.add_paragraph(
        "L'association LES JARDINS DU TERRIL, association loi 1901, dont le siège social est 14 rue des Mineurs, 62800 LIÉVIN, SIRET "
        + S_fmt
        + ", représentée par Mme Sophie Delcroix, sa Présidente, ci-après « l'association »."
    )
    d.add_paragraph("IL EST CONVENU CE QUI SUIT :")
    arts = [
        (
            "Objet",
            "La présente convention définit les conditions dans lesquelles le Département soutient le programme d'animation 2025 des jardins partagés de l'association.",
        ),
        ("Durée", "La convention couvre les actions réalisées du 1er janvier 2025 au 31 décembre 2025."),
        (
            "Montant de l'aide",
            "Le Département attribue à l'association une subvention de 12 500 € (douze mille cinq cents euros), représentant 25,93 % d'un budget prévisionnel de 48 200 €.",
        ),
        (
            "Versement",
            "La subvention est versée en deux fois : une avance de 70 %, soit 8 750 €, à la signature de la présente convention ; le solde de 30 %, soit 3 750 €, sur production du bilan.",
        ),
        (
            "Justificatifs",
            "L'association remet au Département, au plus tard le 30 juin 2026, le bilan qualitatif et financier de l'action.",
        ),
        ("Litiges", "Tout litige relève du tribunal administratif de Lille."),
    ]
    for i, (t_, p) in enumerate(arts, 1):
        titre = d.add_paragraph(f"Article {i} – {t_}")
        titre.runs[0].bold = True
        d.add_paragraph(p)
    d.add_paragraph("Fait à Arras, en deux exemplaires, le")
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Pour le Département,\nLe Président du Conseil départemental,\n\nJean-Claude LEROY"
    t.cell(0, 1).text = "Pour l'association,\nLa Présidente,\n\nSophie DELCROIX"
    d.save(str(dest / "Convention Jardins du Terril 2025.docx"))
    return dest
