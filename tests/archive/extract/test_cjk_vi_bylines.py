"""Bylines as Chinese and Vietnamese news pages write them: "作者：" inside the source
line, Xinhua's "（记者王强）" in the dateline, and a Vietnamese story's "Theo ..." (the
paper it was taken from) under the text, which names no author."""

from __future__ import annotations

import pytest

from archive.extract.document import extract_document

ZH = "".join(f"<p>第{i}段：市议会周一表示，港口渡轮将在整个冬季继续运行，此前居民在会议上提出了"
             "这一要求，得到广泛支持。</p>" for i in range(6))
VI = "".join(f"<p>Đoạn {i}: Hội đồng thành phố cho biết hôm thứ Hai rằng phà cảng sẽ tiếp tục "
             "hoạt động suốt mùa đông sau khi người dân yêu cầu tại cuộc họp.</p>" for i in range(6))


def zh_page(below_headline: str, title: str = "渡轮继续运行_新闻") -> str:
    """A Chinese story's page: its headline, then ``below_headline``."""
    return (f'<html lang="zh-CN"><head><title>{title}</title></head><body>'
            f'<h1>港口渡轮将在整个冬季继续运行</h1>{below_headline}</body></html>')


def info_page(info: str, lead: str = "") -> str:
    """A Chinese story with its information line (source, day, byline) and a lead."""
    return zh_page(f'<div class="info">{info}</div><article>'
                   f'{"<p>" + lead + "</p>" if lead else ""}{ZH}</article>')


def vi_page(signature: str) -> str:
    """A Vietnamese story signed under its text."""
    return (f'<html lang="vi"><head><title>Phà chạy suốt mùa đông</title></head><body>'
            f'<h1>Phà chạy suốt mùa đông</h1><article>{VI}{signature}</article></body></html>')


def authors(body: str) -> tuple[str, ...]:
    doc = extract_document(body.encode(), "https://news.example/2024/05/12/a.html",
                           "text/html; charset=utf-8").document
    assert doc is not None
    return doc.authors


@pytest.mark.parametrize("info, lead, expected", [
    ("2024-05-12 08:00 来源：新华网 作者：张明", "", ("张明",)),
    ("2024-05-12 08:00 来源：新华网 文/李华", "", ("李华",)),
    ("2024-05-12 08:00 来源：人民日报", "新华社北京5月12日电（记者王强、李明）", ("王强", "李明")),
    # the reporter as the subject of a sentence: "the reporter learned from ..."
    ("2024-05-12 08:00 来源：人民日报", "记者从市政府获悉，港口渡轮将继续运行。", ()),
    # an editor is not an author
    ("2024-05-12 08:00 来源：人民网", "（责编：牛镛、岳弘彬）", ()),
])
def test_a_chinese_byline(info: str, lead: str, expected: tuple[str, ...]) -> None:
    assert authors(info_page(info, lead)) == expected


@pytest.mark.parametrize("signature, expected", [
    ('<p style="text-align:right;"><strong>Minh Anh</strong></p>', ("Minh Anh",)),
    ('<p style="text-align:right;"><strong>Theo Tuổi Trẻ</strong></p>', ()),
    ("<p><strong>Theo Reuters</strong></p>", ()),
])
def test_a_vietnamese_signature(signature: str, expected: tuple[str, ...]) -> None:
    assert authors(vi_page(signature)) == expected


@pytest.mark.parametrize("markup, expected", [
    # Sina's editor line, in an element its class calls the author's
    ('<p class="show_author">责任编辑：李华</p>', ()),
    ('<p class="article-editor">责编：牛镛</p>', ()),
    ('<span class="author">作者：张明</span>', ("张明",)),
    # a Japanese site's link to its writer's page, with its label
    ('<a class="articleHeader_name" href="/author/180/">著者：後藤大地</a>', ("後藤大地",)),
    ('<p>筆者：田中宏昌</p>', ("田中宏昌",)),
    # a photo's credit "by the writer", the heading over the writer's profile
    ("<figure><figcaption>筆者撮影</figcaption></figure>", ()),
    ("<h3>著者紹介</h3><p>山田太郎</p>", ()),
    # the label in a cell of its own, or before a space
    ("<dl class='info'><dt>執筆者</dt><dd>山田 太郎</dd></dl>", ("山田 太郎",)),
    ("<span>執筆 山田太郎</span>", ("山田太郎",)),
    # a reviewed book's data: its author is not the review's
    ('<table><tr><td>著者：村上春樹</td></tr></table>'
     '<p>評者：<a href="/author/sato-hanako/">佐藤花子</a></p>', ("佐藤花子",)),
])
def test_a_chinese_author_element(markup: str, expected: tuple[str, ...]) -> None:
    assert authors(zh_page(f'<div class="article">{ZH}{markup}</div>')) == expected


@pytest.mark.parametrize("signature, expected", [
    # VnExpress: the reporter in bold, then where the story comes from
    ('<p style="text-align:right;"><strong>Ngân Hà</strong> (Theo <em>Newsweek</em>)</p>',
     ("Ngân Hà",)),
    ('<p style="text-align:right;"><strong>Vũ Anh</strong> (Theo <em>Reuters</em>, '
     '<em>AFP</em>)</p>', ("Vũ Anh",)),
    ('<p style="text-align:right;"><strong>Minh Ngọc (Tổng hợp)</strong></p>', ("Minh Ngọc",)),
    ('<p style="text-align:right;"><strong>Minh Ngọc</strong> (Tổng hợp)</p>', ("Minh Ngọc",)),
    # a bold word inside a sentence is no signature
    ('<p><strong>Lưu ý</strong> (theo hướng dẫn của thành phố) người dân cần mang giấy tờ.</p>', ()),
])
def test_a_vietnamese_signature_with_its_source(signature: str, expected: tuple[str, ...]) -> None:
    """The signature names the author, and neither it nor its source note stays in the
    text (they are metadata, not the story)."""
    doc = extract_document(vi_page(signature).encode(), "https://news.example/2024/05/12/a.html",
                           "text/html; charset=utf-8").document
    assert doc is not None
    assert doc.authors == expected
    if expected:
        assert doc.text.split("\n\n")[-1].startswith("Đoạn 5")


@pytest.mark.parametrize("info, expected", [
    # the line's next label is no second author
    ("来源：市政府网站 作者：张明 发布时间：2024-05-12 10:30", ("张明",)),
    ("来源：人民网 作者：张明 字号：大 中 小", ("张明",)),
    ("2024-05-12 来源：新华网 作者：张明、李华", ("张明", "李华")),
    # a book's author under its title, in a review: no source, no day on the line
    ("书名：《挪威的森林》 作者：村上春树 出版社：上海译文出版社", ()),
    # an interview's question ("the Beijing News reporter: you think, ...")
    ("新京报记者：您认为，今年经济运行呈现出哪些新特点？", ()),
    # a correspondent after the reporter is no author
    ("本报讯（记者 王强 通讯员 李明）港口渡轮将继续运行。", ("王强",)),
    # a line that opens with its label
    ("文/张明", ("张明",)),
    ("文/张明 图/李华", ("张明",)),
    # a book's author and its publication month in a review
    ("《挪威的森林》 作者：村上春树 译者：林少华 上海译文出版社 2007年7月", ()),
])
def test_a_chinese_line_that_names_a_writer(info: str, expected: tuple[str, ...]) -> None:
    assert authors(info_page(info)) == expected


def test_an_editor_line_of_several_names_gives_none_of_them() -> None:
    """People's Daily's "（责编：牛镛、岳弘彬）" in an element its class calls the author's:
    the reporter of the information line is the author, not the second editor."""
    body = zh_page('<div class="info">来源：人民网 作者：张明 字号：大 中 小</div><div class="article">'
                   f'{ZH}<p class="show_author">（责编：牛镛、岳弘彬）</p></div>', "渡轮继续运行--时政--人民网")
    assert authors(body) == ("张明",)
