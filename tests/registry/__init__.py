"""Tests of the merchant register."""
