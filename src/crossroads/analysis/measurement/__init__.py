"""The dynamic latent-variable measure of relations between two states (see docs/measurement.md)."""

from crossroads.analysis.measurement.api import LatentIndex, latent_index

__all__ = ["LatentIndex", "latent_index"]
