"""Second held-out CLEAN dossier: Département de l'Ardèche, Commission permanente of Monday 29 June
2026, an operating subsidy of 28 500 € for 2026 to the association Le Panier Partagé, which runs the
épicerie solidaire of Annonay (budget prévisionnel 120 000 €).

No error, but many legitimate traps (listed in `temoin2_propre.cle.yaml`): the subsidy written
28 500 €, 28 500 euros, 28 500,00 €, « 28 500 » under a « Montant (en €) » header, once with the €
pushed to a second line of its cell, and « vingt-huit mille cinq cents euros »; the département's
yearly 1,5 M€ for food aid; last year's 26 000 €; the 23 000 € threshold; a unit price per basket and
an hourly value of volunteering; an instalment schedule of three payments that adds up; 23,75 % of
the budget, right; 27 présents and 6 pouvoirs for 32 pour and one named abstention; the séance
written « lundi 29 juin 2026 », « 29/06/2026 » and in words; the budget délibération cited
« 15 décembre 2025 » and « 15/12/2025 »; a Saturday open day and a Saturday general meeting that are
no acts of the Département.

Layout: the délibération (Times New Roman) keeps its number and the séance in the page header, has
an aid table whose header says « Proposition CP 2026 » and a small-font note under the signature;
the rapport (Georgia) has no imputation table (the imputation is in prose), its titles in small
capitals, and an « En bref » column beside the text (a borderless two-column table) with small-font
notes; the convention is typed in Calibri, which LibreOffice replaces with a wider font in the PDF,
and holds the payment schedule as a table with a total row; the budget annex (Tahoma) has two tables
with merged header cells (« Montant (en €) » over « Réalisé 2025 » and « BP 2026 ») and shares
written « 12,5% » without a space.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.document import Document as DocumentDocx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from .ecrire import (
    INSECABLE,
    Alignement,
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

DEPARTEMENT = "Département de l'Ardèche"
NUMERO = "2026-CP-06-112"
ACTES = "007-220700017-20260629-2026_CP_06_112-DE"
PRESIDENT = "Bernard LACOMBE"
PRESIDENTE_ASSO = "Nadia BELKACEM"
ASSOCIATION = "Le Panier Partagé"
SIRET_DEPARTEMENT = "220 700 017 00019"
SIRET_ASSO = "790 361 588 00011"
AIDE = f"28{INSECABLE}500"


def _petites_capitales(par: Paragraph) -> Paragraph:
    """Every run of the paragraph in small capitals."""
    for run in par.runs:
        run.font.small_caps = True
    return par


def _fusionner(table: Table, haut_gauche: tuple[int, int], bas_droite: tuple[int, int]) -> None:
    """Merge a block of cells and drop the empty paragraphs the other cells bring along."""
    cellule = table.cell(*haut_gauche).merge(table.cell(*bas_droite))
    for par in cellule.paragraphs[1:]:
        if not par.text:
            par._p.getparent().remove(par._p)


def _montant_sur_deux_lignes(cellule: _Cell, chiffres: str, suite: str, taille: float) -> None:
    """An amount whose unit was pushed to a second line of its cell with Maj+Entrée."""
    par = cellule.paragraphs[0]
    for run in list(par.runs):
        run._r.getparent().remove(run._r)
    run = par.add_run(chiffres)
    run.font.size = Pt(taille)
    run.add_break()
    fin = par.add_run(suite)
    fin.font.size = Pt(taille)
    par.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _colonne(cellule: _Cell, lignes: Sequence[tuple[Sequence[Morceau], float, bool]]) -> None:
    """Fill a cell with paragraphs: (runs, size, bold) each; the cell's own paragraph comes first."""
    for k, (morceaux, taille, gras) in enumerate(lignes):
        par = cellule.paragraphs[0] if k == 0 else cellule.add_paragraph()
        for morceau in morceaux:
            texte = morceau if isinstance(morceau, str) else morceau.texte
            run = par.add_run(texte)
            run.font.size = Pt(taille)
            run.bold = gras or (isinstance(morceau, R) and morceau.gras) or None
            if isinstance(morceau, R) and morceau.exposant:
                run.font.superscript = True
        par.paragraph_format.space_after = Pt(3)


def _deliberation(dest: Path) -> None:
    doc = document("Times New Roman", 11.5, marge_cm=2.4)
    en_tete(
        doc,
        [f"{DEPARTEMENT} · Délibération n° {NUMERO} · Commission permanente du 29/06/2026"],
        taille=8,
        align="droite",
    )
    pied_de_page(
        doc,
        [f"Reçu en préfecture le 03/07/2026 – ID : {ACTES}"],
        ["Publié sur le site internet du Département le 3 juillet 2026"],
        taille=7,
    )
    _petites_capitales(paragraphe(doc, DEPARTEMENT, gras=True, align="centre", taille=15))
    paragraphe(doc, "Registre des délibérations de la Commission permanente", align="centre", taille=10)
    paragraphe(doc, "Séance du lundi 29 juin 2026", gras=True, align="centre", avant=6)
    paragraphe(doc, f"Délibération n° {NUMERO}", align="centre", apres=12)
    paragraphe(
        doc,
        R("Objet : ", gras=True),
        f"Solidarités – Aide alimentaire – Subvention de fonctionnement 2026 à l'association {ASSOCIATION} "
        "(épicerie solidaire d'Annonay)",
        align="justifie",
        apres=10,
    )
    paragraphe(
        doc,
        "Le vingt-neuf juin deux mille vingt-six, à dix heures, la Commission permanente du Conseil "
        "départemental de l'Ardèche s'est réunie à l'Hôtel du Département, à Privas, sous la présidence "
        f"de M. {PRESIDENT}, Président du Conseil départemental.",
        align="justifie",
    )
    paragraphe(
        doc,
        "Présents : 27. Pouvoirs : 6 (Mme Hélène CHAZAL à M. Jean-Luc ROUVIER, M. Patrice VALLON à "
        "Mme Sandrine TEYSSIER, Mme Agnès BOUCHET à M. Olivier MOUNIER, M. Rémi FAYARD à Mme Laure "
        "DUMAS, Mme Corinne ROCHE à M. Julien ARNAUD, M. Didier PLANTIER à M. Franck DELORME). "
        "Votants : 33.",
        align="justifie",
        taille=10,
    )
    paragraphe(
        doc,
        "Rapporteure : Mme Sandrine TEYSSIER, vice-présidente chargée des solidarités.",
        taille=10,
        apres=10,
    )
    paragraphe(doc, "La Commission permanente,", gras=True, apres=4)
    for visa in (
        "Vu le Code général des collectivités territoriales, notamment ses articles L.1611-4, L.3211-1 et "
        "L.3211-2 ;",
        "Vu la loi n° 2000-321 du 12 avril 2000, notamment son article 10, et le décret n° 2001-495 du "
        "6 juin 2001 ;",
        "Vu la délibération n° 2021-CD-07-01 du Conseil départemental du 1er juillet 2021 portant "
        "délégation d'attributions à la Commission permanente ;",
        "Vu la délibération n° 2025-CD-12-03 du Conseil départemental du 15 décembre 2025 adoptant le "
        "budget primitif 2026 ;",
        "Vu la délibération n° 2025-CP-05-087 de la Commission permanente du 19 mai 2025 attribuant une "
        "subvention de 26 000 € à l'association pour l'année 2025 ;",
        "Vu l'avis de la commission Solidarités, santé et insertion du mardi 16 juin 2026 ;",
        "Vu le rapport n° 3.07 du Président du Conseil départemental ;",
    ):
        paragraphe(doc, visa, align="justifie", apres=2)
    paragraphe(
        doc,
        "Considérant que l'épicerie solidaire d'Annonay est le seul lieu d'aide alimentaire en libre choix "
        "du bassin annonéen et que les travailleurs sociaux du Département y orientent les familles qu'ils "
        "accompagnent,",
        align="justifie",
        avant=4,
    )
    paragraphe(doc, "Après en avoir délibéré,", avant=6)
    paragraphe(doc, "DÉCIDE", gras=True, align="centre", avant=4, apres=6)

    paragraphe(doc, R("Article 1", gras=True), R("er", gras=True, exposant=True), R(" –", gras=True))
    paragraphe(
        doc,
        f"Une subvention de fonctionnement de {AIDE} € (vingt-huit mille cinq cents euros) est attribuée "
        f"à l'association {ASSOCIATION} au titre de l'année 2026, selon le tableau ci-après.",
        align="justifie",
    )
    table = tableau(
        doc,
        [
            ["Bénéficiaire", "Objet", "Rappel aide 2025", "Proposition CP 2026"],
            [
                f"{ASSOCIATION} – Annonay",
                "Fonctionnement de l'épicerie solidaire",
                f"26{INSECABLE}000 €",
                "",
            ],
        ],
        largeurs_cm=[4.4, 6.0, 2.7, 2.3],
        alignements=["gauche", "gauche", "droite", "droite"],
        taille=9.5,
    )
    _montant_sur_deux_lignes(table.cell(1, 3), f"{AIDE},00", "€", 9.5)
    paragraphe(doc, R("Article 2 –", gras=True), avant=6)
    paragraphe(
        doc,
        "La convention d'objectifs et de moyens jointe en annexe 1 est approuvée. Le Président du Conseil "
        "départemental est autorisé à la signer.",
        align="justifie",
    )
    paragraphe(doc, R("Article 3 –", gras=True), avant=6)
    paragraphe(doc, "Le budget prévisionnel 2026 de l'épicerie figure en annexe 2.", align="justifie")
    paragraphe(doc, R("Article 4 –", gras=True), avant=6)
    paragraphe(
        doc,
        "La dépense est imputée au chapitre 65, nature 6574, fonction 428, programme « Précarité "
        "alimentaire » du budget départemental 2026.",
        align="justifie",
    )
    paragraphe(
        doc,
        R("Vote : ", gras=True),
        "Pour : 32 – Contre : 0 – Abstention : 1 (Mme Karine FAURE).",
        avant=10,
    )
    paragraphe(doc, "Adoptée.", gras=True)
    paragraphe(doc, "Pour extrait conforme,", avant=10, retrait_cm=8.5)
    paragraphe(doc, "Le Président du Conseil départemental,", retrait_cm=8.5)
    paragraphe(doc, PRESIDENT, gras=True, avant=20, retrait_cm=8.5)
    paragraphe(
        doc,
        "Les annexes peuvent être consultées au service des assemblées, Hôtel du Département, Privas. La "
        "présente délibération peut faire l'objet d'un recours devant le tribunal administratif de Lyon "
        "dans un délai de deux mois à compter de sa publication.",
        taille=7.5,
        avant=16,
        align="justifie",
    )
    enregistrer(doc, dest / "deliberation.docx")


def _rapport(dest: Path) -> None:
    doc = document("Georgia", 10, marge_cm=2.0)
    en_tete(
        doc,
        ["Rapport n° 3.07 · Commission permanente du lundi 29 juin 2026 · Pôle Solidarités"],
        taille=7.5,
        align="gauche",
    )
    pied_de_page(
        doc, ["Direction de l'action sociale de proximité – Mission insertion et précarité"], taille=7
    )
    _petites_capitales(paragraphe(doc, DEPARTEMENT, gras=True, taille=12))
    _petites_capitales(
        paragraphe(doc, "Rapport du Président", gras=True, align="centre", taille=14, avant=12)
    )
    paragraphe(doc, "à la Commission permanente du 29 juin 2026", align="centre", apres=10)
    paragraphe(
        doc,
        R("Objet : ", gras=True),
        f"épicerie solidaire d'Annonay – subvention de fonctionnement 2026 à l'association {ASSOCIATION}",
        apres=10,
    )

    # the text on the left, an « En bref » box on the right: a borderless two-column table
    mise_en_page = tableau(doc, [["", ""]], entete=0, bordures=False, largeurs_cm=[11.4, 5.2])
    _colonne(
        mise_en_page.cell(0, 0),
        [
            (["Le contexte"], 10.5, True),
            (
                [
                    "L'aide alimentaire est l'un des axes du Pacte départemental des solidarités. Le "
                    "Département y consacre 1,5 M€ en 2026, en soutenant les épiceries solidaires, les "
                    "banques alimentaires et les chèques d'accompagnement."
                ],
                10,
                False,
            ),
            (
                [
                    f"L'association {ASSOCIATION} gère depuis 2012 l'épicerie solidaire d'Annonay. Elle a "
                    "accueilli 412 foyers en 2025¹, orientés par les travailleurs sociaux du Département "
                    "et du CCAS. Les familles y paient leurs achats entre 10 et 30 % du prix public, "
                    "soit en moyenne 1,50 € par panier."
                ],
                10,
                False,
            ),
        ],
    )
    _colonne(
        mise_en_page.cell(0, 1),
        [
            (["En bref"], 9.5, True),
            (["412 foyers accueillis en 2025"], 8.5, False),
            (["Budget 2026 de l'épicerie : 120 000 €"], 8.5, False),
            (["Aide 2025 : 26 000 €"], 8.5, False),
            (["Aide proposée : 28 500 €"], 8.5, False),
            (["Seuil de conventionnement : 23 000 €"], 8.5, False),
        ],
    )
    for par in mise_en_page.cell(0, 0).paragraphs[:1]:
        _petites_capitales(par)

    _petites_capitales(paragraphe(doc, "La proposition", gras=True, taille=10.5, avant=10))
    paragraphe(
        doc,
        "Le budget prévisionnel 2026 de l'épicerie s'élève à 120 000 euros. Je vous propose de porter "
        "l'aide du Département de 26 000 € en 2025 (délibération n° 2025-CP-05-087 du 19 mai 2025) à "
        f"{AIDE} euros en 2026, soit 23,75 % de ce budget. Cette hausse accompagne l'ouverture d'un second "
        "point de distribution à Davézieux à compter du 1er septembre 2026.",
        align="justifie",
    )
    paragraphe(
        doc,
        "L'aide étant supérieure au seuil de 23 000 € fixé par le décret n° 2001-495 du 6 juin 2001, une "
        "convention d'objectifs et de moyens est conclue avec l'association ; le projet en est joint en "
        "annexe 1, et le budget prévisionnel de l'épicerie en annexe 2. La subvention serait versée en "
        "trois fois : 14 250 €, 8 550 € puis 5 700 € pour le solde.",
        align="justifie",
    )
    _petites_capitales(paragraphe(doc, "L'incidence financière", gras=True, taille=10.5, avant=10))
    paragraphe(
        doc,
        "La dépense serait imputée au chapitre 65, nature 6574, fonction 428, du programme « Précarité "
        "alimentaire » du budget 2026, doté de 310 000 € de crédits de paiement. Le disponible avant la "
        f"présente séance est de 96 400 € ; après votre décision, il sera ramené à 67{INSECABLE}900{INSECABLE}€.",
        align="justifie",
    )
    paragraphe(doc, "Je vous prie de bien vouloir en délibérer.", avant=10)
    paragraphe(doc, "Le Président du Conseil départemental,", avant=10, align="droite")
    paragraphe(doc, PRESIDENT, avant=14, align="droite")
    paragraphe(
        doc,
        "¹ Chiffres du rapport d'activité 2025 de l'association, approuvé par son assemblée générale du "
        "samedi 18 avril 2026.",
        taille=7,
        avant=18,
        apres=0,
    )
    paragraphe(
        doc,
        "Le prix public est celui constaté dans les commerces de proximité d'Annonay ; la participation "
        "des familles est fixée par le conseil d'administration de l'association.",
        taille=7,
        apres=0,
    )
    enregistrer(doc, dest / "rapport.docx")


def _article(doc: DocumentDocx, numero: str, titre: str, *alineas: Sequence[Morceau]) -> None:
    """« Article 3 : Montant » in small capitals, then its paragraphs."""
    _petites_capitales(paragraphe(doc, f"Article {numero} : {titre}", gras=True, avant=8, apres=2))
    for alinea in alineas:
        paragraphe(doc, *alinea, align="justifie")


def _convention(dest: Path) -> None:
    # Calibri: LibreOffice has no metric-compatible font here and sets the PDF in a wider one
    doc = document("Calibri", 11)
    en_tete(doc, [f"Annexe 1 à la délibération n° {NUMERO} du 29/06/2026"], taille=8.5, align="droite")
    pied_de_page(doc, [f"Convention d'objectifs et de moyens 2026 – {DEPARTEMENT} / {ASSOCIATION}"], taille=8)
    _petites_capitales(
        paragraphe(doc, "Convention d'objectifs et de moyens", gras=True, align="centre", taille=16)
    )
    paragraphe(doc, "Exercice 2026 – épicerie solidaire d'Annonay", align="centre", apres=14)
    paragraphe(doc, "ENTRE", gras=True)
    paragraphe(
        doc,
        f"Le {DEPARTEMENT}, Hôtel du Département, La Chaumette, BP 737, 07007 Privas Cedex, SIRET "
        f"{SIRET_DEPARTEMENT}, représenté par le Président du Conseil départemental, M. {PRESIDENT}, "
        f"dûment habilité par délibération n° {NUMERO} de la Commission permanente du 29 juin 2026, "
        "ci-après « le Département », d'une part,",
        align="justifie",
    )
    paragraphe(doc, "ET", gras=True, avant=4)
    paragraphe(
        doc,
        f"L'association {ASSOCIATION}, association régie par la loi du 1",
        er(),
        " juillet 1901, déclarée en préfecture de l'Ardèche le 4 mars 2011, dont le siège social est "
        f"14 rue Boissy-d'Anglas, 07100 Annonay, SIRET {SIRET_ASSO}, représentée par sa présidente, "
        f"Mme {PRESIDENTE_ASSO}, ci-après « l'association », d'autre part,",
        align="justifie",
    )
    paragraphe(doc, "Vu le Code général des collectivités territoriales ;", avant=8, apres=2)
    paragraphe(
        doc,
        "Vu la délibération n° 2025-CD-12-03 du Conseil départemental du 15/12/2025 adoptant le budget "
        "primitif 2026 ;",
        apres=2,
    )
    paragraphe(doc, "Vu la demande de l'association du 14 janvier 2026,", apres=8)
    paragraphe(doc, "IL A ÉTÉ CONVENU CE QUI SUIT :", gras=True, apres=4)

    _article(
        doc,
        "1",
        "Objet",
        [
            "Le Département soutient le fonctionnement de l'épicerie solidaire d'Annonay, qui propose aux "
            "familles orientées par les services sociaux des produits alimentaires et d'hygiène à prix "
            "réduit, et l'ouverture d'un second point de distribution à Davézieux à compter du 1",
            er(),
            " septembre 2026.",
        ],
    )
    _article(
        doc,
        "2",
        "Durée",
        [
            "La convention porte sur l'exercice 2026 : les actions soutenues sont réalisées du 1",
            er(),
            " janvier au 31 décembre 2026.",
        ],
    )
    _article(
        doc,
        "3",
        "Montant de la subvention",
        [
            f"Le Département attribue à l'association une subvention de fonctionnement de {AIDE},00 € "
            "(vingt-huit mille cinq cents euros), soit 23,75 % du budget prévisionnel de l'épicerie, qui "
            "s'élève à 120 000 € (annexe 2)."
        ],
    )
    _article(
        doc,
        "4",
        "Modalités de versement",
        ["La subvention est versée selon l'échéancier suivant :"],
    )
    tableau(
        doc,
        [
            ["Versement", "Échéance", "Part", "Montant (en €)"],
            ["Avance", "à la notification de la convention", "50 %", "14 250,00"],
            [
                "Deuxième versement",
                "le 15 septembre 2026, sur état d'avancement",
                "30 %",
                "8 550,00",
            ],
            ["Solde", "à réception du compte rendu financier", "20 %", "5 700,00"],
            ["Total", "", "100 %", "28 500,00"],
        ],
        largeurs_cm=[3.6, 7.6, 1.8, 3.2],
        alignements=["gauche", "gauche", "centre", "droite"],
        lignes_grasses=[-1],
        taille=10,
    )
    _article(
        doc,
        "5",
        "Engagements de l'association",
        [
            "L'association transmet au Département, au plus tard le 30 juin 2027, le compte rendu "
            "financier de l'action prévu par l'arrêté du 11 octobre 2006, son rapport d'activité et ses "
            "comptes de l'exercice 2026 approuvés."
        ],
    )
    _article(
        doc,
        "6",
        "Communication",
        [
            "L'association fait état du soutien du Département sur ses supports, notamment lors de la "
            "journée portes ouvertes du samedi 3 octobre 2026 et de la collecte nationale de la Banque "
            "alimentaire des 27, 28 et 29 novembre 2026."
        ],
    )
    _article(
        doc,
        "7",
        "Contrôle",
        [
            "Le Département peut contrôler à tout moment l'emploi de la subvention ; l'association lui "
            "donne accès à ses pièces comptables."
        ],
    )
    _article(
        doc,
        "8",
        "Reversement et résiliation",
        [
            "En cas d'inexécution, le Département peut résilier la convention et exiger le reversement de "
            "tout ou partie des sommes versées."
        ],
    )
    _article(doc, "9", "Litiges", ["Les litiges relèvent du tribunal administratif de Lyon."])
    paragraphe(doc, "Fait à Privas, en deux exemplaires originaux, le", avant=12, apres=10)
    signatures(
        doc,
        [f"Pour l'association {ASSOCIATION},", "La présidente,", "", PRESIDENTE_ASSO],
        [f"Pour le {DEPARTEMENT},", "Le Président du Conseil départemental,", "", PRESIDENT],
    )
    enregistrer(doc, dest / "convention.docx")


def _budget(doc: DocumentDocx, titre: str, lignes: Sequence[Sequence[str]], parts: bool) -> None:
    """A budget table with a two-row header: « Montant (en €) » merged over the two years."""
    entete: list[list[str]] = [
        [titre, "Montant (en €)", ""] + (["Part 2026"] if parts else []),
        ["", "Réalisé 2025", "BP 2026"] + ([""] if parts else []),
    ]
    alignements: list[Alignement | None] = ["gauche", "droite", "droite"]
    largeurs = [8.6, 2.6, 2.6]
    if parts:
        alignements.append("droite")
        largeurs.append(2.2)
    table = tableau(
        doc,
        [*entete, *[list(ligne) for ligne in lignes]],
        entete=2,
        largeurs_cm=largeurs,
        alignements=alignements,
        lignes_grasses=[-1],
        taille=9,
    )
    _fusionner(table, (0, 1), (0, 2))
    _fusionner(table, (0, 0), (1, 0))
    if parts:
        _fusionner(table, (0, 3), (1, 3))


def _annexe_budget(dest: Path) -> None:
    doc = document("Tahoma", 9.5, marge_cm=2.0)
    en_tete(
        doc,
        [f"Annexe 2 – délibération n° {NUMERO} – Commission permanente du lundi 29 juin 2026"],
        taille=7.5,
        align="centre",
    )
    paragraphe(doc, f"Association {ASSOCIATION}", gras=True, align="centre", taille=13)
    paragraphe(doc, f"14 rue Boissy-d'Anglas, 07100 Annonay – SIRET {SIRET_ASSO}", align="centre", taille=8)
    _petites_capitales(
        paragraphe(
            doc,
            "Budget prévisionnel 2026 de l'épicerie solidaire",
            gras=True,
            align="centre",
            taille=12,
            avant=10,
            apres=10,
        )
    )
    _budget(
        doc,
        "Charges",
        [
            ["Achats de denrées alimentaires et d'hygiène", "38 900", "41 600"],
            ["Fournitures et petit équipement", "3 420", "3 850"],
            ["Loyer et charges locatives", "9 450", "9 600"],
            ["Assurances", "1 390", "1 450"],
            ["Carburant et entretien du camion frigorifique", "4 010", "4 300"],
            ["Salaires et charges sociales (1,6 ETP)", "51 230", "54 100"],
            ["Formation des bénévoles", "1 150", "1 900"],
            ["Frais de gestion", "2 850", "3 200"],
            ["Total des charges", "112 400", "120 000"],
        ],
        parts=False,
    )
    paragraphe(doc, "", apres=6)
    _budget(
        doc,
        "Produits",
        [
            ["Participation des familles", "22 310", "24 000", "20%"],
            [DEPARTEMENT, "26 000", "28 500", "23,75%"],
            ["État – DDETS (aide alimentaire)", "11 500", "12 000", "10%"],
            ["CAF de l'Ardèche", "8 500", "9 000", "7,5%"],
            ["Ville d'Annonay", "15 000", "15 000", "12,5%"],
            ["Annonay Rhône Agglo", "7 000", "7 200", "6%"],
            ["Aides à l'emploi (parcours emploi compétences)", "14 890", "14 100", "11,75%"],
            ["Fondation d'entreprise", "4 000", "6 000", "5%"],
            ["Dons et cotisations", "3 200", "4 200", "3,5%"],
            ["Total des produits", "112 400", "120 000", "100%"],
        ],
        parts=True,
    )
    paragraphe(
        doc,
        "Contributions volontaires en nature (non comprises dans les totaux) : 4 200 heures de bénévolat "
        "valorisées à 11,00 € de l'heure, soit 46 200 €.",
        taille=8,
        avant=8,
        align="justifie",
    )
    paragraphe(doc, "Budget certifié sincère, à Annonay, le 14 janvier 2026.", avant=10)
    paragraphe(doc, f"La présidente, {PRESIDENTE_ASSO}", avant=4)
    enregistrer(doc, dest / "annexe_budget.docx")


def construire(dest: Path) -> None:
    """Écrit les DOCX du dossier dans `dest` (un fichier par document, `<tige>.docx`)."""
    dest.mkdir(parents=True, exist_ok=True)
    _deliberation(dest)
    _rapport(dest)
    _convention(dest)
    _annexe_budget(dest)
