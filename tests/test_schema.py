"""The dossier's JSON Schema and reference guide: French, complete, shipped, and in step with the model."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import BaseModel, TypeAdapter

from actes62 import model
from actes62.cli import main
from actes62.errors import DossierInvalide
from actes62.load import _Chargeur, load_text
from actes62.schema import CLASSES, guide, schema_collectivite, schema_dossier, texte_json

RACINE = Path(__file__).resolve().parents[1]
EXEMPLES = sorted((RACINE / "examples").glob("*/dossier.yaml"))


def _modeles() -> list[type[BaseModel]]:
    return [
        classe
        for nom, classe in vars(model).items()
        if isinstance(classe, type)
        and issubclass(classe, BaseModel)
        and classe.__module__ == model.__name__
        and not nom.startswith("_")
    ]


def _francais(texte: str | None) -> bool:
    """A French sentence: a few words, with the words French uses and English does not."""
    if not texte or len(texte.split()) < 2:
        return False
    mots = set(texte.lower().replace("'", " ").replace("’", " ").split())
    return bool(mots & {"le", "la", "les", "de", "des", "du", "un", "une", "en", "et", "ou", "au", "l", "d"})


def _lire(chemin: Path) -> Any:
    """A dossier file read as an editor reads it: dates and numbers as written."""
    return yaml.load(chemin.read_text(encoding="utf-8"), Loader=_Chargeur)


def _validateur(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("classe", _modeles(), ids=lambda c: c.__name__)
def test_every_field_has_a_french_title_and_description(classe: type[BaseModel]) -> None:
    for nom, champ in classe.model_fields.items():
        assert champ.title and champ.title[:1].isupper(), f"{classe.__name__}.{nom} : pas de titre"
        assert _francais(champ.description), f"{classe.__name__}.{nom} : pas de description en français"


@pytest.mark.parametrize("classe", _modeles(), ids=lambda c: c.__name__)
def test_every_written_example_is_a_value_the_model_accepts(classe: type[BaseModel]) -> None:
    for nom, champ in classe.model_fields.items():
        adaptateur: TypeAdapter[Any] = TypeAdapter(champ.rebuild_annotation())
        for exemple in champ.examples or []:
            adaptateur.validate_python(exemple)  # raises if the example is wrong
        # a value written as it is has its example; a table gets one assembled from its fields
        if not champ.examples:
            assert '"properties"' in json.dumps(adaptateur.json_schema()), (
                f"{classe.__name__}.{nom} : pas d'exemple"
            )


def test_every_table_and_field_of_the_schema_is_described_with_an_example_it_validates() -> None:
    schema = schema_dossier()
    definitions = schema["$defs"]
    assert set(definitions) <= set(CLASSES)
    tables = {"Dossier": schema, **definitions}
    for nom, definition in tables.items():
        assert _francais(definition["description"]), nom
        assert definition["title"] == CLASSES[nom][0]
        for champ, propriete in definition.get("properties", {}).items():
            assert _francais(propriete.get("description")), f"{nom}.{champ}"
            assert propriete.get("examples"), f"{nom}.{champ} : pas d'exemple"
            seul = {k: v for k, v in propriete.items() if k != "examples"}
            validateur = _validateur({**seul, "$defs": definitions})
            for exemple in propriete["examples"]:
                erreurs = [e.message for e in validateur.iter_errors(exemple)]
                assert erreurs == [], f"{nom}.{champ} : {erreurs}"
    texte = texte_json(schema)
    for anglais in ('"Code Departement"', '"Credits Paiement"', "A person as", "Someone who"):
        assert anglais not in texte


@pytest.mark.parametrize("exemple", EXEMPLES, ids=lambda p: p.parent.name)
def test_the_schema_validates_the_example_dossiers(exemple: Path) -> None:
    erreurs = list(_validateur(schema_dossier()).iter_errors(_lire(exemple)))
    assert [e.message for e in erreurs] == []


@pytest.mark.parametrize("exemple", EXEMPLES, ids=lambda p: p.parent.name)
def test_a_misspelt_key_is_rejected_by_the_schema_and_by_load(exemple: Path) -> None:
    texte = exemple.read_text(encoding="utf-8").replace("\n  lieu:", "\n  lieux:", 1)
    donnees = yaml.load(texte, Loader=_Chargeur)
    erreurs = list(_validateur(schema_dossier()).iter_errors(donnees))
    assert [list(e.absolute_path) for e in erreurs] == [["seance"], ["seance"]]  # lieux unknown, lieu missing
    assert any("'lieux' was unexpected" in e.message for e in erreurs)
    with pytest.raises(DossierInvalide) as erreur:
        load_text(texte, exemple.name)
    message = str(erreur.value)
    ligne = texte.splitlines().index("  lieux: Arras") + 1
    assert (
        f"dossier.yaml:{ligne}: [seance.lieux] clé inconnue « lieux » : vouliez-vous dire « lieu » ?"
        in message
    )
    assert "[seance.lieu] champ obligatoire manquant" in message


def test_the_schema_knows_the_forms_a_dossier_allows() -> None:
    validateur = _validateur(schema_dossier())
    definitions = schema_dossier()["$defs"]
    personne = _validateur({"$ref": "#/$defs/Personne", "$defs": definitions})
    assert personne.is_valid("Mme Marie-Hélène DUPONT-LEBLANC")
    assert not personne.is_valid("Marie Dupont")
    assert not personne.is_valid("M. Jean Leroy")  # the nom in capitals
    montant = _validateur({**definitions["Imputation"]["properties"]["proposition"], "$defs": definitions})
    assert montant.is_valid("9 380,00 €") and montant.is_valid(9380) and not montant.is_valid(-1)
    acquittement = _validateur({"$ref": "#/$defs/Acquittement", "$defs": definitions})
    bon = {
        "identifiant": "062-226200012-20250915-CP20250344-DE",
        "date_transmission": "2025-09-22",
        "date_reception": "2025-09-22",
        "date_publication": "2025-09-23",
    }
    assert acquittement.is_valid(bon)
    assert not acquittement.is_valid({**bon, "identifiant": "062-226200012-20250915-CP20250344"})
    donnees = _lire(EXEMPLES[0])
    assert validateur.is_valid({**donnees, "collectivite": "collectivite.yaml"})
    assert not validateur.is_valid({**donnees, "collectivite": "collectivite.txt"})
    sans_type = {**donnees}
    sans_type["affaires"] = [{**donnees["affaires"][0], "annexes": [{"titre": "Bilan"}]}]
    assert not validateur.is_valid(sans_type)


def test_the_collectivite_schema_validates_the_collectivite_of_the_examples() -> None:
    validateur = _validateur(schema_collectivite())
    for exemple in EXEMPLES:
        assert list(validateur.iter_errors(_lire(exemple)["collectivite"])) == []
    assert not validateur.is_valid({**_lire(EXEMPLES[0])["collectivite"], "tribunal": "Lille"})


@pytest.mark.parametrize(
    ("fichier", "produire"),
    [
        ("examples/dossier.schema.json", lambda: texte_json(schema_dossier())),
        ("examples/collectivite.schema.json", lambda: texte_json(schema_collectivite())),
        ("docs/dossier.md", guide),
    ],
)
def test_the_shipped_files_are_up_to_date(fichier: str, produire: Any) -> None:
    ecrit = (RACINE / fichier).read_text(encoding="utf-8")
    assert ecrit == produire(), f"{fichier} n'est plus à jour : lancez scripts/schema"


@pytest.mark.parametrize("exemple", EXEMPLES, ids=lambda p: p.parent.name)
def test_the_example_dossiers_name_the_schema_beside_them(exemple: Path) -> None:
    premiere = exemple.read_text(encoding="utf-8").splitlines()[0]
    assert premiere == "# yaml-language-server: $schema=../dossier.schema.json"
    assert (exemple.parent / "../dossier.schema.json").resolve().is_file()


def test_the_guide_describes_every_field_of_every_table() -> None:
    texte = guide()
    schema = schema_dossier()
    for nom, definition in schema["$defs"].items():
        assert f"## {definition['title']}\n" in texte, nom
        for champ, propriete in definition.get("properties", {}).items():
            assert f"| `{champ}` |" in texte and propriete["description"].split(".")[0] in texte, champ
    assert "| `forme_juridique` | non | une valeur parmi `association`, `commune`" in texte
    assert "| `credits_paiement` | oui | montant en euros |" in texte


def test_the_command_prints_the_schema_and_the_guide(capsys: pytest.CaptureFixture[str]) -> None:
    from io import StringIO

    sortie = StringIO()
    assert main(["schema"], sortie=sortie) == 0
    assert json.loads(sortie.getvalue()) == schema_dossier()
    sortie = StringIO()
    assert main(["schema", "--collectivite"], sortie=sortie) == 0
    assert json.loads(sortie.getvalue())["title"] == "Collectivité"
    sortie = StringIO()
    assert main(["schema", "--guide"], sortie=sortie) == 0
    assert sortie.getvalue().startswith("# Le dossier de séance, champ par champ")


def test_exemple_copies_the_schema_its_dossiers_name(tmp_path: Path) -> None:
    resultat = subprocess.run(
        [sys.executable, "-m", "actes62", "exemple", str(tmp_path / "ex")], capture_output=True, text=True
    )
    assert resultat.returncode == 0, resultat.stderr
    schema = tmp_path / "ex" / "dossier.schema.json"
    assert schema.read_text(encoding="utf-8") == texte_json(schema_dossier())
    assert (tmp_path / "ex" / "lianes-2025" / "dossier.yaml").is_file()
