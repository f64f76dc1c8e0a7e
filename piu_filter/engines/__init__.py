"""Engines run a job's tasks (`run`'s shards, `scan`'s embedding parts): `local` in this process or in
worker processes, `ray` as Ray tasks. `base` holds the task contract, the engine table and `execute`,
the skeleton both jobs share."""
