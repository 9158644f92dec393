"""Responsible bodies: the organisations a plan names, with the role each plays.

How a body is found (rules live in extractor/data, not here):

1. The text is mapped character by character to simplified Chinese
   (data/trad2simp.txt), so one rule set serves traditional plans too and
   every offset still points into the original text.
2. spaCy (`spacy.blank("zh")`, jieba segmenter, jieba user dictionary
   data/jieba_userdict.txt so that 总工会, 女职工委员会 … are one token) runs an
   EntityRuler whose patterns (data/body_patterns.jsonl) mark *anchor* tokens:
   words that end like an organisation (…工会, …委员会, …局, 党委, 团支部 …).
   The pattern `id` says whether an anchor is "strong" (a body wherever it is
   named) or "weak" (公司, 学校, 单位, 行政, bare 工会 … a body only where the
   sentence makes it an actor); weak words ending in 队/组 are "team" (车队,
   教研组, 班组: a body only where the plan hands it work in so many words —
   以X为单位, 由X, X负责/要).
   Offices named by trade (司法所, 卫生服务站) are words of three characters
   or more ending in 所/站; 团组织/党组织 need a qualifier (上级, 基层, 各).
   Before the ruler, `jihua_split_glued` cuts a coordination jieba keeps as
   one word (党和政府) unless the user dictionary vouches for it as one
   standard name (人力资源和社会保障局); splits a verb or conjunction glued
   to a place jieba knows (会同县|教育局 → 会同 县教育局, 和县) except on a
   short line (a title); splits 经局/报局 and 部等; and joins a lone
   所/站/办/院 to the noun before it (消防救援|站, 社会事务|办, 妇幼保健|院).
3. The `jihua_body_spans` component grows each anchor leftwards over the
   tokens that can be part of a name: place names, modifiers such as 各/基层/
   上级, nouns, unknown words (proper names), ordinals (第二实验中学), a short
   bracket (各街道（镇）) and 市、区 coordination. Function words and governing
   verbs stop it (data/body_rules.json). Anchors inside a grown span merge
   into it (区总工会办公室, 市总工会女职工委员会). Growth never takes an outline
   label ((一), （二）), stops at 和/与/及 except where two nouns share a
   committee's or a department's head (护理质量与安全管理委员会, 发展和改革局,
   文化广电和旅游局, 家庭和儿童工作部), and takes a verb only right before a
   bare office kind (劳务工关爱基金, 消费者权益保护科), never before a word
   that is a thing, a place or a modifier (增加|妇科, 走进|山区|小学,
   提升|基层团组织). Verbs jieba's dictionary tags as nouns (整理, 深化, 荣获)
   are stop words. A bracket may list places (各县（市、区）妇联); 县直/局属
   say whose units follow (县直产业工会, 局属各单位). A bare kind listed after
   a named body shares its place (街道党工委、办事处, 辖区幼儿园、小学); a table
   cell that holds only a name is taken whole (| 执法稽查科 |, | 组织宣传部 |).
   It drops what is not an organisation: a person (工会主席, 妇联执委, 大学
   新生), a level (集团级), a grade (三级甲等医院), a congress or session
   (中国工会十八大, 市总工会十六届五次全委), a title (优秀工会小组, 十家示范工会),
   an object of building (加强…委员会建设), a quoted slogan or a document title.
   The result is `doc.ents`, label ORG, `span.id_` strong/weak.
4. `find_mentions` reads the role from the clause around each span.

Roles, and why:
- "leader": inside 在…(的)(正确)领导/指导下.
- "lead": the subject that does the work (X负责/牵头/组织/将/要…, 由X负责),
  and the body *after* 配合/协助/支持: "配合公司人力资源部做好…" means the
  department carries the task and the plan's unit helps, so the department
  leads it. The plan's own unit is the issuer (merge_bodies) and needs no
  support role of its own.
- "support": the partner after 会同/联合/邀请/与 (and 在X的协助下), and
  schedule columns 配合单位/协办单位.
- "mention": named in a body role-free way; still a body for strong anchors,
  and for a weak one listed beside a named body (居委会、业主委员会和物业公司).
- dropped: a destination (选派护士到省级医院进修, 走进山区小学) is a place,
  the source of a meeting's or document's spirit (贯彻市总工会有关会议精神) is no doer,
  and a thing being built (建立…服务站) is no body yet, unless the clause
  charges it with work (成立…小组，负责…). A sentence looking back at a past
  year (2024年，…, 去年…) and an award clause (…被评为…, 荣获…授予的…) name
  last year's doers and prize givers, not the plan's: dropped, except the
  leaders (在…领导下), who lead this year too.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractor.hanzi import to_simplified
from extractor.timex import looks_back
from models import Body

DATA = Path(__file__).resolve().parent / "data"
ROLE_ORDER = ("issuer", "leader", "lead", "support", "mention")

_PUNCT_SPLIT = re.compile(r"[、，,；;／/\n\r\t]+|\s{2,}")
_HAN = re.compile(r"^[\u3400-\u9fffA-Za-z0-9]+$")
_NUMERAL = re.compile(r"^[一二三四五六七八九十百零〇两\d]+$")
_ORDINAL = re.compile(r"^第[一二三四五六七八九十百零〇两\d]+$")
# A body followed by a session or congress number is a meeting reference
# (中国工会十八大, 市总工会十六届五次全委会议), not the body acting.
_CONGRESS = re.compile(r"^[\s第新]*[一二三四五六七八九十百零〇两\d]+(届|次|大)")
# A count in front of a name makes it a kind, not one body (十家示范工会).
_COUNTED = re.compile(r"[\d一二三四五六七八九十百千万两几多]+(家|个|所|支|类)$")
_QUOTES = re.compile(r"“[^”\n]{0,40}”|《[^》\n]{0,60}》|「[^」\n]{0,40}」|\"[^\"\n]{0,40}\"")
_GLUED = re.compile(r"^.*[向在被由和与及对从到把将为报经]+[省市区县镇乡村院校厂局]$")
# an office kind glued to the 等 that closes a list (后勤保障|部等|部门)
_KIND_ETC = re.compile(r"^[\u4e00-\u9fff]*[部科局处室所站办院委]等$")
_ADMIN_CHARS = set("省市区县镇乡")
# X和Y glued into one token; group 3 is what follows the conjunction
_COORD = re.compile(r"^([\u4e00-\u9fff]+?)([和与及])([\u4e00-\u9fff]+)$")
_GENERIC = {"单位", "部门", "机构", "科室", "部室", "处室"}
_DEICTIC = set("本此该全何他别远近两多某一每")
_CLAUSE_END = "。；;！!？?\n"
_LIST_SEP = re.compile(r"^(、|和|及|以及|与|，|,|或)$")
_ADMIN = {"省", "市", "区", "县", "镇", "乡", "州", "街道"}
_BRACKETS = {"）": "（", ")": "("}
# Words after a weak body that say it is two bodies talking, not a compound
# noun (和驻街单位联系 keeps 驻街单位; 行政管理 drops 行政).
_INTERACTION = {"联系", "合作", "协作", "沟通", "协商", "共建", "对接", "交流"}

TABLE_LEAD = ("牵头单位", "责任单位", "责任部门", "负责部门", "责任主体", "承办单位", "牵头部门", "主办单位", "负责单位", "实施单位", "责任科室", "责任处室")
TABLE_SUPPORT = ("配合单位", "协办单位", "参与单位", "配合部门", "协助单位", "协作单位", "参加单位")


@dataclass
class Mention:
    """One naming of a body in a text; start/end are offsets into that text."""

    name: str
    role: str
    start: int
    end: int


# ---------------------------------------------------------------- loading


@lru_cache(maxsize=1)
def _rules() -> dict:
    rules = json.loads((DATA / "body_rules.json").read_text(encoding="utf-8"))
    for key, value in list(rules.items()):
        if isinstance(value, list):
            rules[key] = set(value) if key not in {"title_words", "person_tails", "object_tails", "not_org_tokens"} else tuple(value)
    return rules


@lru_cache(maxsize=1)
def _tags() -> dict[str, str]:
    """Part-of-speech of a word from jieba's dictionary plus our user dictionary.

    A lookup per token, not a second segmentation: the tokens are spaCy's.
    """
    import jieba.posseg

    jieba.posseg.dt.check_initialized() if hasattr(jieba.posseg.dt, "check_initialized") else None
    tags = dict(jieba.posseg.dt.word_tag_tab)
    for line in (DATA / "jieba_userdict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            tags[parts[0]] = parts[2]
    return tags


_PASSIVE = {"为", "被", "受", "深受", "受到", "广受", "备受"}


def _office_suo(words: list[str], k: int, tags: dict) -> bool:
    """Is the lone 所 at token k the end of an office's name (卫生监督|所负责,
    农经|所、)? jieba reads a 所 it does not know as the particle of 为群众所
    喜爱: a passive marker before the noun, 所 V 的 (职工所关心的), or a
    one-character verb after 所 (职工所盼) keeps it a particle."""
    noun = words[k - 1]
    if len(noun) < 2 or tags.get(noun) not in {"n", "vn", "an", "nz", "j"}:
        return False
    if any(w in _PASSIVE for w in words[max(0, k - 4) : k - 1]):
        return False
    nxt = words[k + 1] if k + 1 < len(words) else ""
    if k + 2 < len(words) and words[k + 2] == "的":
        return False  # 职工所关心的问题: 所 V 的
    return not (len(nxt) == 1 and tags.get(nxt, "")[:1] == "v" and nxt not in _MODALS)


_MODALS = {"要", "将", "应"}  # 水管所要…: the office as subject
_OFFICE_CHARS = {"所", "站", "办", "院"}


def _office_char(words: list[str], k: int, tags: dict) -> bool:
    """Is the lone 所/站/办/院 at token k the end of an office's name?

    jieba knows 站 and 办 as verbs (站在, 为职工办实事): after a noun they end
    a name only where the name ends there (消防救援|站、, 社会事务|办负责),
    not before a noun or a particle. 院 is no verb: after a noun it is a
    name's end (妇幼保健|院专家)."""
    w = words[k]
    if w == "所":
        return _office_suo(words, k, tags)
    noun = words[k - 1]
    if len(noun) < 2 or tags.get(noun) not in {"n", "vn", "nz", "j"}:
        return False
    if w == "院":
        return True
    nxt = words[k + 1] if k + 1 < len(words) else ""
    if not nxt or not _HAN.match(nxt) or nxt in _CONJ_AFTER or nxt in _MODALS:
        return True
    return len(nxt) >= 2 and tags.get(nxt, "")[:1] == "v" and tags.get(nxt) != "vn"


_CONJ_AFTER = {"和", "与", "及", "等", "或"}


def _verb_then_place(words: list[str], i: int, stop: set) -> bool:
    """会同县|教育局, 党委和县|农商银行: jieba reads a verb or conjunction
    and a one-character place as a county it knows (会同县, 和县). In running
    text, before a name, the verb reading is the plan's: 会同 (together with)
    + 县教育局. A short line that starts with it (a title, a signature) names
    the place."""
    w = words[i]
    if len(w) < 2 or w[-1] not in _ADMIN_CHARS or w[:-1] not in stop or w[0] in _DEICTIC or w[0] == "各":
        return False
    if i + 1 >= len(words) or not _HAN.match(words[i + 1]):
        return False
    if i == 0 or not words[i - 1].strip():
        line = 0
        for t in words[i:]:
            if t == "\n" or line > _SHORT_LINE:
                break
            line += len(t)
        return line > _SHORT_LINE  # a title or a signature names the place
    return True


_SHORT_LINE = 24


def _verb_then_bureau(w: str, own: frozenset) -> bool:
    """协调局|妇委会: jieba reads a verb and 局 as one noun (协调局); before a
    body the 局 is the bureau whose committee follows, the verb governs it."""
    rules = _rules()
    verbs = rules["stop_words"] | rules["support_verbs"] | rules["leader_verbs"]
    return len(w) == 3 and w[-1] == "局" and w[:-1] in verbs and w not in own


def _idiom_ban(word: str) -> bool:
    """婚事新办, 大操大办: a four-character phrase ending in 办 whose third
    character is an adjective or adverb is "doing it so", not an office; an
    office 办 follows a noun (平安办, 社会事务办)."""
    return len(word) == 4 and word[-1] == "办" and _tags().get(word[2], "")[:1] in {"a", "d"}


@lru_cache(maxsize=1)
def _userdict_words() -> frozenset[str]:
    """Our user dictionary's words: standard names we vouch for as one word."""
    lines = (DATA / "jieba_userdict.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.split()[0] for line in lines if line.strip())


@lru_cache(maxsize=1)
def _anchor_tail() -> re.Pattern:
    """The word endings the EntityRuler's strong patterns treat as bodies,
    as one regex (read from body_patterns.jsonl, so the two never drift)."""
    tails = []
    for line in (DATA / "body_patterns.jsonl").read_text(encoding="utf-8").splitlines():
        pat = json.loads(line) if line.strip() else None
        if not pat or pat.get("id") != "strong" or len(pat["pattern"]) != 1:
            continue
        text = pat["pattern"][0]["TEXT"]
        if "REGEX" in text:
            tails.append(f"(?:{text['REGEX']})")
        else:
            tails.append("(?:" + "|".join(map(re.escape, text["IN"])) + ")$")
    return re.compile("|".join(tails))


@lru_cache(maxsize=1)
def _nlp():
    """The spaCy pipeline, built once: jieba segmenter, EntityRuler, span grower."""
    import jieba
    import spacy

    jieba.setLogLevel(60)  # jieba prints its cache notice on stderr otherwise
    # spaCy's zh tokenizer calls jieba's module-level tokenizer, so the user
    # dictionary goes there.
    jieba.load_userdict(str(DATA / "jieba_userdict.txt"))
    _register()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    ruler = nlp.add_pipe("entity_ruler", config={"validate": True})
    ruler.from_disk(DATA / "body_patterns.jsonl")
    nlp.add_pipe("jihua_body_spans", after="entity_ruler")
    nlp.add_pipe("jihua_split_glued", before="entity_ruler")
    return nlp


# ----------------------------------------------------- the spaCy component


def _register() -> None:
    from spacy.language import Language

    if Language.has_factory("jihua_body_spans"):
        return

    @Language.component("jihua_split_glued")
    def split_glued(doc):  # noqa: ANN001 - spaCy's Doc
        """jieba glues a preposition to a place it does not know (向区|总工会,
        被市|教育工会, 十八大和市): split it off so the name can start at 区/市.

        It also keeps coordinations as one word (党和政府 nt): where the part
        after 和/与/及 ends like a body and the whole is not one of our
        standard names (人力资源和社会保障局), cut at the conjunction, so each
        part is judged alone (a bare 政府 names no one)."""
        tags = _tags()
        own = _userdict_words()
        tail_re = _anchor_tail()
        stop = _rules()["stop_words"]
        words = [t.text for t in doc]  # token objects are costly: read the texts once
        glued, coords = [], []
        for i, w in enumerate(words):
            if (_GLUED.match(w) or _KIND_ETC.match(w)) and w not in tags:
                glued.append(i)
            elif (m := _COORD.match(w)) and w not in own and tail_re.search(m.group(3)):
                coords.append((i, [m.group(1), m.group(2), m.group(3)]))
            elif _verb_then_place(words, i, stop) or _verb_then_bureau(w, own):
                glued.append(i)
        if glued or coords:
            with doc.retokenize() as retok:
                for i in glued:
                    t = doc[i]
                    retok.split(t, [t.text[:-1], t.text[-1]], heads=[(t, 1), (t, 1)])
                for i, parts in coords:
                    t = doc[i]
                    retok.split(t, parts, heads=[(t, 2), (t, 2), (t, 2)])
            words = [t.text for t in doc]
        offices = [k for k, w in enumerate(words) if w in _OFFICE_CHARS and k and _office_char(words, k, tags)]
        if offices:  # 卫生监督|所, 消防救援|站, 社会事务|办 → one word, so the name ends in an office kind
            with doc.retokenize() as retok:
                for k in offices:
                    retok.merge(doc[k - 1 : k + 1])
        return doc

    @Language.component("jihua_body_spans")
    def body_spans(doc):  # noqa: ANN001 - spaCy's Doc
        doc.ents = _grow(doc)
        return doc


def _kind(span) -> str:  # noqa: ANN001
    return span.id_ or "strong"


def _grow(doc) -> list:  # noqa: ANN001
    """Turn anchor tokens into full names; see the module docstring (step 3)."""
    from spacy.tokens import Span

    rules = _rules()
    text = doc.text
    quoted = [(m.start(), m.end()) for m in _QUOTES.finditer(text)]
    anchors = sorted(doc.ents, key=lambda s: s.start, reverse=True)
    anchor_starts = {a.start for a in anchors}
    anchor_ends = {a.end: a for a in anchors}
    tags = _tags()
    out = []
    taken_from = len(doc)  # tokens from here on belong to a span already decided
    for anchor in anchors:
        if anchor.end > taken_from:
            continue
        word = anchor.text
        if _not_org(word) or _idiom_ban(word) or _anchor_vetoed(doc, anchor, rules):
            continue
        if len(word) == 2 and (word[0] in _DEICTIC or word[0] == "各") and word != "两委":  # 村两委: the two committees
            continue  # 全处, 本局, 此处, 各部, 各科: a place or "the whole office", not a named body
        kind = _kind(anchor)
        if kind == "weak" and word.endswith(("队", "组")) and not word.endswith("小组"):
            kind = "team"  # one weak pattern for both, so the ruler runs one regex fewer per token
        if kind == "strong" and word.endswith(_FACILITY) and not word.endswith(_OFFICE_ROOMS):
            kind = "room"  # 休息室, 广播站: a room or a station is a body only where it acts
        if kind in ("weak", "team") and tags.get(word, "n")[:1] == "v":
            continue  # 带队, 组队: a verb that ends like a team
        open_suffix = _open(word, rules)
        start = _grow_left(doc, anchor.start, anchor_starts, rules, open_suffix)
        start = _cell_start(doc, start, anchor.end, rules)
        if word == "工会" and start == anchor.start:
            kind = "weak"  # bare 工会 is a body only where it acts
        span = Span(doc, start, anchor.end, label="ORG", span_id=kind)
        taken_from = start
        name = span.text
        after = text[span.end_char : span.end_char + 8]
        if any(after.startswith(t) for t in rules["object_tails"]):
            continue
        if name.startswith(rules["title_words"]) or _COUNTED.search(text[max(0, span.start_char - 6) : span.start_char]):
            continue
        inside = [(a, b) for a, b in quoted if a <= span.start_char and span.end_char <= b]
        # a quote holding exactly a named body ("“葵涌工会”博客") still names it;
        # any other quoted text is a slogan or a title
        if inside and not (text[inside[0][0] + 1 : inside[0][1] - 1] == name and kind == "strong" and start < anchor.start):
            continue
        if start == anchor.start and word in rules["needs_prefix"] and not _shares_prefix(doc, start, anchor_ends):
            continue  # a bare 局, 部门, 委员会 … names no one
        if word in _GENERIC and all(t.text in rules["prefix_modifiers"] for t in doc[start : anchor.start]):
            continue  # 各单位, 相关部门: every unit, no unit in particular
        out.append(span)
    return sorted(out, key=lambda s: s.start)


@lru_cache(maxsize=4096)
def _not_org(word: str) -> bool:
    """Does this anchor word end in a word that names no body (公共场所,
    化学实验室, 集团总部)? Not where it reads as a verbal noun and a
    one-character kind: 管理科 ends in 理科 but reads 管理|科, an office."""
    bad = _rules()["not_org_tokens"]
    if word in bad:
        return True
    tail = next((b for b in bad if word.endswith(b)), None)
    if tail is None:
        return False
    # an office named by what it does (管理|科, 教学|科) only: a field
    # before it (护理|学科, 重点|学科) or a place (中|西部) is what it reads as
    tags = _tags()
    doing = tags.get(word[-3:-1]) == "vn" or tags.get(word[:-1]) == "vn"
    return not (len(tail) == 2 and len(word) > 2 and doing and word[-1] in _ONE_CHAR_KINDS)


_ONE_CHAR_KINDS = set("科部处室局厅")
_FACILITY = ("室", "站")  # rooms and stations: a body only where it acts
_OFFICE_ROOMS = ("办公室", "工作站", "科室", "部室", "处室")  # offices by name, bodies wherever named


def _shares_prefix(doc, start: int, anchor_ends: dict) -> bool:  # noqa: ANN001
    """"街道党工委、办事处": a bare kind listed right after a named body takes
    that body's place name; it is the 街道's 办事处, not any office."""
    if start < 2 or doc[start - 1].text != "、" or (start - 1) not in anchor_ends:
        return False
    before = anchor_ends[start - 1]
    if _kind(before) == "strong" and before.text not in _rules()["needs_prefix"]:
        return True
    # 辖区幼儿园、小学: a named school or company before it
    lead = doc[before.start - 1].text if before.start else ""
    return bool(_HAN.match(lead)) and lead not in _rules()["stop_words"] and _tags().get(lead, "n") in _rules()["name_tags"]


_CELL_BARS = {"|", "｜"}


def _cell_start(doc, start: int, end: int, rules: dict) -> int:  # noqa: ANN001
    """A schedule-table cell that holds only a name (| 执法稽查科 |, | 组织宣传部 |)
    is that name whole, though its first word reads as a verb elsewhere
    (执法, 组织); a function word (由, 和) still says the cell is a phrase."""
    j = start - 1
    while j >= 0 and start - j <= 3 and _HAN.match(doc[j].text) and doc[j].text not in _CONJ and (len(doc[j].text) > 1 or doc[j].text not in rules["stop_words"]):
        j -= 1
    if j == start - 1 or j < 0 or doc[j].text not in _CELL_BARS:
        return start
    closes = end >= len(doc) or doc[end].text in _CELL_BARS or doc[end].text in {"、", "\n"}
    return j + 1 if closes else start


def _anchor_vetoed(doc, anchor, rules) -> bool:  # noqa: ANN001
    """Anchors followed by a person, a session number or 中心工作 name no body."""
    # doc.text is rebuilt from every token on each access: read it off the anchor's own doc slice
    after = doc[anchor.end : anchor.end + 8].text[:8]
    nxt = doc[anchor.end].text if anchor.end < len(doc) else ""
    if nxt in rules["person_tails"] or nxt.startswith(("主席", "书记", "主任", "委员", "干部", "领导")):
        return True
    if anchor.text.endswith(("会", "组", "委", "队", "部", "局", "处", "室", "站", "所")) and after[:1] in {"长", "员", "委"}:
        return True
    if _CONGRESS.match(after):
        return True
    if anchor.text.endswith("中心") and after.startswith(("工作", "任务", "环节", "组")):
        return True
    if anchor.text.endswith("站") and after[:1] == "点":
        return True  # 服务站点: a site, and jieba cut it after 站
    return False


def _open(word: str, rules: dict) -> bool:
    """Does a name ending in this word take descriptive words before it?
    (经费审查委员会, 应急管理局, 教育工会; not 管理少先队)."""
    return word.endswith(tuple(rules["needs_prefix"])) or word.endswith("工会")


@lru_cache(maxsize=4096)
def _unknown_word_ok(word: str) -> bool:
    """May this word, unknown to jieba or long, be part of a name?

    jieba glues phrases into words it does not know, or tags fixed phrases as
    nouns (充分发挥 n, 建立健全 nr, 本年度 n); a name's own words are nouns or
    unknown proper names (江岳, 建泰). The word's head decides: a function
    word or a verb/adverb there starts a predicate, not a name.
    """
    import jieba

    rules = _rules()
    tags = _tags()
    if word in tags:  # a dictionary word: look at its head only
        heads = [word[:1]] if len(word) == 3 else [word[:2]]
    else:
        heads = jieba.lcut(word, HMM=False)
    for piece in heads:
        if piece in rules["stop_words"] or piece in _CONJ:
            return False
        tag = tags.get(piece, "")
        if len(piece) > 1 and tag[:1] in {"v", "d", "p", "c", "r", "u", "t", "m", "a"} and tag not in {"vn", "an"}:
            return False
    return True


_CONJ = {"和", "与", "及", "或", "在", "由", "将", "对", "向", "把", "被", "从", "的", "了", "是", "为"}
_STOP_TAGS = {"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "d", "ad", "r", "t", "tg", "y", "e", "o", "q", "f", "a", "ag", "z", "zg", "k", "h"}


def _grow_left(doc, i0: int, anchor_starts: set, rules: dict, open_suffix: bool) -> int:  # noqa: ANN001
    """Index of the first token of the name that ends with the anchor at i0.

    open_suffix: the anchor is a bare kind (…委员会, …局, …基金) whose name
    may hold a verbal noun (经费审查委员会, 应急管理局); a self-standing
    body (少先队, 工会) takes only place names, modifiers and nouns.
    """
    tags = _tags()
    tok_kind_bare = doc[i0].text.endswith(tuple(rules["needs_prefix"]))
    start = i0
    i = i0 - 1
    while i >= 0 and i0 - i <= 7:
        tok = doc[i].text
        if tok in _BRACKETS:  # 各街道（镇）, 各区(县): a short alternative in brackets
            j = i - 1
            while j >= 0 and j > i - 6 and doc[j].text != _BRACKETS[tok]:
                j -= 1
            inner = doc[j + 1 : i].text if j >= 0 else ""
            # （一）, (2): an outline label before the name, never part of it
            label = _NUMERAL.match(inner)
            # 各县(市、区): places listed inside the bracket
            places = "、" in inner and all(p in _ADMIN for p in inner.split("、"))
            if j >= 1 and doc[j].text == _BRACKETS[tok] and 0 < len(inner) <= 5 and (_HAN.match(inner) or places) and not label:
                start, i = j, j - 1
                continue
            break
        if tok == "、":  # 市、区慈善会
            if doc[i + 1].text in _ADMIN and i >= 1 and doc[i - 1].text in _ADMIN and start == i + 1:
                start, i = i - 1, i - 2
                continue
            break
        if tok in _JOINERS and _joint_name(doc, i, i0, start, anchor_starts, rules):
            start, i = i - 1, i - 2  # 护理质量与安全管理委员会: X与Y share the committee
            continue
        if not _HAN.match(tok) or tok in rules["stop_words"] or tok[-1] in "和与及或":
            break
        if i in anchor_starts and _not_org(tok) and tags.get(tok, "n")[:1] != "n":
            break  # 本科|室, 各部|室: a word that names no body, not a name's part
        if tok.startswith("各") and len(tok) <= 3:  # 各, 各区, 各街道: nothing left of it is part of the name
            start = i
            # 局属各单位, 县直各部门: whose units they are
            if i >= 1 and tok == "各" and doc[i - 1].text[-1:] in _OWNED and len(doc[i - 1].text) == 2:
                start = i - 1
            break
        tag = tags.get(tok)
        if i in anchor_starts:
            open_suffix = _open(tok, rules)
            start, i = i, i - 1
            continue
        if tok in rules["prefix_modifiers"] or tok in _ADMIN:
            start, i = i, i - 1
            continue
        if len(tok) == 3 and tok[-1] in _ADMIN_CHARS and tags.get(tok) in {"n", "ns"}:  # 会同县 in a title
            start, i = i, i - 1
            continue
        if tok in _OWNED and i >= 1 and doc[i - 1].text in _ADMIN:  # 县|直|产业工会: the county's own
            start, i = i - 1, i - 2
            continue
        # 幸福|里|小学, 王家|庄|村委会: a place named with a one-character kind of place
        if tok in _PLACE_CHARS and i >= 1 and len(doc[i - 1].text) == 2 and tags.get(doc[i - 1].text, "n")[:1] in {"n", "a"}:
            if doc[i - 1].text not in rules["stop_words"]:
                start, i = i - 1, i - 2
                continue
        if tag is None or (len(tok) > 2 and tag in rules["name_tags"]):
            # jieba's tags are unreliable for long words (充分发挥 n, 建立健全 nr)
            if tok.isdigit() or not _unknown_word_ok(tok):
                break
            start, i = i, i - 1
            continue
        if tag == "m" and _ORDINAL.match(tok):
            start, i = i, i - 1
            continue
        # jieba sometimes cuts an unknown name into single characters (驻|街)
        if len(tok) == 1 and len(doc[i + 1].text) == 1 and tag not in _STOP_TAGS and tok not in _CONJ:
            start, i = i, i - 1
            continue
        if tag in rules["name_tags"] and (tag != "vn" or open_suffix):
            start, i = i, i - 1
            continue
        # A verb inside a name (劳务工关爱基金, 教代会提案工作委员会,
        # 消费者权益保护科) is rare: it sits between nouns and names what a
        # bare kind of office does. Before a word that is itself a thing
        # (增加|妇科, 参观|集团) or before a place (走进|山区|小学) a verb
        # starts a predicate.
        nxt = doc[i + 1].text
        if (
            tok_kind_bare
            and tag.startswith("v")
            and i >= 1
            and nxt not in _ADMIN
            and nxt not in rules["prefix_modifiers"]
            and tags.get(nxt) != "ns"
            and (doc[i0].text in rules["needs_prefix"] or doc[i0].text.startswith("工作"))
        ):
            left = doc[i - 1].text
            lt = tags.get(left)
            if _HAN.match(left) and left not in rules["stop_words"] and lt in {"n", "nt", "nz", "j"}:
                start, i = i, i - 1
                continue
        break
    return start


_JOINERS = {"与", "和", "及"}
_OWNED = set("属直")
_PLACE_CHARS = set("里庄湾坊巷苑屯寨")
_NOUNISH = {"n", "vn", "an", "nz"}
_NOUN_HEADS = _NOUNISH | {"j", "nt"}


def _joint_name(doc, i: int, i0: int, start: int, anchor_starts: set, rules: dict) -> bool:  # noqa: ANN001
    """Is the 与/和/及 at token i inside the name ending at i0?

    "护理质量与安全管理委员会": one or two plain nouns between the conjunction
    and a committee-like kind, and a plain noun before it that is no body of
    its own, so both nouns share the head (质量管理, 安全管理). Government
    departments are named the same way, A和B局 (发展和改革局, 文化广电和旅游局,
    家庭和儿童工作部), the kind often glued to B (旅游局). Between two bodies
    (教育局与卫健委), after a place or a person word, or before any other kind
    (党和政府) the conjunction joins two things.
    """
    tags = _tags()
    head = doc[i0].text
    if start != i + 1 or i < 1:
        return False
    dept = next((k for k in rules["joint_dept_kinds"] if head.endswith(k)), None)
    if not head.endswith(tuple(rules["joint_kinds"])) and dept is None:
        return False
    between = doc[i + 1 : i0]
    # 旅游|局, 统战|部 in one token
    own_noun = dept is not None and (tags.get(head[: -len(dept)]) in _NOUN_HEADS or tags.get(head) == "nt")
    if not (1 <= len(between) <= 2 or (not between and own_noun)) or any(k in anchor_starts for k in range(i + 1, i0)):
        return False
    if any(tags.get(t.text) not in _NOUNISH or t.text in rules["prefix_modifiers"] or t.text in _ADMIN for t in between):
        return False
    left = doc[i - 1].text
    return (
        (i - 1) not in anchor_starts
        and _HAN.match(left) is not None
        and left not in rules["stop_words"]
        and left not in _ADMIN
        and tags.get(left) in _NOUNISH
    )


# ------------------------------------------------------------- mentions


def find_mentions(text: str) -> list[Mention]:
    """Organisations named in a text, with the role the sentence gives each.

    Names that stand only in a look back at a past year (2024年，…；去年9月，…)
    or in an award (…被评为…, 荣获…授予的…) are left out: the plan's bodies are
    those of its work, not of last year's results or of who gave a prize
    (the leaders named in a look back still lead).
    """
    if not text:
        return []
    doc = _nlp()(to_simplified(text))
    rules = _rules()
    stext = doc.text
    ents = list(doc.ents)
    spans = [(e.start_char, e.end_char) for e in ents]
    dest = [_destination(doc, ent.start, rules) for ent in ents]
    review = _review_spans(stext) if ents else []
    out: list[Mention] = []
    for k, ent in enumerate(ents):
        s, e = spans[k]
        role = _role(stext, spans, k, rules, dest)
        if role == "place":
            continue
        # last year's leaders (2024年，在街道党工委的领导下…) lead this year too
        if review and role != "leader" and any(a <= s < b for a, b in review):
            continue
        kind = _kind(ent)
        if kind == "room":
            # 保健室严格执行…, 由心理辅导室负责: acting; 加强女职工休息室建设, 办好广播站: a facility
            if role == "mention" and not _opens_clause(stext, s):
                continue
            out.append(Mention(name=text[s:e], role=role, start=s, end=e))
            continue
        if kind in ("weak", "team"):
            # 居委会、业主委员会和物业服务企业, 大队部、体育组: listed beside a named
            # body, a weak name is one of the same kind
            listed = _listed_with_named(stext, spans, ents, k, rules)
            if kind == "team" and not listed and (role == "mention" or not _team_acts(stext, spans, k, rules)):
                continue
            if role == "mention" and not listed:
                continue
            nxt = doc[ent.end].text if ent.end < len(doc) else ""
            if _tags().get(nxt) in {"n", "vn", "nt", "nz", "j"} and nxt not in _INTERACTION and nxt not in rules["lead_after"]:
                continue  # 行政管理, 学校教育: part of a compound noun
        out.append(Mention(name=text[s:e], role=role, start=s, end=e))
    return out


_JOINED = {"、", "和", "及", "与", "以及"}


def _opens_clause(text: str, s: int) -> bool:
    """Does the name at offset s open its clause (after numbering), as the
    subject of what follows (保健室严格执行…, 县教研室每学期开展…)?"""
    a, _ = _clause(text, s, s)
    head = re.split(r"[，,:：。]", text[a:s])[-1]
    return not _NUMBERING.sub("", head.strip()).strip()


def _listed_with_named(text: str, spans: list[tuple[int, int]], ents: list, k: int, rules: dict) -> bool:  # noqa: ANN001
    """Is span k in a list (X、Y和Z, no comma) with a strong body named in
    full (业主委员会, not a bare 委员会)?"""
    first = k
    while first > 0 and text[spans[first - 1][1] : spans[first][0]] in _JOINED:
        first -= 1
    last = k
    while last + 1 < len(spans) and text[spans[last][1] : spans[last + 1][0]] in _JOINED:
        last += 1
    return any(
        j != k and _kind(ents[j]) == "strong" and len(ents[j].text) >= 3 and ents[j].text not in rules["needs_prefix"]
        for j in range(first, last + 1)
    )


_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_SENTENCE = re.compile(r"[^。！？!?\n]+")
_CLAUSE = re.compile(r"[^，,；;]+")
_AWARD = re.compile(r"荣获|获评|被评为|被授予|授予的|被命名为|获得[^，,；;]{0,12}(?:称号|荣誉|表彰)")
_ASPIRE = re.compile(r"争|推荐|申报|参评|创建|确保|努力|积极")


def _review_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the sentences that look back (a past year or 去年 opens
    them, with no word of the future) and of the clauses that tell of an award.

    A year is past when it is before the plan's own: the latest year the
    text names twice (the opening and the date below the signature), else
    the latest it names; a plan that names one year never looks back by
    number, and a plan for 2021 that plans ahead for 2022 (谋划2022年工作)
    still reads its own year."""
    counts: dict[int, int] = {}
    for y in _YEAR.findall(text):
        counts[int(y)] = counts.get(int(y), 0) + 1
    latest = max((y for y, n in counts.items() if n > 1), default=max(counts, default=0))
    out = []
    for m in _SENTENCE.finditer(text):
        sent = m.group(0)
        if looks_back(sent, latest):
            out.append(m.span())
            continue
        if _AWARD.search(sent):
            for c in _CLAUSE.finditer(sent):
                if _AWARD.search(c.group(0)) and not _ASPIRE.search(c.group(0)):
                    out.append((m.start() + c.start(), m.start() + c.end()))
    return out


_MOTION_AFTER_VERB = {"到", "去"}
_OPEN_QUOTES = {"“", "「", '"', "‘", "《"}  # 落实到, 分解到: the body is where the work lands


def _destination(doc, i: int, rules: dict) -> str:  # noqa: ANN001
    """What the word before the name at token i makes of it: "place" where
    people go (选派护士到省级医院进修, 走进山区小学) — a destination, not a body
    doing the work; "object" for a thing being built (建立工会维权服务站);
    "" otherwise. 到/去 after a verb (落实到各基层工会) hands work to the body."""
    if i < 1:
        return ""
    prev = i - 2 if doc[i - 1].text in _OPEN_QUOTES and i >= 2 else i - 1  # 组建“巾帼宣讲团”
    if doc[prev].text in rules["built_before"]:
        return "object"
    # the verb may stand a few describing words away (到优秀的一线项目部,
    # 到本市各大医院), or a clause closed by 的 (到结对帮扶的青山小学); a verb
    # outside such a clause, a time or a mark between ends the search
    tags = _tags()
    j = i - 1
    relative = False
    while j >= 0 and i - j <= 6 and doc[j].text not in rules["destination_before"]:
        word = doc[j].text
        relative = relative or word == "的"
        if not (relative and _HAN.match(word)) and tags.get(word, "x")[:1] not in _DESCRIBING and not word.startswith("各"):
            return ""
        j -= 1
    if j < 0 or doc[j].text not in rules["destination_before"]:
        return ""
    if doc[j].text in _MOTION_AFTER_VERB and j >= 1 and tags.get(doc[j - 1].text, "")[:1] in {"v", "a"}:
        return ""  # jieba tags 落实 a
    return "place"


# word classes that may stand between a verb of going and the place it names
_DESCRIBING = {"a", "b", "c", "d", "m", "n", "r", "u", "z"}


def _list_bounds(text: str, spans: list[tuple[int, int]], k: int) -> tuple[int, int]:
    """First and last span of the list (X、Y和Z) that span k stands in: the
    words around the whole list govern each of its names."""
    first = k
    while first > 0 and _LIST_SEP.match(text[spans[first - 1][1] : spans[first][0]] or "x"):
        first -= 1
    last = k
    while last + 1 < len(spans):
        gap = text[spans[last][1] : spans[last + 1][0]]
        if not (_LIST_SEP.match(gap or "x") and gap != "，"):
            break
        last += 1
    return first, last


def _unit_frame(before: str, after: str, rules: dict) -> bool:
    return any(before.endswith(w) for w in rules["unit_frame_before"]) and any(after.startswith(w) for w in rules["unit_frame_after"])


def _team_acts(text: str, spans: list[tuple[int, int]], k: int, rules: dict) -> bool:
    """Teams and groups (车队, 教研组, 班组) are bodies only where the plan
    hands them work in so many words: 以X为单位, 由X, 配合/联合X, X负责/要
    (also for a list: 各年级组、备课组要…). Sent somewhere, organised into a
    contest or named beside another word (和班组学习), they are people."""
    first, last = _list_bounds(text, spans, k)
    s, e = spans[first][0], spans[last][1]
    before, after = text[max(0, s - 6) : s], text[e : e + 6]
    return (
        _unit_frame(before, after, rules)
        or any(before.endswith(w) for w in rules["team_before"])
        or any(after.startswith(w) for w in rules["team_after"])
    )


def _clause(text: str, s: int, e: int, marks: str = _CLAUSE_END) -> tuple[int, int]:
    a = s
    while a > 0 and text[a - 1] not in marks:
        a -= 1
    b = e
    while b < len(text) and text[b] not in marks:
        b += 1
    return a, b


_NUMBERING = re.compile(r"^[\s\-—]*([（(]?[一二三四五六七八九十\d]+[)）、.．]|[①-⑳])?\s*")
_UNDER = re.compile(
    r"在(?P<who>[^。；;！？\n]{1,60}?)(?:的)?(?:正确|坚强|统一|亲切|大力|具体|有力|强势|精心|直接|全力|积极)?"
    r"(?P<verb>领导|指导|推进|推动|关心|关怀|统一部署|部署|支持|帮助|协助|配合|参与|协调)(?:和(?:支持|帮助|指导|关心))?下"
)


_GENERIC_LIST = re.compile(r"(?:(?:各|相关|有关)[\u4e00-\u9fff]{0,2}?(?:单位|部门|科室|部室|处室|机构)[、和及与])+$")


def _role(text: str, spans: list[tuple[int, int]], k: int, rules: dict, dest: list[bool] | None = None) -> str:
    """The role the clause gives span k; "place" for a destination (dest
    flags, per span, a name right after a verb of going)."""
    s, e = spans[k]
    a, b = _clause(text, s, e)
    for m in _UNDER.finditer(text, a, b):
        if m.start("who") <= s and e <= m.end("who"):
            return "leader" if m.group("verb") in rules["leader_verbs"] else "support"
    first, last = _list_bounds(text, spans, k)
    if dest and dest[first] == "place":
        return "place"
    # 请各科室、局属各单位…: a generic list member (no body itself) leaves the
    # words before it to govern the names after it
    before = _GENERIC_LIST.sub("", text[max(a, spans[first][0] - 20) : spans[first][0]])[-6:]
    after = text[spans[last][1] : spans[last][1] + 6]
    if after.startswith(tuple(rules["source_after"])):
        return "place"  # 贯彻市总工会有关会议精神: the source of a meeting or document, not a doer
    # 以车队为单位开展: each such team carries the work
    if _unit_frame(before, after, rules):
        return "lead"
    if after[:1] in "，,":  # 成立工会活动小组，负责…: only an explicit charge crosses the comma
        after = after[1:] if after[1:3] in {"负责", "牵头"} else ""
    if dest and dest[first] == "object" and not after.startswith(("负责", "牵头")):
        return "place"  # 建立工会维权服务站: a thing being built, not yet one doing the work
    if any(before.endswith(w) for w in rules["partner_lead_before"]):
        return "lead"
    if any(before.endswith(w) for w in rules["lead_before"]):
        return "lead"
    # "…如下，请各科室认真落实": the bodies asked to act; not 邀请/申请
    if any(before.endswith(w) and not _HAN.match(before[-len(w) - 1 : -len(w)] or "x") for w in rules["request_before"]):
        return "lead"
    if any(before.endswith(w) for w in rules["support_before"]):
        return "support"
    if any(after.startswith(w) for w in rules["lead_after"]):
        return "lead"
    if any(after.startswith(w) for w in rules["support_after"]):
        return "support"  # 局办公室负责，法规科、执法大队配合: the helpers
    # 将/要/对 … make a subject only of a name that opens its clause.
    head = text[a : spans[first][0]]
    head = re.split(r"[，,:：]", head)[-1]  # 2025年，学校工会将…: the subject follows the comma
    opening = _NUMBERING.sub("", head.strip()).strip()
    if not opening and any(after.startswith(w) for w in rules["subject_after"]):
        return "lead"
    return "mention"


# --------------------------------------------------------------- merging


def _norm(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def merge_bodies(mentions: list[Mention], unit: str | None = None) -> list[Body]:
    """One entry per body: its name, its roles and how often it is named.

    The unit itself is the issuer (under the name of its governing body
    where the unit is a place: 桃源社区 → 桃源社区居委会), and a short form that ends the unit's name
    (团支部 in a 社区团支部 plan, 区总工会 in a 青川区总工会 plan) is the
    unit speaking of itself: it counts as a mention of the unit. Other
    spellings are kept apart: a short form that ends a longer one may name
    another body (女职工委员会 ends both 公司女职工委员会 and
    市总工会女职工委员会), and each spelling a plan uses names its body.
    """
    order: list[str] = []
    names: dict[str, str] = {}
    roles: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    if unit:
        key = _norm(unit)
        order.append(key)
        names[key] = unit.strip()
        roles[key] = {"issuer"}
        counts[key] = 0
    unit_key = _norm(unit) if unit else ""
    seat = _seat_of(unit_key, [_norm(m.name) for m in mentions]) if unit_key else ""
    if seat:
        names[unit_key] = next(m.name.strip() for m in mentions if _norm(m.name) == seat)
    for m in mentions:
        key = _norm(m.name)
        if not key:
            continue
        if unit_key and (unit_key.endswith(key) or _short_form_of(key, unit_key) or (seat and seat.endswith(key))):
            key = unit_key
        if key not in names:
            order.append(key)
            names[key] = m.name.strip()
            roles[key] = set()
            counts[key] = 0
        roles[key].add(m.role)
        counts[key] += 1
    result = []
    for key in order:
        r = roles[key]
        if len(r) > 1:
            r.discard("mention")
        result.append(Body(name=names[key], roles=sorted(r, key=ROLE_ORDER.index), mentions=counts[key]))
    return result


def _seat_of(unit: str, keys: list[str]) -> str:
    """A plan signed by a place (桃源社区, 红星村) is issued by the place's
    governing body, which the text names in full (桃源社区居委会): that name,
    or "" where the text names none."""
    for place, seats in _rules()["territory_bodies"].items():
        if unit.endswith(place):
            return next((k for k in keys for seat in seats if k == unit + seat), "")
    return ""


def _short_form_of(name: str, unit: str) -> bool:
    """"青川工会" for 青川区总工会, "葵涌工会" for 葵涌街道工会: the unit's
    leading place name and its kind, with the words between left out."""
    if len(name) < 4 or len(name) >= len(unit):
        return False
    kind = next((k for k in ("工会", "委员会", "团委", "团支部", "妇联") if name.endswith(k) and unit.endswith(k)), None)
    return kind is not None and name[:2] == unit[:2] and name[2:].endswith(kind) and len(name) - len(kind) == 2


# ---------------------------------------------------------------- tables


def table_role(header: str) -> str | None:
    """Role of the bodies listed under a schedule-table column heading."""
    h = _norm(header)
    if any(w in h for w in TABLE_SUPPORT) or re.search(r"(配合|协办|协助|参与)", h):
        return "support"
    if any(w in h for w in TABLE_LEAD) or re.search(r"(牵头|责任|负责|承办|主办)(单位|部门|主体|科室|处室)?$", h):
        return "lead"
    return None


def split_body_list(cell: str) -> list[str]:
    """Names in a table cell: "市教育局、各区(县)教育局" → two names."""
    out = []
    for part in _split_outside_brackets(cell or ""):
        part = part.strip().strip("。.")
        part = re.sub(r"(等|等单位|等部门)$", "", part).strip()
        if part:
            out.append(part)
    return out


_BRACKETED = re.compile(r"[（(][^（()）]{0,12}[)）]")


def _split_outside_brackets(cell: str) -> list[str]:
    """Split at the list marks, but not inside a bracket: 各县(市、区)妇联 is one
    name whose bracket lists the places it covers."""
    held: list[str] = []

    def hold(m: re.Match) -> str:
        held.append(m.group(0))
        return f"\x00{len(held) - 1}\x00"

    masked = _BRACKETED.sub(hold, cell)
    parts = _PUNCT_SPLIT.split(masked)
    return [re.sub(r"\x00(\d+)\x00", lambda m: held[int(m.group(1))], p) for p in parts]
