"""Where candidate code runs: the static policy, the jailed worker process, the run-time watch, the timers inside it."""
