"""Invented dossier with planted errors: Département du Finistère, Commission permanente of Monday
13 April 2026, an investment subsidy of 66 000 € to the commune of Saint-Divy-des-Landes
(rehabilitation of its market hall into a tiers-lieu), out of the « Fonds départemental de soutien
aux équipements de proximité ».

Layout: Times New Roman; the ACTES acknowledgement as the first paragraph of the délibération; the
visas as a borderless « Vu | … » table; the vote as a table; « Article premier » in the
délibération and « Article 1 – Objet » in the convention; a separate plan de financement with
« Nature des dépenses » / « Total général » and amounts with a € suffix; a percentage-only
instalment table in the convention; signatures as plain paragraphs.

Every planted error is marked `PLANTED Axxx` where it is written; `invente_erreurs_b.cle.yaml`
lists them. Everything else is meant to be consistent.
"""

from __future__ import annotations

from pathlib import Path

from .ecrire import INSECABLE, R, document, e, enregistrer, er, paragraphe, pied_de_page, tableau

POLICE = "Times New Roman"
PRESIDENT = "Yannick KERVRAN"
MAIRE = "Gwenaël LE BORGNE"
COMMUNE = "Saint-Divy-des-Landes"
NUMERO = "2026-CP-471"
ACTES = "029-222900011-20260413-CP2026_471-DE"


def _deliberation(dest: Path) -> None:
    doc = document(POLICE, 11, marge_cm=2.0)
    pied_de_page(doc, [f"Commission permanente du 13 avril 2026 – délibération n° {NUMERO}"])
    paragraphe(
        doc,
        "Acte certifié exécutoire – Transmis au représentant de l'État le 16/04/2026 – Identifiant "
        f"ACTES : {ACTES} – Publié le 16/04/2026",
        taille=8.5,
        apres=12,
    )
    paragraphe(doc, "RÉPUBLIQUE FRANÇAISE", align="centre", taille=10)
    paragraphe(doc, "DÉPARTEMENT DU FINISTÈRE", gras=True, align="centre", taille=14)
    paragraphe(
        doc,
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DE LA COMMISSION PERMANENTE",
        gras=True,
        align="centre",
    )
    paragraphe(doc, "Séance du lundi 13 avril 2026", align="centre")
    paragraphe(doc, f"Délibération n° {NUMERO}", gras=True, align="centre", apres=12)
    paragraphe(
        doc,
        R("Objet : ", gras=True),
        "Fonds départemental de soutien aux équipements de proximité – Commune de "
        f"{COMMUNE} – Réhabilitation de la halle communale en tiers-lieu",
        align="justifie",
        apres=10,
    )
    paragraphe(
        doc,
        "Le lundi 13 avril 2026, la Commission permanente du Conseil départemental du Finistère s'est "
        f"réunie à Quimper, sous la présidence de M. {PRESIDENT}, Président du Conseil départemental.",
        align="justifie",
    )
    paragraphe(doc, "La Commission permanente,", avant=6)
    tableau(
        doc,
        [
            [
                "Vu",
                "le Code général des collectivités territoriales, notamment ses articles L.1111-10, "
                "L.3211-1 et L.3232-1 ;",
            ],
            [
                "Vu",
                [
                    "la délibération n°2021-CD-32 du Conseil départemental du 1",
                    er(),
                    " juillet 2021 portant délégation d'attributions à la Commission permanente ;",
                ],
            ],
            # PLANTED A110: there is no 31 June
            [
                "Vu",
                "la délibération n°2025-CD-87 du Conseil départemental du 31 juin 2025 approuvant le "
                "règlement du Fonds départemental de soutien aux équipements de proximité ;",
            ],
            [
                "Vu",
                "la délibération n°2025-CD-140 du Conseil départemental du 8 décembre 2025 relative au "
                "budget primitif 2026 ;",
            ],
            ["Vu", "le rapport n° 2-14 du Président du Conseil départemental ;"],
            [
                "Vu",
                ["l'avis de la 2", e(), " commission « Territoires et solidarités » du 30 mars 2026 ;"],
            ],
            [
                "Considérant",
                f"la demande de subvention de la commune de {COMMUNE} reçue le 9 janvier 2026 ;",
            ],
        ],
        entete=0,
        bordures=False,
        largeurs_cm=[2.6, 14.0],
        alignements=["gauche", "justifie"],
    )
    paragraphe(doc, "DÉCIDE", gras=True, align="centre", avant=10, apres=8)
    paragraphe(doc, R("Article premier", gras=True, souligne=True))
    paragraphe(
        doc,
        f"D'attribuer à la commune de {COMMUNE}, au titre du Fonds départemental de soutien aux "
        "équipements de proximité, une subvention d'investissement de 66 000 € pour la réhabilitation "
        "de la halle communale en tiers-lieu et espace France services, dont le plan de financement "
        "prévisionnel figure en annexe 2.",
        align="justifie",
    )
    paragraphe(doc, R("Article 2", gras=True, souligne=True))
    paragraphe(
        doc,
        "D'approuver les termes de la convention à conclure avec la commune, jointe en annexe 1, et "
        "d'autoriser le Président du Conseil départemental à la signer.",
        align="justifie",
    )
    paragraphe(doc, R("Article 3", gras=True, souligne=True))
    paragraphe(doc, "La dépense est imputée au budget départemental comme suit :")
    # PLANTED A001: CP 850 000,00 here, 580 000,00 in the rapport
    tableau(
        doc,
        [
            ["Opération", "Imputation", "Libellé", "CP 2026", "Proposition"],
            ["EQP-2026-014", "204142 // 917-74", "Équipements de proximité", "850 000,00 €", "66 000,00 €"],
        ],
        largeurs_cm=[2.8, 3.2, 4.6, 3.0, 3.0],
        alignements=["gauche", "gauche", "gauche", "droite", "droite"],
        taille=10,
    )
    paragraphe(doc, "Résultat du vote :", gras=True, avant=10)
    tableau(
        doc,
        [
            ["Membres en exercice", "Présents", "Pouvoirs", "Votants", "Pour", "Contre", "Abstentions"],
            ["54", "47", "5", "52", "52", "0", "0"],
        ],
        alignements=["centre"] * 7,
        taille=10,
    )
    paragraphe(doc, "Adoptée à l'unanimité.", avant=6)
    paragraphe(doc, "Fait et délibéré les jour, mois et an susdits.", avant=10)
    paragraphe(doc, "Pour extrait conforme,", align="droite", avant=6)
    paragraphe(doc, "Le Président du Conseil départemental,", align="droite")
    paragraphe(doc, PRESIDENT, align="droite", avant=16)
    enregistrer(doc, dest / "deliberation.docx")


def _rapport(dest: Path) -> None:
    doc = document(POLICE, 11.5)
    paragraphe(doc, "DÉPARTEMENT DU FINISTÈRE", gras=True, taille=13)
    paragraphe(doc, R("Direction de l'aménagement et des solidarités territoriales", italique=True), apres=14)
    # PLANTED A002: the délibération is of the séance of 13 April 2026
    paragraphe(doc, "RAPPORT DU PRÉSIDENT", gras=True, align="centre")
    paragraphe(doc, "COMMISSION PERMANENTE DU 20 AVRIL 2026", gras=True, align="centre")
    paragraphe(doc, "Rapport n° 2-14", align="centre", apres=10)
    paragraphe(
        doc,
        R("Objet : ", gras=True),
        f"Fonds départemental de soutien aux équipements de proximité – Commune de {COMMUNE}",
        apres=10,
    )
    # PLANTED A115: 66 000 € is above 15 % of 412 500 € (61 875 €)
    # PLANTED A008: the convention sets the deadline at 30 November 2027
    for texte in (
        "Le Fonds départemental de soutien aux équipements de proximité accompagne les communes de moins "
        "de 3 500 habitants dans leurs projets d'équipements structurants. Son règlement prévoit que "
        "l'aide départementale est accordée dans la limite de 15 % du coût éligible hors taxes.",
        f"La commune de {COMMUNE} (1 240 habitants) engage la réhabilitation de son ancienne halle de "
        "marché afin d'y installer un tiers-lieu associatif et un espace France services. Le coût "
        "éligible du projet s'élève à 412 500 € HT (plan de financement prévisionnel en annexe 2).",
        "Les travaux débuteront au deuxième trimestre 2026. La commune disposera d'un délai expirant le "
        "31 décembre 2027 pour produire les justificatifs de dépenses.",
        "Il vous est proposé d'attribuer à la commune une subvention d'investissement de 66 000 € et "
        "d'approuver la convention correspondante, dont le projet est joint en annexe 1.",
    ):
        paragraphe(doc, texte, align="justifie")
    paragraphe(doc, "Les crédits nécessaires seraient prélevés comme suit :", avant=4)
    # PLANTED A001: CP 580 000,00 here, 850 000,00 in the délibération
    # PLANTED A114: the proposition (66 000,00) exceeds the disponible (58 000,00)
    tableau(
        doc,
        [
            ["Code opération", "Imputation", "Libellé", "CP", "Disponible", "Proposition", "Solde"],
            [
                "EQP-2026-014",
                "204142 // 917-74",
                "Équipements de proximité",
                "580 000,00 €",
                "58 000,00 €",
                "66 000,00 €",
                "-8 000,00 €",
            ],
        ],
        largeurs_cm=[2.4, 2.6, 3.0, 2.4, 2.2, 2.2, 2.0],
        alignements=["gauche", "gauche", "gauche", "droite", "droite", "droite", "droite"],
        taille=9,
    )
    paragraphe(doc, "Je vous prie de bien vouloir en délibérer.", avant=12)
    paragraphe(doc, "Le Président du Conseil départemental,", align="droite", avant=8)
    paragraphe(doc, PRESIDENT, align="droite", avant=16)
    enregistrer(doc, dest / "rapport.docx")


def _convention(dest: Path) -> None:
    doc = document(POLICE, 11)
    paragraphe(doc, "ANNEXE 1", gras=True, align="droite")
    paragraphe(doc, "CONVENTION D'AIDE À L'INVESTISSEMENT", gras=True, align="centre", taille=14)
    paragraphe(
        doc,
        "Fonds départemental de soutien aux équipements de proximité",
        align="centre",
        apres=12,
    )
    paragraphe(doc, "Entre", gras=True)
    # PLANTED A011: the délibération is n° 2026-CP-471
    paragraphe(
        doc,
        "Le Département du Finistère, 32 boulevard Dupleix, 29196 Quimper Cedex, SIRET "
        f"222 900 011 00016, représenté par M. {PRESIDENT}, Président du Conseil départemental, agissant "
        "en vertu de la délibération n°2026-CP-417 de la Commission permanente du 13 avril 2026,",
        align="justifie",
    )
    paragraphe(doc, "ci-après « le Département »,", retrait_cm=1)
    paragraphe(doc, "Et", gras=True)
    paragraphe(
        doc,
        f"La commune de {COMMUNE}, Mairie, 1 place de l'Église, 29860 {COMMUNE}, SIRET "
        f"212 902 670 00018, représentée par M. {MAIRE}, Maire, autorisé par délibération du conseil "
        "municipal du 5 février 2026,",
        align="justifie",
    )
    paragraphe(doc, "ci-après « la commune »,", retrait_cm=1)
    paragraphe(doc, "Il est convenu ce qui suit :", avant=8, apres=6)

    def article(titre: str, *alineas: str) -> None:
        paragraphe(doc, titre, gras=True, avant=8)
        for alinea in alineas:
            paragraphe(doc, alinea, align="justifie")

    article(
        "Article 1 – Objet",
        "La présente convention fixe les conditions d'attribution et de versement de l'aide du "
        "Département à la réhabilitation de la halle communale en tiers-lieu et espace France services.",
    )
    # PLANTED A105: 66 000 € in digits, « soixante-seize mille euros » (76 000) in words
    article(
        "Article 2 – Montant de la subvention",
        "Le Département attribue à la commune une subvention d'investissement d'un montant maximum de "
        f"66 000{INSECABLE}€ (soixante-seize mille euros), calculée sur un coût éligible prévisionnel de "
        "412 500 € HT.",
        "Si le coût réel de l'opération est inférieur au coût prévisionnel, la subvention est réduite au "
        "prorata des dépenses réalisées.",
    )
    # PLANTED A108: the period ends before it starts (31 mai 2026 for 31 mai 2027)
    paragraphe(doc, "Article 3 – Délai de réalisation", gras=True, avant=8)
    paragraphe(
        doc,
        "Les travaux sont réalisés entre le 1",
        er(),
        " juin 2026 et le 31 mai 2026.",
        align="justifie",
    )
    paragraphe(doc, "Article 4 – Modalités de versement", gras=True, avant=8)
    paragraphe(doc, "La subvention est versée selon l'échéancier suivant :")
    # PLANTED A103: 30 % + 40 % + 40 % = 110 %
    tableau(
        doc,
        [
            ["Versement", "Condition", "Part de la subvention"],
            ["Premier acompte", "production de l'ordre de service de démarrage des travaux", "30 %"],
            ["Second acompte", "justification de 60 % des dépenses éligibles", "40 %"],
            [
                "Solde",
                "production du décompte général définitif et de l'état récapitulatif des dépenses",
                "40 %",
            ],
        ],
        largeurs_cm=[3.2, 10.0, 3.4],
        alignements=["gauche", "gauche", "centre"],
        taille=10,
    )
    # PLANTED A008: the rapport gives 31 December 2027
    article(
        "Article 5 – Justificatifs et caducité",
        "La commune produit les justificatifs de dépenses au plus tard le 30 novembre 2027. À défaut, la "
        "subvention est caduque pour sa part non versée.",
    )
    article(
        "Article 6 – Publicité",
        "La commune mentionne la participation du Département sur le panneau de chantier, puis par une "
        "plaque apposée de façon permanente sur l'équipement.",
    )
    article(
        "Article 7 – Reversement",
        "En cas d'utilisation non conforme à son objet, le Département exige le reversement de tout ou "
        "partie de la subvention versée.",
    )
    article(
        "Article 8 – Litiges",
        "Tout litige relatif à l'exécution de la présente convention est porté devant le Tribunal "
        "administratif de Rennes.",
    )
    paragraphe(doc, "Fait à Quimper, le", avant=12, apres=10)
    paragraphe(doc, "Pour la commune,")
    paragraphe(doc, "Le Maire,")
    paragraphe(doc, MAIRE, avant=14, apres=14)
    paragraphe(doc, "Pour le Département,")
    paragraphe(doc, "Le Président du Conseil départemental,")
    paragraphe(doc, PRESIDENT, avant=14)
    enregistrer(doc, dest / "convention.docx")


def _plan_financement(dest: Path) -> None:
    doc = document(POLICE, 11)
    paragraphe(doc, "ANNEXE 2", gras=True, align="droite")
    paragraphe(doc, f"COMMUNE DE {COMMUNE.upper()}", gras=True, align="centre", taille=13)
    paragraphe(
        doc,
        "Réhabilitation de la halle en tiers-lieu et espace France services",
        align="centre",
    )
    paragraphe(
        doc,
        "PLAN DE FINANCEMENT PRÉVISIONNEL (montants hors taxes)",
        gras=True,
        align="centre",
        avant=6,
        apres=10,
    )
    tableau(
        doc,
        [
            ["Nature des dépenses", "Montant HT"],
            ["Maîtrise d'œuvre et études préalables", "41 250,00 €"],
            ["Gros œuvre et reprise de structure", "158 400,00 €"],
            ["Charpente et couverture", "96 300,00 €"],
            ["Menuiseries extérieures et isolation", "62 850,00 €"],
            ["Lots techniques (électricité, chauffage, ventilation)", "38 700,00 €"],
            ["Aménagements intérieurs", "15 000,00 €"],
            ["Total général", "412 500,00 €"],
        ],
        largeurs_cm=[11.0, 4.0],
        alignements=["gauche", "droite"],
        lignes_grasses=[-1],
    )
    paragraphe(doc, "")
    # PLANTED A102 (twice): the État and Région percentages are swapped (30,00 and 20,00 are right)
    tableau(
        doc,
        [
            ["Financeurs", "Montant", "Part (%)"],
            ["État – DETR 2026", "123 750,00 €", "20,00"],
            ["Région Bretagne – Bien vivre partout en Bretagne", "82 500,00 €", "30,00"],
            ["Département du Finistère", "66 000,00 €", "16,00"],
            ["Commune – autofinancement", "140 250,00 €", "34,00"],
            ["Total général", "412 500,00 €", "100,00"],
        ],
        largeurs_cm=[9.0, 3.8, 2.4],
        alignements=["gauche", "droite", "droite"],
        lignes_grasses=[-1],
    )
    paragraphe(doc, "Certifié sincère et véritable,", avant=12)
    paragraphe(doc, f"Le Maire, {MAIRE}")
    enregistrer(doc, dest / "plan_financement.docx")


def construire(dest: Path) -> None:
    """Écrit les DOCX du dossier dans `dest` (un fichier par document, `<tige>.docx`)."""
    dest.mkdir(parents=True, exist_ok=True)
    _deliberation(dest)
    _rapport(dest)
    _convention(dest)
    _plan_financement(dest)
