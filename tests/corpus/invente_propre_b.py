"""Invented CLEAN dossier: Département de la Marne, Commission permanente of Monday 2 March 2026,
an operating subsidy of 9 380 € to the association Marne Mobilité Solidaire for its action
« Permis de bouger » (budget prévisionnel 29 140 €).

No error at all, but many legitimate traps (listed in `invente_propre_b.cle.yaml`): the subsidy
written 9 380 €, 9 380,00 €, 9380, 9 380,00 (in a table) and « neuf mille trois cent
quatre-vingts euros », with normal, no-break and narrow no-break spaces, and once split across two
Word runs; an acompte of 50 % and a solde of the same amount; a unit price (80 € par jour); CP,
disponible, last year's subsidy and the 23 000 € threshold, none of which is the subsidy; 40
présents + 4 pouvoirs = 44 voix pour; the séance date written « lundi 2 mars 2026 », « 02/03/2026 »
and « 20260302 »; cited acts dated in two forms; a deadline after the period.

Layout: Liberation Serif; the ACTES acknowledgement as the first paragraph of the délibération;
« Article premier » in the délibération, « Article 1 : Objet » in the convention; the vote as a
two-column table; the budget annex with « Nature des dépenses » / « Montant TTC » / « Total
général » and a resources table whose amounts have no separator and no € suffix.
"""

from __future__ import annotations

from pathlib import Path

from .ecrire import FINE, INSECABLE, R, document, enregistrer, er, paragraphe, pied_de_page, tableau

POLICE = "Liberation Serif"
PRESIDENT = "Pascal DEVILLERS"
PRESIDENTE_ASSOCIATION = "Nadia BERTHELOT"
ASSOCIATION = "Marne Mobilité Solidaire"
NUMERO = "CP-2026-0227"
ACTES = "051-225100015-20260302-CP2026_0227-DE"


def _deliberation(dest: Path) -> None:
    doc = document(POLICE, 11, marge_cm=2.2)
    pied_de_page(doc, [f"Délibération n° {NUMERO} – Commission permanente du 2 mars 2026"])
    paragraphe(
        doc,
        f"Accusé de réception en préfecture : {ACTES} – Date de télétransmission : 05/03/2026 – Date de "
        "réception préfecture : 05/03/2026",
        taille=8,
        apres=14,
    )
    paragraphe(doc, "DÉPARTEMENT DE LA MARNE", gras=True, align="centre", taille=14)
    paragraphe(doc, "COMMISSION PERMANENTE", gras=True, align="centre")
    paragraphe(doc, "Réunion du lundi 2 mars 2026", align="centre")
    paragraphe(doc, f"Délibération n° {NUMERO}", align="centre", apres=10)
    paragraphe(
        doc,
        f"ASSOCIATION {ASSOCIATION.upper()} – ACTION « PERMIS DE BOUGER » 2026",
        gras=True,
        align="centre",
        apres=10,
    )
    paragraphe(doc, f"Présidence de M. {PRESIDENT}, Président du Conseil départemental.")
    paragraphe(doc, "La Commission permanente du Conseil départemental de la Marne,", avant=6)
    for visa in (
        "Vu le Code général des collectivités territoriales, et notamment ses articles L.1611-4, "
        "L.3121-14-1, L.3211-1 et L.3211-2 ;",
        "Vu le décret n°2001-495 du 6 juin 2001 relatif à la transparence financière des aides octroyées "
        "par les personnes publiques, qui rend obligatoire une convention pour toute subvention "
        "supérieure à 23 000 € ;",
        "Vu la délibération n°2024-CD-0198 du Conseil départemental du 24 juin 2024 adoptant le Schéma "
        "départemental d'insertion 2024-2028 ;",
        "Vu la délibération n°2025-CD-0412 du Conseil départemental du 15 décembre 2025 adoptant le "
        "budget primitif 2026 ;",
        "Vu le rapport n° 27 du Président du Conseil départemental ;",
        "Vu l'avis favorable de la commission « Solidarités et insertion » réunie le 16/02/2026 ;",
        "Considérant que le Département conventionne avec chacune des structures d'insertion qu'il "
        "soutient, même en deçà de ce seuil ;",
    ):
        paragraphe(doc, visa, align="justifie")
    paragraphe(doc, "DÉCIDE :", gras=True, avant=8, apres=6)
    paragraphe(doc, R("Article premier", gras=True))
    # no-break spaces here: « 9 380 € » typed with Ctrl+Shift+Space
    paragraphe(
        doc,
        f"D'attribuer à l'association {ASSOCIATION} une subvention de fonctionnement de "
        f"9{INSECABLE}380{INSECABLE}€ (neuf mille trois cent quatre-vingts euros) au titre de l'année "
        "2026, pour son action « Permis de bouger ».",
        align="justifie",
    )
    paragraphe(doc, R("Article 2", gras=True))
    paragraphe(
        doc,
        "D'approuver la convention à conclure avec l'association, jointe en annexe 1, et d'autoriser le "
        "Président du Conseil départemental à la signer ; le budget prévisionnel de l'action figure en "
        "annexe 2.",
        align="justifie",
    )
    paragraphe(doc, R("Article 3", gras=True))
    paragraphe(
        doc,
        "La dépense de 9 380,00 € est imputée au chapitre 935, article 65748, fonction 564 (programme "
        "« Insertion – mobilité ») du budget départemental.",
        align="justifie",
    )
    paragraphe(doc, "Résultat du vote", gras=True, avant=10)
    tableau(
        doc,
        [
            ["Membres en exercice", "46"],
            ["Présents", "40"],
            ["Pouvoirs", "4"],
            ["Pour", "44"],
            ["Contre", "0"],
            ["Abstention", "0"],
        ],
        entete=0,
        largeurs_cm=[5.0, 2.0],
        alignements=["gauche", "centre"],
    )
    paragraphe(doc, "Adopté.", gras=True, avant=6, apres=10)
    paragraphe(doc, "Châlons-en-Champagne, le 2 mars 2026", align="droite")
    paragraphe(doc, "Le Président du Conseil départemental,", align="droite")
    paragraphe(doc, PRESIDENT, align="droite", avant=16)
    enregistrer(doc, dest / "deliberation.docx")


def _rapport(dest: Path) -> None:
    doc = document(POLICE, 12, marge_cm=2.4)
    paragraphe(doc, "DÉPARTEMENT DE LA MARNE", gras=True)
    paragraphe(doc, "Direction de la solidarité départementale – Service insertion", taille=10, apres=12)
    paragraphe(doc, "RAPPORT N° 27", gras=True, align="centre")
    paragraphe(doc, "COMMISSION PERMANENTE DU 02/03/2026", align="centre", apres=10)
    paragraphe(
        doc,
        f"ASSOCIATION {ASSOCIATION.upper()} – ACTION « PERMIS DE BOUGER » 2026",
        gras=True,
        align="centre",
        apres=10,
    )
    paragraphe(
        doc,
        "Le Schéma départemental d'insertion 2024-2028, adopté le 24/06/2024, fait de la mobilité un "
        "levier prioritaire du retour à l'emploi des bénéficiaires du revenu de solidarité active.",
        align="justifie",
    )
    paragraphe(
        doc,
        f"L'association {ASSOCIATION} gère une plateforme de mobilité : prêt de véhicules et de "
        "deux-roues, ateliers de préparation au code de la route et accompagnement vers le permis de "
        "conduire. L'action « Permis de bouger » se déroule du 1",
        er(),
        " janvier au 31 décembre 2026.",
        align="justifie",
    )
    paragraphe(
        doc,
        "Pour 2026, le budget prévisionnel de l'action s'élève à 29 140 € ; il comprend notamment 60 "
        "journées d'intervention d'une auto-école partenaire à 80 € par jour, soit 4 800 €.",
        align="justifie",
    )
    # the amount requested is split across two runs (« 9 3 » and « 80 € »), as after a correction
    paragraphe(
        doc,
        "L'association sollicite du Département une subvention de ",
        "9 3",
        "80 €",
        ", soit 32,19 % du budget de l'action. Pour mémoire, elle avait perçu 8 340 € en 2025.",
        align="justifie",
    )
    # narrow no-break spaces here
    paragraphe(
        doc,
        f"Il vous est proposé de lui attribuer une subvention de 9{FINE}380{INSECABLE}€, versée en deux "
        f"fois : un acompte de 50 %, soit 4{FINE}690{INSECABLE}€, à la signature de la convention (projet "
        "joint en annexe 1), et le solde à réception du bilan de l'action, attendu au plus tard le "
        "30 juin 2027. Le budget prévisionnel de l'action est joint en annexe 2.",
        align="justifie",
    )
    paragraphe(doc, "La dépense serait imputée comme suit :")
    tableau(
        doc,
        [
            ["Imputation", "CP 2026", "Disponible", "Proposition", "Solde"],
            ["935-564-65748", "120 000,00", "47 250,00", "9 380,00", "37 870,00"],
        ],
        largeurs_cm=[3.6, 3.0, 3.0, 3.0, 3.0],
        alignements=["gauche", "droite", "droite", "droite", "droite"],
        taille=10,
    )
    paragraphe(doc, "Je vous prie de bien vouloir en délibérer.", avant=10)
    paragraphe(doc, "Le Président du Conseil départemental,", align="droite", avant=8)
    paragraphe(doc, PRESIDENT, align="droite", avant=14)
    enregistrer(doc, dest / "rapport.docx")


def _convention(dest: Path) -> None:
    doc = document(POLICE, 11.5, marge_cm=2.4)
    pied_de_page(doc, [f"Convention 2026 – Département de la Marne / {ASSOCIATION}"])
    paragraphe(doc, f"Annexe 1 à la délibération n° {NUMERO}", align="droite", taille=9)
    paragraphe(doc, "CONVENTION D'OBJECTIFS ET DE MOYENS 2026", gras=True, align="centre", taille=14)
    paragraphe(
        doc,
        f"entre le Département de la Marne et l'association « {ASSOCIATION} »",
        align="centre",
        apres=12,
    )
    paragraphe(doc, "Entre :", gras=True)
    paragraphe(
        doc,
        "Le Département de la Marne, 2 bis rue de Jessaint, CS 30454, 51038 Châlons-en-Champagne Cedex, "
        "SIRET 225 100 015 00018, représenté par Monsieur Pascal Devillers, Président du Conseil "
        "départemental, autorisé par délibération de la Commission permanente du 2 mars 2026,",
        align="justifie",
    )
    paragraphe(doc, "ci-après « le Département »,", retrait_cm=1)
    paragraphe(doc, "Et :", gras=True)
    paragraphe(
        doc,
        f"L'association « {ASSOCIATION} », association déclarée, dont le siège est 14 rue de Vesle, "
        "51100 Reims, SIRET 841 973 266 00015, représentée par Madame Nadia Berthelot, Présidente,",
        align="justifie",
    )
    paragraphe(doc, "ci-après « l'association »,", retrait_cm=1)
    paragraphe(
        doc,
        "Vu la délibération du Conseil départemental du 15/12/2025 adoptant le budget primitif 2026 ;",
        avant=6,
    )
    paragraphe(doc, "Il est convenu ce qui suit :", avant=6, apres=6)

    def article(titre: str, *alineas: str) -> None:
        paragraphe(doc, titre, gras=True, avant=8)
        for alinea in alineas:
            paragraphe(doc, alinea, align="justifie")

    article(
        "Article 1 : Objet",
        "La présente convention définit les engagements de l'association pour l'action « Permis de "
        "bouger » et le soutien que lui apporte le Département.",
    )
    article(
        "Article 2 : Montant de la subvention",
        "Le Département attribue à l'association une subvention de fonctionnement de 9 380,00 € (neuf "
        "mille trois cent quatre-vingts euros) pour l'année 2026. Le budget prévisionnel de l'action, "
        "joint en annexe 2, s'élève à 29 140 €.",
    )
    article(
        "Article 3 : Durée",
        "L'action est réalisée du 1er janvier 2026 au 31 décembre 2026.",
    )
    article(
        "Article 4 : Versement",
        "La subvention est versée en deux fois : un acompte de 50 %, soit 4 690 €, à la signature de la "
        "présente convention ; le solde, soit 4 690 €, à réception du bilan mentionné à l'article 5, au "
        "prorata des dépenses réalisées.",
    )
    article(
        "Article 5 : Bilan",
        "L'association transmet au Département, au plus tard le 30 juin 2027, le bilan qualitatif et "
        "financier de l'action, signé par sa Présidente.",
    )
    article(
        "Article 6 : Contrôle",
        "En application de l'article L.1611-4 du Code général des collectivités territoriales, "
        "l'association fournit au Département une copie certifiée de ses budgets et de ses comptes.",
    )
    article(
        "Article 7 : Communication",
        "L'association mentionne le soutien du Département sur l'ensemble des supports relatifs à l'action.",
    )
    article(
        "Article 8 : Litiges",
        "À défaut d'accord amiable, les litiges sont portés devant le Tribunal administratif de "
        "Châlons-en-Champagne.",
    )
    paragraphe(doc, "Fait à Châlons-en-Champagne, le                     , en deux exemplaires.", avant=12)
    paragraphe(doc, "Pour l'association,", avant=10)
    paragraphe(doc, "La Présidente,")
    paragraphe(doc, PRESIDENTE_ASSOCIATION, avant=12, apres=12)
    paragraphe(doc, "Pour le Département,")
    paragraphe(doc, "Le Président du Conseil départemental,")
    paragraphe(doc, PRESIDENT, avant=12)
    enregistrer(doc, dest / "convention.docx")


def _annexe_budget(dest: Path) -> None:
    doc = document(POLICE, 11.5, marge_cm=2.4)
    paragraphe(doc, "ANNEXE 2", gras=True, align="droite")
    paragraphe(doc, ASSOCIATION.upper(), gras=True, align="centre", taille=13)
    paragraphe(
        doc,
        "Budget prévisionnel 2026 de l'action « Permis de bouger »",
        align="centre",
        apres=10,
    )
    tableau(
        doc,
        [
            ["Nature des dépenses", "Montant TTC"],
            ["Achats (carburant, petit équipement)", "2 350,00 €"],
            ["Location et entretien des véhicules", "6 200,00 €"],
            ["Assurances", "1 480,00 €"],
            ["Rémunération du conseiller mobilité (0,5 ETP)", "12 610,00 €"],
            ["Intervention d'une auto-école (60 jours à 80 € par jour)", "4 800,00 €"],
            ["Frais de structure", "1 700,00 €"],
            ["Total général", "29 140,00 €"],
        ],
        largeurs_cm=[11.0, 4.0],
        alignements=["gauche", "droite"],
        lignes_grasses=[-1],
    )
    paragraphe(doc, "")
    # amounts pasted from a spreadsheet: no digit grouping, no decimals, no € suffix
    tableau(
        doc,
        [
            ["Financeurs", "Montant TTC", "Part (%)"],
            ["Département de la Marne", "9380", "32,19"],
            ["État – DDETS (insertion)", "7500", "25,74"],
            ["Communauté urbaine du Grand Reims", "6000", "20,59"],
            ["Participation des bénéficiaires", "1260", "4,32"],
            ["Fonds propres de l'association", "5000", "17,16"],
            ["Total général", "29140", "100,00"],
        ],
        largeurs_cm=[9.0, 3.2, 2.8],
        alignements=["gauche", "droite", "droite"],
        lignes_grasses=[-1],
    )
    paragraphe(doc, "Fait à Reims, le 8 janvier 2026.", avant=12)
    paragraphe(doc, f"La Présidente, {PRESIDENTE_ASSOCIATION}")
    enregistrer(doc, dest / "annexe_budget.docx")


def construire(dest: Path) -> None:
    """Écrit les DOCX du dossier dans `dest` (un fichier par document, `<tige>.docx`)."""
    dest.mkdir(parents=True, exist_ok=True)
    _deliberation(dest)
    _rapport(dest)
    _convention(dest)
    _annexe_budget(dest)
