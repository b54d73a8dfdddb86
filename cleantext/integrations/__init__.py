"""Optional adapters for engines users already run; each is imported only on request."""
