"""The consistency rules on the dossier: a small literal dossier in, a list of finding codes out.

The example dossier (the seed) yields exactly the disagreements its « DÉSACCORD » comments list;
`propre()` is the example with each of them settled, which yields nothing; each case of the table
changes one fact of it and names the codes that must follow.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import actes62
from actes62.checks import (
    RULES,
    Finding,
    Rule,
    Severity,
    check,
    findings_to_json,
    findings_to_text,
    rules_to_json,
)
from actes62.checks.context import Context, Draft
from actes62.checks.reference import lire_reference, reference
from actes62.errors import Actes62Error
from actes62.model import Collectivite, Dossier, Instance

EXEMPLE = Path(__file__).resolve().parents[1] / "examples" / "lianes-2025" / "dossier.yaml"
TEXTE = EXEMPLE.read_text(encoding="utf-8")

Donnees = dict[str, Any]


def codes(dossier: Dossier) -> list[str]:
    return sorted(f.code for f in check(dossier))


def donnees_exemple() -> Donnees:
    """The example as plain data (Decimals and dates kept), to change and validate again."""
    donnees: Donnees = actes62.load(EXEMPLE).model_dump(mode="python")
    return donnees


def _affaire(d: Donnees) -> Donnees:
    affaire: Donnees = d["affaires"][0]
    return affaire


def propre() -> Donnees:
    """The example with every disagreement of the seed settled."""
    d = donnees_exemple()
    seance = d["seance"]
    seance["pouvoirs"] = [
        {"mandant": mandant, "mandataire": mandataire}
        for mandant, mandataire in zip(seance["excuses"], seance["presents"][1:6], strict=True)
    ]
    affaire = _affaire(d)
    rapport = affaire["rapport"]
    rapport["expose"][0] = rapport["expose"][0].replace("23 janvier 2022", "24 janvier 2022")
    rapport["propositions"][1] = rapport["propositions"][1].replace("annexe 3", "annexe 2")
    deliberation = affaire["deliberation"]
    article = deliberation["articles"][1]["paragraphes"]
    article[0] = article[0].replace("annexe 3", "annexe 2")
    convention = affaire["convention"]
    deliberation["visas"][7].update(date=date(2024, 3, 25), titre=convention["visas"][5]["titre"])
    convention["visas"][6].update(date=date(2025, 9, 15), titre=affaire["titre"])
    deliberation["acquittement"]["identifiant"] = "062-226200012-20250915-LMC1526130-DE"
    convention["signataire_collectivite"] = d["collectivite"]["directeur_general"]
    budget = affaire["annexes"][2]
    budget["note"] = budget["note"].replace("Lianes Coopération", "Lianes coopération")
    affaire["annexes"][0]["fichier"] = "bilan-2024.pdf"
    return d


def valider(d: Donnees) -> Dossier:
    return Dossier.model_validate(d)


def test_example_yields_exactly_the_disagreements_of_the_seed() -> None:
    findings = check(actes62.load(EXEMPLE), source=EXEMPLE)
    assert sorted(f.code for f in findings) == [
        "D005",  # 2023-125 dated 25/03/2023, a Saturday
        "D007",  # « délibération du 23 janvier 2022 » (a Sunday): the act is of the 24th
        "D008",  # the convention cites this very délibération at 2 September 2025
        "I005",  # ACTES internal number « lmc1526130 » in lower case
        "I006",  # the convention signed by Christian DERUY, not the dossier's DGS
        "I007",  # « Lianes Coopération » in the budget note
        "R001",  # 2023-125 cited at 25/03/2023 and at 25 March 2024
        "R002",  # 2023-125 cited under two titles
        "R002",  # 2025-344 cited by the convention under another title than its own
        "R004",  # délibération art. 2: the convention « en annexe 3 » (it is annexe 2)
        "R004",  # rapport, 2nd proposal: same
        "R005",  # annexe 1, the bilan d'activités, has no file
        "V001",  # 44 votes for 39 present and no pouvoir
    ]
    par_code = {f.code: f for f in findings}
    assert par_code["V001"].values == {"votants": "44", "presents": "39", "pouvoirs": "0"}
    assert par_code["R001"].values == {"numero": "2023-125", "date": "2024-03-25", "autre_date": "2023-03-25"}
    assert par_code["D007"].values == {"date": "2022-01-23"}
    assert par_code["D008"].values["cite"] == "2025-09-02"
    assert par_code["I005"].values["numero_interne"] == "lmc1526130"
    assert par_code["I007"].values == {"ecrit": "Lianes Coopération", "nom": "Lianes coopération"}
    annexes = sorted((f.location.kind, f.location.part) for f in findings if f.code == "R004")
    assert annexes == [("délibération", "article 2, paragraphe 1"), ("rapport", "proposition 2")]


def _ligne(fragment: str, apres: str = "") -> int:
    lignes = TEXTE.splitlines()
    debut = next(i for i, ligne in enumerate(lignes) if apres in ligne) if apres else 0
    return next(i for i in range(debut, len(lignes)) if fragment in lignes[i]) + 1


def test_findings_name_the_dossier_line_and_field() -> None:
    findings = {f.code: f for f in check(actes62.load(EXEMPLE), source=EXEMPLE)}
    vote = findings["V001"].location
    assert (vote.file, vote.line, vote.field) == (
        str(EXEMPLE),
        _ligne("vote:"),
        "affaires[0].deliberation.vote",
    )
    assert vote.affaire == "lianes-2025" and vote.kind == "délibération"
    rapport = findings["D007"].location
    assert rapport.field == "affaires[0].rapport.expose[0]"
    assert rapport.text is not None and "délibération du 23 janvier 2022" in rapport.text
    assert findings["D008"].location.line == _ligne("date: 2025-09-02", apres="numero: 2025-344")
    assert (
        findings_to_text([findings["V001"]]).splitlines()[0].startswith(f"{EXEMPLE}:{_ligne('vote:')}: V001 ")
    )


def test_the_settled_example_yields_nothing() -> None:
    assert codes(valider(propre())) == []


def _deux_affaires_sur_une_operation(d: Donnees) -> None:
    seconde = json.loads(json.dumps(_affaire(d), default=str))  # a deep copy, revalidated below
    seconde.update(id="lianes-2025-bis")
    seconde["deliberation"]["numero"] = "2025-345"
    seconde["rapport"]["numero"] = 28
    seconde["deliberation"]["acquittement"] = None
    d["affaires"].append(seconde)


def _deux_affaires(deliberation: str = "2025-345", rapport: int = 28) -> Callable[[Donnees], None]:
    """A second affaire on another opération, with these numbers."""

    def changer(d: Donnees) -> None:
        seconde = json.loads(json.dumps(_affaire(d), default=str))
        seconde.update(id="lianes-2025-bis")
        seconde["deliberation"]["numero"] = deliberation
        seconde["rapport"]["numero"] = rapport
        seconde["deliberation"]["acquittement"] = None
        for imputation in seconde["imputations"]:
            imputation["code_operation"] = "C05-043A07"
        d["affaires"].append(seconde)

    return changer


def _sans_convention_au_dessus_du_seuil(d: Donnees) -> None:
    affaire = _affaire(d)
    affaire["convention"] = None
    affaire["imputations"][0].update(credits_paiement=30000, disponible=30000, proposition=24000)
    affaire["annexes"][2]["lignes"] = [{"intitule": "Programme d'actions", "montant": 24000}]


def _texte(chemin: str, ancien: str, nouveau: str) -> Callable[[Donnees], None]:
    """Replace text in the string at a dotted path of the affaire (« rapport.expose.11 »)."""

    def changer(d: Donnees) -> None:
        noeud: Any = _affaire(d)
        *parents, dernier = [int(e) if e.isdigit() else e for e in chemin.split(".")]
        for element in parents:
            noeud = noeud[element]
        assert ancien in noeud[dernier], (ancien, noeud[dernier])
        noeud[dernier] = noeud[dernier].replace(ancien, nouveau)

    return changer


def _seance(**valeurs: Any) -> Callable[[Donnees], None]:
    return lambda d: d["seance"].update(valeurs)


def _pouvoir(rang: int, **valeurs: str) -> Callable[[Donnees], None]:
    return lambda d: d["seance"]["pouvoirs"][rang].update(valeurs)


def _imputation(**valeurs: Any) -> Callable[[Donnees], None]:
    return lambda d: _affaire(d)["imputations"][0].update(valeurs)


def _convention(**valeurs: Any) -> Callable[[Donnees], None]:
    return lambda d: _affaire(d)["convention"].update(valeurs)


def _vote(**valeurs: Any) -> Callable[[Donnees], None]:
    return lambda d: _affaire(d)["deliberation"]["vote"].update(valeurs)


def _present_deux_fois_un_pouvoir_de_moins(d: Donnees) -> None:
    seance = d["seance"]
    seance["presents"].append(seance["presents"][3])
    seance["pouvoirs"].pop()


def _identifiant(identifiant: str) -> Callable[[Donnees], None]:
    return lambda d: _affaire(d)["deliberation"]["acquittement"].update(identifiant=identifiant)


CAS: list[tuple[str, Callable[[Donnees], None], list[str]]] = [
    ("proposition above the disponible", _imputation(proposition=Decimal("10500")), ["M001", "M003"]),
    ("disponible above the CP", _imputation(disponible=Decimal("12000")), ["M002"]),
    (
        "annex total not the amount",
        lambda d: _affaire(d)["annexes"][2]["lignes"][0].update(montant=3100),
        ["M003"],
    ),
    (
        "amount typed in the rapport",
        _texte("rapport.expose.11", "{{ montant | euros }}", "9 830 €"),
        ["M004"],
    ),
    (
        "amount in words not the digits",
        _texte(
            "convention.articles.3.paragraphes.0",
            "{{ montant | en_lettres }}",
            "neuf mille huit cent trente euros",
        ),
        ["M005"],
    ),
    ("two affaires over-draw one operation", _deux_affaires_sur_une_operation, ["M006"]),
    ("no convention above 23 000 €", _sans_convention_au_dessus_du_seuil, ["M007"]),
    (
        "avis after the séance",
        lambda d: _affaire(d)["rapport"]["avis"].update(date=date(2025, 9, 20)),
        ["D001"],
    ),
    ("convention period reversed", _convention(debut=date(2026, 1, 1)), ["D002"]),
    ("bilan deadline before the period end", _convention(date_limite_bilan=date(2025, 12, 1)), ["D003"]),
    (
        "another bilan deadline in a text",
        _texte(
            "convention.articles.2.paragraphes.1",
            "{{ convention.date_limite_bilan | date_longue }}",
            "1er mai 2026",
        ),
        ["D004"],
    ),
    (
        "cited act on 14 July",
        lambda d: _affaire(d)["deliberation"]["visas"][2].update(date=date(2021, 7, 14)),
        ["D005"],
    ),
    ("ACTES date not the séance", _identifiant("062-226200012-20250916-LMC1526130-DE"), ["D006"]),
    (
        "transmitted before the séance",
        lambda d: _affaire(d)["deliberation"]["acquittement"].update(date_transmission=date(2025, 9, 10)),
        ["D009"],
    ),
    ("annex that does not exist", _texte("rapport.expose.9", "annexe 3", "annexe 4"), ["R003"]),
    ("vote above présents + pouvoirs", lambda d: d["seance"].update(pouvoirs=[]), ["V001"]),
    ("two pouvoirs to one member", _pouvoir(1, mandataire="Mme Mireille HINGREZ-CÉRÉDA"), ["V002"]),
    # a pouvoir that is not valid gives no vote: 44 votes for 39 présents and 4 valid pouvoirs
    ("pouvoir to an absent member", _pouvoir(0, mandataire="M. Michel DAGBERT"), ["V001", "V003"]),
    ("pouvoir from a present member", _pouvoir(0, mandant="M. Marc SARPAUX"), ["V001", "V004"]),
    ("a présent listed twice, a pouvoir fewer", _present_deux_fois_un_pouvoir_de_moins, ["V001", "V010"]),
    ("an excusé listed twice", lambda d: d["seance"]["excuses"].append(d["seance"]["excuses"][0]), ["V010"]),
    (
        "a présent also without a vote",
        lambda d: d["seance"]["sans_voix_presents"].append(d["seance"]["presents"][2]),
        ["V010"],
    ),
    ("more contre than pour", _vote(pour=20, contre=24), ["V011"]),
    ("a tie without the président's deciding vote", _vote(pour=22, contre=22), ["V011"]),
    ("a tie decided against", _vote(pour=22, contre=22, voix_preponderante="contre"), ["V011"]),
    ("a tie decided by the président", _vote(pour=22, contre=22, voix_preponderante="pour"), []),
    (
        "a grouped number that is not an amount in a text",
        _texte("rapport.expose.1", "Lianes coopération", "Lianes coopération (les 2 700 participants)"),
        [],
    ),
    ("no quorum", _seance(membres_en_exercice=100), ["V005", "V008"]),
    ("more members listed than in office", _seance(membres_en_exercice=40), ["V006"]),
    ("present and excused", lambda d: d["seance"]["excuses"].append("M. Marc SARPAUX"), ["V007"]),
    ("secrétaire not present", _seance(secretaire="M. Michel DAGBERT"), ["V009"]),
    ("ACTES SIREN not the collectivité's", _identifiant("062-226200013-20250915-LMC1526130-DE"), ["I002"]),
    ("ACTES département", _identifiant("059-226200012-20250915-LMC1526130-DE"), ["I003"]),
    ("ACTES nature", _identifiant("062-226200012-20250915-LMC1526130-CC"), ["I004"]),
    ("ACTES internal number", _identifiant("062-226200012-20250915-_LMC1526130-DE"), ["I005"]),
    (
        "convention signed by someone else",
        _convention(
            signataire_collectivite={"personne": "M. Christian DERUY", "qualite": "Le Directeur général"}
        ),
        ["I006"],
    ),
    ("name case", _texte("rapport.expose.1", "Lianes coopération", "Lianes Coopération"), ["I007"]),
    ("name spelling", _texte("rapport.expose.1", "Lianes coopération", "Lianes cooperation"), ["I008"]),
    ("two affaires under one délibération number", _deux_affaires(deliberation="2025-344"), ["V012"]),
    ("two affaires under one rapport number", _deux_affaires(rapport=27), ["V012"]),
    (
        "a text that cannot be rendered",
        _texte("rapport.expose.11", "{{ montant | euros }}", "{{ inconnu }}"),
        ["X002"],
    ),
]


@pytest.mark.parametrize(("changement", "attendus"), [(c[1], c[2]) for c in CAS], ids=[c[0] for c in CAS])
def test_one_change_one_finding(changement: Callable[[Donnees], None], attendus: list[str]) -> None:
    d = propre()
    changement(d)
    assert codes(valider(d)) == attendus


def test_members_are_counted_once_for_the_votes_and_the_quorum() -> None:
    d = propre()
    seance = d["seance"]
    seance["presents"] = seance["presents"][:20] + seance["presents"][:5]  # 20 members, 25 lines
    seance["pouvoirs"] = []
    par_code: dict[str, list[Finding]] = {}
    for finding in check(valider(d)):
        par_code.setdefault(finding.code, []).append(finding)
    (quorum,) = par_code["V005"]
    assert quorum.values == {"comptes": "20", "majorite": "23", "membres_en_exercice": "44"}
    (voix,) = par_code["V001"]
    assert voix.values == {"votants": "44", "presents": "20", "pouvoirs": "0"}
    doubles = par_code["V010"]
    assert len(doubles) == 5
    assert doubles[0].location.field == "seance.presents[20]"
    assert doubles[0].values == {"membre": "M. Jean-Claude LEROY", "listes": "présents, présents"}


def test_a_deliberation_not_adopted() -> None:
    d = propre()
    _vote(pour=22, contre=22)(d)
    (egalite,) = check(valider(d))
    assert egalite.code == "V011" and egalite.severity is Severity.ERROR
    assert "partage des voix : la voix prépondérante du président n'est pas indiquée" in egalite.message
    assert egalite.values == {"pour": "22", "contre": "22", "voix_preponderante": ""}
    assert egalite.location.field == "affaires[0].deliberation.vote"
    _vote(pour=20, contre=24)(d)
    (rejet,) = check(valider(d))
    assert rejet.code == "V011" and "rejetée" in rejet.message


def test_two_affaires_over_drawing_one_operation_is_a_seance_error() -> None:
    d = propre()
    _deux_affaires_sur_une_operation(d)
    (finding,) = check(valider(d))
    assert finding.code == "M006" and finding.severity is Severity.ERROR
    assert finding.values == {
        "code_operation": "C05-043A06",
        "disponible": "10000.00",
        "total_propositions": "18760.00",
        "affaires": "lianes-2025, lianes-2025-bis",
    }
    assert finding.location.affaire == "lianes-2025-bis"


def test_an_invalid_siret_in_a_model_built_in_python() -> None:
    dossier = valider(propre())
    faux = dossier.collectivite.model_copy(update={"siret": "22620001200013"})  # no validation
    assert isinstance(faux, Collectivite)
    assert codes(dossier.model_copy(update={"collectivite": faux})) == ["I001"]


def _en_panne(ctx: Context) -> Iterator[Draft]:
    """Une règle qui échoue toujours."""
    raise RuntimeError("panne")


def test_a_rule_that_crashes_becomes_an_internal_error_and_the_others_still_run() -> None:
    panne = Rule("Z999", "panne", Severity.ERROR, _en_panne)
    findings = check(actes62.load(EXEMPLE), rules=(panne, *RULES))
    internes = [f for f in findings if f.code == "X001"]
    assert [f.values["regle"] for f in internes] == ["Z999"]
    assert "RuntimeError" in internes[0].message
    assert "V001" in {f.code for f in findings}
    assert all(r.code != "Z999" for r in RULES)  # the global table is untouched


@pytest.mark.parametrize(
    "dossier",
    [
        Dossier.model_construct(),
        Dossier.model_construct(collectivite=None, seance=None, affaires=None),
        Dossier.model_construct(collectivite="😴", seance="", affaires=["€"]),
    ],
    ids=["empty", "none", "junk"],
)
def test_check_never_raises_on_a_broken_model(dossier: Dossier) -> None:
    findings = check(dossier, documents=[Path("/nonexistent/acte.docx")])
    assert findings
    assert {f.code for f in findings} <= {"X001", "X002", "P002"}
    assert all(isinstance(f, Finding) for f in findings)


def test_findings_to_json_has_stable_keys() -> None:
    findings = check(actes62.load(EXEMPLE), source=EXEMPLE)
    donnees = json.loads(findings_to_json(findings))
    assert len(donnees) == len(findings)
    assert set(donnees[0]) == {"code", "severity", "message", "location", "related", "values"}
    assert set(donnees[0]["location"]) == {
        "file",
        "line",
        "affaire",
        "kind",
        "part",
        "landmark",
        "field",
        "text",
    }
    assert all(isinstance(v, str) for f in donnees for v in f["values"].values())
    assert findings_to_json(findings) == findings_to_json(check(actes62.load(EXEMPLE), source=EXEMPLE))


def test_text_output_is_one_finding_a_line_then_a_summary() -> None:
    findings = check(actes62.load(EXEMPLE))
    lignes = findings_to_text(findings, documents=[Path("a.docx")]).splitlines()
    assert len(lignes) == len(findings) + 1
    assert all(ligne.startswith("dossier:") for ligne in lignes[:-1])
    assert lignes[-1] == "5 erreurs, 7 avertissements, 1 information ; 1 document vérifié"


def test_the_table_of_rules() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.code[0] in "MDRVIPAX" and rule.code[1:].isdigit() and len(rule.code) == 4
        assert isinstance(rule.severity, Severity)
        assert "Pourquoi" in rule.description and "Référence" in rule.description, rule.code
    table = json.loads(rules_to_json())
    assert [r["code"] for r in table] == [r.code for r in RULES]
    assert set(table[0]) == {"code", "name", "severity", "description"}


def test_document_illisible_lives_in_errors() -> None:
    import actes62.read

    assert "DocumentIllisible" not in actes62.read.__all__


def test_reference_data_is_dated_and_sourced() -> None:
    donnees = reference()
    seuil = donnees.seuil_convention(date(2025, 9, 15))
    assert seuil is not None and Decimal(seuil.valeur) == Decimal("23000")
    assert "2001-495" in seuil.reference and seuil.source
    assert donnees.seuil_convention(date(2000, 1, 1)) is None
    quorum = donnees.quorum(Instance.COMMISSION_PERMANENTE, date(2025, 9, 15))
    assert (
        quorum is not None and quorum.mode == "presents_ou_representes" and "L3121-14-1" in quorum.reference
    )
    ancien = donnees.quorum(Instance.COMMISSION_PERMANENTE, date(2008, 1, 1))
    assert ancien is None
    conseil = donnees.quorum(Instance.CONSEIL_DEPARTEMENTAL, date(2025, 9, 15))
    assert conseil is not None and conseil.mode == "presents"
    with pytest.raises(Actes62Error, match="données de référence illisibles"):
        lire_reference("seuil_convention: [")


JUNK = ["", "€", "😴", "9" * 400, "annexe 99999", "délibération du 31/02/2025", "\x00\n\t", "n°", "1er 1er"]


@pytest.mark.parametrize("junk", JUNK)
def test_text_readers_take_junk(junk: str) -> None:
    from actes62.faits import phrases as texts

    assert isinstance(texts.en_lettres_et_chiffres(junk), list)
    assert isinstance(texts.dates_de_deliberation(junk), list)
    assert isinstance(texts.dates_limite_bilan(junk), list)
    assert isinstance(texts.references_annexes(junk), list)
    assert isinstance(texts.occurrences(junk, junk), list)
    assert len(texts.pliage(junk)) == len(junk)
    assert isinstance(texts.titre_normalise(junk), str)


def test_annex_references_and_their_keyword() -> None:
    from actes62.faits.phrases import references_annexes

    texte = (
        "la convention correspondante, dans les termes du projet joint en annexe 3. "
        "Voir le bilan (cf. bilan d'activités en annexe 1) et les modules (cf. annexes 2 et 4)"
    )
    assert [(r.numeros, r.mot_cle) for r in references_annexes(texte)] == [
        ((3,), "convention"),
        ((1,), "bilan"),
        ((2, 4), "bilan"),
    ]


def test_a_duplicate_number_names_both_affaires() -> None:
    d = propre()
    _deux_affaires(deliberation="2025-344")(d)
    (double,) = [f for f in check(valider(d), source=None) if f.code == "V012"]
    assert double.values == {
        "numero": "2025-344",
        "affaire": "lianes-2025-bis",
        "autre_affaire": "lianes-2025",
    }
    assert "« lianes-2025 » et de l'affaire « lianes-2025-bis »" in double.message
