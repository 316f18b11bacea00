"""A séance of many affaires: worker processes give the same files, byte for byte, in a stable order."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from actes62.checks import check
from actes62.gabarit import Gabarit
from actes62.progress import Progression
from actes62.render import generer
from benchmarks.seance import seance_synthetique


def _empreintes(dossier: Path) -> dict[str, str]:
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(dossier.iterdir())}


def test_workers_write_the_same_bytes_as_one_process(tmp_path: Path) -> None:
    seance = seance_synthetique(12)
    seul = generer(seance, tmp_path / "seul", processus=1)
    paralleles = generer(seance, tmp_path / "paralleles", processus=2)
    assert [f.name for f in seul] == [f.name for f in paralleles]  # same order: affaire by affaire
    assert len(seul) == 12 * 4
    assert _empreintes(tmp_path / "seul") == _empreintes(tmp_path / "paralleles")
    # and the one-document path gives those bytes too
    affaire = seance.affaires[7]
    un = Gabarit("convention").rendre(seance, affaire)
    assert (
        un == (tmp_path / "seul" / f"{affaire.id}_{affaire.deliberation.numero}_convention.docx").read_bytes()
    )


def test_synthetic_seance_varies_as_the_benchmark_needs() -> None:
    seance = seance_synthetique(40)
    lignes = [len(a.annexe_budget.lignes) for a in seance.affaires if a.annexe_budget is not None]
    visas = [len(a.deliberation.visas) for a in seance.affaires]
    assert min(lignes) >= 1 and max(lignes) <= 30 and len(set(lignes)) > 10
    assert min(visas) >= 3 and max(visas) <= 15
    assert any("&" in a.beneficiaire.nom for a in seance.affaires)
    assert any("É" in a.beneficiaire.nom or "é" in a.beneficiaire.nom for a in seance.affaires)
    assert len({a.beneficiaire.siret for a in seance.affaires}) == 40


def test_progress_is_silent_off_a_terminal() -> None:
    flux = io.StringIO()
    barre = Progression(10, "Génération", flux=flux)
    barre.avancer(10)
    barre.terminer()
    assert flux.getvalue() == "" and barre.fait == 10


def test_progress_draws_on_a_terminal() -> None:
    flux = io.StringIO()
    barre = Progression(4, "Génération", flux=flux, actif=True)
    barre.avancer(4)
    barre.terminer()
    assert "4/4" in flux.getvalue() and flux.getvalue().endswith("\n")


@pytest.mark.parametrize("graine", [1, 2, 3])
def test_generated_seances_check_clean(tmp_path: Path, graine: int) -> None:
    """Varied affaires (1 to 30 budget lines, 3 to 15 visas, « & », accents): the documents as
    generated agree with the dossier — no document finding (P…) at all."""
    seance = seance_synthetique(10, graine=graine)
    fichiers = generer(seance, tmp_path)
    constats = check(seance, fichiers)
    assert [c for c in constats if c.code.startswith("P")] == []
    assert len({c.location.file for c in constats}) == 1  # all about the dossier itself


def test_generated_pdfs_and_bundles_check_clean(tmp_path: Path) -> None:
    seance = seance_synthetique(3, graine=4)
    fichiers = generer(seance, tmp_path, pdf=True)
    assert sum(f.suffix == ".pdf" for f in fichiers) == 3 * 4 + 3  # each document, and a bundle each
    assert [c for c in check(seance, [tmp_path]) if c.code.startswith("P")] == []
