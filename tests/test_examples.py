"""The example script runs as a département's IT team would run it, and prints the seed's figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
SCRIPT = RACINE / "examples" / "lianes-2025" / "chiffres.py"


def test_script_prints_the_figures_in_french_forms(tmp_path: Path) -> None:
    resultat = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    sortie = resultat.stdout
    assert "Commission Permanente du lundi 15 septembre 2025" in sortie
    assert "Subvention : 9\u202f380\xa0€ (neuf mille trois cent quatre-vingts euros)" in sortie
    assert "CP 10\u202f000,00\xa0€, solde après la proposition 620,00\xa0€" in sortie
    assert "31,98\xa0%" in sortie and "2,13\xa0%" in sortie
    assert "Bilan à remettre au plus tard le 1er avril 2026" in sortie


def test_script_reports_a_bad_dossier_without_traceback(tmp_path: Path) -> None:
    mauvais = tmp_path / "mauvais.yaml"
    texte = (RACINE / "examples" / "lianes-2025" / "dossier.yaml").read_text(encoding="utf-8")
    mauvais.write_text(texte.replace("proposition: 9380.00", "proposition: 9380.001"), encoding="utf-8")
    resultat = subprocess.run([sys.executable, str(SCRIPT), str(mauvais)], capture_output=True, text=True)
    assert resultat.returncode == 2
    assert "Traceback" not in resultat.stderr
    assert "[affaires[0].imputations[0].proposition] un montant a au plus deux décimales" in resultat.stderr


SEANCE = RACINE / "examples" / "seance-2026-03" / "dossier.yaml"


def test_the_three_subsidy_seance_is_generated_and_checked_clean(tmp_path: Path) -> None:
    """A club without convention, a festival on two imputations with a plan de financement and a
    member who does not take part, an investment paid in three instalments under an AP: the dossier,
    its DOCX and PDF, and the documents compared with each other, all clean."""
    import docx

    import actes62

    dossier = actes62.load(SEANCE)
    assert [a.montant for a in dossier.affaires] == [4500, 48000, 120000]
    assert actes62.check(dossier, source=SEANCE) == []
    sortie = tmp_path / "documents"
    fichiers = actes62.generate(dossier, sortie, pdf=True, racine=SEANCE.parent, source=SEANCE)
    assert len(fichiers) == 21
    assert actes62.check(dossier, [sortie], source=SEANCE) == []
    assert actes62.audit([sortie]) == []

    festival = dossier.affaires[1]
    deliberation = next(sortie.glob(f"{festival.id}_*_deliberation.docx"))
    texte = "\n".join(p.text for p in docx.Document(str(deliberation)).paragraphs).replace("\xa0", " ")
    membre = festival.deliberation.ne_prennent_pas_part[0]
    assert f"Ne prend pas part au vote : {membre.designation}" in texte
    rapport = next(sortie.glob(f"{festival.id}_*_rapport.docx"))
    texte = "\n".join(p.text for p in docx.Document(str(rapport)).paragraphs).replace("\xa0", " ")
    assert festival.rapport.rapporteur is not None
    assert f"Rapporteur : {festival.rapport.rapporteur.designation}" in texte


def test_a_deliberation_whose_number_was_mistyped_is_still_checked(tmp_path: Path) -> None:
    """A délibération whose own number was changed by hand is tied to its affaire by its title:
    its wrong number and its wrong amount are reported, the document is not left aside."""
    import docx

    import actes62

    dossier = actes62.load(SEANCE)
    sortie = tmp_path / "documents"
    fichiers = actes62.generate(dossier, sortie, kinds=["deliberation"])
    (source,) = (f for f in fichiers if f.name == "terrils-en-fete-2026_2026-102_deliberation.docx")
    document = docx.Document(str(source))
    for paragraphe in document.paragraphs:
        texte = paragraphe.text
        if "2026-102" in texte or "48\u202f000\u00a0€" in texte:
            nouveau = texte.replace("2026-102", "2026-112").replace(
                "48\u202f000\u00a0€", "84\u202f000\u00a0€"
            )
            for run in paragraphe.runs[1:]:
                run._r.getparent().remove(run._r)
            paragraphe.runs[0].text = nouveau
    copie = tmp_path / "retouchee.docx"
    document.save(str(copie))
    findings = [f for f in actes62.check(dossier, [copie], source=SEANCE) if f.code.startswith("P")]
    codes = {f.code for f in findings}
    assert "P001" not in codes  # tied to its affaire, not set aside
    assert all(f.location.affaire == "terrils-en-fete-2026" for f in findings)
    assert any("84" in f.message for f in findings if f.code in ("P004", "P017"))
    assert any(f.code == "P003" and f.values.get("attendu") == "2026-102" for f in findings)
