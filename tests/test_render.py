"""Generated DOCX: each document of the example is reopened with python-docx and must carry its seed
counterpart's sections and figures; generation is reproducible, atomic, escapes text, and checks a
collectivité's own templates before writing anything."""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from lxml import etree

import actes62
from actes62 import gabarit as gabarit_
from actes62 import render, typographie
from actes62.errors import FichierExistant, GenerationError, TemplateError
from actes62.load import load_text
from actes62.model import AnnexeBudget, Dossier
from actes62.textes import contexte_affaire, environnement, rendre_affaire

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "lianes-2025" / "dossier.yaml"
NOMS = {
    "deliberation": "lianes-2025_2025-344_deliberation.docx",
    "rapport": "lianes-2025_2025-344_rapport.docx",
    "convention": "lianes-2025_2025-344_convention.docx",
    "annexe_budget": "lianes-2025_2025-344_annexe3_budget.docx",
}


# --- reading a generated document ----------------------------------------------------------------------


def normal(texte: str) -> str:
    """NFKC (U+00A0 and U+202F become spaces), runs of spaces collapsed, ’ read as '."""
    return " ".join(unicodedata.normalize("NFKC", texte).split(" ")).replace("’", "'")


def style(paragraphe: Paragraph) -> str:
    return paragraphe.style.name if paragraphe.style is not None and paragraphe.style.name else ""


class Lu:
    """A DOCX reopened: its paragraphs in order (body and table cells), and its tables' rows."""

    def __init__(self, source: Path | bytes) -> None:
        self.doc: Any = docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))
        corps = self.doc.element.body
        self.paragraphes = [Paragraph(p, self.doc) for p in corps.iter(qn("w:p"))]
        self.textes = [normal(p.text) for p in self.paragraphes]
        self.tables = [[[normal(c.text) for c in ligne.cells] for ligne in t.rows] for t in self.doc.tables]

    def styles_de(self, texte: str) -> list[str]:
        return [style(p) for p, t in zip(self.paragraphes, self.textes, strict=True) if t == texte]

    def commencant(self, debut: str) -> list[str]:
        return [t for t in self.textes if t.startswith(debut)]

    @property
    def tout(self) -> str:
        return "\n".join(self.textes)


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return actes62.load(EXEMPLE)


@pytest.fixture(scope="module")
def generes(dossier: Dossier, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    sortie = tmp_path_factory.mktemp("generes")
    fichiers = render.generer(dossier, sortie)
    assert [f.name for f in fichiers] == list(NOMS.values())
    return {genre: sortie / nom for genre, nom in NOMS.items()}


@pytest.fixture(scope="module")
def deliberation(generes: dict[str, Path]) -> Lu:
    return Lu(generes["deliberation"])


@pytest.fixture(scope="module")
def rapport(generes: dict[str, Path]) -> Lu:
    return Lu(generes["rapport"])


@pytest.fixture(scope="module")
def convention(generes: dict[str, Path]) -> Lu:
    return Lu(generes["convention"])


@pytest.fixture(scope="module")
def budget(generes: dict[str, Path]) -> Lu:
    return Lu(generes["annexe_budget"])


# --- the délibération ----------------------------------------------------------------------------------


def test_deliberation_header_and_seance(deliberation: Lu) -> None:
    textes = deliberation.textes
    assert textes[:4] == [
        "Accusé de réception en préfecture : 062-226200012-20250915-lmc1526130-DE-1-1",
        "Date de télétransmission : 01/10/2025",
        "Date de réception préfecture : 01/10/2025",
        "Publication électronique le : 1er octobre 2025",
    ]
    for ligne in (
        "DÉPARTEMENT DU PAS-DE-CALAIS",
        "DÉLIBÉRATION DE LA COMMISSION PERMANENTE DU CONSEIL DÉPARTEMENTAL",
        "RÉUNION DU 15 SEPTEMBRE 2025",
        "PRÉSIDENCE DE MONSIEUR JEAN-CLAUDE LEROY",
        "Secrétaire : M. Etienne PERIN",
        "Excusé(s) : M. Ludovic LOQUET, Mme Fatima AIT-CHIKHEBBIH, Mme Maryse DELASSUS, M. Philippe FAIT, "
        "M. Alexandre MALFAIT.",
        "Assistant également sans voix délibérative : M. Jean-Louis COTTIGNY, M. Bertrand PETIT, "
        "M. Jean-Marc TELLIER.",
        "Excusé(s) sans voix délibérative : M. Michel DAGBERT.",
        "(N° 2025-344)",
        "La Commission Permanente du Conseil départemental du Pas-de-Calais,",
    ):
        assert ligne in textes
    (presents,) = deliberation.commencant("Étaient présents : ")
    assert presents.startswith("Étaient présents : M. Jean-Claude LEROY, Mme Mireille HINGREZ-CÉRÉDA, ")
    assert presents.endswith(", M. René HOCQ, Mme Emmanuelle LEVEUGLE.")
    assert presents.count(", ") == 38
    assert not deliberation.commencant("Représenté(s)")  # no pouvoir recorded
    titre = "SOUTIEN AUX ACTIONS D'ACCOMPAGNEMENT ET DE SUIVI APPORTÉES PAR LIANES COOPÉRATION EN LIEN"
    assert any(t.startswith(titre) and "ŒUVRE" in t for t in textes)


def test_deliberation_visas(deliberation: Lu) -> None:
    assert deliberation.commencant("Vu ") == [
        "Vu le Code Général des Collectivités Territoriales et, notamment, ses articles L.3121-14, "
        "L.3121-14-1, L.3211-1 et L.3211-2 ;",
        "Vu le Code Général des Collectivités Territoriales et, notamment, ses articles L.1115-1 et suivants ;",
        "Vu la délibération n° 2021-257 du Conseil départemental en date du 01/07/2021 « Délégation "
        "d'attributions à la Commission Permanente » ;",
        "Vu la délibération n° 2025-70 du Conseil départemental en date du 24/03/2025 « L'ouverture au monde "
        "dans le Pas-de-Calais : mobilité internationale des jeunes et jumelages » ;",
        "Vu la délibération n° 2022-316 du Conseil départemental en date du 26/09/2022 « Pacte des solidarités "
        "territoriales « Agir avec vous pour bien vivre dans le Pas-de-Calais » » ;",
        "Vu la délibération n° 2022-11 du Conseil départemental en date du 24/01/2022 « L'ouverture au monde "
        "dans le Pas-de-Calais : 3 dispositifs départementaux » ;",
        "Vu la délibération n° 2024-401 de la Commission Permanente en date du 14/10/2024 « Soutien aux actions "
        "d'accompagnement et de suivi apportées par l'association Lianes coopération en lien avec la mise en "
        "œuvre des dispositifs départementaux « Pas-de-Calais, mobilité européenne et internationale » et "
        "« Jumelages innovants » » ;",
        "Vu la délibération n° 2023-125 de la Commission Permanente en date du 25/03/2023 « L'ouverture au monde "
        "du Pas-de-Calais : mobilité internationale des jeunes et jumelages » ;",
        "Vu le rapport du Président du Conseil départemental, ci-annexé ;",
        "Vu l'avis de la 5e commission « Solidarité territoriale et partenariats » rendu lors de sa réunion "
        "en date du 02/09/2025 ;",
    ]


def test_deliberation_articles_table_and_vote(deliberation: Lu) -> None:
    textes = deliberation.textes
    debut = textes.index("DÉCIDE :")
    assert textes[debut - 1] == "Après en avoir délibéré,"
    articles = [t for t in textes if t.startswith("Article ")]
    assert articles == ["Article 1 :", "Article 2 :", "Article 3 :"]
    assert deliberation.styles_de("Article 1 :") == ["Heading 1"]
    assert textes[textes.index("Article 1 :") + 1].startswith(
        "D'attribuer une subvention de 9 380 € à l'association"
    )
    (table,) = deliberation.tables
    assert table == [
        ["Code Opération", "Imputation budgétaire", "Libellé Opération", "CP €", "Dépense €"],
        ["C05-043A06", "65748//93043", "Actions européennes et internationales", "10 000,00", "9 380,00"],
    ]
    assert (
        textes.index("Article 3 :")
        < textes.index("10 000,00")
        < textes.index("Dans les conditions de vote ci-dessous :")
    )
    assert deliberation.commencant("Pour : ") == [
        "Pour : 44 voix (Groupe Socialiste, Républicain et Citoyen ; Groupe Communiste et Républicain ; "
        "Groupe Union pour le Pas-de-Calais ; Groupe Rassemblement National ; Non-inscrit)"
    ]
    assert "Contre : 0 voix" in textes
    assert "Abstention : 0 voix" in textes
    assert not deliberation.commencant("Ne prend pas part")
    fin = textes[textes.index("(Adopté)") :]
    assert [t for t in fin if t] == [
        "(Adopté)",
        "LE PRÉSIDENT DU CONSEIL DÉPARTEMENTAL,",
        "Jean-Claude LEROY",
        "ARRAS, le 15 septembre 2025",
        "Pour le Président du Conseil départemental,",
        "La Directrice générale des services,",
        "Signé",
        "Maryline VINCLAIRE",
    ]


def test_deliberation_vote_variants(dossier: Dossier) -> None:
    affaire = dossier.affaires[0]
    assert affaire.deliberation.vote is not None
    vote = affaire.deliberation.vote.model_copy(update={"pour": 20, "contre": 24, "ne_prend_pas_part": 2})
    deliberation = affaire.deliberation.model_copy(update={"vote": vote, "acquittement": None})
    lu = Lu(
        render.render_document(
            dossier, affaire.model_copy(update={"deliberation": deliberation}), "deliberation"
        )
    )
    assert "Contre : 24 voix" in lu.textes
    assert "Ne prend pas part au vote : 2" in lu.textes
    assert "(Rejeté)" in lu.textes
    assert lu.textes[0] == "DÉPARTEMENT DU PAS-DE-CALAIS"  # no acknowledgement before transmission


# --- the rapport ----------------------------------------------------------------------------------------


def test_rapport(rapport: Lu, dossier: Dossier) -> None:
    textes = rapport.textes
    assert textes[:6] == [
        "DÉPARTEMENT DU PAS-DE-CALAIS",
        "Pôle Partenariats et Ingénierie",
        "Mission Coopération Européenne et Internationale",
        "RAPPORT N° 27",
        "Territoire(s) : Tous les territoires",
        "",
    ]
    assert "COMMISSION PERMANENTE DU CONSEIL DÉPARTEMENTAL" in textes
    assert "RÉUNION DU 15 SEPTEMBRE 2025" in textes
    assert any(
        t.startswith("Dans la dynamique de l'adoption de la délibération du 23 janvier 2022") for t in textes
    )
    assert (
        "A ce titre, il est proposé un accompagnement financier du Département à hauteur de 9 380 € afin de "
        in (rapport.tout)
    )
    items = [t for p, t in zip(rapport.paragraphes, textes, strict=True) if style(p) == "List Bullet"]
    assert len(items) == 6  # four actions of the exposé, two propositions
    assert items[0].startswith("actions d'accompagnement des acteurs")
    assert items[4].startswith("d'attribuer une subvention de 9 380 € à l'association Lianes coopération")
    assert items[5].startswith("de m'autoriser à signer")
    statuer = textes.index("Il convient de statuer sur cette affaire et, le cas échéant :")
    assert textes[statuer + 1] == items[4]
    assert "La dépense sera imputée sur le budget départemental comme suit :" in textes
    (table,) = rapport.tables
    assert table == [
        [
            "Code Opération",
            "Imputation Budgétaire",
            "Libellé Opération",
            "CP",
            "Disponible",
            "Proposition",
            "Solde",
        ],
        [
            "C05-043A06",
            "65748//93043",
            "Actions européennes et internationales",
            "10 000,00",
            "10 000,00",
            "9 380,00",
            "620,00",
        ],
    ]
    assert (
        "La 5e Commission - Solidarité territoriale et partenariats a émis un avis favorable sur ce rapport "
        "lors de sa réunion du 02/09/2025." in textes
    )
    fin = textes[textes.index("Je vous prie de bien vouloir en délibérer.") :]
    assert [t for t in fin if t] == [
        "Je vous prie de bien vouloir en délibérer.",
        "Le Président du Conseil départemental",
        "SIGNÉ",
        "Jean-Claude LEROY",
    ]


# --- the convention -------------------------------------------------------------------------------------


def test_convention_parties(convention: Lu) -> None:
    textes = convention.textes
    assert textes[:5] == [
        "Annexe 2",
        "Pôle Partenariats et Ingénierie",
        "Mission Coopération Européenne et Internationale",
        "CONVENTION 2025",
        "Objet : accompagnement de Lianes coopération pour favoriser l'ouverture au monde des habitants du "
        "Pas-de-Calais",
    ]
    debut = textes.index("d'autre part.") - 10
    assert textes[debut : debut + 11] == [
        "Entre le Département du Pas-de-Calais, dont le siège est situé Hôtel du Département, rue Ferdinand "
        "Buisson, 62018 Arras Cedex 9,",
        "identifié au répertoire SIRET sous le n° 226 200 012 00012,",
        "représenté par Monsieur Jean-Claude LEROY, Président du Conseil départemental, dûment autorisé par "
        "délibération de la Commission Permanente du Conseil départemental en date du 15 septembre 2025,",
        "ci-après désigné par « le Département »",
        "d'une part,",
        "Et",
        "L'association « Lianes coopération », dont le siège est situé 5 rue Jules de Vicq, 59800 LILLE,",
        "identifiée au répertoire SIRET sous le n° 438 535 221 00024,",
        "représentée par Madame Elise MOULENE, Présidente de l'association « Lianes coopération »,",
        "ci-après désignée par « le bénéficiaire »,",
        "d'autre part.",
    ]


def test_convention_visas_articles_and_signatures(convention: Lu) -> None:
    assert convention.commencant("Vu ")[:3] == [
        "Vu le code général des collectivités territoriales ;",
        "Vu la délibération du Conseil départemental du 24 janvier 2022 « L'ouverture au monde dans le "
        "Pas-de-Calais : 3 dispositifs départementaux » ;",
        "Vu la délibération du Conseil départemental du 26 septembre 2022 portant adoption du Pacte des "
        "solidarités territoriales « Agir avec vous pour bien vivre dans le Pas-de-Calais » ;",
    ]
    assert len(convention.commencant("Vu ")) == 7
    assert (
        "Vu la délibération de la Commission Permanente du 25 mars 2024 « L'ouverture au monde dans le "
        in (convention.tout)
    )
    assert "Il a été convenu ce qui suit :" in convention.textes
    assert "Préambule :" in convention.textes
    assert convention.commencant("Article ") == [
        "Article 1 : Objet de la convention",
        "Article 2 : Programme d'actions 2025",
        "Article 3 : Délai de réalisation",
        "Article 4 : Montant de la subvention",
        "Article 5 : Ajustement du montant de la subvention",
        "Article 6 : Modalités de versement",
        "Article 7 : Obligations de communication",
        "Article 8 : Avenant",
        "Article 9 : Reversement, résiliation et litiges",
        "Article 10 : Voies de recours",
    ]
    tout = convention.tout
    assert "entre le 1er janvier 2025 et le 31 décembre 2025" in tout
    assert "au plus tard le 1er avril 2026." in tout
    assert "une subvention d'un montant de 9 380 € (neuf mille trois cent quatre-vingts euros)" in tout
    assert "devant le Tribunal administratif de Lille." in tout
    assert convention.styles_de(
        "Réalisation de 6 accompagnements personnalisés favorisant l'émergence et le "
        "montage de projets de mobilité internationale auprès des acteurs du territoire ;"
    ) == ["List Bullet"]
    assert "Fait à Arras, le" in convention.textes
    assert "en 2 exemplaires originaux" in convention.textes
    (signatures,) = convention.tables
    assert len(signatures) == 1 and len(signatures[0]) == 2
    gauche, droite = ([t for t in cellule.split("\n") if t] for cellule in signatures[0])
    assert gauche == ["Pour le Département du Pas-de-Calais,", "Le Directeur général,", "Christian DERUY"]
    assert droite == ["Pour l'association « Lianes coopération »,", "La présidente,", "Elise MOULENE"]
    bordures = convention.doc.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in bordures} == {"nil"}


# --- the budget annex -----------------------------------------------------------------------------------


def test_annexe_budget(budget: Lu) -> None:
    assert budget.textes[0] == "Annexe 3"
    assert "Proposition d'accompagnement 2025 — budget" in budget.textes
    (table,) = budget.tables
    assert table[0] == ["Intitulé de l'action", "Description", "Montant alloué (€)", "%"]
    assert [ligne[2:] for ligne in table[1:]] == [
        ["3 000,00 €", "31,98"],
        ["1 500,00 €", "15,99"],
        ["800,00 €", "8,53"],
        ["600,00 €", "6,40"],
        ["1 400,00 €", "14,93"],
        ["1 180,00 €", "12,58"],
        ["700,00 €", "7,46"],
        ["200,00 €", "2,13"],
        ["9 380,00 €", "100,00"],
    ]
    assert table[1][:2] == [
        "Mise en place du parcours d'accompagnement à la mobilité (PAM – 7 modules)",
        "Animation des modules, supports pédagogiques",
    ]
    assert table[-1][:2] == ["TOTAL", ""]
    assert "La subvention du CD62 ne représente que 1,2 % du budget global 2025 de Lianes Coopération." in (
        budget.textes
    )


# --- what makes them Word documents -------------------------------------------------------------------


@pytest.mark.parametrize("genre", render.GENRES)
def test_templates_are_real_word_documents(genre: render.Genre) -> None:
    modele = gabarit_.modeles_livres().joinpath(f"{genre.modele}.docx")
    doc: Any = docx.Document(io.BytesIO(modele.read_bytes()))
    section = doc.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert abs(section.left_margin - Cm(2.5)) < Cm(0.01) and abs(section.top_margin - Cm(2)) < Cm(0.01)
    pied = section.footer.paragraphs[0]
    instructions = [e.text.strip() for e in pied._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert normal(pied.text) == "Page 1 / 1"
    utilises = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Body Text"} & utilises
    tables = [t for t in doc.tables if t.style is not None and t.style.name == "Table Grid"]
    if genre != "convention":
        (table,) = tables
        entete = table.rows[0]._tr.trPr
        assert entete is not None and entete.find(qn("w:tblHeader")) is not None
        montant = table.rows[2].cells[-1].paragraphs[0]
        assert montant.style.name == "Tableau montant"
        assert montant.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_same_xml_as_docxtpl(dossier: Dossier) -> None:
    """Compiling once gives exactly the XML docxtpl's own render + save gives, then the French
    typography pass."""
    affaire = rendre_affaire(dossier, dossier.affaires[0])
    for genre in render.GENRES:
        gabarit = render.Gabarit(genre)
        nous = zipfile.ZipFile(io.BytesIO(gabarit.rendre(dossier, dossier.affaires[0])))
        docxtpl = DocxTemplate(
            io.BytesIO(gabarit_.modeles_livres().joinpath(f"{genre.modele}.docx").read_bytes())
        )
        docxtpl.render(
            gabarit_.contexte_document(dossier, affaire, genre, None),
            jinja_env=environnement(autoescape=True, typographie_francaise=True),
        )
        tampon = io.BytesIO()
        docxtpl.save(tampon)
        reference = zipfile.ZipFile(tampon)
        for partie in ("word/document.xml", "word/footer1.xml", "word/styles.xml"):
            racine = etree.fromstring(reference.read(partie))
            typographie.corriger(racine)
            attendu = etree.tostring(racine, encoding="UTF-8", standalone=True)
            assert nous.read(partie) == attendu, (genre, partie)


def test_context_types_cover_the_context(dossier: Dossier) -> None:
    assert set(gabarit_._TYPES_CONTEXTE) == set(contexte_affaire(dossier, dossier.affaires[0]))


def test_core_properties_are_filled(generes: dict[str, Path]) -> None:
    proprietes = Lu(generes["deliberation"]).doc.core_properties
    assert proprietes.title.startswith("Délibération n°2025-344 – Soutien aux actions")
    assert proprietes.author == "Département du Pas-de-Calais"


# --- generation: reproducible, atomic, no overwrite ------------------------------------------------------


def empreintes(dossier_sortie: Path) -> dict[str, str]:
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(dossier_sortie.iterdir())}


def test_generation_is_reproducible(dossier: Dossier, generes: dict[str, Path], tmp_path: Path) -> None:
    render.generer(dossier, tmp_path / "bis")
    assert empreintes(tmp_path / "bis") == empreintes(generes["deliberation"].parent)
    with zipfile.ZipFile(generes["rapport"]) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist()[0] == "[Content_Types].xml"


def test_refuses_to_overwrite_without_force(dossier: Dossier, tmp_path: Path) -> None:
    (tmp_path / NOMS["convention"]).write_bytes(b"existant")
    with pytest.raises(FichierExistant) as erreur:
        render.generer(dossier, tmp_path)
    assert erreur.value.chemin == tmp_path / NOMS["convention"]
    assert "--force" in str(erreur.value)
    assert sorted(f.name for f in tmp_path.iterdir()) == [NOMS["convention"]]  # nothing else written
    ecrits = render.generer(dossier, tmp_path, force=True)
    assert len(ecrits) == 4
    assert (tmp_path / NOMS["convention"]).read_bytes()[:2] == b"PK"


def test_kinds_and_file_names(dossier: Dossier, tmp_path: Path) -> None:
    ecrits = render.generer(dossier, tmp_path / "nouveau" / "dossier", kinds=["rapport", "deliberation"])
    assert [f.name for f in ecrits] == [NOMS["deliberation"], NOMS["rapport"]]
    with pytest.raises(GenerationError, match="inconnu"):
        render.generer(dossier, tmp_path, kinds=["deliberations"])


def deux_affaires(dossier: Dossier) -> Dossier:
    """The example plus a second affaire without convention (so no convention file and annex)."""
    premiere = dossier.affaires[0]
    annexes = [a for a in premiere.annexes if a.type != "convention"]
    seconde = premiere.model_copy(update={"id": "sans-convention", "convention": None, "annexes": annexes})
    deliberation = seconde.deliberation.model_copy(update={"numero": "2025-345"})
    seconde = seconde.model_copy(update={"deliberation": deliberation})
    return dossier.model_copy(update={"affaires": [premiere, seconde]})


def test_affaire_without_convention(dossier: Dossier, tmp_path: Path) -> None:
    ecrits = render.generer(deux_affaires(dossier), tmp_path)
    assert [f.name for f in ecrits][4:] == [
        "sans-convention_2025-345_deliberation.docx",
        "sans-convention_2025-345_rapport.docx",
        "sans-convention_2025-345_annexe2_budget.docx",
    ]
    assert Lu(ecrits[-1]).textes[0] == "Annexe 2"
    with pytest.raises(GenerationError, match="pas de convention"):
        render.render_document(deux_affaires(dossier), deux_affaires(dossier).affaires[1], "convention")


def modele(chemin: Path, *paragraphes: str) -> Path:
    document: Any = docx.Document()
    for texte in paragraphes:
        document.add_paragraph(texte)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(chemin))
    return chemin


def test_failure_midway_leaves_no_file(dossier: Dossier, tmp_path: Path) -> None:
    """The template is valid, but fails on the second affaire (no convention): nothing is left."""
    modeles = tmp_path / "modeles"
    modele(modeles / "rapport.docx", "Rapport {{ rapport.numero }}", "Convention : {{ convention.titre }}")
    sortie = tmp_path / "sortie"
    with pytest.raises(TemplateError) as erreur:
        render.generer(deux_affaires(dossier), sortie, templates=modeles)
    assert "sans-convention" in str(erreur.value)
    assert str(modeles / "rapport.docx") in str(erreur.value)
    assert list(sortie.iterdir()) == []


def test_render_document_writes_destination(dossier: Dossier, tmp_path: Path) -> None:
    destination = tmp_path / "a" / "rapport.docx"
    donnees = render.render_document(dossier, dossier.affaires[0], "rapport", destination)
    assert destination.read_bytes() == donnees
    assert [f.name for f in destination.parent.iterdir()] == ["rapport.docx"]


# --- escaping ------------------------------------------------------------------------------------------------


def test_special_characters_survive(dossier: Dossier) -> None:
    affaire = dossier.affaires[0]
    nom = 'A&B <test> "guillemets" l\'apostrophe & {accolades}'
    beneficiaire = affaire.beneficiaire.model_copy(update={"nom": nom})
    rapport = affaire.rapport.model_copy(
        update={"expose": ["Première ligne & <suite>\nDeuxième ligne", "Paragraphe suivant."]}
    )
    modifiee = affaire.model_copy(
        update={"beneficiaire": beneficiaire, "rapport": rapport, "titre": "Titre A&B <c>"}
    )
    lu = Lu(render.render_document(dossier, modifiee, "rapport"))
    assert "TITRE A&B <C>" in lu.textes
    assert lu.doc.core_properties.title == "Rapport n°27 – Titre A&B <c>"
    assert "Première ligne & <suite>\nDeuxième ligne" in lu.textes
    suivant = lu.textes.index("Première ligne & <suite>\nDeuxième ligne") + 1
    assert lu.textes[suivant] == "Paragraphe suivant."
    paragraphe = lu.paragraphes[suivant - 1]
    assert paragraphe._p.findall(f".//{qn('w:br')}")  # a real line break
    convention = Lu(render.render_document(dossier, modifiee, "convention"))
    imprime = "A&B <test> « guillemets » l'apostrophe & {accolades}"  # French quotes: typographie
    assert (
        f"L'association « {imprime} », dont le siège est situé 5 rue Jules de Vicq, 59800 LILLE,"
        in convention.textes
    )
    assert f"Pour l'association « {imprime} »," in convention.tables[0][0][1]


# --- another collectivité ----------------------------------------------------------------------------------

AUTRE = """
collectivite:
  nom: Département de la Somme
  code_departement: "080"
  siret: 228 000 014 00016
  siege: 43 rue de la République, 80000 Amiens
  president: Mme Claire DUPONT
  qualite_president: Présidente du Conseil départemental
  directeur_general:
    personne: M. Paul MARTIN
    qualite: Directeur général des services
  ville: Amiens
  tribunal_administratif: Amiens
seance:
  date: 2026-02-02
  lieu: Amiens
  president: Mme Claire DUPONT
  secretaire: M. Luc PETIT
  membres_en_exercice: 3
  presents: [Mme Claire DUPONT, M. Luc PETIT]
  excuses: [Mme Anne LEROUX]
  pouvoirs:
    - mandant: Mme Anne LEROUX
      mandataire: M. Luc PETIT
affaires:
  - id: club-2026
    titre: Subvention au club de voile
    beneficiaire:
      nom: Club de voile
      siret: 438 535 221 00024
      siege: 1 quai Nord, 80100 Abbeville
      representant:
        personne: M. Jean VOILE
        qualite: Président du club
    imputations:
      - code_operation: X01
        imputation: 6574//932
        libelle: Sport
        credits_paiement: 5000
        disponible: 5000
        proposition: 1200
    rapport:
      numero: 4
      pole: Pôle Sports
      mission: Mission Nautisme
      expose: ["Le club demande {{ montant | euros }}."]
      propositions: ["d'attribuer {{ montant | euros }} au club ;"]
      avis: {numero: 1, nom: Sports, date: 2026-01-20}
    deliberation:
      numero: 2026-12
      visas: [{texte: Vu le code général des collectivités territoriales}]
      articles:
        - paragraphes: ["D'attribuer {{ montant | euros }} au club."]
          tableau_imputation: true
      vote: {pour: 3}
    convention:
      objet: soutien au club
      annee: 2026
      debut: 2026-01-01
      fin: 2026-12-31
      date_limite_bilan: 2027-03-31
      articles: [{titre: Objet, paragraphes: [Le Département soutient le club.]}]
      signataire_collectivite: {personne: M. Paul MARTIN, qualite: Le Directeur général des services}
      signataire_beneficiaire: {personne: M. Jean VOILE, qualite: Le président}
    annexes:
      - type: convention
      - type: budget
        titre: Budget du club
        lignes: [{intitule: Bateaux, montant: 1200}]
"""


def test_nothing_about_the_collectivite_is_hard_coded(tmp_path: Path) -> None:
    autre = load_text(AUTRE, "somme.yaml")
    ecrits = render.generer(autre, tmp_path)
    assert [f.name for f in ecrits] == [
        "club-2026_2026-12_deliberation.docx",
        "club-2026_2026-12_rapport.docx",
        "club-2026_2026-12_convention.docx",
        "club-2026_2026-12_annexe2_budget.docx",
    ]
    lus = [Lu(f) for f in ecrits]
    for lu in lus:
        tout = lu.tout + "\n".join("\n".join(c for ligne in t for c in ligne) for t in lu.tables)
        assert "Pas-de-Calais" not in tout and "PAS-DE-CALAIS" not in tout
        assert "LEROY" not in tout and "Arras" not in tout and "ARRAS" not in tout
    deliberation, rapport, convention, budget = lus
    assert "DÉPARTEMENT DE LA SOMME" in deliberation.textes
    assert "PRÉSIDENCE DE MADAME CLAIRE DUPONT" in deliberation.textes
    assert "Représenté(s) : Mme Anne LEROUX (pouvoir à M. Luc PETIT)." in deliberation.textes
    assert "La Commission Permanente du Conseil départemental de la Somme," in deliberation.textes
    assert "LA PRÉSIDENTE DU CONSEIL DÉPARTEMENTAL," in deliberation.textes
    assert "AMIENS, le 2 février 2026" in deliberation.textes
    assert "Pour la Présidente du Conseil départemental," in deliberation.textes
    assert "Vu le rapport de la Présidente du Conseil départemental, ci-annexé ;" in deliberation.textes
    assert "Le Directeur général des services," in deliberation.textes
    assert "Paul MARTIN" in deliberation.textes
    assert "Vu l'avis de la 1re commission « Sports » rendu lors de sa réunion en date du 20/01/2026 ;" in (
        deliberation.textes
    )
    assert "La Présidente du Conseil départemental" in rapport.textes
    assert "identifié au répertoire SIRET sous le n° 228 000 014 00016," in convention.textes
    assert any(
        "représenté par Madame Claire DUPONT, Présidente du Conseil départemental, dûment autorisée" in t
        for t in convention.textes
    )
    assert "Fait à Amiens, le" in convention.textes
    assert convention.tables[0][0][0].startswith("Pour le Département de la Somme,")
    assert budget.textes[0] == "Annexe 2"
    assert budget.tables[0][-1][2:] == ["1 200,00 €", "100,00"]


# --- a collectivité's own templates ---------------------------------------------------------------------


def test_custom_template_misspelt_names(dossier: Dossier, tmp_path: Path) -> None:
    chemin = modele(
        tmp_path / "mon_rapport.docx",
        "{{ affaire.titr }}",
        "{%p for visa in deliberation.visas %}",
        "{{ visa.texet }}",
        "{%p endfor %}",
        "{{ beneficaire.nom }}",
    )
    with pytest.raises(TemplateError) as erreur:
        render.render_document(dossier, dossier.affaires[0], "rapport", tmp_path / "sortie.docx", chemin)
    message = str(erreur.value)
    assert erreur.value.template == str(chemin)
    assert str(chemin) in message
    assert "« affaire.titr »" in message and "« titre »" in message
    assert "« visa.texet »" in message
    assert "nom inconnu « beneficaire »" in message and "« beneficiaire »" in message
    assert not (tmp_path / "sortie.docx").exists()


def test_custom_template_syntax_error(dossier: Dossier, tmp_path: Path) -> None:
    chemin = modele(tmp_path / "rapport.docx", "Titre", "{% if affaire.titre %}sans fin", "Fin")
    with pytest.raises(TemplateError) as erreur:
        render.Gabarit("rapport", chemin)
    assert str(chemin) in str(erreur.value)
    assert "syntaxe Jinja invalide" in str(erreur.value)
    assert "endif" in str(erreur.value)


def test_custom_template_folder(dossier: Dossier, tmp_path: Path) -> None:
    modeles = tmp_path / "modeles"
    modele(modeles / "rapport.docx", "Rapport maison n°{{ rapport.numero }} pour {{ beneficiaire.nom }}")
    ecrits = render.generer(
        dossier, tmp_path / "sortie", templates=modeles, kinds=["rapport", "deliberation"]
    )
    assert Lu(ecrits[1]).textes == ["Rapport maison n° 27 pour Lianes coopération"]
    assert "(N° 2025-344)" in Lu(ecrits[0]).textes  # shipped template for the other kinds
    modele(modeles / "rapports.docx", "x")
    with pytest.raises(TemplateError, match=r"rapports\.docx"):
        render.generer(dossier, tmp_path / "autre", templates=modeles)


def test_custom_template_header_and_single_file(dossier: Dossier, tmp_path: Path) -> None:
    document: Any = docx.Document()
    document.sections[0].header.paragraphs[0].text = "{{ collectivite.nom }} – rapport n°{{ rapport.numero }}"
    document.add_paragraph("{{ affaire.titre }}")
    document.save(str(tmp_path / "rapport.docx"))
    lu = Lu(
        render.render_document(dossier, dossier.affaires[0], "rapport", template=tmp_path / "rapport.docx")
    )
    assert lu.doc.sections[0].header.paragraphs[0].text == "Département du Pas-de-Calais – rapport n°\xa027"
    document.sections[0].header.paragraphs[0].text = "{{ collectivite.nomm }}"
    document.save(str(tmp_path / "rapport.docx"))
    with pytest.raises(TemplateError, match=r"« collectivite\.nomm ».*partie word/header"):
        render.Gabarit("rapport", tmp_path / "rapport.docx")
    with pytest.raises(TemplateError, match="dossier de modèles est attendu"):
        render.generer(dossier, tmp_path / "sortie", templates=tmp_path / "rapport.docx")
    assert not (tmp_path / "sortie").exists()


def test_sandbox_refuses_python_internals(dossier: Dossier, tmp_path: Path) -> None:
    chemin = modele(tmp_path / "rapport.docx", "{{ affaire.__class__.__mro__ }}")
    with pytest.raises(TemplateError):
        render.render_document(dossier, dossier.affaires[0], "rapport", template=chemin)


def test_budget_annex_context(dossier: Dossier) -> None:
    affaire = dossier.affaires[0]
    assert isinstance(affaire.annexes[2], AnnexeBudget)
    with pytest.raises(GenerationError, match="annexe budgétaire"):
        render.Gabarit("annexe_budget").rendre(dossier, affaire, numero_annexe=1)
