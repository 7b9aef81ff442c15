"""Eligibility proof is checked like a licence scan: by its content, never by its name or declared type."""

from market.uploads import check_upload


def validate_proof_file(upload) -> None:
    check_upload(upload)
