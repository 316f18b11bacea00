"""actes62 as users get it: the wheel and the sdist are built as `pip` would build them, installed
into fresh virtual environments (no editable install, no access to `src/`) and used from a folder
outside the repository.

The wheel's file list is computed from the tree, so a new module, template or data file that the
packaging forgets fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import actes62

RACINE = Path(__file__).resolve().parents[1]
CODES_EXEMPLE = {"V001", "R004", "R005", "D005", "R001", "R002", "D008", "D007", "I005", "I006", "I007"}
"""The known findings of the example dossier (its published documents disagree in places)."""


def _fichiers_du_depot(dossier: Path, prefixe: str) -> set[str]:
    return {
        f"{prefixe}/{chemin.relative_to(dossier).as_posix()}"
        for chemin in dossier.rglob("*")
        if chemin.is_file() and "__pycache__" not in chemin.parts and chemin.suffix != ".pyc"
    }


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The sdist, then the wheel built from it (as `python -m build` does), and the build's output."""
    dist = tmp_path_factory.mktemp("dist")
    construction = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(RACINE)],
        capture_output=True,
        text=True,
    )
    sortie = construction.stdout + construction.stderr
    assert construction.returncode == 0, sortie
    (roue,) = dist.glob("actes62-*.whl")
    (sources,) = dist.glob("actes62-*.tar.gz")
    return roue, sources, sortie


def test_the_build_prints_no_warning(artefacts: tuple[Path, Path, str]) -> None:
    _, _, sortie = artefacts
    avertissements = [ligne for ligne in sortie.splitlines() if "warning" in ligne.lower()]
    assert avertissements == []


def test_the_wheel_holds_every_module_template_and_data_file(artefacts: tuple[Path, Path, str]) -> None:
    roue, _, _ = artefacts
    attendus = (
        _fichiers_du_depot(RACINE / "src" / "actes62", "actes62")
        | _fichiers_du_depot(RACINE / "templates", "actes62/templates")
        | _fichiers_du_depot(RACINE / "examples", "actes62/exemples")
    )
    noms = {nom for nom in zipfile.ZipFile(roue).namelist() if ".dist-info/" not in nom}
    assert noms == attendus
    assert {"actes62/py.typed", "actes62/data/reference.yaml", "actes62/checks/rules.py"} <= noms
    assert f"actes62-{actes62.__version__}.dist-info/licenses/LICENSE" in zipfile.ZipFile(roue).namelist()


def test_the_wheel_says_its_version_and_license(artefacts: tuple[Path, Path, str]) -> None:
    roue, _, _ = artefacts
    assert roue.name == f"actes62-{actes62.__version__}-py3-none-any.whl"
    archive = zipfile.ZipFile(roue)
    (metadonnees,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    texte = archive.read(metadonnees).decode()
    assert f"Version: {actes62.__version__}" in texte
    assert "License-Expression: MIT" in texte


def test_the_sdist_holds_the_sources_the_tests_and_the_examples(artefacts: tuple[Path, Path, str]) -> None:
    _, sources, _ = artefacts
    racine = f"actes62-{actes62.__version__}"
    with tarfile.open(sources) as archive:
        noms = {nom.removeprefix(racine + "/") for nom in archive.getnames()}
    attendus = {
        "pyproject.toml",
        "README.md",
        "LICENSE",
        "src/actes62/__init__.py",
        "src/actes62/checks/rules.py",
        "templates/deliberation.docx",
        "examples/lianes-2025/dossier.yaml",
        "tests/test_packaging.py",
    }
    assert attendus <= noms
    assert not any("__pycache__" in nom or nom.startswith(".venv") for nom in noms)


def _venv(dossier: Path, paquet: Path) -> Path:
    """A fresh virtual environment with `paquet` (wheel or sdist) installed; returns its bin/."""
    subprocess.run([sys.executable, "-m", "venv", str(dossier)], check=True, capture_output=True)
    binaire = dossier / "bin"
    installation = subprocess.run(
        [str(binaire / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q", str(paquet)],
        capture_output=True,
        text=True,
    )
    assert installation.returncode == 0, installation.stdout + installation.stderr
    return binaire


def _environnement() -> dict[str, str]:
    """The environment of a user's shell: nothing that points at the repository or the dev venv."""
    return {
        cle: valeur
        for cle, valeur in os.environ.items()
        if cle not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"} and not cle.startswith("PYTEST")
    }


@pytest.fixture(scope="module", params=["wheel", "sdist"])
def installe(
    request: pytest.FixtureRequest,
    artefacts: tuple[Path, Path, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, Path]]:
    """actes62 installed from the wheel or the sdist: (its bin/, an empty folder outside the repo)."""
    roue, sources, _ = artefacts
    base = tmp_path_factory.mktemp(f"installe-{request.param}")
    binaire = _venv(base / "venv", roue if request.param == "wheel" else sources)
    ailleurs = base / "ailleurs"
    ailleurs.mkdir()
    yield binaire, ailleurs


def _lancer(binaire: Path, ailleurs: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(binaire / arguments[0]), *arguments[1:]],
        cwd=ailleurs,
        env=_environnement(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_installed_every_module_imports_from_the_installed_package(installe: tuple[Path, Path]) -> None:
    binaire, ailleurs = installe
    modules = sorted(
        "actes62." + ".".join(chemin.relative_to(RACINE / "src" / "actes62").with_suffix("").parts)
        for chemin in (RACINE / "src" / "actes62").rglob("*.py")
        if chemin.name != "__main__.py"
    )
    programme = (
        "import importlib, json, sys\n"
        f"modules = {modules!r}\n"
        "fichiers = [importlib.import_module(m.removesuffix('.__init__')).__file__ for m in modules]\n"
        "import actes62\n"
        "print(json.dumps({'fichiers': fichiers, 'version': actes62.__version__,"
        " 'load': hasattr(actes62, 'load')}))\n"
    )
    resultat = _lancer(binaire, ailleurs, "python", "-c", programme)
    assert resultat.returncode == 0, resultat.stderr
    lu = json.loads(resultat.stdout)
    assert lu["version"] == actes62.__version__ and lu["load"]
    prefixe = str(binaire.parent)
    assert all(fichier.startswith(prefixe) for fichier in lu["fichiers"])


def test_installed_the_repository_folder_does_not_shadow_the_package(installe: tuple[Path, Path]) -> None:
    """A script run from a folder holding a clone named `actes62` still gets the installed package."""
    binaire, ailleurs = installe
    (ailleurs / "actes62" / "src").mkdir(parents=True, exist_ok=True)
    resultat = _lancer(binaire, ailleurs, "python", "-c", "import actes62; print(actes62.load.__name__)")
    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stdout.strip() == "load"


def test_installed_command_version_exemple_generate_and_check(installe: tuple[Path, Path]) -> None:
    binaire, ailleurs = installe
    version = _lancer(binaire, ailleurs, "actes62", "--version")
    assert (version.returncode, version.stdout.strip()) == (0, f"actes62 {actes62.__version__}")

    exemple = _lancer(binaire, ailleurs, "actes62", "exemple", "exemples")
    assert exemple.returncode == 0, exemple.stderr
    dossier = ailleurs / "exemples" / "lianes-2025" / "dossier.yaml"
    assert dossier.read_bytes() == (RACINE / "examples" / "lianes-2025" / "dossier.yaml").read_bytes()
    assert "actes62 generate exemples/lianes-2025/dossier.yaml" in exemple.stdout
    encore = _lancer(binaire, ailleurs, "actes62", "exemple", "exemples")
    assert encore.returncode == 2 and "existe déjà" in encore.stderr

    genere = _lancer(binaire, ailleurs, "actes62", "generate", str(dossier), "-o", "sortie", "--pdf")
    assert genere.returncode == 0, genere.stderr
    noms = sorted(p.name for p in (ailleurs / "sortie").iterdir())
    for genre in ("deliberation", "rapport", "convention", "annexe3_budget"):
        assert f"lianes-2025_2025-344_{genre}.docx" in noms
        assert f"lianes-2025_2025-344_{genre}.pdf" in noms
    assert "lianes-2025_2025-344_transmission.pdf" in noms

    verifie = _lancer(binaire, ailleurs, "actes62", "check", str(dossier), "sortie", "--format", "json")
    assert verifie.returncode == 1, verifie.stderr
    codes = {constat["code"] for constat in json.loads(verifie.stdout)}
    assert codes == CODES_EXEMPLE
    assert "Traceback" not in verifie.stderr

    script = _lancer(binaire, ailleurs, "python", "exemples/lianes-2025/chiffres.py", str(dossier))
    assert script.returncode == 0, script.stderr
    assert "Subvention : 9\u202f380\xa0€" in script.stdout
