"""Rules on money: solde, CP, the budget annex, amounts cited in the texts, amounts in words,
operations shared by several affaires of the séance, and the convention threshold."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from actes62.checks.context import Context, Draft
from actes62.faits.phrases import ecrit_comme_montant, en_lettres_et_chiffres
from actes62.formats import euros, trouver_montants
from actes62.model import AnnexeBudget, arrondi_centimes

__all__ = [
    "annexe_budget_egale_montant",
    "convention_obligatoire",
    "disponible_superieur_aux_cp",
    "en_lettres_egal_chiffres",
    "montant_cite_dans_les_textes",
    "operation_surconsommee",
    "solde_negatif",
]

_TEXTES_DES_ACTES = ("délibération", "rapport", "convention")


def solde_negatif(ctx: Context) -> Iterator[Draft]:
    """La proposition d'une imputation ne dépasse pas son disponible (solde = disponible − proposition
    ≥ 0).

    Pourquoi : une dépense ne peut être engagée au-delà des crédits disponibles de l'opération.
    Référence : arithmétique du tableau d'imputation (solde = disponible − proposition) ; CGCT
    L3312-1 et suivants (crédits votés)."""
    for i, affaire in enumerate(ctx.affaires):
        for rang, imputation in enumerate(affaire.imputations):
            if imputation.solde < 0:
                yield Draft(
                    f"la proposition ({euros(imputation.proposition)}) dépasse le disponible "
                    f"({euros(imputation.disponible)}) de l'opération {imputation.code_operation} : "
                    f"le solde serait de {euros(imputation.solde)}",
                    ctx.lieu(
                        ("affaires", i, "imputations", rang, "proposition"),
                        affaire=i,
                        kind="rapport",
                        part=f"imputation {rang + 1}",
                    ),
                    {
                        "disponible": str(imputation.disponible),
                        "proposition": str(imputation.proposition),
                        "solde": str(imputation.solde),
                    },
                )


def disponible_superieur_aux_cp(ctx: Context) -> Iterator[Draft]:
    """Le disponible d'une imputation ne dépasse pas ses crédits de paiement (CP).

    Pourquoi : le disponible est ce qui reste des CP votés ; il ne peut pas leur être supérieur.
    Référence : arithmétique du tableau d'imputation (disponible ≤ CP)."""
    for i, affaire in enumerate(ctx.affaires):
        for rang, imputation in enumerate(affaire.imputations):
            if imputation.disponible > imputation.credits_paiement:
                yield Draft(
                    f"le disponible ({euros(imputation.disponible)}) dépasse les crédits de paiement "
                    f"({euros(imputation.credits_paiement)}) de l'opération {imputation.code_operation}",
                    ctx.lieu(
                        ("affaires", i, "imputations", rang, "disponible"),
                        affaire=i,
                        kind="rapport",
                        part=f"imputation {rang + 1}",
                    ),
                    {
                        "credits_paiement": str(imputation.credits_paiement),
                        "disponible": str(imputation.disponible),
                    },
                )


def annexe_budget_egale_montant(ctx: Context) -> Iterator[Draft]:
    """Le total de l'annexe budgétaire (somme de ses lignes) est égal au montant attribué (somme des
    propositions).

    Pourquoi : l'annexe détaille l'emploi de la subvention ; un total différent montre une ligne
    oubliée ou un montant changé d'un côté seulement.
    Référence : arithmétique (Σ lignes = total = montant attribué)."""
    for i, affaire in enumerate(ctx.affaires):
        for rang, annexe in enumerate(affaire.annexes):
            if isinstance(annexe, AnnexeBudget) and annexe.total != affaire.montant:
                yield Draft(
                    f"le total de l'annexe {rang + 1} ({euros(annexe.total)}) n'est pas le montant "
                    f"attribué ({euros(affaire.montant)})",
                    ctx.lieu(
                        ("affaires", i, "annexes", rang, "lignes"),
                        affaire=i,
                        kind=f"annexe {rang + 1}",
                        part="total",
                    ),
                    {"total_annexe": str(annexe.total), "montant": str(affaire.montant)},
                )


def montant_cite_dans_les_textes(ctx: Context) -> Iterator[Draft]:
    """Chaque montant cité dans les textes de la délibération, du rapport et de la convention (une
    fois les {{ }} remplis) est le montant attribué, ou un autre chiffre du dossier (CP, disponible,
    solde, ligne de l'annexe). Un montant s'écrit avec « € », « euros » ou des centimes ; un nombre
    nu (« les 1 500 participants ») n'en est pas un.

    Pourquoi : un montant tapé à la main dans un texte peut diverger du montant voté.
    Référence : cohérence des pièces d'un même acte (le montant attribué est la somme des
    propositions)."""
    for i, affaire in enumerate(ctx.affaires):
        chiffres = ctx.chiffres(i)
        for texte in ctx.textes(i):
            if texte.kind not in _TEXTES_DES_ACTES:
                continue
            for debut, fin, valeur in trouver_montants(texte.texte):
                if valeur not in chiffres and ecrit_comme_montant(texte.texte[debut:fin]):
                    yield Draft(
                        f"le montant {texte.texte[debut:fin]} cité par le texte n'est pas le montant "
                        f"attribué ({euros(affaire.montant)}) ni un autre chiffre du dossier",
                        ctx.lieu_texte(i, texte, debut, fin),
                        {"cite": str(valeur), "montant": str(affaire.montant)},
                    )


def en_lettres_egal_chiffres(ctx: Context) -> Iterator[Draft]:
    """Un montant écrit en lettres est égal au montant en chiffres écrit à côté (« 9 380 € (neuf mille
    trois cent quatre-vingts euros) »), dans les textes du dossier.

    Pourquoi : en cas de désaccord, c'est la somme en lettres qui fait foi pour le lecteur ; les deux
    doivent dire la même chose.
    Référence : usage des actes administratifs et comptables (montant en toutes lettres)."""
    for i, _ in enumerate(ctx.affaires):
        for texte in ctx.textes(i):
            for paire in en_lettres_et_chiffres(texte.texte):
                if paire.lettres != paire.chiffres:
                    yield Draft(
                        f"« {paire.texte_lettres} » ({euros(paire.lettres)}) ne correspond pas au montant en "
                        f"chiffres écrit à côté ({paire.texte_chiffres})",
                        ctx.lieu_texte(i, texte, paire.debut, paire.fin),
                        {"en_lettres": str(paire.lettres), "en_chiffres": str(paire.chiffres)},
                    )


def operation_surconsommee(ctx: Context) -> Iterator[Draft]:
    """Les affaires de la séance qui puisent dans une même opération (code opération) ne dépassent
    pas ensemble son disponible, même si chacune, seule, y tient.

    Pourquoi : deux propositions de 9 380 € sur une opération disposant de 10 000 € ne peuvent pas
    être engagées toutes les deux.
    Référence : arithmétique (Σ propositions de la séance sur l'opération ≤ disponible)."""
    cumul: dict[str, Decimal] = {}
    disponible: dict[str, Decimal] = {}
    affaires: dict[str, list[str]] = {}
    signale: set[str] = set()
    for i, affaire in enumerate(ctx.affaires):
        for rang, imputation in enumerate(affaire.imputations):
            code = imputation.code_operation
            cumul[code] = cumul.get(code, Decimal(0)) + imputation.proposition
            disponible[code] = max(disponible.get(code, Decimal(0)), imputation.disponible)
            affaires.setdefault(code, []).append(affaire.id)
            if len(affaires[code]) > 1 and cumul[code] > disponible[code] and code not in signale:
                signale.add(code)
                yield Draft(
                    f"les affaires {', '.join(affaires[code])} puisent ensemble {euros(cumul[code])} dans "
                    f"l'opération {code}, dont le disponible est de {euros(disponible[code])}",
                    ctx.lieu(
                        ("affaires", i, "imputations", rang, "proposition"),
                        affaire=i,
                        kind="séance",
                        part=f"imputation {rang + 1}",
                    ),
                    {
                        "code_operation": code,
                        "disponible": str(disponible[code]),
                        "total_propositions": str(cumul[code]),
                        "affaires": ", ".join(affaires[code]),
                    },
                )


def convention_obligatoire(ctx: Context) -> Iterator[Draft]:
    """Une subvention dont le montant annuel dépasse le seuil réglementaire (23 000 €) fait l'objet
    d'une convention avec le bénéficiaire ; les subventions de la séance à un même bénéficiaire (même
    SIRET) et pour une même année sont additionnées.

    Pourquoi : l'autorité qui attribue la subvention doit alors conclure une convention définissant
    l'objet, le montant et les conditions d'utilisation.
    Les personnes publiques (communes, groupements, établissements publics, GIP) n'y sont pas soumises.
    Référence : loi n° 2000-321 du 12 avril 2000, article 10 ; décret n° 2001-495 du 6 juin 2001,
    article 1er (seuil daté dans data/reference.yaml)."""
    periode = ctx.reference.seuil_convention(ctx.dossier.seance.date)
    if periode is None:
        return
    seuil = Decimal(periode.valeur)
    annee_seance = ctx.dossier.seance.date.year
    totaux: dict[tuple[str, int], Decimal] = {}
    for affaire in ctx.affaires:
        annee = affaire.convention.annee if affaire.convention is not None else annee_seance
        cle = (affaire.beneficiaire.siret, annee)
        totaux[cle] = totaux.get(cle, Decimal(0)) + affaire.montant
    for i, affaire in enumerate(ctx.affaires):
        if not affaire.beneficiaire.forme_juridique.droit_prive:
            continue  # the threshold concerns bodies of private law, not public persons
        total = totaux[(affaire.beneficiaire.siret, annee_seance)] if affaire.convention is None else None
        if total is not None and total > seuil:
            yield Draft(
                f"la subvention ({euros(total)} pour l'année à {affaire.beneficiaire.nom}) dépasse "
                f"{euros(seuil)} : une convention est obligatoire ({periode.reference})",
                ctx.lieu(("affaires", i), affaire=i, kind="convention"),
                {"montant_annuel": str(total), "seuil": str(seuil)},
            )


def versements_egaux_a_la_subvention(ctx: Context) -> Iterator[Draft]:
    """Les versements de l'échéancier de la convention (montants, ou pourcentages de la subvention)
    font la subvention attribuée.

    Pourquoi : une avance et un solde qui ne font pas la subvention versent plus ou moins que ce
    qui est voté. Référence : convention, article des modalités de versement ; décret 2001-495."""
    for i, affaire in enumerate(ctx.affaires):
        convention = affaire.convention
        if convention is None or not convention.versements:
            continue
        total = sum((v.montant_sur(affaire.montant) for v in convention.versements), Decimal("0"))
        if total != affaire.montant:
            yield Draft(
                f"les versements font {euros(total, centimes=True)}, la subvention est de "
                f"{euros(affaire.montant, centimes=True)}",
                ctx.lieu(("affaires", i, "convention", "versements"), affaire=i, kind="convention"),
                {"versements": str(total), "montant": str(affaire.montant)},
            )


def plan_de_financement(ctx: Context) -> Iterator[Draft]:
    """Le plan de financement est équilibré (dépenses = ressources ; le coût total, s'il est écrit,
    est le total des dépenses) et la ligne de la collectivité est la subvention attribuée.

    Pourquoi : un plan déséquilibré ou qui annonce une autre aide du Département ne justifie pas la
    subvention. Référence : décret 2001-495 (budget prévisionnel annexé) ; règlement d'attribution."""
    for i, affaire in enumerate(ctx.affaires):
        plan = affaire.financement
        if plan is None:
            continue
        lieu = ctx.lieu(("affaires", i, "financement"), affaire=i)
        if plan.total_depenses != plan.total_ressources:
            yield Draft(
                f"plan de financement déséquilibré : dépenses {euros(plan.total_depenses, centimes=True)}, "
                f"ressources {euros(plan.total_ressources, centimes=True)}",
                lieu,
                {"depenses": str(plan.total_depenses), "ressources": str(plan.total_ressources)},
            )
        couts = [c for c in (plan.cout_total_ht, plan.cout_total_ttc) if c is not None]
        if couts and plan.total_depenses not in couts:
            yield Draft(
                f"le coût total ({' / '.join(euros(c) for c in couts)}) n'est pas le total des dépenses "
                f"({euros(plan.total_depenses, centimes=True)})",
                lieu,
                {"cout": str(couts[0]), "depenses": str(plan.total_depenses)},
            )
        departement = [r for r in plan.ressources if r.departement]
        part = sum((r.montant for r in departement), Decimal("0"))
        if departement and part != affaire.montant:
            yield Draft(
                f"le plan de financement attend {euros(part)} de la collectivité, la subvention est de "
                f"{euros(affaire.montant)}",
                lieu,
                {"ressource": str(part), "montant": str(affaire.montant)},
            )


def plafond_respecte(ctx: Context) -> Iterator[Draft]:
    """La subvention respecte le plafond du dispositif (« dans la limite de 12,5 % du coût HT et
    d'un million d'euros »).

    Pourquoi : au-delà, l'aide sort du règlement qui la fonde. Référence : règlement d'attribution
    du dispositif ; CGCT L1611-4."""
    for i, affaire in enumerate(ctx.affaires):
        plan = affaire.financement
        if plan is None or plan.plafond is None:
            continue
        plafonds = []
        if plan.plafond.taux is not None:
            base = plan.base_plafond()
            plafonds.append(arrondi_centimes(base * plan.plafond.taux / 100))
        if plan.plafond.montant is not None:
            plafonds.append(plan.plafond.montant)
        if plafonds and affaire.montant > min(plafonds):
            yield Draft(
                f"subvention de {euros(affaire.montant)} au-delà du plafond du dispositif ({euros(min(plafonds))})",
                ctx.lieu(("affaires", i, "financement", "plafond"), affaire=i),
                {"montant": str(affaire.montant), "plafond": str(min(plafonds))},
            )


def autorisation_de_programme(ctx: Context) -> Iterator[Draft]:
    """L'autorisation de programme (AP) d'une opération d'investissement couvre ses crédits de
    paiement (CP) de l'année et la proposition.

    Pourquoi : les CP d'une année sont une tranche de l'AP ; des CP au-delà de l'AP n'ont pas
    d'autorisation. Référence : CGCT L3312-4 (AP/CP)."""
    for i, affaire in enumerate(ctx.affaires):
        for j, imputation in enumerate(affaire.imputations):
            ap = imputation.autorisation_programme
            if ap is not None and (imputation.credits_paiement > ap or imputation.proposition > ap):
                yield Draft(
                    f"AP de {euros(ap, centimes=True)} inférieure aux CP ({euros(imputation.credits_paiement, centimes=True)}) "
                    f"ou à la proposition ({euros(imputation.proposition, centimes=True)})",
                    ctx.lieu(("affaires", i, "imputations", j, "autorisation_programme"), affaire=i),
                    {"ap": str(ap), "cp": str(imputation.credits_paiement)},
                )
