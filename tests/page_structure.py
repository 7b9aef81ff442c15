"""What a reader of a rendered page relies on: one main heading, labelled fields, the language links — and, for
the staff's admin screens, what a person (or a screen reader) finds there: the headings, the tables row by row,
the buttons and links by their accessible names, the messages, the definition lists and the charts.

Tests assert through these, never through CSS classes or the markup that carries them, so that a change of
layout that keeps every label, heading and row keeps the tests passing, and a lost button fails them.

Only what is rendered counts for the reader's view: the content of `<script>`, `<style>` and `<template>`, and of
elements marked `hidden` or `aria-hidden="true"`, is left out (but for the first tab panel, which Wagtail's script
opens). A field's label is read by the field's id. `section(heading)` narrows every list to what
follows a heading, up to the next heading of the same or a higher level (the document outline).
"""

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button"}
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
}  # fmt: skip
UNRENDERED_ELEMENTS = {"script", "style", "template"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BUTTON_INPUT_TYPES = {"submit": "Submit", "button": "", "reset": "Reset", "image": "Submit"}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Heading:
    level: int
    text: str
    position: int = 0


@dataclass
class Link:
    text: str
    href: str
    position: int = 0


@dataclass
class Button:
    """A `<button>` or `<input type="submit|button|reset|image">`; `action` and `method` are where it sends its
    form (the button's `formaction`, else its form's `action`); `action` is None for a button outside a form."""

    name: str
    type: str
    action: str | None
    method: str
    disabled: bool = False
    position: int = 0


@dataclass
class Message:
    """One of the admin's messages (Wagtail's `.messages` list): its level (success, error, warning, info) and
    text, without the buttons Wagtail puts beside it."""

    level: str
    text: str
    position: int = 0


@dataclass
class Row:
    cells: list[str]
    headers: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)

    def __getitem__(self, column: str) -> str:
        """The cell under the column headed `column`."""
        if column not in self.headers:
            raise KeyError(f"no column {column!r} among {self.headers}")
        index = self.headers.index(column)
        return self.cells[index] if index < len(self.cells) else ""

    def as_dict(self) -> dict[str, str]:
        return dict(zip(self.headers, self.cells, strict=False))


@dataclass
class Table:
    caption: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    position: int = 0

    def row(self, text: str) -> Row:
        """The one row with a cell that reads exactly `text`."""
        found = [row for row in self.rows if text in row.cells]
        assert len(found) == 1, f"{len(found)} rows with a cell {text!r} in {[row.cells for row in self.rows]}"
        return found[0]

    def column(self, name: str) -> list[str]:
        return [row[name] for row in self.rows]


@dataclass
class Chart:
    """An `<svg role="img">`: its name (`aria-label`, else its own `<title>`) and the titles of its parts, such as
    the bars of a bar chart."""

    name: str = ""
    parts: list[str] = field(default_factory=list)
    position: int = 0


@dataclass
class MenuItem:
    """An item of the Wagtail admin's main menu (the sidebar, which the page carries as JSON for its script);
    a sub-menu has no `url`."""

    label: str
    url: str | None


def _unpack(value, references: dict):
    """Telepath's packing (`_val`/`_id` defines a value once, `_ref` repeats it, `_type`/`_args` an object) back
    into plain lists and dicts."""
    if isinstance(value, list):
        return [_unpack(item, references) for item in value]
    if not isinstance(value, dict):
        return value
    if "_ref" in value:
        return references.get(value["_ref"])
    if "_val" in value:
        unpacked = _unpack(value["_val"], references)
        references[value.get("_id")] = unpacked
        return unpacked
    if "_type" in value:
        unpacked = {"_type": value["_type"], "_args": _unpack(value.get("_args", []), references)}
        if "_id" in value:
            references[value["_id"]] = unpacked
        return unpacked
    if "_dict" in value:
        return _unpack(value["_dict"], references)
    return {key: _unpack(item, references) for key, item in value.items()}


def _menu_items(value) -> list[MenuItem]:
    if isinstance(value, list):
        return [item for part in value for item in _menu_items(part)]
    if not isinstance(value, dict):
        return []
    items = []
    if isinstance(value.get("label"), str) and "name" in value:
        items.append(MenuItem(value["label"], value.get("url")))
    for key, item in value.items():
        if key != "attrs":
            items.extend(_menu_items(item))
    return items


class _Text:
    """Text being collected for an element, until it ends; `leaves_out` names elements whose text is not its own."""

    def __init__(self, leaves_out: frozenset[str] = frozenset()):
        self.parts: list[str] = []
        self.leaves_out = leaves_out

    @property
    def text(self) -> str:
        return normalise("".join(self.parts))


@dataclass
class _Open:
    tag: str
    unrendered: bool
    collects: list = field(default_factory=list)
    ends: list = field(default_factory=list)  # callbacks run when the element ends


class Outline:
    """The lists a reader finds, in document order; a section is the same lists narrowed to part of a page."""

    headings: list[Heading]
    tables: list[Table]
    buttons: list[Button]
    links: list[Link]
    messages: list[Message]
    charts: list[Chart]
    _definitions: list[tuple[str, str, int]]  # term, description, position
    _paragraphs: list[tuple[str, int]]  # text, position

    # -- headings

    def heading_texts(self, level: int | None = None) -> list[str]:
        return [heading.text for heading in self.headings if level is None or heading.level == level]

    def section(self, heading: str) -> "Section":
        """What follows the one heading that reads `heading`, up to the next heading of its level or higher."""
        found = [candidate for candidate in self.headings if candidate.text == heading]
        assert len(found) == 1, f"{len(found)} headings {heading!r} among {self.heading_texts()}"
        start = found[0]
        end = next(
            (
                later.position
                for later in self.headings
                if later.position > start.position and later.level <= start.level
            ),
            None,
        )
        return Section(self, start.position, end)

    # -- buttons and links

    @property
    def button_names(self) -> list[str]:
        return [button.name for button in self.buttons]

    def button(self, name: str) -> Button:
        """The one button named `name`."""
        found = [button for button in self.buttons if button.name == name]
        assert len(found) == 1, f"{len(found)} buttons named {name!r} among {self.button_names}"
        return found[0]

    @property
    def link_texts(self) -> list[str]:
        return [link.text for link in self.links]

    @property
    def hrefs(self) -> list[str]:
        return [link.href for link in self.links]

    def link(self, text: str) -> Link:
        """The one link that reads `text`."""
        found = [link for link in self.links if link.text == text]
        assert len(found) == 1, f"{len(found)} links {text!r} among {self.link_texts}"
        return found[0]

    # -- messages, tables, definitions, charts

    @property
    def message_texts(self) -> list[str]:
        return [message.text for message in self.messages]

    def table(self, caption: str | None = None) -> Table:
        """The one table (with this caption, if given) among the tables here that have rows or headers."""
        tables = [table for table in self.tables if table.rows or table.headers]
        if caption is not None:
            tables = [table for table in tables if table.caption == caption]
        assert len(tables) == 1, f"{len(tables)} tables {caption or ''!r} among {[t.caption for t in self.tables]}"
        return tables[0]

    @property
    def definitions(self) -> dict[str, str]:
        """The terms of the definition lists (`<dt>`) and their descriptions (`<dd>`)."""
        return {term: description for term, description, _position in self._definitions}

    @property
    def paragraphs(self) -> list[str]:
        """The text of each paragraph (`<p>`)."""
        return [text for text, _position in self._paragraphs]

    def chart(self, name: str) -> Chart:
        found = [chart for chart in self.charts if chart.name == name]
        assert len(found) == 1, f"{len(found)} charts {name!r} among {[chart.name for chart in self.charts]}"
        return found[0]

    @property
    def chart_names(self) -> list[str]:
        return [chart.name for chart in self.charts]


class Section(Outline):
    """The part of a page (or of a section) from a heading up to the next heading of its level or higher."""

    def __init__(self, page: Outline, start: int, end: int | None):
        def inside(position: int) -> bool:
            return start <= position and (end is None or position < end)

        self.headings = [item for item in page.headings if inside(item.position)]
        self.tables = [item for item in page.tables if inside(item.position)]
        self.buttons = [item for item in page.buttons if inside(item.position)]
        self.links = [item for item in page.links if inside(item.position)]
        self.messages = [item for item in page.messages if inside(item.position)]
        self.charts = [item for item in page.charts if inside(item.position)]
        self._definitions = [item for item in page._definitions if inside(item[-1])]
        self._paragraphs = [item for item in page._paragraphs if inside(item[-1])]


@dataclass
class PageStructure(HTMLParser, Outline):
    html_lang: str = ""
    h1_count: int = 0
    field_ids: list[str] = field(default_factory=list)
    label_targets: set[str] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)  # a field's id -> its label's text
    language_links: dict[str, dict[str, str]] = field(default_factory=dict)
    headings: list[Heading] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    menu: list[MenuItem] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # every rendered text node, whitespace-normalised, in order
    _in_switcher: bool = False

    def __post_init__(self):
        super().__init__()
        self._open: list[_Open] = []
        self._position = 0
        self._forms: list[dict[str, str]] = []
        self._tables: list[Table] = []
        self._row: Row | None = None
        self._row_in_head = False
        self._in_messages = 0  # depth of the open `.messages` containers
        self._definitions: list[tuple[str, str, int]] = []
        self._paragraphs: list[tuple[str, int]] = []
        self._term: str | None = None
        self._charts: list[Chart] = []
        self._sidebar_props: list[str] | None = None
        self._tab_shown = False

    # -- parsing

    @property
    def _unrendered(self) -> bool:
        return bool(self._open) and self._open[-1].unrendered

    def _next_position(self) -> int:
        self._position += 1
        return self._position

    def _collect(self, element: _Open, on_end, leaves_out: frozenset[str] = frozenset()) -> _Text:
        text = _Text(leaves_out)
        element.collects.append(text)
        element.ends.append(lambda: on_end(text.text))
        return text

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self._record_page_basics(tag, attributes)
        if tag in VOID_ELEMENTS:
            if not self._unrendered and not self._hidden(attributes):
                self._void_element(tag, attributes)
            return
        unrendered = self._unrendered or tag in UNRENDERED_ELEMENTS or self._hidden(attributes)
        element = _Open(tag, unrendered)
        self._open.append(element)
        if tag == "script" and attributes.get("id") == "wagtail-sidebar-props":
            self._sidebar_props = []
            element.ends.append(self._read_menu)
        if unrendered:
            return
        position = self._next_position()
        if tag in HEADINGS:
            level = HEADINGS[tag]
            self._collect(element, lambda text: self.headings.append(Heading(level, text, position)))
        elif tag == "form":
            self._forms.append(attributes)
            element.ends.append(self._forms.pop)
        elif tag == "button":
            button = self._new_button(attributes, attributes.get("type", "submit").lower(), position)
            self._collect(element, lambda text: self._add_button(button, attributes.get("aria-label") or text))
        elif tag == "a" and "href" in attributes:
            self._collect(
                element,
                lambda text: self._add_link(Link(attributes.get("aria-label") or text, attributes["href"], position)),
            )
        elif tag == "div" and "messages" in attributes.get("class", "").split():
            self._in_messages += 1
            element.ends.append(self._leave_messages)
        elif tag == "li" and self._in_messages:
            level = (attributes.get("class", "").split() or ["info"])[0]
            self._collect(
                element, lambda text: self.messages.append(Message(level, text, position)), frozenset({"button"})
            )
        elif tag == "table":
            table = Table(position=position)
            self._tables.append(table)
            element.ends.append(lambda: self.tables.append(self._tables.pop()))
        elif tag == "label" and "for" in attributes:
            self._collect(element, lambda text: self.labels.setdefault(attributes["for"], text))
        elif tag == "caption" and self._tables:
            self._collect(element, lambda text: setattr(self._tables[-1], "caption", text))
        elif tag == "thead":
            self._row_in_head = True
            element.ends.append(lambda: setattr(self, "_row_in_head", False))
        elif tag == "tr" and self._tables:
            self._row = Row([], headers=self._tables[-1].headers)
            element.ends.append(self._end_row)
        elif tag in {"td", "th"} and self._row is not None:
            row = self._row
            self._collect(element, lambda text: row.cells.append(text))
        elif tag == "dt":
            self._collect(element, lambda text: setattr(self, "_term", text))
        elif tag == "dd":
            self._collect(element, lambda text: self._definitions.append((self._term or "", text, position)))
        elif tag == "p":
            self._collect(element, lambda text: self._paragraphs.append((text, position)))
        elif tag == "svg":
            self._start_svg(element, attributes, position)
        elif tag == "title" and self._charts:
            self._collect(element, self._chart_title)

    def _void_element(self, tag, attributes):
        position = self._next_position()
        kind = attributes.get("type", "text").lower()
        if tag == "input" and kind in BUTTON_INPUT_TYPES:
            name = attributes.get("aria-label") or attributes.get("value") or BUTTON_INPUT_TYPES[kind]
            self._add_button(self._new_button(attributes, kind, position), name)
        elif tag == "img" and self._open:
            for element in self._open:
                for text in element.collects:
                    text.parts.append(attributes.get("alt", ""))

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False
        if tag in VOID_ELEMENTS or not any(element.tag == tag for element in self._open):
            return
        while self._open:
            element = self._open.pop()
            for end in reversed(element.ends):
                end()
            if element.tag == tag:
                break

    def handle_data(self, data):
        if self._sidebar_props is not None:
            self._sidebar_props.append(data)
        if self._unrendered or not self._open:
            return
        if data.strip():
            self.texts.append(normalise(data))
        inside: set[str] = set()
        for element in reversed(self._open):
            # Text inside a graphic names only the graphic's parts (its <title>s), not the elements around it.
            if element.tag != "title" and "svg" in inside:
                inside.add(element.tag)
                continue
            for text in element.collects:
                if not text.leaves_out & inside:
                    text.parts.append(data)
            inside.add(element.tag)

    def close(self):
        super().close()
        while self._open:
            element = self._open.pop()
            for end in reversed(element.ends):
                end()

    # -- helpers

    def _hidden(self, attributes) -> bool:
        if attributes.get("role") == "tabpanel" and not self._tab_shown:
            # Wagtail's tabs are all sent `hidden`; its script opens the first one, which a reader sees.
            self._tab_shown = True
            return attributes.get("aria-hidden") == "true"
        return "hidden" in attributes or attributes.get("aria-hidden") == "true"

    def _new_button(self, attributes, kind, position) -> Button:
        form = self._forms[-1] if self._forms else None
        action = attributes.get("formaction") or (form.get("action", "") if form is not None else None)
        method = (attributes.get("formmethod") or (form or {}).get("method") or "get").lower()
        return Button("", kind, action, method, "disabled" in attributes, position)

    def _add_button(self, button: Button, name: str):
        button.name = normalise(name)
        self.buttons.append(button)
        if self._row is not None:
            self._row.buttons.append(button)

    def _add_link(self, link: Link):
        self.links.append(link)
        if self._row is not None:
            self._row.links.append(link)

    def _read_menu(self):
        props = json.loads("".join(self._sidebar_props or ["{}"]))
        self._sidebar_props = None
        modules = _unpack(props.get("modules", []), {})
        main_menus = [module for module in modules if module.get("_type") == "wagtail.sidebar.MainMenuModule"]
        self.menu.extend(_menu_items(main_menus))

    @property
    def menu_labels(self) -> list[str]:
        return [item.label for item in self.menu]

    @property
    def menu_urls(self) -> list[str]:
        return [item.url for item in self.menu if item.url]

    def _leave_messages(self):
        self._in_messages -= 1

    def _end_row(self):
        row, self._row = self._row, None
        if row is None or not self._tables:
            return
        table = self._tables[-1]
        if self._row_in_head:
            table.headers[:] = row.cells
        else:
            table.rows.append(row)

    def _start_svg(self, element, attributes, position):
        if attributes.get("role") != "img":
            return
        chart = Chart(name=attributes.get("aria-label", ""), position=position)
        self._charts.append(chart)
        element.ends.append(lambda: self.charts.append(self._charts.pop()))

    def _chart_title(self, text: str):
        chart = self._charts[-1]
        # The <title> just inside the <svg> names the chart; the others name its parts.
        is_own_title = bool(self._open) and self._open[-1].tag == "svg"
        if is_own_title and not chart.name:
            chart.name = text
        elif not is_own_title:
            chart.parts.append(text)

    def _record_page_basics(self, tag, attributes):
        """The first readers of this class: the language, the main heading, the labelled fields, the switcher."""
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

    @property
    def unlabelled_fields(self) -> list[str]:
        return [field_id for field_id in self.field_ids if field_id not in self.label_targets]


def page_structure(response) -> PageStructure:
    structure = PageStructure()
    structure.feed(response.content.decode())
    structure.close()
    return structure
