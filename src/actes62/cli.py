"""The `actes62` command: check, audit, generate, transmission, publication, export, rules, exemple,
modele, schema, new, import-tableur, import.

Exit codes (as ruff's): 0 no error found, 1 findings of severity error, 2 bad input or internal
failure. Messages are French; a user's mistake never shows a Python traceback (set
ACTES62_DEBUG=1 to see one for an internal failure).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
import traceback
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO, cast

from lxml import etree

from actes62 import formats
from actes62.errors import Actes62Error, en_francais, raison_systeme
from actes62.load import load
from actes62.model import Dossier

__all__ = ["main", "resume"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERREUR = 2


class _Formateur(argparse.HelpFormatter):
    """argparse's help in French."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "usage : " if prefix is None else prefix)


class _Parseur(argparse.ArgumentParser):
    """argparse with French help and usage errors, and exit code 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formateur)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et sortir")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        traduit = (
            message.replace("the following arguments are required", "arguments obligatoires manquants")
            .replace("manquants:", "manquants :")
            .replace("unrecognized arguments", "arguments inconnus")
            .replace("invalid choice:", "choix invalide :")
            .replace("(choose from", "(choix possibles :")
            .replace("expected one argument", "une valeur est attendue")
            .replace("arguments inconnus:", "arguments inconnus :")
        )
        print(f"actes62 : erreur : {traduit}", file=sys.stderr)
        raise SystemExit(EXIT_ERREUR)


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


def _commande_check(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.checks import findings_to_json, findings_to_text, has_errors
    from actes62.checks.rules import check_et_ecartes
    from actes62.read import documents_in

    if _est_document(arguments.dossier):  # documents with no dossier: compare them with each other
        arguments.fichiers = [arguments.dossier, *arguments.fichiers]
        arguments.faits = False
        print("Pas de dossier YAML : les documents sont comparés entre eux (actes62 audit).", file=sys.stderr)
        return _commande_audit(arguments, sortie)
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


def _commande_audit(arguments: argparse.Namespace, sortie: TextIO) -> int:
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


def _commande_generate(arguments: argparse.Namespace, sortie: TextIO) -> int:
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


def _commande_transmission(arguments: argparse.Namespace, sortie: TextIO) -> int:
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


def _commande_publication(arguments: argparse.Namespace, sortie: TextIO) -> int:
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


def _commande_export(arguments: argparse.Namespace, sortie: TextIO) -> int:
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


def _commande_rules(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.checks import RULES, rules_to_json

    if arguments.format == "json":
        sortie.write(rules_to_json() + "\n")
        return EXIT_OK
    for regle in RULES:
        print(f"{regle.code}  {regle.severity.value:<7}  {regle.name}", file=sortie)
        print(f"        {regle.description}", file=sortie)
    return EXIT_OK


def _commande_exemple(arguments: argparse.Namespace, sortie: TextIO) -> int:
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


def _commande_modele(arguments: argparse.Namespace, sortie: TextIO) -> int:
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


def _commande_schema(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.schema import guide, schema_collectivite, schema_dossier, texte_json

    if arguments.guide:
        sortie.write(guide())
    else:
        sortie.write(texte_json(schema_collectivite() if arguments.collectivite else schema_dossier()))
    return EXIT_OK


def _commande_new(arguments: argparse.Namespace, sortie: TextIO) -> int:
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


def _commande_import_tableur(arguments: argparse.Namespace, sortie: TextIO) -> int:
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


def _commande_import(arguments: argparse.Namespace, sortie: TextIO) -> int:
    from actes62.importer import ecrire_import, importer_detail

    destination = Path(arguments.sortie)
    if (destination.exists() or destination.is_symlink()) and not arguments.force:
        from actes62.errors import FichierExistant

        raise FichierExistant(destination)
    resultat = importer_detail([Path(p) for p in arguments.fichiers])
    ecrire_import(resultat, destination, force=arguments.force)
    print(
        f"{destination} écrit : {_pluriel(resultat.faits_lus, 'fait lu', 'faits lus')}, "
        f"{_pluriel(len(resultat.desaccords), 'désaccord à vérifier', 'désaccords à vérifier')} (« À VÉRIFIER »), "
        f"{_pluriel(len(resultat.a_completer), 'champ à compléter', 'champs à compléter')} (« À COMPLÉTER »).",
        file=sortie,
    )
    return EXIT_OK


def _option_modeles(parseur: argparse.ArgumentParser) -> None:
    parseur.add_argument(
        "--templates", metavar="MODELES", help="dossier de modèles DOCX propres à la collectivité"
    )


def _options_regles(parseur: argparse.ArgumentParser) -> None:
    parseur.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="n'appliquer que ces règles : codes ou débuts de code séparés par des virgules (A1,P004)",
    )
    parseur.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="écarter ces règles (codes ou débuts de code) ; leurs constats sont comptés dans le résumé",
    )


def _parseur() -> argparse.ArgumentParser:
    from actes62 import __version__

    parseur = _Parseur(
        prog="actes62",
        description="Préparer, générer et vérifier les actes d'une Commission Permanente.",
    )
    parseur.add_argument(
        "--version", action="version", version=f"actes62 {__version__}", help="afficher la version et sortir"
    )
    sous = parseur.add_subparsers(dest="commande", required=True, parser_class=_Parseur, metavar="COMMANDE")

    check = sous.add_parser(
        "check",
        help="lire un dossier, le vérifier, et vérifier les documents DOCX/PDF contre lui",
        description="Lit le dossier, applique les règles de cohérence, et compare chaque chiffre, date, "
        "référence et SIRET des documents donnés (DOCX, PDF ou dossiers) au dossier.",
    )
    check.add_argument("dossier", help="le fichier dossier (YAML)")
    check.add_argument("fichiers", nargs="*", help="documents DOCX/PDF ou dossiers à vérifier")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="format de sortie (text ou json)"
    )
    check.add_argument(
        "--templates",
        metavar="MODELES",
        help="dossier des modèles DOCX de la collectivité, ceux qui ont écrit les documents "
        "(par défaut : les modèles livrés)",
    )
    _options_regles(check)
    check.set_defaults(action=_commande_check)

    generate = sous.add_parser(
        "generate",
        help="écrire les documents (DOCX, et PDF avec --pdf) de chaque affaire",
        description="Écrit la délibération, le rapport, la convention et l'annexe budgétaire de chaque "
        "affaire du dossier.",
    )
    generate.add_argument("dossier", help="le fichier dossier (YAML)")
    generate.add_argument("-o", "--sortie", required=True, help="dossier où écrire les documents")
    generate.add_argument("--force", action="store_true", help="remplacer les fichiers existants")
    generate.add_argument(
        "--pdf", action="store_true", help="produire aussi les PDF/A (LibreOffice) et le PDF de transmission"
    )
    _option_modeles(generate)
    generate.set_defaults(action=_commande_generate)

    audit = sous.add_parser(
        "audit",
        help="comparer entre eux des documents écrits à la main, sans dossier YAML",
        description="Lit les documents DOCX/PDF (ou les dossiers qui les contiennent), les regroupe par "
        "affaire, et relève les faits écrits différemment d'un document à l'autre (montants, dates, "
        "actes cités, SIRET, annexes, signataires, votes) et ce qui est faux dans un document même "
        "(totaux, pourcentages, soldes, montants en lettres, voix, dates).",
    )
    audit.add_argument("fichiers", nargs="+", help="documents DOCX/PDF ou dossiers à comparer")
    audit.add_argument(
        "--format", choices=("text", "json"), default="text", help="format de sortie (text ou json)"
    )
    audit.add_argument(
        "--faits",
        action="store_true",
        help="afficher ce qui a été lu : les faits de chaque document, sans les comparer",
    )
    _options_regles(audit)
    audit.set_defaults(action=_commande_audit)

    exemple = sous.add_parser(
        "exemple",
        help="copier les dossiers d'exemple livrés avec actes62 dans un dossier",
        description="Copie les dossiers d'exemple livrés avec actes62 (un sous-dossier chacun) dans "
        "DESTINATION, pour les lire, les générer et les vérifier.",
    )
    exemple.add_argument("destination", help="dossier où copier les exemples")
    exemple.add_argument("--force", action="store_true", help="remplacer les fichiers existants")
    exemple.set_defaults(action=_commande_exemple)

    modele = sous.add_parser(
        "modele",
        help="lire ou normaliser un modèle DOCX (texte lisible, octets reproductibles)",
        description="« texte » imprime un modèle comme des lignes lisibles (style, texte, tableaux, "
        "en-têtes et pieds de page) pour comparer deux versions ; « normaliser » réécrit son archive "
        "sous une forme fixe (mêmes contenus, mêmes octets), quel que soit le logiciel qui l'a enregistré ; "
        "« copier » copie les modèles livrés dans un dossier, pour en faire ceux de la collectivité.",
    )
    modele.add_argument(
        "action_modele", choices=("texte", "normaliser", "copier"), metavar="texte|normaliser|copier"
    )
    modele.add_argument("fichiers", nargs="+", help="modèles DOCX (pour « copier » : le dossier où copier)")
    modele.add_argument(
        "--verifier",
        action="store_true",
        help="avec « normaliser » : ne rien écrire, dire ce qui ne l'est pas",
    )
    modele.add_argument(
        "--force", action="store_true", help="avec « copier » : remplacer les fichiers existants"
    )
    modele.set_defaults(action=_commande_modele)

    transmission = sous.add_parser(
        "transmission",
        help="préparer, par affaire, le dossier ACTES à déposer chez le tiers de télétransmission",
        description="Vérifie le dossier (refus si une erreur est relevée), puis écrit pour chaque affaire "
        "un dossier : le PDF de l'acte, ceux des annexes dans l'ordre, le message ACTES (XML) et ses "
        "métadonnées (JSON). Tous les dossiers sont écrits, ou aucun.",
    )
    transmission.add_argument("dossier", help="le fichier dossier (YAML)")
    transmission.add_argument(
        "-o", "--sortie", required=True, help="dossier où écrire les dossiers de transmission"
    )
    _option_modeles(transmission)
    transmission.set_defaults(action=_commande_transmission)

    publication = sous.add_parser(
        "publication",
        help="écrire la version pour la publication en ligne, données personnelles retirées",
        description="Écrit les DOCX et PDF de chaque affaire pour la publication électronique (CGCT "
        "L3131-1) : coordonnées bancaires, adresses, téléphones et courriels de personnes privées et "
        "signatures manuscrites retirés, la première page portant les dates de transmission, de "
        "réception et de publication et l'identifiant ACTES. Chaque fichier est relu avant d'être "
        "écrit : s'il y reste un IBAN, un courriel ou un téléphone, rien n'est écrit.",
    )
    publication.add_argument("dossier", help="le fichier dossier (YAML)")
    publication.add_argument("-o", "--sortie", required=True, help="dossier où écrire la version publiée")
    publication.add_argument("--force", action="store_true", help="remplacer les fichiers existants")
    _option_modeles(publication)
    publication.set_defaults(action=_commande_publication)

    export = sous.add_parser(
        "export",
        help="exporter les délibérations ou les subventions en données ouvertes (CSV SCDL)",
        description="Écrit un fichier CSV au format du Socle commun des données locales (SCDL, "
        "schema.data.gouv.fr) : « deliberations » (une ligne par délibération) ou « subventions » "
        "(une ligne par subvention attribuée). Une valeur que le schéma refuse est une erreur, "
        "jamais une ligne fausse.",
    )
    export.add_argument("jeu", choices=("deliberations", "subventions"), metavar="deliberations|subventions")
    export.add_argument("dossiers", nargs="+", help="les fichiers dossier (YAML)")
    export.add_argument("-o", "--sortie", required=True, help="le fichier CSV à écrire")
    export.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe")
    export.set_defaults(action=_commande_export)

    importe = sous.add_parser(
        "import",
        help="écrire le dossier YAML que décrivent des documents existants",
        description="Lit les documents DOCX/PDF (ou les dossiers qui les contiennent), les regroupe par "
        "affaire et écrit le dossier qu'ils décrivent, chaque fait une fois. Là où les documents se "
        "contredisent, un commentaire « À VÉRIFIER » cite chaque côté ; ce qu'ils ne disent pas est "
        "laissé vide avec un commentaire « À COMPLÉTER ».",
    )
    importe.add_argument("fichiers", nargs="+", help="documents DOCX/PDF ou dossiers à importer")
    importe.add_argument("-o", "--sortie", required=True, help="le dossier YAML à écrire")
    importe.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe")
    importe.set_defaults(action=_commande_import)

    rules = sous.add_parser("rules", help="lister les règles de vérification et leur code")
    rules.add_argument("--format", choices=("text", "json"), default="text", help="format de sortie")
    rules.set_defaults(action=_commande_rules)

    schema = sous.add_parser(
        "schema",
        help="imprimer le schéma JSON du dossier (pour l'éditeur) ou le guide de ses champs",
        description="Imprime le schéma JSON d'un dossier de séance, en français : un éditeur (VS Code avec "
        "l'extension YAML, et d'autres) s'en sert pour proposer les champs et signaler les erreurs pendant "
        "la saisie. Avec --guide, le guide de référence de chaque champ, en Markdown.",
    )
    quoi = schema.add_mutually_exclusive_group()
    quoi.add_argument(
        "--collectivite",
        action="store_true",
        help="le schéma du fichier de la collectivité (collectivite.yaml)",
    )
    quoi.add_argument("--guide", action="store_true", help="le guide de référence des champs, en Markdown")
    schema.set_defaults(action=_commande_schema)

    new = sous.add_parser(
        "new",
        help="écrire le squelette commenté d'une séance, valide tel quel",
        description="Écrit dans DOSSIER le squelette commenté d'un dossier de séance (dossier.yaml), le "
        "fichier des constantes de la collectivité (collectivite.yaml, repris tel quel s'il existe déjà : "
        "les séances suivantes le partagent) et les schémas JSON qu'un éditeur lit pour proposer les champs. "
        "Rien n'est écrasé sans --force.",
    )
    new.add_argument("destination", metavar="DOSSIER", help="dossier où écrire la séance")
    new.add_argument(
        "--dossier", default="dossier.yaml", metavar="NOM", help="nom du fichier de la séance (dossier.yaml)"
    )
    new.add_argument("--force", action="store_true", help="remplacer les fichiers existants")
    new.set_defaults(action=_commande_new)

    tableur = sous.add_parser(
        "import-tableur",
        help="écrire un dossier dont les affaires viennent d'un tableur (une ligne par affaire)",
        description="Lit un tableur XLSX ou CSV (une ligne d'en-têtes en français, puis une ligne par "
        "affaire) et écrit un dossier : la collectivité et la séance du fichier SEANCE, et une affaire par "
        "ligne, bâtie sur la première affaire de SEANCE. Les colonnes sont décrites dans docs/dossier.md ; "
        "chaque cellule invalide est signalée avec sa feuille, sa ligne et sa colonne.",
    )
    tableur.add_argument("tableur", metavar="AFFAIRES", help="le tableur des affaires (.xlsx ou .csv)")
    tableur.add_argument(
        "--seance", required=True, metavar="SEANCE", help="le dossier de séance modèle (YAML)"
    )
    tableur.add_argument(
        "-o", "--sortie", required=True, metavar="DOSSIER", help="le dossier à écrire (YAML)"
    )
    tableur.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe")
    tableur.set_defaults(action=_commande_import_tableur)
    return parseur


class _SortieImpossible(Actes62Error):
    """The output (stdout) cannot be written: a full disk, /dev/full, a closed device."""


class _SortieSure:
    """The output stream, whose write errors (but a reader gone away) are French errors."""

    def __init__(self, flux: TextIO) -> None:
        self._flux = flux

    def _echec(self, exc: OSError) -> _SortieImpossible:
        return _SortieImpossible(f"impossible d'écrire la sortie : {raison_systeme(exc)}")

    def write(self, texte: str) -> int:
        try:
            return self._flux.write(texte)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._echec(exc) from None

    def flush(self) -> None:
        try:
            self._flux.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise self._echec(exc) from None

    def __getattr__(self, nom: str) -> Any:
        return getattr(self._flux, nom)


def _taire_stdout() -> None:
    """Send what is left in stdout's buffer nowhere, so that exiting does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None, sortie: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = _parseur().parse_args(argv)
    flux = cast(TextIO, _SortieSure(sortie or sys.stdout))
    try:
        code: int = arguments.action(arguments, flux)
        flux.flush()
        return code
    except _SortieImpossible as exc:
        if sortie is None:
            _taire_stdout()
        print(f"actes62 : {exc}", file=sys.stderr)
        return EXIT_ERREUR
    except Actes62Error as exc:
        print(f"actes62 : {en_francais(str(exc))}", file=sys.stderr)
        return EXIT_ERREUR
    except BrokenPipeError:  # the reader went away (`actes62 rules | head`): stop quietly
        _taire_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        print("actes62 : interrompu", file=sys.stderr)
        return EXIT_ERREUR
    except OSError as exc:  # a file or folder the system refuses (a name too long, a full disk…)
        fichier = f"{exc.filename} : " if exc.filename else ""
        print(f"actes62 : {fichier}{raison_systeme(exc)}", file=sys.stderr)
        return EXIT_ERREUR
    except MemoryError:
        print(
            "actes62 : mémoire épuisée : une entrée est sans doute démesurée (dossier, modèle ou document)",
            file=sys.stderr,
        )
        return EXIT_ERREUR
    except Exception as exc:  # an internal failure: say so plainly, no traceback unless asked
        if os.environ.get("ACTES62_DEBUG"):
            traceback.print_exc()
        print(
            f"actes62 : erreur interne ({type(exc).__name__} : {exc}). "
            "Relancez avec ACTES62_DEBUG=1 pour le détail, et signalez-la.",
            file=sys.stderr,
        )
        return EXIT_ERREUR
