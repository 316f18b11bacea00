"""The séance benchmark: generation, checking and PDF conversion of synthetic séances.

    python -m benchmarks.run                 # N = 30, 100, 300, 1000 (PDF up to 300)
    python -m benchmarks.run --n 30 100 --pdf-max 30

Each measure runs in a fresh process, so that its peak memory is its own: the memory (PSS) of that
process and of every process it starts (workers, LibreOffice), summed and sampled every 20 ms.
The baselines run in the same benchmark: the plain docxtpl loop (load the template, render, save,
for each document) and one `soffice --convert-to` per document.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RACINE = Path(__file__).resolve().parents[1]
ECHANTILLON_BASE_PDF = 40


# --- memory -----------------------------------------------------------------------------------------


def _memoire(pid: int) -> int:
    """Proportional set size of a process (bytes): its resident memory, the pages it shares with
    other processes (libraries, forked workers) counted in proportion. Resident size if no PSS."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for ligne in rollup:
                if ligne.startswith("Pss:"):
                    return int(ligne.split()[1]) * 1024
    except OSError:
        pass
    with open(f"/proc/{pid}/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _rss_arbre(pid: int) -> int:
    """Memory (bytes, PSS) of a process and its descendants, from /proc (0 where unavailable)."""
    total = 0
    a_voir = [pid]
    while a_voir:
        courant = a_voir.pop()
        try:
            total += _memoire(courant)
            for tache in os.listdir(f"/proc/{courant}/task"):
                with open(f"/proc/{courant}/task/{tache}/children") as enfants:
                    a_voir += [int(p) for p in enfants.read().split()]
        except (OSError, ValueError):
            continue
    return total


class _Pic:
    """Samples the memory of this process tree in a thread; `pic` is the highest sum seen."""

    def __init__(self) -> None:
        self.pic = 0
        self._fin = threading.Event()
        self._fil = threading.Thread(target=self._boucle, daemon=True)

    def _boucle(self) -> None:
        while not self._fin.wait(0.02):
            self.pic = max(self.pic, _rss_arbre(os.getpid()))

    def __enter__(self) -> _Pic:
        self.pic = _rss_arbre(os.getpid())
        self._fil.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._fin.set()
        self._fil.join()
        self.pic = max(self.pic, _rss_arbre(os.getpid()))


# --- one measure, in its own process -------------------------------------------------------------------


def _mesurer(action: Callable[[], int]) -> dict[str, Any]:
    with _Pic() as pic:
        debut = time.perf_counter()
        documents = action()
        duree = time.perf_counter() - debut
    return {"documents": documents, "secondes": duree, "pic_mo": pic.pic / 2**20}


def _mesure(phase: str, n: int) -> dict[str, Any]:
    from actes62.checks import check
    from actes62.pdf import convertir_pdf, trouver_soffice
    from actes62.render import generer
    from benchmarks.seance import seance_synthetique

    seance = seance_synthetique(n)
    atelier = Path(tempfile.mkdtemp(prefix="actes62-bench-"))
    try:
        if phase == "generation":
            return _mesurer(lambda: len(generer(seance, atelier / "docx")))
        if phase == "generation-docxtpl":
            return _mesurer(lambda: _boucle_docxtpl(seance, atelier / "docx"))
        docx = generer(seance, atelier / "docx")
        if phase == "verification":

            def verifier() -> int:
                check(seance, docx)
                return len(docx)

            return _mesurer(verifier)
        if phase == "pdf":
            return _mesurer(lambda: len(convertir_pdf(docx, atelier / "pdf", processus=os.cpu_count() or 1)))
        if phase == "pdf-un-par-document":
            soffice = trouver_soffice()
            echantillon = docx[:ECHANTILLON_BASE_PDF]
            return _mesurer(lambda: _un_soffice_par_document(soffice, echantillon, atelier / "pdf"))
        raise SystemExit(f"phase inconnue : {phase}")
    finally:
        shutil.rmtree(atelier, ignore_errors=True)


def _boucle_docxtpl(seance: Any, sortie: Path) -> int:
    """The plain loop: for each document, load the docxtpl template, render, save."""
    from docxtpl import DocxTemplate

    from actes62.gabarit import GENRES, contexte_document, modeles_livres
    from actes62.textes import environnement, rendre_affaire

    env = environnement(autoescape=True, typographie_francaise=True)
    env_texte = environnement(autoescape=False)

    class Modele(DocxTemplate):  # type: ignore[misc]
        """docxtpl renders the document properties with the body's autoescaping environment, which
        writes « &amp; » into them and can pass their 255-character limit: render them unescaped."""

        def render_properties(self, context: Any, jinja_env: Any = None) -> None:
            super().render_properties(context, env_texte)

    sortie.mkdir(parents=True)
    modeles = modeles_livres()
    nombre = 0
    for affaire in seance.affaires:
        rendue = rendre_affaire(seance, affaire)
        for genre in GENRES:
            with modeles.joinpath(f"{genre.modele}.docx").open("rb") as source:
                modele = Modele(source)
                modele.render(contexte_document(seance, rendue, genre, None), jinja_env=env)
            modele.save(sortie / f"{affaire.id}_{genre.modele}.docx")
            nombre += 1
    return nombre


def _un_soffice_par_document(soffice: str, documents: list[Path], sortie: Path) -> int:
    """One LibreOffice start per document (each with its own profile, as it must)."""
    for document in documents:
        with tempfile.TemporaryDirectory() as profil:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={Path(profil).as_uri()}",
                    "--headless",
                    "--convert-to",
                    'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}',
                    "--outdir",
                    str(sortie),
                    str(document),
                ],
                check=True,
                capture_output=True,
            )
    return len(documents)


# --- the table ------------------------------------------------------------------------------------------


def _lancer(phase: str, n: int) -> dict[str, Any]:
    resultat = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--mesure", phase, str(n)],
        cwd=RACINE,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "CI": "1"},  # no progress bars in the measures
    )
    if resultat.returncode != 0:
        raise SystemExit(f"la mesure {phase} N={n} a échoué :\n{resultat.stderr}")
    mesure: dict[str, Any] = json.loads(resultat.stdout.strip().splitlines()[-1])
    return mesure


def _ligne(phase: str, n: int, mesure: dict[str, Any]) -> str:
    debit = mesure["documents"] / mesure["secondes"] if mesure["secondes"] else float("inf")
    return (
        f"| {phase:<26} | {n:>5} | {mesure['documents']:>9} | {mesure['secondes']:>9.2f} | "
        f"{debit:>9.1f} | {mesure['pic_mo']:>8.0f} |"
    )


def main(argv: list[str] | None = None) -> int:
    parseur = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parseur.add_argument("--n", type=int, nargs="+", default=[30, 100, 300, 1000], help="séance sizes")
    parseur.add_argument("--pdf-max", type=int, default=300, help="largest N converted to PDF")
    parseur.add_argument("--mesure", nargs=2, metavar=("PHASE", "N"), help=argparse.SUPPRESS)
    arguments = parseur.parse_args(argv)
    if arguments.mesure:
        phase, n = arguments.mesure
        print(json.dumps(_mesure(phase, int(n))))
        return 0

    print(f"actes62 — banc d'essai, {os.cpu_count()} cœur(s), Python {sys.version.split()[0]}")
    print("| phase                      |     N | documents |  secondes |  docs/s   |  pic Mo  |")
    print("|----------------------------|-------|-----------|-----------|-----------|----------|")
    resultats: dict[tuple[str, int], dict[str, Any]] = {}

    def mesurer(phase: str, n: int) -> None:
        resultats[phase, n] = _lancer(phase, n)
        print(_ligne(phase, n, resultats[phase, n]), flush=True)

    petit = min(arguments.n)
    mesurer("generation-docxtpl", petit)
    for n in arguments.n:
        mesurer("generation", n)
    for n in arguments.n:
        mesurer("verification", n)
    mesurer("pdf-un-par-document", petit)
    for n in arguments.n:
        if n <= arguments.pdf_max:
            mesurer("pdf", n)

    def debit(phase: str, n: int) -> float:
        mesure = resultats[phase, n]
        return float(mesure["documents"]) / float(mesure["secondes"])

    print()
    print(
        f"génération : {debit('generation', petit) / debit('generation-docxtpl', petit):.1f} × le débit "
        f"de la boucle docxtpl (N={petit})"
    )
    plus_grand_pdf = max((n for n in arguments.n if n <= arguments.pdf_max), default=None)
    if plus_grand_pdf is not None:  # no PDF measured when every N is above --pdf-max
        print(
            f"PDF : {debit('pdf', plus_grand_pdf) / debit('pdf-un-par-document', petit):.1f} × le débit "
            f"d'un soffice par document (N={plus_grand_pdf}, base sur {ECHANTILLON_BASE_PDF} documents)"
        )
    for phase in ("generation", "verification"):
        if (phase, 100) in resultats and (phase, 1000) in resultats:
            rapport = resultats[phase, 1000]["secondes"] / resultats[phase, 100]["secondes"]
            print(f"{phase} : temps N=1000 / N=100 = {rapport:.1f} (linéaire : 10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
