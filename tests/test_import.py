"""actes62 import: documents → the dossier they describe, with À VÉRIFIER / À COMPLÉTER comments."""

from __future__ import annotations

import io
import re
import shutil
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from ruamel.yaml import YAML

import actes62
from actes62 import calque
from actes62 import importer as importer_module
from actes62.checks.releve import releve
from actes62.checks.rules import audit
from actes62.cli import main
from actes62.errors import DossierInvalide
from actes62.importer import A_COMPLETER, A_VERIFIER, ecrire_import, importer, importer_detail
from actes62.load import chemin_lisible
from actes62.model import Dossier
from actes62.read import read_document
from tests.corpus.mesure import lire_cle

EXEMPLES = Path(__file__).resolve().parent.parent / "examples"


def _importer(documents: Path, sortie: Path) -> str:
    ecrire_import(importer_detail([documents]), sortie)
    return sortie.read_text(encoding="utf-8")


def _lu(chemin: Path) -> dict[str, Any]:
    donnees: dict[str, Any] = YAML(typ="safe").load(chemin.read_text(encoding="utf-8"))
    return donnees


def _texte(valeur: object) -> object:
    return str(valeur) if valeur is not None else None


def _memes_faits(original: Dossier, importe: dict[str, Any]) -> None:
    """What the facts give equals what the documents were made from. The rest (names and
    addresses, the rapport's text, the avis's commission, the acquittement's dates…) is « À
    COMPLÉTER » by hand: no fact states it."""
    seance = importe["seance"]
    assert seance["date"] == original.seance.date
    assert seance["presents"] == [str(p) for p in original.seance.presents]
    assert seance["excuses"] == [str(p) for p in original.seance.excuses]
    assert seance["secretaire"] == str(original.seance.secretaire)
    assert seance["president"] == str(original.seance.president)
    assert seance["pouvoirs"] == [
        {"mandant": str(p.mandant), "mandataire": str(p.mandataire)} for p in original.seance.pouvoirs
    ]
    collectivite = importe["collectivite"]
    assert collectivite["siret"].replace(" ", "") == original.collectivite.siret.replace(" ", "")
    assert collectivite["president"] == str(original.collectivite.president)
    assert collectivite["qualite_president"] == original.collectivite.qualite_president
    assert collectivite["directeur_general"] == {
        "personne": str(original.collectivite.directeur_general.personne),
        "qualite": original.collectivite.directeur_general.qualite,
    }
    affaires = {a["deliberation"]["numero"]: a for a in importe["affaires"]}
    assert len(affaires) == len(original.affaires)
    for attendue in original.affaires:
        affaire = affaires[attendue.deliberation.numero]
        assert [
            (
                i["code_operation"],
                i["imputation"],
                i["libelle"],
                i["credits_paiement"],
                i["disponible"],
                i["proposition"],
            )
            for i in affaire["imputations"]
        ] == [
            (i.code_operation, i.imputation, i.libelle, i.credits_paiement, i.disponible, i.proposition)
            for i in attendue.imputations
        ]
        beneficiaire = affaire["beneficiaire"]
        if (
            attendue.convention is not None or beneficiaire["siret"]
        ):  # without a convention, no act may state it
            assert beneficiaire["siret"].replace(" ", "") == attendue.beneficiaire.siret.replace(" ", "")
        assert affaire["rapport"]["numero"] == attendue.rapport.numero
        assert affaire["rapport"]["avis"]["date"] == attendue.rapport.avis.date
        vote = attendue.deliberation.vote
        if vote is not None:
            assert affaire["deliberation"]["vote"]["pour"] == vote.pour
            assert affaire["deliberation"]["vote"]["contre"] == vote.contre
        assert len(affaire["deliberation"]["articles"]) == len(attendue.deliberation.articles)
        if attendue.deliberation.acquittement is not None:
            assert affaire["deliberation"]["acquittement"]["identifiant"] == (
                attendue.deliberation.acquittement.identifiant
            )
        if attendue.convention is not None:
            convention = affaire["convention"]
            assert beneficiaire["representant"] == {
                "personne": str(attendue.beneficiaire.representant.personne),
                "qualite": attendue.beneficiaire.representant.qualite,
            }
            for champ in ("debut", "fin", "date_limite_bilan", "annee"):
                assert convention[champ] == getattr(attendue.convention, champ), champ
            assert convention["signataire_beneficiaire"]["personne"] == str(
                attendue.convention.signataire_beneficiaire.personne
            )
        budget = attendue.annexe_budget
        if budget is not None:
            [lu] = [a for a in affaire["annexes"] if a["type"] == "budget"]
            assert [Decimal(str(ligne["montant"])) for ligne in lu["lignes"]] == [
                ligne.montant for ligne in budget.lignes
            ]


def test_seance_facts_read_from_documents(tmp_path: Path) -> None:
    original = actes62.load(EXEMPLES / "seance-2026-03" / "dossier.yaml")
    actes62.generate(original, tmp_path / "docs")
    texte = _importer(tmp_path / "docs", tmp_path / "importe.yaml")
    assert f"{A_VERIFIER} :" not in texte
    _memes_faits(original, _lu(tmp_path / "importe.yaml"))


def test_lianes_keeps_its_disagreements(tmp_path: Path) -> None:
    original = actes62.load(EXEMPLES / "lianes-2025" / "dossier.yaml")
    actes62.generate(original, tmp_path / "docs")
    texte = _importer(tmp_path / "docs", tmp_path / "importe.yaml")
    _memes_faits(original, _lu(tmp_path / "importe.yaml"))
    # the published dossier's known disagreements, each side named
    blocs = _blocs(texte)
    assert any("2022-01-23" in b and "2022-01-24" in b and "rapport" in b for b in blocs)
    assert any("2023-03-25" in b and "2024-03-25" in b for b in blocs)
    assert any("2025-09-02" in b and "2025-09-15" in b and "convention" in b for b in blocs)
    assert any("annexe 2" in b and "annexe 3" in b for b in blocs)


def test_missing_facts_fail_only_where_to_complete(tmp_path: Path) -> None:
    actes62.generate(actes62.load(EXEMPLES / "seance-2026-03" / "dossier.yaml"), tmp_path / "docs")
    texte = _importer(tmp_path / "docs", tmp_path / "importe.yaml")
    lignes = texte.splitlines()
    with pytest.raises(DossierInvalide) as erreur:
        actes62.load(tmp_path / "importe.yaml")
    assert erreur.value.erreurs
    for probleme in erreur.value.erreurs:
        assert probleme.ligne is not None
        avant = lignes[probleme.ligne - 2]
        assert f"{A_COMPLETER} :" in avant, (probleme, avant)


_FIXE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\[[^\]]*\]|\*\*")


def test_importer_holds_no_template_wording() -> None:
    """The importer reads facts and structure, never a template's sentences: no run of 3 words
    written by a shipped template appears in its source."""
    source = " ".join(Path(importer_module.__file__).read_text(encoding="utf-8").casefold().split())
    modeles = Path(importer_module.__file__).resolve().parents[2] / "templates"
    textes = sorted(modeles.glob("*.txt"))
    assert textes
    trouves = []
    for fichier in textes:
        for ligne in fichier.read_text(encoding="utf-8").splitlines():
            for morceau in _FIXE.split(ligne):
                mots = morceau.casefold().split()
                for i in range(len(mots) - 2):
                    suite = " ".join(mots[i : i + 3])
                    if re.search(r"\w", suite) and suite in source:
                        trouves.append((fichier.name, suite))
    assert trouves == []


def test_template_wording_test_can_fail() -> None:
    """The same search finds a template's words in a text that holds them."""
    ligne = "[Séance] PRÉSIDENCE DE {{ seance.president.civilite_longue | upper }}"
    mots = " ".join(m for morceau in _FIXE.split(ligne) for m in morceau.casefold().split())
    assert mots == "présidence de"
    ligne = "[Body Text] Vu le rapport {{ collectivite.president | du }}"
    mots = " ".join(m for morceau in _FIXE.split(ligne) for m in morceau.casefold().split())
    assert "vu le rapport" in mots


def _blocs(texte: str) -> list[str]:
    """The À VÉRIFIER comments, each with its lines of sides."""
    blocs: list[str] = []
    for ligne in texte.splitlines():
        commentaire = ligne.strip()
        if commentaire.startswith(f"# {A_VERIFIER}"):
            blocs.append(commentaire)
        elif blocs and commentaire.startswith("#   - "):
            blocs[-1] += "\n" + commentaire
        elif not commentaire.startswith("#"):
            blocs.append("") if blocs and blocs[-1] else None
    return [b for b in blocs if b]


def _nombre(valeur: str) -> list[str]:
    """The forms a key's value may take in a comment."""
    formes = [valeur]
    if re.fullmatch(r"\d+\.\d\d", valeur):
        formes.append(valeur.removesuffix(".00"))
    return formes


CORPUS = [
    nom
    for nom in (
        "seed_2025_344",
        "temoin_erreurs",
        "temoin2_erreurs",
        "invente_erreurs_a",
        "invente_erreurs_b",
    )
]


@pytest.mark.parametrize("nom", CORPUS)
def test_corpus_disagreements_are_to_check(nom: str, tmp_path: Path) -> None:
    from tests.corpus.mesure import construire

    dossier = construire(nom, tmp_path, pdf=False)
    _, desaccords = importer([dossier])
    resultat = importer_detail([dossier])
    sortie = tmp_path / "importe.yaml"
    ecrire_import(resultat, sortie)
    blocs = _blocs(sortie.read_text(encoding="utf-8"))
    assert len(blocs) == len(desaccords)
    attendus = [a for a in lire_cle(nom).attendus if a.code[:2] == "A0"]
    assert attendus
    for attendu in attendus:
        trouve = [
            b
            for b in blocs
            if all(any(f in b for f in _nombre(v)) for v in attendu.valeurs)
            and all(d in b for d in attendu.documents)
        ]
        assert trouve, f"{attendu.code} {attendu.quoi}"


def test_cli_import_counts(tmp_path: Path) -> None:
    actes62.generate(actes62.load(EXEMPLES / "lianes-2025" / "dossier.yaml"), tmp_path / "docs")
    sortie = io.StringIO()
    assert main(["import", str(tmp_path / "docs"), "-o", str(tmp_path / "d.yaml")], sortie) == 0
    message = sortie.getvalue()
    assert re.search(r"\d+ faits lus, [1-9]\d* désaccords à vérifier", message), message
    assert re.search(r"[1-9]\d* champs à compléter", message), message


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    vide = tmp_path / "vide"
    vide.mkdir()
    assert main(["import", str(vide), "-o", str(tmp_path / "d.yaml")]) == 2
    assert "aucun document" in capsys.readouterr().err
    casse = tmp_path / "casse.docx"
    casse.write_bytes(b"ceci n'est pas un docx")
    assert main(["import", str(casse), "-o", str(tmp_path / "d.yaml")]) == 2
    err = capsys.readouterr().err
    assert "casse.docx" in err and "Traceback" not in err
    assert not (tmp_path / "d.yaml").exists()
    existant = tmp_path / "existant.yaml"
    existant.write_text("garde-moi\n", encoding="utf-8")
    assert main(["import", str(casse), "-o", str(existant)]) == 2
    assert "existe déjà" in capsys.readouterr().err
    assert existant.read_text(encoding="utf-8") == "garde-moi\n"


# --- the round trip: documents → import → documents -----------------------------------------------


def _completer_par_exemples(donnees: Any) -> set[str]:
    """Fill the fields left « À COMPLÉTER » with the model's example for them; their paths."""
    places = calque.chemins(donnees)
    remplis = set()
    for carte in [c for c in _cartes(donnees)]:
        for cle, valeur in list(carte.items()):
            if valeur == "":
                chemin = places[(id(carte), cle)]
                carte[cle] = calque.exemple_du_champ(chemin)
                assert carte[cle] is not None, chemin
                remplis.add(chemin_lisible(chemin))
    return remplis


def _cartes(valeur: Any) -> list[Any]:
    if isinstance(valeur, dict):
        return [valeur, *(c for v in valeur.values() for c in _cartes(v))]
    if isinstance(valeur, list):
        return [c for v in valeur for c in _cartes(v)]
    return []


def _textes(chemin: Path) -> list[str]:
    return [" ".join(p.text.split()) for p in read_document(chemin).pieces if p.text.strip()]


def _faits(dossier: Path) -> dict[str, Counter[tuple[str, str, str]]]:
    """Every fact each document states, by document (its act number and kind)."""
    resultat: dict[str, Counter[tuple[str, str, str]]] = {}
    for affaire in releve([dossier]).affaires:
        for document in affaire.documents:
            cle = document.chemin.name.split("_", 1)[1]
            resultat[cle] = Counter((f.sorte.name, f.role.name, f.valeur_texte()) for f in document.faits)
    return resultat


# What no document states, so that the import leaves it to complete: the tribunal and the séance's
# town (no template writes them), the title of an annex given as a file, the ACTES code of a séance
# whose acts are still projects, and what only a convention would say of a beneficiary without one.
RESTANTS = {
    "lianes-2025": {
        "collectivite.tribunal_administratif",
        "seance.lieu",
        "affaires[0].annexes[0].titre",
    },
    "seance-2026-03": {
        "collectivite.code_departement",
        "collectivite.tribunal_administratif",
        "seance.lieu",
        "affaires[1].beneficiaire.forme_juridique",
        "affaires[1].beneficiaire.siret",
        "affaires[1].beneficiaire.siege",
        "affaires[1].beneficiaire.representant",
        "affaires[2].annexes[1].titre",
    },
}


@pytest.mark.parametrize("exemple", sorted(RESTANTS))
def test_import_then_generate_gives_the_documents_back(exemple: str, tmp_path: Path) -> None:
    """The documents of an example, imported and generated again from the imported dossier (its
    fields « À COMPLÉTER » filled with any value, since no document states them), say the same
    text, paragraph by paragraph, and the same facts."""
    actes62.generate(actes62.load(EXEMPLES / exemple / "dossier.yaml"), tmp_path / "docs")
    resultat = importer_detail([tmp_path / "docs"])
    assert _completer_par_exemples(resultat.donnees) == RESTANTS[exemple]
    ecrire_import(resultat, tmp_path / "importe.yaml")
    actes62.generate(actes62.load(tmp_path / "importe.yaml"), tmp_path / "regeneres")
    originaux = {p.name.split("_", 1)[1]: p for p in (tmp_path / "docs").glob("*.docx")}
    regeneres = {p.name.split("_", 1)[1]: p for p in (tmp_path / "regeneres").glob("*.docx")}
    assert sorted(regeneres) == sorted(originaux)
    for nom, original in originaux.items():
        assert _textes(regeneres[nom]) == _textes(original), nom
    assert _faits(tmp_path / "regeneres") == _faits(tmp_path / "docs")


def test_words_are_read_where_the_templates_write_them(tmp_path: Path) -> None:
    original = actes62.load(EXEMPLES / "lianes-2025" / "dossier.yaml")
    actes62.generate(original, tmp_path / "docs")
    texte = _importer(tmp_path / "docs", tmp_path / "importe.yaml")
    lu = _lu(tmp_path / "importe.yaml")
    affaire, attendue = lu["affaires"][0], original.affaires[0]
    assert lu["collectivite"]["nom"] == original.collectivite.nom
    assert lu["collectivite"]["siege"]["lignes"] == original.collectivite.siege.lignes
    assert lu["seance"]["instance"] == original.seance.instance.value
    assert affaire["beneficiaire"]["forme_juridique"] == attendue.beneficiaire.forme_juridique.value
    assert affaire["rapport"]["pole"] == attendue.rapport.pole
    assert len(affaire["rapport"]["expose"]) == len(attendue.rapport.expose)
    assert affaire["rapport"]["avis"]["numero"] == attendue.rapport.avis.numero
    assert affaire["rapport"]["avis"]["avis"] == attendue.rapport.avis.avis
    assert attendue.convention is not None and attendue.convention.preambule
    assert len(affaire["convention"]["preambule"]) == len(attendue.convention.preambule)
    acquittement = attendue.deliberation.acquittement
    assert acquittement is not None
    assert affaire["deliberation"]["acquittement"]["date_publication"] == acquittement.date_publication
    # each value says where it was read
    assert "# lu là où le modèle l'écrit : lianes-2025_2025-344_rapport.docx" in texte


def test_hand_written_documents_round_trip_without_new_disagreement(tmp_path: Path) -> None:
    """The seed's documents, written by hand in another layout: imported, completed with any
    value and generated again, the new documents disagree among themselves only where the
    originals already did (a disagreement is its code and the values on each side)."""
    from tests.corpus.mesure import construire

    documents = construire("seed_2025_344", tmp_path, pdf=False)
    resultat = importer_detail([documents])
    assert resultat.desaccords
    _completer_par_exemples(resultat.donnees)
    ecrire_import(resultat, tmp_path / "importe.yaml")
    actes62.generate(actes62.load(tmp_path / "importe.yaml"), tmp_path / "regeneres")

    def desaccords(chemin: Path) -> set[tuple[str, frozenset[str]]]:
        return {  # « LEROY » and « Leroy » are one person
            (f.code, frozenset(v.casefold() for v in f.values.values()))
            for f in audit([chemin])
            if f.code.startswith("A0")
        }

    originaux = desaccords(documents)
    regeneres = desaccords(tmp_path / "regeneres")
    assert regeneres
    assert regeneres <= originaux


def test_own_templates_are_read_as_they_write(tmp_path: Path) -> None:
    """A collectivité's template that words a paragraph otherwise: the import given its
    templates reads the words there; given the shipped ones, it cannot."""
    modeles = tmp_path / "modeles"
    assert main(["modele", "copier", str(modeles)]) == 0
    convention = modeles / "convention.docx"
    document = Document(str(convention))
    [paragraphe] = [p for p in document.paragraphs if "{{ convention.objet }}" in p.text]
    for run in paragraphe.runs:
        run.text = run.text.replace("Objet : ", "Cette convention a pour objet : ")
    assert "Cette convention a pour objet" in paragraphe.text
    document.save(str(convention))
    original = actes62.load(EXEMPLES / "lianes-2025" / "dossier.yaml")
    actes62.generate(original, tmp_path / "docs", templates=modeles)
    assert original.affaires[0].convention is not None
    objet = original.affaires[0].convention.objet
    propres = importer_detail([tmp_path / "docs"], templates=modeles).donnees
    assert propres["affaires"][0]["convention"]["objet"] == objet
    livres = importer_detail([tmp_path / "docs"]).donnees
    assert livres["affaires"][0]["convention"]["objet"] != objet


def test_cli_import_with_templates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    actes62.generate(actes62.load(EXEMPLES / "lianes-2025" / "dossier.yaml"), tmp_path / "docs")
    absent = tmp_path / "pas-de-modeles"
    code = main(
        ["import", str(tmp_path / "docs"), "-o", str(tmp_path / "d.yaml"), "--templates", str(absent)]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "pas-de-modeles" in err and "Traceback" not in err
    assert not (tmp_path / "d.yaml").exists()


# --- what a clerk's folder holds ------------------------------------------------------------------


def _commentaires_alignes(texte: str) -> list[str]:
    """The comments not at the column of the key they stand above."""
    lignes = texte.splitlines()
    decales = []
    for i, ligne in enumerate(lignes):
        if not ligne.lstrip().startswith("# ") or not ligne.startswith(" "):
            continue
        suivante = next(s for s in lignes[i + 1 :] if not s.lstrip().startswith("#"))
        colonne = len(suivante) - len(suivante.lstrip(" -"))
        if len(ligne) - len(ligne.lstrip()) != colonne:
            decales.append(f"{i + 1}: {ligne.strip()[:40]} / {suivante.strip()[:40]}")
    return decales


def test_docx_with_their_pdfs_import_as_the_docx_alone(tmp_path: Path) -> None:
    """`generate --pdf` writes each act twice (and the transmission PDF): the DOCX are read, the
    PDFs set aside and named, and the dossier is the one the DOCX alone give."""
    dossier = actes62.load(EXEMPLES / "lianes-2025" / "dossier.yaml")
    actes62.generate(dossier, tmp_path / "docs", pdf=True)
    seuls = tmp_path / "seuls"
    seuls.mkdir()
    for docx in (tmp_path / "docs").glob("*.docx"):
        shutil.copy(docx, seuls / docx.name)
    avec_pdf = importer_detail([tmp_path / "docs"])
    sans_pdf = importer_detail([seuls])
    assert _simple(avec_pdf.donnees) == _simple(sans_pdf.donnees)
    assert len(avec_pdf.desaccords) == len(sans_pdf.desaccords)
    assert {nom.split(" ")[0].rsplit(".", 1)[1] for nom, _ in avec_pdf.ignores} == {"pdf"}
    texte = avec_pdf.en_yaml()
    assert "&id" not in texte and "*id" not in texte
    assert _commentaires_alignes(texte) == []


def _simple(valeur: Any) -> Any:
    if isinstance(valeur, dict):
        return {k: _simple(v) for k, v in valeur.items()}
    if isinstance(valeur, list):
        return [_simple(v) for v in valeur]
    return valeur


def test_hand_written_vote_total_row_and_counted_members(tmp_path: Path) -> None:
    """A délibération written by hand: « Adopté à l'unanimité » is a vote to complete, not a
    draft; a table's total row is no imputation; excused members counted but not named are to
    complete, not « none »."""
    document = Document()
    for texte in (
        "DÉPARTEMENT DU PAS-DE-CALAIS",
        "Commission Permanente — réunion du 6 octobre 2025",
        "Délibération n° 2025-412",
        "Présents : 38 ; excusés : 2 ; pouvoirs : 1",
        "SOUTIEN AUX JARDINS PARTAGÉS DE L'ASSOCIATION LES JARDINS DE L'AA",
        "DÉCIDE :",
        "Article 1 : D'attribuer à l'association Les Jardins de l'Aa une subvention de 12 500 €.",
    ):
        document.add_paragraph(texte)
    tableau = document.add_table(rows=3, cols=5)
    lignes = [
        ("Code opération", "Imputation", "CP", "Proposition", "Solde"),
        ("C03-738B02", "6574//937", "50 000,00", "12 500,00", "37 500,00"),
        ("Total", "", "50 000,00", "12 500,00", "37 500,00"),
    ]
    for rangee, valeurs in zip(tableau.rows, lignes, strict=True):
        for cellule, valeur in zip(rangee.cells, valeurs, strict=True):
            cellule.text = valeur
    document.add_paragraph("Adopté à l'unanimité des membres présents et représentés.")
    chemin = tmp_path / "deliberation.docx"
    document.save(str(chemin))
    resultat = importer_detail([chemin])
    affaire = resultat.donnees["affaires"][0]
    assert [i.get("code_operation") for i in affaire["imputations"]] == ["C03-738B02"]
    deliberation = affaire["deliberation"]
    assert "etat" not in deliberation and deliberation["vote"] == ""
    assert "Adopté à l'unanimité" not in str(deliberation["articles"])
    texte = resultat.en_yaml()
    assert "sans compter les voix" in texte
    assert resultat.donnees["seance"]["excuses"] == ""
    assert "2 membre(s) excusé(s), que la délibération compte sans les nommer" in texte


def test_destination_and_unreadable_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    actes62.generate(actes62.load(EXEMPLES / "lianes-2025" / "dossier.yaml"), tmp_path / "docs")
    documents = sorted((tmp_path / "docs").glob("*.docx"))
    avant = documents[0].read_bytes()
    # never written over a document, nor into a folder
    assert main(["import", str(tmp_path / "docs"), "-o", str(documents[0]), "--force"]) == 2
    assert "fichier .yaml" in capsys.readouterr().err
    assert documents[0].read_bytes() == avant
    assert main(["import", str(tmp_path / "docs"), "-o", str(tmp_path / "docs")]) == 2
    err = capsys.readouterr().err
    assert "c'est un dossier" in err and ".dossiercible" not in err
    # an unreadable document is set aside and named; the others are imported
    (tmp_path / "docs" / "scan.docx").write_bytes(b"pas un docx")
    sortie = io.StringIO()
    assert main(["import", str(tmp_path / "docs"), "-o", str(tmp_path / "d.yaml")], sortie) == 0
    assert re.search(r"mis de côté : .*scan\.docx", sortie.getvalue()), sortie.getvalue()
    assert "faits lus" in sortie.getvalue()


def test_hand_written_layout_tables_and_guesses(tmp_path: Path) -> None:
    """Documents a clerk wrote in a layout of his own: the imputation is read by its columns'
    titles and its shape (not the total row); what the
    template's places give in documents that do not follow it is a guess, offered in the « À
    COMPLÉTER » comment, never written as a value."""
    from tests.documents_a_la_main import ecrire

    resultat = importer_detail([ecrire(tmp_path / "docs")])
    affaire = resultat.donnees["affaires"][0]
    [imputation] = affaire["imputations"]
    # the rapport's table has no code; the délibération's, whose CP column is « Crédits ouverts »,
    # is not read as an imputation table: the code is to complete
    assert imputation["code_operation"] == ""
    assert imputation["imputation"] == "6574//937"
    assert (imputation["credits_paiement"], imputation["proposition"]) == (Decimal(50000), Decimal(12500))
    assert imputation["disponible"] == Decimal(50000)  # « Solde disponible » 37 500 + 12 500
    collectivite = resultat.donnees["collectivite"]
    assert collectivite["ville"] == ""
    texte = resultat.en_yaml()
    assert "qui ne suit pas le modèle, écrit peut-être « Arras, en deux exemplaires »" in texte
    assert "lu là où le modèle l'écrit" not in texte


@pytest.mark.parametrize(
    ("suite", "titre", "texte"),
    [
        ("Objet de la convention", "Objet de la convention", ""),
        ("OBJET : rénovation du beffroi de Hesdin.", "OBJET", "rénovation du beffroi de Hesdin."),
        (
            "MONTANT : 40 000 € (quarante mille euros), soit 12,5 % d'une dépense subventionnable",
            "MONTANT",
            "40 000 € (quarante mille euros), soit 12,5 % d'une dépense subventionnable",
        ),
        ("L'ouverture au monde : 3 dispositifs", "L'ouverture au monde : 3 dispositifs", ""),
    ],
)
def test_an_article_heading_that_goes_on_with_its_text(suite: str, titre: str, texte: str) -> None:
    assert importer_module._titre_et_texte(suite) == (titre, texte)


@pytest.mark.parametrize(
    ("ecrit", "capacite"),
    [
        ("Président du Conseil départemental,", "Président du Conseil départemental"),
        (
            "Président du Conseil départemental, dûment habilité par délibération n° 2025-518",
            "Président du Conseil départemental",
        ),
        ("Agissant en vertu d'une délibération du conseil municipal du 12 mai 2025", ""),
        ("la Maire, autorisée par délibération du 3 mars 2025", "la Maire"),
    ],
)
def test_a_capacity_without_the_sentence_after_it(ecrit: str, capacite: str) -> None:
    assert importer_module._capacite(ecrit) == capacite


def test_a_document_of_no_known_kind_is_named(tmp_path: Path) -> None:
    actes62.generate(actes62.load(EXEMPLES / "lianes-2025" / "dossier.yaml"), tmp_path / "docs")
    document = Document()
    document.add_paragraph("Compte rendu de la réunion du comité de suivi du 3 février 2025.")
    document.save(str(tmp_path / "docs" / "lianes-2025_2025-344_compte-rendu.docx"))
    sortie = io.StringIO()
    assert main(["import", str(tmp_path / "docs"), "-o", str(tmp_path / "d.yaml")], sortie) == 0
    assert re.search(r"mis de côté : .*compte-rendu\.docx \(ni délibération", sortie.getvalue()), (
        sortie.getvalue()
    )


def test_pdfs_alone_are_read_where_the_templates_write_them(tmp_path: Path) -> None:
    """Published PDFs (no DOCX beside them): the words between the template's words are read in
    the PDF's text, each marked as read in a PDF; words at the very end or start of a paragraph,
    which a PDF's text does not delimit, are not guessed."""
    original = actes62.load(EXEMPLES / "lianes-2025" / "dossier.yaml")
    actes62.generate(original, tmp_path / "docs", pdf=True)
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    for pdf in (tmp_path / "docs").glob("*.pdf"):
        if "transmission" not in pdf.name:
            shutil.copy(pdf, pdfs / pdf.name)
    resultat = importer_detail([pdfs])
    donnees = resultat.donnees
    affaire, attendue = donnees["affaires"][0], original.affaires[0]
    assert donnees["collectivite"]["nom"] == original.collectivite.nom
    # an address ends its words with a comma, as its lines do: not cut at its first comma
    assert donnees["collectivite"]["siege"] in ("", {"lignes": original.collectivite.siege.lignes})
    assert affaire["rapport"]["avis"]["nom"] == attendue.rapport.avis.nom
    assert affaire["rapport"]["avis"]["numero"] == attendue.rapport.avis.numero
    texte = resultat.en_yaml()
    assert "lu dans un PDF, qui ne dit pas où finissent ses paragraphes" in texte
    # « Secrétaire : M. Etienne PERIN » ends its paragraph: a search in a PDF's text cannot tell
    # where the name stops, so nothing is read there, rather than « M »
    assert donnees["seance"].get("secretaire") not in ("M", "M.")
    for cle in ("sans_voix_presents", "sans_voix_excuses"):
        assert all(len(p) > 3 for p in donnees["seance"].get(cle, []))


def test_published_pdfs_with_their_transmission_pdf_are_one_affaire(tmp_path: Path) -> None:
    """The PDFs of a dossier and its transmission PDF, which holds the same acts again: one
    affaire, each act read once, the transmission's copies named as set aside."""
    actes62.generate(actes62.load(EXEMPLES / "lianes-2025" / "dossier.yaml"), tmp_path / "docs", pdf=True)
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    for pdf in (tmp_path / "docs").glob("*.pdf"):
        shutil.copy(pdf, pdfs / pdf.name)
    resultat = importer_detail([pdfs])
    assert len(resultat.donnees["affaires"]) == 1
    mis_de_cote = [nom for nom, raison in resultat.ignores if "PDF de transmission" in raison]
    assert len(mis_de_cote) == 4 and all("transmission.pdf" in nom for nom in mis_de_cote)
