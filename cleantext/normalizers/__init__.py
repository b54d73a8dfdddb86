"""The built-in normalizers, one module per repair.

Every module in this package is imported by :mod:`cleantext.registry` on first use;
a module registers its steps with :func:`cleantext.registry.register`.
"""
