"""The robustness harness: the command run as a user runs it — `python -m actes62 …` in a
subprocess, in a temporary folder — with its address space limited (RLIMIT_AS) and a timeout, so
that a hostile input that would take all the memory or all the time fails the test instead of the
machine. Results are kept per case, and a module can launch its cases two at a time beforehand
(`prelancer`): each test then only asserts.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.robustesse._processus import DELAI_MAX, borner

DUREE_MAX = DELAI_MAX
"""Seconds a case may take, start-up included."""

EXEMPLE = Path(__file__).resolve().parents[2] / "examples" / "lianes-2025" / "dossier.yaml"
MODELES = Path(__file__).resolve().parents[2] / "templates"

_ANGLAIS = re.compile(
    r"\b(expected|found|unexpected|undefined|not allowed|cannot|Exceeds|Errno|Error|Traceback|"
    r"is not|has no|invalid literal|should be|Input should|No such|Permission denied|too long)\b"
)


@dataclass(frozen=True)
class Resultat:
    """What the command did: exit code, outputs, seconds."""

    code: int
    stdout: str
    stderr: str
    duree: float


def lancer(
    arguments: Sequence[str],
    dossier: Path,
    *,
    stdout: Path | None = None,
    env: dict[str, str] | None = None,
    duree_max: float = DUREE_MAX,
) -> Resultat:
    """Run `actes62 ARGUMENTS` in `dossier`; the whole process group is killed at `duree_max`."""
    environnement = {k: v for k, v in os.environ.items() if k != "ACTES62_DEBUG"} | (env or {})
    debut = time.monotonic()
    sortie = stdout.open("w") if stdout is not None else subprocess.PIPE
    try:
        processus = subprocess.Popen(
            [sys.executable, "-m", "actes62", *arguments],
            cwd=dossier,
            stdin=subprocess.DEVNULL,
            stdout=sortie,
            stderr=subprocess.PIPE,
            env=environnement,
            preexec_fn=borner,
            start_new_session=True,
        )
        try:
            sortie_standard, erreurs = processus.communicate(timeout=duree_max)
        except subprocess.TimeoutExpired:
            os.killpg(processus.pid, signal.SIGKILL)
            processus.communicate()
            raise AssertionError(f"actes62 {' '.join(arguments)} : pas de réponse en {duree_max} s") from None
    finally:
        if stdout is not None and not isinstance(sortie, int):
            sortie.close()
    return Resultat(
        processus.returncode,
        (sortie_standard or b"").decode("utf-8", "replace"),
        erreurs.decode("utf-8", "replace"),
        time.monotonic() - debut,
    )


def verifier(resultat: Resultat, code: int, *mots: str) -> None:
    """The exit code, each expected word in the message, no traceback, no internal error, no
    English from a library, within the time bound."""
    message = resultat.stderr + resultat.stdout
    assert resultat.code == code, f"code {resultat.code} au lieu de {code} :\n{message[-3000:]}"
    for mot in mots:
        assert mot in message, f"« {mot} » absent de :\n{message[-3000:]}"
    assert "Traceback" not in message, message[-3000:]
    assert "erreur interne" not in message, message[-3000:]
    anglais = _ANGLAIS.search(resultat.stderr)
    assert anglais is None, f"anglais « {anglais[0] if anglais else ''} » dans :\n{resultat.stderr[-3000:]}"
    assert resultat.duree < DUREE_MAX


@dataclass(frozen=True)
class Cas:
    """One hostile input: how to make it in a folder, the command, and what must be answered."""

    nom: str
    preparer: Callable[[Path], None]
    arguments: tuple[str, ...]
    code: int
    mots: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()
    stdout: str | None = None  # a path (relative to the folder) to send stdout to

    def __str__(self) -> str:
        return self.nom


class Lanceur:
    """Runs cases, each in its own folder under `racine`, and keeps their results."""

    def __init__(self, racine: Path) -> None:
        self.racine = racine
        self._resultats: dict[str, Resultat | AssertionError] = {}

    def _lancer(self, cas: Cas) -> Resultat | AssertionError:
        dossier = self.racine / re.sub(r"[^\w-]", "_", cas.nom)[:80]
        dossier.mkdir(parents=True, exist_ok=False)
        cas.preparer(dossier)
        try:
            return lancer(
                cas.arguments,
                dossier,
                stdout=Path(cas.stdout) if cas.stdout is not None else None,
                env=dict(cas.env),
            )
        except AssertionError as exc:
            return exc

    @classmethod
    def du_module(cls, fabrique: pytest.TempPathFactory, requete: pytest.FixtureRequest) -> Lanceur:
        """A launcher for a test module, its selected cases (`cas` parameters) launched beforehand."""
        lanceur = cls(fabrique.mktemp("cas"))
        lanceur.prelancer(
            cas
            for item in requete.session.items
            if isinstance(item, pytest.Function)
            and item.module is requete.module
            and hasattr(item, "callspec")
            if isinstance(cas := item.callspec.params.get("cas"), Cas)
        )
        return lanceur

    def prelancer(self, tous: Iterable[Cas]) -> None:
        """Run the cases two at a time (the machine's cores), keeping their results."""
        a_faire = [cas for cas in tous if cas.nom not in self._resultats]
        with ThreadPoolExecutor(max(1, min(2, os.cpu_count() or 1))) as executeur:
            for cas, resultat in zip(a_faire, executeur.map(self._lancer, a_faire), strict=True):
                self._resultats[cas.nom] = resultat

    def resultat(self, cas: Cas) -> Resultat:
        if cas.nom not in self._resultats:
            self._resultats[cas.nom] = self._lancer(cas)
        resultat = self._resultats[cas.nom]
        if isinstance(resultat, AssertionError):
            raise resultat
        return resultat


def verifier_cas(lanceur: Lanceur, cas: Cas) -> Resultat:
    resultat = lanceur.resultat(cas)
    verifier(resultat, cas.code, *cas.mots)
    return resultat
