"""The audit measured on the hand-written corpus (tests/corpus), and its speed.

    python -m benchmarks.audit            # recall and false alarms per dossier and format
    python -m benchmarks.audit --seance   # + a séance folder of 1 200 documents: time and peak memory

Each dossier of the corpus is built as DOCX and as PDF (LibreOffice), audited, and its findings
matched with its key (see tests/corpus/README.md).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from actes62.checks.rules import audit
from tests.corpus.mesure import DOSSIERS, construire, lire_cle, mesurer


def table_corpus(base: Path) -> None:
    print(
        f"{'dossier':<20} {'format':<6} {'attendus':>8} {'trouvés':>8} {'rappel':>7} {'fausses alarmes':>16} {'durée':>7}"
    )
    for nom in DOSSIERS:
        for format_ in ("docx", "pdf"):
            dossier = construire(nom, base / nom, pdf=format_ == "pdf")
            debut = time.perf_counter()
            mesure = mesurer(nom, dossier, format_)
            duree = time.perf_counter() - debut
            print(
                f"{nom:<20} {format_:<6} {mesure.attendus:>8} {len(mesure.trouves):>8} {mesure.rappel:>7.0%} "
                f"{len(mesure.fausses_alarmes):>16} {duree:>6.2f}s"
            )
    print(
        f"pièges légitimes listés dans les clés : {sum(len(lire_cle(n).ne_pas_signaler) for n in DOSSIERS)}"
    )


def seance(base: Path, documents: int = 1200) -> None:
    """A séance folder: the corpus's dossiers copied over and over into affaire sub-folders."""
    sources = [construire(nom, base / "sources" / nom, pdf=False) for nom in DOSSIERS]
    dossier = base / "seance"
    n = 0
    rang = 0
    while n < documents:
        for source in sources:
            cible = dossier / f"affaire-{rang:04d}"
            shutil.copytree(source, cible)
            n += len(list(cible.glob("*.docx")))
            rang += 1
            if n >= documents:
                break
    debut = time.perf_counter()
    findings = audit([dossier])
    duree = time.perf_counter() - debut
    pic = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    print(
        f"séance de {n} documents : audit en {duree:.1f} s, {len(findings)} constats, pic mémoire {pic / 1024:.0f} Mo"
    )


def main() -> None:
    parseur = argparse.ArgumentParser(description=__doc__)
    parseur.add_argument("--seance", action="store_true", help="mesurer aussi une séance de 1 200 documents")
    arguments = parseur.parse_args()
    with tempfile.TemporaryDirectory() as dossier:
        base = Path(dossier)
        table_corpus(base)
        if arguments.seance:
            seance(base)


if __name__ == "__main__":
    main()
