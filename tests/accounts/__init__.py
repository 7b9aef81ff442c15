"""Tests of accounts: sign-up, sign-in, password reset and the role home pages."""
