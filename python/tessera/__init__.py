"""Tessera models from Python: an ASE calculator that drives `tessera serve`."""
from .calculator import TesseraCalculator, TesseraError

__all__ = ["TesseraCalculator", "TesseraError"]
