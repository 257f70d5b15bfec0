"""The pytest side of the suite: hooks, the xdist role and transport, the benchmark plugin, GPU claims."""
