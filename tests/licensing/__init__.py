"""Tests of the licensing workflow: working-day clocks, states, permissions, audit and lifecycle jobs."""
