"""Tests of the public site's pages and languages."""
