"""Interrupted and concurrent `generate` runs leave nothing behind, and the output is all or nothing.

Real `python -m actes62 generate` processes on a séance of 60 affaires (built from the example by
duplicating its affaires), stopped by SIGTERM, SIGINT or SIGKILL while rendering, while LibreOffice
converts, or during the final moves (the test hook ACTES62_TEST_PAUSE_DEPLACEMENTS pauses a run
after its N-th move). Each run has its own temporary folder (TMPDIR) so that LibreOffice's
profiles can be counted; every process a test starts mentions the test's folder on its command
line, so that what is left of them can be found in /proc.
"""

from __future__ import annotations

import copy
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from actes62.load import load
from actes62.render import nom_fichier
from actes62.sortie import JOURNAL, VARIABLE_PAUSE, VERROU

RACINE = Path(__file__).resolve().parents[2]
EXEMPLE = RACINE / "examples" / "seance-2026-03" / "dossier.yaml"
AFFAIRES = 60

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def seance(nombre: int, suffixe: str) -> dict[str, object]:
    """The example séance with `nombre` affaires, copies of its three with their own id and numbers;
    `suffixe` is added to every title (so that two versions differ)."""
    donnees = yaml.safe_load(EXEMPLE.read_text(encoding="utf-8"))
    modeles = donnees["affaires"]
    affaires = []
    for rang in range(nombre):
        modele = modeles[rang % len(modeles)]
        affaire = copy.deepcopy(modele)
        affaire["id"] = f"{modele['id']}-{rang:03d}"
        affaire["deliberation"]["numero"] = f"2026-{200 + rang}"
        affaire["rapport"]["numero"] = 100 + rang
        affaire["titre"] = modele["titre"] + suffixe
        affaires.append(affaire)
    donnees["affaires"] = affaires
    return dict(donnees)


def empreintes(dossier: Path) -> dict[str, str]:
    """The sha256 of every entry of `dossier` (hidden ones included: they must not be there)."""
    return {
        f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(dossier.iterdir()) if f.is_file()
    }


def caches(dossier: Path) -> list[str]:
    return sorted(f.name for f in dossier.iterdir() if f.name.startswith("."))


def vivants(marqueur: Path) -> list[str]:
    """The live processes whose command line mentions `marqueur` (zombies are not alive)."""
    trouves = []
    cle = str(marqueur).encode()
    for entree in Path("/proc").iterdir():
        if not entree.name.isdigit() or int(entree.name) == os.getpid():
            continue
        try:
            ligne = (entree / "cmdline").read_bytes()
            etat = (entree / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if cle in ligne and etat not in ("Z", "X"):
            trouves.append(ligne.replace(b"\0", b" ").decode(errors="replace"))
    return trouves


def attendre(condition: object, delai: float = 30.0, message: str = "") -> None:
    limite = time.monotonic() + delai
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < limite, message or "condition jamais remplie"
        time.sleep(0.01)


class Banc:
    """A test's folder: its dossiers, its TMPDIR, the runs it starts (killed if a test fails)."""

    def __init__(self, racine: Path, v1: Path, v2: Path) -> None:
        self.racine = racine
        self.v1 = v1
        self.v2 = v2
        self.tmp = racine / "tmp"
        self.tmp.mkdir()
        self.sortie = racine / "sortie"
        self.lances: list[subprocess.Popen[str]] = []

    def env(self, pause: int | None = None) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("ACTES62_DEBUG", VARIABLE_PAUSE)}
        env["TMPDIR"] = str(self.tmp)
        if pause is not None:
            env[VARIABLE_PAUSE] = str(pause)
        return env

    def lancer(self, *arguments: str, pause: int | None = None) -> subprocess.Popen[str]:
        return self.lancer_python("-m", "actes62", *arguments, pause=pause)

    def lancer_python(self, *arguments: str, pause: int | None = None) -> subprocess.Popen[str]:
        processus = subprocess.Popen(
            [sys.executable, *arguments],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env(pause),
            cwd=self.racine,
            start_new_session=True,
        )
        self.lances.append(processus)
        return processus

    def executer(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "actes62", *arguments],
            capture_output=True,
            text=True,
            env=self.env(),
            cwd=self.racine,
            timeout=120,
        )

    def generer(self, dossier: Path, *options: str, pause: int | None = None) -> subprocess.Popen[str]:
        return self.lancer("generate", str(dossier), "-o", str(self.sortie), *options, pause=pause)

    def atelier_rempli(self, minimum: int) -> bool:
        ateliers = [d for d in self.sortie.glob(".actes62-*") if d.is_dir()]
        return any(len(list(d.iterdir())) >= minimum for d in ateliers)

    def rien_ne_reste(self) -> None:
        """No process of the test alive, no LibreOffice profile, after at most a few seconds."""
        attendre(lambda: not vivants(self.racine), 10.0, f"processus restants : {vivants(self.racine)}")
        assert list(self.tmp.iterdir()) == []


@pytest.fixture(scope="module")
def references(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The two versions of the séance, and the hashes and check summary of each generated whole."""
    base = tmp_path_factory.mktemp("references")
    resultat: dict[str, object] = {}
    for version, suffixe in (("v1", ""), ("v2", " (v2)")):
        chemin = base / f"{version}.yaml"
        chemin.write_text(yaml.safe_dump(seance(AFFAIRES, suffixe), allow_unicode=True), encoding="utf-8")
        sortie = base / f"sortie-{version}"
        fait = subprocess.run(
            [sys.executable, "-m", "actes62", "generate", str(chemin), "-o", str(sortie)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert fait.returncode == 0, fait.stderr
        resultat[version] = chemin
        resultat[f"{version}-sortie"] = sortie
        resultat[f"{version}-empreintes"] = empreintes(sortie)
    assert resultat["v1-empreintes"] != resultat["v2-empreintes"]
    return resultat


@pytest.fixture
def banc(tmp_path: Path, references: dict[str, object]) -> Iterator[Banc]:
    v1, v2 = references["v1"], references["v2"]
    assert isinstance(v1, Path) and isinstance(v2, Path)
    banc = Banc(tmp_path, v1, v2)
    yield banc
    for processus in banc.lances:  # a failed test must not leave its runs behind
        if processus.poll() is None:
            os.killpg(processus.pid, signal.SIGKILL)
        processus.communicate()


def ancien_jeu(banc: Banc, references: dict[str, object]) -> dict[str, str]:
    """Put the complete old set (v1) into the output folder; its hashes."""
    source = references["v1-sortie"]
    assert isinstance(source, Path)
    shutil.copytree(source, banc.sortie)
    return empreintes(banc.sortie)


def verifie_seul(banc: Banc, dossier: Path, fichiers: int) -> None:
    """`check` reads the `fichiers` documents of the output folder, and nothing hidden."""
    fait = banc.executer("check", str(dossier), str(banc.sortie))
    assert fait.returncode in (0, 1), fait.stderr
    assert "Traceback" not in fait.stderr and "erreur interne" not in fait.stderr
    assert f"; {fichiers} documents vérifiés" in fait.stdout
    assert ".actes62" not in fait.stdout


# --- stopped while rendering ----------------------------------------------------------------------------


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_or_sigint_while_rendering_leaves_the_old_set_and_nothing_else(
    banc: Banc, references: dict[str, object], signum: int, code: int
) -> None:
    avant = ancien_jeu(banc, references)
    run = banc.generer(banc.v2, "--force")
    attendre(lambda: banc.atelier_rempli(10), message="le rendu n'a pas commencé")
    os.kill(run.pid, signum)
    _, erreurs = run.communicate(timeout=30)
    assert run.returncode == code
    assert f"génération interrompue ({signal.Signals(signum).name})" in erreurs
    assert "Traceback" not in erreurs
    assert caches(banc.sortie) == []
    assert empreintes(banc.sortie) == avant
    banc.rien_ne_reste()


def test_sigkill_while_rendering_kills_the_workers_and_the_next_run_clears_its_workshop(
    banc: Banc, references: dict[str, object]
) -> None:
    avant = ancien_jeu(banc, references)
    run = banc.generer(banc.v2, "--force")
    attendre(lambda: banc.atelier_rempli(10), message="le rendu n'a pas commencé")
    os.kill(run.pid, signal.SIGKILL)
    run.communicate(timeout=30)
    banc.rien_ne_reste()  # the workers died with their parent
    atelier, verrou = caches(banc.sortie)  # the killed run's workshop, full of documents, and its lock
    assert atelier.startswith(f".actes62-{run.pid}-") and verrou == VERROU
    assert empreintes(banc.sortie) == {VERROU: empreintes(banc.sortie)[VERROU], **avant}
    verifie_seul(banc, banc.v1, len(avant))  # the workshop is not read

    suivant = banc.generer(banc.v2, "--force")
    sortie, erreurs = suivant.communicate(timeout=60)
    assert suivant.returncode == 0, erreurs
    assert f"{len(avant)} fichiers écrits" in sortie
    assert caches(banc.sortie) == []
    assert empreintes(banc.sortie) == references["v2-empreintes"]
    banc.rien_ne_reste()


# --- stopped during the final moves ---------------------------------------------------------------------


def arrete_en_deplacant(banc: Banc, signum: int, apres: int) -> subprocess.Popen[str]:
    """A v2 run over the old set, stopped by `signum` after its `apres`-th move."""
    run = banc.generer(banc.v2, "--force", pause=apres)
    assert run.stderr is not None
    ligne = run.stderr.readline()
    assert f"pause de test après {apres} déplacements" in ligne, ligne
    os.kill(run.pid, signum)
    run.communicate(timeout=30)
    return run


@pytest.mark.parametrize("reprise", ["check", "generate"])
def test_sigkill_during_the_moves_is_completed_before_anything_reads_the_folder(
    banc: Banc, references: dict[str, object], reprise: str
) -> None:
    avant = ancien_jeu(banc, references)
    arrete_en_deplacant(banc, signal.SIGKILL, 50)
    banc.rien_ne_reste()
    apres = empreintes(banc.sortie)
    assert {JOURNAL, VERROU} <= set(apres)  # a mixed séance, but with the journal that completes it
    melange = {nom: empreinte for nom, empreinte in apres.items() if not nom.startswith(".")}
    assert melange not in (avant, references["v2-empreintes"])

    if reprise == "check":
        verifie_seul(banc, banc.v2, len(avant))
    else:
        fait = banc.executer("generate", str(banc.v2), "-o", str(banc.sortie), "--force")
        assert fait.returncode == 0, fait.stderr
    assert caches(banc.sortie) == []
    assert empreintes(banc.sortie) == references["v2-empreintes"]
    banc.rien_ne_reste()


def test_sigterm_during_the_moves_completes_them_then_exits_143(
    banc: Banc, references: dict[str, object]
) -> None:
    ancien_jeu(banc, references)
    run = arrete_en_deplacant(banc, signal.SIGTERM, 50)
    assert run.returncode == 143
    assert caches(banc.sortie) == []
    assert empreintes(banc.sortie) == references["v2-empreintes"]
    banc.rien_ne_reste()


# --- concurrent runs --------------------------------------------------------------------------------


def test_a_second_run_into_the_same_folder_fails_at_once_naming_the_first(
    banc: Banc, references: dict[str, object]
) -> None:
    premier = banc.generer(banc.v1, pause=1)
    assert premier.stderr is not None
    assert "pause de test" in premier.stderr.readline()  # it holds the lock, switching
    second = banc.executer("generate", str(banc.v1), "-o", str(banc.sortie), "--force")
    assert second.returncode == 2
    assert (
        f"{banc.sortie} : une autre génération d'actes62 y écrit déjà (pid {premier.pid}, commencée le "
        in second.stderr
    )
    assert "Traceback" not in second.stderr and second.stdout == ""
    os.kill(premier.pid, signal.SIGTERM)
    premier.communicate(timeout=30)
    assert premier.returncode == 143
    assert caches(banc.sortie) == []
    assert empreintes(banc.sortie) == references["v1-empreintes"]
    banc.rien_ne_reste()


def test_two_runs_started_together_into_an_empty_folder_one_writes_the_other_fails(
    banc: Banc, references: dict[str, object]
) -> None:
    runs = [banc.generer(banc.v1), banc.generer(banc.v2)]
    sorties = [run.communicate(timeout=60) for run in runs]
    codes = [run.returncode for run in runs]
    assert sorted(codes) == [0, 2]
    gagnant = codes.index(0)
    _, erreurs = sorties[1 - gagnant]
    assert "une autre génération d'actes62 y écrit déjà" in erreurs or "existe déjà" in erreurs
    assert caches(banc.sortie) == []
    assert empreintes(banc.sortie) == references[f"v{gagnant + 1}-empreintes"]
    banc.rien_ne_reste()


# --- symbolic links and stale workshops (on the three-affaire example) -----------------------------------


def test_symbolic_links_at_output_names_are_refused_then_replaced_never_followed(banc: Banc) -> None:
    dossier = load(EXEMPLE)
    premiere, seconde = dossier.affaires[0], dossier.affaires[1]
    banc.sortie.mkdir()
    cible = banc.racine / "cible.docx"
    cible.write_bytes(b"a garder")
    pendant = banc.sortie / nom_fichier(premiere, "deliberation")
    vers_cible = banc.sortie / nom_fichier(seconde, "rapport")
    pendant.symlink_to(banc.racine / "nulle-part.docx")
    vers_cible.symlink_to(cible)

    refuse = banc.executer("generate", str(EXEMPLE), "-o", str(banc.sortie))
    assert refuse.returncode == 2
    assert f"{pendant} est un lien symbolique : il n'est ni suivi ni remplacé" in refuse.stderr
    assert "--force" in refuse.stderr
    assert sorted(p.name for p in banc.sortie.iterdir()) == sorted([pendant.name, vers_cible.name])

    force = banc.executer("generate", str(EXEMPLE), "-o", str(banc.sortie), "--force")
    assert force.returncode == 0, force.stderr
    for lien in (pendant, vers_cible):
        assert not lien.is_symlink() and lien.read_bytes()[:2] == b"PK"
    assert cible.read_bytes() == b"a garder"
    assert not (banc.racine / "nulle-part.docx").exists()
    assert caches(banc.sortie) == []


def test_stale_workshops_are_never_read_and_are_removed_by_the_next_run(banc: Banc) -> None:
    mort = subprocess.Popen(["true"])
    mort.wait()
    banc.sortie.mkdir()
    vieux = time.time() - 2 * 24 * 3600
    perimes = [f".actes62-{mort.pid}-abcd1234", f".actes62-{os.getpid()}-ancien00", ".actes62-q8z1x0f2"]
    vivant = f".actes62-{os.getpid()}-vivant00"
    for nom in [*perimes, vivant]:
        (banc.sortie / nom).mkdir()
        (banc.sortie / nom / "faux_deliberation.docx").write_bytes(b"PK pas un docx")
    os.utime(banc.sortie / perimes[1], (vieux, vieux))
    profil = banc.tmp / f"actes62-libreoffice-{mort.pid}-zz"
    profil.mkdir()

    lu = banc.executer("check", str(EXEMPLE), str(banc.sortie))
    assert "faux_deliberation" not in lu.stdout + lu.stderr
    # only workshops in the folder: no document to check, said as such
    assert lu.returncode == 2 and "aucun document DOCX ou PDF" in lu.stderr, lu.stderr

    fait = banc.executer("generate", str(EXEMPLE), "-o", str(banc.sortie))
    assert fait.returncode == 0, fait.stderr
    assert caches(banc.sortie) == [vivant]  # a live run's workshop, younger than a day, is kept
    assert profil.exists()  # profiles are cleared by a conversion (see the --pdf test)


# --- with LibreOffice ------------------------------------------------------------------------------


def soffice_tourne(banc: Banc) -> bool:
    return any("soffice.bin" in ligne for ligne in vivants(banc.racine))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice est nécessaire")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_a_stopped_pdf_run_leaves_no_libreoffice_and_no_profile(banc: Banc, signum: int) -> None:
    mort = subprocess.Popen(["true"])
    mort.wait()
    (banc.tmp / f"actes62-libreoffice-{mort.pid}-zz").mkdir()  # left by a dead run
    run = banc.generer(EXEMPLE, "--pdf")
    attendre(lambda: soffice_tourne(banc), 60.0, "LibreOffice n'a pas démarré")
    os.kill(run.pid, signum)
    _, erreurs = run.communicate(timeout=30)
    banc.rien_ne_reste()  # LibreOffice's whole group is gone, every profile removed
    if signum == signal.SIGTERM:
        assert run.returncode == 143
        assert "génération interrompue (SIGTERM)" in erreurs
        assert list(banc.sortie.iterdir()) == []
    else:
        suivant = banc.executer("generate", str(EXEMPLE), "-o", str(banc.sortie))
        assert suivant.returncode == 0, suivant.stderr
        assert caches(banc.sortie) == []


# --- the pieces, on their own ---------------------------------------------------------------------------

_ENFANT_SANS_PRCTL = """
import os, sys, time
from multiprocessing import Process
from actes62 import garde

def travailleur(parent):
    garde._prctl_pdeathsig = lambda signum: False  # the portable fallback: polling the parent
    garde.suivre_parent(parent)
    time.sleep(60)

if __name__ == "__main__":
    enfant = Process(target=travailleur, args=(os.getpid(),))
    enfant.start()
    print(enfant.pid, flush=True)
    time.sleep(60)
"""


def test_without_prctl_a_worker_still_dies_with_its_parent(banc: Banc) -> None:
    script = banc.racine / "parent.py"
    script.write_text(_ENFANT_SANS_PRCTL, encoding="utf-8")
    parent = banc.lancer_python(str(script))
    assert parent.stdout is not None
    enfant = int(parent.stdout.readline())
    assert any(str(script) in ligne for ligne in vivants(banc.racine))
    os.kill(parent.pid, signal.SIGKILL)
    parent.communicate(timeout=10)
    banc.rien_ne_reste()
    assert not Path(f"/proc/{enfant}/cmdline").exists() or not (Path(f"/proc/{enfant}/cmdline").read_bytes())


def test_a_journal_that_is_not_actes62s_is_a_clear_error(banc: Banc) -> None:
    banc.sortie.mkdir()
    (banc.sortie / JOURNAL).write_text(
        '{"atelier": "../ailleurs", "fichiers": ["/etc/passwd"]}', encoding="utf-8"
    )
    for commande in (
        ("generate", str(EXEMPLE), "-o", str(banc.sortie)),
        ("check", str(EXEMPLE), str(banc.sortie)),
    ):
        fait = banc.executer(*commande)
        assert fait.returncode == 2
        assert f"{banc.sortie / JOURNAL} : journal de génération illisible" in fait.stderr
        assert "Traceback" not in fait.stderr
    assert sorted(p.name for p in banc.sortie.iterdir()) == [JOURNAL]
