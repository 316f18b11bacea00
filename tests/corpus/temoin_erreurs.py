"""Held-out dossier with planted errors: Département de la Gironde, Commission permanente of Monday
18 May 2026, an operating subsidy of 32 500 € to the association Estuaire en Scène for the 11th
edition of its festival « Les Nuits de l'Estuaire » (Blaye).

Written as another drafting team would: the délibération is an « extrait du registre » in Garamond
with the attendance and the vote in prose, the visas as a bulleted list and the act's number in the
page header; the rapport (Verdana) has a beneficiary table and an imputation table whose balance
column is headed « Solde après vote »; the convention (Cambria) has its parties as paragraphs and
its signature block as plain paragraphs, one party after the other; the annex (Century Gothic)
holds the budget with « Nature de la dépense » / « Montant TTC » and the resources with « Taux ».

Every planted error is marked `PLANTED Axxx` where it is written; `temoin_erreurs.cle.yaml` lists
them. Everything else is meant to be consistent.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocumentDocx

from .ecrire import (
    INSECABLE,
    Morceau,
    R,
    document,
    e,
    en_tete,
    enregistrer,
    er,
    paragraphe,
    pied_de_page,
    tableau,
)

NUMERO = "2026.0142.CP"
ACTES = "033-223300013-20260518-2026_0142_CP-DE"
PRESIDENTE = "Hélène CASTAGNET"
PRESIDENTE_ASSO = "Inès MARTIGNAC"
ASSOCIATION = "Estuaire en Scène"
FESTIVAL = "« Les Nuits de l'Estuaire »"
SUBVENTION = f"32{INSECABLE}500"


def _puce(doc: DocumentDocx, *morceaux: Morceau) -> None:
    """A bulleted paragraph (Word's « List Bullet » style), as visas are often typed."""
    par = paragraphe(doc, *morceaux, align="justifie", apres=2)
    par.style = doc.styles["List Bullet"]


def _deliberation(dest: Path) -> None:
    doc = document("Garamond", 11.5, marge_cm=2.5)
    en_tete(
        doc,
        [f"Département de la Gironde – Commission permanente – Délibération n° {NUMERO}"],
        taille=8.5,
        align="gauche",
    )
    pied_de_page(
        doc,
        ["Acte reçu en préfecture de la Gironde le 22/05/2026 – affiché et publié le 22 mai 2026"],
        [f"Identifiant de télétransmission : {ACTES}"],
    )
    paragraphe(doc, "RÉPUBLIQUE FRANÇAISE", align="centre", taille=9)
    paragraphe(doc, "DÉPARTEMENT DE LA GIRONDE", gras=True, align="centre", taille=15)
    paragraphe(
        doc,
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DE LA COMMISSION PERMANENTE",
        align="centre",
        taille=10,
        apres=2,
    )
    paragraphe(doc, "Réunion du lundi 18 mai 2026", align="centre", gras=True)
    paragraphe(doc, f"N° {NUMERO}", align="centre", apres=14)
    paragraphe(
        doc,
        R("OBJET : ", gras=True),
        "Politique culturelle – Aide aux festivals – Soutien à la 11",
        e(),
        f" édition du festival {FESTIVAL} organisée par l'association {ASSOCIATION} (Blaye)",
        align="justifie",
        apres=12,
    )
    paragraphe(
        doc,
        "L'an deux mille vingt-six, le dix-huit mai, la Commission permanente du Conseil départemental "
        "de la Gironde, régulièrement convoquée, s'est réunie à l'Hôtel du Département, à Bordeaux, sous "
        f"la présidence de Madame {PRESIDENTE}, Présidente du Conseil départemental.",
        align="justifie",
    )
    paragraphe(
        doc,
        "Nombre de membres en exercice : 33. Nombre de conseillers présents : 26 ; pouvoirs : 4 "
        "(M. Arnaud PEYRE à Mme Sophie LAGARDÈRE, Mme Claire DUCOURAU à M. Julien BOUSQUET, M. Rémi "
        "SAUTEREAU à Mme Nathalie ARRIBAT, Mme Odile FERRAND à M. Pierre LACAZE).",
        align="justifie",
    )
    paragraphe(
        doc,
        "Rapporteur : M. Julien BOUSQUET, Vice-président chargé de la culture et du patrimoine.",
        apres=12,
    )
    paragraphe(doc, "LA COMMISSION PERMANENTE,", gras=True, apres=6)
    _puce(
        doc,
        "Vu le Code général des collectivités territoriales, et notamment ses articles L.1611-4, "
        "L.3211-1 et L.3211-2 ;",
    )
    _puce(
        doc,
        "Vu le décret n° 2001-495 du 6 juin 2001 relatif à la transparence financière des aides "
        "octroyées par les personnes publiques ;",
    )
    _puce(
        doc,
        "Vu la délibération n° 2021.12.CD du Conseil départemental du 8 juillet 2021 portant délégation "
        "d'attributions à la Commission permanente ;",
    )
    # PLANTED A003: the rapport dates this act 26 June 2024
    _puce(
        doc,
        "Vu la délibération n° 2024.58.CD du Conseil départemental du 27 juin 2024 adoptant le règlement "
        "départemental d'aide aux festivals ;",
    )
    _puce(
        doc,
        "Vu la délibération n° 2025.96.CD du Conseil départemental du 15 décembre 2025 adoptant le budget "
        "primitif 2026 ;",
    )
    _puce(
        doc,
        "Vu l'avis de la commission Culture, Sport et Vie associative réunie le 5 mai 2026 ;",
    )
    _puce(doc, "Vu le rapport de Madame la Présidente du Conseil départemental ;")
    _puce(
        doc,
        f"Considérant l'intérêt départemental du festival {FESTIVAL}, seul festival de musiques actuelles "
        "de la Haute-Gironde, et son action en direction des collégiens du territoire ;",
    )
    paragraphe(doc, "Après en avoir délibéré,", avant=8)
    paragraphe(doc, "DÉCIDE", gras=True, align="centre", avant=4, apres=8)

    articles: list[tuple[str, list[list[Morceau]]]] = [
        (
            "ARTICLE 1 – ATTRIBUTION",
            [
                [
                    f"Une subvention de fonctionnement de {SUBVENTION} € (trente-deux mille cinq cents euros) "
                    f"est attribuée à l'association {ASSOCIATION} pour l'organisation de la 11",
                    e(),
                    f" édition du festival {FESTIVAL}.",
                ]
            ],
        ),
        (
            "ARTICLE 2 – CONVENTION",
            [
                [
                    "La convention de partenariat à conclure avec l'association, jointe en annexe 1, est "
                    "approuvée. Madame la Présidente du Conseil départemental est autorisée à la signer."
                ]
            ],
        ),
        (
            "ARTICLE 3 – PLAN DE FINANCEMENT",
            [
                [
                    "Le budget prévisionnel et le plan de financement de la manifestation, joints en annexe 2, "
                    "sont pris en compte pour le calcul de l'aide."
                ]
            ],
        ),
        (
            "ARTICLE 4 – IMPUTATION BUDGÉTAIRE",
            [
                [
                    "La dépense sera imputée au chapitre 933, article 6574, fonction 311, programme P0312 "
                    "« Festivals et manifestations culturelles » du budget départemental 2026."
                ]
            ],
        ),
    ]
    for titre, alineas in articles:
        paragraphe(doc, titre, gras=True, avant=6, apres=2)
        for alinea in alineas:
            paragraphe(doc, *alinea, align="justifie")

    # PLANTED A106: 27 + 0 + 4 = 31 votes for 26 présents + 4 pouvoirs = 30
    paragraphe(
        doc,
        R("Résultat du vote : ", gras=True),
        "la délibération est adoptée. Pour : 27 – Contre : 0 – Abstentions : 4 (groupe Gironde Demain).",
        avant=10,
        align="justifie",
    )
    paragraphe(doc, "Fait et délibéré à Bordeaux, les jour, mois et an susdits.", avant=10)
    paragraphe(doc, "Pour extrait conforme,", avant=10, retrait_cm=9)
    paragraphe(doc, "La Présidente du Conseil départemental,", retrait_cm=9)
    paragraphe(doc, PRESIDENTE, gras=True, avant=20, retrait_cm=9)
    paragraphe(doc, "La secrétaire de séance,", avant=10)
    paragraphe(doc, "Nathalie ARRIBAT", avant=14)
    enregistrer(doc, dest / "deliberation.docx")


def _rapport(dest: Path) -> None:
    doc = document("Verdana", 9.5, marge_cm=2.0)
    en_tete(doc, ["Commission permanente du 18 mai 2026 – Rapport n° 14"], taille=7.5)
    pied_de_page(doc, ["Direction de la culture et de la citoyenneté – Service des arts vivants"], taille=7)
    paragraphe(doc, "Département de la Gironde", gras=True, taille=12)
    paragraphe(doc, "Pôle Solidarité territoriale – Direction de la culture et de la citoyenneté", taille=8)
    paragraphe(doc, "RAPPORT À LA COMMISSION PERMANENTE", gras=True, align="centre", avant=14)
    paragraphe(doc, "Réunion du lundi 18 mai 2026", align="centre")
    paragraphe(doc, "Rapport n° 14 – Rapporteur : Julien BOUSQUET", align="centre", apres=12)
    paragraphe(
        doc,
        R("Objet : ", gras=True),
        f"Festival {FESTIVAL} 2026 – subvention de fonctionnement à l'association {ASSOCIATION}",
        apres=10,
    )
    paragraphe(doc, "I. CONTEXTE", gras=True, avant=6)
    # PLANTED A003: the délibération dates this act 27 June 2024
    paragraphe(
        doc,
        "Par sa délibération n° 2024.58.CD du 26 juin 2024, le Conseil départemental a adopté le "
        "règlement départemental d'aide aux festivals. Ce règlement réserve son soutien aux manifestations "
        "professionnelles qui se déroulent hors de la métropole bordelaise et qui conduisent une action "
        "culturelle en direction des publics éloignés.",
        align="justifie",
    )
    paragraphe(
        doc,
        f"L'association {ASSOCIATION}, installée à Blaye, organise depuis 2015 le festival {FESTIVAL}. La 11",
        e(),
        " édition se tiendra du jeudi 9 au dimanche 19 juillet 2026 dans la citadelle de Blaye et dans "
        "six communes de l'estuaire : 28 concerts, dont 9 gratuits, et 14 000 spectateurs attendus. Deux "
        "résidences d'artistes sont prévues dans les collèges de Blaye et de Saint-Ciers-sur-Gironde.",
        align="justifie",
    )
    paragraphe(doc, "II. PROPOSITION", gras=True, avant=6)
    paragraphe(
        doc,
        "Le budget prévisionnel de la manifestation s'élève à 214 600 € TTC. Je vous propose d'attribuer "
        f"à l'association une subvention de fonctionnement de {SUBVENTION} €, soit 15,14 % de ce budget, et "
        "d'approuver la convention de partenariat jointe en annexe 1. Le plan de financement "
        "prévisionnel figure en annexe 2.",
        align="justifie",
    )
    # PLANTED A005: the convention gives the SIRET 791 284 532 00037 (both keys are valid)
    tableau(
        doc,
        [
            ["Bénéficiaire", "N° SIRET", "Objet de l'aide", "Montant proposé"],
            [
                ASSOCIATION,
                "791 284 532 00029",
                f"11e édition du festival {FESTIVAL}",
                f"{SUBVENTION} €",
            ],
        ],
        largeurs_cm=[3.6, 3.6, 6.0, 3.0],
        alignements=["gauche", "gauche", "gauche", "droite"],
        taille=8.5,
    )
    paragraphe(doc, "III. INCIDENCE BUDGÉTAIRE", gras=True, avant=10)
    paragraphe(doc, "La dépense serait imputée comme suit :")
    # PLANTED A104: « Solde après vote » 617 500,00 is CP minus proposition; 412 300,00 − 32 500,00 = 379 800,00
    tableau(
        doc,
        [
            [
                "Programme",
                "Imputation",
                "CP 2026",
                "Disponible avant CP",
                "Montant proposé",
                "Solde après vote",
            ],
            [
                "P0312 Festivals",
                "933 / 6574 / 311",
                "650 000,00 €",
                "412 300,00 €",
                "32 500,00 €",
                "617 500,00 €",
            ],
        ],
        largeurs_cm=[2.8, 2.8, 2.6, 2.8, 2.6, 2.6],
        alignements=["gauche", "gauche", "droite", "droite", "droite", "droite"],
        taille=8,
    )
    paragraphe(doc, "Je vous demande de bien vouloir en délibérer.", avant=12)
    paragraphe(doc, "La Présidente du Conseil départemental,", avant=12, align="droite")
    paragraphe(doc, PRESIDENTE, avant=16, align="droite")
    enregistrer(doc, dest / "rapport.docx")


def _convention(dest: Path) -> None:
    doc = document("Cambria", 10.5)
    en_tete(doc, [f"Annexe 1 à la délibération n° {NUMERO}"], taille=8)
    pied_de_page(doc, [f"Convention de partenariat – {ASSOCIATION} – festival 2026"], taille=7.5)
    paragraphe(doc, "CONVENTION DE PARTENARIAT", gras=True, align="centre", taille=15)
    paragraphe(doc, R(f"Festival {FESTIVAL} – édition 2026", italique=True), align="centre", apres=16)
    paragraphe(doc, "Entre", gras=True)
    # PLANTED A002: the séance and the délibération are of 18 May 2026, not 11 May
    paragraphe(
        doc,
        "le Département de la Gironde, Hôtel du Département, 1 esplanade Charles-de-Gaulle, CS 71223, "
        "33074 Bordeaux Cedex, SIRET 223 300 013 00016, représenté par sa Présidente, Madame "
        f"{PRESIDENTE}, agissant en vertu de la délibération n° {NUMERO} de la Commission permanente du "
        "11 mai 2026,",
        align="justifie",
    )
    paragraphe(doc, "ci-après désigné « le Département »,", retrait_cm=1.5)
    paragraphe(doc, "et", gras=True, avant=4)
    paragraphe(
        doc,
        f"l'association {ASSOCIATION}, association régie par la loi du 1",
        er(),
        " juillet 1901, dont le siège est 12 cours du Port, 33390 Blaye, SIRET 791 284 532 00037, "
        f"représentée par sa présidente, Madame {PRESIDENTE_ASSO}, habilitée par décision de son conseil "
        "d'administration du 2 avril 2026,",
        align="justifie",
    )
    paragraphe(doc, "ci-après désignée « l'association ».", retrait_cm=1.5)
    paragraphe(
        doc, "Vu le Code général des collectivités territoriales, notamment son article L.1611-4 ;", avant=8
    )
    paragraphe(
        doc,
        "Vu le règlement départemental d'aide aux festivals adopté par délibération n° 2024.58.CD du "
        "Conseil départemental du 27/06/2024 ;",
    )
    paragraphe(doc, "Vu la demande de l'association reçue le 27 février 2026,")
    paragraphe(doc, "IL EST CONVENU CE QUI SUIT.", gras=True, avant=10, apres=6)

    articles: list[tuple[str, list[list[Morceau]]]] = [
        (
            "ARTICLE 1 – OBJET",
            [
                [
                    "La présente convention fixe les conditions dans lesquelles le Département soutient "
                    "l'organisation de la 11",
                    e(),
                    f" édition du festival {FESTIVAL}, qui se tiendra à Blaye et dans les communes de "
                    "l'estuaire du 9 au 19 juillet 2026.",
                ]
            ],
        ),
        (
            "ARTICLE 2 – DURÉE ET PÉRIODE D'EXÉCUTION",
            [
                [
                    "Sont éligibles les dépenses engagées entre le 1",
                    er(),
                    " mars 2026 et le 30 septembre 2026. La convention prend effet à sa signature et "
                    "s'achève au versement du solde de la subvention.",
                ]
            ],
        ),
        (
            "ARTICLE 3 – MONTANT DE L'AIDE DÉPARTEMENTALE",
            [
                # PLANTED A001: 23 500 € here, 32 500 € in the délibération and the rapport
                [
                    "Le Département accorde à l'association une subvention de fonctionnement d'un montant de "
                    f"23{INSECABLE}500 € au titre de l'exercice 2026."
                ],
                [
                    "Cette aide ne peut être affectée à d'autres dépenses que celles du festival. Elle n'est "
                    "pas révisable à la hausse."
                ],
            ],
        ),
        (
            "ARTICLE 4 – MODALITÉS DE VERSEMENT",
            [
                [
                    "La subvention est versée en deux fois : 70 % à la notification de la présente "
                    "convention, puis le solde, soit 30 %, sur présentation du bilan prévu à l'article 5."
                ]
            ],
        ),
        (
            "ARTICLE 5 – BILAN ET JUSTIFICATIFS",
            [
                # PLANTED A109: the bilan is due on 31 August 2026, before the end of the period (30/09/2026)
                [
                    "L'association adresse au Département, au plus tard le 31 août 2026, un bilan qualitatif "
                    "et un compte rendu financier de la manifestation, certifiés par sa présidente."
                ]
            ],
        ),
        (
            "ARTICLE 6 – COMMUNICATION",
            [
                [
                    "L'association fait figurer le logo du Département sur l'ensemble de ses supports et "
                    "mentionne son soutien lors des annonces publiques du festival."
                ]
            ],
        ),
        (
            "ARTICLE 7 – CONTRÔLE ET REVERSEMENT",
            [
                [
                    "Le Département peut contrôler sur pièces et sur place l'emploi de la subvention. Toute "
                    "somme non utilisée ou employée à un autre objet est reversée."
                ]
            ],
        ),
        (
            "ARTICLE 8 – LITIGES",
            [["À défaut d'accord amiable, les litiges relèvent du Tribunal administratif de Bordeaux."]],
        ),
    ]
    for titre, alineas in articles:
        paragraphe(doc, titre, gras=True, avant=8, apres=2)
        for alinea in alineas:
            paragraphe(doc, *alinea, align="justifie")

    paragraphe(doc, "Fait à Bordeaux, en deux exemplaires originaux, le", avant=14, apres=12)
    paragraphe(doc, f"Pour l'association {ASSOCIATION},", gras=True)
    paragraphe(doc, "La Présidente,")
    paragraphe(doc, PRESIDENTE_ASSO, avant=18, apres=14)
    paragraphe(doc, "Pour le Département de la Gironde,", gras=True)
    paragraphe(doc, "La Présidente du Conseil départemental,")
    paragraphe(doc, PRESIDENTE, avant=18)
    enregistrer(doc, dest / "convention.docx")


def _plan_financement(dest: Path) -> None:
    doc = document("Century Gothic", 9.5)
    en_tete(
        doc,
        [f"ANNEXE 2 – Délibération n° {NUMERO} – Commission permanente du 18 mai 2026"],
        taille=8,
        align="centre",
    )
    paragraphe(doc, ASSOCIATION.upper(), gras=True, align="centre", taille=13)
    paragraphe(doc, "12 cours du Port – 33390 Blaye", align="centre", taille=8.5)
    paragraphe(
        doc,
        f"Festival {FESTIVAL} 2026 – Budget prévisionnel et plan de financement",
        gras=True,
        align="centre",
        avant=10,
    )
    paragraphe(doc, "Période de réalisation : du 01/03/2026 au 30/09/2026", align="centre", apres=12)
    paragraphe(doc, "1. Charges", gras=True)
    # PLANTED A101: the lines add up to 215 100, the total row says 214 600
    tableau(
        doc,
        [
            ["Nature de la dépense", "Montant TTC (€)"],
            ["Cachets et contrats de cession des artistes", "86 400"],
            ["Droits d'auteur et droits voisins (SACEM, SACD)", "14 200"],
            ["Technique : son, lumière, plateau, groupes électrogènes", "41 800"],
            ["Accueil des artistes : transports, hébergement, repas", "22 600"],
            ["Communication et billetterie", "16 900"],
            ["Sécurité, secours et nettoyage du site", "18 300"],
            ["Quote-part des salaires permanents (coordination, administration)", "14 900"],
            ["Total des charges", "214 600"],
        ],
        largeurs_cm=[11.5, 3.5],
        alignements=["gauche", "droite"],
        lignes_grasses=[-1],
        taille=9,
    )
    paragraphe(doc, "2. Produits", gras=True, avant=12)
    tableau(
        doc,
        [
            ["Origine des financements", "Montant (€)", "Taux"],
            ["Département de la Gironde", "32 500", "15,14 %"],
            ["Région Nouvelle-Aquitaine", "25 000", "11,65 %"],
            ["État – DRAC Nouvelle-Aquitaine", "10 000", "4,66 %"],
            ["Communauté de communes de Blaye", "18 000", "8,39 %"],
            ["Ville de Blaye", "12 000", "5,59 %"],
            ["Billetterie", "78 600", "36,63 %"],
            ["Mécénat et partenariats privés", "21 000", "9,79 %"],
            ["Bar et restauration", "17 500", "8,15 %"],
            ["Total des produits", "214 600", "100,00 %"],
        ],
        largeurs_cm=[9.5, 3.0, 2.5],
        alignements=["gauche", "droite", "droite"],
        lignes_grasses=[-1],
        taille=9,
    )
    paragraphe(doc, "Certifié sincère et véritable.", avant=12)
    paragraphe(doc, "À Blaye, le 2 avril 2026")
    paragraphe(doc, f"La Présidente, {PRESIDENTE_ASSO}", avant=10)
    enregistrer(doc, dest / "plan_financement.docx")


def construire(dest: Path) -> None:
    """Écrit les DOCX du dossier dans `dest` (un fichier par document, `<tige>.docx`)."""
    dest.mkdir(parents=True, exist_ok=True)
    _deliberation(dest)
    _rapport(dest)
    _convention(dest)
    _plan_financement(dest)
