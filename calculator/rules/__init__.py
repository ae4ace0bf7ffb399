"""The allocation rules; each is a module-level function (election, *, tie_breaking, ...)."""
