"""What a reader of a rendered page relies on: one main heading, labelled fields, the language links."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button"}


@dataclass
class PageStructure(HTMLParser):
    html_lang: str = ""
    h1_count: int = 0
    field_ids: list[str] = field(default_factory=list)
    label_targets: set[str] = field(default_factory=set)
    language_links: dict[str, dict[str, str]] = field(default_factory=dict)
    _in_switcher: bool = False

    def __post_init__(self):
        super().__init__()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang", "")
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "label" and "for" in attributes:
            self.label_targets.add(attributes["for"])
        elif tag in {"input", "select", "textarea"} and attributes.get("type") not in UNLABELLED_INPUT_TYPES:
            self.field_ids.append(attributes.get("id", ""))
        elif tag == "nav" and "language-switcher" in attributes.get("class", ""):
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            self.language_links[attributes["hreflang"]] = attributes

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False

    @property
    def unlabelled_fields(self) -> list[str]:
        return [field_id for field_id in self.field_ids if field_id not in self.label_targets]


def page_structure(response) -> PageStructure:
    structure = PageStructure()
    structure.feed(response.content.decode())
    return structure
