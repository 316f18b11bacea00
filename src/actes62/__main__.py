"""`python -m actes62`: the same as the `actes62` command."""

from actes62.cli import main

raise SystemExit(main())
