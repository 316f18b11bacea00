"""Rule selection as ruff does it: --select / --ignore by code or prefix, and rules a dossier
ignores with a reason — counted in the summary, never silently dropped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import actes62
from actes62.checks.selection import RegleInconnue
from actes62.cli import main

RACINE = Path(__file__).resolve().parents[1]
EXEMPLE = RACINE / "examples" / "lianes-2025" / "dossier.yaml"


def _avec_regles(tmp_path: Path, regles: str) -> Path:
    dossier = tmp_path / "dossier.yaml"
    dossier.write_text(EXEMPLE.read_text(encoding="utf-8") + "\n" + regles, encoding="utf-8")
    return dossier


def test_select_and_ignore_by_code_and_prefix() -> None:
    dossier = actes62.load(EXEMPLE)
    tous = {f.code for f in actes62.check(dossier)}
    assert {"I005", "V001", "D005"} <= tous
    assert {f.code for f in actes62.check(dossier, ignore=["I005"])} == tous - {"I005"}
    assert {f.code for f in actes62.check(dossier, select=["V"])} == {"V001"}
    assert {f.code for f in actes62.check(dossier, select=["I,V"], ignore=["I00"])} == {"V001"}


def test_an_unknown_code_is_refused_with_a_suggestion() -> None:
    with pytest.raises(RegleInconnue, match=r"règle inconnue « I05 » .*vouliez-vous dire I005"):
        actes62.check(actes62.load(EXEMPLE), ignore=["I05"])


def test_the_dossier_ignores_a_rule_with_its_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chemin = _avec_regles(
        tmp_path,
        "regles:\n  ignorer:\n    - code: I005\n      motif: numéro interne attribué par le parapheur, en minuscules\n",
    )
    dossier = actes62.load(chemin)
    assert dossier.regles.ignorer[0].code == "I005"
    assert "I005" not in {f.code for f in actes62.check(dossier)}
    assert main(["check", str(chemin)]) == 1
    sortie = capsys.readouterr().out
    assert re.search(r":\d+: I005 ", sortie) is None  # no finding line « dossier.yaml:12: I005 … »
    assert "1 constat de règles ignorées : I005 (1) — numéro interne attribué par le parapheur" in sortie


def test_an_ignored_rule_needs_a_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chemin = _avec_regles(tmp_path, "regles:\n  ignorer:\n    - code: I005\n")
    assert main(["check", str(chemin)]) == 2
    erreur = capsys.readouterr().err
    assert "[regles.ignorer[0].motif]" in erreur and "Traceback" not in erreur


def test_audit_takes_select_and_ignore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.corpus.mesure import construire

    documents = construire("seed_2025_344", tmp_path, pdf=False)
    assert main(["audit", str(documents), "--select", "A1", "--format", "json"]) == 1
    assert {
        c for c in capsys.readouterr().out.split('"code": "')[1:] if c[:4] not in {"A106", "A111", "A113"}
    } == set()
    assert main(["audit", str(documents), "--ignore", "A0", "--ignore", "A106,A113"]) == 0
    sortie = capsys.readouterr().out
    assert (
        "constats de règles ignorées : A002 (1) ; A003 (2) ; A007 (1) ; A010 (2) ; A106 (1) ; A113 (1)"
        in sortie
    )
