"""Templates are Word documents kept reviewable: a text dump beside each, and a normal zip form."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document

from actes62.cli import main
from actes62.gabarit_fichier import normaliser, texte

RACINE = Path(__file__).resolve().parent.parent
MODELES = sorted((RACINE / "templates").glob("*.docx"))


def test_four_templates_are_shipped() -> None:
    assert [m.stem for m in MODELES] == ["annexe_budget", "convention", "deliberation", "rapport"]


@pytest.mark.parametrize("modele", MODELES, ids=lambda m: m.stem)
def test_text_dump_is_up_to_date(modele: Path) -> None:
    """templates/X.txt is what `actes62 modele texte templates/X.docx` prints: a change made in Word
    shows in review as a diff of that file."""
    attendu = modele.with_suffix(".txt").read_text(encoding="utf-8")
    assert texte(modele.read_bytes()) == attendu, (
        f"relancez : actes62 modele texte {modele.name} > {modele.stem}.txt"
    )


@pytest.mark.parametrize("modele", MODELES, ids=lambda m: m.stem)
def test_templates_are_normalised(modele: Path) -> None:
    donnees = modele.read_bytes()
    assert normaliser(donnees) == donnees, f"relancez : actes62 modele normaliser {modele.name}"


def _rezippe(donnees: bytes, date: tuple[int, int, int, int, int, int]) -> bytes:
    """The same parts in a zip another program wrote: other timestamps, other compression."""
    tampon = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(donnees)) as source, zipfile.ZipFile(tampon, "w") as cible:
        for info in source.infolist():
            nouvelle = zipfile.ZipInfo(info.filename, date_time=date)
            nouvelle.compress_type = zipfile.ZIP_DEFLATED
            cible.writestr(nouvelle, source.read(info), compresslevel=9)
    return tampon.getvalue()


def test_normal_form_ignores_who_saved_it() -> None:
    original = MODELES[0].read_bytes()
    a = _rezippe(original, (2026, 3, 2, 10, 11, 12))
    b = _rezippe(original, (2024, 1, 5, 8, 0, 0))
    assert a != b
    assert normaliser(a) == normaliser(b) == original
    assert normaliser(normaliser(a)) == normaliser(a)


def test_dump_shows_style_bold_superscript_tables_and_footer(tmp_path: Path) -> None:
    document = Document()
    paragraphe = document.add_paragraph(style="Heading 1")
    paragraphe.add_run("Article ")
    gras = paragraphe.add_run("{{ loop.index }}")
    gras.bold = True
    exposant = document.add_paragraph().add_run("e")
    exposant.font.superscript = True
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "CP"
    table.rows[0].cells[1].text = "{{ i.credits_paiement | nombre(2) }}"
    document.sections[0].footer.paragraphs[0].text = "Pied {{ collectivite.nom }}"
    document.core_properties.title = "Titre {{ affaire.titre }}"
    chemin = tmp_path / "m.docx"
    document.save(str(chemin))
    lignes = texte(chemin.read_bytes()).splitlines()
    assert "[heading 1] Article **{{ loop.index }}**" in lignes
    assert "[Normal] ^(e)" in lignes
    assert "│ | CP | {{ i.credits_paiement | nombre(2) }} |" in lignes
    assert lignes[lignes.index("=== word/footer1.xml") + 1] == "[footer] Pied {{ collectivite.nom }}"
    assert "title : Titre {{ affaire.titre }}" in lignes


def test_cli_text_normalise_and_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    modele = tmp_path / "deliberation.docx"
    modele.write_bytes(_rezippe(MODELES[2].read_bytes(), (2026, 1, 1, 0, 0, 0)))
    assert main(["modele", "texte", str(modele)]) == 0
    assert capsys.readouterr().out == MODELES[2].with_suffix(".txt").read_text(encoding="utf-8")
    assert main(["modele", "normaliser", "--verifier", str(modele)]) == 1
    assert "n'est pas normalisé" in capsys.readouterr().out
    assert main(["modele", "normaliser", str(modele)]) == 0
    assert modele.read_bytes() == MODELES[2].read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["deliberation.docx"]  # no temporary file left
    assert main(["modele", "normaliser", "--verifier", str(modele)]) == 0
    assert "déjà normalisé" in capsys.readouterr().out


@pytest.mark.parametrize("contenu", [b"", b"pas un zip", b"PK\x03\x04abime"])
def test_cli_refuses_what_is_not_a_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], contenu: bytes
) -> None:
    faux = tmp_path / "faux.docx"
    faux.write_bytes(contenu)
    assert main(["modele", "normaliser", str(faux)]) == 2
    erreur = capsys.readouterr().err
    assert "faux.docx" in erreur and "document Word" in erreur
    assert faux.read_bytes() == contenu
    assert main(["modele", "texte", str(tmp_path / "absent.docx")]) == 2
    assert "absent.docx" in capsys.readouterr().err


def test_cli_copies_the_shipped_templates_to_start_from(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    destination = tmp_path / "mes-modeles"
    assert main(["modele", "copier", str(destination)]) == 0
    assert "--templates" in capsys.readouterr().out
    for modele in MODELES:
        assert (destination / modele.name).read_bytes() == modele.read_bytes()
        assert (destination / modele.with_suffix(".txt").name).is_file()
    assert main(["modele", "copier", str(destination)]) == 2  # nothing overwritten without --force
    assert "existe déjà" in capsys.readouterr().err
    assert main(["modele", "copier", "--force", str(destination)]) == 0


# --- the templates guide: each example is what the filter gives ------------------------------------------

GUIDE = RACINE / "docs" / "modeles.md"


def _exemples_du_guide() -> list[tuple[str, str]]:
    texte = GUIDE.read_text(encoding="utf-8")
    debut, fin = texte.index("<!-- exemples:debut -->"), texte.index("<!-- exemples:fin -->")
    exemples = []
    for ligne in texte[debut:fin].splitlines():
        cellules = [c.strip() for c in re.split(r"(?<!\\)\|", ligne)[1:-1]]
        if len(cellules) == 2 and cellules[0].startswith("`"):
            exemples.append((cellules[0].strip("`").replace("\\|", "|"), cellules[1]))
    return exemples


EXEMPLES = _exemples_du_guide()


def test_the_guide_has_examples_for_every_filter() -> None:
    from actes62.textes import FILTRES

    ecrits = " ".join(modele for modele, _ in EXEMPLES)
    assert len(EXEMPLES) >= 25
    for nom in FILTRES:
        assert re.search(rf"\|\s*{nom}\b", ecrits), f"le filtre « {nom} » n'a pas d'exemple dans {GUIDE.name}"


@pytest.mark.parametrize(("modele", "attendu"), EXEMPLES, ids=[m for m, _ in EXEMPLES])
def test_each_example_of_the_guide_gives_what_it_says(modele: str, attendu: str) -> None:
    import actes62
    from actes62.textes import contexte_affaire, environnement, rendre_affaire

    dossier = actes62.load(RACINE / "examples" / "lianes-2025" / "dossier.yaml")
    affaire = rendre_affaire(dossier, dossier.affaires[0])
    rendu = environnement().from_string(modele).render(contexte_affaire(dossier, affaire))
    assert " ".join(rendu.split()) == attendu  # no-break spaces read as spaces
