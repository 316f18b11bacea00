"""Rules on identifiers and names: SIRET checksums, the ACTES identifier (SIREN, département,
nature, internal number), the convention's signatory, the beneficiary's name in the texts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from stdnum.fr import siret as stdnum_siret

from actes62.checks.context import Champ, Context, Draft, meme_personne
from actes62.faits.phrases import occurrences
from actes62.model import Beneficiaire

__all__ = [
    "actes_departement",
    "actes_nature",
    "actes_numero_interne",
    "actes_siren",
    "nom_beneficiaire_casse",
    "nom_beneficiaire_graphie",
    "signataire_convention",
    "siret_valide",
]


def siret_valide(ctx: Context) -> Iterator[Draft]:
    """Le SIRET de la collectivité et celui de chaque bénéficiaire ont 14 chiffres et une clé de
    contrôle (Luhn) juste, vérifiée avec python-stdnum.

    Pourquoi : un SIRET faux désigne un autre établissement (ou aucun) ; le chargement du dossier le
    vérifie déjà, cette règle couvre les dossiers construits autrement.
    Référence : INSEE, SIRET = SIREN (9 chiffres) + NIC (5 chiffres), clé de Luhn."""
    candidats: list[tuple[Champ, str, str, int | None]] = [
        (("collectivite", "siret"), ctx.dossier.collectivite.siret, ctx.dossier.collectivite.nom, None)
    ]
    for i, affaire in enumerate(ctx.affaires):
        candidats.append(
            (
                ("affaires", i, "beneficiaire", "siret"),
                affaire.beneficiaire.siret,
                affaire.beneficiaire.nom,
                i,
            )
        )
    for champ, valeur, nom, rang in candidats:
        compact = stdnum_siret.compact(str(valeur))
        if not (compact.isdigit() and len(compact) == 14 and stdnum_siret.is_valid(compact)):
            yield Draft(
                f"le SIRET de {nom} « {valeur} » est invalide (14 chiffres et clé de Luhn attendus)",
                ctx.lieu(
                    champ, affaire=rang, kind="collectivité" if rang is None else "convention", part="SIRET"
                ),
                {"siret": str(valeur)},
            )


def _partie_actes_differente(
    ctx: Context, partie: str, attendu: str, message: Callable[[str], str]
) -> Iterator[Draft]:
    """A finding for each affaire whose ACTES identifier has another `partie` than `attendu`."""
    for i, affaire in enumerate(ctx.affaires):
        acquittement = affaire.deliberation.acquittement
        if acquittement is None or acquittement.partie(partie) == attendu:
            continue
        yield Draft(
            message(acquittement.partie(partie)),
            ctx.lieu(
                ("affaires", i, "deliberation", "acquittement", "identifiant"),
                affaire=i,
                kind="délibération",
                part="accusé de réception",
                texte=acquittement.identifiant,
            ),
            {"actes": acquittement.partie(partie), "attendu": attendu},
        )


def actes_siren(ctx: Context) -> Iterator[Draft]:
    """Le SIREN de l'identifiant ACTES est celui de la collectivité (les 9 premiers chiffres de son
    SIRET).

    Pourquoi : la préfecture rattache l'acte à la collectivité par ce SIREN.
    Référence : format de l'identifiant ACTES (département-SIREN-date-numéro interne-nature)."""
    siren = ctx.dossier.collectivite.siren
    yield from _partie_actes_differente(
        ctx,
        "siren",
        siren,
        lambda lu: f"l'identifiant ACTES porte le SIREN {lu}, celui de la collectivité est {siren}",
    )


def actes_departement(ctx: Context) -> Iterator[Draft]:
    """Le code département de l'identifiant ACTES est celui de la collectivité (« 062 »).

    Pourquoi : il désigne la préfecture destinataire.
    Référence : format de l'identifiant ACTES (code département sur 3 caractères)."""
    code = ctx.dossier.collectivite.code_departement
    yield from _partie_actes_differente(
        ctx,
        "departement",
        code,
        lambda lu: f"l'identifiant ACTES porte le département {lu}, celui de la collectivité est {code}",
    )


def actes_nature(ctx: Context) -> Iterator[Draft]:
    """La nature de l'identifiant ACTES d'une délibération est « DE ».

    Pourquoi : la nature oriente l'acte dans le contrôle de légalité (DE délibérations, CC contrats…).
    Référence : nomenclature ACTES des natures d'actes (donnée datée dans data/reference.yaml)."""
    periode = ctx.reference.nature_deliberation(ctx.dossier.seance.date)
    if periode is None:
        return
    nature = periode.valeur
    yield from _partie_actes_differente(
        ctx,
        "nature",
        nature,
        lambda lu: f"l'identifiant ACTES d'une délibération porte la nature {lu}, « {nature} » est attendue",
    )


def actes_numero_interne(ctx: Context) -> Iterator[Draft]:
    """Le numéro interne de l'identifiant ACTES reste dans le sous-ensemble que tous les tiers de
    télétransmission acceptent : majuscules, chiffres et « _ », 2 à 15 caractères (avertissement).

    Pourquoi : le schéma ACTES tolère davantage, mais S²LOW et Pastell refusent les minuscules (le
    dossier d'exemple a « lmc1526130 »).
    Référence : S²LOW et Pastell, contrôle du numéro interne (motif daté dans data/reference.yaml)."""
    periode = ctx.reference.motif_numero_interne(ctx.dossier.seance.date)
    if periode is None:
        return
    motif = re.compile(periode.valeur)
    for i, affaire in enumerate(ctx.affaires):
        acquittement = affaire.deliberation.acquittement
        if acquittement is None:
            continue
        numero = acquittement.partie("numero_interne")
        if not motif.fullmatch(numero):
            yield Draft(
                f"le numéro interne ACTES « {numero} » sort du sous-ensemble sûr (majuscules, chiffres, « _ », "
                "2 à 15 caractères) : certains tiers de télétransmission le refusent",
                ctx.lieu(
                    ("affaires", i, "deliberation", "acquittement", "identifiant"),
                    affaire=i,
                    kind="délibération",
                    part="accusé de réception",
                    texte=acquittement.identifiant,
                ),
                {"numero_interne": numero, "motif": periode.valeur},
            )


def signataire_convention(ctx: Context) -> Iterator[Draft]:
    """La convention est signée, pour la collectivité, par son président ou par le directeur général
    des services du dossier (avertissement).

    Pourquoi : seul le président, autorisé par la délibération, ou son délégataire peut engager la
    collectivité ; la convention d'exemple prévoit « Christian DERUY, Le Directeur général » alors que
    la direction générale du dossier est Maryline VINCLAIRE.
    Référence : CGCT, articles L3221-3 (délégation de signature du président) et L3211-2."""
    collectivite = ctx.dossier.collectivite
    autorises = (collectivite.president, collectivite.directeur_general.personne)
    for i, affaire in enumerate(ctx.affaires):
        convention = affaire.convention
        if convention is None:
            continue
        signataire = convention.signataire_collectivite
        if not any(meme_personne(signataire.personne, p) for p in autorises):
            yield Draft(
                f"la convention est signée pour la collectivité par {signataire.personne.designation} "
                f"({signataire.qualite}), qui n'est ni le président ({collectivite.president.designation}) ni "
                f"la direction générale du dossier ({collectivite.directeur_general.personne.designation})",
                ctx.lieu(
                    ("affaires", i, "convention", "signataire_collectivite"),
                    affaire=i,
                    kind="convention",
                    part="signatures",
                ),
                {
                    "signataire": signataire.personne.designation,
                    "president": collectivite.president.designation,
                    "directeur_general": collectivite.directeur_general.personne.designation,
                },
            )


def _graphies(ctx: Context) -> Iterator[tuple[int, str, str, int, int, Draft]]:
    """Each occurrence of the beneficiary's name written otherwise than in the dossier (all capitals,
    a typographic choice of titles, excepted): (affaire, written, expected, start, end, draft)."""
    for i, affaire in enumerate(ctx.affaires):
        nom = affaire.beneficiaire.nom
        for texte in ctx.textes(i):
            for debut, fin in occurrences(nom, texte.texte):
                ecrit = texte.texte[debut:fin]
                if ecrit == nom or ecrit.isupper():
                    continue
                yield (
                    i,
                    ecrit,
                    nom,
                    debut,
                    fin,
                    Draft(
                        f"le bénéficiaire est écrit « {ecrit} » ici, « {nom} » dans le dossier",
                        ctx.lieu_texte(i, texte, debut, fin),
                        {"ecrit": ecrit, "nom": nom},
                    ),
                )


def nom_beneficiaire_casse(ctx: Context) -> Iterator[Draft]:
    """Le nom du bénéficiaire est écrit avec les mêmes majuscules dans tous les textes (information :
    « Lianes Coopération » contre « Lianes coopération »).

    Pourquoi : le nom d'une personne morale est celui de ses statuts ; une graphie constante évite de
    faire douter du bénéficiaire.
    Référence : statuts du bénéficiaire (nom déclaré, répertoire SIRENE / RNA)."""
    vus: dict[tuple[int, str], int] = {}
    premiers: dict[tuple[int, str], Draft] = {}
    for i, ecrit, nom, _, _, draft in _graphies(ctx):
        if ecrit.casefold() != nom.casefold() or _forme_en_tete(ctx.affaires[i].beneficiaire, ecrit):
            continue
        cle = (i, ecrit)
        vus[cle] = vus.get(cle, 0) + 1
        premiers.setdefault(cle, draft)
    for cle, draft in premiers.items():  # once per way of writing it, with how many times
        n = vus[cle]
        if n > 1:
            draft = Draft(f"{draft.message} ({n} fois)", draft.location, {**draft.values, "fois": str(n)})
        yield draft


def _forme_en_tete(beneficiaire: Beneficiaire, ecrit: str) -> bool:
    """« la commune de Bapaume » for « Commune de Bapaume »: only the legal form's capital differs."""
    forme = beneficiaire.forme_juridique.value
    nom = beneficiaire.nom
    return (
        nom.casefold().startswith(forme.casefold())
        and ecrit[len(forme) :] == nom[len(forme) :]
        and ecrit[: len(forme)].casefold() == forme.casefold()
    )


def nom_beneficiaire_graphie(ctx: Context) -> Iterator[Draft]:
    """Le nom du bénéficiaire est écrit avec les mêmes accents, espaces et traits d'union dans tous les
    textes (avertissement).

    Pourquoi : une autre graphie peut désigner une autre structure.
    Référence : statuts du bénéficiaire (nom déclaré, répertoire SIRENE / RNA)."""
    for _, ecrit, nom, _, _, draft in _graphies(ctx):
        if ecrit.casefold() != nom.casefold():
            yield draft
