"""Second held-out dossier with planted errors: Région Bourgogne-Franche-Comté, Commission
permanente of Friday 12 June 2026, an investment subsidy of 47 500 € to the association
Ressourcerie du Val d'Amour (Mont-sous-Vaudrey, Jura) for a re-use workshop and a charity shop.

Drafted the way a regional administration drafts: the délibération (Trebuchet MS) opens with a
two-column borderless box (rapport and attendance on the left and right), titles in small capitals,
« VU » / « CONSIDÉRANT » visas, an aid table whose amount columns are titled « (en €) » with no € in
the cells, and the vote as one line « Adopté à l'unanimité (38 voix) ». The rapport (Segoe UI) has
an identity card of the beneficiary as a label/value table, small-font notes at the end of a
section and an imputation table whose header cells are merged (one row spanning « Autorisation de
programme 2026 »). The convention (Book Antiqua) puts its two parties side by side in a borderless
table. The financing plan is a single side-by-side « Dépenses | Ressources » table with merged
header cells and shares written « 22,11% » without a space; it is typed in Arial Narrow, which
LibreOffice does not have, so its PDF is set in a much wider font and the cells wrap.

Every planted error is marked `PLANTED Axxx` where it is written; `temoin2_erreurs.cle.yaml` lists
them. Everything else is meant to be consistent.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.document import Document as DocumentDocx
from docx.shared import Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from .ecrire import (
    INSECABLE,
    Morceau,
    R,
    document,
    en_tete,
    enregistrer,
    er,
    paragraphe,
    pied_de_page,
    signatures,
    tableau,
)

REGION = "Région Bourgogne-Franche-Comté"
NUMERO = "26CP.0731"
ACTES = "021-200053726-20260612-26CP0731-DE"
SEANCE = "12 juin 2026"
RAPPORT = "5-14"
PRESIDENTE = "Véronique SAILLARD"
RAPPORTEUR = "Thierry GRANDPERRIN"
PRESIDENT_ASSO = "Lucien PERRARD"
ASSOCIATION = "Ressourcerie du Val d'Amour"
SIRET_REGION = "200 053 726 00010"
SIRET_ASSO = "518 472 634 00022"
AIDE = f"47{INSECABLE}500"
REGLEMENT = "« Économie circulaire et réemploi solidaire »"


def _petites_capitales(par: Paragraph) -> Paragraph:
    """Turn every run of a paragraph into small capitals (Word's Ctrl+Maj+K)."""
    for run in par.runs:
        run.font.small_caps = True
    return par


def _titre(doc: DocumentDocx, texte: str, taille: float = 11, avant: float = 10) -> None:
    """A section title typed in small capitals."""
    _petites_capitales(paragraphe(doc, texte, gras=True, taille=taille, avant=avant, apres=4))


def _cellule(cellule: _Cell, lignes: Sequence[Sequence[Morceau]], taille: float | None = None) -> None:
    """Fill a cell with several paragraphs (the first one reuses the cell's empty paragraph)."""
    for k, ligne in enumerate(lignes):
        if k == 0:
            par = cellule.paragraphs[0]
            for morceau in ligne:
                run = par.add_run(morceau if isinstance(morceau, str) else morceau.texte)
                if isinstance(morceau, R):
                    run.bold = morceau.gras or None
                    run.italic = morceau.italique or None
                    if morceau.exposant:
                        run.font.superscript = True
        else:
            par = paragraphe(cellule, *ligne)
        if taille is not None:
            for run in par.runs:
                run.font.size = Pt(taille)


def _fusionner(table: Table, haut_gauche: tuple[int, int], bas_droite: tuple[int, int]) -> None:
    """Merge a block of cells, as Word's « Fusionner les cellules », keeping only the text of the
    top-left cell (the empty paragraphs of the other cells are dropped)."""
    cellule = table.cell(*haut_gauche).merge(table.cell(*bas_droite))
    for par in cellule.paragraphs[1:]:
        if not par.text:
            par._p.getparent().remove(par._p)


def _boite(
    doc: DocumentDocx, gauche: Sequence[Sequence[Morceau]], droite: Sequence[Sequence[Morceau]]
) -> Table:
    """Two columns of text side by side: a borderless one-row table."""
    table = tableau(doc, [["", ""]], entete=0, bordures=False, largeurs_cm=[8.3, 8.3])
    _cellule(table.cell(0, 0), gauche, taille=9.5)
    _cellule(table.cell(0, 1), droite, taille=9.5)
    return table


def _deliberation(dest: Path) -> None:
    doc = document("Trebuchet MS", 10, marge_cm=2.2)
    en_tete(
        doc,
        [f"{REGION} – Commission permanente du {SEANCE} – Délibération n° {NUMERO}"],
        taille=7.5,
        align="gauche",
    )
    pied_de_page(
        doc,
        [f"Identifiant de l'acte : {ACTES}"],
        ["Transmis au représentant de l'État le 17 juin 2026 – Publié le 17/06/2026"],
        taille=7,
    )
    _petites_capitales(paragraphe(doc, REGION, gras=True, align="centre", taille=16))
    paragraphe(doc, "Conseil régional", align="centre", taille=11)
    _petites_capitales(
        paragraphe(doc, "Commission permanente", gras=True, align="centre", taille=13, avant=10)
    )
    paragraphe(doc, f"Séance du vendredi {SEANCE}", align="centre")
    paragraphe(doc, f"Délibération n° {NUMERO}", gras=True, align="centre", apres=12)
    _boite(
        doc,
        [
            [R("Rapport n° ", gras=True), RAPPORT],
            [R("Direction : ", gras=True), "Transition écologique"],
            [R("Rapporteur : ", gras=True), f"M. {RAPPORTEUR}, vice-président"],
        ],
        [
            [R("Membres en exercice : ", gras=True), "41"],
            [R("Présents : ", gras=True), "34"],
            [R("Représentés : ", gras=True), "4"],
            [R("Absents non représentés : ", gras=True), "3"],
        ],
    )
    paragraphe(
        doc,
        R("Objet : ", gras=True),
        f"Économie circulaire – Aide à l'investissement en faveur de l'association {ASSOCIATION} (Jura) "
        "pour la création d'un atelier de réemploi et d'une boutique solidaire",
        align="justifie",
        avant=12,
        apres=10,
    )
    paragraphe(
        doc, R(f"Sous la présidence de Mme {PRESIDENTE}, Présidente du Conseil régional,", italique=True)
    )
    paragraphe(doc, "LA COMMISSION PERMANENTE DU CONSEIL RÉGIONAL,", gras=True, avant=8, apres=6)
    visas = [
        "le Code général des collectivités territoriales, notamment ses articles L.1611-4, L.4221-1 et "
        "L.4221-5 ;",
        "la délibération n° 21AP.06 de l'Assemblée plénière du 2 juillet 2021 portant délégations à la "
        "Commission permanente ;",
        f"la délibération n° 25AP.187 de l'Assemblée plénière du 26 juin 2025 adoptant le règlement "
        f"d'intervention {REGLEMENT} ;",
        "la délibération n° 25AP.322 de l'Assemblée plénière du 18 décembre 2025 relative au budget "
        "primitif 2026 ;",
        "la demande de l'association reçue le 16 février 2026 ;",
        "l'avis de la commission « Transition écologique, environnement et énergie » du 2 juin 2026 ;",
        f"le rapport n° {RAPPORT} de la Présidente du Conseil régional ;",
    ]
    for visa in visas:
        paragraphe(doc, R("VU ", gras=True), visa, align="justifie", retrait_cm=0.6, apres=2)
    paragraphe(
        doc,
        R("CONSIDÉRANT ", gras=True),
        "que le projet répond aux objectifs du plan régional de prévention et de gestion des déchets en "
        "allongeant la durée d'usage des objets et en créant des emplois d'insertion en milieu rural ;",
        align="justifie",
        retrait_cm=0.6,
        avant=4,
    )
    _petites_capitales(paragraphe(doc, "Décide", gras=True, align="centre", taille=12, avant=10, apres=6))

    paragraphe(doc, R("Article 1", gras=True), R("er", gras=True, exposant=True), avant=4)
    # PLANTED A105: « quarante-sept mille cinquante euros » is 47 050, not 47 500
    paragraphe(
        doc,
        f"Une subvention d'investissement de {AIDE} € (quarante-sept mille cinquante euros) est attribuée "
        f"à l'association {ASSOCIATION} selon le tableau ci-dessous :",
        align="justifie",
    )
    tableau(
        doc,
        [
            [
                "Bénéficiaire",
                "Opération",
                "Assiette éligible HT (en €)",
                "Taux",
                "Aide régionale (en €)",
            ],
            [
                f"{ASSOCIATION}\nMont-sous-Vaudrey (39)",
                "Création d'un atelier de réemploi et d'une boutique solidaire",
                "190 000",
                "25%",
                "47 500",
            ],
        ],
        largeurs_cm=[4.0, 5.6, 2.6, 1.5, 2.8],
        alignements=["gauche", "gauche", "droite", "centre", "droite"],
        taille=8.5,
    )
    paragraphe(doc, R("Article 2", gras=True), avant=8)
    paragraphe(
        doc,
        "La convention attributive à conclure avec l'association, jointe en annexe 1, est approuvée. La "
        "Présidente du Conseil régional est autorisée à la signer.",
        align="justifie",
    )
    paragraphe(doc, R("Article 3", gras=True), avant=8)
    paragraphe(
        doc,
        "Il est pris acte du plan de financement prévisionnel de l'opération, joint en annexe 2.",
        align="justifie",
    )
    paragraphe(doc, R("Article 4", gras=True), avant=8)
    paragraphe(
        doc,
        "La dépense est affectée sur l'autorisation de programme « Économie circulaire – Réemploi » "
        "millésime 2026 et sera mandatée au chapitre 907, nature 20422, du budget régional.",
        align="justifie",
    )
    paragraphe(doc, "Adopté à l'unanimité (38 voix)", gras=True, align="centre", avant=14)
    paragraphe(doc, f"Fait à Besançon, le {SEANCE}.", avant=10, retrait_cm=9)
    paragraphe(doc, "La Présidente du Conseil régional,", retrait_cm=9)
    paragraphe(doc, PRESIDENTE, gras=True, avant=22, retrait_cm=9)
    enregistrer(doc, dest / "deliberation.docx")


def _imputation(doc: DocumentDocx) -> None:
    """The imputation table of the rapport, with a two-row header whose cells are merged."""
    table = tableau(
        doc,
        [
            [
                "Programme",
                "Chapitre / nature",
                "Autorisation de programme 2026",
                "",
                "",
                "Reste disponible après la séance",
            ],
            ["", "", "Votée", "Disponible avant la séance", "Proposition", ""],
            [
                "Économie circulaire – Réemploi",
                "907 / 20422",
                "1 200 000,00",
                "312 650,00",
                "47 500,00",
                "265 150,00",
            ],
        ],
        entete=2,
        largeurs_cm=[3.4, 2.2, 2.6, 2.8, 2.4, 3.0],
        alignements=["gauche", "centre", "droite", "droite", "droite", "droite"],
        taille=8,
    )
    _fusionner(table, (0, 2), (0, 4))
    for colonne in (0, 1, 5):
        _fusionner(table, (0, colonne), (1, colonne))
    paragraphe(doc, "Montants en euros.", taille=7.5, align="droite")


def _rapport(dest: Path) -> None:
    doc = document("Segoe UI", 9.5, marge_cm=2.0)
    en_tete(doc, [f"Commission permanente du {SEANCE} – Rapport n° {RAPPORT}"], taille=7.5)
    pied_de_page(doc, ["Direction de la transition écologique – Service économie circulaire"], taille=7)
    paragraphe(doc, REGION, gras=True, taille=11)
    paragraphe(doc, "Direction de la transition écologique", taille=8.5)
    _petites_capitales(
        paragraphe(
            doc,
            "Rapport de la Présidente à la Commission permanente",
            gras=True,
            align="centre",
            taille=13,
            avant=16,
        )
    )
    paragraphe(doc, f"Séance du {SEANCE} – rapport n° {RAPPORT}", align="centre", apres=12)
    paragraphe(
        doc,
        R("Objet : ", gras=True),
        f"aide à l'investissement de l'association {ASSOCIATION} – atelier de réemploi et boutique "
        "solidaire à Mont-sous-Vaudrey",
        apres=8,
    )

    _titre(doc, "1. Le dispositif")
    paragraphe(
        doc,
        f"Le règlement d'intervention {REGLEMENT}, adopté par l'Assemblée plénière par délibération "
        "n° 25AP.187 du 26/06/2025, soutient l'investissement des structures de réemploi de "
        "l'économie sociale et solidaire. L'aide est calculée au taux maximal de 25 % de la dépense "
        "éligible hors taxes et plafonnée à 80 000 € par projet.",
        align="justifie",
    )

    _titre(doc, "2. Le porteur de projet")
    fiche = tableau(
        doc,
        [
            ["Bénéficiaire", ASSOCIATION],
            ["Statut", "association régie par la loi du 1er juillet 1901"],
            ["SIRET", SIRET_ASSO],
            ["Siège", "7 rue des Salines, 39380 Mont-sous-Vaudrey"],
            ["Président", f"M. {PRESIDENT_ASSO}"],
            ["Effectif", "5 permanents et 14 salariés en parcours d'insertion"],
        ],
        entete=0,
        largeurs_cm=[3.5, 13.0],
        alignements=["gauche", "gauche"],
        taille=8.5,
    )
    for ligne in fiche.rows:
        for run in ligne.cells[0].paragraphs[0].runs:
            run.bold = True
    paragraphe(
        doc,
        "Créée en 2012, la ressourcerie collecte les objets dont les habitants se séparent, les répare et "
        "les revend à petit prix¹. Elle a détourné de l'enfouissement 412 tonnes en 2025. Ses locaux "
        "actuels, loués, ne permettent plus d'accueillir les apports ni de réparer l'électroménager.",
        align="justifie",
        avant=6,
    )

    _titre(doc, "3. Le projet et l'aide proposée")
    paragraphe(
        doc,
        "L'association acquiert et aménage un ancien bâtiment agricole : atelier de réparation, espace "
        "de tri, boutique de 250 m² et quai de déchargement. Elle équipe l'atelier et renouvelle son "
        "véhicule de collecte.",
        align="justifie",
    )
    # PLANTED A117: 47 500 / 214 800 = 22,11 %, not 23,11 %
    paragraphe(
        doc,
        "Le coût total du projet s'élève à 214 800 € HT, dont 190 000 € HT de dépenses éligibles au "
        "règlement (le véhicule de collecte, 24 800 € HT, relève d'un autre dispositif). Au taux de "
        f"25 %, l'aide régionale proposée est de {AIDE} €, soit 23,11 % du coût total du projet².",
        align="justifie",
    )
    # PLANTED A007: the délibération (article 2) and the convention's header say annexe 1
    paragraphe(
        doc,
        "Je vous propose d'attribuer cette aide et d'approuver la convention attributive jointe en "
        "annexe 2, qui fixe les conditions de versement et de contrôle.",
        align="justifie",
    )
    paragraphe(
        doc, "¹ Le prix moyen d'un objet vendu en boutique est de 3,80 € en 2025.", taille=7, avant=6, apres=0
    )
    paragraphe(
        doc,
        "² Les autres financeurs sont l'ADEME, le Département du Jura et la communauté de communes ; le "
        "détail figure au plan de financement.",
        taille=7,
        apres=0,
    )

    _titre(doc, "4. Incidence budgétaire")
    paragraphe(doc, "L'aide serait affectée comme suit :")
    _imputation(doc)
    paragraphe(doc, "Je vous prie de bien vouloir en délibérer.", avant=12)
    paragraphe(doc, "La Présidente du Conseil régional,", avant=10, align="droite")
    paragraphe(doc, PRESIDENTE, avant=16, align="droite")
    enregistrer(doc, dest / "rapport.docx")


def _article(doc: DocumentDocx, titre: str, *alineas: Sequence[Morceau]) -> None:
    """A convention article: a small-capitals title and its paragraphs."""
    _petites_capitales(paragraphe(doc, titre, gras=True, avant=8, apres=2))
    for alinea in alineas:
        paragraphe(doc, *alinea, align="justifie")


def _convention(dest: Path) -> None:
    doc = document("Book Antiqua", 10.5)
    en_tete(
        doc,
        [f"Annexe 1 à la délibération n° {NUMERO} de la Commission permanente du {SEANCE}"],
        taille=8,
        align="centre",
    )
    pied_de_page(doc, [f"Convention attributive – {ASSOCIATION} – atelier de réemploi"], taille=7.5)
    _petites_capitales(
        paragraphe(doc, "Convention attributive de subvention", gras=True, align="centre", taille=15)
    )
    paragraphe(doc, "Aide régionale à l'investissement – économie circulaire", align="centre", apres=14)
    paragraphe(doc, "Entre les soussignés :", gras=True)
    parties = tableau(doc, [["", ""]], entete=0, bordures=False, largeurs_cm=[8.3, 8.3])
    _cellule(
        parties.cell(0, 0),
        [
            [R(f"la {REGION}", gras=True), ","],
            [
                f"4 square Castan, CS 51857, 25031 Besançon Cedex, SIRET {SIRET_REGION}, représentée par "
                f"la Présidente du Conseil régional, Mme {PRESIDENTE}, dûment autorisée par délibération "
                f"n° {NUMERO} de la Commission permanente en date du {SEANCE},"
            ],
            [R("ci-après « la Région »,", italique=True)],
        ],
        taille=10,
    )
    _cellule(
        parties.cell(0, 1),
        [
            [R(f"l'association {ASSOCIATION}", gras=True), ","],
            [
                "association régie par la loi du 1",
                er(),
                f" juillet 1901, dont le siège est 7 rue des Salines, 39380 Mont-sous-Vaudrey, SIRET "
                f"{SIRET_ASSO}, représentée par son président, M. {PRESIDENT_ASSO},",
            ],
            [R("ci-après « le bénéficiaire »,", italique=True)],
        ],
        taille=10,
    )
    paragraphe(doc, "Vu le Code général des collectivités territoriales ;", avant=10, apres=2)
    # PLANTED A003: the délibération and the rapport date this act 26 June 2025
    paragraphe(
        doc,
        f"Vu le règlement d'intervention {REGLEMENT} adopté par l'Assemblée plénière le 25 juin 2025 "
        "(délibération n° 25AP.187) ;",
        apres=2,
    )
    paragraphe(doc, "Vu la demande du bénéficiaire reçue le 16 février 2026,", apres=8)
    paragraphe(doc, "il est convenu ce qui suit :", gras=True, apres=4)

    _article(
        doc,
        "Article 1 – Objet",
        [
            "La présente convention fixe les conditions dans lesquelles la Région soutient la création, "
            "par le bénéficiaire, d'un atelier de réemploi et d'une boutique solidaire à "
            "Mont-sous-Vaudrey (ci-après « l'opération »)."
        ],
    )
    # PLANTED A009: the financing plan gives the period « du 01/04/2026 au 31/12/2026 »
    _article(
        doc,
        "Article 2 – Période de réalisation",
        [
            "Sont seules éligibles les dépenses réalisées entre le 1",
            er(),
            " avril 2026 et le 31 mars 2027.",
        ],
    )
    # PLANTED A001: the coût total is 214 800 € HT in the rapport and the financing plan
    _article(
        doc,
        "Article 3 – Montant de l'aide",
        [
            f"La Région attribue au bénéficiaire une subvention d'investissement de {AIDE} € "
            "(quarante-sept mille cinq cents euros), calculée au taux de 25 % sur une dépense "
            "subventionnable de 190 000 € HT."
        ],
        [
            "Le coût total prévisionnel de l'opération est de 241 800 € HT. Si la dépense réalisée est "
            "inférieure à la dépense subventionnable, l'aide est réduite au prorata."
        ],
    )
    # PLANTED A116: 14 250 + 19 000 + 14 750 = 48 000 €, not the 47 500 € of the subsidy
    _article(
        doc,
        "Article 4 – Modalités de versement",
        ["L'aide est versée au compte du bénéficiaire dans les conditions suivantes :"],
        ["– une avance de 14 250 € à la notification de la présente convention ;"],
        [
            "– un acompte de 19 000 € sur justification de la réalisation d'au moins 50 % de la dépense "
            "subventionnable ;"
        ],
        [
            "– le solde, soit 14 750 €, à l'achèvement de l'opération, sur présentation de l'état "
            "récapitulatif des dépenses acquittées."
        ],
    )
    _article(
        doc,
        "Article 5 – Justification",
        [
            "Le bénéficiaire adresse à la Région, au plus tard le 30 septembre 2027, l'état récapitulatif "
            "des dépenses certifié par son président et un bilan de l'opération (tonnages, emplois)."
        ],
    )
    _article(
        doc,
        "Article 6 – Caducité",
        [
            "Si l'opération n'a pas reçu de commencement d'exécution dans un délai d'un an à compter de "
            "la notification, l'aide est caduque."
        ],
    )
    _article(
        doc,
        "Article 7 – Publicité",
        [
            "Le bénéficiaire mentionne le soutien de la Région sur le bâtiment (panneau), dans la boutique "
            "et sur ses supports de communication."
        ],
    )
    _article(
        doc,
        "Article 8 – Contrôle et reversement",
        [
            "La Région peut contrôler sur pièces et sur place l'emploi de l'aide. Les sommes non employées "
            "ou employées à un autre objet sont reversées."
        ],
    )
    _article(
        doc,
        "Article 9 – Litiges",
        ["Les litiges relèvent du tribunal administratif de Besançon."],
    )
    paragraphe(doc, "Fait à Besançon, en deux exemplaires, le", avant=12, apres=10)
    signatures(
        doc,
        [f"Pour l'association {ASSOCIATION},", "Le Président,", "", PRESIDENT_ASSO],
        [f"Pour la {REGION},", "La Présidente du Conseil régional,", "", PRESIDENTE],
    )
    enregistrer(doc, dest / "convention.docx")


def _plan_financement(dest: Path) -> None:
    # Arial Narrow: LibreOffice substitutes a wider font, the PDF wraps these narrow columns
    doc = document("Arial Narrow", 9.5, marge_cm=1.8)
    en_tete(
        doc,
        [f"Annexe 2 – Délibération n° {NUMERO} – Commission permanente du {SEANCE}"],
        taille=8,
        align="centre",
    )
    _petites_capitales(paragraphe(doc, ASSOCIATION, gras=True, align="centre", taille=14))
    paragraphe(
        doc, f"7 rue des Salines – 39380 Mont-sous-Vaudrey – SIRET {SIRET_ASSO}", align="centre", taille=8
    )
    paragraphe(
        doc,
        "Plan de financement prévisionnel – atelier de réemploi et boutique solidaire",
        gras=True,
        align="centre",
        avant=12,
    )
    # PLANTED A009: the convention (article 2) gives « du 1er avril 2026 au 31 mars 2027 »
    paragraphe(doc, "Période de réalisation : du 01/04/2026 au 31/12/2026", align="centre", apres=10)
    table = tableau(
        doc,
        [
            ["DÉPENSES (HT)", "", "RESSOURCES", "", ""],
            ["Nature des dépenses", "Montant (en €)", "Financeurs", "Montant (en €)", "Part"],
            [
                "Travaux d'aménagement du bâtiment (atelier, boutique, quai)",
                "131 500",
                f"{REGION} (sollicitée)",
                "47 500",
                "22,11%",
            ],
            [
                "Équipement de l'atelier (établis, outillage, chariot élévateur)",
                "46 200",
                "État – ADEME, fonds économie circulaire",
                "64 440",
                "30,00%",
            ],
            ["Véhicule utilitaire de collecte", "24 800", "Département du Jura", "21 480", "10,00%"],
            [
                "Caisse, informatique et étiquetage",
                "5 100",
                "Communauté de communes du Val d'Amour",
                "10 740",
                "5,00%",
            ],
            ["Études et maîtrise d'œuvre", "7 200", "Fondation d'entreprise (mécénat)", "15 000", "6,98%"],
            ["", "", "Emprunt bancaire", "30 000", "13,97%"],
            ["", "", "Autofinancement", "25 640", "11,94%"],
            ["Total des dépenses", "214 800", "Total des ressources", "214 800", "100,00%"],
        ],
        entete=2,
        largeurs_cm=[5.0, 2.0, 4.9, 2.0, 2.1],
        alignements=["gauche", "droite", "gauche", "droite", "droite"],
        lignes_grasses=[-1],
        taille=9,
    )
    _fusionner(table, (0, 0), (0, 1))
    _fusionner(table, (0, 2), (0, 4))
    paragraphe(
        doc,
        "Dépense éligible au règlement régional : 190 000 € HT (hors véhicule de collecte).",
        taille=8,
        avant=6,
    )
    paragraphe(doc, "Certifié exact, à Mont-sous-Vaudrey, le 9 février 2026.", avant=10)
    paragraphe(doc, f"Le Président, {PRESIDENT_ASSO}", avant=6)
    enregistrer(doc, dest / "plan_financement.docx")


def construire(dest: Path) -> None:
    """Écrit les DOCX du dossier dans `dest` (un fichier par document, `<tige>.docx`)."""
    dest.mkdir(parents=True, exist_ok=True)
    _deliberation(dest)
    _rapport(dest)
    _convention(dest)
    _plan_financement(dest)
