"""Storage for licences and eligibility proof: files that no URL may ever reach.

They are served only through views that check, object by object, who is asking.
"""

from django.core.files.storage import FileSystemStorage, storages


class PrivateFileStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a permission-checked view.")


def private_storage():
    """For `FileField(storage=private_storage)`: resolved when used, so tests can point it elsewhere."""
    return storages["private"]
