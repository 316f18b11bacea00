"""The one table of rules, and `check`, which runs them.

Each rule has a stable code (never reused once retired), a short name, a default severity and a
function whose French docstring says what it checks, why, and the legal or arithmetic reference.
`check` never raises on a bad dossier: a rule that crashes becomes an internal-error finding (X001)
and the other rules still run.
"""

from __future__ import annotations

import contextlib
import gc
import inspect
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from actes62.checks import annexes, attach, citations, dates, identifiers, money, seance
from actes62.checks import documents as lecture
from actes62.checks.attendus import Modeles
from actes62.checks.audit import AUDIT_RULES
from actes62.checks.context import Champ, Context, DocumentRejete, Draft, IdentifiedDocument
from actes62.checks.findings import Finding, Location, Severity
from actes62.checks.reference import reference
from actes62.checks.releve import Releve, releve
from actes62.checks.selection import Selection
from actes62.load import localisateur
from actes62.model import Affaire, Dossier
from actes62.textes import TexteInvalide, rendre_affaire

__all__ = ["RULES", "Rule", "audit", "check", "check_et_ecartes", "releve", "rules_to_json", "selection_de"]

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Rule:
    """A rule of the table: `check` runs on a dossier (and its documents against it), `audit` on
    documents read into facts, compared with each other (the `A` series)."""

    code: str
    name: str
    severity: Severity
    check: Callable[[Context], Iterable[Draft]] | None = None
    audit: Callable[[Releve], Iterable[Draft]] | None = None

    @property
    def description(self) -> str:
        """The rule's French docstring, on one line."""
        return " ".join((inspect.getdoc(self.check or self.audit) or "").split())


def erreur_interne(ctx: Context) -> Iterator[Draft]:
    """Pseudo-règle : une règle qui a échoué (exception inattendue) est signalée sous ce code, avec
    son code et l'erreur ; les autres règles sont appliquées quand même.

    Pourquoi : une vérification interrompue ne doit pas passer pour une vérification réussie.
    Référence : robustesse du vérificateur (aucune règle n'arrête les autres)."""
    return iter(())


def textes_non_rendus(ctx: Context) -> Iterator[Draft]:
    """Les {{ }} des textes libres de chaque affaire peuvent être remplis (noms connus, syntaxe
    valide) ; sinon les règles portent sur les textes tels qu'écrits.

    Pourquoi : un texte qui ne peut être rendu ne peut pas être généré ni vérifié.
    Référence : syntaxe Jinja des textes du dossier (actes62.textes)."""
    for i, message, champ in ctx.textes_non_rendus:
        yield Draft(
            f"textes de l'affaire non rendus : {message}",
            ctx.lieu(champ, affaire=i),
            {"erreur": message},
        )


RULES: tuple[Rule, ...] = (
    # money
    Rule("M001", "solde-negatif", _E, money.solde_negatif),
    Rule("M002", "disponible-superieur-aux-cp", _E, money.disponible_superieur_aux_cp),
    Rule("M003", "annexe-budget-differente-du-montant", _E, money.annexe_budget_egale_montant),
    Rule("M004", "montant-cite-different", _E, money.montant_cite_dans_les_textes),
    Rule("M005", "en-lettres-different-des-chiffres", _E, money.en_lettres_egal_chiffres),
    Rule("M006", "operation-surconsommee", _E, money.operation_surconsommee),
    Rule("M007", "convention-obligatoire", _E, money.convention_obligatoire),
    Rule("M008", "versements-differents-de-la-subvention", _E, money.versements_egaux_a_la_subvention),
    Rule("M009", "plan-de-financement", _E, money.plan_de_financement),
    Rule("M010", "plafond-depasse", _E, money.plafond_respecte),
    Rule("M011", "ap-inferieure-aux-cp", _E, money.autorisation_de_programme),
    # dates
    Rule("D001", "avis-apres-seance", _E, dates.avis_apres_seance),
    Rule("D002", "periode-convention-inversee", _E, dates.periode_convention),
    Rule("D003", "bilan-avant-fin-de-periode", _E, dates.date_limite_bilan_apres_fin),
    Rule("D004", "echeance-bilan-differente", _E, dates.date_limite_bilan_dans_les_textes),
    Rule("D005", "jour-non-ouvre", _W, dates.jour_non_ouvre),
    Rule("D006", "date-actes-differente-de-la-seance", _E, dates.date_actes_egale_seance),
    Rule("D007", "deliberation-du-date-inconnue", _W, dates.date_de_deliberation_inconnue),
    Rule("D008", "auto-citation-mal-datee", _E, dates.auto_citation_a_la_date_de_seance),
    Rule("D009", "acquittement-avant-seance", _E, dates.acquittement_avant_seance),
    # references
    Rule("R001", "acte-cite-a-deux-dates", _E, citations.acte_cite_memes_dates),
    Rule("R002", "acte-cite-sous-deux-titres", _W, citations.acte_cite_memes_titres),
    Rule("R003", "annexe-citee-inexistante", _E, citations.annexe_citee_existe),
    Rule("R004", "annexe-citee-autre-document", _E, citations.annexe_citee_est_le_document),
    Rule("R005", "annexe-sans-fichier", _W, annexes.annexe_sans_fichier),
    Rule("R006", "annexe-fichier-invalide", _E, annexes.annexe_fichier_invalide),
    # séance
    Rule("V001", "voix-superieures-aux-votants", _E, seance.votes_superieurs_aux_voix),
    Rule("V002", "pouvoir-double", _E, seance.pouvoir_double),
    Rule("V003", "mandataire-absent", _E, seance.mandataire_absent),
    Rule("V004", "mandant-present", _E, seance.mandant_present),
    Rule("V005", "quorum-non-atteint", _E, seance.quorum),
    Rule("V006", "effectif-depasse", _E, seance.effectif_depasse),
    Rule("V007", "present-et-excuse", _E, seance.present_et_excuse),
    Rule("V008", "membres-non-comptes", _W, seance.membres_non_comptes),
    Rule("V009", "president-ou-secretaire-absent", _E, seance.president_et_secretaire_presents),
    Rule("V010", "membre-liste-deux-fois", _E, seance.membre_liste_deux_fois),
    Rule("V011", "deliberation-non-adoptee", _E, seance.deliberation_adoptee),
    Rule("V012", "numero-en-double", _E, seance.numero_en_double),
    Rule("V013", "non-participant-ou-abstention", _E, seance.non_participants_et_abstentionnistes),
    # identifiers and names
    Rule("I001", "siret-invalide", _E, identifiers.siret_valide),
    Rule("I002", "actes-siren", _E, identifiers.actes_siren),
    Rule("I003", "actes-departement", _E, identifiers.actes_departement),
    Rule("I004", "actes-nature", _E, identifiers.actes_nature),
    Rule("I005", "actes-numero-interne", _W, identifiers.actes_numero_interne),
    Rule("I006", "signataire-convention", _W, identifiers.signataire_convention),
    Rule("I007", "nom-beneficiaire-casse", _I, identifiers.nom_beneficiaire_casse),
    Rule("I008", "nom-beneficiaire-graphie", _W, identifiers.nom_beneficiaire_graphie),
    # documents against the model
    Rule("P001", "document-non-rattache", _W, lecture.document_non_rattache),
    Rule("P002", "document-illisible", _E, lecture.document_illisible),
    Rule("P003", "chiffre-attendu-manquant", _E, lecture.chiffre_attendu_manquant),
    Rule("P004", "montant-inconnu", _E, lecture.montant_inconnu_document),
    Rule("P005", "en-lettres-different-document", _E, lecture.en_lettres_document),
    Rule("P006", "pourcentage-faux", _E, lecture.pourcentage_document),
    Rule("P007", "somme-des-pourcentages", _E, lecture.somme_pourcentages_document),
    Rule("P008", "total-budget-faux", _E, lecture.total_budget_document),
    Rule("P009", "date-inconnue", _E, lecture.date_inconnue_document),
    Rule("P010", "acte-cite-date-differente", _E, lecture.acte_cite_date_document),
    Rule("P011", "acte-cite-inconnu", _W, lecture.acte_cite_inconnu_document),
    Rule("P012", "siret-different", _E, lecture.siret_document),
    Rule("P013", "identifiant-actes-different", _E, lecture.identifiant_actes_document),
    Rule("P014", "vote-different", _E, lecture.vote_document),
    Rule("P015", "date-impossible", _E, lecture.date_impossible_document),
    Rule("P016", "montant-en-lettres-inconnu", _E, lecture.en_lettres_inconnu_document),
    Rule("P017", "subvention-a-sa-place", _E, lecture.subvention_a_sa_place),
    Rule("P018", "imputation-a-sa-place", _E, lecture.imputation_a_sa_place),
    # documents against each other, and their own logic (audit)
    *(Rule(code, nom, Severity(gravite), audit=regle) for code, nom, gravite, regle in AUDIT_RULES),
    # the checker itself
    Rule("X001", "erreur-interne", _E, erreur_interne),
    Rule("X002", "textes-non-rendus", _E, textes_non_rendus),
)
"""Every rule, by code. A retired code stays retired: never give it to another rule."""

ERREUR_INTERNE = "X001"


def rules_to_json(rules: Sequence[Rule] = RULES) -> str:
    """The table as JSON: code, name, severity, description."""
    return json.dumps(
        [
            {"code": r.code, "name": r.name, "severity": r.severity.value, "description": r.description}
            for r in rules
        ],
        ensure_ascii=False,
        indent=2,
        sort_keys=True,
    )


def _affaires_rendues(dossier: Dossier) -> tuple[tuple[Affaire, ...], tuple[tuple[int, str, Champ], ...]]:
    affaires: list[Affaire] = []
    erreurs: list[tuple[int, str, Champ]] = []
    for i, affaire in enumerate(dossier.affaires):
        try:
            affaires.append(rendre_affaire(dossier, affaire))
        except TexteInvalide as exc:  # at the text's own line
            affaires.append(affaire)
            erreurs.append((i, str(exc), exc.champ))
        except Exception as exc:  # TemplateError, or anything a hand-built model may raise
            affaires.append(affaire)
            erreurs.append((i, str(exc), ("affaires", i)))
    return tuple(affaires), tuple(erreurs)


def _lignes(source: Path | None) -> Callable[[Champ], int | None]:
    """The line of a dossier field in the source file (None if unknown)."""
    if source is None:
        return lambda champ: None
    return localisateur(source)


def check(
    dossier: Dossier | None,
    documents: Sequence[Path] = (),
    source: Path | None = None,
    *,
    rules: Sequence[Rule] | None = None,
    progression: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    templates: Path | None = None,
) -> list[Finding]:
    """Check the dossier, and each document (DOCX/PDF) against it; returns the findings, rule by rule.

    `documents` may name folders: they are expanded as on the command line (DOCX and PDF files,
    recursively); a path that does not exist is reported (P002). `source` is the dossier file, to
    name its lines in findings. `rules` defaults to the whole table. `progression`: a progress bar
    while the documents are read, on a terminal only.
    `select` / `ignore` choose rules by code or prefix, as ruff does (`ignore=["I005", "D"]`); the
    rules the dossier ignores (`regles.ignorer`) are left out too.
    `templates`: the collectivité's templates (a folder of `deliberation.docx`…, as `generer`
    takes), which the documents are expected to follow; the shipped ones by default.
    Never raises on a bad dossier or document: a rule that fails becomes an X001 finding;
    `RegleInconnue` for a code no rule has, `TemplateError` for a template that cannot be used.
    """
    if dossier is None:  # no dossier: the documents are compared with each other
        return audit(list(documents), rules=rules, progression=progression, select=select, ignore=ignore)
    return check_et_ecartes(
        dossier,
        documents,
        source,
        rules=rules,
        progression=progression,
        select=select,
        ignore=ignore,
        templates=templates,
    )[0]


def check_et_ecartes(
    dossier: Dossier,
    documents: Sequence[Path] = (),
    source: Path | None = None,
    *,
    rules: Sequence[Rule] | None = None,
    progression: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    templates: Path | None = None,
) -> tuple[list[Finding], list[Finding], Selection]:
    """As `check`, and also the findings of the rules left out, with the selection that left them
    out (to count them, with their reasons, in a summary)."""
    rules = RULES if rules is None else rules
    selection = selection_de(dossier, select, ignore)
    modeles = Modeles(Path(templates) if templates is not None else None)
    if documents:
        modeles.verifier()
    with _sans_ramasse_miettes():
        gardes, ecartes = selection.partager(_check(dossier, documents, source, rules, progression, modeles))
    return gardes, ecartes, selection


def selection_de(
    dossier: Dossier | None, select: Iterable[str] | None = None, ignore: Iterable[str] = ()
) -> Selection:
    """The rules chosen by `select` / `ignore` and by the dossier's `regles.ignorer`."""
    motifs = {r.code: r.motif for r in dossier.regles.ignorer} if dossier is not None else {}
    return Selection.de([r.code for r in RULES], select, ignore, motifs)


@contextlib.contextmanager
def _sans_ramasse_miettes() -> Iterator[None]:
    """Checking a séance builds hundreds of thousands of small acyclic objects (text pieces,
    facts): the cycle collector would walk them all, again and again, as they pile up (a quarter
    of the time for 1 600 documents, and more as the séance grows). Reference counting frees
    them all the same; the collector is set back as it was."""
    actif = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if actif:
            gc.enable()


def _check(
    dossier: Dossier,
    documents: Sequence[Path],
    source: Path | None,
    rules: Sequence[Rule],
    progression: bool,
    modeles: Modeles,
) -> list[Finding]:
    fichier = str(source) if source is not None else "dossier"
    try:
        affaires, non_rendus = _affaires_rendues(dossier)
    except Exception as exc:  # a dossier built by hand without its affaires
        affaires, non_rendus = (), ((0, str(exc), ("affaires", 0)),)
    findings: list[Finding] = []
    identifies: list[IdentifiedDocument] = []
    rejetes: list[DocumentRejete] = []
    try:
        identifies, rejetes = attach.lire_et_rattacher(
            documents, affaires, progression, modeles.signatures() if documents else ()
        )
    except Exception as exc:  # a bug in reading: report it, check the dossier all the same
        findings.append(_interne("lecture", "la lecture des documents", exc, fichier))
    ctx = Context(
        dossier=dossier,
        affaires=affaires,
        reference=reference(),
        documents=tuple(identifies),
        rejetes=tuple(rejetes),
        textes_non_rendus=non_rendus,
        fichier=fichier,
        ligne=_lignes(source),
        modeles=modeles,
    )
    for rule in rules:
        if rule.check is None:
            continue
        try:
            drafts = list(rule.check(ctx))
        except Exception as exc:
            findings.append(_interne(rule.code, f"la règle {rule.code}", exc, fichier))
            continue
        findings += [
            Finding(rule.code, rule.severity, d.message, d.location, dict(d.values), d.related)
            for d in drafts
        ]
    return findings


# --- the audit: documents against each other, with no dossier -----------------------------------------


def audit(
    chemins: Sequence[Path] | Releve,
    *,
    rules: Sequence[Rule] | None = None,
    progression: bool = False,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
) -> list[Finding]:
    """Check documents (DOCX/PDF files or folders) against each other and against their own logic,
    with no dossier: grouped by affaire, each fact compared with the same fact elsewhere.

    Returns the findings of the `A` rules; each names both sides (`location` and `related`).
    Raises `DocumentIllisible` for a path that does not exist; a file that cannot be read is an
    A201 finding. A rule that fails becomes an X001 finding. `select` / `ignore` as for `check`."""
    rules = RULES if rules is None else rules
    selection = selection_de(None, select, ignore)
    lu = chemins if isinstance(chemins, Releve) else releve(chemins, progression=progression)
    affaires = {str(d.chemin): a.nom for a in lu.affaires for d in a.documents}
    findings: list[Finding] = []
    with _sans_ramasse_miettes():
        for rule in rules:
            if rule.audit is None:
                continue
            try:
                drafts = list(rule.audit(lu))
            except Exception as exc:
                findings.append(_interne(rule.code, f"la règle {rule.code}", exc, "audit"))
                continue
            findings += [
                Finding(
                    rule.code,
                    rule.severity,
                    d.message,
                    _avec_affaire(d.location, affaires),
                    dict(d.values),
                    d.related,
                )
                for d in drafts
            ]
    return selection.partager(findings)[0]


def _avec_affaire(lieu: Location, affaires: dict[str, str]) -> Location:
    return replace(lieu, affaire=affaires.get(lieu.file, lieu.affaire))


def _interne(code: str, quoi: str, exc: Exception, fichier: str) -> Finding:
    return Finding(
        ERREUR_INTERNE,
        Severity.ERROR,
        f"erreur interne : {quoi} a échoué ({type(exc).__name__} : {exc}) ; les autres règles ont été "
        "appliquées",
        Location(file=fichier),
        {"regle": code, "erreur": f"{type(exc).__name__}: {exc}"},
    )
