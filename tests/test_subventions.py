"""What real subsidy dossiers say, expressible in the model and checked: instalments, plans de
financement and their caps, AP/CP, rapporteur, named non-participants and abstentions, attendance
that changes between affaires, figures cited for a stated reason. One change → exactly these codes."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from actes62.checks import check
from tests.test_checks import Donnees, _affaire, codes, propre, valider


def _convention(**valeurs: Any) -> Callable[[Donnees], None]:
    return lambda d: _affaire(d)["convention"].update(valeurs)


def _affaire_maj(**valeurs: Any) -> Callable[[Donnees], None]:
    return lambda d: _affaire(d).update(valeurs)


def _deliberation(**valeurs: Any) -> Callable[[Donnees], None]:
    return lambda d: _affaire(d)["deliberation"].update(valeurs)


def _vote(**valeurs: Any) -> Callable[[Donnees], None]:
    return lambda d: _affaire(d)["deliberation"]["vote"].update(valeurs)


def _ensemble(*changements: Callable[[Donnees], None]) -> Callable[[Donnees], None]:
    def changer(d: Donnees) -> None:
        for changement in changements:
            changement(d)

    return changer


VERSEMENTS = [
    {"libelle": "avance", "pourcentage": "50", "condition": "à la signature de la convention"},
    {"libelle": "solde", "montant": "4690", "condition": "sur production du bilan"},
]


def _financement(
    ressource_departement: str = "9380", taux: str | None = None, cout_ht: str = "100000"
) -> Any:
    plan: dict[str, Any] = {
        "depenses": [{"intitule": "Programme d'actions 2025", "montant": "100000"}],
        "ressources": [
            {
                "financeur": "Département du Pas-de-Calais",
                "montant": ressource_departement,
                "departement": True,
            },
            {
                "financeur": "Région Hauts-de-France",
                "montant": str(60000 - (Decimal(ressource_departement) - 9380)),
            },
            {"financeur": "Fonds propres", "montant": "30620"},
        ],
        "cout_total_ht": cout_ht,
    }
    if taux is not None:
        plan["plafond"] = {"taux": taux}
    return plan


PRESENT = "M. Jean-Claude DISSAUX"  # present, holds no pouvoir
ABSENT = "M. Michel DAGBERT"  # not a voting member of the séance

CAS: list[tuple[str, Callable[[Donnees], None], list[str]]] = [
    ("instalments that make the subsidy", _convention(versements=VERSEMENTS), []),
    (
        "instalments that do not",
        _convention(versements=[VERSEMENTS[0], {**VERSEMENTS[1], "montant": "5000"}]),
        ["M008"],
    ),
    ("a balanced plan de financement", _affaire_maj(financement=_financement()), []),
    (
        "a plan de financement expecting another subsidy",
        _affaire_maj(financement=_financement(ressource_departement="12000")),
        ["M009"],
    ),
    (
        "a cost that is not the expenses",
        _affaire_maj(financement=_financement(cout_ht="120000")),
        ["M009"],
    ),
    ("a cap respected", _affaire_maj(financement=_financement(taux="12.5")), []),
    ("a cap exceeded", _affaire_maj(financement=_financement(taux="5")), ["M010"]),
    (
        "an AP above the CP",
        lambda d: _affaire(d)["imputations"][0].update(autorisation_programme="50000"),
        [],
    ),
    (
        "an AP below the CP",
        lambda d: _affaire(d)["imputations"][0].update(autorisation_programme="5000"),
        ["M011"],
    ),
    (
        "a member who does not take part, counted",
        _ensemble(_deliberation(ne_prennent_pas_part=[PRESENT]), _vote(pour=43, ne_prend_pas_part=1)),
        [],
    ),
    (
        "a non-participant who is not there",
        _ensemble(_deliberation(ne_prennent_pas_part=[ABSENT]), _vote(pour=43, ne_prend_pas_part=1)),
        ["V013"],
    ),
    ("a non-participant not counted", _deliberation(ne_prennent_pas_part=[PRESENT]), ["V013"]),
    (
        "named abstentions",
        _vote(pour=42, abstention=2, abstentionnistes=[PRESENT, "Mme Laurence LOUCHAERT"]),
        [],
    ),
    (
        "named abstentions miscounted",
        _vote(pour=43, abstention=1, abstentionnistes=[PRESENT, "Mme Laurence LOUCHAERT"]),
        ["V013"],
    ),
    (
        "a member who left before the affaire",
        _ensemble(_deliberation(presence={"sortis": [PRESENT]}), _vote(pour=43)),
        [],
    ),
    ("a member who left, still counted", _deliberation(presence={"sortis": [PRESENT]}), ["V001"]),
    ("a rapporteur", lambda d: _affaire(d)["rapport"].update(rapporteur="Mme Blandine DRAIN"), []),
]


@pytest.mark.parametrize(("changement", "attendus"), [(c[1], c[2]) for c in CAS], ids=[c[0] for c in CAS])
def test_one_change_these_codes(changement: Callable[[Donnees], None], attendus: list[str]) -> None:
    d = propre()
    changement(d)
    assert codes(valider(d)) == attendus


def test_a_figure_cited_for_a_stated_reason_is_known() -> None:
    d = propre()
    expose = _affaire(d)["rapport"]["expose"]
    expose.append("Au-delà de 23 000 € par an, une convention est obligatoire (décret n° 2001-495).")
    assert codes(valider(d)) == ["M004"]
    _affaire(d)["montants_cites"] = [{"montant": "23000", "objet": "seuil des conventions (décret 2001-495)"}]
    assert codes(valider(d)) == []


def test_an_instalment_is_a_percentage_or_an_amount() -> None:
    d = propre()
    _affaire(d)["convention"]["versements"] = [{"libelle": "avance"}]
    with pytest.raises(ValueError, match="un versement a un montant ou un pourcentage"):
        valider(d)


def test_the_plan_de_financement_figures_are_known_to_the_documents_check() -> None:
    d = propre()
    _affaire(d)["financement"] = _financement(taux="12.5")
    dossier = valider(d)
    plan = dossier.affaires[0].financement
    assert plan is not None and plan.base_plafond() == Decimal("100000")
    assert plan.pourcentages_ressources == [Decimal("9.38"), Decimal("60.00"), Decimal("30.62")]
    assert [f.code for f in check(dossier)] == []


@pytest.mark.parametrize(
    ("forme", "nom", "designation", "accord"),
    [
        ("association", "Lianes coopération", "l'association « Lianes coopération »", "e"),
        ("commune", "Bapaume", "la commune de Bapaume", "e"),
        ("commune", "Commune d'Arras", "la commune d'Arras", "e"),
        ("commune", "Avion", "la commune d'Avion", "e"),
        (
            "communauté de communes",
            "Communauté de communes du Sud-Artois",
            "la communauté de communes du Sud-Artois",
            "e",
        ),
        ("syndicat mixte", "Pays de Saint-Omer", "le syndicat mixte « Pays de Saint-Omer »", ""),
        ("établissement public", "EPF Hauts-de-France", "l'établissement public « EPF Hauts-de-France »", ""),
        ("SCOP", "Les Ateliers", "la SCOP « Les Ateliers »", "e"),
    ],
)
def test_the_legal_form_gives_article_and_agreement(
    forme: str, nom: str, designation: str, accord: str
) -> None:
    d = propre()
    _affaire(d)["beneficiaire"].update(forme_juridique=forme, nom=nom)
    beneficiaire = valider(d).affaires[0].beneficiaire
    assert (beneficiaire.designation, beneficiaire.accord) == (designation, accord)
    assert beneficiaire.designation_majuscule == designation[0].upper() + designation[1:]


def test_an_unknown_legal_form_is_refused() -> None:
    d = propre()
    _affaire(d)["beneficiaire"]["forme_juridique"] = "assoc"
    with pytest.raises(ValueError, match="forme_juridique"):
        valider(d)


def test_the_convention_of_a_masculine_beneficiary_agrees(tmp_path: Any) -> None:
    import docx

    from actes62.render import render_document

    d = propre()
    _affaire(d)["beneficiaire"].update(forme_juridique="syndicat mixte", nom="Pays de Saint-Omer")
    dossier = valider(d)
    chemin = tmp_path / "convention.docx"
    render_document(dossier, dossier.affaires[0], "convention", chemin)
    document = docx.Document(str(chemin))
    texte = "\n".join(p.text for p in document.paragraphs).replace("\xa0", " ")
    tableaux = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells).replace(
        "\xa0", " "
    )
    assert "Le syndicat mixte « Pays de Saint-Omer », dont le siège" in texte
    assert texte.count("identifié au répertoire SIRET") == 2 and "identifiée" not in texte
    assert "ci-après désigné par « le bénéficiaire »" in texte and "représenté par Madame Elise" in texte
    assert "Pour le syndicat mixte « Pays de Saint-Omer »," in tableaux


def _projet(d: Donnees) -> None:
    deliberation = _affaire(d)["deliberation"]
    deliberation.update(etat="projet", vote=None, acquittement=None)


def test_a_projet_before_the_seance_has_no_vote_and_prints_neither_adopte_nor_signe(tmp_path: Any) -> None:
    import docx

    from actes62.render import render_document

    d = propre()
    _projet(d)
    dossier = valider(d)
    assert codes(dossier) == []
    affaire = dossier.affaires[0]
    textes = {}
    for genre in ("deliberation", "rapport"):
        chemin = tmp_path / f"{genre}.docx"
        render_document(dossier, affaire, genre, chemin)
        document = docx.Document(str(chemin))
        textes[genre] = "\n".join(p.text for p in document.paragraphs).replace("\xa0", " ")
    assert "DÉCIDE" in textes["deliberation"] and "Article 1" in textes["deliberation"]
    for mot in ("Adopté", "Signé", "Pour :", "conditions de vote"):
        assert mot not in textes["deliberation"]
    assert (
        "SIGNÉ" not in textes["rapport"] and "Je vous prie de bien vouloir en délibérer" in textes["rapport"]
    )


def test_an_adopted_deliberation_needs_its_vote_and_a_projet_no_acknowledgement() -> None:
    d = propre()
    _affaire(d)["deliberation"].update(vote=None)
    with pytest.raises(ValueError, match="une délibération adoptée a son vote"):
        valider(d)
    d = propre()
    _affaire(d)["deliberation"].update(etat="projet", vote=None)
    if _affaire(d)["deliberation"].get("acquittement") is None:
        _affaire(d)["deliberation"]["acquittement"] = {
            "identifiant": "062-226200012-20250915-LMC1526130-DE",
            "date_transmission": "2025-10-01",
            "date_reception": "2025-10-01",
            "date_publication": "2025-10-01",
        }
    with pytest.raises(ValueError, match="pas encore d'accusé de réception"):
        valider(d)


def test_the_conventions_authorising_act_is_rendered_and_checked(tmp_path: Any) -> None:
    import docx

    from actes62.render import render_document

    d = propre()
    convention = _affaire(d)["convention"]
    convention["representant_collectivite"] = {
        "personne": "Mme Blandine DRAIN",
        "qualite": "Vice-présidente du Conseil départemental",
    }
    convention["autorisation"] = {
        "instance": "commission_permanente",
        "numero": "2025-344",
        "date": "2025-09-15",
        "titre": next(
            v["titre"]
            for v in convention["visas"]
            if v.get("numero") == "2025-344" or v.get("date") == "2025-09-15"
        ),
    }
    dossier = valider(d)
    assert codes(dossier) == []
    chemin = tmp_path / "convention.docx"
    render_document(dossier, dossier.affaires[0], "convention", chemin)
    texte = "\n".join(p.text for p in docx.Document(str(chemin)).paragraphs).replace("\xa0", " ")
    assert (
        "représenté par Madame Blandine DRAIN, Vice-présidente du Conseil départemental, dûment autorisée par "
        "délibération n° 2025-344 de la Commission Permanente du Conseil départemental en date du 15 septembre 2025,"
    ) in texte
    convention["autorisation"]["date"] = "2025-09-02"
    assert codes(valider(d)) == ["D008"]


def test_named_abstentions_are_printed_in_the_deliberation(tmp_path: Any) -> None:
    import docx

    from actes62.render import render_document

    d = propre()
    _vote(pour=42, abstention=2, abstentionnistes=[PRESENT, "Mme Laurence LOUCHAERT"])(d)
    dossier = valider(d)
    assert codes(dossier) == []
    chemin = tmp_path / "deliberation.docx"
    render_document(dossier, dossier.affaires[0], "deliberation", chemin)
    texte = "\n".join(p.text for p in docx.Document(str(chemin)).paragraphs).replace("\xa0", " ")
    assert "2 voix (M. Jean-Claude DISSAUX, Mme Laurence LOUCHAERT)" in texte
