import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages


def test_a_private_file_has_no_url_at_all(settings, tmp_path):
    storage = storages.create_storage(
        {"BACKEND": settings.STORAGES["private"]["BACKEND"], "OPTIONS": {"location": tmp_path}}
    )
    name = storage.save("licences/scan.pdf", ContentFile(b"%PDF-1.4\n%%EOF"))

    assert storage.exists(name)
    with pytest.raises(ValueError, match="permission-checked view"):
        storage.url(name)
