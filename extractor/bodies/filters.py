"""What a name found in a plan is not: each test here turns down a span that
names no body of this plan's work, whoever proposed it (rules or model).

- a person (工会主席, 团委书记): a person word follows the name;
- a kind counted (十家示范工会) or a title (优秀团支部, 先进集体);
- a document or a slogan (《…》, “…” holding more than the name);
- an object (加强…委员会建设, 组建…协会 where nothing charges it with work);
- the source of a meeting's or a document's spirit (贯彻市总工会会议精神);
- a destination (选派护士到省级医院进修);
- a bare kind (局, 委员会) or a word that only ends like one (干部, 全部);
- a name in a sentence that looks back at a past year or tells of an award.
"""

from __future__ import annotations

import re

from extractor.bodies import lexicon
from extractor.bodies.roles import cues, list_bounds
from extractor.hanzi import posseg
from extractor.timex import looks_back

_COUNTED = re.compile(r"[\d一二三四五六七八九十百千万两几多]+(?:家|个|所|支|类)[^，,。；;、]{0,4}$")
_QUOTES = re.compile(r"“[^”\n]{0,40}”|《[^》\n]{0,60}》|「[^」\n]{0,40}」")
_CONGRESS = re.compile(r"^[\s第新]*[一二三四五六七八九十百零〇两\d]+(?:届|次|大)")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_SENTENCE = re.compile(r"[^。！？!?\n]+")
_CLAUSE = re.compile(r"[^，,；;]+")
_AWARD = re.compile(r"荣获|获评|被评为|被授予|授予的|被命名为|获得[^，,；;]{0,12}(?:称号|荣誉|表彰)")
_ASPIRE = re.compile(r"争|推荐|申报|参评|创建|确保|努力|积极")
_CHARGED = ("负责", "牵头", "具体负责")


def names_no_body(text: str, spans: list[tuple[int, int]], k: int) -> bool:
    """Does span k of `text`, where it stands, name no body at all? Words
    around a list (X、Y和Z) bear on each of its names."""
    s, e = spans[k]
    name = text[s:e]
    first, last = list_bounds(text, spans, k)
    after = text[e : e + 8]
    list_after = text[spans[last][1] : spans[last][1] + 8]
    before = text[max(0, spans[first][0] - 12) : spans[first][0]]
    return (
        len(name) < 2
        or (s > 0 and text[s - 1].isdigit() and lexicon.kinds().fullmatch(name) is not None)  # 20日报到 is no 日报
        or (name in lexicon.word_set("needs_prefix") and not _shares_prefix(text, spans, k))
        or (lexicon.ends_in(name, "not_org") and not _office_by_work(name))
        or lexicon.starts_with(name, "title_words")
        or _titled(name)
        or (name.endswith("中心") and lexicon.ends_in(before, "focus_before"))  # 紧紧围绕通信发展中心: a focus
        or (name.endswith("中心") and after.startswith(("工作", "任务")))  # 公司党政中心工作: the central work
        or (name.endswith("所") and _what_it_does(name, after))
        or _field_label(name, after)
        or lexicon.starts_with(after, "person_tails")
        or lexicon.starts_with(list_after, "object_tails")
        or lexicon.starts_with(list_after, "source_after")
        or bool(_CONGRESS.match(after))
        # 做好工会工作, 履行工会职能: a field of work, not a body
        or (name in lexicon.word_set("topic_kinds") and lexicon.starts_with(after, "topic_tails"))
        or after.startswith(("职能", "职责"))  # 明确办公室职能: what a body is for, not a body at work
        or bool(_COUNTED.search(before[-6:]))
        or _quoted(text, s, e)
        or _destination(before)
        or (lexicon.ends_in(before, "built_before") and not list_after.lstrip("，,").startswith(_CHARGED))
    )


def _field_label(name: str, after: str) -> bool:
    """"地点:县委大门口责任单位:县妇联": a field's label (the roles' cue words,
    责任单位：) run into the value before it is no name; the body follows it."""
    return after[:1] in ":：" and any(name.endswith(cue.rstrip(":：")) for r in cues() for cue in r.before)


def _what_it_does(name: str, after: str) -> bool:
    """"中国电信所面临的新形势": a 所 of its own before a verb and 的 says what
    the name before it does, no institute (派出所, 监督所 stay: jieba reads
    them as one word, or 所 does not open such a clause)."""
    nxt = posseg(after)
    return (
        any(w == "所" for w, _ in posseg(name))
        and len(nxt) >= 2
        and nxt[0][1].startswith("v")
        and nxt[1][0] == "的"
    )


def _titled(name: str) -> bool:
    """劳动竞赛先进单位, 市级示范团支部: a title before the kind is an award's name."""
    m = lexicon.kinds().search(name, max(0, len(name) - lexicon.longest_kind()))
    while m and m.end() != len(name):  # the kind that ends the name
        m = lexicon.kinds().search(name, m.start() + 1)
    return m is not None and lexicon.ends_in(name[: m.start()], "title_words")


def _shares_prefix(text: str, spans: list[tuple[int, int]], k: int) -> bool:
    """"街道党工委、办事处": a bare kind listed right after a named body is
    that body's place's (the 街道's 办事处), not any office."""
    return k > 0 and text[spans[k - 1][1] : spans[k][0]] == "、" and spans[k - 1][1] - spans[k - 1][0] >= 3


def _office_by_work(name: str) -> bool:
    """管理科 ends in 理科 but names an office by what it does: a kind of one
    character after a two-character activity (教学|科, 管理|科)."""
    return len(name) >= 3 and name[-1] in "科部处室局厅" and name[-3:-1] in ("管理", "教学", "教务", "后勤", "保卫", "宣传", "组织")


def _quoted(text: str, s: int, e: int) -> bool:
    """Inside a document's title, or a quote holding more than the name."""
    for m in _QUOTES.finditer(text, max(0, s - 60), min(len(text), e + 60)):
        if m.start() < s and e < m.end():
            return m.group()[0] == "《" or m.group()[1:-1] != text[s:e]
    return False


_DESCRIBING = re.compile(r"(?:[^，,。；;、]{0,6}的|优秀的?|本市|本区|全市|各大)?$")


def _destination(before: str) -> bool:
    """选派护士到省级医院进修, 到优秀的一线项目部: where people go (a few
    describing words may stand between), not who works; 落实到各基层工会:
    where work is handed down to, the body that carries it."""
    words = _DESCRIBING.sub("", before)
    going = next((w for w in lexicon.words()["destination_before"] if words.endswith(w)), None)
    return going is not None and not lexicon.ends_in(words[: len(words) - len(going)], "assigning_before")


def past_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the sentences that look back (a past year or 去年 opens
    them, no word of the future) and of the clauses that tell of an award.
    A year is past when it is before the latest year the text names twice
    (else the latest it names)."""
    counts: dict[int, int] = {}
    for y in _YEAR.findall(text):
        counts[int(y)] = counts.get(int(y), 0) + 1
    latest = max((y for y, n in counts.items() if n > 1), default=max(counts, default=0))
    out = []
    for m in _SENTENCE.finditer(text):
        if looks_back(m.group(0), latest):
            out.append(m.span())
            continue
        for c in _CLAUSE.finditer(m.group(0)):
            if _AWARD.search(c.group(0)) and not _ASPIRE.search(c.group(0)):
                out.append((m.start() + c.start(), m.start() + c.end()))
    return out
