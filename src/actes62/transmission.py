"""The transmission package: per affaire, a folder a tiers de télétransmission imports as it is.

`preparer_transmission` refuses a dossier on which `check` finds an error (`TransmissionRefusee`,
with the findings), and one whose ACTES metadata are missing or wrong (`TransmissionImpossible`,
every problem at once). Otherwise it has `render.generer` make the PDF/A of the délibération and
its annexes, and writes into `{sortie}/{affaire.id}/`:

- `99_DE-{identifiant}-1-1_1.pdf`: the act;
- `{typologie}-{identifiant}-1-1_2.pdf`, `_3.pdf`…: the annexes, in the order of the dossier;
- `{identifiant}-1-1_0.xml`: the ACTES message `actes:Acte` (see `actes.Message.xml`);
- `metadonnees.json`: the same metadata, with the titles of the pieces.

Names follow S²LOW's standard names of a transmission. The folders are made in a workshop of
`sortie` and moved into place under its lock and journal (`actes62.sortie`): all of them or none.
An affaire's folder that already exists is refused, never replaced.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from actes62 import actes
from actes62 import sortie as sortie_
from actes62.errors import Actes62Error, GenerationError
from actes62.fichiers import ecrire_atomique
from actes62.model import (
    AnnexeBudget,
    AnnexeConvention,
    AnnexeDocument,
    DocumentKind,
    Dossier,
)
from actes62.pieces import verifier_fichier

if TYPE_CHECKING:
    from actes62.checks.findings import Finding

__all__ = ["TransmissionImpossible", "TransmissionRefusee", "preparer_transmission"]

METADONNEES = "metadonnees.json"


class TransmissionRefusee(Actes62Error):
    """`check` finds errors on the dossier: no act leaves with them. `findings` are all the
    findings of the check (errors and the others)."""

    def __init__(self, findings: Sequence[Finding], erreurs: int) -> None:
        self.findings = list(findings)
        self.erreurs = erreurs
        super().__init__(
            f"transmission refusée : la vérification du dossier relève {erreurs} "
            f"erreur{'s' if erreurs > 1 else ''} ; corrigez le dossier (ou écartez la règle avec "
            "son motif dans « regles: ignorer ») puis relancez"
        )


class TransmissionImpossible(Actes62Error):
    """The ACTES metadata or annex files of the dossier are missing or wrong: `erreurs`, one line
    each, « fichier:ligne: [champ] message »."""

    def __init__(self, source: Path | None, erreurs: list[tuple[actes.Champ, str]]) -> None:
        from actes62.load import chemin_lisible, localisateur

        ligne_de = localisateur(source) if source is not None else (lambda _: None)
        lignes = []
        for champ, message in erreurs:
            ligne = None
            for n in range(len(champ), 0, -1):  # a field not written: the line of its parent
                ligne = ligne_de(champ[:n])
                if ligne is not None and ligne != ligne_de(()):
                    break
                ligne = None
            ou = f"{source}:{ligne}" if source is not None and ligne is not None else str(source or "dossier")
            lignes.append(f"{ou}: [{chemin_lisible(champ)}] {message}")
        self.erreurs = lignes
        super().__init__(
            "transmission impossible : les données ACTES ou les pièces du dossier sont incomplètes "
            "ou fausses\n" + "\n".join(lignes)
        )


def _fichier_annexe(annexe: AnnexeDocument, racine: Path) -> Path | str:
    """The PDF of an annex written elsewhere, or why it cannot be joined (French)."""
    if not annexe.fichier:
        return (
            f"l'annexe « {annexe.titre} » n'a pas de fichier : la préfecture recevrait l'acte sans "
            "elle ; donnez le PDF de la pièce (« fichier: », chemin relatif au dossier)"
        )
    chemin, probleme = verifier_fichier(racine.resolve(), annexe.fichier)
    return chemin if probleme is None else probleme


def _verifier(
    dossier: Dossier, racine: Path
) -> tuple[dict[str, actes.Message], dict[str, list[Path]], list[tuple[actes.Champ, str]]]:
    """Each affaire's message and the annex files the dossier gives, or every problem found."""
    erreurs = actes.erreurs_transmission(dossier)
    fichiers: dict[str, list[Path]] = {}
    for i, affaire in enumerate(dossier.affaires):
        if affaire.deliberation.etat == "projet":  # only a voted act goes to the préfecture
            erreurs.append(
                (
                    ("affaires", i, "deliberation", "etat"),
                    f"la délibération n°{affaire.deliberation.numero} est en projet : seul un acte voté "
                    "est transmis à la préfecture (renseignez son vote et « etat: adopte »)",
                )
            )
        fichiers[affaire.id] = []
        for rang, annexe in enumerate(affaire.annexes):
            if isinstance(annexe, AnnexeDocument):
                trouve = _fichier_annexe(annexe, racine)
                if isinstance(trouve, str):
                    erreurs.append((("affaires", i, "annexes", rang, "fichier"), trouve))
                else:
                    fichiers[affaire.id].append(trouve)
    if erreurs:
        return {}, fichiers, erreurs
    messages = {
        affaire.id: actes.message_de(dossier, affaire, [(a.typologie, a.titre) for a in affaire.annexes])
        for affaire in dossier.affaires
    }
    return messages, fichiers, []


def preparer_transmission(
    dossier: Dossier,
    sortie: Path,
    *,
    source: Path | None = None,
    racine: Path | None = None,
    templates: Path | None = None,
    progression: bool = False,
) -> list[Path]:
    """Write the transmission folder of every affaire into `sortie`; returns the folders.

    `source`: the dossier file (for the findings' places); `racine`: where the annexes' files are
    looked for (default: the dossier file's folder, else the working directory)."""
    from actes62.checks import has_errors
    from actes62.checks.findings import Severity
    from actes62.checks.rules import check_et_ecartes

    # the annexes' files (R006) are checked below, with the ACTES data, all reported at once (exit 2)
    findings, _, _ = check_et_ecartes(dossier, [], source=source, ignore=["R006"])
    if has_errors(findings):
        raise TransmissionRefusee(findings, sum(1 for f in findings if f.severity is Severity.ERROR))
    racine = (
        Path(racine) if racine is not None else (Path(source).parent if source is not None else Path.cwd())
    )
    messages, fichiers, erreurs = _verifier(dossier, racine)
    if erreurs:
        raise TransmissionImpossible(source, erreurs)
    sortie = Path(sortie)
    try:
        sortie.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise GenerationError(f"{sortie} est un fichier : un dossier de sortie est attendu") from None
    noms = [affaire.id for affaire in dossier.affaires]
    with sortie_.verrou(sortie):
        sortie_.reprendre(sortie)
        sortie_.nettoyer(sortie)
        for nom in noms:
            if (sortie / nom).exists() or (sortie / nom).is_symlink():
                raise GenerationError(
                    f"{sortie / nom} existe déjà : un dossier de transmission n'est jamais remplacé ; "
                    "supprimez-le ou choisissez un autre dossier de sortie"
                )
        atelier = sortie_.atelier(sortie)
        try:
            _produire(dossier, atelier, messages, fichiers, racine, templates, progression)
            return sortie_.basculer(sortie, atelier, noms)
        except OSError as exc:
            raise GenerationError(f"{sortie} : écriture impossible ({exc.strerror or exc})") from None
        finally:
            shutil.rmtree(atelier, ignore_errors=True)


def _produire(
    dossier: Dossier,
    atelier: Path,
    messages: dict[str, actes.Message],
    fichiers: dict[str, list[Path]],
    racine: Path,
    templates: Path | None,
    progression: bool,
) -> None:
    """Make every affaire's folder in the workshop."""
    from actes62.render import generer, nom_fichier

    documents = atelier / ".documents"
    generer(
        dossier,
        documents,
        kinds=["deliberation", "convention", "annexe_budget"],
        templates=templates,
        pdf=True,
        racine=racine,
        progression=progression,
    )
    for affaire in dossier.affaires:
        message = messages[affaire.id]
        dossier_affaire = atelier / affaire.id
        dossier_affaire.mkdir()
        donnes = iter(fichiers[affaire.id])
        pieces = [documents / nom_fichier(affaire, DocumentKind.DELIBERATION, extension="pdf")]
        for numero, annexe in enumerate(affaire.annexes, start=1):
            if isinstance(annexe, AnnexeConvention):
                pieces.append(documents / nom_fichier(affaire, DocumentKind.CONVENTION, extension="pdf"))
            elif isinstance(annexe, AnnexeBudget):
                pieces.append(documents / nom_fichier(affaire, DocumentKind.BUDGET, numero, extension="pdf"))
            else:
                pieces.append(next(donnes))
        noms = [message.document, *(nom for nom, _, _ in message.annexes)]
        for piece, nom in zip(pieces, noms, strict=True):
            shutil.copyfile(piece, dossier_affaire / nom)
        xml = message.xml()
        problemes = actes.valider_message(xml)
        if problemes:  # the model and the checks above should make this impossible
            raise GenerationError(
                f"affaire « {affaire.id} » : le message ACTES produit n'est pas valide : {'; '.join(problemes)}"
            )
        ecrire_atomique(dossier_affaire / message.identifiant.nom_fichier(0, "xml"), xml)
        contenu = json.dumps(message.json(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        ecrire_atomique(dossier_affaire / METADONNEES, contenu.encode("utf-8"))
