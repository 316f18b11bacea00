"""The audit on hand-written dossiers that actes62's templates did not make (tests/corpus): every
discrepancy of each key found, and no false alarm, in DOCX and in the PDF LibreOffice makes of them
(where tables lose their cells). `python -m benchmarks.audit` prints the figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus.mesure import DOSSIERS, construire, decrire, lire_cle, mesurer


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Each dossier written once as DOCX and once as PDF."""
    dossiers: dict[tuple[str, str], Path] = {}
    for nom in DOSSIERS:
        base = tmp_path_factory.mktemp(nom)
        dossiers[nom, "docx"] = construire(nom, base, pdf=False)
        dossiers[nom, "pdf"] = construire(nom, base, pdf=True)
    return dossiers


def test_the_corpus_has_its_dossiers_and_keys() -> None:
    cles = [lire_cle(nom) for nom in DOSSIERS]
    assert "seed_2025_344" in DOSSIERS
    erreurs = [c for c in cles if c.attendus]
    propres = [c for c in cles if not c.attendus]
    assert len(erreurs) >= 3 and len(propres) >= 2
    invente = [a for c in erreurs if c.dossier != "seed-2025-344" for a in c.attendus]
    assert len(invente) >= 20 and len({a.code for a in invente}) >= 12
    assert sum(len(c.ne_pas_signaler) for c in propres) >= 30


@pytest.mark.parametrize("format_", ["docx", "pdf"])
@pytest.mark.parametrize("nom", DOSSIERS)
def test_audit_finds_every_discrepancy_and_no_false_alarm(
    corpus: dict[tuple[str, str], Path], nom: str, format_: str
) -> None:
    mesure = mesurer(nom, corpus[nom, format_], format_)
    assert (mesure.manques, mesure.fausses_alarmes) == ([], []), decrire(mesure)
