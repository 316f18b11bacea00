"""Writing files: never a partial file, never a silent overwrite of something half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["ecrire_atomique"]


def ecrire_atomique(destination: Path, ecrire: Callable[[BinaryIO], object] | bytes) -> Path:
    """Write `destination` through a temporary file of the same folder, then rename it into place.

    `ecrire` is the bytes to write, or a function that writes into the open file. On any failure the
    temporary file is removed and `destination` is left as it was."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    descripteur, temporaire = tempfile.mkstemp(prefix=f".{destination.name}.", dir=destination.parent)
    try:
        with os.fdopen(descripteur, "wb") as fichier:
            if isinstance(ecrire, bytes):
                fichier.write(ecrire)
            else:
                ecrire(fichier)
        os.chmod(temporaire, 0o644)
        os.replace(temporaire, destination)
    except BaseException:
        Path(temporaire).unlink(missing_ok=True)
        raise
    return destination
