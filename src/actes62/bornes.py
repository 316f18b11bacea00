"""Bounds on the work a template or a dossier text may ask for, and the sandbox that enforces them.

Jinja's sandbox keeps a template away from Python's internals; it does not bound its work. Here
every document (a DOCX filled from a template, or the free texts of an affaire) gets a budget —
time, loop iterations, characters written, call depth — and every value a template computes
(`*`, `**`, `+`, `%`, a method, a filter) is checked against a size limit *before* it is built
when its size can be foreseen, after otherwise. A refusal is a `LimiteDepassee`, a Jinja error
whose message (French) says which limit, its value and what to do; the caller adds the template
file or the dossier field.

The limits are far above any real act (a séance's longest délibération writes a few hundred
thousand characters in a few milliseconds) and are kept here, in one place.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import inspect
import re
import string
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, Undefined
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer

__all__ = [
    "CHIFFRES_MAX",
    "DUREE_MAX",
    "ITERATIONS_MAX",
    "PLAGE_MAX",
    "PROFONDEUR_MAX",
    "SORTIE_MAX",
    "TAILLE_MAX",
    "EnvironnementBorne",
    "Indefini",
    "LimiteDepassee",
    "budget_document",
    "traduire_jinja",
]

# --- the limits ---------------------------------------------------------------------------------

PLAGE_MAX = 100_000
"""Items of a `range(…)` (a real act loops over a few hundred lines at most)."""
ITERATIONS_MAX = 1_000_000
"""Loop iterations per document, all loops together."""
TAILLE_MAX = 1_000_000
"""Characters of a text, or items of a list, that a template computes."""
CHIFFRES_MAX = 1_000
"""Digits of a whole number that a template computes."""
SORTIE_MAX = 10_000_000
"""Characters a document writes (each part of a DOCX, headers and properties together)."""
PROFONDEUR_MAX = 50
"""Nested calls (macros calling macros, recursive loops)."""
DUREE_MAX = 3.0
"""Seconds of rendering per document."""

_BITS_MAX = int(CHIFFRES_MAX * 3.33)  # log2(10) bits per digit
_CONSEIL = "simplifiez le modèle ou le texte : aucun acte réel n'en demande autant"


class LimiteDepassee(SecurityError):
    """A template or text asked for more work than the limits allow (the message says which)."""


def _refuser(quoi: str) -> LimiteDepassee:
    return LimiteDepassee(f"{quoi} ; {_CONSEIL}")


# --- the budget of one document -------------------------------------------------------------------


@dataclass
class _Budget:
    fin: float
    iterations: int = 0
    sortie: int = 0
    profondeur: int = 0
    pile: list[int] = field(default_factory=list)

    def verifier(self) -> None:
        if time.monotonic() > self.fin:
            raise _refuser(f"rendu trop long (plus de {_nombre(DUREE_MAX)} s pour un document)")


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("budget_actes62", default=None)


@contextlib.contextmanager
def budget_document() -> Iterator[None]:
    """Everything rendered inside shares one budget (time, iterations, output, depth): one
    document. Nested uses join the budget already open. A Python recursion or memory error while
    rendering is reported as a limit, like the others."""
    if _BUDGET.get() is not None:
        yield
        return
    jeton = _BUDGET.set(_Budget(time.monotonic() + DUREE_MAX))
    try:
        yield
    except RecursionError:
        raise _refuser(f"appels imbriqués trop profonds (plus de {PROFONDEUR_MAX})") from None
    except MemoryError:
        raise _refuser("le rendu demande plus de mémoire que la machine n'en a") from None
    finally:
        _BUDGET.reset(jeton)


def _budget() -> _Budget:
    budget = _BUDGET.get()
    if budget is None:  # a macro called from Python, outside any rendering: bounded all the same
        budget = _Budget(time.monotonic() + DUREE_MAX)
    return budget


class _ModeleBorne(jinja2.Template):
    """A compiled template whose every rendering has a budget (the document's, when one is open)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        with budget_document():
            return super().render(*args, **kwargs)

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        with budget_document():
            yield from super().generate(*args, **kwargs)


def _nombre(n: float) -> str:
    return f"{n:_}".replace("_", "\u202f").replace(".", ",")


# --- sizes ----------------------------------------------------------------------------------------


def _verifier_taille(valeur: Any) -> Any:
    """The value, if it is within the limits of a computed value."""
    if isinstance(valeur, str | bytes) and len(valeur) > TAILLE_MAX:
        raise _refuser(
            f"texte calculé trop long ({_nombre(len(valeur))} caractères, {_nombre(TAILLE_MAX)} au plus)"
        )
    if isinstance(valeur, list | tuple | dict | set | frozenset) and len(valeur) > TAILLE_MAX:
        raise _refuser(
            f"liste calculée trop longue ({_nombre(len(valeur))} éléments, {_nombre(TAILLE_MAX)} au plus)"
        )
    if isinstance(valeur, int) and not isinstance(valeur, bool) and valeur.bit_length() > _BITS_MAX:
        raise _refuser(f"nombre calculé démesuré (plus de {_nombre(CHIFFRES_MAX)} chiffres)")
    return valeur


def _prevoir(taille: int) -> None:
    """Refuse, before building it, a value whose foreseen size is over the limit."""
    if taille > TAILLE_MAX:
        raise _refuser(
            f"valeur calculée trop grande (environ {_nombre(taille)} caractères ou éléments, "
            f"{_nombre(TAILLE_MAX)} au plus)"
        )


def _entier(valeur: Any) -> int | None:
    return valeur if isinstance(valeur, int) and not isinstance(valeur, bool) else None


_LARGEUR_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _verifier_printf(motif: str, arguments: Any) -> None:
    """`'%09999999d' % x`: widths and precisions of a printf-style format within the limits."""
    for largeur in _LARGEUR_PRINTF.findall(motif):
        for nombre in largeur:
            if nombre == "*":
                valeurs = arguments if isinstance(arguments, tuple) else (arguments,)
                for valeur in valeurs:
                    if (n := _entier(valeur)) is not None:
                        _prevoir(abs(n))
            elif nombre:
                _prevoir(int(nombre[:12]))


def _verifier_format(motif: str, args: Iterable[Any], kwargs: Mapping[str, Any]) -> None:
    """`'{:>999999999}'.format(x)`: widths in a format specification within the limits."""
    try:
        champs = list(string.Formatter().parse(motif))
    except ValueError:
        return  # str.format will say what is wrong
    for _, _, specification, _ in champs:
        if not specification:
            continue
        for nombre in re.findall(r"\d+", specification):
            _prevoir(int(nombre[:12]))
        if "{" in specification:  # a width given as an argument
            for valeur in [*args, *kwargs.values()]:
                if (n := _entier(valeur)) is not None:
                    _prevoir(abs(n))


def _avant_operation(operateur: str, gauche: Any, droite: Any) -> None:
    if operateur == "*":
        for sequence, fois in ((gauche, droite), (droite, gauche)):
            n = _entier(fois)
            if n is not None and isinstance(sequence, str | bytes | list | tuple):
                _prevoir(len(sequence) * max(n, 0))
        a, b = _entier(gauche), _entier(droite)
        if a is not None and b is not None and a.bit_length() + b.bit_length() > _BITS_MAX:
            raise _refuser(f"nombre calculé démesuré (plus de {_nombre(CHIFFRES_MAX)} chiffres)")
    elif operateur == "**":
        a, b = _entier(gauche), _entier(droite)
        if a is not None and b is not None and abs(a) > 1 and b > 0 and b * a.bit_length() > _BITS_MAX:
            raise _refuser(f"puissance démesurée (plus de {_nombre(CHIFFRES_MAX)} chiffres)")
    elif operateur == "%" and isinstance(gauche, str):
        _verifier_printf(gauche, droite)


# --- filters, with their sizes foreseen ---------------------------------------------------------


def _texte(valeur: Any) -> str:
    return valeur if isinstance(valeur, str) else str(valeur)


def _prevoir_filtre(nom: str, a: Mapping[str, Any]) -> None:
    """The size of a growing filter's result, foreseen from its arguments."""
    if nom == "center":
        _prevoir(_entier(a.get("width", 80)) or 0)
    elif nom == "indent":
        largeur = a.get("width", 4)
        lignes = _texte(a["s"]).count("\n") + 1
        _prevoir(lignes * (_entier(largeur) or len(_texte(largeur))))
    elif nom == "replace":
        texte, ancien, nouveau = _texte(a["s"]), _texte(a["old"]), _texte(a["new"])
        fois = len(texte) + 1 if not ancien else texte.count(ancien)
        if (limite := _entier(a.get("count"))) is not None and limite >= 0:
            fois = min(fois, limite)
        _prevoir(len(texte) + fois * len(nouveau))
    elif nom == "join" and hasattr(a["value"], "__len__"):
        _prevoir(len(a["value"]) * len(_texte(a.get("d", ""))))
    elif nom == "wordwrap":
        texte, largeur = _texte(a["s"]), max(1, _entier(a.get("width", 79)) or 1)
        _prevoir(len(texte) + (len(texte) // largeur + 1) * len(_texte(a.get("wrapstring") or "\n")))
    elif nom in ("batch", "slice") and a.get("fill_with") is not None:
        _prevoir(_entier(a.get("linecount", a.get("slices", 0))) or 0)
    elif nom == "format":
        _verifier_printf(_texte(a["value"]), tuple(a.get("args", ())))
    elif nom == "tojson":
        indentation = a.get("indent")
        if indentation is not None and (_entier(indentation) or len(_texte(indentation))) > 100:
            raise _refuser("indentation de tojson trop grande (100 au plus)")
    elif nom == "sum" and isinstance(a.get("start"), list | tuple | str):
        valeurs = a.get("iterable", ())
        if hasattr(valeurs, "__iter__") and hasattr(valeurs, "__len__"):
            _prevoir(sum(len(v) for v in valeurs if hasattr(v, "__len__")))


_FILTRES_CROISSANTS = frozenset(
    {"center", "indent", "replace", "join", "wordwrap", "batch", "slice", "format", "tojson", "sum"}
)
_FILTRES_INDEFINIS = frozenset({"default", "d"})  # they are given undefined values on purpose


def _filtre_borne(nom: str, filtre: Callable[..., Any]) -> Callable[..., Any]:
    """The filter, with its budget checked, an undefined argument reported by its name (not as
    « StrictUndefined » inside a French filter), its growth foreseen and its result's size checked."""
    signature = inspect.signature(filtre) if nom in _FILTRES_CROISSANTS else None

    @functools.wraps(filtre)
    def borne(*args: Any, **kwargs: Any) -> Any:
        _budget().verifier()
        if nom not in _FILTRES_INDEFINIS:
            for valeur in (*args, *kwargs.values()):
                if isinstance(valeur, Undefined):
                    valeur._fail_with_undefined_error()
        if signature is not None:
            try:
                lies = signature.bind(*args, **kwargs)
            except TypeError:
                pass  # the filter itself says which argument is wrong
            else:
                _prevoir_filtre(nom, {**lies.arguments, **lies.arguments.get("kwargs", {})})
        return _verifier_taille(filtre(*args, **kwargs))

    return borne


# --- globals ----------------------------------------------------------------------------------------


def _plage(*args: Any) -> range:
    """`range`, with at most PLAGE_MAX items."""
    try:
        plage = range(*args)
        taille = len(plage)
    except OverflowError:
        taille = PLAGE_MAX + 1
    except TypeError:
        raise jinja2.TemplateRuntimeError("range(…) attend des nombres entiers") from None
    if taille > PLAGE_MAX:
        raise _refuser(f"range(…) trop grand ({_nombre(PLAGE_MAX)} éléments au plus)")
    return plage


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002
    """Jinja's `lipsum`, with at most 100 paragraphs of at most 1 000 words."""
    if not all(isinstance(v, int) for v in (n, min, max)):
        raise jinja2.TemplateRuntimeError("lipsum(…) attend des nombres entiers")
    if n > 100 or max > 1000 or min > 1000:
        raise _refuser("lipsum(…) trop grand (100 paragraphes de 1 000 mots au plus)")
    return str(generate_lorem_ipsum(n, html, min, max))


# --- undefined names, in French ------------------------------------------------------------------------


class Indefini(jinja2.StrictUndefined):
    """StrictUndefined whose message is French: « affaire.titr » n'existe pas."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        if self._undefined_hint:
            return self._undefined_hint
        if self._undefined_obj is jinja2.utils.missing:
            return f"le nom « {self._undefined_name} » n'est pas défini"
        objet = type(self._undefined_obj).__name__
        if not isinstance(self._undefined_name, str):
            return f"« {objet} » n'a pas d'élément {self._undefined_name!r}"
        return f"« {objet} » n'a pas d'attribut « {self._undefined_name} »"


# --- the environment ---------------------------------------------------------------------------------


_OPERATEURS = frozenset({"+", "-", "*", "/", "//", "%", "**"})


class EnvironnementBorne(SandboxedEnvironment):
    """Jinja's sandbox, with the work of each document bounded (see the module's limits)."""

    intercepted_binops = _OPERATEURS
    template_class = _ModeleBorne

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("undefined", Indefini)
        super().__init__(*args, **kwargs)
        self.globals["range"] = _plage
        self.globals["lipsum"] = _lipsum
        self.filters = _FiltresBornes(self.filters)

    # operators, attributes, calls

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _budget().verifier()
        _avant_operation(operator, left, right)
        try:
            resultat = self.binop_table[operator](left, right)
        except ZeroDivisionError:
            raise jinja2.TemplateRuntimeError("division par zéro") from None
        except TypeError:
            raise jinja2.TemplateRuntimeError(
                f"opération « {operator} » impossible entre {_nom_type(left)} et {_nom_type(right)}"
            ) from None
        return _verifier_taille(resultat)

    def getattr(self, obj: Any, attribute: str) -> Any:
        _budget().verifier()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _budget().verifier()
        return super().getitem(obj, argument)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        return self.undefined(
            f"l'attribut « {attribute} » d'un objet {type(obj).__name__} n'est pas permis dans un modèle",
            name=attribute,
            obj=obj,
            exc=SecurityError,
        )

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        format_ = super().wrap_str_format(value)
        if format_ is None:
            return None
        motif: str = value.__self__
        carte = value.__name__ == "format_map"

        def borne(*args: Any, **kwargs: Any) -> str:
            _verifier_format(motif, () if carte else args, args[0] if carte and args else kwargs)
            return str(_verifier_taille(format_(*args, **kwargs)))

        return borne

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget = _budget()
        budget.verifier()
        if not __self.is_safe_callable(__obj):
            raise SecurityError(
                f"« {getattr(__obj, '__name__', '?')} » ne peut pas être appelé dans un modèle"
            )
        proprietaire = getattr(__obj, "__self__", None)
        if isinstance(proprietaire, str):
            _avant_methode(__obj.__name__, proprietaire, args, kwargs)
        if budget.profondeur >= PROFONDEUR_MAX:
            raise _refuser(
                f"appels imbriqués trop profonds (plus de {PROFONDEUR_MAX} : une macro récursive ?)"
            )
        budget.profondeur += 1
        try:
            resultat = super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.profondeur -= 1
        if isinstance(proprietaire, list | dict | set):  # append, extend, update…
            _verifier_taille(proprietaire)
        return _verifier_taille(resultat)

    # loops and output, by rewriting the syntax tree before it is compiled

    def _generate(
        self, source: nodes.Template, name: str | None, filename: str | None, defer_init: bool = False
    ) -> str:
        code: str = super()._generate(_Borneur().visit(source), name, filename, defer_init)
        return code


class _Borneur(NodeTransformer):
    """Rewrites a template's syntax tree before it is compiled (never the tree `parse` gives, which
    the template checks read): each loop's items counted, each output counted, each `~` checked."""

    def visit_For(self, node: nodes.For) -> nodes.Node:  # noqa: N802
        boucle = self.generic_visit(node)
        assert isinstance(boucle, nodes.For)
        boucle.iter = nodes.Filter(boucle.iter, _ITERER, [], [], None, None, lineno=boucle.lineno)
        return boucle

    def visit_Output(self, node: nodes.Output) -> nodes.Node:  # noqa: N802
        sortie = self.generic_visit(node)
        assert isinstance(sortie, nodes.Output)
        sortie.nodes = _compter(sortie.nodes)
        return sortie

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:  # noqa: N802
        return nodes.Filter(self.generic_visit(node), _TAILLE, [], [], None, None, lineno=node.lineno)


_NOMS_TYPES = {
    "str": "un texte",
    "Markup": "un texte",
    "int": "un nombre entier",
    "float": "un nombre",
    "Decimal": "un montant",
    "list": "une liste",
    "tuple": "une liste",
    "dict": "une table",
    "NoneType": "rien (None)",
    "bool": "oui/non",
    "date": "une date",
}


def _nom_type(valeur: Any) -> str:
    nom = type(valeur).__name__
    return _NOMS_TYPES.get(nom, f"un objet {nom}")


def _avant_methode(nom: str, texte: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """The str methods that grow a text: their result's size foreseen."""
    if nom in ("ljust", "rjust", "center", "zfill") and args:
        _prevoir(_entier(args[0]) or 0)
    elif nom == "expandtabs":
        taille = _entier(args[0] if args else kwargs.get("tabsize", 8)) or 0
        _prevoir(len(texte) + texte.count("\t") * taille)
    elif nom == "replace" and len(args) >= 2:
        ancien, nouveau = _texte(args[0]), _texte(args[1])
        fois = len(texte) + 1 if not ancien else texte.count(ancien)
        _prevoir(len(texte) + fois * len(nouveau))
    elif nom == "join" and args and hasattr(args[0], "__len__"):
        _prevoir(len(args[0]) * len(texte))


_ITERER = "_actes62_iterer"
_SORTIE = "_actes62_sortie"
_TAILLE = "_actes62_taille"


def _compter(enfants: list[nodes.Expr]) -> list[nodes.Expr]:
    """An Output's children, each expression counted by the output filter, with the length of the
    literal text around it (literal text itself cannot go through a filter: it would be escaped)."""
    litteral = sum(len(e.data) for e in enfants if isinstance(e, nodes.TemplateData))
    resultat: list[nodes.Expr] = []
    for enfant in enfants:
        if isinstance(enfant, nodes.TemplateData):
            resultat.append(enfant)
        else:
            resultat.append(nodes.Filter(enfant, _SORTIE, [nodes.Const(litteral)], [], None, None))
            litteral = 0
    if litteral:
        resultat.append(nodes.Filter(nodes.Const(""), _SORTIE, [nodes.Const(litteral)], [], None, None))
    return resultat


@jinja2.pass_context
def _iterer(contexte: Context, valeurs: Any) -> Iterator[Any]:
    """A loop's items, each counted against the document's iterations and time."""
    budget = _budget()
    for valeur in valeurs:
        budget.iterations += 1
        if budget.iterations > ITERATIONS_MAX:
            raise _refuser(f"trop de tours de boucle ({_nombre(ITERATIONS_MAX)} au plus par document)")
        if budget.iterations % 64 == 0:
            budget.verifier()
        yield valeur


@jinja2.pass_context
def _sortie(contexte: Context, valeur: Any, litteral: int) -> Any:
    """A value written to the document, counted (with the literal text beside it)."""
    budget = _budget()
    budget.sortie += litteral + (len(valeur) if isinstance(valeur, str) else 16)
    if budget.sortie > SORTIE_MAX:
        raise _refuser(f"document trop grand (plus de {_nombre(SORTIE_MAX)} caractères écrits)")
    budget.verifier()
    return valeur


@jinja2.pass_context
def _taille(contexte: Context, valeur: Any) -> Any:
    """A text joined with `~`, within the size limit."""
    return _verifier_taille(valeur)


class _FiltresBornes(dict[str, Any]):
    """The filters of an environment, each bounded when it is added (the French filters too)."""

    def __init__(self, filtres: Mapping[str, Any]) -> None:
        super().__init__()
        self.update(filtres)
        dict.__setitem__(self, _ITERER, _iterer)
        dict.__setitem__(self, _SORTIE, _sortie)
        dict.__setitem__(self, _TAILLE, _taille)

    def __setitem__(self, nom: str, filtre: Any) -> None:
        super().__setitem__(nom, _filtre_borne(nom, filtre))

    def update(self, *args: Any, **kwargs: Any) -> None:
        for nom, filtre in dict(*args, **kwargs).items():
            self[nom] = filtre


# --- Jinja's messages, in French ------------------------------------------------------------------------

_JETONS = {
    "end of print statement": "}}",
    "end of statement block": "%}",
    "begin of print statement": "{{",
    "begin of statement block": "{%",
    "end of template": "fin du texte",
    "end of comment": "#}",
    "begin of comment": "{#",
}


def _jeton(texte: str) -> str:
    return f"« {_JETONS.get(texte, texte)} »"


_TRADUCTIONS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"unexpected end of template, expected '(.+?)'\.?$"),
        lambda m: f"fin inattendue : {_jeton(m[1])} manque",
    ),
    (
        re.compile(r"expected token '(.+?)', got '(.+?)'$"),
        lambda m: f"{_jeton(m[1])} attendu, {_jeton(m[2])} trouvé",
    ),
    (
        re.compile(r"unexpected '(.+?)', expected '(.+?)'$"),
        lambda m: f"{_jeton(m[1])} inattendu, {_jeton(m[2])} attendu",
    ),
    (re.compile(r"unexpected char '(.+?)' at \d+$"), lambda m: f"caractère {_jeton(m[1])} inattendu"),
    (re.compile(r"unexpected '(.+?)'$"), lambda m: f"{_jeton(m[1])} inattendu"),
    (
        re.compile(r"Encountered unknown tag '(.+?)'\..*?(?:'(\w+)'\.)?$", re.DOTALL),
        lambda m: (
            f"balise inconnue « {m[1]} »"
            + (f" (le bloc « {m[2]} » ouvert plus haut n'est pas fermé)" if m[2] else "")
        ),
    ),
    (
        re.compile(r"Unexpected end of template\..*?'(\w+)'\.$", re.DOTALL),
        lambda m: f"fin inattendue : le bloc « {m[1]} » n'est pas fermé (« end{m[1]} » manque)",
    ),
    (re.compile(r"Unexpected end of template\.?.*$", re.DOTALL), lambda m: "fin inattendue"),
    (re.compile(r"No filter named '(.+?)'\.?.*$"), lambda m: f"filtre inconnu « {m[1]} »"),
    (re.compile(r"No test named '(.+?)'\.?.*$"), lambda m: f"test inconnu « {m[1]} »"),
    (re.compile(r"tag name expected$"), lambda m: "nom de balise attendu après « {% »"),
    (re.compile(r"expected name or number$"), lambda m: "nom ou nombre attendu après le point"),
    (re.compile(r"expected subscript expression$"), lambda m: "indice attendu entre [ ]"),
    (re.compile(r"invalid syntax for function call expression$"), lambda m: "appel de fonction mal écrit"),
    (re.compile(r"can't assign to '(.+?)'$"), lambda m: f"affectation impossible à « {m[1]} »"),
    (re.compile(r"expected call$"), lambda m: "un appel est attendu"),
    (re.compile(r"You cannot chain multiple tests with is$"), lambda m: "un seul test après « is »"),
    (re.compile(r"missing end of comment tag$"), lambda m: "commentaire non fermé (« #} » manque)"),
    (re.compile(r"missing end of raw directive$"), lambda m: "« endraw » manque"),
    (re.compile(r"Block '(.+?)' defined twice$"), lambda m: f"bloc « {m[1]} » défini deux fois"),
    (
        re.compile(r"cannot assign attribute on non-namespace object$"),
        lambda m: "« set x.attribut » n'est permis que sur un namespace()",
    ),
    (re.compile(r"'(.+?)' is undefined$"), lambda m: f"le nom « {m[1]} » n'est pas défini"),
    (
        re.compile(r"'?(.+?)'? has no attribute '(.+?)'$"),
        lambda m: f"« {m[1]} » n'a pas d'attribut « {m[2]} »",
    ),
]


def traduire_jinja(message: str | None) -> str:
    """A Jinja error message in French (those of actes62's sandbox already are)."""
    texte = (message or "").strip()
    for motif, traduction in _TRADUCTIONS:
        trouve = motif.match(texte)
        if trouve:
            return traduction(trouve)
    if not texte or texte.isascii():  # an English message we do not know: say it plainly
        return "syntaxe Jinja incorrecte" + (f" (détail : {texte})" if texte else "")
    return texte
