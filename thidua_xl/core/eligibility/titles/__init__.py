"""One module per title family; each title's check is a short function of :meth:`Judge.require` calls
whose rule values come from the regime's ``eligibility.yaml`` (``ctx.v[param]``)."""
