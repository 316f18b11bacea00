"""Processes that do not outlive the run: signals, worker processes, LibreOffice.

- `interruptions()` turns SIGTERM and SIGINT (what `timeout`, CI and Ctrl-C send) into an
  `Interruption` raised in the main thread, so that every `finally` runs: the worker processes and
  LibreOffice are stopped, the temporary folders removed. The command exits 128 + the signal's
  number (130 for SIGINT, 143 for SIGTERM), as shells do.
- A SIGKILL cannot be caught: the children must notice by themselves that their parent is gone.
  On Linux, `suivre_parent()` asks the kernel for a signal when the parent dies
  (`prctl(PR_SET_PDEATHSIG)`, through ctypes): immediate, no thread. Elsewhere (or if prctl is not
  available) a daemon thread polls the parent's pid twice a second and ends the process when it
  changes — the portable fallback.
- LibreOffice cannot be asked for either (its launcher forks `soffice.bin`, which would not inherit
  the request), so it is started through this module run as a script: a small guard that follows
  its parent as above, starts LibreOffice in a process group of its own and, when its parent dies
  or it is told to stop (SIGTERM), kills that whole group and removes LibreOffice's profile folder.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

__all__ = ["Interruption", "commande_gardee", "interruptions", "suivre_parent"]

_PR_SET_PDEATHSIG = 1
_SIGNAUX = (signal.SIGTERM, signal.SIGINT)


class Interruption(BaseException):
    """The run was stopped by a signal (SIGTERM, SIGINT). A BaseException, like KeyboardInterrupt,
    so that no `except Exception` takes it for an ordinary failure."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)

    @property
    def code(self) -> int:
        """The conventional exit code: 128 + the signal's number."""
        return 128 + self.signum


def _lever(signum: int, _cadre: FrameType | None) -> None:
    raise Interruption(signum)


@contextmanager
def interruptions() -> Iterator[None]:
    """While inside, SIGTERM and SIGINT raise `Interruption` in the main thread; handlers restored after.

    Outside the main thread (signals cannot be handled there) it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    anciens = {signum: signal.signal(signum, _lever) for signum in _SIGNAUX}
    try:
        yield
    finally:
        for signum, ancien in anciens.items():
            signal.signal(signum, ancien)


def _prctl_pdeathsig(signum: int) -> bool:
    """Ask Linux to send `signum` to this process when its parent dies; False where not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _surveiller(parent: int, fin: Callable[[], object]) -> None:
    """Fallback: a daemon thread that calls `fin()` once the parent is gone (the pid changes)."""

    def boucle() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        fin()

    threading.Thread(target=boucle, name="actes62-parent", daemon=True).start()


def suivre_parent(parent: int) -> None:
    """In a worker process: die with the parent `parent` (the pid the worker was started from).

    Also restores the default SIGTERM (die) and ignores SIGINT (a Ctrl-C reaches the whole group;
    the parent stops its workers itself), as a forked worker inherits the parent's handlers."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _prctl_pdeathsig(signal.SIGKILL):
        _surveiller(parent, lambda: os._exit(1))
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def commande_gardee(commande: Sequence[str], profil: Path | None = None) -> list[str]:
    """`commande` run through the guard: it dies (with its whole process group) when this process dies.

    `profil`: a folder the guard removes when it has to stop the command (LibreOffice's profile)."""
    options = ["--profil", str(profil)] if profil is not None else []
    return [sys.executable, "-I", str(Path(__file__).resolve()), str(os.getpid()), *options, "--", *commande]


def _garder(arguments: Sequence[str]) -> int:
    """The guard: `PARENT [--profil DOSSIER] -- COMMANDE…` (see the module's docstring)."""
    parent = int(arguments[0])
    separateur = list(arguments).index("--")
    options = list(arguments[1:separateur])
    profil = Path(options[1]) if options[:1] == ["--profil"] else None
    commande = list(arguments[separateur + 1 :])
    arret = threading.Event()

    def arreter(*_: object) -> None:
        arret.set()

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, arreter)
    if not _prctl_pdeathsig(signal.SIGTERM):
        _surveiller(parent, arreter)
    if os.getppid() != parent:
        arret.set()
    if arret.is_set():
        return 128 + signal.SIGTERM
    enfant = subprocess.Popen(commande, start_new_session=True)
    code: int | None = None
    while code is None and not arret.is_set():
        try:
            code = enfant.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            if os.getppid() != parent:
                arret.set()
    with suppress(ProcessLookupError, PermissionError):  # what is left of the group (soffice.bin…)
        os.killpg(enfant.pid, signal.SIGKILL)
    if code is None:
        enfant.wait()
        if profil is not None:
            shutil.rmtree(profil, ignore_errors=True)
        return 128 + signal.SIGTERM
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(_garder(sys.argv[1:]))
