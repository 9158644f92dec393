"""The .txt reader: encodings and line ends a Chinese office file comes in."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from extractor.errors import ReadError
from extractor.readers import read_bytes
from extractor.readers.txt import decode, read

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

PLAN = "某某县总工会2025年工作计划\n一、加强思想政治引领\n（一）深化理论武装，全年集中学习不少于12次。\n"
TRADITIONAL = ("臨江市第二實驗中學工會2025年工作計劃\r\n學校工會將在學校黨總支和市教育工會的領導下，"
               "以黨的二十大精神為指引，緊緊圍繞學校「立德樹人、特色發展」的辦學目標。\r\n"
               "一、加強師德師風建設，提升教職工思想素質\r\n")


def texts(data: bytes) -> list[str]:
    return [b.text for b in read(data, "t.txt").blocks]


def test_d3_is_gb18030_with_crlf():
    reading = read_bytes((SHARED / "fixtures" / "d3.txt").read_bytes(), "d3.txt")
    assert reading.format == "txt"
    lines = [b.text for b in reading.blocks]
    assert lines[0].strip() == "临江市第二实验中学工会2025年工作计划"
    assert "一、加强师德师风建设，提升教职工思想素质" in lines
    assert not any("\r" in t for t in lines)
    assert all(b.wrapped for b in reading.blocks)


@pytest.mark.parametrize(
    "encoded",
    [
        PLAN.encode("utf-8"),
        codecs.BOM_UTF8 + PLAN.encode("utf-8"),
        PLAN.encode("gbk"),
        PLAN.encode("gb18030"),
        PLAN.encode("utf-16"),  # with BOM
        PLAN.encode("utf-16-le"),  # without BOM
        PLAN.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16-bom", "utf16le-nobom", "utf16be-nobom"],
)
def test_encodings_decode_to_the_same_lines(encoded):
    assert texts(encoded) == PLAN.splitlines()


def test_big5_is_read_as_big5_not_as_gb18030_nonsense():
    # Big5 bytes also decode "cleanly" as GB18030, into different characters.
    assert TRADITIONAL.encode("big5").decode("gb18030") != TRADITIONAL
    assert texts(TRADITIONAL.encode("big5")) == TRADITIONAL.splitlines()


def test_short_gbk_text_stays_gbk():
    assert texts("工作计划".encode("gbk")) == ["工作计划"]


def test_cr_and_crlf_line_ends_are_both_line_ends():
    assert texts("一、总体要求\r二、主要任务\r\n三、保障措施".encode()) == ["一、总体要求", "二、主要任务", "三、保障措施"]


def test_every_physical_line_is_a_wrapped_block():
    blocks = read("2025年，学校工会将在学校党总支\n的领导下开展工作。\n\n二、".encode(), "t.txt").blocks
    assert [b.text for b in blocks] == ["2025年，学校工会将在学校党总支", "的领导下开展工作。", "", "二、"]
    assert all(b.wrapped and b.kind == "paragraph" for b in blocks)


def test_utf8_cut_inside_its_last_character_is_still_utf8():
    data = "工作计划".encode()
    assert decode(data[:-1]) == "工作计"


def test_empty_file_is_a_read_error():
    with pytest.raises(ReadError) as err:
        read_bytes(b"", "empty.txt")
    assert str(err.value) == "empty.txt: 文件是空的" and err.value.code == "file_empty"


def test_blank_file_is_a_read_error():
    with pytest.raises(ReadError) as err:
        read(b" \r\n\r\n\t", "blank.txt")
    assert err.value.file == "blank.txt" and err.value.code == "no_text" and "没有文字" in err.value.reason
