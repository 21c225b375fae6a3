"""Test doubles that run locally: a loopback OpenAI-compatible server."""
