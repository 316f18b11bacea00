"""Held-out CLEAN dossier: Département du Nord, Commission permanente of Monday 8 June 2026, a
subsidy of 48 000 € to the Handball Club de la Lys (Armentières) for its 2026/2027 season, split
between two programmes (30 000 € « Sport de haut niveau », 18 000 € « Sport et inclusion »).

No error at all, but many legitimate traps (listed in `temoin_propre.cle.yaml`): the subsidy written
48 000 €, 48 000,00 €, « quarante-huit mille euros (48 000 €) », 48.000,00 (the club's treasurer
uses Belgian number formats) and once split across two Word runs; two imputation lines and a total
line; a cap of 30 % « soit 57 600 € » not reached; the 23 000 € threshold of décret n° 2001-495;
unit prices in budget labels; an instalment table 50 + 30 + 20 = 100 %; a member who does not take
part in the vote; the same acts cited in two date formats; last season's subsidy.

Layout: each document in its own font (Georgia, Tahoma, Palatino Linotype, Trebuchet MS); the
délibération with its number and séance in the page header, attendance and vote in prose, visas and
imputations as bulleted lists; « ARTICLE PREMIER » and capital article titles; a four-column
instalment table (« Versement », « Condition », « Taux », « Montant »); the annex with « Nature de la
dépense » / « Montant HT » and « Financeur » / « Taux » / « Statut »; signature blocks as plain
paragraphs.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document as DocumentDocx

from .ecrire import (
    FINE,
    INSECABLE,
    Morceau,
    R,
    document,
    en_tete,
    enregistrer,
    er,
    paragraphe,
    pied_de_page,
    tableau,
)

NUMERO = "DSJ/2026/0187"
ACTES = "059-225900018-20260608-DSJ2026_0187-DE"
PRESIDENTE = "Valérie DEBUSSCHERE"
PRESIDENT_CLUB = "Grégory VANDAMME"
CLUB = "Handball Club de la Lys"
PLAN_SPORT = "« Nord, terre de sport 2025-2028 »"
# the convention keeps each SIRET on one line (no-break spaces), as a careful typist does
SIRET_NORD = INSECABLE.join(("225", "900", "018", "00014"))
SIRET_CLUB = INSECABLE.join(("441", "703", "626", "00024"))


def _puce(doc: DocumentDocx, *morceaux: Morceau, retrait_cm: float | None = None) -> None:
    """A bulleted paragraph (Word's « List Bullet » style)."""
    par = paragraphe(doc, *morceaux, align="justifie", apres=2, retrait_cm=retrait_cm)
    par.style = doc.styles["List Bullet"]


def _deliberation(dest: Path) -> None:
    doc = document("Georgia", 10.5, marge_cm=2.4)
    en_tete(
        doc,
        [R("DÉPARTEMENT DU NORD", gras=True)],
        [f"Délibération n° {NUMERO}"],
        ["COMMISSION PERMANENTE DU 8 JUIN 2026"],
        taille=8,
    )
    pied_de_page(
        doc,
        ["Transmis au représentant de l'État le 12/06/2026 – Publié le 12/06/2026"],
        [f"ID ACTES : {ACTES}"],
        taille=7.5,
    )
    paragraphe(doc, "DÉPARTEMENT DU NORD", gras=True, align="centre", taille=14, apres=0)
    paragraphe(doc, "COMMISSION PERMANENTE", align="centre", taille=11)
    paragraphe(doc, "Séance du lundi 8 juin 2026", align="centre", avant=4)
    paragraphe(doc, R(f"DÉLIBÉRATION N° {NUMERO}", gras=True), align="centre", avant=6, apres=2)
    paragraphe(doc, "Direction des Sports et de la Jeunesse", align="centre", taille=9, apres=12)
    paragraphe(
        doc,
        R("OBJET : ", gras=True),
        "SPORT DE HAUT NIVEAU ET SPORT POUR TOUS – SAISON 2026-2027 – SOUTIEN AU HANDBALL CLUB DE LA "
        "LYS (ARMENTIÈRES)",
        align="justifie",
        apres=12,
    )
    paragraphe(
        doc,
        "Le lundi huit juin deux mille vingt-six, à 14 h 30, la Commission permanente du Conseil "
        "départemental du Nord s'est réunie à l'Hôtel du Département, à Lille, sous la présidence de "
        f"Madame {PRESIDENTE}, Présidente du Conseil départemental.",
        align="justifie",
    )
    paragraphe(
        doc,
        "Nombre de conseillers en exercice : 41 ; nombre de conseillers présents : 31 ; pouvoirs : 3.",
        align="justifie",
    )
    paragraphe(
        doc,
        "Rapporteure : Madame Karine DELATTRE, Vice-présidente chargée des sports et de la jeunesse.",
        apres=10,
    )
    paragraphe(doc, "La Commission permanente,", apres=4)
    visas: list[list[Morceau]] = [
        [
            "Vu le Code général des collectivités territoriales, notamment ses articles L.1611-4, "
            "L.3121-14-1 et L.3211-2 ;"
        ],
        ["Vu le Code du sport, notamment son article L.100-2 ;"],
        [
            "Vu la loi n° 2000-321 du 12 avril 2000 relative aux droits des citoyens dans leurs relations "
            "avec les administrations, notamment son article 10, et le décret n° 2001-495 du 6 juin 2001 "
            "qui fixe à 23 000 € le montant annuel d'aide au-delà duquel une convention est obligatoire ;"
        ],
        [
            "Vu la délibération n° DAJ/2021/0701 du Conseil départemental du 1",
            er(),
            " juillet 2021 portant délégation d'attributions à la Commission permanente ;",
        ],
        [
            "Vu la délibération n° DSJ/2024/0923 du Conseil départemental du 18 novembre 2024 adoptant le "
            f"plan {PLAN_SPORT} et son règlement d'intervention ;"
        ],
        [
            "Vu la délibération n° DFB/2025/1104 du Conseil départemental du 16 décembre 2025 relative au "
            "budget primitif 2026 ;"
        ],
        ["Vu l'avis favorable de la commission Sport, Jeunesse et Vie associative du 26 mai 2026 ;"],
        ["Vu le rapport n° 6.12 de Madame la Présidente du Conseil départemental ;"],
    ]
    for visa in visas:
        _puce(doc, *visa)
    paragraphe(doc, "Après en avoir délibéré,", avant=8)
    paragraphe(doc, "DÉCIDE :", gras=True, apres=6)

    paragraphe(doc, "ARTICLE PREMIER", gras=True, avant=4, apres=2)
    paragraphe(
        doc,
        f"D'attribuer au {CLUB}, association régie par la loi de 1901 (SIRET 441 703 626 00024), une "
        f"subvention de 48{INSECABLE}000 € (quarante-huit mille euros) pour la saison sportive 2026-2027, au "
        "titre de son équipe première, engagée en Nationale 1, et de son programme « Hand pour tous » dans "
        "les quartiers prioritaires d'Armentières.",
        align="justifie",
    )
    paragraphe(doc, "ARTICLE 2", gras=True, avant=4, apres=2)
    paragraphe(doc, "D'imputer cette dépense sur le budget départemental 2026 comme suit :", align="justifie")
    _puce(
        doc,
        f"30{INSECABLE}000 € sur le programme P412 « Sport de haut niveau » (chapitre 933, article 6574, "
        "fonction 32) ;",
        retrait_cm=1.2,
    )
    _puce(
        doc,
        f"18{INSECABLE}000 € sur le programme P415 « Sport et inclusion » (même chapitre, même article, "
        "même fonction).",
        retrait_cm=1.2,
    )
    paragraphe(doc, "ARTICLE 3", gras=True, avant=4, apres=2)
    paragraphe(
        doc,
        "D'approuver la convention d'objectifs et de moyens jointe en annexe 1 et d'autoriser Madame la "
        "Présidente du Conseil départemental à la signer.",
        align="justifie",
    )
    paragraphe(doc, "ARTICLE 4", gras=True, avant=4, apres=2)
    paragraphe(
        doc,
        "De prendre acte du budget prévisionnel et du plan de financement du projet sportif et éducatif "
        f"du club, joints en annexe 2, dont le montant s'élève à 192{INSECABLE}000 € HT.",
        align="justifie",
    )
    paragraphe(
        doc,
        "Monsieur Olivier HENNEBERT, administrateur du Handball Club de la Lys, n'a pas pris part au vote. "
        "Nombre de votants : 33. Pour : 29 ; contre : 0 ; abstentions : 4. La délibération est adoptée.",
        align="justifie",
        avant=12,
    )
    paragraphe(doc, "Fait à Lille, le 8 juin 2026.", avant=14)
    paragraphe(doc, "La Présidente du Conseil départemental,", avant=6, align="droite")
    paragraphe(doc, PRESIDENTE, avant=22, align="droite")
    enregistrer(doc, dest / "deliberation.docx")


def _rapport(dest: Path) -> None:
    doc = document("Tahoma", 10, marge_cm=2.0)
    en_tete(doc, ["Rapport n° 6.12 – Commission permanente du 08/06/2026"], taille=7.5, align="gauche")
    pied_de_page(doc, ["Département du Nord – Direction des Sports et de la Jeunesse"], taille=7)
    paragraphe(doc, "RAPPORT DE LA PRÉSIDENTE À LA COMMISSION PERMANENTE", gras=True, taille=12)
    paragraphe(doc, "Réunion du 8 juin 2026", apres=2)
    paragraphe(doc, "Direction des Sports et de la Jeunesse – Rapporteure : Karine DELATTRE", taille=9)
    paragraphe(
        doc,
        R("Objet : ", gras=True),
        f"soutien au {CLUB} pour la saison 2026-2027",
        avant=10,
        apres=10,
    )
    paragraphe(
        doc,
        f"Le plan {PLAN_SPORT}, adopté par le Conseil départemental le 18/11/2024 (délibération "
        "n° DSJ/2024/0923), accompagne les clubs qui conjuguent un niveau national et une action "
        "éducative dans les quartiers prioritaires de la politique de la ville.",
        align="justifie",
    )
    paragraphe(
        doc,
        f"Le {CLUB} (HBCL) compte 412 licenciés, dont 236 de moins de 18 ans. Son équipe première évolue "
        "en Nationale 1. Depuis 2023, son programme « Hand pour tous » propose des séances d'initiation "
        "gratuites dans trois quartiers d'Armentières : 40 séances sont prévues cette saison, au coût de "
        f"180{INSECABLE}€ la séance. Pour la saison 2025-2026, le Département lui avait accordé "
        f"42{FINE}000{INSECABLE}€.",
        align="justifie",
    )
    paragraphe(
        doc,
        f"Le budget du projet 2026-2027 s'élève à 192{FINE}000{INSECABLE}€ HT. Le règlement d'intervention "
        f"plafonne l'aide du Département à 30 % de ce budget, soit 57{FINE}600{INSECABLE}€. Je vous propose "
        "de retenir une aide de 48",
        f"{FINE}0",
        f"00{INSECABLE}€, soit 25 % du budget, répartie entre le sport de haut niveau "
        f"(30{FINE}000{INSECABLE}€) et le sport pour tous (18{FINE}000{INSECABLE}€).",
        align="justifie",
    )
    paragraphe(
        doc,
        "Cette aide dépassant le seuil de 23 000 € fixé par le décret n° 2001-495 du 6 juin 2001, je vous "
        "propose d'approuver la convention d'objectifs et de moyens jointe en annexe 1. Le plan de "
        "financement du club est joint en annexe 2.",
        align="justifie",
    )
    tableau(
        doc,
        [
            ["Bénéficiaire", "SIRET", "Aide proposée"],
            [CLUB, "44170362600024", "48 000,00 €"],
        ],
        largeurs_cm=[7.0, 4.5, 4.0],
        alignements=["gauche", "centre", "droite"],
        taille=9,
    )
    paragraphe(doc, "Incidence budgétaire (crédits de paiement 2026) :", avant=10, apres=4)
    tableau(
        doc,
        [
            ["Programme", "Imputation", "CP votés 2026", "Crédits disponibles", "Proposition", "Solde"],
            [
                "P412 – Sport de haut niveau",
                "933-32-6574",
                "1 240 000,00",
                "486 500,00",
                "30 000,00",
                "456 500,00",
            ],
            [
                "P415 – Sport et inclusion",
                "933-32-6574",
                "380 000,00",
                "142 750,00",
                "18 000,00",
                "124 750,00",
            ],
            ["TOTAL", "", "1 620 000,00", "629 250,00", "48 000,00", "581 250,00"],
        ],
        largeurs_cm=[3.4, 2.3, 2.6, 2.6, 2.6, 2.4],
        alignements=["gauche", "gauche", "droite", "droite", "droite", "droite"],
        lignes_grasses=[-1],
        taille=8.5,
    )
    paragraphe(doc, "Je vous prie de bien vouloir statuer.", avant=12)
    paragraphe(doc, "La Présidente du Conseil départemental,", avant=10)
    paragraphe(doc, PRESIDENTE, avant=18)
    enregistrer(doc, dest / "rapport.docx")


def _convention(dest: Path) -> None:
    doc = document("Palatino Linotype", 10.5)
    en_tete(
        doc,
        [f"Annexe 1 à la délibération {NUMERO} – Commission permanente du 08/06/2026"],
        taille=8,
    )
    pied_de_page(doc, [f"Convention d'objectifs et de moyens – {CLUB} – saison 2026/2027"], taille=7.5)
    paragraphe(doc, "CONVENTION D'OBJECTIFS ET DE MOYENS", gras=True, align="centre", taille=14)
    paragraphe(doc, R("Saison sportive 2026/2027", italique=True), align="centre", apres=14)
    paragraphe(doc, "ENTRE LES SOUSSIGNÉS", gras=True)
    paragraphe(
        doc,
        R("Le Département du Nord", gras=True),
        f", 51 rue Gustave Delory, 59047 Lille Cedex, SIRET {SIRET_NORD}, représenté par Madame "
        "Valérie Debusschere, Présidente du Conseil départemental, dûment autorisée par la délibération "
        f"n° {NUMERO} de la Commission permanente en date du 8 juin 2026,",
        align="justifie",
    )
    paragraphe(doc, "ci-après « le Département », d'une part,", retrait_cm=1.2)
    paragraphe(doc, "ET", gras=True, avant=4)
    paragraphe(
        doc,
        R(f"L'association « {CLUB} »", gras=True),
        ", association déclarée régie par la loi du 1",
        er(),
        f" juillet 1901, 7 rue du Stade, 59280 Armentières, SIRET {SIRET_CLUB}, représentée par son "
        "Président, Monsieur Grégory Vandamme, autorisé par délibération de son conseil d'administration "
        "du 14 avril 2026,",
        align="justifie",
    )
    paragraphe(doc, "ci-après « le club », d'autre part.", retrait_cm=1.2)
    paragraphe(doc, "PRÉAMBULE", gras=True, avant=8)
    _puce(
        doc,
        f"Vu le plan {PLAN_SPORT} adopté par délibération n° DSJ/2024/0923 du Conseil départemental "
        "du 18 novembre 2024 ;",
    )
    _puce(doc, "Vu la délibération n° DFB/2025/1104 du 16/12/2025 relative au budget primitif 2026 ;")
    _puce(doc, "Vu la demande de subvention du club du 14 avril 2026 ;")
    paragraphe(doc, "IL A ÉTÉ CONVENU CE QUI SUIT :", gras=True, avant=8, apres=6)

    paragraphe(doc, "ARTICLE 1 – OBJET", gras=True, avant=6)
    paragraphe(
        doc,
        "La présente convention définit les objectifs que le club s'engage à poursuivre pendant la saison "
        "2026/2027 et les moyens que le Département lui apporte : le maintien de l'équipe première au niveau "
        "national et la conduite du programme « Hand pour tous ».",
        align="justifie",
    )
    paragraphe(doc, "ARTICLE 2 – DURÉE", gras=True, avant=6)
    paragraphe(
        doc,
        "La convention couvre la saison sportive 2026/2027, soit la période du 1",
        er(),
        " juillet 2026 au 30 juin 2027.",
        align="justifie",
    )
    paragraphe(doc, "ARTICLE 3 – MONTANT DE LA SUBVENTION", gras=True, avant=6)
    paragraphe(
        doc,
        f"Le Département attribue au club une subvention de quarante-huit mille euros (48{FINE}000{INSECABLE}€), "
        f"dont 30{FINE}000{INSECABLE}€ au titre du sport de haut niveau et 18{FINE}000{INSECABLE}€ au titre du "
        "sport pour tous.",
        align="justifie",
    )
    paragraphe(
        doc,
        "Cette aide représente 25 % du budget prévisionnel du projet (192 000 € HT) ; elle respecte le "
        "plafond de 30 % fixé par le règlement d'intervention.",
        align="justifie",
    )
    paragraphe(doc, "ARTICLE 4 – ÉCHÉANCIER DE VERSEMENT", gras=True, avant=6)
    paragraphe(doc, "La subvention est versée selon l'échéancier suivant :", apres=4)
    tableau(
        doc,
        [
            ["Versement", "Condition", "Taux", "Montant"],
            ["Avance", "À la notification de la présente convention", "50 %", "24 000,00 €"],
            [
                "Acompte",
                "À compter du 15 janvier 2027, sur production d'un état d'avancement à mi-saison",
                "30 %",
                "14 400,00 €",
            ],
            ["Solde", "Après réception du bilan prévu à l'article 6", "20 %", "9 600,00 €"],
            ["Total", "", "100 %", "48 000,00 €"],
        ],
        largeurs_cm=[2.4, 8.4, 1.8, 3.2],
        alignements=["gauche", "gauche", "droite", "droite"],
        lignes_grasses=[-1],
        taille=9.5,
    )
    paragraphe(doc, "ARTICLE 5 – ENGAGEMENTS DU CLUB", gras=True, avant=8)
    paragraphe(
        doc,
        "Le club s'engage à organiser au moins 40 séances « Hand pour tous » dans les quartiers prioritaires "
        "d'Armentières, à accueillir les collégiens de la section sportive du collège Desrousseaux et à "
        "tenir une comptabilité distincte du projet.",
        align="justifie",
    )
    paragraphe(doc, "ARTICLE 6 – BILAN ET CONTRÔLE", gras=True, avant=6)
    paragraphe(
        doc,
        "Le club remet au Département, au plus tard le 31 décembre 2027, le bilan sportif et financier de la "
        "saison, signé par son Président, ainsi que les comptes approuvés de l'exercice. Le Département peut "
        "contrôler sur pièces et sur place l'emploi de la subvention (article L.1611-4 du Code général des "
        "collectivités territoriales).",
        align="justifie",
    )
    paragraphe(doc, "ARTICLE 7 – COMMUNICATION", gras=True, avant=6)
    paragraphe(
        doc,
        "Le logo du Département figure sur les maillots de l'équipe première et sur les supports du "
        "programme « Hand pour tous ».",
        align="justifie",
    )
    paragraphe(doc, "ARTICLE 8 – RÉSILIATION ET REVERSEMENT", gras=True, avant=6)
    paragraphe(
        doc,
        "Si le club ne respecte pas ses engagements, le Département peut, après mise en demeure restée sans "
        "effet pendant trente jours, résilier la convention et demander le reversement de tout ou partie "
        "des sommes versées.",
        align="justifie",
    )
    paragraphe(doc, "ARTICLE 9 – LITIGES", gras=True, avant=6)
    paragraphe(
        doc,
        "Les litiges relèvent du Tribunal administratif de Lille, après tentative de règlement amiable.",
        align="justifie",
    )
    paragraphe(doc, "Fait à Lille, en deux exemplaires, le", avant=14, apres=12)
    paragraphe(doc, f"Le Président du {CLUB},", gras=True)
    paragraphe(doc, PRESIDENT_CLUB, avant=18, apres=14)
    paragraphe(doc, "La Présidente du Conseil départemental du Nord,", gras=True)
    paragraphe(doc, PRESIDENTE, avant=18)
    enregistrer(doc, dest / "convention.docx")


def _plan_financement(dest: Path) -> None:
    doc = document("Trebuchet MS", 9.5)
    en_tete(doc, [f"ANNEXE 2 – Délibération n° {NUMERO} du 8 juin 2026"], taille=8, align="centre")
    paragraphe(doc, CLUB.upper(), gras=True, align="centre", taille=13, apres=0)
    paragraphe(
        doc,
        "7 rue du Stade – 59280 Armentières – SIRET 441 703 626 00024",
        align="centre",
        taille=8.5,
    )
    paragraphe(
        doc,
        "PROJET SPORTIF ET ÉDUCATIF – SAISON 2026/2027",
        gras=True,
        align="centre",
        avant=10,
    )
    paragraphe(doc, "Budget prévisionnel et plan de financement (en euros)", align="centre")
    paragraphe(doc, "Période : 01/07/2026 – 30/06/2027", align="centre", apres=10)
    paragraphe(doc, "DÉPENSES", gras=True)
    tableau(
        doc,
        [
            ["Nature de la dépense", "Montant HT"],
            ["Encadrement sportif : 2 entraîneurs diplômés d'État (1,5 ETP)", "78.400,00"],
            ["Déplacements des équipes (Nationale 1 et équipes jeunes)", "36.200,00"],
            ["Affiliations et licences fédérales (412 licences à 38 € l'unité)", "15.656,00"],
            ["Matériel sportif et équipements", "12.400,00"],
            ["Formation des éducateurs et des arbitres", "9.800,00"],
            ["Séances « Hand pour tous » (40 séances à 180 € la séance)", "7.200,00"],
            ["Location de salles, assurances et secrétariat", "24.000,00"],
            ["Communication et animations", "8.344,00"],
            ["TOTAL DES DÉPENSES", "192.000,00"],
        ],
        largeurs_cm=[12.0, 3.5],
        alignements=["gauche", "droite"],
        lignes_grasses=[-1],
        taille=9,
    )
    paragraphe(doc, "RESSOURCES", gras=True, avant=12)
    tableau(
        doc,
        [
            ["Financeur", "Montant", "Taux", "Statut"],
            ["Département du Nord", "48.000,00", "25,00 %", "sollicité"],
            ["Région Hauts-de-France", "20.000,00", "10,42 %", "sollicité"],
            ["Ville d'Armentières", "35.000,00", "18,23 %", "acquis"],
            ["Agence nationale du Sport (PSF)", "14.500,00", "7,55 %", "sollicité"],
            ["Cotisations des licenciés", "26.000,00", "13,54 %", "acquis"],
            ["Partenaires privés", "32.000,00", "16,67 %", "acquis"],
            ["Billetterie et buvette", "16.500,00", "8,59 %", "prévisionnel"],
            ["TOTAL DES RESSOURCES", "192.000,00", "100,00 %", ""],
        ],
        largeurs_cm=[7.0, 3.2, 2.4, 2.9],
        alignements=["gauche", "droite", "droite", "centre"],
        lignes_grasses=[-1],
        taille=9,
    )
    paragraphe(doc, "Armentières, le 14/04/2026", avant=12)
    paragraphe(doc, "Le Trésorier, Marc DEWAELE")
    paragraphe(doc, f"Le Président, {PRESIDENT_CLUB}")
    enregistrer(doc, dest / "plan_financement.docx")


def construire(dest: Path) -> None:
    """Écrit les DOCX du dossier dans `dest` (un fichier par document, `<tige>.docx`)."""
    dest.mkdir(parents=True, exist_ok=True)
    _deliberation(dest)
    _rapport(dest)
    _convention(dest)
    _plan_financement(dest)
