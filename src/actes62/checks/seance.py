"""Rules on the séance: votes against the members present and represented, pouvoirs, quorum,
the count of members, members listed twice, the président and the secrétaire, and whether each
délibération was adopted."""

from __future__ import annotations

from collections.abc import Iterator

from actes62.checks.context import Context, Draft, cle_personne, meme_personne
from actes62.model import Affaire, Personne, Seance

__all__ = [
    "deliberation_adoptee",
    "effectif_depasse",
    "mandant_present",
    "mandataire_absent",
    "membre_liste_deux_fois",
    "membres_non_comptes",
    "pouvoir_double",
    "present_et_excuse",
    "president_et_secretaire_presents",
    "quorum",
    "voix_possibles",
    "votes_superieurs_aux_voix",
]


def _nombre(n: int, nom: str) -> str:
    return f"{n} {nom}{'s' if n > 1 else ''}"


_cle = cle_personne


def _parmi(personne: Personne, personnes: list[Personne]) -> bool:
    return any(meme_personne(personne, p) for p in personnes)


def seance_de(seance: Seance, affaire: Affaire) -> Seance:
    """The séance as it was for this affaire: members who left before it are no longer present,
    members who came in are, and pouvoirs given during the séance count."""
    presence = affaire.deliberation.presence
    if not (presence.sortis or presence.arrives or presence.pouvoirs):
        return seance
    sortis = {_cle(p) for p in presence.sortis}
    presents = [p for p in seance.presents if _cle(p) not in sortis] + list(presence.arrives)
    return seance.model_copy(
        update={"presents": presents, "pouvoirs": [*seance.pouvoirs, *presence.pouvoirs]}
    )


def _presents_et_representes(seance: Seance) -> tuple[int, int]:
    """The members present and the members validly represented, each counted once: a pouvoir
    counts when its mandant is absent and its mandataire present."""
    presents = {_cle(p) for p in seance.presents}
    representes = {
        _cle(pouvoir.mandant)
        for pouvoir in seance.pouvoirs
        if _cle(pouvoir.mandant) not in presents and _cle(pouvoir.mandataire) in presents
    }
    return len(presents), len(representes)


def voix_possibles(seance: Seance, affaire: Affaire) -> tuple[int, int]:
    """Who can vote on this affaire: the members present when it is voted, and the members
    validly represented (V001 holds the vote to their sum; the SCDL export publishes it as
    VOTE_EFFECTIF)."""
    return _presents_et_representes(seance_de(seance, affaire))


def votes_superieurs_aux_voix(ctx: Context) -> Iterator[Draft]:
    """Les voix comptées (pour + contre + abstention + ne prend pas part) ne dépassent pas les
    membres présents plus les membres valablement représentés, chacun compté une fois (un pouvoir
    compte si son mandant est absent et son mandataire présent).

    Pourquoi : chaque membre présent vote pour lui et, au plus, pour le membre qui lui a donné
    pouvoir ; le dossier d'exemple compte 44 voix pour 39 présents et aucun pouvoir enregistré.
    Référence : CGCT, article L3121-16 (un conseiller empêché peut donner pouvoir à un collègue ;
    un conseiller ne peut recevoir qu'un pouvoir)."""
    for i, affaire in enumerate(ctx.affaires):
        presents, representes = voix_possibles(ctx.dossier.seance, affaire)
        voix = presents + representes
        vote = affaire.deliberation.vote
        if vote is not None and vote.votants > voix:
            yield Draft(
                f"{vote.votants} voix comptées (pour {vote.pour}, contre {vote.contre}, abstention "
                f"{vote.abstention}, ne prend pas part {vote.ne_prend_pas_part}) pour "
                f"{_nombre(presents, 'présent')} et {_nombre(representes, 'pouvoir')} valables, "
                f"soit {voix} voix au plus",
                ctx.lieu(
                    ("affaires", i, "deliberation", "vote"), affaire=i, kind="délibération", part="vote"
                ),
                {
                    "votants": str(vote.votants),
                    "presents": str(presents),
                    "pouvoirs": str(representes),
                },
            )


def deliberation_adoptee(ctx: Context) -> Iterator[Draft]:
    """Chaque délibération a été adoptée : plus de voix pour que de voix contre, ou, en cas de
    partage, la voix prépondérante du président pour ; un partage sans voix prépondérante indiquée
    est signalé comme tel.

    Pourquoi : une délibération dit « DÉCIDE » ; rejetée, elle ne décide rien et ne peut être
    transmise comme une décision.
    Référence : CGCT, règle de vote du conseil départemental (article L3121-15, numéro à confirmer : majorité des suffrages exprimés ; en cas de partage, voix
    prépondérante du président)."""
    for i, affaire in enumerate(ctx.affaires):
        vote = affaire.deliberation.vote
        if vote is None or vote.adopte:  # a projet has no vote yet
            continue
        if vote.pour == vote.contre and vote.voix_preponderante is None:
            message = (
                f"partage des voix : la voix prépondérante du président n'est pas indiquée ({vote.pour} pour, "
                f"{vote.contre} contre) ; la délibération n'est pas adoptée"
            )
        elif vote.pour == vote.contre:
            message = (
                f"partage des voix ({vote.pour} pour, {vote.contre} contre) et voix prépondérante du président "
                "contre : la délibération est rejetée"
            )
        else:
            message = f"{vote.pour} voix pour, {vote.contre} contre : la délibération est rejetée"
        yield Draft(
            message,
            ctx.lieu(("affaires", i, "deliberation", "vote"), affaire=i, kind="délibération", part="vote"),
            {
                "pour": str(vote.pour),
                "contre": str(vote.contre),
                "voix_preponderante": vote.voix_preponderante or "",
            },
        )


def pouvoir_double(ctx: Context) -> Iterator[Draft]:
    """Un membre ne reçoit qu'un pouvoir, et n'en donne qu'un.

    Pourquoi : la loi limite à un le nombre de pouvoirs qu'un membre peut détenir.
    Référence : CGCT, article L3121-16 (délégation de vote ; une seule délégation par conseiller)."""
    recus: dict[tuple[str, str], int] = {}
    donnes: dict[tuple[str, str], int] = {}
    for rang, pouvoir in enumerate(ctx.dossier.seance.pouvoirs):
        for role, compte, personne in (
            ("reçoit", recus, pouvoir.mandataire),
            ("donne", donnes, pouvoir.mandant),
        ):
            cle = _cle(personne)
            compte[cle] = compte.get(cle, 0) + 1
            if compte[cle] == 2:
                yield Draft(
                    f"{personne.designation} {role} plus d'un pouvoir",
                    ctx.lieu(("seance", "pouvoirs", rang), kind="séance", part=f"pouvoir {rang + 1}"),
                    {"membre": personne.designation, "role": "mandataire" if role == "reçoit" else "mandant"},
                )


def mandataire_absent(ctx: Context) -> Iterator[Draft]:
    """Le membre qui reçoit un pouvoir est présent à la séance.

    Pourquoi : un pouvoir ne s'exerce que par un membre qui vote en séance.
    Référence : CGCT, article L3121-16."""
    seance = ctx.dossier.seance
    for rang, pouvoir in enumerate(seance.pouvoirs):
        if not _parmi(pouvoir.mandataire, seance.presents):
            yield Draft(
                f"{pouvoir.mandataire.designation} reçoit le pouvoir de {pouvoir.mandant.designation} mais "
                "n'est pas parmi les présents",
                ctx.lieu(
                    ("seance", "pouvoirs", rang, "mandataire"), kind="séance", part=f"pouvoir {rang + 1}"
                ),
                {"mandataire": pouvoir.mandataire.designation},
            )


def mandant_present(ctx: Context) -> Iterator[Draft]:
    """Le membre qui donne un pouvoir n'est pas présent à la séance.

    Pourquoi : un membre présent vote lui-même ; son pouvoir compterait sa voix deux fois.
    Référence : CGCT, article L3121-16 (délégation de vote du conseiller empêché d'assister)."""
    seance = ctx.dossier.seance
    for rang, pouvoir in enumerate(seance.pouvoirs):
        if _parmi(pouvoir.mandant, seance.presents):
            yield Draft(
                f"{pouvoir.mandant.designation} donne pouvoir à {pouvoir.mandataire.designation} mais est "
                "parmi les présents",
                ctx.lieu(("seance", "pouvoirs", rang, "mandant"), kind="séance", part=f"pouvoir {rang + 1}"),
                {"mandant": pouvoir.mandant.designation},
            )


def quorum(ctx: Context) -> Iterator[Draft]:
    """Le quorum est atteint : la majorité absolue des membres en exercice est présente (Conseil
    départemental) ou présente ou représentée (Commission Permanente) ; chaque membre est compté
    une fois, un pouvoir seulement si son mandant est absent et son mandataire présent.

    Pourquoi : sans quorum l'assemblée ne peut pas délibérer (elle se réunit de nouveau trois jours
    plus tard, sans condition de quorum).
    Référence : CGCT, articles L3121-14 et L3121-14-1 (règle datée dans data/reference.yaml)."""
    seance = ctx.dossier.seance
    regle = ctx.reference.quorum(seance.instance, seance.date)
    if regle is None:
        return
    presents, representes = _presents_et_representes(seance)
    comptes = presents + representes if regle.mode == "presents_ou_representes" else presents
    majorite = seance.membres_en_exercice // 2 + 1
    if comptes < majorite:
        qui = "présents ou représentés" if regle.mode == "presents_ou_representes" else "présents"
        yield Draft(
            f"quorum non atteint : {comptes} membres {qui} sur {seance.membres_en_exercice} en exercice, "
            f"{majorite} sont nécessaires ({regle.reference.split(':')[0].strip()})",
            ctx.lieu(("seance", "presents"), kind="séance", part="quorum"),
            {
                "comptes": str(comptes),
                "majorite": str(majorite),
                "membres_en_exercice": str(seance.membres_en_exercice),
            },
        )


def _membres(ctx: Context) -> set[tuple[str, str]]:
    seance = ctx.dossier.seance
    return {_cle(p) for p in [*seance.presents, *seance.excuses, *seance.representes]}


def effectif_depasse(ctx: Context) -> Iterator[Draft]:
    """Les présents, excusés et représentés (comptés une fois chacun) ne sont pas plus nombreux que
    les membres en exercice.

    Pourquoi : plus de membres listés que de sièges montre une liste erronée ou un effectif faux,
    et fausse le quorum.
    Référence : arithmétique de la feuille de présence."""
    seance = ctx.dossier.seance
    nombre = len(_membres(ctx))
    if nombre > seance.membres_en_exercice:
        yield Draft(
            f"{nombre} membres listés (présents, excusés, représentés) pour {seance.membres_en_exercice} "
            "membres en exercice",
            ctx.lieu(("seance", "membres_en_exercice"), kind="séance", part="effectif"),
            {"listes": str(nombre), "membres_en_exercice": str(seance.membres_en_exercice)},
        )


def membres_non_comptes(ctx: Context) -> Iterator[Draft]:
    """Chaque membre en exercice est présent, excusé ou représenté ; sinon la liste des absents est
    incomplète (avertissement).

    Pourquoi : la délibération doit permettre de vérifier le quorum et le décompte des voix.
    Référence : arithmétique de la feuille de présence (présents + excusés + représentés =
    membres en exercice)."""
    seance = ctx.dossier.seance
    nombre = len(_membres(ctx))
    if nombre < seance.membres_en_exercice:
        yield Draft(
            f"{seance.membres_en_exercice - nombre} membre(s) en exercice ne sont ni présents, ni excusés, "
            f"ni représentés ({nombre} listés pour {seance.membres_en_exercice})",
            ctx.lieu(("seance", "membres_en_exercice"), kind="séance", part="effectif"),
            {"listes": str(nombre), "membres_en_exercice": str(seance.membres_en_exercice)},
        )


def present_et_excuse(ctx: Context) -> Iterator[Draft]:
    """Un membre n'est pas à la fois présent et excusé (ou représenté).

    Pourquoi : il serait compté deux fois, pour le quorum comme pour les voix.
    Référence : feuille de présence de la séance."""
    seance = ctx.dossier.seance
    for rang, personne in enumerate(seance.presents):
        if _parmi(personne, seance.excuses):
            yield Draft(
                f"{personne.designation} est à la fois présent et excusé",
                ctx.lieu(("seance", "presents", rang), kind="séance", part="présents"),
                {"membre": personne.designation},
            )


_LISTES = (
    ("presents", "présents"),
    ("excuses", "excusés"),
    ("sans_voix_presents", "présents sans voix délibérative"),
    ("sans_voix_excuses", "excusés sans voix délibérative"),
)


def membre_liste_deux_fois(ctx: Context) -> Iterator[Draft]:
    """Un membre n'est listé qu'une fois parmi les présents, les excusés et les membres sans voix
    délibérative (présent et excusé à la fois : règle V007).

    Pourquoi : un nom répété fausse les comptes de la feuille de présence, du quorum et des voix.
    Référence : feuille de présence de la séance (chaque membre y figure une fois)."""
    seance = ctx.dossier.seance
    vus: dict[tuple[str, str], str] = {}
    for champ, libelle in _LISTES:
        personnes: list[Personne] = getattr(seance, champ)
        for rang, personne in enumerate(personnes):
            cle = _cle(personne)
            premiere = vus.get(cle)
            if premiere is None:
                vus[cle] = champ
                continue
            if {premiere, champ} == {"presents", "excuses"}:
                continue  # V007
            premier_libelle = dict(_LISTES)[premiere]
            yield Draft(
                f"{personne.designation} est listé deux fois ({premier_libelle}, {libelle})",
                ctx.lieu(("seance", champ, rang), kind="séance", part=libelle),
                {"membre": personne.designation, "listes": f"{premier_libelle}, {libelle}"},
            )


def president_et_secretaire_presents(ctx: Context) -> Iterator[Draft]:
    """Le président et le secrétaire de séance sont parmi les présents.

    Pourquoi : ils ne peuvent présider ou tenir le secrétariat sans être présents ; un nom absent de
    la liste trahit une liste incomplète.
    Référence : procès-verbal de la séance (présidence et secrétariat tenus par des membres
    présents)."""
    seance = ctx.dossier.seance
    for role, champ, personne in (
        ("le président", "president", seance.president),
        ("le secrétaire", "secretaire", seance.secretaire),
    ):
        if not _parmi(personne, seance.presents):
            yield Draft(
                f"{role} de séance, {personne.designation}, n'est pas parmi les présents",
                ctx.lieu(("seance", champ), kind="séance", part=role.split()[1]),
                {"membre": personne.designation, "role": champ},
            )


def numero_en_double(ctx: Context) -> Iterator[Draft]:
    """Deux affaires d'une séance ne portent ni le même numéro de délibération, ni le même numéro
    de rapport ; le constat nomme les deux affaires.

    Pourquoi : le numéro identifie l'acte au registre et dans ACTES ; deux actes sous un numéro, ce
    sont deux décisions confondues, et leurs documents se rattachent à la mauvaise affaire.
    Référence : CGCT L3121-23 (registre des délibérations) ; ACTES (numéro interne unique)."""
    for acte, quoi in (("deliberation", "délibération"), ("rapport", "rapport")):
        vus: dict[str, int] = {}
        for i, affaire in enumerate(ctx.dossier.affaires):
            numero = str(getattr(affaire, acte).numero)
            if numero not in vus:
                vus[numero] = i
                continue
            premiere = ctx.dossier.affaires[vus[numero]]
            yield Draft(
                f"le numéro de {quoi} {numero} est celui de l'affaire « {premiere.id} » et de l'affaire "
                f"« {affaire.id} » : chaque acte de la séance a son numéro",
                ctx.lieu(("affaires", i, acte, "numero"), affaire=i),
                {"numero": numero, "affaire": affaire.id, "autre_affaire": premiere.id},
            )


def non_participants_et_abstentionnistes(ctx: Context) -> Iterator[Draft]:
    """Les membres nommés qui ne prennent pas part au vote (ou qui s'abstiennent) sont des membres
    présents ou représentés pour cette affaire, et leur nombre est celui que le vote compte.

    Pourquoi : « M. X ne prend pas part au vote » est la ligne qui purge un conflit d'intérêts ;
    si X n'est pas là ou si le décompte l'ignore, l'acte se contredit.
    Référence : CGCT L3121-14 et L2131-11 (conseiller intéressé à l'affaire)."""
    for i, affaire in enumerate(ctx.affaires):
        seance = seance_de(ctx.dossier.seance, affaire)
        votants = [*seance.presents, *seance.representes]
        deliberation = affaire.deliberation
        vote = deliberation.vote
        if vote is None:
            continue
        listes = (
            (
                "ne_prennent_pas_part",
                deliberation.ne_prennent_pas_part,
                vote.ne_prend_pas_part,
                "ne prend pas part",
            ),
            ("vote.abstentionnistes", vote.abstentionnistes, vote.abstention, "abstention"),
        )
        for champ, personnes, compte, quoi in listes:
            if not personnes:
                continue
            chemin: tuple[int | str, ...] = ("affaires", i, "deliberation", *champ.split("."))
            for personne in personnes:
                if not _parmi(personne, votants):
                    yield Draft(
                        f"{personne} est nommé ({quoi}) mais n'est ni présent ni représenté pour cette affaire",
                        ctx.lieu(chemin, affaire=i, kind="délibération", part="vote"),
                        {"membre": str(personne), "quoi": quoi},
                    )
            if len(personnes) != compte:
                yield Draft(
                    f"{_nombre(len(personnes), 'membre')} {'nommés' if len(personnes) > 1 else 'nommé'} ({quoi}), "
                    f"mais le vote en compte {compte}",
                    ctx.lieu(chemin, affaire=i, kind="délibération", part="vote"),
                    {"nommes": str(len(personnes)), "compte": str(compte), "quoi": quoi},
                )
