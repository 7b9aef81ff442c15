"""The 2006 State Council opinions on community services: the project's copy of the text, parsed.

The copy in demo/data/policy has one paragraph per line; its punctuation, flattened in the source, was
restored by hand. Two titles of other documents that the source lost are marked 《……》.
"""

import datetime
import json
import re
from dataclasses import dataclass

from demo.data_files import POLICY_SUMMARY, POLICY_TEXT

# From the State Council's own record; the news-wire copy the text comes from does not carry them.
DOCUMENT_NUMBER = "国发〔2006〕14号"
ISSUED_DATE = datetime.date(2006, 4, 9)
ISSUING_BODY = "国务院"
SECTION_HEADING = re.compile(r"^(?P<numeral>[一二三四五六七八九十]+)、(?P<title>.+)$")


@dataclass(frozen=True)
class PolicySection:
    numeral: str
    title: str
    paragraphs: tuple[str, ...]

    @property
    def heading(self) -> str:
        return f"{self.numeral}、{self.title}"


@dataclass(frozen=True)
class PolicyDocument:
    title: str
    dateline: str
    addressees: str
    preamble: tuple[str, ...]
    sections: tuple[PolicySection, ...]


def parse_policy(text: str) -> PolicyDocument:
    """Title, dateline, addressees, preamble, then sections opened by a line such as '一、…'."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 4:
        raise ValueError("A policy text needs a title, a dateline, its addressees and a body.")
    title, dateline, addressees, *body = lines
    preamble: list[str] = []
    sections: list[tuple[str, str, list[str]]] = []
    for line in body:
        match = SECTION_HEADING.match(line)
        if match:
            sections.append((match["numeral"], match["title"], []))
        elif sections:
            sections[-1][2].append(line)
        else:
            preamble.append(line)
    return PolicyDocument(
        title=title,
        dateline=dateline,
        addressees=addressees,
        preamble=tuple(preamble),
        sections=tuple(PolicySection(numeral, heading, tuple(paragraphs)) for numeral, heading, paragraphs in sections),
    )


def state_council_2006() -> PolicyDocument:
    return parse_policy(POLICY_TEXT.read_text(encoding="utf-8"))


def english_summary() -> dict:
    """Our own English summary of each section (not a translation): title, introduction, sections."""
    return json.loads(POLICY_SUMMARY.read_text(encoding="utf-8"))
