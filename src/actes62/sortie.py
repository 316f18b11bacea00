"""The output folder of `generate`: one run at a time, all or nothing, nothing left behind.

What users find in `-o` is plain files, named after the affaires, next to whatever else they keep
there: no version folders, no symbolic links. So the new set cannot be switched in by one rename of
a folder; it is switched file by file, under a journal that makes the switch all or nothing:

1. A run takes the folder's lock (`.actes62.lock`, `fcntl.flock`): a second run into the same
   folder fails at once, naming the first (pid, start time). The lock is released by the kernel
   when its holder dies, even by SIGKILL.
2. Under the lock, what a killed run left is dealt with first: its journal is completed, its
   workshop folders (`.actes62-PID-…`, the pid no longer alive, or older than `AGE_MAX`) removed.
3. The documents are made in a workshop folder of the output folder (same file system: a rename
   is atomic). Until everything is made, the old files are untouched: a run stopped there leaves
   the old set whole.
4. The commit point: the journal `.actes62-journal` (the workshop and the names to move) is written
   atomically. Then each file is moved into place; then the journal is removed. A run stopped
   between the two is completed — rolled forward, every new file being whole in the workshop — by
   the next `generate`, and by `check`/`audit` before they read the folder (`resoudre`). A SIGTERM
   or SIGINT during the moves does not stop them: the run completes them, then exits.

Rolling forward rather than back: the new set is complete when the journal is written, and it is
what the user asked for; rolling back would need the old files kept aside, doubling the moves.

Files at the output names are refused without `--force`: existing ones, and symbolic links
(dangling or not), never followed; with `--force` a link is replaced by the document (a rename
replaces the link itself). A folder at an output name is refused even with `--force`.

Test hook: with the environment variable `ACTES62_TEST_PAUSE_DEPLACEMENTS=N`, a run pauses (60 s)
after its N-th move and says so on stderr, so that the tests can stop it there. Not for users.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path

from actes62.errors import FichierExistant, GenerationError
from actes62.fichiers import ecrire_atomique

__all__ = [
    "AGE_MAX",
    "JOURNAL",
    "VERROU",
    "LienSymbolique",
    "SortieOccupee",
    "atelier",
    "basculer",
    "nettoyer",
    "reprendre",
    "resoudre",
    "verifier_noms",
    "verrou",
]

VERROU = ".actes62.lock"
JOURNAL = ".actes62-journal"
PREFIXE_ATELIER = ".actes62-"
AGE_MAX = 24 * 3600.0
"""Seconds after which a workshop folder is stale even if its pid is alive (a reused pid)."""
VARIABLE_PAUSE = "ACTES62_TEST_PAUSE_DEPLACEMENTS"

_ATELIER = re.compile(r"^\.actes62-(?:pdf-)?(\d+)-")


class SortieOccupee(GenerationError):
    """Another run holds the output folder's lock."""

    def __init__(self, dossier: Path, pid: int | None, debut: str | None) -> None:
        self.dossier = dossier
        self.pid = pid
        qui = f"pid {pid}" if pid is not None else "pid inconnu"
        if debut:
            qui += f", commencée {debut}"
        super().__init__(
            f"{dossier} : une autre génération d'actes62 y écrit déjà ({qui}) ; "
            "attendez qu'elle se termine (ou arrêtez-la), puis relancez la commande"
        )


class LienSymbolique(GenerationError):
    """A symbolic link at an output name, refused without --force."""

    def __init__(self, chemin: Path) -> None:
        self.chemin = chemin
        super().__init__(
            f"{chemin} est un lien symbolique : il n'est ni suivi ni remplacé "
            "(relancez avec --force pour le remplacer par le document)"
        )


def _quand(instant: datetime) -> str:
    return instant.strftime("le %d/%m/%Y à %H:%M:%S")


def _occupant(descripteur: int) -> tuple[int | None, str | None]:
    """The pid and start of the run holding the lock, as it wrote them (it may not have yet)."""
    for _ in range(5):
        try:
            donnees = json.loads(os.pread(descripteur, 4096, 0) or b"null")
            if isinstance(donnees, dict):
                pid = donnees.get("pid")
                return (pid if isinstance(pid, int) else None), str(donnees.get("debut") or "") or None
        except (OSError, ValueError):
            pass
        time.sleep(0.05)
    return None, None


@contextmanager
def verrou(dossier: Path, *, attente: float = 0.0) -> Iterator[None]:
    """Hold the lock of `dossier` while inside; SortieOccupee if another run holds it (after
    waiting up to `attente` seconds). The lock file is removed on the way out."""
    chemin = dossier / VERROU
    limite = time.monotonic() + attente
    while True:
        try:
            descripteur = os.open(chemin, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            raise GenerationError(f"{chemin} : impossible de poser le verrou ({exc.strerror})") from None
        try:
            fcntl.flock(descripteur, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if time.monotonic() < limite:
                os.close(descripteur)
                time.sleep(0.1)
                continue
            pid, debut = _occupant(descripteur)
            os.close(descripteur)
            raise SortieOccupee(dossier, pid, debut) from None
        except OSError as exc:
            os.close(descripteur)
            raise GenerationError(f"{chemin} : impossible de poser le verrou ({exc.strerror})") from None
        try:  # the holder before us may have removed the file after we opened it: lock the one in place
            meme = os.stat(chemin, follow_symlinks=False).st_ino == os.fstat(descripteur).st_ino
        except FileNotFoundError:
            meme = False
        if meme:
            break
        os.close(descripteur)
    try:
        contenu = json.dumps({"pid": os.getpid(), "debut": _quand(datetime.now())}, ensure_ascii=False)
        os.ftruncate(descripteur, 0)
        os.pwrite(descripteur, contenu.encode(), 0)
        yield
    finally:
        with suppress(OSError):
            os.unlink(chemin)
        os.close(descripteur)


def atelier(dossier: Path) -> Path:
    """A new workshop folder in `dossier`, named after this process: `.actes62-PID-xxxxxxxx`."""
    return Path(tempfile.mkdtemp(prefix=f"{PREFIXE_ATELIER}{os.getpid()}-", dir=dossier))


def _vivant(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def perime(chemin: Path, maintenant: float | None = None) -> bool:
    """A workshop (or LibreOffice profile) folder left by a dead run: its pid (in its name) is not
    alive or is this process's own, or it is older than AGE_MAX; one with no pid in its name (an
    older actes62) is stale too."""
    correspondance = _ATELIER.match(chemin.name) or re.match(r"^actes62-libreoffice-(\d+)-", chemin.name)
    if correspondance is None:
        return True
    pid = int(correspondance.group(1))
    try:
        age = (maintenant or time.time()) - chemin.lstat().st_mtime
    except OSError:
        return False
    return pid == os.getpid() or not _vivant(pid) or age > AGE_MAX


def nettoyer(dossier: Path, garder: Path | None = None) -> list[Path]:
    """Remove from `dossier` the workshops of dead runs (and their half-written journal temporary
    files); to be called under the lock. Returns what was removed."""
    retires = []
    try:
        entrees = list(dossier.iterdir())
    except OSError:
        return []
    for entree in entrees:
        if entree == garder:
            continue
        if entree.name.startswith(f".{JOURNAL}."):  # the temporary file of a journal being written
            entree.unlink(missing_ok=True)
            retires.append(entree)
        elif (
            entree.name.startswith(PREFIXE_ATELIER)
            and entree.is_dir()
            and not entree.is_symlink()
            and perime(entree)
        ):
            shutil.rmtree(entree, ignore_errors=True)
            retires.append(entree)
    return retires


def verifier_noms(dossier: Path, noms: Sequence[str], force: bool) -> None:
    """Refuse the output names that are taken: a file (unless `force`), a symbolic link (unless
    `force`; never followed), a folder (always)."""
    for nom in noms:
        chemin = dossier / nom
        if chemin.is_symlink():
            if not force:
                raise LienSymbolique(chemin)
        elif chemin.is_dir():
            raise GenerationError(f"{chemin} est un dossier : un document ne peut pas le remplacer")
        elif chemin.exists() and not force:
            raise FichierExistant(chemin)


def _nom_simple(nom: object) -> str:
    if not isinstance(nom, str) or not nom or "/" in nom or "\\" in nom or nom in (".", ".."):
        raise ValueError(nom)
    return nom


def reprendre(dossier: Path) -> bool:
    """Complete the switch a stopped run left (its journal), then remove its workshop; to be called
    under the lock. False when there was nothing to complete."""
    journal = dossier / JOURNAL
    if not os.path.lexists(journal):
        return False
    try:
        if journal.is_symlink():
            raise ValueError("lien symbolique")
        contenu = json.loads(journal.read_bytes())
        atelier_ = _nom_simple(contenu["atelier"])
        if not atelier_.startswith(PREFIXE_ATELIER):
            raise ValueError(atelier_)
        noms = [_nom_simple(nom) for nom in contenu["fichiers"]]
    except (OSError, ValueError, KeyError, TypeError):
        raise GenerationError(
            f"{journal} : journal de génération illisible ; il ne vient pas d'actes62 ou a été modifié. "
            "Supprimez-le, puis relancez la génération"
        ) from None
    for nom in noms:
        source = dossier / atelier_ / nom
        if os.path.lexists(source):
            os.replace(source, dossier / nom)
    journal.unlink()
    shutil.rmtree(dossier / atelier_, ignore_errors=True)
    return True


def basculer(dossier: Path, atelier_: Path, noms: Sequence[str]) -> list[Path]:
    """Move the files `noms` of the workshop into `dossier`, all or nothing (see the module's
    docstring); returns their new paths. The workshop is left for the caller to remove."""
    ecrire_atomique(
        dossier / JOURNAL,
        json.dumps({"atelier": atelier_.name, "fichiers": list(noms)}, ensure_ascii=False).encode(),
    )
    pause = _pause_de_test()
    try:
        for rang, nom in enumerate(noms, start=1):
            os.replace(atelier_ / nom, dossier / nom)
            if rang == pause:
                print(f"actes62 : pause de test après {rang} déplacements", file=sys.stderr, flush=True)
                time.sleep(60)
    except BaseException:  # past the commit point: complete the switch, then let the stop go on
        reprendre(dossier)
        raise
    (dossier / JOURNAL).unlink()
    return [dossier / nom for nom in noms]


def _pause_de_test() -> int | None:
    valeur = os.environ.get(VARIABLE_PAUSE, "")
    return int(valeur) if valeur.isdigit() else None


def resoudre(dossier: Path, *, attente: float = 10.0) -> None:
    """Before reading `dossier` (check, audit): complete a switch a stopped run left, if any, so that
    a half state is never read. Waits up to `attente` seconds for a run that is switching."""
    if not os.path.lexists(dossier / JOURNAL):
        return
    try:
        with verrou(dossier, attente=attente):
            reprendre(dossier)
    except OSError as exc:
        raise GenerationError(
            f"{dossier} : une génération interrompue y a laissé son journal ({JOURNAL}), qui n'a pas pu "
            f"être achevé ({exc.strerror or exc}) ; relancez « actes62 generate » dans ce dossier"
        ) from None
