"""Progress of a long run: a bar on a terminal, nothing in a pipe or in CI.

>>> import io
>>> p = Progression(3, "Génération", flux=io.StringIO())
>>> p.actif
False
>>> p.avancer(3); p.terminer()
"""

from __future__ import annotations

import os
import sys
import threading
import time
from typing import TextIO

__all__ = ["Progression"]


class Progression:
    """Counts units of work done and, on a terminal, redraws one line on stderr (thread-safe).

    Shown only when the stream is a terminal and the CI variable is not set."""

    def __init__(self, total: int, libelle: str, *, flux: TextIO | None = None, actif: bool | None = None):
        self.total = max(total, 0)
        self.libelle = libelle
        self.fait = 0
        self.debut = time.perf_counter()
        self._flux = flux if flux is not None else sys.stderr
        if actif is None:
            actif = bool(getattr(self._flux, "isatty", lambda: False)()) and not os.environ.get("CI")
        self.actif = actif
        self._verrou = threading.Lock()
        self._dernier = 0.0

    def avancer(self, n: int = 1) -> None:
        with self._verrou:
            self.fait = min(self.fait + n, self.total) if self.total else self.fait + n
            maintenant = time.perf_counter()
            if self.actif and (maintenant - self._dernier > 0.1 or self.fait == self.total):
                self._dernier = maintenant
                self._dessiner()

    def _dessiner(self) -> None:
        largeur = 30
        part = self.fait / self.total if self.total else 1.0
        barre = "█" * int(part * largeur) + "·" * (largeur - int(part * largeur))
        secondes = f"{time.perf_counter() - self.debut:.1f}".replace(".", ",")  # French decimal comma
        self._flux.write(f"\r{self.libelle} {barre} {self.fait}/{self.total} ({secondes} s)")
        self._flux.flush()

    def terminer(self) -> None:
        """Ends the bar's line (on a terminal)."""
        with self._verrou:
            if self.actif:
                self._dessiner()
                self._flux.write("\n")
                self._flux.flush()

    @property
    def duree(self) -> float:
        """Seconds since the start."""
        return time.perf_counter() - self.debut
