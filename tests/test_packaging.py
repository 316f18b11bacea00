"""The wheel carries the templates and reference data: installed, actes62 generates from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]


def test_wheel_generates_from_another_folder(tmp_path: Path) -> None:
    roue = tmp_path / "roue"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(RACINE), "--no-deps", "-q", "-w", str(roue)],
        check=True,
        capture_output=True,
    )
    (fichier,) = roue.glob("actes62-*.whl")
    noms = set(zipfile.ZipFile(fichier).namelist())
    for attendu in ("deliberation", "rapport", "convention", "annexe_budget"):
        assert f"actes62/templates/{attendu}.docx" in noms
    assert {"actes62/py.typed", "actes62/data/reference.yaml"} <= noms

    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(fichier)],
        check=True,
        capture_output=True,
    )
    ailleurs = tmp_path / "ailleurs"
    ailleurs.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    origine = subprocess.run(
        [sys.executable, "-c", "import actes62; print(actes62.__file__)"],
        cwd=ailleurs, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert origine.stdout.startswith(str(site))
    dossier = RACINE / "examples" / "lianes-2025" / "dossier.yaml"
    subprocess.run(
        [sys.executable, "-m", "actes62", "generate", str(dossier), "-o", "sortie"],
        cwd=ailleurs, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert sorted(p.name for p in (ailleurs / "sortie").iterdir()) == [
        "lianes-2025_2025-344_annexe3_budget.docx",
        "lianes-2025_2025-344_convention.docx",
        "lianes-2025_2025-344_deliberation.docx",
        "lianes-2025_2025-344_rapport.docx",
    ]
