"""Invented CLEAN dossier: Département de l'Isère, Commission permanente of Friday 27 March 2026,
an equipment subsidy of 1 000 000 € (« un million d'euros ») to the Syndicat mixte de la voie
verte des Terres froides, for a greenway costing 8 000 000 € HT.

No error at all, but many legitimate traps (listed in `invente_propre_a.cle.yaml`): the subsidy
written 1 000 000 €, 1 000 000,00, « un million d'euros » and 1 M€, with normal, no-break and
narrow no-break spaces, and once split across two Word runs; « 12,5 % » in the text and « 12,50 »
in the table; a cap « dans la limite de 12,5 % » exactly reached; two imputation lines adding up
to the subsidy; CP and disponible that are not the subsidy; an instalment table where the avance
and the solde have the same amount; the same dates in several forms; a member who « ne prend pas
part au vote »; the 23 000 € threshold of décret n°2001-495 du 6 juin 2001.

Layout: Calibri; the ACTES stamp in the header of the délibération; « Article 1er : » in the
délibération, « ARTICLE 1ER – OBJET » in the convention; the vote as a sentence; the plan de
financement as the SECOND table of the annex (after the expenses), with « Total HT » and
« Total général »; the convention's signature block in a borderless two-column table.
"""

from __future__ import annotations

from pathlib import Path

from .ecrire import (
    FINE,
    INSECABLE,
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

POLICE = "Calibri"
PRESIDENT = "Bertrand VIGNAL"
PRESIDENT_SYNDICAT = "Julien FAVRE-MOLLARD"
SYNDICAT = "Syndicat mixte de la voie verte des Terres froides"
NUMERO = "2026-CP-0412"
ACTES = "038-223800012-20260327-2026CP0412-DE"


def _deliberation(dest: Path) -> None:
    doc = document(POLICE, 11)
    en_tete(
        doc,
        ["Envoyé en préfecture le 30/03/2026"],
        ["Reçu en préfecture le 30/03/2026"],
        ["Publié le 30/03/2026"],
        [f"ID : {ACTES}"],
    )
    pied_de_page(doc, [f"Département de l'Isère – Commission permanente – délibération n° {NUMERO}"])
    paragraphe(doc, "DÉPARTEMENT DE L'ISÈRE", gras=True, taille=14)
    paragraphe(doc, "Commission permanente", gras=True)
    paragraphe(doc, "Séance du vendredi 27 mars 2026")
    paragraphe(doc, f"Délibération n° {NUMERO}", gras=True, apres=8)
    paragraphe(doc, "Service instructeur : Direction des mobilités – Service vélo et voies vertes", taille=9)
    paragraphe(
        doc,
        R("Objet : ", gras=True),
        R(
            "VOIE VERTE DES TERRES FROIDES – PARTICIPATION DU DÉPARTEMENT AUX TRAVAUX DU SYNDICAT MIXTE "
            "DE LA VOIE VERTE DES TERRES FROIDES",
            gras=True,
        ),
        avant=6,
        apres=8,
    )
    paragraphe(doc, f"Présidence : M. {PRESIDENT}, Président du Conseil départemental")
    paragraphe(
        doc,
        "Membres en exercice : 58 – Présents : 45 – Représentés : 4 – Absents non représentés : 9",
    )
    paragraphe(
        doc,
        f"Ne prend pas part au vote : M. {PRESIDENT_SYNDICAT}, président du syndicat mixte.",
        apres=10,
    )
    paragraphe(doc, "La Commission permanente du Conseil départemental de l'Isère,")
    visas: list[list[str | R]] = [
        [
            "Vu le Code général des collectivités territoriales, et notamment ses articles L.1111-10, "
            "L.1611-4, L.3121-14-1, L.3211-1 et L.3211-2 ;"
        ],
        [
            "Vu la loi n°2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs relations "
            "avec les administrations, notamment son article 10 ;"
        ],
        [
            "Vu le décret n°2001-495 du 6 juin 2001 pris pour l'application de l'article 10 de la loi "
            "n°2000-321 du 12 avril 2000 et relatif à la transparence financière des aides octroyées par "
            "les personnes publiques, qui fixe à 23 000 € le montant annuel au-delà duquel une "
            "convention est obligatoire ;"
        ],
        [
            "Vu la délibération n°2021-DE-045 du Conseil départemental du 1",
            er(),
            " juillet 2021 portant délégation d'attributions à la Commission permanente ;",
        ],
        [
            "Vu la délibération n°2024-DE-212 du Conseil départemental du 13 décembre 2024 adoptant le "
            "Plan vélo départemental 2025-2030 ;"
        ],
        [
            "Vu la délibération n°2025-DE-230 du Conseil départemental du 12 décembre 2025 adoptant le "
            "budget primitif 2026 ;"
        ],
        ["Vu le rapport du Président du Conseil départemental ;"],
        [
            "Vu l'avis de la commission « Mobilités, routes et transition écologique » réunie le "
            "16 mars 2026 ;"
        ],
    ]
    for visa in visas:
        paragraphe(doc, *visa, align="justifie")
    paragraphe(doc, "DÉCIDE :", gras=True, avant=8, apres=6)
    paragraphe(doc, R("Article 1", gras=True), R("er", gras=True, exposant=True), R(" :", gras=True))
    paragraphe(
        doc,
        f"D'attribuer au {SYNDICAT} une subvention d'équipement de 1 000 000 € (un million d'euros) pour "
        "l'aménagement de la voie verte des Terres froides entre Le Grand-Lemps et Virieu, soit 12,5 % du "
        "coût total prévisionnel de l'opération (8 000 000 € HT).",
        align="justifie",
    )
    paragraphe(doc, R("Article 2 :", gras=True))
    paragraphe(
        doc,
        "D'approuver la convention de financement correspondante, jointe en annexe 1, et d'autoriser le "
        "Président du Conseil départemental à la signer.",
        align="justifie",
    )
    paragraphe(doc, R("Article 3 :", gras=True))
    paragraphe(
        doc,
        "De prendre acte du plan de financement prévisionnel de l'opération, joint en annexe 2.",
        align="justifie",
    )
    paragraphe(doc, R("Article 4 :", gras=True))
    paragraphe(doc, "La dépense est imputée comme suit :")
    tableau(
        doc,
        [
            ["Programme", "Imputation", "Libellé", "CP 2026", "Montant"],
            ["VV-2026-01", "908-84-204152", "Voies vertes – travaux", "1 250 000,00", "650 000,00"],
            [
                "VV-2026-02",
                "908-84-204151",
                "Voies vertes – études et acquisitions",
                "480 000,00",
                "350 000,00",
            ],
            ["Total", "", "", "1 730 000,00", "1 000 000,00"],
        ],
        largeurs_cm=[2.5, 2.9, 4.6, 3.3, 3.3],
        alignements=["gauche", "gauche", "gauche", "droite", "droite"],
        lignes_grasses=[-1],
        taille=9,
    )
    paragraphe(
        doc,
        "La délibération est adoptée à l'unanimité des suffrages exprimés : 46 voix pour, 2 abstentions. "
        f"M. {PRESIDENT_SYNDICAT}, président du syndicat mixte, ne prend pas part au vote.",
        align="justifie",
        avant=10,
        apres=12,
    )
    paragraphe(doc, "Grenoble, le 27 mars 2026")
    paragraphe(doc, "Le Président du Conseil départemental,")
    paragraphe(doc, PRESIDENT, avant=16)
    enregistrer(doc, dest / "deliberation.docx")


def _rapport(dest: Path) -> None:
    doc = document(POLICE, 11)
    pied_de_page(doc, ["Rapport n° 4-12 – Commission permanente du 27 mars 2026"])
    paragraphe(doc, "Département de l'Isère", gras=True, taille=13)
    paragraphe(doc, "Direction des mobilités", taille=9)
    paragraphe(doc, "COMMISSION PERMANENTE DU 27 MARS 2026", gras=True, align="centre", avant=10)
    paragraphe(
        doc,
        "Rapport n° 4-12 – Politique : Mobilités – Programme : Vélo et voies vertes",
        align="centre",
        apres=10,
    )
    paragraphe(
        doc,
        "VOIE VERTE DES TERRES FROIDES : PARTICIPATION DU DÉPARTEMENT AU SYNDICAT MIXTE DE LA VOIE VERTE "
        "DES TERRES FROIDES",
        gras=True,
        align="centre",
        apres=10,
    )
    paragraphe(
        doc,
        "Par délibération du 13/12/2024, le Conseil départemental a adopté le Plan vélo départemental "
        "2025-2030, qui prévoit l'achèvement d'un réseau de 750 km d'itinéraires cyclables.",
        align="justifie",
    )
    paragraphe(
        doc,
        f"Le {SYNDICAT} (SIRET 200 084 317 00011) assure la maîtrise d'ouvrage de l'aménagement d'une "
        "voie verte de 14,2 km entre Le Grand-Lemps et Virieu, sur l'emprise de l'ancienne voie ferrée.",
        align="justifie",
    )
    # the total cost is split across two Word runs, as Word does after an edit
    paragraphe(
        doc,
        "Le coût total prévisionnel de l'opération s'élève à ",
        "8 00",
        "0 000 € HT. ",
        f"Le Département est sollicité à hauteur de 1{INSECABLE}000{INSECABLE}000{INSECABLE}€, soit 12,5 % "
        "du coût total, ce qui correspond au taux maximal prévu par le Plan vélo : l'aide départementale "
        "est accordée dans la limite de 12,5 % du coût hors taxes.",
        align="justifie",
    )
    paragraphe(
        doc,
        "Cet engagement de 1 M€ fait l'objet d'une convention, obligatoire au-delà du seuil de "
        "23 000 € fixé par le décret n°2001-495 du 6 juin 2001 (projet joint en annexe 1). Le plan de "
        "financement prévisionnel de l'opération est joint en annexe 2.",
        align="justifie",
    )
    paragraphe(doc, "Les crédits nécessaires sont disponibles :")
    n = INSECABLE  # the amounts of this table were pasted from the finance software, with no-break spaces
    tableau(
        doc,
        [
            ["Imputation", "Libellé", "CP 2026", "Disponible", "Proposition", "Solde"],
            [
                "908-84-204152",
                "Voies vertes – travaux",
                f"1{n}250{n}000,00",
                f"1{n}180{n}000,00",
                f"650{n}000,00",
                f"530{n}000,00",
            ],
            [
                "908-84-204151",
                "Voies vertes – études et acquisitions",
                f"480{n}000,00",
                f"480{n}000,00",
                f"350{n}000,00",
                f"130{n}000,00",
            ],
        ],
        largeurs_cm=[2.7, 3.6, 2.6, 2.6, 2.6, 2.4],
        alignements=["gauche", "gauche", "droite", "droite", "droite", "droite"],
        taille=8.5,
    )
    paragraphe(doc, "Je vous propose :", avant=10)
    for puce in (
        f"d'attribuer au {SYNDICAT} une subvention d'équipement de 1 000 000 € ;",
        "d'approuver la convention de financement jointe en annexe 1 et de m'autoriser à la signer.",
    ):
        paragraphe(doc, "• " + puce, retrait_cm=0.8)
    paragraphe(doc, "Le Président du Conseil départemental,", align="droite", avant=12)
    paragraphe(doc, PRESIDENT, align="droite", avant=14)
    enregistrer(doc, dest / "rapport.docx")


def _convention(dest: Path) -> None:
    doc = document(POLICE, 10.5)
    pied_de_page(doc, ["Convention de financement – voie verte des Terres froides"])
    paragraphe(doc, "ANNEXE 1", gras=True, align="droite")
    paragraphe(doc, "CONVENTION DE FINANCEMENT", gras=True, align="centre", taille=15)
    paragraphe(
        doc,
        "Aménagement de la voie verte des Terres froides (Le Grand-Lemps – Virieu)",
        align="centre",
        apres=12,
    )
    paragraphe(doc, "ENTRE", gras=True)
    paragraphe(
        doc,
        R("Le Département de l'Isère", gras=True),
        ", 7 rue Fantin-Latour, CS 41096, 38022 Grenoble Cedex 1, SIRET 223 800 012 00013, représenté "
        "par Monsieur Bertrand Vignal, Président du Conseil départemental, dûment habilité par "
        "délibération de la Commission permanente du 27 mars 2026,",
        align="justifie",
    )
    paragraphe(doc, "ci-après dénommé « le Département »,", retrait_cm=1)
    paragraphe(doc, "ET", gras=True)
    paragraphe(
        doc,
        R(f"Le {SYNDICAT}", gras=True),
        ", 12 place de la Gare, 38690 Le Grand-Lemps, SIRET 200 084 317 00011, représenté par Monsieur "
        "Julien Favre-Mollard, son Président, dûment habilité par délibération du comité syndical du "
        "12 février 2026,",
        align="justifie",
    )
    paragraphe(doc, "ci-après dénommé « le Syndicat mixte »,", retrait_cm=1)
    for visa in (
        "Vu le Code général des collectivités territoriales, notamment son article L.1611-4 ;",
        "Vu le décret n°2001-495 du 6 juin 2001 relatif à la transparence financière des aides octroyées "
        "par les personnes publiques ;",
        "Vu la délibération n°2024-DE-212 du Conseil départemental du 13 décembre 2024 adoptant le Plan "
        "vélo départemental 2025-2030 ;",
    ):
        paragraphe(doc, visa, align="justifie")
    paragraphe(doc, "IL EST CONVENU CE QUI SUIT :", gras=True, avant=8, apres=6)

    def titre(texte: str) -> None:
        paragraphe(doc, texte, gras=True, avant=8)

    titre("ARTICLE 1ER – OBJET")
    paragraphe(
        doc,
        "La présente convention fixe le montant et les conditions de versement de la participation du "
        "Département à l'aménagement de la voie verte des Terres froides, d'une longueur de 14,2 km.",
        align="justifie",
    )
    titre("ARTICLE 2 – MONTANT DE LA PARTICIPATION")
    # narrow no-break spaces between the digit groups, a no-break space before the euro sign
    paragraphe(
        doc,
        f"Le Département attribue au Syndicat mixte une subvention d'équipement de 1{FINE}000{FINE}000"
        f"{INSECABLE}€ (un million d'euros). Cette participation représente 12,5 % du coût total "
        f"prévisionnel hors taxes de l'opération, fixé à 8{FINE}000{FINE}000{INSECABLE}€.",
        align="justifie",
    )
    paragraphe(
        doc,
        "Son montant définitif ne peut excéder 12,5 % du coût hors taxes effectivement justifié, dans la "
        f"limite de 1{FINE}000{FINE}000{INSECABLE}€.",
        align="justifie",
    )
    titre("ARTICLE 3 – PÉRIODE DE RÉALISATION")
    paragraphe(
        doc,
        "Sont éligibles les dépenses réalisées du 1",
        er(),
        " avril 2026 au 31 décembre 2028.",
        align="justifie",
    )
    titre("ARTICLE 4 – MODALITÉS DE VERSEMENT")
    paragraphe(doc, "La subvention est versée selon l'échéancier suivant :")
    tableau(
        doc,
        [
            ["Fraction", "Condition de versement", "Part", "Montant"],
            [
                "Avance",
                "notification de la convention et ordre de service de démarrage des travaux",
                "30 %",
                "300 000 €",
            ],
            ["Acompte", "justification de 50 % des dépenses éligibles", "40 %", "400 000 €"],
            [
                "Solde",
                "décompte général définitif et certificat d'achèvement des travaux",
                "30 %",
                "300 000 €",
            ],
            ["Total", "", "100 %", "1 000 000 €"],
        ],
        largeurs_cm=[2.4, 9.0, 1.8, 3.2],
        alignements=["gauche", "gauche", "droite", "droite"],
        lignes_grasses=[-1],
        taille=9.5,
    )
    titre("ARTICLE 5 – JUSTIFICATIFS")
    paragraphe(
        doc,
        "Le Syndicat mixte transmet au plus tard le 30 juin 2029 l'état récapitulatif des dépenses "
        "réalisées, certifié par le comptable public, et le décompte général définitif.",
        align="justifie",
    )
    titre("ARTICLE 6 – CONTRÔLE")
    paragraphe(
        doc,
        "Conformément à l'article L.1611-4 du Code général des collectivités territoriales, le Syndicat "
        "mixte peut être soumis au contrôle des délégués du Département.",
        align="justifie",
    )
    titre("ARTICLE 7 – COMMUNICATION")
    paragraphe(
        doc,
        "Le Syndicat mixte fait figurer le logotype du Département sur les panneaux de chantier et sur "
        "les supports d'information relatifs à la voie verte.",
        align="justifie",
    )
    titre("ARTICLE 8 – RÉSILIATION ET LITIGES")
    paragraphe(
        doc,
        "La présente convention peut être résiliée en cas de non-respect de ses clauses. Les litiges "
        "relèvent du Tribunal administratif de Grenoble.",
        align="justifie",
    )
    paragraphe(doc, "Fait à Grenoble, le", avant=12, apres=10)
    signatures(
        doc,
        ["Pour le Département de l'Isère,", "Le Président du Conseil départemental,", "", "", PRESIDENT],
        [f"Pour le {SYNDICAT},", "Le Président,", "", "", PRESIDENT_SYNDICAT],
    )
    enregistrer(doc, dest / "convention.docx")


def _plan_financement(dest: Path) -> None:
    doc = document(POLICE, 10.5)
    paragraphe(doc, "ANNEXE 2", gras=True, align="droite")
    paragraphe(doc, SYNDICAT.upper(), gras=True, align="centre", taille=12)
    paragraphe(
        doc,
        "Aménagement de la voie verte des Terres froides – Plan de financement prévisionnel",
        align="centre",
    )
    paragraphe(doc, "Période de réalisation : du 01/04/2026 au 31/12/2028", align="centre", apres=10)
    paragraphe(doc, "1. Dépenses", gras=True)
    tableau(
        doc,
        [
            ["Poste de dépense", "Montant HT (€)"],
            ["Études et maîtrise d'œuvre", "560 000"],
            ["Acquisitions foncières", "340 000"],
            ["Terrassements et revêtements", "4 380 000"],
            ["Ouvrages d'art (deux passerelles)", "1 650 000"],
            ["Signalétique et mobilier", "270 000"],
            ["Aménagements paysagers", "480 000"],
            ["Aléas et imprévus", "320 000"],
            ["Total HT", "8 000 000"],
        ],
        largeurs_cm=[10.5, 4.0],
        alignements=["gauche", "droite"],
        lignes_grasses=[-1],
    )
    paragraphe(doc, "2. Ressources", gras=True, avant=12)
    tableau(
        doc,
        [
            ["Financeurs", "Montant (€)", "Part (%)"],
            ["État – DSIL 2026", "2 400 000", "30,00"],
            ["Région Auvergne-Rhône-Alpes", "1 600 000", "20,00"],
            ["Union européenne – FEDER", "1 400 000", "17,50"],
            ["Département de l'Isère", "1 000 000", "12,50"],
            ["Syndicat mixte (autofinancement)", "1 600 000", "20,00"],
            ["Total général", "8 000 000", "100,00"],
        ],
        largeurs_cm=[8.5, 3.5, 2.5],
        alignements=["gauche", "droite", "droite"],
        lignes_grasses=[-1],
    )
    paragraphe(doc, "Certifié exact,", avant=12)
    paragraphe(doc, f"Le Président du Syndicat mixte, {PRESIDENT_SYNDICAT}")
    enregistrer(doc, dest / "plan_financement.docx")


def construire(dest: Path) -> None:
    """Écrit les DOCX du dossier dans `dest` (un fichier par document, `<tige>.docx`)."""
    dest.mkdir(parents=True, exist_ok=True)
    _deliberation(dest)
    _rapport(dest)
    _convention(dest)
    _plan_financement(dest)
