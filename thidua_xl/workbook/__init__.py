"""Workbook I/O: schema (the standard workbook), reader, writer, template generator, demo."""
