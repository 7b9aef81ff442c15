"""Storage for licences and eligibility proof: files that no URL may ever reach.

They are served only through views that check, object by object, who is asking.
"""

from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse

from market.uploads import kind_of_stored


class PrivateFileStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a permission-checked view.")


def private_storage():
    """For `FileField(storage=private_storage)`: resolved when used, so tests can point it elsewhere."""
    return storages["private"]


def private_file_response(opened, stored_name: str, download_name: str, *, inline: bool = False) -> FileResponse:
    """A private file, once the view has checked who is asking: its type and extension are those its stored name
    was given by content; downloaded (or, `inline`, shown in the page), never sniffed or cached by the browser."""
    kind = kind_of_stored(stored_name)
    response = FileResponse(
        opened, as_attachment=not inline, filename=f"{download_name}{kind.extension}", content_type=kind.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
