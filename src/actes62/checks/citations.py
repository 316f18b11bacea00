"""Rules on references: a prior act cited with the same date and title everywhere, and each
« annexe N » of the texts existing and being the document the text says it is."""

from __future__ import annotations

from collections.abc import Iterator

from actes62.checks.context import Champ, Context, Draft, partie_visa
from actes62.faits.phrases import pliage, references_annexes, titre_normalise
from actes62.formats import date_longue
from actes62.model import Annexe, VisaActe

__all__ = [
    "acte_cite_memes_dates",
    "acte_cite_memes_titres",
    "annexe_citee_est_le_document",
    "annexe_citee_existe",
]

_ACTE = tuple[int, str, Champ, int, VisaActe]


def _ou(citation: _ACTE) -> str:
    _, kind, _, rang, _ = citation
    return f"la {kind} (visa {rang})"


def acte_cite_memes_dates(ctx: Context) -> Iterator[Draft]:
    """Un même acte antérieur (instance et numéro) est cité avec la même date par tous les
    documents (délibérations et conventions du dossier).

    Pourquoi : deux dates pour un même acte, c'est un acte introuvable ; le dossier d'exemple cite
    la délibération n°2023-125 au 25/03/2023 dans la délibération et au 25 mars 2024 dans la
    convention.
    Référence : cohérence des visas (un acte est identifié par son auteur, son numéro et sa date)."""
    numeros_seance = {affaire.deliberation.numero for affaire in ctx.affaires}
    premieres: dict[tuple[str, str], _ACTE] = {}
    for citation in ctx.visas_actes():
        i, kind, champ, rang, visa = citation
        if visa.numero is None or visa.numero in numeros_seance:
            continue
        cle = (visa.instance.value, visa.numero)
        premiere = premieres.setdefault(cle, citation)
        if premiere[4].date != visa.date:
            yield Draft(
                f"la délibération n°{visa.numero} ({visa.instance.libelle}) est citée au "
                f"{date_longue(visa.date)} ici, et au {date_longue(premiere[4].date)} par {_ou(premiere)}",
                ctx.lieu(
                    (*champ, "date"),
                    affaire=i,
                    kind=kind,
                    part=partie_visa(rang),
                    texte=visa.titre,
                ),
                {
                    "numero": visa.numero,
                    "date": visa.date.isoformat(),
                    "autre_date": premiere[4].date.isoformat(),
                },
            )


def acte_cite_memes_titres(ctx: Context) -> Iterator[Draft]:
    """Un même acte (instance et numéro) est cité sous le même titre partout, comparé sans la casse,
    les guillemets (« » ou "), la ponctuation ni les espaces ; une délibération de la séance citée
    par un visa l'est sous le titre de son affaire.

    Pourquoi : un titre différent fait douter de l'acte visé (le dossier d'exemple cite la
    n°2023-125 sous deux titres voisins).
    Référence : cohérence des visas entre les pièces d'un même dossier."""
    titres_seance = {
        affaire.deliberation.numero: (affaire.titre, j) for j, affaire in enumerate(ctx.affaires)
    }
    premieres: dict[tuple[str, str], _ACTE] = {}
    for citation in ctx.visas_actes():
        i, kind, champ, rang, visa = citation
        if visa.numero is None:
            continue
        if visa.numero in titres_seance:
            titre, j = titres_seance[visa.numero]
            if titre_normalise(titre) != titre_normalise(visa.titre):
                yield Draft(
                    f"la délibération n°{visa.numero} de cette séance est citée sous un titre qui n'est pas "
                    f"celui de son affaire « {titre} »",
                    ctx.lieu(
                        (*champ, "titre"),
                        affaire=i,
                        kind=kind,
                        part=partie_visa(rang),
                        texte=visa.titre,
                    ),
                    {
                        "numero": visa.numero,
                        "titre": visa.titre,
                        "titre_affaire": titre,
                        "affaire": ctx.affaires[j].id,
                    },
                )
            continue
        cle = (visa.instance.value, visa.numero)
        premiere = premieres.setdefault(cle, citation)
        if titre_normalise(premiere[4].titre) != titre_normalise(visa.titre):
            yield Draft(
                f"la délibération n°{visa.numero} est citée sous le titre « {visa.titre} » ici, et "
                f"« {premiere[4].titre} » par {_ou(premiere)}",
                ctx.lieu(
                    (*champ, "titre"),
                    affaire=i,
                    kind=kind,
                    part=partie_visa(rang),
                    texte=visa.titre,
                ),
                {"numero": visa.numero, "titre": visa.titre, "autre_titre": premiere[4].titre},
            )


def _est(annexe: Annexe, mot_cle: str) -> bool:
    return annexe.type == mot_cle or mot_cle in pliage(annexe.titre)


def annexe_citee_existe(ctx: Context) -> Iterator[Draft]:
    """Chaque « annexe N » citée par un texte existe parmi les annexes de l'affaire.

    Pourquoi : un renvoi à une annexe absente laisse le lecteur (et le contrôle de légalité) sans la
    pièce annoncée.
    Référence : numérotation des annexes dans l'ordre du dossier (1, 2, 3…)."""
    for i, affaire in enumerate(ctx.affaires):
        for texte in ctx.textes(i):
            for reference in references_annexes(texte.texte):
                for numero in reference.numeros:
                    if not 1 <= numero <= len(affaire.annexes):
                        yield Draft(
                            f"le texte renvoie à l'annexe {numero}, l'affaire n'en a que {len(affaire.annexes)}",
                            ctx.lieu_texte(i, texte, reference.debut, reference.fin),
                            {"annexe": str(numero), "nombre_annexes": str(len(affaire.annexes))},
                        )


def annexe_citee_est_le_document(ctx: Context) -> Iterator[Draft]:
    """L'annexe citée est le document que le texte dit qu'elle est : « la convention … projet joint
    en annexe 3 » demande que l'annexe 3 soit la convention (le mot « convention », « bilan » ou
    « budget » le plus proche avant le renvoi, dans la même phrase, est comparé au type et au titre
    de l'annexe).

    Pourquoi : le dossier d'exemple renvoie à la convention en « annexe 3 » (délibération, article 2 ;
    rapport, 2e proposition) alors qu'elle est l'annexe 2.
    Référence : cohérence des renvois entre la délibération, le rapport et leurs annexes."""
    for i, affaire in enumerate(ctx.affaires):
        for texte in ctx.textes(i):
            for reference in references_annexes(texte.texte):
                mot = reference.mot_cle
                if mot is None or len(reference.numeros) != 1:
                    continue
                numero = reference.numeros[0]
                if not 1 <= numero <= len(affaire.annexes) or _est(affaire.annexes[numero - 1], mot):
                    continue
                bonnes = [n for n, a in enumerate(affaire.annexes, start=1) if _est(a, mot)]
                ailleurs = f" ; c'est l'annexe {bonnes[0]}" if len(bonnes) == 1 else ""
                yield Draft(
                    f"le texte présente l'annexe {numero} comme « {mot} », or l'annexe {numero} est "
                    f"« {affaire.annexes[numero - 1].titre} »{ailleurs}",
                    ctx.lieu_texte(i, texte, reference.debut, reference.fin),
                    {
                        "annexe": str(numero),
                        "attendu": mot,
                        "titre_annexe": affaire.annexes[numero - 1].titre,
                        "annexe_attendue": str(bonnes[0]) if len(bonnes) == 1 else "",
                    },
                )
