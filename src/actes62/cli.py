"""The `actes62` command: check, audit, generate, transmission, publication, export, rules, exemple,
modele, schema, new, import-tableur, import. The parser and `main` are here; what each command does
is in `actes62.commandes`.

Exit codes (as ruff's): 0 no error found, 1 findings of severity error, 2 bad input or internal
failure. Messages are French; a user's mistake never shows a Python traceback (set
ACTES62_DEBUG=1 to see one for an internal failure).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any, TextIO, cast

from actes62.commandes import EXIT_ERREUR, EXIT_OK, resume
from actes62.commandes import commande_audit as _commande_audit
from actes62.commandes import commande_check as _commande_check
from actes62.commandes import commande_exemple as _commande_exemple
from actes62.commandes import commande_export as _commande_export
from actes62.commandes import commande_generate as _commande_generate
from actes62.commandes import commande_import as _commande_import
from actes62.commandes import commande_import_tableur as _commande_import_tableur
from actes62.commandes import commande_modele as _commande_modele
from actes62.commandes import commande_new as _commande_new
from actes62.commandes import commande_publication as _commande_publication
from actes62.commandes import commande_rules as _commande_rules
from actes62.commandes import commande_schema as _commande_schema
from actes62.commandes import commande_transmission as _commande_transmission
from actes62.errors import Actes62Error, en_francais, raison_systeme

__all__ = ["main", "resume"]


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
        "laissé vide avec un commentaire « À COMPLÉTER ». Ce qui ne s'écrit qu'en mots (nom de la "
        "collectivité, exposé, objet…) est lu là où les modèles l'écrivent : donnez --templates si les "
        "documents viennent des modèles de la collectivité.",
    )
    importe.add_argument("fichiers", nargs="+", help="documents DOCX/PDF ou dossiers à importer")
    importe.add_argument("-o", "--sortie", required=True, help="le dossier YAML à écrire")
    importe.add_argument("--force", action="store_true", help="remplacer le fichier s'il existe")
    _option_modeles(importe)
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
