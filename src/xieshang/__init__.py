"""协商 Xieshang: a borrower-side workbench for negotiating repayment."""

__version__ = "0.1.0"
