"""Invented dossier with planted errors: Département de la Sarthe, Commission permanente of
Monday 16 March 2026, an operating subsidy of 45 000 € to the association Les Ateliers du Bocage
(chantiers d'insertion).

Layout: Arial; the ACTES acknowledgement in the header of the délibération; « Article 1er » with a
superscript in the délibération and « ARTICLE 1ER – OBJET » in the convention; the vote as a
sentence; the budget annex with « Poste de dépense » / « TOTAL DES DÉPENSES » and no € suffix in the
cells; the convention's signature block in a borderless two-column table.

Every planted error is marked `PLANTED Axxx` where it is written; `invente_erreurs_a.cle.yaml`
lists them. Everything else is meant to be consistent.
"""

from __future__ import annotations

from pathlib import Path

from .ecrire import (
    INSECABLE,
    R,
    document,
    e,
    en_tete,
    enregistrer,
    er,
    paragraphe,
    pied_de_page,
    signatures,
    tableau,
)

POLICE = "Arial"
SEANCE_LONGUE = "16 mars 2026"
PRESIDENTE = "Anne-Sophie GUÉRANDEL"
BENEFICIAIRE = "Les Ateliers du Bocage"
ACTES = "072-227200011-20260316-CP2026_114-DE"
NUMERO = "CP-2026-114"


def _deliberation(dest: Path) -> None:
    doc = document(POLICE, 10.5)
    en_tete(
        doc,
        [f"Accusé de réception en préfecture : {ACTES}"],
        ["Date de télétransmission : 19/03/2026"],
        ["Date de réception préfecture : 19/03/2026"],
    )
    pied_de_page(doc, [f"Délibération n° {NUMERO} – Commission permanente du {SEANCE_LONGUE}"])

    paragraphe(doc, "DÉPARTEMENT DE LA SARTHE", gras=True, align="centre", taille=13)
    paragraphe(doc, "COMMISSION PERMANENTE DU CONSEIL DÉPARTEMENTAL", gras=True, align="centre")
    paragraphe(doc, "Séance du lundi 16 mars 2026", align="centre")
    paragraphe(doc, R(f"Délibération n° {NUMERO}", gras=True), align="centre", apres=10)
    paragraphe(doc, R("Présidence : ", gras=True), f"Mme {PRESIDENTE}, Présidente du Conseil départemental")
    paragraphe(doc, R("Secrétaire de séance : ", gras=True), "M. Loïc PRIMAULT")
    paragraphe(
        doc,
        "Membres en exercice : 42 – Présents : 36 – Représentés (pouvoirs) : 4 – Absents excusés : 2",
        apres=10,
    )
    paragraphe(
        doc,
        "SOUTIEN AU PROGRAMME D'ACTIONS 2026 DE L'ASSOCIATION LES ATELIERS DU BOCAGE "
        "(CHANTIERS D'INSERTION EN MILIEU RURAL)",
        gras=True,
        align="centre",
        apres=10,
    )
    paragraphe(doc, "La Commission permanente du Conseil départemental de la Sarthe,")
    visas = [
        "Vu le Code général des collectivités territoriales, et notamment ses articles L.1611-4, "
        "L.3211-1 et L.3211-2 ;",
        "Vu la loi n°2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs relations "
        "avec les administrations, et notamment son article 10 ;",
        "Vu la délibération n°2021-DE-071 du Conseil départemental en date du 01/07/2021 portant "
        "délégation d'attributions à la Commission permanente ;",
        # PLANTED A003: the rapport dates this act 27 juin 2025
        "Vu la délibération n°2025-DE-118 du Conseil départemental en date du 26/06/2025 « Pacte "
        "départemental pour l'insertion 2025-2028 » ;",
        # PLANTED A111: 12/10/2025 is a Sunday
        "Vu la délibération n°2025-CP-287 de la Commission permanente en date du 12/10/2025 "
        "« Chantiers d'insertion : programmation 2025 » ;",
        "Vu la délibération n°2025-DE-190 du Conseil départemental en date du 15/12/2025 « Budget "
        "primitif 2026 » ;",
        "Vu le rapport de Madame la Présidente du Conseil départemental ;",
    ]
    for visa in visas:
        paragraphe(doc, visa, align="justifie")
    # PLANTED A107: the commission's avis is dated two days after the séance of 16/03/2026
    paragraphe(
        doc,
        "Vu l'avis favorable de la 3",
        e(),
        " commission « Solidarités et insertion » réunie le 18/03/2026 ;",
        align="justifie",
    )
    paragraphe(doc, "Après en avoir délibéré,", avant=6)
    paragraphe(doc, "DÉCIDE :", gras=True, apres=8)

    paragraphe(doc, R("Article 1", gras=True), R("er", gras=True, exposant=True), R(" :", gras=True))
    paragraphe(
        doc,
        f"D'attribuer à l'association {BENEFICIAIRE} une subvention de fonctionnement de 45{INSECABLE}000 € "
        "(quarante-cinq mille euros) au titre de son programme d'actions 2026 « Chantiers d'insertion "
        "en milieu rural ».",
        align="justifie",
    )
    paragraphe(doc, R("Article 2 :", gras=True))
    # PLANTED A007: the rapport says the convention is « joint en annexe 2 »
    paragraphe(
        doc,
        f"D'approuver les termes de la convention à conclure avec l'association {BENEFICIAIRE}, jointe en "
        "annexe 1 à la présente délibération, et d'autoriser la Présidente du Conseil départemental à "
        "la signer au nom et pour le compte du Département.",
        align="justifie",
    )
    paragraphe(doc, R("Article 3 :", gras=True))
    paragraphe(
        doc,
        "De prendre acte du budget prévisionnel 2026 de l'association, joint en annexe 2.",
        align="justifie",
    )
    paragraphe(doc, R("Article 4 :", gras=True))
    paragraphe(doc, "La dépense correspondante est imputée sur le budget départemental comme suit :")
    tableau(
        doc,
        [
            ["Code opération", "Imputation", "Libellé", "CP 2026 (€)", "Dépense (€)"],
            [
                "INS-2026-07",
                "65748 // 935-564",
                "Chantiers et structures d'insertion",
                "410 000,00",
                "45 000,00",
            ],
        ],
        largeurs_cm=[2.6, 3.2, 5.0, 2.6, 2.6],
        alignements=["gauche", "gauche", "gauche", "droite", "droite"],
        taille=9,
    )
    # PLANTED A106: 38 + 3 + 2 = 43 votes for 36 présents + 4 pouvoirs = 40
    paragraphe(
        doc,
        "Adopté par 38 voix pour, 3 voix contre et 2 abstentions.",
        gras=True,
        avant=10,
        apres=14,
    )
    paragraphe(doc, f"Le Mans, le {SEANCE_LONGUE}", align="droite")
    paragraphe(doc, "La Présidente du Conseil départemental,", align="droite")
    paragraphe(doc, PRESIDENTE, align="droite", avant=18)
    enregistrer(doc, dest / "deliberation.docx")


def _rapport(dest: Path) -> None:
    doc = document(POLICE, 10.5)
    pied_de_page(doc, ["Rapport n° 3-07 – Commission permanente du 16 mars 2026"])
    paragraphe(doc, "DÉPARTEMENT DE LA SARTHE", gras=True, taille=12)
    paragraphe(doc, "Direction de l'insertion et de l'emploi", taille=9)
    paragraphe(doc, "Service de l'insertion par l'activité économique", taille=9, apres=12)
    paragraphe(doc, "COMMISSION PERMANENTE", gras=True, align="centre")
    paragraphe(doc, "Réunion du 16 mars 2026", align="centre")
    paragraphe(doc, "3", e(), " commission – Solidarités et insertion", align="centre")
    paragraphe(doc, "RAPPORT N° 3-07", gras=True, align="centre", avant=8, apres=8)
    paragraphe(
        doc,
        R("Objet : ", gras=True),
        f"Soutien au programme d'actions 2026 de l'association {BENEFICIAIRE}",
        apres=12,
    )
    corps = [
        # PLANTED A003: the délibération dates this act 26/06/2025
        "Par délibération n°2025-DE-118 du 27 juin 2025, le Conseil départemental a adopté le Pacte "
        "départemental pour l'insertion 2025-2028, qui fait de l'insertion par l'activité économique en "
        "milieu rural l'une de ses priorités.",
        f"L'association {BENEFICIAIRE}, implantée à Loué, porte depuis 2014 deux ateliers et chantiers "
        "d'insertion (maraîchage biologique et entretien d'espaces naturels) qui accueillent chaque année "
        "une quarantaine de salariés en parcours, orientés pour moitié par les services départementaux au "
        "titre du revenu de solidarité active.",
        "Pour 2026, l'association présente un programme d'actions d'un budget prévisionnel de "
        f"118{INSECABLE}000 €, dont le détail est joint au présent rapport. Ce programme comprend :",
    ]
    for texte in corps:
        paragraphe(doc, texte, align="justifie")
    for puce in (
        "l'encadrement technique de 24 postes en maraîchage biologique ;",
        "l'entretien de 35 km de sentiers de randonnée et d'espaces naturels sensibles ;",
        "un accompagnement socioprofessionnel renforcé des salariés en parcours.",
    ):
        paragraphe(doc, "– " + puce, retrait_cm=0.8)
    # PLANTED A007: the délibération joins the convention « en annexe 1 »
    paragraphe(
        doc,
        f"Il vous est proposé d'attribuer à l'association une subvention de fonctionnement de 45{INSECABLE}000 €, "
        "soit 38,14 % du budget prévisionnel, et d'approuver la convention précisant les modalités de "
        "versement et de contrôle de cette aide, dont le projet est joint en annexe 2.",
        align="justifie",
        avant=6,
    )
    paragraphe(doc, "La dépense serait imputée comme suit :")
    # PLANTED A104: solde 147 500,00 written, 182 500,00 − 45 000,00 = 137 500,00
    tableau(
        doc,
        [
            [
                "Code opération",
                "Imputation",
                "Libellé",
                "CP (€)",
                "Disponible (€)",
                "Proposition (€)",
                "Solde (€)",
            ],
            [
                "INS-2026-07",
                "65748 // 935-564",
                "Chantiers et structures d'insertion",
                "410 000,00",
                "182 500,00",
                "45 000,00",
                "147 500,00",
            ],
        ],
        largeurs_cm=[2.2, 2.6, 3.6, 2.0, 2.1, 2.1, 2.0],
        alignements=["gauche", "gauche", "gauche", "droite", "droite", "droite", "droite"],
        taille=8.5,
    )
    paragraphe(doc, "Je vous prie de bien vouloir en délibérer.", avant=12)
    paragraphe(doc, "La Présidente du Conseil départemental,", align="droite", avant=8)
    paragraphe(doc, PRESIDENTE, align="droite", avant=16)
    enregistrer(doc, dest / "rapport.docx")


def _convention(dest: Path) -> None:
    doc = document(POLICE, 10)
    pied_de_page(doc, ["Convention de partenariat 2026 – Département de la Sarthe"])
    paragraphe(doc, "CONVENTION DE PARTENARIAT 2026", gras=True, align="centre", taille=14)
    # PLANTED A006: the beneficiary is « Les Ateliers du Bocage » in the délibération
    paragraphe(
        doc,
        "entre le Département de la Sarthe et l'association Les Ateliers du Perche",
        align="centre",
        apres=14,
    )
    paragraphe(doc, "ENTRE LES SOUSSIGNÉS :", gras=True)
    # PLANTED A112: 227 200 011 00013 fails the Luhn key (the Département's SIRET is 227 200 011 00012)
    # PLANTED A002: the séance is of 16 March 2026, not 9 March
    paragraphe(
        doc,
        R("Le Département de la Sarthe", gras=True),
        ", dont le siège est situé Hôtel du Département, place Aristide-Briand, 72072 Le Mans Cedex 9, "
        "identifié sous le numéro SIRET 227 200 011 00013, représenté par Madame Anne-Sophie Guérandel, "
        "Présidente du Conseil départemental, dûment habilitée par délibération de la Commission "
        "permanente en date du 9 mars 2026,",
        align="justifie",
    )
    paragraphe(doc, "ci-après dénommé « le Département », d'une part,", retrait_cm=1)
    paragraphe(doc, "ET", gras=True)
    # PLANTED A010: the association is represented by Hervé LAMBERT but signed by Sylvie MARCHAND
    paragraphe(
        doc,
        R("L'association Les Ateliers du Perche", gras=True),
        ", association régie par la loi du 1",
        er(),
        " juillet 1901, dont le siège social est situé 4 rue des Tanneurs, 72540 Loué, identifiée sous le "
        "numéro SIRET 812 345 676 00033, représentée par Monsieur Hervé LAMBERT, son Président,",
        align="justifie",
    )
    paragraphe(doc, "ci-après dénommée « l'association », d'autre part,", retrait_cm=1)
    paragraphe(
        doc,
        "Vu le Code général des collectivités territoriales, et notamment son article L.1611-4 ;",
        avant=6,
    )
    paragraphe(
        doc,
        "Vu la délibération n°2025-DE-190 du Conseil départemental du 15 décembre 2025 adoptant le budget "
        "primitif 2026 ;",
    )
    paragraphe(doc, "IL EST CONVENU CE QUI SUIT :", gras=True, avant=8, apres=8)

    articles: list[tuple[str, list[str]]] = [
        (
            "ARTICLE 1ER – OBJET",
            [
                "La présente convention a pour objet de définir les conditions dans lesquelles le Département "
                "soutient le programme d'actions 2026 « Chantiers d'insertion en milieu rural » de "
                "l'association, ainsi que les engagements de celle-ci.",
            ],
        ),
        (
            "ARTICLE 2 – DURÉE ET PÉRIODE DE RÉALISATION",
            [
                "La présente convention s'applique aux actions réalisées du 1er janvier 2026 au "
                "31 décembre 2026. Elle prend fin après le versement de la subvention et l'examen du bilan "
                "prévu à l'article 5.",
            ],
        ),
        (
            "ARTICLE 3 – MONTANT DE LA SUBVENTION",
            [
                # PLANTED A001: 54 000 € here, 45 000 € in the délibération (digits swapped)
                "Le Département attribue à l'association une subvention de fonctionnement de 54 000 € au "
                "titre de l'année 2026.",
                "Le budget prévisionnel du programme d'actions s'élève à 118 000 € ; il est annexé à la "
                "présente convention.",
            ],
        ),
        (
            "ARTICLE 4 – MODALITÉS DE VERSEMENT",
            [
                "La subvention est versée en une seule fois après la signature de la présente convention, "
                "par virement au compte bancaire de l'association.",
            ],
        ),
        (
            "ARTICLE 5 – BILAN ET CONTRÔLE",
            [
                # PLANTED A109: the bilan is due before the end of the period (31 December 2026)
                "L'association transmet au Département, au plus tard le 30 juin 2026, un bilan qualitatif "
                "et financier du programme d'actions, signé par son représentant légal, ainsi que ses "
                "comptes annuels approuvés.",
                "Conformément à l'article L.1611-4 du Code général des collectivités territoriales, "
                "l'association peut être soumise au contrôle des délégués du Département.",
            ],
        ),
        (
            "ARTICLE 6 – COMMUNICATION",
            [
                "L'association fait mention du soutien du Département sur tous ses supports de "
                "communication, en y apposant le logotype départemental.",
            ],
        ),
        (
            "ARTICLE 7 – REVERSEMENT ET RÉSILIATION",
            [
                "En cas de non-respect de ses engagements, le Département peut exiger le reversement de "
                "tout ou partie de la subvention et résilier la présente convention par lettre "
                "recommandée avec accusé de réception, après mise en demeure restée sans effet pendant "
                "un mois.",
            ],
        ),
        (
            "ARTICLE 8 – LITIGES",
            [
                "Les litiges nés de l'exécution de la présente convention relèvent du Tribunal "
                "administratif de Nantes, après recherche d'une solution amiable.",
            ],
        ),
    ]
    for titre, alineas in articles:
        paragraphe(doc, titre, gras=True, avant=8)
        for alinea in alineas:
            paragraphe(doc, alinea, align="justifie")
    paragraphe(
        doc,
        "Fait au Mans, le                          , en deux exemplaires originaux.",
        avant=12,
        apres=10,
    )
    signatures(
        doc,
        [
            "Pour le Département de la Sarthe,",
            "La Présidente du Conseil départemental,",
            "",
            "",
            PRESIDENTE,
        ],
        [
            "Pour l'association Les Ateliers du Perche,",
            "La Présidente,",
            "",
            "",
            "Sylvie MARCHAND",
        ],
    )
    enregistrer(doc, dest / "convention.docx")


def _annexe_budget(dest: Path) -> None:
    doc = document(POLICE, 10)
    paragraphe(doc, "ANNEXE 2", gras=True, align="droite")
    paragraphe(doc, "ASSOCIATION LES ATELIERS DU BOCAGE", gras=True, align="centre", taille=12)
    # PLANTED A005: the convention gives the SIRET 812 345 676 00033 (both keys are valid)
    paragraphe(
        doc,
        "4 rue des Tanneurs – 72540 Loué – SIRET : 812 345 676 00017",
        align="centre",
        taille=9,
    )
    paragraphe(
        doc,
        "BUDGET PRÉVISIONNEL 2026 – Programme « Chantiers d'insertion en milieu rural »",
        gras=True,
        align="centre",
        avant=8,
        apres=10,
    )
    paragraphe(doc, "Dépenses", gras=True)
    # PLANTED A101: the lines add up to 118 400, the total row says 118 000
    tableau(
        doc,
        [
            ["Poste de dépense", "Montant (€)"],
            ["Achats de matières et fournitures", "9 800"],
            ["Services extérieurs (locations, entretien du matériel)", "13 000"],
            ["Autres services extérieurs (honoraires, déplacements)", "7 400"],
            ["Impôts et taxes", "2 200"],
            ["Rémunération des encadrants techniques", "61 500"],
            ["Charges sociales", "21 400"],
            ["Dotation aux amortissements", "3 100"],
            ["TOTAL DES DÉPENSES", "118 000"],
        ],
        largeurs_cm=[11.0, 4.0],
        alignements=["gauche", "droite"],
        lignes_grasses=[-1],
    )
    paragraphe(doc, "Ressources", gras=True, avant=12)
    tableau(
        doc,
        [
            ["Financeurs", "Montant (€)", "Part (%)"],
            ["Département de la Sarthe", "45 000", "38,14"],
            ["État – aide au poste (DDETS)", "36 600", "31,02"],
            ["Région Pays de la Loire", "12 000", "10,17"],
            ["Communauté de communes du Val de Vègre", "8 500", "7,20"],
            ["Ventes de produits et prestations", "15 900", "13,47"],
            ["TOTAL DES RESSOURCES", "118 000", "100,00"],
        ],
        largeurs_cm=[9.0, 3.5, 2.5],
        alignements=["gauche", "droite", "droite"],
        lignes_grasses=[-1],
    )
    paragraphe(doc, "Certifié exact, à Loué, le 12 janvier 2026.", avant=12)
    paragraphe(doc, "La Présidente de l'association, Sylvie MARCHAND")
    enregistrer(doc, dest / "annexe_budget.docx")


def construire(dest: Path) -> None:
    """Écrit les DOCX du dossier dans `dest` (un fichier par document, `<tige>.docx`)."""
    dest.mkdir(parents=True, exist_ok=True)
    _deliberation(dest)
    _rapport(dest)
    _convention(dest)
    _annexe_budget(dest)
