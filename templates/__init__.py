"""The DOCX templates shipped with actes62 (docxtpl): deliberation, rapport, convention, annexe_budget."""
