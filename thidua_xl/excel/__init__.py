"""The Excel face: TDKT_ worksheet functions (:mod:`.udfs`), the "Thi đua" ribbon tab whose buttons are
listed once in :mod:`.actions`, the book interface they work through (:mod:`.book`), the classic
RunPython entry point (:mod:`.classic`) and the add-in builder (:mod:`.addin`).

Nothing here is imported by ``import thidua_xl``; xlwings is imported only by :mod:`.udfs` and
:mod:`.classic`, which run inside Excel.
"""
