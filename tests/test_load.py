"""The dossier file: the example loads into the model; bad input gets a French message that names
the file, the line and the field, and the command exits with 2 and no traceback."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest

import actes62
from actes62.cli import main
from actes62.errors import DossierInvalide
from actes62.load import load_text
from actes62.model import Imputation, Personne, VisaActe, VisaTexte

EXEMPLE = Path(__file__).resolve().parents[1] / "examples" / "lianes-2025" / "dossier.yaml"
TEXTE = EXEMPLE.read_text(encoding="utf-8")


def _ligne(texte: str, fragment: str) -> int:
    """1-based number of the first line containing `fragment`."""
    for numero, ligne in enumerate(texte.splitlines(), start=1):
        if fragment in ligne:
            return numero
    raise AssertionError(fragment)


def test_example_loads_with_the_seed_figures() -> None:
    dossier = actes62.load(EXEMPLE)
    affaire = dossier.affaire("lianes-2025")
    imputation = affaire.imputations[0]
    assert imputation.credits_paiement == Decimal("10000")
    assert imputation.proposition == Decimal("9380")
    assert imputation.solde == Decimal("620")
    assert affaire.montant == Decimal("9380")
    budget = affaire.annexe_budget
    assert budget is not None
    assert budget.total == Decimal("9380")
    assert [str(p) for p in budget.pourcentages] == [
        "31.98", "15.99", "8.53", "6.40", "14.93", "12.58", "7.46", "2.13",
    ]  # fmt: skip
    assert sum(budget.pourcentages) == Decimal("100.00")
    assert affaire.numero_annexe("convention") == 2
    assert affaire.numero_annexe("budget") == 3


def test_example_seance_and_acts() -> None:
    dossier = actes62.load(EXEMPLE)
    seance = dossier.seance
    assert seance.date.isoformat() == "2025-09-15"
    assert len(seance.presents) == 39
    assert len(seance.excuses) == 5
    assert seance.president.designation == "M. Jean-Claude LEROY"
    assert seance.secretaire in seance.presents
    assert dossier.collectivite.siren == "226200012"
    affaire = dossier.affaires[0]
    assert affaire.beneficiaire.siret == "43853522100024"
    deliberation = affaire.deliberation
    assert deliberation.numero == "2025-344"
    assert deliberation.vote is not None and deliberation.vote.pour == 44
    actes = [v for v in deliberation.visas if isinstance(v, VisaActe)]
    assert [v.numero for v in actes] == ["2021-257", "2025-70", "2022-316", "2022-11", "2024-401", "2023-125"]
    assert sum(isinstance(v, VisaTexte) for v in deliberation.visas) == 2
    assert len(deliberation.articles) == 3
    assert deliberation.acquittement is not None
    assert deliberation.acquittement.partie("siren") == "226200012"
    assert affaire.convention is not None
    assert len(affaire.convention.articles) == 10
    assert affaire.convention.date_limite_bilan.isoformat() == "2026-04-01"


def test_person_is_parsed_from_its_written_form() -> None:
    personne = Personne.model_validate("Mme Mireille HINGREZ-CÉRÉDA")
    assert (personne.civilite, personne.prenom, personne.nom) == ("Mme", "Mireille", "HINGREZ-CÉRÉDA")
    assert Personne.model_validate("M. Jean-Claude LEROY").civilite_longue == "Monsieur"
    with pytest.raises(ValueError, match=r"M\. Prénom NOM"):
        Personne.model_validate("Jean-Claude Leroy")


def test_float_money_is_refused_in_python() -> None:
    with pytest.raises(ValueError, match="float"):
        Imputation(
            code_operation="C",
            imputation="I",
            libelle="L",
            credits_paiement=10000.0,  # type: ignore[arg-type]
            disponible=Decimal("10000"),
            proposition=Decimal("9380"),
        )


def _erreur(remplacer: str, par: str) -> tuple[DossierInvalide, str]:
    assert remplacer in TEXTE, remplacer
    texte = TEXTE.replace(remplacer, par, 1)
    with pytest.raises(DossierInvalide) as info:
        load_text(texte, "mauvais.yaml")
    return info.value, texte


@pytest.mark.parametrize(
    ("remplacer", "par", "champ", "attendu"),
    [
        ("date: 2025-09-15", "date: 2025-02-30", "seance.date", "date invalide « 2025-02-30 »"),
        (
            "proposition: 9380.00",
            "proposition: beaucoup",
            "affaires[0].imputations[0].proposition",
            "montant illisible « beaucoup »",
        ),
        (
            "proposition: 9380.00",
            "proposition: -9380.00",
            "affaires[0].imputations[0].proposition",
            "un montant positif ou nul est attendu",
        ),
        (
            "proposition: 9380.00",
            "proposition: 9380.005",
            "affaires[0].imputations[0].proposition",
            "au plus deux décimales",
        ),
        (
            "siret: 438 535 221 00024",
            "siret: 438 535 221 00025",
            "affaires[0].beneficiaire.siret",
            "clé de contrôle",
        ),
        (
            "  qualite_president: Président",
            "  qualite_presidnet: Président",
            "collectivite.qualite_presidnet",
            "clé inconnue « qualite_presidnet » : vouliez-vous dire « qualite_president » ?",
        ),
        (
            "pour: 44",
            "pour: quarante-quatre",
            "affaires[0].deliberation.vote.pour",
            "un nombre entier est attendu",
        ),
        (
            "numero: 2021-257",
            "numero: 2021/257",
            "affaires[0].deliberation.visas[2].numero",
            "mal formée",
        ),
        ("      - type: budget", "      - type: tableau", "affaires[0].annexes[2]", "type d'annexe attendu"),
    ],
)
def test_bad_value_is_named_with_file_line_and_field(
    remplacer: str, par: str, champ: str, attendu: str
) -> None:
    erreur, texte = _erreur(remplacer, par)
    assert len(erreur.erreurs) == 1, erreur.erreurs
    (probleme,) = erreur.erreurs
    assert probleme.chemin == champ
    assert attendu in probleme.message
    assert probleme.ligne == _ligne(texte, par.strip())
    assert f"mauvais.yaml:{probleme.ligne}: [{champ}]" in str(erreur)


def test_missing_field_points_at_its_parent() -> None:
    erreur, texte = _erreur("  secretaire: M. Etienne PERIN\n", "")
    (probleme,) = erreur.erreurs
    assert probleme.chemin == "seance.secretaire"
    assert probleme.message == "champ obligatoire manquant"
    assert probleme.ligne == _ligne(texte, "seance:")


def test_every_problem_is_reported_at_once() -> None:
    texte = TEXTE.replace("date: 2025-09-15", "date: 2025-13-01").replace("pour: 44", "pour: -1")
    with pytest.raises(DossierInvalide) as info:
        load_text(texte, "x.yaml")
    assert {e.chemin for e in info.value.erreurs} == {"seance.date", "affaires[0].deliberation.vote.pour"}


def test_money_written_in_french_is_read() -> None:
    dossier = load_text(TEXTE.replace("proposition: 9380.00", 'proposition: "9 380,00 €"'))
    assert dossier.affaires[0].montant == Decimal("9380.00")


def test_yaml_syntax_and_duplicate_keys() -> None:
    with pytest.raises(DossierInvalide, match=r"x.yaml:\d+: syntaxe YAML invalide"):
        load_text("seance:\n  date: [2025\n", "x.yaml")
    erreur, _ = _erreur("  lieu: Arras\n", "  lieu: Arras\n  lieu: Lens\n")
    assert "la clé « lieu » apparaît deux fois" in str(erreur)


def test_not_a_mapping_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DossierInvalide, match="une table"):
        load_text("- a\n- b\n", "liste.yaml")
    with pytest.raises(DossierInvalide, match="fichier introuvable"):
        actes62.load(tmp_path / "absent.yaml")


@pytest.mark.parametrize(
    ("remplacer", "par"),
    [("date: 2025-09-15", "date: 2025-02-30"), ("siret: 438 535 221 00024", "siret: 438 535 221 00025")],
)
def test_cli_check_bad_dossier_exits_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], remplacer: str, par: str
) -> None:
    mauvais = tmp_path / "BAD.yaml"
    mauvais.write_text(TEXTE.replace(remplacer, par), encoding="utf-8")
    code = main(["check", str(mauvais)], sortie=io.StringIO())
    erreur = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in erreur
    assert f"{mauvais}:{_ligne(mauvais.read_text(encoding='utf-8'), par)}:" in erreur


def test_cli_check_summarises_a_good_dossier() -> None:
    sortie = io.StringIO()
    main(["check", str(EXEMPLE)], sortie=sortie)
    texte = sortie.getvalue()
    assert "Commission Permanente du lundi 15 septembre 2025" in texte
    assert "39 présents, 5 excusés" in texte
    assert "solde 620,00\xa0€" in texte
    assert "31,98\xa0%" in texte and "2,13\xa0%" in texte


def test_cli_speaks_french_on_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as sortie:
        main(["generate"])
    assert sortie.value.code == 2
    erreur = capsys.readouterr().err
    assert "usage : actes62 generate" in erreur
    assert "arguments obligatoires manquants : dossier, -o/--sortie" in erreur
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "afficher cette aide et sortir" in capsys.readouterr().out


def test_a_pipe_a_device_or_a_huge_file_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    tube = tmp_path / "tube.yaml"
    os.mkfifo(tube)
    with pytest.raises(DossierInvalide, match="pas un fichier ordinaire"):
        actes62.load(tube)  # a pipe with no writer would block forever
    with pytest.raises(DossierInvalide, match="pas un fichier ordinaire"):
        actes62.load("/dev/zero")
    gros = tmp_path / "gros.yaml"
    gros.write_bytes(b"# " + b"x" * (2 * 1024 * 1024))
    monkeypatch.setenv("ACTES62_TAILLE_MAX_DOSSIER", "1")
    with pytest.raises(
        DossierInvalide, match=r"fichier trop grand \(plus de 1 Mo\).*ACTES62_TAILLE_MAX_DOSSIER"
    ):
        actes62.load(gros)


@pytest.mark.parametrize("jour", ["0999-01-01", "1899-12-31", "2201-01-01"])
def test_a_date_outside_1900_2200_is_a_located_error(tmp_path: Path, jour: str) -> None:
    texte = (Path(__file__).resolve().parents[1] / "examples" / "lianes-2025" / "dossier.yaml").read_text(
        encoding="utf-8"
    )
    chemin = tmp_path / "dossier.yaml"
    chemin.write_text(texte.replace("date: 2025-09-15", f"date: {jour}", 1), encoding="utf-8")
    with pytest.raises(DossierInvalide) as erreur:
        actes62.load(chemin)
    assert (
        f":33: [seance.date] date « {jour} » hors des bornes : une date entre 1900 et 2200 est attendue"
        in str(erreur.value)
    )


@pytest.mark.parametrize(
    ("ancien", "nouveau", "attendu"),
    [
        (
            "lieu: Arras",
            "lieu: !!int Arras",
            ":34: syntaxe YAML invalide : valeur « Arras » illisible comme int",
        ),
        (
            "proposition: 9380.00",
            "proposition: 1.0E+999999999",
            "nombre « 1.0E+999999999… » démesuré",
        ),
        (
            "membres_en_exercice: 44",
            "membres_en_exercice: " + "9" * 5000,
            ":38: syntaxe YAML invalide : nombre « 999",
        ),
    ],
)
def test_hostile_values_are_located_french_errors(
    tmp_path: Path, ancien: str, nouveau: str, attendu: str
) -> None:
    texte = (Path(__file__).resolve().parents[1] / "examples" / "lianes-2025" / "dossier.yaml").read_text(
        encoding="utf-8"
    )
    assert ancien in texte
    chemin = tmp_path / "dossier.yaml"
    chemin.write_text(texte.replace(ancien, nouveau, 1), encoding="utf-8")
    with pytest.raises(DossierInvalide, match=re.escape(attendu)):
        actes62.load(chemin)


def test_a_nesting_too_deep_is_refused(tmp_path: Path) -> None:
    chemin = tmp_path / "dossier.yaml"
    chemin.write_text("a: " + "[" * 100_000, encoding="utf-8")
    with pytest.raises(DossierInvalide, match="imbrication trop profonde"):
        actes62.load(chemin)
