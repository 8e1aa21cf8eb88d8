"""jixiao: see module docstrings."""
