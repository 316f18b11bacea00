"""The audit: documents checked against each other and against their own logic, with no dossier.

`releve` has read the documents into facts (`actes62.faits`) and grouped them by affaire; the
rules of the `A` series compare the facts of one affaire (the same fact stated differently in two documents, or twice in one) and check each
document's own logic (tables that add up, amounts in words, votes, dates). Each finding names both
sides: its location and the `related` locations.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import holidays
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from actes62.checks.context import Draft
from actes62.checks.findings import Location
from actes62.checks.reference import reference
from actes62.checks.releve import AffaireLue, Releve, nom_plie, paires, racine
from actes62.faits.modele import (
    ActeCite,
    DocumentFaits,
    Fait,
    Periode,
    Personne,
    Role,
    Sorte,
    Tableau,
    texte_valeur,
)
from actes62.identify import DocumentKind, pliage

__all__ = ["AUDIT_RULES"]


# --- helpers ------------------------------------------------------------------------------------------


def _autres(faits: Sequence[tuple[DocumentFaits, Fait]]) -> tuple[Location, ...]:
    vus: set[tuple[str, str | None]] = set()
    lieux = []
    for _, fait in faits:
        cle = (fait.lieu.file, fait.lieu.part)
        if cle not in vus:
            vus.add(cle)
            lieux.append(fait.lieu)
    return tuple(lieux[:4])


def _desaccords(
    faits: Sequence[tuple[DocumentFaits, Fait]],
    valeur: Callable[[Fait], object],
    message: Callable[[object, object], str],
) -> Iterator[Draft]:
    """One finding per value that is not the most stated one (ties: the first document's value),
    at its first place, with the places of the reference value as `related`."""
    par_valeur: dict[object, list[tuple[DocumentFaits, Fait]]] = defaultdict(list)
    for document, fait in faits:
        par_valeur[valeur(fait)].append((document, fait))
    if len(par_valeur) < 2:
        return
    ordre = {v: i for i, v in enumerate(par_valeur)}
    reference = max(
        par_valeur, key=lambda v: (len({d.chemin for d, _ in par_valeur[v]}), len(par_valeur[v]), -ordre[v])
    )
    for autre, ou in par_valeur.items():
        if autre == reference:
            continue
        _, fait = ou[0]
        valeurs = {"attendu": texte_valeur(reference), "trouve": texte_valeur(autre)}
        if isinstance(reference, Periode) and isinstance(autre, Periode):  # each bound on its own
            valeurs |= {
                "debut_attendu": reference.debut.isoformat(),
                "fin_attendue": reference.fin.isoformat(),
                "debut_trouve": autre.debut.isoformat(),
                "fin_trouvee": autre.fin.isoformat(),
            }
        yield Draft(
            message(reference, autre), fait.lieu, valeurs, _autres(par_valeur[reference]) + _autres(ou[1:])
        )


def _fr(valeur: object) -> str:
    if isinstance(valeur, Decimal):
        from actes62.formats import euros

        return euros(valeur, centimes=valeur != valeur.to_integral_value())
    if isinstance(valeur, date):
        from actes62.formats import date_longue

        return date_longue(valeur)
    return str(valeur)


def _message(modele: str) -> Callable[[object, object], str]:
    """A message « … {ici} … {ailleurs} … » filled with the two values in French forms."""

    def message(reference: object, autre: object) -> str:
        return modele.format(ici=_fr(autre), ailleurs=_fr(reference))

    return message


# --- rules: one affaire's documents against each other ------------------------------------------------


def montant_divergent(releve: Releve) -> Iterator[Draft]:
    """Un même montant, au même rôle (subvention attribuée, coût total, CP, disponible,
    proposition, solde d'une imputation), est écrit de la même façon dans tous les documents de
    l'affaire. Les montants de rôles différents (les CP ne sont pas la subvention) ne sont pas
    comparés entre eux.

    Pourquoi : le montant voté, le montant conventionné et le montant imputé doivent être le même.
    Référence : CGCT L3211-2 ; cohérence délibération / rapport / convention."""
    for affaire in releve.affaires:
        for role in (Role.SUBVENTION,):
            yield from _desaccords(
                _subventions(affaire),
                lambda f: f.valeur,
                _message(f"{role.value} : {{ici}} ici, {{ailleurs}} ailleurs dans l'affaire"),
            )
        yield from _couts_divergents(affaire)
        for role in (Role.CP, Role.DISPONIBLE, Role.PROPOSITION, Role.SOLDE):
            par_document: dict[Path, list[Fait]] = defaultdict(list)
            for document, fait in affaire.faits(Sorte.MONTANT, role):
                par_document[document.chemin].append(fait)
            if len(par_document) < 2:
                continue
            listes = {
                chemin: tuple(sorted(texte_valeur(f.valeur) for f in faits))
                for chemin, faits in par_document.items()
            }
            if len(set(listes.values())) < 2:
                continue
            seules = [
                (d, faits[0])
                for d in affaire.documents
                for c, faits in par_document.items()
                if d.chemin == c and len(faits) == 1
            ]
            if len(seules) == len(par_document):
                yield from _desaccords(
                    seules,
                    lambda f: f.valeur,
                    _message(f"{role.value} : {{ici}} ici, {{ailleurs}} ailleurs"),
                )


def _subventions(affaire: AffaireLue) -> list[tuple[DocumentFaits, Fait]]:
    """The subsidy as the affaire states it; a plan de financement's line counts when its financeur
    is the collectivité that decides (a Département line in a Région's dossier is another aid)."""
    qui = _collectivite(affaire)
    return [
        (d, f)
        for d, f in affaire.faits(Sorte.MONTANT, Role.SUBVENTION)
        if f.cle is None or not f.cle.startswith("financeur:") or f.cle == f"financeur:{qui}"
    ]


def _collectivite(affaire: AffaireLue) -> str:
    """« region » when the acts are a Région's (its délibération or rapport says so), else
    « departement »."""
    for document in affaire.documents:
        if document.genre in (DocumentKind.DELIBERATION, DocumentKind.RAPPORT) and document.indices.get(
            "collectivite"
        ):
            return document.indices["collectivite"]
    return "departement"


def _cout_total(affaire: AffaireLue) -> Decimal | None:
    """The total cost the affaire states most — a table total equal to it counts as stating it."""
    couts = Counter(Decimal(str(f.valeur)) for _, f in affaire.faits(Sorte.MONTANT, Role.COUT_TOTAL))
    if not couts:
        return None
    totaux = {Decimal(str(f.valeur)) for _, f in affaire.faits(Sorte.MONTANT, Role.TOTAL)}
    return max(couts, key=lambda c: (couts[c] + (c in totaux), c in totaux))


def _couts_divergents(affaire: AffaireLue) -> Iterator[Draft]:
    """The total cost (HT or TTC, each its own) stated differently in two documents; a table whose
    total is one of the values stands by it."""
    totaux = affaire.faits(Sorte.MONTANT, Role.TOTAL)
    for qualificatif in ("ht", "ttc", None):
        faits = [(d, f) for d, f in affaire.faits(Sorte.MONTANT, Role.COUT_TOTAL) if f.cle == qualificatif]
        if len({f.valeur for _, f in faits}) < 2 or len({d.chemin for d, _ in faits}) < 2:
            continue
        appuis = [(d, f) for d, f in totaux if f.valeur in {g.valeur for _, g in faits}]
        yield from _desaccords(
            [*faits, *appuis],
            lambda f: f.valeur,
            _message(
                f"coût total{' ' + qualificatif.upper() if qualificatif else ''} : {{ici}} ici, {{ailleurs}} ailleurs"
            ),
        )


def _propre(affaire: AffaireLue, acte: ActeCite, seance: date | None) -> bool:
    """The cited act is this délibération: its number, or (no number) its title and a date near
    the séance."""
    numeros = {str(f.valeur) for _, f in affaire.faits(Sorte.NUMERO, Role.DELIBERATION)}
    if acte.numero:
        return acte.numero in numeros
    if acte.instance not in (None, "commission permanente") or seance is None or acte.date is None:
        return False
    titres = [str(f.valeur) for _, f in affaire.faits(Sorte.TITRE)]
    return abs((acte.date - seance).days) <= 60 and any(_semblables(acte.titre or "", t) for t in titres)


def _autorise_la_signature(fait: Fait, acte: ActeCite, seance: date | None) -> bool:
    """The délibération that authorises the collectivité's signatory for this convention: this
    séance's, dated near it (a slip of a few days or weeks) — not the standing délégation of
    attributions of 2021, nor a conseil municipal's or an association's."""
    if fait.role is not Role.AUTORISATION or acte.instance not in (
        None,
        "commission permanente",
        "conseil départemental",
    ):
        return False
    return seance is None or acte.date is None or abs((acte.date - seance).days) <= 120


def numero_divergent(releve: Releve) -> Iterator[Draft]:
    """La délibération est citée sous son numéro : une convention qui vise la délibération qui
    l'autorise (ou un acte de la séance, même date et même instance) donne le même numéro.

    Pourquoi : un numéro faux renvoie à un autre acte. Référence : registre des délibérations
    (CGCT L3121-23) ; ACTES."""
    for affaire in releve.affaires:
        numeros = [(d, f) for d, f in affaire.faits(Sorte.NUMERO, Role.DELIBERATION)]
        if not numeros:
            continue
        propre = {str(f.valeur) for _, f in numeros}
        seance = affaire.date_seance()
        for _, fait in affaire.faits(Sorte.ACTE_CITE):
            acte = fait.valeur
            if not isinstance(acte, ActeCite) or not acte.numero or acte.numero in propre:
                continue
            de_la_seance = (
                acte.date is not None
                and acte.date == seance
                and acte.instance in (None, "commission permanente")
            )
            if _autorise_la_signature(fait, acte, seance) or de_la_seance:
                _, reference = numeros[0]
                yield Draft(
                    f"la délibération est citée sous le n°{acte.numero}, elle porte le n°{reference.valeur}",
                    fait.lieu,
                    {"numero": str(reference.valeur), "cite": acte.numero},
                    (reference.lieu,),
                )


def plafond_depasse(releve: Releve) -> Iterator[Draft]:
    """La subvention ne dépasse pas le plafond que le document cite (« dans la limite de 15 % du
    coût éligible, soit 61 875 € »).

    Pourquoi : le règlement du dispositif fixe ce plafond. Référence : règlement d'attribution ;
    CGCT L1611-4."""
    for affaire in releve.affaires:
        votes = Counter(Decimal(str(f.valeur)) for _, f in affaire.faits(Sorte.MONTANT, Role.SUBVENTION))
        voulue = votes.most_common(1)[0][0] if votes else None  # the subsidy the affaire states most
        subventions = [
            f
            for _, f in affaire.faits(Sorte.MONTANT, Role.SUBVENTION)
            if isinstance(f.valeur, Decimal) and f.valeur == voulue
        ]
        couts = [Decimal(str(f.valeur)) for _, f in affaire.faits(Sorte.MONTANT, Role.COUT_TOTAL)]
        plafonds = [f for _, f in affaire.faits(Sorte.MONTANT, Role.CITE) if f.cle == "plafond"]
        for _, taux in affaire.faits(Sorte.POURCENTAGE, Role.CITE):
            if taux.cle == "plafond" and len(set(couts)) == 1:
                montant = _arrondi(couts[0] * Decimal(str(taux.valeur)) / 100)
                plafonds.append(Fait(Sorte.MONTANT, Role.CITE, montant, taux.lieu, taux.ecrit, "plafond"))
        for fait in plafonds:
            if not isinstance(fait.valeur, Decimal):
                continue
            depasse = [f for f in subventions if isinstance(f.valeur, Decimal) and f.valeur > fait.valeur]
            if depasse:
                subvention = max(depasse, key=lambda f: Decimal(str(f.valeur)))
                yield Draft(
                    f"subvention de {_fr(subvention.valeur)} au-delà du plafond cité ({_fr(fait.valeur)})",
                    fait.lieu,
                    {"subvention": texte_valeur(subvention.valeur), "plafond": texte_valeur(fait.valeur)},
                    (subvention.lieu,),
                )


def echeancier_hors_100(releve: Releve) -> Iterator[Draft]:
    """The parts of an instalment table given in % (30 %, 40 %, 30 %) make 100 % (part of A103)."""
    for affaire in releve.affaires:
        par_table: dict[tuple[Path, str | None], list[Fait]] = defaultdict(list)
        for document, fait in affaire.faits(Sorte.POURCENTAGE, Role.VERSEMENT):
            par_table[(document.chemin, fait.cle)].append(fait)
        for faits in par_table.values():
            valeurs = [Decimal(str(f.valeur)) for f in faits]
            somme = sum(valeurs, Decimal(0))
            if max(valeurs) * 2 == somme:  # the last row is the total
                somme = max(valeurs)
            if len(faits) >= 2 and abs(somme - 100) > Decimal("0.01"):
                yield Draft(
                    f"échéancier de versement : les parts font {somme} %, pas 100 %",
                    faits[-1].lieu,
                    {"somme": f"{somme:.2f}", "attendu": "100"},
                    tuple(f.lieu for f in faits[:-1]),
                )


def echeancier_different_de_la_subvention(releve: Releve) -> Iterator[Draft]:
    """Les versements d'un échéancier (avance, acomptes, solde) font le montant de la subvention.

    Pourquoi : sinon le bénéficiaire reçoit plus ou moins que ce qui est voté. Référence :
    convention, article des modalités de versement. Un échéancier dont le solde n'est pas chiffré
    (« le solde sur présentation du bilan ») est vérifié seulement s'il dépasse la subvention."""
    for affaire in releve.affaires:
        subventions = Counter(
            Decimal(str(f.valeur)) for _, f in affaire.faits(Sorte.MONTANT, Role.SUBVENTION)
        )
        if not subventions:
            continue
        subvention = subventions.most_common(1)[0][0]
        for document in affaire.documents:
            versements = [
                f for f in document.de(Sorte.MONTANT, Role.VERSEMENT) if Decimal(str(f.valeur)) != subvention
            ]
            for faits in [versements] if versements else []:  # one schedule per document
                somme = sum((Decimal(str(f.valeur)) for f in faits), Decimal(0))
                complet = any(f.cle == "solde" for f in faits)  # a schedule that ends with its solde
                if len(faits) >= 2 and (somme > subvention or (complet and somme != subvention)):
                    yield Draft(
                        f"échéancier : les versements font {_fr(somme)}, la subvention est de {_fr(subvention)}",
                        faits[0].lieu,
                        {"versements": texte_valeur(somme), "subvention": texte_valeur(subvention)},
                    )


def part_du_cout_fausse(releve: Releve) -> Iterator[Draft]:
    """« 12 500 €, soit 50 % du coût total estimé à 25 000 € » : le pourcentage écrit est le
    montant rapporté à sa base (au centième près, ou à l'unité s'il est écrit sans décimale).

    Pourquoi : le taux d'intervention est ce qui est comparé aux plafonds du dispositif.
    Référence : arithmétique ; règlement d'attribution."""
    for affaire in releve.affaires:
        cout = _cout_total(affaire)
        for _, fait in affaire.faits(Sorte.POURCENTAGE, Role.COUT_TOTAL):
            if fait.cle is None or not isinstance(fait.valeur, Decimal):
                continue
            montant, _, base = fait.cle.partition("/")
            if base == "cout":  # the base is the total cost stated elsewhere in the affaire
                if cout is None:
                    continue
                base = str(cout)
            calcule = _arrondi(Decimal(montant) * 100 / Decimal(base))
            if abs(calcule - fait.valeur) > _tolerance(fait.valeur):
                yield Draft(
                    f"part du coût : {fait.valeur} % écrit, {_fr(Decimal(montant))} sur {_fr(Decimal(base))} font {calcule} %",
                    fait.lieu,
                    {"ecrit": f"{fait.valeur}", "calcule": f"{calcule}", "montant": montant, "base": base},
                )


def date_seance_divergente(releve: Releve) -> Iterator[Draft]:
    """La date de la séance (et de la délibération) est la même partout : en-têtes « réunion du »,
    identifiant ACTES, annexes « à la délibération … du », et la délibération qui autorise la
    signature dans la convention (« dûment autorisé par délibération … en date du »).

    Pourquoi : une convention qui date autrement la délibération qui l'autorise renvoie à un acte
    qui n'existe pas. Référence : CGCT L3131-1 ; date de l'acte transmis (ACTES)."""
    for affaire in releve.affaires:
        seance = affaire.date_seance()
        faits = [(d, f) for d, f in affaire.faits(Sorte.DATE, Role.SEANCE)]
        for document, fait in affaire.faits(Sorte.ACTE_CITE):
            acte = fait.valeur
            if (
                isinstance(acte, ActeCite)
                and acte.date
                and (_autorise_la_signature(fait, acte, seance) or _propre(affaire, acte, seance))
            ):
                faits.append((document, Fait(Sorte.DATE, Role.SEANCE, acte.date, fait.lieu, fait.ecrit)))
        for document, fait in affaire.faits(Sorte.IDENTIFIANT_ACTES):
            jour = _date_actes(str(fait.valeur))
            if jour is not None:
                faits.append((document, Fait(Sorte.DATE, Role.SEANCE, jour, fait.lieu, fait.ecrit)))
        yield from _desaccords(
            faits,
            lambda f: f.valeur,
            lambda a, b: f"date de la séance : {_fr(b)} ici, {_fr(a)} ailleurs dans l'affaire",
        )


_MOTS_VIDES = set(
    [
        "le",
        "la",
        "les",
        "de",
        "des",
        "du",
        "d",
        "l",
        "un",
        "une",
        "et",
        "en",
        "au",
        "aux",
        "a",
        "dans",
        "pour",
        "par",
        "sur",
        "avec",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
    ]
)


def _mots(texte: str) -> set[str]:
    return {m for m in re.findall(r"[a-z0-9]+", pliage(texte)) if m not in _MOTS_VIDES and len(m) > 2}


def _semblables(a: str, b: str, seuil: float = 0.6) -> bool:
    ma, mb = _mots(a), _mots(b)
    if not ma or not mb:
        return False
    return len(ma & mb) / min(len(ma), len(mb)) >= seuil


def _proches(a: date, b: date) -> bool:
    """Two dates one typing slip apart: the same day and month a year off, or a few days apart."""
    return (a.day == b.day and a.month == b.month and abs(a.year - b.year) == 1) or abs((a - b).days) <= 3


def acte_cite_date_divergente(releve: Releve) -> Iterator[Draft]:
    """Un acte cité (même numéro, ou même instance et même titre) a la même date partout.

    Pourquoi : deux dates pour un acte, c'est un visa faux dans l'un des documents.
    Référence : légalité externe des visas ; cohérence des documents transmis."""
    for affaire in releve.affaires:
        seance = affaire.date_seance()
        actes = [
            (d, f, f.valeur)
            for d, f in affaire.faits(Sorte.ACTE_CITE, Role.VISA)
            if isinstance(f.valeur, ActeCite) and f.valeur.date and not _propre(affaire, f.valeur, seance)
        ]
        parent = list(range(len(actes)))
        for i, (_, fa, a) in enumerate(actes):
            for j in range(i + 1, len(actes)):
                _, fb, b = actes[j]
                if _meme_acte(fa, a, fb, b):
                    parent[racine(parent, j)] = racine(parent, i)
        grappes: dict[int, list[tuple[DocumentFaits, Fait]]] = defaultdict(list)
        for i, (document, fait, _) in enumerate(actes):
            grappes[racine(parent, i)].append((document, fait))
        for grappe in grappes.values():
            yield from _desaccords(
                grappe,
                lambda f: f.valeur.date if isinstance(f.valeur, ActeCite) else None,
                lambda a, b: f"acte cité sous deux dates : {_fr(b)} ici, {_fr(a)} ailleurs",
            )


def acte_cite_titre_divergent(releve: Releve) -> Iterator[Draft]:
    """Un acte cité sous son numéro porte le même titre partout (à la casse, à la ponctuation et aux
    mots vides près ; un titre abrégé qui garde l'essentiel des mots n'est pas signalé).

    Pourquoi : deux titres pour un numéro, c'est un visa qui renvoie peut-être à un autre acte.
    Référence : légalité externe des visas."""
    for affaire in releve.affaires:
        par_numero: dict[str, list[Fait]] = defaultdict(list)
        for _, fait in affaire.faits(Sorte.ACTE_CITE):
            acte = fait.valeur
            if isinstance(acte, ActeCite) and acte.numero and acte.titre:
                par_numero[acte.numero].append(fait)
        for numero, faits in par_numero.items():
            premier = faits[0]
            titre = premier.valeur.titre if isinstance(premier.valeur, ActeCite) else None
            for autre in faits[1:]:
                titre_autre = autre.valeur.titre if isinstance(autre.valeur, ActeCite) else None
                if titre and titre_autre and not _semblables(titre, titre_autre, 0.5):
                    yield Draft(
                        f"la délibération n°{numero} est citée sous deux titres : « {titre_autre} » ici, « {titre} » ailleurs",
                        autre.lieu,
                        {"numero": numero, "titre": titre_autre, "autre_titre": titre},
                        (premier.lieu,),
                    )
                    break


def _meme_acte(fa: Fait, a: ActeCite, fb: Fait, b: ActeCite) -> bool:
    """Two citations of one act: the same number; else (no number on one side) the same instance
    and a like title, or words in common, and dates one typing slip apart."""
    if a.date is None or b.date is None:
        return False
    if a.numero and b.numero:
        return a.numero == b.numero
    if a.instance and b.instance and a.instance != b.instance:
        return False
    if a.date == b.date:
        return bool(a.titre and b.titre and _semblables(a.titre, b.titre, 0.7))
    if not _proches(a.date, b.date):
        return False
    if a.titre and b.titre:
        return _semblables(a.titre, b.titre, 0.7)
    contexte_a = a.titre or fa.lieu.text or ""
    contexte_b = b.titre or fb.lieu.text or ""
    return len(_mots(contexte_a) & _mots(contexte_b) - {"deliberation"}) >= 2


def beneficiaire_divergent(releve: Releve) -> Iterator[Draft]:
    """Le bénéficiaire porte le même nom dans tous les documents (à la casse, aux accents, aux
    guillemets et à la forme juridique près).

    Pourquoi : la subvention est due à une personne morale précise. Référence : CGCT L1611-4."""
    for affaire in releve.affaires:
        noms = sorted({nom_plie(str(f.valeur)) for _, f in affaire.faits(Sorte.BENEFICIAIRE)}, key=len)
        canon = {
            n: next((m for m in noms if m == n or (len(m) >= 5 and n.startswith(m + " "))), n) for n in noms
        }
        ecrits = {
            canon[nom_plie(str(f.valeur))]: str(f.valeur)
            for _, f in reversed(affaire.faits(Sorte.BENEFICIAIRE))
        }
        yield from _desaccords(
            affaire.faits(Sorte.BENEFICIAIRE),
            lambda f, canon=canon: canon[nom_plie(str(f.valeur))],  # type: ignore[misc]
            lambda a, b, ecrits=ecrits: (
                f"nom du bénéficiaire : « {ecrits.get(str(b), b)} » ici, « {ecrits.get(str(a), a)} » ailleurs"
            ),  # type: ignore[misc]
        )


def siret_divergent(releve: Releve) -> Iterator[Draft]:
    """Le SIRET d'une partie (collectivité ou bénéficiaire) est le même dans tous les documents.

    Pourquoi : le SIRET identifie le bénéficiaire du paiement. Référence : décret 2017-779 (données
    essentielles des conventions)."""
    for affaire in releve.affaires:
        par_siren: dict[str, list[tuple[DocumentFaits, Fait]]] = defaultdict(list)
        for document, fait in affaire.faits(Sorte.SIRET):
            par_siren[str(fait.valeur)[:9]].append((document, fait))
        signales = set()
        for faits in par_siren.values():  # the same SIREN, another establishment: a typing slip
            if len({str(f.valeur) for _, f in faits}) > 1:
                signales |= {str(f.valeur) for _, f in faits}
                yield from _desaccords(
                    faits, lambda f: f.valeur, lambda a, b: f"SIRET : {b} ici, {a} ailleurs"
                )
        for role in (Role.COLLECTIVITE, Role.BENEFICIAIRE):
            faits = [(d, f) for d, f in affaire.faits(Sorte.SIRET, role) if str(f.valeur) not in signales]
            valeurs = {str(f.valeur) for _, f in faits}
            if len(valeurs) < 2:
                continue
            proches = all(
                sum(x != y for x, y in zip(a, b, strict=True)) <= 4 for a in valeurs for b in valeurs
            )
            if proches:
                yield from _desaccords(
                    faits, lambda f: f.valeur, lambda a, b: f"SIRET : {b} ici, {a} ailleurs"
                )


def annexe_numero_divergent(releve: Releve) -> Iterator[Draft]:
    """Une pièce (convention, budget, bilan) porte le même numéro d'annexe partout où il est cité.

    Pourquoi : « projet joint en annexe 3 » doit désigner la convention, pas une autre pièce.
    Référence : cohérence des pièces jointes transmises (ACTES)."""
    for affaire in releve.affaires:
        par_piece: dict[str, list[tuple[DocumentFaits, Fait]]] = defaultdict(list)
        for document, fait in affaire.faits(Sorte.ANNEXE):
            piece, _, _ = str(fait.valeur).partition(":")
            par_piece[piece].append((document, fait))
        for piece, faits in par_piece.items():
            yield from _desaccords(
                faits,
                lambda f: int(str(f.valeur).partition(":")[2]),
                _message(f"la pièce « {piece} » est l'annexe {{ici}} ici, l'annexe {{ailleurs}} ailleurs"),
            )


def echeance_divergente(releve: Releve) -> Iterator[Draft]:
    """Une échéance (date limite du bilan) est la même partout où elle est écrite.

    Pourquoi : le bénéficiaire ne peut pas respecter deux dates limites. Référence : convention."""
    for affaire in releve.affaires:
        yield from _desaccords(
            affaire.faits(Sorte.DATE, Role.ECHEANCE),
            lambda f: f.valeur,
            lambda a, b: f"échéance : {_fr(b)} ici, {_fr(a)} ailleurs",
        )


def periode_divergente(releve: Releve) -> Iterator[Draft]:
    """La période de réalisation est la même partout où elle est écrite.

    Pourquoi : elle borne les dépenses éligibles. Référence : convention, article délai de réalisation."""
    for affaire in releve.affaires:
        yield from _desaccords(
            affaire.faits(Sorte.PERIODE),
            lambda f: f.valeur,
            lambda a, b: f"période de réalisation : {texte_valeur(b)} ici, {texte_valeur(a)} ailleurs",
        )


def _qualite(personne: Personne) -> str | None:
    q = pliage(personne.qualite or "")
    if re.search(r"directeur|directrice|\bdgs\b", q):
        return "directeur général des services"
    if re.search(r"president", q) and "vice" not in q:
        return "président"
    return None


def _meme_personne(a: str, b: str) -> bool:
    ma, mb = _mots(a), _mots(b)
    return bool(ma & mb) and (ma <= mb or mb <= ma or len(ma & mb) >= 2)


def signataire_divergent(releve: Releve) -> Iterator[Draft]:
    """Le signataire d'une partie est son représentant nommé (ou la personne autorisée), et une
    même fonction (président, directeur général des services) a le même titulaire dans tous les
    documents.

    Pourquoi : signée par une personne sans pouvoir, la convention est irrégulière.
    Référence : CGCT L3221-1 et L3221-3 (délégations de signature)."""
    for affaire in releve.affaires:
        for signe, represente in (
            (Role.SIGNATAIRE_COLLECTIVITE, Role.REPRESENTANT_COLLECTIVITE),
            (Role.SIGNATAIRE_BENEFICIAIRE, Role.REPRESENTANT_BENEFICIAIRE),
        ):
            representants = [f for _, f in affaire.faits(Sorte.PERSONNE, represente)]
            for _, fait in affaire.faits(Sorte.PERSONNE, signe):
                personne = fait.valeur
                if not isinstance(personne, Personne) or not representants:
                    continue
                if "delegation" in pliage(fait.lieu.text or ""):
                    continue
                if not any(
                    isinstance(r.valeur, Personne) and _meme_personne(r.valeur.nom, personne.nom)
                    for r in representants
                ):
                    autre = representants[0]
                    yield Draft(
                        f"signataire : {personne.nom} signe, alors que la partie est représentée par "
                        f"{texte_valeur(autre.valeur)}",
                        fait.lieu,
                        {"signataire": personne.nom, "representant": texte_valeur(autre.valeur)},
                        (autre.lieu,),
                    )
        titulaires: dict[str, list[tuple[DocumentFaits, Fait]]] = defaultdict(list)
        for document, fait in affaire.faits(
            Sorte.PERSONNE, Role.SIGNATAIRE, Role.SIGNATAIRE_COLLECTIVITE, Role.REPRESENTANT_COLLECTIVITE
        ):
            if (
                isinstance(fait.valeur, Personne)
                and (q := _qualite(fait.valeur)) == "directeur général des services"
            ):
                titulaires[q].append((document, fait))
        for qualite, faits in titulaires.items():
            noms: list[tuple[DocumentFaits, Fait]] = []
            for document, fait in faits:
                if not any(
                    _meme_personne(texte_valeur(fait.valeur), texte_valeur(f.valeur)) for _, f in noms
                ):
                    noms.append((document, fait))
            if len(noms) > 1 and len({d.chemin for d, _ in noms}) > 1:
                (_, premier), (_, second) = noms[0], noms[1]
                yield Draft(
                    f"{qualite} : {texte_valeur(second.valeur)} ici, {texte_valeur(premier.valeur)} ailleurs",
                    second.lieu,
                    {"nom": texte_valeur(second.valeur), "autre_nom": texte_valeur(premier.valeur)},
                    (premier.lieu,),
                )


def vote_divergent(releve: Releve) -> Iterator[Draft]:
    """Le décompte des voix (pour, contre, abstention) est le même partout où il est écrit.

    Pourquoi : le vote est ce qui fait l'acte. Référence : CGCT L3121-14 et L3121-15."""
    for affaire in releve.affaires:
        for role in (Role.POUR, Role.CONTRE, Role.ABSTENTION):
            yield from _desaccords(
                affaire.faits(Sorte.VOTE, role),
                lambda f: f.valeur,
                _message(f"voix {role.value} : {{ici}} ici, {{ailleurs}} ailleurs"),
            )


def identifiant_actes_divergent(releve: Releve) -> Iterator[Draft]:
    """L'identifiant ACTES de l'acte est le même partout où il est écrit.

    Pourquoi : il désigne l'acte reçu en préfecture. Référence : ACTES, accusé de réception."""
    for affaire in releve.affaires:
        yield from _desaccords(
            affaire.faits(Sorte.IDENTIFIANT_ACTES),
            lambda f: str(f.valeur).upper(),
            lambda a, b: f"identifiant ACTES : {b} ici, {a} ailleurs",
        )


def pdf_different_du_docx(releve: Releve) -> Iterator[Draft]:
    """Le PDF d'un acte écrit les mêmes montants et les mêmes dates que son DOCX : le PDF du même
    nom dans le même dossier (« convention.pdf » et « convention.docx »), ou l'acte du même genre et
    du même numéro dans un PDF de transmission (sa « Délibération n°2025-344 » et la délibération
    en DOCX).

    Pourquoi : le PDF est ce qui est transmis et publié ; un PDF qui n'a pas été refait après une
    correction du DOCX transmet l'ancienne version, et l'accord des autres documents avec le DOCX
    ne le voit pas. Référence : CGCT L3131-1 (l'acte exécutoire est l'acte transmis) ; ACTES."""
    for affaire in releve.affaires:
        documents = affaire.documents
        for i, j in paires(documents).items():
            yield from _pdf_et_docx(documents[i], documents[j])


def _pdf_et_docx(pdf: DocumentFaits, docx: DocumentFaits) -> Iterator[Draft]:
    """The amounts and dates one of the two writes and the other does not; an amount the PDF's
    text glued to a neighbouring cell (« 311 650 000,00 » for « 311 » and « 650 000,00 ») is not
    one."""
    du_pdf = {f.valeur: f for f in pdf.ecrits}
    du_docx = {f.valeur: f for f in docx.ecrits}
    seuls_pdf = [f for v, f in du_pdf.items() if v not in du_docx]
    seuls_docx = [f for v, f in du_docx.items() if v not in du_pdf]
    colles = [f for f in seuls_pdf if any(_colle(f.valeur, v) for v in du_docx)]
    seuls_pdf = [f for f in seuls_pdf if f not in colles]
    seuls_docx = [f for f in seuls_docx if not any(_colle(g.valeur, f.valeur) for g in colles)]
    if not seuls_pdf and not seuls_docx:
        return
    ici = ", ".join(_fr(f.valeur) for f in seuls_pdf[:4]) + (" …" if len(seuls_pdf) > 4 else "")
    la = ", ".join(_fr(f.valeur) for f in seuls_docx[:4]) + (" …" if len(seuls_docx) > 4 else "")
    if seuls_pdf and seuls_docx:
        ecart = f"{ici} dans le PDF, {la} dans le DOCX"
    elif seuls_pdf:
        ecart = f"{ici} dans le PDF, pas dans le DOCX"
    else:
        ecart = f"{la} dans le DOCX, pas dans le PDF"
    lieu = (
        seuls_pdf[0].lieu
        if seuls_pdf
        else Location(file=str(pdf.chemin), part=pdf.partie, kind=pdf.genre.value if pdf.genre else None)
    )
    yield Draft(
        f"le PDF ne reprend pas son DOCX ({docx.chemin.name}) : {ecart} ; "
        "le PDF est ce qui est transmis : refaites-le depuis le DOCX juste",
        lieu,
        {
            "pdf": " ; ".join(f.valeur_texte() for f in seuls_pdf),
            "docx": " ; ".join(f.valeur_texte() for f in seuls_docx),
        },
        tuple(f.lieu for f in seuls_docx[:4]) or (Location(file=str(docx.chemin), kind=lieu.kind),),
    )


def _colle(lu: object, partie: object) -> bool:
    """`lu` is `partie` with whole groups of digits before or after it (« 311 650 000,00 » and
    « 650 000,00 »; « 112 400 120 000 » and « 112 400 »): two cells of a table row run together."""
    if not isinstance(lu, Decimal) or not isinstance(partie, Decimal) or lu == partie:
        return False
    tout, morceau = f"{lu:,}", f"{partie:,}"
    return tout.endswith("," + morceau) or tout.startswith(morceau + ",")


# --- rules: a document's own logic --------------------------------------------------------------------


def _tableaux(releve: Releve) -> Iterator[tuple[DocumentFaits, Fait, Tableau]]:
    for affaire in releve.affaires:
        for document, fait in affaire.faits(Sorte.TABLEAU):
            if isinstance(fait.valeur, Tableau):
                yield document, fait, fait.valeur


def total_tableau_faux(releve: Releve) -> Iterator[Draft]:
    """Les lignes d'un tableau de montants (budget, plan de financement) font son total.

    Pourquoi : un total faux rend faux le montant qu'il justifie. Référence : arithmétique."""
    for _, _, tableau in _tableaux(releve):
        if tableau.total is None:
            continue
        lignes = [ligne.montant for ligne in tableau.lignes if not ligne.sous_total]
        sous_totaux = [ligne.montant for ligne in tableau.lignes if ligne.sous_total]
        somme = sum(lignes, Decimal(0))
        if somme == tableau.total.montant or (
            sous_totaux and sum(sous_totaux, Decimal(0)) == tableau.total.montant
        ):
            continue
        yield Draft(
            f"total du tableau : {_fr(tableau.total.montant)} écrit, les lignes font {_fr(somme)}",
            tableau.total.lieu,
            {"total": texte_valeur(tableau.total.montant), "somme": texte_valeur(somme)},
            tuple(ligne.lieu for ligne in tableau.lignes[:3]),
        )


def _arrondi(valeur: Decimal) -> Decimal:
    return valeur.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _tolerance(ecrit: Decimal) -> Decimal:
    exposant = ecrit.as_tuple().exponent
    decimales = -exposant if isinstance(exposant, int) and exposant < 0 else 0
    return Decimal("0.5") * Decimal(10) ** -decimales + Decimal("0.005")


def pourcentage_faux(releve: Releve) -> Iterator[Draft]:
    """Le pourcentage d'une ligne est son montant rapporté au total (arrondi au centième).

    Pourquoi : la part de chaque poste est ce que lit le décideur. Référence : arithmétique,
    arrondi au plus proche."""
    for _, _, tableau in _tableaux(releve):
        base = (
            tableau.total.montant if tableau.total else sum((lg.montant for lg in tableau.lignes), Decimal(0))
        )
        if not base:
            continue
        for ligne in tableau.lignes:
            if ligne.pourcentage is None or ligne.sous_total:
                continue
            calcule = _arrondi(ligne.montant * 100 / base)
            if abs(calcule - ligne.pourcentage) > _tolerance(ligne.pourcentage):
                yield Draft(
                    f"pourcentage : {ligne.pourcentage} % écrit pour {_fr(ligne.montant)}, soit {calcule} % du total",
                    ligne.lieu_pourcentage or ligne.lieu,
                    {"ecrit": f"{ligne.pourcentage}", "calcule": f"{calcule}"},
                    (tableau.total.lieu,) if tableau.total else (),
                )


def somme_pourcentages(releve: Releve) -> Iterator[Draft]:
    """Les pourcentages des lignes d'un tableau font 100 % (à l'arrondi près), et la ligne de total
    dit la somme des lignes.

    Pourquoi : sinon une part est fausse ou manque. Référence : arithmétique."""
    for _, _, tableau in _tableaux(releve):
        cents = [lg.pourcentage for lg in tableau.lignes if lg.pourcentage is not None and not lg.sous_total]
        if len(cents) < 2 or len(cents) != len([lg for lg in tableau.lignes if not lg.sous_total]):
            continue
        somme = sum(cents, Decimal(0))
        tolerance = Decimal("0.005") * len(cents) + Decimal("0.01")
        total_ecrit = tableau.total.pourcentage if tableau.total else None
        base = tableau.total.montant if tableau.total else None
        lignes_justes = base is not None and all(
            abs(_arrondi(lg.montant * 100 / base) - lg.pourcentage) <= _tolerance(lg.pourcentage)
            for lg in tableau.lignes
            if lg.pourcentage is not None and base
        )
        if total_ecrit is not None and abs(total_ecrit - Decimal(100)) > Decimal("0.01"):
            lieu = (
                tableau.total.lieu_pourcentage or tableau.total.lieu
                if tableau.total
                else tableau.lignes[0].lieu
            )
            yield Draft(
                f"somme des pourcentages : {total_ecrit} % écrit au total, 100 % attendu",
                lieu,
                {"ecrit": f"{total_ecrit}", "somme": f"{somme}"},
            )
        elif abs(somme - Decimal(100)) > tolerance and (lignes_justes or base is None):
            lieu = tableau.total.lieu if tableau.total else tableau.lignes[-1].lieu
            yield Draft(
                f"somme des pourcentages : les lignes font {somme} %, pas 100 %",
                lieu,
                {"somme": f"{somme}", "attendu": "100"},
            )


def somme_pourcentages_et_echeancier(releve: Releve) -> Iterator[Draft]:
    """Les pourcentages des lignes d'un tableau font 100 % (à l'arrondi près), la ligne de total
    dit la somme des lignes, et les parts d'un échéancier de versement font 100 %.

    Pourquoi : sinon une part est fausse ou manque. Référence : arithmétique."""
    yield from somme_pourcentages(releve)
    yield from echeancier_hors_100(releve)


def solde_faux(releve: Releve) -> Iterator[Draft]:
    """Le solde d'une imputation est le disponible moins la proposition.

    Pourquoi : un solde faux cache un dépassement de crédits. Référence : instruction M57."""
    for affaire in releve.affaires:
        par_ligne: dict[tuple[Path, str], dict[Role, Fait]] = defaultdict(dict)
        for document, fait in affaire.faits(
            Sorte.MONTANT, Role.DISPONIBLE, Role.PROPOSITION, Role.SOLDE, Role.CP
        ):
            if fait.cle is not None:
                par_ligne[(document.chemin, fait.cle)].setdefault(fait.role, fait)
        for roles in par_ligne.values():
            disponible = roles.get(Role.DISPONIBLE)
            proposition = roles.get(Role.PROPOSITION)
            solde = roles.get(Role.SOLDE)
            if disponible and proposition and solde:
                attendu = Decimal(str(disponible.valeur)) - Decimal(str(proposition.valeur))
                if attendu != solde.valeur:
                    yield Draft(
                        f"solde : {_fr(solde.valeur)} écrit, disponible − proposition = {_fr(attendu)}",
                        solde.lieu,
                        {"solde": texte_valeur(solde.valeur), "calcule": texte_valeur(attendu)},
                        (disponible.lieu, proposition.lieu),
                    )


def montant_superieur_aux_credits(releve: Releve) -> Iterator[Draft]:
    """La proposition d'une imputation ne dépasse ni le disponible ni les CP.

    Pourquoi : on ne vote pas une dépense sans crédits. Référence : CGCT L1612-1 et suivants."""
    for affaire in releve.affaires:
        par_ligne: dict[tuple[Path, str], dict[Role, Fait]] = defaultdict(dict)
        for document, fait in affaire.faits(Sorte.MONTANT, Role.DISPONIBLE, Role.PROPOSITION, Role.CP):
            if fait.cle is not None:
                par_ligne[(document.chemin, fait.cle)].setdefault(fait.role, fait)
        for roles in par_ligne.values():
            proposition = roles.get(Role.PROPOSITION)
            plafond = roles.get(Role.DISPONIBLE) or roles.get(Role.CP)
            if proposition and plafond and Decimal(str(proposition.valeur)) > Decimal(str(plafond.valeur)):
                yield Draft(
                    f"la proposition ({_fr(proposition.valeur)}) dépasse le {plafond.role.value} ({_fr(plafond.valeur)})",
                    proposition.lieu,
                    {
                        "proposition": texte_valeur(proposition.valeur),
                        "plafond": texte_valeur(plafond.valeur),
                    },
                    (plafond.lieu,),
                )


def en_lettres_different(releve: Releve) -> Iterator[Draft]:
    """Un montant écrit en lettres est celui écrit en chiffres à côté.

    Pourquoi : en cas de désaccord, la somme en lettres prévaut (usage) — le document est ambigu.
    Référence : code civil, article 1376."""
    for affaire in releve.affaires:
        for _, fait in affaire.faits(Sorte.EN_LETTRES):
            if isinstance(fait.valeur, tuple):
                lettres, chiffres = fait.valeur
                if lettres != chiffres:
                    yield Draft(
                        f"montant en lettres ({_fr(lettres)}) différent des chiffres ({_fr(chiffres)})",
                        fait.lieu,
                        {"chiffres": texte_valeur(chiffres), "lettres": texte_valeur(lettres)},
                    )


def voix_superieures_aux_votants(releve: Releve) -> Iterator[Draft]:
    """Les voix (pour, contre, abstention) ne dépassent pas les présents et représentés.

    Pourquoi : chaque voix est celle d'un membre présent ou d'un pouvoir. Référence : CGCT
    L3121-14 et L3121-16."""
    for affaire in releve.affaires:
        for document in affaire.documents:
            voix = [f for f in document.de(Sorte.VOTE, Role.POUR, Role.CONTRE, Role.ABSTENTION)]
            presents = next(document.de(Sorte.PRESENCE, Role.PRESENTS), None)
            if not voix or presents is None:
                continue
            pouvoirs = sum(int(str(f.valeur)) for f in document.de(Sorte.PRESENCE, Role.POUVOIRS))
            par_role: dict[Role, int] = {}
            for f in voix:
                par_role.setdefault(f.role, int(str(f.valeur)))
            total = sum(par_role.values())
            votants = int(str(presents.valeur)) + pouvoirs
            if total > votants:
                yield Draft(
                    f"{total} voix exprimées pour {presents.valeur} présents et {pouvoirs} pouvoir(s)",
                    voix[0].lieu,
                    {"voix": str(total), "votants": str(votants)},
                    (presents.lieu,),
                )


def avis_apres_seance(releve: Releve) -> Iterator[Draft]:
    """L'avis de la commission est rendu avant la séance.

    Pourquoi : la commission éclaire le vote ; après, elle ne l'éclaire plus. Référence :
    règlement intérieur de l'assemblée."""
    for affaire in releve.affaires:
        seance = affaire.date_seance()
        if seance is None:
            continue
        for _, fait in affaire.faits(Sorte.DATE, Role.AVIS):
            if isinstance(fait.valeur, date) and fait.valeur > seance:
                yield Draft(
                    f"avis rendu le {_fr(fait.valeur)}, après la séance du {_fr(seance)}",
                    fait.lieu,
                    {"avis": fait.valeur.isoformat(), "seance": seance.isoformat()},
                )


def periode_inversee(releve: Releve) -> Iterator[Draft]:
    """Une période finit après avoir commencé.

    Pourquoi : une période inversée ne contient aucune dépense éligible. Référence : arithmétique."""
    for affaire in releve.affaires:
        for _, fait in affaire.faits(Sorte.PERIODE):
            if isinstance(fait.valeur, Periode) and fait.valeur.fin < fait.valeur.debut:
                yield Draft(
                    f"période inversée : du {_fr(fait.valeur.debut)} au {_fr(fait.valeur.fin)}",
                    fait.lieu,
                    {"debut": fait.valeur.debut.isoformat(), "fin": fait.valeur.fin.isoformat()},
                )


def echeance_avant_fin_periode(releve: Releve) -> Iterator[Draft]:
    """La date limite du bilan tombe après la fin de la période de réalisation.

    Pourquoi : on ne peut pas rendre compte d'actions pas encore finies. Référence : convention."""
    for affaire in releve.affaires:
        periodes = [f for _, f in affaire.faits(Sorte.PERIODE) if isinstance(f.valeur, Periode)]
        if not periodes:
            continue
        fin = max(p.valeur.fin for p in periodes if isinstance(p.valeur, Periode))
        vus: set[date] = set()
        for _, fait in affaire.faits(Sorte.DATE, Role.ECHEANCE):
            if isinstance(fait.valeur, date) and fait.valeur < fin and fait.valeur not in vus:
                vus.add(fait.valeur)
                yield Draft(
                    f"échéance du {_fr(fait.valeur)} avant la fin de la période ({_fr(fin)})",
                    fait.lieu,
                    {"echeance": fait.valeur.isoformat(), "fin": fin.isoformat()},
                    (periodes[0].lieu,),
                )


def date_impossible(releve: Releve) -> Iterator[Draft]:
    """Une date écrite existe (pas de 31 juin, de 29 février 2025, de jour de semaine faux).

    Pourquoi : une date impossible est une faute de frappe sur une date qui compte. Référence :
    calendrier."""
    for affaire in releve.affaires:
        for _, fait in affaire.faits(Sorte.DATE_IMPOSSIBLE):
            yield Draft(f"date impossible « {fait.ecrit} » : {fait.valeur}", fait.lieu, {"date": fait.ecrit})


def jour_non_ouvre(releve: Releve) -> Iterator[Draft]:
    """La séance et les actes cités ne tombent ni un samedi, ni un dimanche, ni un jour férié.

    Pourquoi : une assemblée siège rarement ces jours-là ; c'est le plus souvent une date mal
    recopiée. Référence : calendrier ; jours fériés (code du travail L3133-1)."""
    donnees = reference()  # the same dated reference data as the checks of a dossier
    feries = holidays.country_holidays(donnees.pays_feries, subdiv=donnees.subdivision_feries)
    for affaire in releve.affaires:
        par_date: dict[date, list[tuple[DocumentFaits, Fait]]] = defaultdict(list)
        for document, fait in affaire.faits(Sorte.DATE, Role.SEANCE):
            if isinstance(fait.valeur, date):
                par_date[fait.valeur].append((document, fait))
        for document, fait in affaire.faits(Sorte.ACTE_CITE):
            if isinstance(fait.valeur, ActeCite) and fait.valeur.date:
                par_date[fait.valeur.date].append((document, fait))
        for jour, faits in par_date.items():
            if jour.weekday() >= 5 or jour in feries:
                quoi = feries.get(jour) or ("un samedi" if jour.weekday() == 5 else "un dimanche")
                _, fait = faits[0]
                yield Draft(
                    f"le {_fr(jour)} est {quoi} : une séance ou un acte ce jour-là ?",
                    fait.lieu,
                    {"date": jour.isoformat()},
                    _autres(faits[1:]),
                )


def siret_invalide(releve: Releve) -> Iterator[Draft]:
    """Un SIRET écrit a une clé de contrôle juste (Luhn).

    Pourquoi : un SIRET faux ne désigne personne. Référence : INSEE, répertoire SIRENE."""
    for affaire in releve.affaires:
        vus: set[str] = set()
        for _, fait in affaire.faits(Sorte.SIRET):
            numero = str(fait.valeur)
            if numero not in vus and not stdnum_siret.is_valid(numero):
                vus.add(numero)
                yield Draft(
                    f"SIRET {numero} invalide : la clé de contrôle ne correspond pas",
                    fait.lieu,
                    {"siret": numero},
                )


_ACTES = re.compile(
    r"^(?P<dep>\d{3}|\d{2}[AB])-(?P<siren>\d{9})-(?P<date>\d{8})-(?P<numero>[^-]+)-(?P<nature>[A-Z]{2})$"
)
_NUMERO_INTERNE = re.compile(r"^[A-Z0-9][A-Z0-9_]{0,13}[A-Z0-9]$|^[A-Z0-9]$")


def _date_actes(identifiant: str) -> date | None:
    m = _ACTES.match(identifiant)
    if m is None:
        return None
    try:
        return date(int(m["date"][:4]), int(m["date"][4:6]), int(m["date"][6:]))
    except ValueError:
        return None


def identifiant_actes_invalide(releve: Releve) -> Iterator[Draft]:
    """Un identifiant ACTES est bien formé : SIREN valide, date réelle, nature connue, numéro
    interne en majuscules, chiffres et « _ » (15 caractères au plus), comme l'acceptent les tiers
    de télétransmission.

    Pourquoi : un identifiant mal formé est refusé ou mal classé. Référence : ACTES, S²LOW
    (NumeroInterne ^[A-Z0-9_]{1,15}$)."""
    for affaire in releve.affaires:
        vus: set[str] = set()
        for _, fait in affaire.faits(Sorte.IDENTIFIANT_ACTES):
            identifiant = str(fait.valeur)
            if identifiant in vus:
                continue
            vus.add(identifiant)
            m = _ACTES.match(identifiant)
            if m is None:
                continue
            if not stdnum_siren.is_valid(m["siren"]):
                yield Draft(
                    f"identifiant ACTES {identifiant} : SIREN {m['siren']} invalide",
                    fait.lieu,
                    {"identifiant": identifiant, "siren": m["siren"]},
                )
            if _date_actes(identifiant) is None:
                yield Draft(
                    f"identifiant ACTES {identifiant} : date {m['date']} impossible",
                    fait.lieu,
                    {"identifiant": identifiant, "date": m["date"]},
                )
            if not _NUMERO_INTERNE.match(m["numero"]):
                yield Draft(
                    f"identifiant ACTES {identifiant} : numéro interne « {m['numero']} » hors de [A-Z0-9_] "
                    "(majuscules attendues par les tiers de télétransmission)",
                    fait.lieu,
                    {"identifiant": identifiant, "numero": m["numero"]},
                )


def document_non_lu(releve: Releve) -> Iterator[Draft]:
    """Un document sans texte lisible (PDF scanné sans couche texte, page vide) est signalé comme
    non vérifié, jamais compté comme juste.

    Pourquoi : un audit muet sur un document illisible passerait pour un audit réussi.
    Référence : robustesse de l'audit."""
    for document in releve.non_lus:
        yield Draft(
            f"document non vérifié : {document.raison or 'illisible'}",
            Location(file=str(document.chemin), part=document.partie),
            {"raison": document.raison or ""},
        )


def document_non_rattache(releve: Releve) -> Iterator[Draft]:
    """Un document qu'aucun indice (numéro, SIRET, nom du bénéficiaire, montant) ne rattache à une
    affaire n'est comparé à aucun autre.

    Pourquoi : il faut le savoir pour le vérifier à la main. Référence : robustesse de l'audit."""
    for document in releve.non_rattaches:
        yield Draft(
            "document rattaché à aucune affaire : il n'a été comparé à aucun autre",
            Location(
                file=str(document.chemin),
                part=document.partie,
                kind=document.genre.value if document.genre else None,
            ),
        )


AUDIT_RULES: tuple[tuple[str, str, str, Callable[[Releve], Iterable[Draft]]], ...] = (
    ("A001", "montant-divergent", "error", montant_divergent),
    ("A002", "date-seance-divergente", "error", date_seance_divergente),
    ("A003", "acte-cite-date-divergente", "error", acte_cite_date_divergente),
    ("A004", "acte-cite-titre-divergent", "warning", acte_cite_titre_divergent),
    ("A005", "siret-divergent", "error", siret_divergent),
    ("A006", "beneficiaire-divergent", "error", beneficiaire_divergent),
    ("A007", "annexe-numero-divergent", "error", annexe_numero_divergent),
    ("A008", "echeance-divergente", "error", echeance_divergente),
    ("A009", "periode-divergente", "error", periode_divergente),
    ("A010", "signataire-divergent", "warning", signataire_divergent),
    ("A011", "numero-divergent", "error", numero_divergent),
    ("A012", "vote-divergent", "error", vote_divergent),
    ("A013", "identifiant-actes-divergent", "error", identifiant_actes_divergent),
    ("A014", "pdf-different-du-docx", "error", pdf_different_du_docx),
    ("A101", "total-tableau-faux", "error", total_tableau_faux),
    ("A102", "pourcentage-de-ligne-faux", "error", pourcentage_faux),
    ("A103", "somme-pourcentages", "error", somme_pourcentages_et_echeancier),
    ("A104", "solde-faux", "error", solde_faux),
    ("A105", "en-lettres-different", "error", en_lettres_different),
    ("A106", "voix-au-dela-des-votants", "error", voix_superieures_aux_votants),
    ("A107", "avis-apres-la-seance", "error", avis_apres_seance),
    ("A108", "periode-inversee", "error", periode_inversee),
    ("A109", "echeance-avant-fin-periode", "error", echeance_avant_fin_periode),
    ("A110", "date-inexistante", "error", date_impossible),
    ("A111", "acte-un-jour-non-ouvre", "warning", jour_non_ouvre),
    ("A112", "siret-cle-fausse", "error", siret_invalide),
    ("A113", "identifiant-actes-invalide", "warning", identifiant_actes_invalide),
    ("A114", "montant-superieur-aux-credits", "error", montant_superieur_aux_credits),
    ("A115", "subvention-au-dela-du-plafond", "error", plafond_depasse),
    ("A116", "echeancier-different-de-la-subvention", "error", echeancier_different_de_la_subvention),
    ("A117", "part-du-cout-fausse", "error", part_du_cout_fausse),
    ("A201", "document-non-lu", "error", document_non_lu),
    ("A202", "document-hors-affaire", "warning", document_non_rattache),
)
"""The audit's rules (`rules.RULES` holds them with the others)."""
