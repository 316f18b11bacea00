"""Which rules apply, as ruff chooses them: `--select` and `--ignore` take codes or code prefixes
(« A1 », « P », « I005 »), and a dossier may ignore rules with a reason
(`regles: {ignorer: [{code: I005, motif: "…"}]}`). Rules are always run; the findings of ignored
rules are set aside and counted in the summary with their reason, never silently dropped.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from actes62.checks.findings import Finding
from actes62.errors import Actes62Error

__all__ = ["RegleInconnue", "Selection"]


_TOUJOURS = "X"
"""The checker's own failures (X001 internal error…): always reported, never selected away."""


class RegleInconnue(Actes62Error):
    """A code given to --select, --ignore or `regles.ignorer` that no rule has (or that cannot be
    left out: the X rules say the checker failed)."""

    def __init__(self, code: str, codes: Sequence[str]) -> None:
        if not code:
            message = "aucune règle choisie : --select attend des codes (A001, P004…) ou leurs débuts (A1, P)"
        elif code.startswith(_TOUJOURS) and any(c.startswith(code) for c in codes):
            message = f"la règle {code} ne peut pas être écartée : elle signale une vérification qui a échoué"
        else:
            proches = difflib.get_close_matches(code, codes, n=3)
            suggestion = f" (vouliez-vous dire {', '.join(proches)} ?)" if proches else ""
            message = (
                f"règle inconnue « {code} »{suggestion} : un code de règle (A001, P004…) ou son début (A1, P) "
                "est attendu ; « actes62 rules » les liste"
            )
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Selection:
    """The rules chosen: `select` (None: all), `ignore`, and the reason of each rule the dossier
    ignores (`motifs`, by code or prefix)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    motifs: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def de(
        cls,
        codes: Sequence[str],
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        motifs: Mapping[str, str] | None = None,
    ) -> Selection:
        """A selection checked against the table's `codes` (RegleInconnue for a code no rule has).
        Each of `select` / `ignore` may hold comma-separated codes."""

        def eclater(valeurs: Iterable[str]) -> tuple[str, ...]:
            return tuple(c.strip().upper() for v in valeurs for c in v.split(",") if c.strip())

        choisis = eclater(select) if select is not None else None
        if choisis == ():
            raise RegleInconnue("", codes)
        ignores = eclater(ignore) + tuple((motifs or {}).keys())
        for code in (*(choisis or ()), *ignores):
            if not any(c.startswith(code) for c in codes) or (code in ignores and code.startswith(_TOUJOURS)):
                raise RegleInconnue(code, codes)
        return cls(choisis, ignores, dict(motifs or {}))

    def garde(self, code: str) -> bool:
        if code.startswith(_TOUJOURS):  # the checker's own failures are never left out
            return True
        choisi = self.select is None or any(code.startswith(c) for c in self.select)
        return choisi and not any(code.startswith(c) for c in self.ignore)

    def motif(self, code: str) -> str | None:
        return next((m for c, m in self.motifs.items() if code.startswith(c)), None)

    def partager(self, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(the findings kept, the findings of ignored rules)."""
        gardes: list[Finding] = []
        ecartes: list[Finding] = []
        for finding in findings:
            (gardes if self.garde(finding.code) else ecartes).append(finding)
        return gardes, ecartes

    def resume(self, ecartes: Sequence[Finding]) -> str:
        """« 3 constats de règles ignorées : I005 (2) — motif ; D005 (1) », or «»."""
        if not ecartes:
            return ""
        par_code: dict[str, int] = {}
        for finding in ecartes:
            par_code[finding.code] = par_code.get(finding.code, 0) + 1
        details = []
        for code, nombre in sorted(par_code.items()):
            motif = self.motif(code)
            details.append(f"{code} ({nombre})" + (f" — {motif}" if motif else ""))
        n = len(ecartes)
        return f"{n} constat{'s' if n > 1 else ''} de règles ignorées : " + " ; ".join(details)
