"""Which blocks of a pasted page are the article, other stories' teasers, or site chrome.

A page pasted as text carries navigation, sharing and app prompts, section labels and
lists of other stories around the article. Each block (line) gets a Section:

- BOILERPLATE: chrome (a navigation bar, "Download the app", "Share", cookie and
  copyright lines, counters such as "Comments (0)", "-" separators), labels ("Top
  Stories", "Check Also", and a site section's name such as "World" once the article
  began; en/page_labels.toml), the lists under a "Sources" or "References" label, and
  "Categories: ..." lines;
- RELATED: the items of a list under a label: headlines, each maybe followed by its
  one-sentence summary, up to a paragraph that is neither; inline "Read more: ..." lines;
  and headline-like blocks anywhere outside the article's prose that share almost no
  words with it (another story's headline set between paragraphs);
- ARTICLE: everything else.

A stamp opening a block (" date 2024-08-28 ") is chrome inside the article's block:
`leading_stamp_end` says where the text after it begins.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence

from service import lexicon
from service.core.spans import Span
from service.core.types import Section
from service.text.segment import sentences

_LABELS = lexicon.page_labels()
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Labels that open a list of other stories.
_RELATED_LABEL = re.compile(
    r"""^(?:related(?:\s+(?:stories|articles|content|coverage|news|links|topics|reading))?
    |more\s+(?:on\s+this\s+(?:story|topic)|stories|news|from\s+.{1,40}|like\s+this|to\s+explore)
    |most\s+(?:read|popular|viewed|shared|watched)|top\s+stories|latest(?:\s+(?:news|stories|headlines))?
    |you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in)|recommended(?:\s+for\s+you)?
    |read\s+(?:more|next|also)|see\s+also|also\s+(?:read|on\s+.{1,30})|trending(?:\s+now)?
    |editor['’]s\s+picks?|in\s+other\s+news|elsewhere\s+on\s+.{1,30}|what\s+to\s+read\s+next
    |popular\s+(?:now|stories)|headlines)\s*:?$""",
    re.IGNORECASE | re.VERBOSE,
)
# Labels that open a list of sources, references or tags: the lines under them are chrome.
_SOURCES_LABEL = re.compile(
    r"^(?:sources?|references|external\s+links|further\s+reading|notes|bibliography|credits)\s*:?$",
    re.IGNORECASE,
)
_TAG_LINE = re.compile(r"^(?:categories|tags|topics|filed\s+under)\s*:", re.IGNORECASE)
# A teaser inline in the body: "Read more: Iran tests a missile".
_INLINE_TEASER = re.compile(r"^(?:read\s+(?:more|also|next)|related|see\s+also|more|watch)\s*:\s*\S",
                            re.IGNORECASE)
# Chrome that opens a block: sharing, apps, newsletters, accounts, skip links.
_CHROME_OPENING = re.compile(
    r"""^[^\w©]*(?:download\s+(?:the|our)\b|get\s+(?:the|our)\s+(?:[\w-]+\s+){0,2}app\b|sign\s+(?:up|in)\b
    |log\s+(?:in|out)\b|subscribe\b|follow\s+us\b|share\s+(?:this|on|via)\b|skip\s+to\b|click\s+here
    |advertisement|sponsored\b|listen\s+to\s+this|enable\s+javascript|join\s+(?:our|the)\s+newsletter
    |(?:share|tweet|email|print|copy\s+link|whatsapp|facebook|twitter|linkedin|reddit)(?:\s*[|•·,:]\s*|\s+)
     (?:share|tweet|email|print|copy\s+link|whatsapp|facebook|twitter|linkedin|reddit|x)\b)""",
    re.IGNORECASE | re.VERBOSE,
)
# Chrome anywhere in a short block: legal lines, cookie prompts, reading times.
_CHROME_ANYWHERE = re.compile(
    r"""all\s+rights\s+reserved|©|^\(c\)\s|^copyright\b|\bcookies?\b|privacy\s+(?:policy|notice|settings)
    |terms\s+(?:of\s+(?:use|service)|and\s+conditions)|\bnewsletters?\b|\bthe\s+\w+\s+app\b
    |\bcomments?\s*\(\d+\)|\b\d+\s+min(?:ute)?\s+read\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Chrome cues anywhere count only in blocks this short: an article may mention cookies.
_CHROME_MAX_WORDS = 25
# One-word blocks that are controls, not text.
_CONTROLS = frozenset(
    """share tweet email print menu search home close back next previous more comments comment
    advertisement ad loading subscribe login register video audio listen watch photos gallery
    save bookmark follow""".split()
)
# Words of site navigation bars ("Home | World | Politics | Business").
_NAVIGATION_WORDS = frozenset(
    """home news world politics business economy money markets tech technology science health
    sport sports football entertainment culture arts music film tv opinion opinions video videos
    live travel weather local us uk europe asia africa americas australia middle east lifestyle
    style food climate environment education podcasts podcast newsletters games puzzles crossword
    more menu search latest investigations analysis features obituaries magazine shop""".split()
)
_SEPARATORS = re.compile(r"\s*[|•·»›/]\s*")
_TERMINAL = re.compile(r"""[.!?…]["'”’)\]]*$""")
# A teaser shares fewer than this share of its content words with the article's prose.
_TEASER_MAX_OVERLAP = 0.25
# Prose: a block that reads as a paragraph of the article, not a headline or label.
_PROSE_MIN_WORDS = 20
_HEADLINE_MAX_WORDS = 20
_STOPWORDS = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been has have had
    it its this that these those after before over under into about than then he she they we you i
    his her their our your not no new says said will would could can may""".split()
)


def block_sections(text: str, blocks: Sequence[Span]) -> list[Section]:
    """Return the Section of each block of `text` (blocks in text order)."""
    chrome = [is_chrome(text[b.start : b.end]) for b in blocks]
    prose = [not chrome[i] and is_prose(text[b.start : b.end]) for i, b in enumerate(blocks)]
    sections = [Section.BOILERPLATE if c else Section.ARTICLE for c in chrome]
    _mark_labelled_lists(text, blocks, chrome, prose, sections)
    for i in _unrelated_headlines(text, blocks, chrome, prose, sections):
        sections[i] = Section.RELATED
    return sections


class _List(enum.Enum):
    """Where a labelled list of teasers stands: an item is a headline, then maybe its summary."""

    EXPECT_ITEM = enum.auto()
    AFTER_HEADLINE = enum.auto()


def _mark_labelled_lists(text: str, blocks: Sequence[Span], chrome: list[bool], prose: list[bool],
                         sections: list[Section]) -> None:
    """Mark the items of each list under a label: related stories' headlines and their one-sentence
    summaries (as RELATED), or a sources list (as BOILERPLATE), in `sections`.

    A list runs over labels, section names and "-" separators; it ends at a paragraph that is
    not a headline's summary. A section name ("World") opens a list only after the article's
    prose began: above the article it is navigation.
    """
    under: Section | None = None  # the section a label opened
    state = _List.EXPECT_ITEM
    prose_seen = False
    for i, block in enumerate(blocks):
        content = text[block.start : block.end].strip()
        if _is_related_label(content) or (prose_seen and _is_section_label(content)):
            sections[i], under, state = Section.BOILERPLATE, Section.RELATED, _List.EXPECT_ITEM
        elif _SOURCES_LABEL.match(content):
            under = Section.BOILERPLATE
        elif chrome[i]:
            continue
        elif under is Section.BOILERPLATE:
            if prose[i]:
                under = None
            else:
                sections[i] = under
        elif under is Section.RELATED:
            if not _TERMINAL.search(content) and len(content.split()) <= _HEADLINE_MAX_WORDS:
                sections[i], state = Section.RELATED, _List.AFTER_HEADLINE
            elif state is _List.AFTER_HEADLINE and len(sentences(text, block)) == 1:
                sections[i], state = Section.RELATED, _List.EXPECT_ITEM
            else:
                under = None
        elif _INLINE_TEASER.match(content):
            sections[i] = Section.RELATED
        prose_seen = prose_seen or (prose[i] and sections[i] is Section.ARTICLE)


def _is_related_label(block: str) -> bool:
    """Whether a block is a label over a list of other stories ("Check Also", "Top Stories")."""
    return bool(_RELATED_LABEL.match(block)) or _label_words(block) in _LABELS.related


def _is_section_label(block: str) -> bool:
    """Whether a block is a site section's name ("Canada", "More World News")."""
    words = _label_words(block)
    words = re.sub(r"^more\s+(.+?)(?:\s+(?:news|stories))?$", r"\1", words)
    return words in _LABELS.sections


def _label_words(block: str) -> str:
    return " ".join(block.casefold().rstrip(":").split())


def is_chrome(block: str) -> bool:
    """Whether a block is site chrome or a section label rather than text."""
    stripped = block.strip()
    words = _WORD.findall(stripped.lower())
    if not words:
        return not any(c.isdigit() for c in stripped)
    if len(words) == 1 and words[0] in _CONTROLS:
        return True
    if any(p.match(stripped) for p in (_RELATED_LABEL, _SOURCES_LABEL, _TAG_LINE, _CHROME_OPENING)):
        return True
    if len(words) <= _CHROME_MAX_WORDS and _CHROME_ANYWHERE.search(stripped):
        return True
    items = [item for item in _SEPARATORS.split(stripped) if item]
    if len(items) >= 3 and all(len(item.split()) <= 3 for item in items):
        return True  # "Home | World | Politics"
    navigation = sum(w in _NAVIGATION_WORDS for w in words)
    return len(words) >= 3 and navigation / len(words) >= 0.6 and not _TERMINAL.search(stripped)


def is_prose(block: str) -> bool:
    """Whether a block reads as a paragraph of running text."""
    return len(block.split()) >= _PROSE_MIN_WORDS and bool(_TERMINAL.search(block.strip()))


def _content_words(block: str) -> set[str]:
    """Return the casefolded words of a block that carry content."""
    return {w for w in _WORD.findall(block.casefold()) if w not in _STOPWORDS and len(w) > 2}


def _unrelated_headlines(text: str, blocks: Sequence[Span], chrome: list[bool], prose: list[bool],
                         sections: list[Section]) -> list[int]:
    """Return the indices of headline-like blocks, around or between the article's paragraphs,
    that share almost none of their content words with its prose: other stories' teasers."""
    prose_indices = [i for i, is_prose in enumerate(prose) if is_prose and sections[i] is Section.ARTICLE]
    if len(prose_indices) < 2:
        return []
    vocabulary = set().union(*(_content_words(text[blocks[i].start : blocks[i].end]) for i in prose_indices))
    found = []
    for i, block in enumerate(blocks):
        if chrome[i] or prose[i] or sections[i] is not Section.ARTICLE:
            continue
        content = text[block.start : block.end]
        words = _content_words(content)
        if len(words) < 3 or len(content.split()) > _HEADLINE_MAX_WORDS or _TERMINAL.search(content.strip()):
            continue
        if len(words & vocabulary) / len(words) < _TEASER_MAX_OVERLAP:
            found.append(i)
    return found


# A stamp opening a block, before the text: " date 2024-08-28 ", "Published: 4 May 2021 |".
_LEADING_STAMP = re.compile(
    r"""\s*(?i:date|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?)\s*:?\s*
    (?:\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})
    (?:[T\s]\d{1,2}:\d{2}(?::\d{2})?)?\s*[|•·-]?\s+""",
    re.VERBOSE,
)


def leading_stamp_end(text: str, span: Span) -> int:
    """Return where the text of `span` begins after a date stamp opening it (its start if none)."""
    match = _LEADING_STAMP.match(text, span.start, span.end)
    return match.end() if match is not None and match.end() < span.end else span.start
