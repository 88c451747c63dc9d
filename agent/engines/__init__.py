"""Engines: the model-backed steps. `base.Engine` is the interface; offline and LLM are siblings."""
