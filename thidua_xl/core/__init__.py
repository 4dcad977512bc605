"""The pure core: the model, the dated and cited rule sets, eligibility and the ballot tally.

It takes plain Python objects and returns plain objects. It imports only the bottom layer
(:mod:`thidua_xl.errors`, :mod:`thidua_xl.messages`, :mod:`thidua_xl.text`, :mod:`thidua_xl.perf`) and
nothing from the workbook, reports, views or faces; ``tests/test_architecture.py`` enforces it.
"""
