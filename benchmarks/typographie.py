"""The cost of the French typography pass, per document, on the example dossiers' documents.

    python -m benchmarks.typographie              # the example séance and lianes-2025, 20 rounds
    python -m benchmarks.typographie --tours 50

The documents are generated without the pass; then each text part of each document is parsed and
the pass timed on it (the best of the rounds, parsing not counted), and the same documents are
generated with and without the pass to give the share of the generation time it takes.
"""

from __future__ import annotations

import argparse
import copy
import re
import statistics
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

import actes62
from actes62 import typographie

RACINE = Path(__file__).resolve().parents[1]
EXEMPLES = sorted((RACINE / "examples").glob("*/dossier.yaml"))
_PARTIES = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")


def _sans_passe(racine: Any) -> int:
    return 0


def _parties(chemin: Path) -> list[Any]:
    with zipfile.ZipFile(chemin) as archive:
        return [etree.fromstring(archive.read(nom)) for nom in archive.namelist() if _PARTIES.fullmatch(nom)]


def _passe(parties: list[Any], tours: int) -> tuple[float, int, int]:
    """The best time of the pass over the parts (seconds), paragraphs and paragraphs changed."""
    meilleur = float("inf")
    changes = paragraphes = 0
    for _ in range(tours):
        copies = [copy.deepcopy(p) for p in parties]
        debut = time.perf_counter()
        changes = sum(typographie.corriger(p) for p in copies)
        meilleur = min(meilleur, time.perf_counter() - debut)
    paragraphes = sum(len(p.findall(".//{*}p")) for p in parties)
    return meilleur, paragraphes, changes


def _generation(tours: int) -> float:
    """The best time (seconds) to generate the DOCX of every example."""
    dossiers = [actes62.load(exemple) for exemple in EXEMPLES]
    meilleur = float("inf")
    for _ in range(tours):
        with tempfile.TemporaryDirectory() as sortie:
            debut = time.perf_counter()
            for rang, dossier in enumerate(dossiers):
                actes62.generer(dossier, Path(sortie) / str(rang))
            meilleur = min(meilleur, time.perf_counter() - debut)
    return meilleur


def main() -> None:
    parser = argparse.ArgumentParser(description="Coût de la passe de typographie française, par document.")
    parser.add_argument(
        "--tours", type=int, default=20, help="mesures par document (la meilleure est gardée)"
    )
    tours = parser.parse_args().tours
    original = typographie.corriger
    with tempfile.TemporaryDirectory() as dossier_temporaire:
        typographie.corriger = _sans_passe  # the documents as the templates give them
        try:
            documents = []
            for exemple in EXEMPLES:
                sortie = Path(dossier_temporaire) / exemple.parent.name
                documents += actes62.generer(actes62.load(exemple), sortie)
        finally:
            typographie.corriger = original
        print(f"{'document':<52} {'paragraphes':>11} {'corrigés':>9} {'passe ms':>9}")
        durees = []
        for chemin in documents:
            duree, paragraphes, changes = _passe(_parties(chemin), tours)
            durees.append(duree)
            print(f"{chemin.name:<52} {paragraphes:>11} {changes:>9} {duree * 1000:>9.2f}")
    print(
        f"{len(durees)} documents : passe {statistics.mean(durees) * 1000:.2f} ms par document en moyenne "
        f"(médiane {statistics.median(durees) * 1000:.2f} ms, maximum {max(durees) * 1000:.2f} ms)"
    )
    avec = _generation(max(1, tours // 4))
    typographie.corriger = _sans_passe
    try:
        sans = _generation(max(1, tours // 4))
    finally:
        typographie.corriger = original
    print(
        f"génération de ces documents : {avec * 1000 / len(durees):.2f} ms par document avec la passe, "
        f"{sans * 1000 / len(durees):.2f} ms sans ({(avec - sans) / sans:+.0%})"
    )


if __name__ == "__main__":
    main()
