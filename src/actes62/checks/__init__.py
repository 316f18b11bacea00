"""The consistency checker: rules on the dossier, and on its documents against the dossier.

    >>> from actes62.checks import check, findings_to_text
    >>> findings = check(dossier, documents, source=chemin)  # doctest: +SKIP

`check` returns `Finding`s (code, severity, message, location, values); `RULES` is the one table
of rules (`actes62 rules` prints it).
"""

from actes62.checks.findings import (
    Finding,
    Location,
    Severity,
    findings_to_json,
    findings_to_text,
    has_errors,
)
from actes62.checks.rules import RULES, Rule, audit, check, rules_to_json

__all__ = [
    "RULES",
    "Finding",
    "Location",
    "Rule",
    "Severity",
    "audit",
    "check",
    "findings_to_json",
    "findings_to_text",
    "has_errors",
    "rules_to_json",
]
