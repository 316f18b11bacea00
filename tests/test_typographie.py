"""French typography after rendering: each rule on paragraphs split into runs (formatting kept),
idempotence, what is left alone (URLs, e-mails, times); then the example dossiers generated for
real, every paragraph of every part reopened, checked by `actes62 check` as before, and one
délibération read back from the PDF LibreOffice makes of it."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

import actes62
from actes62 import _docx, formats, pdf, read, render, typographie
from actes62.model import Dossier

RACINE = Path(__file__).resolve().parents[1]
EXEMPLES = sorted((RACINE / "examples").glob("*/dossier.yaml"))
LIANES = RACINE / "examples" / "lianes-2025" / "dossier.yaml"

NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{NS}}}"
NBSP, NNBSP, TRAIT = "\u00a0", "\u202f", "\u2011"
PARTIES = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")


# --- building and reading paragraphs --------------------------------------------------------------------

Run = tuple[str, str]  # (text, run properties XML: "<w:b/>", "<w:vertAlign w:val='superscript'/>")


def paragraphe(*runs: str | Run) -> Any:
    """A w:p with one run per argument (plain text, or text and its w:rPr content)."""
    xml = []
    for run in runs:
        texte, proprietes = (run, "") if isinstance(run, str) else run
        rpr = f"<w:rPr>{proprietes}</w:rPr>" if proprietes else ""
        echappe = texte.replace("&", "&amp;").replace("<", "&lt;")
        xml.append(f'<w:r>{rpr}<w:t xml:space="preserve">{echappe}</w:t></w:r>')
    return etree.fromstring(f'<w:p xmlns:w="{NS}">{"".join(xml)}</w:p>')


def texte_brut(element: Any) -> str:
    """The text of a paragraph as Word shows it: no-break hyphens as U+2011, tabs, line breaks;
    nothing of the paragraphs of its text boxes."""
    morceaux = []
    for noeud in element.iter(f"{W}t", f"{W}noBreakHyphen", f"{W}tab", f"{W}br"):
        if next(noeud.iterancestors(f"{W}p")) is not element:
            continue
        morceaux.append(
            {f"{W}t": noeud.text or "", f"{W}noBreakHyphen": TRAIT, f"{W}tab": "\t", f"{W}br": "\n"}[
                noeud.tag
            ]
        )
    return "".join(morceaux)


def runs(p: Any) -> list[tuple[str, bool, bool]]:
    """(text, bold, superscript) of each run of the paragraph that shows something."""
    resultat = []
    for r in p.iter(f"{W}r"):
        texte = "".join(
            TRAIT if e.tag == f"{W}noBreakHyphen" else e.text or "" for e in r if e.tag != f"{W}rPr"
        )
        if texte:
            gras = r.find(f"{W}rPr/{W}b") is not None
            alignement = r.find(f"{W}rPr/{W}vertAlign")
            exposant = alignement is not None and alignement.get(f"{W}val") == "superscript"
            resultat.append((texte, gras, exposant))
    return resultat


def corrige(*arguments: str | Run) -> Any:
    """The paragraph after the pass; a second pass changes nothing."""
    p = paragraphe(*arguments)
    typographie.corriger_paragraphe(p)
    avant = etree.tostring(p)
    assert not typographie.corriger_paragraphe(p)
    assert etree.tostring(p) == avant
    return p


def lu(p: Any) -> str:
    """What actes62's reader gives for the paragraph."""
    return read.normalise(read._texte(p))


# --- each rule, across runs ------------------------------------------------------------------------------


def test_space_before_colon_replaced_in_its_own_run() -> None:
    p = corrige(("Pour ", "<w:b/>"), ": 44 voix")
    assert runs(p) == [("Pour" + NBSP, True, False), (": 44 voix", False, False)]


def test_missing_space_inserted_in_the_run_of_the_sign() -> None:
    p = corrige(("Pour", "<w:b/>"), ": 44 voix ; Contre", ("!", "<w:b/>"))
    assert runs(p) == [
        ("Pour", True, False),
        (NBSP + ": 44 voix" + NNBSP + "; Contre", False, False),
        (NNBSP + "!", True, False),
    ]


def test_narrow_space_before_semicolon_exclamation_question() -> None:
    assert texte_brut(corrige("a ;b", " c? d !")) == f"a{NNBSP};b c{NNBSP}? d{NNBSP}!"


def test_french_quotes_get_no_break_spaces_inside() -> None:
    p = corrige("l", "'", "association «", "Lianes", ("», ", "<w:b/>"), "« Agir » et «\u00a0Pacte\u00a0»")
    assert texte_brut(p) == f"l’association «{NBSP}Lianes{NBSP}», «{NBSP}Agir{NBSP}» et «{NBSP}Pacte{NBSP}»"
    assert [r for r in runs(p) if r[1]] == [(NBSP + "», ", True, False)]


def test_straight_quotes_in_a_clear_pair_become_french_quotes() -> None:
    assert texte_brut(corrige('le pacte "Agir avec vous", puis "Jumelages".')) == (
        f"le pacte «{NBSP}Agir avec vous{NBSP}», puis «{NBSP}Jumelages{NBSP}»."
    )
    assert texte_brut(corrige('un écran 12" et "seul')) == 'un écran 12" et "seul'  # not a clear pair


def test_apostrophe_between_letters_only() -> None:
    assert texte_brut(corrige("l'ambition d", "'Agir, 'cité' 2'3")) == "l’ambition d’Agir, 'cité' 2'3"


def test_dates_in_words_do_not_break() -> None:
    p = corrige("séance du lundi 15 ", ("septembre", "<w:b/>"), " 2025, bilan au 1er avril 2026 et le 3 mai.")
    assert texte_brut(p) == (
        f"séance du lundi{NBSP}15{NBSP}septembre{NBSP}2025, bilan au 1er{NBSP}avril{NBSP}2026 et le 3{NBSP}mai."
    )
    assert ("septembre", True, False) in runs(p)
    assert [d for _, _, d in formats.trouver_dates(lu(p))] == [date(2025, 9, 15), date(2026, 4, 1)]


def test_numero_article_amounts_and_percent() -> None:
    p = corrige("n°2025-344 et n° 226, article 4, art. L. 1611-4 : 9 380,00 € soit 1,2% et 12 500 euros")
    assert texte_brut(p) == (
        f"n°{NBSP}2025{TRAIT}344 et n°{NBSP}226, article{NBSP}4, art.{NBSP}L.{NBSP}1611{TRAIT}4{NBSP}: "
        f"9{NNBSP}380,00{NBSP}€ soit 1,2{NBSP}% et 12{NNBSP}500{NBSP}euros"
    )


def test_legal_references_get_no_break_hyphens() -> None:
    p = corrige("articles L.3121-14-1, L3211-2, R. 1611-1 et la délibération 2025-344 (mandat 2022-2027)")
    assert texte_brut(p) == (
        f"articles{NBSP}L.3121{TRAIT}14{TRAIT}1, L3211{TRAIT}2, R.{NBSP}1611{TRAIT}1 et la délibération "
        f"2025{TRAIT}344 (mandat 2022{TRAIT}2027)"
    )
    assert len(p.findall(f".//{W}noBreakHyphen")) == 6  # Word's own no-break hyphen, not U+2011
    assert TRAIT not in "".join(p.itertext())
    assert lu(p) == "articles L.3121-14-1, L3211-2, R. 1611-1 et la délibération 2025-344 (mandat 2022-2027)"


def test_other_hyphens_are_left_alone() -> None:
    texte = "Pas-de-Calais, 062-226200012-20250915-lmc1526130-DE-1-1, C05-043A06"
    assert texte_brut(corrige(texte)) == texte


@pytest.mark.parametrize(
    ("ecrit", "nombre", "suffixe"),
    [
        *[("5ème", "5", "e"), ("5eme", "5", "e"), ("5è", "5", "e"), ("5e", "5", "e"), ("12ème", "12", "e")],
        *[("1er", "1", "er"), ("1ère", "1", "re"), ("1re", "1", "re")],
    ],
)
def test_ordinals_get_a_superscript_suffix(ecrit: str, nombre: str, suffixe: str) -> None:
    p = corrige(("la " + ecrit + " commission", "<w:b/>"))
    assert runs(p) == [("la " + nombre, True, False), (suffixe, True, True), (" commission", True, False)]
    assert lu(p) == f"la {nombre}{suffixe} commission"


def test_ordinal_split_over_runs_and_already_superscript() -> None:
    p = corrige("le 1", ("er", "<w:vertAlign w:val='superscript'/>"), " avril 2026")
    assert runs(p) == [("le 1", False, False), ("er", False, True), (f"{NBSP}avril{NBSP}2026", False, False)]
    p = corrige("la 5", "è", "me séance")
    assert runs(p) == [("la 5", False, False), ("e", False, True), (" séance", False, False)]


def test_not_ordinals() -> None:
    texte = "2nd, 1e, 0e, x5e, 3,5e, 5èmes, 2ère"
    assert texte_brut(corrige(texte)) == texte


@pytest.mark.parametrize(
    "texte",
    [
        "rendez-vous à 14:30 ou 9:05",
        "ratio 1:100",
        "https://pasdecalais.fr/aides?annee=2025;page=2!",
        "www.pasdecalais.fr/l'aide:2025-344",
        "contact : mobilite@pasdecalais.fr",
        ": une ligne qui commence par le signe",
        "\u00bb suite",
    ],
)
def test_left_alone(texte: str) -> None:
    resultat = texte_brut(corrige(texte))
    if texte.startswith("contact"):
        assert resultat == "contact" + NBSP + ": mobilite@pasdecalais.fr"
    else:
        assert resultat == texte


def test_url_in_a_sentence_keeps_its_signs() -> None:
    p = corrige("site internet : https://pasdecalais.fr/a?b=1;c, rubrique « Partenaires »")
    assert (
        texte_brut(p)
        == f"site internet{NBSP}: https://pasdecalais.fr/a?b=1;c, rubrique «{NBSP}Partenaires{NBSP}»"
    )


def test_tabs_breaks_fields_and_hyperlinks() -> None:
    p = etree.fromstring(
        f'<w:p xmlns:w="{NS}"><w:r><w:t>Objet</w:t><w:tab/><w:t xml:space="preserve">: a</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>: suite</w:t></w:r>'
        "<w:hyperlink><w:r><w:t>l'aide</w:t></w:r></w:hyperlink></w:p>"
    )
    typographie.corriger_paragraphe(p)
    assert texte_brut(p) == f"Objet\t: a3{NBSP}: suitel’aide"  # a sign after a tab is at a line start
    assert p.find(f".//{W}instrText").text == " PAGE "
    assert len(p.findall(f".//{W}fldChar")) == 3


def test_a_whole_part_headers_tables_and_text_boxes() -> None:
    partie = etree.fromstring(
        f'<w:hdr xmlns:w="{NS}"><w:p><w:r><w:t xml:space="preserve">Rapport n°27 : </w:t></w:r>'
        "<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>Zone: l'encadré</w:t></w:r></w:p>"
        "</w:txbxContent></w:drawing></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Total :</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:hdr>"
    )
    assert typographie.corriger(partie) == 3
    textes = [texte_brut(p) for p in partie.iter(f"{W}p")]
    assert textes == [f"Rapport n°{NBSP}27{NBSP}: ", f"Zone{NBSP}: l’encadré", f"Total{NBSP}:"]
    assert partie.find(f".//{W}drawing//{W}p") is not None  # the text box stays in its run
    assert typographie.corriger(partie) == 0


_NOTES = {
    "footnotes": "Voir l'article L.3121-14: rapport n°{{ rapport.numero }}",
    "endnotes": "Séance du {{ seance.date | date_longue }} ; «{{ beneficiaire.nom }}»",
}


def _modele_avec_notes(chemin: Path) -> None:
    """A template whose footnotes and endnotes parts cite the dossier (Word keeps two separator
    notes first; they are left as they are)."""
    import docx

    document: Any = docx.Document()
    document.add_paragraph("{{ affaire.titre }}")
    tampon = io.BytesIO()
    document.save(tampon)
    entrees = dict(_docx.lire_zip(tampon.getvalue()))
    relations = entrees["word/_rels/document.xml.rels"].decode()
    types = entrees["[Content_Types].xml"].decode()
    for rang, (partie, texte) in enumerate(_NOTES.items()):
        note = partie[:-1]
        entrees[f"word/{partie}.xml"] = (
            f'<w:{partie} xmlns:w="{NS}"><w:{note} w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
            f'</w:r></w:p></w:{note}><w:{note} w:id="1"><w:p><w:r><w:t xml:space="preserve">{texte}</w:t>'
            f"</w:r></w:p></w:{note}></w:{partie}>"
        ).encode()
        relations = relations.replace(
            "</Relationships>",
            f'<Relationship Id="rIdNote{rang}" Target="{partie}.xml" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/{partie}"/></Relationships>',
        )
        types = types.replace(
            "</Types>",
            f'<Override PartName="/word/{partie}.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            f'wordprocessingml.{partie}+xml"/></Types>',
        )
    entrees["word/_rels/document.xml.rels"] = relations.encode()
    entrees["[Content_Types].xml"] = types.encode()
    chemin.write_bytes(_docx.ecrire_zip(entrees.items()))


def test_footnotes_and_endnotes_are_rendered_and_typeset(tmp_path: Path) -> None:
    modele = tmp_path / "rapport.docx"
    _modele_avec_notes(modele)
    dossier = actes62.load(LIANES)
    donnees = render.render_document(dossier, dossier.affaires[0], "rapport", template=modele)
    with zipfile.ZipFile(io.BytesIO(donnees)) as archive:
        notes = {partie: etree.fromstring(archive.read(f"word/{partie}.xml")) for partie in _NOTES}
    textes = {partie: [texte_brut(p) for p in racine.iter(f"{W}p")] for partie, racine in notes.items()}
    assert textes == {
        "footnotes": ["", f"Voir l’article{NBSP}L.3121{TRAIT}14{NBSP}: rapport n°{NBSP}27"],
        "endnotes": ["", f"Séance du 15{NBSP}septembre{NBSP}2025{NNBSP}; «{NBSP}Lianes coopération{NBSP}»"],
    }


# --- for all inputs ---------------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("aeélmnrt LRDn°") + list("0123456789") + list(":;!?«»\"'-.,/%€@") + [NBSP, NNBSP, "\t"]
)
_MOTS = st.sampled_from(
    [
        "ème",
        "er",
        "ère",
        "e ",
        " septembre ",
        "lundi ",
        "2025",
        "https://x.fr/",
        "a@b.fr",
        "article ",
        "n°",
        "1,2",
    ]
)
_TEXTES = st.lists(st.one_of(_ALPHABET, _MOTS), max_size=25).map("".join)
_RUNS = st.lists(
    st.tuples(_TEXTES, st.sampled_from(["", "<w:b/>", "<w:vertAlign w:val='superscript'/>"])),
    min_size=1,
    max_size=5,
)


def squelette(texte: str) -> str:
    """What no rule changes: the text without its spaces, quotes as ", ’ as ', no-break hyphens as
    -, ordinal suffixes as the rules write them."""
    texte = texte.translate(str.maketrans(NBSP + NNBSP + "’«»" + TRAIT, '  \'""-'))

    def ordinal(m: re.Match[str]) -> str:
        n, suffixe = m["n"], m["s"]
        if n == "1" and suffixe in ("er", "re", "ère", "ere"):
            return n + ("er" if suffixe == "er" else "re")
        if n != "1" and n.lstrip("0") and suffixe in ("e", "è", "ème", "eme"):
            return n + "e"
        return m[0]

    texte = typographie._ORDINAL.sub(ordinal, texte)
    return texte.replace(" ", "")


@settings(max_examples=300, deadline=None)
@given(_RUNS)
def test_any_paragraph_idempotent_and_only_documented_changes(contenu: list[Run]) -> None:
    p = paragraphe(*contenu)
    avant = texte_brut(p)
    typographie.corriger_paragraphe(p)
    apres = texte_brut(p)
    assert squelette(apres) == squelette(avant)
    xml = etree.tostring(p)
    assert not typographie.corriger_paragraphe(p)
    assert etree.tostring(p) == xml


@settings(max_examples=300, deadline=None)
@given(_TEXTES)
@example('"a"»')  # a quote pair closed right before « » »: converted at once, not on a second pass
@example('«"a"')
def test_plain_text_idempotent(texte: str) -> None:
    une_fois = typographie.corriger_texte(texte)
    assert typographie.corriger_texte(une_fois) == une_fois
    assert squelette(une_fois) == squelette(texte)


# --- the examples, generated for real --------------------------------------------------------------------


def paragraphes_docx(chemin: Path) -> Iterator[tuple[str, str]]:
    """(part, raw text) of every paragraph of every text part of a DOCX."""
    with zipfile.ZipFile(chemin) as archive:
        for nom in archive.namelist():
            if PARTIES.fullmatch(nom):
                for p in etree.fromstring(archive.read(nom)).iter(f"{W}p"):
                    yield nom, texte_brut(p)


def _sans_typographie(racine: Any) -> int:
    return 0


@pytest.fixture(scope="module")
def generes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """Each example generated with the pass, and without it (for the checker's comparison)."""
    resultat = {}
    for exemple in EXEMPLES:
        dossier = actes62.load(exemple)
        avec = tmp_path_factory.mktemp("avec") / exemple.parent.name
        actes62.generer(dossier, avec)
        sans = tmp_path_factory.mktemp("sans") / exemple.parent.name
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(typographie, "corriger", _sans_typographie)
            actes62.generer(dossier, sans)
        resultat[exemple.parent.name] = (avec, sans)
    return resultat


def test_every_paragraph_of_the_examples_is_typeset(generes: dict[str, tuple[Path, Path]]) -> None:
    vus: Counter[str] = Counter()
    parties: set[str] = set()
    fautes = []
    for avec, _ in generes.values():
        documents = sorted(avec.glob("*.docx"))
        assert len(documents) >= 4
        for document in documents:
            for partie, texte in paragraphes_docx(document):
                parties.add(re.sub(r"\d*\.xml$", "", partie.split("/")[1]))
                lieu = f"{document.name} {partie}: {texte!r}"
                if re.search(r" [:;!?»]|« ", texte):
                    fautes.append(("espace ordinaire", lieu))
                if re.search(r"(?<=[^\W\d_])'(?=[^\W\d_])", texte):
                    fautes.append(("apostrophe droite", lieu))
                if "ème" in texte:
                    fautes.append(("ème", lieu))
                for m in formats.MOTIF_DATE.finditer(texte):
                    if m["j"] is not None:
                        vus["date"] += 1
                        if " " in m[0]:
                            fautes.append(("date coupable", lieu))
                for m in re.finditer(r"(?<![\w.])[LRD]\.?[ \u00a0]?\d+(?:[-\u2011]\d+)+", texte):
                    vus["reference"] += 1
                    if "-" in m[0] or " " in m[0]:
                        fautes.append(("référence coupable", lieu))
                vus["guillemet"] += texte.count("«")
                vus["deux-points"] += texte.count(NBSP + ":")
                vus["apostrophe"] += texte.count("’")
    assert fautes == []
    assert parties >= {"document", "footer"}
    assert all(vus[cle] > 5 for cle in ("date", "reference", "guillemet", "deux-points", "apostrophe")), vus


def _sans_extrait(constat: Any, sortie: Path) -> str:
    """A finding without its excerpts (they quote the text, typeset or not) nor its folder."""
    valeurs = constat.to_dict()
    for lieu in [valeurs["location"], *valeurs["related"]]:
        lieu["file"] = (lieu["file"] or "").replace(str(sortie), "")
        lieu.pop("text")
    return repr(valeurs)


def _constats(dossier: Dossier, sortie: Path, source: Path) -> list[str]:
    return sorted(_sans_extrait(c, sortie) for c in actes62.check(dossier, [sortie], source=source))


def _audits(sortie: Path) -> list[str]:
    return sorted(_sans_extrait(c, sortie) for c in actes62.audit([sortie]))


def test_the_checker_reads_the_typeset_documents_as_before(
    generes: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    """The same findings with and without the pass: against the dossier, and against a dossier
    whose amount, séance date and a cited act differ (findings that come from the documents)."""
    for exemple in EXEMPLES:
        avec, sans = generes[exemple.parent.name]
        dossier = actes62.load(exemple)
        assert _constats(dossier, avec, exemple) == _constats(dossier, sans, exemple)
        audits = _audits(avec)
        assert audits == _audits(sans)
        assert len(audits) == {"lianes-2025": 10, "seance-2026-03": 0}[exemple.parent.name]
    texte = LIANES.read_text(encoding="utf-8")
    modifie = (
        texte.replace("proposition: 9380.00", "proposition: 9390.00")
        .replace("  date: 2025-09-15", "  date: 2025-09-16")
        .replace(
            "numero: 2021-257\n          date: 2021-07-01", "numero: 2021-258\n          date: 2021-07-02"
        )
    )
    assert modifie.count("9390") == 1 and "2025-09-16" in modifie and "2021-258" in modifie
    source = tmp_path / "dossier.yaml"
    source.write_text(modifie, encoding="utf-8")
    dossier = actes62.load(source)
    avec, sans = generes["lianes-2025"]
    constats = _constats(dossier, avec, source)
    assert constats == _constats(dossier, sans, source)
    dans_les_documents = [c for c in constats if ".docx'" in c and "'part': None" not in c]
    assert len(dans_les_documents) >= 10  # dates, amounts and acts read in the documents


# --- one PDF, from LibreOffice -----------------------------------------------------------------------------


def test_pdf_of_a_typeset_deliberation_reads_back(
    generes: dict[str, tuple[Path, Path]], tmp_path: Path
) -> None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.fail("LibreOffice est nécessaire à ce test (paquet libreoffice-writer-nogui)")
    avec, _ = generes["lianes-2025"]
    (docx,) = avec.glob("*_deliberation.docx")
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    assert "<w:noBreakHyphen/>" in xml and 'w:val="superscript"' in xml  # what is tested below
    (chemin,) = pdf.convertir_pdf([docx], tmp_path, pdfa=False)
    document = read.read_document(chemin)
    texte = " ".join(document.text.split())
    assert "L.3121-14-1" in texte and "L.3211-2" in texte
    assert "n° 2025-344" in texte or "N° 2025-344" in texte
    assert "l'association Lianes coopération" in texte
    dates = {d for _, _, d in formats.trouver_dates(texte)}
    assert {date(2025, 9, 15), date(2025, 10, 1)} <= dates  # « 1er octobre 2025 », « er » in superscript
