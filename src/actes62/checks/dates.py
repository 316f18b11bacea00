"""Rules on dates: the avis before the séance, the convention's period and bilan deadline, days
that are not working days, the ACTES date, and the dates the texts give to délibérations."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import holidays

from actes62.checks.context import Context, Draft, partie_visa
from actes62.faits.phrases import dates_de_deliberation, dates_limite_bilan
from actes62.formats import date_longue

__all__ = [
    "acquittement_avant_seance",
    "auto_citation_a_la_date_de_seance",
    "avis_apres_seance",
    "date_actes_egale_seance",
    "date_de_deliberation_inconnue",
    "date_limite_bilan_apres_fin",
    "date_limite_bilan_dans_les_textes",
    "jour_non_ouvre",
    "periode_convention",
]


def avis_apres_seance(ctx: Context) -> Iterator[Draft]:
    """L'avis de la commission thématique sur le rapport n'est pas postérieur à la séance.

    Pourquoi : la commission rend son avis avant que l'assemblée ne délibère ; un avis daté après
    la séance trahit une date erronée.
    Référence : règlement intérieur de l'assemblée (examen préalable des rapports en commission)."""
    seance = ctx.dossier.seance
    for i, affaire in enumerate(ctx.affaires):
        avis = affaire.rapport.avis
        if avis.date > seance.date:
            yield Draft(
                f"l'avis de la commission est daté du {date_longue(avis.date)}, après la séance du "
                f"{date_longue(seance.date)}",
                ctx.lieu(("affaires", i, "rapport", "avis", "date"), affaire=i, kind="rapport", part="avis"),
                {"avis": avis.date.isoformat(), "seance": seance.date.isoformat()},
            )


def periode_convention(ctx: Context) -> Iterator[Draft]:
    """La période d'exécution de la convention commence avant de finir (début ≤ fin).

    Pourquoi : une période inversée rend la convention inapplicable.
    Référence : arithmétique des dates de la convention."""
    for i, affaire in enumerate(ctx.affaires):
        convention = affaire.convention
        if convention is not None and convention.debut > convention.fin:
            yield Draft(
                f"la période de la convention commence le {date_longue(convention.debut)}, après sa fin "
                f"le {date_longue(convention.fin)}",
                ctx.lieu(
                    ("affaires", i, "convention", "debut"), affaire=i, kind="convention", part="période"
                ),
                {"debut": convention.debut.isoformat(), "fin": convention.fin.isoformat()},
            )


def date_limite_bilan_apres_fin(ctx: Context) -> Iterator[Draft]:
    """La date limite de remise du bilan vient après la fin de la période de la convention.

    Pourquoi : le bilan rend compte d'actions achevées ; une échéance antérieure à la fin de la
    période ne peut pas être tenue.
    Référence : loi n° 2000-321 du 12 avril 2000, article 10 (compte rendu financier après
    l'exercice)."""
    for i, affaire in enumerate(ctx.affaires):
        convention = affaire.convention
        if convention is not None and convention.date_limite_bilan <= convention.fin:
            yield Draft(
                f"la date limite du bilan ({date_longue(convention.date_limite_bilan)}) ne vient pas après "
                f"la fin de la période ({date_longue(convention.fin)})",
                ctx.lieu(
                    ("affaires", i, "convention", "date_limite_bilan"),
                    affaire=i,
                    kind="convention",
                    part="date limite du bilan",
                ),
                {
                    "date_limite_bilan": convention.date_limite_bilan.isoformat(),
                    "fin": convention.fin.isoformat(),
                },
            )


def date_limite_bilan_dans_les_textes(ctx: Context) -> Iterator[Draft]:
    """Chaque date que les textes de la convention donnent comme échéance du bilan (« au plus tard
    le », « avant le », dans une phrase sur le bilan) est la date limite du bilan du dossier.

    Pourquoi : deux échéances différentes dans une même convention rendent l'obligation incertaine.
    Référence : cohérence interne de la convention."""
    for i, affaire in enumerate(ctx.affaires):
        convention = affaire.convention
        if convention is None:
            continue
        for texte in ctx.textes(i):
            if texte.kind != "convention":
                continue
            for debut, fin, jour in dates_limite_bilan(texte.texte):
                if jour != convention.date_limite_bilan:
                    yield Draft(
                        f"le texte donne le {date_longue(jour)} comme échéance du bilan, la date limite du "
                        f"bilan est le {date_longue(convention.date_limite_bilan)}",
                        ctx.lieu_texte(i, texte, debut, fin),  # a convention text (filtered above)
                        {
                            "texte": jour.isoformat(),
                            "date_limite_bilan": convention.date_limite_bilan.isoformat(),
                        },
                    )


def jour_non_ouvre(ctx: Context) -> Iterator[Draft]:
    """La séance et les actes cités ne tombent ni un samedi, ni un dimanche, ni un jour férié.

    Pourquoi : les assemblées départementales ne siègent pas ces jours-là en pratique ; une telle
    date est le plus souvent une faute de frappe (le 25/03/2023 cité pour un acte du 25/03/2024).
    Référence : code du travail, article L3133-1 (fêtes légales) ; calendrier du package holidays
    (France, données de référence)."""
    feries = holidays.country_holidays(ctx.reference.pays_feries, subdiv=ctx.reference.subdivision_feries)

    def motif(jour: date) -> str | None:
        if jour in feries:
            return f"un jour férié ({feries.get(jour)})"
        if jour.weekday() >= 5:
            return "un samedi" if jour.weekday() == 5 else "un dimanche"
        return None

    seance = ctx.dossier.seance
    raison = motif(seance.date)
    if raison is not None:
        yield Draft(
            f"la séance est datée du {date_longue(seance.date)}, {raison}",
            ctx.lieu(("seance", "date"), kind="séance"),
            {"date": seance.date.isoformat()},
        )
    for i, kind, champ, rang, visa in ctx.visas_actes():
        raison = motif(visa.date)
        if raison is not None:
            numero = f" n°{visa.numero}" if visa.numero else ""
            yield Draft(
                f"la {visa.nature}{numero} citée est datée du {date_longue(visa.date)}, {raison}",
                ctx.lieu(
                    (*champ, "date"),
                    affaire=i,
                    kind=kind,
                    part=partie_visa(rang),
                    texte=visa.titre,
                ),
                {"date": visa.date.isoformat(), "numero": visa.numero or ""},
            )


def date_actes_egale_seance(ctx: Context) -> Iterator[Draft]:
    """La date de l'identifiant ACTES de l'accusé de réception est la date de la séance.

    Pourquoi : l'identifiant ACTES porte la date de la décision ; une autre date désigne un autre
    acte pour le contrôle de légalité.
    Référence : format de l'identifiant ACTES (département-SIREN-AAAAMMJJ-numéro-nature)."""
    seance = ctx.dossier.seance
    for i, affaire in enumerate(ctx.affaires):
        acquittement = affaire.deliberation.acquittement
        if acquittement is None:
            continue
        jour = acquittement.date_decision
        if jour != seance.date:
            lue = (
                date_longue(jour)
                if jour is not None
                else f"« {acquittement.partie('date')} » (date impossible)"
            )
            yield Draft(
                f"l'identifiant ACTES porte la date {lue}, la séance est du {date_longue(seance.date)}",
                ctx.lieu(
                    ("affaires", i, "deliberation", "acquittement", "identifiant"),
                    affaire=i,
                    kind="délibération",
                    part="accusé de réception",
                    texte=acquittement.identifiant,
                ),
                {"actes": acquittement.partie("date"), "seance": seance.date.isoformat()},
            )


def acquittement_avant_seance(ctx: Context) -> Iterator[Draft]:
    """La transmission, la réception en préfecture et la publication ne précèdent pas la séance.

    Pourquoi : un acte ne peut être transmis ni publié avant d'avoir été adopté.
    Référence : CGCT, article L3131-1 (caractère exécutoire après publication et transmission)."""
    seance = ctx.dossier.seance
    for i, affaire in enumerate(ctx.affaires):
        acquittement = affaire.deliberation.acquittement
        if acquittement is None:
            continue
        for nom, jour in (
            ("date_transmission", acquittement.date_transmission),
            ("date_reception", acquittement.date_reception),
            ("date_publication", acquittement.date_publication),
        ):
            if jour < seance.date:
                yield Draft(
                    f"{nom.removeprefix('date_')} le {date_longue(jour)}, avant la séance du "
                    f"{date_longue(seance.date)}",
                    ctx.lieu(
                        ("affaires", i, "deliberation", "acquittement", nom),
                        affaire=i,
                        kind="délibération",
                        part="accusé de réception",
                    ),
                    {nom: jour.isoformat(), "seance": seance.date.isoformat()},
                )


def date_de_deliberation_inconnue(ctx: Context) -> Iterator[Draft]:
    """Une date écrite dans un texte comme celle d'une délibération (« délibération du 23 janvier
    2022 ») est la date d'un acte cité par le dossier (ou de la séance).

    Pourquoi : une délibération datée d'un jour où aucun acte n'a été pris est introuvable ; le
    rapport du dossier d'exemple cite le 23 janvier 2022, un dimanche, pour l'acte du 24.
    Référence : cohérence des visas et des textes d'un même dossier."""
    connues = {ctx.dossier.seance.date} | {visa.date for *_, visa in ctx.visas_actes()}
    for i, _ in enumerate(ctx.affaires):
        for texte in ctx.textes(i):
            for debut, fin, jour in dates_de_deliberation(texte.texte):
                if jour not in connues:
                    yield Draft(
                        f"« {texte.texte[debut:fin]} » : aucun acte cité par le dossier n'est daté du "
                        f"{date_longue(jour, jour=True)}",
                        ctx.lieu_texte(i, texte, debut, fin),
                        {"date": jour.isoformat()},
                    )


def auto_citation_a_la_date_de_seance(ctx: Context) -> Iterator[Draft]:
    """Un visa qui cite une délibération de la séance elle-même (même numéro) porte la date de la
    séance.

    Pourquoi : la convention du dossier d'exemple se dit autorisée par la délibération « du
    2 septembre 2025 » (date de l'avis de la commission) alors que la séance est du 15 septembre.
    Référence : CGCT, article L3211-2 et L3121-14-1 (la Commission Permanente délibère en séance)."""
    seance = ctx.dossier.seance
    numeros = {affaire.deliberation.numero for affaire in ctx.affaires}
    for i, kind, champ, rang, visa in ctx.visas_actes():
        if visa.numero in numeros and visa.date != seance.date:
            yield Draft(
                f"la délibération n°{visa.numero} de cette séance est citée au {date_longue(visa.date)}, "
                f"la séance est du {date_longue(seance.date)}",
                ctx.lieu(
                    (*champ, "date"),
                    affaire=i,
                    kind=kind,
                    part=partie_visa(rang),
                    texte=visa.titre,
                ),
                {
                    "cite": visa.date.isoformat(),
                    "seance": seance.date.isoformat(),
                    "numero": visa.numero or "",
                },
            )
