"""Running the command line on hostile input: a subprocess bounded in memory (RLIMIT_AS) and in
time, in its own process group (killed whole on time-out), whose output is checked for a French
message and the absence of any traceback or internal error."""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DELAI_MAX", "MEMOIRE_MAX", "Resultat", "borner", "lancer", "verifier"]

MEMOIRE_MAX = 500 * 1024 * 1024
"""The address space a run may use (500 Mo)."""
DELAI_MAX = 10.0
"""The seconds a run may take."""


@dataclass(frozen=True)
class Resultat:
    """What a run gave: exit code, outputs, duration (seconds)."""

    arguments: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    duree: float

    @property
    def sortie(self) -> str:
        return self.stdout + self.stderr

    def __str__(self) -> str:
        return (
            f"actes62 {' '.join(self.arguments)} → code {self.code} en {self.duree:.1f} s\n"
            f"--- stdout ---\n{self.stdout[-3000:]}\n--- stderr ---\n{self.stderr[-3000:]}"
        )


_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE = 1
_CAP_DAC_READ_SEARCH = 2


def borner() -> None:
    """In the child, before exec: its address space limited to MEMOIRE_MAX."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMOIRE_MAX, MEMOIRE_MAX))


def _borner_sans_passe_droits() -> None:
    """Also take from the run root's power to read what its rights forbid (dropped from the
    capability bounding set, so the program run has them no more): a file or folder of mode 000
    then really cannot be read, as for any user."""
    borner()
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capacite in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
            if libc.prctl(_PR_CAPBSET_DROP, capacite, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def lancer(
    arguments: Sequence[str | Path],
    *,
    dossier: Path,
    delai: float = DELAI_MAX,
    env: dict[str, str] | None = None,
    sans_passe_droits: bool = False,
    programme: Sequence[str] = ("-m", "actes62"),
) -> Resultat:
    """Run `python -m actes62 ARGUMENTS` (or `python PROGRAMME ARGUMENTS`) in `dossier` (its working
    folder), under the memory limit; `sans_passe_droits`: a run as root reads only what the rights
    allow. A run still going after `delai` seconds is killed with its whole process group and fails
    the test."""
    environnement = {k: v for k, v in os.environ.items() if not k.startswith("ACTES62_")}
    environnement.update({"PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8", **(env or {})})
    texte = tuple(os.fsdecode(a) for a in arguments)
    debut = time.monotonic()
    processus = subprocess.Popen(
        [sys.executable, *programme, *(os.fsencode(a) for a in arguments)],
        cwd=dossier,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environnement,
        preexec_fn=_borner_sans_passe_droits if sans_passe_droits else borner,
        start_new_session=True,
    )
    try:
        stdout, stderr = processus.communicate(timeout=delai)
    except subprocess.TimeoutExpired:
        os.killpg(processus.pid, signal.SIGKILL)
        stdout, stderr = processus.communicate()
        raise AssertionError(
            f"actes62 {' '.join(texte)} : toujours en cours après {delai} s\n"
            f"{stderr.decode('utf-8', 'replace')[-2000:]}"
        ) from None
    finally:
        with contextlib.suppress(ProcessLookupError):  # workers a run may have left behind
            os.killpg(processus.pid, signal.SIGKILL)
    return Resultat(
        texte,
        processus.returncode,
        stdout.decode("utf-8", "replace"),
        stderr.decode("utf-8", "replace"),
        time.monotonic() - debut,
    )


def verifier(resultat: Resultat, code: int, *mots: str) -> None:
    """The run exited with `code`, its output says each of `mots` (the file named, French words),
    and shows no traceback, no internal error, no English warning from a library."""
    assert resultat.code == code, str(resultat)
    for mot in mots:
        assert mot in resultat.sortie, f"« {mot} » absent :\n{resultat}"
    assert "Traceback" not in resultat.sortie, str(resultat)
    assert "erreur interne" not in resultat.sortie, str(resultat)
    assert "Warning" not in resultat.sortie and "warning" not in resultat.sortie, str(resultat)
    assert resultat.duree < DELAI_MAX, str(resultat)
