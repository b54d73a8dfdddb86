"""``python -m cleantext`` runs the command-line filter."""

from .cli import main

raise SystemExit(main())
