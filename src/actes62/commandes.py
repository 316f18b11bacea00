"""What each command of `actes62` does: one function a command (`commande_check`,
`commande_generate`…), taking the parsed arguments and the output stream and returning the exit
code, and what they print (`resume`). `actes62.cli` builds the parser and runs them.

Exit codes (as ruff's): 0 no error found, 1 findings of severity error, 2 bad input or internal
failure.
"""

from __future__ import annotations

import argparse
import sys
import time
import zipfile
from pathlib import Path
from typing import TextIO

from lxml import etree

from actes62 import formats
from actes62.errors import Actes62Error
from actes62.load import load
from actes62.model import Dossier

__all__ = [
    "EXIT_ERREUR",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "commande_audit",
    "commande_check",
    "commande_exemple",
    "commande_export",
    "commande_generate",
    "commande_import",
    "commande_import_tableur",
    "commande_modele",
    "commande_new",
    "commande_publication",
    "commande_rules",
    "commande_schema",
    "commande_transmission",
    "resume",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERREUR = 2


def _pluriel(n: int, singulier: str, pluriel: str | None = None) -> str:
    return f"{n} {singulier if n <= 1 else (pluriel or singulier + 's')}"


def _secondes(duree: float) -> str:
    return f"{duree:.1f}".replace(".", ",") + " s"


def resume(dossier: Dossier) -> str:
    """A short French summary of a valid dossier."""
    seance = dossier.seance
    lignes = [
        f"{seance.instance.libelle} du {formats.date_longue(seance.date, jour=True)} ({seance.lieu})"
        f" — {dossier.collectivite.nom}",
        f"{_pluriel(len(seance.presents), 'présent')}, {_pluriel(len(seance.excuses), 'excusé')}, "
        f"{_pluriel(len(seance.pouvoirs), 'pouvoir')} ; {seance.membres_en_exercice} membres en exercice",
        _pluriel(len(dossier.affaires), "affaire") + " :",
    ]
    for affaire in dossier.affaires:
        lignes.append(
            f"  {affaire.id} — délibération n°{affaire.deliberation.numero}, "
            f"rapport n°{affaire.rapport.numero} : {formats.euros(affaire.montant)} à {affaire.beneficiaire.nom}"
        )
        for imputation in affaire.imputations:
            lignes.append(
                f"    {imputation.code_operation} {imputation.imputation} : "
                f"CP {formats.euros(imputation.credits_paiement, centimes=True)}, "
                f"disponible {formats.euros(imputation.disponible, centimes=True)}, "
                f"proposition {formats.euros(imputation.proposition, centimes=True)}, "
                f"solde {formats.euros(imputation.solde, centimes=True)}"
            )
        for numero, annexe in enumerate(affaire.annexes, start=1):
            detail = annexe.titre
            if annexe.type == "budget":
                pourcentages = " ; ".join(formats.pourcentage(p) for p in annexe.pourcentages)
                detail += (
                    f" : {_pluriel(len(annexe.lignes), 'ligne')}, total "
                    f"{formats.euros(annexe.total, centimes=True)} ({pourcentages})"
                )
            lignes.append(f"    annexe {numero} ({annexe.type}) : {detail}")
    return "\n".join(lignes)


def commande_check(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.checks import findings_to_json, findings_to_text, has_errors
    from actes62.checks.rules import check_et_ecartes
    from actes62.read import documents_in

    if _est_document(arguments.dossier):  # documents with no dossier: compare them with each other
        arguments.fichiers = [arguments.dossier, *arguments.fichiers]
        arguments.faits = False
        print("Pas de dossier YAML : les documents sont comparés entre eux (actes62 audit).", file=sys.stderr)
        return commande_audit(arguments, sortie)
    debut = time.perf_counter()
    dossier = load(arguments.dossier)
    documents = documents_in([Path(p) for p in arguments.fichiers])
    findings, ecartes, selection = check_et_ecartes(
        dossier,
        documents,
        source=Path(arguments.dossier),
        progression=True,
        select=arguments.select,
        ignore=arguments.ignore or (),
        templates=Path(arguments.templates) if arguments.templates else None,
    )
    duree = time.perf_counter() - debut
    if arguments.format == "json":
        sortie.write(findings_to_json(findings) + "\n")
    else:
        print(f"{arguments.dossier} : dossier lu", file=sortie)
        print(resume(dossier), file=sortie)
        print(file=sortie)
        texte = findings_to_text(findings, documents=documents)
        if texte:
            print(texte, file=sortie)
        if ecartes:
            print(selection.resume(ecartes), file=sortie)
        print(f"Vérification faite en {_secondes(duree)}.", file=sortie)
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def commande_audit(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.checks import findings_to_json, findings_to_text, has_errors
    from actes62.checks.rules import audit, releve, selection_de

    debut = time.perf_counter()
    selection = selection_de(
        None, getattr(arguments, "select", None), getattr(arguments, "ignore", None) or ()
    )
    chemins = [Path(p) for p in arguments.fichiers]
    lu = releve(chemins, progression=True)
    if arguments.faits:
        from actes62.faits.affichage import faits_to_json, faits_to_text

        sortie.write((faits_to_json(lu) if arguments.format == "json" else faits_to_text(lu)) + "\n")
        return EXIT_OK
    findings, ecartes = selection.partager(audit(lu))
    if arguments.format == "json":
        sortie.write(findings_to_json(findings) + "\n")
    else:
        documents = [*(d for a in lu.affaires for d in a.documents), *lu.non_lus]
        for affaire in lu.affaires:
            noms = ", ".join(f"{d.nom} ({d.genre.value if d.genre else 'pièce'})" for d in affaire.documents)
            print(f"{affaire.nom} : {noms}", file=sortie)
        print(file=sortie)
        texte = findings_to_text(findings, documents=list(dict.fromkeys(d.chemin for d in documents)))
        print(texte, file=sortie)
        if ecartes:
            print(selection.resume(ecartes), file=sortie)
        print(f"Audit fait en {_secondes(time.perf_counter() - debut)}.", file=sortie)
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def _est_document(chemin: str) -> bool:
    return Path(chemin).is_dir() or Path(chemin).suffix.lower() in (".docx", ".pdf")


def commande_generate(arguments: argparse.Namespace, sortie: TextIO) -> int:
    """`generate`; a SIGTERM or SIGINT stops it cleanly (workers, LibreOffice and temporary files
    gone) with the exit code 128 + the signal's number."""
    from actes62.garde import Interruption, interruptions

    try:
        with interruptions():
            return _generer(arguments, sortie)
    except Interruption as arret:
        print(
            f"actes62 : génération interrompue ({arret}) : les processus lancés sont arrêtés et les "
            f"fichiers temporaires supprimés ; {arguments.sortie} garde l'ancien jeu de documents ou le "
            "nouveau au complet, jamais un mélange des deux.",
            file=sys.stderr,
        )
        return arret.code


def _generer(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.load import localisateur
    from actes62.render import generate
    from actes62.textes import TexteInvalide

    debut = time.perf_counter()
    dossier = load(arguments.dossier)
    templates = Path(arguments.templates) if arguments.templates else None
    try:
        fichiers = generate(
            dossier,
            Path(arguments.sortie),
            force=arguments.force,
            pdf=arguments.pdf,
            templates=templates,
            racine=Path(arguments.dossier).parent,
            progression=True,
            source=Path(arguments.dossier),
        )
    except TexteInvalide as exc:  # a text of the dossier: at its line
        ligne = localisateur(arguments.dossier)(exc.champ)
        raise Actes62Error(f"{arguments.dossier}:{ligne}: {exc}" if ligne else str(exc)) from None
    for fichier in fichiers:
        print(fichier, file=sortie)
    if arguments.pdf:
        _notes_transmission(dossier, Path(arguments.dossier).parent, sortie)
    ecrits = "écrit" if len(fichiers) <= 1 else "écrits"
    print(
        f"{_pluriel(len(fichiers), 'fichier')} {ecrits} dans {arguments.sortie} "
        f"({_pluriel(len(dossier.affaires), 'affaire')}) en {_secondes(time.perf_counter() - debut)}.",
        file=sortie,
    )
    return EXIT_OK


def commande_transmission(arguments: argparse.Namespace, sortie: TextIO) -> int:
    """`transmission`: the ACTES folders, refused (exit 1, with the findings) when `check` finds
    an error; stopped cleanly by SIGTERM/SIGINT as `generate` is."""
    from actes62.checks import findings_to_text
    from actes62.garde import Interruption, interruptions
    from actes62.transmission import TransmissionRefusee, preparer_transmission

    debut = time.perf_counter()
    dossier = load(arguments.dossier)
    try:
        with interruptions():
            dossiers = preparer_transmission(
                dossier,
                Path(arguments.sortie),
                source=Path(arguments.dossier),
                templates=Path(arguments.templates) if arguments.templates else None,
                progression=True,
            )
    except TransmissionRefusee as refus:
        print(findings_to_text(refus.findings), file=sortie)
        print(f"actes62 : {refus}", file=sys.stderr)
        return EXIT_FINDINGS
    except Interruption as arret:
        print(
            f"actes62 : transmission interrompue ({arret}) : {arguments.sortie} a tous les dossiers de "
            "transmission de ce dossier, ou aucun ; ni processus ni fichier temporaire ne restent.",
            file=sys.stderr,
        )
        return arret.code
    for chemin in dossiers:
        print(chemin, file=sortie)
        for fichier in sorted(
            chemin.iterdir(), key=lambda f: (f.suffix == ".json", f.stem.rsplit("_", 1)[-1])
        ):
            print(f"  {fichier.name}", file=sortie)
    print(
        f"{_pluriel(len(dossiers), 'dossier')} de transmission écrit{'s' if len(dossiers) > 1 else ''} "
        f"dans {arguments.sortie} en {_secondes(time.perf_counter() - debut)}.",
        file=sortie,
    )
    return EXIT_OK


def commande_publication(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.publication import publier

    debut = time.perf_counter()
    dossier = load(arguments.dossier)
    fichiers = publier(
        dossier,
        Path(arguments.sortie),
        force=arguments.force,
        templates=Path(arguments.templates) if arguments.templates else None,
        racine=Path(arguments.dossier).parent,
        progression=True,
    )
    for fichier in fichiers:
        print(fichier, file=sortie)
    print(
        f"Version publiée : {_pluriel(len(fichiers), 'fichier')} dans {arguments.sortie}, données "
        f"personnelles retirées et vérifiées absentes, en {_secondes(time.perf_counter() - debut)}.",
        file=sortie,
    )
    return EXIT_OK


def commande_export(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.opendata import exporter

    dossiers = [load(chemin) for chemin in arguments.dossiers]
    lignes, avertissements = exporter(
        arguments.jeu, dossiers, Path(arguments.sortie), force=arguments.force, noms=arguments.dossiers
    )
    for avertissement in avertissements:
        print(f"actes62 : avertissement : {avertissement}", file=sys.stderr)
    print(
        f"{arguments.sortie} : {_pluriel(lignes, 'ligne')} au format SCDL {arguments.jeu} écrite"
        f"{'s' if lignes > 1 else ''}.",
        file=sortie,
    )
    return EXIT_OK


def _notes_transmission(dossier: Dossier, racine: Path, sortie: TextIO) -> None:
    """The transmission PDFs' summary: annexes left out (no file), annex files not PDF/A."""
    from actes62.pieces import fichiers_annexes, notes_transmission

    for note in notes_transmission(dossier, fichiers_annexes(dossier, racine)):
        print(f"PDF de transmission : {note}", file=sortie)


def commande_rules(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.checks import RULES, rules_to_json

    if arguments.format == "json":
        sortie.write(rules_to_json() + "\n")
        return EXIT_OK
    for regle in RULES:
        print(f"{regle.code}  {regle.severity.value:<7}  {regle.name}", file=sortie)
        print(f"        {regle.description}", file=sortie)
    return EXIT_OK


def commande_exemple(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.livres import copier_exemples

    destination = Path(arguments.destination)
    fichiers = copier_exemples(destination, force=arguments.force)
    for fichier in fichiers:
        print(fichier, file=sortie)
    premier = next((f for f in fichiers if f.name == "dossier.yaml"), fichiers[0])
    print(
        f"{_pluriel(len(fichiers), 'fichier')} d'exemple copié{'s' if len(fichiers) > 1 else ''} "
        f"dans {destination}. Pour commencer :\n"
        f"  actes62 generate {premier} -o {premier.parent / 'documents'}\n"
        f"  actes62 check {premier} {premier.parent / 'documents'}",
        file=sortie,
    )
    return EXIT_OK


def commande_modele(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.errors import TemplateError
    from actes62.fichiers import ecrire_atomique
    from actes62.gabarit_fichier import normaliser, texte
    from actes62.livres import copier_modeles

    if arguments.action_modele == "copier":
        if len(arguments.fichiers) != 1:
            raise TemplateError(
                " ".join(arguments.fichiers), "« copier » prend un seul dossier de destination"
            )
        destination = Path(arguments.fichiers[0])
        copies = copier_modeles(destination, force=arguments.force)
        for fichier in copies:
            print(fichier, file=sortie)
        print(
            f"{_pluriel(len(copies), 'fichier')} copié{'s' if len(copies) > 1 else ''} dans {destination}. "
            f"Modifiez les modèles dans Word, puis :\n"
            f"  actes62 generate DOSSIER.yaml -o documents --templates {destination}\n"
            f"  actes62 check DOSSIER.yaml documents --templates {destination}",
            file=sortie,
        )
        return EXIT_OK
    code = EXIT_OK
    for nom in arguments.fichiers:
        chemin = Path(nom)
        try:
            donnees = chemin.read_bytes()
            resultat = texte(donnees) if arguments.action_modele == "texte" else normaliser(donnees)
        except OSError as exc:
            raise TemplateError(chemin, f"illisible : {exc.strerror or exc}") from None
        except (ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
            raise TemplateError(chemin, f"ce n'est pas un document Word lisible ({exc})") from None
        if isinstance(resultat, str):
            sortie.write(resultat)
        elif resultat == donnees:
            print(f"{chemin} : déjà normalisé", file=sortie)
        elif arguments.verifier:
            print(
                f"{chemin} : n'est pas normalisé (lancez « actes62 modele normaliser {chemin} »)", file=sortie
            )
            code = EXIT_FINDINGS
        else:
            ecrire_atomique(chemin, resultat)
            print(f"{chemin} : normalisé", file=sortie)
    return code


def commande_schema(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.schema import guide, schema_collectivite, schema_dossier, texte_json

    if arguments.guide:
        sortie.write(guide())
    else:
        sortie.write(texte_json(schema_collectivite() if arguments.collectivite else schema_dossier()))
    return EXIT_OK


def commande_new(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.nouveau import creer_seance

    squelette = creer_seance(Path(arguments.destination), nom=arguments.dossier, force=arguments.force)
    for fichier in squelette.ecrits:
        print(fichier, file=sortie)
    if squelette.reprise is not None:
        print(f"{squelette.reprise} : repris tel quel (la collectivité des séances précédentes)", file=sortie)
    print(
        f"Squelette de séance écrit dans {arguments.destination} : il se vérifie sans erreur. Complétez "
        f"{squelette.dossier} (le guide des champs : actes62 schema --guide), puis :\n"
        f"  actes62 check {squelette.dossier}\n"
        f"  actes62 import-tableur AFFAIRES.xlsx --seance {squelette.dossier} -o SEANCE.yaml",
        file=sortie,
    )
    return EXIT_OK


def commande_import_tableur(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.tableur import importer_tableur

    ecrit, nombre, a_completer, raisons = importer_tableur(
        Path(arguments.tableur), Path(arguments.seance), Path(arguments.sortie), force=arguments.force
    )
    if a_completer:
        print(
            f"{ecrit} : {_pluriel(nombre, 'affaire')} du tableur {arguments.tableur}, "
            f"{_pluriel(len(a_completer), 'champ à compléter', 'champs à compléter')} "
            f"(« À COMPLÉTER » dans le fichier) : {' ; '.join(raisons)}. "
            f"Complétez-{'les' if len(a_completer) > 1 else 'le'} dans {ecrit} "
            "(ou complétez le tableur et relancez avec --force), puis :\n"
            f"  actes62 check {ecrit}",
            file=sortie,
        )
        return EXIT_OK
    print(
        f"{ecrit} : {_pluriel(nombre, 'affaire')} du tableur {arguments.tableur}. Vérifiez-le, puis générez :\n"
        f"  actes62 check {ecrit}\n"
        f"  actes62 generate {ecrit} -o documents",
        file=sortie,
    )
    return EXIT_OK


def commande_import(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.importer import ecrire_import, importer_detail, verifier_destination

    destination = Path(arguments.sortie)
    verifier_destination(destination, force=arguments.force)
    templates = Path(arguments.templates) if arguments.templates else None
    resultat = importer_detail([Path(p) for p in arguments.fichiers], templates=templates)
    ecrire_import(resultat, destination, force=arguments.force)
    print(
        f"{destination} écrit : {_pluriel(resultat.faits_lus, 'fait lu', 'faits lus')}, "
        f"{_pluriel(len(resultat.desaccords), 'désaccord à vérifier', 'désaccords à vérifier')} (« À VÉRIFIER »), "
        f"{_pluriel(len(resultat.a_completer), 'champ à compléter', 'champs à compléter')} (« À COMPLÉTER »).",
        file=sortie,
    )
    for nom, raison in resultat.ignores:
        print(f"  mis de côté : {nom} ({raison})", file=sortie)
    return EXIT_OK
