"""The grammar filters any template can use: de, du, article, feminin, ordinal, personnes, majuscules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actes62.grammaire import article, de, du, feminin, majuscules, ordinal, personnes
from actes62.model import Beneficiaire, FormeJuridique, Instance, Personne, Signataire
from actes62.textes import environnement

MONSIEUR = Personne.model_validate("M. Jean-Claude LEROY")
MADAME = Personne.model_validate("Mme Anne MARTIN")


def _beneficiaire(forme: FormeJuridique, nom: str = "Lianes coopération") -> Beneficiaire:
    return Beneficiaire.model_validate(
        {
            "nom": nom,
            "forme_juridique": forme,
            "siret": "43853522100024",
            "siege": "1 rue X, 59000 Lille",
            "representant": {"personne": "Mme Anne MARTIN", "qualite": "Présidente"},
        }
    )


def test_de_instance() -> None:
    assert de(Instance.COMMISSION_PERMANENTE) == "de la Commission Permanente"
    assert (
        de(Instance.COMMISSION_PERMANENTE, complet=True)
        == "de la Commission Permanente du Conseil départemental"
    )
    assert de(Instance.CONSEIL_DEPARTEMENTAL) == "du Conseil départemental"
    assert de(Instance.CONSEIL_DEPARTEMENTAL, complet=True) == "du Conseil départemental"
    assert de("conseil_departemental") == "du Conseil départemental"
    with pytest.raises(ValueError, match="attend une instance"):
        de("bureau")


def test_persons_agree_with_their_civilite() -> None:
    assert (du(MONSIEUR), du(MADAME)) == ("du", "de la")
    assert (article(MONSIEUR), article(MADAME)) == ("le", "la")
    assert (feminin(MONSIEUR), feminin(MADAME)) == ("", "e")
    assert du(Signataire(personne=MADAME, qualite="Présidente")) == "de la"
    assert personnes([MONSIEUR, MADAME]) == "M. Jean-Claude LEROY, Mme Anne MARTIN"
    assert personnes([]) == ""
    with pytest.raises(ValueError, match="attend une personne"):
        du("Président")


def test_beneficiaries_and_instances() -> None:
    assert article(_beneficiaire(FormeJuridique.ASSOCIATION)) == "l'"
    assert article(_beneficiaire(FormeJuridique.COMMUNE, "Bapaume")) == "la "
    assert article(_beneficiaire(FormeJuridique.SYNDICAT_MIXTE)) == "le "
    assert feminin(_beneficiaire(FormeJuridique.ASSOCIATION)) == "e"
    assert feminin(_beneficiaire(FormeJuridique.SYNDICAT_MIXTE)) == ""
    assert article(Instance.COMMISSION_PERMANENTE) == "la"
    assert article(Instance.CONSEIL_DEPARTEMENTAL) == "le"


def test_ordinals_as_the_imprimerie_nationale_writes_them() -> None:
    assert [ordinal(n) for n in (1, 2, 5, 11)] == ["1re", "2e", "5e", "11e"]
    assert ordinal(1, feminin=False) == "1er"
    for faux in (0, -1, True, "5", 2.0):
        with pytest.raises(ValueError, match="ordinal"):
            ordinal(faux)


def test_capitals_keep_ordinal_suffixes_small() -> None:
    assert majuscules("1er octobre 2025") == "1er OCTOBRE 2025"
    assert majuscules("la 2e commission") == "LA 2e COMMISSION"
    assert majuscules("réunion du 15 septembre") == "RÉUNION DU 15 SEPTEMBRE"


@given(st.text(alphabet=st.characters(categories=("L", "N", "Zs")), max_size=40))
def test_capitals_only_change_case(texte: str) -> None:
    assert majuscules(texte).casefold() == texte.upper().casefold()


def test_filters_in_a_template() -> None:
    env = environnement()
    gabarit = env.from_string(
        "Vu le rapport {{ p | du }} Président ; {{ i | article | capitalize }} {{ i.libelle_complet }} ; "
        "la {{ n | ordinal }} commission ; dûment autorisé{{ p | feminin }} ; réunion {{ i | de(complet=true) }}"
    )
    rendu = gabarit.render(p=MADAME, i=Instance.COMMISSION_PERMANENTE, n=5)
    assert rendu == (
        "Vu le rapport de la Président ; La Commission Permanente du Conseil départemental ; "
        "la 5e commission ; dûment autorisée ; réunion de la Commission Permanente du Conseil départemental"
    )
