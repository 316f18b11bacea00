"""Misuse and bad input end in the package's own errors, with French messages — also when they are
raised in a worker process — and the command answers with exit code 2, never a traceback."""

from __future__ import annotations

import contextlib
import io
import pickle
from pathlib import Path

import pytest

import actes62
from actes62.cli import main
from actes62.errors import (
    Actes62Error,
    ConversionError,
    DocumentIllisible,
    DossierInvalide,
    ErreurChamp,
    FichierExistant,
    GenerationError,
    LibreOfficeAbsent,
    TemplateError,
)
from actes62.load import load_text
from actes62.model import Dossier, Vote
from actes62.render import generer
from actes62.textes import rendre_affaire

EXEMPLE = Path(__file__).resolve().parents[1] / "examples" / "lianes-2025" / "dossier.yaml"
TEXTE = EXEMPLE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "erreur",
    [
        TemplateError("modele.docx", "nom inconnu"),
        DocumentIllisible(Path("x.pdf"), "PDF chiffré"),
        DossierInvalide(Path("d.yaml"), [ErreurChamp("seance.date", 3, "date invalide")]),
        FichierExistant(Path("out/a.docx")),
        LibreOfficeAbsent(),
        ConversionError("échec"),
        GenerationError("échec"),
    ],
)
def test_errors_survive_a_process_boundary(erreur: Actes62Error) -> None:
    copie = pickle.loads(pickle.dumps(erreur))
    assert type(copie) is type(erreur)
    assert str(copie) == str(erreur)
    assert copie.__dict__.keys() == erreur.__dict__.keys()


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [
        ("12345678901234567890123456789.123", "hors limites"),
        ("10000000000000000", "hors limites"),
        (".nan", "un nombre fini est attendu"),
    ],
)
def test_out_of_range_amounts_are_field_errors(valeur: str, attendu: str) -> None:
    with pytest.raises(DossierInvalide) as info:
        load_text(TEXTE.replace("proposition: 9380.00", f"proposition: {valeur}"), "x.yaml")
    (probleme,) = info.value.erreurs
    assert probleme.chemin == "affaires[0].imputations[0].proposition"
    assert attendu in probleme.message


def test_yaml_keys_that_are_lists_are_refused_and_merges_allowed() -> None:
    with pytest.raises(DossierInvalide, match="une clé doit être un simple mot"):
        load_text("? [a, b]\n: 1\n", "x.yaml")
    fusion = TEXTE.replace("collectivite:\n", "base: &base\n  ville: Arras\ncollectivite:\n  <<: *base\n", 1)
    fusion = fusion.replace("  ville: Arras\n  tribunal", "  tribunal", 1)
    with pytest.raises(DossierInvalide) as info:
        load_text(fusion, "x.yaml")
    assert [e.chemin for e in info.value.erreurs] == ["base"]  # the merge worked; only the extra key


VERSEMENT = "- La subvention sera versée en une seule fois à la signature de la convention."


def _avec_texte(texte: str) -> Dossier:
    """The dossier with the convention's article 6, paragraph 1 replaced by `texte`."""
    return load_text(TEXTE.replace(VERSEMENT, f"- '{texte}'", 1), "x.yaml")


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("{{ 1/0 }}", "texte impossible à remplir"),
        ("{{ montant.__class__.__mro__ }}", "texte invalide"),
        ('{{ "" }}{# the whole paragraph #}', "une fois rempli, le texte est vide"),
        ("{{ montan }}", "nom inconnu"),
    ],
)
def test_dossier_texts_that_cannot_be_filled_name_their_field(texte: str, attendu: str) -> None:
    dossier = _avec_texte(texte)
    with pytest.raises(TemplateError, match=attendu) as info:
        rendre_affaire(dossier, dossier.affaires[0])
    assert "affaires[0].convention.articles[5].paragraphes[0]" in str(info.value)


def test_a_worker_error_reaches_the_caller_as_it_is(tmp_path: Path) -> None:
    dossier = _avec_texte("{{ 1/0 }}")
    affaires = [dossier.affaires[0].model_copy(update={"id": f"a{i:02d}"}) for i in range(20)]
    seance = dossier.model_copy(update={"affaires": affaires})
    with pytest.raises(TemplateError, match="texte impossible à remplir"):
        generer(seance, tmp_path / "sortie", processus=2)
    assert list((tmp_path / "sortie").iterdir()) == []


def test_generate_into_a_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fichier = tmp_path / "pas-un-dossier"
    fichier.write_text("x", encoding="utf-8")
    code = main(["generate", str(EXEMPLE), "-o", str(fichier)], sortie=io.StringIO())
    erreur = capsys.readouterr().err
    assert code == 2
    assert "est un fichier : un dossier de sortie est attendu" in erreur
    assert "Traceback" not in erreur and "erreur interne" not in erreur
    assert fichier.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize(
    ("pour", "contre", "voix", "adopte"),
    [
        (44, 0, None, True),
        (10, 12, None, False),
        (12, 12, None, False),
        (12, 12, "pour", True),
        (12, 12, "contre", False),
    ],
)
def test_a_tie_is_decided_by_the_presidents_vote(
    pour: int, contre: int, voix: str | None, adopte: bool
) -> None:
    assert Vote.model_validate({"pour": pour, "contre": contre, "voix_preponderante": voix}).adopte is adopte


def test_public_names_are_importable() -> None:
    for nom in actes62.__all__:
        assert getattr(actes62, nom) is not None


def test_a_misspelt_filter_or_name_in_a_text_is_located_at_its_line_with_a_suggestion(tmp_path: Path) -> None:
    from actes62.textes import TexteInvalide

    source = EXEMPLE.read_text(encoding="utf-8")
    ligne = next(
        i for i, t in enumerate(source.splitlines(), start=1) if "{{ montant | euros }} à l'association" in t
    )
    for ancien, nouveau, conseil in (
        ("{{ montant | euros }} à l'association", "{{ montant | euro }} à l'association", "« euros »"),
        ("{{ montant | euros }} à l'association", "{{ montnat | euros }} à l'association", "« montant »"),
    ):
        dossier = tmp_path / "dossier.yaml"
        dossier.write_text(source.replace(ancien, nouveau, 1), encoding="utf-8")
        for commande in (["generate", str(dossier), "-o", str(tmp_path / "out")], ["check", str(dossier)]):
            sortie = io.StringIO()
            with contextlib.redirect_stderr(io.StringIO()) as erreurs:
                code = main(commande, sortie)
            texte = erreurs.getvalue() + sortie.getvalue()
            assert code in (1, 2)
            assert f"vouliez-vous dire {conseil} ?" in texte, texte
            # the line of the list item holding the text (its first line) or the text's own line
            assert any(f"dossier.yaml:{n}:" in texte for n in (ligne - 1, ligne)), texte
    erreur = TexteInvalide(("affaires", 0, "rapport", "expose", 2), "nom inconnu")
    copie = pickle.loads(pickle.dumps(erreur))
    assert (copie.champ, str(copie)) == (erreur.champ, str(erreur))
