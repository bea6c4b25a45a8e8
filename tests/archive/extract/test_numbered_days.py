"""Days written in numbers, the year last ("12/5/2024"), as Vietnamese news sites and
most of the world's write them: read day first where the page's language writes them
so, never on English pages (where "1/27/2026" is as often a sale's day as the page's),
and not from the teasers under a "Read also" label."""

from __future__ import annotations

import pytest

from archive.extract.document import extract_document

VI_TEXT = "".join(
    f"<p>Đoạn {i}: Hội đồng thành phố cho biết hôm thứ Hai rằng phà cảng sẽ tiếp tục hoạt "
    f"động suốt mùa đông sau khi người dân yêu cầu tại cuộc họp ở hội trường.</p>"
    for i in range(6))
EN_TEXT = "".join(
    f"<p>Paragraph {i}: the council said on Monday that the harbour ferry would keep "
    f"running through the winter, after residents asked for it at the meeting.</p>"
    for i in range(6))
URL = "https://bao.example/pha-tiep-tuc-chay-4745678.html"


def published(body: str) -> str | None:
    doc = extract_document(body.encode(), URL, "text/html; charset=utf-8").document
    assert doc is not None
    return doc.published


@pytest.mark.parametrize("lang", [' lang="vi"', ""])
@pytest.mark.parametrize("shown", [
    "Thứ hai, 12/5/2024, 08:00 (GMT+7)",  # VnExpress
    "12/05/2024 08:00 GMT+7",  # Tuổi Trẻ
    "Chủ nhật, 12/05/2024 - 08:00",  # Dân trí
    "08:00 12/05/2024",
])
@pytest.mark.parametrize("above", [True, False])
def test_a_vietnamese_day_in_numbers_is_read_day_first(lang: str, shown: str, above: bool) -> None:
    """Over the headline (VnExpress's layout) or under it, with the page's language
    declared or told from its text."""
    day = f'<span class="date">{shown}</span>'
    body = (f'<html{lang}><head><title>Phà tiếp tục chạy suốt mùa đông</title></head><body>'
            f'{day if above else ""}<h1>Phà tiếp tục chạy suốt mùa đông</h1>'
            f'{"" if above else day}<article>{VI_TEXT}</article></body></html>')
    assert published(body) == "2024-05-12"


@pytest.mark.parametrize("lang", [' lang="en"', ' lang="en-US"', ""])
def test_an_english_page_s_days_in_numbers_are_not_its_day(lang: str) -> None:
    body = (f'<html{lang}><head><title>Spring courses</title></head><body><h1>Digital '
            'marketing, the spring course</h1><p>Tuesday evenings 1/27/2026 - 3/24/2026</p>'
            f'<article>{EN_TEXT}</article></body></html>')
    assert published(body) is None


def test_a_day_under_a_read_also_label_is_another_story_s() -> None:
    """The page's own day is declared (JSON-LD); the first day under its headline is a
    teaser's, after "Lesen Sie auch"."""
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Fähre '
          'fährt weiter", "datePublished": "2022-08-14T15:40:00+02:00"}</script>')
    text = EN_TEXT.replace("Paragraph", "Absatz")
    body = (f'<html lang="de"><head><title>Fähre fährt weiter</title>{ld}</head><body>'
            '<h1>Fähre fährt weiter</h1><div class="teaser"><span>Lesen Sie auch</span>'
            '<span>14/08/2021</span><a href="/2021/faehre">Die Fähre im Sommer</a></div>'
            f'<article>{text}</article></body></html>')
    assert published(body) == "2022-08-14"


def test_a_read_also_box_inside_the_story_hides_only_itself() -> None:
    """The label heads a box of its own in the story: the box is skipped, the lines
    after it are the story's, and its byline's day under the last paragraph is the day;
    a sidebar's day of 2019 is not."""
    story = "".join(f"<p>{line}</p>" for line in (
        "Die Hafenfähre wird ihren Fahrplan auch in den kältesten Monaten beibehalten, "
        "teilte die Hafenbehörde am Sonntag mit, nachdem sie die Flotte überprüft hatte.",))
    box = ('<div class="teaser"><span>Lesen Sie auch</span><span>14.08.2021</span>'
           '<a href="/2021/faehre">Neue Fähre für den Hafen bestellt</a></div>')
    more = "".join(f"<p>{line}</p>" for line in (
        "Die Besatzungen seien geschult und die Schiffe in gutem Zustand, sagte ein Sprecher "
        "der Behörde. Bei Sturm könne es allerdings auch künftig zu Ausfällen kommen.",
        "Von Anna Müller, 12. Mai 2024"))
    body = ('<html lang="de"><head><title>Fähre fährt auch im Winter - Hafenblatt</title></head>'
            f'<body><article><h1>Fähre fährt auch im Winter</h1>{story}{box}{more}</article>'
            '<div class="sidebar"><p>Meistgelesen</p><p><a href="/x">Hafenfest war ein Erfolg</a>'
            ' 03.08.2019</p></div></body></html>')
    assert published(body) == "2024-05-12"


@pytest.mark.parametrize("related", [
    # a label in the story's flow, its links after it: no box of its own
    '<p><strong>Lesen Sie auch</strong></p><p><a href="/a">Stadtrat streitet</a> '
    "<span>14.08.2021</span></p>",
    # the label and the day as tails between <br>s
    '<div class="text">Lesen Sie auch:<br><a href="/a">Stadtrat streitet</a> 14.08.2021<br></div>',
    # a box whose day is a tail
    '<div class="teaser"><span>Lesen Sie auch</span><a href="/a">Stadtrat streitet 2022</a>'
    "<br>14.08.2021</div>",
])
def test_a_related_story_s_day_after_a_read_also_label_is_not_the_page_s(related: str) -> None:
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Fähre", '
          '"datePublished": "2024-03-05T08:00:00+01:00"}</script>')
    text = EN_TEXT.replace("Paragraph", "Absatz")
    body = (f'<html lang="de"><head><title>Fähre fährt weiter</title>{ld}</head><body>'
            f'<article><h1>Fähre fährt weiter</h1>{related}{text}</article></body></html>')
    assert published(body) == "2024-03-05"


def test_a_day_in_numbers_alone_over_the_headline_is_the_day() -> None:
    """A Spanish page's "12/05/2024" over its headline, no weekday, no time: its day,
    not the meta tags' modified day."""
    body = ('<html lang="es"><head><title>El ferry sigue</title><meta property='
            '"article:modified_time" content="2024-06-01T10:00:00Z"></head><body>'
            '<div class="fecha">12/05/2024</div><h1>El ferry sigue en invierno</h1>'
            f'<article>{EN_TEXT}</article></body></html>')
    assert published(body) == "2024-05-12"


def test_a_vietnamese_header_s_day_of_the_visit_is_not_the_story_s() -> None:
    """Vietnamese sites write today's day in their top bar, in numbers and without a
    time; the story's own day lower down is its day."""
    body = ('<html lang="vi"><head><title>Phà chạy suốt mùa đông</title></head><body>'
            '<div class="topbar"><span class="today">Thứ Hai, 19/05/2025</span></div>'
            f'<article><h1>Phà chạy suốt mùa đông</h1>{VI_TEXT}'
            '<p class="date">Chủ nhật, 12/05/2024 - 08:00</p></article></body></html>')
    assert published(body) == "2024-05-12"
