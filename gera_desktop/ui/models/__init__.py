"""Qt item models over the plain records the services hand out, one per entity."""
