"""Presentation of core results, host-independent: JSON shapes, result tables (sheets), the rules document.

Views import the core and the bottom layer; the workbook writer, the Excel book, the CLI and Jupyter
present what these build.
"""
